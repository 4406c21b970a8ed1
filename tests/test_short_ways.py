"""The short ways plain elements render by (``<text macro>``, ``<text variable>``, a group
with only a delimiter) print what the long way prints, in every standing of a cite."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT

import citekit
from citekit.engine import groups
from citekit.engine.caches import elements

ITEMS = [
    *json.loads((ROOT / "tests" / "conformance" / "items.json").read_text(encoding="utf-8")),
    *json.loads(
        (ROOT / "tests" / "conformance" / "items-archival.json").read_text(encoding="utf-8")
    ),
]


def _citations(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A first cite with a page, ibid., ibid. with another page, a prefix, a later cite."""
    out: list[list[dict[str, Any]]] = []
    for n, item in enumerate(items):
        out.append([{"id": item["id"], "locator": "11", "label": "page"}])
        if n % 3 == 0:
            out.append([{"id": item["id"], "locator": "11", "label": "page"}])
            out.append([{"id": item["id"], "locator": "12-14", "label": "page"}])
        if n % 4 == 1:
            out.append([{"id": item["id"], "prefix": "see also", "suppress-author": True}])
    out += [[{"id": item["id"]}] for item in items[:8]]
    return out


@pytest.mark.parametrize(
    "style",
    [
        "chicago-notes-bibliography",  # "Ibid." capitalised after a prefix or at the start
        "modern-language-association",
        "apa",
        "ieee",
        "harvard-cite-them-right",
        "deutsche-gesellschaft-fur-psychologie",  # a German locale
    ],
)
def test_the_short_ways_change_no_output(style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    job: dict[str, Any] = {"style": style, "format": "html", "items": ITEMS}
    job.update(citations=_citations(ITEMS), bibliography=True)
    monkeypatch.setenv("CITEKIT_JOBS", "1")
    taken = {"text": 0, "group": 0}
    plain_text, plain_group = elements.Text._plain, elements.plain_class

    def text_plain(self: Any) -> Any:
        found = plain_text(self)
        taken["text"] += found is not False
        return found

    def group_plain(*args: Any) -> bool:
        found = plain_group(*args)
        taken["group"] += found
        return found

    monkeypatch.setattr(elements.Text, "_plain", text_plain)
    monkeypatch.setattr(groups, "plain_class", group_plain)
    short = citekit.process(job)  # (each job loads its own style: every element decides anew)
    assert taken["text"] > 5 and taken["group"] > 5  # the short ways were taken
    monkeypatch.delattr(elements.Text, "render")  # the long way: citeproc-py's render
    monkeypatch.delattr(groups.Group, "render")
    assert citekit.process(job) == short
