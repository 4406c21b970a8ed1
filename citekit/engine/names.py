"""Names: initials, given names shown to disambiguate, names in sort keys, delimiters.

One override of ``cs:name`` (:class:`Name`); the rules it applies are citeproc-js's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import citeproc.model as cmodel
import citeproc.source as csource

from .author_substitute import mark_end
from .richtext import ALL_MARKERS
from .sorting import SORT_SEPARATOR
from .state import state_of
from .style_rewrites import INITIALS_WITH

_MARKERS = "".join(sorted(ALL_MARKERS))
_AFTER_INVERTED = ("delimiter-precedes-last", "delimiter-precedes-et-al")


def initials(given: str) -> str:
    """Initials of a given name as citeproc-js writes them ("Christian F." -> "C. F.")."""
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    return " ".join(
        "-".join(f"{h[0]}." for h in p.split("-") if h) if p[:1].isupper() else p for p in parts
    )


def _initial(word: str) -> str:
    """A word's initial; capitals after the first letter join it ("TSerendorjiin" -> "Ts").

    citeproc-js keeps a run of capitals that starts a mixed-case word as part of the initial
    (in lower case: Mongolian "Ts", "Ch"); a word in capitals throughout gives one letter.
    """
    rest = word[1:]
    run = next((i for i, c in enumerate(rest) if not c.isupper()), len(rest))
    return word[0] + (rest[:run].lower() if run < len(rest) else "")


def _bare(word: str) -> tuple[str, str, str]:
    """A word split into its leading markup markers, its letters and its trailing markers."""
    core = word.lstrip(_MARKERS)
    lead = word[: len(word) - len(core)]
    bare = core.rstrip(_MARKERS)
    return lead, bare, core[len(bare) :]


def _marked_initial(piece: str, dot: str) -> str:
    """One initial with the mark, inside the markup around its word ("<b>J.</b>")."""
    lead, core, trail = _bare(piece)
    return f"{lead}{_initial(core)}{dot}{trail}"


def initials_of(given: str, mark: str, *, whole_words: bool, hyphen: bool = False) -> str:
    """A given name with ``initialize-with`` applied, as citeproc-js applies it.

    A word written with a period ("Ph.", "ME.") is an abbreviation and stays whole; a
    one-letter word is an initial; both take the mark ("Ph.M.E." -> "Ph. M. E." with
    ". "). Any other word is reduced to its initial, or with ``whole_words``
    (``initialize="false"``) kept whole and unmarked ("John M.E." -> "John M. E.").
    A lower-case word ("de") stands apart even between crowded initials ("J.B. de C.M.").
    Markup in the name is kept around the initial of its word ("<b>John</b>" -> "<b>J.</b>").
    """
    dot, space = mark.rstrip(), mark[len(mark.rstrip()) :]
    out = ""

    def apart(word: str) -> str:
        return f"{out.rstrip()} {word} " if out else f"{word} "

    for m in re.finditer(r"([^\s.]+)(\.?)", given):
        word, period = m.groups()
        lead, core, trail = _bare(word)
        if not core:  # markup closing after an initial's period: it joins the initial
            kept = out.rstrip()
            out = kept + word + out[len(kept) :]
            continue
        if core[0] == "-" and core[1:2].isupper():  # "J.-P.": the initial after the hyphen
            core = core.lstrip("-")
            if hyphen and out:
                out = out.rstrip() + "-"
        if not core[0].isupper():
            out = apart(word)
        elif (period or len(core) == 1) and "-" not in core:
            out += lead + core + dot + trail + space
        elif whole_words:
            out = apart(word)
        elif hyphen:  # a lower-case part after a hyphen goes ("Hon-yong" -> "H.")
            pieces = [p for p in word.split("-") if _bare(p)[1][:1].isupper()]
            out += "-".join(_marked_initial(p, dot) for p in pieces) + space
        else:  # without initialize-with-hyphen it stands apart ("H. yong")
            for p in (p for p in word.split("-") if _bare(p)[1]):
                if _bare(p)[1][0].isupper():
                    out += _marked_initial(p, dot) + space
                else:
                    out = apart(p)
    return out.strip()


class WholeGiven(str):
    """A given name disambiguation shows whole in a long form: ``initialize-with`` spares it."""


class Name(cmodel.Name):  # type: ignore[misc]
    """``cs:name`` as citeproc-js renders it.

    - Han-script names, particles and name-part formatting: :mod:`.name_parts`.
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
        if form == "short" and state.check_read is not None:
            state.check_read = True  # its given names are the check's (an entry watched)
        levels = state.expand.get(item.key, {})
        if form != "short":  # a long form shows whole given names (level 2) in cites only
            citing = state.first_names is None and sort_options is None
            levels = {k: v for k, v in levels.items() if v > 1} if citing else {}
        expand: dict[tuple[str, str], tuple[int, Callable[[str], str] | None]] = {}
        if levels:  # initials as the name makes them; no initialize-with: whole given names
            with_ = self.get_option("initialize-with", context, sort_options)
            init = None if with_ is None else lambda g: str(self.initialize(g, with_, context))
            expand = {k: (v, init) for k, v in levels.items()}
        inverted = _Inversion.of(self, context, sort_options) if expand else None
        changed = [
            self._shown(
                n, form, mark, expand, inverted if inverted and inverted.applies(i) else None
            )
            for i, n in enumerate(names)
        ]
        item.reference[variable] = changed
        try:
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
        finally:
            item.reference[variable] = names

    #: The options :meth:`get_option` may change (see :class:`.caches.elements.NameOptions`).
    ck_options = frozenset(_AFTER_INVERTED)

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
            # self: the et-al-use-first that disambiguate-add-names may have raised
            before = self.get_option("et-al-use-first", context, sort_options) - 1
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
        inverted: _Inversion | None = None,
    ) -> Any:
        given, family = n.get("given"), n.get("family")
        level, init = expand.get((str(family), str(given)), (0, None)) if given else (0, None)
        if level and form != "short":
            return csource.Name(**{**n, "given": WholeGiven(str(given))})
        if level:
            shown = init(str(given)).strip() if level == 1 and init else str(given)
            dp, ndp = n.get("dropping-particle"), n.get("non-dropping-particle")
            if inverted is not None:
                return csource.Name(family=inverted.join(shown, dp, ndp, family))
            parts = (shown, dp, ndp, family)
            return csource.Name(family=" ".join(str(p) for p in parts if p))
        if mark is not None and given:
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
            return mark_end(text)
        return text


