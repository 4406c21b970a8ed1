"""Rendering items through a user's jinja2 template (``citekit cite --template FILE``).

A template sees ``items``, a list with one entry per item holding: ``key``, ``csl`` (the
item as CSL-JSON, so ``item.csl.title``), ``note`` (the full first note), ``short_note``,
``bibliography`` (the entry) and ``provenance`` (the provenance context, as in
``citekit provenance --format json``); plus ``style`` and ``format``. A template whose
name ends in ``.html``/``.htm`` (optionally ``.j2``) escapes every value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import CitekitError
from .model import Item


@contextmanager
def template_errors(source: str | None) -> Iterator[None]:
    """Turn jinja2's errors into citekit's one-line errors naming the template (and line).

    Raises:
        CitekitError: the template is missing, malformed or uses an unknown variable.
    """
    import jinja2

    try:
        yield
    except jinja2.TemplateNotFound as exc:
        raise CitekitError(
            f"no template {exc.name!r}", source=source, hint="check the path"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise CitekitError(
            f"template syntax error: {exc.message}", source=source, line=exc.lineno
        ) from None
    except jinja2.UndefinedError as exc:
        raise CitekitError(
            f"template error: {exc.message}",
            source=source,
            hint="see the README for the variables a template gets",
        ) from None


def item_context(item: Item, *, style: str | None, fmt: str) -> dict[str, Any]:
    """The variables describing one item in a template."""
    from .api import cite_forms
    from .provenance import provenance_context

    forms = cite_forms(item, style=style, fmt=fmt)
    return {
        "key": item.key,
        "csl": item.to_csl_json(),
        "note": forms["note"],
        "short_note": forms["short_note"],
        "bibliography": forms["bibliography"],
        "provenance": provenance_context(item),
    }


def render_items(
    items: Sequence[Item], template: str, *, style: str | None = None, fmt: str = "text"
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
        contexts = [item_context(i, style=style, fmt=render_fmt) for i in items]
        if html_like:
            for c in contexts:
                for k in ("note", "short_note", "bibliography"):
                    c[k] = markupsafe.Markup(c[k])
        return str(tmpl.render(items=contexts, style=style, format=render_fmt))
