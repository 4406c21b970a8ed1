"""A book-length manuscript, rendered by citekit and by pandoc --citeproc side by side.

    python bench/manuscript_bench.py                          # 1,000 and 10,000 items, 3 styles
    python bench/manuscript_bench.py --sizes 1000,10000,50000 --styles mla --pandoc-max 10000
    python bench/manuscript_bench.py --sizes 1000 --runs 3    # medians of 3 runs
    python bench/manuscript_bench.py --small-runs 5           # medians of 5 at 1,000 items
    python bench/manuscript_bench.py --keep /tmp/ms           # keep the generated files
    python bench/manuscript_bench.py --interleave --runs 3 --no-pandoc  # growth, paired

The job (issue 16): a Markdown manuscript with one footnote citation per paragraph citing N
archival items, every item once and a third of them again (half of those at once, "Ibid.",
half after the first pass, a short note), rendered with `citekit render` and with
`pandoc --citeproc` on the same CSL-JSON file and the same CSL style file, both writing
Markdown. The items are generated (seeded, so every run renders the same ones): ministries
and people, some sharing a family name (disambiguation) or an author and year (year
suffixes), repeated authors (subsequent-author-substitute), dates, archives, pages.

Printed per style and size: wall-clock seconds of each whole command (start-up, reading,
rendering, writing; medians when --runs > 1) and its CPU seconds (user + system of the
process and of the workers it forked and reaped, from ``os.wait4``'s resource usage: on a
shared machine wall time is unfair to whichever program runs while the load is higher,
CPU time much less so), the ratios citekit/pandoc of both, the load average when the line
was printed, peak resident
memory (citekit: its main process and its largest forked worker; pandoc: its process), and
per style the growth factor (time at the larger size / time at the smaller one: 10 for
10-fold more items is linear). It prints numbers; it is not a test. The machine may be
shared: run it twice, compare numbers from one run.

The growth factor divides two measurements taken minutes apart, and this machine's speed
drifts over minutes (the same code's Chicago growth measured 7.8x in one run and 12.3x in
the next). ``--interleave`` takes citekit's runs of the sizes in turn (1,000 items, then
10,000, then 1,000 again...) and prints, besides the medians, the median of the growth of
each such pair of neighbouring runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Items per CSL-JSON file: citekit refuses inputs over 20 MB (CITEKIT_MAX_BYTES), so a
#: 50,000-item catalogue is written as several files, passed to both programs.
PER_FILE = 10_000
#: Sizes up to this many items are measured ``--small-runs`` times.
SMALL = 2_000
STYLES = {
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "apa": "apa",
}

# Runs citekit's command line in this process and reports its own peak (VmHWM: ru_maxrss
# would carry over the parent's size through exec) and its largest worker's (the forked
# children are reaped by it, so RUSAGE_CHILDREN holds their peak).
_CITEKIT = """
import resource, sys
from citekit import parallel
from citekit.cli import main
parallel.process_ends()  # as the citekit program does (citekit.cli.run)
code = 0
try:
    main(args=sys.argv[2:], prog_name="citekit", standalone_mode=True)
except SystemExit as exc:
    code = exc.code or 0
