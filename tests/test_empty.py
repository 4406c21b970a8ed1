"""engine.empty: the parts of a style that cannot print for an item are skipped, and only those.

Skipping is a speed-up, so the one thing that matters is that output does not change: the
last test renders the conformance and archival items in styles with the features the
skip must respect (subsequent-author-substitute, ``disambiguate="true"`` conditions,
substitutes, choose-heavy macros) with the skip and without it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from citeproc.source import Reference
from conftest import ROOT, style_macro

import citekit
from citekit.engine import empty, macros
from citekit.engine.state import state_of


def _macro(body: str) -> Any:
    """A style with one macro ``m`` holding ``body``; the macro element, as the engine has it."""
    return style_macro(
        body, '<macro name="other"><text term="in"/><text variable="container-title"/></macro>'
    )


@pytest.mark.parametrize(
    ("body", "wanted"),
    [
        ('<text variable="title"/>', {"title"}),
        ('<text variable="title" form="short"/>', {"title", "title_short"}),
        ('<text variable="page-first"/>', {"page"}),
        # the group rule: a term beside a variable prints only when the variable does
        ('<group><text term="in"/><text variable="container-title"/></group>', {"container_title"}),
        # the macro rule: its own term, beside a variable, goes with the variable
        ('<text term="in"/><names variable="editor"/>', {"editor"}),
        # a macro it calls counts by that macro's needs
        ('<text macro="other"/>', {"container_title"}),
        # a choose: every branch's variables, the else too
        (
            '<choose><if type="book"><text variable="publisher"/></if>'
            '<else><date variable="issued"/></else></choose>',
            {"publisher", "issued"},
        ),
        # a substitute's variables are the names' own
        (
            '<names variable="author"><substitute><names variable="editor"/>'
            '<text variable="title"/></substitute></names>',
            {"author", "editor", "title"},
        ),
    ],
)
def test_what_a_part_needs(body: str, wanted: set[str]) -> None:
    assert empty.needs(_macro(body)) == frozenset(wanted)


@pytest.mark.parametrize(
    "body",
    [
        '<text term="in"/>',  # a term prints on its own
        '<text value="n.p."/>',
        '<text variable="locator"/>',  # the cite's, not the item's
        '<text variable="citation-number"/>',
        # a branch that calls no variable prints its term: "n.d." when there is no date
        '<choose><if variable="issued"><date variable="issued"/></if>'
        '<else><text term="no date"/></else></choose>',
        # a group of terms alone counts as printed in a macro
        '<group><text term="in"/></group><text variable="title"/>',
        '<names variable="author"><substitute><text term="anonymous"/></substitute></names>',
        # testing the condition counts it (FIX(disambig-incremental)): never skipped
        '<choose><if disambiguate="true"><text variable="title"/></if></choose>',
    ],
)
def test_parts_that_may_print_without_the_item(body: str) -> None:
    assert empty.needs(_macro(body)) is None


def test_what_an_item_of_a_known_type_and_variables_needs() -> None:
    """Branches that test just the type and variables are decided for the item at hand."""
    macro = _macro(
        '<choose><if type="book"><text variable="publisher"/></if>'
        '<else-if variable="container-title"><text macro="other"/></else-if>'
        '<else-if type="manuscript" variable="archive" match="any"><text variable="archive"/>'
        '</else-if><else><date variable="issued"/></else></choose>'
    )
    has = frozenset({"title", "archive"})
    assert empty.needs(macro, ("book", has)) == {"publisher"}
    assert empty.needs(macro, ("manuscript", has)) == {"archive"}
    assert empty.needs(macro, ("article", frozenset({"container_title"}))) == {"container_title"}
    assert empty.needs(macro, ("article", frozenset({"title"}))) == {"issued"}
    # a test of the locator or a position is the cite's: every branch stays
    located = _macro(
        '<choose><if variable="locator"><text variable="page"/></if>'
        '<else><text variable="title"/></else></choose>'
    )
    assert empty.needs(located, ("book", frozenset({"title"}))) == {"page", "title"}


def test_a_part_with_names_renders_until_the_entry_has_its_first_names() -> None:
    """FIX(sas-first-names-empty) records an entry's first names even when they print nothing."""
    macro = _macro('<names variable="editor"/>')

    class Cite:
        key = "a"
        reference = Reference("a", "book", title="T")

    state = state_of(macro)
    assert empty.cannot_print(macro, Cite())
    state.first_names = {}
    assert not empty.cannot_print(macro, Cite())  # the bibliography: render, and record ""
    state.first_names = {"a": ""}
    assert empty.cannot_print(macro, Cite())


STYLES = [
    "modern-language-association",  # many macros empty for an archival record
    "chicago-notes-bibliography",  # disambiguate="true" in its short notes
    "apa",
    "journal-of-jewish-studies",  # subsequent-author-substitute with editor macros
    "harvard-cite-them-right",
]


@pytest.mark.parametrize("style", STYLES)
def test_skipping_changes_no_output(style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    items: list[dict[str, Any]] = []
    for name in ("items.json", "items-archival.json"):
        items += json.loads((ROOT / "tests" / "conformance" / name).read_text(encoding="utf-8"))
    citations = []
    for item in items:  # first, subsequent and ibid cites, each with a locator
        citations += [[{"id": item["id"], "locator": "11", "label": "page"}]] * 2
    job = {"style": style, "format": "text", "items": items, "citations": citations}
    job["bibliography"] = True
    skipped = citekit.process(job)
    monkeypatch.setattr(empty, "MAX_KNOWN", 1)  # one answer for any item, past the first
    assert citekit.process(job) == skipped
    monkeypatch.setattr(macros, "cannot_print", lambda element, item: False)
    assert citekit.process(job) == skipped
