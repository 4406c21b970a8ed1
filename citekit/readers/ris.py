"""Reader for RIS: every record becomes an item through the shared tag table.

The table is :mod:`citekit.mapping.ris` (the exporter writes by the same rows). ``M2``
lines of the form ``Key: value`` are read back into CSL variables and facts; a tag citekit
has no variable for is kept in ``extra`` as ``RIS XX``.
"""

from __future__ import annotations

import re
from typing import Any

from ..dates import parse_iso
from ..errors import Diagnostic, InputError
from ..languages import language_code
from ..mapping import ris as table
from ..mapping.lines import add_line, build_item, split_lines
from ..model import DATE_VARIABLES, NAME_VARIABLES, Item
from ..names import parse_ris_name
from ..textio import TextFile

FORMAT_ID = "ris"
_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def detect(text: str) -> bool:
    """Say whether ``text`` is RIS (starts with a ``TY  -`` line)."""
    # The first line that is not blank, found without splitting the whole text.
    body = text.lstrip()
    if not body:
        return False
    start = text.rfind("\n", 0, len(text) - len(body)) + 1
    return text.startswith("TY  - ", start)


def parse(text: str) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """Split RIS text into records: (first line, [(tag, value, line), ...])."""
    records: list[tuple[int, list[tuple[str, str, int]]]] = []
    current: list[tuple[str, str, int]] | None = None
    start = 0
    for n, line in enumerate(text.split("\n"), start=1):
        m = _LINE.match(line.rstrip())
        if not m:
            if current and line.strip():  # a continuation line
                tag, value, ln = current[-1]
                current[-1] = (tag, f"{value} {line.strip()}", ln)
            continue
        tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            current, start = [], n
        if current is None:
            continue
        if tag == "ER":
            records.append((start, current))
            current = None
            continue
        current.append((tag, value, n))
    if current:
        records.append((start, current))
    return records


def _read_date(value: str) -> dict[str, Any] | None:
    date = parse_iso(value.rstrip("/").replace("/", "-"))
    return date.to_csl_json() if date else None


def record_to_item(fields: list[tuple[str, str, int]], *, item_id: str) -> Item:
    """Build an item from one parsed RIS record (the inverse of the RIS exporter)."""
    tags = {t: v for t, v, _ in fields}
    csl_type = table.CSL_TYPE.get(tags.get("TY", ""), table.DEFAULT_CSL_TYPE)
    data: dict[str, Any] = {"type": csl_type}
    pairs: list[tuple[str, str]] = []
    for tag, value, _ in fields:
        if tag in table.LINE_TAGS and ":" in value:
            key, _, text = value.partition(":")
            pairs.append((key, text))
            continue
        if tag == "DP" and value == tags.get("DB"):
            continue  # the exporter repeats the archive for Zotero's Library Catalog
        row = table.row_for(tag, csl_type)
        if row is None:
            if tag not in table.DERIVED_TAGS | {"TY"}:
                pairs.append((f"RIS {tag}", value))
            continue
        if row.variable == "language":
            data["language"] = language_code(value) or value
        elif row.variable in NAME_VARIABLES:
            name = parse_ris_name(value)
            data.setdefault(row.variable, []).append(name.to_csl_json())
        elif row.variable in DATE_VARIABLES:
            if (date := _read_date(value)) is not None:
                data.setdefault(row.variable, date)
        else:
            add_line(data, row.variable, value)
    if "issued" not in data and (year := tags.get("PY", "")[:4]).isdigit():
        data["issued"] = {"date-parts": [[int(year)]]}
    if "page" in data and (end := tags.get("EP")):
        data["page"] = f"{data['page']}-{end}"
    lines, rest = split_lines(pairs)
    data.update(lines)
    item, _ = build_item(data, rest, default_id=item_id)
    return item


def read(tf: TextFile, *, item_id: str) -> list[tuple[Item, list[Diagnostic]]]:
    """Read every record of a RIS file.

    Raises:
        InputError: the file holds no ``TY ... ER`` record.
    """
    out: list[tuple[Item, list[Diagnostic]]] = []
    for n, (_line, fields) in enumerate(parse(tf.text), start=1):
        out.append((record_to_item(fields, item_id=f"{item_id}-{n}" if n > 1 else item_id), []))
    if not out:
        raise InputError("no RIS records (TY ... ER)", source=tf.name)
    return out
