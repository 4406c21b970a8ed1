"""Citation shapes other than the Wilson Center's: series, catalogues, books, Omeka sites.

- A documentary series: "Foreign Relations of the United States, 1964–1968, Volume XIV,
  Soviet Union, Document 74. Moscow, November 5, 1964. Source: <holding archive>, <file>.
  Secret." (FRUS), "National Security Archive, Electronic Briefing Book No. 427, Document 05.
  Source: ..." (NSA). The series is the ``container-title``, the document number ``number``,
  the source note's first part the holding ``archive`` and the rest its ``archive_location``.
- A catalogue (the CIA reading room's CREST records): "Document Number (FOIA) /ESDN (CREST):
  CIA-RDP...  Document Page Count: 22 ... Publication Date: ...".
- A book the document is printed in: "<Title>, vol. 7 (Beijing: <publisher>, 1992), 362-364",
  or a "Source:" sentence followed by "Washington: Government Printing Office, 1942.":
  ``container-title``, ``volume``, ``publisher``, ``publisher-place`` and pages.
- An Omeka site's citation: "<Creator>, “<Title>,” <Site>, accessed <date>, <URL>."
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...dates import DATE_PATTERN
from ...names import is_body

_SERIES = re.compile(
    r"^(?P<container>(?!\")[^\"“”]+?),?\s+(?:Document|Doc\.)\s+(?P<number>\d+[A-Za-z]?)\s*[.,]\s*"
    r"(?P<rest>.*)$",
    re.I,
)
_PLACE_DATE = re.compile(
    rf"^(?:(?P<place>[A-Z][^.,:;]{{0,40}}?),\s*)?(?P<date>{DATE_PATTERN})\s*(?:\.\s*|$)", re.I
)
_CREST_KEYS = (
    "Document Type",
    "Collection",
    r"Document Number \(FOIA\)\s*/\s*ESDN \(CREST\)",
    "Release Decision",
    "Original Classification",
    "Document Page Count",
    "Document Creation Date",
    "Document Release Date",
    "Sequence Number",
    "Case Number",
    "Publication Date",
    "Content Type",
)
_CREST_KEY = re.compile(rf"(?:^|(?<=[\s.]))(?P<key>{'|'.join(_CREST_KEYS)})\s*:", re.I)
_IMPRINT = r"\((?P<place>[^():]+?):\s*(?P<publisher>[^()]+?),\s*(?P<year>1[5-9]\d\d|20\d\d)\)"
_BOOK = re.compile(
    r"^(?:in\s+)?(?P<container>[^()]+?)(?:,\s*vol(?:ume)?\.?\s*(?P<volume>[\w-]+))?\s*"
    + _IMPRINT
    + r"(?:,\s*(?:pp?\.\s*)?(?P<page>\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?))?\s*$"
)
# Where a book reference starts: after a sentence (not after "vol." or "ed.") or a ";".
_BOOK_START = re.compile(
    r"(?<!\bvol)(?<!\bno)(?<!\bed)(?<!\beds)(?<!\btrans)(?<![\s.][A-Z])\.\s+(?=[A-Z])|\s*;\s*"
)
_IMPRINT_SENTENCE = re.compile(
    r"^(?P<place>[A-Z][\w .,'-]{1,40}?):\s*(?P<publisher>[^,]+?),\s*(?P<year>1[5-9]\d\d|20\d\d)$"
)
_OMEKA = re.compile(
    rf"^(?:(?P<creator>[^\"“”]+?),\s*)?[\"“](?P<title>.+?),?[\"”]\s*,?\s*(?P<site>[^,]+?),\s*"
    rf"accessed\s+(?P<accessed>{DATE_PATTERN})\s*,?\s*\.?\s*$",
    re.I,
)


@dataclass
class Book:
    """A published book or series a document is printed in."""

    container: str
    container_author: str | None = None
    volume: str | None = None
    publisher: str | None = None
    place: str | None = None
    year: str | None = None
    page: str | None = None
    before: str = ""


@dataclass
class Series:
    """A documentary series reference: the container, the number, and the rest of the line."""

    container: str
    number: str
    place: str | None = None
    date_text: str | None = None
    rest: str = ""


@dataclass
class SourceNote:
    """What a "Source: ..." note says: a holding archive and file, or a book."""

    archive: str | None = None
    location: str | None = None
    book: Book | None = None
    rest: list[str] = field(default_factory=list)


_NSA_BRIEFING_BOOK = re.compile(
    r"^(?:The\s+)?(National Security Archive),\s*(Electronic Briefing Book)"
)


def parse_series(text: str) -> Series | None:
    """Read "<series>, Document N. [Place, Date.] rest" (FRUS, NSA briefing books)."""
    m = _SERIES.match(text)
    if not m or len(m["container"]) > 200:
        return None
    container = _NSA_BRIEFING_BOOK.sub(r"\1 \2", m["container"].strip(" ,."))
    number = m["number"].lstrip("0") or "0"
    series = Series(container, number, rest=m["rest"].strip())
    if pd := _PLACE_DATE.match(series.rest):
        series.place = pd["place"].strip() if pd["place"] else None
        series.date_text = pd["date"].strip()
        series.rest = series.rest[pd.end() :].strip()
    return series


#: What a catalogue's citation always holds, and what an Omeka citation does: a search for
#: it answers the other citations (most) at once, without the patterns' scan (a twentieth
#: of a record's reading). The same case rule as the patterns (``re.I``).
_CREST_NUMBER = re.compile("Document Number", re.I)
_OMEKA_ACCESSED = re.compile("accessed", re.I)


def parse_crest(text: str) -> dict[str, str] | None:
    """Read the CIA reading room's catalogue fields, or None if the text is not one."""
    if _CREST_NUMBER.search(text) is None:  # (the one key it must have: see below)
        return None
    keys = list(_CREST_KEY.finditer(text))
    if not any(k["key"].lower().startswith("document number") for k in keys):
        return None
    out: dict[str, str] = {}
    for i, k in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        value = text[k.end() : end].strip().rstrip(".").strip()
        name = "Document Number" if k["key"].lower().startswith("document number") else k["key"]
        if value:
            out[name] = value
    return out


