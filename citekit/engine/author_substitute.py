"""subsequent-author-substitute: an entry's first names, marked where they end, and replaced.

citeproc-js replaces the names of an entry that repeats the previous entry's names before it
joins the entry's parts, so the delimiter after the names survives: "———. 1994." although
"et al." and the delimiter "." had run together in the entry ("et al. 1994"). citekit
replaces the names in the finished entry text, so the names are marked where they end while
the entry renders (:func:`mark_end`): the delimiter after the mark is not merged into the
names' own period, and the mark tells the two apart afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from citeproc.string import SEAM_PUNCTUATION, String

#: Where the first names of an entry end (a private-use character, gone before output).
NAMES_END = "\ue0d1"


def mark_end(text: Any) -> Any:
    """The rendered names with the end mark after them."""
    return text + String(NAMES_END)


def substitute_repeated(
    entries: list[str], first_names: Sequence[str | None], substitute: str | None
) -> list[str]:
    """The entries with repeated first names replaced, and every end mark taken out.

    FIX(subsequent-author-substitute): citeproc-py ignores the option; the names of an
    entry whose names repeat the previous entry's are replaced ("complete-all", CSL's
    default rule). FIX(sas-delimiter-period): the delimiter after replaced names is kept
    ("———. 1994"); where the names stay, the delimiter merges with them as citeproc-py's
    seams merge a repeated punctuation mark or space ("et al. 1994").
    """
    done = list(entries)
    if substitute is not None:
        for n in range(len(done) - 1, 0, -1):
            names = first_names[n]
            if not names or names != first_names[n - 1]:
                continue
            marked = f"{names}{NAMES_END}"
            if marked in done[n]:
                done[n] = done[n].replace(marked, substitute, 1)
            elif names in done[n]:  # a title standing in for the names: not marked
                done[n] = done[n].replace(names, substitute, 1)
    return [_unmark(e) for e in done]


def _unmark(entry: str) -> str:
    at = entry.find(NAMES_END)
    if at < 0:
        return entry
    before, after = entry[:at], entry[at + 1 :]
    if before and after and before[-1] == after[0] and after[0] in SEAM_PUNCTUATION | {" "}:
        after = after[1:]
    return before + after.replace(NAMES_END, "")
