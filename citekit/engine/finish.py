"""Output passes: what citeproc-js does to the rendered string and citeproc-py does not."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .display import DIVISION_MARKS
from .prepare import APOSTROPHE, GREATER_THAN, LEFT_SINGLE, LESS_THAN, unmask
from .richtext import IN_VALUE, QUOTE_MARKERS
from .superscripts import mark_superscripts

_TAG = r"(?:</?[a-z]+(?: [^>]*)?>)*"
#: A locale's quotation marks: open-quote, close-quote, open-inner-quote, close-inner-quote.
QuoteTerms = tuple[str, str, str, str]
EN_QUOTES: QuoteTerms = ("“", "”", "‘", "’")
_QD_OPEN, _QD_CLOSE, _QS_OPEN, _QS_CLOSE, _QT_OPEN, _QT_CLOSE = QUOTE_MARKERS
_MARKER_OPEN = (_QD_OPEN, _QS_OPEN, _QT_OPEN)
_MARKER_CLOSE = (_QD_CLOSE, _QS_CLOSE, _QT_CLOSE)


def flip_nested_quotes(text: str, terms: QuoteTerms = EN_QUOTES) -> str:
    """FIX(nested-quotes): quotation marks from the locale, alternating when quotes nest.

    A quotation found in a field (a pair of quote markers, :func:`.prepare.smart_quotes`)
    or made by ``quotes="true"`` (the locale's marks, as citeproc-py prints them) prints
    the locale's ``open-quote``/``close-quote`` at the outer level and its
    ``open-inner-quote``/``close-inner-quote`` inside (CSL 1.0.2, Formatting: quotes;
    en-GB ‘…“…”…’, de „…‚…‘…“, fr « … »), as citeproc-js does.
    """
    pairs, marks = _quote_pairs(terms)
    if not any(o in text for o in pairs):
        return text
    out: list[str] = []
    plain_tail = False  # whether out[-1] is a run of the text (not a mark)
    # each open quotation: the mark closing it, its level, whether the style made it
    stack: list[tuple[str, int, bool]] = []
    skip_space = False
    pos = 0
    # Only quotation marks and markers change: the text between them is copied in runs.
    for found in marks.finditer(text):
        i = found.start()
        if i > pos:
            run = text[pos:i]
            if skip_space:
                run = run.lstrip()
            if run:
                out.append(run)
                plain_tail = True
        pos = i + 1
        skip_space = False
        ch = text[i]
        if stack and ch == stack[-1][0] and (ch in _MARKER_CLOSE or _closes(text, i)):
            level = stack.pop()[1]
            mark = terms[1] if level % 2 == 0 else terms[3]
            if mark[:1].isspace() and out:
                # the style's own mark already brought its space
                if plain_tail and out[-1][-1].isspace():
                    out[-1] = out[-1][:-1]
                elif not plain_tail and out[-1].isspace():
                    out.pop()
            out.append(mark)
        elif ch in pairs and (ch in _MARKER_OPEN or _opens(text, i)):
            styled = ch not in _MARKER_OPEN
            if not stack:
                # a typographic ‘…’ at the top starts at the inner level (citeproc-js), and
                # so does a straight single pair (the value's inner form:
                # richtext.outer_quote_form)
                level = int(ch in (_QT_OPEN, _QS_OPEN))
            elif styled and stack[-1][2]:
                # FIX(ms-a-style-quotes-no-nest): the style's quotes (quotes="true", a
                # literal mark) inside the style's quotes keep their level: citeproc-js
                # alternates only the quotations of a field's value
                level = stack[-1][1]
            else:
                level = stack[-1][1] + 1
            mark = terms[0] if level % 2 == 0 else terms[2]
            stack.append((pairs[ch], level, styled))
            out.append(mark)
            skip_space = mark[-1:].isspace()
        elif ch in QUOTE_MARKERS:
            out.append("“”‘’‘’"[QUOTE_MARKERS.index(ch)])
        else:
            out.append(ch)
        plain_tail = False
    run = text[pos:]
    if skip_space:
        run = run.lstrip()
    out.append(run)
    return "".join(out)


@lru_cache(maxsize=64)
def _quote_pairs(terms: QuoteTerms) -> tuple[dict[str, str], re.Pattern[str]]:
    """The opening marks :func:`flip_nested_quotes` pairs (with their closing marks), and a pattern.

    The pattern finds the characters it acts on. Worked out once per locale's terms: it is
    asked for every citation and entry.
    """
    outer_open, outer_close, inner_open, inner_close = (t.strip() for t in terms)
    pairs = {_QD_OPEN: _QD_CLOSE, _QS_OPEN: _QS_CLOSE, _QT_OPEN: _QT_CLOSE}
    for o, c in ((outer_open, outer_close), (inner_open, inner_close), ("“", "”")):
        if len(o) == 1 and len(c) == 1:
            pairs.setdefault(o, c)
    return pairs, _marks_in(frozenset(pairs) | frozenset(pairs.values()))


@lru_cache(maxsize=64)
def _marks_in(marks: frozenset[str]) -> re.Pattern[str]:
    """A pattern of the characters :func:`flip_nested_quotes` acts on: marks and markers."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(marks | set(QUOTE_MARKERS))) + "]")


