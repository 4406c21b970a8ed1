"""The official CSL processor test suite, run through citekit (tests/csl_suite/runner.py).

Two ratchets, both strict so they can only move forward:

- ``tests/csl_suite/passing.txt``: every fixture citekit passed when the list was written.
  One of them failing is a regression; a fixture passing that is not on the list means the
  list is stale (regenerate it, so the gain is kept).
- ``tests/csl_suite/stock-only.txt``: fixtures stock citeproc-py 0.11.1 passes (the suite's
  ``baseline.json``) and citekit fails. The goal is none; the list may only shrink.

Regenerate both with ``python tests/csl_suite/runner.py --update``.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "csl_suite_runner", ROOT / "tests/csl_suite/runner.py"
)
assert _spec and _spec.loader
runner: Any = importlib.util.module_from_spec(_spec)
sys.modules["csl_suite_runner"] = runner  # dataclasses look their module up by name
_spec.loader.exec_module(runner)

UPDATE = "python tests/csl_suite/runner.py --update"


@cache
def outcomes() -> dict[str, Any]:
    result: dict[str, Any] = runner.run_all()
    return result


def _fixtures() -> list[Path]:
    paths: list[Path] = runner.fixture_paths()
    if not paths:
        pytest.fail(
            f"the CSL test suite is not at {runner.suite_dir()}: "
            "put shared/csl-test-suite beside the repository or set CITEKIT_CSL_SUITE"
        )
    return paths


def test_the_whole_suite_is_there() -> None:
    assert len(_fixtures()) == 845
    assert set(runner.baseline()) == {p.stem for p in _fixtures()}


def test_fixture_sections_are_read_as_the_suite_runner_reads_them() -> None:
    path = runner.suite_dir() / "processor-tests/humans/integration_IbidOnInsert.txt"
    fixture = runner.parse_fixture(path)
    assert fixture.mode == "citation"
    assert fixture.result.splitlines()[0] == "..[0] (Doe p. 12)"
    assert [c[0]["citationID"] for c in fixture.sections["CITATIONS"]][-1] == "CITATION-4"
    assert fixture.csl.lstrip().startswith("<style")
    bom = runner.suite_dir() / "processor-tests/humans/date_LocalizedDateFormats-ja-JP.txt"
    assert runner.parse_fixture(bom).mode == "citation"  # the file starts with a BOM


def test_no_listed_fixture_fails() -> None:
    _fixtures()
    listed = runner.read_list(runner.PASSING)
    assert len(listed) > 500
    results = outcomes()
    broken = [n for n in listed if not (n in results and results[n].passed)]
    detail = "\n".join(
        f"{n}: {results[n].error or 'expected ' + repr(results[n].expected[:200])}"
        f"\n    got {results[n].actual[:200]!r}"
        for n in broken
        if n in results
    )
    assert not broken, f"{len(broken)} fixture(s) on passing.txt now fail:\n{detail}"


def test_passing_list_is_complete() -> None:
    _fixtures()
    listed = set(runner.read_list(runner.PASSING))
    new = sorted(n for n, r in outcomes().items() if r.passed and n not in listed)
    assert not new, f"{len(new)} fixture(s) now pass: add them ({UPDATE}): {', '.join(new)}"


def test_stock_citeproc_py_passes_only_shrink() -> None:
    _fixtures()
    listed = set(runner.read_list(runner.STOCK_ONLY))
    now = set(runner.stock_only(outcomes(), runner.baseline()))
    worse = sorted(now - listed)
    assert not worse, f"citekit now fails fixtures stock citeproc-py passes: {worse}"
    fixed = sorted(listed - now)
    assert not fixed, f"fixed, take them off stock-only.txt ({UPDATE}): {fixed}"


def test_no_fixture_runs_into_the_timeout() -> None:
    _fixtures()
    slow = [n for n, r in outcomes().items() if r.error and r.error.startswith("timeout")]
    assert not slow, f"fixtures that hit the {runner.TIMEOUT:g} s limit: {slow}"
