"""FIX(disambiguate): citeproc-py has no disambiguation; do what citeproc-js does.

In the order CSL gives (CSL 1.0.2, "Disambiguation"): add given names (initials, then whole
given names) where that tells cites apart, or everywhere for the global rules; then year
suffixes (a, b, ...) in bibliography order; then mark the cites still ambiguous, for
``disambiguate="true"``. What it decides goes into the job's
:class:`~citekit.engine.state.RenderState` (``expand``, ``ambiguous``) and, for year
suffixes, into the items' ``year-suffix`` variable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import citeproc.model as cmodel

from .. import parallel
from ..keys import letter_suffix
from .caches.choose import Test
from .citations import Citation, CitationItem, registered
from .disambiguate_names import ByCite, global_given_names
from .reads import MacroParts, Memo
from .state import RenderState, state_of

_CSL_NS = "http://purl.org/net/xbiblio/csl"


class If(cmodel.If):  # type: ignore[misc]
    """``disambiguate="true"`` holds only for the cites found ambiguous.

    citeproc-py treated every ``<if disambiguate="true">`` as true (MLA printed the title in
    every in-text citation). FIX(disambig-incremental): the conditions are tried one at a
    time, as citeproc-js does: an item told apart by the first one a cite evaluates does not
    print what the second one adds (``RenderState.disambiguate_level``).
    """

    def build_test(self) -> Test:
        """citeproc-py's tests (blind to ``disambiguate``), with the condition added."""
        base: Test = super().build_test()
        if "disambiguate" not in self.attrib:
            return base
        wanted = self.get("disambiguate") == "true"
        others = any(k not in ("disambiguate", "match") for k in self.attrib)
        match = self.get("match", "all")
        state = state_of(self)

        def test(item: Any, context: Any) -> bool:
            if state.check_read is not None:
                state.check_read = True  # (an entry rendered before the check: watched)
            ambiguous = _condition_holds(state, item.key)
            if not others:
                return bool((ambiguous == wanted) != (match == "none"))
            if ambiguous != wanted and match == "all":
                return False
            return bool(base(item, context))

        return test


def _condition_holds(state: RenderState, key: str) -> bool:
    """Whether the next ``disambiguate="true"`` of the cite rendering now holds for ``key``."""
    level = state.disambiguate_level.get(key, 0)
    if not level:
        return False
    rendering, count = state.disambiguate_seen
    count = count + 1 if rendering is state.suppressed else 1
    state.disambiguate_seen = (state.suppressed, count)
    return count <= level


class Date(cmodel.Date):  # type: ignore[misc]
    """FIX(implicit-year-suffix): the year suffix of a style that never prints it.

    CSL 1.0.2 ("Disambiguation", ``disambiguate-add-year-suffix``): if the style does not
    render ``year-suffix`` itself, the suffix goes after the first year of the ``issued``
    date, once per cite or entry (citeproc-js does the same). citeproc-py only ever printed an
    explicit ``<text variable="year-suffix"/>``.
    """

    def process(self, item: Any, variable: Any = None, **kwargs: Any) -> Any:
        """Render the date; the outer ``issued`` date of a cite offers its year the suffix.

        FIX(disambig-accessed): in the form ambiguity is judged on, ``accessed`` renders
        nothing (citeproc-js): two works told apart by the day they were read are still
        the same author and year, and take year suffixes.
        """
        state = state_of(self)
        name = variable or self.get("variable")
        if name == "accessed" and state.ambiguity_form:
            return None
        if (
            not state.implicit_year_suffix
            or name != "issued"
            or state.sorting is not None
            or self.is_locale_date()
            or state.year_suffix_done is state.suppressed
        ):
            return super().process(item, variable=variable, **kwargs)
        suffix = item.reference.get("year_suffix")
        if not suffix:
            return super().process(item, variable=variable, **kwargs)
        state.pending_year_suffix = str(suffix)
        try:
            return super().process(item, variable=variable, **kwargs)
        finally:
            if state.pending_year_suffix is None:
                state.year_suffix_done = state.suppressed
            state.pending_year_suffix = None


class DatePart(cmodel.Date_Part):  # type: ignore[misc]
    """The year part that takes a pending implicit year suffix (see :class:`Date`)."""

    def process(self, date: Any, context: Any = None) -> Any:
        """The part's text, the year followed by the suffix waiting for it."""
        text = super().process(date, context)
        if self.get("name") == "year" and text:
            state = state_of(self)
            if state.pending_year_suffix is not None:
                text = f"{text}{state.pending_year_suffix}"
                state.pending_year_suffix = None
        return text


