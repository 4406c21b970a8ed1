"""``Key: value`` lines for what a format has no field for, both ways.

Zotero files ``Key: value`` lines from a CSL-JSON ``note`` or RIS ``M2`` into Extra and
turns the keys it knows (CSL variable names, its own field names) into fields. citekit writes
every CSL variable a format cannot hold this way, keyed by the variable's name in words
("Container Title", "Event Place"), and the non-CSL facts (``Original Language``,
``Funder``...) under their own keys; readers turn the lines back into the same variables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..dates import parse_iso
from ..model import (
    DATE_VARIABLES,
    FACT_KEYS,
    ITEM_TYPES,
    NAME_VARIABLES,
    TEXT_VARIABLES,
    Date,
    Item,
    Name,
)

ALL_VARIABLES = (*NAME_VARIABLES, *DATE_VARIABLES, *TEXT_VARIABLES)
# Keys whose spelling is Zotero's (or citekit's earlier exports') rather than the words of
# the variable name: Zotero reads "Pages" and "Date", and "Citation Key" is its field.
_KEY_NAMES = {
    "page": "Pages",
    "issued": "Date",
    "DOI": "DOI",
    "ISBN": "ISBN",
    "ISSN": "ISSN",
    "PMCID": "PMCID",
    "PMID": "PMID",
    "URL": "URL",
}
_SMALL_WORDS = frozenset({"of", "and"})
# The facts' keys are not variables even where they look like one ("Contributor", "Note").
_FACT_KEYS = frozenset(key for _, key in FACT_KEYS)


def line_key(variable: str) -> str:
    """The key a variable's line is written under: ``container-title`` -> ``Container Title``."""
    if variable in _KEY_NAMES:
        return _KEY_NAMES[variable]
    words = re.split(r"[-_]", variable)
    return " ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in words)


def _normal(text: str) -> str:
    return re.sub(r"[\s_-]+", "-", text.strip().lower())


_BY_KEY = {_normal(line_key(v)): v for v in ALL_VARIABLES}
_BY_KEY.update({_normal(v): v for v in ALL_VARIABLES})


def variable_for_key(key: str, value: str = "") -> str | None:
    """The CSL variable a line's key names (``Event Place`` -> ``event-place``), if any.

    ``note`` is never read from a line (every format has a note field of its own). A fact's
    key that is also a variable's ("Contributor") reads as the fact when the value is one
    ("Mark Kramer (edited)"), else as the variable.
    """
    from ..facts import FACT_LINES

    variable = _BY_KEY.get(_normal(key))
    if variable == "note":
        return None
    if key.strip() in _FACT_KEYS:
        rule = FACT_LINES.get(key.strip())
        if variable is None or (rule is not None and rule[1](value.strip()) is not None):
            return None
    return variable


def name_text(name: Name) -> str:
    """A name as RIS writes it: ``Family, Given`` (``, Suffix``) for a person, else as is.

    A suffix keeps its third place even without a given name ("Doe, , Jr."): "Doe, Jr."
    is family and given name (:func:`citekit.names.parse_ris_name`).
    """
    if name.literal:
        return name.literal
    family = " ".join(p for p in (name.non_dropping_particle, name.family) if p)
    given = " ".join(p for p in (name.given, name.dropping_particle) if p)
    if name.suffix:
        return f"{family}, {given}, {name.suffix}" if given else f"{family}, , {name.suffix}"
    return ", ".join(p for p in (family, given) if p)


def line_name(name: Name) -> str:
    """A name on a ``Key: value`` line, as Zotero's Extra writes creators.

    A person is ``Family || Given`` (the particle leads the family part, a suffix follows
    the given name after a comma); a body, or any name kept whole, is the name alone.
    """
    if name.literal or not name.family:
        return name.literal or name.given or ""
    family = " ".join(p for p in (name.non_dropping_particle, name.family) if p)
    given = ", ".join(p for p in (name.given, name.suffix) if p)
    return f"{family} || {given}"


