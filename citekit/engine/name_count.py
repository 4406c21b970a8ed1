"""How many names a name list shows: et-al truncation, ``form="count"``, names as sort keys.

One override of ``cs:name`` (:class:`Name`), outside :class:`citekit.engine.names.Name`
(which renders the names this one lets through). Which names show is decided once, here,
as citeproc-js decides it (:func:`shown_names`); citeproc-py then renders just those.

- FIX(names-count-count): ``form="count"`` counts the names that would be rendered: all of
  them below ``et-al-min``, else ``et-al-use-first`` (citeproc-py took the smaller of the
  list and ``et-al-use-first`` whatever ``et-al-min`` said), and the counts of several
  roles (``variable="author editor"``) are added (citeproc-py formatted each count as text
  first, so "3" and "2" printed "32").
- FIX(names-count-sort-keys): a name list in a sort key is truncated as its options say
  (``names-min``, ``names-use-first``, ``names-use-last`` on ``cs:key``, else the style's
  et-al options) before its names are compared one by one; citeproc-py's sort key kept
  every name whatever the key asked.
- FIX(names-count-et-al): et-al abbreviation as citeproc-js applies it. "et al." follows
  only names that were left out (citeproc-py added it to three names of three when
  ``et-al-use-first`` was 5); ``et-al-use-first="0"`` leaves the list empty (citeproc-py
  printed a bare "et al."); with no ``et-al-use-first`` anywhere nothing is cut (citeproc-py
  took 1); ``et-al-use-last`` keeps ``et-al-min`` minus 2 names at most before the
  ellipsis, which follows the delimiter after two names or more ("A, B, … F", "A … F");
  an et-al term in a script without spaces ("等") follows a single name directly; a later
  cite of an item reads ``et-al-subsequent-min`` and ``et-al-subsequent-use-first`` where
  the style sets them (citeproc-py never did).
"""

from __future__ import annotations

import re
from typing import Any

import citeproc.model as cmodel

from .state import state_of

#: The first letter of an et-al term written with spaces between words (the scripts
#: citeproc-js calls "romanesque": Latin, Greek, Cyrillic, Hebrew, Arabic, Thai, ...).
_SPACED_SCRIPT = re.compile(
    "[&A-Za-z\u00c0-\u017f\u0218-\u021b\u0370-\u03ff\u0400-\u052f\u0590-\u05d4"
    "\u05d6-\u05ff\u0600-\u06ff\u0e01-\u0e5b\u1f00-\u1fff\u200c-\u200e\u202a-\u202e]"
)
_ELLIPSIS = "\u2026"
#: The part of a name list being rendered (see :meth:`Name._render`), while it renders.
_PLAIN = "_ck_plain_list"


def shown_names(
    names: list[Any], et_al_min: int, use_first: int | None, use_last: bool
) -> list[Any]:
    """The names of a list that et-al abbreviation keeps, as citeproc-js keeps them.

    The list is cut when it has at least ``et_al_min`` names (0: never) and more than
    ``use_first``, provided ``use_first`` is set and not above ``et_al_min``. With
    ``use_last`` at most ``et_al_min - 2`` names come first, then the last name (the
    ellipsis stands between). ``use_first`` 0 keeps nothing.
    """
    if not et_al_min or use_first is None or use_first > et_al_min or len(names) < et_al_min:
        return names
    keep = min(use_first, et_al_min - 2) if use_last else use_first
    if len(names) <= keep:
        return names
    return [*names[:keep], names[-1]] if use_last else names[:keep]


