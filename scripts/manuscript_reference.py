"""Ask citeproc-js what the test manuscript's notes should be.

Builds the job the manuscript's citations make (same items, same notes, same note numbers)
with citekit.manuscript.reference_job, renders it with ../shared/oracle/csl-reference and
writes tests/fixtures/manuscript/chapter.<style>.expected.json. Needs node.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citekit.api import html_to_markdown  # noqa: E402
from citekit.engine.styles import resolve_style  # noqa: E402
from citekit.manuscript import reference_job  # noqa: E402
from citekit.readers import read_paths  # noqa: E402
from citekit.urls import with_public_urls  # noqa: E402

HERE = ROOT / "tests" / "fixtures" / "manuscript"
ORACLE = os.environ.get("CITEKIT_ORACLE") or next(
    str(p / "shared/oracle/csl-reference")
    for p in (ROOT.parent, ROOT.parent.parent, Path("/work"))
    if (p / "shared/oracle/csl-reference").exists()
)
RECORDS = [str(ROOT / "documents")] + sorted(
    str(p)
    for p in (ROOT / "tests/fixtures/records/archive-page").glob("*.txt")
    if not p.name.startswith(("utf", "windows"))
)


def main() -> None:
    items = with_public_urls(read_paths(RECORDS).items)  # what `citekit render` cites
    for style in ("chicago-notes-bibliography-subsequent-ibid", "chicago-notes-bibliography"):
        job = reference_job((HERE / "chapter.md").read_text("utf-8"), items, style=style)
        job["style"] = str(resolve_style(style).path)
        job["format"] = "html"  # `citekit render` writes Markdown: italics as *...*
        ref = json.loads(
            subprocess.run(
                [ORACLE],
                input=json.dumps(job),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        notes = [c["noteIndex"] for c in job["citations"]]
        out = {
            "engine": ref["engine"],
            "notes": notes,
            "citations": [html_to_markdown(c) for c in ref["citations"]],
            "bibliography": [html_to_markdown(b).strip() for b in ref["bibliography"]],
        }
        path = HERE / f"chapter.{style}.expected.json"
        path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    main()
