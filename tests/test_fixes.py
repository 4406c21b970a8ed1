"""One case per compatibility fix (citekit/engine/, marked FIX(...), listed in FIXES).

Each case's expected strings come from citeproc-js (scripts/fix_cases.py). Stock citeproc-py
0.11.1 renders the case live, here, after citekit: its output must differ from the expected
one (else the case tests no fix), and must equal what it printed in a fresh interpreter
when the case was made (recorded as "stock"), since citekit changes nothing of citeproc-py.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import citekit
from citekit.engine.fixes import FIXES, PHASES
from citekit.engine.styles import resolve_style
from citekit.errors import RenderError

CASES: list[dict[str, Any]] = json.loads(
    (ROOT / "tests/conformance/fixes.json").read_text(encoding="utf-8")
)

_spec = importlib.util.spec_from_file_location("stock", ROOT / "tests/conformance/stock.py")
assert _spec and _spec.loader
stock: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stock)


def _norm(s: str) -> str:
    s = re.sub(r'^<div class="csl-entry">(.*)</div>$', r"\1", s.strip(), flags=re.S)
    return s.replace("&#38;", "&amp;").replace("&#60;", "&lt;").replace("&#62;", "&gt;")


def test_fixes_table_markers_and_cases_agree() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "citekit/engine").rglob("*.py"))
    )
    markers = set(re.findall(r"FIX\(([a-z0-9.-]+)\)", source))
    ids = [f.id for f in FIXES]
    assert len(ids) == len(set(ids)), "a fix id is listed twice"
    assert markers == set(ids), (sorted(markers - set(ids)), sorted(set(ids) - markers))
    cases = {c["fix"] for c in CASES}
    tests = set(re.findall(r"^def (test_\w+)", (ROOT / "tests/test_fixes.py").read_text(), re.M))
    for fix in FIXES:
        assert fix.phase in PHASES, fix
        assert fix.cause and fix.spec and fix.upstream, fix
        named_cases = set(re.findall(r"case '([a-z0-9.-]+)'", fix.proof))
        named_tests = set(re.findall(r"::(test_\w+)", fix.proof))
        assert named_cases or named_tests, f"{fix.id}: no proof named"
        assert named_cases <= cases, f"{fix.id}: no such case {named_cases - cases}"
        assert named_tests <= tests, f"{fix.id}: no such test {named_tests - tests}"
        for path in re.findall(r"docs/upstream/[\w.-]+", fix.upstream):
            assert (ROOT / path).is_file(), path


def test_every_correcting_override_is_in_the_fixes_table() -> None:
    """Each class in the loader's overrides (speed caches aside) is named by a FIXES row."""
    from citekit.engine.loader import OVERRIDES

    named = " ".join(f.where for f in FIXES)
    for cls in OVERRIDES:
        module = cls.__module__.removeprefix("citekit.engine.")
        if module.startswith("caches."):
            continue
        assert f"{module}.{cls.__name__}" in named, f"{module}.{cls.__name__}: no FIXES row"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["fix"])
def test_fix_matches_reference_and_stock_differs(case: dict[str, Any]) -> None:
    job = {k: case[k] for k in ("style", "items")}
    job["format"] = case.get("format", "text")
    job["citations"] = case.get("citations", [])
    job["bibliography"] = case.get("bibliography", True)
    got = citekit.process(job)
    exp = case["expected"]
    assert [_norm(x) for x in got["citations"]] == [_norm(x) for x in exp["citations"]]
    assert [_norm(x) for x in got["bibliography"]] == [_norm(x) for x in exp["bibliography"]]
    live = stock.render({**job, "style": str(resolve_style(case["style"]).path)})
    assert live == case["stock"], "stock citeproc-py renders differently next to citekit"
    assert "error" in live or (live["citations"], live["bibliography"]) != (
        exp["citations"],
        exp["bibliography"],
    ), "stock citeproc-py already gets this right: the case does not test a fix"


def test_missing_item_is_an_error_naming_it() -> None:
    job = {
        "style": "apa",
        "items": [{"id": "a", "type": "book", "title": "T"}],
        "citations": [[{"id": "Nope"}]],
    }
    with pytest.raises(RenderError, match="'Nope'"):
        citekit.process(job)


