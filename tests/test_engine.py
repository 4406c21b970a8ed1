"""citekit's engine leaves citeproc-py as it is: stock citeproc-py renders as stock beside it.

citekit loads styles through its own lxml class lookup (citekit/engine/loader.py); nothing
of citeproc-py is replaced. These tests render with citekit first, then with stock
citeproc-py in the same process, and compare with a fresh interpreter that never imported
citekit.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from typing import Any

import pytest
from conftest import ROOT

import citekit
from citekit.engine.styles import resolve_style

_spec = importlib.util.spec_from_file_location("stock", ROOT / "tests/conformance/stock.py")
assert _spec and _spec.loader
stock: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stock)

KRAUS = {"family": "Kraus", "given": "Charles"}
ITEMS = [
    {
        "id": "a",
        "type": "manuscript",
        "title": "Report on the Talks",
        "author": [KRAUS],
        "issued": {"date-parts": [[1962, 4, 26]]},
        "archive": "Wilson Center Digital Archive",
        "archive_location": "PRC FMA 1",
        "page": "11-12",
    },
    # Chicago 18 sets initialize-with on the style and initialize="false" on cs:name:
    # stock citeproc-py prints "C. Kraus" here; citekit prints "Charles Kraus".
    {"id": "b", "type": "book", "title": "Minutes", "translator": [KRAUS]},
]
JOBS = {
    "locator": {
        "style": "chicago-notes-bibliography",
        "items": ITEMS[:1],
        "citations": [[{"id": "a", "locator": "12", "label": "page"}]],
    },
    "initialize": {"style": "chicago-notes-bibliography", "items": ITEMS[1:]},
    # The same page twice: "ibid., 12." in stock (locators compared by identity), "Ibid."
    # in citekit.
    "ibid": {
        "style": "chicago-notes-bibliography-subsequent-ibid",
        "items": ITEMS[:1],
        "citations": [[{"id": "a", "locator": "12", "label": "page"}]] * 2,
    },
}

# What a process may see of citeproc-py's classes and module lists.
FINGERPRINT = r"""
import json, citeproc, citeproc.model as m, citeproc.source as s
funcs = {}
for mod in (m, s):
    for name, cls in sorted(vars(mod).items()):
        if isinstance(cls, type) and cls.__module__ == mod.__name__:
            for attr, value in sorted(vars(cls).items()):
                target = value.fget if isinstance(value, property) else value
                code = getattr(target, "__code__", None)
                where = f"{code.co_filename}:{code.co_firstlineno}" if code else repr(target)[:60]
                funcs[f"{name}.{attr}"] = where.replace("\\", "/")
print(json.dumps({
    "funcs": funcs,
    "subclasses": sorted(c.__qualname__ for c in m.CitationStylesElement.__subclasses__()),
    "names": citeproc.NAMES, "variables": citeproc.VARIABLES,
}))
"""


def _fresh(job: dict[str, Any]) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests/conformance/stock.py")],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(run.stdout)
    return result


@pytest.mark.parametrize("name", sorted(JOBS))
def test_stock_citeproc_renders_as_stock_after_citekit(name: str) -> None:
    job = JOBS[name]
    mine = citekit.process(job)  # citekit first, in this process
    assert mine["bibliography"]
    stock_job = {**job, "style": str(resolve_style(job["style"]).path)}
    here = stock.render(stock_job)
    assert "error" not in here, here
    assert here == _fresh(stock_job)
    # The job is one where citekit corrects stock: the comparison is not vacuous.
    assert (here["citations"], here["bibliography"]) != (mine["citations"], mine["bibliography"])


def test_citeproc_classes_and_lists_are_untouched() -> None:
    import citeproc
    import citeproc.model as cmodel

    citekit.process(JOBS["locator"])
    assert cmodel.Names.process.__module__ == "citeproc.model"
    assert cmodel.Names.process.__qualname__ == "Names.process"
    assert citeproc.Locator.__eq__ is object.__eq__
    namespace: dict[str, Any] = {}
    here = subprocess.run(
        [sys.executable, "-c", "import sys; exec(sys.stdin.read())"],
        input=FINGERPRINT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    exec(FINGERPRINT.replace("print(", "result = ("), namespace)
    assert namespace["result"] == here.strip()
    assert json.loads(namespace["result"])["funcs"]  # the fingerprint saw citeproc's classes
