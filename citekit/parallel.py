"""Spread independent pieces of work over processes: record files, citations, entries.

Reading and rendering are pure Python, so threads would share one core; processes do not.
Reading a folder is a list of independent files. A rendering job, once the parts that must
run in order are done (which items are ambiguous, where each cite stands: first, subsequent,
ibid), is a list of independent pieces too: one citation, one bibliography entry, one sort
key. :func:`run_shares` shares such a list out among processes, forks a child for every
share but the first, does the first here, and puts the children's answers back in order. A
fork shares the loaded style and the items with the children (nothing is pickled on the way
in); only the answers come back.

When a child fails (an error in the job, or the child dies), this process does that share
itself, so an error is raised here exactly as a one-process run would raise it.

``CITEKIT_JOBS`` sets the number of processes (1 switches this off); by default, the cores
this process may use. Small jobs stay in one process: a fork costs more than it saves.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from .errors import CitekitError

T = TypeVar("T")

#: Fewer pieces than this per process are rendered here: forking would cost more.
MIN_PER_PROCESS = 100

#: Called with how many pieces were done since the last call (see :func:`run_shares`).
Report = Callable[[int], None]


#: How many :func:`frozen` blocks are open now (the collector thaws when the last one ends).
_frozen_depth = 0


@contextmanager
def frozen() -> Iterator[None]:
    """Keep the objects that exist now out of the garbage collector's full passes.

    A job's items, style and caches live as long as the job. With 10,000 items they are
    millions of objects, and every full collection the rendering's allocations set off walks
    all of them again (6 % of a 10,000-item job's CPU in one process). ``gc.freeze`` parks
    them where no collection looks; young objects are still collected. A block inside
    another changes nothing: freezing again would park the job's young objects too, and
    the cyclic garbage among them (a citation and its cites point at each other) would
    live to the end of the job.
    """
    global _frozen_depth
    if _frozen_depth:
        yield
        return
    gc.freeze()
    _frozen_depth += 1
    try:
        yield
    finally:
        _frozen_depth -= 1
        gc.unfreeze()


def requested_jobs() -> int | None:
    """``CITEKIT_JOBS`` as a number, or None when it is not set.

    Raises:
        CitekitError: ``CITEKIT_JOBS`` is not a whole number of at least 1.
    """
    raw = os.environ.get("CITEKIT_JOBS", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise CitekitError(
            f"CITEKIT_JOBS={raw!r} is not a number of processes",
            hint="set it to 1 or more, or unset it to use every core",
        )
    return int(raw)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    import multiprocessing  # here, not at the top: small jobs never need it

    return "fork" in multiprocessing.get_all_start_methods()


def jobs_for(pieces: int) -> int:
    """How many processes ``pieces`` independent pieces are worth.

    Raises:
        CitekitError: ``CITEKIT_JOBS`` is set to something other than a number of processes.
    """
    requested = requested_jobs()  # checked for every job, large or small
    if pieces < 2 * MIN_PER_PROCESS or requested == 1 or not _can_fork():
        return 1
    return max(1, min(requested or _cores(), pieces // MIN_PER_PROCESS))


def run_shares(
    work: Callable[[range, Report | None], Sequence[T]],
    pieces: int,
    report: Report | None = None,
) -> list[T]:
    """Run ``work(share, report)`` over ``range(pieces)`` shared among processes; in order.

    Process ``k`` of ``n`` gets the pieces ``range(k, pieces, n)``: every n-th piece, so each
    has as many first notes and as many short notes as the others (a job cites every item
    once and then again; contiguous slices would give one process all the long notes).
    ``work`` must return one result per piece of its share, the same whichever process runs
    it and whatever ran before it in that process. Progress goes to ``report`` from this
    process only, scaled up to stand for every share, and is made exact at the end.
    """
    jobs = jobs_for(pieces)
    if jobs == 1:
        return list(work(range(pieces), report))
    import multiprocessing

    shares = [range(k, pieces, jobs) for k in range(jobs)]
    ctx = multiprocessing.get_context("fork")
    children = []
    # The objects that exist now (the style, the items) live through the job: keep the
    # garbage collector off them, here and in the children (whose pages then stay shared).
    # Rendering makes almost no reference cycles (the peak memory of a 2,000-item job is the
    # same with the collector off), so it stays off until the shares are in: 5-8 % faster.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with frozen():
            for share in shares[1:]:
                receive, send = ctx.Pipe(duplex=False)
                child = ctx.Process(target=_child, args=(work, share, send), daemon=True)
                child.start()
                send.close()
                children.append((child, receive, share))
            scaled = _Scaled(report, pieces / max(1, len(shares[0]))) if report else None
            results: list[Sequence[T]] = [work(shares[0], scaled)]
    except BaseException:
        for child, receive, _ in children:  # the job failed here: stop the others
            child.terminate()
            child.join()
            receive.close()
        raise
    finally:
        if collecting:
            gc.enable()
    for child, receive, share in children:
        try:
            answer = receive.recv()
        except (EOFError, OSError):
            answer = None  # the child died
        receive.close()
        child.join()
        if answer is None or answer[0] != "ok":
            answer = ("ok", work(share, None))  # raises here as a one-process run would
        results.append(answer[1])
    out: list[T] = []
    for n in range(pieces):
        out.append(results[n % jobs][n // jobs])
    if scaled is not None:
        scaled.finish(pieces)
    return out


def _child(work: Callable[..., Sequence[Any]], share: range, send: Any) -> None:
    result: tuple[str, list[Any]]
    try:
        result = ("ok", list(work(share, None)))
    except BaseException:  # the parent renders this share again and reports the error
        result = ("error", [])
    send.send(result)
    send.close()


class _Scaled:
    """Progress from one share, multiplied to stand for all of them."""

    def __init__(self, report: Report, factor: float) -> None:
        self.report, self.factor, self.done, self.sent = report, factor, 0, 0

    def __call__(self, n: int) -> None:
        self.done += n
        target = int(self.done * self.factor)
        if target > self.sent:
            self.report(target - self.sent)
            self.sent = target

    def finish(self, total: int) -> None:
        if total > self.sent:
            self.report(total - self.sent)
        self.sent = total
