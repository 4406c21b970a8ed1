"""Where a manuscript render spends its time: CPU seconds per phase, in this process.

    python bench/manuscript_phases.py DIR --style mla          # DIR from manuscript_bench --keep
    CITEKIT_JOBS=1 python bench/manuscript_phases.py DIR/n1000 --style chicago --runs 3

Renders ``DIR/ms.md`` with ``DIR/items-*.json`` as ``citekit render`` does and prints, per
phase, the CPU seconds (``resource.getrusage``: this process and the workers it reaped, so
a phase spread over processes shows its whole cost) and the wall seconds; medians when
--runs > 1. The phases are found by wrapping the functions that run them; a phase inside
another (the sort inside the bibliography) is printed indented and counted in both. Also
counts the item renders of the ambiguity check (``cite_alone``). It prints numbers; it is
not a test.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: (label, module, function name, depth): the functions wrapped, in the order printed.
PHASES = [
    ("read items", "citekit.cli.rendering", "_read_quietly", 0),
    ("render_manuscript", "citekit.manuscript", "render_manuscript", 0),
    ("engine render", "citekit.engine.pipeline", "render", 1),
    ("prepare items", "citekit.engine.pipeline", "prepare_item", 2),
    ("disambiguate", "citekit.engine.pipeline", "disambiguate", 2),
    ("citations", "citekit.engine.pipeline", "_render_citations", 2),
    ("bibliography", "citekit.engine.pipeline", "render_bibliography", 2),
    ("sort", "citekit.engine.caches.cites", "Bibliography.sort", 3),
    ("assemble", "citekit.manuscript.assemble", "assemble", 1),
    ("write", "citekit.cli.rendering", "write_output", 0),
]

STYLES = {
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "apa": "apa",
}


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class Timer:
    """CPU and wall seconds spent in the wrapped functions (outermost call only)."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self.active: set[str] = set()
        self.pieces = 0

    def wrap(self, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if label in self.active:
                return fn(*args, **kwargs)
            self.active.add(label)
            c, w = _cpu(), time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.cpu[label] = self.cpu.get(label, 0.0) + _cpu() - c
                self.wall[label] = self.wall.get(label, 0.0) + time.perf_counter() - w
                self.active.discard(label)

        return wrapped


def _install(timer: Timer) -> None:
    for label, module, name, _ in PHASES:
        mod = importlib.import_module(module)
        owner: Any = mod
        attr = name
        if "." in name:
            cls, attr = name.split(".")
            owner = getattr(mod, cls)
        setattr(owner, attr, timer.wrap(label, getattr(owner, attr)))
    dis = importlib.import_module("citekit.engine.disambiguate")
    original = dis.cite_alone

    def counted(*args: Any, **kwargs: Any) -> Any:
        out = original(*args, **kwargs)
        timer.pieces += len(out)
        return out

    dis.cite_alone = counted


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", help="a folder with ms.md and items-*.json (manuscript_bench --keep)")
    p.add_argument("--style", default="mla", help=f"{', '.join(STYLES)} or a style id")
    p.add_argument("--runs", type=int, default=1, help="runs (medians; each in a fresh fork)")
    a = p.parse_args()
    folder = Path(a.folder)
    from citekit.engine.styles import resolve_style

    style = str(resolve_style(STYLES.get(a.style, a.style)).path)
    argv = ["render", str(folder / "ms.md"), "-s", style, "-o", os.devnull]
    for f in sorted(folder.glob("items-*.json")):
        argv += ["-b", str(f)]
    runs: list[Any] = []
    for _ in range(a.runs):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # each run in a fresh process: nothing cached from the run before
            os.close(read)
            timer = Timer()
            _install(timer)
            from citekit.cli import main as cli

            c, w = _cpu(), time.perf_counter()
            try:
                cli(args=argv, prog_name="citekit", standalone_mode=False)
            finally:
                total = (_cpu() - c, time.perf_counter() - w)
            with os.fdopen(write, "w") as out:
                json.dump([timer.cpu, timer.wall, timer.pieces, *total], out)
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as got:
            runs.append(json.load(got))
        os.waitpid(pid, 0)
    print(
        f"{folder} {a.style}: {a.runs} run(s), CITEKIT_JOBS="
        f"{os.environ.get('CITEKIT_JOBS', 'unset')}, load {os.getloadavg()[0]:.1f}"
    )
    for label, _, _, depth in PHASES:
        cpu = statistics.median(r[0].get(label, 0.0) for r in runs)
        wall = statistics.median(r[1].get(label, 0.0) for r in runs)
        print(f"  {'  ' * depth}{label:<22} cpu {cpu:7.2f} s   wall {wall:7.2f} s")
    print(
        f"  total                  cpu {statistics.median(r[3] for r in runs):7.2f} s   "
        f"wall {statistics.median(r[4] for r in runs):7.2f} s; ambiguity check rendered "
        f"{runs[0][2]} items"
    )


if __name__ == "__main__":
    main()
