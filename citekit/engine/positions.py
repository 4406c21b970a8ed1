"""Positions: where a cite stands (first, subsequent, ibid), and which of its names print.

- FIX(note-index): "Ibid." refers to the note just before; when the author's own notes
  stand between two citations (a gap in the note numbers), citeproc-js gives the short
  form. citeproc-py knew no note numbers.
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
from typing import Any

import citeproc.model as cmodel

from . import collapse
from .state import state_of


def ordered_cites(layout: Any, citation: Any) -> list[Any]:
    """A citation's cites in the order they are given, then as ``cs:sort`` sorts them.

    FIX(cite-order): citeproc-py first put them in the bibliography's order; citeproc-js keeps
    the author's order where the style does not sort (CSL 1.0.2, "Sorting").
    """
    good = [cite for cite in citation.cites if not cite.is_bad()]
    if not getattr(citation, "sort", True):  # the author's order stands (pandoc's rule)
        return good
    sort = layout.getparent().sort
    if sort is not None:
        good = sort.sort(good, layout)
    return good


class If(cmodel.If):  # type: ignore[misc]
    """The position test, aware of note numbers and of the ambiguity probe."""

    def _position(self, item: Any, context: Any) -> Any:
        if state_of(self).ambiguity_form:
            return [n in ("subsequent", "near-note") for n in self.get("position").split()]
        results = super()._position(item, context)
        owner = context if context is not None else self
        cites = owner.get_layout().getparent().cites
        if not cites or not hasattr(item, "citation"):
            return results
        this = getattr(item.citation, "note_index", None)
        last = getattr(cites[-1].citation, "note_index", None)
        if this is not None and last is not None and this - last > 1:
            names = self.get("position").split()
            results = [
                False if n in ("ibid", "ibid-with-locator") else r
                for n, r in zip(names, results, strict=True)
            ]
        return results


class Layout(cmodel.Layout):  # type: ignore[misc]
    """``cs:layout`` of the citation: every cite counts as cited (FIX(position-registry))."""

    def render_citation(self, citation: Any, callback: Any) -> Any:
        """Render a citation's cites (0.11.1's body, logging printed and empty cites alike).

        With cs:citation's ``collapse`` or ``cite-group-delimiter``, the cites are grouped and
        collapsed (:mod:`.collapse`); a cite is then also rendered without its names.
        """
        plan = collapse.plan_of(self.getparent(), self)
        out = []
        pieces = []
        state = state_of(self)
        capitals = self.get_root().get("class") != "in-text"
        for n, item in enumerate(ordered_cites(self, citation)):
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
        for item in citation.cites:
            if item.is_bad():
                out.append(callback(item) or f"{item.key}?")
        return self.format(self.wrap(self.join(out)))

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
            state = state_of(self)
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
        for cite in getattr(citation, "cites", None) or ():
            if cite.key == item.key:
                note = getattr(cite.citation, "note_index", None)
                return None if note is None else str(note)
        return None


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
