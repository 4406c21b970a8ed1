"""Renderings remembered by what they read of the item: one rendering for items that read alike.

Used by the ambiguity check (:class:`Memo`), by macro sort keys, and by the macros with
names a phase renders (:class:`MacroParts`). The ambiguity check
(:func:`citekit.engine.disambiguate.cite_alone`) renders every item's short form alone,
then again the items each step changes. Many items print the same form: one author's
documents in MLA ("Kraus"), the look-alike cites Chicago tries one ``disambiguate="true"``
condition at a time. A rendering is a function of what it reads:
the item's type, its set of variables, its language, its settings (given names and names
shown, ``disambiguate="true"`` level, label, first note: the engine's state kept per item)
and the values of the variables it reads. Another item equal in all of these reads the same
values, takes the same branches and prints the same text.

So a rendering records the variables whose values it read (:class:`Tracked`, the item's
class while it renders), and :class:`Memo` keeps its text by those values; a later item of
the same kind and settings whose values of those variables are equal gets the text
without rendering. Whether a variable is there is not recorded: the set of variables is
part of the kind. A reading this module cannot follow (the values all at once, a copy)
keeps nothing. At 10,000 MLA items the check rendered 10,000 forms for 565 authors; it
now renders one per author and set of variables. The memory lives for one job in one
process (each process its own copy), never on disk: nothing can go stale between runs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

from citeproc.source import Reference, VariableError

from .empty import kind_of
from .state import RenderState
from .style_rewrites import CSL_NS

#: The variables whose values the rendering now running has read (None: none running).
_READ: set[str] | None = None
#: Whether it read something this module cannot follow (then nothing is kept).
_UNTRACKED = False

_ABSENT = object()
_NAMES = f"{{{CSL_NS}}}names"
#: What :meth:`Memo.recall` gives when no rendering read the same.
NOT_KEPT: Any = object()
#: What a cite or its place supplies, not the item: a part that names one is not followed.
_FROM_CITE = ("citation-number", "locator", "first-reference-note-number", "citation-label")
#: What differs between the entries of a bibliography though not the items' values (the
#: cites there have no locator, no place, no note: a test of those answers alike for all).
_FROM_ENTRY = ("citation-number", "citation-label")
#: Sets of variables read kept per kind and settings: past this many, no more are kept
#: (each is one lookup for every item of that kind).
MAX_READINGS = 16


class Tracked(Reference):  # type: ignore[misc]
    """An item while its form renders: the variables whose values it reads are noted.

    Its class for the length of one rendering (:meth:`Memo.through`); a subclass with no
    state of its own, so the object is the same dict throughout.
    """

    def __getitem__(self, key: str) -> Any:
        if _READ is not None:
            _READ.add(key)
        try:  # (citeproc-py's own reading, restated: one call fewer for every read)
            return dict.__getitem__(self, key)
        except KeyError:
            raise VariableError from None

    def get(self, key: str, default: Any = None) -> Any:
        """The variable's value (noted as read), or ``default``."""
        if _READ is not None:
            _READ.add(key)
        return dict.get(self, key, default)

    def __iter__(self) -> Iterator[str]:
        # the keys only (the kind holds them); defined so that dict(item) and the like
        # read the values through __getitem__, not past it
        return dict.__iter__(self)

    def values(self) -> Any:
        """Every value: not followed (the rendering keeps nothing)."""
        _untracked()
        return dict.values(self)

    def items(self) -> Any:
        """Every variable and value: not followed (the rendering keeps nothing)."""
        _untracked()
        return dict.items(self)

    def copy(self) -> Any:
        """A copy: not followed (the rendering keeps nothing)."""
        _untracked()
        return dict.copy(self)


def _untracked() -> None:
    global _UNTRACKED
    _UNTRACKED = True


def canonical(value: Any) -> Hashable:
    """A value as a key: equal for values that render alike, of the same types.

    Strings, numbers, lists and dicts (citeproc-py's names and dates) by type and content,
    with the attributes an object carries; anything else by identity (never equal to
    another object, so never shared).
    """
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return (kind, value)
    attrs = getattr(value, "__dict__", None)
    extra = tuple((k, canonical(v)) for k, v in attrs.items()) if attrs else ()
    if isinstance(value, str):
        return (kind, str(value), extra)
    if isinstance(value, dict):
        return (kind, tuple((k, canonical(v)) for k, v in dict.items(value)), extra)
    if isinstance(value, list | tuple):
        return (kind, tuple(canonical(v) for v in value), extra)
    return (kind, id(value))


