"""citekit's benchmark: prints its numbers (medians of repeated runs, and ratios).

    python bench/bench.py                 # default sizes (records: 2000, render: 200)
    python bench/bench.py --others 500    # MLA and APA jobs of 500 items
    python bench/bench.py --render 1000   # the issue's 1,000-item job
    python bench/bench.py --no-reference  # skip citeproc-js even when node is there
    python bench/bench.py --large 10000   # also 10,000 Chicago items, citekit alone, once

Measures: records extracted per second; rendering N items (a first note, a short note and
a bibliography entry each) in Chicago notes, MLA and APA with citekit and, when node and
../shared/oracle are there, with citeproc-js on the same job, side by side; start-up of
`citekit --help` and `citekit cite documents/` against `python -c "import click"`; peak
memory of the render (the main process, and the largest worker process when the job was
spread over several: CITEKIT_JOBS); and, for comparison, the same job in one process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ORACLE = ROOT.parent / "shared" / "oracle" / "csl-reference"
SEED = ROOT / "documents" / "000_97e68d44f543b168.txt"
STYLES = ("chicago-notes-bibliography", "modern-language-association", "apa")


def calibration() -> float:
    """Seconds for a fixed pure-Python loop (median of 3): how fast this machine is right now.

    The project's machines share their cores with neighbours; the same job can take twice as
    long from one minute to the next. Printed at the start and the end of a run, this says
    which numbers were taken on a slow machine.
    """
    times = []
    for _ in range(3):
        t = time.perf_counter()
        total = 0
        for i in range(5_000_000):
            total += i
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def make_records(folder: Path, n: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        varied = text.replace("118188", str(200000 + i)).replace("118-01154-07", f"118-{i:05d}-07")
        varied = varied.replace("Reporting the Contents", f"Report {i} on the Contents")
        (folder / f"r{i:05d}.txt").write_text(varied, encoding="utf-8")


def bench_extraction(n: int, runs: int = 3) -> None:
    """Records read per second: wall clock (the default processes) and CPU (one process).

    The wall-clock rate is what a user sees (reading is spread over the cores); the CPU
    rate, with ``CITEKIT_JOBS=1``, is the work per record, which a busy machine moves far
    less than it moves wall-clock time.
    """
    with tempfile.TemporaryDirectory() as tmp:
        make_records(Path(tmp), n)
        code = (
            "import sys,time; from citekit.readers import read_paths;"
            "t=time.perf_counter(); c=time.process_time();"
            f"r=read_paths([{tmp!r}]); print(len(r.items), time.perf_counter()-t,"
            " time.process_time()-c)"
        )

        def one(jobs: str | None) -> tuple[float, float]:
            out = subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env=_env(CITEKIT_JOBS=jobs),
            ).stdout.split()
            if int(out[0]) != n:
                raise SystemExit(f"extraction read {out[0]} of {n} records")
            return float(out[1]), float(out[2])

        wall = statistics.median(one(None)[0] for _ in range(runs))
        cpu = statistics.median(one("1")[1] for _ in range(runs))
        print(
            f"extraction: {n} records: wall {wall:.2f} s = {n / wall:,.0f} records/s (default "
            f"processes); cpu {cpu:.2f} s = {n / cpu:,.0f} records/s (one process); "
            f"medians of {runs}; goal > 2,000 records/s",
            flush=True,
        )


def render_job(n: int, style: str) -> dict[str, object]:
    from citekit.readers import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        make_records(Path(tmp), n)
        items = [i.to_csl_json(with_facts=False) for i in read_paths([tmp]).items]
    citations = []
    for it in items:
        citations.append([{"id": it["id"], "locator": "11", "label": "page"}])
    for it in items:
        citations.append([{"id": it["id"], "locator": "12", "label": "page"}])
    return {
        "style": style,
        "format": "text",
        "items": items,
        "citations": citations,
        "bibliography": True,
    }


def run_citekit(job_path: Path, jobs: str | None = None) -> tuple[float, float, float]:
    """Render a job in a fresh interpreter: seconds, peak MB of the main process and of the
    largest worker process (0 when the job stayed in one process)."""
    # The main process's peak is VmHWM: ru_maxrss survives exec, so it would report the
    # benchmark's own size when that is larger.
    code = (
        "import json,sys,time,resource; import citekit; job=json.load(open(sys.argv[1]));"
        "t=time.perf_counter(); out=citekit.process(job); dt=time.perf_counter()-t;"
        "hwm=[l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')];"
        "r=resource; print(dt, hwm[0] if hwm else r.getrusage(r.RUSAGE_SELF).ru_maxrss,"
        " r.getrusage(r.RUSAGE_CHILDREN).ru_maxrss)"
    )
    env = dict(os.environ, **({"CITEKIT_JOBS": jobs} if jobs else {}))
    out = subprocess.run(
        [sys.executable, "-c", code, str(job_path)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]) / 1024


def run_reference(job_path: Path) -> float:
    t = time.perf_counter()
    subprocess.run([str(ORACLE), str(job_path)], capture_output=True, check=True)
    return time.perf_counter() - t


def bench_render(
    n: int, reference: bool, runs: int, styles: tuple[str, ...] = STYLES, one_process: bool = True
) -> None:
    from citekit.engine.styles import resolve_style

    for style in styles:
        job = render_job(n, style)
        with tempfile.TemporaryDirectory() as tmp:
            ours = Path(tmp) / "ours.json"
            ours.write_text(json.dumps(job))
            mine = [run_citekit(ours) for _ in range(runs)]
            med = statistics.median(t for t, _, _ in mine)
            main_mb = max(m for _, m, _ in mine)
            worker_mb = max(w for _, _, w in mine)
            line = (
                f"render {style}: {n} items x 3 slots: citekit {med:.1f} s "
                f"(median of {runs}; peak {main_mb:.0f} MB, worker {worker_mb:.0f} MB)"
            )
            if one_process:
                alone = statistics.median(run_citekit(ours, "1")[0] for _ in range(runs))
                line += f"; one process {alone:.1f} s"
            if reference:
                ref_job = dict(job, style=str(resolve_style(style).path))
                theirs = Path(tmp) / "ref.json"
                theirs.write_text(json.dumps(ref_job))
                ref = statistics.median(run_reference(theirs) for _ in range(runs))
                line += f"; citeproc-js {ref:.1f} s; ratio citekit/citeproc-js {med / ref:.2f}"
            print(line, flush=True)


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _env(**values: str | None) -> dict[str, str]:
    """This environment with ``values`` set (None: removed) and bytecode caching on.

    Some shells set PYTHONDONTWRITEBYTECODE; then every start compiles citekit's modules
    from source again, which no installed copy does.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for key, value in values.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def median_cpu_and_wall(
    cmds: list[tuple[list[str], dict[str, Any]]], runs: int
) -> list[tuple[float, float]]:
    """Median CPU seconds (user + system, children included) and wall seconds of commands.

    The commands take turns, run after run: this machine's speed drifts from one minute to
    the next, and a block of runs of one command after a block of the other compared two
    speeds of the machine (``import click`` measured 67 ms in one block, 98 ms in another).
    """
    cpus: list[list[float]] = [[] for _ in cmds]
    walls: list[list[float]] = [[] for _ in cmds]
    for cmd, kw in cmds:
        subprocess.run(cmd, check=True, capture_output=True, **kw)  # warm: bytecode, disk cache
    for _ in range(runs):
        for n, (cmd, kw) in enumerate(cmds):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, **kw)
            walls[n].append(time.perf_counter() - t)
            cpus[n].append(_cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(before))
    return [(statistics.median(c), statistics.median(w)) for c, w in zip(cpus, walls, strict=True)]


