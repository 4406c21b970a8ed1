"""citekit's library API: read, cite, process, export and write provenance.

Everything the command line does goes through these functions::

    >>> import citekit
    >>> result = citekit.read(["documents/000_97e68d44f543b168.txt"])
    >>> item = result.items[0]
    >>> item.archive_location, item.page
    ('PRC FMA 118-01154-07', '11-12')
"""

from __future__ import annotations

import difflib
import html as html_lib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .errors import CitekitError, Diagnostic, RenderError
from .export import ExportOptions
from .export import export_items as _export_items
from .model import Item
from .provenance import render_provenance
from .readers import ReadResult, read_paths
from .urls import with_public_urls

FORMATS = ("text", "html", "markdown")

#: A progress callback: called with the number of pieces of work done since its last call.
Progress = Callable[[int], None]


def read(
    paths: Iterable[str],
    fmt: str | None = None,
    *,
    key_format: str | None = None,
    progress: Progress | None = None,
    keep_url: bool = False,
) -> ReadResult:
    """Read records, CSL-JSON, BibTeX or RIS files (or directories of them) into items.

    Bad files do not stop the batch: they are listed in ``result.errors``. ``progress`` is
    called with 1 per input file. A URL on a known staging or mirror host is replaced by the
    public one (the URL as given stays in the item's facts) unless ``keep_url``.
    """
    result = read_paths(paths, fmt, key_format=key_format, progress=progress)
    if not keep_url:
        result.items = with_public_urls(result.items)
    return result


def render_size(items: int, citations: int = 0, *, bibliography: bool = True) -> int:
    """How many pieces a rendering job reports to its ``progress`` callback in all.

    One per item (the check for ambiguous cites), one per citation, and one per item for
    the bibliography.
    """
    return items + citations + (items if bibliography else 0)


def _engine() -> Any:
    from .engine import pipeline as csl  # on first use: it loads citeproc and lxml

    return csl


#: citeproc's small HTML and its Markdown, in the order they are replaced.
_HTML_TO_MARKDOWN = [
    (re.compile(r'<div class="csl-entry">(.*)</div>', re.S), r"\1"),
    (re.compile(r"</?i>"), "*"),
    (re.compile(r"</?b>"), "**"),
    (re.compile(r"<sup>(.*?)</sup>"), r"^\1^"),
    (re.compile(r"<sub>(.*?)</sub>"), r"~\1~"),
    (re.compile(r"</?span[^>]*>"), ""),
]


def html_to_markdown(text: str) -> str:
    """Turn citeproc's small HTML (i, b, sup, sub, span) into Markdown."""
    if "<" not in text and "&" not in text:  # plain already (most notes of a manuscript)
        return text
    for pattern, replacement in _HTML_TO_MARKDOWN:
        text = pattern.sub(replacement, text)
    text = html_lib.unescape(text)
    return text


def bibliography(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    progress: Progress | None = None,
    locale: str | None = None,
) -> list[str]:
    """Render the bibliography entries of ``items`` (in the style's order)."""
    out = _render_bibliography(items, style, fmt, progress, locale)
    return [html_to_markdown(e) if fmt == "markdown" else e for e in out.bibliography]


def _render_bibliography(
    items: Sequence[Item],
    style: str | None,
    fmt: str,
    progress: Progress | None,
    locale: str | None = None,
) -> Any:
    return _engine().render(
        [i.to_csl_json(with_facts=False) for i in items],
        style=style,
        fmt="text" if fmt == "text" else "html",
        progress=progress,
        locale=locale,
    )


def entries_by_item(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    progress: Progress | None = None,
    locale: str | None = None,
) -> list[str | None]:
    """Each item's bibliography entry, in input order; None where the style leaves it out.

    The entries are rendered together, as one bibliography (so repeated authors and year
    suffixes come out as in the full list).
    """
    out = _render_bibliography(items, style, fmt, progress, locale)
    conv = html_to_markdown if fmt == "markdown" else (lambda s: s)
    by_id = dict(zip(out.bibliography_ids, out.bibliography, strict=True))
    return [conv(by_id[i.id]) if i.id in by_id else None for i in items]


def bibliography_by_item(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    progress: Progress | None = None,
    locale: str | None = None,
) -> list[tuple[Item, str]]:
    """The bibliography in the style's order, each entry with its item (none for the left out)."""
    out = _render_bibliography(items, style, fmt, progress, locale)
    conv = html_to_markdown if fmt == "markdown" else (lambda s: s)
    by_id = {i.id: i for i in items}
    return [
        (by_id[i], conv(e)) for i, e in zip(out.bibliography_ids, out.bibliography, strict=True)
    ]


