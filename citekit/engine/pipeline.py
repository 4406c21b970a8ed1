"""The rendering job: items in, finished citations and bibliography entries out.

Phases, in order: load the style (:mod:`.loader`), prepare the items (:mod:`.prepare`),
disambiguate (:mod:`.disambiguate`), render the citations in document order (positions
need the cites before them), render the bibliography (:mod:`.bibliography`), finish every
string (:mod:`.finish`). Large jobs are spread over processes (:mod:`citekit.parallel`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from citeproc import formatter

from .. import parallel
from ..errors import RenderError
from ..framestack import roomy
from .bibliography import Entries, check_reach
from .bibliography import bibliography as render_bibliography
from .citation_label import assign_labels
from .citations import (
    Citation,
    CitationItem,
    Locator,
    label_name,
    locator_text,
    read_label,
    registered,
)
from .disambiguate import disambiguate
from .finish import QuoteTerms, citation_text, quote_terms
from .job import Cite, Cluster, Output, Placement
from .loader import LoadedStyle, is_note_style, load_style
from .positions import first_notes, ordered_cites, place
from .prepare import Source, prepare_item, prepare_value
from .reads import MacroParts
from .state import RenderState

__all__ = ["Cite", "Cluster", "Output", "is_note_style", "load_style", "render"]


@contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@roomy
def render(
    items: Sequence[Mapping[str, Any]],
    *,
    style: str | None = None,
    fmt: str = "text",
    clusters: Sequence[Cluster] = (),
    bibliography: bool = True,
    progress: parallel.Report | None = None,
    registry: Sequence[str] | None = None,
    locale: str | None = None,
) -> Output:
    """Render CSL-JSON items: each citation cluster in document order, then the bibliography.

    FIX(registry-order): the items stand in the order of their first citation (the uncited
    after them, in input order), then in the order the style sorts its bibliography; the
    citation numbers count in that order, in the text as in the list (citeproc-js's registry:
    a document registers its items as it cites them). ``registry``, if given, is that order
    instead (the ids of citeproc-js's ``updateItems``, e.g. clusters rendered outside any
    document, each against every item). ``locale`` replaces the style's default locale.

    Large jobs are spread over processes (:mod:`citekit.parallel`). ``progress``, if given,
    is called with the number of pieces done since its last call: one per item (the
    ambiguity check), per citation cluster and per bibliography entry.

    Raises:
        StyleError: the style cannot be found or loaded.
        RenderError: a citation names an item that is not there, or the engine fails.
    """
    if fmt not in ("text", "html"):
        raise RenderError(f"unknown output format {fmt!r}", hint="text or html")
    html_out = fmt == "html"
    csl_style = load_style(style, locale)
    note_style = csl_style.root.get("class") == "note"
    id_map: dict[str, str] = {}
    for n, data in enumerate(items):
        user_id = str(data.get("id", f"item-{n + 1}"))
        if user_id in id_map:
            raise RenderError(f"two items have the id {user_id!r}", hint="ids must be unique")
        id_map[user_id] = f"i{n}"

    def preparing(part: range, _report: parallel.Report | None) -> list[dict[str, Any]]:
        # each item on its own: shared out (10,000 items take a second in one process)
        return [prepare_item(items[n], f"i{n}", html_out) for n in part]

    prepared = parallel.run_shares(preparing, len(items))
    assign_labels(csl_style, items, prepared)
    prepared = _registry_order(prepared, id_map, clusters, registry)
    out = Output(is_note_style=note_style)
    piq = str(csl_style.root.get_locale_option("punctuation-in-quote")).lower() == "true"
    fmt_module = formatter.html if html_out else formatter.plain
    with _quiet():
        try:
            with parallel.collector_paused():  # every item, kept through the job
                source = Source(prepared)
        except (KeyError, TypeError, ValueError) as exc:
            raise RenderError(f"citeproc-py cannot read the items: {exc}") from None
        with parallel.frozen():  # the style and the items live through the job
            csl_style.state.first_notes = first_notes(
                [
                    (c.note_index, [id_map[x.id] for x in c.cites if x.id in id_map])
                    for c in clusters
                ]
            )
            wanted = bibliography and csl_style.has_bibliography()

            def entries_of(report: parallel.Report | None, *, watch: bool = False) -> Entries:
                return render_bibliography(
                    csl_style, source, fmt_module, prepared, piq, html_out, report, watch=watch
                )

            early = _early(csl_style, len(prepared), entries_of) if wanted else None
            try:
                disambiguate(csl_style, source, fmt_module, [d["id"] for d in prepared], progress)
                if clusters:
                    built = _citations(clusters, id_map, html_out, csl_style.root.get_term)
                    out.citations = _render_citations(
                        csl_style, source, fmt_module, built, piq, progress, prepared
                    )
                    by_key = {v: k for k, v in id_map.items()}
                    out.placements = [
                        tuple(
                            Placement(by_key[c.key], c.position, c.near_note, c.first_note)
                            for c in citation.order or ()
                        )
                        for citation in built
                    ]
            except BaseException:
                if early is not None:
                    early.job.cancel()
                raise
            if bibliography and not csl_style.has_bibliography() and progress:
                progress(len(prepared))  # what the caller counted for the entries
            if wanted:
                entries: Entries | None = None
                if early is not None:
                    entries = early.job.result()
                    if _decided(csl_style.state, early.before, entries.read_check):
                        entries = None  # an entry begun early read what is now decided
                    elif progress:
                        progress(len(prepared))
                if entries is None:
                    entries = entries_of(progress)
                by_internal = {v: k for k, v in id_map.items()}
                out.bibliography = [text for _, text in entries.rows]
                out.bibliography_ids = [by_internal[i] for i, _ in entries.rows]
    return out


#: What an entry can read of the check's decisions: the given names a short name shows
#: (``expand``) and the ``disambiguate="true"`` conditions that hold (``disambiguate_level``).
Decisions = tuple[dict[str, Any], dict[str, int]]


class Early(NamedTuple):
    """A bibliography begun before the ambiguity check (:func:`_early`)."""

    #: The child rendering it.
    job: parallel.Background
    #: The check's decisions when it began: what :func:`_decided` compares after the check.
    before: Decisions


def _early(csl_style: LoadedStyle, items: int, entries: Callable[..., Entries]) -> Early | None:
    """The bibliography begun in another process now, if the job is large and nothing waits.

    Speed, not output: the entries need nothing the check or the citations decide, except
    where they read it (:func:`.bibliography.check_reach`: "entries"), and render while
    they do, on whatever core they leave idle (their rounds too small to share, the steps
    between phases; see :class:`citekit.parallel.Background`). Those that may read it are
    watched, and the bibliography is rendered again after the check if one read something
    the check then decided (:func:`_decided`). The answer is the same as rendering them after.
    """
    if parallel.jobs_for(items) < 2:
        return None  # (and a small job does not walk the style for check_reach)
    reach = check_reach(csl_style)
    if reach == "all":
        return None
    before = _decisions(csl_style.state)
    return Early(parallel.Background(lambda: entries(None, watch=reach == "entries")), before)


def _decisions(state: RenderState) -> Decisions:
    """The check's decisions as they stand (a copy)."""
    return dict(state.expand), dict(state.disambiguate_level)


