"""Numbers: what counts as numeric, and page ranges under ``page-range-format``."""

from __future__ import annotations

import re
from typing import Any

import citeproc.model as cmodel

from .ordinals import long_ordinal, ordinal, term_gender


class If(cmodel.If):  # type: ignore[misc]
    """FIX(numeric-ranges): "11-12" is numeric in CSL (numbers joined by - , & "and").

    So Chicago's archival "pp." label applies; citeproc-py accepted one number only.
    """

    re_numeric = re.compile(
        r"^\s*[A-Z]*\d+[A-Z]*(?:\s*(?:[-–&,]|and)\s*[A-Z]*\d+[A-Z]*)*\s*$", re.I
    )


class FormatNumber(cmodel.FormatNumber):  # type: ignore[misc]
    """FIX(page-ranges): CSL's page-range formats as citeproc-js applies them.

    citeproc-py's page-range-format cut "3-55" to "3–5" (minimal-two on numbers of
    different lengths).
    """

    def _process(self, value: Any, variable: str) -> Any:
        """FIX(number-ampersand): "1 &amp; 2" is the number list "1 & 2", not "1", "amp; 2".

        citekit escapes field values for HTML before citeproc-py reads them
        (FIX(html-escape)); citeproc-py splits a number list at "&" and writes its own
        (escaped) ampersand between the parts, so the value's escape is undone first.
        """
        text = str(value)
        if "&amp;" in text:
            value = text = text.replace("&amp;", "&")
        if variable != "page" or not self.get_root().get_option("page-range-format"):
            return super()._process(value, variable)
        delimiter = self.get_single_term(name="page-range-delimiter") or self.unicode_character(
            "EN DASH"
        )
        amp = " " + self.unicode_character("AMPERSAND") + " "
        return cmodel.join(
            (
                cmodel.join((self._page_range(p.strip(), delimiter) for p in part.split("&")), amp)
                for part in text.split(",")
            ),
            delimiter=", ",
        )

    def _page_range(self, text: str, delimiter: str) -> Any:
        """FIX(page-ranges): one page or range under the style's page-range-format.

        As citeproc-js does: an abbreviated second page is completed first ("100-4" is
        100 to 104), then shortened by the format; parts with a prefix ("n11564-n1568")
        are a range only when both carry the same prefix (the prefix is dropped when the
        second page is shortened); otherwise the text is not a range and keeps its hyphen
        ("N110-5", "123N110-N5").
        """
        pieces = text.replace("\u2013", "-").split("-")
        if len(pieces) != 2:
            return self.format_number(text)
        first, last = (piece.strip() for piece in pieces)
        m_first = re.fullmatch(r"(.*?)(\d+)", first)
        m_last = re.fullmatch(r"(.*?)(\d+)", last)
        if not (m_first and m_last):
            return cmodel.join((first, last), delimiter)
        prefix, low = m_first.groups()
        if m_last.group(1) != prefix:
            return f"{first}-{last}"
        high = m_last.group(2)
        if len(high) < len(low) and int(low[: len(low) - len(high)] + high) > int(low):
            high = low[: len(low) - len(high)] + high
        shown = self._format_last_page(low, high)
        return cmodel.join((first, prefix + shown if shown == high else shown), delimiter)

    def _format_last_page(self, first: str, last: str) -> str:
        """The second number of a page range under the style's page-range-format."""
        fmt = self.get_root().get_option("page-range-format")
        if not (first.isdigit() and last.isdigit()) or len(first) != len(last) or last <= first:
            return last
        if fmt in ("chicago", "chicago-15", "chicago-16"):
            number = int(first)
            if number < 100 or number % 100 == 0:
                return last
            if number % 100 < 10:
                fmt = "minimal"
            else:
                changed = len(first) - _common_prefix(first, last)
                if fmt != "chicago-16" and len(first) == 4 and changed >= 3:
                    return last
                fmt = "minimal-two"
        common = _common_prefix(first, last)
        if fmt == "minimal":
            return last[common:]
        if fmt == "minimal-two":
            return last[min(common, len(last) - 2) :]
        return last


class Number(cmodel.Number):  # type: ignore[misc]
    """``cs:number``: ordinals in the gender of the variable's term (see :mod:`.ordinals`)."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """FIX(ordinals): note the gender of the numbered variable's term while it renders.

        "edition" is feminine in French ("1ʳᵉ éd."), "issue" masculine ("1ᵉʳ"); a locator
        takes the gender of its label's term.
        """
        if self.get("form") not in ("ordinal", "long-ordinal"):
            return super().process(item, context=context, **kwargs)
        name = self.get("variable") or ""
        if name == "locator":
            name = item.locator.label if item.has_locator else ""
        self.__dict__["_ck_gender"] = term_gender(self, name) if name else None
        try:
            return super().process(item, context=context, **kwargs)
        finally:
            self.__dict__.pop("_ck_gender", None)

    def format_number(self, number: Any) -> Any:
        """One number in the element's form; ordinals by CSL 1.0.2's rules."""
        form = self.get("form")
        if form not in ("ordinal", "long-ordinal"):
            return super().format_number(number)
        try:
            value = int(number)
        except (TypeError, ValueError):
            return super().format_number(number)
        gender = self.__dict__.get("_ck_gender")
        if form == "long-ordinal":
            text = long_ordinal(self, value, gender)
            if text:
                return text
        return ordinal(self, value, gender)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
