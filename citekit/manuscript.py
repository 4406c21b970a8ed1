"""Rendering a Markdown manuscript that cites with pandoc's syntax.

``[@key]``, ``[@key, p. 12]``, ``[see @a, pp. 3-4; @b, fol. 7]``, ``@key [p. 3]`` and
``[-@key]`` are found outside code; everything else passes through unchanged. In a note
style each citation becomes a footnote, numbered together with the author's own footnotes
(which are renumbered in order), and the engine is told each citation's note number, so
"Ibid." and short notes follow the author's intervening notes as the style requires. A
citation inside one of the author's footnotes is rendered in place, in that note. In an
in-text style citations are rendered where they stand. A bibliography of the cited items
follows, under a heading that can be changed or left out.
"""

from __future__ import annotations

import bisect
import difflib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import RenderError
from .model import Item

# pandoc's citation keys: a letter, digit or _ first; inner punctuation allowed.
_KEY = r"[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?"
_BRACKET = re.compile(r"\[(?P<body>[^\[\]]*?-?@" + _KEY + r"[^\[\]]*?)\](?!\()")
_INTEXT = re.compile(r"(?<![\w@\\])@(?P<key>" + _KEY + r")(?:\s\[(?P<loc>[^\[\]]*)\])?")
_FOOTREF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
_FOOTDEF = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:[ \t]?", re.M)
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.M | re.S)

# pandoc's locator terms -> CSL locator labels.
LOCATOR_TERMS = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "fol": "folio",
    "fols": "folio",
    "folio": "folio",
    "folios": "folio",
    "f": "folio",
    "ff": "folio",
    "ch": "chapter",
    "chap": "chapter",
    "chaps": "chapter",
    "chapter": "chapter",
    "sec": "section",
    "secs": "section",
    "section": "section",
    "§": "section",
    "§§": "section",
    "para": "paragraph",
    "paras": "paragraph",
    "¶": "paragraph",
    "¶¶": "paragraph",
    "l": "line",
    "ll": "line",
    "line": "line",
    "lines": "line",
    "n": "note",
    "nn": "note",
    "note": "note",
    "vol": "volume",
    "vols": "volume",
    "volume": "volume",
    "col": "column",
    "cols": "column",
    "fig": "figure",
    "figs": "figure",
    "figure": "figure",
    "no": "issue",
    "nos": "issue",
    "bk": "book",
    "bks": "book",
    "book": "book",
    "pt": "part",
    "pts": "part",
    "part": "part",
    "v": "verse",
    "vv": "verse",
    "op": "opus",
    "sv": "sub verbo",
    "art": "article",
    "arts": "article",
    "ver": "version",
    "app": "appendix",
}
_LOCATOR = re.compile(
    r"^(?P<term>(?:"
    + "|".join(sorted(map(re.escape, LOCATOR_TERMS), key=len, reverse=True))
    + r")\.?)?\s*(?P<value>[\divxlcIVXLC]+[a-z]?(?:\s*(?:[-–,&]|and)\s*[\divxlcIVXLC]+[a-z]?)*)"
    r"(?P<rest>.*)$",
    re.S,
)


@dataclass
class CiteRef:
    """One cited item inside a citation, as the manuscript wrote it."""

    key: str
    prefix: str = ""
    suffix: str = ""
    locator: str | None = None
    label: str | None = None
    suppress_author: bool = False


@dataclass
class Citation:
    """One citation in the manuscript: where it stands and what it cites."""

    start: int
    end: int
    line: int
    cites: list[CiteRef]
    in_text: bool = False
    in_footnote: str | None = None  # label of the author's footnote it stands in
    note: int = 0
    rendered: str = ""
    author_text: str = ""


@dataclass
class Manuscript:
    """The parsed manuscript."""

    text: str
    citations: list[Citation] = field(default_factory=list)


class _Lines:
    """Line numbers of positions in one text, found by binary search.

    A book has tens of thousands of citations: counting the newlines before each is quadratic.
    """

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def at(self, pos: int) -> int:
        return bisect.bisect_left(self.breaks, pos) + 1