def read_line_name(text: str) -> Name:
    """Read :func:`line_name`'s text back (a line without ``||`` is a name kept whole)."""
    family, sep, given = text.partition("||")
    if not sep:
        return Name(literal=text.strip())
    words = family.split()
    lead = 0
    while lead < len(words) - 1 and words[lead][:1].islower():
        lead += 1  # "de Gaulle": lower-case words before the family name are its particle
    given, _, suffix = given.strip().partition(", ")
    return Name(
        family=" ".join(words[lead:]) or None,
        given=given or None,
        non_dropping_particle=" ".join(words[:lead]) or None,
        suffix=suffix or None,
    )


def date_from_csl(value: Mapping[str, Any]) -> Date:
    """A :class:`Date` from the CSL-JSON date object :meth:`Date.to_csl_json` wrote."""
    parts = tuple(tuple(int(n) for n in p) for p in value.get("date-parts", []))
    literal = value.get("literal")
    return Date(parts=parts, circa=bool(value.get("circa")), literal=literal)


def date_text(date: Date) -> str:
    """A date as one line: ISO 8601 / EDTF (``1962-04-26``, ``1955/1956``, ``1962~``)."""
    return date.iso or (date.literal or "")


def value_lines(variable: str, value: Any) -> list[tuple[str, str]]:
    """The ``(Key, text)`` lines for one CSL-JSON value (one line per name)."""
    key = line_key(variable)
    if variable in NAME_VARIABLES:
        from ..model import names_from_csl

        return [(key, line_name(n)) for n in names_from_csl(value)]
    if variable in DATE_VARIABLES and isinstance(value, Mapping):
        text = date_text(date_from_csl(value))
        return [(key, text)] if text else []
    return [(key, one_line(str(value)))]


def one_line(text: str) -> str:
    """Collapse line breaks: a line-based format must not see a value start a new line."""
    return re.sub(r"[\r\n\u2028\u2029]+", " ", text).strip()


def fact_lines(item: Item) -> list[tuple[str, str]]:
    """The item's non-CSL facts as lines (original language, funders, contributors...)."""
    return [(k, one_line(v)) for k, v in item.fact_lines()]


def add_line(data: dict[str, Any], variable: str, text: str) -> None:
    """Put one line's value into the CSL-JSON dict being read (names accumulate)."""
    text = text.strip()
    if not text:
        return
    if variable in NAME_VARIABLES:
        data.setdefault(variable, []).append(read_line_name(text).to_csl_json())
    elif variable in DATE_VARIABLES:
        date = parse_iso(text)
        data[variable] = date.to_csl_json() if date else {"literal": text}
    else:
        data[variable] = text


def split_lines(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Sort lines into CSL variables and the rest (facts, ``Type``, unknown keys)."""
    data: dict[str, Any] = {}
    rest: list[tuple[str, str]] = []
    for key, value in pairs:
        variable = variable_for_key(key, value)
        if variable is None:
            rest.append((key.strip(), value.strip()))
        else:
            add_line(data, variable, value)
    return data, rest


def build_item(
    data: dict[str, Any], rest: Iterable[tuple[str, str]], *, default_id: str
) -> tuple[Item, list[str]]:
    """Build an item from a CSL-JSON dict read from a format plus its leftover lines.

    The dict goes through the CSL-JSON reader (so every variable lands where a CSL-JSON
    input's would); ``Type`` lines set the item type, fact lines the facts, and unknown keys
    go to ``extra``. Returns the item and the CSL-JSON reader's list of unknown keys.
    """
    from ..facts import read_fact_lines
    from ..readers.csl_json import item_from_csl

    others = []
    for key, value in rest:
        if key == "Type" and value.strip() in ITEM_TYPES:
            data["type"] = value.strip()
        else:  # a record's own "Type: Cable" is a fact, kept in extra
            others.append((key, value))
    if "citation-key" in data and "id" not in data:
        data["id"] = data["citation-key"]
    item, unknown = item_from_csl(data, default_id=default_id)
    facts, extra = read_fact_lines(others)
    changes: dict[str, Any] = {}
    for attr, value in facts.items():
        current = getattr(item, attr)
        changes[attr] = (*current, *value) if isinstance(value, tuple) else value
    if extra:
        changes["extra"] = {**item.extra, **extra}
    return (item.replace(**changes) if changes else item), unknown
