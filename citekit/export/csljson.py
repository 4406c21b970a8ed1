"""CSL-JSON export: a JSON array of CSL 1.0.2 items, the lossless way into Zotero and pandoc.

Zotero drops ``page`` on manuscripts and documents, so the pages also travel as a
``Pages: ...`` line in ``note``; everything CSL has no variable for goes there as
``Key: value`` lines too (Zotero files them into Extra).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import Diagnostic
from ..model import Item

#: Types whose ``page`` Zotero's CSL-JSON importer drops.
PAGE_DROPPING_TYPES = frozenset({"manuscript", "document", "personal_communication", "webpage"})


def item_to_json(item: Item) -> dict[str, Any]:
    """One item as a CSL-JSON object, ready for Zotero and pandoc."""
    data = item.to_csl_json()
    if item.page and item.type in PAGE_DROPPING_TYPES:
        note = data.get("note")
        data["note"] = "\n".join(([str(note)] if note else []) + [f"Pages: {item.page}"])
    return data


def write(items: Sequence[Item]) -> tuple[str, list[Diagnostic]]:
    """Write items as a CSL-JSON array (UTF-8, not ASCII-escaped)."""
    data = [item_to_json(i) for i in items]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", []


def moved_keys(item: Item) -> list[str]:
    """The keys of ``item`` that CSL-JSON carries as ``note`` lines (facts, Zotero's pages)."""
    keys = [k for k, _ in item.fact_lines()]
    if item.page and item.type in PAGE_DROPPING_TYPES:
        keys.append("Pages")
    return keys