_IMPRINT_AT = re.compile(r"\s*" + _IMPRINT)
_VOL_WORD = re.compile(r"^vol", re.I)
_DASH_SPACED = re.compile(r"\s*[-–]\s*")


def parse_book(text: str) -> Book | None:
    """Read a book reference with a Chicago imprint ("<title>, vol. 7 (Place: Pub, 1992), 3-4").

    A person's name before the title ("Veljko Mićunović, Moscow Diary (...)") is the book's
    author; anything before that is returned in ``before`` (a shelfmark, say).
    """
    m = _IMPRINT_AT.search(text)
    if not m:
        return None
    head = text[: m.start()]
    # The book starts after the last sentence or clause that is not part of it.
    parts = [p.strip() for p in _BOOK_START.split(head) if p.strip()]
    book_text = parts[-1] if parts else head
    before = " ".join(parts[:-1])
    bm = _BOOK.match(book_text.strip() + text[m.start() :].rstrip(" ."))
    if not bm:
        return None
    container = bm["container"].strip(" ,")
    author = None
    first, sep, after = container.partition(", ")
    if sep and _is_person(first) and after and not _VOL_WORD.match(after):
        author, container = first, after
    return Book(
        container=container,
        container_author=author,
        volume=bm["volume"],
        publisher=bm["publisher"].strip(),
        place=bm["place"].strip(),
        year=bm["year"],
        page=_DASH_SPACED.sub("-", bm["page"]) if bm["page"] else None,
        before=before.strip(" ,;"),
    )


def _is_person(text: str) -> bool:
    words = text.split()
    small = {"van", "von", "de", "der", "da", "di", "du", "le", "la"}
    return (
        2 <= len(words) <= 4
        and not is_body(text)
        and all(w[:1].isupper() or w in small for w in words)
        and not any(ch.isdigit() for ch in text)
    )


def parse_source_note(text: str) -> SourceNote:
    """Read a "Source: ..." note: a book, or "<holding archive>, <file>", then other sentences.

    Sentences after the first (classification, "Drafted by ...") come back in ``rest``.
    """
    from .credits import split_sentences

    sentences = split_sentences(text)
    note = SourceNote()
    if not sentences:
        return note
    first = sentences[0]
    rest = sentences[1:]
    book = parse_book(first)
    if book is None and rest and (imp := _IMPRINT_SENTENCE.match(rest[0])):
        book = Book(
            container=first,
            publisher=imp["publisher"].strip(),
            place=imp["place"].strip(),
            year=imp["year"],
        )
        rest = rest[1:]
    if book is not None:
        note.book = book
    else:
        archive, sep, location = first.partition(", ")
        note.archive = archive.strip()
        note.location = location.strip() if sep else None
    note.rest = rest
    return note


def parse_omeka(text: str) -> dict[str, str] | None:
    """Read an Omeka citation ("<Creator>, “<Title>,” <Site>, accessed <date>.")."""
    if _OMEKA_ACCESSED.search(text) is None:
        return None
    m = _OMEKA.match(text.strip())
    if not m:
        return None
    out = {k: v.strip() for k, v in m.groupdict().items() if v}
    return out
