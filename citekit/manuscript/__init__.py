"""Rendering a Markdown manuscript that cites with pandoc's syntax, as ``pandoc --citeproc``.

The structure is pandoc's: in a note style every citation outside the author's footnotes
becomes a footnote, numbered together with the author's own notes; the mark goes after the
punctuation that follows the citation ("at once [@a]." -> "at once.[^1]"); the note opens
with a capital ("see" -> "See"); ``@key [p. 3]`` leaves the author's name in the sentence and
the rest in the note. A citation inside the author's footnote is rendered in place, in
parentheses and without its own final full stop. In an author-date style citations stay
where they are. Cites in one citation keep the author's order unless the style sorts them
and none has a prefix or suffix (pandoc's rule; citeproc-js sorts those too).
The YAML metadata's ``bibliography``, ``csl``, ``nocite`` (``@*`` for every item),
``link-citations`` and ``reference-section-title`` are honoured. The text of every citation
is the engine's, given each citation's note number so "Ibid." and short notes follow the
style (the tests compare it with citeproc-js, and the structure with pandoc 3).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import parallel
from ..errors import CitekitError, Diagnostic
from ..model import Item
from .syntax import (
    Citation,
    CiteRef,
    Manuscript,
    footnote_spans,
    masked,
    metadata,
    nocite_keys,
    parse,
    parse_locator,
)

__all__ = [
    "Citation",
    "CiteRef",
    "Manuscript",
    "Settings",
    "UnknownKeysError",
    "parse",
    "parse_locator",
    "reference_job",
    "render_manuscript",
    "settings",
]

KEYS_HINT = "`citekit keys PATH` lists the keys"


class UnknownKeysError(CitekitError):
    """Citations name keys no item has: every one of them, with its line and near keys."""

    def __init__(self, problems: list[Diagnostic], source: str) -> None:
        super().__init__(
            f"{len(problems)} unknown citation key{'s' if len(problems) > 1 else ''}",
            source=source,
            hint=KEYS_HINT,
        )
        self.problems = problems

    def __str__(self) -> str:
        lines = [str(p).removeprefix("error: ") for p in self.problems]
        return "\n".join([*lines, super().__str__()])


@dataclass
class Settings:
    """What the manuscript's metadata asks for (command-line options win over it)."""

    bibliography: list[str]
    csl: str | None
    nocite: list[str]
    link_citations: bool
    reference_section_title: str | None
    title: str | None
    lang: str | None = None


def settings(text: str, source: str = "<manuscript>") -> Settings:
    """Read the manuscript's YAML metadata; paths are relative to the manuscript's folder.

    Raises:
        CitekitError: the metadata block is not valid YAML.
    """
    try:
        meta, _ = metadata(text)
    except ValueError as exc:
        raise CitekitError(
            str(exc), source=source, hint="check the block between the ---"
        ) from None
    folder = Path(source).parent if source not in ("<manuscript>", "<stdin>") else Path(".")
    bib = meta.get("bibliography") or []
    bibs = [bib] if isinstance(bib, str) else [str(b) for b in bib if b]

    def near(p: str) -> str:
        path = Path(p).expanduser()
        return str(path if path.is_absolute() or not (folder / path).exists() else folder / path)

    csl = meta.get("csl") or meta.get("citation-style")
    csl_path = None
    if csl:
        csl_path = str(csl)
        if csl_path.endswith(".csl"):
            csl_path = near(csl_path)
    title = meta.get("reference-section-title")
    return Settings(
        bibliography=[near(b) for b in bibs],
        csl=csl_path,
        nocite=nocite_keys(meta),
        link_citations=bool(meta.get("link-citations")),
        reference_section_title=str(title) if title else None,
        title=str(meta["title"]) if meta.get("title") else None,
        lang=str(meta["lang"]) if meta.get("lang") else None,
    )


def _check_keys(ms: Manuscript, keys: Sequence[str], nocite: Sequence[str], source: str) -> None:
    problems = []
    known = set(keys)
    for c in ms.citations:
        for ref in c.cites:
            if ref.key not in known:
                problems.append((c.line, ref.key))
    problems += [(0, k) for k in nocite if k != "*" and k not in known]
    if not problems:
        return
    diags = []
    for line, key in problems:
        close = difflib.get_close_matches(key, list(keys), n=3, cutoff=0.5)
        hint = ("did you mean " + ", ".join(close) + "?") if close else "no item has a key like it"
        where = "nocite: " if not line else ""
        diags.append(
            Diagnostic(
                "error",
                "unknown-key",
                f"{where}unknown citation key {key!r} ({hint})",
                source=source,
                line=line or None,
            )
        )
    raise UnknownKeysError(diags, source)


