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
from typing import Any

import citeproc.model as cmodel

from .. import parallel
from .prepare import APOSTROPHE, EXTRA_NAME_ROLES
from .richtext import strip as strip_markup
from .state import state_of

#: Joins the names of one sort key: sorts before every letter, so names compare one by one.
SORT_SEPARATOR = "\x01"

_EXTRA_NAMES = frozenset(r.replace("-", "_") for r in EXTRA_NAME_ROLES)


def sort_text(key: str) -> str:
    """A sort key as citeproc-js compares it: letters and digits, case and accents folded."""
    key = html.unescape(re.sub(r"<[^>]+>", "", key))  # HTML output: markup is not text
    folded = unicodedata.normalize("NFKD", strip_markup(key).replace(APOSTROPHE, ""))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"[^\w\s\x01]|_", "", folded).casefold()
    return re.sub(r"\s*\x01\s*", "\x01", re.sub(r"[ \t]+", " ", folded)).strip()


def sort_value(key: Any) -> Any:
    """One rendered key made comparable (citeproc-py's MixedString is a list of strings)."""
    if isinstance(key, list):
        key = "".join(str(part) for part in key)
    return sort_text(key) if isinstance(key, str) else key


class Key(cmodel.Key):  # type: ignore[misc]
    """``cs:key``: macro keys in sort mode, every key folded as citeproc-js compares it."""

    def sort_keys(self, items: Any, context: Any) -> Any:
        """One comparable key per item."""
        if "macro" in self.attrib:
            return self._macro_keys(items, context)
        variable = self.get("variable", "").replace("-", "_")
        if variable in _EXTRA_NAMES:  # FIX(csl-1.0.2): a role citeproc-py does not list
            return [sort_value(self._format_name(item, variable)) for item in items]
        return [sort_value(k) for k in super().sort_keys(items, context)]

    def _macro_keys(self, items: Any, context: Any) -> list[Any]:
        # Render macro keys in sort mode. Each key of an item starts afresh, as an entry
        # does (FIX(names-count-sort-keys)): citeproc-js empties its record of the
        # variables substitution used at the start of every key, so an editor that stands
        # in for the author in one key is still there for the next key.
        state = state_of(self)
        layout = context.get_layout()
        sort_options = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                sort_options[option.replace("names", "et-al")] = self.get(option)
        macro = self.get_macro(self.get("macro"))

        def work(share: range, _report: Any) -> list[Any]:
            keys = []
            # citeproc-py drops sort_options when a macro calls another macro; keep them
            # where every element can see them.
            state.sorting = sort_options
            try:
                for n in share:
                    layout.repressed = {}  # also empties state.suppressed (substitute.Layout)
                    key = macro.render(items[n], context=context, sort_options=sort_options)
                    keys.append(sort_value(key))
            finally:
                state.sorting = None
            return keys

        return parallel.run_shares(work, len(items))
