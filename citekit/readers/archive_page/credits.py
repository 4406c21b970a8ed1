"""Credit sentences: "Translated by X", "Obtained by X and translated by Y", funders.

A credit clause is a verb (translated, obtained, contributed, edited, ...), an optional "for
<project>" or "from <language>", then "by" and a list of names. An institution in brackets
after a name is not part of it.
"""

from __future__ import annotations

import re

from ...languages import language_code
from ...names import split_names
from .parsed import ParsedCitation
from .text import squash

_VERB = (
    r"(?:obtained|translated|translation|translations|contributed|donated|provided|edited|"
    r"annotated|transcribed|introduced|selected|compiled|prepared|transliterated)"
)
_VERB_WORD = re.compile(_VERB, re.I)


# Where the credit sentences begin, after the shelfmark.
CREDIT_START = re.compile(
    rf"(?:^|(?<=[.,;])\s*|\s+)(?=(?:(?:English|Russian|Chinese)\s+)?{_VERB}\b)", re.I
)


NOTE_START = re.compile(
    r"(?:^|(?<=[.;])\s+)(?=(?:Published|Also available|Originally published|Reprinted|"
    r"Previously published|See also|Document (?:published|reproduced)|Copy|Courtesy)\b)",
    re.I,
)


CLAUSE = re.compile(
    rf"(?P<verbs>{_VERB}(?:\s*(?:,|and|&)\s*{_VERB})*)"
    r"(?P<mid>(?:\s+(?:for|from|into|in|with|at)\s+(?:(?!\bby\b)[^.;])*?)?)"
    r"\s+by\s+(?P<names>.+?)"
    rf"(?=\s*(?:;|(?<![\s.][A-Z])\.(?:\s|$)|,?\s+and\s+(?:{_VERB}|the\s+{_VERB})\b"
    rf"|,\s*{_VERB}\b|$))",
    re.I,
)


_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])(?<!\b(?:Jr|Sr|St|Dr|Mr|Ms))\.\s+(?=[A-Z(])")


def split_sentences(text: str) -> list[str]:
    """Split credit text into sentences, not at initials ("Mark H. Doctoroff")."""
    parts = _SENTENCE_END.split(text)
    return [p.strip().rstrip(".").strip() for p in parts if p.strip(" .")]


_AFFILIATION = re.compile(r"\s*[\[(][^\[\]()]*[\])]")


_LEADING_AND = re.compile(r"^(?:and|,)\s*")
_NAMES_STOP = re.compile(r",\s*(?=\d|\(|pp?\.|in\s|vol\.)")
_ROLE_PHRASE = re.compile(r"\s+(?=(?:for|with|under)\s)")
_FROM_LANGUAGE = re.compile(r"\bfrom\s+([A-Z][a-z]+)")
_WITH_WORD = re.compile(r"(?:^|\s)with\s")
_FROM_LANGUAGE_PHRASE = re.compile(r"\bfrom\s+[A-Z][a-z]+\s*")


def parse_credits(sentence: str, out: ParsedCitation) -> str:
    """Take the credit clauses out of one sentence; return what no clause explained."""
    consumed: list[tuple[int, int]] = []
    for m in CLAUSE.finditer(sentence):
        verbs = m["verbs"].lower()
        mid = squash(m["mid"] or "")
        names_text = m["names"]
        # A name list ends where a book reference or pages go on: ", (Beijing: ...", ", 123-5".
        tail = ""
        stop = _NAMES_STOP.search(names_text)
        if stop:
            names_text, tail = names_text[: stop.start()], names_text[stop.end() :]
        # "by X for CWIHP", "by X with the assistance of Y": the names end at the connector;
        # a "with ..." phrase is kept as a note, a "for <project>" is only a credit.
        extra = _ROLE_PHRASE.search(names_text)
        if extra:
            phrase = names_text[extra.end() :].strip()
            names_text = names_text[: extra.start()]
            if _WITH_WORD.search(phrase):
                out.notes.append(f"{verbs} by {names_text.strip()} {phrase}")
        # "Sergey Radchenko [Cardiff University]": the institution is not part of the name;
        # the clause as written is kept as a note.
        if _AFFILIATION.search(names_text):
            out.notes.append(f"{verbs} by {squash(names_text)}")
            names_text = _AFFILIATION.sub("", names_text)
        names = [n for n in split_names(names_text) if n]
        lang = _FROM_LANGUAGE.search(mid)
        if lang and language_code(lang.group(1)):
            out.source_language = lang.group(1)
        detail = _FROM_LANGUAGE_PHRASE.sub("", mid).strip() or None
        for verb in _VERB_WORD.findall(verbs):
            v = verb.lower()
            if v.startswith("translat"):
                for n in names:
                    if n not in out.translators:
                        out.translators.append(n)
            else:
                out.contributors.extend((n, v, detail) for n in names)
        consumed.append((m.start(), m.end() - len(tail)))
    if not consumed:
        return sentence.strip(" ,;.")
    pieces, last = [], 0
    for a, b in consumed:
        pieces.append(sentence[last:a])
        last = b
    pieces.append(sentence[last:])
    left = squash(" ".join(pieces)).strip(" ,;.")
    left = _LEADING_AND.sub("", left)
    return left


_SUPPORT_PHRASE = re.compile(
    r"(?:support(?:ed)?\s+(?:from|by)|funded\s+by|funding\s+from|grant(?:s)?\s+from|"
    r"made possible by|thanks to|courtesy of|sponsored by|generosity of)\s+(?P<who>.+)$",
    re.I,
)
_GENEROUS_SUPPORT = re.compile(r"^(?:the\s+)?generous\s+support\s+of\s+", re.I)
_FUNDER_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s*;\s*|\s+and\s+(?=(?:the\s+)?[A-Z])")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def funders(text: str) -> list[str]:
    """Read the funders out of the Credits section, in any of its wordings."""
    text = squash(text).rstrip(".")
    m = _SUPPORT_PHRASE.search(text)
    who = m["who"] if m else text
    who = _GENEROUS_SUPPORT.sub("", who)
    parts = _FUNDER_SEPARATOR.split(who)
    out = []
    for p in parts:
        p = _ARTICLE.sub("", p.strip()).strip(" .")
        if p:
            out.append(p[0].upper() + p[1:])
    return out
