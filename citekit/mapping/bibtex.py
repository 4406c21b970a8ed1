"""The BibTeX / BibLaTeX field table, read by the reader and the exporter alike.

:mod:`citekit.readers.bibtex` and :mod:`citekit.export.bibtex` both walk :data:`ROWS`.
Two dialects share it: ``biblatex`` (biber, biblatex, biblatex-chicago, pandoc) and
``bibtex`` (classic BibTeX styles and Zotero's BibTeX importer). Choices, from what those
programs were measured to do (/work/shared/reference/zotero-import.md and the drivers of
biblatex's standard.bbx and biblatex-chicago's chicago-notes.bbx):

- An archival document is ``@misc`` in BibLaTeX: the standard and Chicago ``misc`` drivers
  print the translator, which ``@unpublished`` loses in standard biblatex. Classic BibTeX
  keeps ``@unpublished`` (Zotero: manuscript). An entry type that reads back as another CSL
  type adds a ``Type:`` line.
- No driver prints ``pages`` for ``@misc`` or ``@unpublished``, and no BibTeX field reaches
  Zotero's Archive fields, so the shelfmark, pages and archive are also written together in
  ``howpublished`` (printed by both drivers, Zotero Extra "Published:"), as Chicago orders
  them. ``archive`` and ``archive_location`` keep them field by field, named like Zotero's
  fields for the Better BibTeX importer.
- What has no field goes to ``annote`` as ``Key: value`` lines: biber reads it as
  ``annotation``, which no standard or Chicago driver prints, and Zotero keeps it as a note.
  ``note`` holds only the item's own note, because every driver prints it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

BIBTEX = "bibtex"
BIBLATEX = "biblatex"
DIALECTS = frozenset({BIBTEX, BIBLATEX})

_JOURNALS = frozenset({"article-journal", "article-magazine", "article-newspaper"})
_IN_BOOKS = frozenset({"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"})

# (CSL type, entry type) per dialect; the first row of a CSL type is the one written.
TYPES: dict[str, tuple[tuple[str, str], ...]] = {
    BIBLATEX: (
        ("manuscript", "misc"),
        ("document", "misc"),
        ("book", "book"),
        ("chapter", "incollection"),
        ("article-journal", "article"),
        ("report", "report"),
        ("thesis", "thesis"),
        ("webpage", "online"),
        ("personal_communication", "letter"),
    ),
    BIBTEX: (
        ("manuscript", "unpublished"),
        ("document", "misc"),
        ("book", "book"),
        ("chapter", "incollection"),
        ("article-journal", "article"),
        ("report", "report"),
        ("thesis", "phdthesis"),
        ("webpage", "online"),
        ("personal_communication", "letter"),
    ),
}
#: Entry type -> CSL type when reading (either dialect).
CSL_TYPE: dict[str, str] = {
    "misc": "document",
    "unpublished": "manuscript",
    "manuscript": "manuscript",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "article": "article-journal",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "online": "webpage",
    "letter": "personal_communication",
}
DEFAULT_CSL_TYPE = "document"
DEFAULT_ENTRY_TYPE = "misc"


def entry_type(csl_type: str, dialect: str) -> str:
    """The entry type an item of ``csl_type`` is written as."""
    for csl, bib in TYPES[dialect]:
        if csl == csl_type:
            return bib
    return DEFAULT_ENTRY_TYPE


@dataclass(frozen=True)
class Row:
    """One CSL variable and the field that carries it, in the dialects and types it suits."""

    variable: str
    field: str
    dialects: frozenset[str] = DIALECTS
    types: frozenset[str] | None = None
    except_types: frozenset[str] = frozenset()

    def applies(self, csl_type: str, dialect: str) -> bool:
        """Say whether this row carries the variable for ``csl_type`` in ``dialect``."""
        if dialect not in self.dialects or csl_type in self.except_types:
            return False
        return self.types is None or csl_type in self.types


_LATEX = frozenset({BIBLATEX})
_CLASSIC = frozenset({BIBTEX})
ROWS: tuple[Row, ...] = (
    Row("author", "author"),
    Row("editor", "editor"),
    Row("translator", "translator"),
    Row("title", "title"),
    Row("title-short", "shorttitle"),
    Row("container-title", "journaltitle", _LATEX, _JOURNALS),
    Row("container-title", "journal", _CLASSIC, _JOURNALS),
    Row("container-title", "booktitle", types=_IN_BOOKS),
    # The volume a document is in (a FRUS volume): biblatex's main title.
    Row("container-title", "maintitle", _LATEX),
    Row("container-title", "booktitle", _CLASSIC, except_types=_JOURNALS),
    Row("collection-title", "series"),
    Row("volume", "volume"),
    Row("number", "number"),
    Row("issue", "issue", _LATEX),
    Row("edition", "edition"),
    Row("issued", "date"),
    Row("accessed", "urldate"),
    Row("publisher", "publisher"),
    Row("publisher-place", "location", _LATEX),
    Row("publisher-place", "address", _CLASSIC),
    Row("event-place", "venue", _LATEX),
    Row("archive", "archive"),
    Row("archive_location", "archive_location"),
    Row("page", "pages", _LATEX),
    # Zotero reads pages on @unpublished as the manuscript's number of pages: the classic
    # dialect's manuscripts carry them in howpublished and a Pages line instead.
    Row("page", "pages", _CLASSIC, except_types=frozenset({"manuscript"})),
    Row("number-of-pages", "pagetotal"),
    Row("genre", "type"),
    Row("URL", "url"),
    Row("DOI", "doi"),
    Row("ISBN", "isbn"),
    Row("ISSN", "issn"),
    Row("language", "langid", _LATEX),
    Row("language", "language", _CLASSIC),
    Row("abstract", "abstract"),
    Row("keyword", "keywords"),
    Row("note", "note"),
    Row("annote", "annote"),
)

#: Fields written as they are: verbatim in biblatex (url, doi) or codes and dates.
RAW_FIELDS = frozenset({"url", "doi", "date", "urldate", "langid", "origlanguage", "year", "month"})
#: Fields that hold a title: braced whole, so no style changes their case.
TITLE_FIELDS = frozenset(
    {"title", "shorttitle", "maintitle", "booktitle", "journaltitle", "journal", "series"}
)
NAME_FIELDS = ("author", "editor", "translator")
#: Written for LaTeX and Zotero and read from elsewhere: ``howpublished`` repeats shelfmark,
#: pages and archive, ``origlanguage`` the Original Language line, year and month the date.
DERIVED_FIELDS = frozenset({"howpublished", "origlanguage", "year", "month"})
#: Where the ``Key: value`` lines go.
LINES_FIELD = "annote"

#: Languages with a biblatex key that both biblatex (``from<key>``, english.lbx) and
#: biblatex-chicago (``cfrom<key>``, cms-american.lbx) turn into "from the German": an
#: ``origlanguage`` outside this list prints raw ("Translated chinese by"), so it is not
#: written; the Original Language line keeps the fact.
ORIGLANGUAGE_KEYS = frozenset(
    {
        "american",
        "brazilian",
        "bulgarian",
        "catalan",
        "croatian",
        "czech",
        "danish",
        "dutch",
        "english",
        "estonian",
        "finnish",
        "french",
        "galician",
        "german",
        "greek",
        "italian",
        "japanese",
        "latin",
        "norwegian",
        "polish",
        "portuguese",
        "russian",
        "slovak",
        "slovene",
        "spanish",
        "swedish",
        "ukrainian",
    }
)


def rows_for_field(field: str, csl_type: str) -> list[Row]:
    """The rows a field may be read by for an item of ``csl_type`` (either dialect)."""
    out = [r for r in ROWS if r.field == field and (r.types is None or csl_type in r.types)]
    return [r for r in out if csl_type not in r.except_types]


def page_label(page: str) -> str:
    """``p. 5`` for one page, ``pp. 11-12`` for more (the form Chicago prints)."""
    many = any(sep in page for sep in ("-", "–", ",", "&"))
    return f"{'pp.' if many else 'p.'} {page}"


def archive_line(data: Mapping[str, Any]) -> str | None:
    """What ``howpublished`` says: shelfmark and pages, then the archive and its place.

    ``data`` is the item's CSL-JSON; the reader derives the same text to tell citekit's own
    ``howpublished`` from someone else's.
    """
    parts = [str(data["archive_location"])] if data.get("archive_location") else []
    if data.get("page"):
        parts.append(page_label(str(data["page"]).replace("-", "–")))
    first = ", ".join(parts)
    second = ", ".join(str(data[k]) for k in ("archive", "archive-place") if data.get(k))
    text = ". ".join(p for p in (first, second) if p)
    return text or None
