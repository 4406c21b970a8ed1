"""Which parts of a style cannot print for an item: found from the style, before rendering.

A macro prints nothing when none of the item's variables it could print is there, and it
has nothing else to print (no term, no literal value, nothing the cite or the engine
supplies, such as the locator or a citation number). Large styles call many macros that
come out empty for most items (MLA's "supplemental" macros, a publisher's place for an
archival record): each still walks its ``cs:choose`` conditions and raises and catches an
error for every missing variable. :func:`needs` reads from the style which item variables
a part could print for an item of a given type and set of variables (a branch whose test
asks only those is decided; the locator, positions and the like leave every branch
open); :func:`cannot_print` answers for an item with one set intersection.

The answer is only ever "nothing would print": it never changes what prints. Rendering an
empty part changes one thing: while the bibliography renders, the first ``cs:names`` of an
entry records what it printed, empty or not, for subsequent-author-substitute
(FIX(sas-first-names-empty)). A part with a ``cs:names`` in it is therefore rendered until
the entry has its record; nothing else an empty part does is kept (a substitute that finds
nothing represses nothing, empty names set no author mode). A ``disambiguate="true"``
condition counts as it is tested, so a part that holds one is always rendered.
"""

from __future__ import annotations

import itertools
from typing import Any

from .state import state_of
from .style_rewrites import CSL_NS

#: Variables the cite, the position or the engine supply, not the item: a part that
#: mentions one may print whatever the item holds.
NOT_FROM_ITEM = frozenset(
    {
        "locator",
        "citation-number",
        "year-suffix",
        "first-reference-note-number",
        "citation-label",
    }
)

#: Tags that print a variable or nothing.
_VARIABLE_TAGS = {"number", "date", "label"}

_NS = "{" + CSL_NS + "}"


def _key(variable: str) -> str:
    """A CSL variable's name as citeproc-py's item data spells it."""
    return variable.replace("-", "_")


#: What is known of the item: its CSL type and the variables it has (None: not known).
Known = tuple[str | None, frozenset[str] | None]
UNKNOWN: Known = (None, None)
#: Answers kept per element: past this many kinds of item, one answer for any item.
MAX_KNOWN = 512


def needs(element: Any, known: Known = UNKNOWN) -> frozenset[str] | None:
    """The item variables of which one must be there for ``element`` to print, or None.

    None means the element may print without any of the item's variables: a term, a value,
    a variable of :data:`NOT_FROM_ITEM`, an element this module does not know. ``known``
    is the item's type and the variables it has, when known: a ``cs:if`` that tests just
    those then leaves out the branches the item never takes (MLA's macros are a branch per
    type, then a test of the variable). Worked out once per element and ``known``
    (remembered in the element's ``__dict__``): the items of a job share a few types and
    sets of variables.
    """
    d = element.__dict__
    memo: dict[Known, frozenset[str] | None] | None = d.get("_ck_needs")
    if memo is None:
        memo = d["_ck_needs"] = {}
    if known in memo:
        return memo[known]
    if len(memo) >= MAX_KNOWN and known != UNKNOWN:
        return needs(element)  # a job of very mixed items: answer for any item instead
    memo[known] = None  # a macro that calls itself: may print (the safe answer)
    found = memo[known] = _needs(element, known)
    return found


def _needs(element: Any, known: Known) -> frozenset[str] | None:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(_NS):
        return None
    tag = tag[len(_NS) :]
    a = element.attrib
    if tag == "text":
        if "macro" in a:
            return needs(element.get_macro(a["macro"]), known)
        variable = a.get("variable")
        if variable is None or variable in NOT_FROM_ITEM:
            return None  # a term or a value prints without the item
        if variable == "page-first":
            return frozenset({"page"})
        if a.get("form") == "short":
            return frozenset({_key(variable), _key(variable + "-short")})
        return frozenset({_key(variable)})
    if tag in _VARIABLE_TAGS:
        variable = a.get("variable")
        if not variable or variable in NOT_FROM_ITEM:
            return None
        return frozenset(_key(v) for v in variable.split())
    if tag == "names":
        wanted = {_key(v) for v in (a.get("variable") or "").split()}
        if not wanted or wanted & {_key(v) for v in NOT_FROM_ITEM}:
            return None
        for child in element:
            if child.tag == _NS + "substitute":
                for part in child:
                    more = needs(part, known)
                    if more is None:
                        return None
                    wanted |= more
        return frozenset(wanted)
    if tag == "group":
        return _ruled_needs(element, known, groups_count=False)
    if tag == "macro":
        return _ruled_needs(element, known, groups_count=True)
    if tag in ("layout", "choose", "if", "else-if", "else"):
        return _ruled_needs(element, known, groups_count=None)
    return None


