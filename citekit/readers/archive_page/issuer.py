"""Who issued a document and to whom, read from its title (and, failing that, its signature).

Archive titles name the sender in a handful of shapes, and citekit reads only those:

- "<Kind> from <sender> to <recipient> [on ...]": "Ciphered Telegram from Soviet Ambassador
  Pavel Yudin to the USSR Ministry of Foreign Affairs", "Letter from Kim Il Sung to ...";
- "<Kind> of the <body> [<official>]": "Report of the Hungarian Ministry of Foreign Affairs
  [Imre Horváth]" (the named official issued it; without one, the body did);
- "<Person>'s Diary", "Diary of <person>", "Journal of <person>".

A sender is a person when the phrase ends in a name (after an office: "Soviet Ambassador
Pavel Yudin", "Deputy Foreign Minister Kuznetsov") or names one in brackets ("the Polish
Embassy in Beijing (Knothe)"); otherwise a body ("the Czechoslovak Embassy in Hanoi"), or
several joined by "and the". Anything else ("from Moscow", "from the Meeting of ...") is
not read as a sender: citekit stays silent rather than guess.
"""

from __future__ import annotations

import re

from ...dates import DATE_PATTERN
from ...model import Name
from ...names import is_body, parse_name
from .text import Line, squash, unescape_markdown
from .words import (
    BRACKET_NOTES,
    DOCUMENT_KINDS,
    ISSUING_KINDS,
    OCCASION_WORDS,
    OFFICE_WORDS,
)

_KIND = rf"(?:(?:[A-Z][\w'-]*\s+){{0,3}}?(?:{'|'.join(DOCUMENT_KINDS)})s?)"
_STOP_WORDS = r"(?:on|regarding|concerning|about|re|with|at|in\s+connection)"
_STOP = rf"(?=\s*(?:,|:|;|\"|“|$)|\s+{_STOP_WORDS}\s)"
_STOP_AT = re.compile(rf"\s*(?:,|:|;|\"|“)|\s+{_STOP_WORDS}\s")
_FROM = re.compile(rf"^(?P<kind>{_KIND})\s+(?:[Ff]rom|by)\s+(?P<rest>.+)$")
_OF = re.compile(
    rf"^(?P<kind>(?:[A-Z][\w'-]*\s+){{0,2}}?(?:{'|'.join(ISSUING_KINDS)}))\s+of\s+(?P<rest>.+)$"
)
# "Report, Embassy of Hungary in North Korea to the Hungarian Foreign Ministry": the older
# Wilson Center titles put a comma where the newer write "from".
_COMMA = re.compile(rf"^(?P<kind>{_KIND}),\s+(?P<rest>.+?\s[Tt]o\s.+)$")
_DIARY_OF = re.compile(
    r"^(?:(?:From|Excerpts?\s+from)\s+the\s+)?(?:Diary|Journal|Notebook)\s+(?:Entry\s+)?of\s+"
    rf"(?P<who>.+?)(?=\s+(?:for|from)\s|\s*\(|\s*(?:,|:|;|\"|“|$)|\s+{_STOP_WORDS}\s)"
)
_DIARY_S = re.compile(r"^(?P<who>[^,:;]+?)['’]s\s+(?:Diary|Journal|Notebook)\b")
_NAME_WORD = re.compile(
    r"^(?:[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\.?|(?:[^\W\d_]{1,2}\.){1,3}|"
    r"van|von|de|der|da|di|du|le|la|bin|al-\w+)$"
)
_PARTICLES = frozenset(["van", "von", "de", "der", "da", "di", "du", "le", "la", "bin"])
_BRACKETED = re.compile(r"\s*[\[(](?P<who>[^\[\]()]+)[\])]\s*")


def _is_acronym(word: str) -> bool:
    """Say whether ``word`` is an acronym ("CPSU", "KGB"): it names a body, never a person."""
    bare = word.strip(",.")
    return len(bare) >= 2 and bare.isupper() and "." not in bare