def from_cite(element: Any) -> frozenset[str]:
    """What ``element`` (its macros included) names of what the cite supplies.

    The variables of :data:`_FROM_CITE`, and "position" and "locator" for a test of the
    cite's position or of its locator's label. A value names a variable as a whole word
    (``variable="locator page"``); a macro's name is not a variable (Chicago's
    "source-archive-locator" prints the archive's location, not the cite's). Found once
    per element.
    """
    d = element.__dict__
    found: frozenset[str] | None = d.get("_ck_from_cite")
    if found is not None:
        return found
    names: set[str] = set()
    for el in reached(element):
        a = el.attrib
        names.update(t for t in ("position", "locator") if t in a)
        for attr, value in a.items():
            if attr != "macro":
                names.update(v for v in str(value).split() if v in _FROM_CITE)
    found = d["_ck_from_cite"] = frozenset(names)
    return found


def reached(element: Any) -> Iterator[Any]:
    """The elements of ``element`` and of every macro it calls, directly or not, each once."""
    seen: set[str] = set()
    todo = [element]
    while todo:
        for el in todo.pop().iter():
            if not isinstance(el.tag, str):
                continue
            yield el
            name = el.get("macro")
            if name is not None and name not in seen:
                seen.add(name)
                todo.append(el.get_macro(name))


def follows(element: Any, *, bibliography: bool = False) -> bool:
    """Whether what ``element`` renders (its macros included) depends on the item alone.

    Not when it names something the cite supplies (:func:`from_cite`): that is not the
    item's values, and is not noted as read. In the bibliography (its sort keys) only the
    number and the label differ among entries: its cites have no place and no locator.
    """
    named = from_cite(element)
    return named.isdisjoint(_FROM_ENTRY) if bibliography else not named


class Memo:
    """What one part renders, by the items' kind, settings and reads.

    The part: a round of the ambiguity check, a sort key, a macro of the entries. For each
    kind of item and settings: each set of variables read, with the answers by those
    variables' values. Made before the work is shared out: each process adds its own
    renderings to its copy.
    """

    def __init__(
        self, state: RenderState, *, notes: bool, labels: bool, trial: int = 512, share: int = 16
    ) -> None:
        """Remember nothing yet.

        ``notes``, ``labels``: whether the style prints first-reference-note-number and
        citation-label (each item's own: then part of its settings). ``trial``, ``share``:
        after ``trial`` renderings, the memory is given up if it found fewer than one in
        ``share`` (:meth:`worth`). Chicago's third ``disambiguate="true"`` level reads each
        item's date, and noting the reads of 3,000 renderings no other item shares cost
        more than the check saved; one author's documents are found at once (MLA: a third
        of the first 500), so the default trial is long enough for a pool of authors to
        repeat.
        """
        self.state = state
        self.notes, self.labels = notes, labels
        self.trial, self.share = trial, share
        self.kept: dict[Hashable, dict[tuple[str, ...], dict[Hashable, Any]]] = {}
        #: [found, rendered] in this process (see :meth:`worth`).
        self.tally = [0, 0]

    def worth(self) -> bool:
        """Whether to go on remembering: not after a trial that found too little."""
        found, rendered = self.tally
        return rendered <= self.trial or found * self.share >= rendered

    def kind(self, key: str, ref: Any, extra: Hashable = ()) -> Hashable:
        """The item's kind and settings as they are now, with ``extra``.

        ``extra``: what else the rendering depends on (the state a part meets). Taken
        before rendering, and given to :meth:`through`.
        """
        state = self.state
        expand = state.expand.get(key)
        return (
            extra,
            kind_of(ref)[1],  # the type and set of variables, numbered
            canonical(dict.get(ref, "language")),
            tuple(sorted(expand.items())) if expand else (),
            state.add_names.get(key),
            state.disambiguate_level.get(key, 0),
            state.trigraphs.get(key) if self.labels else None,
            state.first_notes.get(key) if self.notes else None,
        )

    def recall(self, kind: Hashable, ref: Any) -> Any:
        """What was kept for an item of ``kind`` that read the same as ``ref``, or NOT_KEPT."""
        readings = self.kept.get(kind)
        if readings:
            for read, texts in readings.items():
                found = texts.get(tuple(canonical(dict.get(ref, k, _ABSENT)) for k in read))
                if found is not None:
                    self.tally[0] += 1
                    if _READ is not None:  # a part of a rendering being noted: its reads too
                        _READ.update(read)
                    return found
        return NOT_KEPT

    def through(self, kind: Hashable, ref: Any, render: Callable[[], Any]) -> tuple[Any, bool]:
        """What was kept for an item that read the same, or ``render()``'s answer, kept.

        With whether it was found (then ``render`` was not called). The three users (a
        round of the check, a sort key, a macro) each take ``kind`` before and differ only
        in what they render. While ``ref`` renders, the variables it reads are noted, and
        the answer is kept by their values; a rendering that raised, or read what cannot
        be followed, keeps nothing. (A plain method, not a context manager: it runs for
        every macro a job remembers.)
        """
        global _READ, _UNTRACKED
        found = self.recall(kind, ref)
        if found is not NOT_KEPT:
            return found, True
        nested = type(ref) is Tracked  # a part of a rendering that is being noted already
        if type(ref) is not Reference and not nested:  # not one this module can follow
            return render(), False
        self.tally[1] += 1
        outer, outer_untracked = _READ, _UNTRACKED
        read: set[str] = set()
        _READ, _UNTRACKED = read, False
        if not nested:  # (citeproc-py's items take attributes as keys: set past that)
            object.__setattr__(ref, "__class__", Tracked)
        try:
            answer = render()
        finally:
            if not nested:
                object.__setattr__(ref, "__class__", Reference)
            untracked = _UNTRACKED
            _READ, _UNTRACKED = outer, outer_untracked or untracked
            if outer is not None:  # what the part read, the whole read too
                outer |= read
        if not untracked:
            readings = self.kept.setdefault(kind, {})
            order = tuple(sorted(read))
            if order in readings or len(readings) < MAX_READINGS:
                values = tuple(canonical(dict.get(ref, k, _ABSENT)) for k in order)
                readings.setdefault(order, {})[values] = answer
        return answer, False


