"""citeproc-py's affixes, quotes and period stripping, skipped where the element has none.

Every rendered element passes its text through ``Affixed.wrap``, ``Quoted.quote`` and
``StrippedPeriods.strip_periods``. Most elements set no prefix, suffix, quotes or
``strip-periods``; for those each call still reads the attributes and, for the affixes,
adds two empty strings through citeproc-py's seam-normalising concatenation. Whether an
element has any is a property of the style, answered once per element.
"""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel
from citeproc.string import MixedString, String

from . import seams

#: Types for which citeproc-py's ``"" + text + ""`` gives ``text`` back unchanged
#: (``String`` and ``MixedString`` return themselves when the other side is empty; a plain
#: ``str`` gives an equal ``str``). Other types (the HTML formatter's tag wrappers) become
#: plain strings on the way: they take citeproc-py's own path.
_UNCHANGED_BY_EMPTY_AFFIXES = (String, MixedString, str)


class Affixed(cmodel.Affixed):  # type: ignore[misc]
    """``wrap`` returns the text itself when the element has no prefix and no suffix."""

    def wrap(self, string: Any) -> Any:
        """The text with the element's prefix and suffix (as citeproc-py's ``wrap``)."""
        d = self.__dict__
        bare = d.get("_ck_no_affixes")
        if bare is None:
            bare = d["_ck_no_affixes"] = not self.get("prefix") and not self.get("suffix")
        if bare and type(string) in _UNCHANGED_BY_EMPTY_AFFIXES:
            return string
        if string is not None:
            try:
                return seams.affix(self.get("prefix", ""), string, self.get("suffix", ""))
            except seams.Unknown:
                pass
        return super().wrap(string)


class Quoted(cmodel.Quoted):  # type: ignore[misc]
    """``quote`` returns the text itself when the element sets no ``quotes``."""

    def quote(self, string: Any) -> Any:
        """The text in the locale's quotation marks if the element asks for them."""
        d = self.__dict__
        plain = d.get("_ck_no_quotes")
        if plain is None:
            # citeproc-py reads this option first on every call (and fails where the
            # locales lack it); once it has been read, it reads the same every time
            self.get_locale_option("punctuation-in-quote").lower()
            plain = d["_ck_no_quotes"] = self.get("quotes", "false").lower() != "true"
        if plain:
            return string
        return super().quote(string)


class StrippedPeriods(cmodel.StrippedPeriods):  # type: ignore[misc]
    """``strip_periods`` returns the text itself when the element does not strip periods."""

    def strip_periods(self, string: Any) -> Any:
        """The text without periods if the element sets ``strip-periods``."""
        d = self.__dict__
        keep = d.get("_ck_keep_periods")
        if keep is None:
            keep = d["_ck_keep_periods"] = self.get("strip-periods", "false").lower() != "true"
        if keep:
            return string
        return super().strip_periods(string)
