"""Rendering items through a user's jinja2 template (``citekit cite --template FILE``).

A template sees ``items``, a list with one entry per item holding: ``key``, ``csl`` (the
item as CSL-JSON, so ``item.csl.title``), ``note`` (the full first note), ``short_note``,
``bibliography`` (the entry) and ``provenance`` (the provenance context, as in
``citekit provenance --format json``); plus ``style`` and ``format``. A template whose
name ends in ``.html``/``.htm`` (optionally ``.j2``) escapes every value.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .jinja import template_errors
from .model import Item

__all__ = ["item_context", "item_contexts", "render_items", "template_errors"]


def item_context(item: Item, *, style: str | None, fmt: str) -> dict[str, Any]:
    """The variables describing one item in a template (rendered alone)."""
    return item_contexts([item], style=style, fmt=fmt)[0]


def item_contexts(
    items: Sequence[Item], *, style: str | None, fmt: str, locale: str | None = None
) -> list[dict[str, Any]]:
    """The variables describing each item, all rendered in one job.

    One job, as in a real document, so what depends on the other items holds: names and
    titles disambiguated across items, year suffixes (1962a, 1962b), repeated authors in
    the bibliography. ``note`` is each item's first note; ``short_note`` its next one (the
    notes for all items come first, so a short note is never "Ibid." unless there is
    one item and the style uses it).
    """
    from .api import _engine, entries_by_item, html_to_markdown
    from .provenance import provenance_context

    csl = _engine()
    conv = html_to_markdown if fmt == "markdown" else (lambda s: s)
    first = [csl.Cluster((csl.Cite(i.id),)) for i in items]
    out = csl.render(
        [i.to_csl_json(with_facts=False) for i in items],
        style=style,
        fmt="text" if fmt == "text" else "html",
        clusters=first + first,
        bibliography=False,
        locale=locale,
    )
    entries = entries_by_item(items, style=style, fmt=fmt, locale=locale)
    n = len(items)
    return [
        {
            "key": item.key,
            "csl": item.to_csl_json(),
            "note": conv(out.citations[k]),
            "short_note": conv(out.citations[n + k]),
            "bibliography": entries[k] or "",
            "provenance": provenance_context(item),
        }
        for k, item in enumerate(items)
    ]


def render_items(
    items: Sequence[Item],
    template: str,
    *,
    style: str | None = None,
    fmt: str = "text",
    locale: str | None = None,
) -> str:
    """Render ``items`` through the template file ``template``.

    Raises:
        CitekitError: the template is missing, malformed or uses an unknown variable.
    """
    import jinja2
    import markupsafe

    path = Path(template)
    html_like = path.name.removesuffix(".j2").endswith((".html", ".htm"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(path.parent or ".")),
        undefined=jinja2.StrictUndefined,
        autoescape=html_like,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    render_fmt = "html" if html_like and fmt == "text" else fmt
    with template_errors(template):
        tmpl = env.get_template(path.name)
        contexts = item_contexts(items, style=style, fmt=render_fmt, locale=locale)
        if html_like:
            for c in contexts:
                for k in ("note", "short_note", "bibliography"):
                    c[k] = markupsafe.Markup(c[k])
        return str(tmpl.render(items=contexts, style=style, format=render_fmt))