def _decided(state: RenderState, before: Decisions, read: frozenset[str]) -> bool:
    """Whether an entry that read the check's decisions read others than there are now.

    ``before``: the decisions when the early bibliography began (see :func:`_early`).
    """
    expand, level = before
    return any(
        (state.expand.get(i) or None) != (expand.get(i) or None)
        or state.disambiguate_level.get(i, 0) != level.get(i, 0)
        for i in read
    )


def _registry_order(
    prepared: list[dict[str, Any]],
    id_map: Mapping[str, str],
    clusters: Sequence[Cluster],
    registry: Sequence[str] | None,
) -> list[dict[str, Any]]:
    """The items in registry order: as ``registry`` says, or cited first (see :func:`render`)."""
    if registry is not None:
        wanted = [id_map[i] for i in registry if i in id_map]
    else:
        wanted = [id_map[c.id] for cluster in clusters for c in cluster.cites if c.id in id_map]
    rank: dict[str, int] = {}
    for internal in wanted:
        rank.setdefault(internal, len(rank))
    if not rank:
        return prepared
    return sorted(prepared, key=lambda d: rank.get(d["id"], len(rank)))  # stable: input order


def _citations(
    clusters: Sequence[Cluster],
    id_map: Mapping[str, str],
    html_out: bool,
    get_term: Callable[[str], Any],
) -> list[Citation]:
    """The job's clusters as citeproc-py citations (not yet registered).

    ``get_term``: the style's term lookup (see :func:`.citations.read_label`).
    """
    built = []
    for cluster in clusters:
        cites = [_cite(c, id_map, html_out, get_term) for c in cluster.cites]
        built.append(Citation(cites, note_index=cluster.note_index, sort=cluster.sort))
    return built


