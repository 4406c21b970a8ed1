"""What the citation paragraph gave: the parser's working result, filled stage by stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...model import Date


@dataclass
class ParsedCitation:
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
