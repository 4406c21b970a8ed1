"""Reading the dates archive records write, and CSL-JSON ``raw`` and EDTF dates.

Records write "April 26, 1962", "November 03, 1972", "September, 1956", "March 1962",
"1962", "c. July 1962", "26 April 1962", ranges ("May 1-3, 1962", "1955-1956",
"June 1955 - July 1955") and a trailing asterisk on uncertain dates. citekit keeps exactly
the parts the record gives: a month-only date has two date-parts, never an invented day.
"""

from __future__ import annotations

import re

from .model import Date

MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"  # noqa: E501
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_CIRCA = r"(?:(?:c\.|ca\.|circa|approx\.|approximately)\s*)"

# One date, as written in the citation line.
_ONE = (
    rf"(?:{_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|{_DAY}\s+{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH},?\s+{_YEAR}"
    rf"|{_YEAR}(?:-[01][0-9](?:-[0-3][0-9])?)?)"
)
_RANGE_SEP = r"\s*(?:-|–|—|to|/)\s*"
_SEASON = r"(?:Spring|Summer|Autumn|Fall|Winter)"
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
# A date or a range, with an optional circa, trailing asterisk or square brackets.
DATE_PATTERN = (
    rf"(?:\[?{_CIRCA}?(?:{_SEASON},?\s+{_YEAR}|{_MONTH}\s+{_DAY}{_RANGE_SEP}{_DAY},?\s+{_YEAR}"
    rf"|{_DAY}{_RANGE_SEP}{_DAY}\s+{_MONTH},?\s+{_YEAR}"
    rf"|{_ONE}(?:{_RANGE_SEP}{_CIRCA}?{_ONE})?"
    rf"|{_MONTH}{_RANGE_SEP}{_MONTH},?\s+{_YEAR}"
    rf"|{_YEAR}{_RANGE_SEP}[0-9]{{2,4}})\s*\*?\]?)"
)
UNDATED_PATTERN = r"(?:undated|no date|n\.\s?d\.|date unknown|\[?undated\]?)"

_ONE_RE = re.compile(rf"^{_ONE}$", re.I)
# The forms parse_one and parse_date try, compiled once (a folder of records parses
# thousands of dates).
_MONTH_DAY_YEAR = re.compile(rf"({_MONTH})\s+({_DAY})(?:st|nd|rd|th)?,?\s+({_YEAR})", re.I)
_DAY_MONTH_YEAR = re.compile(rf"({_DAY})\s+({_MONTH}),?\s+({_YEAR})", re.I)
_MONTH_YEAR = re.compile(rf"({_MONTH}),?\s+({_YEAR})", re.I)
_ISO_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SEASON_YEAR = re.compile(rf"({_SEASON}),?\s+({_YEAR})", re.I)
_UNDATED = re.compile(UNDATED_PATTERN, re.I)
_CIRCA_START = re.compile(rf"^{_CIRCA}", re.I)
_MONTH_DAYS_YEAR = re.compile(rf"({_MONTH})\s+({_DAY}){_RANGE_SEP}({_DAY}),?\s+({_YEAR})", re.I)
_DAYS_MONTH_YEAR = re.compile(rf"({_DAY}){_RANGE_SEP}({_DAY})\s+({_MONTH}),?\s+({_YEAR})", re.I)
_MONTHS_YEAR = re.compile(rf"({_MONTH}){_RANGE_SEP}({_MONTH}),?\s+({_YEAR})", re.I)
_YEARS = re.compile(rf"({_YEAR}){_RANGE_SEP}(\d{{2,4}})")
_RANGE_SPLIT = re.compile(rf"{_RANGE_SEP}(?={_CIRCA}?(?:{_MONTH}|{_DAY}\s|{_YEAR}))", re.I)


def _month(text: str) -> int:
    return MONTHS[
        text.lower().rstrip(".")[:4]
        if text.lower().startswith("sept")
        else text.lower().rstrip(".")[:3]
    ]


