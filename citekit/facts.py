"""The ``Key: value`` lines that carry what a format has no field for, both ways.

CSL-JSON ``note``, RIS ``M2`` lines and BibTeX ``note`` all use Zotero's convention; this
one table says how each key reads back into an item, so every reader treats them alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from .dates import parse_iso
from .model import ITEM_TYPES, Contributor
from .names import parse_structured_name as parse_name


def _contributor(value: str) -> Contributor | None:
    m = re.match(r"^(.+?) \((\w+)(?: (.+))?\)$", value)
    return Contributor(parse_name(m[1]), m[2], m[3]) if m else None


# key -> (item attribute, converter, repeated?)
FACT_LINES: dict[str, tuple[str, Callable[[str], Any], bool]] = {
    "Original Language": ("original_language", str, False),
    "Funder": ("funders", str, True),
    "Contributor": ("contributors", _contributor, True),
    "Note": ("notes", str, True),
    "Editor": ("editor", parse_name, True),
    "Recipient": ("recipient", parse_name, True),
    # Only a CSL type is the item's type; a record's own "Type: Cable" stays a fact (extra).
    "Type": ("type", lambda v: v if v in ITEM_TYPES else None, False),
    "Date": ("issued", parse_iso, False),
    "Citation Key": ("citation_key", str, False),
    "Pages": ("page", str, False),
}


def read_fact_lines(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, Any], dict[str, str]]:
    """Turn ``(key, value)`` pairs into item fields; unknown keys come back for ``extra``."""
    fields: dict[str, Any] = {}
    extra: dict[str, str] = {}
    for key, value in pairs:
        rule = FACT_LINES.get(key)
        converted = rule[1](value.strip()) if rule else None
        if rule is None or converted is None:
            extra[key] = value if rule is None else value.strip()
        elif rule[2]:
            fields[rule[0]] = (*fields.get(rule[0], ()), converted)
        else:
            fields[rule[0]] = converted
    return fields, extra
