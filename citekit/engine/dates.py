"""Dates: ranges as CSL and citeproc-js render them, dates in sort keys by their numbers."""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel

from .ordinals import locale_option, ordinal, term_gender
from .sorting import date_key
from .state import state_of


class Date(cmodel.Date):  # type: ignore[misc]
    """``cs:date``, with ranges and sort keys corrected."""

    def process(
        self,
        item: Any,
        variable: Any = None,
        show_parts: Any = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        """FIX(sort-dates): inside a sort macro a date sorts by its numbers (19620426).

        citeproc-js does so; citeproc-py sorted by the words ("April 26, 1962" after
        "April 3, 1962").
        """
        if state_of(self).sorting is not None:
            name = (variable or self.get("variable") or "").replace("-", "_")
            value = item.reference.get(name)
            if value is None:
                return None
            key = date_key(value, self._sort_parts())
            dated = state_of(self).date_keys
            if dated is not None:  # FIX(ms-a-sort-macro-date): see sorting.Key
                dated.append((self, key))
            return cmodel.String(key)
        return super().process(
            item, variable=variable, show_parts=show_parts, context=context, **kwargs
        )

    def _sort_parts(self) -> list[str]:
        """The parts a sort key keeps: the localized date's ``date-parts``, else the children.

        FIX(labels-sort-dates): citeproc-js keys a date by the parts the element shows.
        """
        if self.get("form"):
            return str(self.get("date-parts") or "year-month-day").split("-")
        return [str(p.get("name")) for p in self.iterchildren() if p.get("name")]

    def _joiner(self, context: Any) -> Any:
        """FIX(date-delimiter): the element whose ``delimiter`` joins the date's parts.

        A localized date's own delimiter (``<date form="text" delimiter=" ">`` in a
        locale) joins its parts unless the calling ``cs:date`` sets one; citeproc-py used
        only the calling element's, so "2 January 1999" printed "2January1999".
        """
        if not self.is_locale_date():
            return self
        if context is not None and context.get("delimiter") is None and self.get("delimiter"):
            return self
        return context

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        """One date, its parts joined by the delimiter :meth:`_joiner` gives."""
        parts = self.parts(date, show_parts, context) if context is not self else None
        if parts is None:
            return super().render_single_date(date, show_parts, context)
        return self._joiner(context).join(parts) if parts else None

    def render_date_range(
        self, date_range: Any, show_parts: Any = None, context: Any = None
    ) -> Any:
        """FIX(date-ranges): parts from the largest differing one down vary, the rest are shared.

        citeproc-py's range rendering mutated the shown parts, dropped the year (APA) and
        crashed (chicago-author-date); CSL and citeproc-js give "May 3–June 4, 1955".
        """
        begin, end = date_range.begin, date_range.end
        shown = list(show_parts or ["year", "month", "day"])
        if end.is_nil():
            if date_range.get("end") is None or begin.is_nil():
                return self.render_single_date(begin, shown, context)
            # FIX(open-ranges): an open range ("1987/", date-parts [[1987], [0]]) prints
            # its start and the range delimiter: "1987–" (citeproc-js).
            present = [
                p.get("name")
                for p in self.iterchildren()
                if p.get("name") in shown and begin.get(p.get("name"))
            ]
            if not present:
                return self.render_single_date(begin, shown, context)
            delimiter = _part_attr(self, context, "year", "range-delimiter") or "–"
            first = self._range_group(begin, present, context, strip_suffix=True)
            return cmodel.String(f"{first}{delimiter}") if first else None
        differs = next((n for n in ("year", "month", "day") if begin.get(n) != end.get(n)), None)
        present = [
            p.get("name")
            for p in self.iterchildren()
            if p.get("name") in shown and (begin.get(p.get("name")) or end.get(p.get("name")))
        ]
        levels = {"year": ("year", "month", "day"), "month": ("month", "day"), "day": ("day",)}
        varying = [n for n in present if differs and n in levels[differs]]
        if not varying:
            return self.render_single_date(begin, shown, context)
        lo, hi = present.index(varying[0]), present.index(varying[-1])
        # the range delimiter of the largest part that differs (CSL 1.0.2 "Date Ranges")
        largest = differs if differs in present else varying[0]
        delimiter = _part_attr(self, context, largest or "year", "range-delimiter") or "–"
        first = self._range_group(begin, present[lo : hi + 1], context, strip_suffix=True)
        last = self._range_group(end, present[lo : hi + 1], context, strip_prefix=True)
        middle = f"{first}{delimiter}{last}" if first and last else first or last
        style_context = self._joiner(context)
        delim = style_context.get("delimiter", "") if style_context is not None else ""
        pieces = [
            self._range_group(begin, present[:lo], context),
            middle,
            self._range_group(end, present[hi + 1 :], context),
        ]
        text = delim.join(p for p in pieces if p)
        return cmodel.String(text) if text else None

    def _range_group(
        self,
        date: Any,
        names: list[str],
        context: Any,
        *,
        strip_suffix: bool = False,
        strip_prefix: bool = False,
    ) -> str:
        """Some parts of one date of the range, joined as the date element joins parts."""

        def one(name: str) -> str:
            parts = (
                self.parts(date, [name], context)
                if context is not self
                else self.parts(date, [name])
            )
            return "".join(str(p) for p in parts)

        texts = [(n, one(n)) for n in names]
        texts = [(n, t) for n, t in texts if t]
        if not texts:
            return ""
        if strip_suffix:
            n, t = texts[-1]
            suffix = _part_attr(self, context, n, "suffix")
            if suffix and t.endswith(suffix):
                texts[-1] = (n, t[: -len(suffix)])
        if strip_prefix:
            n, t = texts[0]
            prefix = _part_attr(self, context, n, "prefix")
            if prefix and t.startswith(prefix):
                texts[0] = (n, t[len(prefix) :])
        style_context = self._joiner(context)
        return str(style_context.join([cmodel.String(t) for _, t in texts]))


class DatePart(cmodel.Date_Part):  # type: ignore[misc]
    """``cs:date-part``: seasons and invalid months, gendered day ordinals."""

    def process(self, date: Any, context: Any = None) -> Any:
        """The part's text (citeproc-py's, except for the cases below)."""
        name = self.get("name")
        if name == "month":
            self._take_overrides(context)
            return self._month(date, context)
        if name == "day" and "day" in date and self._form(context, "numeric") == "ordinal":
            self._take_overrides(context)
            return self._ordinal_day(date, context)
        if name == "year":
            # citeproc-py's year, with the calling style's attributes found among the
            # context's children rather than by an XPath search (every date prints a year)
            self._take_overrides(context)
            if context is None:
                context = self
            form = self.get("form", "long")
            if form == "short":
                return str(date.year)[-2:]
            if form != "long":
                return super().process(date, context)
            text = str(abs(date.year))
            if date.year < 0:
                text += context.get_single_term(name="bc")
            elif date.year < 1000:
                text += context.get_single_term(name="ad")
            return text
        return super().process(date, context)

    def _take_overrides(self, context: Any) -> None:
        """The calling style's date-part attributes, taken over as citeproc-py's process does."""
        if context is None or context is self:
            return
        for part in context.iterchildren():
            if part.get("name") == self.get("name"):
                self.attrib.update(dict(part.attrib))
                return

    def _form(self, context: Any, default: str) -> str:
        """The part's form, the calling style's date-part overriding a localized date's."""
        if context is not None and context is not self:
            for part in context.iterchildren():
                if part.get("name") == self.get("name") and part.get("form"):
                    return str(part.get("form"))
        return str(self.get("form", default))

    def _month(self, date: Any, context: Any) -> Any:
        """FIX(seasons): months 13 to 24 are seasons, other months out of 1-12 print nothing.

        As citeproc-js reads CSL-JSON: 13-16 and 17-20 and 21-24 are Spring, Summer,
        Autumn, Winter (the "season-0N" terms; a numeric month form prints nothing for
        them); a month outside 1-24 is no month. A date without a month shows its
        ``season`` field in the month's place, a season number as its term, a text as it
        stands, whatever the month form. citeproc-py printed "1999" for "Spring 1999"
        and crashed on a season with a numeric month form.
        """
        month = _as_int(date.get("month"))
        if month:
            if 1 <= month <= 12:
                return super().process(date, context)
            if not 13 <= month <= 24 or self._form(context, "long").startswith("numeric"):
                return None
            season: Any = (month - 13) % 4 + 1
        else:
            season = date.get("season")
            if season in (None, ""):
                return None
            number = _as_int(season)
            if number is None or not 1 <= number <= 4:
                return str(season)
            season = number
        short = self._form(context, "long") == "short"
        term = (context if context is not None else self).get_single_term(
            f"season-{season:02d}", form="short" if short else None
        )
        return term or None

    def _ordinal_day(self, date: Any, context: Any) -> Any:
        """FIX(ordinals): a day ordinal in the gender of its month ("1ᵉʳ octobre").

        With ``limit-day-ordinals-to-day-1`` only the first of the month is an ordinal.
        """
        holder = context if context is not None else self
        day = int(date.get("day"))
        limit = (locale_option(holder, "limit-day-ordinals-to-day-1") or "").lower() == "true"
        if limit and day > 1:
            return str(day)
        month = _as_int(date.get("month"))
        gender = term_gender(holder, f"month-{month:02d}") if month and month <= 12 else None
        return ordinal(holder, day, gender)


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _part_attr(date_el: Any, context: Any, name: str, attr: str) -> str | None:
    """An attribute of a date-part, the style's own override winning over the locale's."""
    for holder in (context, date_el):
        if holder is None:
            continue
        for part in holder.iterchildren():
            if part.get("name") == name and part.get(attr) is not None:
                return str(part.get(attr))
    return None