def notes(
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "text",
    locators: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    locale: str | None = None,
) -> list[str]:
    """Render one full first citation (a first note, in a note style) for each item."""
    csl = _engine()
    clusters = [
        csl.Cluster(
            (
                csl.Cite(
                    i.id, (locators or {}).get(i.id), "page" if (locators or {}).get(i.id) else None
                ),
            )
        )
        for i in items
    ]
    out = csl.render(
        [i.to_csl_json(with_facts=False) for i in items],
        style=style,
        fmt="text" if fmt == "text" else "html",
        clusters=clusters,
        bibliography=False,
        progress=progress,
        locale=locale,
    )
    return [html_to_markdown(c) if fmt == "markdown" else c for c in out.citations]


def cite_forms(
    item: Item, *, style: str | None = None, fmt: str = "text", locale: str | None = None
) -> dict[str, str]:
    """Render an item's first note, short (subsequent) note and bibliography entry."""
    csl = _engine()
    cl = csl.Cluster((csl.Cite(item.id),))
    out = csl.render(
        [item.to_csl_json(with_facts=False)],
        style=style,
        fmt="text" if fmt == "text" else "html",
        clusters=[cl, cl, cl],
        locale=locale,
    )
    conv = html_to_markdown if fmt == "markdown" else (lambda s: s)
    return {
        "note": conv(out.citations[0]),
        "short_note": conv(out.citations[1]),
        "bibliography": conv(out.bibliography[0]) if out.bibliography else "",
    }


def process(job: Mapping[str, Any], *, progress: Progress | None = None) -> dict[str, Any]:
    """Render a citeproc-js-style job: ``{"style", "format", "items", "citations", ...}``.

    ``lang``, if given, is the locale, forced over the style's ``default-locale`` (as the
    reference runs citeproc-js: ``forceLang``).

    Returns ``{"engine", "citations", "bibliography"}`` in the reference's shape.

    Raises:
        RenderError: the job is malformed or names a missing item.
    """
    csl = _engine()
    if not isinstance(job, Mapping):
        raise RenderError("a job is a JSON object", hint="see the README: citekit process")
    items = job.get("items")
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise RenderError('the job needs "items": a list of CSL-JSON items')
    fmt = str(job.get("format", "text"))
    lang = job.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise RenderError('"lang" is a locale tag such as "en-GB"')
    clusters = []
    last = 0
    known = {str(i.get("id")) for i in items}  # once: per citation it made the job quadratic
    for n, entry in enumerate(job.get("citations") or []):
        cites_in = (
            entry
            if isinstance(entry, list)
            else (entry or {}).get("items")
            if isinstance(entry, Mapping)
            else None
        )
        if not isinstance(cites_in, list):
            raise RenderError(f"citation {n + 1} is neither a list nor an object with items")
        note = entry.get("noteIndex") if isinstance(entry, Mapping) else None
        note_index = int(note) if isinstance(note, int | str) and str(note).isdigit() else last + 1
        last = note_index
        cites = []
        for c in cites_in:
            if not isinstance(c, Mapping) or "id" not in c:
                raise RenderError(f"citation {n + 1} has an item without an id")
            if str(c["id"]) not in known:
                close = difflib.get_close_matches(str(c["id"]), sorted(known), n=3, cutoff=0.5)
                raise RenderError(
                    f"citation {n + 1} cites {c['id']!r}, which no item of the job has",
                    hint=("did you mean " + ", ".join(close) + "? " if close else "")
                    + "the job's items list the ids; for records, "
                    + KEYS_HINT,
                )
            cites.append(
                csl.Cite(
                    id=str(c["id"]),
                    locator=str(c["locator"]) if c.get("locator") not in (None, "") else None,
                    label=str(c.get("label") or "page") if c.get("locator") else None,
                    prefix=c.get("prefix"),
                    suffix=c.get("suffix"),
                    suppress_author=bool(c.get("suppress-author")),
                    author_only=bool(c.get("author-only")),
                )
            )
        clusters.append(csl.Cluster(tuple(cites), note_index))
    out = csl.render(
        items,
        style=job.get("style"),
        fmt=fmt,
        clusters=clusters,
        bibliography=job.get("bibliography", True) is not False,
        progress=progress,
        locale=lang or None,
    )
    return {
        "engine": "citekit (citeproc-py 0.11.1 + compatibility layer)",
        "citations": out.citations,
        "bibliography": out.bibliography,
    }


