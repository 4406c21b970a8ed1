"""The canonical citation item, and the small value types it is made of.

Glossary:
    record: one input file as a reader saw it (an archive page, a CSL-JSON object, a .bib
        entry, a RIS reference).
    item: the canonical citation :class:`Item` every reader builds and every renderer and
        exporter starts from. Its field names and meanings are CSL-JSON's (CSL 1.0.2).
    CSL-JSON: serialised items, as pandoc, Zotero and citeproc engines read them.
    facts: what CSL has no variable for (original language, funders, who obtained the
        document, the source file). They stay with the item and travel in CSL-JSON ``note``
        as ``Key: value`` lines, Zotero's convention.

``Item.to_csl_json`` and ``Item.from_csl_json`` are the only (de)serialisers; the Python
attribute names are the CSL names with ``-`` replaced by ``_``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

# CSL 1.0.2 name variables (CSL-JSON spelling).
NAME_VARIABLES = (
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "editor-translator",
    "executive-producer",
    "guest",
    "host",
    "illustrator",
    "interviewer",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
)

# CSL 1.0.2 date variables.
DATE_VARIABLES = (
    "accessed",
    "available-date",
    "event-date",
    "issued",
    "original-date",
    "submitted",
)

#: CSL-JSON fields under the names Zotero wrote before CSL had these variables (still in
#: its older exports and in ``citekit process`` jobs), with the CSL variable each stands for.
ZOTERO_FIELD_NAMES = {"shortTitle": "title-short", "journalAbbreviation": "container-title-short"}

# CSL 1.0.2 standard and number variables that hold plain strings (or numbers).
TEXT_VARIABLES = (
    "abstract",
    "annote",
    "archive",
    "archive_collection",
    "archive_location",
    "archive-place",
    "authority",
    "call-number",
    "chapter-number",
    "citation-key",
    "citation-label",
    "collection-number",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "edition",
    "event",
    "event-place",
    "event-title",
    "first-reference-note-number",
    "genre",
    "ISBN",
    "ISSN",
    "issue",
    "jurisdiction",
    "keyword",
    "language",
    "license",
    "locator",
    "medium",
    "note",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "page",
    "page-first",
    "part",
    "part-title",
    "PMCID",
    "PMID",
    "printing",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-genre",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "supplement",
    "title",
    "title-short",
    "URL",
    "version",
    "volume",
    "volume-title",
    "volume-title-short",
    "year-suffix",
)

# CSL 1.0.2 item types.
ITEM_TYPES = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)


#: Name suffixes a reader takes for a suffix, not a given name ("Kraus, Jr.").
NAME_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


@dataclass(frozen=True)
class Name:
    """A person or a body. A body (or a name that must not be split) has only ``literal``.

    ``family_first`` says the name is read family name first ("Kim Il Sung"). Whoever reads
    the name decides it once (:func:`citekit.names.ordered`), so printing a name never
    consults the name lexicon. CSL-JSON has no key for it that citekit writes: a reader
    decides it again from the name's parts, as it did the first time.
    """

    family: str | None = None
    given: str | None = None
    literal: str | None = None
    dropping_particle: str | None = None
    non_dropping_particle: str | None = None
    suffix: str | None = None
    family_first: bool = False

    def to_csl_json(self) -> dict[str, str]:
        """Return the CSL-JSON name object."""
        out: dict[str, str] = {}
        for key, value in (
            ("family", self.family),
            ("given", self.given),
            ("literal", self.literal),
            ("dropping-particle", self.dropping_particle),
            ("non-dropping-particle", self.non_dropping_particle),
            ("suffix", self.suffix),
        ):
            if value:
                out[key] = value
        return out

    @classmethod
    def from_csl_json(cls, data: Mapping[str, Any]) -> Name:
        """Build a name from a CSL-JSON name object (unknown keys are ignored).

        The name's order is left undecided (``family_first`` false): readers pass the name
        through :func:`citekit.names.ordered`.
        """

        def text(key: str) -> str | None:
            value = data.get(key)
            return str(value) if value not in (None, "") else None

        return cls(
            family=text("family"),
            given=text("given"),
            literal=text("literal"),
            dropping_particle=text("dropping-particle"),
            non_dropping_particle=text("non-dropping-particle"),
            suffix=text("suffix"),
        )

    @property
    def display(self) -> str:
        """The name as a person reads it ("Charles Kraus"; Han-script names unspaced)."""
        if self.literal:
            return self.literal
        if self.family_first and self.family and self.given:
            return f"{self.family} {self.given}"
        parts = [self.given, self.dropping_particle, self.non_dropping_particle, self.family]
        text = " ".join(p for p in parts if p)
        if self.suffix:
            text += f", {self.suffix}"
        return text

    @property
    def written(self) -> str:
        """The name as a line of text that reads back as this name (a note line's value).

        A person's name in Western order is written "Family, Given": written as read
        ("Dong Aa"), a given name that is also a Chinese family name would read back as a
        family-first name. Names with particles or a suffix (or a given name that reads as
        one, "Ii"), bodies and family-first names are written as read, which reads back whole.
        """
        plain = not (self.dropping_particle or self.non_dropping_particle or self.suffix)
        plain = plain and (self.given or "").lower().rstrip(".") not in NAME_SUFFIXES
        if self.family and self.given and not self.literal and not self.family_first and plain:
            return f"{self.family}, {self.given}"
        return self.display

    @property
    def sort_form(self) -> str:
        """The name family first ("Kraus, Charles"), for listings and keys."""
        if self.literal:
            return self.literal
        given = " ".join(p for p in (self.given, self.dropping_particle) if p)
        family = " ".join(p for p in (self.non_dropping_particle, self.family) if p)
        return ", ".join(p for p in (family, given, self.suffix or "") if p)


@dataclass(frozen=True)
class Date:
    """A CSL date: one or two date-parts (a range), each of 1-3 integers (year, month, day).

    ``literal`` holds text that is not a calendar date ("undated"); ``circa`` marks an
    approximate date. citekit never invents a part the source did not give.
    """

    parts: tuple[tuple[int, ...], ...] = ()
    circa: bool = False
    literal: str | None = None
    season: int | None = None

    def to_csl_json(self) -> dict[str, Any]:
        """Return the CSL-JSON date object."""
        out: dict[str, Any] = {}
        if self.parts:
            out["date-parts"] = [list(p) for p in self.parts]
        if self.season:
            out["season"] = self.season
        if self.circa:
            out["circa"] = True
        if self.literal and not self.parts:
            out["literal"] = self.literal
        return out

    @property
    def year(self) -> int | None:
        """The first year, if any."""
        return self.parts[0][0] if self.parts and self.parts[0] else None

    @property
    def iso(self) -> str:
        """ISO 8601 / EDTF form: ``1962-04-26``, ``1962-04``, ``1955/1956``, ``1962~``."""
        if not self.parts:
            return ""
        text = "/".join(
            "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(p))
            for p in self.parts
        )
        return text + ("~" if self.circa else "")


@dataclass(frozen=True)
class Contributor:
    """Someone who did something for the document other than write or translate it.

    ``role`` is a verb as the record says it ("obtained", "contributed", "edited",
    "annotated"); ``detail`` keeps the rest of the phrase ("for CWIHP").
    """

    name: Name
    role: str
    detail: str | None = None


@dataclass(frozen=True)
class Source:
    """The file an item was read from: what the provenance note and checks cite."""

    path: str
    sha256: str
    size: int
    reader: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Fact:
    """Where one field's value came from: the source line and the text it was read from."""

    field: str
    line: int | None
    text: str


# Non-CSL facts, their Zotero-style note keys, in the order they are written.
FACT_KEYS: tuple[tuple[str, str], ...] = (
    ("original_language", "Original Language"),
    ("funders", "Funder"),
    ("contributors", "Contributor"),
    ("notes", "Note"),
)


@dataclass(frozen=True)
class Item:
    """One citation item with CSL-JSON semantics, plus the facts CSL has no variable for.

    The typed fields are the CSL variables citekit reads and writes itself; ``csl`` holds
    any other CSL 1.0.2 variable read from an input (kept and written back unchanged).
    """

    id: str
    type: str = "manuscript"
    title: str | None = None
    title_short: str | None = None
    author: tuple[Name, ...] = ()
    recipient: tuple[Name, ...] = ()
    translator: tuple[Name, ...] = ()
    editor: tuple[Name, ...] = ()
    issued: Date | None = None
    accessed: Date | None = None
    archive: str | None = None
    archive_location: str | None = None
    archive_place: str | None = None
    page: str | None = None
    URL: str | None = None
    language: str | None = None
    abstract: str | None = None
    genre: str | None = None
    note: str | None = None
    citation_key: str | None = None
    csl: Mapping[str, Any] = field(default_factory=dict)
    # Facts outside CSL.
    original_language: str | None = None
    funders: tuple[str, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    notes: tuple[str, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)
    source: Source | None = None
    facts: tuple[Fact, ...] = ()

    def replace(self, **changes: Any) -> Item:
        """Return a copy with ``changes`` applied.

        A copy of the fields with the changes laid over them: an item has no
        ``__post_init__``, so this is what ``dataclasses.replace`` makes, without calling
        ``__init__`` on two dozen fields (every record read makes a copy or two). A name
        that is no field goes to ``dataclasses.replace``, which raises as it always did.
        """
        if type(self) is not Item or not changes.keys() <= _ITEM_FIELDS:
            return replace(self, **changes)
        new = object.__new__(Item)
        d = new.__dict__
        d.update(self.__dict__)
        d.update(changes)
        return new

    @property
    def key(self) -> str:
        """The key a manuscript cites the item by: its citation key, else its id."""
        return self.citation_key or self.id

    def fact_lines(self) -> list[tuple[str, str]]:
        """The non-CSL facts as ``(Key, value)`` pairs, in a stable order."""
        out: list[tuple[str, str]] = []
        if self.original_language:
            out.append(("Original Language", self.original_language))
        out.extend(("Funder", f) for f in self.funders)
        for c in self.contributors:
            role = c.role + (f" {c.detail}" if c.detail else "")
            out.append(("Contributor", f"{c.name.written} ({role})"))
        out.extend(("Note", n) for n in self.notes)
        out.extend(sorted(self.extra.items()))
        return out

    def to_csl_json(self, *, with_facts: bool = True) -> dict[str, Any]:
        """Serialise to a CSL-JSON object (CSL 1.0.2 variable names only).

        Args:
            with_facts: also write the non-CSL facts as ``Key: value`` lines in ``note``
                (Zotero reads them into Extra). Rendering passes ``False``.
        """
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        for f in fields(self):
            csl_name = _ATTR_TO_CSL.get(f.name)
            if csl_name is None:
                continue
            value = getattr(self, f.name)
            if value in (None, "", ()):
                continue
            if isinstance(value, tuple):
                out[csl_name] = [n.to_csl_json() for n in value]
            elif isinstance(value, Date):
                out[csl_name] = value.to_csl_json()
            else:
                out[csl_name] = value
        for key, value in self.csl.items():
            out.setdefault(key, value)
        if with_facts:
            lines = [f"{k}: {v}" for k, v in self.fact_lines()]
            if lines:
                note = out.get("note")
                out["note"] = "\n".join(([str(note)] if note else []) + lines)
        return out


#: The names :meth:`Item.replace` copies directly.
_ITEM_FIELDS = frozenset(f.name for f in fields(Item))


_ATTR_TO_CSL: dict[str, str] = {
    "title": "title",
    "title_short": "title-short",
    "author": "author",
    "recipient": "recipient",
    "translator": "translator",
    "editor": "editor",
    "issued": "issued",
    "accessed": "accessed",
    "archive": "archive",
    "archive_location": "archive_location",
    "archive_place": "archive-place",
    "page": "page",
    "URL": "URL",
    "language": "language",
    "abstract": "abstract",
    "genre": "genre",
    "note": "note",
    "citation_key": "citation-key",
}
CSL_TO_ATTR: dict[str, str] = {v: k for k, v in _ATTR_TO_CSL.items()}


def names_from_csl(value: Any) -> tuple[Name, ...]:
    """Read a CSL-JSON name list; a bare string becomes one literal name.

    The names' order is not decided here (see :class:`Name`): readers call
    :func:`citekit.names.ordered` on each.
    """
    if isinstance(value, str):
        return (Name(literal=value),) if value.strip() else ()
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, Sequence):
        return ()
    return tuple(Name.from_csl_json(v) for v in value if isinstance(v, Mapping))


def join_names(names: Sequence[Name]) -> str:
    """Join display names the way an English sentence does: "A", "A and B", "A, B, and C"."""
    shown = [n.display for n in names]
    if len(shown) <= 2:
        return " and ".join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]