def test_ids_keep_their_case() -> None:
    items = [
        {"id": "Kraus1962A", "type": "book", "title": "Upper", "author": [{"family": "A"}]},
        {"id": "kraus1962a", "type": "book", "title": "Lower", "author": [{"family": "B"}]},
    ]
    job = {
        "style": "chicago-notes-bibliography",
        "items": items,
        "citations": [[{"id": "Kraus1962A"}], [{"id": "kraus1962a"}]],
    }
    out = citekit.process(job)
    assert "Upper" in out["citations"][0] and "Lower" in out["citations"][1]


def test_edtf_and_garbage_dates_never_crash() -> None:
    items = [
        {"id": "a", "type": "book", "title": "T", "issued": {"raw": "1955/1956"}},
        {"id": "b", "type": "book", "title": "U", "issued": "not a date"},
        {"id": "c", "type": "book", "title": "V", "issued": {"date-parts": [["x"]]}},
    ]
    for style in ("chicago-author-date", "apa", "modern-language-association"):
        out = citekit.process({"style": style, "items": items})
        assert len(out["bibliography"]) == 3
    assert "1955–1956" in citekit.process({"style": "apa", "items": items[:1]})["bibliography"][0]


def test_position_registry_a_cite_that_prints_nothing_still_counts() -> None:
    """FIX(position-registry): an item with no printed short form, cited three times.

    citeproc-js (../shared/oracle/csl-reference, this job) prints, for the four notes:
    "Preprint, n.d.", "Charles Kraus, Report (n.d.).", "[CSL STYLE ERROR: reference with no
    printed form.].", "Ibid." -- the third note printed nothing, yet it is the cite that the
    fourth repeats. Stock citeproc-py 0.11.1 did not count it, so the fourth note was a short
    note of an item with no short form: citekit printed "[NO_PRINTED_FORM]". The first and
    third notes differ from citeproc-js for other reasons (a capital on a note's first word;
    the wording of the empty form) and are not what this case is about.
    """
    job = {
        "style": "chicago-notes-bibliography-subsequent-ibid",
        "items": [
            {"id": "a", "type": "article"},
            {
                "id": "b",
                "type": "book",
                "title": "Report",
                "author": [{"family": "Kraus", "given": "Charles"}],
            },
        ],
        "citations": [[{"id": "a"}], [{"id": "b"}], [{"id": "a"}], [{"id": "a"}]],
        "bibliography": False,
    }
    got = citekit.process(job)["citations"]
    assert got[1] == "Charles Kraus, Report (n.d.)."
    assert got[3] == "Ibid."


def test_rich_text_markup_is_markup_and_flips() -> None:
    """FIX(rich-text): markup in a field is markup; italics inside italics flip to normal.

    The expected strings are citeproc-js's (../shared/oracle/csl-reference, this job), with
    its entity spelling (&#38; &#60;) read as citekit's (&amp; &lt;). Stock citeproc-py
    0.11.1 passes the tags through raw and title-cases "x" and the small-caps word.
    """
    title = (
        'The <i>Origin</i> of <span class="nocase">iPhone</span> users: <b>bold</b> & '
        "x<sup>2</sup> < 3, <sc>small</sc> caps"
    )
    job = {
        "style": "chicago-notes-bibliography",
        "format": "html",
        "items": [
            {
                "id": "a",
                "type": "book",
                "title": title,
                "author": [{"family": "Doe", "given": "Jane"}],
                "issued": {"date-parts": [[2001]]},
            }
        ],
        "citations": [[{"id": "a"}]],
    }
    html_title = (
        '<i>The <span style="font-style:normal;">Origin</span> of iPhone Users: <b>Bold</b>'
        ' &#38; x<sup>2</sup> &#60; 3, <span style="font-variant:small-caps;">small</span>'
        " Caps</i>"
    )
    got = citekit.process(job)
    assert _norm(got["citations"][0]) == _norm(f"Jane Doe, {html_title} (2001).")
    assert _norm(got["bibliography"][0]) == _norm(f"Doe, Jane. {html_title}. 2001.")
    text = citekit.process({**job, "format": "text"})
    plain = "The Origin of iPhone Users: Bold & x2 < 3, small Caps"
    assert text["citations"] == [f"Jane Doe, {plain} (2001)."]
    assert text["bibliography"] == [f"Doe, Jane. {plain}. 2001."]


