"""FIX(disambiguate): citeproc-py has no disambiguation; do what citeproc-js does.

In the order CSL gives (CSL 1.0.2, "Disambiguation"): add given names (initials, then whole
given names) where that tells cites apart, or everywhere for the global rules; then year
suffixes (a, b, ...) in bibliography order; then mark the cites still ambiguous, for
``disambiguate="true"``. What it decides goes into the job's
:class:`~citekit.engine.state.RenderState` (``expand``, ``ambiguous``) and, for year
suffixes, into the items' ``year-suffix`` variable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import citeproc.model as cmodel

from .. import parallel
from ..keys import letter_suffix
from .caches.choose import Test
from .caches.cites import Bibliography
from .citations import Citation, CitationItem
from .names import initials
from .state import RenderState, state_of

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_NAME_ROLES = frozenset(
    "author editor translator composer director interviewer illustrator recipient "
    "collection_editor container_author editorial_director original_author "
    "reviewed_author".split()
)


class If(cmodel.If):  # type: ignore[misc]
    """``disambiguate="true"`` holds only for the cites found ambiguous.

    citeproc-py treated every ``<if disambiguate="true">`` as true (MLA printed the title in
    every in-text citation).
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
            ambiguous = item.key in state.ambiguous
            if not others:
                return bool((ambiguous == wanted) != (match == "none"))
            if ambiguous != wanted and match == "all":
                return False
            return bool(base(item, context))

        return test


class Date(cmodel.Date):  # type: ignore[misc]
    """FIX(implicit-year-suffix): the year suffix of a style that never prints it.

    CSL 1.0.2 ("Disambiguation", ``disambiguate-add-year-suffix``): if the style does not
    render ``year-suffix`` itself, the suffix goes after the first year of the ``issued``
    date, once per cite or entry (citeproc-js does the same). citeproc-py only ever printed an
    explicit ``<text variable="year-suffix"/>``.
    """

    def process(self, item: Any, variable: Any = None, **kwargs: Any) -> Any:
        """Render the date; the outer ``issued`` date of a cite offers its year the suffix."""
        state = state_of(self)
        name = variable or self.get("variable")
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
    """FIX(add-names): ``disambiguate-add-names`` shows names et-al would hide.

    CSL 1.0.2 ("Disambiguation", method 1): names hidden by et-al abbreviation are added one
    by one to the ambiguous cites until adding more tells no more of them apart. The count
    chosen per item (``RenderState.add_names``) raises ``et-al-use-first`` for that item.
    """

    def process(
        self, item: Any, variable: Any, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """Render the names, with the item's added names if it has any."""
        state = state_of(self)
        shown = state.add_names.get(item.key)
        # citations only: the bibliography keeps its own et-al (it renders while
        # ``first_names`` records)
        in_bibliography = state.first_names is not None
        sorting = sort_options is not None or state.sorting is not None
        if shown is None or in_bibliography or sorting:
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        saved = state.showing_names
        state.showing_names = (shown, len(item.reference.get(variable) or ()))
        try:
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        finally:
            state.showing_names = saved

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """The style's option, raised to show the added names."""
        value = super().get_option(name, context, sort_options)
        showing = state_of(self).showing_names
        if showing is None or not name.startswith("et-al") or name == "et-al-use-last":
            return value
        shown, total = showing
        if name.endswith("use-first"):
            return max(int(value), shown)
        if name.endswith("min") and shown >= total:
            return 0  # every name shown: no "et al."
        return value


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
) -> dict[str, str]:
    """Each item's citation on its own, in its short form, no locator: what ambiguity compares.

    ``only``: render just these of ``ids`` (all are registered: a numeric style numbers by
    registration). An item's text depends on that item alone (the given names it shows, its
    year suffix), so after a change only the changed items are rendered again.
    (See FIX(disambiguate-short-form) in :mod:`citekit.engine.positions`.)
    """
    state: RenderState = style.state
    targets = list(ids if only is None else only)

    def work(share: range, report: parallel.Report | None) -> list[str]:
        bib = Bibliography(style, source, fmt_module)
        citations = {i: Citation([CitationItem(i)]) for i in ids}
        for c in citations.values():
            bib.register(c)  # all of them: a numeric style numbers by registration
        texts = []
        state.ambiguity_form = True
        try:
            for n in share:
                i = targets[n]
                c = citations[i]
                try:
                    texts.append(str(bib.cite(c, lambda _c: None)))
                except Exception:
                    texts.append(f"\0{i}")
                if report:
                    report(1)
        finally:
            state.ambiguity_form = False
        return texts

    return dict(zip(targets, parallel.run_shares(work, len(targets), report), strict=True))


def _groups(keys: Mapping[str, str]) -> list[list[str]]:
    by_text: dict[str, list[str]] = {}
    for i, text in keys.items():
        by_text.setdefault(text, []).append(i)
    return [g for g in by_text.values() if len(g) > 1]


