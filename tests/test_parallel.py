"""citekit.parallel: runs claimed as processes are ready, in order, failures redone here."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED

from citekit import parallel
from citekit.errors import CitekitError


@pytest.fixture(autouse=True)
def _three_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEKIT_JOBS", "3")
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 1)
    monkeypatch.setattr(parallel, "chunk_size", lambda pieces, jobs: 1)  # one piece a run


def squares(share: range, report: parallel.Report | None) -> list[tuple[int, int]]:
    out = []
    for n in share:
        out.append((n * n, os.getpid()))
        if report:
            report(1)
    return out


def test_runs_come_back_in_order_from_several_processes() -> None:
    def slow_squares(part: range, report: parallel.Report | None) -> list[tuple[int, int]]:
        time.sleep(0.01)  # long enough for the children to start and claim runs too
        return squares(part, report)

    out = parallel.run_shares(slow_squares, 60)
    assert [v for v, _ in out] == [n * n for n in range(60)]
    assert len({pid for _, pid in out}) == 3  # this process and two children


def test_a_slower_process_takes_fewer_runs() -> None:
    """A child slowed down (here six times) leaves more runs to the others."""
    parent = os.getpid()

    def uneven(part: range, report: parallel.Report | None) -> list[int]:
        time.sleep(0.005 if os.getpid() == parent else 0.03)
        return [os.getpid() for _ in part]

    pids = parallel.run_shares(uneven, 60)
    # fixed shares gave each of the three processes 20 pieces
    assert pids.count(parent) > 30


def test_a_failing_child_run_is_rendered_here() -> None:
    parent = os.getpid()

    def flaky(part: range, report: parallel.Report | None) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("child trouble")
        time.sleep(0.01)  # the children claim runs (and fail on them) meanwhile
        return list(part)

    assert parallel.run_shares(flaky, 30) == list(range(30))


def test_a_child_that_dies_leaves_nothing_waiting() -> None:
    """A child killed while it works (say, for memory): its runs are done here."""
    import signal

    parent = os.getpid()

    def deadly(part: range, report: parallel.Report | None) -> list[int]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.01)
        return list(part)

    assert parallel.run_shares(deadly, 30) == list(range(30))


def test_parts_run_in_order_within_a_process() -> None:
    """A process takes its parts in rising order: a job may carry on what it did before."""
    import itertools

    ran = itertools.count()  # each process counts its own calls (a fork copies the count)

    def order(part: range, report: parallel.Report | None) -> list[tuple[int, int]]:
        time.sleep(0.005)
        n = next(ran)
        return [(os.getpid(), n) for _ in part]

    by_process: dict[int, list[int]] = {}
    for pid, n in parallel.run_shares(order, 40):  # in the order of the pieces
        by_process.setdefault(pid, []).append(n)
    assert len(by_process) > 1
    assert all(calls == sorted(calls) for calls in by_process.values())


def test_an_error_in_the_job_is_raised_here() -> None:
    def broken(share: range, report: parallel.Report | None) -> list[int]:
        if 7 in share:
            raise ValueError("piece 7 is bad")
        return list(share)

    with pytest.raises(ValueError, match="piece 7"):
        parallel.run_shares(broken, 9)


def test_progress_adds_up_to_the_pieces() -> None:
    seen: list[int] = []
    parallel.run_shares(squares, 11, seen.append)
    assert sum(seen) == 11 and all(n > 0 for n in seen)


def test_small_jobs_and_one_job_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 100)
    assert parallel.jobs_for(150) == 1
    monkeypatch.setenv("CITEKIT_JOBS", "1")
    monkeypatch.setattr(parallel, "MIN_PER_PROCESS", 1)
    assert {pid for _, pid in parallel.run_shares(squares, 10)} == {os.getpid()}


@pytest.mark.parametrize("bad", ["0", "two", "-1"])
def test_a_bad_citekit_jobs_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("CITEKIT_JOBS", bad)
    with pytest.raises(CitekitError, match="CITEKIT_JOBS"):
        parallel.jobs_for(1000)


def test_an_error_in_this_process_share_stops_the_children() -> None:
    import multiprocessing

    def broken_here(share: range, report: parallel.Report | None) -> list[int]:
        if 0 in share:
            raise KeyError("piece 0")
        return list(share)

    with pytest.raises(KeyError):
        parallel.run_shares(broken_here, 9)
    assert not multiprocessing.active_children()


def test_reading_a_folder_in_three_processes_equals_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citekit.readers import read_paths

    text = SEED.read_text(encoding="utf-8")
    for i in range(7):
        (tmp_path / f"r{i}.txt").write_text(text.replace("Reporting", f"Report {i},"), "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "bad.json").write_text("[{", "utf-8")
    spread = read_paths([str(tmp_path)])
    monkeypatch.setenv("CITEKIT_JOBS", "1")
    alone = read_paths([str(tmp_path)])
    assert [i.to_csl_json() for i in spread.items] == [i.to_csl_json() for i in alone.items]
    assert [str(d) for d in spread.diagnostics] == [str(d) for d in alone.diagnostics]
    assert [str(e) for e in spread.errors] == [str(e) for e in alone.errors]
    assert len(spread.items) == 7 and len(spread.errors) == 3
    assert all(e.source and e.hint for e in spread.errors)  # rebuilt whole from the children


def test_frozen_blocks_nest_and_the_outermost_thaws() -> None:
    import gc

    assert gc.get_freeze_count() == 0
    with parallel.frozen():
        frozen = gc.get_freeze_count()
        assert frozen > 0
        young: list[list[int]] = [[] for _ in range(1000)]  # made after the freeze: collectable
        with parallel.frozen():
            assert gc.get_freeze_count() == frozen  # the inner block parks nothing new
        assert gc.get_freeze_count() == frozen
        assert young
    assert gc.get_freeze_count() == 0


def test_a_process_that_ends_with_its_job_keeps_the_job_frozen() -> None:
    import gc

    parallel.process_ends()
    try:
        with parallel.frozen():
            frozen = gc.get_freeze_count()
            made = [[n] for n in range(1000)]  # the job's own objects
        # not thawed (the next full pass would walk them all): parked with what was frozen
        assert gc.get_freeze_count() > frozen + len(made) * 9 // 10  # a few freed since
    finally:
        parallel.process_goes_on()  # --watch: the process lives on, everything thaws
    assert gc.get_freeze_count() == 0
    with parallel.frozen():
        pass
    assert gc.get_freeze_count() == 0


def test_the_bibliography_is_finished_in_shares_as_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from citekit.engine.pipeline import render

    items = [
        {
            "id": f"r{n}",
            "type": "manuscript",
            "title": f"“Report” {n}",
            "author": [{"family": "Kraus" if n % 2 else "Chen", "given": "Charles"}],
            "issued": {"date-parts": [[1960 + n % 5]]},
        }
        for n in range(12)
    ]
    shared = render(items, style="modern-language-association")
    monkeypatch.setenv("CITEKIT_JOBS", "1")
    alone = render(items, style="modern-language-association")
    assert shared.bibliography == alone.bibliography
    assert sum("———" in e for e in alone.bibliography) == 10  # the same author again


def test_a_background_answer_comes_back() -> None:
    job = parallel.Background(lambda: [os.getpid(), "entries"])
    pid, text = job.result()
    assert pid != os.getpid() and text == "entries"  # rendered in the child


def test_a_failing_background_job_raises_here() -> None:
    def failing() -> None:
        raise CitekitError("the style broke")

    job = parallel.Background(failing)
    with pytest.raises(CitekitError, match="the style broke"):  # run again here, as alone
        job.result()


def test_a_starved_background_job_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def sleepy() -> int:
        time.sleep(30)  # uses no CPU: what a child the other programs starve looks like
        return os.getpid()

    monkeypatch.setattr(parallel.Background, "POLL", 0.2)
    job = parallel.Background(sleepy)
    child = job.child
    calls: list[int] = []

    def here() -> int:
        calls.append(1)
        return os.getpid()

    job.fn = here
    t = time.perf_counter()
    assert job.result() == os.getpid()
    assert calls == [1] and time.perf_counter() - t < 5
    assert not child.is_alive()  # stopped, not left sleeping


def test_the_bibliography_renders_during_the_check_as_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from citekit.engine.bibliography import check_reach
    from citekit.engine.loader import load_style
    from citekit.engine.pipeline import Cite, Cluster, render

    items = [
        {
            "id": f"r{n}",
            "type": ["manuscript", "book", "article-journal", "chapter"][n % 4],
            "title": f"Report on the {['grain', 'oil', 'coal'][n % 3]} deliveries, No. {n}",
            "container-title": "Foreign Relations" if n % 4 else None,
            "author": [{"family": ["Kraus", "Chen", "Kraus"][n % 3], "given": "Charles"}],
            "issued": {"date-parts": [[1960 + n % 3]]},
            "page": f"{n}-{n + 4}",
            "archive": "Wilson Center Digital Archive",
        }
        for n in range(24)
    ]
    for item in items:
        if item["container-title"] is None:
            del item["container-title"]
    clusters = [Cluster((Cite(f"r{n % 24}", str(n)),), n + 1) for n in range(30)]
    early: list[int] = []
    original = parallel.Background

    def counted(fn: Any) -> Any:
        early.append(1)
        return original(fn)

    monkeypatch.setattr(parallel, "Background", counted)
    styles = ["modern-language-association", "ieee", "nature", "vancouver", "chicago-author-date"]
    for style in styles:
        independent = check_reach(load_style(style)) != "all"
        before = len(early)
        monkeypatch.setenv("CITEKIT_JOBS", "3")
        shared = render(items, style=style, clusters=clusters, fmt="html")
        assert len(early) == before + independent  # not where the check orders the entries
        monkeypatch.setenv("CITEKIT_JOBS", "1")
        alone = render(items, style=style, clusters=clusters, fmt="html")
        assert shared.bibliography == alone.bibliography, style
        assert shared.bibliography_ids == alone.bibliography_ids, style
        assert shared.citations == alone.citations, style
    assert len(early) >= 3


_WATCHED_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>Watched</title><id>watched</id><updated>2026-12-02T00:00:00+00:00</updated></info>
  <citation disambiguate-add-givenname="true">
    <layout>
      <names variable="author"><name form="short"/></names>
      <text variable="title" prefix=", "/>
      <choose><if disambiguate="true">
        <date variable="issued" prefix=", "><date-part name="year"/></date>
      </if></choose>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="title"/><key variable="issued"/></sort>
    <layout>
      <names variable="author"><name form="short"/></names>
      <text variable="title" prefix=". "/>
      <choose><if disambiguate="true">
        <text value="look-alike" prefix=" (" suffix=")"/>
      </if></choose>
    </layout>
  </bibliography>
</style>
"""