_QUOTE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>x</id><title>x</title><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout suffix=".">
      <group delimiter=", ">
        <text value="Speak 'friend'"/>
        <text variable="title" quotes="true"/>
      </group>
    </layout>
  </citation>
</style>
"""


def test_style_text_value_quotes_are_quotation_marks(tmp_path: Path) -> None:
    """FIX(text-value), FIX(quotes): straight quotes in a style's text and in a field.

    citeproc-js (../shared/oracle/csl-reference, this style and item) prints
    "Speak “friend,” “A ‘quoted’ word, ETFA ’09.”": the style's 'friend' is a quotation
    (the comma moves in), the title's inner quotes alternate, and the unpaired ' of '09 is
    an apostrophe. Stock citeproc-py 0.11.1 prints the quotes straight.
    """
    style = tmp_path / "quotes.csl"
    style.write_text(_QUOTE_STYLE, encoding="utf-8")
    job = {
        "style": str(style),
        "items": [{"id": "a", "type": "book", "title": 'A "quoted" word, ETFA \'09'}],
        "citations": [[{"id": "a"}]],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == ["Speak “friend,” “A ‘quoted’ word, ETFA ’09.”"]


def test_quote_marks_come_from_the_locale() -> None:
    """FIX(nested-quotes): quotation marks from the style's locale, alternating when nested.

    citeproc-js (../shared/oracle/csl-reference, this job, lang en-GB) prints
    "J Doe, ‘A “Quoted” Word with “Inner ‘Deep’ One”’ [2000] J." for OSCOLA (en-GB: ‘…’
    outside, “…” inside); citekit printed English “…” whatever the locale.
    """
    title = 'A "quoted" word with \'inner "deep" one\''
    job = {
        "style": "oscola",
        "items": [
            {
                "id": "a",
                "type": "article-journal",
                "title": title,
                "container-title": "J",
                "author": [{"family": "Doe", "given": "J"}],
                "issued": {"date-parts": [[2000]]},
            }
        ],
        "citations": [[{"id": "a"}]],
        "bibliography": False,
    }
    expected = "J Doe, ‘A “Quoted” Word with “Inner ‘Deep’ One”’ [2000] J."
    assert citekit.process(job)["citations"] == [expected]


def test_punctuation_merges_at_seams() -> None:
    """FIX(punct-seam): a title ending in "?" and a publisher ending in "." take no period.

    citeproc-js (../shared/oracle/csl-reference, this job) prints
    "Doe, John. 1994. Is It Over? Pub Inc." for chicago-author-date.
    """
    job = {
        "style": "chicago-author-date",
        "items": [
            {
                "id": "a",
                "type": "book",
                "title": "Is it over?",
                "author": [{"family": "Doe", "given": "John"}],
                "issued": {"date-parts": [[1994]]},
                "publisher": "Pub Inc.",
            }
        ],
    }
    assert citekit.process(job)["bibliography"] == ["Doe, John. 1994. Is It Over? Pub Inc."]


_CASE_AND_NEAR_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="vol"><text variable="volume" quotes="false" font-style="normal"/></macro>
  <citation>
    <layout delimiter="; ">
      <group delimiter=" ">
        <choose>
          <if position="near-note"><text value="near"/></if>
          <else><text value="far"/></else>
        </choose>
        <number variable="volume" form="roman" text-case="capitalize-first"/>
        <text macro="vol" text-case="capitalize-all"/>
      </group>
    </layout>
  </citation>
</style>
"""


def test_text_case_on_plain_text_and_default_near_note_distance(tmp_path: Any) -> None:
    """FIX(case-plain-str) and FIX(near-note-distance): two crashes of citeproc-py 0.11.1.

    A text-case on a roman-numeral number raised AttributeError (citeproc-py cased a plain
    ``str``; south-african-law-journal and a KIT style lost every cite to it), and a
    ``position="near-note"`` test raised KeyError('near-note-distance') when the style did
    not set the option (CSL's default is 5). Expected: citeproc-js on this job
    (../shared/oracle/csl-reference).
    """
    style = tmp_path / "case-near.csl"
    style.write_text(_CASE_AND_NEAR_STYLE, encoding="utf-8")
    job = {
        "style": str(style),
        "format": "text",
        "items": [
            {"id": "a", "type": "book", "title": "T", "volume": "2"},
            {"id": "b", "type": "book", "title": "U", "volume": "3"},
        ],
        "citations": [[{"id": "a"}], [{"id": "b"}], [{"id": "a"}]],
        "bibliography": False,
    }
    out = citekit.process(job)
    assert out["citations"] == ["far Ii 2", "far Iii 3", "near Ii 2"]


