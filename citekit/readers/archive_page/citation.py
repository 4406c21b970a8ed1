"""The citation paragraph, from the outside in: URL, title, date, publishing archive, the rest.

The rest is the shelfmark with its trailing pages, then credit sentences and notes; a
"Source:" note (FRUS, NSA) names the holding archive, a book reference with an imprint is a
container, never a shelfmark. A CREST catalogue, an Omeka citation and a documentary series
have shapes of their own (:mod:`.sources`).
"""

from __future__ import annotations

import re

from ...dates import DATE_PATTERN, UNDATED_PATTERN, parse_date
from ...names import parse_name
from . import sources
from .credits import CLAUSE, CREDIT_START, NOTE_START, parse_credits, split_sentences
from .parsed import ParsedCitation
from .text import squash
from .words import CIA_READING_ROOM, PUBLISHING_ARCHIVES

ARCHIVE_RE = re.compile(rf"(?:{'|'.join(p for p, _ in PUBLISHING_ARCHIVES)})", re.I)


_ARCHIVE_NAMES = [(re.compile(p, re.I), name) for p, name in PUBLISHING_ARCHIVES]


def _archive_name(matched: str) -> str:
    """The name to keep for a matched publishing archive (some have one canonical name)."""
    for rx, name in _ARCHIVE_NAMES:
        if rx.fullmatch(matched):
            return name or matched
    return matched


_PAGE = r"\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?"


_TRAILING_PAGES = re.compile(
    rf"^(?P<loc>.*?)(?:,\s*(?:(?:pp?\.|pages?)\s*)?|,?\s*(?:pp?\.|pages?)\s*)"
    rf"(?P<page>{_PAGE}(?:\s*,\s*{_PAGE})*)$",
    re.I,
)


PAGES_ONLY = re.compile(rf"^(?:(?:pp?\.|pages?)\s*)?(?P<page>{_PAGE}(?:\s*,\s*{_PAGE})*)$", re.I)


URL_ANGLE = re.compile(r"<(https?://[^>\s]+)>")


_URL_LINK = re.compile(r"\[[^\]]*\]\((https?://[^)\s]+)\)")


URL_BARE = re.compile(r"https?://[^\s<>\"]+")


_QUOTE_MARK = re.compile(r"[\"”“]")
_LEADING_COMMA_OPT = re.compile(r"^\s*,?\s*")
_LEADING_COMMA = re.compile(r"^\s*,")


def _find_title_end(text: str) -> tuple[str, str] | None:
    """Split ``"Title", rest`` at the quote that really closes the title.

    The first closing quote is not always the end: titles hold quotes of their own. The
    closing quote is the one followed by the date (or "undated") and a comma, better still
    by the publishing archive after that, or directly by the archive's name.
    """
    if not text or text[0] not in '"“”':
        return None
    best: tuple[int, int] | None = None
    date_then = re.compile(rf"^\s*,?\s*(?:{DATE_PATTERN}|{UNDATED_PATTERN})\s*[,.]\s*", re.I)
    for m in _QUOTE_MARK.finditer(text[1:]):
        j = m.start() + 1
        rest = text[j + 1 :]
        score = 0
        if d := date_then.match(rest):
            score = 3 if ARCHIVE_RE.match(rest[d.end() :]) else 2
        elif _LEADING_COMMA_OPT.match(rest) and ARCHIVE_RE.match(rest.lstrip(" ,")):
            score = 2
        elif _LEADING_COMMA.match(rest):
            score = 1
        if score and (best is None or score > best[0]):
            best = (score, j)
            if score == 3:
                break
    if best is None:
        return None
    j = best[1]
    return text[1:j], text[j + 1 :]


def _find_unquoted_title(text: str, *, with_archive: bool = False) -> tuple[str, str] | None:
    """Split ``Title, <date>, <archive>, ...`` when the title is not in quotes.

    The title ends at the first comma followed by a date and a comma, best of all by the
    publishing archive after that (``with_archive``: only there).
    """
    date_then = re.compile(rf",\s*(?:{DATE_PATTERN}|{UNDATED_PATTERN})\s*,\s*", re.I)
    found = [(m, bool(ARCHIVE_RE.match(text[m.end() :]))) for m in date_then.finditer(text)]
    fallback = None if with_archive or not found else found[0][0]
    best = next((m for m, archive in found if archive), fallback)
    if best is None or best.start() == 0:
        return None
    return text[: best.start()], text[best.start() + 1 :]


