"""Finding pandoc's citation syntax in a Markdown manuscript.

``[@key]``, ``[@key, p. 12]``, ``[see @a, pp. 3-4; @b, fol. 7, emphasis added]``,
``@key [p. 3]`` (author in the text) and ``[-@key]`` (author suppressed) are found outside
code; the YAML metadata block and the author's own footnotes are located too. Locator
terms are the locale's, as pandoc reads them: every form (long, short, symbol) of every
CSL locator term, singular and plural, so "p.", "pp.", "fol.", "chap.", "sec.", "l.", "§".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

# pandoc's citation keys: a letter, digit or _ first; inner punctuation allowed.
KEY = r"[A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?"
_BRACKET = re.compile(r"\[(?P<body>[^\[\]\^][^\[\]]*?|)(?<=[^\[\]])\](?!\()")
_INTEXT = re.compile(r"(?<![\w@\\\[-])@(?P<key>" + KEY + r")(?:[ \t]\[(?P<loc>[^\[\]]*)\])?")
FOOTREF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
FOOTDEF = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:[ \t]?", re.M)
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.M | re.S)
_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

#: The CSL locator terms (CSL 1.0.2), each a label a citation can carry.
LOCATOR_NAMES = (
    "appendix",
    "article-locator",
    "book",
    "canon",
    "chapter",
    "column",
    "elocation",
    "equation",
    "figure",
    "folio",
    "issue",
    "line",
    "note",
    "opus",
    "page",
    "paragraph",
    "part",
    "rule",
    "scene",
    "section",
    "sub verbo",
    "supplement",
    "table",
    "timestamp",
    "title-locator",
    "verse",
    "volume",
)


@cache
def locator_terms(lang: str = "en-US") -> dict[str, str]:
    """Every written form of a locator term in the locale -> its CSL label.

    "p." and "pp." -> "page", "chap." -> "chapter", "§" -> "section": the forms pandoc
    recognises, lower-cased, with and without a final full stop.
    """
    from lxml import etree

    from ..engine.styles import locale_file

    path = locale_file(lang)
    ns = {"c": "http://purl.org/net/xbiblio/csl"}
    terms: dict[str, str] = {}
    for term in etree.parse(str(path)).getroot().iterfind(".//c:terms/c:term", ns):
        name = term.get("name")
        if name not in LOCATOR_NAMES:
            continue
        forms = [term.text or ""] + [t.text or "" for t in term]
        for form in forms:
            form = form.strip().lower()
            if form:
                terms.setdefault(form, name)
                terms.setdefault(form.rstrip("."), name)
    terms.pop("", None)
    return terms


@cache
def _locator_re(lang: str) -> re.Pattern[str]:
    forms = sorted(locator_terms(lang), key=len, reverse=True)
    value = r"[\divxlcdmIVXLCDM]+[a-z]?"
    return re.compile(
        r"^(?P<term>(?:" + "|".join(map(re.escape, forms)) + r")\.?)?\s*"
        r"(?P<value>\{[^{}]*\}|" + value + r"(?:\s*(?:[-–—]|,\s*(?=\d)|&|and\s)\s*" + value + r")*)"
        r"(?=$|[\s,;.)])(?P<rest>.*)$",
        re.S | re.I,
    )


@dataclass
class CiteRef:
    """One cited item inside a citation, as the manuscript wrote it."""

    key: str
    prefix: str = ""
    suffix: str = ""
    locator: str | None = None
    label: str | None = None
    mode: str = "normal"  # "normal", "suppress-author" ([-@key]) or "in-text" (@key)


@dataclass
class Citation:
    """One citation in the manuscript: where it stands and what it cites."""

    start: int
    end: int
    line: int
    cites: list[CiteRef]
    in_footnote: str | None = None  # label of the author's footnote it stands in
    note: int = 0

    @property
    def in_text(self) -> bool:
        """Whether this is ``@key`` or ``@key [p. 3]``: the author stands in the sentence."""
        return self.cites[0].mode == "in-text"


@dataclass
class Manuscript:
    """The parsed manuscript: its text, metadata and citations."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0  # where the text after the metadata block begins
    citations: list[Citation] = field(default_factory=list)


class Lines:
    """Line numbers of positions in one text, by binary search over its line breaks.

    A book has tens of thousands of citations: counting the newlines before each one is
    quadratic.
    """

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def at(self, pos: int) -> int:
        """The 1-based line number of position ``pos``."""
        return bisect.bisect_left(self.breaks, pos) + 1


