"""Names: Han-script names, initials, given names shown to disambiguate, names in sort keys.

One override of ``cs:name`` (:class:`Name`); the rules it applies are citeproc-js's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import citeproc.model as cmodel
import citeproc.source as csource

from .sorting import SORT_SEPARATOR
from .state import state_of
from .style_rewrites import INITIALS_WITH

_AFTER_INVERTED = ("delimiter-precedes-last", "delimiter-precedes-et-al")
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def initials(given: str) -> str:
    """Initials of a given name as citeproc-js writes them ("Christian F." -> "C. F.")."""
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    return " ".join(
        "-".join(f"{h[0]}." for h in p.split("-") if h) if p[:1].isupper() else p for p in parts
    )


def initials_of(given: str, mark: str, *, whole_words: bool, hyphen: bool) -> str:
    """A given name with ``initialize-with`` applied, as citeproc-js applies it.

    A word written with a period ("Ph.", "ME.") is an abbreviation and stays whole; a
    one-letter word is an initial; both take the mark ("Ph.M.E." -> "Ph. M. E." with
    ". "). Any other word is reduced to its initial, or with ``whole_words``
    (``initialize="false"``) kept whole and unmarked ("John M.E." -> "John M. E.").
    A lower-case word ("de") stands apart even between crowded initials ("J.B. de C.M.").
    """
    dot, space = mark.rstrip(), mark[len(mark.rstrip()) :]
    out = ""

    def apart(word: str) -> str:
        return f"{out.rstrip()} {word} " if out else f"{word} "

    for m in re.finditer(r"([^\s.]+)(\.?)", given):
        word, period = m.groups()
        if not word[0].isupper():
            out = apart(word)
        elif (period or len(word) == 1) and "-" not in word:
            out += word + dot + space
        elif whole_words:
            out = apart(word)
        else:
            pieces = [p for p in word.split("-") if p and p[0].isupper()]
            if hyphen:
                out += "-".join(p[0] + dot for p in pieces) + space
            else:
                out += "".join(p[0] + dot + space for p in pieces)
    return out.strip()


class WholeGiven(str):
    """A given name disambiguation shows whole in a long form: ``initialize-with`` spares it."""


class Name(cmodel.Name):  # type: ignore[misc]
    """``cs:name`` as citeproc-js renders it.

    - FIX(han-names): citeproc-py spaces and punctuates Han-script names like Western ones
      ("章, . 汉夫 ."); citeproc-js writes them family name first with no space ("章汉夫")
      and the family name alone in short form ("章").
    - FIX(initials): with ``initialize="false"``, citeproc-js still spaces initials the
      style's way ("L. W."); "Hon-yong" initialises to "H.", not "H.-. yong ."; a
      lower-case word stands apart between crowded initials ("J.B. de C.M.").
    - FIX(disambiguate): a short name shows its initials or given name when that tells two
      people of one family name apart (``RenderState.expand``); in a cite's long form,
      FIX(disambig-by-cite-steps): in a cite's long form, an initialised given name is
      shown whole (:class:`WholeGiven`).
    - FIX(sort-keys): in a sort key, names are compared one by one ("and", "et al." and the
      delimiters take no part).
    - FIX(after-inverted-name): the delimiter before "and"/"et al." after an inverted name.
    - FIX(subsequent-author-substitute): the first names of each bibliography entry are
      recorded (``RenderState.first_names``), for the bibliography to compare.
    """

    def process(
        self,
        item: Any,
        variable: Any,
        context: Any = None,
        sort_options: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Render one role's names, with the changes above."""
        state = state_of(self)
        names = item.reference.get(variable)
        if sort_options is None:
            sort_options = state.sorting
        if not names:
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
        if sort_options is not None and len(names) > 1:
            return self._sort_key(item, variable, names, context, sort_options, **kwargs)
        self.__dict__["_ck_names"] = names  # for get_option (after-inverted-name)
        form = self.get_option("form", context, sort_options)
        mark = self.get(INITIALS_WITH)
        levels = state.expand.get(item.key, {})
        if form != "short":  # a long form shows whole given names (level 2) in cites only
            citing = state.first_names is None and sort_options is None
            levels = {k: v for k, v in levels.items() if v > 1} if citing else {}
        expand: dict[tuple[str, str], tuple[int, Callable[[str], str] | None]] = {}
        if levels:  # initials as the name makes them; no initialize-with: whole given names
            with_ = self.get_option("initialize-with", context, sort_options)
            init = None if with_ is None else lambda g: str(self.initialize(g, with_, context))
            expand = {k: (v, init) for k, v in levels.items()}
        changed = [self._shown(n, form, mark, expand) for n in names]
        item.reference[variable] = changed
        try:
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
        finally:
            item.reference[variable] = names

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """FIX(after-inverted-name): the delimiter before "and"/"et al." after an inverted name.

        citeproc-py knows "always", "never" and "contextual" only, so "after-inverted-name"
        gave no delimiter: it is "always" when the name before is shown inverted
        (``name-as-sort-order``), else "never" (CSL 1.0.2, Name Delimiters).
        """
        value = super().get_option(name, context, sort_options)
        if value != "after-inverted-name" or name not in _AFTER_INVERTED:
            return value
        order = super().get_option("name-as-sort-order", context, sort_options)
        if super().get_option("form", context, sort_options) != "long" or not order:
            return "never"
        if name == "delimiter-precedes-et-al":
            before = super().get_option("et-al-use-first", context, sort_options) - 1
        else:
            before = len(self.__dict__.get("_ck_names") or ()) - 2
        names = self.__dict__.get("_ck_names") or ()
        # citeproc-js joins a list of literal (institutional) names on its own, never inverted
        personal = any(n.get("given") or n.get("family") for n in names)
        inverted = personal and (order == "all" or before == 0)
        return "always" if inverted else "never"

    def _sort_key(
        self, item: Any, variable: Any, names: Any, context: Any, sort_options: Any, **kwargs: Any
    ) -> Any:
        parts = []
        for n in names:
            item.reference[variable] = [n]
            try:
                text = self.process(
                    item, variable, context=context, sort_options=sort_options, **kwargs
                )
                parts.append(str(text or ""))
            finally:
                item.reference[variable] = names
        return cmodel.String(SORT_SEPARATOR.join(parts))

    @staticmethod
    def _shown(
        n: Any,
        form: Any,
        mark: str | None,
        expand: dict[tuple[str, str], tuple[int, Callable[[str], str] | None]],
    ) -> Any:
        given, family = n.get("given"), n.get("family")
        level, init = expand.get((str(family), str(given)), (0, None)) if given else (0, None)
        if level and form != "short":
            return csource.Name(**{**n, "given": WholeGiven(str(given))})
        if level:
            shown = init(str(given)).strip() if level == 1 and init else str(given)
            return csource.Name(family=f"{shown} {family}")
        if family and _HAN.search(f"{family}{given or ''}"):
            whole = family if form == "short" else f"{family}{given or ''}"
            return csource.Name(family=whole)
        if mark and given:
            shown = initials_of(str(given), mark, whole_words=True, hyphen=False)
            return csource.Name(**{**n, "given": shown}) if shown != str(given) else n
        return n

    def initialize(self, given: str, mark: str, context: Any) -> str:
        """Make initials as citeproc-js does.

        "Christian F." -> "C. F.", "Jean-Paul" -> "J.-P.", "Hon-yong" -> "H." (a lower-case
        part after a hyphen is dropped).
        """
        if isinstance(given, WholeGiven):
            return str(given)
        hyphen = bool(self.get_option("initialize-with-hyphen", context))
        return initials_of(str(given), mark, whole_words=False, hyphen=hyphen)

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        """Render, and record the entry's first names while the bibliography renders."""
        text = super().render(item, *args, **kwargs)
        record = state_of(self).first_names
        if record is not None and text and item.key not in record:
            record[item.key] = str(text)
        return text
