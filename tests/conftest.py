"""Shared test helpers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "documents" / "000_97e68d44f543b168.txt"
CSL = "http://purl.org/net/xbiblio/csl"


def style_macro(body: str, others: str = "") -> Any:
    """A style whose macro ``m`` holds ``body`` (and ``others``, more macros): ``m`` as the
    engine has it, for tests that ask the engine about one part of a style."""
    from citekit.engine import loader

    xml = f"""<style xmlns="{CSL}" version="1.0" class="in-text">
      <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
      <macro name="m">{body}</macro>
      {others}
      <citation><layout><text macro="m"/></layout></citation>
    </style>"""
    style = loader.LoadedStyle(xml.encode())
    return next(el for el in style.root.iter(f"{{{CSL}}}macro") if el.get("name") == "m")


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in an empty folder, so ./documents/ defaults never leak in."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEKIT_MAX_BYTES", raising=False)
    os.environ.setdefault("COLUMNS", "120")
