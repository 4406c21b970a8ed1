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


def _display_style(layout: str) -> str:
    align = ' second-field-align="flush"' if "display=" not in layout else ""
    return (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="citation-number"/></layout></citation>'
        f"<bibliography{align}><layout>{layout}</layout></bibliography>"
        "</style>"
    )


def test_display_divisions_in_text_output(tmp_path: Any) -> None:
    """FIX(punct-display-text): text output marks divisions by whitespace, as citeproc-js does.

    A left-margin ends with a space (bmj's "1 " number stands two spaces from the entry,
    IEEE-like "[1]" one), a block starts a line, an indent a line and four spaces; a
    division inside another prints inline. Expected: citeproc-js on these jobs
    (../shared/oracle/csl-reference).
    """
    item = {"id": "x", "type": "book", "title": "The Title", "publisher": "Pub"}
    layouts = {
        '<text variable="citation-number" suffix=" "/><text variable="title"/>': "1  The Title",
        '<text variable="citation-number"/><text variable="title"/>': "1 The Title",
        '<text variable="title"/><text variable="publisher" prefix=" " display="indent"/>'
        '<text value="end" prefix=" "/>': "The Title\n     Pub end",
        '<text value="A"/><text variable="title" display="block"/>'
        '<text value="B" display="left-margin"/><text value="C" display="right-inline"/>': (
            "A\nThe TitleB C"
        ),
        '<text variable="citation-number" display="left-margin"/><group display="right-inline">'
        '<text variable="title"/><text variable="publisher" prefix=" " display="block"/>'
        "</group>": "1 The Title Pub",
    }
    for n, (layout, want) in enumerate(layouts.items()):
        style = tmp_path / f"display{n}.csl"
        style.write_text(_display_style(layout), encoding="utf-8")
        job = {"style": str(style), "format": "text", "items": [item], "bibliography": True}
        assert citekit.process(job)["bibliography"] == [want], layout


def test_first_quotation_of_a_field_sets_the_outer_form(tmp_path: Any) -> None:
    """FIX(punct-quote-form): single quotes first make double quotes the inner form.

    Expected: citeproc-js on these titles (../shared/oracle/csl-reference), en-US.
    """
    style = tmp_path / "title.csl"
    style.write_text(
        _display_style('<text variable="title"/>').replace(' second-field-align="flush"', ""),
        encoding="utf-8",
    )
    titles = {
        "a 'b' c' d \"e\" f": "a “b” c’ d ‘e’ f",
        "a c' d \"e\" f 'g' h": "a c’ d “e” f ‘g’ h",
        "'a' and \"b\" 'c'": "“a” and ‘b’ “c”",
        "a 'b \"c\" d' e": "a “b ‘c’ d” e",
    }
    items = [{"id": f"t{n}", "type": "book", "title": t} for n, t in enumerate(titles)]
    job = {"style": str(style), "format": "text", "items": items, "bibliography": True}
    assert citekit.process(job)["bibliography"] == list(titles.values())


def test_punctuation_moves_into_quotes_only_where_pieces_join(tmp_path: Any) -> None:
    """FIX(punct-quote-inside): a field's own punctuation stays outside its quotation.

    Expected: citeproc-js on these titles with ``suffix="."`` (en-US, punctuation in quote).
    """
    style = tmp_path / "title.csl"
    style.write_text(
        _display_style('<text variable="title" suffix="."/>').replace(
            ' second-field-align="flush"', ""
        ),
        encoding="utf-8",
    )
    titles = {
        "x ‘God willing’": "x ‘God willing.’",
        "‘God willing’. More": "‘God willing’. More.",
        '"A", b "C"': "“A”, b “C.”",
        "\"a\" and 'b'": "“a” and ‘b.’",
        "x \"a 'b'\"": "x “a ‘b.’”",
    }
    items = [{"id": f"t{n}", "type": "book", "title": t} for n, t in enumerate(titles)]
    job = {"style": str(style), "format": "text", "items": items, "bibliography": True}
    assert citekit.process(job)["bibliography"] == list(titles.values())


