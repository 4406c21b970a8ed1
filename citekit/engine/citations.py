"""citeproc-py's citation objects as citekit builds them: cites, citations, locators.

citeproc-py's ``CitationItem`` and ``Citation`` are dicts whose attributes are dict keys;
what citekit adds (a cite's author mode, a citation's note number) are real attributes
here, set with ``object.__setattr__``, so they never mix with the cite's CSL data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

import citeproc
import citeproc.source

from .caches.cites import Bibliography
from .prepare import prepare_value

#: The abbreviations a locator may open with, and the locator labels they stand for
#: (citeproc-js 1.4.61, ``CSL.LOCATOR_LABELS_MAP``).
LOCATOR_ABBREVIATIONS = {
    "vrs": "verse", "sv": "sub-verbo", "subpara": "subparagraph", "op": "opus",
    "subch": "subchapter", "add": "addendum", "amend": "amendment", "annot": "annotation",
    "app": "appendix", "art": "article", "bibliog": "bibliography", "bk": "book",
    "ch": "chapter", "cl": "clause", "col": "column", "cmt": "comment", "dec": "decision",
    "dept": "department", "ex": "example", "fig": "figure", "fld": "field", "fol": "folio",
    "n": "note", "hypo": "hypothetical", "illus": "illustration", "intro": "introduction",
    "l": "line", "no": "issue", "p": "page", "pp": "page", "para": "paragraph", "pt": "part",
    "pmbl": "preamble", "princ": "principle", "pub": "publication", "r": "rule",
    "rn": "randnummer", "sched": "schedule", "sec": "section", "ser": "series,",
    "subdiv": "subdivision", "subsec": "subsection", "supp": "supplement", "tbl": "table",
    "tit": "title", "vol": "volume",
}  # fmt: skip
_LABELLED = re.compile(rf"({'|'.join(LOCATOR_ABBREVIATIONS)})\.\s+(.*)")


def read_label(
    locator: str, label: str | None, get_term: Callable[[str], Any]
) -> tuple[str | None, str]:
    """FIX(locator-label-parse): a locator that opens with a label's abbreviation.

    citeproc-js reads "fol. 186" as folio 186, "vol. 1, fol. 186" as volume "1, fol.
    186", "ch. 3" as chapter 3: the abbreviation must be one of its list, in lower case,
    followed by a period and a space, and the locale must have a term for the label it
    stands for (``get_term``: the style's lookup, None for a term it lacks). The label
    written in the locator wins over the cite's: with no label or "page" citeproc-js reads
    it when it takes the cite in, with any other label its number parser does ("fol. 186"
    cited as folio prints "fol. 186", "sec. 3" cited as folio "sec. 3"; csl-reference on
    five styles). citeproc-py printed the cite's label before the whole text ("p. fol.
    186", "fol. fol. 186"). (citeproc-js's own code skips legal items in the first step,
    but its number parser reads them: csl-reference prints "sec. 2" of a bill as section
    2 too, so the type does not matter.)
    """
    found = _LABELLED.match(locator.rstrip())
    if found is None or get_term(LOCATOR_ABBREVIATIONS[found.group(1)]) is None:
        return label, locator
    return LOCATOR_ABBREVIATIONS[found.group(1)], found.group(2)


def label_name(label: str | None) -> str | None:
    """FIX(sub-verbo-label): "sub verbo", CSL 1.0's name of the label, is "sub-verbo".

    citeproc-js takes both (a Zotero item or an older document may carry either); the
    locales name the term "sub-verbo", so citeproc-py found no term and printed no label
    ("gargoyle" where Chicago has "under gargoyle").
    """
    return "sub-verbo" if label == "sub verbo" else label


def locator_text(locator: str, html_out: bool) -> str:
    """FIX(locator-rich-text): a locator is read as a field is: quotes, apostrophes, markup.

    citeproc-js reads the locator as rich text: straight quotes become quotation marks
    (which take part in punctuation-in-quote: under “gargoyle.”), an apostrophe turns
    typographic, ``<i>`` is italics. citeproc-py printed the text as it stands. Only a
    locator with a quote or markup in it is touched (a page number never is).
    """
    if any(mark in locator for mark in "\"'<"):
        return prepare_value(locator, html_out)
    return locator


class Locator(citeproc.Locator):  # type: ignore[misc]
    """FIX(ibid-same-locator): a locator equal to another with the same label and value.

    citeproc-py compared locators by identity, so the same page cited twice was "ibid., 12"
    instead of "Ibid." (CSL 1.0.2, "position": ibid-with-locator needs a *different* locator).
    """

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, citeproc.Locator)
            and self.label == other.label
            and str(self.identifier) == str(other.identifier)
        )

    def __hash__(self) -> int:
        return hash((self.label, str(self.identifier)))


#: The arguments citeproc-py's cites take beside the key.
_CITE_OPTIONS = frozenset({"locator", "prefix", "suffix"})


class CitationItem(citeproc.CitationItem):  # type: ignore[misc]
    """One cite, with its author mode and its item looked up once.

    ``mode`` is None, ``"suppress"`` (FIX(suppress-author): the first names element is
    dropped) or ``"author-only"`` (FIX(author-only): it is all the cite prints, kept in
    ``author_text``); it becomes ``"done"`` once that names element has been handled.
    """

    mode: str | None = None
    author_text: str | None = None
    #: The text of the first names element the cite printed (cite grouping and collapsing).
    names_text: str | None = None
    #: Where the cite stands (:func:`citekit.engine.positions.place`): "first", "subsequent",
    #: "ibid" or "ibid-with-locator"; None until placed.
    position: str | None = None
    #: Whether the item was cited within ``near-note-distance`` notes before.
    near_note: bool = False
    #: The note of the item's first cite (``first-reference-note-number``), when not this one.
    first_note: int | None = None
    #: True when the job gave the position (it is kept, not found from the order).
    given: bool = False

    def __init__(self, key: str, *, mode: str | None = None, **kwargs: Any) -> None:
        if kwargs.keys() <= _CITE_OPTIONS:
            # what citeproc-py's constructor stores, without its checks of the arguments
            # (sets built and compared for each of a job's tens of thousands of cites)
            dict.__init__(self, key=key.lower())
            self.update(kwargs)
        else:  # citeproc-py warns of the others
            super().__init__(key, **kwargs)
        object.__setattr__(self, "mode", mode)
        # also a plain attribute: citeproc-py keeps it as a key, found through a failed
        # attribute lookup and ``__getattr__`` on each of the job's many reads
        object.__setattr__(self, "key", self["key"])

    def place(self, position: str, near_note: bool, first_note: int | None) -> None:
        """Say where the cite stands (its position, near note, first note)."""
        object.__setattr__(self, "position", position)
        object.__setattr__(self, "near_note", near_note)
        object.__setattr__(self, "first_note", first_note)

    def give(self, position: str, near_note: bool, first_note: int | None) -> None:
        """Place the cite as the job says, for good (see :attr:`given`)."""
        self.place(position, near_note, first_note)
        object.__setattr__(self, "given", True)

    def set_mode(self, mode: str) -> None:
        """Change the author mode (the first names element was handled)."""
        object.__setattr__(self, "mode", mode)

    def keep_names(self, text: str | None) -> None:
        """Remember (or forget, with None) the text of the cite's first names element."""
        object.__setattr__(self, "names_text", text)

    def keep_author(self, text: str) -> None:
        """Remember the author text an author-only cite prints."""
        object.__setattr__(self, "author_text", text)

    @cached_property
    def reference(self) -> Any:
        """The cited item, looked up once (citeproc-py looks it up on every read).

        Kept in the cite's ``__dict__``: each later read is a plain attribute read, with no
        call (it is read about a thousand times per cite rendered).
        """
        return self.citation.bibliography.source[self.key]