def parse_one(text: str) -> tuple[int, ...] | None:
    """Parse one date ("April 26, 1962", "26 April 1962", "March 1962", "1962-04") to parts."""
    t = text.strip().strip(",").strip()
    if not _ONE_RE.match(t):
        return None
    if m := _MONTH_DAY_YEAR.fullmatch(t):
        return (int(m[3]), _month(m[1]), int(m[2]))
    if m := _DAY_MONTH_YEAR.fullmatch(t):
        return (int(m[3]), _month(m[2]), int(m[1]))
    if m := _MONTH_YEAR.fullmatch(t):
        return (int(m[2]), _month(m[1]))
    if m := _ISO_DAY.fullmatch(t):
        parts = tuple(int(x) for x in m.groups() if x)
        return parts if _valid(parts) else None
    return None


def _valid(parts: tuple[int, ...]) -> bool:
    return (len(parts) < 2 or 1 <= parts[1] <= 12) and (len(parts) < 3 or 1 <= parts[2] <= 31)


def parse_date(text: str) -> Date | None:
    """Parse a date or range as written in a record; ``None`` if it is not a date.

    "undated" and "n.d." give a literal date; a trailing asterisk or "c." sets ``circa``.
    """
    t = " ".join(text.split()).rstrip(".,").strip()
    if t.startswith("[") and t.endswith("]"):
        t = t[1:-1].strip()  # a date the archive supplied in brackets is still the date
    if not t:
        return None
    if m := _SEASON_YEAR.fullmatch(t):
        return Date(parts=((int(m[2]),),), season=SEASONS[m[1].lower()])
    if _UNDATED.fullmatch(t):
        return None
    circa = False
    if t.endswith("*"):
        circa, t = True, t[:-1].strip()
    if m := _CIRCA_START.match(t):
        circa, t = True, t[m.end() :].strip()
    if parts := parse_one(t):
        return Date(parts=(parts,), circa=circa)
    # "May 1-3, 1962"
    if m := _MONTH_DAYS_YEAR.fullmatch(t):
        y, mo = int(m[4]), _month(m[1])
        return Date(parts=((y, mo, int(m[2])), (y, mo, int(m[3]))), circa=circa)
    # "1-3 May 1962"
    if m := _DAYS_MONTH_YEAR.fullmatch(t):
        y, mo = int(m[4]), _month(m[3])
        return Date(parts=((y, mo, int(m[1])), (y, mo, int(m[2]))), circa=circa)
    # "May-June 1962"
    if m := _MONTHS_YEAR.fullmatch(t):
        y = int(m[3])
        return Date(parts=((y, _month(m[1])), (y, _month(m[2]))), circa=circa)
    # "1955-56", "1955-1956"
    if m := _YEARS.fullmatch(t):
        start = int(m[1])
        end = int(m[2]) if len(m[2]) == 4 else start // 100 * 100 + int(m[2])
        if end > start:
            return Date(parts=((start,), (end,)), circa=circa)
    # "June 1955 - July 1955", "May 3, 1955 - June 4, 1955", "c. 1955 - c. 1956"
    pieces = _RANGE_SPLIT.split(t, maxsplit=1)
    if len(pieces) == 2:
        a = parse_one(_CIRCA_START.sub("", pieces[0]))
        b = parse_one(_CIRCA_START.sub("", pieces[1]))
        if a and b:
            return Date(parts=(a, b), circa=circa)
    return None


def parse_iso(text: str) -> Date | None:
    """Parse ISO 8601 / EDTF level-0/1 text ("1962-04-26", "1962-04", "1955/1956", "1962~")."""
    t = text.strip()
    circa = t.endswith(("~", "?", "%"))
    t = t.rstrip("~?%")
    pieces = t.split("/")
    parts = []
    for piece in pieces:
        m = re.fullmatch(r"(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", piece.strip())
        if not m:
            return None
        one = tuple(int(x) for x in m.groups() if x)
        if not _valid(one):
            return None
        parts.append(one)
    return Date(parts=tuple(parts), circa=circa) if parts else None


def parse_any(text: str) -> Date | None:
    """Parse a date in any form citekit knows (ISO/EDTF first, then written forms)."""
    return parse_iso(text) or parse_date(text)
