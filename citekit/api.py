"""citekit's library API: read, cite, process, export and write provenance.

Everything the command line does goes through these functions::

    >>> import citekit
    >>> result = citekit.read(["documents/000_97e68d44f543b168.txt"])
    >>> item = result.items[0]
    >>> item.archive_location, item.page
    ('PRC FMA 118-01154-07', '11-12')
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .errors import CitekitError, Diagnostic, RenderError
from .export import ExportOptions
from .export import export_items as _export_items
from .model import Item
from .provenance import render_provenance
from .readers import ReadResult, read_paths

FORMATS = ("text", "html", "markdown")

#: A progress callback: called with the number of pieces of work done since its last call.
Progress = Callable[[int], None]


def read(
    paths: Iterable[str],
    fmt: str | None = None,
    *,
    key_format: str | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read records, CSL-JSON, BibTeX or RIS files (or directories of them) into items.

    Bad files do not stop the batch: they are listed in ``result.errors``. ``progress`` is
    called with 1 per input file.
    """
    return read_paths(paths, fmt, key_format=key_format, progress=progress)


def render_size(items: int, citations: int = 0, *, bibliography: bool = True) -> int:
    """How many pieces a rendering job reports to its ``progress`` callback in all.

    One per item (the check for ambiguous cites), one per citation, and one per item for
    the bibliography.
    """
    return items + citations + (items if bibliography else 0)


def _engine() -> Any:
    from .engine import pipeline as csl  # on first use: it loads citeproc and lxml

    return csl


def html_to_markdown(text: str) -> str:
    """Turn citeproc's small HTML (i, b, sup, sub, span) into Markdown."""
    text = re.sub(r'<div class="csl-entry">(.*)</div>', r"\1", text, flags=re.S)
    text = re.sub(r"</?i>", "*", text)
    text = re.sub(r"</?b>", "**", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"^\1^", text)
    text = re.sub(r"<sub>(.*?)</sub>", r"~\1~", text)
    text = re.sub(r"</?span[^>]*>", "", text)
    text = html_lib.unescape(text)
    return text


def bibliography(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    progress: Progress | None = None,
) -> list[str]:
    """Render the bibliography entries of ``items`` (in the style's order)."""
    out = _render_bibliography(items, style, fmt, progress)
    return [html_to_markdown(e) if fmt == "markdown" else e for e in out.bibliography]


def _render_bibliography(
    items: Sequence[Item], style: str | None, fmt: str, progress: Progress | None
) -> Any:
    return _engine().render(
        [i.to_csl_json(with_facts=False) for i in items],
        style=style,
        fmt="text" if fmt == "text" else "html",
        progress=progress,
    )


def entries_by_item(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    progress: Progress | None = None,
) -> list[str | None]:
    """Each item's bibliography entry, in input order; None where the style leaves it out.

    The entries are rendered together, as one bibliography (so repeated authors and year
    suffixes come out as in the full list).
    """
    out = _render_bibliography(items, style, fmt, progress)
    conv = html_to_markdown if fmt == "markdown" else (lambda s: s)
    by_id = dict(zip(out.bibliography_ids, out.bibliography, strict=True))
    return [conv(by_id[i.id]) if i.id in by_id else None for i in items]


def bibliography_by_item(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    progress: Progress | None = None,
) -> list[tuple[Item, str]]:
    """The bibliography in the style's order, each entry with its item (none for the left out)."""
    out = _render_bibliography(items, style, fmt, progress)
    conv = html_to_markdown if fmt == "markdown" else (lambda s: s)
    by_id = {i.id: i for i in items}
    return [
        (by_id[i], conv(e)) for i, e in zip(out.bibliography_ids, out.bibliography, strict=True)
    ]