def _name_run(words: list[str]) -> list[str]:
    """The trailing words that make a person's name (up to four), stopping at an office."""
    run: list[str] = []
    for w in reversed(words):
        bare = w.strip(",")
        particle = bare in _PARTICLES
        if (
            len(run) == 4
            or not _NAME_WORD.match(bare)
            or _is_acronym(bare)
            or is_body(bare)
            or bare.lower().rstrip(".") in OFFICE_WORDS
            or not (bare[:1].isupper() or particle)
        ):
            break
        run.insert(0, bare)
    while run and run[0] in _PARTICLES:  # a particle cannot start a name
        run.pop(0)
    return run


_POSTED_TO = re.compile(r"(\w+)\s+(?:to|in|at)\s+(?:the\s+)?[A-Z][\w.'-]*$")


def _person(phrase: str) -> Name | None:
    """A person named by ``phrase`` ("Soviet Ambassador Pavel Yudin", "Kim Il Sung"), or None."""
    words = phrase.split()
    if not words:
        return None
    run = _name_run(words)
    if not run:
        return None
    before = words[: len(words) - len(run)]
    if before:
        # An office must come right before the name ("Ambassador Puzanov"); a surname alone
        # is read only after one.
        posted = _POSTED_TO.search(" ".join(before))  # "Ambassador to the DPRK Shtykov"
        if before[-1].lower().rstrip(".,") not in OFFICE_WORDS and not (
            posted and posted[1].lower() in OFFICE_WORDS
        ):
            return None
    elif len(run) < 2 or is_body(phrase):
        return None  # "Student Action Committee" is a body, not three names
    if len(run) == 1 and not before:
        return None
    return parse_name(" ".join(run))


_THE_OR_A = re.compile(r"^(?:the|a)\s+", re.I)
_OCCASION = re.compile(rf"^(?:{'|'.join(OCCASION_WORDS)})\b", re.I)
_PARTY_SEPARATOR = re.compile(r"\s+and\s+the\s+|\s*;\s*")
_WHITESPACE = re.compile(r"\s+")
_SURNAME = re.compile(r"[A-Z][^\W\d_'’-]+(?:[-'’][^\W\d_]+)?")


def party(text: str) -> tuple[Name, ...]:
    """Turn a sender or recipient phrase into names: a person, a body, several bodies, or ()."""
    t = _WHITESPACE.sub(" ", text).strip(" ,.")
    if not t or len(t) > 160:
        return ()
    bracket = _BRACKETED.search(t)
    if bracket:
        inner = bracket["who"].strip()
        outside = _BRACKETED.sub(" ", t)
        if (who := _person(inner)) is not None:
            return (who,)
        holder = is_body(outside) or any(  # an embassy, or an office ("Assistant for ...")
            w.lower().rstrip(".,'’s") in OFFICE_WORDS for w in outside.split()
        )
        if holder and inner.lower() not in BRACKET_NOTES and _SURNAME.fullmatch(inner):
            return (parse_name(inner),)  # "the Polish Embassy in Beijing (Knothe)"
    t = _BRACKETED.sub(" ", t).strip()
    t = _THE_OR_A.sub("", t)
    if not t or _OCCASION.match(t):
        return ()
    if who := _person(t):
        return (who,)
    if is_body(t) or all(_is_acronym(w) for w in t.split()):
        parts = _PARTY_SEPARATOR.split(t)
        if len(parts) > 1 and all(is_body(p) for p in parts):
            return tuple(_literal(p) for p in parts)
        return (_literal(t),)
    words = t.split()
    office = words and words[0].lower().rstrip(".") in OFFICE_WORDS
    if office and _capitalised(words) and " and " not in t:
        return (_literal(t),)  # an office with no name: "Secretary of State"
    return ()


def _capitalised(words: list[str]) -> bool:
    small = {"of", "the", "for", "and", "on", "in"}
    return all(w[:1].isupper() or w in small for w in words)


