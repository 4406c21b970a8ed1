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


_NAME_COUNT_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>count</id><title>count</title><updated>2026-12-01T00:00:00+00:00</updated></info>
  <macro name="first-author">
    <names variable="author">
      <name/>
      <substitute><names variable="editor"/></substitute>
    </names>
  </macro>
  <macro name="author-count">
    <names variable="author">
      <name form="count"/>
      <substitute><names variable="editor"/></substitute>
    </names>
  </macro>
  <macro name="first-and-last">
    <names variable="author"><name/></names>
  </macro>
  <citation et-al-min="4" et-al-use-first="1">
    <layout>
      <names variable="author editor"><name form="count"/></names>
    </layout>
  </citation>
  <bibliography et-al-min="3" et-al-use-first="1">
    <sort>
      <key macro="first-author" names-min="1" names-use-first="1"/>
      <key macro="author-count" names-min="9" names-use-first="9"/>
      <key macro="first-and-last" names-min="3" names-use-first="1" names-use-last="true"/>
    </sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>
"""


def test_name_count_and_names_in_sort_keys(tmp_path: Any) -> None:
    """FIX(names-count-count), FIX(names-count-sort-keys).

    A count is of the names et-al would show, added up over the roles; a sort key's names
    are cut as its names-min/-use-first/-use-last say (the first author alone, then the
    first and the last); the editor substituted in the first key counts in the second.
    Expected: citeproc-js on this job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "count.csl"
    style.write_text(_NAME_COUNT_STYLE, encoding="utf-8")

    def person(family: str) -> dict[str, str]:
        return {"family": family, "given": "A"}

    doe = {"family": "Doe", "given": "John"}
    roe, x, y = person("Roe"), person("X"), person("Y")
    rows = [
        ("a", "Three authors, Zeta last", [doe, roe, person("Zeta")], None),
        ("b", "Two editors", None, [doe, roe]),
        ("c", "One author", [doe], None),
        ("d", "Three authors, Alpha last", [doe, roe, person("Alpha")], None),
        ("e", "Three authors and two editors", [doe, roe, person("Poe")], [x, y]),
        ("f", "Five authors", [doe, *(person(f) for f in "BCDE")], [x]),
    ]
    items = []
    for key, title, authors, editors in rows:
        data: dict[str, Any] = {"id": key, "type": "book", "title": title}
        if authors:
            data["author"] = authors
        if editors:
            data["editor"] = editors
        items.append(data)
    job = {
        "style": str(style),
        "format": "text",
        "items": items,
        "citations": [[{"id": i["id"]}] for i in items],
        "bibliography": True,
    }
    out = citekit.process(job)
    assert out["citations"] == ["3", "2", "1", "3", "5", "2"]
    assert out["bibliography"] == [
        "One author",
        "Two editors",
        "Three authors, Alpha last",
        "Three authors and two editors",
        "Three authors, Zeta last",
        "Five authors",
    ]


_HYPHEN_ROLES_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>roles</id><title>roles</title><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation>
    <layout delimiter="; ">
      <group delimiter=", ">
        <names variable="container-author"><label form="verb" suffix=" "/><name/></names>
        <names variable="collection-editor original-author" delimiter="; ">
          <name/><label prefix=" (" suffix=")"/>
        </names>
        <names variable="reviewed-author"><label form="verb-short" suffix=" "/><name/></names>
      </group>
    </layout>
  </citation>