def number_notes(ms: Manuscript, note_style: bool) -> dict[str, int]:
    """Number the notes in reading order; return the author's footnote labels' numbers.

    In a note style the author's footnote references and every citation outside a footnote
    take the next number; a citation inside a footnote takes that footnote's number. In an
    author-date style the numbers only keep the citations in order.
    """
    hidden = masked(ms.text)
    spans = footnote_spans(hidden)
    from .syntax import FOOTREF, enclosing

    refs = [m for m in FOOTREF.finditer(hidden) if enclosing(spans, m.start()) is None]
    events: list[tuple[int, str, Any]] = [(m.start(), "ref", m["label"]) for m in refs]
    events += [(c.start, "cite", c) for c in ms.citations if not c.in_footnote]
    events.sort(key=lambda e: e[0])
    labels: dict[str, int] = {}
    n = 0
    for _, kind, obj in events:
        if kind == "ref":
            if obj not in labels:
                n += 1
                labels[obj] = n
        elif note_style:
            n += 1
            obj.note = n
    if not note_style:  # reading order: a footnote's citations where the footnote is called
        ref_at = {m["label"]: m.start() for m in reversed(refs)}

        def reading(c: Citation) -> tuple[int, int, int]:
            if c.in_footnote is None:
                return (c.start, 0, 0)
            return (ref_at.get(c.in_footnote, len(ms.text)), 1, c.start)

        for i, c in enumerate(sorted(ms.citations, key=reading), start=1):
            c.note = i
        return labels
    for c in ms.citations:
        if c.in_footnote:
            c.note = labels.get(c.in_footnote, n + 1)
    return labels


def _cite_job(ref: CiteRef, note_style: bool, in_note: bool) -> dict[str, Any]:
    """One cite as the engine (and citeproc-js) takes it.

    An in-text cite in the body of a note style, or in an author-date style, leaves its
    author to the sentence (suppress-author here, an author-only cite for the name).
    """
    cite: dict[str, Any] = {"id": ref.key}
    if ref.locator:
        cite.update(locator=ref.locator, label=ref.label or "page")
    if ref.prefix:
        cite["prefix"] = ref.prefix
    if ref.suffix:
        cite["suffix"] = ref.suffix
    in_text_split = ref.mode == "in-text" and not (note_style and in_note)
    if ref.mode == "suppress-author" or in_text_split:
        cite["suppress-author"] = True
    return cite


def build_jobs(
    ms: Manuscript, note_style: bool, every_key: Sequence[str], nocite: Sequence[str]
) -> dict[str, Any]:
    """The rendering jobs a manuscript makes, in the reference engine's shape.

    ``citations``: one per citation in note order, with its note number; ``author_only``:
    for each in-text citation whose author stands in the sentence, the citations to render
    (the earlier cites of the item, then an author-only cite) so the name takes the form it
    has at that point (a first or a subsequent cite); ``items``: the cited keys, then the
    ``nocite`` ones. Prefix and suffix are as written (citeproc-js adds no spaces; the
    engine and the reference script add the space a word needs).
    """
    order = sorted(ms.citations, key=lambda c: (c.note, c.start))
    # each key once, in order of first citation (a dict: a list searched with `in` is quadratic)
    first = dict.fromkeys(r.key for c in order for r in c.cites)
    first.update(dict.fromkeys(every_key if "*" in nocite else nocite))
    used = list(first)
    citations = []
    author_only = []
    seen: set[str] = set()
    for c in order:
        in_note = c.in_footnote is not None
        citations.append(
            {"items": [_cite_job(r, note_style, in_note) for r in c.cites], "noteIndex": c.note}
        )
        ref = c.cites[0]
        if ref.mode == "in-text" and not (note_style and in_note):
            prime = [{"items": [{"id": ref.key}], "noteIndex": 1}] if ref.key in seen else []
            author_only.append(
                prime
                + [
                    {
                        "items": [{"id": ref.key, "author-only": True}],
                        "noteIndex": 2 if prime else 1,
                    }
                ]
            )
        seen.update(r.key for r in c.cites)
    return {"items": used, "citations": citations, "author_only": author_only, "order": order}


def _csl_items(by_key: Mapping[str, Item], keys: Sequence[str]) -> list[dict[str, Any]]:
    """The cited items as CSL-JSON, each under its citation key (the job's ids).

    Each item on its own, so a book's thousands are shared out among processes.
    """

    def convert(part: range, _report: parallel.Report | None) -> list[dict[str, Any]]:
        out = []
        for n in part:
            d = by_key[keys[n]].to_csl_json(with_facts=False)
            d["id"] = keys[n]
            out.append(d)
        return out

    return parallel.run_shares(convert, len(keys))


