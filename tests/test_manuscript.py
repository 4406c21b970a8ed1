"""Manuscripts, templates and the library API."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED

import citekit
from citekit.cli import main
from citekit.manuscript import parse, parse_locator, reference_job
from citekit.readers import read_paths

HERE = ROOT / "tests/fixtures/manuscript"
RECORDS = [str(ROOT / "documents")] + sorted(
    str(p)
    for p in (ROOT / "tests/fixtures/records/archive-page").glob("*.txt")
    if not p.name.startswith(("utf", "windows"))
)


def render(style: str, fmt: str = "markdown") -> str:
    args = ["render", str(HERE / "chapter.md"), "--style", style, "--format", fmt]
    for r in RECORDS:
        args += ["-b", r]
    result = CliRunner().invoke(main, ["-q", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "style", ["chicago-notes-bibliography-subsequent-ibid", "chicago-notes-bibliography"]
)
def test_every_footnote_is_what_citeproc_js_gives(style: str) -> None:
    # Expected: citeproc-js on the same items, citations and note numbers
    # (scripts/manuscript_reference.py).
    ref = json.loads((HERE / f"chapter.{style}.expected.json").read_text("utf-8"))
    assert len(ref["citations"]) >= 36 and len(set(ref["notes"])) >= 12
    out = render(style)
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", out, re.M))
    for n, expected in zip(ref["notes"], ref["citations"], strict=True):
        got = notes[str(n)]
        if got.startswith("Compare the later minutes"):  # the author's own note, citing
            assert got == "Compare the later minutes " + expected
        else:
            assert got == expected, n
    assert notes["11"] == "The account is second-hand."
    bib = out.split("## References\n\n", 1)[1].strip().split("\n\n")
    assert bib == ref["bibliography"]


def test_ibid_short_and_first_notes_all_occur() -> None:
    out = render("chicago-notes-bibliography-subsequent-ibid")
    assert "[^2]: Ibid., 12." in out and "[^3]: Ibid." in out
    assert "[^6]: Mao, “Telegram from Mao Zedong,” 540." in out  # after the author's note


def test_text_passes_through_and_code_is_left_alone() -> None:
    out = render("chicago-notes-bibliography")
    assert "Code such as `@notacitation` and mail to someone@example.org stay as they are." in out
    assert out.startswith("# The Xinjiang border crisis of 1962\n\nThe Foreign Ministry")


def test_in_text_style_gives_inline_citations_and_renumbers_author_notes() -> None:
    out = render("apa")
    assert "reported the talks at once.(Ministry of Foreign Affairs, 1962, p. 11)" in out
    # APA does not put a translator in the author's place: the short title stands in.
    assert "*Conversation between Kim Il Sung* (1950, p. 12) translated" in out
    assert "[^1]: Compare the later minutes (" in out and "[^2]: The account" in out


def test_html_output_has_footnote_elements() -> None:
    out = render("chicago-notes-bibliography", "html")
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">1</a></sup>' in out
    assert '<section class="footnotes">' in out and '<li id="fn3">Ibid.' not in out


def test_unknown_key_names_the_key_and_its_line(tmp_path: Path) -> None:
    ms = tmp_path / "m.md"
    ms.write_text("Intro.\n\nA claim.[@nosuchkey, p. 2]\n")
    r = CliRunner().invoke(main, ["render", str(ms), "-b", str(SEED)])
    assert r.exit_code == 1
    assert f"{ms}:3: unknown citation key 'nosuchkey'" in r.stderr
    assert "Traceback" not in r.stderr
    ms.write_text("[@ministry1962reportin]\n")
    r = CliRunner().invoke(main, ["render", str(ms), "-b", str(SEED)])
    assert "did you mean ministry1962reporting?" in r.stderr


def test_citation_syntax() -> None:
    ms = parse("[see @a, pp. 3-4; @b, fol. 7, emphasis mine] and [-@c] and @d [ch. 2] `@e`")
    a, b = ms.citations[0].cites
    assert (a.prefix, a.key, a.locator, a.label) == ("see", "a", "3-4", "page")
    assert (b.key, b.locator, b.label, b.suffix) == ("b", "7", "folio", "emphasis mine")
    assert ms.citations[1].cites[0].suppress_author
    assert ms.citations[2].in_text and ms.citations[2].cites[0].label == "chapter"
    assert len(ms.citations) == 3
    assert parse_locator(", sec. 4") == ("4", "section", "")
    assert parse_locator(", 12") == ("12", "page", "")


def test_reference_job_numbers_notes_like_the_manuscript() -> None:
    items = read_paths(RECORDS).items
    job = reference_job(
        (HERE / "chapter.md").read_text("utf-8"), items, style="chicago-notes-bibliography"
    )
    assert [c["noteIndex"] for c in job["citations"]][:6] == [1, 2, 3, 4, 5, 6]


def test_shipped_templates(tmp_path: Path) -> None:
    tmpl = ROOT / "citekit/examples"
    r = CliRunner().invoke(
        main, ["cite", str(SEED), "--template", str(tmpl / "reading-list.md.j2")]
    )
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("# Reading list (chicago)\n\n1. Ministry of Foreign Affairs.")
    assert "Translated by Charles Kraus from Chinese" in r.stdout
    # A tag that is not CSL rich text (<b> would be: CSL 1.0.2 Appendix VI) must print as text.
    rec = SEED.read_text("utf-8").replace(
        "Translated by Charles Kraus", "Translated by C <script>K</script>"
    )
    (tmp_path / "x.txt").write_text(rec, "utf-8")
    r = CliRunner().invoke(
        main, ["cite", str(tmp_path / "x.txt"), "--template", str(tmpl / "table.html.j2")]
    )
    assert r.exit_code == 0, r.stderr
    assert "<td><code>ministry1962reporting</code></td>" in r.stdout
    assert "<script>" not in r.stdout and "&lt;script&gt;K&lt;/script&gt;" in r.stdout


def test_library_api() -> None:
    result = citekit.read([str(SEED)])
    (item,) = result.items
    assert citekit.bibliography([item], style="mla")[0].startswith("Ministry of Foreign Affairs.")
    assert citekit.notes([item])[0].startswith("Ministry of Foreign Affairs, “Reporting")
    assert json.loads(citekit.export_items([item], "csl-json"))[0]["page"] == "11-12"
    assert "PRC FMA" in citekit.provenance_note(item)
    ms = citekit.render_manuscript("A claim.[@ministry1962reporting, p. 11]\n", [item])
    assert "[^1]: Ministry of Foreign Affairs" in ms