def _primary_names(ref: Any) -> list[Any]:
    for role in ("author", "editor", "translator", "composer", "director", "interviewer"):
        names = ref.get(role)
        if names:
            return list(names)
    return []


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
        _global_given_names(state, source, ids, rule, max_level)
    # Every item is rendered once; after that only the items a step changed are rendered
    # again (rendering them all after each step made the work grow with the ambiguous ones).
    keys = cite_alone(style, source, fmt_module, ids, report)
    groups = _groups(keys)
    if citation.get("disambiguate-add-names") == "true" and groups:
        for group in groups:
            _add_names_for(style, source, fmt_module, group)
        keys = cite_alone(style, source, fmt_module, ids)
        groups = _groups(keys)
    if add_givenname and groups:
        changed = [
            i
            for group in groups
            if _given_names_for(style, source, fmt_module, group, max_level)
            for i in group
        ]
        if changed:
            keys.update(cite_alone(style, source, fmt_module, ids, only=changed))
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
        keys.update(cite_alone(style, source, fmt_module, ids, only=chosen))
        groups = _groups(keys)
    for group in groups:
        state.ambiguous.update(group)


def _add_names_for(style: Any, source: Any, fmt_module: Any, group: list[str]) -> None:
    """Add names one by one to a group of look-alike cites while that tells more apart.

    An item told apart keeps the fewest names that did it; the others go back to the count
    of the last step that told any apart (none: the style's own count).
    """
    add_names = style.state.add_names
    most = max(_most_names(source[i]) for i in group)
    still = list(group)
    helped: dict[str, int] = {}
    distinct = 1
    for shown in range(2, most + 1):
        if len(still) < 2:
            break
        for i in still:
            add_names[i] = shown
        texts = cite_alone(style, source, fmt_module, group)
        counts = Counter(texts.values())
        if len(counts) > distinct:
            distinct = len(counts)
            helped.update((i, shown) for i in still)
            still = [i for i in still if counts[texts[i]] > 1]
    for i in still:
        if i in helped:
            add_names[i] = helped[i]
        else:
            add_names.pop(i, None)


def _most_names(ref: Any) -> int:
    """The length of the item's longest name list."""
    return max((len(v) for k, v in ref.items() if k in _NAME_ROLES and v), default=0)


def _global_given_names(
    state: RenderState, source: Any, ids: list[str], rule: str, max_level: int
) -> None:
    """The global rules: every (primary) name whose family name another person shares."""
    expand = state.expand
    people: dict[str, set[str]] = {}
    for i in ids:
        names = _primary_names(source[i])
        for n in names[:1] if rule.startswith("primary") else names:
            if n.get("family") and n.get("given"):
                people.setdefault(_family(n), set()).add(_spelled(str(n["given"])))
    for i in ids:
        names = _primary_names(source[i])
        for n in names[:1] if rule.startswith("primary") else names:
            family, given = str(n.get("family")), str(n.get("given"))
            others = people.get(_family(n), set()) - {_spelled(given)}
            if n.get("given") and others:
                clash = any(initials(o) == initials(given) for o in others)
                level = 2 if clash and max_level == 2 else 1
                expand.setdefault(i, {})[(family, given)] = level


def _spelled(given: str) -> str:
    """A given name as one person: "J.J." and "J. J." are the same (citeproc-js).

    FIX(initials-spacing): the spacing of initials in the data does not make two people.
    """
    return re.sub(r"\.\s*", ". ", given).strip()


def _family(name: Any) -> str:
    """The family name with its particle: "dos Santos" and "Santos" are two families."""
    particle = name.get("non-dropping-particle") or name.get("non_dropping_particle")
    return f"{particle} {name.get('family')}" if particle else str(name.get("family"))


def _given_names_for(
    style: Any, source: Any, fmt_module: Any, group: list[str], max_level: int
) -> bool:
    """By cite: initials, then whole given names, for one group of look-alike cites.

    Returns whether the group's names now show more (its cites are to be rendered again).
    """
    expand = style.state.expand
    for level in range(1, max_level + 1):
        trial = {
            i: {
                (str(n.get("family")), str(n.get("given"))): level
                for n in _primary_names(source[i])
                if n.get("given")
            }
            for i in group
        }
        saved = {i: expand.get(i) for i in group}
        if all(trial[i].items() <= (saved[i] or {}).items() for i in group):
            continue  # shows nothing new (no given names: a body's name): still alike
        for i in group:
            expand[i] = {**(saved[i] or {}), **trial[i]}
        new = cite_alone(style, source, fmt_module, group)
        if len(set(new.values())) == len(group):
            return True
        for i in group:  # did not help: undo
            previous = saved[i]
            if previous is None:
                expand.pop(i, None)
            else:
                expand[i] = previous
    return False


def bibliography_order(style: Any, source: Any, fmt_module: Any, ids: list[str]) -> list[str]:
    """The items' keys in the order the style sorts its bibliography."""
    if not style.has_bibliography():
        return ids
    bib = Bibliography(style, source, fmt_module)
    for i in ids:
        bib.register(Citation([CitationItem(i)]))
    style.state.sort_suppressed = {}
    bib.sort()
    return [str(k) for k in bib.keys]