</style>
"""


def test_name_roles_with_a_hyphen(tmp_path: Any) -> None:
    """FIX(names-count-hyphen-roles): container-author, collection-editor, ... print.

    citeproc-py printed none of them (nor their labels). Expected: citeproc-js on this job
    (../shared/oracle/csl-reference); original-author has no term, so no label.
    """
    style = tmp_path / "roles.csl"
    style.write_text(_HYPHEN_ROLES_STYLE, encoding="utf-8")

    def person(family: str, given: str = "Ann") -> dict[str, str]:
        return {"family": family, "given": given}

    item = {
        "id": "a",
        "type": "chapter",
        "container-author": [person("Doe")],
        "collection-editor": [person("Roe"), person("Poe")],
        "original-author": [person("Moe")],
        "reviewed-author": [person("Hall", "W. C.")],
    }
    job = {
        "style": str(style),
        "format": "text",
        "items": [item],
        "citations": [[{"id": "a"}]],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "by Ann Doe, Ann Roe, Ann Poe (editors); Ann Moe, by W. C. Hall"
    ]


_ET_AL_VARIANTS = (
    'et-al-min="3" et-al-use-first="2" et-al-use-last="true"',
    'et-al-min="4" et-al-use-first="2" et-al-use-last="true"',
    'et-al-min="3" et-al-use-first="1" et-al-use-last="true"',
    'et-al-min="3"',
    'et-al-min="2" et-al-use-first="0"',
    'et-al-min="3" et-al-use-first="5"',
)


def test_et_al_abbreviation(tmp_path: Any) -> None:
    """FIX(names-count-et-al): which names show, and what stands before "et al." or "…".

    One names element per option set, for lists of 2 to 6 names. et-al-use-first="0"
    prints nothing (the group drops it); no et-al-use-first anywhere cuts nothing;
    et-al-use-first above the list adds no "et al."; with et-al-use-last at most
    et-al-min minus 2 names come before the ellipsis. Expected: citeproc-js on this job
    (../shared/oracle/csl-reference).
    """
    macros = "".join(
        f'<macro name="m{n}"><names variable="author"><name {options}/></names></macro>'
        for n, options in enumerate(_ET_AL_VARIANTS)
    )
    calls = "".join(f'<text macro="m{n}"/>' for n in range(len(_ET_AL_VARIANTS)))
    style = tmp_path / "et-al.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>e</id><title>e</title><updated>2026-12-01T00:00:00+00:00</updated></info>"
        f'{macros}<citation><layout><group delimiter=" | ">{calls}</group></layout></citation>'
        "</style>",
        encoding="utf-8",
    )
    items = [
        {
            "id": f"n{k}",
            "type": "book",
            "author": [{"family": c, "given": "A"} for c in "ABCDEF"[:k]],
        }
        for k in (2, 3, 4, 5, 6)
    ]
    job = {
        "style": str(style),
        "format": "text",
        "items": items,
        "citations": [[{"id": i["id"]}] for i in items],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "A A, A B | A A, A B | A A, A B | A A, A B | A A, A B",
        "A A … A C | A A, A B, A C | A A … A C | A A, A B, A C | A A, A B, A C",
        "A A … A D | A A, A B, … A D | A A … A D | A A, A B, A C, A D | A A, A B, A C, A D",
        "A A … A E | A A, A B, … A E | A A … A E | A A, A B, A C, A D, A E "
        "| A A, A B, A C, A D, A E",
        "A A … A F | A A, A B, … A F | A A … A F | A A, A B, A C, A D, A E, A F "
        "| A A, A B, A C, A D, A E, A F",
    ]


_SUBSTITUTE_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>s</id><title>s</title><updated>2026-12-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="editor"></term></terms></locale>
  <citation><layout>
    <text variable="title"/>
    <names variable="translator" prefix="|a:"><substitute>
      <text term="editor"/><text value="V1"/>
    </substitute></names>
    <names variable="translator" prefix="|b:"><substitute>
      <text variable="note"/><text value="V2"/>
    </substitute></names>
    <names variable="translator" prefix="(" suffix=")" font-style="italic">
      <substitute><text variable="title"/></substitute>
    </names>
    <names variable="translator" prefix="[" suffix="]">
      <substitute><names variable="author"/></substitute>
    </names>
  </layout></citation>
  <bibliography subsequent-author-substitute="———">
    <sort><key variable="title"/></sort>
    <layout suffix=".">
      <group delimiter=". ">
        <names variable="author">
          <name/><substitute><text variable="container-title"/></substitute>
        </names>
        <text variable="title"/>
      </group>
    </layout>
  </bibliography>
</style>
"""