class Citation(citeproc.source.Citation):  # type: ignore[misc]
    """One citation, with its note number (None outside note styles or when unknown)."""

    note_index: int | None = None
    sort: bool = True  # False: the author's order stands even where the style sorts cites
    #: The cites in the order they print (cs:sort applied), once found.
    order: list[Any] | None = None

    def __init__(
        self, cites: list[Any], *, note_index: int | None = None, sort: bool = True
    ) -> None:
        # citeproc-py's constructor, whose checks of no other arguments find nothing; the
        # cites and each cite's citation are plain attributes too, as the key is (read
        # through a failed lookup and ``__getattr__`` they cost two microseconds a read)
        dict.__init__(self, cites=cites)
        object.__setattr__(self, "cites", cites)
        for cite in cites:
            cite["citation"] = self
            object.__setattr__(cite, "citation", self)
        object.__setattr__(self, "note_index", note_index)
        object.__setattr__(self, "sort", sort)

    def keep_order(self, cites: list[Any]) -> None:
        """Remember the order the cites print in."""
        object.__setattr__(self, "order", cites)


def registered(style: Any, source: Any, fmt_module: Any, ids: list[str]) -> Any:
    """A bibliography with one cite of every item of ``ids`` registered, in that order.

    All of them: a numeric style numbers by registration (FIX(registry-order)). 10,000
    items take 0.2 s to register, so the ambiguity check's rounds share one registration.
    """
    bib = Bibliography(style, source, fmt_module)
    for i in ids:
        bib.register(Citation([CitationItem(i)]))
    return bib
