"""Citation keys: stable, ASCII, unique within one read, valid as a pandoc ``@key``.

A key depends on the document alone, never on what else is in the folder or the order of
the files, so a key written into a manuscript keeps working:

- ``auth``: the family name of the first author, or the first significant word of the
  issuing body ("ministry"); never a translator or an editor, never a given name alone.
  Text decoded with the wrong encoding ("Ã©tÃ©" for "été") is repaired before folding.
  With no author the title stands in: ``auth`` is the title's first significant word and
  ``title`` its second.
- ``year``: the first year of ``issued`` ("1962"), or nothing for an undated item;
- ``title``: the first word of the title that is not an article or preposition.

So the example record is ``ministry1962reporting``. ``--key-format`` changes the formula.

Which key wins, in order: a key in the input (a CSL-JSON ``id`` or ``citation-key``, a
BibTeX key, a RIS ``ID``); a key pinned in a ``citekit.keys`` file beside the records
(``citekit keys DIR --pin`` writes it); the formula. When several documents make the same
key, the one whose identity hash (:func:`document_id`, from its URL or else its title, date,
authors and shelfmark) sorts first keeps the bare key and each other one gets a suffix from
its own hash (``kato1984cable-3f2a``; the same document read twice: ``-3f2a-2``). Adding
a record to the folder never renames the others unless it collides with one of them and
its hash sorts first; pin the keys to rule that out too.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from .archives import public_url
from .model import Item, Name

DEFAULT_KEY_FORMAT = "{auth}{year}{title}"
#: The file, in a folder of records, that pins keys to documents (see :func:`read_pins`).
KEYS_FILE = "citekit.keys"
_SKIP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "to",
        "and",
        "in",
        "for",
        "from",
        "by",
        "with",
        "at",
        "la",
        "le",
        "les",
        "der",
        "die",
        "das",
        "el",
        "los",
        "un",
        "une",
        "between",
        "about",
        "regarding",
        "concerning",
        "into",
        "upon",
        "during",
        "after",
        "before",
    ]
)
_VALID_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")
# Characters that UTF-8 text shows when it was decoded as Windows-1252 or Latin-1.
_MOJIBAKE = re.compile(
    "[ÃÂÅÄÐÑâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1 ("Ã©tÃ©" -> "été"); other text as given."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_WORD_BREAK = re.compile(r"[\s\-–—/:,.;'\"“”‘’()\[\]]+")


@lru_cache(maxsize=16384)  # the same words (archives, bodies, title words) recur across items
def ascii_fold(text: str) -> str:
    """Fold text to lower-case ASCII letters and digits ("Zürich" -> "zurich")."""
    decomposed = unicodedata.normalize("NFKD", repair_mojibake(text))
    return _NOT_ALNUM.sub("", decomposed.encode("ascii", "ignore").decode().lower())


def _words(text: str | None, most: int) -> list[str]:
    """The first ``most`` significant words of ``text``, folded.

    A key uses three at most: folding a long title's other words took half of a key's time.
    """
    out: list[str] = []
    for word in _WORD_BREAK.split(repair_mojibake(text or "")):
        folded = ascii_fold(word)
        if folded and folded not in _SKIP:
            out.append(folded)
            if len(out) == most:
                break
    return out


def _first_word(text: str | None) -> str:
    words = _words(text, 1)
    return words[0] if words else ""


def _auth(names: Iterable[Name]) -> str:
    """The first author's family name, or a body's first significant word ("" if none)."""
    for n in names:
        if n.family:
            return ascii_fold(n.family) or _first_word(n.family)
        if n.literal:
            return _first_word(n.literal)
        # a name with only a given name says too little to key on: try the next author
    return ""


def make_key(item: Item, key_format: str = DEFAULT_KEY_FORMAT) -> str:
    """Build the citation key of one item from ``key_format`` (before collisions)."""
    title_words = _words(item.title, 3)
    auth = _auth(item.author)
    title = title_words[0] if title_words else "untitled"
    if not auth:  # no author or body: the title stands in, never the translator
        auth = title_words[0] if title_words else "anon"
        title = title_words[1] if len(title_words) > 1 else ""
    values = {
        "auth": auth,
        "year": str(item.issued.year) if item.issued and item.issued.year else "",
        "title": title,
        "shorttitle": "".join(title_words[:3]),
        "archive": _first_word(item.archive),
    }
    try:
        key = key_format.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"bad key format {key_format!r}: {exc}") from None
    key = re.sub(r"[^A-Za-z0-9_:.-]", "", key)
    if not key or not key[0].isalnum():
        key = "item" + key
    return key


def is_valid_key(key: str) -> bool:
    """Say whether ``key`` can be written as a pandoc ``@key`` and a BibTeX key."""
    return bool(_VALID_KEY.match(key)) and key.isascii()


def document_id(item: Item) -> str:
    """A hash of what identifies the document itself (not the file it was read from).

    The URL when there is one (its public form, scheme and ``www.`` left out), else the
    type, title, date, authors, archive, shelfmark and pages. The same document read from two
    files, or from a staging copy and the public site, has the same id.
    """
    if item.URL:
        url = public_url(item.URL) or item.URL
        ident: object = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().lower()).rstrip("/")
    else:
        ident = [
            item.type,
            item.title or "",
            item.issued.iso if item.issued else "",
            [n.sort_form for n in item.author],
            item.archive or "",
            item.archive_location or "",
            item.page or "",
        ]
    data = json.dumps(ident, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def read_pins(folder: str | Path) -> dict[str, str]:
    """The keys pinned in ``folder/citekit.keys``: document id -> key ({} without a file).

    The file has one pin a line, ``KEY<TAB>DOCUMENT-ID<TAB>FILE`` (the file is only there
    for the reader); ``#`` starts a comment. Unreadable or malformed lines are skipped.
    """
    path = Path(folder) / KEYS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return {}
    pins: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and not line.startswith("#") and is_valid_key(parts[0].strip()):
            pins[parts[1].strip()] = parts[0].strip()
    return pins


def format_pins(items: Sequence[Item], old: Mapping[str, str] | None = None) -> str:
    """The text of a ``citekit.keys`` file pinning each item's key (old pins kept)."""
    rows: dict[str, tuple[str, str]] = {d: (k, "") for d, k in (old or {}).items()}
    for it in items:
        rows[document_id(it)] = (it.key, Path(it.source.path).name if it.source else "")
    lines = [
        "# citekit citation keys: KEY<TAB>DOCUMENT-ID<TAB>FILE. A key here wins over the formula;",
        "# edit a key to rename it. Written by `citekit keys DIR --pin`.",
    ]
    lines += [f"{k}\t{d}\t{f}" for d, (k, f) in sorted(rows.items(), key=lambda r: r[1][0])]
    return "\n".join(lines) + "\n"