def test_substitute_stops_text_stands_bare_and_is_recorded(tmp_path: Any) -> None:
    """FIX(names-count-substitute): where substitution stops, its text, its record.

    An (empty) term ends the substitution, an empty variable hands over (with no prefix:
    text stands in bare); a substituted title takes no parentheses nor italics, a
    substituted name does take the brackets; a repeated container title substituted for
    the author is replaced by subsequent-author-substitute. Expected: citeproc-js on this
    job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "substitute.csl"
    style.write_text(_SUBSTITUTE_STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "article-newspaper", "title": "Ashita", "container-title": "Yomiuri"},
        {"id": "b", "type": "article-newspaper", "title": "Asatte", "container-title": "Yomiuri"},
        {"id": "c", "type": "book", "title": "Book", "author": [{"family": "Doe", "given": "Jo"}]},
    ]
    job = {
        "style": str(style),
        "format": "html",
        "items": items,
        "citations": [[{"id": i}] for i in ("c", "a", "b")],
        "bibliography": True,
    }
    out = citekit.process(job)
    assert out["citations"] == ["BookV2Book[Jo Doe]", "AshitaV2Ashita", "AsatteV2Asatte"]
    assert out["bibliography"] == [
        '<div class="csl-entry">Yomiuri. Asatte.</div>',
        '<div class="csl-entry">———. Ashita.</div>',
        '<div class="csl-entry">Jo Doe. Book.</div>',
    ]


_SUBSEQUENT_ET_AL_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>x</id><title>x</title><updated>2026-12-01T00:00:00+00:00</updated></info>
  <citation et-al-min="4" et-al-use-first="1" et-al-subsequent-min="3"
            et-al-subsequent-use-first="1">
    <layout><names variable="author"><name and="text" form="short"/></names></layout>
  </citation>
  <bibliography>
    <layout><names variable="author"><name and="text" form="short"/></names></layout>
  </bibliography>
</style>
"""


def test_et_al_subsequent(tmp_path: Any) -> None:
    """FIX(names-count-et-al): a later cite of an item takes et-al-subsequent-min/-use-first.

    citeproc-py read neither. The bibliography keeps the first-cite options. Expected:
    citeproc-js on this job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "subsequent.csl"
    style.write_text(_SUBSEQUENT_ET_AL_STYLE, encoding="utf-8")

    def person(family: str) -> dict[str, str]:
        return {"family": family, "given": "A"}

    items = [
        {
            "id": "a",
            "type": "book",
            "author": [person(f) for f in ("Kramer", "Naftali", "Khlevniuk")],
        },
        {"id": "b", "type": "book", "author": [person("Doe"), person("Roe")]},
    ]
    job = {
        "style": str(style),
        "format": "text",
        "items": items,
        "citations": [[{"id": i}] for i in ("a", "b", "a", "b")],
        "bibliography": True,
    }
    out = citekit.process(job)
    assert out["citations"] == [
        "Kramer, Naftali, and Khlevniuk",
        "Doe and Roe",
        "Kramer et al.",
        "Doe and Roe",
    ]
    assert out["bibliography"] == ["Kramer, Naftali, and Khlevniuk", "Doe and Roe"]


_DATE_KEY_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>x</id><title>x</title><updated>2026-12-01T00:00:00+00:00</updated></info>
  <macro name="year"><date variable="issued"><date-part name="year"/></date></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="year"/><key variable="title"/></sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>
"""


def test_date_key_of_its_own_parts(tmp_path: Any) -> None:
    """FIX(names-count-date-key): a year-only date key ties within the year; the title decides.

    Expected: citeproc-js on this job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "date-key.csl"
    style.write_text(_DATE_KEY_STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "book", "title": "B April", "issued": {"date-parts": [[1962, 4, 20]]}},
        {"id": "b", "type": "book", "title": "A June", "issued": {"date-parts": [[1962, 6, 9]]}},
        {"id": "c", "type": "book", "title": "C 1961", "issued": {"date-parts": [[1961, 12, 1]]}},
    ]
    job = {"style": str(style), "format": "text", "items": items, "bibliography": True}
    assert citekit.process(job)["bibliography"] == ["C 1961", "A June", "B April"]