def parse_locator(text: str) -> tuple[str | None, str | None, str]:
    """Split ", p. 12, emphasis added" into (locator, label, suffix)."""
    t = text.strip().lstrip(",").strip()
    m = _LOCATOR.match(t)
    if not m or (not m["term"] and not re.match(r"^\d", t)):
        return None, None, t
    term = (m["term"] or "p").rstrip(".").lower()
    label = LOCATOR_TERMS.get(term, "page")
    return m["value"].strip(), label, m["rest"].strip().lstrip(",").strip()


def _parse_bracket(body: str) -> list[CiteRef] | None:
    refs = []
    for part in body.split(";"):
        m = re.search(r"(?P<minus>-?)@(?P<key>" + _KEY + r")", part)
        if not m:
            return None
        prefix = part[: m.start()].strip()
        locator, label, suffix = parse_locator(part[m.end() :])
        refs.append(CiteRef(m["key"], prefix, suffix, locator, label, bool(m["minus"])))
    return refs


def _masked(text: str) -> str:
    """The text with code spans and blocks blanked, so nothing in them is taken for a cite."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


_LINE = re.compile(r"[^\n]*\n?")


def _footnote_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each of the author's footnote definitions stands: (start, end, label)."""
    spans = []
    for m in _FOOTDEF.finditer(text):
        end = m.end()
        for line in _LINE.finditer(text, m.end()):  # from there, without copying the rest
            chunk = line.group(0)
            if not chunk:
                break
            rel = line.start()
            if rel > m.end() and not chunk.startswith(("    ", "\t")) and chunk.strip():
                break
            if rel > m.end() and not chunk.strip():
                nxt = text[rel + len(chunk) : rel + len(chunk) + 4]
                if not nxt.startswith(("    ", "\t")):
                    end = rel
                    break
            end = rel + len(chunk)
        spans.append((m.start(), end, m["label"]))
    return spans


def parse(text: str) -> Manuscript:
    """Find every citation outside code."""
    masked = _masked(text)
    out = Manuscript(text)
    lines = _Lines(text)
    taken: list[tuple[int, int]] = []  # in order, not overlapping: found by finditer
    for m in _BRACKET.finditer(masked):
        refs = _parse_bracket(m["body"])
        if refs:
            out.citations.append(Citation(m.start(), m.end(), lines.at(m.start()), refs))
            taken.append((m.start(), m.end()))
    starts = [a for a, _ in taken]
    for m in _INTEXT.finditer(masked):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and taken[k][0] <= m.start() < taken[k][1]:
            continue
        if m.start() > 0 and masked[m.start() - 1] == "[":
            continue
        locator, label, suffix = parse_locator(m["loc"] or "")
        ref = CiteRef(m["key"], "", suffix, locator, label)
        out.citations.append(Citation(m.start(), m.end(), lines.at(m.start()), [ref], True))
    out.citations.sort(key=lambda c: c.start)
    spans = _footnote_spans(masked)  # in order, not overlapping
    span_starts = [a for a, _, _ in spans]
    for c in out.citations:
        k = bisect.bisect_right(span_starts, c.start) - 1
        if k >= 0 and spans[k][0] <= c.start < spans[k][1]:
            c.in_footnote = spans[k][2]
    return out


def _check_keys(ms: Manuscript, items: Mapping[str, Item], source: str) -> None:
    for c in ms.citations:
        for ref in c.cites:
            if ref.key not in items:
                close = difflib.get_close_matches(ref.key, list(items), n=3, cutoff=0.5)
                hint = (
                    ("did you mean " + ", ".join(close) + "?")
                    if close
                    else ("no item has this key; `citekit export --to csl-json` lists the keys")
                )
                raise RenderError(
                    f"unknown citation key {ref.key!r}", source=source, line=c.line, hint=hint
                )