_TRAILING_COMMA = re.compile(r"\s*,$")


def _clean_title(title: str) -> str:
    title = squash(title)
    title = _TRAILING_COMMA.sub("", title)  # older form: the comma inside the quotes
    return title.strip()


_SPACE_BEFORE_COMMA = re.compile(r"\s+,")
_LEADING_DATE = re.compile(rf"^(?P<date>{DATE_PATTERN}|{UNDATED_PATTERN})\s*(?:[,.]\s*|$)", re.I)
_NSA_NAME = re.compile(r"(?:The )?National Security Archive")
_IN_WORD = re.compile(r"^in\s")


def parse_citation(text: str) -> ParsedCitation:
    """Parse one citation paragraph (already joined into one line)."""
    out = ParsedCitation()
    url_match = URL_ANGLE.search(text) or _URL_LINK.search(text)
    if url_match is None:
        bare = list(URL_BARE.finditer(text))
        url_match = bare[-1] if bare else None
    if url_match:
        out.url = url_match.group(1) if url_match.re is not URL_BARE else url_match.group(0)
        out.url = out.url.rstrip(".,;)") if url_match.re is URL_BARE else out.url
        text = (text[: url_match.start()] + " " + text[url_match.end() :]).strip()
    text = _SPACE_BEFORE_COMMA.sub(",", squash(text))
    if (crest := sources.parse_crest(text)) is not None:
        _read_crest(crest, out)
        return out
    if (omeka := sources.parse_omeka(text)) is not None:
        out.title = _clean_title(omeka["title"])
        out.creator = omeka.get("creator")
        out.archive, out.archive_known = omeka["site"], True
        out.accessed = parse_date(omeka["accessed"])
        return out

    # A quoted title, or an unquoted one before a date and a known archive, comes first; then
    # a series reference ("Foreign Relations of the United States, ..., Document 74.").
    split = _find_title_end(text) or _find_unquoted_title(text, with_archive=True)
    series = None if split else sources.parse_series(text)
    if split is None and series is None:
        split = _find_unquoted_title(text)
    if split:
        title, rest = split
        out.title = _clean_title(title)
    elif series:
        out.csl["container-title"], out.csl["number"] = series.container, series.number
        out.published = out.archive_known = True
        if series.date_text:
            out.date_text, out.date = series.date_text, parse_date(series.date_text)
        if series.place:
            out.extra["Place"] = series.place
        _parse_body(series.rest, out)
        return out
    else:
        rest = text
    rest = rest.lstrip(" ,")
    dm = _LEADING_DATE.match(rest)
    if dm:
        out.date_text = dm["date"].strip()
        out.date = parse_date(out.date_text)
        rest = rest[dm.end() :]
    am = ARCHIVE_RE.match(rest)
    if am:
        out.archive, out.archive_known = _archive_name(am.group(0).strip()), True
        rest = rest[am.end() :].lstrip(" ,.")
        # "National Security Archive, Electronic Briefing Book No. 298, Document 10."
        nsa = _NSA_NAME.match(out.archive)
        series = sources.parse_series(f"{out.archive}, {rest}") if nsa else None
        if series and series.container != out.archive:
            out.archive = None
            out.csl["container-title"], out.csl["number"] = series.container, series.number
            out.published = True
            rest = series.rest
    elif rest and not _IN_WORD.match(rest):
        first, sep, remainder = rest.partition(",")
        if sep and not CREDIT_START.match(first):
            out.archive = first.strip()
            rest = remainder.strip()
    _parse_body(rest, out)
    return out


def _read_crest(fields: dict[str, str], out: ParsedCitation) -> None:
    """Fill a parsed citation from the CIA reading room's catalogue fields."""
    out.archive, out.archive_known = CIA_READING_ROOM, True
    out.location = fields.pop("Document Number", None)
    if count := fields.pop("Document Page Count", None):
        out.csl["number-of-pages"] = count
    if published := fields.pop("Publication Date", None):
        out.date_text, out.date = published, parse_date(published)
    if released := fields.pop("Document Release Date", None):
        out.extra["Release Date"] = released
    out.extra.update(fields)


_SOURCE_NOTE = re.compile(r"(?:^|(?<=[.;,])\s*)Source:\s*", re.I)