@pytest.mark.parametrize("alike", [False, True])
def test_a_bibliography_begun_before_the_check_is_redone_if_it_read_a_decision(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, alike: bool
) -> None:
    """Its entries read the check's decisions (a short name, ``disambiguate="true"``).

    Begun early all the same (check_reach "entries"), and kept when the check decided
    nothing for the items whose entries read it; rendered again after the check when it
    did (two Krauses told apart by their given names, two look-alike reports by the
    condition). Either way the bibliography is the one rendered after the check.
    """
    import citekit.engine.pipeline as pipeline
    from citekit.engine.bibliography import check_reach
    from citekit.engine.loader import load_style
    from citekit.engine.pipeline import Cite, Cluster, render

    style = tmp_path / "watched.csl"
    style.write_text(_WATCHED_STYLE, encoding="utf-8")
    assert check_reach(load_style(str(style))) == "entries"
    items: list[dict[str, Any]] = [
        {
            "id": f"r{n}",
            "type": "report",
            "title": f"Report No. {n}",
            "author": [{"family": f"Author{n}", "given": "Anna"}],
            "issued": {"date-parts": [[1960 + n]]},
        }
        for n in range(12)
    ]
    if alike:
        items[1].update(title="Report No. 0", author=[{"family": "Author0", "given": "Boris"}])
        items[3].update(title="Report No. 2", author=[{"family": "Author2", "given": "Anna"}])
    clusters = [Cluster((Cite(f"r{n}"),), n + 1) for n in range(12)]
    here = os.getpid()
    calls: list[bool] = []  # the bibliographies rendered here (the early one is the child's)
    from citekit.engine.bibliography import bibliography as original

    def counted(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() == here:
            calls.append(bool(kwargs.get("watch")))
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "render_bibliography", counted)
    shared = render(items, style=str(style), clusters=clusters)
    assert calls == ([False] if alike else [])  # redone here only after a decision it read
    monkeypatch.setenv("CITEKIT_JOBS", "1")
    alone = render(items, style=str(style), clusters=clusters)
    assert shared.bibliography == alone.bibliography
    assert shared.bibliography_ids == alone.bibliography_ids
    assert shared.citations == alone.citations
    marked = [e for e in alone.bibliography if "look-alike" in e or "Anna Author0" in e]
    assert bool(marked) == alike, alone.bibliography


def test_a_cancelled_background_job_stops_its_workers_mid_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its workers die at once, though their answers fill the pipe nobody reads any more.

    They inherit the background child's SIGTERM handler; it used to make each worker stop
    claiming and then block sending its answers, and the job waited for it forever.
    """

    def work(share: range, report: parallel.Report | None) -> list[str]:
        time.sleep(0.2)
        return ["x" * 100_000 for _ in share]  # more than a pipe holds, after a run or two

    monkeypatch.setattr(parallel, "_STOP_WAIT", 60.0)  # no SIGKILL to mend it within the test
    job = parallel.Background(lambda: parallel.run_shares(work, 40))
    time.sleep(1.0)  # the child and its workers are inside their runs
    stopping = threading.Thread(target=job.cancel, daemon=True)
    stopping.start()
    stopping.join(15)
    if stopping.is_alive():  # hung: end it and its workers, so that the suite goes on
        assert job.child.pid is not None
        for pid in [*_children_of(job.child.pid), job.child.pid]:
            os.kill(pid, signal.SIGKILL)
    assert not stopping.is_alive()
    assert not job.child.is_alive()


def _children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found
