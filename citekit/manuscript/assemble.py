"""Putting a rendered manuscript together: notes, marks, the author's notes, bibliography.

pandoc's placement rules live here (see :mod:`citekit.manuscript`); the HTML output is the
Markdown output run through markdown-it-py with its footnote plugin, as a whole document.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from .syntax import FOOTDEF, FOOTREF, Citation, Manuscript, footnote_spans, masked

#: The punctuation after a citation that a note moves before its mark (matched in place:
#: a copy of the rest of the text for each of 10,000 notes was quadratic).
_PUNCT = re.compile(r"[.,;:!?]+")
_LEAD = re.compile(r"^([*_“‘\"'(\[]*)(\w)")
_META_KEYS = ("bibliography", "csl", "citation-style", "nocite", "link-citations")


def capitalise(text: str) -> str:
    """Capitalise the first letter, past opening quotes and emphasis ("see" -> "See")."""
    return _LEAD.sub(lambda m: m[1] + m[2].upper(), text, count=1)


def drop_final_period(text: str) -> str:
    """The citation without its own closing full stop (the sentence has one)."""
    text = text.rstrip()
    return text[:-1] if text.endswith(".") else text


def _marker(n: int, fmt: str) -> str:
    return f"[{n}]" if fmt == "text" else f"[^{n}]"


def _link(text: str, key: str, on: bool, fmt: str) -> str:
    if not on or fmt == "text":
        return text
    if text.startswith("(") and text.endswith(")"):  # pandoc links inside the parentheses
        return f"({_link(text[1:-1], key, on, fmt)})"
    end = "." if text.endswith(".") else ""
    return f"[{text[: len(text) - len(end)]}](#ref-{key}){end}"


def _front_matter(text: str, end: int) -> str:
    """The metadata block without the keys citekit has used up (none left: no block)."""
    if not end:
        return ""
    lines = text[:end].rstrip("\n").split("\n")[1:-1]
    kept, skipping = [], False
    for line in lines:
        if line and not line[0].isspace():
            skipping = line.split(":", 1)[0].strip() in _META_KEYS
        if not skipping:
            kept.append(line)
    if not any(line.strip() for line in kept):
        return ""
    return "---\n" + "\n".join(kept) + "\n---\n\n"


def assemble(
    ms: Manuscript,
    order: Sequence[Citation],
    texts: Sequence[str],
    authors: Sequence[str],
    bibliography: Sequence[tuple[str, str]],
    labels: dict[str, int],
    *,
    note_style: bool,
    fmt: str,
    heading: str | None,
    link: bool,
    title: str | None,
    abbreviations: str | None = None,
) -> str:
    """The rendered manuscript in ``fmt`` (``markdown``, ``html`` or ``text``)."""
    from ..api import html_to_markdown

    conv = (lambda s: s) if fmt == "text" else html_to_markdown
    rendered = {id(c): conv(t) for c, t in zip(order, texts, strict=True)}
    names = iter(authors)
    author_of: dict[int, str] = {}
    for c in order:
        if c.in_text and not (note_style and c.in_footnote):
            author_of[id(c)] = conv(next(names))
    text = ms.text
    pieces: list[str] = []
    notes: dict[int, str] = {}
    last = ms.body_start
    for c in ms.citations:
        before = text[last : c.start]
        body = rendered[id(c)]
        key = c.cites[0].key
        single = len(c.cites) == 1
        if note_style and not c.in_footnote:
            after = _PUNCT.match(text, c.end)
            punct = after.group(0) if after else ""
            if not c.in_text:  # pandoc drops the space (or line break) before the note
                trimmed = before.rstrip(" \t")
                if trimmed.endswith("\n") and not trimmed.endswith("\n\n"):
                    trimmed = trimmed[:-1].rstrip(" \t")
                before = trimmed
            notes[c.note] = _link(capitalise(body), key, link and single, fmt)
            lead = author_of.get(id(c), "")
            pieces += [before, lead, punct, _marker(c.note, fmt)]
            last = c.end + len(punct)
            continue
        if note_style:  # inside the author's note: in place, no closing full stop
            inner = _link(drop_final_period(body), key, link and single, fmt)
            piece = inner if c.in_text else f"({inner})"
        elif c.in_text:
            piece = f"{author_of[id(c)]} {_link(body, key, link and single, fmt)}"
        else:
            piece = _link(body, key, link and single, fmt)
        pieces += [before, piece]
        last = c.end
    pieces.append(text[last:])
    body_text = "".join(pieces)

    # The author's notes: out of the text, renumbered with the citation notes.
    author_notes: dict[int, str] = {}
    spans = footnote_spans(masked(body_text))
    kept: list[str] = []  # the text between the notes taken out, joined once (not per note)
    last = 0
    for start, end, label in spans:
        n = labels.get(label)
        m = FOOTDEF.match(body_text, start)
        if n is None or m is None:
            continue
        author_notes.setdefault(n, body_text[m.end() : end].rstrip())  # the first, as before
        kept.append(body_text[last:start])
        last = end
    kept.append(body_text[last:])
    body_text = "".join(kept)
    body_text = FOOTREF.sub(
        lambda m: _marker(labels[m["label"]], fmt) if m["label"] in labels else m.group(0),
        body_text,
    )
    body_text = re.sub(r"\n{3,}", "\n\n", body_text).strip("\n") + "\n"
    notes.update(author_notes)
    front = _front_matter(ms.text, ms.body_start) if fmt != "text" else ""
    out = [front + body_text]
    if abbreviations:
        out.append(abbreviations)
    if bibliography and heading is not None:
        out.append(_bibliography(bibliography, fmt, heading, link))
    if notes:
        out.append(_notes(notes, fmt))
    markdown = "\n".join(out)
    if fmt == "html":
        return to_html(markdown, title)
    return markdown


def _bibliography(entries: Sequence[tuple[str, str]], fmt: str, heading: str, link: bool) -> str:
    from ..api import html_to_markdown

    if fmt == "text":
        h = f"{heading}\n\n" if heading else ""
        return h + "\n\n".join(e for _, e in entries) + "\n"
    h = f"## {heading}\n\n" if heading else ""
    if link and fmt == "markdown":
        blocks = [f"::: {{#ref-{k} .csl-entry}}\n{html_to_markdown(e)}\n:::" for k, e in entries]
    elif fmt == "html":  # raw HTML blocks: markdown-it passes them through
        body = "\n".join(
            re.sub(
                r'^<div class="csl-entry"', f'<div class="csl-entry" id="ref-{html.escape(k)}"', e
            )
            for k, e in entries
        )
        return f'{h}<div class="references csl-bib-body">\n{body}\n</div>\n'
    else:
        blocks = [html_to_markdown(e) for _, e in entries]
    return h + "\n\n".join(blocks) + "\n"


def _notes(notes: dict[int, str], fmt: str) -> str:
    if fmt == "text":
        return "\n".join(f"[{n}] {t}" for n, t in sorted(notes.items())) + "\n"
    return "\n\n".join(f"[^{n}]: {t}" for n, t in sorted(notes.items())) + "\n"


def to_html(markdown: str, title: str | None) -> str:
    """A whole HTML document from the rendered Markdown (footnotes included)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.use(front_matter_plugin).use(footnote_plugin).use(deflist_plugin).enable("table")
    body = str(md.render(markdown))
    head = f"<title>{html.escape(title)}</title>\n" if title else ""
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        + head
        + "</head>\n<body>\n"
        + (f"<h1>{html.escape(title)}</h1>\n" if title else "")
        + body
        + "</body>\n</html>\n"
    )
