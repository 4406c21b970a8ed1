"""engine.reads: a rendering remembered by what it read, and given only to items that read alike.

The memory is a speed-up, so what matters is that output does not change: the last test
renders items made to share authors, titles and settings in styles that disambiguate in
different ways, with the memory and without it, and checks that the memory was used.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from citeproc.source import Name, Reference
from conftest import ROOT, style_macro

import citekit
from citekit.engine import reads
from citekit.engine.state import RenderState


def _ref(key: str, **fields: Any) -> Any:
    """An item as the engine's source holds it."""
    made = Reference.__new__(Reference)
    dict.update(made, {"key": key, "type": "manuscript", **fields})
    return made


def _author(family: str, given: str) -> list[Any]:
    name = Name.__new__(Name)
    dict.update(name, {"family": family, "given": given})
    return [name]


def _recall(memo: reads.Memo, key: str, ref: Any) -> Any:
    return memo.recall(memo.kind(key, ref), ref)


def _render(memo: reads.Memo, ref: Any, read: list[str], text: str) -> None:
    """A stand-in for a rendering: reads ``read`` of the item, prints ``text``."""

    def rendering() -> str:
        for variable in read:
            ref.get(variable)
        return text

    memo.through(memo.kind(ref["key"], ref), ref, rendering)


def test_what_a_rendering_reads_is_noted_and_its_presence_tests_are_not() -> None:
    ref = _ref("a", title="T", author=_author("Kraus", "Imre"), archive="W")
    memo = reads.Memo(RenderState(), notes=False, labels=False)

    def rendering() -> str:
        assert type(ref) is reads.Tracked  # its class while it renders, the same dict
        assert ref["title"] == "T"
        assert ref.author[0]["family"] == "Kraus"  # citeproc-py's attribute reading
        assert ref.get("volume") is None
        assert "archive" in ref  # presence: the item's set of variables says it
        return "Kraus"

    assert memo.through(memo.kind("a", ref), ref, rendering) == ("Kraus", False)
    assert type(ref) is Reference
    (readings,) = memo.kept.values()
    assert list(readings) == [("author", "title", "volume")]


def test_an_item_that_reads_alike_gets_the_text_and_no_other() -> None:
    memo = reads.Memo(RenderState(), notes=False, labels=False)
    first = _ref("a", author=_author("Kraus", "Imre"), title="One")
    _render(memo, first, ["author"], "Kraus")
    # the same author, another title (not read): the same text
    assert _recall(memo, "b", _ref("b", author=_author("Kraus", "Imre"), title="Two")) == "Kraus"
    # another given name (read): not this text
    other = _ref("c", author=_author("Kraus", "Ilona"), title="One")
    assert _recall(memo, "c", other) is reads.NOT_KEPT
    # another set of variables: another kind of item
    extra = _ref("d", author=_author("Kraus", "Imre"), title="One", URL="u")
    assert _recall(memo, "d", extra) is reads.NOT_KEPT


def test_settings_are_part_of_the_kind() -> None:
    state = RenderState()
    memo = reads.Memo(state, notes=True, labels=False)
    _render(memo, _ref("a", author=_author("Kraus", "Imre")), ["author"], "Kraus")
    twin = _ref("b", author=_author("Kraus", "Imre"))
    state.expand["b"] = {("Kraus", "Imre"): 1}  # its given name shown as initials
    assert _recall(memo, "b", twin) is reads.NOT_KEPT
    del state.expand["b"]
    state.first_notes["b"] = 7  # a style that prints the first note: its own
    assert _recall(memo, "b", twin) is reads.NOT_KEPT
    del state.first_notes["b"]
    assert _recall(memo, "b", twin) == "Kraus"


def test_what_cannot_be_followed_is_not_kept() -> None:
    memo = reads.Memo(RenderState(), notes=False, labels=False)
    ref = _ref("a", author=_author("Kraus", "Imre"))
    memo.through(memo.kind("a", ref), ref, lambda: (dict(ref.items()), "Kraus")[1])
    assert memo.kept == {}  # every value read at once

    def failing() -> str:
        raise RuntimeError  # a rendering that failed

    with pytest.raises(RuntimeError):
        memo.through(memo.kind("a", ref), ref, failing)
    assert memo.kept == {} and type(ref) is Reference
    plain = {"key": "a", "type": "manuscript"}  # not citeproc-py's item: rendered, not kept
    assert memo.through((), plain, lambda: "x") == ("x", False)
    assert memo.kept == {}


def _macro(body: str) -> Any:
    return style_macro(
        body,
        '<macro name="cited"><text variable="locator"/></macro>'
        '<macro name="archive-locator"><text variable="archive_location"/></macro>',
    )


@pytest.mark.parametrize(
    ("body", "follows"),
    [
        ('<names variable="author"/><text variable="title"/>', True),
        ('<choose><if position="first"><text variable="title"/></if></choose>', False),
        ('<text variable="citation-number"/>', False),
        ('<text macro="cited"/>', False),  # through a macro it calls
        ('<choose><if is-numeric="locator"><text value="x"/></if></choose>', False),
        ('<choose><if locator="page"><text value="x"/></if></choose>', False),  # its label
        ('<label variable="page locator"/>', False),
        ('<text macro="archive-locator"/>', True),  # a macro's name is not a variable
    ],
)
def test_what_depends_on_the_item_alone(body: str, follows: bool) -> None:
    assert reads.follows(_macro(body)) is follows