class Name(cmodel.Name):  # type: ignore[misc]
    """Names in cites: added names and the et-al of subsequent cites.

    - FIX(add-names): ``disambiguate-add-names`` shows names et-al would hide. CSL 1.0.2
      ("Disambiguation", method 1): names hidden by et-al abbreviation are added to the
      ambiguous cites (:mod:`.disambiguate_names` decides how many). The count chosen per
      item (``RenderState.add_names``) raises ``et-al-use-first`` for that item. Where
      ``et-al-use-first`` shows every name, no "et al." follows (citeproc-py printed
      "A, B, C, et al." for three names with et-al-use-first 3).
    - FIX(disambig-etal-subsequent): ``et-al-subsequent-min`` and
      ``et-al-subsequent-use-first`` replace ``et-al-min``/``-use-first`` in a cite of an
      item cited before (CSL 1.0.2, "Name": et-al-subsequent-*), and in the form ambiguity
      is judged on (citeproc-js compares the subsequent form). citeproc-py read both and
      used neither.
    """

    def process(
        self, item: Any, variable: Any, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """Render the names, with the item's added names and subsequent et-al if it has any."""
        state = state_of(self)
        # citations only: the bibliography keeps its own et-al (it renders while
        # ``first_names`` records)
        in_bibliography = state.first_names is not None
        sorting = sort_options is not None or state.sorting is not None
        if in_bibliography or sorting:
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        shown = state.add_names.get(item.key)
        saved = state.showing_names, self.__dict__.get("_ck_subsequent", False)
        if shown is not None:
            state.showing_names = (shown, len(item.reference.get(variable) or ()))
        self.__dict__["_ck_subsequent"] = state.ambiguity_form or self._cited_before(item)
        self.__dict__["_ck_total"] = len(item.reference.get(variable) or ())
        try:
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        finally:
            state.showing_names, self.__dict__["_ck_subsequent"] = saved
            self.__dict__["_ck_total"] = 0

    def _cited_before(self, item: Any) -> bool:
        """Whether an earlier cite of this job cited the item (citeproc-py's cite log)."""
        cites = getattr(self.get_root().citation, "cites", None)
        if not cites:
            return False
        seen = getattr(cites, "seen", None)
        return item.key in (seen if seen is not None else {c.key for c in cites})

    #: The options :meth:`get_option` may change (see :class:`.caches.elements.NameOptions`).
    ck_options = frozenset(
        {"et-al-min", "et-al-use-first", "et-al-subsequent-min", "et-al-subsequent-use-first"}
    )

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """The style's option: subsequent et-al in later cites, raised to show added names."""
        value = super().get_option(name, context, sort_options)
        if not name.startswith("et-al") or name == "et-al-use-last":
            return value
        if name in ("et-al-min", "et-al-use-first") and self.__dict__.get("_ck_subsequent"):
            later = self._set_option(name.replace("et-al-", "et-al-subsequent-"), context)
            if later is not None:
                value = int(later)
        showing = state_of(self).showing_names
        if showing is not None and name.endswith("use-first"):
            return max(int(value), showing[0])
        if name == "et-al-min" and value:
            total = self.__dict__.get("_ck_total", 0)
            if total and self.get_option("et-al-use-first", context, sort_options) >= total:
                return 0  # every name shown: no "et al."
        return value

    def _set_option(self, name: str, context: Any) -> str | None:
        """An inheritable name option as the style sets it (None: not set anywhere), read once."""
        d = self.__dict__
        found: dict[tuple[str, Any], str | None] | None = d.get("_ck_set_options")
        if found is None:
            found = d["_ck_set_options"] = {}
        key = (name, context)
        if key not in found:
            found[key] = self._find_set_option(name, context)
        return found[key]

    def _find_set_option(self, name: str, context: Any) -> str | None:
        value = self.get(name)
        if value is not None:
            return str(value)
        owner = (context if context is not None else self).xpath_search(
            "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
        )
        for element in (*owner, self.get_root()):
            value = element.get(name)
            if value is not None:
                return str(value)
        return None


def _prints_year_suffix(style: Any) -> bool:
    """Whether the style renders ``year-suffix`` itself (anywhere, macros included).

    A label (``citation-label``) prints the year suffix after it, as in citeproc-js.
    """
    return any(
        el.get("variable") in ("year-suffix", "citation-label")
        for el in style.root.iter(f"{{{_CSL_NS}}}text")
    )


def cite_alone(
    style: Any,
    source: Any,
    fmt_module: Any,
    ids: list[str],
    report: parallel.Report | None = None,
    only: Sequence[str] | None = None,
    bib: Any = None,
    memo: Memo | None = None,
    parts: MacroParts | None = None,
) -> dict[str, str]:
    """Each item's citation on its own, in its short form, no locator: what ambiguity compares.

    ``only``: render just these of ``ids``. ``bib``: the registration of ``ids``
    (:func:`.citations.registered`), if made before. An item's text depends on that item
    alone (the given names it shows, its year suffix), so after a change only the changed
    items are rendered again. ``memo``: an item that reads the same as one rendered before
    gets its text (:mod:`.reads`), and ``parts``: a macro holding names that reads the same
    as one rendered before, its text.
    (See FIX(disambiguate-short-form) in :mod:`citekit.engine.positions`.)
    """
    state: RenderState = style.state
    targets = list(ids if only is None else only)
    if bib is None:
        bib = registered(style, source, fmt_module, ids)

    def alone(i: str) -> str:
        c = Citation([CitationItem(i)])
        bib.register(c)  # registered before: this only ties the cite to ``bib``
        return str(bib.cite(c, lambda _c: None))

    def work(share: range, report: parallel.Report | None) -> list[str]:
        bib.restart_log()  # each part as if alone (a part redone here after a failure)
        texts = []
        state.ambiguity_form = True
        state.macro_parts = parts
        try:
            for n in share:
                i = targets[n]
                live = memo if memo is not None and memo.worth() else None
                kind = live.kind(i, source[i]) if live is not None else None
                try:
                    if live is None:
                        text = alone(i)
                    else:
                        text = live.through(kind, source[i], partial(alone, i))[0]
                except Exception:
                    text = f"\0{i}"
                texts.append(text)
                if report:
                    report(1)
        finally:
            state.ambiguity_form = False
            state.macro_parts = None
        return texts

    return dict(zip(targets, parallel.run_shares(work, len(targets), report), strict=True))


def _mentions(style: Any, name: str) -> bool:
    """Whether any attribute of the style (a variable, a condition, a sort key) names ``name``."""
    return any(
        name in str(value)
        for el in style.root.iter()
        if isinstance(el.tag, str)
        for value in el.attrib.values()
    )


class Forms:
    """The items' ambiguity forms (:func:`cite_alone`), each setting of an item rendered once.

    An item's form depends on the item and on what disambiguation has decided for it so far:
    the given names shown (``RenderState.expand``), the names shown (``add_names``), its year
    suffix, its ``disambiguate="true"`` level and, where the style knows citation numbers,
    its number (its place among the items registered). The steps come back to settings
    rendered before: a cite told apart by the step that split its group keeps that step,
    an item no step changes keeps its first form. Asking again for such a setting reads the
    form rendered then (the last pass over the changed items rendered a third of the
    job's items for the second time).
    """

    def __init__(self, style: Any, source: Any, fmt_module: Any) -> None:
        self.style, self.source, self.fmt_module = style, source, fmt_module
        self.state: RenderState = style.state
        self.numbered = _mentions(style, "citation-number")
        self.notes = _mentions(style, "first-reference-note-number")
        self.labels = _mentions(style, "citation-label")
        self.seen: dict[tuple[Any, ...], str] = {}
        #: The job's items registered (:func:`registered`), made at the first round.
        self.registry: tuple[list[str], Any] | None = None
        #: The forms' macros that hold names, remembered through the rounds (:mod:`.reads`).
        self.parts = MacroParts(self.state, bibliography=False)

    def _setting(self, i: str, number: int) -> tuple[Any, ...]:
        state = self.state
        expand = state.expand.get(i)
        return (
            i,
            number if self.numbered else None,
            tuple(sorted(expand.items())) if expand else (),
            state.add_names.get(i),
            str(self.source[i].get("year_suffix") or ""),
            state.disambiguate_level.get(i, 0),
        )

    def alike(self, known: str, other: str) -> None:
        """Take ``other``'s form in its settings now to be ``known``'s (not numbered styles).

        :class:`~.disambiguate_names.ByCite` renders one of the cites whose names and
        settings are the same and tells the others so.
        """
        self.seen[self._setting(other, 0)] = self.seen[self._setting(known, 0)]

    def __call__(
        self,
        ids: list[str],
        report: parallel.Report | None = None,
        only: Sequence[str] | None = None,
    ) -> dict[str, str]:
        """As :func:`cite_alone`, rendering only the settings not rendered before."""
        targets = list(ids if only is None else only)
        if self.numbered:
            numbers = {i: n for n, i in reversed(list(enumerate(ids)))}
            settings = {i: self._setting(i, numbers[i]) for i in targets}
        else:  # (the job's ten thousand places, for nothing, at each of the rounds)
            settings = {i: self._setting(i, 0) for i in targets}
        missing = [i for i in targets if settings[i] not in self.seen]
        if report and len(missing) < len(targets):
            report(len(targets) - len(missing))
        if missing:
            if self.registry is None:  # the first round is the job's: every item
                self.registry = (
                    list(ids),
                    registered(self.style, self.source, self.fmt_module, ids),
                )
            # the rounds of the by-cite steps register only their own few items
            bib = self.registry[1] if self.registry[0] == ids else None
            memo = (
                None  # a citation number is its item's own
                if self.numbered
                else Memo(self.state, notes=self.notes, labels=self.labels)
            )
            job = (self.style, self.source, self.fmt_module, ids, report, missing)
            texts = cite_alone(*job, bib=bib, memo=memo, parts=self.parts)
            for i, text in texts.items():
                self.seen[settings[i]] = text
        return {i: self.seen[settings[i]] for i in targets}


def _groups(keys: Mapping[str, str]) -> list[list[str]]:
    by_text: dict[str, list[str]] = {}
    for i, text in keys.items():
        by_text.setdefault(text, []).append(i)
    return [g for g in by_text.values() if len(g) > 1]


def disambiguate(
    style: Any,
    source: Any,
    fmt_module: Any,
    ids: list[str],
    report: parallel.Report | None = None,
) -> None:
    """Decide the given names, year suffixes and ambiguous cites of a job (see above)."""
    state: RenderState = style.state
    state.expand = {}
    state.ambiguous = set()
    state.add_names = {}
    state.disambiguate_level = {}
    citation = style.root.citation
    if citation is None or len(ids) < 2:
        if report:
            report(len(ids))
        return
    add_givenname = citation.get("disambiguate-add-givenname") == "true"
    rule = citation.get("givenname-disambiguation-rule", "by-cite")
    add_year = citation.get("disambiguate-add-year-suffix") == "true"
    state.implicit_year_suffix = add_year and not _prints_year_suffix(style)
    max_level = 1 if rule.endswith("with-initials") else 2
    if add_givenname and rule != "by-cite":
        global_given_names(state, source, ids, rule, max_level)
    # Every item is rendered once; after that only the items a step changed are rendered
    # again (rendering them all after each step made the work grow with the ambiguous ones).
    forms = Forms(style, source, fmt_module)
    keys = forms(ids, report)
    groups = _groups(keys)
    add_names = citation.get("disambiguate-add-names") == "true"
    by_cite = add_givenname and rule == "by-cite"
    if (add_names or by_cite) and groups:
        steps = ByCite(
            state,
            source,
            forms,
            add_names=add_names,
            givens=by_cite,
            alike=None if forms.numbered else forms.alike,
            notes_matter=_mentions(style, "first-reference-note-number"),
        )
        steps.split(groups)
        changed = [i for group in groups for i in group]
        keys.update(forms(ids, only=changed))
        groups = _groups(keys)
    if add_year and groups:
        members = {i for group in groups for i in group}
        chosen = [i for i in ids if i in members]
        # The suffixes follow the bibliography's order. Sorting only the ambiguous items
        # gives each group the order it has in the whole bibliography (the sort is stable
        # and an item's sort keys are its own); a dict, not list.index, finds each place.
        order = bibliography_order(style, source, fmt_module, chosen)
        place = {key: n for n, key in enumerate(order)}
        for group in groups:
            for n, i in enumerate(sorted(group, key=place.__getitem__)):
                source[i]["year_suffix"] = cmodel.String(letter_suffix(n))
        keys.update(forms(ids, only=chosen))
        groups = _groups(keys)
    conditions = _disambiguate_conditions(style)
    for group in groups:
        state.ambiguous.update(group)
    if conditions and groups:
        _extra_text(style, forms, groups, conditions)


def _disambiguate_conditions(style: Any) -> int:
    """How many ``disambiguate="true"`` conditions the style has (macros included)."""
    return sum(el.get("disambiguate") == "true" for el in style.root.iter(f"{{{_CSL_NS}}}if"))


def _extra_text(style: Any, forms: Forms, groups: list[list[str]], conditions: int) -> None:
    """``disambiguate="true"`` one condition more at a time, while cites stay alike.

    An item told apart keeps the level that told it apart; what stays alike keeps them all.
    """
    level = style.state.disambiguate_level
    still = [i for group in groups for i in group]
    for n in range(1, conditions + 1):
        level.update((i, n) for i in still)
        if n == conditions:
            break
        texts = forms(still)
        still = [i for group in _groups(texts) for i in group]
        if not still:
            break


def bibliography_order(style: Any, source: Any, fmt_module: Any, ids: list[str]) -> list[str]:
    """The items' keys in the order the style sorts its bibliography."""
    if not style.has_bibliography():
        return ids
    bib = registered(style, source, fmt_module, ids)
    bib.sort()
    return [str(k) for k in bib.keys]