class Name(cmodel.Name):  # type: ignore[misc]
    """``cs:name``: the names a count, a sort key or a rendering shows, et al. after them."""

    def process(
        self,
        item: Any,
        variable: Any,
        context: Any = None,
        sort_options: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Count the names, or render those et-al abbreviation keeps."""
        state = state_of(self)
        if sort_options is None:
            sort_options = state.sorting
        names = item.reference.get(variable) or []
        form = self.get_option("form", context, sort_options)
        if self.__dict__.get(_PLAIN) is not None or not names:
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
        use_last = bool(self.get_option("et-al-use-last", context, sort_options))
        later = self._subsequent(item, context, sort_options)
        et_al_min = self._option("et-al-subsequent-min", context, sort_options) if later else None
        use_first = (
            self._option("et-al-subsequent-use-first", context, sort_options) if later else None
        )
        if not et_al_min:
            et_al_min = self._option("et-al-min", context, sort_options)
        if not use_first:
            use_first = self._option("et-al-use-first", context, sort_options)
        shown = shown_names(list(names), et_al_min or 0, use_first, use_last)
        if form == "count":
            return len(shown)
        if sort_options is not None:  # names compared one by one: no "et al."
            return self._render(item, variable, shown, "all", context, sort_options, kwargs)
        if len(shown) == len(names):
            return self._render(item, variable, names, "all", context, sort_options, kwargs)
        if not shown:
            return None
        head = shown[:-1] if use_last else shown
        text = self._render(item, variable, head, "head", context, sort_options, kwargs)
        if use_last:
            end = self._render(item, variable, shown[-1:], "tail", context, sort_options, kwargs)
            tail = f"{_ELLIPSIS} {end}"
        else:
            tail = self.et_al()
        if not tail:
            return text
        return text + self._et_al_prefix(len(head), use_last, context, sort_options) + tail

    def _option(self, name: str, context: Any, sort_options: Any) -> int | None:
        """An et-al number where the style (or the sort key) sets it, else None."""
        if sort_options is not None and name in sort_options:
            return int(self.get_option(name, context, sort_options))
        d = self.__dict__
        found = d.get("_ck_et_al_set")
        if found is None:
            found = d["_ck_et_al_set"] = {}
        set_anywhere = found.get((context, name))
        if set_anywhere is None:
            holder = (context if context is not None else self).xpath_search(
                "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
            )
            places = [self, *holder, self.get_root()]
            set_anywhere = found[(context, name)] = any(p.get(name) is not None for p in places)
        # the value (a pure read) only where the style sets the option
        return int(self.get_option(name, context, sort_options)) if set_anywhere else None

    def _subsequent(self, item: Any, context: Any, sort_options: Any) -> bool:
        """Whether the cite being rendered is a later cite of its item (FIX(names-count-et-al)).

        citeproc-js then reads ``et-al-subsequent-min`` and ``-use-first`` where they are
        set; the ambiguity probe renders every cite as a later one (see :mod:`.positions`).
        """
        state = state_of(self)
        if sort_options is not None or state.first_names is not None:
            return False
        if state.ambiguity_form:
            return True
        owner = context if context is not None else self
        if owner.xpath_search("./ancestor::*[self::cs:bibliography]"):
            return False
        cites = owner.get_layout().getparent().cites
        seen = getattr(cites, "seen", None)
        if seen is None:
            seen = {cite.key for cite in cites}
        return bool(getattr(item, "key", None) in seen)

    def _et_al_prefix(self, shown: int, ellipsis: bool, context: Any, sort_options: Any) -> str:
        """What stands between the names and "et al." (or the ellipsis)."""
        precedes = self.get_option("delimiter-precedes-et-al", context, sort_options)
        if precedes == "always" or (precedes != "never" and shown > 1):
            return str(self.get_option("delimiter", context, sort_options))
        return " " if ellipsis or _SPACED_SCRIPT.match(self._et_al_term()) else ""

    def _et_al_term(self) -> str:
        """The et-al term's text (the term ``cs:et-al`` names, else "et-al")."""
        d = self.__dict__
        term = d.get("_ck_et_al_term")
        if term is None:
            element = self.xpath_search("./following-sibling::cs:et-al[1]")
            name = element[0].get("term", "et-al") if element else "et-al"
            try:
                term = d["_ck_et_al_term"] = str(self.get_single_term(name) or "")
            except (IndexError, KeyError):
                term = d["_ck_et_al_term"] = ""
        return str(term)

    def _render(
        self,
        item: Any,
        variable: Any,
        names: list[Any],
        part: str,
        context: Any,
        sort_options: Any,
        kwargs: dict[str, Any],
    ) -> Any:
        """Render exactly ``names``, one part of the list.

        The whole list ("all", "and" before its last name), the names before "et al." or
        the ellipsis ("head", no "and"), or the last name after the ellipsis ("tail", never
        inverted as a first name).
        """
        whole = item.reference.get(variable)
        d = self.__dict__
        item.reference[variable] = names
        d[_PLAIN] = part
        try:
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
        finally:
            d[_PLAIN] = None
            item.reference[variable] = whole

    #: The options :meth:`get_option` may change (see :class:`.caches.elements.NameOptions`).
    ck_options = frozenset({"et-al-min", "and", "name-as-sort-order"})

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """While :meth:`_render` runs, citeproc-py cuts no name (the list is cut already)."""
        part = self.__dict__.get(_PLAIN)
        if part is not None:
            if name == "et-al-min":
                return 0
            if name == "and" and part != "all":
                return None
            if name == "name-as-sort-order" and part == "tail":
                value = super().get_option(name, context, sort_options)
                return None if value == "first" else value
        return super().get_option(name, context, sort_options)

    def markup(self, text: Any) -> Any:
        """A count stays a number, for ``cs:names`` to add up the counts of its roles."""
        if isinstance(text, int):
            return text
        return super().markup(text)
