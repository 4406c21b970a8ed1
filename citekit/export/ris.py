"""RIS export and import, mapped for Zotero's RIS translator.

The mapping follows what Zotero's importer was measured to do with each tag.

An archival document is ``TY  - MANSCPT`` (Zotero's manuscript); ``DB`` and ``AN`` carry the
archive and the shelfmark, ``A4`` each translator, and pages go to ``M2  - Pages: ...``
because ``SP``/``EP`` go wrong on manuscripts. ``LA`` is the language of the text; the
original language and the other facts ride as ``M2`` lines (Zotero's Extra).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..dates import parse_iso
from ..errors import Diagnostic
from ..facts import read_fact_lines
from ..languages import language_code, language_name
from ..model import Date, Item, Name
from ..names import parse_structured_name as parse_name

# CSL type <-> RIS type (first match wins when writing).
TYPES: tuple[tuple[str, str], ...] = (
    ("manuscript", "MANSCPT"),
    ("document", "MANSCPT"),
    ("book", "BOOK"),
    ("chapter", "CHAP"),
    ("article-journal", "JOUR"),
    ("article-newspaper", "NEWS"),
    ("article-magazine", "MGZN"),
    ("report", "RPRT"),
    ("thesis", "THES"),
    ("webpage", "ELEC"),
    ("personal_communication", "PCOMM"),
    ("map", "MAP"),
    ("speech", "SOUND"),
)
_CSL_TO_RIS = dict(TYPES)
_RIS_TO_CSL = {ris: csl for csl, ris in reversed(TYPES)}
_RIS_TO_CSL.update(
    {
        "MANSCPT": "manuscript",
        "UNPD": "manuscript",
        "ANCIENT": "document",
        "GEN": "document",
        "UNPB": "manuscript",
    }
)

# Plain text fields: (item attribute, RIS tag).
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "TI"),
    ("title_short", "ST"),
    ("archive", "DB"),
    ("archive_location", "AN"),
    ("URL", "UR"),
    ("abstract", "AB"),
    ("genre", "M3"),
    ("note", "N1"),
)
# Name fields: (item attribute, RIS tag).
NAME_FIELDS: tuple[tuple[str, str], ...] = (("author", "AU"), ("translator", "A4"))
# Things RIS has no tag for, carried as "M2  - Key: value" lines (Zotero's Extra).
M2_KEYS = (
    "Pages",
    "Original Language",
    "Funder",
    "Contributor",
    "Note",
    "Editor",
    "Recipient",
    "Type",
    "Date",
    "Citation Key",
)


def _clean(value: str) -> str:
    """One line: a newline inside a field would start a new RIS tag."""
    return re.sub(r"[\r\n\u2028\u2029]+", " ", value).strip()


def _name(n: Name) -> str:
    return n.literal or ", ".join(
        p
        for p in (" ".join(x for x in (n.non_dropping_particle, n.family) if x), n.given, n.suffix)
        if p
    )


def _ris_date(d: Date) -> str:
    p = d.parts[0]
    return "/".join([f"{p[0]:04d}", *(f"{x:02d}" for x in p[1:])]) + ("/" if len(p) == 3 else "")


def write(items: Sequence[Item]) -> tuple[str, list[Diagnostic]]:
    """Write items as RIS records (UTF-8)."""
    out: list[str] = []
    for item in items:
        lines: list[tuple[str, str]] = [("TY", _CSL_TO_RIS.get(item.type, "GEN"))]
        if item.citation_key:
            lines.append(("ID", item.citation_key))
        for attr, tag in NAME_FIELDS:
            lines.extend((tag, _name(n)) for n in getattr(item, attr))
        for attr, tag in TEXT_FIELDS:
            if value := getattr(item, attr):
                lines.append((tag, value))
        if item.issued and item.issued.parts:
            lines.append(("DA", _ris_date(item.issued)))
            lines.append(("PY", f"{item.issued.parts[0][0]:04d}"))
            if len(item.issued.parts) > 1 or item.issued.circa:
                lines.append(("M2", f"Date: {item.issued.iso}"))
        if item.accessed and item.accessed.parts:
            lines.append(("Y2", item.accessed.iso))
        if item.language:
            lines.append(("LA", language_name(item.language)))
        if item.archive:
            lines.append(("DP", item.archive))
        if item.page:
            lines.append(("M2", f"Pages: {item.page}"))
        if item.type not in ("manuscript",) and _CSL_TO_RIS.get(item.type) == "MANSCPT":
            lines.append(("M2", f"Type: {item.type}"))
        lines.extend(("M2", f"Editor: {_name(n)}") for n in item.editor)
        lines.extend(("M2", f"Recipient: {_name(n)}") for n in item.recipient)
        lines.extend(("M2", f"{k}: {v}") for k, v in item.fact_lines())
        if item.citation_key:
            lines.append(("M2", f"Citation Key: {item.citation_key}"))
        lines.append(("ER", ""))
        out.append("\n".join(f"{tag}  - {_clean(value)}".rstrip() for tag, value in lines))
    return "\n\n".join(out) + "\n", []


_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def detect(text: str) -> bool:
    """Say whether ``text`` is RIS (starts with a ``TY  -`` line)."""
    for line in text.split("\n"):
        if line.strip():
            return bool(re.match(r"^TY  - ", line))
    return False


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


def _read_date(value: str) -> Date | None:
    return parse_iso(value.rstrip("/").replace("/", "-"))


# RIS tag -> (item attribute, converter, repeated?). M2 lines go through citekit.facts.
TAG_READERS: dict[str, tuple[str, Any, bool]] = {
    **{tag: (attr, str, False) for attr, tag in TEXT_FIELDS},
    **{tag: (attr, parse_name, True) for attr, tag in NAME_FIELDS},
    "A1": ("author", parse_name, True),
    "DA": ("issued", _read_date, False),
    "Y1": ("issued", _read_date, False),
    "PY": ("issued", lambda v: parse_iso(v[:4]), False),
    "Y2": ("accessed", parse_iso, False),
    "LA": ("language", lambda v: language_code(v) or v, False),
    "ID": ("citation_key", str, False),
}
_IGNORED = {"TY", "ER", "DP"}  # DP repeats DB (the archive) for Zotero's Library Catalog


def record_to_item(fields: list[tuple[str, str, int]], *, item_id: str) -> Item:
    """Build an item from one parsed RIS record (the inverse of :func:`write`)."""
    tags = {t: v for t, v, _ in fields}
    values: dict[str, Any] = {"type": _RIS_TO_CSL.get(tags.get("TY", ""), "document")}
    extra: dict[str, str] = {}
    m2 = []
    for tag, value, _ in fields:
        rule = TAG_READERS.get(tag)
        if tag == "M2" and ":" in value:
            key, _, v = value.partition(":")
            m2.append((key, v))
        elif rule is not None:
            attr, convert, repeated = rule
            converted = convert(value)
            if converted is None:
                continue
            if repeated:
                values[attr] = (*values.get(attr, ()), converted)
            elif attr not in values or tag != "PY":
                values.setdefault(attr, converted)
        elif tag not in _IGNORED:
            extra[f"RIS {tag}"] = value
    facts, leftovers = read_fact_lines(m2)
    for attr, value in facts.items():
        values[attr] = (*values.get(attr, ()), *value) if isinstance(value, tuple) else value
    extra.update(leftovers)
    key = str(values.get("citation_key") or item_id)
    return Item(id=key, extra=extra, **values)
