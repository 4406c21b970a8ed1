"""Substitution: what ``cs:substitute`` renders, inherits and suppresses.

- FIX(substitute): a substituted names element inherits the parent's ``cs:name`` and
  ``cs:label`` (so "Kraus, Charles, trans." comes out inverted with its label), and every
  variable rendered by substitution is suppressed in the rest of the entry (so the
  translator is not printed twice, and APA does not print the title twice).
- FIX(substitute-choose): inside ``cs:substitute`` a ``cs:choose`` is transparent, so only
  the first of its names that renders is used.

The variables used so far live in ``RenderState.suppressed``; it is emptied whenever
citeproc-py starts an entry or cite (it sets ``layout.repressed = {}`` then; see
:class:`Layout`).
"""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel

from .state import state_of
from .style_rewrites import IMPLICIT_NAME

_SUPPRESSED = "citekit-suppressed"  # a variable no item has: renders as if empty


class Layout(cmodel.Layout):  # type: ignore[misc]
    """``cs:layout``: starting an entry (``repressed = {}``) also empties the suppressed set."""

    @property
    def repressed(self) -> Any:
        """citeproc-py's own per-entry record of substituted elements."""
        return self.__dict__.get("_ck_repressed", {})

    @repressed.setter
    def repressed(self, value: Any) -> None:
        self.__dict__["_ck_repressed"] = value
        state_of(self).suppressed = set()


class Names(cmodel.Names):  # type: ignore[misc]
    """``cs:names`` that inherits inside a substitute and skips suppressed variables."""

    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        """Render the names, as FIX(substitute) says."""
        d = self.__dict__
        spec = d.get("_ck_names")
        if spec is None:
            spec = d["_ck_names"] = (
                tuple(self.get("variable", "").split()),
                self.substitute() is not None,
            )
        roles_present, has_substitute = spec
        if not has_substitute and not any(r in item.reference for r in roles_present):
            raise cmodel.VariableError  # what citeproc-py ends with, without the work
        state = state_of(self)
        stack = state.substituting
        own = self.name
        if own is not None and own.get(IMPLICIT_NAME):  # written out for the default
            own = None
        if names_context is None and own is None and stack:
            names_context = stack[-1]
        repressed = state.suppressed
        roles = self.get("variable", "").split()
        live = [r for r in roles if r not in repressed]
        if live != roles:
            # Some roles were used by a substitution; with none left, render as if the
            # variables were empty.
            saved = self.get("variable")
            self.set("variable", " ".join(live) if live else _SUPPRESSED)
            try:
                return super().process(item, names_context=names_context, context=context, **kwargs)
            finally:
                self.set("variable", saved)
        result = super().process(item, names_context=names_context, context=context, **kwargs)
        if stack and result:
            repressed.update(r for r in roles if r.replace("-", "_") in item.reference)
        return result


class Substitute(cmodel.Substitute):  # type: ignore[misc]
    """``cs:substitute``: the first child that renders, with the names element on the stack."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Render the first child that gives text."""
        stack = state_of(self).substituting
        stack.append(self.getparent())
        try:
            for child in self.getchildren():
                try:
                    text = child.render(item, context=context, **kwargs)
                except cmodel.VariableError:
                    continue
                if text:
                    return text
            return None
        finally:
            stack.pop()


class Text(cmodel.Text):  # type: ignore[misc]
    """``cs:text variable``: empty when substitution used the variable already."""

    def _variable(self, item: Any, context: Any) -> Any:
        state = state_of(self)
        variable = self.get("variable")
        if variable in state.suppressed:
            return None
        value = super()._variable(item, context)
        if state.substituting and value:
            state.suppressed.add(variable)
        return value


def _in_substitute_choose(element: Any) -> bool:
    choose = element.getparent() if element.tag.endswith(("}if", "}else-if", "}else")) else None
    owner = choose.getparent() if choose is not None else None
    return owner is not None and bool(owner.tag.endswith("}substitute"))


class _FirstInSubstitute:
    """A ``cs:choose`` branch inside ``cs:substitute`` renders only its first child that shows."""

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        """Render the children, or only the first that shows inside a substitute."""
        d = self.__dict__
        inside = d.get("_ck_in_substitute")
        if inside is None:
            inside = d["_ck_in_substitute"] = _in_substitute_choose(self)
        if inside:
            for child in self.iterchildren():  # type: ignore[attr-defined]
                try:
                    text = child.render(item, **kwargs)
                except cmodel.VariableError:
                    continue
                if text:
                    return text
            return None
        return super().render_children(item, delimiter=delimiter, **kwargs)  # type: ignore[misc]


class If(_FirstInSubstitute, cmodel.If):  # type: ignore[misc]
    """``cs:if`` and ``cs:else-if`` (FIX(substitute-choose))."""


class Else(_FirstInSubstitute, cmodel.Else):  # type: ignore[misc]
    """``cs:else`` (FIX(substitute-choose))."""
