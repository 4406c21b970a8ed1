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

    The diagnostics say which fields went to ``Key: value`` lines because the format has no
    field for them (nothing is dropped).

    Raises:
        UnknownFormatError: ``fmt`` is not one of them.
    """
    if fmt not in EXPORTERS:
        raise UnknownFormatError(
            f"unknown export format {fmt!r}", hint="one of " + ", ".join(sorted(EXPORTERS))
        )
    text, diags = EXPORTERS[fmt](items, options or ExportOptions())
    moved = sorted({key for item in items for key in moved_keys(item, fmt)})
    if moved:
        message = f"{fmt} has no field for {', '.join(moved)}: written to {NOTE_PLACE[fmt]}"
        diags.append(Diagnostic("info", "moved-to-note", message))
    return text, diags


NOTE_PLACE = {
    "csl-json": "note (Zotero: Extra)",
    "ris": "M2 lines (Zotero: Extra)",
    "bibtex": "annote (Zotero: a note)",
    "biblatex": "annote (Zotero: a note; not printed)",
}


def moved_keys(item: Item, fmt: str) -> list[str]:
    """The keys of ``item`` that ``fmt`` carries as ``Key: value`` lines, not fields."""
    if fmt == "ris":
        return ris.moved_keys(item)
    if fmt in ("bibtex", "biblatex"):
        return bibtex.moved_keys(item, fmt)
    return csljson.moved_keys(item)
