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

Other archives write other shapes (FRUS, NSA briefing books, CREST catalogues, printed
sources, Omeka sites): see the README's "Records" section. The reader works in stages, one
module each:

- :mod:`.text`: lines, Markdown undone;
- :mod:`.sections`: header (date, title) and labelled sections;
- :mod:`.citation`: the citation paragraph, from the outside in (URL, title, date,
  publishing archive, shelfmark and pages), with :mod:`.sources` for the other shapes and
  :mod:`.credits` for "Translated by ..." sentences;
- :mod:`.issuer`: who issued the document and to whom, from the title or the signature;
- :mod:`.build`: the :class:`~citekit.model.Item`, every value with its source line.

The word lists the rules match (archive names, document kinds, offices) are data in
:mod:`.words`.
"""

from __future__ import annotations

from .build import read, short_title
from .citation import parse_citation
from .credits import split_sentences
from .parsed import ParsedCitation
from .sections import FORMAT_ID, detect, parse_header, split_sections
from .text import unescape_markdown

__all__ = [
    "FORMAT_ID",
    "ParsedCitation",
    "detect",
    "parse_citation",
    "parse_header",
    "read",
    "short_title",
    "split_sections",
    "split_sentences",
    "unescape_markdown",
]
