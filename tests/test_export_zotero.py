"""Zotero's BibTeX importer shows the title citekit wrote (issue 14).

Zotero's BibTeX.js (import) runs every field through ``unescapeBibTeX``: for each key of its
``reversemappingTable``, in table order, it replaces every occurrence of the key and then of
the key with its braces removed; then it drops the braces and the backslash before
``# $ % & ~ _ ^ \\ { }``. The keys that plain text can contain are below, in the table's
order; "TEL" is there as ``{TEL}`` (U+2121 TELEPHONE SIGN), so the brace-less pass turns
every "TEL" into "℡". :func:`zotero_unescape` applies exactly these rules.
"""

from __future__ import annotations

import re

import pytest

from citekit.export import export_items
from citekit.model import Item, Name
from citekit.readers import read_text
from citekit.textio import decode

# (key, replacement) in reversemappingTable's order (BibTeX.js, Zotero 8 pin).
ZOTERO_TEXT_KEYS = (
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("'''", "\u2034"),
    ("''", "\u201d"),
    ("``", "\u201c"),
    ("```", "\u2037"),
    ("!!", "\u203c"),
    ("?!", "\u2048"),
    ("!?", "\u2049"),
    ("{TEL}", "\u2121"),
)


def zotero_unescape(value: str) -> str:
    """What Zotero's BibTeX importer makes of a field's text (the rules above)."""
    for key, unicode in ZOTERO_TEXT_KEYS:
        value = value.replace(key, unicode)
        value = value.replace(re.sub(r"[{}]", "", key), unicode)
    value = re.sub(r"([^\\])[{}]+", r"\1", value)
    if value.startswith("{"):
        value = value[1:]
    for _ in range(2):
        value = re.sub(r"([^\\])\\([#$%&~_^\\{}])", r"\1\2", value)
    if value[:1] == "\\" and value[1:2] in "#$%&~_^\\{}":
        value = value[1:]
    return value


def test_the_emulation_reproduces_the_reported_rewrites() -> None:
    # What the issue reports Zotero doing to unprotected text.
    assert zotero_unescape("{TELEGRAM}") == "℡EGRAM"
    assert zotero_unescape("INTELLIGENCE") == "IN℡LIGENCE"
    assert zotero_unescape("a -- b --- c") == "a – b — c"
    assert zotero_unescape("Why?! No!! ''x''") == "Why⁈ No‼ ”x”"


TITLES = [
    "TELEGRAM FROM THE CIA: INTELLIGENCE REPORT",
    "Hotel Telefon -- and TEL---EX",
    "Why?! Who!? Stop!! Go!!! ''Quoted'' and ``back'' it's",
    "100% & $5 #1 a_b {braced}",
    "Kim Il Sung's -- ``Letter''",
]


def _raw_fields(bib: str) -> dict[str, str]:
    """The fields of the one entry as written (enclosing braces off, nothing decoded)."""
    from bibtexparser.entrypoint import parse_string

    (entry,) = parse_string(bib).entries
    return {f.key: str(f.value) for f in entry.fields}


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
@pytest.mark.parametrize("title", TITLES)
def test_zotero_shows_the_title_citekit_wrote(title: str, dialect: str) -> None:
    item = Item(
        id="k",
        citation_key="k",
        title=title,
        author=(Name(literal="TELEVISION Ministry -- Office"),),
        translator=(Name(family="O''Brien", given="TEL"),),
        archive="INTELLIGENCE Archive!!",
        archive_location="TEL 1--2",
    )
    bib = export_items([item], dialect)[0]
    fields = _raw_fields(bib)
    assert zotero_unescape(fields["title"]) == title
    assert zotero_unescape(fields["archive"]) == "INTELLIGENCE Archive!!"
    assert zotero_unescape(fields["archive_location"]) == "TEL 1--2"
    assert "℡" not in zotero_unescape(fields["author"])
    assert zotero_unescape(fields["author"]) == "TELEVISION Ministry -- Office"
    assert zotero_unescape(fields["translator"]) == "O''Brien, TEL"
    # ...and citekit reads its own file back to the same text.
    (back,), _ = read_text(decode(bib.encode("utf-8"), "k.bib"))
    assert back.title == title
    assert back.author == item.author and back.translator == item.translator
    assert (back.archive, back.archive_location) == (item.archive, item.archive_location)


def test_protection_is_only_where_zotero_would_rewrite() -> None:
    item = Item(id="k", citation_key="k", title="Telegram on the Hotel Telephone - 1962")
    fields = _raw_fields(export_items([item], "biblatex")[0])
    assert fields["title"] == "{Telegram on the Hotel Telephone - 1962}"
