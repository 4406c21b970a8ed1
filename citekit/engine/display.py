"""Bibliography ``display`` divisions and ``second-field-align``, as citeproc-js prints them.

FIX(display): citeproc-py ignores both, so "[1]" ran into the entry ("[1]G. Goldberg").
CSL 1.0.2 ("Display", "Whitespace": second-field-align) splits an entry into blocks:
``display="block"|"left-margin"|"right-inline"|"indent"`` on an element, and with
``second-field-align`` the first field of the layout in the left margin and the rest
right-inline. While the bibliography renders, an element with ``display`` wraps its output
in private-use marks (:data:`OPEN`, :data:`SHUT`, :data:`END`); :func:`settle` tidies them before
the entry is finished and :func:`assemble` turns them into citeproc-js's divisions (HTML) or
plain text after.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import citeproc.model as cmodel
from citeproc.string import MixedString, String

from .state import state_of

#: Marks around one division: OPEN kind SHUT text END (characters no value holds). Each
#: engine module keeps its own private-use characters (tests/test_engine.py checks that no
#: two share one): prepare U+E000-E002/E007, richtext U+E003-E01D, display U+E020-E022.
OPEN, SHUT, END = "\ue020", "\ue021", "\ue022"
DIVISION_MARKS = OPEN + SHUT + END

_DIVISION = re.compile(f"{OPEN}([a-z-]+){SHUT}([^{END}]*){END}")
_AFFIX = re.compile(r"[\s.,;:!?)\]]+")

#: citeproc-js's HTML for each division (its "@display/..." output formats).
_HTML = {
    "block": '\n\n    <div class="csl-block">{}</div>\n',
    "left-margin": '\n    <div class="csl-left-margin">{}</div>',
    "right-inline": '<div class="csl-right-inline">{}</div>\n  ',
    "indent": '<div class="csl-indent">{}</div>\n  ',
}
#: citeproc-js's text for each division (see :func:`assemble`).
_TEXT = {"block": "\n{}", "left-margin": "{} ", "right-inline": "{}", "indent": "\n    {}"}


def division(kind: str, text: Any) -> Any:
    """``text`` marked as one division of the entry."""
    return OPEN + kind + SHUT + text + END


class Displayed:
    """An element with ``display``: its output, in the bibliography, is marked as a division."""

    @staticmethod
    def ck_applies(attrib: Mapping[str, str]) -> bool:
        """Only an element with ``display`` is marked (see :mod:`.loader`)."""
        return "display" in attrib

    def render(self, *args: Any, **kwargs: Any) -> Any:
        """Render, then mark the output when the element has ``display`` (bibliography only)."""
        out = super().render(*args, **kwargs)  # type: ignore[misc]
        kind = self.get("display")  # type: ignore[attr-defined]
        if kind is None or out is None or not state_of(self).displaying:
            return out
        return division(kind, out)


class Text(Displayed, cmodel.Text):  # type: ignore[misc]
    """``cs:text`` with ``display``."""


class Group(Displayed, cmodel.Group):  # type: ignore[misc]
    """``cs:group`` with ``display``."""


class Date(Displayed, cmodel.Date):  # type: ignore[misc]
    """``cs:date`` with ``display``."""


class Number(Displayed, cmodel.Number):  # type: ignore[misc]
    """``cs:number`` with ``display``."""


class Names(Displayed, cmodel.Names):  # type: ignore[misc]
    """``cs:names`` with ``display``."""


def second_field(layout: Any, item: Any) -> Any:
    """The layout's children with the first field in the left margin, the rest right-inline.

    What ``render_children`` gives, split at the first child that printed (the layout's own
    affixes and formatting are applied by the caller, as to any entry).
    """
    out: list[Any] = []
    label = False  # the first field is a citation label
    for child in layout.iterchildren():
        try:
            if isinstance(child, cmodel.Choose):
                text = child.render(item, delimiter=layout.get("delimiter", ""))
            else:
                text = child.render(item)
        except cmodel.VariableError:
            continue
        if text is not None:
            if not out:
                label = child.get("variable") == "citation-label"
            out.append(text)
    if not out:
        return None
    first = division("left-margin", out[0])
    if len(out) == 1:
        return first
    rest = cmodel.join(out[1:], layout.get("delimiter", ""))
    if label:
        # FIX(labels-display-margin): after a citation label, citeproc-js starts the
        # right-inline text at its first character ("[Abou23]  About", the title's
        # prefix space dropped); after a citation number it keeps the space.
        return first + division("right-inline", _lstrip(rest))
    return first + division("right-inline", rest)


def _lstrip(text: Any) -> Any:
    """Rendered text without leading spaces (a formatted piece, such as ``<i>``, stays)."""
    if isinstance(text, MixedString):
        parts = list(text)
        while parts:
            first = _lstrip(parts[0])
            if first == "":
                parts.pop(0)
                continue
            parts[0] = first
            break
        return MixedString(parts)
    if type(text) in (str, String):
        return type(text)(str.lstrip(text))
    return text


def settle(entry: str) -> str:
    """Drop empty divisions; move a trailing affix of punctuation into the last division.

    The entry's last division ends without a space.

    citeproc-js keeps the layout's suffix inside the right-inline division ("... 2005.</div>"),
    so the entry's finishing (duplicate periods) sees it next to the text it follows.
    """
    if OPEN not in entry:
        return entry
    entry = _outermost(entry)
    entry = re.sub(f"{OPEN}[a-z-]+{SHUT}\\s*{END}", "", entry)
    last = entry.rfind(END)
    if last != -1 and _AFFIX.fullmatch(entry[last + 1 :]):
        entry = entry[:last] + entry[last + 1 :] + END
    # a space that ends the last division is not part of it (citeproc-js moves it out)
    return re.sub(rf"\s+{END}$", END, entry.rstrip())


def _outermost(entry: str) -> str:
    """The entry with a division inside another division unmarked: only the outer one counts.

    citeproc-js ignores ``display`` on an element inside an element that has one (a block
    inside the right-inline part prints inline).
    """
    out = []
    depth = 0
    for piece in re.split(f"({OPEN}[a-z-]+{SHUT}|{END})", entry):
        if piece.startswith(OPEN):
            depth += 1
            if depth > 1:
                continue
        elif piece == END:
            depth -= 1
            if depth > 0:
                continue
        out.append(piece)
    return "".join(out)


def assemble(entry: str, *, html: bool) -> str:
    """A finished entry with its divisions made into HTML (or plain text) as citeproc-js does.

    FIX(punct-display-text): citeproc-js's text output marks a division by whitespace alone,
    added to what the division holds: a left-margin ends with a space, a block starts a new
    line, an indent a new line and four spaces; the entry is trimmed after. So bmj's number,
    whose suffix is a space, stands two spaces from the entry ("1  Westad OA."), IEEE's "[1]"
    one.
    """
    if OPEN not in entry:
        return entry
    forms = _HTML if html else _TEXT
    out = _DIVISION.sub(lambda m: forms.get(m.group(1), "{}").format(m.group(2)), entry)
    return out if html else out.strip()
