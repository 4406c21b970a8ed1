"""Names, dates and citation-line parsing, piece by piece."""

from __future__ import annotations

import re

import pytest

from citekit.dates import parse_date, parse_iso
from citekit.export import export_items
from citekit.model import Name
from citekit.names import parse_name, parse_structured_name, split_names
from citekit.readers import read_text
from citekit.readers.archive_page import parse_citation, short_title
from citekit.readers.archive_page.text import squash
from citekit.textio import decode


@pytest.mark.parametrize(
    ("text", "family", "given"),
    [
        ("Charles Kraus", "Kraus", "Charles"),
        ("Zhang Shu Guang", "Zhang", "Shu Guang"),
        ("Kim Il Sung", "Kim", "Il Sung"),
        ("Kim Christiaens", "Christiaens", "Kim"),
        ("Lee Jones", "Jones", "Lee"),
        ("Mark H. Doctoroff", "Doctoroff", "Mark H."),
        ("Kraus, Charles", "Kraus", "Charles"),
        ("张汉夫", "张", "汉夫"),
    ],
)
def test_names(text: str, family: str, given: str) -> None:
    n = parse_name(text)
    assert (n.family, n.given) == (family, given)


@pytest.mark.parametrize(
    ("text", "shown", "first"),
    [
        ("Kim Il Sung", "Kim Il Sung", True),
        ("Kim, Il Sung", "Kim Il Sung", True),
        ("Zhang Shu Guang", "Zhang Shu Guang", True),
        ("Kim Christiaens", "Kim Christiaens", False),
        ("Kraus, Charles", "Charles Kraus", False),
        ("Ministry of Foreign Affairs", "Ministry of Foreign Affairs", False),
    ],
)
def test_name_order_is_decided_when_parsed(text: str, shown: str, first: bool) -> None:
    for n in (parse_name(text), parse_structured_name(text)):
        assert (n.family_first, n.display) == (first, shown)


def test_name_order_is_data_on_the_name() -> None:
    # Printing a name reads the flag and nothing else: the same parts print both ways.
    assert Name(family="Kim", given="Il Sung").display == "Il Sung Kim"
    assert Name(family="Kim", given="Il Sung", family_first=True).display == "Kim Il Sung"


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        (
            "refs.json",
            '[{"id": "k", "type": "book", "author": [{"family": "Kim", "given": "Il Sung"}]}]',
        ),
        ("refs.bib", "@book{k, author = {Kim, Il Sung}, title = {T}}"),
        ("refs.ris", "TY  - BOOK\nAU  - Kim, Il Sung\nTI  - T\nER  - \n"),
    ],
)
def test_readers_decide_name_order(filename: str, text: str) -> None:
    (item,), _ = read_text(decode(text.encode(), filename))
    (author,) = item.author
    assert author.family_first and author.display == "Kim Il Sung"
    # CSL-JSON carries no order flag: reading the export back decides it the same way.
    out, _ = export_items([item], "csl-json")
    (back,), _ = read_text(decode(out.encode(), "back.json"))
    assert back.author == item.author


def test_bodies_are_literal() -> None:
    assert parse_name("the Ministry of Foreign Affairs") == Name(
        literal="Ministry of Foreign Affairs"
    )


def test_name_lists() -> None:
    assert split_names("A B, C D, and E F") == ["A B", "C D", "E F"]
    assert split_names("A B and C D.") == ["A B", "C D"]


@pytest.mark.parametrize(
    ("text", "parts", "circa"),
    [
        ("April 26, 1962", ((1962, 4, 26),), False),
        ("November 03, 1972", ((1972, 11, 3),), False),
        ("September, 1956", ((1956, 9),), False),
        ("March 1962", ((1962, 3),), False),
        ("1962", ((1962,),), False),
        ("c. July 1962", ((1962, 7),), True),
        ("1956*", ((1956,),), True),
        ("26 April 1962", ((1962, 4, 26),), False),
        ("May 1-3, 1962", ((1962, 5, 1), (1962, 5, 3)), False),
        ("1955-1956", ((1955,), (1956,)), False),
        ("June 1955 - July 1955", ((1955, 6), (1955, 7)), False),
    ],
)
def test_dates(text: str, parts: tuple[tuple[int, ...], ...], circa: bool) -> None:
    d = parse_date(text)
    assert d is not None and d.parts == parts and d.circa == circa