def _style_titles(style_id: str) -> tuple[str, str]:
    """A style's ``<title>`` and ``<title-short>`` (read once per process)."""
    return _titles_cached(style_id)


def _titles_cached(style_id: str) -> tuple[str, str]:
    from .engine.styles import package_styles_dir

    cache = _TITLES
    if style_id not in cache:
        folder = package_styles_dir()
        title = short = ""
        for path in (folder / f"{style_id}.csl", folder / "dependent" / f"{style_id}.csl"):
            if path.is_file():
                with path.open(encoding="utf-8", errors="replace") as fh:
                    head = fh.read(3000)
                m = re.search(r"<title>(.*?)</title>", head, re.S)
                s = re.search(r"<title-short>(.*?)</title-short>", head, re.S)
                title = html_lib.unescape(m.group(1).strip()) if m else style_id
                short = html_lib.unescape(s.group(1).strip()) if s else ""
                break
        cache[style_id] = (title, short)
    return cache[style_id]


_TITLES: dict[str, tuple[str, str]] = {}
_MINOR = frozenset({"of", "the", "and", "for", "de", "des", "la", "le", "für", "&"})


def _acronym(title: str) -> str:
    words = re.findall(r"[^\W\d_]+", re.sub(r"\(.*?\)", " ", title))
    return "".join(w[0] for w in words if w.lower() not in _MINOR).lower()


def find_styles(query: str) -> list[tuple[str, str, list[str]]]:
    """Styles matching every word of ``query``: (id, title, citekit aliases), best first.

    A word matches the start of a word of the id, the title, the short title
    (``<title-short>``, "MLA") or an alias, or the title's acronym ("mla" for "Modern
    Language Association"). An alias or short title equal to the whole query comes first.
    """
    from .engine.styles import aliases, all_style_ids

    words = [w for w in re.split(r"[\s_/,-]+", query.lower()) if w]
    by_target: dict[str, list[str]] = {}
    for alias, target in aliases().items():
        by_target.setdefault(target, []).append(alias)
    whole = query.strip().lower()
    ranked = []
    from .engine.styles import package_styles_dir

    independent = {p.stem for p in package_styles_dir().glob("*.csl")}
    for sid in all_style_ids():
        # Titles are read for the ~2,800 independent styles only: the ~8,000 dependent ones
        # (journals) are found by id, which is their title in lower case.
        title, short = _style_titles(sid) if sid in independent else (sid, "")
        names = by_target.get(sid, [])
        text = " ".join([sid, title, short, *names]).lower()
        tokens = [t for t in re.split(r"[^\w]+", text) if t]
        acronyms = {_acronym(title), short.lower()}

        def hit(w: str, tokens: list[str] = tokens, acronyms: set[str] = acronyms) -> bool:
            return w in acronyms or any(t.startswith(w) for t in tokens)

        if not all(hit(w) for w in words):
            continue
        exact = bool({whole, "-".join(words)} & {*names, short.lower(), _acronym(title)})
        in_id = all(w in sid for w in words)
        ranked.append(((0 if exact else 1 if in_id else 2, len(sid), sid), (sid, title, names)))
    return [r for _, r in sorted(ranked)]


def archive_abbreviations(items: Sequence[Item]) -> list[tuple[str, str]]:
    """The archive abbreviations the items' shelfmarks use: (abbreviation, "Name, City").

    Only those citekit's registry resolves (``citekit/data/archives.json``), sorted, each once:
    the list of abbreviations Chicago asks for when notes use them (CMOS 14.58).
    """
    from .archives import match_archive

    found: dict[str, str] = {}
    for it in items:
        m = match_archive(it.archive_location, context=it.original_language or "")
        if m.status == "known" and m.abbreviation and m.archive:
            found.setdefault(m.abbreviation, f"{m.archive.name}, {m.archive.city}")
    return sorted(found.items(), key=lambda kv: kv[0].lower())


