"""Splitting a record into its header (date, title) and labelled sections.

A section starts at a label line (``**Citation:**``, ``Citation:``, ``## Citation``); the
header is what comes before the first one.
"""

from __future__ import annotations

import re

from ...dates import DATE_PATTERN, UNDATED_PATTERN, parse_date
from ...model import Date
from .text import Line, line_of, squash, unescape_markdown

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


_SECTION_LINE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?P<open>\*\*|__)?\s*(?P<label>[A-Za-z][A-Za-z &/'()-]{0,48}?)\s*:\s*"
    r"(?P<close>\*\*|__)?\s*(?P<rest>.*?)\s*$"
)


_CITATION_HEAD = re.compile(r"^\s*(?:\*\*|__|#+\s*)?\s*Citation\s*:", re.I | re.M)
_BOLD_LINE = re.compile(r"^\s*\*\*[^*\n]+", re.M)
_SECTION_HEAD = re.compile(
    r"^\s*\*\*\s*(?:Summary|Credits|Contents|Original Language)\s*:", re.I | re.M
)


def detect(text: str) -> bool:
    """Say whether ``text`` looks like an archive-page record."""
    head = text[:20000]
    return bool(
        _CITATION_HEAD.search(head)
        or (_BOLD_LINE.search(head.lstrip()) and _SECTION_HEAD.search(head))
    )


def split_sections(
    lines: list[Line],
) -> tuple[list[Line], dict[str, list[Line]], list[tuple[str, list[Line]]]]:
    """Split a record into header lines, known sections and unknown sections.

    A section starts at a label line (``**Citation:**``, ``Citation:``, ``## Citation``).
    Inside Contents (the document's own text, which has lines like "To: Urumqi"), only a bold
    known label starts a new section.
    """
    header: list[Line] = []
    known: dict[str, list[Line]] = {}
    unknown: list[tuple[str, list[Line]]] = []
    current: list[Line] = header
    in_contents = False
    for line in lines:
        # A label line has a colon; most lines have none, and skip the expression.
        m = _SECTION_LINE.match(line.text) if ":" in line.text else None
        if m:
            label = squash(m["label"]).lower()
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
                    unknown.append((squash(m["label"]), current))
                if rest.strip():
                    current.append(Line(line.number, rest))
                continue
        current.append(line)
    return header, known, unknown


_BOLD_RUN = re.compile(r"\*\*(.+?)\*\*", re.S)
_DATE_LINE = re.compile(rf"{DATE_PATTERN}|{UNDATED_PATTERN}", re.I)


def parse_header(lines: list[Line]) -> tuple[str | None, Date | None, str | None, int | None]:
    """Read the header: (title, date, date text, title line).

    The date and title are bold lines; a title that is a Markdown heading or plain text
    under a bold date is still the title.
    """
    text = "\n".join(ln.text for ln in lines)
    bold = [(squash(unescape_markdown(c)), c) for c in _BOLD_RUN.findall(text)]
    plain = [
        (squash(unescape_markdown(ln.text.strip().lstrip("# "))), ln.text)
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
            if date is None and _DATE_LINE.fullmatch(clean):
                date, date_text = parse_date(clean), clean
                continue
            if title_raw is None:
                title_raw = raw
            title_parts.append(clean)
        if title_parts:
            break
    title = squash(" ".join(title_parts)) or None
    title_line = line_of(lines, title_raw.splitlines()[0]) if title_raw else None
    return title, date, date_text, title_line


_DOCUMENT_NUMBER = re.compile(r"^(?:Document\s+(?P<a>\d+)[A-Za-z]?:|(?P<b>\d+)\.)\s+(?=\S)")


def strip_number(title: str, number: str | None) -> str:
    """Drop a series' document number the page prints before the title ("74. ", "Document 05: ")."""
    m = _DOCUMENT_NUMBER.match(title)
    if m and number and number.isdigit() and int(m["a"] or m["b"]) == int(number):
        return title[m.end() :]
    return title
