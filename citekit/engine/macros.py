"""``cs:macro``: a macro is suppressed like a group when its variables are all empty."""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

import citeproc.model as cmodel

from .caches import seams
from .caches.choose import branches
from .caches.elements import children
from .empty import MAX_KNOWN, Known, cannot_print, emptiness, kind_of, skipped
from .state import state_of


def _is_group(element: Any) -> bool:
    """Whether citeproc-js makes the element a group of its own (``cs:group``, a macro call)."""
    return isinstance(element, cmodel.Group) or (
        isinstance(element, cmodel.Text) and "macro" in element.attrib
    )


@cache
def _takes_context_second(cls: Any) -> bool:
    """Whether ``cls().render(item, context)`` means ``render(item, context=context)``.

    True when every ``render`` and ``process`` along the class's bases names ``context``
    second (or passes its arguments on as they come): ``cs:text``, ``cs:group``, ``cs:number``.
    Not ``cs:date`` or ``cs:label`` (``variable`` second) nor ``cs:names`` (``names_context``).
    """
    for base in cls.__mro__:
        for name in ("render", "process"):
            function = base.__dict__.get(name)
            if function is None:
                continue
            params = list(inspect.signature(function).parameters.values())[1:3]
            if params and params[0].kind is inspect.Parameter.VAR_POSITIONAL:
                continue
            if len(params) < 2 or params[0].name != "item":
                return False
            if (
                params[1].kind is not inspect.Parameter.VAR_POSITIONAL
                and params[1].name != "context"
            ):
                return False
    return True


#: One child as :func:`render_transparent` takes it: the element, whether it is a
#: ``cs:choose``, calls a variable, counts as a group, takes the context second, and
#: whether it prints for the kind of item being rendered (:func:`.empty.emptiness`).
Part = tuple[Any, bool, bool, bool, bool, int]


def _kind_parts(parent: Any, kind: tuple[int, int, Known]) -> list[Part]:
    """:func:`_parts`, each child with whether it prints for items of the kind ``kind``.

    A names, date or text whose variables the item lacks prints nothing (Chicago's
    contributors macro has a dozen names elements for roles an archival record never
    has): found from the style once per parent and kind of item (:func:`.empty.kind_of`),
    not asked child by child. :func:`render_transparent` looks the list up itself.
    """
    d = parent.__dict__
    by_kind: dict[int, list[Part]] | None = d.get("_ck_kind_parts")
    if by_kind is None:
        by_kind = d["_ck_kind_parts"] = {}
    found = by_kind.get(kind[1])
    if found is None:
        found = [
            (child, is_choose, calls, group, positional, emptiness(child, kind[2]) if calls else 0)
            for child, is_choose, calls, group, positional in _parts(parent)
        ]
        if len(by_kind) < MAX_KNOWN:
            by_kind[kind[1]] = found
    return found


def _parts(parent: Any) -> list[tuple[Any, bool, bool, bool, bool]]:
    """A macro's, group's or branch's children, each with what :func:`render_transparent` asks.

    Whether it is a ``cs:choose``, whether it calls a variable, whether it counts as a group,
    whether it takes the context as its second argument: answers the style fixes, listed
    once per element.
    """
    d = parent.__dict__
    found: list[tuple[Any, bool, bool, bool, bool]] | None = d.get("_ck_macro_parts")
    if found is None:
        found = d["_ck_macro_parts"] = [
            (child, is_choose, False, False, False)
            if is_choose
            else (
                child,
                False,
                bool(child.calls_variable()),
                _is_group(child),
                _takes_context_second(child.__class__),
            )
            for child, is_choose in children(parent)
        ]
    return found


class Macro(cmodel.Macro):  # type: ignore[misc]
    """FIX(ms-b-macro-implicit-group): a macro whose variables all came out empty prints nothing.

    citeproc-js expands ``<text macro="m"/>`` into a group around the macro's elements, so the
    macro follows the group rule (CSL 1.0.2, Group): when it calls a variable and none of its
    variables renders, its terms and values are dropped too. ``cs:choose`` is transparent
    there: the elements of the branch that holds count as the macro's own; a nested group or
    macro that printed counts as a variable rendered (it passed the same test). citeproc-py joins
    whatever printed, leaving a dangling term ("in: " before a missing container title).
    """

    def render(self, item: Any, context: Any = None, sort_options: Any = None) -> Any:
        """Render the children as 0.11.1 does; nothing when only non-variables printed.

        In a cite or an entry, a macro that holds names is rendered once for the items
        that read alike and the cites that stand alike (:class:`.reads.MacroParts`).
        """
        if cannot_print(self, item):
            return None
        parts = state_of(self).macro_parts
        if parts is not None and sort_options is None and parts.applies(self):
            return parts.render(self, item, context, lambda: self._render(item, context, None))
        return self._render(item, context, sort_options)

    def _render(self, item: Any, context: Any, sort_options: Any) -> Any:
        output: list[Any] = []
        seen = [False, False]  # a variable called, a variable rendered
        self._render_into(self, item, context, sort_options, output, seen)
        if output and (not seen[0] or seen[1]):
            # citeproc-py's join gives a lone piece back as it is
            return output[0] if len(output) == 1 else seams.join(output, "")
        return None

    def _render_into(
        self,
        parent: Any,
        item: Any,
        context: Any,
        sort_options: Any,
        output: list[Any],
        seen: list[bool],
    ) -> None:
        kwargs = None if sort_options is None else {"sort_options": sort_options}
        render_transparent(parent, item, context, kwargs, output, seen, groups_count=True)


def render_transparent(
    parent: Any,
    item: Any,
    context: Any,
    kwargs: dict[str, Any] | None,
    output: list[Any],
    seen: list[bool],
    *,
    groups_count: bool,
) -> None:
    """Render ``parent``'s children into ``output``, a ``cs:choose`` by its branch's children.

    ``seen`` is [a variable called, a variable rendered], for the group rule. With
    ``groups_count``, a nested group or macro call that printed counts as a variable
    rendered (the macro's rule); without, only a child that calls a variable does (the
    group's rule, as citeproc-py kept it). ``kwargs``: what the children are given beside
    the context, None for nothing (most renderings): then a child that takes the context
    second is called with positions alone, the call Python makes fastest.
    """
    # the item's kind and the parent's children for it, looked up inline: this runs for
    # every group, macro and branch rendered (two calls more cost 1 % of the instructions)
    ref = item.reference
    kind = ref.__dict__.get("_ck_kind")
    if kind is None or kind[0] != len(ref):
        kind = kind_of(ref)
    by_kind = parent.__dict__.get("_ck_kind_parts")
    parts = by_kind.get(kind[1]) if by_kind is not None else None
    if parts is None:
        parts = _kind_parts(parent, kind)
    for child, is_choose, calls, group, positional, empty in parts:
        if is_choose:
            # the branch that holds (the one ``Choose.render`` renders), found here: a call
            # fewer for each of the many choices a large style makes
            for branch, test in branches(child):
                if test is None or test(item, context):  # cs:else, or a cs:if that holds
                    render_transparent(
                        branch, item, context, kwargs, output, seen, groups_count=groups_count
                    )
                    break
            continue
        if calls:
            seen[0] = True
            if empty and skipped(child, item, empty):  # its variables are not there
                continue
        try:
            if kwargs is None:
                text = (
                    child.render(item, context)
                    if positional
                    else child.render(item, context=context)
                )
            else:
                text = child.render(item, context=context, **kwargs)
        except cmodel.VariableError:
            continue
        if text is not None:
            output.append(text)
            if calls or (groups_count and group):
                seen[1] = True