#: More ways through a part's choices than this: not worked out (the part is rendered).
MAX_PATHS = 64

_CHOOSE = _NS + "choose"
_ELSE = _NS + "else"
_CONDITIONS = (_NS + "if", _NS + "else-if")


def _ruled_needs(element: Any, known: Known, *, groups_count: bool | None) -> frozenset[str] | None:
    """The needs of a group (``groups_count`` False), a macro (True) or a plain container.

    The rule is :func:`citekit.engine.macros.render_transparent`'s: the children of the
    branch a ``cs:choose`` takes stand among the part's own, and when some child calls a
    variable, the part prints only if a variable-calling child (for a macro, also a nested
    group or macro call) printed; its terms and labels alone do not make it print. So each
    way through the choices (a "path") needs what its variable-calling children need; a
    path that calls no variable prints its terms, and the part may print without the item.
    A plain container (``groups_count`` None: a layout, a branch) prints what any child
    prints.
    """
    if _tests_disambiguate(element):
        # Testing the condition counts it (FIX(disambig-incremental): the n-th condition
        # a cite evaluates holds at level n), so the part is rendered, never skipped.
        return None
    paths = _paths(list(element), known)
    if paths is None:
        return None
    wanted: set[str] = set()
    for path in paths:
        calling = [c for c in path if groups_count is not None and c.calls_variable()]
        for child in path:
            counts = not calling or child in calling or (groups_count is True and _is_group(child))
            if not counts:
                continue  # a term or label: printed only beside a variable that printed
            more = needs(child, known)
            if more is None:
                return None
            wanted |= more
    return frozenset(wanted)


def _tests_disambiguate(element: Any) -> bool:
    """Whether a ``cs:if`` in the element tests ``disambiguate``.

    Worked out once per element, not per kind of item: the answer is the style's.
    """
    d = element.__dict__
    found: bool | None = d.get("_ck_tests_disambiguate")
    if found is None:
        found = d["_ck_tests_disambiguate"] = any(
            "disambiguate" in el.attrib for el in element.iter(*_CONDITIONS)
        )
    return found


def _is_group(element: Any) -> bool:
    tag = element.tag
    return tag == _NS + "group" or (tag == _NS + "text" and "macro" in element.attrib)


def _paths(children: list[Any], known: Known) -> list[list[Any]] | None:
    """Each way through the children's ``cs:choose`` branches: the elements that render.

    A branch whose condition :func:`_holds` can answer from ``known`` is decided here: one
    that fails is never taken, one that holds ends the choice.
    """
    paths: list[list[Any]] = [[]]
    for child in children:
        if child.tag != _CHOOSE:
            paths = [[*path, child] for path in paths]
            continue
        options: list[list[Any]] = []
        decided = False
        for branch in child:
            holds = True if branch.tag == _ELSE else _holds(branch, known)
            if holds is False:
                continue
            inner = _paths(list(branch), known)
            if inner is None:
                return None
            options.extend(inner)
            if holds is True:
                decided = True
                break
        if not decided:
            options.append([])  # no branch holds
        paths = [[*path, *option] for path in paths for option in options]
        if len(paths) > MAX_PATHS:
            return None
    return paths


