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


def test_the_accuracy_script_measures_both_sets(capsys: pytest.CaptureFixture[str]) -> None:
    assert ACCURACY.main([]) == 0
    assert ACCURACY.main(["--heldout"]) == 0
    out = capsys.readouterr().out
    assert out.count("overall:") == 2 and "issuer:" in out
