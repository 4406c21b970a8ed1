"""The bibliography: entries rendered one by one, sorted, repeated authors substituted."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from .. import parallel
from ..errors import RenderError
from .author_substitute import substitute_repeated
from .citations import registered
from .display import assemble, second_field, settle
from .finish import finish, quote_terms
from .reads import MacroParts, reached
from .style_rewrites import CSL_NS

#: What citeproc-js prints for an entry of a numeric style that renders nothing.
NO_PRINTED_FORM = "[CSL STYLE ERROR: reference with no printed form.]"


def _numbered(style: Any) -> bool:
    """Say whether the citations print citation numbers (citeproc-js's numeric mode).

    A ``cs:text`` of the citation's layout (or of a macro it calls) printing the number
    counts; sorting by it does not.
    """
    citation = style.root.citation
    if citation is None:
        return False
    return any(
        el.tag == _TEXT and el.get("variable") == "citation-number"
        for el in reached(citation.layout)
    )


#: How far the ambiguity check reaches into a bibliography (:func:`check_reach`).
Reach = Literal["none", "entries", "all"]


def check_reach(style: Any) -> Reach:
    """How far the ambiguity check can change the bibliography: "none", "entries" or "all".

    The check decides year suffixes (printed in the entries, and ordered by the
    bibliography), which cites ``disambiguate="true"`` holds for, the names added to
    cites (the entries keep their own et-al) and the given names shown in short names.
    "none": the bibliography can print none of these, and can render before the check, at
    the same time (:func:`citekit.engine.pipeline.render`). "entries": only an entry that
    tests a ``disambiguate`` condition or prints a short name can change, and only if the
    check then decides something for its item: such an entry is watched as it renders
    (``bibliography(watch=True)``), and the bibliography rendered again if one did
    (Chicago's short names are in its legal-case macro, which archival items never reach).
    "all": year suffixes, or the sort keys read what the check decides (the order).
    """
    citation = style.root.citation
    bib = style.root.bibliography
    if citation is None or bib is None:
        return "none"
    if citation.get("disambiguate-add-year-suffix") == "true":
        return "all"
    givens = citation.get("disambiguate-add-givenname") == "true"
    if givens and "short" in (bib.get("name-form"), style.root.get("name-form")):
        return "all"

    def reads_the_check(part: Any) -> bool:
        return any(
            (el.tag in _CONDITIONS and "disambiguate" in el.attrib)
            or (givens and el.tag == _NAME and el.get("form") == "short")
            for el in reached(part)
        )

    sort = bib.find(_SORT)
    if sort is not None and reads_the_check(sort):
        return "all"
    return "entries" if reads_the_check(bib.layout) else "none"


class Entries(NamedTuple):
    """A bibliography: (internal id, entry) in style order, and the watched entries that read.

    ``read_check``: the items whose entries read what the ambiguity check decides (only
    when rendered with ``watch``; see :func:`check_reach`).
    """

    rows: list[tuple[str, str]]
    read_check: frozenset[str]


_TEXT = f"{{{CSL_NS}}}text"
_NAME = f"{{{CSL_NS}}}name"
_CONDITIONS = (f"{{{CSL_NS}}}if", f"{{{CSL_NS}}}else-if")
_SORT = f"{{{CSL_NS}}}sort"


def bibliography(
    style: Any,
    source: Any,
    fmt_module: Any,
    prepared: list[dict[str, Any]],
    piq: bool,
    html_out: bool,
    report: parallel.Report | None = None,
    *,
    watch: bool = False,
) -> Entries:
    """Render the bibliography from locator-free cites: (internal id, entry) in style order.

    FIX(bib-locator): citeproc-py otherwise leaks the last cite's locator into the entry.
    ``watch``: note which entries read what the ambiguity check decides (rendering before
    it, see :func:`check_reach`).
    """
    state = style.state
    bib = registered(style, source, fmt_module, [d["id"] for d in prepared])
    layout = style.root.bibliography.layout
    align = style.root.bibliography.get("second-field-align") is not None

    parts = MacroParts(state, bibliography=True)  # each process fills its own copy

    def work(
        share: range, report: parallel.Report | None
    ) -> list[tuple[str, str | None, Any, bool]]:
        # citeproc-py's bibliography() drops empty entries without saying which; render
        # item by item (as it does) to keep each entry with its item.
        rows: list[tuple[str, str | None, Any, bool]] = []
        state.first_names = {}
        state.displaying = True
        state.macro_parts = parts
        try:
            for n in share:
                item = bib.items[n]
                layout.repressed = {}
                state.term_first = True  # FIX(ibid-case): a term opening the entry: a capital
                state.check_read = False if watch else None
                body = second_field(layout, item) if align else layout.render_children(item)
                text = layout.format(layout.wrap(body))
                key = str(item.key)
                read = bool(state.check_read)
                if text is None:
                    rows.append((key, None, None, read))  # one answer per piece, in order
                else:
                    rows.append((key, str(text), state.first_names.get(key), read))
                if report:
                    report(1)
        finally:
            state.first_names = None
            state.displaying = False
            state.macro_parts = None
            state.term_first = None
            state.check_read = None
        return rows

    try:
        bib.sort()
        rows = parallel.run_shares(work, len(bib.items), report)
    except Exception as exc:  # the engine raises anything; say which part failed
        raise RenderError(f"the engine failed on the bibliography: {exc!r}") from exc
    rendered: list[tuple[str, str, Any]] = []
    numbered = _numbered(style)
    read_check = frozenset(key for key, _, _, read in rows if read)
    for key, text, names, _ in rows:
        if text is None and numbered:
            # FIX(labels-no-printed-form): a numeric style keeps an empty entry's number
            # (citeproc-js prints its error text rather than renumber the entries after it).
            text = f"{len(rendered) + 1}. {NO_PRINTED_FORM}"
        if text is not None:
            rendered.append((key, text, names))
    keys = [key for key, _, _ in rendered]
    entries = [text for _, text, _ in rendered]
    first_names = [names for _, _, names in rendered]
    substitute = style.root.bibliography.get("subsequent-author-substitute")
    entries = substitute_repeated(entries, first_names, substitute)
    quotes = quote_terms(style.root)

    def finishing(share: range, _report: parallel.Report | None) -> list[str]:
        # Apart from the substitution (which compares neighbours, so it waits for all the
        # entries), finishing an entry is the entry's own business: shared out too.
        return [
            assemble(
                finish(
                    settle(entries[n]),
                    punctuation_in_quote=piq,
                    html_out=html_out,
                    quotes=quotes,
                    trim=not html_out,
                ),
                html=html_out,
            )
            for n in share
        ]

    done = parallel.run_shares(finishing, len(entries))
    if html_out:
        done = [f'<div class="csl-entry">{e}</div>' for e in done]
    return Entries(list(zip(keys, done, strict=True)), read_check)