_ENTRY_SPACES_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <text variable="publisher"/>
      <date variable="issued" prefix=" (" suffix="): "><date-part name="year"/></date>
      <text variable="title"/>
    </layout>
  </bibliography>
</style>
"""


def test_entry_spaces_kept_in_html_trimmed_in_text(tmp_path: Any) -> None:
    """FIX(entry-spaces): citeproc-js keeps an HTML entry's outer spaces, trims a text one.

    Expected: citeproc-js on this job (../shared/oracle/csl-reference), both formats.
    """
    style = tmp_path / "spaces.csl"
    style.write_text(_ENTRY_SPACES_STYLE, encoding="utf-8")
    item = {"id": "a", "type": "book", "issued": {"date-parts": [[2006]]}}
    job: dict[str, Any] = {"style": str(style), "items": [item], "bibliography": True}
    html_out = citekit.process({**job, "format": "html"})
    assert html_out["bibliography"] == ['<div class="csl-entry"> (2006): </div>']
    assert citekit.process({**job, "format": "text"})["bibliography"] == ["(2006):"]


_NAMES_DATES_NUMBERS_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names">
    <layout delimiter="; ">
      <group delimiter=", ">
        <names variable="author"><name form="short" initialize-with=". "/></names>
        <text variable="title"/>
      </group>
    </layout>
  </citation>
  <bibliography>
    <layout>
      <group delimiter=", ">
        <names variable="author"><name initialize-with="." name-as-sort-order="all"/></names>
        <date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date>
        <text variable="page"/>
      </group>
    </layout>
  </bibliography>
</style>
"""


def test_open_range_ampersand_pages_crowded_initials_initials_spacing(tmp_path: Any) -> None:
    """FIX(open-ranges), FIX(number-ampersand), FIX(initials), FIX(initials-spacing).

    An open date range prints "1987–"; "142-145 & 235" keeps one escaped ampersand in HTML
    (citekit printed "&amp; amp;"); "de" stands apart between crowded initials ("J.B. de
    C.M.", citekit printed "J.B.deC.M."); "J. J." and "J.J." Doe are one person, so no given
    name is added (citekit printed "J. J. Doe", "J.J. Doe"). Expected: citeproc-js on this
    job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "names-dates-numbers.csl"
    style.write_text(_NAMES_DATES_NUMBERS_STYLE, encoding="utf-8")
    saunders = {"family": "Saunders", "given": "John Bertrand de Cusance Morant"}
    job = {
        "style": str(style),
        "format": "html",
        "items": [
            {
                "id": "a",
                "type": "book",
                "author": [saunders],
                "issued": {"date-parts": [[1987], [0]]},
                "page": "142-145 & 235",
            },
            {
                "id": "b",
                "type": "book",
                "author": [{"family": "Doe", "given": "J. J."}],
                "title": "One",
            },
            {
                "id": "c",
                "type": "book",
                "author": [{"family": "Doe", "given": "J.J."}],
                "title": "Two",
            },
        ],
        "citations": [[{"id": "a"}, {"id": "b"}, {"id": "c"}]],
        "bibliography": True,
    }
    out = citekit.process(job)
    assert out["citations"] == ["Saunders; Doe, One; Doe, Two"]
    assert [_norm(e) for e in out["bibliography"]] == [
        "Saunders, J.B. de C.M., (1987–), 142–145 &amp; 235",
        "Doe, J.J.",
        "Doe, J.J.",
    ]


_CHICAGO_PAGES_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"
       page-range-format="chicago">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="page"/></layout></citation>
</style>
"""


