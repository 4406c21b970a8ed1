"""Numbers: what counts as numeric, and page ranges under ``page-range-format``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import citeproc.model as cmodel

from .ordinals import long_ordinal, ordinal, term_gender

#: One number as citeproc-js's number parser takes it: digits with letters around them
#: ("2a", "a2", "2nd"), or a lower-case roman numeral of i, v and x ("ii", "xiv"; not
#: "IV", "lxx" or "civil").
_ONE_NUMBER = r"(?:[A-Z]*\d+[A-Z]*|(?-i:[ivx]+))"


class If(cmodel.If):  # type: ignore[misc]
    """FIX(numeric-ranges): "11-12" is numeric in CSL (numbers joined by - , & "and").

    So Chicago's archival "pp." label applies; citeproc-py accepted one number only. A
    lower-case roman numeral counts as a number, as citeproc-js counts it: "ii-iv" cited as
    a chapter is "chap. ii-iv" in Chicago, which leaves a non-numeric chapter bare.
    """

    re_numeric = re.compile(rf"^\s*{_ONE_NUMBER}(?:\s*(?:[-–&,]|and)\s*{_ONE_NUMBER})*\s*$", re.I)

    def _is_numeric(self, item: Any) -> list[bool]:
        """FIX(is-numeric-locator): ``is-numeric="locator"`` asks of the cite's locator.

        The locator is the cite's, not the item's; citeproc-py looked for it among the
        item's variables, so the test never held and Chicago, which labels a numeric
        chapter or line ("chap. 3", "line 4") and leaves a non-numeric one bare, printed
        "3" (citeproc-js: "chap. 3").
        """
        answers = []
        for variable in self.get("is-numeric").split():
            if variable == "locator":
                value = item.locator.identifier if item.has_locator else None
            else:
                value = item.reference.get(variable.replace("-", "_"))
            answers.append(value is not None and bool(self.re_numeric.match(str(value))))
        return answers


class FormatNumber(cmodel.FormatNumber):  # type: ignore[misc]
    """FIX(page-ranges): CSL's page-range formats as citeproc-js applies them.

    citeproc-py's page-range-format cut "3-55" to "3–5" (minimal-two on numbers of
    different lengths).
    """

    def _process(self, value: Any, variable: str) -> Any:
        """FIX(number-lists): a number variable's ranges and lists, as citeproc-js reads them.

        The value is a list of items joined by "," "&" or "and"; an item of two numbers
        joined by a hyphen or en dash (both with digits and the same letter prefix, or both
        roman) is a range, written with the (page) range delimiter and, for pages, under
        ``page-range-format``; any other item stands as written, so "3-B",
        "Michaelson-Morely" and an escaped "327\\-30" keep their hyphen. "&" is the
        locale's ``and`` symbol. citeproc-py made every hyphen a range ("3\\–B").

        FIX(number-ampersand): "1 &amp; 2" is the number list "1 & 2", not "1", "amp; 2":
        citekit escapes field values for HTML before citeproc-py reads them
        (FIX(html-escape)), so the value's escape is undone first.
        """
        text = str(value)
        if "&amp;" in text:
            value = text = text.replace("&amp;", "&")
        if variable == "page-first":
            return super()._process(value, variable)
        is_page = variable == "page"
        formatted = is_page and bool(self.get_root().get_option("page-range-format"))
        # citeproc-js joins every number range with the locale's page-range-delimiter
        # (French "6‑7", a non-breaking hyphen, for volumes and chapters too)
        delimiter = self.get_single_term(name="page-range-delimiter") or self.unicode_character(
            "EN DASH"
        )
        amp = self.get_single_term(name="and", form="symbol") or self.unicode_character("AMPERSAND")
        out: list[Any] = []
        pieces = list_separator(str(self.get_single_term(name="and"))).split(text.strip())
        for n, piece in enumerate(pieces):
            if n % 2:
                mark = piece.strip()
                out.append(", " if mark == "," else f" {amp} " if mark == "&" else piece)
                continue
            ends = _range_ends(piece)
            if formatted and (ends or _digits_on_both_sides(piece)):
                out.append(self._page_range(piece.strip(), delimiter))
            elif ends is None:
                out.append(self.format_number(_unescape(piece)) if piece else piece)
            else:
                first, last = (self.format_number(end) for end in ends)
                out.append(cmodel.join((first, last), delimiter))
        return cmodel.join(out, "")

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


#: Variables a ``cs:text`` prints as numbers (ranges with an en dash), as citeproc-js does.
_NUMBER_TEXT = frozenset(
    {
        "volume",
        "issue",
        "number",
        "edition",
        "collection-number",
        "chapter-number",
        "number-of-pages",
    }
)


class Text(cmodel.Text):  # type: ignore[misc]
    """``cs:text`` of a number variable or the locator, read as a number list."""

    @staticmethod
    def ck_applies(attrib: Mapping[str, str]) -> bool:
        """Only the text of a number variable or the locator (see :mod:`.loader`)."""
        variable = attrib.get("variable")
        return variable == "locator" or variable in _NUMBER_TEXT

    def _variable(self, item: Any, context: Any) -> Any:
        """FIX(number-lists): ranges of a number variable and the locator as in ``cs:number``.

        citeproc-js writes "3-4" of a ``cs:text variable="volume"`` as "3–4", a page
        locator under ``page-range-format`` ("427-30" is "427–430"), and keeps the hyphen
        of what is no range; citeproc-py printed volumes as they stand and made every
        hyphen of a locator a range.
        """
        value = super()._variable(item, context)
        variable = self.get("variable")
        if value is None:
            return value
        if variable == "locator":
            label = item.locator.label
            return self._process(
                str(item.locator.identifier), "page" if label == "page" else "locator"
            )
        if variable in _NUMBER_TEXT:
            return self._process(value, variable)
        return value


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
        if form in (None, "numeric") and str(number).isdigit():
            return str(number)  # FIX(number-lists): "007" keeps its zeros, as in citeproc-js
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


#: A range's separator: a hyphen (not escaped as "\\-") or an en dash.
_RANGE_SEPARATOR = re.compile(r"\s*(?<!\\)[-\u2013]\s*")
#: A number: digits after an optional prefix ("N", "8n"), with an optional letter suffix.
_WITH_DIGITS = re.compile(r"([A-Za-z0-9]*?)(\d+)[A-Za-z]*")
_ROMAN = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")


@cache
def list_separator(and_term: str) -> re.Pattern[str]:
    """The separators of a number list: "," "&" "and" and the locale's ``and`` ("et")."""
    words = "|".join(re.escape(w) for w in {"and", and_term.strip()} if w)
    return re.compile(rf"(\s*,\s*(?:(?:{words})\s+)?|\s*&\s*|\s+(?:{words})\s+)")