def expand_first_use(texts: Sequence[str], abbreviations: Sequence[tuple[str, str]]) -> list[str]:
    """Give each abbreviation's full name where it is first used, in reading order.

    "PRC FMA 118-01154-07" becomes "Archive of the Ministry of Foreign Affairs of the
    People's Republic of China, Beijing (hereafter PRC FMA) 118-01154-07" in the first text
    that uses it; later texts keep the abbreviation.
    """
    pending = dict(abbreviations)
    out = []
    for text in texts:
        for abbr in list(pending):
            pattern = re.compile(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])")
            if pattern.search(text):  # the first text that uses it
                name = pending.pop(abbr).replace("'", "’")  # as the engine prints it
                full = f"{name} (hereafter {abbr})"
                m = pattern.search(text)
                if m:
                    text = text[: m.start()] + full + text[m.end() :]
        out.append(text)
    return out


def abbreviations_block(abbreviations: Sequence[tuple[str, str]], fmt: str) -> str:
    """The list of abbreviations as a section in ``fmt`` (text, markdown or html)."""
    if fmt == "html":
        rows = "".join(
            f"<dt>{html_lib.escape(a)}</dt><dd>{html_lib.escape(n)}</dd>\n"
            for a, n in abbreviations
        )
        return f"<h2>Abbreviations</h2>\n<dl>\n{rows}</dl>\n"
    width = max((len(a) for a, _ in abbreviations), default=0)
    if fmt == "markdown":
        return "## Abbreviations\n\n" + "\n".join(f"{a}\n:   {n}\n" for a, n in abbreviations)
    return "Abbreviations\n\n" + "".join(f"{a:<{width}}  {n}\n" for a, n in abbreviations)


#: How to list the keys, for every error about an unknown key.
KEYS_HINT = "`citekit keys PATH` lists the keys"


def key_rows(items: Sequence[Item]) -> list[dict[str, str]]:
    """One row per item for ``citekit keys``: key, short title, date and file."""
    rows = []
    for it in items:
        title = it.title_short or it.title or ""
        if len(title) > 60:
            title = title[:59].rstrip() + "…"
        rows.append(
            {
                "key": it.key,
                "title": title,
                "date": it.issued.iso if it.issued else "",
                "file": it.source.path if it.source else "",
            }
        )
    return rows


def pin_keys(items: Sequence[Item], folders: Sequence[str]) -> list[str]:
    """Write each folder's ``citekit.keys``, pinning the keys of the items read from it.

    Pins already in the file are kept. Returns the files written.
    """
    from pathlib import Path

    from .keys import KEYS_FILE, format_pins, read_pins
    from .textio import write_atomic

    written = []
    for folder in folders:
        root = Path(folder).resolve()
        mine = [it for it in items if it.source and root in Path(it.source.path).resolve().parents]
        target = str(Path(folder) / KEYS_FILE)
        write_atomic(target, format_pins(mine, read_pins(folder)))
        written.append(target)
    return written


def export_items(items: Sequence[Item], fmt: str, *, ascii_only: bool = False) -> str:
    """Write items as ``csl-json``, ``bibtex``, ``biblatex`` or ``ris`` text."""
    text, _ = _export_items(items, fmt, ExportOptions(ascii=ascii_only))
    return text


def export_with_notes(
    items: Sequence[Item], fmt: str, *, ascii_only: bool = False
) -> tuple[str, list[Diagnostic]]:
    """Like :func:`export_items`, also saying which fields went to a note (nothing is dropped)."""
    return _export_items(items, fmt, ExportOptions(ascii=ascii_only))


def csl_rows(item: Item) -> list[tuple[str, str]]:
    """The item's other CSL variables (container-title, number, publisher, ...) as text rows."""
    from .model import join_names, names_from_csl
    from .names import ordered

    rows = []
    for key, value in item.csl.items():
        if isinstance(value, list):
            rows.append((key, join_names([ordered(n) for n in names_from_csl(value)])))
        elif isinstance(value, dict):
            rows.append((key, json.dumps(value, ensure_ascii=False)))
        else:
            rows.append((key, str(value)))
    if item.accessed:
        rows.append(("accessed", item.accessed.iso))
    return rows


def provenance_note(item: Item, *, fmt: str = "text", template: str | None = None) -> str:
    """Render an item's provenance note (``text``, ``markdown``, ``html`` or ``json``)."""
    return render_provenance(item, fmt=fmt, template=template)


__all__ = [
    "KEYS_HINT",
    "CitekitError",
    "abbreviations_block",
    "archive_abbreviations",
    "bibliography",
    "cite_forms",
    "csl_rows",
    "expand_first_use",
    "export_items",
    "export_with_notes",
    "find_styles",
    "key_rows",
    "notes",
    "pin_keys",
    "process",
    "provenance_note",
    "read",
]
