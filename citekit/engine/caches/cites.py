"""Indexes beside the lists citeproc-py scans: bibliography keys, the log of cites."""

from __future__ import annotations

from typing import Any

from citeproc import CitationStylesBibliography


class KeyList(list[str]):
    """The bibliography's item keys, with constant-time ``in`` and ``index``.

    citeproc-py orders every citation's cites by ``keys.index`` and checks ``key in keys``
    for every registration: quadratic in the number of items.
    """

    def __init__(self, keys: Any = ()) -> None:
        super().__init__(keys)
        self._pos = {k: n for n, k in reversed(list(enumerate(self)))}

    def append(self, key: str) -> None:
        """Add a key at the end, indexing its first position."""
        self._pos.setdefault(key, len(self))
        super().append(key)

    def __contains__(self, key: object) -> bool:
        return key in self._pos

    def index(self, key: str, *args: Any) -> int:
        """The first position of ``key``, as ``list.index``."""
        if args:
            return super().index(key, *args)
        try:
            return self._pos[key]
        except KeyError:
            raise ValueError(f"{key!r} is not in list") from None


class CiteLog(list[Any]):
    """The cites rendered so far, in document order, with the set of their keys.

    citeproc-py decides "first" or "subsequent" by scanning every earlier cite.
    """

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def append(self, cite: Any) -> None:
        """Log a rendered cite."""
        self.seen.add(cite.key)
        super().append(cite)


class Bibliography(CitationStylesBibliography):  # type: ignore[misc]
    """citeproc-py's bibliography object with indexed keys and cite log."""

    def __init__(self, style: Any, source: Any, fmt: Any) -> None:
        super().__init__(style, source, fmt)
        self.keys = KeyList()
        self._cites = CiteLog()

    def sort(self) -> None:
        """Sort the items in the style's bibliography order, and index the new key order."""
        super().sort()
        self.keys = KeyList(self.keys)

    def restart_log(self) -> None:
        """Forget the cites rendered so far (a parallel share replays its own)."""
        self._cites = CiteLog()

    def log(self, cite: Any) -> None:
        """Count a cite as cited without rendering it."""
        self._cites.append(cite)
