"""citekit: cite translated archival documents, verifiably.

Pipeline: readers -> :class:`~citekit.model.Item` -> renderers and exporters. The functions
below are the library API (see the README for examples). They are imported on first use,
so that ``citekit --help`` loads neither the CSL engine nor the readers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_LAZY = {
    "bibliography": "api",
    "cite_forms": "api",
    "export_items": "api",
    "notes": "api",
    "process": "api",
    "provenance_note": "api",
    "read": "api",
    "render_manuscript": "manuscript",
    "CitekitError": "errors",
    "Diagnostic": "errors",
    "Date": "model",
    "Item": "model",
    "Name": "model",
}

if TYPE_CHECKING:
    from .api import (
        bibliography,
        cite_forms,
        export_items,
        notes,
        process,
        provenance_note,
        read,
    )
    from .errors import CitekitError, Diagnostic
    from .manuscript import render_manuscript
    from .model import Date, Item, Name


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'citekit' has no attribute {name!r}")


__all__ = [
    "CitekitError",
    "Date",
    "Diagnostic",
    "Item",
    "Name",
    "__version__",
    "bibliography",
    "cite_forms",
    "export_items",
    "notes",
    "process",
    "provenance_note",
    "read",
    "render_manuscript",
]
