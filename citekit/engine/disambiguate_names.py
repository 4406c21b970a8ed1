"""Disambiguation by names: the names et-al hides and the given names a short form hides.

CSL 1.0.2 ("Disambiguation") tries, for cites that look alike, first to show more names
(``disambiguate-add-names``) and given names (``disambiguate-add-givenname``), then year
suffixes, then ``disambiguate="true"``. This module holds the first two:

- FIX(disambig-by-cite-steps): with the by-cite rule, names and given names are decided
  together, name by name, as citeproc-js does. For the look-alike cites of one group, one
  step at a time is tried on all of them: the given name of the name at position *p* as
  initials, then whole, then one more name shown (position *p + 1*), and so on. A step that splits
  the group is kept (the number of names it shows, the given name it expands); steps
  that split nothing are not kept, though later trials still see them (so "Brown" shown
  to no avail may let "A. Jones" tell two cites apart). A cite told apart keeps the steps
  kept up to then; what stays alike keeps all the kept steps (for a year suffix after).
- The global rules (all-names, all-names-with-initials, primary-name,
  primary-name-with-initials): a name is expanded wherever another person of the same
  family name is cited, to initials where the initials tell them apart, else (where the
  rule allows it) to the whole given name. FIX(disambig-initials-help): initials that
  tell no one apart are not added.

What is decided goes into :class:`~citekit.engine.state.RenderState`: ``add_names`` (names
shown per item) and ``expand`` (per item, the names shown with initials or given name).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .names import initials
from .state import RenderState

_NAME_ROLES = frozenset(
    "author editor translator composer director interviewer illustrator recipient "
    "collection_editor container_author editorial_director original_author "
    "reviewed_author".split()
)

#: Renders some items' ambiguity forms: keys in, text per key out.
Render = Callable[[list[str]], Mapping[str, str]]
#: Told that the second item's form is the first one's, in the settings both have now.
Alike = Callable[[str, str], None]


def primary_names(ref: Any) -> list[Any]:
    """The names of the first role the item has (the names a cite shows first)."""
    for role in ("author", "editor", "translator", "composer", "director", "interviewer"):
        names = ref.get(role)
        if names:
            return list(names)
    return []


def most_names(ref: Any) -> int:
    """The length of the item's longest name list."""
    return max((len(v) for k, v in ref.items() if k in _NAME_ROLES and v), default=0)


@dataclass
class _Steps:
    """The names shown (None: the style's count) and given-name levels by name position."""

    names: int | None = None
    levels: dict[int, int] = field(default_factory=dict)

    def copy(self) -> _Steps:
        return _Steps(self.names, dict(self.levels))


def _name_key(name: Any) -> tuple[str, str]:
    return (str(name.get("family")), str(name.get("given")))


