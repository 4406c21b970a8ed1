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
    #: Where the cite stands, if the caller knows better than the document order (a cite
    #: rendered outside any document, as citeproc-js's ``makeCitationCluster`` takes it):
    #: "first", "subsequent", "ibid" or "ibid-with-locator"; None: found from the order.
    position: str | None = None
    #: With ``position``: whether the item was cited in a near note, and the note number
    #: of its first cite (``first-reference-note-number``).
    near_note: bool = False
    first_note: int | None = None


@dataclass(frozen=True)
class Cluster:
    """One citation (one footnote in a note style): its cites and, if known, its note number.

    ``note_index``: the number of the note the citation stands in; 0 for a citation in the
    text itself (citeproc-js counts positions in the text apart from those in notes); None
    for the note after the previous citation's.
    """

    cites: tuple[Cite, ...]
    note_index: int | None = None
    sort: bool = True  # False: keep the author's order even where the style sorts cites


@dataclass(frozen=True)
class Placement:
    """Where one cite stood: what citeproc-js's position tests read (see positions.place)."""

    id: str
    position: str | None  # "first", "subsequent", "ibid", "ibid-with-locator"
    near_note: bool
    first_note: int | None  # first-reference-note-number, when not this note


@dataclass
class Output:
    """What one rendering job gave."""

    citations: list[str] = field(default_factory=list)
    bibliography: list[str] = field(default_factory=list)
    bibliography_ids: list[str] = field(default_factory=list)  # the item of each entry
    is_note_style: bool = False
    #: Per citation, where each of its cites stood, in the order they print (a caller that
    #: edits a document can tell which citations a change moved, as citeproc-js reports).
    placements: list[tuple[Placement, ...]] = field(default_factory=list)
