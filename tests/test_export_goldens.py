"""Per-format golden exports (issue 14), checked line by line against what each consumer does.

Inputs are CSL-JSON (so the goldens do not move when the archive-page reader learns more):
``seed.json`` is the example record of ``documents/``; ``frus-document.json`` a document in a
FRUS volume with the variables the RIS and .bib exports used to drop (container-title,
number, publisher, event-place, number-of-pages). Why the goldens say what they say
(Zotero's importers as measured in zotero-field-mapping.md; biblatex's drivers):

RIS (``*.ris``)
  ``TY  - MANSCPT``: Zotero's manuscript (``GEN``/``UNPB`` make a journal article). ``DB``/``AN``
  reach Archive / Loc. in Archive, ``A4`` the translator, ``T2`` (container), ``PB``
  (institution) and ``CY`` (place) their fields; ``SP`` on a manuscript is Zotero's number
  of pages, so the pages go to ``M2  - Pages:``; ``ED`` and ``A2`` go wrong or are dropped on
  a manuscript, so editor and recipient are ``M2`` lines (in Zotero's Extra creator form,
  ``Editor: Glennon || John P.``), as are number and event place; a
  ``document`` is written ``MANSCPT`` with ``M2  - Type: document``. ``DP`` repeats the
  archive for Library Catalog. ``DA`` is RIS's ``YYYY/MM/DD/``.
BibTeX (``*.bibtex.bib``)
  ``@unpublished`` is Zotero's manuscript, ``@misc`` its document. Zotero reads ``pages`` on
  ``@unpublished`` as the number of pages, so a manuscript's pages ride in ``howpublished``
  (Zotero Extra "Published:") and an ``annote`` line; on ``@misc`` ``pages`` reaches Extra
  "Pages:". ``booktitle``/``number``/``pagetotal`` reach Extra; ``publisher``, ``address``,
  ``language``, ``url``, ``urldate`` their fields. Corporate names are double-braced.
BibLaTeX (``*.biblatex.bib``)
  ``@misc``, whose standard and Chicago drivers print the translator; ``howpublished`` prints
  shelfmark, pages and archive (no driver prints ``pages`` on ``@misc``); ``langid`` is
  biblatex's language name; ``maintitle``, ``location``, ``venue``, ``pagetotal`` are
  biblatex's fields; facts and the ``Type:`` line go to ``annote`` (biber's annotation,
  printed by no standard or Chicago driver). No ``origlanguage`` for Chinese: biblatex has no
  key for it (see ``ORIGLANGUAGE_KEYS``).
CSL-JSON (``*.csl.json``)
  CSL 1.0.2 variables; Zotero drops ``page`` on manuscripts and documents, so a
  ``Pages:`` line joins the facts in ``note`` (Zotero: Extra).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from citekit.export import export_items
from citekit.model import Item
from citekit.readers import read_text
from citekit.textio import read_input

GOLDEN = FIXTURES / "export"
FORMATS = {"csl-json": "csl.json", "ris": "ris", "bibtex": "bibtex.bib", "biblatex": "biblatex.bib"}


def _items(name: str) -> list[Item]:
    items, _ = read_text(read_input(str(GOLDEN / f"{name}.json")))
    return items


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("name", ["seed", "frus-document"])
def test_export_matches_the_golden(name: str, fmt: str) -> None:
    golden = GOLDEN / f"{name}.{FORMATS[fmt]}"
    if fmt == "csl-json" and name == "seed":
        golden = GOLDEN / "seed.json"  # the input is citekit's own CSL-JSON: it must not move
    text, _ = export_items(_items(name), fmt)
    assert text == golden.read_text(encoding="utf-8")


def test_the_goldens_hold_the_variables_that_used_to_be_dropped() -> None:
    ris = (GOLDEN / "frus-document.ris").read_text(encoding="utf-8").splitlines()
    for line in (
        "T2  - Foreign Relations of the United States, 1958–1960, China, Volume XIX",
        "PB  - Government Printing Office",
        "CY  - Washington",
        "SP  - 3",
        "M2  - Number: 45",
        "M2  - Event Place: Taipei",
        "M2  - Pages: 45-47",
    ):
        assert line in ris, line
    bib = (GOLDEN / "frus-document.biblatex.bib").read_text(encoding="utf-8")
    for field in (
        "maintitle = {{Foreign Relations",
        "number = {45}",
        "location = {Washington}",
        "venue = {Taipei}",
        "pagetotal = {3}",
        "publisher = {Government Printing Office}",
    ):
        assert field in bib, field
    classic = (GOLDEN / "seed.bibtex.bib").read_text(encoding="utf-8")
    assert "@unpublished{" in classic and "\tpages = " not in classic


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_goldens_read_back_to_their_inputs(fmt: str, tmp_path: Path) -> None:
    for name in ("seed", "frus-document"):
        golden = GOLDEN / f"{name}.{FORMATS[fmt]}"
        if not golden.exists():
            golden = GOLDEN / "seed.json"
        back, _ = read_text(read_input(str(golden)))
        assert [i.to_csl_json() for i in back] == [i.to_csl_json() for i in _items(name)]
