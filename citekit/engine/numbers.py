"""Numbers: what counts as numeric, and page ranges under ``page-range-format``."""

from __future__ import annotations

import re
from typing import Any

import citeproc.model as cmodel


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
            value = text.replace("&amp;", "&")
        return super()._process(value, variable)

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


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