def _number(ms: Manuscript, text: str, note_style: bool) -> dict[str, int]:
    """Number the notes in reading order; return the author's footnote labels' numbers.

    In a note style the author's footnote references and every citation outside a footnote
    take the next number; a citation inside a footnote takes that footnote's number.
    """
    masked = _masked(text)
    definitions = {s for s, _, _ in _footnote_spans(masked)}
    footrefs = [m for m in _FOOTREF.finditer(masked) if m.start() not in definitions]
    # Number notes in reading order: the author's footnote references and, in a note style,
    # every citation outside a footnote.
    events: list[tuple[int, str, Any]] = [(m.start(), "ref", m["label"]) for m in footrefs]
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
            # Every citation outside the author's notes is a note of its own.
            n += 1
            obj.note = n
    for i, c in enumerate(ms.citations, start=1):
        if not note_style:
            c.note = i  # in-text styles: the numbers only keep the citations in order
        elif c.in_footnote:
            c.note = labels.get(c.in_footnote, n + 1)
    return labels


def render_manuscript(
    text: str,
    items: Sequence[Item],
    *,
    style: str | None = None,
    fmt: str = "markdown",
    source: str = "<manuscript>",
    bibliography_heading: str | None = "References",
) -> str:
    """Render a manuscript's citations, footnotes and bibliography.

    Raises:
        RenderError: a citation names a key no item has (with its line and near keys).
    """
    from .api import html_to_markdown
    from .engine import pipeline as csl

    by_key: dict[str, Item] = {}
    for it in items:
        by_key.setdefault(it.key, it)
        by_key.setdefault(it.id, it)
    ms = parse(text)
    _check_keys(ms, by_key, source)
    note_style = csl.is_note_style(style)
    labels = _number(ms, text, note_style)
    render_fmt = "text" if fmt == "text" else "html"
    # The cited items in order of first citation, each once (by identity: a dict, as a list
    # searched with `in` compares whole items and is quadratic).
    first_cited: dict[int, Item] = {}
    for c in ms.citations:
        for ref in c.cites:
            first_cited.setdefault(id(by_key[ref.key]), by_key[ref.key])
    used = list(first_cited.values())
    ids = {id(it): f"m{i}" for i, it in enumerate(used)}
    data = []
    for i, it in enumerate(used):
        d = it.to_csl_json(with_facts=False)
        d["id"] = f"m{i}"
        data.append(d)
    order = sorted(ms.citations, key=lambda c: (c.note, c.start))
    clusters = []
    for c in order:
        cites = tuple(
            csl.Cite(
                ids[id(by_key[r.key])],
                r.locator,
                r.label,
                r.prefix or None,
                r.suffix or None,
                suppress_author=r.suppress_author or (c.in_text and not note_style),
            )
            for r in c.cites
        )
        clusters.append(csl.Cluster(cites, c.note))
    author_only = [
        csl.Cluster((csl.Cite(ids[id(by_key[c.cites[0].key])], author_only=True),), c.note)
        for c in order
        if c.in_text
    ]
    out = csl.render(data, style=style, fmt=render_fmt, clusters=clusters + author_only)
    for c, rendered in zip(order, out.citations, strict=False):
        c.rendered = html_to_markdown(rendered) if fmt == "markdown" else rendered
    for c, rendered in zip(
        [c for c in order if c.in_text], out.citations[len(clusters) :], strict=False
    ):
        c.author_text = html_to_markdown(rendered) if fmt == "markdown" else rendered
    return _assemble(ms, out.bibliography, labels, note_style, fmt, bibliography_heading)


def reference_job(text: str, items: Sequence[Item], *, style: str) -> dict[str, Any]:
    """The job (the reference engine's format) that a manuscript's citations make.

    Used to compare a rendered manuscript with citeproc-js: the same items, the same
    citations in note order, with the same note numbers.
    """
    from .engine import pipeline as csl

    by_key = {it.key: it for it in items}
    ms = parse(text)
    note_style = csl.is_note_style(style)
    used = list(dict.fromkeys(r.key for c in ms.citations for r in c.cites))
    _number(ms, text, note_style)
    citations = []
    for c in sorted(ms.citations, key=lambda c: (c.note, c.start)):
        cites = []
        for r in c.cites:
            cite: dict[str, Any] = {"id": r.key}
            if r.locator:
                cite.update(locator=r.locator, label=r.label or "page")
            if r.prefix:
                cite["prefix"] = r.prefix + " "
            if r.suffix:
                cite["suffix"] = " " + r.suffix
            if r.suppress_author:
                cite["suppress-author"] = True
            cites.append(cite)
        citations.append({"items": cites, "noteIndex": c.note})
    data = []
    for key in used:
        d = by_key[key].to_csl_json(with_facts=False)
        d["id"] = key
        data.append(d)
    return {
        "style": style,
        "format": "text",
        "items": data,
        "citations": citations,
        "bibliography": True,
    }