def test_page_ranges_abbreviated_and_prefixed(tmp_path: Any) -> None:
    """FIX(page-ranges): abbreviated second pages are completed, prefixed parts compared.

    Expected: citeproc-js on this job (../shared/oracle/csl-reference). citekit printed
    "100–4", "1496–504", "1536–538", "8n11564–8n1568", "N110–5", "123N110–N5, 456K200–99"
    and "71–2" before.
    """
    style = tmp_path / "pages.csl"
    style.write_text(_CHICAGO_PAGES_STYLE, encoding="utf-8")
    pages = ["100-4", "1496-504", "1536-538", "8n11564-8n1568", "N110 - 5"]
    pages += ["123N110 - N5, 456K200 - 99", "71-2"]
    items = [{"id": f"i{n}", "type": "book", "page": p} for n, p in enumerate(pages)]
    job = {
        "style": str(style),
        "format": "text",
        "items": items,
        "citations": [[{"id": i["id"]}] for i in items],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "100–104",
        "1496–1504",
        "1536–38",
        "8n11564–68",
        "N110-5",
        "123N110-N5, 456K200-99",
        "71–72",
    ]


_INITIALS_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout delimiter="; ">
      <group delimiter=" / ">
        <names variable="author"><name initialize-with=". " initialize="false"/></names>
        <names variable="author"><name initialize-with=". "/></names>
      </group>
    </layout>
  </citation>
</style>
"""


def test_initials_abbreviations_and_initialize_false_on_the_name(tmp_path: Any) -> None:
    """FIX(initialize) and FIX(initials): words with a period stay whole ("Ph.", "Me.").

    ``initialize="false"`` next to the name's own ``initialize-with`` keeps "John" and "ME"
    whole (citekit initialised them: the rewrite only ran for an inherited mark); initials
    take the mark either way. Expected: citeproc-js on this job
    (../shared/oracle/csl-reference).
    """
    style = tmp_path / "initials.csl"
    style.write_text(_INITIALS_STYLE, encoding="utf-8")
    givens = ["John M.E.", "ME", "Ph.M.E.", "M E", "Me."]
    items = [
        {"id": f"i{n}", "type": "book", "author": [{"family": "Doe", "given": g}]}
        for n, g in enumerate(givens)
    ]
    job = {
        "style": str(style),
        "format": "text",
        "items": items,
        "citations": [[{"id": i["id"]} for i in items]],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "John M. E. Doe / J. M. E. Doe; ME Doe / M. Doe; Ph. M. E. Doe / Ph. M. E. Doe; "
        "M. E. Doe / M. E. Doe; Me. Doe / Me. Doe"
    ]


_AFTER_INVERTED_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="4" et-al-use-first="1">
    <layout delimiter="; ">
      <names variable="author">
        <name name-as-sort-order="first" and="text" delimiter=", "
              delimiter-precedes-last="after-inverted-name"
              delimiter-precedes-et-al="after-inverted-name"/>
      </names>
    </layout>
  </citation>
</style>
"""


def test_delimiter_after_inverted_name(tmp_path: Any) -> None:
    """FIX(after-inverted-name): a delimiter before "and"/"et al." after an inverted name.

    citeproc-py gave none. A list of literal names only is never inverted. Expected:
    citeproc-js on this job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "after-inverted.csl"
    style.write_text(_AFTER_INVERTED_STYLE, encoding="utf-8")
    doe, roe, poe = (
        {"family": "Doe", "given": "John"},
        {"family": "Roe", "given": "Jane"},
        {"family": "Poe", "given": "Edgar"},
    )
    authors = [
        [doe, roe],
        [doe, roe, poe],
        [{"literal": "Acme"}, roe],
        [{"literal": "Acme"}, {"literal": "Bolt"}],
        [doe, roe, poe, {"family": "Moe", "given": "Max"}],
    ]
    items = [{"id": f"i{n}", "type": "book", "author": a} for n, a in enumerate(authors)]
    job = {
        "style": str(style),
        "format": "text",
        "items": items,
        "citations": [[{"id": i["id"]}] for i in items],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "Doe, John, and Jane Roe",
        "Doe, John, Jane Roe and Edgar Poe",
        "Acme, and Jane Roe",
        "Acme and Bolt",
        "Doe, John, et al.",
    ]


_ORDINALS_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"
       default-locale="fr-FR">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; "><group delimiter=" ">
    <number variable="edition" form="ordinal"/><number variable="issue" form="ordinal"/>
    <number variable="volume" form="long-ordinal"/>
    <date variable="issued"><date-part name="day" form="ordinal" suffix=" "/>
      <date-part name="month" suffix=" "/><date-part name="year"/></date>
    <text variable="title"/>
  </group></layout></citation>
</style>
"""


