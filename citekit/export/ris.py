"""RIS export: every CSL variable of the item, in its tag or as an ``M2`` line.

The tag table is :mod:`citekit.mapping.ris` (shared with the reader). What has no tag for the
item's type, and the facts CSL has no variable for, go to ``M2  - Key: value`` lines, which
Zotero files in Extra. ``LA`` is the language of the text as an English name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import Diagnostic
from ..languages import language_name
from ..mapping import ris as table
from ..mapping.lines import date_from_csl, fact_lines, line_key, name_text, one_line, value_lines
from ..model import DATE_VARIABLES, NAME_VARIABLES, Date, Item, names_from_csl


def _ris_date(d: Date) -> str:
    p = d.parts[0]
    return "/".join([f"{p[0]:04d}", *(f"{x:02d}" for x in p[1:])]) + ("/" if len(p) == 3 else "")


def _tag_lines(row: table.Row, value: Any) -> list[tuple[str, str]]:
    """The RIS lines of one row's value; empty when the value does not fit the tag."""
    if row.variable in NAME_VARIABLES:
        return [(row.tag, name_text(n)) for n in names_from_csl(value)]
    if row.variable in DATE_VARIABLES:
        date = date_from_csl(value)
        if not date.parts:
            return []
        if row.tag == "DA":
            return [("DA", _ris_date(date)), ("PY", f"{date.parts[0][0]:04d}")]
        return [(row.tag, date.iso.rstrip("~"))]
    text = one_line(str(value))
    if row.variable == "language":
        return [(row.tag, language_name(text))]
    if row.tag == "SP" and row.variable == "page":
        first, sep, last = text.replace("–", "-").partition("-")
        if sep and first.strip().isdigit() and last.strip().isdigit():
            return [("SP", first.strip()), ("EP", last.strip())]
    return [(row.tag, text)]


def _date_is_exact(value: Any) -> bool:
    """Say whether DA says all of a date (one date, not circa): else a Date line follows."""
    date = date_from_csl(value)
    return len(date.parts) == 1 and not date.circa


def item_lines(item: Item) -> tuple[list[tuple[str, str]], list[str]]:
    """The (tag, value) lines of one record, and the keys that went to M2 lines."""
    data = item.to_csl_json(with_facts=False)
    csl_type = str(data.pop("type"))
    data.pop("id")
    ris_type = table.RIS_TYPE.get(csl_type, table.DEFAULT_RIS_TYPE)
    lines: list[tuple[str, str]] = [("TY", ris_type)]
    extra: list[tuple[str, str]] = []
    done: set[str] = set()
    for row in table.ROWS:
        if row.variable in data and row.variable not in done and row.applies(csl_type):
            written = _tag_lines(row, data[row.variable])
            if written:
                lines.extend(written)
                done.add(row.variable)
                if row.variable == "issued" and not _date_is_exact(data["issued"]):
                    extra.extend(value_lines("issued", data["issued"]))
    for variable, value in data.items():
        if variable not in done:
            extra.extend(value_lines(variable, value))
    if "archive" in data and "source" not in data:
        # Zotero's Library Catalog; the reader skips a DP that repeats DB.
        lines.append(("DP", one_line(str(data["archive"]))))
    if table.CSL_TYPE.get(ris_type, table.DEFAULT_CSL_TYPE) != csl_type:
        extra.append(("Type", csl_type))
    if item.citation_key:
        extra.append((line_key("citation-key"), item.citation_key))  # Zotero: Citation Key
    extra.extend(fact_lines(item))
    lines.extend(("M2", f"{key}: {value}") for key, value in extra)
    lines.append(("ER", ""))
    moved = sorted({key for key, _ in extra} - {"Citation Key"})
    return lines, moved


def write(items: Sequence[Item]) -> tuple[str, list[Diagnostic]]:
    """Write items as RIS records (UTF-8)."""
    out = []
    for item in items:
        lines, _ = item_lines(item)
        out.append("\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines))
    return "\n\n".join(out) + "\n", []


def moved_keys(item: Item) -> list[str]:
    """The keys of ``item`` that RIS carries as M2 lines rather than tags of their own."""
    return item_lines(item)[1]
