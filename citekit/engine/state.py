"""The state of one rendering job, in one typed object instead of thread-locals.

citeproc-py's element methods receive an item and a context, nothing else; what a
correction needs to know beyond that (is this inside ``cs:substitute``? a sort key? the
ambiguity probe?) lives here. The loader gives every loaded style one :class:`RenderState`
(``style.root.render_state``); an element finds it through its root (:func:`state_of`), a
locale element through the style its locale belongs to. A job loads its own style, so two
jobs never share a state, whichever thread or process runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RenderState:
    """What the overrides share while one job renders."""

    #: The ``cs:names`` elements whose ``cs:substitute`` is rendering, innermost last
    #: (a substituted names element inherits the outer one's name and label).
    substituting: list[Any] = field(default_factory=list)
    #: The name options of the sort key being rendered, or None outside sorting.
    sorting: dict[str, str] | None = None
    #: True while the ambiguity probe renders each item's short form alone.
    ambiguity_form: bool = False
    #: Item keys still ambiguous after disambiguation (``disambiguate="true"`` holds for them).
    ambiguous: set[str] = field(default_factory=set)
    #: Per item key, the names shown with initials (1) or whole given names (2) in short form.
    expand: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)
    #: While the bibliography renders: the first names printed in each entry, by item key.
    first_names: dict[str, str] | None = None
    #: The variables substitution has used in the entry or cite rendering now; reset with
    #: citeproc-py's own ``layout.repressed`` (see :class:`citekit.engine.substitute.Layout`).
    suppressed: set[str] = field(default_factory=set)
    #: True while the bibliography renders: elements with ``display`` mark their divisions.
    displaying: bool = False
    #: True when the style asks for year suffixes but never prints ``year-suffix``: the
    #: suffix then follows the first year of ``issued`` in each cite and entry.
    implicit_year_suffix: bool = False
    #: The year suffix waiting for the year of the ``issued`` date being rendered now.
    pending_year_suffix: str | None = None
    #: The ``suppressed`` set of the cite or entry whose implicit suffix is printed: a new
    #: cite or entry starts with a new set, so its identity tells one rendering from the next.
    year_suffix_done: set[str] | None = None
    #: Per item key, how many names ``disambiguate-add-names`` shows before "et al.".
    add_names: dict[str, int] = field(default_factory=dict)
    #: While a name list renders with added names: (names shown, names in the list).
    showing_names: tuple[int, int] | None = None
    #: While a note-style citation or a bibliography entry renders: True as long as nothing
    #: has printed in it yet (a term then starts with a capital), None outside them.
    term_first: bool | None = None
    #: Per item key, the ``citation-label`` citeproc-js would make (what a sort key on the
    #: variable compares; see :mod:`citekit.engine.citation_label`).
    trigraphs: dict[str, str] = field(default_factory=dict)
    #: Per ambiguous item key, how many ``disambiguate="true"`` conditions hold in its
    #: cites (the first n evaluated in a cite; see :class:`citekit.engine.disambiguate.If`).
    disambiguate_level: dict[str, int] = field(default_factory=dict)
    #: The ``disambiguate="true"`` conditions evaluated so far in the cite rendering now,
    #: with the ``suppressed`` set that identifies that rendering.
    disambiguate_seen: tuple[set[str] | None, int] = (None, 0)
    #: Per item key, the note of its first cite, once a later cite stands in another note
    #: (citeproc-js's registry): the ambiguity probe prints it as first-reference-note-number.
    first_notes: dict[str, int] = field(default_factory=dict)
    #: While a sort macro that holds a ``cs:date`` of its own renders a key: each date
    #: element rendered with its key (see :class:`citekit.engine.sorting.Key`).
    date_keys: list[tuple[Any, str]] | None = None
    #: While the cites or the entries render: their macros with names, remembered by what
    #: they read (a :class:`citekit.engine.reads.MacroParts`), or None.
    macro_parts: Any = None
    #: While a bibliography begun before the ambiguity check renders an entry: whether the
    #: entry has read what the check decides (a ``disambiguate`` condition tested, a short
    #: name whose given names it may show). None when nobody watches.
    check_read: bool | None = None


def state_of(element: Any) -> RenderState:
    """The render state of the style ``element`` belongs to (remembered on the element)."""
    d = element.__dict__
    state: RenderState | None = d.get("_ck_state")
    if state is None:
        root = element.get_root()
        state = root.__dict__.get("render_state")
        if state is None:  # an element of a locale: its style holds the state
            state = root.style.render_state
        d["_ck_state"] = state
    return state
