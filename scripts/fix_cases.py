"""Write tests/conformance/fixes.json: one small case per compatibility fix.

For each case it records what citeproc-js renders (the expected strings, from
../shared/oracle/csl-reference) and what stock citeproc-py renders (run in a separate
interpreter that never imports citekit: tests/conformance/stock.py), so tests/test_fixes.py
can check both that citekit matches the reference and that the case really exercises the
fix. Needs node; CITEKIT_ORACLE points to csl-reference when ../shared is not beside the
checkout (a git worktree).

    CITEKIT_ORACLE=/work/shared/oracle/csl-reference python scripts/fix_cases.py [FIX-ID ...]

With fix ids, only their cases are rendered again; the others stay as recorded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The reference engine: $CITEKIT_ORACLE, else ../shared beside the checkout.
ORACLE = Path(os.environ.get("CITEKIT_ORACLE", ROOT.parent / "shared" / "oracle" / "csl-reference"))
OUT = ROOT / "tests" / "conformance" / "fixes.json"

K = {"family": "Kraus", "given": "Charles"}
DOC = {
    "type": "manuscript",
    "archive": "Wilson Center Digital Archive",
    "issued": {"date-parts": [[1962, 4, 26]]},
}


def item(i: str, **kw: Any) -> dict[str, Any]:
    return {"id": i, **DOC, **kw}


def cite(i: str, loc: str | None = None) -> list[dict[str, Any]]:
    return [{"id": i, "locator": loc, "label": "page"}] if loc else [{"id": i}]


CASES: list[dict[str, Any]] = [
    {
        "fix": "initialize",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report", translator=[K], archive_location="PRC FMA 1")],
    },
    {
        "fix": "quotes",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Zhang Hanfu's Discussion", author=[K], archive_location="X 1")],
    },
    {
        "fix": "nested-quotes",
        "style": "chicago-notes-bibliography",
        "items": [
            item("a", title='Report on "Operation Anadyr"', author=[K], archive_location="X 1")
        ],
    },
    {
        "fix": "punct-in-quote",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report", author=[K], archive_location="X 1")],
        "citations": [cite("a", "3")],
    },
    {
        "fix": "substitute",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report", translator=[K], archive_location="X 1")],
        "citations": [cite("a", "3"), cite("a", "4")],
    },
    {
        "fix": "numeric-ranges",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report", author=[K], archive_location="X 1", page="11-12")],
    },
    {
        "fix": "ibid-case",
        "style": "chicago-notes-bibliography-subsequent-ibid",
        "items": [item("a", title="Report", author=[K], archive_location="X 1")],
        "citations": [cite("a", "3"), cite("a", "4")],
    },
    {
        "fix": "ibid-same-locator",
        "style": "chicago-notes-bibliography-subsequent-ibid",
        "items": [item("a", title="Report", author=[K], archive_location="X 1")],
        "citations": [cite("a", "3"), cite("a", "3")],
    },
    {
        "fix": "html-escape",
        "style": "chicago-notes-bibliography",
        "format": "html",
        "items": [item("a", title="Trade & Aid <script>", author=[K], archive_location="X 1")],
    },
    {
        "fix": "label-case",
        "style": "apa",
        "items": [item("a", title="Report", author=[{"literal": "Ministry"}], translator=[K])],
    },
    {
        "fix": "han-names",
        "style": "chicago-notes-bibliography",
        "items": [
            item(
                "a",
                title="Report",
                author=[{"family": "章", "given": "汉夫"}],
                archive_location="X 1",
            )
        ],
        "citations": [cite("a", "3"), cite("a", "4")],
    },
    {
        "fix": "date-ranges",
        "style": "chicago-author-date",
        "items": [
            item(
                "a",
                title="Minutes",
                author=[K],
                issued={"date-parts": [[1956, 10, 23], [1956, 10, 31]]},
            )
        ],
    },
    {
        "fix": "dates-raw",
        "style": "chicago-notes-bibliography",
        "items": [
            {
                **item("a", title="Report", author=[K], archive_location="X 1"),
                "issued": {"raw": "1962-04"},
            }
        ],
    },
    {
        "fix": "csl-1.0.2",
        "style": "chicago-notes-bibliography",
        "items": [
            {
                "id": "a",
                "type": "motion_picture",
                "title": "Film",
                "director": [K],
                "issued": {"date-parts": [[1962]]},
            }
        ],
    },
    {
        "fix": "title-case",
        "style": "chicago-notes-bibliography",
        "items": [
            {
                "id": "a",
                "type": "article-journal",
                "title": "talks between the two sides",
                "container-title": "Journal of Cold War Studies",
                "author": [K],
                "issued": {"date-parts": [[1999]]},
            }
        ],
    },
    {
        "fix": "sort-keys",
        "style": "chicago-notes-bibliography",
        "items": [
            item(
                "a",
                title="Zeta Report",
                author=[{"family": "Young", "given": "A"}],
                archive_location="X 1",
            ),
            item("b", title="Cable", archive_location="X 2"),
        ],
    },
    {
        "fix": "empty-label",
        "style": "chicago-notes-bibliography",
        "items": [
            {
                "id": "a",
                "type": "article-newspaper",
                "title": "Border Dispute",
                "container-title": "New York Times",
                "author": [K],
                "issued": {"date-parts": [[1962, 9, 15]]},
            }
        ],
    },
    {
        "fix": "page-ranges",
        "style": "modern-language-association",
        "items": [
            {
                "id": "a",
                "type": "article-journal",
                "title": "Aims",
                "container-title": "Journal",
                "author": [K],
                "page": "3-55",
                "issued": {"date-parts": [[1999]]},
            }
        ],
    },
    {
        "fix": "initials",
        "style": "apa",
        "items": [item("a", title="Letter", author=[{"family": "Pak", "given": "Hon-yong"}])],
    },
    {
        "fix": "subsequent-author-substitute",
        "style": "turabian-notes-bibliography",
        "items": [
            item("a", title="Alpha", author=[K], archive_location="X 1"),
            item("b", title="Beta", author=[K], archive_location="X 2"),
        ],
    },
    {
        "fix": "substitute-choose",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Speech", editor=[K], translator=[K], archive_location="X 1")],
    },
    {
        "fix": "bib-locator",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report", author=[K], archive_location="X 1", page="11-12")],
        "citations": [cite("a", "11")],
    },
    {
        "fix": "disambiguate",
        "style": "modern-language-association",
        "items": [
            item("a", title="Cable on the Border", translator=[K]),
            item("b", title="Instructions", translator=[K]),
            item("c", title="Telegram", translator=[{"family": "Goldberg", "given": "Gary"}]),
        ],
        "citations": [cite("a", "2"), cite("b", "3"), cite("c", "4")],
        "bibliography": False,
    },
    {
        "fix": "disambiguate-short-form",
        "style": "chicago-notes-bibliography",
        "items": [
            item("a", title="Report", author=[K], archive_location="X 1"),
            item("b", title="Report", author=[{"family": "Kraus", "given": "James"}]),
        ],
        "citations": [cite("a"), cite("b"), cite("a"), cite("b")],
        "bibliography": False,
    },
    {
        "fix": "year-suffix",
        "style": "chicago-author-date",
        "items": [
            item("a", title="Cable", translator=[K]),
            item("b", title="Instructions", translator=[K]),
        ],
        "citations": [cite("a", "2"), cite("b", "3")],
    },
    {
        "fix": "implicit-year-suffix",
        "style": "academy-of-management-review",
        "items": [
            item("a", title="Cable", author=[K]),
            item("b", title="Instructions", author=[K]),
        ],
        "citations": [cite("a", "2"), cite("b", "3")],
    },
    {
        "fix": "add-names",
        "style": "apa",
        "items": [
            item(
                "a",
                title="Cable",
                author=[K, {"family": "Chen", "given": "Jian"}, {"family": "Lee", "given": "Min"}],
            ),
            item(
                "b",
                title="Instructions",
                author=[K, {"family": "Park", "given": "Sun"}, {"family": "Lee", "given": "Min"}],
            ),
        ],
        "citations": [cite("a", "2"), cite("b", "3")],
    },
    {
        "fix": "givenname",
        "style": "modern-language-association",
        "items": [
            item("a", title="Memo", author=[{"family": "Chen", "given": "Zhihong"}]),
            item(
                "b",
                title="Note",
                author=[{"family": "Chen", "given": "Jian"}],
                issued={"date-parts": [[1998]]},
            ),
        ],
        "citations": [cite("a", "2"), cite("b", "3")],
    },
    {
        "fix": "sort-dates",
        "style": "chicago-notes-bibliography",
        "items": [
            item(
                "a",
                title="Same",
                author=[K],
                archive_location="X 1",
                issued={"date-parts": [[1962, 2, 1]]},
            ),
            item(
                "b",
                title="Same",
                author=[K],
                archive_location="X 1",
                issued={"date-parts": [[1962, 1, 5]]},
            ),
        ],
    },
]

TWO = [
    item("a", title="Report on the Border", author=[K], archive_location="X 1"),
    item(
        "b", title="Other Thing", author=[{"family": "Zed", "given": "Q"}], archive_location="X 2"
    ),
]
CASES += [
    {
        "fix": "term-fallback",
        "style": "modern-language-association",
        "items": [
            item("a", title="Note", author=[K], issued={"date-parts": [[1962]], "season": 1})
        ],
    },
    {
        "fix": "note-index",
        "style": "chicago-notes-bibliography-subsequent-ibid",
        "items": TWO,
        "citations": [
            {"items": cite("a", "3"), "noteIndex": 1},
            {"items": cite("a", "3"), "noteIndex": 3},
        ],
        "bibliography": False,
    },
    {
        "fix": "suppress-author",
        "style": "chicago-author-date",
        "items": TWO,
        "citations": [[{"id": "b", "suppress-author": True}]],
        "bibliography": False,
    },
    {
        "fix": "author-only",
        "style": "modern-language-association",
        "items": TWO,
        "citations": [[{"id": "a", "author-only": True}]],
        "bibliography": False,
    },
]

# Cite-level machinery: registry order, cite order, bibliography divisions.
THREE = [
    item("a", title="Report on the Border", author=[{"family": "Kraus", "given": "C"}]),
    item("b", title="Other Thing", author=[{"family": "Zed", "given": "Q"}]),
    item("c", title="Third", author=[{"family": "Young", "given": "P"}]),
]
# without a date: these styles' default locales print dates as the oracle (en-US) does not
UNDATED = [{k: v for k, v in i.items() if k != "issued"} for i in THREE]
CASES += [
    {
        "fix": "registry-order",
        "style": "american-medical-association",
        "items": THREE,
        "citations": [cite("c"), [{"id": "a"}, {"id": "b"}]],
    },
    {
        "fix": "display",
        "style": "american-medical-association",
        "format": "html",
        "items": THREE,
    },
    {
        "fix": "cite-order",
        "style": "modern-language-association",
        "items": THREE,
        "citations": [cite("a"), [{"id": "b"}, {"id": "a"}]],
        "bibliography": False,
    },
    {
        "fix": "collapse",
        "style": "chicago-author-date",
        "items": [
            *THREE,
            item(
                "d",
                title="Later Report",
                author=[{"family": "Kraus", "given": "C"}],
                issued={"date-parts": [[1963]]},
            ),
        ],
        "citations": [
            [{"id": "a"}, {"id": "b"}, {"id": "d"}],
        ],
        "bibliography": False,
    },
    {
        "fix": "first-reference-note-number",
        "style": "australian-guide-to-legal-citation",
        "items": UNDATED,
        "citations": [cite("a"), cite("b"), cite("a")],
        "bibliography": False,
    },
    {
        "fix": "near-note-distance",
        "style": "istanbul-universitesi-sosyal-bilimler-enstitusu",
        "items": [{**i, "issued": {"date-parts": [[1962]]}} for i in UNDATED],
        "citations": [cite("a"), cite("b"), cite("a")],
        "bibliography": False,
    },
    {
        "fix": "collapse",
        "style": "american-medical-association",
        "items": THREE,
        "citations": [[{"id": "a"}, {"id": "b"}, {"id": "c"}]],
        "bibliography": False,
    },
]

# Input under Zotero's older field names.
CASES += [
    {
        "fix": "input-aliases",
        "style": "american-medical-association",
        "items": [
            {
                "id": "a",
                "type": "article-journal",
                "title": "The Border Talks",
                "author": [K],
                "container-title": "Journal of Cold War Studies",
                "journalAbbreviation": "J Cold War Stud",
                "issued": {"date-parts": [[2004]]},
            }
        ],
        "citations": [cite("a")],
    },
]

# A locator written with its label.
CASES += [
    {
        "fix": "locator-label-parse",
        "style": "apa",
        "items": [
            {
                "id": "a",
                "type": "manuscript",
                "title": "Report on the Border",
                "author": [K],
                "archive": "Wilson Center Digital Archive",
                "issued": {"date-parts": [[1962, 4, 26]]},
            }
        ],
        "citations": [[{"id": "a", "locator": "fol. 186"}], [{"id": "a", "locator": "12"}]],
        "bibliography": False,
    },
    {
        "fix": "sub-verbo-label",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report on the Border", author=[K])],
        "citations": [[{"id": "a", "locator": "gargoyle", "label": "sub verbo"}]],
        "bibliography": False,
    },
    {
        "fix": "locator-rich-text",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report on the Border", author=[K])],
        "citations": [
            [{"id": "a", "locator": '"gargoyle"', "label": "sub-verbo"}],
            [{"id": "a", "locator": 'the "red" file', "label": "chapter"}],
        ],
        "bibliography": False,
    },
    {
        "fix": "is-numeric-locator",
        "style": "chicago-notes-bibliography",
        "items": [item("a", title="Report on the Border", author=[K])],
        "citations": [
            [{"id": "a", "locator": "3", "label": "chapter"}],
            [{"id": "a", "locator": "4", "label": "line"}],
        ],
        "bibliography": False,
    },
]

# Positions and notes (branch positions).
SAME_AUTHOR = [
    item("a", title="Report on the Border", author=[K], archive_location="X 1"),
    item("b", title="Note on Trade", author=[K], archive_location="X 2"),
]
CASES += [
    {
        "fix": "positions-affix-delimiter",
        "style": "chicago-notes-bibliography",
        "items": TWO,
        "citations": [[{"id": "a"}, {"id": "b", "prefix": ". See also"}]],
        "bibliography": False,
    },
    {
        "fix": "positions-note-label",
        "style": "oscola",
        "lang": "en-GB",
        "items": TWO,
        "citations": [cite("a", "3"), cite("b"), cite("a", "4")],
        "bibliography": False,
    },
    {
        "fix": "positions-etal-subsequent",
        "style": "american-sociological-association",
        "items": [
            item(
                "a",
                title="Report",
                author=[K, {"family": "Zed", "given": "Q"}, {"family": "Young", "given": "P"}],
            )
        ],
        "citations": [cite("a"), cite("a")],
        "bibliography": False,
    },
    {
        "fix": "positions-probe-note",
        "style": "oscola",
        "lang": "en-GB",
        "items": SAME_AUTHOR,
        "citations": [cite("a"), cite("b"), cite("a"), cite("b")],
        "bibliography": False,
    },
]

STOCK = ROOT / "tests" / "conformance" / "stock.py"  # stock citeproc-py, no citekit


def main(only: list[str]) -> None:
    """Write every case, or (with fix ids) only those, keeping the others as recorded."""
    from citekit.engine.styles import resolve_style

    recorded: list[dict[str, Any]] = []
    if only and OUT.is_file():
        recorded = json.loads(OUT.read_text(encoding="utf-8"))
    results = []
    for n, case in enumerate(CASES):
        same = [c for c in recorded if c["fix"] == case["fix"]]
        if only and case["fix"] not in only and same:
            # a fix id may have two cases: each is kept by its place among that id's cases
            results.append(same[sum(c["fix"] == case["fix"] for c in CASES[:n])])
            continue
        job = {
            "style": str(resolve_style(case["style"]).path),
            "format": case.get("format", "text"),
            "items": case["items"],
            "citations": case.get("citations", []),
            "bibliography": case.get("bibliography", True),
        }
        if "lang" in case:  # the style's own locale: the reference would default to en-US
            job["lang"] = case["lang"]
        ref = json.loads(
            subprocess.run(
                [str(ORACLE)], input=json.dumps(job), capture_output=True, text=True, check=True
            ).stdout
        )
        stock = json.loads(
            subprocess.run(
                [sys.executable, str(STOCK)],
                input=json.dumps(job),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        results.append(
            {
                **case,
                "expected": {"citations": ref["citations"], "bibliography": ref["bibliography"]},
                "stock": stock,
            }
        )
        print(case["fix"], "ok", file=sys.stderr)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
