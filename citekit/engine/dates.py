"""Dates: ranges as CSL and citeproc-js render them, dates in sort keys by their numbers."""

from __future__ import annotations

from typing import Any

import citeproc.model as cmodel
import citeproc.source as csource

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
            # FIX(names-count-date-key): a date of its own parts sorts by those alone
            own = [p.get("name") for p in self.findall("cs:date-part", self.nsmap)]
            if not own or self.get("form"):
                own = (self.get("date-parts") or "year-month-day").split("-")
            parts = own
            return cmodel.String(date_sort_key(value, parts))
        return super().process(
            item, variable=variable, show_parts=show_parts, context=context, **kwargs
        )

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
        largest = varying[0] if differs == "year" else differs
        delimiter = _part_attr(self, context, largest or "year", "range-delimiter") or "–"
        first = self._range_group(begin, present[lo : hi + 1], context, strip_suffix=True)
        last = self._range_group(end, present[lo : hi + 1], context, strip_prefix=True)
        middle = f"{first}{delimiter}{last}" if first and last else first or last
        style_context = context if self.is_locale_date() else self
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
        style_context = context if self.is_locale_date() else self
        return str(style_context.join([cmodel.String(t) for _, t in texts]))


def date_sort_key(value: Any, parts: list[str]) -> str:
    """A date as citeproc-js sorts it: its numbers, only the parts the style shows."""
    if isinstance(value, csource.DateRange):
        end = value.get("end")
        tail = date_sort_key(end, parts) if end is not None and not end.is_nil() else ""
        return date_sort_key(value.begin, parts) + (f"-{tail}" if tail else "")
    if not isinstance(value, csource.Date):
        return str(getattr(value, "text", ""))
    out = f"{int(value.get('year', 0)) + 10000:05d}"
    for name in ("month", "day"):
        out += f"{int(value.get(name, 0)) if name in parts else 0:02d}"
    return out


def _part_attr(date_el: Any, context: Any, name: str, attr: str) -> str | None:
    """An attribute of a date-part, the style's own override winning over the locale's."""
    for holder in (context, date_el):
        if holder is None:
            continue
        for part in holder.iterchildren():
            if part.get("name") == name and part.get(attr) is not None:
                return str(part.get(attr))
    return None