def test_in_the_bibliography_a_position_or_locator_answers_alike_for_every_entry() -> None:
    assert reads.follows(
        _macro('<choose><if position="first"><text value="x"/></if></choose>'), bibliography=True
    )
    assert reads.follows(_macro('<text macro="cited"/>'), bibliography=True)
    assert not reads.follows(_macro('<text variable="citation-number"/>'), bibliography=True)


def _look_alikes() -> list[dict[str, Any]]:
    """The conformance items, with documents made to share their authors and titles.

    For each item with an author: another document of the same author (another title and
    date), one of an author of the same family name and another given name, and one the same
    in everything but its id and archive location (a look-alike no step tells apart).
    """
    items: list[dict[str, Any]] = []
    for name in ("items.json", "items-archival.json"):
        items += json.loads((ROOT / "tests" / "conformance" / name).read_text(encoding="utf-8"))
    made = []
    for n, item in enumerate(items):
        if not item.get("author"):
            continue
        again = copy.deepcopy(item)
        again.update(id=f"again{n}", title=f"{item.get('title', '')} Continued")
        again["issued"] = {"date-parts": [[1971, 3]]}
        cousin = copy.deepcopy(item)
        cousin["id"] = f"cousin{n}"
        cousin["author"][0]["given"] = "Zoltan"
        twin = copy.deepcopy(item)
        twin.update(id=f"twin{n}", archive_location=f"Box {n}")
        made += [again, cousin, twin]
    return items + made


def _cites(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Citations that stand in every way a cite can: the memory must tell them apart.

    Each item cited with a page, first without its author or as the author alone for
    some (a first note's later names must still print); some again at once (ibid.),
    with a folio, in the other mode, or beside the next item (collapsed by author where
    the style does); the first items once more at the end (subsequent, far from the first).
    """
    citations: list[list[dict[str, Any]]] = []
    for n, item in enumerate(items):
        cite = {"id": item["id"], "locator": "11", "label": "page"}
        mode, other = ("suppress-author", "author-only")[:: 1 if n % 2 else -1]
        if n % 4 in (1, 2):
            citations.append([{**cite, mode: True}])
        citations.append([cite])
        if n % 3 == 0:
            citations.append([dict(cite)])
        if n % 4 == 0:
            citations.append([{"id": item["id"], "locator": "3", "label": "folio"}])
        citations.append([{"id": item["id"], other: True}])
        if n % 6 == 0 and n + 1 < len(items):
            citations.append([{"id": item["id"]}, {"id": items[n + 1]["id"]}])
    citations += [[{"id": item["id"]}] for item in items[:10]]
    return citations


@pytest.mark.parametrize(
    "style",
    [
        "modern-language-association",  # the title added to look-alike authors
        "chicago-notes-bibliography",  # given names, then disambiguate="true" conditions
        "apa",  # year suffixes
        "harvard-cite-them-right",
        "journal-of-jewish-studies",  # subsequent-author-substitute
        "academy-of-management-review",  # et-al-subsequent-min, cites collapsed by author
        "australian-guide-to-legal-citation-3rd-edition",  # first-reference-note-number
    ],
)
def test_remembering_changes_no_output(style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    items = _look_alikes()
    citations = _cites(items)
    job: dict[str, Any] = {"style": style, "format": "text", "items": items}
    job.update(citations=citations, bibliography=True)
    monkeypatch.setenv("CITEKIT_JOBS", "1")  # every rendering in this process, counted
    used = []
    recall = reads.Memo.recall

    def counted(self: reads.Memo, kind: Any, ref: Any) -> Any:
        found = recall(self, kind, ref)
        used.append(found is not reads.NOT_KEPT)
        return found

    monkeypatch.setattr(reads.Memo, "recall", counted)
    remembered = citekit.process(job)
    assert sum(used) > 20  # the memory was used
    monkeypatch.setattr(reads.Memo, "recall", lambda self, kind, ref: reads.NOT_KEPT)
    assert citekit.process(job) == remembered


@pytest.mark.parametrize(
    "test",
    [
        '<if position="ibid"><text value="ibid"/></if><else><text value="other"/></else>',
        '<if position="subsequent"><text variable="first-reference-note-number"/></if>',
        '<if locator="folio"><text value="folio"/></if><else><text variable="locator"/></else>',
    ],
)
def test_a_macro_that_reads_the_cite_is_shared_only_by_cites_that_stand_alike(
    test: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two documents of one author, whose names macro also asks where the cite stands (as
    # Chicago's author macros do for documents with no author): each cite's own answer.
    style = tmp_path / "style.csl"
    style.write_text(
        f"""<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">
      <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
      <macro name="who">
        <group delimiter=" "><names variable="author"/><choose>{test}</choose></group>
      </macro>
      <citation><layout><text macro="who"/></layout></citation>
    </style>""",
        encoding="utf-8",
    )
    author = [{"family": "Kraus", "given": "Imre"}]
    items = [{"id": i, "type": "manuscript", "author": author, "title": i} for i in "ab"]
    cites = [("a", "1"), ("b", "2"), ("a", "3"), ("a", "3"), ("b", "4"), ("a", ""), ("b", "fol. 2")]
    job: dict[str, Any] = {"style": str(style), "items": items, "bibliography": False}
    job["citations"] = [[{"id": i, "locator": loc}] for i, loc in cites]
    monkeypatch.setenv("CITEKIT_JOBS", "1")
    remembered = citekit.process(job)["citations"]
    monkeypatch.setattr(reads.Memo, "recall", lambda self, kind, ref: reads.NOT_KEPT)
    assert citekit.process(job)["citations"] == remembered
    assert len(set(remembered)) > 1  # the cites differ