def _digits_on_both_sides(item: str) -> bool:
    parts = _RANGE_SEPARATOR.split(item.strip())
    return len(parts) == 2 and all(re.search(r"\d", p) for p in parts)


def _unescape(text: str) -> str:
    return text.replace("\\-", "-")


def _is_number(text: str) -> bool:
    return bool(_WITH_DIGITS.fullmatch(text) or _ROMAN.fullmatch(text))


def _range_ends(item: str) -> tuple[str, str] | None:
    """The two ends of a range item ("2a-3b", "xii-xv", "A1–A5"), None when it is not one."""
    parts = _RANGE_SEPARATOR.split(item.strip())
    if len(parts) != 2:
        return None
    first, last = parts
    if _ROMAN.fullmatch(first) and _ROMAN.fullmatch(last):
        return first, last
    m_first, m_last = _WITH_DIGITS.fullmatch(first), _WITH_DIGITS.fullmatch(last)
    if not (m_first and m_last and m_first.group(1) == m_last.group(1)):
        return None
    return first, last


def is_plural_number(text: str, and_term: str = "and") -> bool:
    """FIX(number-lists): a value holds several numbers: a range or a list of numbers.

    As citeproc-js counts them: "1-2", "i-ix", "N110-5", "iv, 7", "213 & 235" are
    plural; "3-B", "Michaelson-Morely", an escaped "327\\-30", "3.2-3.5" and "ISBN
    978-3-16" are not (an item with a part that is no number counts for none).
    """
    count = 0
    for item in list_separator(and_term).split(text.strip())[0::2]:
        parts = _RANGE_SEPARATOR.split(item.strip())
        if all(_is_number(p) for p in parts):
            count += len(parts)
    return count >= 2


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
