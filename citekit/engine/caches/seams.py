"""citeproc-py's joins and affixes with the seam found at the seam, not by printing it all.

citeproc-py builds a rendered text by ``+`` on its strings (``String``, a ``str``;
``MixedString``, a list of pieces). Each ``+`` first mends the seam (``normalize_seam``: a
space or a ``.,;:!?`` that would come twice loses the second one) by printing both sides
whole (``str(left)``) to read one character of each: a join of many pieces prints what it
has built again at each piece, and a Chicago entry is built of many. Here the last and
first characters are read from the pieces themselves, and ``+`` is done as Python and
citeproc-py would do it for the types they meet (plain strings, ``String``,
``MixedString``, the formatters' tag wrappers): the same texts, in the same types and
pieces. A type this module does not know takes citeproc-py's own way.
"""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel
from citeproc.string import SEAM_PUNCTUATION, MixedString, String, _strip_first_char
from citeproc.string import join as stock_join

#: Kinds of operand: citeproc-py's two string types, plain ``str``, and ``str`` subclasses
#: that add or take nothing of their own in ``+`` (the HTML formatter's tag wrappers).
_MIXED, _STRING, _PLAIN, _WRAPPER = 1, 2, 3, 4

_KINDS: dict[type, int | None] = {MixedString: _MIXED, String: _STRING, str: _PLAIN}


def _kind(value: Any) -> int | None:
    """The operand's kind, or None for a type whose ``+`` this module does not repeat."""
    cls = type(value)
    kind = _KINDS.get(cls, 0)
    if kind == 0:
        plain = issubclass(cls, str) and all(
            "__add__" not in base.__dict__ and "__radd__" not in base.__dict__
            for base in cls.__mro__
            if base is not str and base is not object
        )
        kind = _KINDS[cls] = _WRAPPER if plain else None
    return kind


def _last(value: Any) -> str:
    """``str(value)[-1:]``, reading only the last pieces of a ``MixedString``."""
    if type(value) is MixedString:
        for piece in reversed(value):
            found = _last(piece) if type(piece) is MixedString else str(piece)[-1:]
            if found:
                return found
        return ""
    return str(value)[-1:]


def _first(value: Any) -> str:
    """``str(value)[:1]``, reading only the first pieces of a ``MixedString``."""
    if type(value) is MixedString:
        for piece in value:
            found = _first(piece) if type(piece) is MixedString else str(piece)[:1]
            if found:
                return found
        return ""
    return str(value)[:1]


def seam(left: Any, other: Any) -> Any:
    """citeproc-py's ``normalize_seam``: ``other``, less a doubled space or mark at the seam."""
    last = _last(left)
    if not last:
        return other
    first = _first(other)
    if not first:
        return other
    if first == last and (first == " " or first in SEAM_PUNCTUATION):
        return _strip_first_char(other)
    return other


def _mixed_add(left: MixedString, other: Any) -> Any:
    """``MixedString.__add__``: empty ``other`` gives ``left``; else the seam, then the pieces."""
    if other == "":
        return left
    other = seam(left, other)
    if other == "" or other == []:
        return left
    if isinstance(other, list):
        return MixedString(list.__add__(left, other))
    return MixedString(list.__add__(left, [other]))


def add(left: Any, right: Any, kinds: tuple[int, int]) -> Any:
    """``left + right`` as Python and citeproc-py compute it, for operands of known kinds."""
    a, b = kinds
    if a == _MIXED:
        return _mixed_add(left, right)
    if a == _STRING:  # String.__add__ (a String on the right has no reflected turn first)
        return left if right == "" else _mixed_add(MixedString([left]), right)
    if b == _MIXED or (b == _STRING and a == _PLAIN):
        # the right side's reflected add: str gives way to a list, and to its subclass String
        return right if left == "" else _mixed_add(MixedString([left]), right)
    return str.__add__(left, right)  # plain text on both sides (a String after a wrapper too)


def _add_kind(left: Any, right: Any, kind: int) -> tuple[Any, int]:
    """:func:`add`, with the kind of what it returns (one side may come back as it is)."""
    other = _kind(right)
    if other is None:
        raise Unknown
    out = add(left, right, (kind, other))
    made = _kind(out)
    if made is None:  # (add makes only the kinds it knows; kept honest, not assumed)
        raise Unknown
    return out, made


class Unknown(Exception):
    """An operand of a type :func:`add` does not repeat: the caller takes the stock way."""


def affix(prefix: str, string: Any, suffix: str) -> Any:
    """citeproc-py's ``Affixed.wrap``: the prefix, the text and the suffix, seams mended."""
    kind = _kind(prefix)
    if kind is None or _kind(string) is None:
        raise Unknown
    string = seam(prefix, string)
    text, kind = _add_kind(prefix, string, kind)
    out, _ = _add_kind(text, seam(text, suffix), kind)
    return out


def join(items: list[Any], delimiter: str) -> Any:
    """``citeproc.string.join``: the items with the delimiter between, each seam mended."""
    if not items:
        return String("")
    output = items[0]
    kind = _kind(output)
    if kind is None or type(delimiter) is not str:
        return stock_join(items, delimiter)
    try:
        for item in items[1:]:
            output, kind = _add_kind(output, seam(output, delimiter), kind)
            output, kind = _add_kind(output, seam(output, item), kind)
    except Unknown:
        return stock_join(items, delimiter)
    return output


class Delimited(cmodel.Delimited):  # type: ignore[misc]
    """``join`` through :func:`join` (citeproc-py's, with the seams read at the seams)."""

    def join(self, strings: Any, default_delimiter: str = "") -> Any:
        """The strings that printed, joined with the element's delimiter (as citeproc-py)."""
        delimiter = self.get("delimiter", default_delimiter)
        try:
            return join([s for s in strings if s is not None], delimiter)
        except Exception:  # citeproc-py's join gives an empty text on any failure
            return String("")
