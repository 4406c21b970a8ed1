"""Literal text of the style (``cs:text value="..."``), read as rich text like a field.

FIX(text-value): citeproc-js reads a style's literal text as it reads a field value: straight
quotes in it are quotation marks (``value="'friend'"`` prints “friend” and takes part in
nested quotes and punctuation-in-quote) and markup in it is markup. citeproc-py printed the
value as it stands. The value is prepared like a field (:func:`.prepare.prepare_value`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import citeproc.model as cmodel
from citeproc import formatter
from citeproc.string import String

from .prepare import prepare_value


class Text(cmodel.Text):  # type: ignore[misc]
    """``cs:text`` with a ``value``: the value prepared like a field value."""

    @staticmethod
    def ck_applies(attrib: Mapping[str, str]) -> bool:
        """Only a text of a ``value`` or a ``term`` (see :mod:`.loader`)."""
        return "value" in attrib or "term" in attrib

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """The rendered text and its language (citeproc-py's hook)."""
        text, language = super().process(item, context=context, **kwargs)
        if text and "value" in self.attrib and not {"variable", "macro", "term"} & set(self.attrib):
            html_out = self.get_formatter() is formatter.html
            text = String(prepare_value(self.get("value"), html_out))
        elif text and "term" in self.attrib:
            # FIX(punct-term-text): a term is read like a value too, as citeproc-js reads
            # it: "à l'adresse" prints "à l’adresse", "sur :" a narrow no-break space
            text = String(prepare_value(str(text), self.get_formatter() is formatter.html))
        return text, language