def test_marks_moved_into_quotes_merge_there(tmp_path: Any) -> None:
    """FIX(punct-in-quote-marks), FIX(punct-spaces): ! and ? move in; newlines stay.

    Expected: citeproc-js on this job (../shared/oracle/csl-reference), en-US.
    """
    style = tmp_path / "marks.csl"
    layout = (
        '<group delimiter=", "><text variable="title" quotes="true" suffix="!"/>'
        '<text variable="publisher" prefix=": "/><text variable="title" quotes="true"/>'
        '<text variable="title" quotes="true" suffix="?"/></group>'
        '<text value="end" prefix=". " suffix="&#160;"/><text value="x" prefix=" "/>'
        '<group delimiter="&#x0A;"><text value="a"/><text value="&#x0A;b"/></group>'
    )
    style.write_text(
        _display_style(layout).replace(' second-field-align="flush"', ""), encoding="utf-8"
    )
    item = {"id": "a", "type": "book", "title": "Why?", "publisher": "P"}
    job = {"style": str(style), "format": "text", "items": [item], "bibliography": True}
    assert citekit.process(job)["bibliography"] == ["“Why?!,” : P, “Why?,” “Why?” end\xa0 xa\n\nb"]


_TERM_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="from">à l'adresse</term></terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <text variable="title" suffix=", "/><text term="from" suffix=" "/>
    <text value="Disponible sur : x"/>
  </layout></bibliography>
</style>
"""


def test_values_and_terms_spaced_and_quoted_as_citeproc_js(tmp_path: Any) -> None:
    """FIX(punct-narrow-space), FIX(punct-term-text): French spacing; a term's apostrophe.

    Expected: citeproc-js on this job (../shared/oracle/csl-reference), en-US.
    """
    style = tmp_path / "term.csl"
    style.write_text(_TERM_STYLE, encoding="utf-8")
    item = {"id": "x", "type": "book", "title": "His « Anonymous » Life : x ? y"}
    job = {"style": str(style), "format": "text", "items": [item], "bibliography": True}
    assert citekit.process(job)["bibliography"] == [
        "His «\u202fAnonymous\u202f» Life\u202f: x\u202f? y, à l’adresse Disponible sur\u202f: x"
    ]


def test_html_superscripts_and_affix_brackets(tmp_path: Any) -> None:
    """FIX(punct-superscript-chars), FIX(punct-affix-escape): ² as <sup>2</sup>; &lt; affix.

    Expected: citeproc-js on this job (../shared/oracle/csl-reference), HTML.
    """
    style = tmp_path / "sup.csl"
    style.write_text(
        _display_style('<text variable="title" prefix="&lt;" suffix="&gt;"/>').replace(
            ' second-field-align="flush"', ""
        ),
        encoding="utf-8",
    )
    item = {"id": "x", "type": "book", "title": "E=mc² ™ x"}
    job = {"style": str(style), "format": "html", "items": [item], "bibliography": True}
    (entry,) = citekit.process(job)["bibliography"]
    assert _norm(entry) == "&lt;E=mc<sup>2</sup> <sup>TM</sup> x&gt;"
    assert citekit.process({**job, "format": "text"})["bibliography"] == ["<E=mc² ™ x>"]


def test_explicit_normal_and_seam_at_a_division(tmp_path: Any) -> None:
    """FIX(punct-explicit-normal), FIX(punct-seam-division): normal undoes; "n.d." + ".".

    Expected: citeproc-js on these jobs (../shared/oracle/csl-reference), HTML.
    """
    style = tmp_path / "normal.csl"
    style.write_text(
        _display_style(
            '<text variable="title" vertical-align="baseline" font-style="normal"'
            ' font-weight="normal" font-variant="normal"/>'
            '<group font-weight="bold" font-variant="small-caps"><text variable="publisher"'
            ' font-weight="normal" font-variant="normal"/></group>'
            '<group font-style="italic"><text variable="title" font-style="normal"/></group>'
        ).replace(' second-field-align="flush"', ""),
        encoding="utf-8",
    )
    item = {"id": "x", "type": "book", "title": "T", "publisher": "P"}
    job = {"style": str(style), "format": "html", "items": [item], "bibliography": True}
    (entry,) = citekit.process(job)["bibliography"]
    assert _norm(entry) == (
        '<span style="baseline">T</span><b><span style="font-variant:small-caps;">'
        '<span style="font-weight:normal;"><span style="font-variant:normal;">P</span></span>'
        '</span></b><i><span style="font-style:normal;">T</span></i>'
    )
    assert citekit.process({**job, "format": "text"})["bibliography"] == ["TPT"]
    style.write_text(
        _display_style(
            '<text variable="citation-number" display="left-margin" suffix=" "/>'
            '<group display="right-inline" suffix="."><text variable="title" font-weight="bold"/>'
            "</group>"
        ),
        encoding="utf-8",
    )
    (entry,) = citekit.process({**job, "items": [{**item, "title": "n.d."}]})["bibliography"]
    assert entry.endswith('<div class="csl-right-inline"><b>n.d.</b></div>\n  </div>')