def _cite(
    c: Cite,
    id_map: Mapping[str, str],
    html_out: bool,
    get_term: Callable[[str], Any],
) -> CitationItem:
    if c.id not in id_map:
        raise RenderError(f"no item with the id {c.id!r}", hint="check the citation's id")
    kwargs: dict[str, Any] = {}
    if c.locator:
        label, locator = read_label(c.locator, label_name(c.label), get_term)
        kwargs["locator"] = Locator(label or "page", locator_text(locator, html_out))
    if c.prefix:
        kwargs["prefix"] = prepare_value(c.prefix, html_out) + " "
    if c.suffix:
        # a suffix opening with punctuation (pandoc's ", emphasis added") follows the
        # locator directly, as in citeproc-js and pandoc
        space = "" if c.suffix[:1] in ",.;:!?)]" else " "
        kwargs["suffix"] = space + prepare_value(c.suffix, html_out)
    mode = "author-only" if c.author_only else "suppress" if c.suppress_author else None
    cite = CitationItem(id_map[c.id], mode=mode, **kwargs)
    if c.position is not None:
        cite.give(c.position, c.near_note, c.first_note)
    return cite


def _render_citations(
    csl_style: LoadedStyle,
    source: Any,
    fmt_module: Any,
    built: list[Citation],
    piq: bool,
    progress: parallel.Report | None,
    prepared: list[dict[str, Any]],
) -> list[str]:
    # FIX(registry-order): numbers count in the bibliography's order
    bib = registered(csl_style, source, fmt_module, [d["id"] for d in prepared])
    if csl_style.has_bibliography() and _numbers(csl_style):
        bib.sort()
    for citation in built:
        bib.register(citation)
    layout = csl_style.root.citation.layout
    place(layout, built)  # where each cite stands: first, subsequent, ibid
    html = fmt_module is formatter.html
    quotes = quote_terms(csl_style.root)

    logged = [0]  # in each process: the citations its log holds, from the first on
    parts = MacroParts(csl_style.state, bibliography=False)  # each process fills its own

    def work(part: range, report: parallel.Report | None) -> list[str]:
        # Where each cite stands (first, subsequent, ibid) depends on the cites before
        # it: the log must hold every citation before the part. A process takes its
        # parts in order, so it logs (replays) only those between its last part and this
        # one; a part before what it holds starts a fresh log.
        if part.start < logged[0]:
            bib.restart_log()
            logged[0] = 0
        for citation in built[logged[0] : part.start]:
            for cite in ordered_cites(layout, citation):
                bib.log(cite)
        texts = []
        csl_style.state.macro_parts = parts
        try:
            for n in part:
                texts.append(_cite_text(bib, built[n], piq=piq, html_out=html, quotes=quotes))
                if report:
                    report(1)
        finally:
            csl_style.state.macro_parts = None
        logged[0] = part.stop
        return texts

    return parallel.run_shares(work, len(built), progress)


def _numbers(csl_style: LoadedStyle) -> bool:
    """Say whether the citations print or sort by citation number (then the order matters)."""
    return any(
        el.get("variable") == "citation-number"
        for el in csl_style.root.citation.iter()
        if isinstance(el.tag, str)
    )


def _cite_text(
    bib: Any,
    citation: Any,
    *,
    piq: bool,
    html_out: bool,
    quotes: QuoteTerms,
) -> str:
    """One citation cluster's finished text."""
    try:
        text = str(bib.cite(citation, lambda _c: None))
    except Exception as exc:
        raise RenderError(f"the engine failed on a citation: {exc!r}") from exc
    authors = [ci.author_text for ci in citation.cites]
    return citation_text(text, authors, piq=piq, html_out=html_out, quotes=quotes)
