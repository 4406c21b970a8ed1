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


def test_the_source_holds_what_citeproc_py_reads_roles_after() -> None:
    """Source makes each item directly: the dict citeproc-py's CiteProcJSON makes, same order.

    The roles citeproc-py does not know (FIX(csl-1.0.2)) come after its own fields, as names.
    """
    import warnings

    from citeproc.source.json import CiteProcJSON

    items = [
        {
            "id": "A",
            "type": "book",
            "key": "ignored",
            "title": 'Diary <span class="nocase">of</span> "x"',
            "shortTitle": "Diary",
            "language": "de",
            "director": [{"family": "Wenders", "given": "Wim"}],
            "author": [{"literal": "Politburo"}, {"family": "Kraus", "given": "Imre"}],
            "issued": {"date-parts": [[1961, 8, 13]]},
            "page": "11-12",
            "number-of-pages": 3,
        },
        {"id": "b", "type": "manuscript", "title": "T", "accessed": {"date-parts": [[2020]]}},
    ]
    ours = Source(items)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = CiteProcJSON([{k: v for k, v in it.items() if k != "director"} for it in items])
    theirs["a"]["director"] = theirs.parse_names(items[0]["director"])

    def shape(source: Any) -> list[Any]:
        return [
            (key, type(ref).__name__, [(f, type(v).__name__, repr(v)) for f, v in ref.items()])
            for key, ref in source.items()
        ]

    assert shape(ours) == shape(theirs)
    assert [type(n).__name__ for n in ours["a"]["author"]] == ["Name", "Name"]
    assert list(ours["a"])[:2] == ["key", "type"] and list(ours["a"])[-1] == "director"
