"""The RIS field table, read by :mod:`citekit.readers.ris` and :mod:`citekit.export.ris`.

Tags and types are chosen for what Zotero's RIS importer was measured to do with them
(/work/shared/reference/zotero-field-mapping.md): an archival document is ``MANSCPT``
(Zotero's manuscript), archive and shelfmark go to ``DB`` and ``AN``, translators to ``A4``.
Where a tag goes wrong on a type, the row is limited to the types it suits and the variable
falls back to an ``M2  - Key: value`` line (Zotero: Extra): pages of a manuscript, because
Zotero reads ``SP`` on a manuscript as its number of pages; an editor of a manuscript,
because Zotero makes ``ED`` its author.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The CSL types written as ``MANSCPT``.
MANUSCRIPT_TYPES = frozenset({"manuscript", "document"})
_JOURNALS = frozenset({"article-journal", "article-magazine", "article-newspaper"})

# CSL type <-> RIS type; the first row of a CSL type is the one written.
TYPES: tuple[tuple[str, str], ...] = (
    ("manuscript", "MANSCPT"),
    ("document", "MANSCPT"),
    ("book", "BOOK"),
    ("chapter", "CHAP"),
    ("article-journal", "JOUR"),
    ("article-newspaper", "NEWS"),
    ("article-magazine", "MGZN"),
    ("report", "RPRT"),
    ("thesis", "THES"),
    ("webpage", "ELEC"),
    ("personal_communication", "PCOMM"),
    ("map", "MAP"),
    ("speech", "SOUND"),
)
RIS_TYPE = dict(reversed(TYPES))
CSL_TYPE = {ris: csl for csl, ris in reversed(TYPES)}
CSL_TYPE.update(
    {"MANSCPT": "manuscript", "UNPD": "manuscript", "UNPB": "manuscript", "ANCIENT": "document"}
)
#: The RIS type a reader falls back to, and the CSL type it reads as.
DEFAULT_RIS_TYPE = "GEN"
DEFAULT_CSL_TYPE = "document"


@dataclass(frozen=True)
class Row:
    """One CSL variable and the RIS tag that carries it, for the item types it suits.

    ``types`` limits the row to those CSL types, ``except_types`` keeps it off those; a
    variable with no row for its item's type is written as an ``M2`` line.
    """

    variable: str
    tag: str
    types: frozenset[str] | None = None
    except_types: frozenset[str] = frozenset()

    def applies(self, csl_type: str) -> bool:
        """Say whether this row carries the variable for an item of ``csl_type``."""
        if csl_type in self.except_types:
            return False
        return self.types is None or csl_type in self.types


ROWS: tuple[Row, ...] = (
    Row("citation-key", "ID"),
    Row("author", "AU"),
    Row("translator", "A4"),
    Row("editor", "ED", except_types=MANUSCRIPT_TYPES | {"personal_communication", "webpage"}),
    Row("recipient", "A2", types=frozenset({"personal_communication"})),
    Row("title", "TI"),
    Row("title-short", "ST"),
    Row("container-title", "T2"),
    Row("collection-title", "T3"),
    Row("issued", "DA"),
    Row("accessed", "Y2"),
    Row("archive", "DB"),
    Row("archive_location", "AN"),
    Row("call-number", "CN"),
    Row("source", "DP"),
    Row("URL", "UR"),
    Row("DOI", "DO"),
    Row("abstract", "AB"),
    Row("genre", "M3"),
    Row("note", "N1"),
    Row("language", "LA"),
    Row("keyword", "KW"),
    Row("publisher", "PB"),
    Row("publisher-place", "CY"),
    Row("volume", "VL"),
    Row("issue", "IS"),
    Row("edition", "ET"),
    Row("section", "SE"),
    Row("number-of-volumes", "NV"),
    # Zotero reads SP on a manuscript as its number of pages, on other types as pages.
    Row("number-of-pages", "SP", types=MANUSCRIPT_TYPES),
    Row("page", "SP", except_types=MANUSCRIPT_TYPES),
    Row("number", "SN", types=frozenset({"report"})),
    Row("ISBN", "SN", types=frozenset({"book", "chapter"})),
    Row("ISSN", "SN", types=_JOURNALS),
)

#: Tags other writers use for the same variables (read, never written).
ALIASES = {"A1": "AU", "T1": "TI", "Y1": "DA", "N2": "AB", "AV": "AN", "JF": "T2", "BT": "T2"}
#: Written for Zotero only and read from elsewhere: PY repeats the year of DA, EP the end
#: of SP's page range.
DERIVED_TAGS = frozenset({"PY", "EP"})
#: Tags whose lines carry ``Key: value`` text (Zotero puts them in Extra).
LINE_TAGS = frozenset({"M2"})


def row_for(tag: str, csl_type: str) -> Row | None:
    """The row a tag is read by for an item of ``csl_type`` (None: no variable)."""
    tag = ALIASES.get(tag, tag)
    for row in ROWS:
        if row.tag == tag and row.applies(csl_type):
            return row
    return None