def reference_job(
    text: str, items: Sequence[Item], *, style: str, fmt: str = "text"
) -> dict[str, Any]:
    """The jobs (citeproc-js's format) a manuscript's citations make, for the reference engine.

    ``job`` renders every citation in note order and the bibliography; ``author_only`` is a
    list of small jobs, one per name left in the sentence.
    """
    from ..api import _engine

    by_key = {it.key: it for it in items}
    ms = parse(text)
    note_style = _engine().is_note_style(style)
    number_notes(ms, note_style)
    meta = settings(text)
    jobs = build_jobs(ms, note_style, list(by_key), meta.nocite)
    lang = {"lang": meta.lang} if meta.lang else {}

    def data(keys: Sequence[str]) -> list[dict[str, Any]]:
        return _csl_items(by_key, keys)

    def spaced(cite: dict[str, Any]) -> dict[str, Any]:
        cite = dict(cite)
        if cite.get("prefix"):
            cite["prefix"] += " "
        if cite.get("suffix") and cite["suffix"][0] not in ",.;:!?)]":
            cite["suffix"] = " " + cite["suffix"]
        return cite

    job = {
        "style": style,
        "format": fmt,
        "items": data(jobs["items"]),
        "citations": [
            {"items": [spaced(x) for x in c["items"]], "noteIndex": c["noteIndex"]}
            for c in jobs["citations"]
        ],
        "bibliography": True,
        **lang,
    }
    small = [
        {
            "style": style,
            "format": fmt,
            "items": data([cl[-1]["items"][0]["id"]]),
            "citations": cl,
            "bibliography": False,
            **lang,
        }
        for cl in jobs["author_only"]
    ]
    return {"job": job, "author_only": small}


def render_manuscript(
    text: str,
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "markdown",
    source: str = "<manuscript>",
    bibliography_heading: str | None = "References",
    link_citations: bool | None = None,
    nocite: Sequence[str] | None = None,
    abbreviations: bool = False,
    expand_abbreviations: bool = False,
    locale: str | None = None,
) -> str:
    """Render a manuscript's citations, footnotes and bibliography (see the module docstring).

    ``style``, ``link_citations``, ``nocite`` and ``locale`` default to the manuscript's
    metadata (``lang`` is the locale, as pandoc reads it); the
    metadata's ``reference-section-title`` replaces the default heading. ``abbreviations``
    adds the list of the cited archives' abbreviations before the bibliography;
    ``expand_abbreviations`` gives each one's full name in the first citation that uses it.

    Raises:
        UnknownKeysError: citations name keys no item has (all of them, with lines).
    """
    from ..api import _engine
    from .assemble import assemble

    csl = _engine()
    meta = settings(text, source)
    style = style or meta.csl
    locale = locale or meta.lang
    link = meta.link_citations if link_citations is None else link_citations
    wanted = list(meta.nocite if nocite is None else nocite)
    if bibliography_heading == "References" and meta.reference_section_title:
        bibliography_heading = meta.reference_section_title
    by_key: dict[str, Item] = {}
    for it in items:
        by_key.setdefault(it.key, it)
    with parallel.collector_paused():  # a book's citations: thousands of objects kept
        ms = parse(text)
        _check_keys(ms, list(by_key), wanted, source)
        note_style = csl.is_note_style(style)
        labels = number_notes(ms, note_style)
        jobs = build_jobs(ms, note_style, list(by_key), wanted)
    render_fmt = "text" if fmt == "text" else "html"

    def data(keys: Sequence[str]) -> list[dict[str, Any]]:
        return _csl_items(by_key, keys)

    def cluster(entry: Mapping[str, Any]) -> Any:
        return csl.Cluster(
            tuple(
                csl.Cite(
                    c["id"],
                    c.get("locator"),
                    c.get("label"),
                    c.get("prefix"),
                    c.get("suffix"),
                    suppress_author=bool(c.get("suppress-author")),
                    author_only=bool(c.get("author-only")),
                )
                for c in entry["items"]
            ),
            entry["noteIndex"],
            sort=not any(c.get("prefix") or c.get("suffix") for c in entry["items"]),
        )

    out = csl.render(
        data(jobs["items"]),
        style=style,
        fmt=render_fmt,
        clusters=[cluster(c) for c in jobs["citations"]],
        bibliography=bibliography_heading is not None,
        locale=locale,
    )
    authors = []
    for small in jobs["author_only"]:
        key = small[-1]["items"][0]["id"]
        got = csl.render(
            data([key]),
            style=style,
            fmt=render_fmt,
            clusters=[cluster(c) for c in small],
            bibliography=False,
            locale=locale,
        )
        authors.append(got.citations[-1])
    from ..api import abbreviations_block, archive_abbreviations, expand_first_use

    # Matching every cited shelfmark against the archive registry costs as much as reading
    # the items (1.6 s for 10,000): only when the list or the first-use names are asked for.
    abbrs: list[tuple[str, str]] = []
    if abbreviations or expand_abbreviations:
        keys = dict.fromkeys(r.key for c in ms.citations for r in c.cites)
        abbrs = archive_abbreviations([by_key[k] for k in keys])
    texts = expand_first_use(out.citations, abbrs) if expand_abbreviations else out.citations
    listing = abbreviations_block(abbrs, "text" if fmt == "text" else "markdown")
    return assemble(
        ms,
        jobs["order"],
        texts,
        authors,
        [(k, e) for k, e in zip(out.bibliography_ids, out.bibliography, strict=True)],
        labels,
        note_style=note_style,
        fmt=fmt,
        heading=bibliography_heading,
        link=link,
        title=meta.title,
        abbreviations=listing if abbreviations and abbrs else None,
    )
