"""Room on CPython's frame stack, so that a deep recursion does not map memory at every dip.

CPython 3.11 keeps the frames of Python calls on a stack made of 16 KiB chunks. When a call
does not fit in the last chunk, a new one is mapped (``mmap``); when the first frame of a
chunk returns, the chunk is unmapped at once. Rendering a citation walks the style's tree
by recursion (macro, group, choose, names: a dozen frames an element), so its depth goes
up and down across a chunk's end many times per item, and each crossing maps 16 KiB, faults
its pages in and unmaps them again: 121,000 ``mmap``/``munmap`` pairs for a 1,000-item
Chicago manuscript (``strace -c``), 17 s of system time for 10,000 items, and user time
lost on the faults and cold caches as well.

:func:`roomy` runs a function beneath one frame whose size makes CPython map a chunk of
256 KiB for it, a little over half of it that frame's and the rest free: the recursion
under it stays inside that chunk, which lives until the function returns. A 1,000-item
Chicago manuscript took 6.8 s instead of 9.8 s in one process (medians of three, with and
without the big frame taking turns), and 184 ``mmap`` calls were left. Nothing else
changes: the big frame's extra slots are empty local variables nobody reads.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from types import FunctionType
from typing import Any, ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

#: Empty local variables of the big frame: 8 bytes each. 16,500 of them (plus the frame's
#: own slots and CPython's margin of 1,000) ask for just over 128 KiB, so CPython maps the
#: next power of two, 256 KiB, and about 128 KiB stay free for the frames beneath: six times
#: the deepest render measured (Chicago notes and bibliography: 21 KiB, 122 frames). A
#: render deeper still only maps chunks beyond it, as without the big frame. Each call
#: costs the mapping and filling of that chunk, about 0.1 ms (1 MiB took 0.46 ms).
PAD_SLOTS = 16_500

_inside = threading.local()


def _call(function: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    return function(*args, **kwargs)


def _padded(function: FunctionType, slots: int) -> Callable[..., Any] | None:
    """``function`` again, with ``slots`` unused local variables (None if Python refuses)."""
    code = function.__code__
    names = code.co_varnames + tuple(f"_unused{n}" for n in range(slots))
    try:
        padded = code.replace(co_varnames=names, co_nlocals=len(names))
    except (TypeError, ValueError):  # a Python whose code objects will not take them
        return None
    return FunctionType(padded, function.__globals__, function.__name__)


_big_call = _padded(cast(FunctionType, _call), PAD_SLOTS) or _call


def roomy(function: Callable[P, R]) -> Callable[P, R]:
    """``function``, run beneath one big frame (once per thread: nested calls run plainly)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if getattr(_inside, "active", False):
            return function(*args, **kwargs)
        _inside.active = True
        try:
            result: R = _big_call(function, args, kwargs)
            return result
        finally:
            _inside.active = False

    return run