def _opens(text: str, i: int) -> bool:
    """Whether a mark that can open a quotation does: not right after a letter."""
    before = text[i - 1] if i else " "
    return not before.isalnum()


def _closes(text: str, i: int) -> bool:
    """Whether a mark that can close a quotation does: no letter follows (not "d’Arc")."""
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def quote_terms(style_root: Any) -> QuoteTerms:
    """The style's quotation marks (its locale's terms; English ones where it has none)."""
    found = []
    for name, default in zip(_QUOTE_TERM_NAMES, EN_QUOTES, strict=True):
        term = style_root.get_term(name)
        text = None if term is None else term.text
        found.append(text if text and text.strip() else default)
    return (found[0], found[1], found[2], found[3])


_QUOTE_TERM_NAMES = ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")


def move_punctuation_in_quotes(text: str, terms: QuoteTerms = EN_QUOTES) -> str:
    """FIX(punct-in-quote): a locale that says so puts commas and periods inside closing quotes.

    en-US: “…,” (CSL 1.0.2, Locale Options: punctuation-in-quote), the inner marks too
    (“This is ‘The One.’”; a field's quotation in its inner form, ‘Leap Forward.’). Only
    punctuation where pieces join moves: after a quotation that its value goes on from
    (:data:`.richtext.IN_VALUE`, FIX(punct-quote-inside)) citeproc-js leaves "‘God
    willing’." as it is.

    FIX(punct-in-quote-marks): citeproc-js moves ``!`` and ``?`` in as well, and every mark of
    the seam ("“comma,.” period"); the marks merge first where they meet outside (a ``:``
    before ``!`` is dropped) and then inside the quote as anywhere ("“Why?,”", "“Why?”" for
    "?" + ".").
    """
    closers = re.escape(terms[1].strip() + terms[3].strip())
    pattern = re.compile(rf"((?:[{closers}{IN_VALUE}]{_TAG})+)([.,!?]+)")

    def swap(m: re.Match[str]) -> str:
        quotes, punct = m.group(1), m.group(2)
        if IN_VALUE in quotes:
            return m.group()
        return punct + quotes

    return pattern.sub(swap, text)


#: FIX(punct-seam-division): a seam may end a display division (its marks follow).
_SEAM = re.compile(
    rf"(?<!\.)([.,:;!?])((?:</[a-z]+>)*)([.,:;!?])(?=\s|$|<|[)\]”’»{DIVISION_MARKS}])"
)


_ENTITY_END = re.compile(r"&#?[0-9a-zA-Z]+;$")


