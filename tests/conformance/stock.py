"""Render a fix case's job with stock citeproc-py 0.11.1 (nothing of citekit involved).

Used two ways: ``scripts/fix_cases.py`` runs it as a script in a fresh interpreter (the job
as JSON on stdin, the result as JSON on stdout), and ``tests/test_fixes.py`` calls
:func:`render` in the test process, after citekit has rendered, which also shows that
citekit left citeproc-py as it was.
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any


def render(job: dict[str, Any]) -> dict[str, Any]:
    """The job's citations (first cite of each) and bibliography, as stock citeproc-py prints."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        Locator,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    out: dict[str, Any] = {"citations": [], "bibliography": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            style = CitationStylesStyle(job["style"], validate=False)
            fmt = formatter.html if job.get("format") == "html" else formatter.plain
            bib = CitationStylesBibliography(style, CiteProcJSON(job["items"]), fmt)
            cits = []
            for c in job.get("citations", []):
                c = c["items"] if isinstance(c, dict) else c
                kw = {}
                if c[0].get("locator"):
                    kw["locator"] = Locator(c[0].get("label", "page"), c[0]["locator"])
                cit = Citation([CitationItem(c[0]["id"], **kw)])
                bib.register(cit)
                cits.append(cit)
            for cit in cits:
                out["citations"].append(str(bib.cite(cit, lambda x: None)))
            if not cits:
                for i in job["items"]:
                    bib.register(Citation([CitationItem(i["id"])]))
            bib.sort()
            if job.get("bibliography", True):
                out["bibliography"] = [str(b) for b in bib.bibliography()]
        except Exception as exc:
            out = {"error": repr(exc)}
    return out


if __name__ == "__main__":
    print(json.dumps(render(json.load(sys.stdin))))
