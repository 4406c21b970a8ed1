"""Cite grouping and collapsing inside one citation (CSL 1.0.2, "Citation-specific Options").

FIX(collapse): citeproc-py joins every cite with the layout's delimiter and ignores
``collapse``, ``cite-group-delimiter``, ``year-suffix-delimiter`` and
``after-collapse-delimiter``. As the spec (and citeproc-js) has it:

- grouping: with ``collapse`` or ``cite-group-delimiter``, cites whose names print the same
  are moved together (after the first of them) when the citation is sorted (citeproc-js
  groups as part of the sort: an unsorted citation keeps the author's order, and only
  neighbours collapse);
- ``collapse="citation-number"``: three or more consecutive numbers become a range
  ("[1]–[3]"); two stay apart;
- ``"year"``: within a group, the names print once ("Smith 1900, 2000");
- ``"year-suffix"``: and a cite of the same year prints its suffix only ("2000a, b"), joined
  by ``year-suffix-delimiter`` (default: ``cite-group-delimiter``, else the layout's
  delimiter); ``"year-suffix-ranged"`` makes three or more consecutive suffixes a range
  ("2000a–c").

FIX(disambig-collapse-splice): the delimiter before each cite is chosen as citeproc-js splices a
citation (citekit used ", " within every group and the after-collapse delimiter after
it): with ``after-collapse-delimiter`` set, it follows a cite with a locator, the end of a
collapsed run, and (unless ``collapse="year-suffix"``) two cites neither of which is
collapsed; a collapsed cite otherwise takes the layout's delimiter. Without it, a cite of
the same names takes ``cite-group-delimiter`` when the style sets one; a collapsed cite
takes ", " in an in-text style and the layout's delimiter in a note style; any other cite
the layout's delimiter. A collapsed cite that prints nothing without its names (no date)
is left out, delimiter and all.

The cites are rendered by :class:`citekit.engine.positions.Layout`; what this module gets
is each cite's texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

EN_DASH = "\u2013"


@dataclass
class Piece:
    """One rendered cite: its full text, its text without names, what it collapses by."""

    cite: Any
    text: Any
    #: The text of the cite's first names element (None: it printed none).
    names: str | None
    #: The cite rendered without its first names element (year collapsing), or None.
    short: Any = None


@dataclass(frozen=True)
class Plan:
    """What a citation's collapse options ask for."""

    collapse: str
    delimiter: str
    #: ``cite-group-delimiter`` as the style sets it (None: not set).
    group_delimiter: str | None
    suffix_delimiter: str
    #: ``after-collapse-delimiter`` as the style sets it (None: not set).
    after_collapse: str | None
    #: Cites of the same names move together (the citation has a cs:sort).
    grouped: bool = True
    #: The style is a note style (collapsed cites then keep the layout's delimiter).
    note: bool = False

    @property
    def by_year(self) -> bool:
        """Say whether cites of the same names collapse (year, year-suffix, ...)."""
        return self.collapse.startswith("year")

    def before(self, last: Piece, last_collapsed: bool, collapsed: bool, same: bool) -> str:
        """The delimiter before a cite, as citeproc-js splices a citation.

        ``last``: the cite before; ``last_collapsed``/``collapsed``: whether that cite and
        this one print without their names (they repeat the names before them); ``same``:
        whether this cite has the names of the cite before it.
        """
        if self.after_collapse is not None:
            if last.cite.has_locator or (last_collapsed and not collapsed):
                return self.after_collapse
            if not last_collapsed and not collapsed and self.collapse != "year-suffix":
                return self.after_collapse
            return self.delimiter
        if self.group_delimiter is not None and same:
            return self.group_delimiter
        if collapsed and not self.note:
            return ", "
        return self.delimiter


def plan_of(citation: Any, layout: Any) -> Plan | None:
    """The citation's collapse options, or None when it neither groups nor collapses."""
    collapse = citation.get("collapse", "")
    group = citation.get("cite-group-delimiter")
    if not collapse and group is None:
        return None
    delimiter = layout.get("delimiter", "")
    suffixes = citation.get("year-suffix-delimiter", group if group is not None else delimiter)
    return Plan(
        collapse=collapse,
        delimiter=delimiter,
        group_delimiter=group,
        suffix_delimiter=suffixes,
        after_collapse=citation.get("after-collapse-delimiter"),
        grouped=citation.find("cs:sort", citation.nsmap) is not None,
        note=citation.getparent().get("class") == "note",
    )


@dataclass
class _Unit:
    """What prints as one: a cite, with the same-year suffixes merged into it."""

    text: Any
    first: Piece
    last: Piece
    #: Printed without its names (it repeats the names of the cite before).
    collapsed: bool
    own: str | None = None
    suffixes: list[str] = field(default_factory=list)