def notes(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    locators: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> list[str]:
    """Render one full first citation (a first note, in a note style) for each item."""
    csl = _engine()
    clusters = [
        csl.Cluster(
            (
                csl.Cite(
                    i.id, (locators or {}).get(i.id), "page" if (locators or {}).get(i.id) else None
                ),
            )
        )
        for i in items
    ]
    out = csl.render(
        [i.to_csl_json(with_facts=False) for i in items],
        style=style,
        fmt="text" if fmt == "text" else "html",
        clusters=clusters,
        bibliography=False,
        progress=progress,
    )
    return [html_to_markdown(c) if fmt == "markdown" else c for c in out.citations]


def cite_forms(item: Item, *, style: str | None = None, fmt: str = "text") -> dict[str, str]:
    """Render an item's first note, short (subsequent) note and bibliography entry."""
    csl = _engine()
    cl = csl.Cluster((csl.Cite(item.id),))
    out = csl.render(
        [item.to_csl_json(with_facts=False)],
        style=style,
        fmt="text" if fmt == "text" else "html",
        clusters=[cl, cl, cl],
    )
    conv = html_to_markdown if fmt == "markdown" else (lambda s: s)
    return {
        "note": conv(out.citations[0]),
        "short_note": conv(out.citations[1]),
        "bibliography": conv(out.bibliography[0]) if out.bibliography else "",
    }


def process(job: Mapping[str, Any], *, progress: Progress | None = None) -> dict[str, Any]:
    """Render a citeproc-js-style job: ``{"style", "format", "items", "citations", ...}``.

    Returns ``{"engine", "citations", "bibliography"}`` in the reference's shape.

    Raises:
        RenderError: the job is malformed or names a missing item.
    """
    csl = _engine()
    if not isinstance(job, Mapping):
        raise RenderError("a job is a JSON object", hint="see the README: citekit process")
    items = job.get("items")
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise RenderError('the job needs "items": a list of CSL-JSON items')
    fmt = str(job.get("format", "text"))
    clusters = []
    last = 0
    for n, entry in enumerate(job.get("citations") or []):
        cites_in = (
            entry
            if isinstance(entry, list)
            else (entry or {}).get("items")
            if isinstance(entry, Mapping)
            else None
        )
        if not isinstance(cites_in, list):
            raise RenderError(f"citation {n + 1} is neither a list nor an object with items")
        note = entry.get("noteIndex") if isinstance(entry, Mapping) else None
        note_index = int(note) if isinstance(note, int | str) and str(note).isdigit() else last + 1
        last = note_index
        cites = []
        for c in cites_in:
            if not isinstance(c, Mapping) or "id" not in c:
                raise RenderError(f"citation {n + 1} has an item without an id")
            cites.append(
                csl.Cite(
                    id=str(c["id"]),
                    locator=str(c["locator"]) if c.get("locator") not in (None, "") else None,
                    label=str(c.get("label") or "page") if c.get("locator") else None,
                    prefix=c.get("prefix"),
                    suffix=c.get("suffix"),
                    suppress_author=bool(c.get("suppress-author")),
                    author_only=bool(c.get("author-only")),
                )
            )
        clusters.append(csl.Cluster(tuple(cites), note_index))
    out = csl.render(
        items,
        style=job.get("style"),
        fmt=fmt,
        clusters=clusters,
        bibliography=job.get("bibliography", True) is not False,
        progress=progress,
    )
    return {
        "engine": "citekit (citeproc-py 0.11.1 + compatibility layer)",
        "citations": out.citations,
        "bibliography": out.bibliography,
    }


def export_items(items: Sequence[Item], fmt: str, *, ascii_only: bool = False) -> str:
    """Write items as ``csl-json``, ``bibtex``, ``biblatex`` or ``ris`` text."""
    text, _ = _export_items(items, fmt, ExportOptions(ascii=ascii_only))
    return text


def export_with_notes(
    items: Sequence[Item], fmt: str, *, ascii_only: bool = False
) -> tuple[str, list[Diagnostic]]:
    """Like :func:`export_items`, also saying which fields went to a note (nothing is dropped)."""
    return _export_items(items, fmt, ExportOptions(ascii=ascii_only))


def provenance_note(item: Item, *, fmt: str = "text", template: str | None = None) -> str:
    """Render an item's provenance note (``text``, ``markdown``, ``html`` or ``json``)."""
    return render_provenance(item, fmt=fmt, template=template)


__all__ = [
    "CitekitError",
    "bibliography",
    "cite_forms",
    "export_items",
    "export_with_notes",
    "notes",
    "process",
    "provenance_note",
    "read",
]