_PAGE_COUNT = re.compile(r"^(?P<loc>.*?),?\s*(?P<count>\d+)\s*(?:pp|pages)\.?$", re.I)


_YEARS = re.compile(r"^(?:1[89]\d\d|20[0-3]\d)(?:\s*[-–]\s*(?:1[89]\d\d|20[0-3]\d))?$")


_PAGE_WORD_END = re.compile(r"(?:pp?\.|pages?)\s*$")


def _parse_body(text: str, out: ParsedCitation) -> None:
    """Split what follows the archive into shelfmark, pages, credits and notes.

    A "Source: ..." note names the holding archive and file of a series document, or the
    book it is printed in; a book reference with an imprint is never a shelfmark.
    """
    text = text.strip()
    if sm := _SOURCE_NOTE.search(text):
        _read_source_note(text[sm.end() :], out)
        text = text[: sm.start()].strip(" ,;")
    cut = len(text)
    for rx in (CREDIT_START, NOTE_START):
        for m in rx.finditer(text):
            if m.start() < cut and (m.start() == 0 or text[: m.start()].rstrip()[-1:] in ".,;"):
                cut = m.start()
                break
    location, trailer = text[:cut].strip().rstrip(",;. "), text[cut:].strip()
    leftovers: list[str] = []
    for sentence in split_sentences(trailer):
        if NOTE_START.match(sentence) and not CLAUSE.search(sentence):
            out.notes.append(sentence.rstrip())
            continue
        leftover = parse_credits(sentence, out)
        if leftover:
            leftovers.append(leftover)
    for left in leftovers:
        pm = PAGES_ONLY.match(left)
        if pm and out.page is None and not _TRAILING_PAGES.match(location):
            out.page = _normalise_pages(pm["page"])
        elif left:
            out.notes.append(left)
    if location and (pc := _PAGE_COUNT.match(location)):
        location, out.csl["number-of-pages"] = pc["loc"].strip(" ,"), pc["count"]
    if location:
        pm = _TRAILING_PAGES.match(location)
        marked = bool(pm and _PAGE_WORD_END.search(location[: pm.start("page")]))
        if pm and not marked and _YEARS.match(pm["page"].strip()):
            pm = None  # "..., 1977-1978": the file's years, not pages
        if pm and out.page is None and pm["loc"].strip():
            location, out.page = pm["loc"].strip().rstrip(","), _normalise_pages(pm["page"])
        elif (
            (pm2 := PAGES_ONLY.match(location)) and out.page is None and not _YEARS.match(location)
        ):
            location, out.page = "", _normalise_pages(pm2["page"])
    if location and (book := sources.parse_book(location)):
        _use_book(book, out)
        location = book.before
    out.location = location or out.location or None


def _use_book(book: sources.Book, out: ParsedCitation) -> None:
    """A document printed in a book: container-title, volume, publisher, place and pages."""
    out.published = True
    out.csl["container-title"] = book.container
    for key, value in (
        ("volume", book.volume),
        ("publisher", book.publisher),
        ("publisher-place", book.place),
    ):
        if value:
            out.csl[key] = value
    if book.container_author:
        out.csl["container-author"] = [parse_name(book.container_author).to_csl_json()]
    if book.year:
        out.extra["Container Published"] = book.year
    if book.page and out.page is None:
        out.page = book.page


def _read_source_note(text: str, out: ParsedCitation) -> None:
    """Read a "Source: ..." note into the holding archive and file, or a book."""
    note = sources.parse_source_note(text)
    if note.book is not None:
        _use_book(note.book, out)
    elif out.archive is None:
        out.archive, out.location = note.archive, note.location
        out.archive_known = True
    else:
        out.notes.append(f"Source: {text.strip()}")
        return
    for sentence in note.rest:
        left = parse_credits(sentence, out)
        if left and (pm := PAGES_ONLY.match(left)) and out.page is None:
            out.page = _normalise_pages(pm["page"])
        elif left:
            out.notes.append(left)


_DASH_SPACED = re.compile(r"\s*[-–]\s*")
_COMMA_SPACED = re.compile(r"\s*,\s*")


def _normalise_pages(page: str) -> str:
    return _DASH_SPACED.sub("-", _COMMA_SPACED.sub(", ", page.strip()))