@dataclass(frozen=True)
class _Inversion:
    """FIX(disambiguate-inverted): a short name shown whole keeps the name's inversion.

    When disambiguation shows the given name of a short-form name, citeproc-js writes it as
    the long form would be, so ``name-as-sort-order`` inverts it ("Szalontai, Balázs",
    "Gaulle, C. de"; "de Gaulle, C." when the style never demotes the particle).
    """

    order: str
    separator: str
    demote: bool

    @staticmethod
    def of(name: Any, context: Any, sort_options: Any) -> _Inversion | None:
        """The name element's inversion, or None when it shows names in display order."""
        order = name.get_option("name-as-sort-order", context, sort_options)
        if order not in ("first", "all"):
            return None
        separator = name.get_option("sort-separator", context, sort_options)
        demote = name.get_root().get("demote-non-dropping-particle", "display-and-sort")
        return _Inversion(
            str(order), ", " if separator is None else str(separator), demote != "never"
        )

    def applies(self, position: int) -> bool:
        """Whether the name at ``position`` (0 first) is inverted."""
        return self.order == "all" or position == 0

    def join(self, given: str, dp: Any, ndp: Any, family: Any) -> str:
        """The name as "family, given particles", the non-dropping particle as the style says."""
        front = [family] if self.demote else [ndp, family]
        back = [given, dp, ndp] if self.demote else [given, dp]
        return self.separator.join(" ".join(str(p) for p in part if p) for part in (front, back))