def _holds(branch: Any, known: Known) -> bool | None:
    """Whether a ``cs:if`` of type and variable tests holds (None: not known here).

    As :class:`citekit.engine.caches.choose.If` tests them: the style's types lower-cased
    and compared with the item's type, a variable there when the item has it, the answers
    combined by ``match``. The locator, positions, numbers, dates and ``disambiguate`` are
    the cite's business: not known here.
    """
    kind, present = known
    a = branch.attrib
    if kind is None or present is None or any(n not in ("type", "variable", "match") for n in a):
        return None
    results = [t.lower() == kind for t in a.get("type", "").split()]
    for variable in a.get("variable", "").split():
        if variable == "locator":
            return None
        results.append(_key(variable) in present)
    match = a.get("match") or "all"
    if not results or match not in ("all", "any", "none"):
        return None
    if match == "any":
        return any(results)
    if match == "none":
        return not any(results)
    return all(results)


def has_names(element: Any) -> bool:
    """Whether a ``cs:names`` is in the element, or in a macro it calls (once per element)."""
    d = element.__dict__
    found: bool | None = d.get("_ck_has_names")
    if found is None:
        d["_ck_has_names"] = True  # a macro that calls itself: assume so (the safe answer)
        found = d["_ck_has_names"] = any(
            el.tag == _NS + "names"
            or (
                el.tag == _NS + "text"
                and "macro" in el.attrib
                and has_names(element.get_macro(el.attrib["macro"]))
            )
            for el in element.iter()
        )
    return found


#: Each kind of item met so far (type and variables), numbered: an element's answers are
#: kept by number, which is quicker to look up than the set. A number is never given
#: twice, so the table can be emptied when a long-lived process has met very many kinds.
_KINDS: dict[Known, int] = {}
_NUMBERS = itertools.count()
_MAX_KINDS = 65536


def kind_of(reference: Any) -> tuple[int, int, Known]:
    """An item's kind: (its number of variables, the kind's number, its type and variables).

    Worked out once per item (again when rendering added a variable: a citation label, a
    year suffix); equal numbers are equal kinds.
    """
    seen: tuple[int, int, Known] | None = reference.__dict__.get("_ck_kind")
    if seen is None or seen[0] != len(reference):
        known: Known = (dict.get(reference, "type"), frozenset(dict.keys(reference)))
        number = _KINDS.get(known)
        if number is None:
            if len(_KINDS) >= _MAX_KINDS:
                _KINDS.clear()
            number = _KINDS[known] = next(_NUMBERS)
        seen = reference.__dict__["_ck_kind"] = (len(reference), number, known)
    return seen


#: What an element does for a kind of item (:func:`emptiness`): it may print; it prints
#: nothing; it prints nothing, but holds names an entry may still have to record.
PRINTS, EMPTY, EMPTY_BUT_NAMES = 0, 1, 2


def emptiness(element: Any, known: Known) -> int:
    """Whether ``element`` prints for items of the kind ``known``: PRINTS, EMPTY or EMPTY_BUT_NAMES.

    EMPTY_BUT_NAMES: nothing prints, but while the bibliography renders, a ``cs:names`` in
    it may be the entry's first, which records what it printed (see the module docstring;
    :func:`skipped` answers for the entry being rendered).
    """
    wanted = needs(element, known)
    if wanted is None or not wanted.isdisjoint(known[1] or ()):
        return PRINTS
    return EMPTY_BUT_NAMES if has_names(element) else EMPTY


def skipped(element: Any, item: Any, how: int) -> bool:
    """Whether an element :func:`emptiness` found empty (``how``) is left out for ``item``."""
    if how == EMPTY:
        return True
    record = state_of(element).first_names
    return record is None or item.key in record


def cannot_print(element: Any, item: Any) -> bool:
    """Say whether ``element`` prints nothing for ``item`` (see :func:`needs`).

    Asked before every macro is rendered, so the answer is kept per element and kind of
    item, and the item's kind is worked out once per item (again when rendering added a
    variable: a citation label, a year suffix). (The children of a macro or group are
    asked once per kind of item for them all: :func:`citekit.engine.macros.render_transparent`.)
    """
    seen = kind_of(item.reference)
    d = element.__dict__
    answers: dict[int, int] | None = d.get("_ck_empty")
    if answers is None:
        answers = d["_ck_empty"] = {}
    how = answers.get(seen[1])
    if how is None:
        how = emptiness(element, seen[2])
        if len(answers) < MAX_KNOWN:
            answers[seen[1]] = how
    return how != PRINTS and skipped(element, item, how)
