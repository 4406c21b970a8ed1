"""jinja2 helpers shared by provenance notes and item templates.

A leaf: it imports no citekit module but :mod:`citekit.errors`, so neither of its users has
to import the other (provenance -> templating -> api -> provenance was a cycle).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .errors import CitekitError


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
