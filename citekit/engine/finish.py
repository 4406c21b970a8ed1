"""Output passes: what citeproc-js does to the rendered string and citeproc-py does not."""

from __future__ import annotations

import re

from .prepare import APOSTROPHE

_TAG = r"(?:</?[a-z]+(?: [^>]*)?>)*"
_QUOTE_MARK = re.compile("[“‘”’]")


def flip_nested_quotes(text: str) -> str:
    """FIX(nested-quotes): quotes inside quotes alternate (“… ‘…’ …”), as citeproc-js does."""
    if "‘" not in text and "“" not in text:
        return text  # no opening quote: nothing to alternate
    out: list[str] = []
    depth = 0
    last = 0
    for m in _QUOTE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        out.append(text[last:i])
        last = i + 1
        if ch in "“‘":
            if ch == "‘" and not _opens(text, i):
                out.append(ch)
                continue
            out.append("“" if depth % 2 == 0 else "‘")
            depth += 1
        else:
            if ch == "’" and not _closes_quote(text, i, depth):
                out.append(ch)
                continue
            depth = max(depth - 1, 0)
            out.append("”" if depth % 2 == 0 else "’")
    out.append(text[last:])
    return "".join(out)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return not before.isalnum()


def _closes_quote(text: str, i: int, depth: int) -> bool:
    """Say whether an ’ closes a quotation rather than being an apostrophe.

    It does only inside a quotation and when no letter follows it.
    """
    after = text[i + 1] if i + 1 < len(text) else " "
    return depth > 0 and not after.isalnum()


def move_punctuation_in_quotes(text: str) -> str:
    """FIX(punct-in-quote): en-US puts commas and periods inside closing quotes (“…,”)."""
    pattern = re.compile(rf"((?:[”’]{_TAG})+)([.,])")

    def swap(m: re.Match[str]) -> str:
        quotes, punct = m.group(1), m.group(2)
        inner_end = m.start()
        prev = text[inner_end - 1] if inner_end else ""
        if prev in ".,!?":
            return quotes  # "Title?”," -> "Title?”": the quote already ends in punctuation
        return punct + quotes

    return pattern.sub(swap, text)


def _capitalise_first(text: str) -> str:
    m = re.match(rf"^({_TAG})([a-z])", text)
    if not m:
        return text
    return m.group(1) + m.group(2).upper() + text[m.end() :]


def finish(text: str, *, punctuation_in_quote: bool, note_start: bool, trim: bool = True) -> str:
    """A rendered citation or entry, finished: quotes, punctuation, spaces, "Ibid." capital.

    ``trim=False`` keeps a space at either end: citeproc-js keeps those of an HTML
    bibliography entry (" (2006): 1–7." when the entry's first element is empty, "n.d., "
    when the last one is; its text output trims them), so citekit does too
    (FIX(entry-spaces)).
    """
    text = flip_nested_quotes(text)
    if punctuation_in_quote:
        text = move_punctuation_in_quotes(text)
    text = text.replace(APOSTROPHE, "’")
    text = re.sub(r"\s{2,}", " ", text)
    if trim:
        text = text.strip()
    text = re.sub(r"\.{2}(?!\.)", ".", text)
    if note_start and re.match(rf"^{_TAG}ibid", text):
        # FIX(ibid-case): a note that starts with "ibid." starts with a capital (CMOS 14.34).
        text = _capitalise_first(text)
    return text


def citation_text(text: str, authors: list[str | None], *, piq: bool, note_style: bool) -> str:
    """One citation cluster's finished text (author-only cites print their authors alone)."""
    if any(authors):
        text = "; ".join(a for a in authors if a)
    if not re.sub(r"<[^>]+>|[\s()\[\].,;]", "", text):
        text = "[NO_PRINTED_FORM]"  # what citeproc-js prints when nothing is left
    return finish(text, punctuation_in_quote=piq, note_start=note_style)
