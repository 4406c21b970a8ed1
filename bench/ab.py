"""Two revisions of citekit on the same job, taking turns: is a change faster, and by how much?

    python bench/ab.py HEAD~1 HEAD                          # MLA, 1,000 items, one process
    python bench/ab.py main WORKTREE --job chicago --items 2000 --runs 9
    python bench/ab.py HEAD~3 HEAD --job extraction --jobs ''  # 2,000 records, every core
    python bench/ab.py main HEAD --job mla --items 10000 --manuscript --jobs ''
    python bench/ab.py main HEAD --job chicago --items 150 --instructions

Each revision is checked out into a temporary git worktree (a path to a folder is used as
it is), byte-compiled, and run in a fresh interpreter with that tree first on the path. The
two run one after the other, run after run, in alternating order, so both meet the same
speed of these shared machines; the script prints the median seconds of each, the median
of the per-pair ratios (new / old) and whether the outputs are the same. The bench scripts
compare citekit with pandoc; this compares citekit with itself.

``--instructions`` counts instead of timing: each revision runs once under valgrind's
callgrind (one process, ``PYTHONHASHSEED=0``), and once more on a one-item job, whose count
(start-up, imports, loading the style) is taken off, leaving the instructions the items
cost. The count is the same from run to run whatever else the machine does, so it tells a
2 % change, which the clock here cannot (two timed comparisons of one such change read 0.91
and 1.13). It is slow (about a minute per 100 items): use --items 150 or so. It counts
work, not waiting: a change to how processes share a job needs the clock.

Why byte-compiled: a tree without ``__pycache__`` (a fresh worktree, or this machine's
PYTHONDONTWRITEBYTECODE) compiles every module it imports lazily inside the timed part, and
a comparison then measures compilation too (it once made a 13 % gain look like 23 %).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

STYLES = {
    "mla": "modern-language-association",
    "chicago": "chicago-notes-bibliography",
    "apa": "apa",
}

# The timed part runs in the child: it prints its seconds, then a digest of its output.
_RENDER = """
import hashlib, json, sys, time
import citekit
job = json.load(open(sys.argv[1]))
t = time.perf_counter()
out = citekit.process(job)
dt = time.perf_counter() - t
print(dt, hashlib.sha256(json.dumps(out, sort_keys=True).encode()).hexdigest())
"""
# --manuscript: what `citekit render` does, reading the items file included
_MANUSCRIPT = """
import hashlib, sys, time
from pathlib import Path
from citekit import parallel
from citekit.api import read
from citekit.manuscript import render_manuscript
getattr(parallel, "process_ends", lambda: None)()  # as the citekit program does, if it can
folder, style = Path(sys.argv[1]), sys.argv[2]
t = time.perf_counter()
items = read([str(folder / "items.json")]).items
out = render_manuscript((folder / "ms.md").read_text(encoding="utf-8"), items, style=style)
dt = time.perf_counter() - t
print(dt, hashlib.sha256(out.encode()).hexdigest())
"""
_EXTRACT = """
import hashlib, sys, time
from citekit.readers import read_paths
t = time.perf_counter()
r = read_paths([sys.argv[1]])
dt = time.perf_counter() - t
print(dt, hashlib.sha256(repr(r.items).encode()).hexdigest())
"""


def tree(rev: str, scratch: Path) -> Path:
    """A folder holding ``rev``: the folder itself, or a new worktree checked out there."""
    if Path(rev).is_dir():
        return Path(rev).resolve()
    where = scratch / rev.replace("/", "_").replace("~", "-")
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(where), rev],
        check=True,
    )
    return where


def prepare(folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(folder / "citekit")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run(folder: Path, code: str, args: list[str], jobs: str | None) -> tuple[float, str]:
    env = {"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"}
    if jobs:
        env["CITEKIT_JOBS"] = jobs
    out = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=folder, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"{folder}: {out.stderr.strip()[-1500:]}")
    seconds, digest = out.stdout.split()
    return float(seconds), digest


def count(folder: Path, code: str, args: list[str]) -> tuple[int, str]:
    """Instructions of one run in one process under callgrind, and its output's digest."""
    env = {"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    env["CITEKIT_JOBS"] = "1"
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
        + [sys.executable, "-c", code, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode or found is None:
        raise SystemExit(f"{folder}: {out.stderr.strip()[-1500:]}")
    return int(found.group(1)), out.stdout.split()[1]


def job(a: argparse.Namespace, scratch: Path, n: int) -> tuple[str, list[str]]:
    """The code to run and its arguments, for ``n`` items (records) of the chosen job."""
    where = scratch / f"n{n}"
    where.mkdir()
    if a.job == "extraction":
        import bench as records

        records.make_records(where, n)
        return _EXTRACT, [str(where)]
    import manuscript_bench as ms

    items = ms.make_items(n)
    if a.manuscript:
        (where / "items.json").write_text(json.dumps(items), encoding="utf-8")
        (where / "ms.md").write_text(ms.make_manuscript(items), encoding="utf-8")
        return _MANUSCRIPT, [str(where), STYLES[a.job]]
    cites = [[{"id": i["id"], "locator": "11", "label": "page"}] for i in items]
    cites += [[{"id": i["id"]}] for i in items[: len(items) // 3]]
    spec = {"style": STYLES[a.job], "items": items, "citations": cites, "bibliography": True}
    (where / "job.json").write_text(json.dumps(spec), encoding="utf-8")
    return _RENDER, [str(where / "job.json")]


def instructions(a: argparse.Namespace, folders: list[Path], scratch: Path) -> None:
    """Print each revision's instructions for the items (and in all), and their ratio."""
    from concurrent.futures import ThreadPoolExecutor

    code, args = job(a, scratch, a.items)
    base_code, base_args = job(a, scratch, 1)
    runs = [(f, code, args) for f in folders] + [(f, base_code, base_args) for f in folders]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        (old, d_old), (new, d_new), (old_1, _), (new_1, _) = pool.map(lambda r: count(*r), runs)
    m = 1e6
    print(
        f"{a.job}{' manuscript' if a.manuscript else ''}, {a.items} "
        f"{'records' if a.job == 'extraction' else 'items'}, instructions (callgrind, one "
        f"process), less those of the same run with one:\n"
        f"  {a.old}: {(old - old_1) / m:,.1f} M ({old / m:,.1f} M in all)\n"
        f"  {a.new}: {(new - new_1) / m:,.1f} M ({new / m:,.1f} M in all)\n"
        f"  new/old: {(new - new_1) / (old - old_1):.4f} ({new / old:.4f} in all)\n"
        f"  same output: {d_old == d_new}"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("old", help="a git revision or a folder")
    p.add_argument("new", help="a git revision or a folder")
    p.add_argument("--job", default="mla", choices=[*STYLES, "extraction"])
    p.add_argument("--items", type=int, default=1000, help="items (records for extraction)")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--jobs", default="1", help="CITEKIT_JOBS ('' for the default)")
    p.add_argument(
        "--manuscript",
        action="store_true",
        help="render manuscript_bench's manuscript from an items file, as `citekit render` "
        "does (reading and the manuscript's own work timed too), not the engine's job alone",
    )
    p.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under callgrind instead of timing (see above; --runs and "
        "--jobs do not apply)",
    )
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="citekit-ab-") as tmp:
        scratch = Path(tmp)
        folders = [tree(a.old, scratch), tree(a.new, scratch)]
        try:
            for folder in folders:
                prepare(folder)
            if a.instructions:
                instructions(a, folders, scratch)
                return
            code, args = job(a, scratch, a.items)
            jobs = a.jobs or None
            times: list[list[float]] = [[], []]
            digests: list[set[str]] = [set(), set()]
            for n in range(a.runs):
                for k in (0, 1) if n % 2 == 0 else (1, 0):
                    seconds, digest = run(folders[k], code, args, jobs)
                    times[k].append(seconds)
                    digests[k].add(digest)
        finally:
            for folder, rev in zip(folders, (a.old, a.new), strict=True):
                if not Path(rev).is_dir():
                    subprocess.run(
                        ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
                        check=False,
                    )
    ratios = [b / a_ for a_, b in zip(times[0], times[1], strict=True)]
    print(
        f"{a.job}{' manuscript' if a.manuscript else ''}, "
        f"{a.items} {'records' if a.job == 'extraction' else 'items'}, "
        f"CITEKIT_JOBS={jobs or 'default'}, {a.runs} runs each, taking turns:\n"
        f"  {a.old}: median {statistics.median(times[0]):.3f} s\n"
        f"  {a.new}: median {statistics.median(times[1]):.3f} s\n"
        f"  new/old: {statistics.median(times[1]) / statistics.median(times[0]):.3f} "
        f"(medians), {statistics.median(ratios):.3f} (median of per-pair ratios)\n"
        f"  same output: {digests[0] == digests[1] and len(digests[0]) == 1}"
    )


if __name__ == "__main__":
    main()
