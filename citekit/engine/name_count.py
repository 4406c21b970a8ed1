"""How many names a name list shows: et-al truncation, ``form="count"``, names as sort keys.

One override of ``cs:name`` (:class:`Name`), outside :class:`citekit.engine.names.Name`
(which renders the names this one lets through).

- FIX(names-count-count): ``form="count"`` counts the names that would be rendered: all of
  them below ``et-al-min``, else ``et-al-use-first`` (citeproc-py took the smaller of the
  list and ``et-al-use-first`` whatever ``et-al-min`` said), and the counts of several
  roles (``variable="author editor"``) are added (citeproc-py formatted each count as text
  first, so "3" and "2" printed "32").
- FIX(names-count-sort-keys): a name list in a sort key is truncated as its options say
  (``names-min``, ``names-use-first``, ``names-use-last`` on ``cs:key``, else the style's
  et-al options) before its names are compared one by one; citeproc-py's sort key kept
  every name whatever the key asked.
"""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel

from .state import state_of


def shown_names(names: list[Any], et_al_min: int, use_first: int, use_last: bool) -> list[Any]:
    """The names of a list that et-al abbreviation keeps (CSL 1.0.2, Name: et-al options).

    The list is cut when it has at least ``et_al_min`` names (0: never) and more than
    ``use_first``; ``use_last`` adds the last name back when at least two names are left out
    (what the ellipsis stands for). ``use_first`` 0 keeps nothing.
    """
    if not et_al_min or len(names) < et_al_min or len(names) <= use_first:
        return names
    kept = names[:use_first]
    if use_last and use_first and len(names) >= use_first + 2:
        kept.append(names[-1])
    return kept


class Name(cmodel.Name):  # type: ignore[misc]
    """``cs:name``: the names a count or a sort key sees, et-al truncation applied."""

    def process(
        self,
        item: Any,
        variable: Any,
        context: Any = None,
        sort_options: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Count the names, truncate a sort key's names, or render as the names layer does."""
        state = state_of(self)
        if sort_options is None:
            sort_options = state.sorting
        names = item.reference.get(variable) or []
        form = self.get_option("form", context, sort_options)
        if form != "count" and (sort_options is None or len(names) < 2):
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
        shown = self._et_al_shown(names, context, sort_options)
        if form == "count":
            return len(shown)
        item.reference[variable] = shown
        try:
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
        finally:
            item.reference[variable] = names

    def _et_al_shown(self, names: list[Any], context: Any, sort_options: Any) -> list[Any]:
        def option(name: str) -> Any:
            return self.get_option(name, context, sort_options)

        return shown_names(
            list(names),
            int(option("et-al-min")),
            int(option("et-al-use-first")),
            bool(option("et-al-use-last")),
        )

    def markup(self, text: Any) -> Any:
        """A count stays a number, for ``cs:names`` to add up the counts of its roles."""
        if isinstance(text, int):
            return text
        return super().markup(text)
