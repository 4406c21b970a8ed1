"""Reader for archive-page records: the plain-text export of a digital archive's document page.

Layout (see ``documents/000_97e68d44f543b168.txt``)::

    **April 26, 1962**                      <- header: the date, then the title (bold)
    **Reporting the Contents of ...**
    **Citation:**                           <- labelled sections
    "Title", April 26, 1962, Wilson Center Digital Archive, PRC FMA 118-01154-07, 11-12.
    Translated by Charles Kraus.
    <https://.../document/118188>
    **Summary:** ...  **Credits:** ...  **Original Language:** ...  **Contents:** ...

The citation paragraph carries most facts in one sentence::

    "Title", <date>, <publishing archive>, <holding archive's identifier>, <pages>. <credits>

Parsing goes from the outside in: the URL, then the title (the closing quote that is
followed by a date or the archive's name, not merely the first quote), the date, the
publishing archive, then the credit sentences ("Translated by ...", "Obtained by X and
translated by Y"), and what is left is the shelfmark with its trailing pages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..dates import DATE_PATTERN, UNDATED_PATTERN, parse_date
from ..errors import Diagnostic, RecordError
from ..languages import language_code, language_name
from ..model import Contributor, Date, Fact, Item, Name, join_names
from ..names import is_body, parse_name, split_names
from ..textio import TextFile
from . import archive_page_issuer as issuer
from . import archive_page_sources as sources
from .archive_page_words import CIA_READING_ROOM, PUBLISHING_ARCHIVES

FORMAT_ID = "archive-page"

KNOWN_SECTIONS = {
    "citation": "citation",
    "summary": "summary",
    "abstract": "summary",
    "description": "summary",
    "credits": "credits",
    "credit": "credits",
    "original language": "original_language",
    "original languages": "original_language",
    "language": "original_language",
    "contents": "contents",
    "content": "contents",
}

_ARCHIVE_RE = re.compile(rf"(?:{'|'.join(p for p, _ in PUBLISHING_ARCHIVES)})", re.I)
_ARCHIVE_NAMES = [(re.compile(p, re.I), name) for p, name in PUBLISHING_ARCHIVES]


def _archive_name(matched: str) -> str:
    """The name to keep for a matched publishing archive (some have one canonical name)."""
    for rx, name in _ARCHIVE_NAMES:
        if rx.fullmatch(matched):
            return name or matched
    return matched


_VERB = (
    r"(?:obtained|translated|translation|translations|contributed|donated|provided|edited|"
    r"annotated|transcribed|introduced|selected|compiled|prepared|transliterated)"
)
# Where the credit sentences begin, after the shelfmark.
_CREDIT_START = re.compile(
    rf"(?:^|(?<=[.,;])\s*|\s+)(?=(?:(?:English|Russian|Chinese)\s+)?{_VERB}\b)", re.I
)
_NOTE_START = re.compile(
    r"(?:^|(?<=[.;])\s+)(?=(?:Published|Also available|Originally published|Reprinted|"
    r"Previously published|See also|Document (?:published|reproduced)|Copy|Courtesy)\b)",
    re.I,
)
_CLAUSE = re.compile(
    rf"(?P<verbs>{_VERB}(?:\s*(?:,|and|&)\s*{_VERB})*)"
    r"(?P<mid>(?:\s+(?:for|from|into|in|with|at)\s+(?:(?!\bby\b)[^.;])*?)?)"
    r"\s+by\s+(?P<names>.+?)"
    rf"(?=\s*(?:;|(?<![\s.][A-Z])\.(?:\s|$)|,?\s+and\s+(?:{_VERB}|the\s+{_VERB})\b"
    rf"|,\s*{_VERB}\b|$))",
    re.I,
)
_PAGE = r"\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?"
_TRAILING_PAGES = re.compile(
    rf"^(?P<loc>.*?)(?:,\s*(?:(?:pp?\.|pages?)\s*)?|,?\s*(?:pp?\.|pages?)\s*)"
    rf"(?P<page>{_PAGE}(?:\s*,\s*{_PAGE})*)$",
    re.I,
)
_PAGES_ONLY = re.compile(rf"^(?:(?:pp?\.|pages?)\s*)?(?P<page>{_PAGE}(?:\s*,\s*{_PAGE})*)$", re.I)
_IMPRINT = re.compile(r"\([^()]*:[^()]*,\s*(?:1[89]|20)\d\d\)")
_URL_ANGLE = re.compile(r"<(https?://[^>\s]+)>")
_URL_LINK = re.compile(r"\[[^\]]*\]\((https?://[^)\s]+)\)")
_URL_BARE = re.compile(r"https?://[^\s<>\"]+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>\"'|~])")
_SECTION_LINE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?P<open>\*\*|__)?\s*(?P<label>[A-Za-z][A-Za-z &/'()-]{0,48}?)\s*:\s*"
    r"(?P<close>\*\*|__)?\s*(?P<rest>.*?)\s*$"
)
# Words and titles that make a "from X" phrase more than a plain name.
_NAME_TOKEN = re.compile(
    r"^(?:[^\W\d_a-z][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\.?|(?:[^\W\d_]{1,2}\.){1,3}|"
    r"van|von|de|der|da|di|du|le|la|bin|al-\w+)$"
)


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Parsed:
    """What the citation paragraph gave, with the line each part came from."""

    title: str | None = None
    date: Date | None = None
    date_text: str | None = None
    archive: str | None = None
    location: str | None = None
    page: str | None = None
    url: str | None = None
    translators: list[str] = field(default_factory=list)
    contributors: list[tuple[str, str, str | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_language: str | None = None
    lines: dict[str, int] = field(default_factory=dict)
    #: CSL variables beyond the typed ones (container-title, number, publisher, ...).
    csl: dict[str, Any] = field(default_factory=dict)
    #: Facts with no CSL variable (a CREST record's catalogue fields), kept in ``extra``.
    extra: dict[str, str] = field(default_factory=dict)
    creator: str | None = None
    accessed: Date | None = None
    #: The publishing archive is one citekit knows (else: the Wilson Center's shape, guessed).
    archive_known: bool = False
    #: The citation is a documentary series, a catalogue or a book: a published document.
    published: bool = False


def detect(text: str) -> bool:
    """Say whether ``text`` looks like an archive-page record."""
    head = text[:20000]
    return bool(
        re.search(r"^\s*(?:\*\*|__|#+\s*)?\s*Citation\s*:", head, re.I | re.M)
        or (
            re.search(r"^\s*\*\*[^*\n]+", head.lstrip(), re.M)
            and re.search(
                r"^\s*\*\*\s*(?:Summary|Credits|Contents|Original Language)\s*:", head, re.I | re.M
            )
        )
    )


_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")


def unescape_markdown(text: str) -> str:
    """Undo Markdown backslash escapes and bold/italic markers around whole phrases."""
    if "\\" in text:  # most lines have neither: skip the substitutions (extraction speed)
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_BOLD.sub(r"\2", text)
    return text


_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def _clean_line(text: str) -> str:
    """A record line as the parser compares it (cached: every fact looks its line up)."""
    return _squash(unescape_markdown(text))


def split_sections(
    lines: list[_Line],
) -> tuple[list[_Line], dict[str, list[_Line]], list[tuple[str, list[_Line]]]]:
    """Split a record into header lines, known sections and unknown sections.

    A section starts at a label line (``**Citation:**``, ``Citation:``, ``## Citation``).
    Inside Contents (the document's own text, which has lines like "To: Urumqi"), only a bold
    known label starts a new section.
    """
    header: list[_Line] = []
    known: dict[str, list[_Line]] = {}
    unknown: list[tuple[str, list[_Line]]] = []
    current: list[_Line] = header
    in_contents = False
    for line in lines:
        m = _SECTION_LINE.match(line.text)
        if m:
            label = _squash(m["label"]).lower()
            is_known = label in KNOWN_SECTIONS
            # "**Memorandum for the Director: Soviet Forces**" is a bold title with a colon,
            # not a section: an unknown label starts one only when the bold closes at its colon.
            bold = bool(m["open"] and (m["close"] or (is_known and m["rest"].endswith(m["open"]))))
            label_only = not m["rest"] or bold
            starts = (
                (bold and (is_known or not in_contents))
                or (is_known and not m["rest"] and not in_contents)
                or (line.text.lstrip().startswith("#") and is_known)
            ) and label_only
            if in_contents and (not bold or not is_known or KNOWN_SECTIONS[label] == "contents"):
                starts = False
            if starts:
                rest = m["rest"]
                if m["open"] and not m["close"] and rest.endswith(m["open"]):
                    rest = rest[: -len(m["open"])]
                current = []
                if is_known:
                    key = KNOWN_SECTIONS[label]
                    if key in known:  # a repeated section: keep the first, append the rest
                        current = known[key]
                    known[key] = current
                    in_contents = key == "contents"
                else:
                    unknown.append((_squash(m["label"]), current))
                if rest.strip():
                    current.append(_Line(line.number, rest))
                continue
        current.append(line)
    return header, known, unknown


def _paragraph(lines: list[_Line]) -> tuple[str, int | None]:
    text = _squash(" ".join(unescape_markdown(ln.text) for ln in lines if ln.text.strip()))
    first = next((ln.number for ln in lines if ln.text.strip()), None)
    return text, first


def _paragraphs(lines: list[_Line]) -> str:
    blocks: list[list[str]] = [[]]
    for ln in lines:
        if ln.text.strip():
            blocks[-1].append(unescape_markdown(ln.text).strip())
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join(_squash(" ".join(b)) for b in blocks if b)


def _line_of(lines: list[_Line], needle: str) -> int | None:
    """Find the first line whose text contains the start of ``needle``."""
    probe = _squash(needle)[:40]
    for ln in lines:
        if probe and probe in _clean_line(ln.text):
            return ln.number
    words = probe.split()[:3]
    for ln in lines:
        if words and " ".join(words) in _clean_line(ln.text):
            return ln.number
    return lines[0].number if lines else None


def parse_header(lines: list[_Line]) -> tuple[str | None, Date | None, str | None, int | None]:
    """Read the header: (title, date, date text, title line).

    The date and title are bold lines; a title that is a Markdown heading or plain text
    under a bold date is still the title.
    """
    text = "\n".join(ln.text for ln in lines)
    bold = [(_squash(unescape_markdown(c)), c) for c in re.findall(r"\*\*(.+?)\*\*", text, re.S)]
    plain = [
        (_squash(unescape_markdown(ln.text.strip().lstrip("# "))), ln.text)
        for ln in lines
        if ln.text.strip() and "**" not in ln.text
    ]
    date: Date | None = None
    date_text: str | None = None
    title_parts: list[str] = []
    title_raw: str | None = None
    for chunks in (bold, plain) if bold else (plain,):
        for clean, raw in chunks:
            if not clean:
                continue
            if date is None and re.fullmatch(rf"{DATE_PATTERN}|{UNDATED_PATTERN}", clean, re.I):
                date, date_text = parse_date(clean), clean
                continue
            if title_raw is None:
                title_raw = raw
            title_parts.append(clean)
        if title_parts:
            break
    title = _squash(" ".join(title_parts)) or None
    title_line = _line_of(lines, title_raw.splitlines()[0]) if title_raw else None
    return title, date, date_text, title_line


def _strip_number(title: str, number: str | None) -> str:
    """Drop a series' document number the page prints before the title ("74. ", "Document 05: ")."""
    m = re.match(r"^(?:Document\s+(?P<a>\d+)[A-Za-z]?:|(?P<b>\d+)\.)\s+(?=\S)", title)
    if m and number and number.isdigit() and int(m["a"] or m["b"]) == int(number):
        return title[m.end() :]
    return title


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
    for m in re.finditer(r"[\"”“]", text[1:]):
        j = m.start() + 1
        rest = text[j + 1 :]
        score = 0
        if d := date_then.match(rest):
            score = 3 if _ARCHIVE_RE.match(rest[d.end() :]) else 2
        elif re.match(r"^\s*,?\s*", rest) and _ARCHIVE_RE.match(rest.lstrip(" ,")):
            score = 2
        elif re.match(r"^\s*,", rest):
            score = 1
        if score and (best is None or score > best[0]):
            best = (score, j)
            if score == 3:
                break
    if best is None:
        return None
    j = best[1]
    return text[1:j], text[j + 1 :]


def _find_unquoted_title(text: str) -> tuple[str, str] | None:
    """Split ``Title, <date>, <archive>, ...`` when the title is not in quotes.

    The title ends at the first comma followed by a date and a comma, best of all by the
    publishing archive after that.
    """
    date_then = re.compile(rf",\s*(?:{DATE_PATTERN}|{UNDATED_PATTERN})\s*,\s*", re.I)
    found = [(m, bool(_ARCHIVE_RE.match(text[m.end() :]))) for m in date_then.finditer(text)]
    best = next((m for m, archive in found if archive), found[0][0] if found else None)
    if best is None or best.start() == 0:
        return None
    return text[: best.start()], text[best.start() + 1 :]


def _clean_title(title: str) -> str:
    title = _squash(title)
    title = re.sub(r"\s*,$", "", title)  # older form: the comma inside the quotes
    return title.strip()


def parse_citation(text: str) -> _Parsed:
    """Parse one citation paragraph (already joined into one line)."""
    out = _Parsed()
    url_match = _URL_ANGLE.search(text) or _URL_LINK.search(text)
    if url_match is None:
        bare = list(_URL_BARE.finditer(text))
        url_match = bare[-1] if bare else None
    if url_match:
        out.url = url_match.group(1) if url_match.re is not _URL_BARE else url_match.group(0)
        out.url = out.url.rstrip(".,;)") if url_match.re is _URL_BARE else out.url
        text = (text[: url_match.start()] + " " + text[url_match.end() :]).strip()
    text = re.sub(r"\s+,", ",", _squash(text))
    if (crest := sources.parse_crest(text)) is not None:
        _read_crest(crest, out)
        return out
    if (omeka := sources.parse_omeka(text)) is not None:
        out.title = _clean_title(omeka["title"])
        out.creator = omeka.get("creator")
        out.archive, out.archive_known = omeka["site"], True
        out.accessed = parse_date(omeka["accessed"])
        return out

    split = _find_title_end(text)
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
    dm = re.match(rf"^(?P<date>{DATE_PATTERN}|{UNDATED_PATTERN})\s*(?:[,.]\s*|$)", rest, re.I)
    if dm:
        out.date_text = dm["date"].strip()
        out.date = parse_date(out.date_text)
        rest = rest[dm.end() :]
    am = _ARCHIVE_RE.match(rest)
    if am:
        out.archive, out.archive_known = _archive_name(am.group(0).strip()), True
        rest = rest[am.end() :].lstrip(" ,.")
        series = sources.parse_series(f"{out.archive}, {rest}")
        if series and series.container != out.archive:  # "National Security Archive, EBB 5, ..."
            out.archive = None
            out.csl["container-title"], out.csl["number"] = series.container, series.number
            out.published = True
            rest = series.rest
    elif rest and not re.match(r"^in\s", rest):
        first, sep, remainder = rest.partition(",")
        if sep and not _CREDIT_START.match(first):
            out.archive = first.strip()
            rest = remainder.strip()
    _parse_body(rest, out)
    return out


def _read_crest(fields: dict[str, str], out: _Parsed) -> None:
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


def _parse_body(text: str, out: _Parsed) -> None:
    """Split what follows the archive into shelfmark, pages, credits and notes.

    A "Source: ..." note names the holding archive and file of a series document, or the
    book it is printed in; a book reference with an imprint is never a shelfmark.
    """
    text = text.strip()
    if sm := _SOURCE_NOTE.search(text):
        _read_source_note(text[sm.end() :], out)
        text = text[: sm.start()].strip(" ,;")
    cut = len(text)
    for rx in (_CREDIT_START, _NOTE_START):
        for m in rx.finditer(text):
            if m.start() < cut and (m.start() == 0 or text[: m.start()].rstrip()[-1:] in ".,;"):
                cut = m.start()
                break
    location, trailer = text[:cut].strip().rstrip(",;. "), text[cut:].strip()
    leftovers: list[str] = []
    for sentence in split_sentences(trailer):
        if _NOTE_START.match(sentence) and not _CLAUSE.search(sentence):
            out.notes.append(sentence.rstrip())
            continue
        leftover = _parse_credits(sentence, out)
        if leftover:
            leftovers.append(leftover)
    for left in leftovers:
        pm = _PAGES_ONLY.match(left)
        if pm and out.page is None and not _TRAILING_PAGES.match(location):
            out.page = _normalise_pages(pm["page"])
        elif left:
            out.notes.append(left)
    if location and (pc := _PAGE_COUNT.match(location)):
        location, out.csl["number-of-pages"] = pc["loc"].strip(" ,"), pc["count"]
    if location:
        pm = _TRAILING_PAGES.match(location)
        marked = bool(pm and re.search(r"(?:pp?\.|pages?)\s*$", location[: pm.start("page")]))
        if pm and not marked and _YEARS.match(pm["page"].strip()):
            pm = None  # "..., 1977-1978": the file's years, not pages
        if pm and out.page is None and pm["loc"].strip():
            location, out.page = pm["loc"].strip().rstrip(","), _normalise_pages(pm["page"])
        elif (
            (pm2 := _PAGES_ONLY.match(location)) and out.page is None and not _YEARS.match(location)
        ):
            location, out.page = "", _normalise_pages(pm2["page"])
    if location and (book := sources.parse_book(location)):
        _use_book(book, out)
        location = book.before
    out.location = location or out.location or None


def _use_book(book: sources.Book, out: _Parsed) -> None:
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


def _read_source_note(text: str, out: _Parsed) -> None:
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
        left = _parse_credits(sentence, out)
        if left and (pm := _PAGES_ONLY.match(left)) and out.page is None:
            out.page = _normalise_pages(pm["page"])
        elif left:
            out.notes.append(left)


def _normalise_pages(page: str) -> str:
    return re.sub(r"\s*[-–]\s*", "-", re.sub(r"\s*,\s*", ", ", page.strip()))


def split_sentences(text: str) -> list[str]:
    """Split credit text into sentences, not at initials ("Mark H. Doctoroff")."""
    parts = re.split(r"(?<![\s.][A-Z])(?<!\b(?:Jr|Sr|St|Dr|Mr|Ms))\.\s+(?=[A-Z(])", text)
    return [p.strip().rstrip(".").strip() for p in parts if p.strip(" .")]


_AFFILIATION = re.compile(r"\s*[\[(][^\[\]()]*[\])]")


def _parse_credits(sentence: str, out: _Parsed) -> str:
    """Take the credit clauses out of one sentence; return what no clause explained."""
    consumed: list[tuple[int, int]] = []
    for m in _CLAUSE.finditer(sentence):
        verbs = m["verbs"].lower()
        mid = _squash(m["mid"] or "")
        names_text = m["names"]
        # A name list ends where a book reference or pages go on: ", (Beijing: ...", ", 123-5".
        tail = ""
        stop = re.search(r",\s*(?=\d|\(|pp?\.|in\s|vol\.)", names_text)
        if stop:
            names_text, tail = names_text[: stop.start()], names_text[stop.end() :]
        # "by X for CWIHP", "by X with the assistance of Y": the names end at the connector;
        # a "with ..." phrase is kept as a note, a "for <project>" is only a credit.
        extra = re.search(r"\s+(?=(?:for|with|under)\s)", names_text)
        if extra:
            phrase = names_text[extra.end() :].strip()
            names_text = names_text[: extra.start()]
            if re.search(r"(?:^|\s)with\s", phrase):
                out.notes.append(f"{verbs} by {names_text.strip()} {phrase}")
        # "Sergey Radchenko [Cardiff University]": the institution is not part of the name;
        # the clause as written is kept as a note.
        if _AFFILIATION.search(names_text):
            out.notes.append(f"{verbs} by {_squash(names_text)}")
            names_text = _AFFILIATION.sub("", names_text)
        names = [n for n in split_names(names_text) if n]
        lang = re.search(r"\bfrom\s+([A-Z][a-z]+)", mid)
        if lang and language_code(lang.group(1)):
            out.source_language = lang.group(1)
        detail = re.sub(r"\bfrom\s+[A-Z][a-z]+\s*", "", mid).strip() or None
        for verb in re.findall(_VERB, verbs, re.I):
            v = verb.lower()
            if v.startswith("translat"):
                for n in names:
                    if n not in out.translators:
                        out.translators.append(n)
            else:
                out.contributors.extend((n, v, detail) for n in names)
        consumed.append((m.start(), m.end() - len(tail)))
    if not consumed:
        return sentence.strip(" ,;.")
    pieces, last = [], 0
    for a, b in consumed:
        pieces.append(sentence[last:a])
        last = b
    pieces.append(sentence[last:])
    left = _squash(" ".join(pieces)).strip(" ,;.")
    left = re.sub(r"^(?:and|,)\s*", "", left)
    return left


def _funders(text: str) -> list[str]:
    """Read the funders out of the Credits section, in any of its wordings."""
    text = _squash(text).rstrip(".")
    m = re.search(
        r"(?:support(?:ed)?\s+(?:from|by)|funded\s+by|funding\s+from|grant(?:s)?\s+from|"
        r"made possible by|thanks to|courtesy of|sponsored by|generosity of)\s+(?P<who>.+)$",
        text,
        re.I,
    )
    who = m["who"] if m else text
    who = re.sub(r"^(?:the\s+)?generous\s+support\s+of\s+", "", who, flags=re.I)
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s*;\s*|\s+and\s+(?=(?:the\s+)?[A-Z])", who)
    out = []
    for p in parts:
        p = re.sub(r"^(?:the|a|an)\s+", "", p.strip(), flags=re.I).strip(" .")
        if p:
            out.append(p[0].upper() + p[1:])
    return out


def _signatory(contents: list[_Line]) -> tuple[Name, int] | None:
    """Find the signing person or body at the end of the document's text."""
    body = [ln for ln in contents if ln.text.strip()]
    tail = body[-3:]
    for ln in reversed(tail):
        t = _squash(unescape_markdown(ln.text)).strip(" *_")
        if not t or re.fullmatch(rf"{DATE_PATTERN}|\[.*\]|\(.*\)", t, re.I):
            continue
        t = re.sub(r"^\[?(?:signed|signature)\]?:?\s*", "", t, flags=re.I)
        if len(t) > 80 or t.endswith((".", ":", ";", "?", "!")) or len(t.split()) > 8:
            return None
        if is_body(t):
            return Name(literal=re.sub(r"^the\s+", "", t, flags=re.I)), ln.number
        tokens = t.split()
        if 2 <= len(tokens) <= 4 and all(_NAME_TOKEN.match(tok) for tok in tokens):
            return parse_name(t), ln.number
        return None
    return None


def _capitalised(word: str) -> bool:
    w = word.strip("“”\"'‘’([")
    return bool(w[:1].isupper())


def short_title(title: str) -> str | None:
    """Shorten a title to at most four words, as Chicago asks for short notes (CMOS 14.30).

    Returns None when the title is already four words or fewer. Cuts at a colon when the
    main title is short, and never ends on an article or preposition.
    """
    words = title.split()
    if len(words) <= 4:
        return None
    main = re.split(r":\s", title, maxsplit=1)[0]
    if len(main.split()) <= 4:
        return main.strip()
    stop = {
        "a",
        "an",
        "the",
        "of",
        "on",
        "to",
        "and",
        "in",
        "for",
        "from",
        "by",
        "with",
        "at",
        "regarding",
        "concerning",
        "about",
        "between",
        "&",
        "-",
        "–",
    }
    short = words[:4]
    # Do not cut a name in two ("Letter from Kim Il | Sung"): finish a capitalised run.
    n = 4
    while (
        n < len(words)
        and n < 6
        and _capitalised(words[n - 1])
        and not words[n - 1].endswith((",", ";", ":"))
        and _capitalised(words[n])
    ):
        n += 1
    if n > 4:
        short = words[:n]
    while short and short[-1].lower().strip(",;:") in stop:
        short.pop()
    text = " ".join(short).rstrip(",;:")
    # Do not leave a quotation or bracket open.
    for o, c in (("“", "”"), ("(", ")"), ("[", "]")):
        if text.count(o) > text.count(c):
            text = text[: text.rindex(o)].rstrip(" ,;:")
    if text.count('"') % 2 or (text.count("'") % 2 and " '" in text):
        text = re.split(r"\s[\"']", text)[0]
    return text or None


def read(tf: TextFile, *, item_id: str) -> tuple[Item, list[Diagnostic]]:
    """Read one archive-page record into an :class:`Item`.

    Raises:
        RecordError: neither the citation nor the header gives a title.
    """
    src = tf.name
    diags: list[Diagnostic] = list(tf.diagnostics)
    lines = [_Line(i, t) for i, t in enumerate(tf.text.split("\n"), start=1)]
    header, sections, unknown = split_sections(lines)
    h_title, h_date, h_date_text, h_title_line = parse_header(header)
    facts: list[Fact] = []

    def fact(name: str, line: int | None, text: str) -> None:
        facts.append(Fact(name, line, text))

    cit_lines = sections.get("citation", [])
    citation_text, cit_line = _paragraph(cit_lines)
    parsed = parse_citation(citation_text) if citation_text else _Parsed()
    if not cit_lines:
        diags.append(
            Diagnostic("warning", "no-citation", "no Citation section: using the header", src, None)
        )

    def cline(value: str | None) -> int | None:
        return _line_of(cit_lines, value) if value else cit_line

    if h_title:
        h_title = _strip_number(h_title, parsed.csl.get("number"))
    title = parsed.title or h_title
    if not title:
        raise RecordError(
            "no title in the Citation section or the header",
            source=src,
            line=cit_line,
            hint="is this an archive record? a record starts with a bold date and title",
        )
    fact("title", cline(parsed.title) if parsed.title else h_title_line, title)
    if parsed.title and h_title and _squash(parsed.title) != _squash(h_title):
        fact("header-title", h_title_line, h_title)
    issued = parsed.date if parsed.date_text else h_date
    if parsed.date_text:
        fact("issued", cline(parsed.date_text), parsed.date_text)
    elif h_date_text:
        fact("issued", _line_of(header, h_date_text), h_date_text)
    if h_date_text and parsed.date_text:
        fact("header-date", _line_of(header, h_date_text), h_date_text)
    if (
        parsed.date_text
        and issued is None
        and not re.fullmatch(UNDATED_PATTERN, parsed.date_text, re.I)
    ):
        diags.append(
            Diagnostic(
                "warning",
                "bad-date",
                f"cannot read the date {parsed.date_text!r}",
                src,
                cline(parsed.date_text),
            )
        )
    for name, value in (
        ("archive", parsed.archive),
        ("archive_location", parsed.location),
        ("page", parsed.page),
    ):
        if value:
            fact(name, cline(value), value)
    url = parsed.url
    if url is None:
        for key in ("summary", "credits"):
            for ln in sections.get(key, []):
                if um := _URL_ANGLE.search(ln.text) or _URL_BARE.search(ln.text):
                    url = um.group(1) if um.re is _URL_ANGLE else um.group(0)
                    break
    if url:
        fact("URL", _line_of(cit_lines + lines, url), url)
    translators = tuple(parse_name(n) for n in parsed.translators)
    if parsed.translators:
        fact("translator", cline(parsed.translators[0]), "; ".join(parsed.translators))
    contributors = tuple(
        Contributor(parse_name(n), role, detail) for n, role, detail in parsed.contributors
    )
    if parsed.contributors:
        fact(
            "contributor",
            cline(parsed.contributors[0][0]),
            "; ".join(f"{n} ({r})" for n, r, _ in parsed.contributors),
        )

    abstract = _paragraphs(sections.get("summary", [])) or None
    if abstract:
        fact("abstract", sections["summary"][0].number if sections["summary"] else None, abstract)
    funders: tuple[str, ...] = ()
    if credits := _paragraphs(sections.get("credits", [])):
        funders = tuple(_funders(credits))
        fact("funders", next(ln.number for ln in sections["credits"] if ln.text.strip()), credits)
    original_language = None
    if lang_text := _paragraphs(sections.get("original_language", [])):
        original_language = language_name(lang_text.split("\n")[0].strip().rstrip("."))
        fact(
            "original_language",
            next(ln.number for ln in sections["original_language"] if ln.text.strip()),
            lang_text,
        )
    elif parsed.source_language:
        original_language = language_name(parsed.source_language)
        fact("original_language", cline(parsed.source_language), parsed.source_language)

    contents = sections.get("contents", [])
    content_head = next((ln for ln in contents if ln.text.strip()), None)
    language = None
    is_translation = False
    if content_head:
        head = _squash(unescape_markdown(content_head.text))
        lm = re.match(
            r"^(?:(?P<kind>Translation|Transcript|Original|Transcription)\s*[-–:]\s*"
            r"(?P<lang>[A-Za-z]+)|(?P<lang2>[A-Za-z]+)\s+(?P<kind2>Translation|"
            r"Transcript|Original))$",
            head,
            re.I,
        )
        if lm:
            kind = (lm["kind"] or lm["kind2"]).lower()
            lang = lm["lang"] or lm["lang2"]
            is_translation = kind == "translation"
            language = language_code(lang)
            fact("language", content_head.number, head)
    if is_translation and not translators:
        diags.append(
            Diagnostic(
                "warning",
                "translation-without-translator",
                "Contents says Translation, but the citation names no translator",
                src,
                content_head.number if content_head else None,
            )
        )

    author, recipient, said = issuer.from_title(title)
    if author:
        fact("author", facts[0].line, f"title: {said}")
    if recipient:
        fact("recipient", facts[0].line, f"title: to {join_names(recipient)}")
    if not author and parsed.creator:
        author = issuer.party(parsed.creator) or (parse_name(parsed.creator),)
        fact("author", cline(parsed.creator), f"creator: {parsed.creator}")
    body_lines = [ln for ln in contents if ln is not content_head or not language]
    if not author and (sig := _signatory(body_lines)):
        author = (sig[0],)
        fact("author", sig[1], f"signed: {sig[0].display}")

    extra: dict[str, str] = {}
    for label, sec in unknown:
        text = _paragraphs(sec)
        if text:
            extra[label] = text
            diags.append(
                Diagnostic(
                    "info",
                    "unknown-section",
                    f"kept the unknown section {label!r} in extra",
                    src,
                    sec[0].number if sec else None,
                )
            )
    for key, value in parsed.extra.items():
        extra.setdefault(key, value)
    published = parsed.published or bool(parsed.location and _IMPRINT.search(parsed.location))
    item_type = "document" if published else "manuscript"
    if parsed.archive and not parsed.archive_known:
        diags.append(
            Diagnostic(
                "warning",
                "unknown-archive",
                f"citekit does not know the publishing archive {parsed.archive!r}: read the "
                "citation as the Wilson Center writes it, with "
                + (f"{parsed.location!r} as the shelfmark" if parsed.location else "no shelfmark")
                + (
                    f" and {len(parsed.notes)} part(s) it could not place kept as notes"
                    if parsed.notes
                    else ""
                )
                + "; check them",
                src,
                cline(parsed.archive),
            )
        )
    for name, value in parsed.csl.items():
        fact(name, cit_line, value if isinstance(value, str) else json.dumps(value))
    for label, value in (("title", title), ("archive", parsed.archive), ("URL", url)):
        if not value:
            diags.append(
                Diagnostic(
                    "warning" if label != "title" else "error",
                    "missing-field",
                    f"no {label} in the record",
                    src,
                    cit_line,
                )
            )
    item = Item(
        id=item_id,
        type=item_type,
        title=title,
        title_short=short_title(title),
        author=author,
        recipient=recipient,
        translator=translators,
        issued=issued,
        archive=parsed.archive,
        archive_location=parsed.location,
        page=parsed.page,
        URL=url,
        language=language,
        abstract=abstract,
        original_language=original_language,
        funders=funders,
        contributors=contributors,
        notes=tuple(parsed.notes),
        extra=extra,
        facts=tuple(facts),
        csl=parsed.csl,
        accessed=parsed.accessed,
    )
    return item, diags
