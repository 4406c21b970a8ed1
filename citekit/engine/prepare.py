"""Phase 2: the items, prepared before citeproc-py reads them.

citeproc-py takes CSL-JSON as it comes; real records carry straight quotes, characters
that HTML must escape, dates in shapes it cannot read and CSL 1.0.2 roles it does not know.
:func:`prepare_item` makes one item safe; :class:`Source` reads the prepared items.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import citeproc
from citeproc.source import Name, Reference
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

from ..model import DATE_VARIABLES, ZOTERO_FIELD_NAMES
from . import richtext
from .name_parse import parse_name

#: FIX(csl-1.0.2): name roles citeproc-py 0.11.1 does not know (Chicago 18 names them).
EXTRA_NAME_ROLES = (
    "chair",
    "compiler",
    "contributor",
    "curator",
    "director",
    "editor-translator",
    "executive-producer",
    "guest",
    "host",
    "narrator",
    "organizer",
    "performer",
    "producer",
    "reviewed-author",
    "script-writer",
    "series-creator",
)
#: FIX(csl-1.0.2): variables citeproc-py 0.11.1 does not list (read as ordinary strings).
EXTRA_VARIABLES = (
    "archive_collection",
    "available-date",
    "division",
    "event-title",
    "license",
    "part",
    "part-title",
    "printing",
    "reviewed-genre",
    "reviewed-title",
    "supplement",
    "volume-title",
    "volume-title-short",
    "container-title-short",
    "title-short",
)

_EXTRA_NAME_KEYS = frozenset(r.replace("-", "_") for r in EXTRA_NAME_ROLES)
NAME_SET = frozenset({n.replace("_", "-") for n in citeproc.NAMES} | set(EXTRA_NAME_ROLES))
_DATE_SET = frozenset([*DATE_VARIABLES, "container"])
_KNOWN_VARIABLES = frozenset(
    {v.replace("_", "-") for v in citeproc.VARIABLES}
    | set(EXTRA_NAME_ROLES)
    | {v.replace("_", "-") for v in EXTRA_VARIABLES}
    | {"archive_location", "archive_collection"}
)
_SKIP_SMART = frozenset({"URL", "DOI", "id", "ISBN", "ISSN", "PMID", "PMCID", "citation-key"})

APOSTROPHE = "\ue000"  # stands for ’ while rendering, so it is never taken for a quote
LESS_THAN = "\ue001"  # a "<" that is text, not markup: escaped when the output is finished
GREATER_THAN = "\ue002"  # a ">" that is text
#: Characters that stand for text while rendering (see :func:`unmask`).
_TEXT_MARKS = str.maketrans({"<": LESS_THAN, ">": GREATER_THAN})


class Source(CiteProcJSON):  # type: ignore[misc]
    """citeproc-py's CSL-JSON source, reading CSL 1.0.2 name roles as names.

    FIX(csl-1.0.2): citeproc-py parses a field as names only if its module-level ``NAMES``
    lists it; the roles it does not list (``director``, ``compiler``, ...) became strings
    and crashed ``cs:names``. Rather than extend citeproc-py's shared list, read them here.
    """

    def __init__(self, json_data: list[dict[str, Any]]) -> None:
        super().__init__([])  # citeproc-py's set-up; the items are read here
        for ref in json_data:
            self.add(self._reference(ref))

    def _reference(self, ref: Mapping[str, Any]) -> Any:
        """One item as citeproc-py's ``CiteProcJSON`` reads it, the roles it lacks after.

        The same reading of each field (names, dates, strings; ``language`` as it is),
        the same dict, keys in the same order. Made directly: citeproc-py's ``Reference``
        builds a set of its hundred variables for every item only to warn about unknown
        keywords, which :func:`~citekit.engine.pipeline.render` silences anyway (10,000
        items took a second, all in the main process).
        """
        data: dict[str, Any] = {}
        roles: dict[str, Any] = {}
        key = kind = None
        for name, value in ref.items():
            field = name.replace("-", "_")
            if field == "id":
                key = str(value).lower()
            elif field == "type":
                kind = value
            elif field == "key":  # citeproc-py ignores it (it would clash with the id)
                continue
            elif field in _EXTRA_NAME_KEYS:
                roles[field] = value
            elif field in citeproc.NAMES:
                data[field] = self.parse_names(value)
            elif field in citeproc.DATES:
                data[field] = self.parse_date(value)
            else:
                field = "title_short" if field == "shortTitle" else field
                data[field] = value if name == "language" else self.parse_string(value)
        for field, value in roles.items():
            data[field] = self.parse_names(value)
        made = Reference.__new__(Reference)
        dict.update(made, {"key": key, "type": kind})
        dict.update(made, data)
        return made

    def parse_names(self, json_data: Any) -> list[Any]:
        """Each name as citeproc-py's ``Name`` holds it (made directly, as above)."""
        names = []
        for fields in json_data:
            made = Name.__new__(Name)
            dict.update(made, fields)
            names.append(made)
        return names

    def parse_string(self, string: Any) -> Any:
        """A field's text as citeproc-py's rich string; plain text without its search.

        citeproc-py looks for ``<span class="nocase">`` in every field, lower-casing it and
        raising and catching a ValueError when there is none (a 10,000-item job has 60,000
        fields). Text without a "<" cannot hold the tag: it becomes what citeproc-py would
        make of it, one plain piece (none for an empty text).
        """
        text = str(string)
        if "<" in text:
            return super().parse_string(text)
        return MixedString([String(text)]) if text else MixedString()


