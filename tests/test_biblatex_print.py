"""What biblatex prints from citekit's BibLaTeX export (issue 14).

A .tex that cites every fixture record compiles with biber and biblatex (the standard
``authoryear`` style, and biblatex-chicago's notes style), and each printed entry carries the
translators, the shelfmark, the pages and the archive, while the facts citekit keeps in
``annote`` (original language, funders, contributors) are not printed.

The printed text is read from the DVI with ``dvi2tty`` (part of TeX Live's binaries, so it
is there wherever ``latex`` is). CI installs biber and biblatex (.ci/run); biblatex-chicago
also needs ``xstring`` from texlive-latex-extra, which is too slow to install in CI's time:
run it with ``apt-get install texlive-latex-extra && pytest tests/test_biblatex_print.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED

from citekit.export import export_items
from citekit.mapping.bibtex import archive_line
from citekit.model import Item
from citekit.readers import read_paths

RECORDS = [SEED, *sorted((FIXTURES / "records" / "archive-page").glob("*.txt"))]


def _have(*files: str) -> bool:
    if not (shutil.which("kpsewhich") and shutil.which("biber") and shutil.which("dvi2tty")):
        return False
    found = subprocess.run(["kpsewhich", *files], capture_output=True, text=True).stdout
    return len(found.split()) == len(files)


STYLES = {
    "standard": (r"\usepackage[backend=biber,style=authoryear]{biblatex}", ("biblatex.sty",)),
    "chicago": (
        r"\usepackage[notes,backend=biber,dashed=false]{biblatex-chicago}",
        ("biblatex-chicago.sty", "xstring.sty"),
    ),
}
REASONS = {
    "standard": "biber and biblatex are installed by .ci/run",
    "chicago": "biblatex-chicago needs texlive-bibtex-extra and texlive-latex-extra (xstring)",
}


def _alnum(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and justification fall away."""
    return re.sub(r"[^A-Za-z0-9]", "", text)


def _entries(printed: str) -> list[str]:
    """Split dvi2tty's text of the bibliography into entries.

    The document is one tall page with a blank line between entries (see :func:`_compile`),
    so entries are the blocks between blank lines after the heading.
    """
    body = printed.split("References", 1)[1]
    blocks = re.split(r"\n\s*\n", body)
    return [b.strip() for b in blocks if b.strip() and not b.strip().isdigit()]


def _compile(tmp_path: Path, style: str, items: list[Item]) -> str:
    (tmp_path / "refs.bib").write_text(export_items(items, "biblatex")[0], encoding="utf-8")
    package, _ = STYLES[style]
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[english]{babel}\n"
        f"{package}\n\\addbibresource{{refs.bib}}\n"
        # One page (no entry broken across pages), a blank line between entries.
        "\\setlength{\\textheight}{16000pt}\\setlength{\\bibitemsep}{\\baselineskip}\n"
        "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n",
        encoding="utf-8",
    )
    latex = ["latex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    for step in (latex, ["biber", "doc"], latex):
        run = subprocess.run(step, cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0, f"{step[0]}: {run.stdout[-3000:]}"
        if step[0] == "biber":
            assert not re.search(r"^(WARN|ERROR)", run.stdout, re.M), run.stdout
    out = subprocess.run(
        ["dvi2tty", "-w", "200", "doc.dvi"], cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("style", list(STYLES))
def test_every_fixture_prints_translator_shelfmark_pages_archive(
    tmp_path: Path, style: str
) -> None:
    if not _have(*STYLES[style][1]):
        pytest.skip(REASONS[style])
    items = read_paths([str(p) for p in RECORDS]).items
    assert len(items) == len(RECORDS)
    entries = _entries(_compile(tmp_path, style, items))
    assert len(entries) == len(items)
    for item in items:
        # Everything one entry must print, as letters and digits.
        wanted = [_alnum(item.title or "")[:60]]
        wanted += [_alnum(n.family or n.literal or "") for n in item.translator]
        where = archive_line(item.to_csl_json(with_facts=False))
        if where:  # shelfmark, pages and archive, in Chicago's order
            wanted.append(_alnum(where))
        # "Translated from the Russian by": Chicago leaves the language out where the
        # translator heads an entry that has no author ("Schaefer, Bernd, trans.").
        named = item.original_language in ("Russian", "German")
        if item.translator and named and (style == "standard" or item.author):
            wanted.append(_alnum(f"from the {item.original_language}"))
        assert any(all(w in _alnum(e) for w in wanted) for e in entries), (item.key, wanted)
    printed = "\n".join(entries)
    for fact in ("Original Language", "Funder", "Contributor", "Type:"):
        assert fact not in printed
    # A language biblatex has no key for is left out of origlanguage, never printed raw.
    assert not re.search(r"(?i)translated\s+chinese|trans\.\s+chinese", printed)