def _literal(text: str) -> Name:
    text = _THE_OR_A.sub("", text.strip(" ,."))
    return Name(literal=text[0].upper() + text[1:])


_TO_WORD = re.compile(r"\s+[Tt]o\s+")


def _split_to(rest: str) -> tuple[str, str | None]:
    """Split "<sender> to <recipient>..." at the " to " that is not part of an office."""
    pieces = _TO_WORD.split(rest)
    sender = pieces[0]
    for i in range(1, len(pieces)):
        last = sender.split()[-1].lower().rstrip(".,") if sender.split() else ""
        if last in ("ambassador", "envoy", "representative", "delegate", "consul", "adviser"):
            sender = f"{sender} to {pieces[i]}"  # "Ambassador to the DPRK Shtykov"
            continue
        return sender, " to ".join(pieces[i:])
    return sender, None


def _until_stop(text: str) -> str:
    """The phrase up to where the title goes on about something else (outside brackets)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and _STOP_AT.match(text, i):
            return text[:i].strip()
    return text.strip()


_DOCUMENT_NUMBER = re.compile(r"^(?:Document\s+\d+[A-Za-z]?:|\d+\.)\s*")
_THE = re.compile(r"^the\s+")


def from_title(title: str) -> tuple[tuple[Name, ...], tuple[Name, ...], str | None]:
    """Read (authors, recipients, the phrase that said so) from a document's title."""
    t = _WHITESPACE.sub(" ", title).strip()
    t = _DOCUMENT_NUMBER.sub("", t)
    if m := _FROM.match(t) or _COMMA.match(t):
        sender, to = _split_to(_until_stop(m["rest"]))
        senders = party(sender)
        if senders or m.re is _FROM:
            return senders, party(to) if to else (), f"{m['kind']} from {sender}"
    if m := _OF.match(t):
        body, to = _split_to(_until_stop(m["rest"]))
        authors = party(body)
        recipients = party(to) if to else ()
        if authors and authors[0].literal and not is_body(body):
            authors = ()  # "Message of the President": an office, not who issued it
        return authors, recipients, f"{m['kind']} of {body}" if authors else None
    m = _DIARY_S.match(t) or _DIARY_OF.match(t)
    if m and (who := _person(_THE.sub("", m["who"].strip()))):
        return (who,), (), f"diary of {m['who'].strip()}"
    return (), (), None


# A word of a signed name ("V. Semyonov", "Yu. Andropov").
_SIGNATURE_WORD = re.compile(
    r"^(?:[^\W\d_a-z][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\.?|(?:[^\W\d_]{1,2}\.){1,3}|"
    r"van|von|de|der|da|di|du|le|la|bin|al-\w+)$"
)


_SIGNED_MARK = re.compile(r"^\[?(?:signed|signature)\]?:?\s*", re.I)
_DATE_OR_NOTE = re.compile(rf"{DATE_PATTERN}|\[.*\]|\(.*\)", re.I)
_THE_ANY_CASE = re.compile(r"^the\s+", re.I)


def signatory(contents: list[Line]) -> tuple[Name, int] | None:
    """Find the signing person or body at the end of the document's text."""
    body = [ln for ln in contents if ln.text.strip()]
    tail = body[-3:]
    for ln in reversed(tail):
        t = squash(unescape_markdown(ln.text)).strip(" *_")
        if not t or _DATE_OR_NOTE.fullmatch(t):
            continue
        t = _SIGNED_MARK.sub("", t)
        if len(t) > 80 or t.endswith((".", ":", ";", "?", "!")) or len(t.split()) > 8:
            return None
        if is_body(t):
            return Name(literal=_THE_ANY_CASE.sub("", t)), ln.number
        tokens = t.split()
        if 2 <= len(tokens) <= 4 and all(_SIGNATURE_WORD.match(tok) for tok in tokens):
            return parse_name(t), ln.number
        return None
    return None