def _marker(n: int, fmt: str) -> str:
    if fmt == "html":
        return f'<sup class="footnote-ref"><a href="#fn{n}" id="fnref{n}">{n}</a></sup>'
    if fmt == "text":
        return f"[{n}]"
    return f"[^{n}]"


def _assemble(
    ms: Manuscript,
    bibliography: list[str],
    labels: dict[str, int],
    note_style: bool,
    fmt: str,
    heading: str | None,
) -> str:
    from .api import html_to_markdown

    text = ms.text
    pieces: list[str] = []
    last = 0
    notes: dict[int, str] = {}
    for c in ms.citations:
        pieces.append(text[last : c.start])
        last = c.end
        if text[c.end : c.end + 1] in (".", ",", ";", ":") and (c.in_footnote or not note_style):
            # the sentence's own punctuation follows: do not double it ("...118188..")
            c.rendered = re.sub(r"\.(</[a-z]+>)?$", r"\1", c.rendered)
        if note_style and not c.in_footnote:
            body = c.rendered
            lead = (c.author_text + " ") if c.in_text else ""
            pieces.append(lead + _marker(c.note, fmt))
            notes[c.note] = body
        elif c.in_text:
            pieces.append(f"{c.author_text} {c.rendered}".strip())
        else:
            pieces.append(c.rendered)
    pieces.append(text[last:])
    body = "".join(pieces)

    # The author's footnotes: renumber references and definitions in reading order.
    def relabel_ref(m: re.Match[str]) -> str:
        n = labels.get(m["label"])
        return _marker(n, fmt) if n else m.group(0)

    author_notes: dict[int, str] = {}
    for m in reversed(list(_FOOTDEF.finditer(body))):
        n_def = labels.get(m["label"])
        if n_def is None:
            continue
        end = body.find("\n\n", m.end())
        end = len(body) if end < 0 else end
        author_notes[n_def] = body[m.end() : end].strip()
        body = body[: m.start()] + body[end:].lstrip("\n")
    body = _FOOTREF.sub(relabel_ref, body).rstrip() + "\n"
    notes.update(author_notes)
    out = [body]
    if notes:
        out.append(_notes_block(notes, fmt))
    if bibliography and heading is not None:
        entries = [html_to_markdown(e) if fmt == "markdown" else e for e in bibliography]
        out.append(_bibliography_block(entries, fmt, heading))
    return "\n".join(out)


def _notes_block(notes: dict[int, str], fmt: str) -> str:
    if fmt == "html":
        items = "\n".join(
            f'<li id="fn{n}">{t} <a href="#fnref{n}">↩</a></li>' for n, t in sorted(notes.items())
        )
        return f'<section class="footnotes">\n<ol>\n{items}\n</ol>\n</section>\n'
    if fmt == "text":
        return "\n".join(f"[{n}] {t}" for n, t in sorted(notes.items())) + "\n"
    return "\n".join(f"[^{n}]: {t}" for n, t in sorted(notes.items())) + "\n"


def _bibliography_block(entries: list[str], fmt: str, heading: str) -> str:
    if fmt == "html":
        h = f"<h2>{html.escape(heading)}</h2>\n" if heading else ""
        return f'{h}<div class="csl-bib-body">\n' + "\n".join(entries) + "\n</div>\n"
    h = (f"## {heading}\n\n" if fmt == "markdown" else f"{heading}\n\n") if heading else ""
    return h + "\n\n".join(entries) + "\n"
