"""Record text as the parser compares it: Markdown escapes and bold undone, whitespace squashed.

Each line keeps its number (:class:`Line`), so every fact can name the line it came from.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


class Line(NamedTuple):
    """One line of a record, with its 1-based number.

    A named tuple, not a dataclass: a record makes one per line, and a tuple is made in a
    third of the time (extraction speed).
    """

    number: int
    text: str


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>\"'|~])")


_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")


def unescape_markdown(text: str) -> str:
    """Undo Markdown backslash escapes and bold/italic markers around whole phrases."""
    if "\\" in text:  # most lines have neither: skip the substitutions (extraction speed)
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_BOLD.sub(r"\2", text)
    return text


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends.

    ``str.split()`` splits at the characters ``\\s`` matches (``str.isspace``) and drops
    the empty ends: the same text as a regular-expression substitution and a strip, in a
    third of the time (a record squashes some 40 strings).
    """
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def clean_line(text: str) -> str:
    """A record line as the parser compares it (cached: every fact looks its line up)."""
    return squash(unescape_markdown(text))


def paragraph(lines: list[Line]) -> tuple[str, int | None]:
    """Join lines into one cleaned paragraph; return it with its first line's number."""
    text = squash(" ".join(unescape_markdown(ln.text) for ln in lines if ln.text.strip()))
    first = next((ln.number for ln in lines if ln.text.strip()), None)
    return text, first


def paragraphs(lines: list[Line]) -> str:
    """Join lines into cleaned paragraphs, separated by a blank line as in the record."""
    blocks: list[list[str]] = [[]]
    for ln in lines:
        if ln.text.strip():
            blocks[-1].append(unescape_markdown(ln.text).strip())
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join(squash(" ".join(b)) for b in blocks if b)


def line_of(lines: list[Line], needle: str) -> int | None:
    """Find the first line whose text contains the start of ``needle``."""
    probe = squash(needle)[:40]
    for ln in lines:
        if probe and probe in clean_line(ln.text):
            return ln.number
    words = probe.split()[:3]
    for ln in lines:
        if words and " ".join(words) in clean_line(ln.text):
            return ln.number
    return lines[0].number if lines else None
