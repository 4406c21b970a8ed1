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


_BY_CITE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>by-cite</id><title>by-cite</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"
            disambiguate-add-givenname="true" givenname-disambiguation-rule="by-cite">
    <layout delimiter="; ">
      <names variable="author"><name delimiter=", " initialize-with="."/></names>
    </layout>
  </citation>
</style>"""

_WITH_INITIALS_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"
  version="1.0">
  <info><id>initials</id><title>initials</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-givenname="true"
            givenname-disambiguation-rule="all-names-with-initials">
    <layout delimiter="; ">
      <names variable="author"><name form="short" and="text" initialize-with="."/></names>
    </layout>
  </citation>
</style>"""


def _person(family: str, given: str) -> dict[str, str]:
    return {"family": family, "given": given}


def test_by_cite_steps_and_useful_initials(tmp_path: Any) -> None:
    """FIX(disambig-by-cite-steps) (long forms too), FIX(disambig-initials-help).

    By cite, names and given names are tried name by name: "Roe" shown whole tells the
    second cite apart with two names, "Jones" shown whole the other two with three; "Doe",
    which tells nothing apart, keeps its initial (citekit printed "J. Doe et al." three
    times). With all-names-with-initials, initials are added only where they differ
    ("B. Bronchitis" twice, "C. Smith" twice were printed). Expected: citeproc-js on these
    jobs (../shared/oracle/csl-reference).
    """
    by_cite = tmp_path / "by-cite.csl"
    by_cite.write_text(_BY_CITE_STYLE, encoding="utf-8")
    doe, jones = _person("Doe", "John"), _person("Jones", "Robert")
    authors = [
        [doe, _person("Roe", "Jane"), jones],
        [doe, _person("Roe", "Josephine"), jones],
        [doe, _person("Roe", "Jane"), _person("Jones", "Richard")],
    ]
    items = [{"id": f"i{n}", "type": "book", "author": a} for n, a in enumerate(authors)]
    job = {
        "style": str(by_cite),
        "format": "text",
        "items": items,
        "citations": [[{"id": i["id"]} for i in items]],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "J. Doe, Jane Roe, Robert Jones; J. Doe, Josephine Roe, et al.; "
        "J. Doe, Jane Roe, Richard Jones"
    ]
    initials = tmp_path / "initials.csl"
    initials.write_text(_WITH_INITIALS_STYLE, encoding="utf-8")
    asthma = _person("Asthma", "Albert")
    authors = [
        [asthma, _person("Bronchitis", "Bosworth"), _person("Cold", "Crispin")],
        [asthma, _person("Bronchitis", "Beauregarde"), _person("Cold", "Odeous")],
        [_person("Smith", "Cecil")],
        [_person("Smith", "Charles")],
    ]
    items = [{"id": f"i{n}", "type": "book", "author": a} for n, a in enumerate(authors)]
    job = {
        "style": str(initials),
        "format": "text",
        "items": items,
        "citations": [[{"id": "i0"}, {"id": "i1"}], [{"id": "i2"}, {"id": "i3"}]],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "Asthma, Bronchitis, and C. Cold; Asthma, Bronchitis, and O. Cold",
        "Smith; Smith",
    ]


_ETAL_SUBSEQUENT_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"
  version="1.0">
  <info><id>etal</id><title>etal</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="3" et-al-subsequent-min="3"
            et-al-subsequent-use-first="1" disambiguate-add-year-suffix="true">
    <layout delimiter="; " prefix="(" suffix=")">
      <names variable="author">
        <name form="short" and="symbol" delimiter=", " delimiter-precedes-last="never"/>
      </names>
      <date prefix=" " variable="issued"><date-part name="year"/></date>
    </layout>
  </citation>