def test_ordinals_superscripts(tmp_path: Any) -> None:
    """FIX(ordinals), FIX(superscripts).

    French "edition" is feminine (1ʳᵉ), "issue" and the months masculine (1ᵉʳ), and only
    the first of the month is an ordinal; citeproc-py printed "1ʳᵉ" for all three. In HTML,
    citeproc-js writes superscript characters as ``<sup>``. English ordinals keep their
    11th-13th exceptions (last-two-digits terms). Expected: citeproc-js on these jobs
    (../shared/oracle/csl-reference).
    """
    style = tmp_path / "ordinals.csl"
    style.write_text(_ORDINALS_STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "book", "edition": "1", "issue": "1", "volume": "2", "title": "x²",
         "issued": {"date-parts": [[2004, 10, 1]]}},
        {"id": "b", "type": "book", "edition": "21", "issue": "11", "volume": "12", "title": "y",
         "issued": {"date-parts": [[2004, 10, 2]]}},
    ]  # fmt: skip
    job = {"style": str(style), "items": items, "citations": [[{"id": "a"}], [{"id": "b"}]]}
    out = citekit.process({**job, "format": "text", "bibliography": False})
    assert out["citations"] == [
        "1ʳᵉ 1ᵉʳ deuxième 1ᵉʳ octobre 2004 x²",
        "21ᵉ 11ᵉ 12ᵉ 2 octobre 2004 y",
    ]
    out = citekit.process({**job, "format": "html", "bibliography": False})
    assert out["citations"][0] == (
        "1<sup>r</sup><sup>e</sup> 1<sup>e</sup><sup>r</sup> deuxième "
        "1<sup>e</sup><sup>r</sup> octobre 2004 x<sup>2</sup>"
    )
    english = style.read_text(encoding="utf-8").replace(' default-locale="fr-FR"', "")
    style.write_text(english, encoding="utf-8")
    numbers = (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 112)
    items = [{"id": f"i{n}", "type": "book", "edition": str(n), "title": "t"} for n in numbers]
    cites = [[{"id": i["id"]} for i in items]]
    out = citekit.process({"style": str(style), "items": items, "citations": cites})
    assert out["citations"] == [
        "1st t; 2nd t; 3rd t; 4th t; 11th t; 12th t; 13th t; 21st t; 22nd t; 101st t; 111th t; "
        "112th t"
    ]


_SEASONS_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; ">
    <date variable="issued"><date-part name="day" suffix=" "/><date-part name="month" suffix=" "/>
      <date-part name="year"/></date>
    <text value="|"/>
    <date variable="issued"><date-part name="month" form="numeric" suffix="/"/>
      <date-part name="year"/></date>
  </layout></citation>
</style>
"""

_LOCALE_DELIMITER_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note"
       version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><date form="text" delimiter=" "><date-part name="day" range-delimiter="/"/>
    <date-part name="month" range-delimiter=" to "/><date-part name="year" range-delimiter="–"/>
  </date></locale>
  <citation><layout delimiter="; "><date variable="issued" form="text"/></layout></citation>
</style>
"""


