"""citekit: cite translated archival documents, verifiably.

Pipeline: readers -> :class:`~citekit.model.Item` -> renderers and exporters. The functions
below are the library API (see the README for examples).
"""

from .api import bibliography, cite_forms, export, notes, process, provenance, read
from .errors import CitekitError, Diagnostic
from .manuscript import render_manuscript
from .model import Date, Item, Name

__version__ = "0.1.0"

__all__ = [
    "CitekitError",
    "Date",
    "Diagnostic",
    "Item",
    "Name",
    "__version__",
    "bibliography",
    "cite_forms",
    "export",
    "notes",
    "process",
    "provenance",
    "read",
    "render_manuscript",
]
