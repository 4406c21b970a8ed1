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


def test_another_citeproc_release_is_refused_when_rendering_not_on_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The overrides use citeproc-py 0.11.1 internals: rendering on another release stops
    with a one-line error and the fix; importing citekit (or its engine) still works."""
    import importlib

    import citeproc

    from citekit.errors import RenderError

    monkeypatch.setattr(citeproc, "__version__", "0.12.0")
    importlib.reload(importlib.import_module("citekit.engine.pipeline"))
    with pytest.raises(RenderError, match=r"0\.11\.1.*0\.12\.0") as caught:
        citekit.process(JOBS["locator"])
    assert caught.value.hint == "pip install citeproc-py==0.11.1"


def test_a_style_file_changed_on_disk_is_read_again(tmp_path: Any) -> None:
    """Parsed styles are cached by file; a runner that writes each test's CSL to one path
    (or a user editing a style) gets the new file, not the first one read."""
    import os

    path = tmp_path / "style.csl"
    job = {"style": str(path), "items": [{"id": "a", "type": "book", "title": "T"}]}
    path.write_text(resolve_style("apa").path.read_text("utf-8"), "utf-8")
    first = citekit.process(job)["bibliography"]
    path.write_text(resolve_style("modern-language-association").path.read_text("utf-8"), "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a coarse clock
    assert citekit.process(job)["bibliography"] != first


def _engine_imports() -> dict[str, set[str]]:
    """Each engine module's imports of other engine modules (``caches.cites`` style names)."""
    import ast

    base = ROOT / "citekit/engine"
    paths = {
        ".".join(p.relative_to(base).with_suffix("").parts).removesuffix(".__init__"): p
        for p in sorted(base.rglob("*.py"))
    }
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
        package = [] if package == ["__init__"] else package
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            if node.level - 1 > len(package):
                continue  # above the engine (citekit.errors, citekit.parallel)
            parts = package[: len(package) - (node.level - 1)]
            anchor = [*parts, *(node.module.split(".") if node.module else [])]
            found.add(".".join(anchor))
            found |= {".".join([*anchor, a.name]) for a in node.names}
        graph[name] = {m for m in found if m in paths and m != name}
    return graph


def test_engine_modules_are_small_and_import_no_cycle() -> None:
    for path in (ROOT / "citekit/engine").rglob("*.py"):
        lines = len(path.read_text("utf-8").splitlines())
        assert lines <= 500, f"{path.name}: {lines} lines; split it by concern"
    graph = _engine_imports()
    assert graph["pipeline"] >= {"loader", "disambiguate", "bibliography"}  # the graph is read
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, "import cycle: " + " -> ".join((*path, node))
        if node in done:
            return
        for dep in graph.get(node, ()):
            visit(dep, (*path, node))
        done.add(node)

    for node in graph:
        visit(node, ())


def test_only_the_engine_imports_citeproc() -> None:
    import re

    for path in (ROOT / "citekit").rglob("*.py"):
        if "engine" in path.relative_to(ROOT / "citekit").parts:
            continue
        text = path.read_text("utf-8")
        assert not re.search(r"^\s*(from|import) citeproc\b", text, re.M), path


def test_engine_modules_never_share_a_private_use_marker() -> None:
    # Modules mark pieces of a render with private-use characters (rich text, quotes,
    # display divisions); two modules using one character would read each other's marks.
    import re

    owners: dict[str, set[str]] = {}
    for path in (ROOT / "citekit" / "engine").rglob("*.py"):
        for mark in set(re.findall(r"\\ue[0-9a-f]{3}", path.read_text("utf-8"))):
            owners.setdefault(mark, set()).add(path.name)
    shared = {m: o for m, o in owners.items() if len(o) > 1}
    assert owners and not shared, shared


