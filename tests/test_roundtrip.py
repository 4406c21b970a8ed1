"""Every export reads back into the same item (hypothesis), and real consumers accept it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.export import export_items
from citekit.model import Date, Item, Name
from citekit.readers import read_text
from citekit.textio import decode

LETTERS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzÀéüßøčžДЖЯжяфщ张汉夫金日成ąłİ"))
WORD = st.text(LETTERS, min_size=1, max_size=8).map(lambda w: w[0].upper() + w[1:])
TEXT_CHARS = st.sampled_from(
    [*list("abcdefgXYZ 0123456789{}%&\\_#$^~'\"“”’,.;:()[]<>@/-–"), "张", "Д", "é"]
)
TEXT = (
    st.text(TEXT_CHARS, min_size=1, max_size=40)
    .map(lambda t: re.sub(r"\s+", " ", t).strip())
    .filter(lambda t: bool(t) and not t.startswith(("-", "{")) and t[-1] not in ".")
)
PERSON = st.builds(lambda f, g: Name(family=f, given=g), WORD, WORD)
DATES = st.one_of(
    st.builds(lambda y: Date(parts=((y,),)), st.integers(1900, 2020)),
    st.builds(lambda y, m: Date(parts=((y, m),)), st.integers(1900, 2020), st.integers(1, 12)),
    st.builds(
        lambda y, m, d: Date(parts=((y, m, d),)),
        st.integers(1900, 2020),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
)
PAGES = st.one_of(
    st.none(),
    st.integers(1, 900).map(str),
    st.tuples(st.integers(1, 50), st.integers(51, 99)).map(lambda t: f"{t[0]}-{t[1]}"),
)

ITEMS = st.builds(
    lambda title, authors, translators, issued, location, page, funders, orig, key: Item(
        id=key,
        citation_key=key,
        type="manuscript",
        title=title,
        author=tuple(authors),
        translator=tuple(translators),
        issued=issued,
        archive="Wilson Center Digital Archive",
        archive_location=location,
        page=page,
        URL="https://example.org/doc/1?a=1&b=%7E_x",
        language="en",
        original_language=orig,
        funders=tuple(funders),
    ),
    TEXT,
    st.lists(PERSON, max_size=2) | st.just([Name(literal="Ministry of Foreign Affairs")]),
    st.lists(PERSON, min_size=1, max_size=3),
    DATES,
    TEXT,
    PAGES,
    st.lists(WORD.map(lambda w: w + " Foundation"), max_size=2),
    st.sampled_from([None, "Chinese", "Russian"]),
    st.from_regex(r"[a-z]{3,8}(19|20)[0-9]{2}[a-z]{2,6}", fullmatch=True),
)


def core(item: Item) -> dict[str, object]:
    return {
        "key": item.key,
        "type": item.type,
        "title": item.title,
        "author": [n.to_csl_json() for n in item.author],
        "translator": [n.to_csl_json() for n in item.translator],
        "issued": item.issued.parts if item.issued else None,
        "archive": item.archive,
        "archive_location": item.archive_location,
        "page": item.page,
        "URL": item.URL,
        "language": item.language,
        "original_language": item.original_language,
        "funders": list(item.funders),
    }


def read_back(text: str, name: str) -> Item:
    items, _ = read_text(decode(text.encode("utf-8"), name))
    (item,) = items
    return item


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ITEMS, st.sampled_from(["csl-json", "ris", "bibtex", "biblatex"]))
def test_every_format_reads_back_the_same_fields(item: Item, fmt: str) -> None:
    text, _ = export_items([item], fmt)
    suffix = {"csl-json": ".json", "ris": ".ris", "bibtex": ".bib", "biblatex": ".bib"}[fmt]
    assert core(read_back(text, "x" + suffix)) == core(item)


@settings(max_examples=40, deadline=None)
@given(st.lists(ITEMS, min_size=1, max_size=4))
def test_bibtexparser_parses_every_bib_with_no_failed_blocks(items: list[Item]) -> None:
    from bibtexparser.entrypoint import parse_string

    uniq = {i.key: i for i in items}
    text, _ = export_items(list(uniq.values()), "biblatex")
    library = parse_string(text)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == list(uniq)


def test_csl_json_uses_only_csl_1_0_2_variables_with_their_types() -> None:
    from citekit.model import DATE_VARIABLES, ITEM_TYPES, NAME_VARIABLES, TEXT_VARIABLES
    from citekit.readers import read_paths

    (item,) = read_paths([str(SEED)]).items
    data = json.loads(export_items([item], "csl-json")[0])[0]
    for key, value in data.items():
        if key in ("id", "type"):
            continue
        assert key in NAME_VARIABLES + DATE_VARIABLES + TEXT_VARIABLES, key
        if key in NAME_VARIABLES:
            assert isinstance(value, list) and all(isinstance(n, dict) for n in value)
        elif key in DATE_VARIABLES:
            assert isinstance(value["date-parts"], list)
        else:
            assert isinstance(value, str | int)
    assert data["type"] in ITEM_TYPES and data["type"] == "manuscript"
    assert "Original Language: Chinese" in data["note"] and "Pages: 11-12" in data["note"]


def test_ris_has_the_zotero_tags() -> None:
    from citekit.readers import read_paths

    (item,) = read_paths([str(SEED)]).items
    ris = export_items([item], "ris")[0]
    for line in (
        "TY  - MANSCPT",
        "A4  - Kraus, Charles",
        "DB  - Wilson Center Digital Archive",
        "AN  - PRC FMA 118-01154-07",
        "M2  - Pages: 11-12",
        "LA  - English",
        "M2  - Original Language: Chinese",
        "DA  - 1962/04/26/",
        "UR  - https://wilson-center-digital-archive.dvincitest.com/document/118188",
        "DP  - Wilson Center Digital Archive",
    ):
        assert line in ris.splitlines(), line


def test_bibtex_ascii_option_escapes_non_ascii() -> None:
    item = Item(id="k", citation_key="k", title="Ürümqi Talks", author=(Name("Müller", "Jörg"),))
    text, _ = export_items([item], "biblatex")
    assert "Ürümqi" in text
    from citekit.export import ExportOptions

    text, _ = export_items([item], "biblatex", ExportOptions(ascii=True))
    assert text.isascii() and '\\"Ur\\"umqi' in text and 'M\\"uller' in text
    back = read_back(text, "a.bib")
    assert back.title == "Ürümqi Talks" and back.author == (Name("Müller", "Jörg"),)


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is installed by .ci/run")
def test_biber_reads_the_bib_without_errors(tmp_path: Path) -> None:
    from citekit.readers import read_paths

    items = read_paths([str(SEED), str(Path(__file__).parent / "fixtures/records/archive-page")])
    (tmp_path / "refs.bib").write_text(export_items(items.items, "biblatex")[0], encoding="utf-8")
    out = subprocess.run(
        ["biber", "--tool", "--output-file", str(tmp_path / "out.bib"), str(tmp_path / "refs.bib")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ERROR" not in out.stdout + out.stderr
    assert "ministry1962reporting" in (tmp_path / "out.bib").read_text(encoding="utf-8")


def _pandoc() -> str | None:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return None


@pytest.mark.skipif(_pandoc() is None, reason="pandoc comes with the pypandoc-binary test extra")
@pytest.mark.parametrize("fmt", ["csl-json", "biblatex"])
def test_pandoc_renders_citekits_export(tmp_path: Path, fmt: str) -> None:
    import citekit
    from citekit.engine.styles import resolve_style
    from citekit.readers import read_paths

    (item,) = read_paths([str(SEED)]).items
    suffix = ".json" if fmt == "csl-json" else ".bib"
    bib = tmp_path / f"refs{suffix}"
    bib.write_text(export_items([item], fmt)[0], encoding="utf-8")
    style = resolve_style("chicago-notes-bibliography").path
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    out = subprocess.run(
        [
            str(_pandoc()),
            str(doc),
            "--citeproc",
            "--bibliography",
            str(bib),
            "--csl",
            str(style),
            "-t",
            "plain",
            "--wrap=none",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    rendered = " ".join(out.stdout.split())
    if fmt == "csl-json":
        assert rendered == citekit.bibliography([item], style="chicago")[0]
    else:
        for part in (
            "Reporting the Contents",
            "1962",
            "Kraus",
            "document/118188",
            "Wilson Center Digital Archive",
            "PRC FMA 118-01154-07",
        ):
            assert part in rendered, part


def test_keys_deterministic_unique_ascii_and_overridable(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citekit.cli import main

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    r = CliRunner().invoke(main, ["export", str(tmp_path), "--to", "csl-json"])
    keys = [i["citation-key"] for i in json.loads(r.stdout)]
    assert keys == ["ministry1962reporting", "ministry1962reporting-96b4"]  # by document, then path
    assert "written to note" in r.stderr  # says which fields went to the note
    r = CliRunner().invoke(
        main, ["export", str(SEED), "--to", "csl-json", "--key-format", "{archive}{year}"]
    )
    assert json.loads(r.stdout)[0]["id"] == "wilson1962"
    kept = tmp_path / "k.json"
    kept.write_text(json.dumps([{"id": "MyKey:1", "type": "book", "title": "T"}]))
    r = CliRunner().invoke(main, ["export", str(kept), "--to", "biblatex"])
    assert r.stdout.startswith("@book{MyKey:1,")


# -- every fixture record, every format (issue 14) -----------------------------------------

FIXTURE_RECORDS = [SEED, *sorted((Path(__file__).parent / "fixtures" / "records").rglob("*.txt"))]
SUFFIX = {"csl-json": ".json", "ris": ".ris", "bibtex": ".bib", "biblatex": ".bib"}


def whole(item: Item) -> dict[str, object]:
    """Everything an item says: its CSL-JSON with the facts, and its key.

    The note's lines are compared as a set: the CSL-JSON reader keeps a ``Key: value`` line
    whose key it does not know ("Associated People & Organizations") in the note rather
    than in ``extra``, so it comes back first instead of last, with the same text.
    """
    data = {"key": item.key, **item.to_csl_json(with_facts=True)}
    if isinstance(data.get("note"), str):
        data["note"] = sorted(str(data["note"]).split("\n"))
    return data


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_every_fixture_record_reads_back_whole(fmt: str) -> None:
    from citekit.readers import read_paths

    items = read_paths([str(p) for p in FIXTURE_RECORDS]).items
    assert len(items) == len(FIXTURE_RECORDS)
    text, _ = export_items(items, fmt)
    back, _ = read_text(decode(text.encode("utf-8"), "refs" + SUFFIX[fmt]))
    assert [whole(i) for i in back] == [whole(i) for i in items]


def every_variable(csl_type: str) -> Item:
    """An item holding every CSL 1.0.2 variable, and every kind of fact."""
    from citekit.model import DATE_VARIABLES, NAME_VARIABLES, TEXT_VARIABLES, Contributor
    from citekit.readers.csl_json import item_from_csl

    data: dict[str, object] = {"id": "every1962", "type": csl_type}
    for n, variable in enumerate(NAME_VARIABLES):
        data[variable] = [{"family": f"Family{n}", "given": f"Given {n}"}]
    data["author"] = [{"literal": "Ministry of Foreign Affairs"}, {"family": "Kim", "given": "Il"}]
    for n, variable in enumerate(DATE_VARIABLES):
        data[variable] = {"date-parts": [[1950 + n, 4, 26]]}
    for variable in TEXT_VARIABLES:
        data[variable] = f"{variable} of the item"
    data.update(
        {
            "citation-key": "every1962",
            "language": "de",
            "page": "11-12",
            "number-of-pages": "2",
            "URL": "https://example.org/doc?a=1&b=%7E_x",
            "DOI": "10.1000/x_1",
        }
    )
    item, unknown = item_from_csl(data, default_id="every1962")
    assert not unknown
    return item.replace(
        original_language="Chinese",
        funders=("MacArthur Foundation",),
        contributors=(Contributor(Name(family="Kraus", given="Charles"), "obtained", "for CWIHP"),),
        notes=("Published in a volume.",),
    )


@pytest.mark.parametrize("csl_type", ["manuscript", "document", "book", "chapter", "report"])
@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_every_csl_variable_reaches_the_format_and_comes_back(fmt: str, csl_type: str) -> None:
    item = every_variable(csl_type)
    text, _ = export_items([item], fmt)
    (back,), _ = read_text(decode(text.encode("utf-8"), "refs" + SUFFIX[fmt]))
    assert whole(back) == whole(item)


@pytest.mark.parametrize(
    "name",
    [
        Name(family="Aa", given="Ii"),  # a given name that reads as a suffix (found above)
        Name(family="Doe", given="John", suffix="Jr."),
        Name(family="Doe", suffix="III"),
        Name(family="Gogh", given="Vincent", non_dropping_particle="van"),
    ],
    ids=lambda n: n.display,
)
def test_an_ris_name_reads_back_part_by_part(name: Name) -> None:
    """RIS writes "Family, Given, Suffix"; each part reads back from its place.

    "Aa, Ii" read as a family name and a suffix, and a suffix after a given name stayed in
    the given name ("John, Jr.").
    """
    item = Item(id="k1", type="manuscript", title="A", translator=(name,))
    text, _ = export_items([item], "ris")
    (back,) = read_back(text, "x.ris").translator
    expected = name.to_csl_json()
    if particle := expected.pop("non-dropping-particle", None):
        # RIS has no particle field: the particle stays with the family name, as written
        expected["family"] = f"{particle} {expected['family']}"
    assert back.to_csl_json() == expected
