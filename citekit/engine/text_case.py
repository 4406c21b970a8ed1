"""Text case: the words title case leaves in lower case."""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel
from citeproc.string import String

# citeproc-js's words that title case leaves in lower case (its CSL.SKIP_WORDS).
TITLE_STOP_WORDS = frozenset(
    """a about above across afore after against along alongside amid amidst among amongst an
    and anenst apropos apud around as aside astride at athwart atop barring before behind below
    beneath beside besides between beyond but by circa despite down during except for forenenst
    from given in inside into lest like modulo near next nor notwithstanding of off on onto or
    out over per plus pro qua sans since so than that the through thru throughout thruout till
    to toward towards under underneath until unto up upon versus vs. v. via vis-à-vis with
    within without worth yet""".split()
)


class TextCased(cmodel.TextCased):  # type: ignore[misc]
    """FIX(title-case): citeproc-js's stop words.

    citeproc-py's title case capitalised prepositions ("Conversation Between").
    """

    _stop_words = sorted(TITLE_STOP_WORDS)

    def case(self, text: Any, language: Any = None) -> Any:
        """FIX(case-plain-str): text-case on a plain ``str`` crashed citeproc-py.

        citeproc-py's text case calls its ``String`` methods (``words``, ``capitalize_first``),
        but some of its own paths hand over a plain ``str`` (a roman-numeral number, a macro
        whose output carries no markup): the value is wrapped first, as citeproc-js cases
        any text. The result is a plain ``str`` again, as the caller expects.
        """
        if type(text) is str:
            return str(super().case(String(text), language))
        return super().case(text, language)
