"""Provenance notes: where every fact of a citation came from.

A note names the document, the holding archive behind the shelfmark's abbreviation (from
``citekit/data/archives.json``), the translation chain, who published it online under which
URL (and the public URL where the host is a staging copy), the funders, and the source
file with its size and sha256, each fact with the line of the record it came from.
The note is deterministic: no clock, unless the caller passes an access date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .archives import match_archive, public_url
from .errors import CitekitError
from .model import Item, join_names
from .urls import given_url

FORMATS = {
    "text": "provenance.txt.j2",
    "markdown": "provenance.md.j2",
    "html": "provenance.html.j2",
    "json": "provenance.json.j2",
}


def provenance_context(item: Item) -> dict[str, Any]:
    """The variables a provenance template sees (documented in the README)."""
    match = match_archive(item.archive_location, context=item.original_language or "")
    published_in = _published_in(item)
    # In a series (FRUS, an NSA briefing book) the archive is the holding archive its source
    # note names; otherwise the archive publishes the document online.
    series = bool(published_in and item.csl.get("number"))
    holding: dict[str, Any] = {
        "abbreviation": match.abbreviation,
        "status": match.status,
        "name": match.archive.name if match.archive else None,
        "city": match.archive.city if match.archive else None,
        "candidates": [f"{a.name}, {a.city}" for a in match.candidates],
    }
    if series and item.archive:
        holding = {"abbreviation": None, "status": "named", "name": item.archive, "city": None}
        holding["candidates"] = []
    src = item.source
    # The URL as given is the "URL" fact already; its switch to the public host is shown apart.
    facts = [
        {"field": f.field, "line": f.line, "text": f.text}
        for f in item.facts
        if f.field != "URL-as-given"
    ]
    return {
        "key": item.key,
        "title": item.title,
        "date": item.issued.iso if item.issued else None,
        "type": item.type,
        "archive": item.archive,
        "shelfmark": item.archive_location,
        "pages": item.page,
        "holding": holding,
        "published_in": published_in,
        "online": None if series else item.archive,
        "original_language": item.original_language,
        "language": item.language,
        "translators": [n.display for n in item.translator],
        "translators_text": join_names(item.translator),
        "authors": [n.display for n in item.author],
        "contributors": [
            {"name": c.name.display, "role": c.role, "detail": c.detail} for c in item.contributors
        ],
        "url": given_url(item),
        "public_url": public_url(given_url(item)),
        "accessed": item.accessed.iso if item.accessed else None,
        "funders": list(item.funders),
        "notes": list(item.notes),
        "source": {
            "path": src.path,
            "name": Path(src.path).name,
            "size": src.size,
            "sha256": src.sha256,
            "reader": src.reader,
            "encoding": src.encoding,
        }
        if src
        else None,
        "facts": facts,
        "warnings": [],
    }


def _published_in(item: Item) -> str | None:
    """The book or series a document is printed in, as one line ("FRUS, ..., no. 74")."""
    container = item.csl.get("container-title")
    if not container:
        return None
    text = str(container)
    if volume := item.csl.get("volume"):
        text += f", vol. {volume}"
    imprint = ": ".join(
        str(p) for p in (item.csl.get("publisher-place"), item.csl.get("publisher")) if p
    )
    if imprint:
        text += f" ({imprint})"
    if number := item.csl.get("number"):
        text += f", no. {number}"
    return text


def _environment(template_dir: str | None = None) -> Any:
    import jinja2

    loader: jinja2.BaseLoader = jinja2.PackageLoader("citekit", "templates")
    if template_dir:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(template_dir), loader])
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2", "htm.j2"]),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tojson_plain"] = lambda v: json.dumps(v, ensure_ascii=False, indent=2)
    return env


def render_provenance(
    item: Item, *, fmt: str = "text", template: str | None = None, warnings: list[str] | None = None
) -> str:
    """Render one item's provenance note with a shipped template or the user's own.

    Raises:
        CitekitError: the template is missing or fails (a missing variable is an error).
    """
    from .jinja import template_errors

    ctx = provenance_context(item)
    ctx["warnings"] = warnings or []
    with template_errors(template):
        if template:
            path = Path(template)
            env = _environment(str(path.parent))
            tmpl = env.get_template(path.name)
        else:
            if fmt not in FORMATS:
                raise CitekitError(
                    f"unknown provenance format {fmt!r}", hint="one of " + ", ".join(FORMATS)
                )
            tmpl = _environment().get_template(FORMATS[fmt])
        return str(tmpl.render(**ctx))
