"""The engine's phases do each piece of work once: what they find again is not rendered again."""

from __future__ import annotations

from typing import Any

import pytest
from citeproc import formatter

from citekit.engine import disambiguate as dis
from citekit.engine.loader import load_style
from citekit.engine.prepare import Source, prepare_item


def _item(n: int, given: str) -> dict[str, Any]:
    return {
        "id": f"d{n}",
        "type": "manuscript",
        "title": f"Report {n}",
        "author": [{"family": "Kraus", "given": given}],
        "issued": {"date-parts": [[1962, 4, n + 1]]},
    }


@pytest.fixture
def forms(monkeypatch: pytest.MonkeyPatch) -> tuple[dis.Forms, list[list[str]]]:
    style = load_style("modern-language-association")
    prepared = [
        prepare_item(_item(n, g), f"i{n}", False) for n, g in enumerate(["Charles", "Carl", "Jan"])
    ]
    source = Source(prepared)
    rendered: list[list[str]] = []
    original = dis.cite_alone

    def counted(*args: Any, **kwargs: Any) -> dict[str, str]:
        out = original(*args, **kwargs)
        rendered.append(list(out))
        return out

    monkeypatch.setattr(dis, "cite_alone", counted)
    return dis.Forms(style, source, formatter.plain), rendered


def test_an_item_is_rendered_again_only_in_a_setting_not_seen(
    forms: tuple[dis.Forms, list[list[str]]],
) -> None:
    find, rendered = forms
    ids = ["i0", "i1", "i2"]
    first = find(ids)
    assert rendered == [ids] and first["i0"] == first["i1"]  # "Kraus" alone
    assert find(ids) == first and len(rendered) == 1  # nothing changed: nothing rendered
    state = find.state
    state.expand["i1"] = {("Kraus", "Carl"): 2}
    shown = find(ids)
    assert rendered[-1] == ["i1"] and shown["i1"] != first["i1"]  # the changed item alone
    del state.expand["i1"]
    assert find(ids) == first and len(rendered) == 2  # back to a setting rendered before
    find.source["i2"]["year_suffix"] = "a"
    find(ids, only=["i2"])
    assert rendered[-1] == ["i2"]  # a year suffix is a new setting too


def test_the_job_disambiguates_as_before_with_fewer_renders(
    forms: tuple[dis.Forms, list[list[str]]],
) -> None:
    find, rendered = forms
    ids = ["i0", "i1", "i2"]
    dis.disambiguate(find.style, find.source, formatter.plain, ids)
    # every item once, then the given names the by-cite steps try: never an item twice in
    # the same setting (the last pass over the changed items finds them all rendered)
    pieces = [i for call in rendered for i in call]
    assert pieces.count("i2") == 2  # alone, then with initials (J. Kraus: told apart)
    assert pieces.count("i0") == 3  # alone, initials (C. Kraus twice), whole given name
    assert find.state.expand["i0"] == {("Kraus", "Charles"): 2}


def test_documents_of_one_author_are_rendered_once_per_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    style = load_style("modern-language-association")
    givens = ["Charles", "Charles", "Carl"]  # two documents by one person, one by another
    prepared = [prepare_item(_item(n, g), f"i{n}", False) for n, g in enumerate(givens)]
    source = Source(prepared)
    rendered: list[str] = []
    original = dis.cite_alone

    def counted(*args: Any, **kwargs: Any) -> dict[str, str]:
        out = original(*args, **kwargs)
        rendered.extend(out)
        return out

    monkeypatch.setattr(dis, "cite_alone", counted)
    ids = ["i0", "i1", "i2"]
    dis.disambiguate(style, source, formatter.plain, ids)
    assert rendered.count("i1") == 1  # alone; each step rendered i0 for it
    assert rendered.count("i0") == 3  # alone, initials (C. Kraus twice), whole given name
    state = style.state
    assert state.expand["i1"] == state.expand["i0"] == {("Kraus", "Charles"): 2}
    assert state.ambiguous == {"i0", "i1"}  # the same person: still alike
    # what i1 was taken to print is what it prints
    state.ambiguous, level = set(), dict(state.disambiguate_level)
    state.disambiguate_level = {}
    alone = original(style, source, formatter.plain, ids)
    assert alone["i1"] == alone["i0"] != alone["i2"]
    state.disambiguate_level = level