def test_seasons_raw_dates(tmp_path: Any) -> None:
    """FIX(seasons), FIX(raw-dates), FIX(date-delimiter).

    Months 13-24 are seasons (a numeric month form prints nothing for them), months out of
    range print nothing, a ``season`` field stands in for a missing month, an unparseable
    ``raw`` date prints as it stands; citeproc-py printed "1965" or crashed. A localized
    date's delimiter joins its parts, and a range takes the range delimiter of its largest
    differing part. Expected: citeproc-js on these jobs (../shared/oracle/csl-reference).
    """
    style = tmp_path / "seasons.csl"
    style.write_text(_SEASONS_STYLE, encoding="utf-8")
    dates: list[dict[str, Any]] = [
        {"date-parts": [[1965, 13, 5]]},
        {"date-parts": [[1965, 3, 5]], "season": 2},
        {"date-parts": [[1965]], "season": "Fall"},
        {"date-parts": [[1965]], "season": 3},
        {"raw": "Bogus"},
        {"date-parts": [[1965, 60, 5]]},
    ]
    items = [{"id": f"i{n}", "type": "book", "issued": d} for n, d in enumerate(dates)]
    cites = [[{"id": i["id"]}] for i in items]
    out = citekit.process({"style": str(style), "items": items, "citations": cites})
    assert out["citations"] == [
        "5 Spring 1965|1965",
        "5 March 1965|3/1965",
        "Fall 1965|Fall/1965",
        "Autumn 1965|Autumn/1965",
        "Bogus|Bogus",
        "5 1965|1965",
    ]
    style.write_text(_LOCALE_DELIMITER_STYLE, encoding="utf-8")
    ranges = [
        [[1999, 1, 2], [1999, 1, 4]],
        [[1999, 1, 2], [1999, 3, 4]],
        [[1999, 1, 2], [2000, 1, 4]],
        [[1999, 22], [1999, 21]],
        [[1999, 5, 1]],
    ]
    items = [
        {"id": f"r{n}", "type": "book", "issued": {"date-parts": r}} for n, r in enumerate(ranges)
    ]
    cites = [[{"id": i["id"]} for i in items]]
    out = citekit.process({"style": str(style), "items": items, "citations": cites})
    assert out["citations"] == [
        "2/4 January 1999; 2 January to 4 March 1999; 2 January 1999–4 January 2000; "
        "Summer to Spring 1999; 1 May 1999"
    ]


_NUMBER_LISTS_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"
       page-range-format="expanded">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="and" form="symbol">AMP</term></terms></locale>
  <citation><layout delimiter="; "><group delimiter=" ">
    <label variable="page"/><text variable="page"/><text value="|"/><number variable="page"/>
    <text value="|"/><label variable="volume"/><text variable="volume"/><text value="|"/>
    <label variable="locator"/><text variable="locator"/><text value="|"/>
    <text variable="chapter-number"/><number variable="number"/>
  </group></layout></citation>
</style>
"""


def test_number_lists(tmp_path: Any) -> None:
    """FIX(number-lists), FIX(number-lists).

    Only two numbers make a range ("3-B", "Michaelson-Morely", an escaped "327\\-30" keep
    their hyphen), "&" is the locale's ``and`` symbol, a page locator follows
    page-range-format, a ``cs:text`` of a volume prints its range with an en dash, and a
    label is plural when the value holds several numbers ("i-ix", "iv, 7", "N110-5").
    citeproc-py made every hyphen an en dash and counted digit runs. Expected: citeproc-js
    on this job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "numbers.csl"
    style.write_text(_NUMBER_LISTS_STYLE, encoding="utf-8")
    values = ["i-ix", "3\\-B", "Michaelson-Morely", "213 & 235", "427-30", "N110-5", "iv, 7"]
    values += ["5-3", "007"]
    items = [
        {"id": f"i{n}", "type": "book", "page": v, "volume": v, "chapter-number": v, "number": v}
        for n, v in enumerate(values)
    ]
    cites = [[{"id": i["id"], "locator": i["page"], "label": "page"}] for i in items]
    out = citekit.process({"style": str(style), "items": items, "citations": cites})
    assert out["citations"] == [
        "pages i–ix | i–ix | volumes i–ix | pages i–ix | i–ix i–ix",
        "page 3-B | 3-B | volume 3-B | page 3-B | 3-B 3-B",
        "page Michaelson-Morely | Michaelson-Morely | volume Michaelson-Morely | page "
        "Michaelson-Morely | Michaelson-Morely Michaelson-Morely",
        "pages 213 AMP 235 | 213 AMP 235 | volumes 213 AMP 235 | pages 213 AMP 235 | "
        "213 AMP 235 213 AMP 235",
        "pages 427–430 | 427–430 | volumes 427–30 | pages 427–430 | 427–30 427–30",
        "pages N110-5 | N110-5 | volumes N110-5 | pages N110-5 | N110-5 N110-5",
        "pages iv, 7 | iv, 7 | volumes iv, 7 | pages iv, 7 | iv, 7 iv, 7",
        "pages 5–3 | 5–3 | volumes 5–3 | pages 5–3 | 5–3 5–3",
        "page 007 | 007 | volume 007 | page 007 | 007 007",
    ]