def enclosing(spans: Sequence[tuple[Any, ...]], pos: int) -> int | None:
    """The index of the span that holds ``pos`` (spans in order, not overlapping), or None.

    Found by binary search: a scan of every span for every citation is quadratic.
    """
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k if k >= 0 and spans[k][0] <= pos < spans[k][1] else None


def parse_locator(text: str, lang: str = "en-US") -> tuple[str | None, str | None, str]:
    """Split ", p. 12, emphasis added" into ("12", "page", ", emphasis added") as pandoc does.

    A bare number is a page. What follows the locator is the suffix, kept as written.
    """
    t = text.strip()
    t = t[1:].lstrip() if t.startswith(",") else t
    m = _locator_re(lang).match(t)
    if not m or (not m["term"] and not re.match(r"^[\d{]", t)):
        return None, None, text.strip()
    term = (m["term"] or "p").lower()
    terms = locator_terms(lang)
    label = terms.get(term) or terms.get(term.rstrip(".")) or "page"
    value = m["value"].strip()
    if value.startswith("{"):
        value = value[1:-1]
    return value, label, m["rest"].rstrip()


def _parse_bracket(body: str, lang: str) -> list[CiteRef] | None:
    refs = []
    for part in body.split(";"):
        m = re.search(r"(?:^|(?<=[\s(]))(?P<minus>-?)@(?P<key>" + KEY + r")", part)
        if not m:
            return None
        prefix = " ".join(part[: m.start()].split())
        locator, label, suffix = parse_locator(" ".join(part[m.end() :].split()), lang)
        mode = "suppress-author" if m["minus"] else "normal"
        refs.append(CiteRef(m["key"], prefix, suffix, locator, label, mode))
    return refs


def masked(text: str) -> str:
    """The text with code and the metadata block blanked, so nothing there is taken for a cite."""
    out = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    front = _FRONT.match(out)
    if front:
        out = re.sub(r"[^\n]", " ", out[: front.end()]) + out[front.end() :]
    return out


def footnote_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each of the author's footnote definitions stands: (start, end, label).

    A definition runs on over indented lines and over blank lines followed by indented ones.
    """
    spans = []
    for m in FOOTDEF.finditer(text):
        end = m.end()
        pos = m.end()
        while pos < len(text):
            nl = text.find("\n", pos)
            line_end = len(text) if nl < 0 else nl + 1
            line = text[pos:line_end]
            if pos > m.end() and line.strip() and not line.startswith(("    ", "\t")):
                break
            if not line.strip():
                stop = text.find("\n", line_end)  # the next line, without copying the rest
                following = text[line_end : len(text) if stop < 0 else stop]
                if not following.startswith(("    ", "\t")):
                    break
            end = line_end
            pos = line_end
        spans.append((m.start(), end, m["label"]))
    return spans


def metadata(text: str) -> tuple[dict[str, Any], int]:
    """The YAML metadata block at the top of ``text`` (``{}`` if none) and where it ends.

    Raises:
        ValueError: the block is not valid YAML (the message names the line).
    """
    m = _FRONT.match(text)
    if not m:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(m["yaml"])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ValueError(f"the YAML metadata block is not valid YAML{where}") from None
    return (data if isinstance(data, dict) else {}), m.end()


def parse(text: str, lang: str = "en-US") -> Manuscript:
    """Find the metadata block and every citation outside code and metadata."""
    meta, body_start = metadata(text)
    hidden = masked(text)
    out = Manuscript(text, meta, body_start)
    lines = Lines(text)
    taken: list[tuple[int, int]] = []  # in order, not overlapping: found by finditer
    for m in _BRACKET.finditer(hidden):
        if "@" not in m["body"]:
            continue
        refs = _parse_bracket(m["body"], lang)
        if refs:
            out.citations.append(Citation(m.start(), m.end(), lines.at(m.start()), refs))
            taken.append((m.start(), m.end()))
    for m in _INTEXT.finditer(hidden):
        if enclosing(taken, m.start()) is not None:
            continue
        locator, label, suffix = parse_locator(" ".join((m["loc"] or "").split()), lang)
        ref = CiteRef(m["key"], "", suffix, locator, label, "in-text")
        out.citations.append(Citation(m.start(), m.end(), lines.at(m.start()), [ref]))
    out.citations.sort(key=lambda c: c.start)
    spans = footnote_spans(hidden)
    for c in out.citations:
        k = enclosing(spans, c.start)
        c.in_footnote = spans[k][2] if k is not None else None
    return out


def nocite_keys(meta: dict[str, Any]) -> list[str]:
    """The keys in the ``nocite`` metadata (``@*`` stands for every item)."""
    value = meta.get("nocite")
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    if not value:
        return []
    text = str(value)
    found = re.findall(r"@(\*|" + KEY + r")", text)
    return found
