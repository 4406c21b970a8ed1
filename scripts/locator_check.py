"""Cited locators, every label, against citeproc-js: how many cites come out the same.

    python scripts/locator_check.py                    # the five main styles
    python scripts/locator_check.py --styles ieee mhra-notes -v

Cites an archival record and a book with each of ten labels (none, page, folio, chapter,
line, volume, section, paragraph, verse, note) and fourteen locators ("3", "12-14",
"ii", "fol. 186", "ch. 3", "vol. 1, fol. 190", ...), in each style with its own default
locale, and compares citekit's citations with csl-reference's (../shared/oracle: node, and
this project's venv active). The conformance suites cite pages; this is where the other
labels are measured. A developer tool: it prints numbers, it is not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ORACLE = ROOT.parent / "shared" / "oracle" / "csl-reference"

LABELS = (None, "page", "folio", "chapter", "line", "volume", "section", "paragraph", "verse")
LABELS += ("note",)
LOCATORS = ("3", "12-14", "ii", "fol. 186", "ch. 3", "l. 5", "vol. 1, fol. 190", "3a", "A-12")
LOCATORS += ("sec. 2", "p. 5", "pp. 5-6", "no. 4", "n. 7")
STYLES = (
    "chicago-notes-bibliography",
    "apa",
    "modern-language-association",
    "chicago-author-date",
    "turabian-notes-bibliography",
)
ITEMS = [
    {
        "id": "a",
        "type": "manuscript",
        "title": "Cable on the Border",
        "author": [{"family": "Kraus", "given": "Charles"}],
        "archive": "Wilson Center Digital Archive",
        "issued": {"date-parts": [[1962, 4, 26]]},
    },
    {
        "id": "b",
        "type": "book",
        "title": "A Book",
        "author": [{"family": "Westad", "given": "Odd Arne"}],
        "publisher": "CUP",
        "issued": {"date-parts": [[2005]]},
    },
]


def job(style: str) -> tuple[dict[str, Any], list[str]]:
    """The job for one style, and a description of each citation in it."""
    from citekit.engine.styles import resolve_style

    path = resolve_style(style).path
    locale = re.search(r'default-locale="([^"]+)"', path.read_text(encoding="utf-8"))
    citations, what = [], []
    for label in LABELS:
        for locator in LOCATORS:
            for item in ("a", "b"):
                cite = {"id": item, "locator": locator, **({"label": label} if label else {})}
                citations.append([cite])
                what.append(f"{label or '-'} {locator!r} ({item})")
    return {
        "style": str(path),
        "format": "text",
        "lang": locale.group(1) if locale else "en-US",
        "items": ITEMS,
        "citations": citations,
        "bibliography": False,
    }, what


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--styles", nargs="*", default=list(STYLES))
    p.add_argument("-v", "--verbose", action="store_true", help="print the cites that differ")
    a = p.parse_args()
    import citekit

    same = total = 0
    for style in a.styles:
        the_job, what = job(style)
        run = subprocess.run(
            [str(ORACLE)], input=json.dumps(the_job), capture_output=True, text=True, check=True
        )
        reference = json.loads(run.stdout)["citations"]
        ours = citekit.process(the_job)["citations"]
        equal = sum(x == y for x, y in zip(ours, reference, strict=True))
        print(f"{style:55s} {equal}/{len(ours)}")
        if a.verbose:
            for desc, x, y in zip(what, ours, reference, strict=True):
                if x != y:
                    print(f"  {desc}: citekit {x!r} | citeproc-js {y!r}")
        same, total = same + equal, total + len(ours)
    print(f"overall {same}/{total} cites equal to citeproc-js")


if __name__ == "__main__":
    main()