_TERM_FORMS_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
       default-locale="de-DE">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale xml:lang="de"><terms><term name="no date">ohne Jahresangabe</term>
    <term name="accessed" form="long">Abfrage</term></terms></locale>
  <citation><layout><group delimiter=" | ">
    <text term="no date" form="short"/><text term="no date"/><text term="accessed"/>
    <text term="accessed" form="short"/><number variable="volume"/><text variable="volume"/>
  </group></layout></citation>
</style>
"""


def test_term_forms_across_locales(tmp_path: Any) -> None:
    """FIX(term-fallback), FIX(number-lists).

    The style's German locale has only the long "no date": the short form comes from the
    locale file ("o. J."), not from the long form; ``form="long"`` is the long form
    ("Abfrage", citekit printed the locale file's "zugegriffen"). French number ranges
    take the locale's page-range-delimiter, a non-breaking hyphen. Expected: citeproc-js
    on these jobs (../shared/oracle/csl-reference).
    """
    style = tmp_path / "terms.csl"
    style.write_text(_TERM_FORMS_STYLE, encoding="utf-8")
    job = {"style": str(style), "items": [{"id": "a", "type": "book", "volume": "6-7"}]}
    job["citations"] = [[{"id": "a"}]]
    out = citekit.process(job)
    assert out["citations"] == ["o.\xa0J. | ohne Jahresangabe | Abfrage | Abfrage | 6–7 | 6–7"]
    style.write_text(_TERM_FORMS_STYLE.replace("de-DE", "fr-FR"), encoding="utf-8")
    assert citekit.process(job)["citations"][0].endswith("6\u20117 | 6\u20117")


_LABEL_GROUP_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"
       version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; "><text variable="title"/>
    <group prefix=", " delimiter=" "><label variable="locator" form="short"/>
      <text variable="page"/></group>
    <group prefix=", " delimiter=" "><label variable="locator" form="short"/>
      <text variable="locator"/></group>
  </layout></citation>
</style>
"""


_NOTE_NUMBER_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="first-reference-note-number" form="short">n.</term></terms></locale>
  <citation><layout suffix="."><group delimiter=", "><text variable="title"/>
    <choose><if position="subsequent"><group delimiter=" ">
      <label variable="first-reference-note-number" form="short"/>
      <text variable="first-reference-note-number"/>
    </group></if></choose>
  </group></layout></citation>
</style>
"""


def test_label_is_no_variable_of_its_group(tmp_path: Any) -> None:
    """FIX(empty-label): a group with a locator label and an empty page is suppressed.

    citekit printed "A, p., p. 11" (zeitschrift-fur-medien-und-kulturforschung: "S., S.
    11"). The label of first-reference-note-number shows although the item has no such
    field (revue-dhistoire-des-sciences: "op. cit. in n. 1"). Expected: citeproc-js on
    these jobs (../shared/oracle/csl-reference).
    """
    style = tmp_path / "label-group.csl"
    style.write_text(_LABEL_GROUP_STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "book", "title": "A"},
        {"id": "b", "type": "book", "title": "B", "page": "5"},
    ]
    cites = [[{"id": "a", "locator": "11"}], [{"id": "b", "locator": "11"}]]
    out = citekit.process({"style": str(style), "items": items, "citations": cites})
    assert out["citations"] == ["A, p. 11", "B, p. 5, p. 11"]
    # the label of a variable the engine makes, "n." of first-reference-note-number
    style.write_text(_NOTE_NUMBER_STYLE, encoding="utf-8")
    cites = [[{"id": "a"}], [{"id": "b"}], [{"id": "a"}]]
    out = citekit.process({"style": str(style), "items": items, "citations": cites})
    assert out["citations"] == ["A.", "B.", "A, n. 1."]


def test_no_printed_form(tmp_path: Any) -> None:
    """FIX(no-printed-form): citeproc-js's words when a citation prints nothing.

    Expected: citeproc-js on this job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "title.csl"
    style.write_text(_LABEL_GROUP_STYLE, encoding="utf-8")
    job = {"style": str(style), "items": [{"id": "a", "type": "book"}]}
    out = citekit.process({**job, "citations": [[{"id": "a"}]]})
    assert out["citations"] == ["[CSL STYLE ERROR: reference with no printed form.]"]
