"""Regenerate the manuscript goldens from pandoc 3 and citeproc-js (never from citekit).

For each style, in tests/fixtures/manuscript/:

- ``chapter.<style>.pandoc.json``: pandoc's own document tree for ``pandoc chapter.md
  --citeproc --csl STYLE`` (its placement of every citation, note and bibliography entry;
  pandoc from pypandoc-binary);
- ``chapter.<style>.expected.json``: what citeproc-js (../shared/oracle/csl-reference) gives
  for the same citations with the same note numbers: each citation's text, each name left
  in the sentence by ``@key``, and the bibliography, in HTML and (converted by pandoc) in
  Markdown.

The job is citekit.manuscript.reference_job: it only lists the citations in note order, as
pandoc numbers them; the text is all citeproc-js's. Needs node.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citekit.engine.styles import resolve_style  # noqa: E402
from citekit.manuscript import reference_job  # noqa: E402
from citekit.readers import read_paths  # noqa: E402

HERE = ROOT / "tests" / "fixtures" / "manuscript"
STYLES = ("chicago-notes-bibliography", "apa")
ORACLE = os.environ.get("CITEKIT_ORACLE") or next(
    str(p / "shared/oracle/csl-reference")
    for p in (ROOT.parent, ROOT.parent.parent, Path("/work"))
    if (p / "shared/oracle/csl-reference").exists()
)


def pandoc() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def oracle(job: dict[str, Any]) -> dict[str, Any]:
    out = subprocess.run([ORACLE], input=json.dumps(job), capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    answer: dict[str, Any] = json.loads(out.stdout)
    return answer


def to_markdown(snippets: list[str]) -> list[str]:
    """citeproc-js's HTML snippets as pandoc Markdown, one pandoc run for all of them."""
    doc = "".join(f"<p>{s}</p>\n" for s in snippets)
    out = subprocess.run(
        [pandoc(), "-f", "html", "-t", "markdown-smart", "--wrap=none"],
        input=doc,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out = "\n".join(ln for ln in out.split("\n") if not ln.startswith(":::"))  # entry divs
    parts = out.strip("\n").split("\n\n") if snippets else []
    assert len(parts) == len(snippets), (len(parts), len(snippets))
    return parts


def main() -> None:
    text = (HERE / "chapter.md").read_text("utf-8")
    items = read_paths([str(HERE / "refs.json")]).items
    for style in STYLES:
        path = str(resolve_style(style).path)
        tree = subprocess.run(
            [pandoc(), "chapter.md", "--citeproc", "--csl", path, "-t", "json"],
            cwd=HERE,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (HERE / f"chapter.{style}.pandoc.json").write_text(tree + "\n", "utf-8")
        jobs = reference_job(text, items, style=path, fmt="html")
        job = jobs["job"]
        cited = {c["id"] for cl in job["citations"] for c in cl["items"]}
        extra = [i["id"] for i in job["items"] if i["id"] not in cited]  # from nocite
        # citeproc-js lists only cited items: cite the nocite ones last, after every other
        # citation (so no position changes), and leave those citations out of the golden.
        last = job["citations"][-1]["noteIndex"] if job["citations"] else 0
        ref = oracle(
            dict(
                job,
                citations=job["citations"]
                + [{"items": [{"id": k}], "noteIndex": last + 1 + n} for n, k in enumerate(extra)],
            )
        )
        ref["citations"] = ref["citations"][: len(job["citations"])]
        authors = [oracle(j)["citations"][-1] for j in jobs["author_only"]]
        out = {
            "engine": ref["engine"],
            "style": style,
            "notes": [c["noteIndex"] for c in jobs["job"]["citations"]],
            "citations": ref["citations"],
            "authors": authors,
            "bibliography": ref["bibliography"],
            "citations_md": to_markdown(ref["citations"]),
            "authors_md": to_markdown(authors),
            "bibliography_md": to_markdown(ref["bibliography"]),
        }
        target = HERE / f"chapter.{style}.expected.json"
        target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print("wrote", target.relative_to(ROOT), "and the pandoc tree")


if __name__ == "__main__":
    main()