def bench_startup(runs: int) -> None:
    """``citekit --help`` and ``citekit cite`` against ``python -c "import click"`` (goal 1.5x)."""
    exe = shutil.which("citekit") or "citekit"
    env = _env()  # PYTHONDONTWRITEBYTECODE unset: the warm-up run writes the bytecode
    (base_cpu, base), (help_cpu, helptime), (cite_cpu, cite) = median_cpu_and_wall(
        [
            ([sys.executable, "-c", "import click"], {"env": env}),
            ([exe, "--help"], {"env": env}),
            ([exe, "cite", "documents/"], {"cwd": ROOT, "env": env}),
        ],
        runs,
    )
    print(
        f"start-up (medians of {runs}, taking turns): python -c 'import click' "
        f"{base * 1000:.0f} ms wall, "
        f"{base_cpu * 1000:.0f} ms cpu; citekit --help {helptime * 1000:.0f} ms "
        f"({helptime / base:.2f}x), cpu {help_cpu * 1000:.0f} ms ({help_cpu / base_cpu:.2f}x); "
        f"citekit cite documents/ {cite * 1000:.0f} ms ({cite / base:.2f}x), cpu "
        f"{cite_cpu * 1000:.0f} ms ({cite_cpu / base_cpu:.2f}x); goal --help <= 1.5x",
        flush=True,
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--records", type=int, default=2000)
    p.add_argument("--render", type=int, default=200, help="items in the Chicago job")
    p.add_argument(
        "--others",
        type=int,
        default=200,
        help="items in the MLA and APA jobs (citeproc-js takes minutes on 1,000 MLA items)",
    )
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--only", choices=("startup", "extraction"), help="measure just this")
    p.add_argument("--no-reference", action="store_true")
    p.add_argument(
        "--large",
        type=int,
        default=0,
        metavar="N",
        help="also render N items in Chicago notes (the issue's 10,000), once",
    )
    p.add_argument(
        "--large-reference", action="store_true", help="with --large, citeproc-js too (slow)"
    )
    a = p.parse_args()
    reference = not a.no_reference and ORACLE.exists() and shutil.which("node") is not None
    print(
        f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
        f"calibration loop {calibration():.2f} s",
        flush=True,
    )
    if a.only in (None, "startup"):
        bench_startup(max(a.runs, 9))
    if a.only in (None, "extraction"):
        bench_extraction(a.records, a.runs)
    if a.only:
        return
    bench_render(a.render, reference, a.runs, STYLES[:1])
    bench_render(a.others, reference, a.runs, STYLES[1:])
    if a.large:
        bench_render(
            a.large,
            reference and a.large_reference,
            1,
            ("chicago-notes-bibliography",),
            one_process=False,
        )
    print(f"calibration loop at the end: {calibration():.2f} s")


if __name__ == "__main__":
    main()
