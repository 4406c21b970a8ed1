"""``cs:group``: the group rule, with ``cs:choose`` transparent as in citeproc-js."""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel

from .caches.elements import plain_class
from .macros import render_transparent


class Group(cmodel.Group):  # type: ignore[misc]
    """FIX(group-choose-transparent): a term from a ``cs:choose`` branch does not save a group.

    CSL 1.0.2 (Group): a group that calls variables and renders none of them is suppressed,
    its terms and values with it. citeproc-js judges a ``cs:choose`` child by the elements
    of the branch that holds, as if they stood in the group itself; citeproc-py asked the
    choose whether *any* branch calls a variable, so a term printed by an ``else`` (a
    "no date" term after an ``if`` that tests the date) counted as a variable rendered and
    kept a group that citeproc-js drops. A nested group or macro call that printed counts as
    a variable rendered (it passed the same test), as before.
    """

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Render the group; a group with no attribute but ``delimiter`` takes the short way.

        Such a group's mark-up step formats nothing: its text goes straight to the
        affixing step (:meth:`wrap`, which notes that something printed), a call or two
        fewer for each of the many groups a style renders.
        """
        d = self.__dict__
        plain = d.get("_ck_plain_group")
        if plain is None:
            plain = d["_ck_plain_group"] = set(self.attrib) <= {"delimiter"} and plain_class(
                type(self), Group, ("format",)
            )
        if not plain:
            return super().render(item, context=context, **kwargs)
        text = self.process(item, context=context, **kwargs)
        return self.wrap(text) if text else None

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Render the children, a choose's branch child by child; raise when the rule fails."""
        output: list[Any] = []
        seen = [False, False]  # a variable called, a variable rendered
        given = kwargs if any(kwargs.values()) else None  # (see render_transparent)
        render_transparent(self, item, context, given, output, seen, groups_count=False)
        if output and (not seen[0] or seen[1]):
            return self.join(output)
        raise cmodel.VariableError