def join(plan: Plan, pieces: list[Piece]) -> list[tuple[str, Any]]:
    """The cites as (delimiter before it, text) pairs, grouped and collapsed per ``plan``."""
    if plan.collapse == "citation-number":
        return _numbers(plan, pieces)
    out: list[tuple[str, Any]] = []
    last: _Unit | None = None
    for group in _groups(pieces, plan.grouped):
        if plan.by_year and len(group) > 1:
            units = _same_names(plan, group)
        else:
            units = [_Unit(p.text, p, p, False) for p in group]
        for n, unit in enumerate(units):
            text = _with_suffixes(plan, unit.text, unit.own, unit.suffixes)
            if last is None:
                out.append((plan.delimiter, text))
            else:
                last_collapsed = last.collapsed or bool(last.suffixes)
                delimiter = plan.before(last.last, last_collapsed, unit.collapsed, n > 0)
                out.append((delimiter, text))
            last = unit
    return out


def _groups(pieces: list[Piece], grouped: bool) -> list[list[Piece]]:
    """Cites with the same names together, in the order of their first cite (or neighbours)."""
    groups: list[list[Piece]] = []
    by_names: dict[str, list[Piece]] = {}
    for piece in pieces:
        if not grouped and groups and groups[-1][-1].names != piece.names:
            by_names = {}
        if piece.names and piece.names in by_names:
            by_names[piece.names].append(piece)
            continue
        group = [piece]
        groups.append(group)
        if piece.names:
            by_names[piece.names] = group
    return groups


def _same_names(plan: Plan, group: list[Piece]) -> list[_Unit]:
    """A group's cites: names left out after the first, same-year suffixes alone.

    Each cite printed in full (without its names after the first) takes the suffixes of the
    cites of the same year after it.
    """
    suffixes = plan.collapse in ("year-suffix", "year-suffix-ranged")
    first = group[0]
    units = [_Unit(first.text, first, first, False, _year_suffix(first.cite))]
    previous = first
    for piece in group[1:]:
        if piece.short is None and piece.names and getattr(piece.cite, "mode", None) is None:
            continue  # without its names the cite prints nothing (no date): it is left out
        suffix = _suffix_only(previous, piece) if suffixes else None
        if suffix is not None:
            units[-1].suffixes.append(suffix)
            units[-1].last = piece
        else:
            text = piece.short if piece.short is not None else piece.text
            units.append(_Unit(text, piece, piece, True, _year_suffix(piece.cite)))
        previous = piece
    return units


def _suffix_only(previous: Piece, piece: Piece) -> str | None:
    """The cite's year-suffix, when it is all that tells it from the cite before it."""
    if previous.cite.has_locator or piece.cite.has_locator:
        return None
    mine, theirs = _year_suffix(piece.cite), _year_suffix(previous.cite)
    if not mine or not theirs or previous.short is None or piece.short is None:
        return None
    a, b = str(previous.short), str(piece.short)
    if theirs not in a or mine not in b:
        return None
    if _without(a, theirs) != _without(b, mine):
        return None
    return mine


def _without(text: str, suffix: str) -> str:
    at = text.rfind(suffix)
    return text[:at] + text[at + len(suffix) :]


def _year_suffix(cite: Any) -> str | None:
    value = cite.reference.get("year_suffix")
    return str(value) if value else None


def _with_suffixes(plan: Plan, text: Any, own: str | None, suffixes: list[str]) -> Any:
    """A cite's text followed by the suffixes of the same-year cites after it."""
    if not suffixes:
        return text
    letters = [own or "", *suffixes]
    runs: list[list[str]] = [[letters[0]]]
    for letter in letters[1:]:
        if runs[-1][-1] and _consecutive([runs[-1][-1], letter]):
            runs[-1].append(letter)
        else:
            runs.append([letter])
    ranged = plan.collapse == "year-suffix-ranged"
    parts: list[str] = []
    for n, run in enumerate(runs):
        if ranged and len(run) >= 3:
            parts.append(("" if n == 0 else run[0]) + EN_DASH + run[-1])
        else:
            parts.extend(run[1:] if n == 0 else run)
    if ranged and len(runs[0]) >= 3:
        text = text + parts[0]
        parts = parts[1:]
    for part in parts:
        text = text + plan.suffix_delimiter + part
    return text


def _consecutive(letters: list[str]) -> bool:
    values = [_suffix_value(s) for s in letters]
    return all(b == a + 1 for a, b in pairwise(values))


def _suffix_value(suffix: str) -> int:
    value = 0
    for ch in suffix:
        value = value * 26 + (ord(ch) - ord("a") + 1)
    return value


def _numbers(plan: Plan, pieces: list[Piece]) -> list[tuple[str, Any]]:
    """Runs of three or more consecutive citation numbers as ranges ("[1]–[3]")."""
    runs: list[list[Piece]] = []
    for piece in pieces:
        number = _number(piece)
        if runs and number is not None and not piece.cite.has_locator:
            last = runs[-1][-1]
            previous = _number(last)
            if previous is not None and not last.cite.has_locator and number == previous + 1:
                runs[-1].append(piece)
                continue
        runs.append([piece])
    out: list[tuple[str, Any]] = []
    after = plan.delimiter
    for run in runs:
        if len(run) >= 3:
            out.append((after, run[0].text + EN_DASH + run[-1].text))
            after = plan.delimiter if plan.after_collapse is None else plan.after_collapse
            continue
        for piece in run:
            out.append((after, piece.text))
            after = plan.delimiter
    return out


def _number(piece: Piece) -> int | None:
    try:
        return int(piece.cite.number)
    except (TypeError, ValueError, AttributeError):
        return None
