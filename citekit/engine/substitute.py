"""Substitution: what ``cs:substitute`` renders, inherits and suppresses.

- FIX(substitute): a substituted names element inherits the parent's ``cs:name`` and
  ``cs:label`` (so "Kraus, Charles, trans." comes out inverted with its label), and every
  variable rendered by substitution is suppressed in the rest of the entry (so the
  translator is not printed twice, and APA does not print the title twice).
- FIX(substitute-choose): inside ``cs:substitute`` a ``cs:choose`` is transparent, so only
  the first of its names that renders is used.
- FIX(names-count-hyphen-roles): a role whose CSL name has a hyphen (``container-author``,
  ``collection-editor``, ``original-author``, ...) printed nothing: citeproc-py asks for it
  by that name but keeps it as ``container_author``.

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
#: Set on a ``cs:names`` element whose substitute rendered text that is not names.
_BARE = "_ck_substituted_text"


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

    def markup(self, text: Any) -> Any:
        """The names' affixes and formatting, unless text substituted for the names."""
        if self.__dict__.pop(_BARE, False):
            return text or None
        return super().markup(text)

    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        """Render the names, as FIX(substitute) and FIX(names-count-hyphen-roles) say."""
        d = self.__dict__
        spec = d.get("_ck_names")
        if spec is None:  # facts of the style: roles, their keys, substitute, own cs:name
            roles = tuple(self.get("variable", "").split())
            own = self.name
            spec = d["_ck_names"] = (
                roles,
                [_key(r) for r in roles],
                self.substitute() is not None,
                # a cs:name written out for the default is not the element's own
                own is not None and not own.get(IMPLICIT_NAME),
            )
        roles, all_keys, has_substitute, has_own = spec
        if not has_substitute and not any(k in item.reference for k in all_keys):
            self._first_came_out_empty(item)
            raise cmodel.VariableError  # what citeproc-py ends with, without the work
        state = state_of(self)
        stack = state.substituting
        if names_context is None and not has_own and stack:
            names_context = stack[-1]
        repressed = state.suppressed
        # Roles used by a substitution already render as if empty (none left: as if the
        # variables were empty). citeproc-py looks each role up by its CSL name, but keeps
        # the names under the Python name ("container_author"): give it those.
        if repressed:
            live = [r for r in roles if r not in repressed]
            keys = [_key(r) for r in live] or [_SUPPRESSED]
        else:
            live, keys = list(roles), all_keys or [_SUPPRESSED]
        changed = keys != list(roles)
        if changed:
            saved = self.get("variable")
            self.set("variable", " ".join(keys))
        try:
            result = super().process(item, names_context=names_context, context=context, **kwargs)
        finally:
            if changed:
                self.set("variable", saved)
        if stack and result:
            repressed.update(r for r in live if _key(r) in item.reference)
        if not result:
            self._first_came_out_empty(item)
        return result

    def _first_came_out_empty(self, item: Any) -> None:
        """FIX(sas-first-names-empty): an entry whose first names print nothing has none.

        citeproc-js compares, for subsequent-author-substitute, what the first ``cs:names``
        of the entry to finish rendering printed; when that printed nothing (an empty editor
        macro before the translator in a substitute, an empty editor before the author),
        the entry is never substituted, even though later names print. The names a
        ``cs:substitute`` holds itself (directly or in its choose branches) are part of their
        parent's rendering, not names of their own.
        """
        record = state_of(self).first_names
        if record is None or item.key in record:
            return
        if _held_by_substitute(self):
            return
        record[item.key] = ""


_BRANCHES = ("}choose", "}if", "}else-if", "}else")


def _held_by_substitute(element: Any) -> bool:
    """Whether ``cs:substitute`` holds the element itself (through choose branches only)."""
    d = element.__dict__
    held = d.get("_ck_held")
    if held is None:
        parent = element.getparent()
        while parent is not None and str(parent.tag).endswith(_BRANCHES):
            parent = parent.getparent()
        held = d["_ck_held"] = parent is not None and str(parent.tag).endswith("}substitute")
    return bool(held)


def _key(role: str) -> str:
    """Where citeproc-py keeps a name role ("container-author" -> "container_author")."""
    return role.replace("-", "_")


class Substitute(cmodel.Substitute):  # type: ignore[misc]
    """``cs:substitute``: the first child that renders, with the names element on the stack.

    - FIX(names-count-substitute): a child that reads no variable (a term, a group of
      terms) ends the substitution even when it prints nothing, as in citeproc-js; only a
      child whose variables are empty hands over to the next (citeproc-py went on to the
      next child after an empty term).
    - FIX(names-count-substitute): text that stands in for the names (anything but a
      ``cs:names``) takes none of the names element's affixes and formatting, as in
      citeproc-js (citeproc-py wrapped a substituted title in the names' parentheses).
    - FIX(names-count-substitute): a variable that stands in for the names (a title, a
      container title) is what the bibliography's subsequent-author-substitute compares,
      as a name would be (``RenderState.first_names``); a term ("o. V.") is not.
    """

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Render the first child that gives text."""
        state = state_of(self)
        stack = state.substituting
        stack.append(self.getparent())
        try:
            for child in self.getchildren():
                try:
                    text = child.render(item, context=context, **kwargs)
                except cmodel.VariableError:
                    text = None
                reads = _reads_variables(child)
                if text:
                    record = state.first_names
                    if record is not None and item.key not in record and reads:
                        record[item.key] = str(text)
                    if not str(child.tag).endswith("}names"):
                        self.getparent().__dict__[_BARE] = True
                    return text
                if not reads:
                    return None
            return None
        finally:
            stack.pop()


def _reads_variables(element: Any) -> bool:
    """Whether an element (with its macros and children) renders any variable."""
    d = element.__dict__
    found = d.get("_ck_reads_variables")
    if found is None:
        found = d["_ck_reads_variables"] = _find_variables(element, set())
    return bool(found)


def _find_variables(element: Any, macros: set[str]) -> bool:
    for node in element.iter():
        tag = str(node.tag).rsplit("}", 1)[-1]
        if tag in ("names", "date") or node.get("variable") is not None:
            return True
        macro = node.get("macro") if tag == "text" else None
        if macro is not None and macro not in macros:
            macros.add(macro)
            if _find_variables(element.get_macro(macro), macros):
                return True
    return False


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
