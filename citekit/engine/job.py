"""The rendering job and its result: what callers give the engine and what they get back.

No citeproc here: these types are the engine's public surface (:mod:`citekit.api`,
:mod:`citekit.manuscript` build them), the same whatever the engine does inside.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cite:
    """One cited item inside a citation, with the options pandoc and citeproc-js know."""

    id: str
    locator: str | None = None
    label: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool = False
    author_only: bool = False


@dataclass(frozen=True)
class Cluster:
    """One citation (one footnote in a note style): its cites and, if known, its note number."""

    cites: tuple[Cite, ...]
    note_index: int | None = None
    sort: bool = True  # False: keep the author's order even where the style sorts cites


@dataclass
class Output:
    """What one rendering job gave."""

    citations: list[str] = field(default_factory=list)
    bibliography: list[str] = field(default_factory=list)
    bibliography_ids: list[str] = field(default_factory=list)  # the item of each entry
    warnings: list[str] = field(default_factory=list)
    is_note_style: bool = False
