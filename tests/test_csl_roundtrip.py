"""citekit reads whatever it writes: CSL-JSON export, read back, is the same item.

Over every record fixture (each archive family, the old archive-page records and the
held-out set) and over generated items with the fields the readers fill: names, dates,
container-title and number, publisher, page counts, facts and unknown sections ("Type:
Cable", a CREST record's catalogue fields).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.export import export_items
from citekit.model import Contributor, Date, Item, Name
from citekit.names import is_body, ordered
from citekit.readers import read_paths, read_text
from citekit.textio import decode

RECORDS = [SEED, *sorted((FIXTURES / "records").glob("*/*.txt"))]


def same(item: Item) -> dict[str, Any]:
    """Everything an item says, as CSL-JSON with its facts, plus the facts one by one."""
    data = item.to_csl_json()
    return {
        "csl": data,
        "original_language": item.original_language,
        "funders": list(item.funders),
        "contributors": list(item.contributors),
        "notes": list(item.notes),
        "extra": dict(item.extra),
    }


def read_back(item: Item) -> Item:
    text, _ = export_items([item], "csl-json")
    items, _ = read_text(decode(text.encode("utf-8"), "refs.json"))
    (back,) = items
    return back


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_record_reads_back_from_its_csl_json(path: Path) -> None:
    (item,) = read_paths([str(path)]).items
    assert same(read_back(item)) == same(item)


def test_a_type_line_reads_back_as_a_fact_not_as_the_type(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citekit.cli import main

    record = FIXTURES / "records" / "wilson" / "cable-type-section.txt"
    out = tmp_path / "refs.json"
    r = CliRunner().invoke(main, ["export", str(record), "--to", "csl-json", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    r = CliRunner().invoke(main, ["cite", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "internal error" not in r.stderr and "Cable from the Chinese Embassy" in r.stdout
    (back,) = read_paths([str(out)]).items
    assert back.type == "manuscript" and back.extra["Type"] == "Cable"


WORD = st.text(st.sampled_from(list("abcdefghijklmnoprstuvzéüčДжя张")), min_size=1, max_size=8)
CAP = WORD.map(lambda w: w[0].upper() + w[1:])
PHRASE = st.lists(CAP, min_size=1, max_size=5).map(" ".join)
# A note line writes a contributor as "Given Family (obtained)"; reading it back, a name with
# an institution word in it ("Mission", "Party") is a body, as in a record: such given names
# are left out of the generated people (a known limit of the note-line form).
# A name's order is decided when it is read (names.ordered): built here as a reader builds it.
# A one-letter family name is left out too: written "Dong A", the letter reads as an initial
# (family "Dong"), as it should for a real "Dong A." in a note line.
PERSON = st.builds(
    lambda f, g: ordered(Name(family=f, given=g)),
    CAP.filter(lambda w: not is_body(w) and len(w) > 1),
    CAP.filter(lambda w: not is_body(w)),
)
BODY = PHRASE.map(lambda p: Name(literal=f"Ministry of {p}"))
DATE = st.one_of(
    st.builds(lambda y: Date(parts=((y,),)), st.integers(1900, 2020)),
    st.builds(
        lambda y, m, d: Date(parts=((y, m, d),)),
        st.integers(1900, 2020),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
    st.builds(
        lambda a, b: Date(parts=((a,), (a + b,))), st.integers(1900, 2000), st.integers(1, 9)
    ),
)
FACT_KEY = st.sampled_from(["Type", "Release Date", "Place", "Collection", "Content Type"])
CSL_EXTRA = st.fixed_dictionaries(
    {},
    optional={
        "container-title": PHRASE,
        "number": st.integers(1, 999).map(str),
        "number-of-pages": st.integers(1, 99).map(str),
        "volume": st.integers(1, 20).map(str),
        "publisher": PHRASE,
        "publisher-place": CAP,
        "container-author": st.lists(PERSON, min_size=1, max_size=2).map(
            lambda ns: [n.to_csl_json() for n in ns]
        ),
    },
)
ITEMS = st.builds(
    lambda title, author, recipient, translator, issued, csl, extra, funders, contrib, notes, t: (
        Item(
            id="k1",
            citation_key="k1",
            type=t,
            title=title,
            author=tuple(author),
            recipient=tuple(recipient),
            translator=tuple(translator),
            issued=issued,
            archive="Wilson Center Digital Archive",
            archive_location="AVPRF, f. 5, op. 2",
            page="11-12",
            URL="https://digitalarchive.wilsoncenter.org/document/1",
            language="en",
            original_language="Russian",
            csl=csl,
            extra=extra,
            funders=tuple(funders),
            contributors=tuple(Contributor(n, "obtained") for n in contrib),
            notes=tuple(notes),
        )
    ),
    PHRASE,
    st.lists(st.one_of(PERSON, BODY), max_size=2),
    st.lists(st.one_of(PERSON, BODY), max_size=2),
    st.lists(PERSON, max_size=3),
    DATE,
    CSL_EXTRA,
    st.dictionaries(FACT_KEY, PHRASE, max_size=3),
    st.lists(PHRASE.map(lambda p: f"{p} Foundation"), max_size=2),
    st.lists(PERSON, max_size=2),
    st.lists(PHRASE.filter(lambda p: not re.match(r"^[A-Z][A-Za-z -]{1,40}: ", p)), max_size=2),
    st.sampled_from(["manuscript", "document"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ITEMS)
def test_generated_items_read_back_from_csl_json(item: Item) -> None:
    assert same(read_back(item)) == same(item)


@pytest.mark.parametrize(
    "name",
    [
        Name(family="Aa", given="Dong"),  # a given name that is a Chinese family name
        Name(family="Aa", given="Ii"),  # a given name that reads as a suffix
        Name(family="Van Buren", given="Martin"),
        Name(family="Zhang", given="Shuguang", family_first=True),
        Name(family="Gaulle", given="Charles", non_dropping_particle="de"),
    ],
    ids=lambda n: n.display,
)
def test_a_contributor_line_reads_back_as_the_same_name(name: Name) -> None:
    """Found by the property test above: "Dong Aa" read back as a family-first name."""
    item = Item(
        id="k1", type="manuscript", title="A", contributors=(Contributor(name, "obtained"),)
    )
    (back,) = read_back(item).contributors
    assert (back.name.family, back.name.given, back.name.family_first) == (
        name.family,
        name.given,
        name.family_first,
    )
