"""Which parts of a style cannot print for an item: found from the style, before rendering.

A macro prints nothing when none of the item's variables it could print is there, and it
has nothing else to print (no term, no literal value, nothing the cite or the engine
supplies, such as the locator or a citation number). Large styles call many macros that
come out empty for most items (MLA's "supplemental" macros, a publisher's place for an
archival record): each still walks its ``cs:choose`` conditions and raises and catches an
error for every missing variable. :func:`needs` reads from the style which item variables
a part could print; :func:`cannot_print` answers for an item with one set intersection.

The answer is only ever "nothing would print": it never changes what prints. Rendering an
empty part changes one thing: while the bibliography renders, the first ``cs:names`` of an
entry records what it printed, empty or not, for subsequent-author-substitute
(FIX(sas-first-names-empty)). A part with a ``cs:names`` in it is therefore rendered until
the entry has its record; nothing else an empty part does is kept (a substitute that finds
nothing represses nothing, empty names set no author mode). A ``disambiguate="true"``
condition counts as it is tested, so a part that holds one is always rendered.
"""

from __future__ import annotations

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


def needs(element: Any) -> frozenset[str] | None:
    """The item variables of which one must be there for ``element`` to print, or None.

    None means the element may print without any of the item's variables: a term, a value,
    a variable of :data:`NOT_FROM_ITEM`, an element this module does not know. Worked out
    once per element (remembered in its ``__dict__``).
    """
    d = element.__dict__
    if "_ck_needs" in d:
        found: frozenset[str] | None = d["_ck_needs"]
        return found
    d["_ck_needs"] = None  # a macro that calls itself: may print (the safe answer)
    found = d["_ck_needs"] = _needs(element)
    return found


def _needs(element: Any) -> frozenset[str] | None:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(_NS):
        return None
    tag = tag[len(_NS) :]
    a = element.attrib
    if tag == "text":
        if "macro" in a:
            return needs(element.get_macro(a["macro"]))
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
                    more = needs(part)
                    if more is None:
                        return None
                    wanted |= more
        return frozenset(wanted)
    if tag == "group":
        return _ruled_needs(element, groups_count=False)
    if tag == "macro":
        return _ruled_needs(element, groups_count=True)
    if tag in ("layout", "choose", "if", "else-if", "else"):
        return _ruled_needs(element, groups_count=None)
    return None


#: More ways through a part's choices than this: not worked out (the part is rendered).
MAX_PATHS = 64

_CHOOSE = _NS + "choose"
_ELSE = _NS + "else"
_CONDITIONS = (_NS + "if", _NS + "else-if")


def _ruled_needs(element: Any, *, groups_count: bool | None) -> frozenset[str] | None:
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
    if any(
        el.tag in _CONDITIONS and "disambiguate" in el.attrib for el in element.iter(*_CONDITIONS)
    ):
        # Testing the condition counts it (FIX(disambig-incremental): the n-th condition
        # a cite evaluates holds at level n), so the part is rendered, never skipped.
        return None
    paths = _paths(list(element))
    if paths is None:
        return None
    wanted: set[str] = set()
    for path in paths:
        calling = [c for c in path if groups_count is not None and c.calls_variable()]
        for child in path:
            counts = not calling or child in calling or (groups_count is True and _is_group(child))
            if not counts:
                continue  # a term or label: printed only beside a variable that printed
            more = needs(child)
            if more is None:
                return None
            wanted |= more
    return frozenset(wanted)


def _is_group(element: Any) -> bool:
    tag = element.tag
    return tag == _NS + "group" or (tag == _NS + "text" and "macro" in element.attrib)


def _paths(children: list[Any]) -> list[list[Any]] | None:
    """Each way through the children's ``cs:choose`` branches: the elements that render."""
    paths: list[list[Any]] = [[]]
    for child in children:
        if child.tag != _CHOOSE:
            paths = [[*path, child] for path in paths]
            continue
        options: list[list[Any]] = []
        for branch in child:
            inner = _paths(list(branch))
            if inner is None:
                return None
            options.extend(inner)
        if not any(branch.tag == _ELSE for branch in child):
            options.append([])  # no branch holds
        paths = [[*path, *option] for path in paths for option in options]
        if len(paths) > MAX_PATHS:
            return None
    return paths


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


def cannot_print(element: Any, item: Any) -> bool:
    """Say whether ``element`` prints nothing for ``item`` (see :func:`needs`)."""
    wanted = needs(element)
    if wanted is None or not wanted.isdisjoint(item.reference.keys()):
        return False
    record = state_of(element).first_names
    return record is None or item.key in record or not has_names(element)