hwm = next((int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")), 0)
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as f:
    f.write(f"{hwm} {kids}")
sys.exit(code)
"""

_MINISTRIES = [
    "Ministry of Foreign Affairs",
    "Central Committee of the Communist Party of the Soviet Union",
    "Central Intelligence Agency",
    "Department of State",
    "Foreign Office",
    "Ministry of Defense",
    "Politburo",
    "National Security Council",
    "Embassy of Hungary in Beijing",
    "Czechoslovak Embassy in Havana",
    "Polish United Workers' Party",
    "Stasi",
    "Xinjiang Foreign Affairs Department",
    "Romanian Communist Party",
    "United Nations Secretariat",
]
_FAMILIES = [
    "Kraus",
    "Chen",
    "Zhang",
    "Ostermann",
    "Weathersby",
    "Radchenko",
    "Mastny",
    "Hershberg",
    "Byrne",
    "Dobrynin",
    "Kennan",
    "Nagy",
    "Schmidt",
    "Kovács",
    "Popescu",
    "Novák",
    "Ivanov",
    "Smith",
    "Lee",
    "Kim",
    "Park",
    "Wang",
    "Li",
    "Brown",
    "Müller",
]
_GIVEN = [
    "Charles",
    "Christian F.",
    "Sergey",
    "Kathryn",
    "Vojtech",
    "James G.",
    "Malcolm",
    "Anatoly",
    "George F.",
    "Imre",
    "Helmut",
    "Zsuzsa",
    "Ion",
    "Jan",
    "Pavel",
    "John",
    "Jae-hoon",
    "Min-ji",
    "Hanfu",
    "Wei",
    "Emily",
    "Hans",
]
_KINDS = [
    "Telegram",
    "Memorandum of Conversation",
    "Report",
    "Letter",
    "Minutes of Meeting",
    "Cable",
    "Note",
    "Record of Conversation",
]
_PLACES = [
    "Beijing",
    "Moscow",
    "Washington",
    "Budapest",
    "Pyongyang",
    "Havana",
    "Warsaw",
    "Prague",
    "Bucharest",
    "Berlin",
    "Hanoi",
    "Belgrade",
]
_TOPICS = [
    "the Situation in Xinjiang",
    "Border Talks",
    "the Nuclear Question",
    "Economic Aid",
    "the Cuban Crisis",
    "the Sino-Soviet Split",
    "Grain Deliveries",
    "the Korean Armistice",
    "Student Exchanges",
    "Radio Propaganda",
    "the Berlin Question",
    "Military Advisers",
]
_ARCHIVES = [
    ("Wilson Center Digital Archive", "PRC FMA"),
    ("Archive of Foreign Policy of the Russian Federation", "AVPRF f. 0100"),
    ("Hungarian National Archives", "MOL XIX-J-1-j"),
    ("National Archives and Records Administration", "RG 59"),
    ("Polish Central Archives of Modern Records", "AAN KC PZPR"),
]


def make_items(n: int, seed: int = 16) -> list[dict[str, object]]:
    """N archival items (CSL-JSON), the same ones for the same N and seed."""
    rng = random.Random(seed)
    items: list[dict[str, object]] = []
    for i in range(n):
        year = rng.randint(1945, 1991)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        kind, topic = rng.choice(_KINDS), rng.choice(_TOPICS)
        here, there = rng.sample(_PLACES, 2)
        archive, fonds = rng.choice(_ARCHIVES)
        item: dict[str, object] = {
            "id": f"doc{i:05d}",
            "type": "manuscript",
            "title": f"{kind} from {here} to {there} on {topic}, No. {rng.randint(1, 999)}",
            "title-short": f"{kind} on {topic}",
            "issued": {"date-parts": [[year, month, day]]},
            "archive": archive,
            "archive_location": f"{fonds} {rng.randint(1, 400)}-{i:05d}",
            "page": f"{(p := rng.randint(1, 300))}-{p + rng.randint(1, 9)}",
            "URL": f"https://digitalarchive.example.org/document/{100000 + i}",
            "language": "en",
        }
        if rng.random() < 0.55:
            item["author"] = [{"literal": rng.choice(_MINISTRIES)}]
        else:
            item["author"] = [{"family": rng.choice(_FAMILIES), "given": rng.choice(_GIVEN)}]
        if rng.random() < 0.4:
            item["translator"] = [{"family": rng.choice(_FAMILIES), "given": rng.choice(_GIVEN)}]
        items.append(item)
    return items


def make_record_items(n: int) -> list[dict[str, object]]:
    """N items made from the example record as the issue's table was (bench/bench.py's way).

    Every item has the same author, date and archive; titles and locations differ.
    """
    from citekit import read

    seed = read([str(ROOT / "documents" / "000_97e68d44f543b168.txt")]).items[0]
    base = seed.to_csl_json(with_facts=False)
    items: list[dict[str, object]] = []
    for i in range(n):
        item = dict(base, id=f"doc{i:05d}")
        item["title"] = str(base["title"]).replace(
            "Reporting the Contents", f"Report {i} on the Contents"
        )
        item["title-short"] = f"Report {i}"
        item["archive_location"] = f"PRC FMA 118-{i:05d}-07"
        item["URL"] = str(base["URL"]).replace("118188", str(200000 + i))
        item.pop("citation-key", None)
        items.append(item)
    return items


def make_manuscript(items: list[dict[str, object]]) -> str:
    """One paragraph per citation: every item once, a third again (Ibid. and short notes)."""
    paras = ["# A history in documents", ""]
    later: list[str] = []
    for n, item in enumerate(items):
        key = item["id"]
        paras.append(f"Paragraph {n + 1} discusses the record in some detail.[@{key}, p. 11]\n")
        if n % 3 == 0:
            if n % 6 == 0:  # at once: "Ibid."
                paras.append(f"It returns to the same record.[@{key}, p. 12]\n")
            else:  # after the first pass: a short note
                later.append(f"A later paragraph returns to it.[@{key}, pp. 3-4]\n")
    return "\n".join(paras + later) + "\n"


def _item_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("items-*.json"))


def _peak_of(pid: int) -> tuple[int, float, float]:
    """Wait for a child: its exit status, peak resident MB (ru_maxrss) and CPU seconds.

    The CPU seconds (user + system) include the child's own reaped children (citekit's
    workers). On a shared machine they move far less than wall-clock time does.
    """
    _, status, usage = os.wait4(pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, cpu


def run_citekit(
    folder: Path, style_path: str, jobs: str | None
) -> tuple[float, float, float, float]:
    """Seconds, main-process peak MB, largest-worker peak MB and CPU seconds of a render."""
    report = folder / "citekit-peak.txt"
    out = folder / "out-citekit.md"
    cmd = [sys.executable, "-c", _CITEKIT, str(report), "render", str(folder / "ms.md")]
    for f in _item_files(folder):
        cmd += ["-b", str(f)]
    cmd += ["-s", style_path, "-o", str(out)]
    env = dict(os.environ)
    if jobs:
        env["CITEKIT_JOBS"] = jobs
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    code, _, cpu = _peak_of(proc.pid)
    dt = time.perf_counter() - t
    proc.returncode = code
    if code != 0:
        raise SystemExit(f"citekit failed ({code}): {err.decode(errors='replace')[-2000:]}")
    main_kb, worker_kb = (int(x) for x in report.read_text().split())
    return dt, main_kb / 1024, worker_kb / 1024, cpu


def run_pandoc(folder: Path, style_path: str, pandoc: str) -> tuple[float, float, float]:
    """Seconds, peak MB and CPU seconds of one `pandoc --citeproc` on the same files."""
    cmd = [pandoc, str(folder / "ms.md"), "--citeproc", "--wrap=none", "-t", "markdown"]
    for f in _item_files(folder):
        cmd += ["--bibliography", str(f)]
    cmd += ["--csl", style_path]
    cmd += ["-o", str(folder / "out-pandoc.md")]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    code, peak, cpu = _peak_of(proc.pid)
    dt = time.perf_counter() - t
    proc.returncode = code
    if code != 0:
        raise SystemExit(f"pandoc failed ({code}): {err.decode(errors='replace')[-2000:]}")
    return dt, peak, cpu


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return None


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000", help="item counts, comma-separated")
    p.add_argument("--styles", default="chicago,mla,apa", help=f"of {', '.join(STYLES)}")
    p.add_argument("--runs", type=int, default=1, help="runs per measurement (median)")
    p.add_argument(
        "--small-runs",
        type=int,
        default=None,
        help="runs per measurement up to 2,000 items (default: --runs): a job of seconds "
        "varies by a third from run to run here, and the growth factor divides by it",
    )
    p.add_argument(
        "--pandoc-max", type=int, default=10000, help="skip pandoc above this many items"
    )
    p.add_argument("--no-pandoc", action="store_true")
    p.add_argument(
        "--no-citekit",
        action="store_true",
        help="pandoc alone (its times do not change with citekit's code)",
    )
    p.add_argument("--jobs", default=None, help="CITEKIT_JOBS for citekit (default: unset)")
    p.add_argument(
        "--items",
        choices=("varied", "record"),
        default="varied",
        help="varied: generated archival items (default); record: the example record "
        "varied as in the issue's table (one author and date, distinct titles)",
    )
    p.add_argument("--keep", default=None, help="write the generated files to this folder")
    p.add_argument(
        "--interleave",
        action="store_true",
        help="citekit's runs of the sizes in turn, and the growth of each pair of them "
        "(citekit only: pandoc's runs at the larger sizes are too long to repeat)",
    )
    a = p.parse_args()
    if a.interleave:
        interleaved(a)
        return
    from citekit.engine.styles import resolve_style

    sizes, styles = _sizes_and_styles(a)
    pandoc = None if a.no_pandoc else pandoc_path()
    version = ""
    if pandoc:
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
        version = version.splitlines()[0]
    small = f" ({a.small_runs} up to {SMALL:,} items)" if a.small_runs else ""
    _header(a, version or "pandoc: not run", f"runs {a.runs}{small}")
    base = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="citekit-bench-"))
    times: dict[tuple[str, str, int], float] = {}
    for size in sizes:
        folder = base / f"n{size}"
        cites = _write_job(folder, size, a.items)
        runs = a.small_runs if a.small_runs and size <= SMALL else a.runs
        for short in styles:
            style_path = str(resolve_style(STYLES.get(short, short)).path)
            line = f"{short:8} {size:>6} items, {cites:>6} citations:"
            t_ck = 0.0
            with_pandoc = pandoc if pandoc and size <= a.pandoc_max else None
            # the two programs take turns, run after run: the machine's speed drifts
            mine: list[Any] = []
            theirs: list[Any] = []
            for _ in range(runs):
                if not a.no_citekit:
                    mine.append(run_citekit(folder, style_path, a.jobs))
                if with_pandoc:
                    theirs.append(run_pandoc(folder, style_path, with_pandoc))
            if mine:
                t_ck = statistics.median(t for t, _, _, _ in mine)
                c_ck = statistics.median(c for _, _, _, c in mine)
                times["citekit", short, size] = t_ck
                times["citekit cpu", short, size] = c_ck
                line += (
                    f" citekit {t_ck:7.1f} s, cpu {c_ck:6.1f} s (peak "
                    f"{max(m for _, m, _, _ in mine):4.0f} MB, worker "
                    f"{max(w for _, _, w, _ in mine):4.0f} MB)"
                )
            if theirs:
                t_pd = statistics.median(t for t, _, _ in theirs)
                c_pd = statistics.median(c for _, _, c in theirs)
                times["pandoc", short, size] = t_pd
                times["pandoc cpu", short, size] = c_pd
                line += (
                    f"; pandoc {t_pd:7.1f} s, cpu {c_pd:6.1f} s "
                    f"(peak {max(m for _, m, _ in theirs):5.0f} MB)"
                )
                if t_ck:
                    line += f"; ratio citekit/pandoc {t_ck / t_pd:.2f} (cpu {c_ck / c_pd:.2f})"
            elif pandoc:
                line += "; pandoc skipped (--pandoc-max)"
            print(f"{line} [load {os.getloadavg()[0]:.1f}]", flush=True)
    for short in styles:
        for engine in ("citekit", "citekit cpu", "pandoc", "pandoc cpu"):
            done = [s for s in sizes if (engine, short, s) in times]
            for small, large in itertools.pairwise(done):
                g = times[engine, short, large] / times[engine, short, small]
                print(
                    f"growth {short:8} {engine:11} {small:>6} -> {large:>6} items "
                    f"({large / small:.0f}x): time x{g:.1f}"
                )
    if not a.keep:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    else:
        print(f"files kept in {base}")


def _sizes_and_styles(a: argparse.Namespace) -> tuple[list[int], list[str]]:
    sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s]
    return sizes, [s.strip() for s in a.styles.split(",") if s.strip()]


def _header(a: argparse.Namespace, pandoc: str, runs: str) -> None:
    print(
        f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; python "
        f"{sys.version.split()[0]}; {pandoc}; CITEKIT_JOBS="
        f"{a.jobs or os.environ.get('CITEKIT_JOBS', 'unset')}; {runs}; items {a.items}",
        flush=True,
    )


def _write_job(folder: Path, size: int, kind: str) -> int:
    """Write the items and the manuscript of one size; the number of citations."""
    folder.mkdir(parents=True, exist_ok=True)
    items = make_items(size) if kind == "varied" else make_record_items(size)
    for old in _item_files(folder):
        old.unlink()
    for k in range(0, size, PER_FILE):
        chunk = json.dumps(items[k : k + PER_FILE], ensure_ascii=False)
        (folder / f"items-{k // PER_FILE:02d}.json").write_text(chunk, "utf-8")
    (folder / "ms.md").write_text(make_manuscript(items), "utf-8")
    return (folder / "ms.md").read_text("utf-8").count("[@")


def interleaved(a: argparse.Namespace) -> None:
    """``--interleave``: citekit's runs of every size in turn; the growth of each pair."""
    from citekit.engine.styles import resolve_style

    sizes, styles = _sizes_and_styles(a)
    _header(a, "pandoc: not run", f"runs {a.runs}, sizes in turn")
    base = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="citekit-bench-"))
    folders = {size: base / f"n{size}" for size in sizes}
    cites = {size: _write_job(folders[size], size, a.items) for size in sizes}
    for short in styles:
        style_path = str(resolve_style(STYLES.get(short, short)).path)
        runs: dict[int, list[Any]] = {size: [] for size in sizes}
        for _ in range(a.runs):
            for size in sizes:
                runs[size].append(run_citekit(folders[size], style_path, a.jobs))
        for size in sizes:
            wall = statistics.median(t for t, _, _, _ in runs[size])
            cpu = statistics.median(c for _, _, _, c in runs[size])
            print(
                f"{short:8} {size:>6} items, {cites[size]:>6} citations: citekit "
                f"{wall:7.1f} s, cpu {cpu:6.1f} s (peak "
                f"{max(m for _, m, _, _ in runs[size]):4.0f} MB)"
            )
        for small, large in itertools.pairwise(sizes):
            for n, what in ((0, "time"), (3, "cpu")):
                pairs = [
                    big[n] / little[n] for little, big in zip(runs[small], runs[large], strict=True)
                ]
                medians = statistics.median(r[n] for r in runs[large]) / statistics.median(
                    r[n] for r in runs[small]
                )
                print(
                    f"growth {short:8} citekit {what:4} {small:>6} -> {large:>6} items "
                    f"({large / small:.0f}x): x{medians:.1f} (medians), "
                    f"x{statistics.median(pairs):.1f} (median of {len(pairs)} pairs: "
                    f"{', '.join(f'{g:.1f}' for g in pairs)}) [load {os.getloadavg()[0]:.1f}]"
                )
    if not a.keep:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