def merge_punctuation(text: str) -> str:
    """FIX(punct-seam): two punctuation marks meeting where pieces join become one or stay.

    citeproc-js merges the mark ending one piece with the mark starting the next (an
    affix, a delimiter): the same mark once ("..": "."), a period or colon after ``:;!?``
    dropped ("it?." : "it?"), ``!``/``?`` replacing a colon or semicolon before it, every
    other pair kept ("etc.:"). Only a pair followed by a space, the end, markup or a
    closing bracket or quote is a seam; an ellipsis is left alone.
    """

    def merge(m: re.Match[str]) -> str:
        left, tags, right = m.groups()
        if left == ";" and _ENTITY_END.search(m.string, 0, m.start() + 1):
            return m.group()  # the ";" ends an HTML entity (&gt;), not a clause
        if left == right or (right in ".:" and left in ":;!?"):
            return left + tags
        if right in "!?" and left in ":;":
            return right + tags
        return m.group()

    return _SEAM.sub(merge, text)


_AFFIX_TEXT = str.maketrans({"<": LESS_THAN, ">": GREATER_THAN})


def affixes_as_text(root: Any) -> None:
    """FIX(punct-affix-escape): a ``<`` or ``>`` in a style's affix or delimiter is text.

    citeproc-js escapes them in HTML (``prefix="&lt;"`` prints ``&#60;``), citeproc-py
    printed them raw (a ``<http://...>`` tag in the output). They become the stand-ins
    field values use (:func:`.prepare.unmask` writes them as ``&lt;``/``&gt;`` in HTML,
    as themselves in text), once, when the style loads.
    """
    for el in root.iter():
        for name in ("prefix", "suffix", "delimiter"):
            value = el.get(name) if isinstance(el.tag, str) else None
            if value and ("<" in value or ">" in value):
                el.set(name, value.translate(_AFFIX_TEXT))


_SPACES = re.compile(r" {2,}")
_TWO_PERIODS = re.compile(r"\.{2}(?!\.)")


def finish(
    text: str,
    *,
    punctuation_in_quote: bool,
    html_out: bool,
    quotes: QuoteTerms = EN_QUOTES,
    trim: bool = True,
) -> str:
    """A rendered citation or entry, finished: markup, quotes, punctuation, spaces.

    (A term that opens a note is capitalised as it renders: FIX(ibid-case) in
    :class:`citekit.engine.positions.Text`.)

    ``trim=False`` keeps a space at either end: citeproc-js keeps those of an HTML
    bibliography entry (" (2006): 1–7." when the entry's first element is empty, "n.d., "
    when the last one is; its text output trims them), so citekit does too
    (FIX(entry-spaces)).
    """
    text = unmask(text, html_out)
    if html_out:
        text = mark_superscripts(text)
    text = flip_nested_quotes(text, quotes)
    if punctuation_in_quote:
        # marks that meet merge first ("”:" + "!" is "”!"), then again inside the quote
        text = move_punctuation_in_quotes(merge_punctuation(text), quotes)
    text = text.replace(IN_VALUE, "")
    text = merge_punctuation(text)
    text = text.replace(APOSTROPHE, "’").replace(LEFT_SINGLE, "‘")
    # FIX(punct-spaces): only spaces collapse; a newline of the style or a no-break space
    # next to a space stays (citeproc-js: "\n\n" between two lines, "1962,\xa0 g")
    text = _SPACES.sub(" ", text)
    if trim:
        text = text.strip()
    text = _TWO_PERIODS.sub(".", text)
    return text


def citation_text(
    text: str,
    authors: list[str | None],
    *,
    piq: bool,
    html_out: bool,
    quotes: QuoteTerms = EN_QUOTES,
) -> str:
    """One citation cluster's finished text (author-only cites print their authors alone)."""
    if any(authors):
        text = "; ".join(a for a in authors if a)
    if not re.sub(r"<[^>]+>|[\s()\[\].,;]", "", text):
        # FIX(no-printed-form): citeproc-js's words for a cite that prints nothing
        text = "[CSL STYLE ERROR: reference with no printed form.]"
    return finish(text, punctuation_in_quote=piq, html_out=html_out, quotes=quotes)