def test_bracketed_and_seasonal_dates() -> None:
    bracketed = parse_date("[1953]")
    assert bracketed is not None and bracketed.parts == ((1953,),)
    spring = parse_date("Spring 1962")
    assert spring is not None and spring.parts == ((1962,),) and spring.season == 1
    p = parse_citation('"Note", [1953], Wilson Center Digital Archive, RGANI, f. 5, 3.')
    assert (p.title, p.archive, p.location, p.page) == (
        "Note",
        "Wilson Center Digital Archive",
        "RGANI, f. 5",
        "3",
    )


def test_undated_and_garbage_are_not_dates() -> None:
    assert parse_date("undated") is None
    assert parse_date("Tuesday") is None
    assert parse_iso("1962-13-01") is None


def test_title_end_is_the_quote_before_the_date() -> None:
    p = parse_citation('"A "quoted" thing", April 26, 1962, Wilson Center Digital Archive, X 1, 3.')
    assert p.title == 'A "quoted" thing'
    assert p.archive_location == "X 1" if hasattr(p, "archive_location") else p.location == "X 1"
    assert p.page == "3"


def test_short_titles() -> None:
    assert short_title("Letter from Kim Il Sung to Joseph Stalin") == "Letter from Kim Il Sung"
    assert (
        short_title("Reporting the Contents of Vice Minister Zhang Hanfu")
        == "Reporting the Contents"
    )
    assert short_title("Short Title") is None


@pytest.mark.parametrize(
    ("title", "authors", "recipients"),
    [
        (
            "Ciphered Telegram from Soviet Ambassador Pavel Yudin to the USSR Ministry of "
            "Foreign Affairs",
            ["Yudin, Pavel"],
            ["USSR Ministry of Foreign Affairs"],
        ),
        ("Telegram from Ambassador to the DPRK Shtykov to Vyshinsky", ["Shtykov"], []),
        (
            "Telegram from the Polish Embassy in Beijing (Knothe) to the Polish Ministry of "
            "Foreign Affairs",
            ["Knothe"],
            ["Polish Ministry of Foreign Affairs"],
        ),
        (
            "Report of the Hungarian Ministry of Foreign Affairs [Imre Horváth]",
            ["Horváth, Imre"],
            [],
        ),
        (
            "Report of the Hungarian Ministry of Foreign Affairs",
            ["Hungarian Ministry of Foreign Affairs"],
            [],
        ),
        ("Mikhail Zimyanin's Diary, Meeting with Ho Chi Minh", ["Zimyanin, Mikhail"], []),
        (
            "Note from the Polish Ministry of Foreign Affairs and the Hungarian Ministry of "
            "Foreign Affairs",
            ["Polish Ministry of Foreign Affairs", "Hungarian Ministry of Foreign Affairs"],
            [],
        ),
        ("Report from KGB Chairman Yuri Andropov to the CC CPSU", ["Andropov, Yuri"], ["CC CPSU"]),
        ("Letter from V.M. Molotov to I.V. Stalin on Iran", ["Molotov, V.M."], ["Stalin, I.V."]),
        (
            "Report, Embassy of Hungary in North Korea to the Hungarian Foreign Ministry",
            ["Embassy of Hungary in North Korea"],
            ["Hungarian Foreign Ministry"],
        ),
        (
            "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 1 June 1957",
            ["Puzanov, A.M."],
            [],
        ),
        ("Memorandum, Conversation with Kim Il Sung to Discuss Aid", [], []),
        # Conservative: an occasion, a city, offices without names, a subject.
        ("Notes from the Meeting of the Politburo", [], []),
        ("Telegram from Moscow", [], []),
        ("Joint Declaration by the President and the Prime Minister", [], []),
        ("Message of the President to the Congress", [], ["Congress"]),
        ("Memorandum on the Berlin Question", [], []),
        ("Record of a Conversation between N.S. Khrushchev and Tito", [], []),
    ],
)
def test_issuer_from_title(title: str, authors: list[str], recipients: list[str]) -> None:
    from citekit.readers.archive_page.issuer import from_title

    a, r, _ = from_title(title)
    assert [n.sort_form for n in a] == authors
    assert [n.sort_form for n in r] == recipients


