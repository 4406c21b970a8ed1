"""The BibTeX and RIS readers on files citekit did not write, and on broken ones."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from citekit.cli import main
from citekit.model import Name
from citekit.readers import read_text
from citekit.textio import decode

THIRD_PARTY_BIB = r"""
@string{fm = "Foreign Ministry"}
@article{smith2001,
  author = {van der Berg, Jan and M{\"u}ller, J{\"o}rg and {Office of the Historian}},
  title = {Cold War Diplomacy -- A ``Survey''~Revisited},
  journal = fm,
  year = 2001, month = mar,
  pages = {11--19},
  howpublished = {Somewhere else},
  isrn = {X-1}
}
"""


def test_a_third_party_bib_reads_as_latex_means_it() -> None:
    (item,), _ = read_text(decode(THIRD_PARTY_BIB.encode(), "x.bib"))
    assert item.type == "article-journal" and item.key == "smith2001"
    assert item.title == "Cold War Diplomacy – A “Survey” Revisited"
    assert item.author == (
        Name(family="Berg", given="Jan", non_dropping_particle="van der"),
        Name(family="Müller", given="Jörg"),
        Name(literal="Office of the Historian"),
    )
    data = item.to_csl_json()
    assert data["container-title"] == "Foreign Ministry"
    assert data["issued"] == {"date-parts": [[2001, 3]]}
    assert item.page == "11-19"
    # Fields citekit has no variable for, and a howpublished it did not write, are kept.
    assert item.extra["isrn"] == "X-1" and item.extra["howpublished"] == "Somewhere else"


def test_a_third_party_ris_reads_its_aliases_and_keeps_unknown_tags() -> None:
    ris = "TY  - JOUR\nA1  - Berg, Jan\nT1  - Title\nJF  - Journal\nSP  - 3\nEP  - 9\nZZ  - odd\n"
    ris += "ER  -\n"
    (item,), _ = read_text(decode(ris.encode(), "x.ris"))
    assert item.author == (Name(family="Berg", given="Jan"),) and item.title == "Title"
    assert item.to_csl_json()["container-title"] == "Journal"
    assert item.page == "3-9" and item.extra["RIS ZZ"] == "odd"


def test_broken_bib_files_give_one_line_errors(tmp_path: Path) -> None:
    cases = {
        "names.bib": "@misc{a,\n author = {A, B, C, D},\n title = {T}\n}\n",
        "braces.bib": "@misc{a,\n title = {T\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        r = CliRunner().invoke(main, ["show", str(tmp_path / name)])
        assert r.exit_code == 1, name
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and f"{name}:1:" in lines[0] and "hint:" in lines[0], r.stderr
        assert "Traceback" not in r.stderr
