"""Sorting: sort keys as citeproc-js compares them.

FIX(sort-keys): citeproc-py compared sort keys raw, so a title in quotes (“Correspondence
...) sorted after every letter; citeproc-js compares letters and digits, ignoring
punctuation, case and accents. Macro keys are rendered in sort mode
(``RenderState.sorting``), each key of an item on its own. Names (:mod:`.names`,
:mod:`.name_count`), labels (:mod:`.labels`) and dates (:mod:`.dates`) read the sort mode too.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import partial
from typing import Any

import citeproc.model as cmodel
import citeproc.source as csource

from .. import parallel
from . import reads
from .prepare import APOSTROPHE, EXTRA_NAME_ROLES
from .richtext import strip as strip_markup
from .state import state_of

#: Joins the names of one sort key: sorts before every letter, so names compare one by one.
SORT_SEPARATOR = "\x01"

_EXTRA_NAMES = frozenset(r.replace("-", "_") for r in EXTRA_NAME_ROLES)


_TAG = re.compile(r"<[^>]+>")
_NOT_WORD = re.compile(r"[^\w\s\x01]|_")
_BLANKS = re.compile(r"[ \t]+")
_AROUND_SEPARATOR = re.compile(r"\s*\x01\s*")


def sort_text(key: str) -> str:
    """A sort key as citeproc-js compares it: letters and digits, case and accents folded."""
    key = html.unescape(_TAG.sub("", key))  # HTML output: markup is not text
    folded = unicodedata.normalize("NFKD", strip_markup(key).replace(APOSTROPHE, ""))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _NOT_WORD.sub("", folded).casefold()
    return _AROUND_SEPARATOR.sub("\x01", _BLANKS.sub(" ", folded)).strip()


def sort_value(key: Any) -> Any:
    """One rendered key made comparable (citeproc-py's MixedString is a list of strings)."""
    if isinstance(key, list):
        key = "".join(str(part) for part in key)
    return sort_text(key) if isinstance(key, str) else key


def date_key(value: Any, parts: Any = ("year", "month", "day")) -> str:
    """FIX(labels-sort-dates): a date as citeproc-js sorts it, its end included.

    citeproc-js writes a date key as start and end, each year (five digits: 1 and the
    year, or 0 and 9999 minus the year before Christ), month and day (two digits, 00 where
    absent or not shown): a single date ends in "100000000" (no end). citeproc-py wrote a
    single date shorter than a range, so a range of the same year sorted after it (and a
    literal date by its words, where citeproc-js has no key).
    """
    if isinstance(value, csource.DateRange):
        begin, end = value.begin, value.get("end")
    elif isinstance(value, csource.Date):
        begin, end = value, None
    else:
        return ""
    if not begin.get("year"):
        return ""

    def one(date: Any) -> str:
        year = int(date.get("year", 0) or 0) if date is not None else 0
        text = f"1{year:04d}" if year >= 0 else f"0{9999 + year:04d}"
        for name in ("month", "day"):
            part = int(date.get(name, 0) or 0) if date is not None and name in parts else 0
            text += f"{part:02d}"
        return text

    return one(begin) + one(end)


class Key(cmodel.Key):  # type: ignore[misc]
    """``cs:key``: macro keys in sort mode, every key folded as citeproc-js compares it."""

    def sort_keys(self, items: Any, context: Any) -> Any:
        """One comparable key per item."""
        if "macro" in self.attrib:
            return self._macro_keys(items, context)
        variable = self.get("variable", "").replace("-", "_")
        if variable in _EXTRA_NAMES:  # FIX(csl-1.0.2): a role citeproc-py does not list
            return [sort_value(self._format_name(item, variable)) for item in items]
        if variable == "citation_label":  # FIX(labels-citation-label): the made label
            made = state_of(self).trigraphs
            return [sort_value(made.get(item.key) or item.get_field(variable)) for item in items]
        if variable in cmodel.DATES:
            return [date_key(item.reference.get(variable)) for item in items]
        return [sort_value(k) for k in super().sort_keys(items, context)]

    def _macro_keys(self, items: Any, context: Any) -> list[Any]:
        # Render macro keys in sort mode. Each key of an item starts afresh, as an entry
        # does (FIX(names-count-sort-keys)): citeproc-js empties its record of the
        # variables substitution used at the start of every key, so an editor that stands
        # in for the author in one key is still there for the next key.
        state = state_of(self)
        layout = context.get_layout()
        sort_options = {"name-as-sort-order": "all"}
        # FIX(labels-sort-particle): citeproc-js sorts a name by its family name, the
        # non-dropping particle after the given name ("Beethoven, Ludwig van"), unless the
        # style says demote-non-dropping-particle="never"; citeproc-py kept "sort-only"
        # particles in front ("van Beethoven" under V).
        if self.get_root().get("demote-non-dropping-particle", "display-and-sort") != "never":
            sort_options["demote-non-dropping-particle"] = "display-and-sort"
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                sort_options[option.replace("names", "et-al")] = self.get(option)
        macro = self.get_macro(self.get("macro"))
        # FIX(ms-a-sort-macro-date): a sort macro with a cs:date of its own keys an item by
        # the dates it renders alone (its own and those of macros it calls), the macro's
        # other output left out (an item no date renders for has an empty key): citeproc-js
        # does so; citeproc-py keyed by everything the macro printed. A macro with no date
        # of its own keys by all it prints.
        own_dates = [el for el in macro.iter() if _local_tag(el) == "date"]

        # An item that reads the same as one keyed before has the same key (one author's
        # many documents: :mod:`.reads`).
        in_bibliography = _local_tag(self.getparent().getparent()) == "bibliography"
        remember = reads.follows(macro, bibliography=in_bibliography)
        memo = reads.Memo(state, notes=False, labels=False) if remember else None
        # The macros with names inside the key (an item's translators, called from
        # Chicago's "source-bib"), remembered as the entries' are; a key of its own per
        # key, for the options differ. Not where the key gathers the dates its macros
        # render: a remembered macro would not add its dates again.
        parts = None if own_dates else reads.MacroParts(state, bibliography=True)

        def one(item: Any) -> Any:
            layout.repressed = {}  # also empties state.suppressed (substitute.Layout)
            if own_dates:
                state.date_keys = []
            key = macro.render(item, context=context, sort_options=sort_options)
            if own_dates and state.date_keys is not None:
                dated = state.date_keys
                key = "".join(k for _, k in dated)
            return sort_value(key)

        def work(share: range, _report: Any) -> list[Any]:
            keys = []
            # citeproc-py drops sort_options when a macro calls another macro; keep them
            # where every element can see them.
            state.sorting = sort_options
            outer, state.macro_parts = state.macro_parts, parts
            try:
                for n in share:
                    item = items[n]
                    if memo is None or not memo.worth():
                        keys.append(one(item))
                        continue
                    kind = memo.kind(item.key, item.reference)
                    keys.append(memo.through(kind, item.reference, partial(one, item))[0])
            finally:
                state.sorting = None
                state.date_keys = None
                state.macro_parts = outer
            return keys

        return parallel.run_shares(work, len(items))


def _local_tag(element: Any) -> str:
    """An element's tag without its namespace ("" for a comment)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class Name(cmodel.Name):  # type: ignore[misc]
    """FIX(labels-sort-particle): a short name in a sort key sorts by its family name.

    citeproc-js keys every personal name in a sort key family first, the non-dropping
    particle after it ("Beethoven van"), unless the style says
    demote-non-dropping-particle="never"; citeproc-py's short form keeps it in front.
    (Long names get the same order from the sort options, see :class:`Key`.)
    """

    def process(
        self, item: Any, variable: Any, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """Render the names, particles after the family names in a short sort key."""
        options = sort_options if sort_options is not None else state_of(self).sorting
        names = item.reference.get(variable)
        if (
            options is None
            or not names
            or self.get_root().get("demote-non-dropping-particle") == "never"
            or self.get_option("form", context, options) != "short"
            or not any(n.get("non-dropping-particle") for n in names)
        ):
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        item.reference[variable] = [_particle_last(n) for n in names]
        try:
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        finally:
            item.reference[variable] = names


def _particle_last(name: Any) -> Any:
    """The name with its non-dropping particle after the family name."""
    particle, family = name.get("non-dropping-particle"), name.get("family")
    if not particle or not family:
        return name
    fields = {k: v for k, v in name.items() if k != "non-dropping-particle"}
    return csource.Name(**{**fields, "family": f"{family} {particle}"})
