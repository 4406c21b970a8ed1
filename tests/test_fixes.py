"""One case per compatibility fix (citekit/engine/, marked FIX(...), listed in FIXES).

Each case's expected strings come from citeproc-js (scripts/fix_cases.py). Stock citeproc-py
0.11.1 renders the case live, here, after citekit: its output must differ from the expected
one (else the case tests no fix), and must equal what it printed in a fresh interpreter
when the case was made (recorded as "stock"), since citekit changes nothing of citeproc-py.
"""

from __future__ import annotations

import importlib.util
import json
import re
from typing import Any

import pytest
from conftest import ROOT

import citekit
from citekit.engine.fixes import FIXES, PHASES
from citekit.engine.styles import resolve_style
from citekit.errors import RenderError

CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests/conformance/fixes.json").read_text(encoding="utf-8")
)

_spec = importlib.util.spec_from_file_location("stock", ROOT / "tests/conformance/stock.py")
assert _spec and _spec.loader
stock: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stock)


def _norm(s: str) -> str:
    s = re.sub(r'^<div class="csl-entry">(.*)</div>$', r"\1", s.strip(), flags=re.S)
    return s.replace("&#38;", "&amp;").replace("&#60;", "&lt;").replace("&#62;", "&gt;")


def test_fixes_table_markers_and_cases_agree() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "citekit/engine").rglob("*.py"))
    )
    markers = set(re.findall(r"FIX\(([a-z0-9.-]+)\)", source))
    ids = [f.id for f in FIXES]
    assert len(ids) == len(set(ids)), "a fix id is listed twice"
    assert markers == set(ids), (sorted(markers - set(ids)), sorted(set(ids) - markers))
    cases = {c["fix"] for c in CASES}
    tests = set(re.findall(r"^def (test_\w+)", (ROOT / "tests/test_fixes.py").read_text(), re.M))
    for fix in FIXES:
        assert fix.phase in PHASES, fix
        assert fix.cause and fix.spec and fix.upstream, fix
        named_cases = set(re.findall(r"case '([a-z0-9.-]+)'", fix.proof))
        named_tests = set(re.findall(r"::(test_\w+)", fix.proof))
        assert named_cases or named_tests, f"{fix.id}: no proof named"
        assert named_cases <= cases, f"{fix.id}: no such case {named_cases - cases}"
        assert named_tests <= tests, f"{fix.id}: no such test {named_tests - tests}"
        for path in re.findall(r"docs/upstream/[\w.-]+", fix.upstream):
            assert (ROOT / path).is_file(), path


def test_every_correcting_override_is_in_the_fixes_table() -> None:
    """Each class in the loader's overrides (speed caches aside) is named by a FIXES row."""
    from citekit.engine.loader import OVERRIDES

    named = " ".join(f.where for f in FIXES)
    for cls in OVERRIDES:
        module = cls.__module__.removeprefix("citekit.engine.")
        if module.startswith("caches."):
            continue
        assert f"{module}.{cls.__name__}" in named, f"{module}.{cls.__name__}: no FIXES row"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["fix"])
def test_fix_matches_reference_and_stock_differs(case: dict[str, Any]) -> None:
    job = {k: case[k] for k in ("style", "items")}
    job["format"] = case.get("format", "text")
    job["citations"] = case.get("citations", [])
    job["bibliography"] = case.get("bibliography", True)
    got = citekit.process(job)
    exp = case["expected"]
    assert [_norm(x) for x in got["citations"]] == [_norm(x) for x in exp["citations"]]
    assert [_norm(x) for x in got["bibliography"]] == [_norm(x) for x in exp["bibliography"]]
    live = stock.render({**job, "style": str(resolve_style(case["style"]).path)})
    assert live == case["stock"], "stock citeproc-py renders differently next to citekit"
    assert "error" in live or (live["citations"], live["bibliography"]) != (
        exp["citations"],
        exp["bibliography"],
    ), "stock citeproc-py already gets this right: the case does not test a fix"


def test_missing_item_is_an_error_naming_it() -> None:
    job = {
        "style": "apa",
        "items": [{"id": "a", "type": "book", "title": "T"}],
        "citations": [[{"id": "Nope"}]],
    }
    with pytest.raises(RenderError, match="'Nope'"):
        citekit.process(job)


def test_ids_keep_their_case() -> None:
    items = [
        {"id": "Kraus1962A", "type": "book", "title": "Upper", "author": [{"family": "A"}]},
        {"id": "kraus1962a", "type": "book", "title": "Lower", "author": [{"family": "B"}]},
    ]
    job = {
        "style": "chicago-notes-bibliography",
        "items": items,
        "citations": [[{"id": "Kraus1962A"}], [{"id": "kraus1962a"}]],
    }
    out = citekit.process(job)
    assert "Upper" in out["citations"][0] and "Lower" in out["citations"][1]


def test_edtf_and_garbage_dates_never_crash() -> None:
    items = [
        {"id": "a", "type": "book", "title": "T", "issued": {"raw": "1955/1956"}},
        {"id": "b", "type": "book", "title": "U", "issued": "not a date"},
        {"id": "c", "type": "book", "title": "V", "issued": {"date-parts": [["x"]]}},
    ]
    for style in ("chicago-author-date", "apa", "modern-language-association"):
        out = citekit.process({"style": style, "items": items})
        assert len(out["bibliography"]) == 3
    assert "1955–1956" in citekit.process({"style": "apa", "items": items[:1]})["bibliography"][0]


def test_position_registry_a_cite_that_prints_nothing_still_counts() -> None:
    """FIX(position-registry): an item with no printed short form, cited three times.

    citeproc-js (../shared/oracle/csl-reference, this job) prints, for the four notes:
    "Preprint, n.d.", "Charles Kraus, Report (n.d.).", "[CSL STYLE ERROR: reference with no
    printed form.].", "Ibid." -- the third note printed nothing, yet it is the cite that the
    fourth repeats. Stock citeproc-py 0.11.1 did not count it, so the fourth note was a short
    note of an item with no short form: citekit printed "[NO_PRINTED_FORM]". The first and
    third notes differ from citeproc-js for other reasons (a capital on a note's first word;
    the wording of the empty form) and are not what this case is about.
    """
    job = {
        "style": "chicago-notes-bibliography-subsequent-ibid",
        "items": [
            {"id": "a", "type": "article"},
            {
                "id": "b",
                "type": "book",
                "title": "Report",
                "author": [{"family": "Kraus", "given": "Charles"}],
            },
        ],
        "citations": [[{"id": "a"}], [{"id": "b"}], [{"id": "a"}], [{"id": "a"}]],
        "bibliography": False,
    }
    got = citekit.process(job)["citations"]
    assert got[1] == "Charles Kraus, Report (n.d.)."
    assert got[3] == "Ibid."
