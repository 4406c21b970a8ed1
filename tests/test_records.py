"""Records from many archives (issue 13): each fixture against its hand-written expected item."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT


def _accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "record_accuracy", ROOT / "scripts" / "record_accuracy.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ACCURACY = _accuracy()
MAIN = ACCURACY.record_paths()
HELDOUT = ACCURACY.record_paths(heldout=True)


def test_there_are_at_least_twenty_five_new_records() -> None:
    assert len(MAIN) + len(HELDOUT) >= 25
    assert len({p.parent.name for p in MAIN}) >= 8


@pytest.mark.parametrize("path", MAIN + HELDOUT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_record_has_a_well_formed_expected_item(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    for key in ACCURACY.CORE_FIELDS[:9]:
        assert key in expected, key


OPTIONAL_FIELDS = (
    "number-of-pages",
    "volume",
    "publisher",
    "publisher-place",
    "container-author",
    "language",
)


@pytest.mark.parametrize("path", MAIN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_record_reads_as_expected(path: Path) -> None:
    """Every core field exact, and the family's own fields (pages count, imprint, ...)."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    wrong = {f: (want, got) for f, (ok, want, got) in ACCURACY.compare(path).items() if not ok}
    assert not wrong
    got, item, diags = ACCURACY.read_record(path)
    for key in OPTIONAL_FIELDS:
        if key in expected:
            assert got.get(key) == expected[key], key
    if "original_language" in expected:
        assert item.original_language == expected["original_language"]
    for key, value in expected.get("extra", {}).items():
        assert item.extra.get(key) == value, key
    if "contributors" in expected:
        assert [[c.name.display, c.role] for c in item.contributors] == expected["contributors"]
    codes = {d.code for d in diags}
    for code in expected.get("warnings", []):
        assert code in codes, code
    if "unknown-archive" not in expected.get("warnings", []):
        assert "unknown-archive" not in codes
    if "holding" in expected:
        from citekit.provenance import match_archive

        match = match_archive(item.archive_location, context=item.original_language or "")
        assert match.archive is not None and match.archive.name == expected["holding"]


def test_the_accuracy_script_measures_both_sets(capsys: pytest.CaptureFixture[str]) -> None:
    assert ACCURACY.main([]) == 0
    assert ACCURACY.main(["--heldout"]) == 0
    out = capsys.readouterr().out
    assert out.count("overall:") == 2 and "issuer:" in out
