"""The package's import graph has no cycles (issue 15, "Layout").

A cycle means two modules each need the other to make sense, so neither can be read, tested
or moved alone; a function-level import hides a cycle from Python but not from a reader.
The graph is read from the source with ``ast`` (every ``import`` and ``from`` statement, at
any depth, relative or ``citekit.``-absolute), at two grains: module by module, and by the
package's top-level units (``citekit/*.py`` and each subpackage taken whole).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "citekit"

# Cycles known when this test was written, each a sorted strongly connected component.
# This list only shrinks: a new cycle fails the test, and so does breaking one listed here
# without deleting it.
KNOWN_MODULE_CYCLES: set[tuple[str, ...]] = set()
KNOWN_UNIT_CYCLES: set[tuple[str, ...]] = {
    *KNOWN_MODULE_CYCLES,
    # readers.bibtex and readers.ris build items through mapping.lines, and
    # mapping.lines.item_from_format imports readers.csl_json.item_from_csl (inside the
    # function): format mappings and readers lean on each other.
    ("citekit.mapping", "citekit.readers"),
}


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def module_imports() -> dict[str, set[str]]:
    """Each citekit module's imports of other citekit modules, by dotted name.

    ``from .x import y`` counts as importing ``x.y`` when that is a module, else ``x``.
    """
    paths = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        is_package = path.name == "__init__.py"
        package = name.split(".") if is_package else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - (node.level - 1)] if node.level else []
                anchor = [*base, *(node.module.split(".") if node.module else [])]
                for alias in node.names:
                    sub = ".".join([*anchor, alias.name])
                    found.add(sub if sub in paths else ".".join(anchor))
        graph[name] = {m for m in found if m in paths and m != name}
    return graph


def unit_imports() -> dict[str, set[str]]:
    """The same graph with each subpackage (and each top-level module) as one node."""

    def unit(module: str) -> str:
        return ".".join(module.split(".")[:2])

    graph: dict[str, set[str]] = {}
    for name, deps in module_imports().items():
        graph.setdefault(unit(name), set()).update(unit(d) for d in deps if unit(d) != unit(name))
    return graph


def cycles(graph: dict[str, set[str]]) -> set[tuple[str, ...]]:
    """The graph's cycles as strongly connected components of two or more nodes (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[tuple[str, ...]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.add(tuple(sorted(component)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_is_read() -> None:
    graph = module_imports()
    assert "citekit.model" in graph["citekit.names"]  # a top-level relative import
    assert "citekit.provenance" in graph["citekit.templating"]  # one inside a function
    assert "citekit.readers.archive_page.build" in graph["citekit.readers.archive_page"]
    assert "citekit.parallel" in graph["citekit.engine.pipeline"]  # ``from .. import parallel``
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {("a", "b", "c")}


def test_no_import_cycles_between_modules() -> None:
    assert cycles(module_imports()) == KNOWN_MODULE_CYCLES


def test_no_import_cycles_between_top_level_units() -> None:
    assert cycles(unit_imports()) == KNOWN_UNIT_CYCLES


def test_a_name_prints_without_the_name_lexicon() -> None:
    # Name order is decided when a name is read (names.ordered), so the value type does not
    # import the parser: model sits below names.
    graph = module_imports()
    assert "citekit.names" not in graph["citekit.model"]
    assert "citekit.model" in graph["citekit.names"]