def test_a_trailing_year_is_not_pages_but_a_marked_one_is() -> None:
    p = parse_citation(
        '"T", May 3, 1978, Wilson Center Digital Archive, COMDOS, f. 1, a.e. 5, 1978.'
    )
    assert (p.location, p.page) == ("COMDOS, f. 1, a.e. 5, 1978", None)
    p = parse_citation('"T", May 3, 1978, Wilson Center Digital Archive, DY 30/59, 1977-1978.')
    assert (p.location, p.page) == ("DY 30/59, 1977-1978", None)
    p = parse_citation('"T", May 3, 1978, Wilson Center Digital Archive, Vol. 2, p. 1978.')
    assert p.page == "1978"
    p = parse_citation('"T", May 3, 1978, Wilson Center Digital Archive, Pb 176/XI, 3 pp.')
    assert (p.location, p.page, p.csl["number-of-pages"]) == ("Pb 176/XI", None, "3")


def test_an_institution_after_a_translator_is_not_part_of_the_name() -> None:
    p = parse_citation(
        '"T", May 3, 1978, Wilson Center Digital Archive, X 1. Translated by Sergey Radchenko '
        "[Cardiff University] and Jane Doe (GHI)."
    )
    assert p.translators == ["Sergey Radchenko", "Jane Doe"]
    assert any("Cardiff University" in n for n in p.notes)


def test_amae_is_decided_by_the_original_language_before_the_shelfmark() -> None:
    from citekit.archives import match_archive

    m = match_archive("AMAE, Fond Telegrame, Paris, 1968", context="Romanian")
    assert m.status == "known" and m.archive is not None and "Romanian" in m.archive.name
    assert match_archive("AMAE, Fond Telegrame, Paris, 1968").status == "known"  # French
    assert match_archive("AMAE, dossier 12").status == "ambiguous"


def test_a_wilson_shelfmark_ending_in_document_n_is_not_a_series() -> None:
    for text in (
        '"T", May 3, 1962, Wilson Center Digital Archive, SAPMO-BArch, DY 30, Document 5.',
        "Memo for X, May 3, 1962, Wilson Center Digital Archive, SAPMO-BArch, DY 30, Document 5.",
    ):
        p = parse_citation(text)
        assert p.archive == "Wilson Center Digital Archive" and not p.csl
        assert p.location == "SAPMO-BArch, DY 30, Document 5"
    p = parse_citation(
        "Foreign Relations of the United States, 1964–1968, Volume XIV, Soviet Union, Document 7."
        " Moscow, May 3, 1965. Source: Department of State, Central Files, POL 7. Secret."
    )
    assert p.csl == {
        "container-title": "Foreign Relations of the United States, 1964–1968, Volume XIV, "
        "Soviet Union",
        "number": "7",
    }
    assert (p.archive, p.location, p.date_text) == (
        "Department of State",
        "Central Files, POL 7",
        "May 3, 1965",
    )


def test_squash_collapses_every_whitespace_character_as_the_regular_expression_did() -> None:
    # squash uses str.split(): the same characters as re's \s, checked over all of Unicode
    spaces = "".join(chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c)))
    assert len(spaces) > 20  # the Unicode spaces, not just ASCII
    for ch in spaces:
        text = f"{ch}a{ch}{ch}b {ch}c{ch}"
        assert squash(text) == "a b c", hex(ord(ch))
    assert squash("  one\u00a0two\t\nthree  ") == "one two three"
    assert squash("\u200b") == "\u200b"  # a zero-width space is not whitespace to either