def _neighbour(text: str, i: int, step: int) -> str:
    """The character next to ``text[i]`` in direction ``step``, looking past markup markers."""
    i += step
    while 0 <= i < len(text) and text[i] in richtext.ALL_MARKERS:
        i += step
    return text[i] if 0 <= i < len(text) else " "


_DOUBLE = '"“”'
_SINGLE = "'"
#: A typographic ‘ in a field: citeproc-js leaves typographic single quotes as they are
#: (’ is an apostrophe as often as a quote), so they take no part in pairing.
LEFT_SINGLE = "\ue007"
_Q_OPEN_D, _Q_CLOSE_D, _Q_OPEN_S, _Q_CLOSE_S, _Q_OPEN_T, _Q_CLOSE_T = richtext.QUOTE_MARKERS


def _pair_typographic_single(text: str) -> str:
    """‘…’ pairs as quote markers; an unpaired ‘ as :data:`LEFT_SINGLE`, ’ as an apostrophe."""
    if "‘" not in text and "’" not in text:
        return text
    chars = list(text)
    start: int | None = None
    for i, ch in enumerate(text):
        if ch == "‘":
            if start is not None:
                chars[start] = LEFT_SINGLE
            start = i
        elif ch == "’":
            if start is not None and not _neighbour(text, i, 1).isalnum():
                chars[start], chars[i] = _Q_OPEN_T, _Q_CLOSE_T
                start = None
            else:
                chars[i] = APOSTROPHE
    if start is not None:
        chars[start] = LEFT_SINGLE
    return "".join(chars)


def smart_quotes(text: str) -> str:
    """FIX(quotes): pair quotation marks and tell them from apostrophes, as citeproc-js does.

    A quotation mark that can open (after a space, a bracket or the start, before a
    non-space; or a typographic “) pairs with the next of its kind that can close (after
    a non-space, before a space or punctuation; or ”). A pair becomes quote markers
    (:data:`.richtext.QUOTE_MARKS`): the output takes its marks from the locale and
    alternates them when quotations nest. A ``"`` left unpaired stays as it is
    ("Positive Obligations " has no closing quote). An ``'`` or ’ that pairs with nothing
    is an apostrophe ("ETFA '09", "Jones' book"), and so is one inside a word; apostrophes
    become :data:`APOSTROPHE` until the output is finished, so that moving punctuation and
    pairing quotes never mistake them for quotes. A typographic ‘…’ pair is a quotation
    that citeproc-js starts at the inner level (‘typo’ stays single at the top).
    Markup markers (:mod:`.richtext`) are transparent: ``<i>'word'</i>`` quotes the word.
    """
    if not any(c in text for c in _DOUBLE + "'‘’"):
        return text
    text = _pair_typographic_single(text)
    chars = list(text)
    open_at: dict[str, int | None] = {"d": None, "s": None}
    for i, ch in enumerate(text):
        kind = "d" if ch in _DOUBLE else "s" if ch in _SINGLE else None
        if kind is None:
            continue
        before = _neighbour(text, i, -1)
        after = _neighbour(text, i, 1)
        if kind == "s" and before.isalnum() and after.isalnum():
            chars[i] = APOSTROPHE  # inside a word: it's, Insha'Allah
            continue
        can_open = ch == "“" or (
            ch in "\"'" and (before.isspace() or before in "([{—–-/“‘\"'") and not after.isspace()
        )
        can_close = ch == "”" or (
            ch in "\"'" and not before.isspace() and (after.isspace() or not after.isalnum())
        )
        start = open_at[kind]
        if start is not None and can_close:
            if kind == "d":
                chars[start], chars[i] = _Q_OPEN_D, _Q_CLOSE_D
            else:
                chars[start], chars[i] = _Q_OPEN_S, _Q_CLOSE_S
            open_at[kind] = None
        elif can_open:
            if start is not None and kind == "s":
                chars[start] = APOSTROPHE  # an earlier opener never closed: an elision
            open_at[kind] = i
        elif kind == "s":
            chars[i] = APOSTROPHE  # after a word: Jones' book
    start = open_at["s"]
    if start is not None:
        chars[start] = APOSTROPHE  # '09
    return "".join(chars)


