"""``citekit check``: what a careful historian or editor would catch before publication.

Each finding names the file and line. Missing core fields are errors; a staging URL, a date
or title that disagrees between header and citation, odd pages, a translation with no
translator and a document held twice are warnings; an archive abbreviation the registry
does not know is information.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .archives import match_archive, public_url
from .dates import parse_date
from .errors import Diagnostic
from .model import Item
from .urls import given_url

#: Fields every archival citation needs (CSL names); missing ones are errors.
CORE_FIELDS = (
    ("title", "title"),
    ("issued", "date"),
    ("archive", "archive"),
    ("archive_location", "shelfmark"),
    ("URL", "URL"),
)
_PAGES = re.compile(
    r"^\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?(?:\s*,\s*\d+[a-z]?(?:\s*[-–]\s*\d+[a-z]?)?)*$"
)


@dataclass(frozen=True)
class Finding:
    """One thing ``check`` reports."""

    level: str  # "error", "warning", "info"
    code: str
    message: str
    source: str | None
    line: int | None

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.level}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        """The finding as JSON-ready data."""
        return {
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "file": self.source,
            "line": self.line,
        }


def _line(item: Item, field: str) -> int | None:
    return next((f.line for f in item.facts if f.field == field), None)


def _text(item: Item, field: str) -> str | None:
    return next((f.text for f in item.facts if f.field == field), None)


def check_item(item: Item) -> list[Finding]:
    """The findings about one item on its own."""
    src = item.source.path if item.source else None
    out: list[Finding] = []

    def add(level: str, code: str, message: str, field: str | None = None) -> None:
        out.append(Finding(level, code, message, src, _line(item, field) if field else None))

    archival = item.type in ("manuscript", "document")
    # A document printed in a book or series (FRUS, an NSA briefing book, a source edition)
    # is found by its container and number or pages: no shelfmark or online archive needed.
    printed = bool(item.csl.get("container-title"))
    for attr, label in CORE_FIELDS:
        if attr == "archive_location" and (not archival or printed):
            continue
        if attr == "archive" and printed:
            continue
        if attr == "URL" and printed and not item.archive:
            continue  # a book on paper only
        if getattr(item, attr) in (None, "", ()):
            undated = attr == "issued" and re.search(
                r"undated|n\.\s?d\.", _text(item, "issued") or "", re.I
            )
            if not undated:
                add("error", "missing-field", f"no {label}", "title")
    if (given := given_url(item)) and (public := public_url(given)):
        add(
            "warning",
            "staging-url",
            f"the URL is on a staging or mirror host; the public URL is {public}",
            "URL",
        )
    header_date, cited_date = _text(item, "header-date"), _text(item, "issued")
    if header_date and cited_date:
        a, b = parse_date(header_date), parse_date(cited_date)
        if (a.parts if a else header_date) != (b.parts if b else cited_date):
            add(
                "warning",
                "date-mismatch",
                f"the header says {header_date!r} but the citation says {cited_date!r}",
                "header-date",
            )
    header_title = _text(item, "header-title")
    if header_title and item.title and _norm(header_title) != _norm(item.title):
        add(
            "warning",
            "title-mismatch",
            f"the header title {header_title!r} differs from the citation's",
            "header-title",
        )
    if item.page and not _PAGES.match(item.page.strip()):
        add("warning", "odd-pages", f"pages {item.page!r} are neither a number nor a range", "page")
    language = _text(item, "language") or ""
    if "translation" in language.lower() and not item.translator:
        add(
            "warning",
            "translation-without-translator",
            "Contents says Translation, but the citation names no translator",
            "language",
        )
    # The holding archive is named in full when the item is in a series (the Source note),
    # and a CREST document number ("CIA-RDP...") is an identifier, not an abbreviation.
    if item.archive_location and not printed and not item.archive_location.startswith("CIA-RDP"):
        match = match_archive(item.archive_location, context=item.original_language or "")
        if match.status == "unknown":
            add(
                "info",
                "unknown-archive",
                f"the archive abbreviation {match.abbreviation!r} is not in citekit's registry",
                "archive_location",
            )
        elif match.status == "ambiguous":
            names = "; ".join(f"{a.name} ({a.city})" for a in match.candidates)
            add(
                "warning",
                "ambiguous-archive",
                f"{match.abbreviation!r} may be any of: {names}",
                "archive_location",
            )
    return out


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).casefold().strip()


def check_items(items: Sequence[Item]) -> list[Finding]:
    """The findings about each item, then the documents held twice across the inputs."""
    out = [f for item in items for f in check_item(item)]
    seen: dict[tuple[str, ...], Item] = {}
    for item in items:
        if not item.issued or not item.source:
            continue
        date = item.issued.iso
        keys = []
        if item.archive_location:
            keys.append(("shelfmark", _norm(item.archive_location), date))
        if item.title:
            keys.append(("title", _norm(item.title), date))
        for key in keys:
            first = seen.get(key)
            if first is None:
                seen[key] = item
                continue
            if first.source and first.source.path != item.source.path:
                what = "shelfmark and date" if key[0] == "shelfmark" else "title and date"
                out.append(
                    Finding(
                        "warning",
                        "duplicate",
                        f"the same document ({what}) as {first.source.path}",
                        item.source.path,
                        _line(item, "title"),
                    )
                )
                break
    return out


def findings_from_diagnostics(diags: Sequence[Diagnostic]) -> list[Finding]:
    """Reading warnings that ``check`` reports too (decoding, unknown sections)."""
    keep = {"decoded-cp1252", "bad-date", "no-citation"}
    return [Finding(d.level, d.code, d.message, d.source, d.line) for d in diags if d.code in keep]
