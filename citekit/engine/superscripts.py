"""Unicode superscript characters, written as ``<sup>`` markup in HTML output.

FIX(superscripts): citeproc-js writes each superscript character of its HTML output ("ª",
"²", the French ordinal suffixes "ʳᵉ" and "ᵉʳ") as the plain character in ``<sup>`` ("1ʳᵉ"
is "1<sup>r</sup><sup>e</sup>"), since fonts often lack them (the CSL test suite's
magic_SuperscriptChars names Unicode TR30's superscript folding). Text output keeps the
characters. The table comes from the Unicode database: every character whose compatibility
decomposition is ``<super>``, and four TR30 folds without one (:data:`_MORE`).
"""

from __future__ import annotations

import unicodedata
from functools import cache

#: The blocks holding superscript characters (Latin-1, modifier letters, phonetic
#: extensions, super- and subscripts, letterlike symbols, kanbun, Latin extended D and E).
_BLOCKS = (
    (0x00A0, 0x00C0),
    (0x02B0, 0x0300),
    (0x1D2C, 0x1DC0),
    (0x2070, 0x20A0),
    (0x2120, 0x2123),
    (0x3190, 0x31A0),
    (0xA69C, 0xA69E),
    (0xA770, 0xA771),
    (0xA7F0, 0xA800),
    (0xAB5C, 0xAB60),
)

#: TR30's superscript folds that the Unicode database gives no ``<super>`` decomposition:
#: modifier glottal stop and reversed glottal stop, Arabic small waw and small yeh.
_MORE = {0x02C0: "\u0294", 0x02C1: "\u0295", 0x06E5: "\u0648", 0x06E6: "\u064a"}


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in _BLOCKS:
        for code in range(start, end):
            decomposition = unicodedata.decomposition(chr(code))
            if decomposition.startswith("<super> "):
                plain = "".join(chr(int(h, 16)) for h in decomposition.split()[1:])
                table[code] = f"<sup>{plain}</sup>"
    table.update({code: f"<sup>{plain}</sup>" for code, plain in _MORE.items()})
    return table


def mark_superscripts(html: str) -> str:
    """The HTML with each superscript character written as its base character in ``<sup>``."""
    if html.isascii():
        return html
    return html.translate(_table())
