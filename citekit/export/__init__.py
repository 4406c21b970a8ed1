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

    Raises:
        UnknownFormatError: ``fmt`` is not one of them.
    """
    if fmt not in EXPORTERS:
        raise UnknownFormatError(
            f"unknown export format {fmt!r}", hint="one of " + ", ".join(sorted(EXPORTERS))
        )
    return EXPORTERS[fmt](items, options or ExportOptions())
