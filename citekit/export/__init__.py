"""Exporters: every output format starts from the canonical items.

Each exporter is ``write(items, options) -> (text, diagnostics)``; a diagnostic names any
field that went to a note because the format has no place for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import Diagnostic, UnknownFormatError
from ..model import Item
from . import bibtex, csljson, ris


@dataclass(frozen=True)
class ExportOptions:
    """Choices that shape an export."""

    ascii: bool = False


Writer = Callable[[Sequence[Item], ExportOptions], tuple[str, list[Diagnostic]]]

EXPORTERS: dict[str, Writer] = {
    "csl-json": lambda items, o: csljson.write(items),
    "ris": lambda items, o: ris.write(items),
    "bibtex": lambda items, o: bibtex.write(items, dialect="bibtex", ascii_only=o.ascii),
    "biblatex": lambda items, o: bibtex.write(items, dialect="biblatex", ascii_only=o.ascii),
}


def export_items(
    items: Sequence[Item], fmt: str, options: ExportOptions | None = None
) -> tuple[str, list[Diagnostic]]:
    """Write ``items`` in format ``fmt`` (``csl-json``, ``ris``, ``bibtex``, ``biblatex``).

    The diagnostics say which fields went to a note because the format has no field for them
    (nothing is dropped).

    Raises:
        UnknownFormatError: ``fmt`` is not one of them.
    """
    if fmt not in EXPORTERS:
        raise UnknownFormatError(
            f"unknown export format {fmt!r}", hint="one of " + ", ".join(sorted(EXPORTERS))
        )
    text, diags = EXPORTERS[fmt](items, options or ExportOptions())
    moved = sorted({key for item in items for key in _moved_fields(item, fmt)})
    if moved:
        where = NOTE_PLACE[fmt]
        message = f"{fmt} has no field for {', '.join(moved)}: written to {where}"
        diags.append(Diagnostic("info", "moved-to-note", message))
    return text, diags


NOTE_PLACE = {
    "csl-json": "note (Zotero: Extra)",
    "ris": "M2 lines (Zotero: Extra)",
    "bibtex": "note",
    "biblatex": "note",
}


def _moved_fields(item: Item, fmt: str) -> list[str]:
    """The facts of ``item`` that ``fmt`` carries in a note rather than a field of its own."""
    keys = [k for k, _ in item.fact_lines()]
    if item.page and fmt in ("csl-json", "ris") and item.type in ("manuscript", "document"):
        keys.append("Pages")
    if item.recipient and fmt in ("ris", "bibtex", "biblatex"):
        keys.append("Recipient")
    if item.editor and fmt == "ris":
        keys.append("Editor")
    return keys
