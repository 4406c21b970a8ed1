"""Reader for CSL-JSON: one item or a list of items, as Zotero, pandoc and citation-js write.

Every CSL 1.0.2 variable is kept: the ones citekit models become typed fields, the rest
stay in ``Item.csl`` and are written back unchanged. ``Key: value`` lines in ``note``
(Zotero's convention) that citekit itself writes are read back into the item's facts, so
an export reads back to the same item.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ..dates import parse_any
from ..errors import Diagnostic, RecordError
from ..facts import FACT_LINES, read_fact_lines
from ..model import (
    CSL_TO_ATTR,
    DATE_VARIABLES,
    ITEM_TYPES,
    NAME_VARIABLES,
    TEXT_VARIABLES,
    ZOTERO_FIELD_NAMES,
    Date,
    Item,
    names_from_csl,
)
from ..names import ordered
from ..textio import TextFile

FORMAT_ID = "csl-json"
MAX_DEPTH = 64

# Old or alternative spellings that Zotero and others still write.
_ALIASES = {
    **ZOTERO_FIELD_NAMES,
    "archive-location": "archive_location",
    "archive_place": "archive-place",
    "event-title": "event-title",
    "citation_key": "citation-key",
}
_TYPE_ALIASES = {
    "archival": "manuscript",
    "misc": "document",
    "letter": "personal_communication",
    "article-newspaper": "article-newspaper",
    "web": "webpage",
}


def detect(text: str) -> bool:
    """Say whether ``text`` looks like CSL-JSON."""
    head = text.lstrip()[:1]
    return head in ("{", "[")


def _depth(value: Any) -> int:
    """Measure nesting without recursion (hostile files nest thousands deep).

    A value inside a container is one level deeper than it; only containers go on the
    stack (a leaf's level is known when its container is taken off).
    """
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > deepest:
            deepest = d
            if d > MAX_DEPTH:
                return d
        if isinstance(v, dict):
            children: Any = v.values()
        elif isinstance(v, list):
            children = v
        else:
            continue
        for x in children:
            if isinstance(x, dict | list):
                stack.append((x, d + 1))
            elif d >= deepest:  # a leaf, one level down
                deepest = d + 1
    return deepest


def parse_json(tf: TextFile) -> list[Mapping[str, Any]]:
    """Parse the file into a list of item objects.

    Raises:
        RecordError: the JSON is malformed, nested too deep, or not items.
    """
    try:
        data = json.loads(tf.text)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"malformed JSON: {exc.msg}",
            source=tf.name,
            line=exc.lineno,
            hint="CSL-JSON is one object or a list of objects",
        ) from None
    except RecursionError:
        raise RecordError("JSON nested too deeply", source=tf.name) from None
    if _depth(data) > MAX_DEPTH:
        raise RecordError(f"JSON nested deeper than {MAX_DEPTH} levels", source=tf.name)
    if isinstance(data, Mapping) and isinstance(data.get("items"), list):
        data = data["items"]
    items = [data] if isinstance(data, Mapping) else data
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise RecordError("not CSL-JSON: expected an object or a list of objects", source=tf.name)
    return items


def _as_text(value: Any) -> str:
    """A value kept in ``extra``: a string as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _date(value: Any) -> Date | None:
    if isinstance(value, str):
        return parse_any(value)
    if not isinstance(value, Mapping):
        return None
    parts_in = value.get("date-parts")
    parts: list[tuple[int, ...]] = []
    if isinstance(parts_in, list):
        for p in parts_in[:2]:
            if not isinstance(p, list):
                continue
            nums = []
            for n in p[:3]:
                try:
                    nums.append(int(str(n).strip()))
                except ValueError:
                    break
            if nums:
                parts.append(tuple(nums))
    circa = bool(value.get("circa"))
    season = value.get("season")
    season_n = int(season) if isinstance(season, int | str) and str(season).isdigit() else None
    if not parts:
        for key in ("raw", "edtf", "literal"):
            if isinstance(value.get(key), str) and (d := parse_any(value[key])):
                return Date(parts=d.parts, circa=circa or d.circa, season=season_n)
        if isinstance(value.get("literal"), str):
            return Date(literal=value["literal"], circa=circa)
        return None
    return Date(parts=tuple(parts), circa=circa, season=season_n)


# A "Key: value" line; keys are what records label their sections with ("Associated People &
# Organizations"), so the same characters as a section label.
_FACT_LINE = re.compile(r"^(?P<key>[A-Z][A-Za-z &/'()-]{1,48}?):\s+(?P<value>.+)$")
_CONTRIB = re.compile(r"^(?P<name>.+?) \((?P<role>\w+)(?: (?P<detail>.+))?\)$")


def item_from_csl(data: Mapping[str, Any], *, default_id: str) -> tuple[Item, list[str]]:
    """Build an item from one CSL-JSON object; return it and the keys it did not know."""
    fields: dict[str, Any] = {}
    csl: dict[str, Any] = {}
    unknown: list[str] = []
    kept: dict[str, str] = {}
    raw_id = data.get("id")
    item_id = str(raw_id) if raw_id not in (None, "") else default_id
    item_type = str(data.get("type") or "document")
    item_type = _TYPE_ALIASES.get(item_type, item_type)
    if item_type not in ITEM_TYPES:
        unknown.append(f"type {item_type!r} (read as document)")
        item_type = "document"
    for key_in, value in data.items():
        key = _ALIASES.get(key_in, key_in)
        if key in ("id", "type") or value in (None, "", []):
            continue
        if key != key_in and data.get(key) not in (None, "", []):
            # Both spellings ("shortTitle" and "title-short"): the CSL name is used, as the
            # engine and citeproc-js use it; the other is kept in extra, not dropped.
            unknown.append(f"{key_in} (also given as {key}, which is used)")
            kept[key_in] = _as_text(value)
            continue
        attr = CSL_TO_ATTR.get(key)
        if key in NAME_VARIABLES:
            names = tuple(ordered(n) for n in names_from_csl(value))
            if attr:
                fields[attr] = names
            else:
                csl[key] = [n.to_csl_json() for n in names]
        elif key in DATE_VARIABLES:
            date = _date(value)
            if attr:
                fields[attr] = date
            elif date is not None:
                csl[key] = date.to_csl_json()
        elif key in TEXT_VARIABLES:
            text = value if isinstance(value, str) else str(value)
            if attr:
                fields[attr] = text
            else:
                csl[key] = value if isinstance(value, int | str) else text
        elif key == "custom" and isinstance(value, Mapping):
            csl[key] = dict(value)
        else:
            unknown.append(key_in)
            kept[key_in] = _as_text(value)
    note = fields.pop("note", None)
    facts = _facts_from_note(note, taken={"type", *fields}) if note else {}
    fields.update(facts.pop("_fields", {}))
    if kept:
        facts["extra"] = {**facts.get("extra", {}), **kept}
    if "citation_key" not in fields and raw_id not in (None, ""):
        fields["citation_key"] = item_id  # the id is the key pandoc and Zotero cite by
    item = Item(id=item_id, type=item_type, **fields, csl=csl, **facts)
    return item, unknown


def _facts_from_note(note: str, *, taken: set[str] | None = None) -> dict[str, Any]:
    """Read citekit's (and Zotero's) ``Key: value`` lines back out of ``note``.

    A line for a field the CSL object already sets (``taken``: its ``type``, say) does not
    override it: a record's own "Type: Cable" line is a fact of the record, kept in ``extra``
    (an item's type always comes from the CSL ``type``).
    """
    pairs, kept = [], []
    for line in note.split("\n"):
        m = _FACT_LINE.match(line.strip())
        if m:  # Zotero's Extra convention: every "Key: value" line is a fact
            pairs.append((m["key"], m["value"]))
        else:
            kept.append(line)
    clash = {
        key for key, _ in pairs if key in FACT_LINES and FACT_LINES[key][0] in (taken or set())
    } - {"Pages"}
    facts, extra = read_fact_lines(p for p in pairs if p[0] != "Pages" and p[0] not in clash)
    for key, value in pairs:
        if key in clash:
            extra[key] = value
    # Pages: citekit writes the line for Zotero; the page variable holds the value.
    facts.pop("page", None)
    out: dict[str, Any] = dict(facts)
    if extra:
        out["extra"] = extra
    remaining = "\n".join(kept).strip()
    out["_fields"] = {"note": remaining} if remaining else {}
    return out


def read(tf: TextFile, *, item_id: str) -> list[tuple[Item, list[Diagnostic]]]:
    """Read every item of a CSL-JSON file.

    Raises:
        RecordError: the file is not valid CSL-JSON.
    """
    out = []
    for n, data in enumerate(parse_json(tf), start=1):
        default = item_id if n == 1 else f"{item_id}-{n}"
        item, unknown = item_from_csl(data, default_id=default)
        diags = [
            Diagnostic(
                "warning",
                "unknown-variable",
                f"item {item.id!r}: not a CSL 1.0.2 variable, kept in extra: {u}",
                tf.name,
            )
            for u in unknown
        ]
        if not item.title:
            diags.append(
                Diagnostic("warning", "missing-field", f"item {item.id!r} has no title", tf.name)
            )
        out.append((item, list(tf.diagnostics) + diags))
    return out
