"""Public URLs: citations and exports cite the public host, the provenance note keeps both.

Records often point at a staging or mirror copy of an archive's site
(``wilson-center-digital-archive.dvincitest.com``); ``citekit/data/archives.json`` says which
public host each copies. Reading through :func:`citekit.read` puts the public URL in the item
(``--keep-url`` on the command line keeps the URL as given) and records the URL as given as
the ``URL-as-given`` fact, so the provenance note and ``citekit check`` still see it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .archives import public_url
from .model import Fact, Item

GIVEN_FACT = "URL-as-given"


def given_url(item: Item) -> str | None:
    """The URL as the record gave it (before any switch to the public host)."""
    return next((f.text for f in item.facts if f.field == GIVEN_FACT), item.URL)


def with_public_url(item: Item) -> Item:
    """The item citing the public URL when its URL is on a known staging or mirror host."""
    public = public_url(item.URL)
    if not public or public == item.URL or item.URL is None:
        return item
    line = next((f.line for f in item.facts if f.field == "URL"), None)
    return item.replace(URL=public, facts=(*item.facts, Fact(GIVEN_FACT, line, item.URL)))


def with_public_urls(items: Iterable[Item]) -> list[Item]:
    """:func:`with_public_url` for each item."""
    return [with_public_url(i) for i in items]
