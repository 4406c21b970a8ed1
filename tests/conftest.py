"""Shared test helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "documents" / "000_97e68d44f543b168.txt"


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in an empty folder, so ./documents/ defaults never leak in."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEKIT_MAX_BYTES", raising=False)
    os.environ.setdefault("COLUMNS", "120")