class MacroParts:
    """The macros holding names that a phase renders, remembered by what they read.

    One author's many documents render the same author macro again and again: in the
    entries (MLA's "author", Chicago's "author-bib"), in the notes (Chicago's "author-note")
    and in the ambiguity check's short forms ("author-short"). Such a macro (see
    :meth:`applies`) is remembered as :class:`Memo` remembers a
    form, with the state it begins with as part of its kind, and what it does beside its
    text is kept and done again: the variables substitution used (suppressed for the rest
    of the cite or entry, in citekit's set and in citeproc-py's ``repressed``), whether a
    term may still open it with a capital, the ``disambiguate="true"`` conditions counted,
    the year suffix placed, the entry's first names (for subsequent-author-substitute),
    what the cite keeps of its first names (its author mode, the names' text) and, in an
    entry rendered before the ambiguity check, whether it read what the check decides
    (``RenderState.check_read``).

    What a cite supplies (its position, locator, first note) is not the item's, and is not
    noted as read. A macro that names none of it (:func:`follows`) still meets the cite's
    position where a name's et-al options change after the first cite: whether the cite is
    a later one is part of every kind. A macro that names some of it (Chicago's author
    macros reach, for documents with no author, the archive's location and the cite's
    locator) has what it names in its kind (:meth:`_cite`): it is shared among the cites
    that stand alike in that.
    The ambiguity check's cites and the entries have none of it: there it is shared as
    widely as the others. A macro that prints the citation number or label (each item's
    own) is not remembered.

    ``bibliography``: the entries (sorted by the style, one author's together) or the cites
    (in the document's order, or the items').
    """

    def __init__(self, state: RenderState, *, bibliography: bool) -> None:
        """Remember nothing yet."""
        self.state = state
        self.bibliography = bibliography
        #: A memory per macro. One is given up after a trial if it found too little:
        #: noting what it reads then costs more than it saves (a title macro with editors;
        #: a bibliography whose authors rarely repeat). The trial is long (512 renderings,
        #: one in sixteen found, as the check's) for the entries too: sorted by author,
        #: they bring one author's documents together but not one translator's (a trial
        #: of 16 gave Chicago's translators up after one hit, with 4,064 of 10,000
        #: archival entries translated by 551 people).
        self.memos: dict[int, Memo] = {}
        self.trial, self.share = 512, 16

    @staticmethod
    def applies(macro: Any) -> bool:
        """Whether ``macro`` is remembered: it holds names itself, and no number or label.

        Names of its own, not only in the macros it calls: Chicago's "citation-notes-full"
        reaches the author through them, but reads the title and the archive's location
        too, which no other document shares. Noting its reads as well as its author
        macro's, through the trial, cost 4 % of the instructions of 1,000 notes.
        """
        d = macro.__dict__
        found: bool | None = d.get("_ck_macro_part")
        if found is None:
            found = d["_ck_macro_part"] = any(el.tag == _NAMES for el in macro.iter()) and follows(
                macro, bibliography=True
            )
        return found

    def _cite(self, macro: Any, item: Any) -> Hashable:
        """What the cite supplies that the macro names (see the class docstring)."""
        if self.bibliography:
            return None
        named = from_cite(macro)
        if not named:
            return None
        locator = dict.get(item, "locator") if "locator" in named else None
        return (
            (getattr(item, "position", None), getattr(item, "near_note", None))
            if "position" in named
            else None,
            None if locator is None else (locator.label, str(locator.identifier)),
            getattr(item, "first_note", None) if "first-reference-note-number" in named else None,
        )

    def _now(self, item: Any, layout: Any) -> Hashable:
        state = self.state
        key = item.key
        seen, count = state.disambiguate_seen
        record = state.first_names
        position = getattr(item, "position", None)
        return (
            frozenset(state.suppressed),
            tuple((tag, tuple(v)) for tag, v in layout.repressed.items()),
            state.term_first,
            count if seen is state.suppressed else 0,
            state.pending_year_suffix,
            state.year_suffix_done is state.suppressed,
            state.showing_names,
            tuple(id(names) for names in state.substituting),
            None if record is None else key in record,  # (the names themselves: :meth:`_left`)
            (state.sorting is None, state.displaying, state.ambiguity_form),
            state.implicit_year_suffix,
            (
                getattr(item, "mode", None),
                getattr(item, "names_text", "") is None,
                getattr(item, "author_text", None) is None,
                position not in (None, "first"),
            ),
        )

    def render(self, macro: Any, item: Any, context: Any, rendering: Callable[[], Any]) -> Any:
        """``rendering()``'s text, or the text of an item that read the same."""
        memo = self.memos.get(id(macro))
        if memo is None:
            memo = self.memos[id(macro)] = Memo(
                self.state, notes=False, labels=False, trial=self.trial, share=self.share
            )
        if not memo.worth():
            return rendering()
        layout = (context if context is not None else macro).get_layout()
        now = (id(context), self._cite(macro, item), self._now(item, layout))
        kind = memo.kind(item.key, item.reference, now)
        state = self.state
        watched = state.check_read  # an entry rendered before the check: see below
        if watched is not None:
            state.check_read = False
        # (the state after, and what else it left, taken once the text is rendered; and
        # whether it read what the check decides, for an item that reads the same later)
        kept, found = memo.through(
            kind,
            item.reference,
            lambda: (rendering(), self._now(item, layout), self._left(item), state.check_read),
        )
        text, after, left, read = kept
        if found:
            self._redo(item, layout, after, left)
        if watched is not None:
            state.check_read = bool(watched or read)
        return text

    def _left(self, item: Any) -> tuple[Any, ...]:
        """What a rendering left beside the state: the entry's first names, the cite's."""
        record = self.state.first_names
        return (
            _ABSENT if record is None else record.get(item.key, _ABSENT),
            getattr(item, "mode", None),
            getattr(item, "names_text", None),
            getattr(item, "author_text", None),
        )

    def _redo(self, item: Any, layout: Any, after: Any, left: Any) -> None:
        """Leave the state as the remembered rendering left it (see the class docstring)."""
        state = self.state
        suppressed, repressed, term_first, count, pending, done, showing, *_ = after
        first, mode, names_text, author_text = left
        state.suppressed.update(suppressed)  # the same set: its identity marks the entry
        for tag, variables in repressed:
            layout.repressed[tag] = list(variables)
        state.term_first = term_first
        if count:
            state.disambiguate_seen = (state.suppressed, count)
        state.pending_year_suffix = pending
        if done:
            state.year_suffix_done = state.suppressed
        state.showing_names = showing
        record = state.first_names
        if first is not _ABSENT and record is not None and item.key not in record:
            record[item.key] = first
        if mode != getattr(item, "mode", None):
            item.set_mode(mode)
        if names_text is not None and getattr(item, "names_text", "") is None:
            item.keep_names(names_text)
        if author_text is not None and getattr(item, "author_text", None) is None:
            item.keep_author(author_text)
