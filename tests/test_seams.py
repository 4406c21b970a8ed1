"""citekit's joins and affixes (caches/seams) give citeproc-py's texts, types and pieces."""

from __future__ import annotations

import random
from typing import Any

import citeproc.model as cmodel
import pytest
from citeproc.formatter.html import Bold, Italic
from citeproc.string import MixedString, String
from citeproc.string import join as stock_join

from citekit.engine.caches import seams

#: Texts that meet at seams: spaces and marks citeproc-py mends at either end, empty ones.
_TEXTS = ["", " ", ".", ",", ";", "a", "Title.", " of", ". ", ", ", "x ", "?", "..", "  b"]
_DELIMITERS = ["", ", ", ". ", " ", ".", "; ", ",", "?"]


def _piece(rng: random.Random, depth: int = 0) -> Any:
    text = rng.choice(_TEXTS) + rng.choice(_TEXTS)
    roll = rng.random()
    if roll < 0.25:
        return text
    if roll < 0.5:
        return String(text)
    if roll < 0.6:
        return Italic(text)
    if roll < 0.65:
        return Bold(text)
    if depth > 1:
        return String(text)
    return MixedString([_piece(rng, depth + 1) for _ in range(rng.randint(0, 3))])


def _shape(value: Any) -> Any:
    """The value's type and, for a MixedString, its pieces' shapes: what must be the same."""
    if isinstance(value, list):
        return (type(value).__name__, [_shape(v) for v in value])
    return (type(value).__name__, str(value))


class _Element:
    def __init__(self, prefix: str, suffix: str) -> None:
        self.attrib = {"prefix": prefix, "suffix": suffix}

    def get(self, name: str, default: str = "") -> str:
        return self.attrib.get(name, default)


@pytest.mark.parametrize("seed", range(40))
def test_join_gives_citeproc_pys_text_types_and_pieces(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(250):
        items = [_piece(rng) for _ in range(rng.randint(1, 5))]
        delimiter = rng.choice(_DELIMITERS)
        assert _shape(seams.join(list(items), delimiter)) == _shape(stock_join(items, delimiter))


@pytest.mark.parametrize("seed", range(20))
def test_affix_gives_citeproc_pys_text_types_and_pieces(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(250):
        string = _piece(rng)
        prefix, suffix = rng.choice(_TEXTS + ["("]), rng.choice(_TEXTS + [")"])
        expected = cmodel.Affixed.wrap(_Element(prefix, suffix), string)
        assert _shape(seams.affix(prefix, string, suffix)) == _shape(expected)


def test_an_unknown_type_takes_citeproc_pys_way() -> None:
    class Odd(str):
        def __add__(self, other: object) -> str:
            return "odd"

    items = [String("a"), Odd("b"), "c"]
    assert _shape(seams.join(items, ", ")) == _shape(stock_join(items, ", "))
    with pytest.raises(seams.Unknown):
        seams.affix("(", Odd("b"), ")")
