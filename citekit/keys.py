"""Citation keys: deterministic, ASCII, unique within one export, valid as a pandoc ``@key``.

The formula (``--key-format`` overrides it) is ``{auth}{year}{title}``:

- ``auth``: the family name of the first author, else of the first translator, else the
  first significant word of a body's name, folded to lower-case ASCII ("kraus");
- ``year``: the first year of ``issued`` ("1962"), or nothing for an undated item;
- ``title``: the first word of the title that is not an article or preposition
  ("reporting").

So the example record is ``ministry1962reporting`` (signed by the Ministry of Foreign
Affairs). Keys that collide in one export get ``a``, ``b``, ``c``... in input order; a key
already in the input (a ``citation-key``, a BibTeX key) is kept as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .model import Item, Name

DEFAULT_KEY_FORMAT = "{auth}{year}{title}"
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
    ]
)
_VALID_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*$")


def ascii_fold(text: str) -> str:
    """Fold text to lower-case ASCII letters and digits ("Zürich" -> "zurich")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


def _first_word(text: str | None) -> str:
    for word in re.split(r"[\s\-–—/:,.;'\"“”‘’()\[\]]+", text or ""):
        folded = ascii_fold(word)
        if folded and folded not in _SKIP:
            return folded
    return ""


def _auth(names: Iterable[Name]) -> str:
    for n in names:
        if n.family:
            return ascii_fold(n.family) or _first_word(n.family)
        if n.literal:
            return _first_word(n.literal)
    return ""


def make_key(item: Item, key_format: str = DEFAULT_KEY_FORMAT) -> str:
    """Build the citation key of one item from ``key_format``."""
    auth = _auth(item.author) or _auth(item.translator) or _auth(item.editor)
    values = {
        "auth": auth or "anon",
        "year": str(item.issued.year) if item.issued and item.issued.year else "",
        "title": _first_word(item.title) or "untitled",
        "shorttitle": "".join(_first_word(w) for w in (item.title or "").split()[:3]),
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


def assign_keys(items: list[Item], key_format: str = DEFAULT_KEY_FORMAT) -> list[Item]:
    """Give every item a unique citation key (and the same id), keeping keys already given."""
    taken: set[str] = {i.citation_key for i in items if i.citation_key}
    next_suffix: dict[str, int] = {}  # per base key, so many collisions stay linear
    out: list[Item] = []
    for item in items:
        if item.citation_key:
            out.append(item)
            continue
        base = make_key(item, key_format)
        n = next_suffix.get(base, 0)  # 0: the bare key; 1: "a"; 2: "b"; ...
        while True:
            key = base if n == 0 else base + letter_suffix(n - 1)
            n += 1
            if key not in taken:
                break
        next_suffix[base] = n
        taken.add(key)
        out.append(item.replace(citation_key=key, id=key))
    return out


def letter_suffix(n: int) -> str:
    """Return a, b, ..., z, aa, ab, ... for n = 0, 1, 2, ..."""
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s
