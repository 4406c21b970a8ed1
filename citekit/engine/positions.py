"""Positions: where a cite stands (first, subsequent, ibid), and which of its names print.

- FIX(note-index): where a cite stands is found for the whole document first
  (:func:`place`), from the note numbers, as citeproc-js's registry finds it: "Ibid."
  refers to the note just before (a gap in the note numbers gives the short form),
  citations in the text count apart from those in notes, ``near-note`` counts notes.
  citeproc-py knew no note numbers.
- FIX(disambiguate-short-form): a cite is ambiguous when its *short* form is; while the
  ambiguity probe runs, every position test answers as for a subsequent (and near) note.
- FIX(position-registry): a cite that printed nothing still counts as cited, as in
  citeproc-js's registry (the next cite of the item is "Ibid.", not a first note).
- FIX(suppress-author) and FIX(author-only): citeproc-py ignores both; the first names
  element a cite renders is dropped, or is all the cite renders.
- FIX(ibid-same-locator) lives with the locator (:class:`citekit.engine.citations.Locator`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import citeproc.model as cmodel

from . import collapse
from .state import state_of


def ordered_cites(layout: Any, citation: Any) -> list[Any]:
    """A citation's cites in the order they are given, then as ``cs:sort`` sorts them.

    FIX(cite-order): citeproc-py first put them in the bibliography's order; citeproc-js keeps
    the author's order where the style does not sort (CSL 1.0.2, "Sorting"). The order is
    found once per citation (:func:`place` needs it before the citation renders).
    """
    known = getattr(citation, "order", None)
    if known is not None:
        return list(known)
    good = [cite for cite in citation.cites if not cite.is_bad()]
    if getattr(citation, "sort", True):  # else the author's order stands (pandoc's rule)
        sort = layout.getparent().sort
        if sort is not None:
            good = sort.sort(good, layout)
    if hasattr(citation, "keep_order"):
        citation.keep_order(good)
    return list(good)


#: The positions, each implying those before it (CSL 1.0.2: an "ibid" cite is also
#: "subsequent"; an "ibid-with-locator" one also "ibid").
_RANK = {"first": 0, "subsequent": 2, "ibid": 3, "ibid-with-locator": 4}


def place(layout: Any, citations: Sequence[Any]) -> None:
    """FIX(note-index): find where each cite of a document stands, as citeproc-js does.

    citeproc-py asked only "was the item cited before, and was it the last cite?". The rules
    (citeproc-js's registry, CSL 1.0.2 "Position"): citations in the text (note 0) and in
    notes are counted apart; note numbers that go back start the count again. A cite is
    "ibid" when it cites the item of the cite just before in the same citation, or opens
    its citation and the previous citation, in the same or the preceding note, opened with
    the same item (and that note held no other cite), or ended with it in the same note;
    the locators then decide "ibid" or "ibid-with-locator" (a locator before and none now:
    "subsequent"). ``near-note``: the item was cited at most ``near-note-distance`` notes
    before (always, in the text). ``first-reference-note-number``: the note of the item's
    first cite, unless that is this note. A cite whose position the job gave keeps it.
    """
    distance = int(layout.getparent().get_option("near-note-distance"))
    notes = note_numbers([getattr(c, "note_index", None) for c in citations])
    in_note: dict[int, int] = {}  # how many cites each note holds so far
    for in_text in (True, False):
        stream = [(c, n) for c, n in zip(citations, notes, strict=True) if (n == 0) == in_text]
        first_ref: dict[str, int] = {}
        last_ref: dict[str, int] = {}
        before: list[Any] = []  # the cites of the citation before, in their order
        for j, (citation, note) in enumerate(stream):
            if j and note and stream[j - 1][1] > note:
                in_note, first_ref, last_ref = {}, {}, {}
            cites = ordered_cites(layout, citation)
            in_note[note] = in_note.get(note, 0) + len(cites)
            for k, cite in enumerate(cites):
                key = cite.key
                first_note = None
                if key not in last_ref:
                    first_ref[key] = last_ref[key] = note
                    position = "first"
                else:
                    if k:
                        same = cites[k - 1].key == key
                        previous = cites[k - 1]
                    elif j and stream[j - 1][1] != note:
                        prev_note = stream[j - 1][1]
                        same = bool(before) and before[0].key == key and prev_note >= note - 1
                        same = same and (in_note.get(prev_note) == 1 or prev_note == 0)
                        previous = before[0] if before else None
                    else:
                        same = bool(before) and before[-1].key == key
                        previous = before[0] if before else None
                    position = _ibid(previous, cite) if same else "subsequent"
                    if first_ref[key] != note:
                        first_note = first_ref[key]
                near = False
                if note:
                    near = position != "first" and note - last_ref[key] <= distance
                    last_ref[key] = note
                else:
                    near = position != "first"
                if not getattr(cite, "given", False) and hasattr(cite, "place"):
                    cite.place(position, near, first_note)
            before = cites


def note_numbers(given: Sequence[int | None]) -> list[int]:
    """Each citation's note number: as given (0: in the text), or the note after the last."""
    notes: list[int] = []
    last = 0
    for note in given:
        number = last + 1 if note is None else int(note)
        notes.append(number)
        last = max(last, number)
    return notes


def first_notes(citations: Sequence[tuple[int | None, Sequence[str]]]) -> dict[str, int]:
    """Per item, the note of its first cite (citeproc-js's registry).

    ``citations``: each citation's note number (as the job gives it) and cited item keys.
    citeproc-js keeps this number with the item and prints it as first-reference-note-number
    when it checks whether an item's short form is ambiguous ("Doe (n 1)" and "Doe (n 2)"
    are told apart by it, two items first cited in note 1 are not). A later cite in another
    note sets it again, to the first note counted since the note numbers last went back
    (see :func:`place`); an item first cited in the text has none.
    """
    notes = note_numbers([note for note, _ in citations])
    found: dict[str, int] = {}
    seen: set[str] = set()
    first: dict[str, int] = {}
    previous = 0
    for (_, keys), note in zip(citations, notes, strict=True):
        for key in keys:
            if key not in seen and note:
                found[key] = note
            seen.add(key)
        if not note:
            continue
        if note < previous:
            first = {}
        previous = note
        for key in keys:
            if key not in first:
                first[key] = note
            elif first[key] != note:
                found[key] = first[key]
    return found


def _locator_text(cite: Any) -> str | None:
    if not cite.has_locator:
        return None
    return f"{cite.locator.identifier}{cite.locator.label or ''}"


def _ibid(previous: Any, cite: Any) -> str:
    """The position after a cite of the same item: ibid, ibid-with-locator or subsequent."""
    before = None if previous is None else _locator_text(previous)
    now = _locator_text(cite)
    if before and not now:
        return "subsequent"
    if now and now != before:
        return "ibid-with-locator"
    return "ibid"


def position_holds(name: str, cite: Any) -> bool:
    """Whether ``position="name"`` holds for a placed cite (citeproc-js's tests)."""
    position = cite.position
    if name == "first":
        return bool(position == "first")
    if name == "near-note":
        return _RANK[position] >= _RANK["subsequent"] and bool(cite.near_note)
    if name == "far-note":
        return bool(position == "subsequent" and not cite.near_note)
    if name == "container-subsequent":
        return bool(position != "first")
    return name in _RANK and _RANK[position] >= _RANK[name]


class If(cmodel.If):  # type: ignore[misc]
    """The position test, answered from where :func:`place` put the cite."""

    def _position(self, item: Any, context: Any) -> Any:
        if state_of(self).ambiguity_form:
            return [n in ("subsequent", "near-note") for n in self.get("position").split()]
        if getattr(item, "position", None) is None:  # not placed (an entry): citeproc-py's
            return super()._position(item, context)
        return [position_holds(n, item) for n in self.get("position").split()]


class Layout(cmodel.Layout):  # type: ignore[misc]
    """``cs:layout`` of the citation: every cite counts as cited (FIX(position-registry))."""

    def render_citation(self, citation: Any, callback: Any) -> Any:
        """Render a citation's cites (0.11.1's body, logging printed and empty cites alike).

        With cs:citation's ``collapse`` or ``cite-group-delimiter``, the cites are grouped and
        collapsed (:mod:`.collapse`); a cite is then also rendered without its names.
        """
        plan = collapse.plan_of(self.getparent(), self)
        out: list[Any] = []
        pieces = []
        state = state_of(self)
        capitals = self.get_root().get("class") != "in-text"
        ordered = ordered_cites(self, citation)
        delimiters: list[str] = []  # before each printed cite but the first
        for n, item in enumerate(ordered):
            self.repressed: dict[str, Any] = {}
            prefix = item.get("prefix", "")
            suffix = item.get("suffix", "")
            if capitals:  # FIX(ibid-case)
                if n == 0:
                    state.term_first = True
                if prefix:
                    state.term_first = ends_sentence(prefix)
            try:
                item.keep_names(None)
                output = self.render_children(item)
                if output is not None:
                    if out:
                        delimiters.append(self._delimiter(ordered[n - 1], item))
                    out.append(prefix + output + suffix)
                    if plan is not None:
                        piece = collapse.Piece(item, out[-1], item.names_text)
                        if plan.by_year and item.names_text and item.mode is None:
                            piece.short = self._without_names(item, prefix, suffix)
                        pieces.append(piece)
            except cmodel.VariableError:
                pass
            self.getparent().cites.append(item)
        state.term_first = None
        if plan is not None and pieces:
            joined = collapse.join(plan, pieces)
            out = []
            text: Any = None
            for delimiter, piece_text in joined:
                text = piece_text if text is None else text + delimiter + piece_text
            bad = [callback(i) or f"{i.key}?" for i in citation.cites if i.is_bad()]
            return self.format(self.wrap(self.join([text, *bad])))
        text = None
        for n, piece in enumerate(out):
            text = piece if text is None else text + delimiters[n - 1] + piece
        bad = [callback(i) or f"{i.key}?" for i in citation.cites if i.is_bad()]
        return self.format(self.wrap(self.join([text, *bad])))

    def _delimiter(self, before: Any, cite: Any) -> str:
        """FIX(positions-affix-delimiter): the delimiter between two cites, by their affixes.

        citeproc-js keeps only the space of the delimiter after a suffix that ends in
        ``;.,`` ("(see p. 3.) Doe"), and drops it before a prefix that starts with one
        ("Book A. He said ..."); citeproc-py doubled the punctuation ("Book A; . He said").
        """
        delimiter = str(self.get("delimiter", ""))
        suffix = str(before.get("suffix", "") or "")
        prefix = str(cite.get("prefix", "") or "")
        if not suffix and prefix[:1] in (";", ".", ","):
            return ""
        if suffix[-1:] in (";", ".", ","):
            space = delimiter.find(" ")
            return delimiter[space:] if space > -1 else ""
        return delimiter

    def _without_names(self, item: Any, prefix: str, suffix: str) -> Any:
        """The cite rendered once more, its first names element left out (collapsing)."""
        names = item.names_text
        self.repressed = {}
        item.set_mode("suppress")
        try:
            short = self.render_children(item)
        finally:
            item.set_mode(None)
            item.keep_names(names)
        return None if short is None else prefix + short + suffix


#: What may follow a sentence's last mark and still end it (citeproc-js): quotes, spaces.
_SENTENCE_TAIL = "\"'\u201d\u2019\u00bb\u202f\u00a0 "


def ends_sentence(prefix: str) -> bool:
    """Whether a cite's prefix ends a sentence ("This has been said. "), as citeproc-js reads it.

    A prefix that does (a mark of ``:.;!?`` at its end, a space inside it) leaves the cite
    as if nothing had printed before it: a term that opens the cite starts with a capital.
    citekit's private-use stand-ins (quote markers) count as the quotes they stand for.
    """
    text = re.sub(r"<[^>]+>", "", prefix)
    end = len(text)
    while end and (text[end - 1] in _SENTENCE_TAIL or unicodedata.category(text[end - 1]) == "Co"):
        end -= 1
    return text[end - 1 : end] in (":", ".", ";", "!", "?") and " " in prefix.strip()


def capitalise_first(term: str) -> str:
    """The term with a capital, if its first word is in lower case (citeproc-js)."""
    word = term.split(" ", 1)[0]
    if not word or word != word.lower():
        return term
    stripped = term.lstrip()
    lead = len(term) - len(stripped)
    return term[:lead] + stripped[:1].upper() + stripped[1:]


class Affixed(cmodel.Affixed):  # type: ignore[misc]
    """Every element that prints something: from then on, a term keeps its case."""

    def wrap(self, string: Any) -> Any:
        """Affix the text, noting that the citation or entry has printed something."""
        if string:
            state = self.__dict__.get("_ck_state") or state_of(self)  # (every element: inline)
            if state.term_first:
                state.term_first = False
        return super().wrap(string)


class Text(cmodel.Text):  # type: ignore[misc]
    """FIX(first-reference-note-number): the note of the item's first cite ("supra note 2").

    citeproc-py has no such variable and printed nothing (CSL 1.0.2, "Number Variables":
    the note number of the first cite of the item; only cites in notes have one).

    FIX(ibid-case): a term that opens a note-style citation (nothing printed before it in
    the citation, or only a cite prefix that ends a sentence) or a bibliography entry starts
    with a capital ("Ibid.", "Ebd."), as citeproc-js prints it; its own ``text-case`` still
    applies after (OSCOLA's lower-case "ibid"). In-text citations keep the term's case.
    """

    @staticmethod
    def ck_applies(attrib: Mapping[str, str]) -> bool:
        """Only a term, or the text of first-reference-note-number (see :mod:`.loader`)."""
        return "term" in attrib or attrib.get("variable") == "first-reference-note-number"

    def _term(self, item: Any) -> Any:
        text = super()._term(item)
        if text and state_of(self).term_first:
            return type(text)(capitalise_first(str(text))) if isinstance(text, str) else text
        return text

    def _variable(self, item: Any, context: Any) -> Any:
        if self.get("variable") != "first-reference-note-number":
            return super()._variable(item, context)
        owner = context if context is not None else self
        citation = owner.get_layout().getparent()
        if getattr(citation, "tag", "").rpartition("}")[2] != "citation":
            return None
        if getattr(item, "position", None) is not None:  # placed: as citeproc-js counts
            return None if item.first_note is None else str(item.first_note)
        state = state_of(self)
        if state.ambiguity_form:  # FIX(positions-probe-note): see first_notes
            note = state.first_notes.get(item.key)
            return None if note is None else str(note)
        for cite in getattr(citation, "cites", None) or ():
            if cite.key == item.key:
                note = getattr(cite.citation, "note_index", None)
                return None if note is None else str(note)
        return None


class Label(cmodel.Label):  # type: ignore[misc]
    """FIX(positions-note-label): the label of ``first-reference-note-number`` ("n 2", "n. 2").

    citeproc-py looked the variable up in the item, found nothing and printed no label
    (CSL 1.0.2, Label: a number variable's label is the term of the same name).
    """

    @staticmethod
    def ck_applies(attrib: Mapping[str, str]) -> bool:
        """Only the label of first-reference-note-number (see :mod:`.loader`)."""
        return attrib.get("variable") == "first-reference-note-number"

    def process(
        self, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        """The term of the label; for first-reference-note-number, only where it prints."""
        if variable is not None or self.get("variable") != "first-reference-note-number":
            return super().process(item, variable=variable, plural=plural, context=context, **kw)
        if state_of(self).ambiguity_form:
            if item.key not in state_of(self).first_notes:
                return None
        elif getattr(item, "first_note", None) is None:
            return None
        return super().process(
            item, variable="first-reference-note-number", plural=False, context=context, **kw
        )


class Name(cmodel.Name):  # type: ignore[misc]
    """FIX(positions-etal-subsequent): et-al-subsequent-min/-use-first in a later cite.

    citeproc-py read both options and used neither: a subsequent cite listed the names the
    first one did. citeproc-js uses them (where set) in every cite that is not first, and
    in the ambiguity probe, which renders the subsequent form (CSL 1.0.2, Name: et-al).
    """

    def process(
        self, item: Any, variable: Any, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """Render the names, with the subsequent et-al options if the cite is not first."""
        state = state_of(self)
        later = (
            sort_options is None
            and state.sorting is None
            and (state.ambiguity_form or getattr(item, "position", None) not in (None, "first"))
        )
        d = self.__dict__
        saved = d.get("_ck_later", False)
        d["_ck_later"] = later
        try:
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        finally:
            d["_ck_later"] = saved

    #: The options :meth:`get_option` may change (see :class:`.caches.elements.NameOptions`).
    ck_options = frozenset({"et-al-min", "et-al-use-first"})

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """``et-al-min``/``et-al-use-first``, from their subsequent forms in a later cite."""
        d = self.__dict__
        if name in _SUBSEQUENT_OPTIONS and d.get("_ck_later"):
            found = d.get("_ck_subsequent_set")
            if found is None:  # facts of the style, read once
                found = d["_ck_subsequent_set"] = {
                    n: self._subsequent_set(n) for n in _SUBSEQUENT_OPTIONS
                }
            if found[name] is not None:
                return found[name]
        return super().get_option(name, context, sort_options)

    def _subsequent_set(self, name: str) -> int | None:
        """The subsequent form of an et-al option, where the style sets it to a number.

        Only where the style sets it (on cs:name, cs:citation or cs:style): citeproc-py's
        own default (use-first 1) is not the style's word.
        """
        option = _SUBSEQUENT_OPTIONS[name]
        root = self.get_root()
        for owner in (self, root.citation, root):
            value = owner.get(option)
            if value is not None:
                if value.strip().isdigit() and int(value):
                    return int(value)
                break  # "0": the plain option stands (citeproc-js)
        return None


_SUBSEQUENT_OPTIONS = {
    "et-al-min": "et-al-subsequent-min",
    "et-al-use-first": "et-al-subsequent-use-first",
}


class Names(cmodel.Names):  # type: ignore[misc]
    """The cite's first names element, dropped (suppress-author) or kept alone (author-only)."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        """Render the names, then apply the cite's author mode."""
        text = super().render(item, *args, **kwargs)
        mode = getattr(item, "mode", None)
        if not text or mode == "done":
            return text
        state = state_of(self)
        if state.substituting or state.sorting is not None:
            return text
        if not mode:
            if getattr(item, "names_text", "") is None:  # the cite's first names (collapse)
                item.keep_names(str(text))
            return text
        item.set_mode("done")
        if mode == "author-only":
            item.keep_author(str(text))
            return text
        return None