def key_facts(item: Item, key_format: str) -> tuple[str, str | None]:
    """What :func:`assign_keys` needs of one item: its document id and its formula key.

    Each depends on the item alone, so the processes that read a folder work them out
    beside the reading (:func:`citekit.readers.read_paths`). The key is None when the
    item has a key of its own (a CSL-JSON id, a BibTeX key: the formula is never used), or
    when the format is bad: :func:`assign_keys` then makes it again and raises what it
    always raised.
    """
    key = None
    if not item.citation_key:
        try:
            key = make_key(item, key_format)
        except Exception:  # whatever a bad format raises, assign_keys raises it again
            key = None
    return document_id(item), key


def assign_keys(
    items: list[Item],
    key_format: str = DEFAULT_KEY_FORMAT,
    pins: Mapping[str, str] | None = None,
    facts: Sequence[tuple[str, str | None]] | None = None,
) -> list[Item]:
    """Give every item a unique citation key (and the same id); see the module docstring.

    Keys in the input are kept as they are, then pinned keys (``pins``: document id ->
    key), then the formula; collisions are settled by document id, not input order.
    ``facts``, when given, is :func:`key_facts` of each item, worked out already.
    """
    pins = pins or {}
    keys: list[str | None] = [None] * len(items)
    taken: set[str] = set()
    if facts is None:
        facts = [(document_id(it), None) for it in items]
    ids = [doc for doc, _ in facts]
    for n, it in enumerate(items):
        if it.citation_key:
            keys[n] = it.citation_key
            taken.add(it.citation_key)
    for n, _ in enumerate(items):
        pinned = pins.get(ids[n])
        if keys[n] is None and pinned and pinned not in taken:
            keys[n] = pinned
            taken.add(pinned)
    groups: dict[str, list[int]] = {}
    for n, it in enumerate(items):
        if keys[n] is None:
            groups.setdefault(facts[n][1] or make_key(it, key_format), []).append(n)
    paths = [it.source.path if it.source else "" for it in items]
    for base in sorted(groups):
        members = sorted(groups[base], key=lambda n: (ids[n], paths[n], n))
        for rank, n in enumerate(members):
            key: str = base if rank == 0 and base not in taken else f"{base}-{ids[n][:4]}"
            copy = 1  # the same document read from several files: -2, -3, ... by path
            while key in taken:
                copy += 1
                key = f"{base}-{ids[n][:4]}-{copy}"
            keys[n] = key
            taken.add(key)
    return [
        it if it.citation_key or k is None else it.replace(citation_key=k, id=k)
        for it, k in zip(items, keys, strict=True)
    ]


def letter_suffix(n: int) -> str:
    """Return a, b, ..., z, aa, ab, ... for n = 0, 1, 2, ... (year suffixes use it)."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s