def test_an_element_gets_only_the_layers_its_attributes_can_use() -> None:
    # The loader composes each element's class from the layers whose ck_applies accepts its
    # attributes: a plain cs:text skips display, text case, values; one with them keeps them.
    from citekit.engine import display, text_case, values
    from citekit.engine.loader import load_style

    style = load_style("chicago-notes-bibliography")
    texts = list(style.root.iter("{http://purl.org/net/xbiblio/csl}text"))
    plain = next(t for t in texts if set(t.attrib) == {"macro"})
    assert not isinstance(plain, display.Displayed | text_case.TextCased | values.Text)
    cased = next(t for t in texts if "text-case" in t.attrib and "value" in t.attrib)
    assert isinstance(cased, text_case.TextCased) and isinstance(cased, values.Text)
    assert not isinstance(cased, display.Displayed)
    # A date-part's attributes change while it renders: it keeps every layer.
    locale = style.root.locales[-1]
    part = next(locale.iter("{http://purl.org/net/xbiblio/csl}date-part"))
    assert "text-case" not in part.attrib
    assert isinstance(part, text_case.TextCased)


def test_name_options_skip_only_corrections_that_named_them() -> None:
    # NameOptions sends an option past the corrections unless one names it in ck_options;
    # a correction of get_option that names none is refused rather than skipped silently.
    import citeproc.model as cmodel

    from citekit.engine import disambiguate, name_count, names
    from citekit.engine.caches.elements import option_readers
    from citekit.engine.loader import element_classes

    found = option_readers(element_classes()["name"])
    assert found["et-al-min"] is vars(disambiguate.Name)["get_option"]  # the outermost
    assert found["and"] is vars(name_count.Name)["get_option"]
    assert found["delimiter-precedes-last"] is vars(names.Name)["get_option"]
    assert "form" not in found and "initialize-with" not in found

    class Silent(cmodel.Name):  # type: ignore[misc]
        def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
            return None

    with pytest.raises(TypeError, match="ck_options"):
        option_readers(type("Probe", (Silent, element_classes()["name"]), {}))


def test_a_text_skips_markup_steps_only_without_their_attributes_and_corrections() -> None:
    import citeproc.model as cmodel

    from citekit.engine.caches.elements import _bare
    from citekit.engine.loader import load_style

    style = load_style("chicago-notes-bibliography")
    texts = list(style.root.iter("{http://purl.org/net/xbiblio/csl}text"))
    assert _bare(next(t for t in texts if set(t.attrib) == {"macro"}))
    assert not _bare(next(t for t in texts if "quotes" in t.attrib))
    assert not _bare(next(t for t in texts if "font-style" in t.attrib))

    class Cased(cmodel.Text):  # type: ignore[misc]
        def case(self, text: Any, language: Any = None) -> Any:
            return text

    plain = next(t for t in texts if set(t.attrib) == {"macro"})
    composed = type(plain)
    plain.__class__ = type("Probe", (Cased, composed), {})
    try:
        assert not _bare(plain)  # a correction of a markup step: not bare
    finally:
        plain.__class__ = composed


def test_source_parses_plain_fields_as_citeproc_py_does() -> None:
    # prepare.Source skips citeproc-py's nocase search for text without "<"; the pieces
    # (classes and texts) must be the ones citeproc-py makes, with and without the tag
    from citeproc.source.json import CiteProcJSON

    from citekit.engine.prepare import Source

    source = Source([])
    texts = ["", "Plain title", "1962", 7, '<span class="nocase">iPhone</span> notes', "a < b"]
    for text in texts:
        ours, stock = source.parse_string(text), CiteProcJSON.parse_string(source, text)
        assert [(type(p), str(p)) for p in ours] == [(type(p), str(p)) for p in stock], text
        assert type(ours) is type(stock)


def test_a_run_of_text_keys_sorts_as_the_comparison_orders_it() -> None:
    """The fast path for text keys gives the comparison's order: case folded, stable, None last."""
    import itertools
    from functools import cmp_to_key

    from citekit.engine.caches.sort import _key_comparison, _sorted_run

    words = ["b", "A", "a", None, "B", "é", None, "10", "9"]
    numbers = [3, None, 1, 2]
    for values in (words, numbers, ["x", 2, None]):
        for descending in (False, True):
            compare = _key_comparison(descending)

            def by_value(a: Any, b: Any, compare: Any = compare) -> int:
                return int(compare(a[1], b[1]))

            for order in itertools.islice(itertools.permutations(enumerate(values)), 200):
                pairs = list(order)
                want = sorted(pairs, key=cmp_to_key(by_value))
                assert _sorted_run(list(pairs), descending, by_value) == want
