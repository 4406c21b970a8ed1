"""Rebuilding an output whenever an input changes (``--watch``), as Better BibTeX users expect.

The watching is watchfiles' (a maintained, Rust-backed watcher). Changes are gathered for a
short moment (so an editor's save-as-rename is one change), then the caller's ``rebuild``
runs once for them; it writes its output atomically (:func:`citekit.textio.write_atomic`),
so a reader never sees half a file. Only files citekit reads count: records, CSL-JSON,
BibTeX, RIS, ``citekit.keys`` and the manuscript, never hidden or temporary files (the
output's own temporary file is one of those), and never the output itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

#: The suffixes whose changes cause a rebuild.
WATCHED_SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".json",
    ".csljson",
    ".bib",
    ".bibtex",
    ".ris",
    ".keys",
)


def _watch_roots(paths: Iterable[str]) -> list[str]:
    """The folders to watch: each folder given, and the folder of each file given."""
    roots = []
    for p in paths:
        path = Path(p)
        root = path if path.is_dir() else (path.parent if str(path.parent) else Path("."))
        roots.append(str(root.resolve()))
    return list(dict.fromkeys(roots))


def watch(
    paths: Sequence[str],
    rebuild: Callable[[list[str]], None],
    *,
    outputs: Sequence[str] = (),
    stop: threading.Event | None = None,
    limit: int | None = None,
    debounce_ms: int = 200,
) -> int:
    """Call ``rebuild(changed_files)`` after each batch of changes under ``paths``.

    Returns when ``stop`` is set or after ``limit`` rebuilds (for tests and scripts);
    otherwise runs until interrupted. Returns the number of rebuilds.
    """
    import watchfiles

    given = {str(Path(p).resolve()) for p in paths if not Path(p).is_dir()}
    folders = [str(Path(p).resolve()) for p in paths if Path(p).is_dir()]
    skip = {str(Path(o).resolve()) for o in outputs}

    def wanted(_change: Any, path: str) -> bool:
        p = Path(path)
        if path in skip or p.name.startswith(".") or p.suffix.lower() not in WATCHED_SUFFIXES:
            return False
        return path in given or any(path.startswith(f + "/") for f in folders)

    count = 0
    for changes in watchfiles.watch(
        *_watch_roots(paths),
        watch_filter=wanted,
        debounce=debounce_ms,
        step=50,
        stop_event=stop,
        raise_interrupt=False,
    ):
        rebuild(sorted({p for _, p in changes}))
        count += 1
        if limit is not None and count >= limit:
            break
    return count
