"""``cs:sort`` fast: later sort keys are rendered only for the items they must tell apart."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cmp_to_key
from typing import Any

import citeproc.model as cmodel


class Sort(cmodel.Sort):  # type: ignore[misc]
    """Sort as citeproc-py does (key by key, its comparison), computing keys only for ties.

    citeproc-py renders every sort key of every item before comparing. A bibliography's
    second key (the title, after the author) decides only among entries whose first keys
    are equal, and the later keys almost never; rendering them is most of the sort's cost.
    """

    def sort(self, items: Any, context: Any) -> list[Any]:
        """The items in the order of the style's keys."""
        keys = [
            (key, key.get("sort", "ascending").lower() == "descending")
            for key in self.findall("cs:key", self.nsmap)
        ]
        return _sort_from(list(items), keys, 0, context)


def _sort_from(items: list[Any], keys: list[tuple[Any, bool]], k: int, context: Any) -> list[Any]:
    if k == len(keys) or len(items) < 2:
        return items
    key, descending = keys[k]
    values = key.sort_keys(items, context)
    compare = _key_comparison(descending)

    def by_value(a: tuple[Any, Any], b: tuple[Any, Any]) -> int:
        return compare(a[1], b[1])

    pairs = sorted(zip(items, values, strict=True), key=cmp_to_key(by_value))
    out: list[Any] = []
    run = [pairs[0]]
    for pair in pairs[1:]:
        if compare(run[-1][1], pair[1]) == 0:
            run.append(pair)
            continue
        out += _sort_from([item for item, _ in run], keys, k + 1, context)
        run = [pair]
    out += _sort_from([item for item, _ in run], keys, k + 1, context)
    return out


def _key_comparison(descending: bool) -> Callable[[Any, Any], int]:
    """citeproc-py's comparison of one sort key: case folded, numbers as numbers, empty last."""

    def compare(left: Any, right: Any) -> int:
        if left is None or right is None:
            return (left is None) - (right is None)
        with contextlib.suppress(AttributeError):
            left, right = str(left.lower()), str(right.lower())
        with contextlib.suppress(ValueError):
            left, right = int(str(left)), int(str(right))
        result = int(left > right) - int(left < right)
        return -result if descending else result

    return compare
