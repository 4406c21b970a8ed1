"""The progress bar of long batches: on stderr, on a terminal only, never with --quiet."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Below this many pieces of work a batch is quick enough to need no progress bar.
PROGRESS_MIN = 200


def stderr_is_terminal() -> bool:
    """Whether stderr is a terminal (a bar in a pipe or a log would be noise)."""
    return sys.stderr.isatty()


class Bar:
    """A one-line progress bar redrawn in place ("\\r") on stderr, at most 100 times."""

    WIDTH = 30

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done, self.shown = label, total, 0, -1

    def update(self, n: int) -> None:
        """Count ``n`` more pieces done; redraw when the percentage changes."""
        self.done = min(self.total, self.done + n)
        percent = self.done * 100 // self.total
        if percent != self.shown:
            self.shown = percent
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            sys.stderr.write(f"\r{self.label} [{bar}] {percent:3d}% {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        """End the bar's line."""
        sys.stderr.write("\n")
        sys.stderr.flush()


@contextmanager
def progress(quiet: bool, label: str, total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a long batch: only on a terminal, never with --quiet.

    Yields the callback to report work done (``None`` when there is no bar).
    """
    if quiet or total < PROGRESS_MIN or not stderr_is_terminal():
        yield None
        return
    bar = Bar(label, total)
    bar.update(0)
    try:
        yield bar.update
    finally:
        bar.close()
