"""The holding-archive registry: archives behind shelfmark abbreviations, and mirror hosts.

``citekit/data/archives.json`` lists each archive (abbreviations, name, city, country, the
words that tell two archives sharing an abbreviation apart) and the staging or mirror hosts
of digital archives with the public host each copies. A leaf module: provenance notes,
``citekit check``, keys and public URLs all read it, and it imports nothing of citekit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Archive:
    """A holding archive in the registry."""

    abbr: tuple[str, ...]
    name: str
    city: str
    country: str
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArchiveMatch:
    """What the registry says about the abbreviation in one shelfmark."""

    abbreviation: str | None
    status: str  # "known", "ambiguous", "unknown", "none"
    archive: Archive | None = None
    candidates: tuple[Archive, ...] = ()


@cache
def _registry() -> dict[str, Any]:
    text = resources.files("citekit").joinpath("data/archives.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def archives() -> tuple[Archive, ...]:
    """Every archive in the registry."""
    return tuple(
        Archive(tuple(a["abbr"]), a["name"], a["city"], a["country"], tuple(a.get("context", ())))
        for a in _registry()["archives"]
    )


def mirror_hosts() -> dict[str, str]:
    """Known staging or mirror hosts and the public host each copies."""
    hosts: dict[str, str] = _registry()["hosts"]
    return hosts


def public_url(url: str | None) -> str | None:
    """The public URL for a URL on a known staging or mirror host (None if not one)."""
    if not url:
        return None
    hosts = mirror_hosts()
    lowered = url.lower()
    # A URL naming none of the hosts is no mirror's (most are not): no need to split it.
    if not any(host in lowered for host in hosts):
        return None
    parts = urlsplit(url)
    public = hosts.get(parts.hostname or "")
    if not public:
        return None
    return urlunsplit(("https", public, parts.path, parts.query, parts.fragment))


def match_archive(location: str | None, *, context: str = "") -> ArchiveMatch:
    """Find the holding archive behind the abbreviation in a shelfmark.

    An abbreviation shared by several archives is resolved by ``context`` words (the
    original language, the rest of the shelfmark) or reported as ambiguous; an
    abbreviation the registry lacks is reported as unknown, never guessed.
    """
    if not location:
        return ArchiveMatch(None, "none")
    by_abbr: dict[str, list[Archive]] = {}
    for a in archives():
        for ab in a.abbr:
            by_abbr.setdefault(ab, []).append(a)
    for ab in sorted(by_abbr, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(ab)}(?![\w-])", location):
            found = by_abbr[ab]
            if len(found) == 1:
                return ArchiveMatch(ab, "known", found[0])
            # The record's original language decides first: a Romanian telegram from Paris
            # is in the Romanian archive although its shelfmark says "Paris".
            for words in (context.lower(), f"{context} {location}".lower()):
                fitting = [a for a in found if words and any(w in words for w in a.context)]
                if len(fitting) == 1:
                    return ArchiveMatch(ab, "known", fitting[0], tuple(found))
            return ArchiveMatch(ab, "ambiguous", None, tuple(found))
    m = re.match(r"^\s*((?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*)(?:[ -][A-Z]{2,})*)\b", location)
    if m and not re.match(r"^(?:Fond|Opis|Delo|List|Box|Folder|File|Reel)\b", m.group(1)):
        return ArchiveMatch(m.group(1), "unknown")
    return ArchiveMatch(None, "none")