#: What a step of :func:`prepare_value` acts on: markup and a ``<`` or ``>`` that is text
#: (:func:`.richtext.mark`, the HTML stand-ins), quotation marks (:func:`smart_quotes`), a
#: space before French punctuation or after « (:func:`.richtext.narrow_spaces`), and the
#: private-use characters citekit's markers are made of (:func:`.richtext.quotations`).
_ACTED_ON = re.compile("[<>\"“”'‘’«\ue000-\uf8ff]| [:;?!»]")


def prepare_value(value: str, html_out: bool) -> str:
    """A field value (or a cite's prefix or suffix): markup marked, quotes typographic.

    FIX(html-escape): citeproc-py's HTML output passes field values through raw. A ``<`` or
    ``>`` that is not markup becomes a marker here (escaped when the output is finished,
    :func:`unmask`); a ``&`` stays itself, so that number variables still read "1 & 2" as
    two numbers, and is escaped when the output is finished.

    Most values (a name, an archive, a plain title) hold nothing any of these steps acts
    on, and come back as they are after one search (:data:`_ACTED_ON`), not four passes.
    """
    if _ACTED_ON.search(value) is None:
        return value
    value = richtext.quotations(smart_quotes(richtext.mark(richtext.narrow_spaces(value))))
    if html_out:
        value = value.translate(_TEXT_MARKS)
    return value


_AMPERSAND = re.compile(r"&(?!(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);)")


def unmask(text: str, html_out: bool) -> str:
    """The finished text with the stand-in characters of :func:`prepare_value` resolved."""
    if html_out:
        text = _AMPERSAND.sub("&amp;", text)
        text = text.replace(LESS_THAN, "&lt;").replace(GREATER_THAN, "&gt;")
    else:
        text = text.replace(LESS_THAN, "<").replace(GREATER_THAN, ">")
    return richtext.render(text, html_out)


def _prepare_name(name: Mapping[str, Any], html_out: bool) -> dict[str, Any]:
    # FIX(names-parse): particles and suffixes split out of the fields first, on the raw
    # strings (a quoted family name is literal, not a quotation)
    return {
        k: prepare_value(str(v), html_out) if isinstance(v, str) else v
        for k, v in parse_name(name).items()
    }


def prepare_item(data: Mapping[str, Any], internal_id: str, html_out: bool) -> dict[str, Any]:
    """Turn one CSL-JSON item into what citeproc-py reads without tripping."""
    out: dict[str, Any] = {"id": internal_id, "type": data.get("type") or "document"}
    for key, value in data.items():
        if key in ("id", "type") or value in (None, "", []):
            continue
        # FIX(input-aliases): citeproc-js reads Zotero's older field names as their CSL
        # variables when the item has no value under the CSL name; citeproc-py dropped
        # journalAbbreviation, and here shortTitle too.
        alias = ZOTERO_FIELD_NAMES.get(key)
        if alias is not None:
            if data.get(alias) not in (None, "", []):
                continue  # the CSL name wins
            key = alias
        if key in NAME_SET:
            if isinstance(value, list):
                out[key] = [_prepare_name(n, html_out) for n in value if isinstance(n, Mapping)]
            continue
        if key in _DATE_SET:
            date = prepare_date(value)
            if date:
                out[key] = date
            continue
        if key in _KNOWN_VARIABLES and key != "note" and isinstance(value, str | int | float):
            text = str(value)
            if key in _SKIP_SMART:
                out[key] = text.translate(_TEXT_MARKS) if html_out else text
            else:
                out[key] = prepare_value(text, html_out)
    return out


def prepare_date(value: Any) -> dict[str, Any] | None:
    """FIX(dates): give citeproc-py only date-parts it can handle (raw/EDTF converted first)."""
    from ..dates import parse_any

    if isinstance(value, str):
        d = parse_any(value)
        # FIX(raw-dates): a date citeproc-js cannot parse prints as it stands ("Bogus Date")
        return d.to_csl_json() if d else ({"literal": value} if value.strip() else None)
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        clean = []
        for p in parts[:2]:
            nums = [int(x) for x in p[:3] if str(x).strip().lstrip("-").isdigit()]
            if nums:
                clean.append(nums)
        out: dict[str, Any] = {"date-parts": clean}
        if len(clean) == 2 and clean[0] == clean[1]:
            out["date-parts"] = clean[:1]
        if value.get("circa"):
            out["circa"] = True
        if value.get("season"):
            out["season"] = value["season"]
        return out if clean else None
    for key in ("raw", "edtf"):
        if isinstance(value.get(key), str) and (d := parse_any(value[key])):
            return d.to_csl_json()
    if isinstance(value.get("literal"), str):
        return {"literal": value["literal"]}
    if isinstance(value.get("raw"), str) and value["raw"].strip():
        return {"literal": value["raw"]}  # FIX(raw-dates): unparseable, printed as it stands
    return None
