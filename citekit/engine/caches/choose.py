"""``cs:choose`` fast: each ``cs:if`` compiled to one test function, branches tested directly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import citeproc.model as cmodel

Test = Callable[[Any, Any], bool]


def kind(item: Any) -> Any:
    """The item's CSL type, read past citeproc-py's attribute-to-key lookup (every item has one)."""
    return dict.get(item.reference, "type")


def if_test(branch: Any) -> Test:
    """A ``cs:if``'s compiled test (see :meth:`If.build_test`), made once per element."""
    d = branch.__dict__
    test: Test | None = d.get("_ck_test")
    if test is None:
        test = d["_ck_test"] = branch.build_test()
    return test


def branches(choose: Any) -> list[tuple[Any, Test | None]]:
    """A ``cs:choose``'s branches in order, each with its test (None: ``cs:else``), once."""
    d = choose.__dict__
    found: list[tuple[Any, Test | None]] | None = d.get("_ck_branches")
    if found is None:
        found = d["_ck_branches"] = [
            (branch, if_test(branch) if isinstance(branch, cmodel.If) else None)
            for branch in choose.getchildren()
        ]
    return found


class If(cmodel.If):  # type: ignore[misc]
    """``cs:if`` and ``cs:else-if``: the attributes parsed once into a test function."""

    def build_test(self) -> Test:
        """Turn the attributes into one test; citeproc-py's answer, built once per element.

        Every test gives one boolean per value it names, and ``match`` (all, any, none)
        combines them. The two commonest shapes, a ``type`` test and a ``variable`` test
        alone, get a direct function. Overrides that add a condition wrap this.
        """
        a = self.attrib
        types = tuple(t.lower() for t in a["type"].split()) if "type" in a else ()
        variables = (
            tuple(v.replace("-", "_") for v in a["variable"].split()) if "variable" in a else ()
        )
        others = [n for n in ("is-numeric", "is-uncertain-date", "locator", "position") if n in a]
        match = a.get("match") or "all"
        if types and not variables and not others:
            if match == "any":
                return lambda item, context: kind(item) in types
            if match == "none":
                return lambda item, context: kind(item) not in types
            single = types[0] if len(set(types)) == 1 else None
            return lambda item, context: single is not None and kind(item) == single
        if variables and not types and not others and "locator" not in variables:
            # (map with the item's own membership test: no generator frame per test)
            if match == "any":
                return lambda item, context: any(map(item.reference.__contains__, variables))
            if match == "none":
                return lambda item, context: not any(map(item.reference.__contains__, variables))
            if len(variables) == 1:
                (only,) = variables
                return lambda item, context: only in item.reference
            return lambda item, context: all(map(item.reference.__contains__, variables))

        if types and variables and not others:  # both: Chicago's commonest test
            type_set = frozenset(types)
            same = types[0] if len(type_set) == 1 else None

            def has(item: Any, v: str) -> bool:
                return ("locator" in item) if v == "locator" else (v in item.reference)

            if match == "any":
                return lambda item, context: (
                    kind(item) in type_set or any(has(item, v) for v in variables)
                )
            if match == "none":
                return lambda item, context: (
                    not (kind(item) in type_set or any(has(item, v) for v in variables))
                )
            return lambda item, context: (
                same is not None and kind(item) == same and all(has(item, v) for v in variables)
            )
        # Each condition gives its booleans; "all" stops at the first false one, "any" and
        # "none" at the first true one (the conditions are pure, so the answer is the same).
        parts: list[Callable[[Any, Any], Any]] = []
        if types:
            parts.append(lambda item, context: [t == kind(item) for t in types])
        if variables:
            parts.append(
                lambda item, context: [
                    ("locator" in item) if v == "locator" else (v in item.reference)
                    for v in variables
                ]
            )
        if "is-numeric" in others:
            parts.append(lambda item, context: self._is_numeric(item))
        if "is-uncertain-date" in others:
            parts.append(lambda item, context: self._is_uncertain_date(item))
        if "locator" in others:
            parts.append(lambda item, context: self._locator(item))
        if "position" in others:
            parts.append(self._position)
        if match == "any" or match == "none":
            negate = match == "none"

            def test(item: Any, context: Any) -> bool:
                for part in parts:
                    if any(part(item, context)):
                        return not negate
                return negate

        else:

            def test(item: Any, context: Any) -> bool:
                return all(all(part(item, context)) for part in parts)

        return test

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        """Render the branch's children if its test holds, else raise ``ConditionFailed``."""
        if not if_test(self)(item, context):
            raise cmodel.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _position(self, item: Any, context: Any) -> list[bool]:
        """citeproc-py's position test, "cited before?" answered from the cite log's key set."""
        if context is None:
            context = self
        if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
            return [False]
        cites = context.get_layout().getparent().cites
        last_cite: Any = cites[-1] if cites else None
        seen = getattr(cites, "seen", None)
        if seen is None:
            seen = {cite.key for cite in cites}
        already_cited = item.key in seen
        possibly_ibid = (
            already_cited
            and last_cite is not None
            and item.key == last_cite.key
            and (item.citation is last_cite.citation or len(last_cite.citation.cites) == 1)
        )
        results = []
        for position in self.get("position").split():
            result = False
            if position == "first":
                result = not already_cited
            elif position == "subsequent":
                result = already_cited
            elif possibly_ibid and position == "ibid":
                result = item.has_locator or not last_cite.has_locator
            elif possibly_ibid and position == "ibid-with-locator":
                result = (item.has_locator and not last_cite.has_locator) or (
                    item.has_locator and last_cite.has_locator and item.locator != last_cite.locator
                )
            elif already_cited and position == "near-note":
                result = self._near_note(item, cites)
            results.append(result)
        return results

    def _near_note(self, item: Any, cites: Any) -> bool:
        # FIX(near-note-distance): the option belongs to cs:citation (CSL default 5);
        # citeproc-py asked cs:style for it, which raised KeyError unless the style set it.
        max_distance = int(self.get_root().citation.get_option("near-note-distance"))
        citations = 1
        last_citation = None
        for cite in reversed(cites):
            if citations > max_distance:
                return False  # citeproc-py walked on to the first cite; the answer stays False
            if item.key == cite.key:
                return True
            if cite.citation is not last_citation:
                citations += 1
                last_citation = cite.citation
        return False


class Choose(cmodel.Choose):  # type: ignore[misc]
    """``cs:choose``: the first branch that holds, tested without raising an exception."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        """Render the first branch whose test holds (or ``cs:else``)."""
        for branch, test in branches(self):
            if test is None:  # cs:else
                return branch.render(item, context=context, delimiter=delimiter, **kwargs)
            if test(item, context):  # cs:if and cs:else-if
                return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None