class ByCite:
    """The by-cite steps (FIX(disambig-by-cite-steps)) for the look-alike groups of one job.

    ``add_names``/``givens``: which of the two the style asks for. ``base_expand``: given
    names the global rules expanded already (kept under every trial).
    """

    def __init__(
        self,
        state: RenderState,
        source: Any,
        render: Render,
        *,
        add_names: bool,
        givens: bool,
        alike: Alike | None = None,
        notes_matter: bool = True,
    ) -> None:
        self.state = state
        self.source = source
        self.render = render
        self.alike = alike
        self.notes_matter = notes_matter
        self.add_names = add_names
        self.givens = givens
        self.base_expand = {k: dict(v) for k, v in state.expand.items()}

    def _apply(self, keys: list[str], steps: _Steps) -> bool:
        """Make the items render with ``steps``; say whether any item's settings changed."""
        changed = False
        for i in keys:
            names = primary_names(self.source[i])
            shown = None if steps.names is None else min(steps.names, len(names))
            if self.state.add_names.get(i) != shown:
                changed = True
                if shown is None:
                    self.state.add_names.pop(i, None)
                else:
                    self.state.add_names[i] = shown
            expand = dict(self.base_expand.get(i, {}))
            for p, level in steps.levels.items():
                if level and p < len(names) and names[p].get("given"):
                    key = _name_key(names[p])
                    expand[key] = max(expand.get(key, 0), level)
            if self.state.expand.get(i, {}) != expand:
                changed = True
                if expand:
                    self.state.expand[i] = expand
                else:
                    self.state.expand.pop(i, None)
        return changed

    def _trials(self, most: int) -> list[tuple[int, int | None, int | None]]:
        """The steps in order: (name position, names shown, given-name level)."""
        out: list[tuple[int, int | None, int | None]] = []
        for p in range(most):
            if p and self.add_names:
                out.append((p, p + 1, None))
            if self.givens:
                out.extend([(p, None, 1), (p, None, 2)])
        return out

    def split(self, groups: list[list[str]]) -> None:
        """Tell the groups of look-alike cites apart as far as names can.

        The groups are worked on side by side: each step of every group that needs its
        members rendered is rendered in one batch (one parallel job instead of one small
        job per group and step, each too small to share out among processes). A group's
        steps change only its own items' settings, and an item's form depends on its own
        settings alone, so the order among groups changes nothing.
        """
        running: list[tuple[Generator[list[str], Mapping[str, str], None], list[str]]] = []
        for group in groups:
            steps = self._split(group)
            ask = next(steps, None)
            if ask is not None:
                running.append((steps, ask))
        while running:
            # One member stands for those with the same names and settings (see _stand_ins)
            stand_ins = [self._stand_ins(ask) for _, ask in running]
            texts = self.render([i for rep in stand_ins for i in dict.fromkeys(rep.values())])
            waiting = []
            for (steps, ask), rep in zip(running, stand_ins, strict=True):
                if self.alike is not None:
                    for i in ask:
                        if rep[i] != i:
                            self.alike(rep[i], i)
                answer = {i: texts[rep[i]] for i in ask}
                with contextlib.suppress(StopIteration):  # that group is done
                    waiting.append((steps, steps.send(answer)))
            running = waiting

    def _stand_ins(self, members: list[str]) -> dict[str, str]:
        """Per member, the member rendered for it: the first with the same names and settings.

        The members of one ask looked alike (their forms were the same text) before this
        step, and a step changes how names print, nothing else: two members whose names
        (every role), settings (names shown, given names), type, language, label and (in a
        style that prints it: ``notes_matter``) first note are the same print the same
        after it too. An author cited for many documents
        is rendered once per step, not once per document (at 10,000 items, half of the
        by-cite renders were the same person's documents again).
        """
        state = self.state
        first: dict[tuple[Any, ...], str] = {}
        out = {}
        for i in members:
            ref = self.source[i]
            expand = state.expand.get(i)
            sign = (
                tuple(
                    (role, tuple(tuple(sorted((k, str(v)) for k, v in n.items())) for n in names))
                    for role, names in sorted(ref.items())
                    if role in _NAME_ROLES and names
                ),
                str(ref.get("type")),
                str(ref.get("language")),
                tuple(sorted(expand.items())) if expand else (),
                state.add_names.get(i),
                state.first_notes.get(i) if self.notes_matter else None,
                state.trigraphs.get(i),
                str(ref.get("year_suffix") or ""),
            )
            out[i] = first.setdefault(sign, i)
        return out

    def _split(self, group: list[str]) -> Generator[list[str], Mapping[str, str], None]:
        """One group's steps; yields the members to render, is sent their forms."""
        most = max(len(primary_names(self.source[i])) for i in group)
        trials = self._trials(most)
        # (members, forward steps tried so far, steps kept, next trial)
        work: list[tuple[list[str], _Steps, _Steps, int]] = [(group, _Steps(), _Steps(), 0)]
        while work:
            members, tried, kept, start = work.pop()
            for n in range(start, len(trials)):
                p, names, level = trials[n]
                if names is not None:
                    tried.names = names
                elif level is not None:
                    tried.levels[p] = level
                if not self._apply(members, tried):
                    continue  # the step shows nothing new (no such name or given name)
                texts = yield members
                classes: dict[str, list[str]] = {}
                for i in members:
                    classes.setdefault(texts[i], []).append(i)
                if len(classes) == 1:
                    continue
                if names is not None:
                    kept.names = names
                else:
                    kept.names = tried.names
                    kept.levels[p] = tried.levels[p]
                for part in classes.values():
                    self._apply(part, kept)
                    if len(part) > 1:
                        work.append((part, tried.copy(), kept.copy(), n + 1))
                break
            else:
                self._apply(members, kept)


def global_given_names(
    state: RenderState, source: Any, ids: list[str], rule: str, max_level: int
) -> None:
    """The global rules: every (primary) name whose family name another person shares.

    Per family name: initials (level 1) when the people of that family have more than one
    set of initials; the whole given name (level 2, not under the ``-with-initials``
    rules) when two of them share initials. Initials that tell no one apart are not shown.
    """
    expand = state.expand
    people: dict[str, set[str]] = {}
    for i in ids:
        names = primary_names(source[i])
        for n in names[:1] if rule.startswith("primary") else names:
            if n.get("family") and n.get("given"):
                people.setdefault(_family(n), set()).add(_spelled(str(n["given"])))
    by_initials: dict[str, dict[str, set[str]]] = {}
    for family, givens in people.items():
        for g in givens:
            by_initials.setdefault(family, {}).setdefault(_initials_key(g), set()).add(g)
    for i in ids:
        names = primary_names(source[i])
        for n in names[:1] if rule.startswith("primary") else names:
            if not (n.get("family") and n.get("given")):
                continue
            groups = by_initials.get(_family(n), {})
            level = 1 if len(groups) > 1 else 0
            if max_level == 2 and len(groups.get(_initials_key(str(n["given"])), ())) > 1:
                level = 2
            if level:
                expand.setdefault(i, {})[_name_key(n)] = level


def _initials_key(given: str) -> str:
    """The initials a given name makes, spacing aside (two people when they differ)."""
    return re.sub(r"[\s.]+", "", initials(_spelled(given)))


def _spelled(given: str) -> str:
    """A given name as one person: "J.J." and "J. J." are the same (citeproc-js).

    FIX(initials-spacing): the spacing of initials in the data does not make two people.
    """
    return re.sub(r"\.\s*", ". ", given).strip()


def _family(name: Any) -> str:
    """The family name with its particle: "dos Santos" and "Santos" are two families."""
    particle = name.get("non-dropping-particle") or name.get("non_dropping_particle")
    return f"{particle} {name.get('family')}" if particle else str(name.get("family"))
