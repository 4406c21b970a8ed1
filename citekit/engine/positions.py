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

from typing import Any

import citeproc.model as cmodel

from .state import state_of


def ordered_cites(layout: Any, citation: Any) -> list[Any]:
    """A citation's cites in the order they are rendered: the author's, unless cs:sort says.

    Stock citeproc-py first puts them in the order the items were first cited; citeproc-js
    and pandoc keep the author's order ("[see @a; @b]") when the style has no cs:sort.
    """
    good = [cite for cite in citation.cites if not cite.is_bad()]
    if not getattr(citation, "sort", True):
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
        """Render a citation's cites (0.11.1's body, logging printed and empty cites alike)."""
        out = []
        for item in ordered_cites(self, citation):
            self.repressed: dict[str, Any] = {}
            prefix = item.get("prefix", "")
            suffix = item.get("suffix", "")
            try:
                output = self.render_children(item)
                if output is not None:
                    out.append(prefix + output + suffix)
            except cmodel.VariableError:
                pass
            self.getparent().cites.append(item)
        for item in citation.cites:
            if item.is_bad():
                out.append(callback(item) or f"{item.key}?")
        return self.format(self.wrap(self.join(out)))


class Names(cmodel.Names):  # type: ignore[misc]
    """The cite's first names element, dropped (suppress-author) or kept alone (author-only)."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        """Render the names, then apply the cite's author mode."""
        text = super().render(item, *args, **kwargs)
        mode = getattr(item, "mode", None)
        if not mode or mode == "done" or not text:
            return text
        state = state_of(self)
        if state.substituting or state.sorting is not None:
            return text
        item.set_mode("done")
        if mode == "author-only":
            item.keep_author(str(text))
            return text
        return None