</style>"""


def test_et_al_subsequent_in_later_cites_and_in_disambiguation(tmp_path: Any) -> None:
    """FIX(disambig-etal-subsequent): "Baur et al." in the later cite, and in ambiguity.

    The two Baur works differ in their first cites but not in the subsequent form ("Baur
    et al. 2000"), which is the form ambiguity is judged on: both take a year suffix. Three
    names with et-al-use-first 3 take no "et al." (citekit printed "Baur, Schileyko, Baur,
    et al."); the second cite of the first work uses the subsequent et-al (citekit repeated
    three names). Expected: citeproc-js on this job (../shared/oracle/csl-reference).
    """
    style = tmp_path / "etal.csl"
    style.write_text(_ETAL_SUBSEQUENT_STYLE, encoding="utf-8")
    year = {"date-parts": [[2000]]}
    authors = [
        [_person("Baur", "Bruno"), _person("Fröberg", "Lars"), _person("Baur", "Anette")]
        + [_person("Haase", "Martin")],
        [_person("Baur", "Bruno"), _person("Schileyko", "Anatoly"), _person("Baur", "Anette")],
        [_person("Doe", "John")],
    ]
    items = [
        {"id": f"i{n}", "type": "book", "issued": year, "author": a} for n, a in enumerate(authors)
    ]
    job = {
        "style": str(style),
        "format": "text",
        "items": items,
        "citations": [[{"id": "i0"}, {"id": "i1"}, {"id": "i2"}], [{"id": "i0"}]],
        "bibliography": False,
    }
    assert citekit.process(job)["citations"] == [
        "(Baur, Fröberg, Baur, et al. 2000a; Baur, Schileyko & Baur 2000b; Doe 2000)",
        "(Baur et al. 2000a)",
    ]


_AFTER_COLLAPSE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"
  version="1.0">
  <info><id>c</id><title>c</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation collapse="year" after-collapse-delimiter="; " disambiguate-add-year-suffix="true">
    <layout delimiter=", " prefix="(" suffix=")">
      <group delimiter=", ">
        <group delimiter=" ">
          <names variable="author"><name form="short"/></names>
          <date variable="issued"><date-part name="year"/></date>
        </group>
        <text variable="locator"/>
      </group>
    </layout>
  </citation>
</style>"""

_GROUP_DELIMITER_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note"
  version="1.0">
  <info><id>d</id><title>d</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation collapse="year-suffix" cite-group-delimiter="," disambiguate-add-year-suffix="true">
    <layout delimiter="; " prefix="(" suffix=")">
      <group delimiter=" ">
        <names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
</style>"""


def test_collapse_delimiters_spliced_as_citeproc_js_does(tmp_path: Any) -> None:
    """FIX(disambig-collapse-splice): the delimiter before each cite of a collapsed citation.

    With after-collapse-delimiter "; " and a layout delimiter ", ", two cites of different
    names that collapse nothing take "; " (citekit printed "Whittaker 1967, Wiens 1989b");
    suffixes join with cite-group-delimiter when year-suffix-delimiter is not set (citekit
    printed "2015a; b"). An undated cite that collapses to nothing is left out (citekit
    printed "Whittaker" again). Expected: citeproc-js on these jobs
    (../shared/oracle/csl-reference).
    """

    def book(key: str, family: str, year: int) -> dict[str, Any]:
        author = [_person(family, "J")]
        return {"id": key, "type": "book", "author": author, "issued": {"date-parts": [[year]]}}

    after = tmp_path / "after.csl"
    after.write_text(_AFTER_COLLAPSE_STYLE, encoding="utf-8")
    items = [
        book("w1", "Whittaker", 1967),
        book("w2", "Whittaker", 1975),
        book("v1", "Wiens", 1989),
        book("v2", "Wiens", 1989),
        book("g", "Garcia", 1998),
        {"id": "w3", "type": "book", "author": [_person("Whittaker", "J")]},
    ]
    page = {"label": "page"}
    citations = [
        [{"id": "w1"}, {"id": "w2"}, {"id": "v1"}, {"id": "v2"}],
        [{"id": "w1", "locator": "328"} | page, {"id": "w2", "locator": "475"} | page],
        [{"id": "w1"}, {"id": "v2"}],
    ]
    citations[1].append({"id": "g"})
    citations.append([{"id": "w1"}, {"id": "w3"}, {"id": "g"}])
    job = {"style": str(after), "format": "text", "items": items, "citations": citations}
    assert citekit.process(job | {"bibliography": False})["citations"] == [
        "(Whittaker 1967, 1975; Wiens 1989a, 1989b)",
        "(Whittaker 1967, 328; 1975, 475; Garcia 1998)",
        "(Whittaker 1967; Wiens 1989b)",
        "(Whittaker 1967; Garcia 1998)",
    ]
    grouped = tmp_path / "grouped.csl"
    grouped.write_text(_GROUP_DELIMITER_STYLE, encoding="utf-8")
    items = [
        book("a1", "Aalto", 2015),
        book("a2", "Aalto", 2015),
        book("b", "Bartleby", 2010),
        book("s1", "Smith", 2000),
        book("s2", "Smith", 2001),
    ]
    citations = [[{"id": "a1"}, {"id": "a2"}, {"id": "b"}], [{"id": "s1"}, {"id": "s2"}]]
    job = {"style": str(grouped), "format": "text", "items": items, "citations": citations}
    assert citekit.process(job | {"bibliography": False})["citations"] == [
        "(Aalto 2015a,b; Bartleby 2010)",
        "(Smith 2000,2001)",
    ]


_ACCESSED_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"
  version="1.0">
  <info><id>e</id><title>e</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true">
    <layout delimiter="; " prefix="(" suffix=")">
      <group delimiter=" ">
        <names variable="author"><name form="short"/></names>
        <choose>
          <if variable="issued"><date variable="issued" form="text" date-parts="year"/></if>
          <else>
            <text term="no date" form="short"/><text variable="year-suffix" prefix="-"/>
          </else>
        </choose>
      </group>
      <date variable="accessed" prefix=", read " form="numeric" date-parts="year-month-day"/>
    </layout>
  </citation>
</style>"""


def test_accessed_date_does_not_tell_cites_apart(tmp_path: Any) -> None:
    """FIX(disambig-accessed): two undated pages of one author, read on different days.

    citeproc-js judges ambiguity without the accessed date, so both take a year suffix
    (citekit printed "n.d." twice). Expected: citeproc-js on this job
    (../shared/oracle/csl-reference).
    """
    style = tmp_path / "accessed.csl"
    style.write_text(_ACCESSED_STYLE, encoding="utf-8")
    items = [
        {"id": key, "type": "webpage", "author": [_person("Doe", "J")]}
        | {"accessed": {"date-parts": [[year, 6, 1]]}}
        for key, year in (("x", 1965), ("y", 2065))
    ]
    job = {"style": str(style), "format": "text", "items": items, "bibliography": False}
    assert citekit.process(job | {"citations": [[{"id": "x"}, {"id": "y"}]]})["citations"] == [
        "(Doe n.d. -a, read 06/01/1965; Doe n.d. -b, read 06/01/2065)"
    ]


_EXTRA_TEXT_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note"
  version="1.0">
  <info><id>f</id><title>f</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout>
      <group delimiter=", ">
        <names variable="author"><name/></names>
        <choose><if disambiguate="true"><text variable="title"/></if></choose>
        <choose><if disambiguate="true"><text variable="edition" prefix="ed. "/></if></choose>
      </group>
    </layout>
  </citation>
</style>"""


def test_disambiguate_conditions_tried_one_at_a_time(tmp_path: Any) -> None:
    """FIX(disambig-incremental): the title tells two works apart, the edition the others.

    citekit printed the edition wherever a title was added. Expected: citeproc-js on this job
    (../shared/oracle/csl-reference).
    """
    style = tmp_path / "extra.csl"
    style.write_text(_EXTRA_TEXT_STYLE, encoding="utf-8")
    smith = [_person("Smith", "John")]
    books = (("a", "One", "3"), ("b", "Two", "4"), ("c", "Works", "5"), ("d", "Works", "6"))
    items = [
        {"id": key, "type": "book", "author": smith, "title": title, "edition": edition}
        for key, title, edition in books
    ]
    job = {"style": str(style), "format": "text", "items": items, "bibliography": False}
    assert citekit.process(job | {"citations": [[{"id": b[0]}] for b in books]})["citations"] == [
        "John Smith, One",
        "John Smith, Two",
        "John Smith, Works, ed. 5",
        "John Smith, Works, ed. 6",
    ]
