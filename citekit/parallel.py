"""Spread independent pieces of work over processes: record files, citations, entries.

Reading and rendering are pure Python, so threads would share one core; processes do not.
Reading a folder is a list of independent files. A rendering job, once the parts that must
run in order are done (which items are ambiguous, where each cite stands: first, subsequent,
ibid), is a list of independent pieces too: one citation, one bibliography entry, one sort
key. :func:`run_shares` shares such a list out among processes: it forks the children, and
each process (this one too) claims the next run of pieces whenever it is ready for more;
the answers are put back in order. A fork shares the loaded style and the items with the
children (nothing is pickled on the way in); only the answers come back.

When a child fails (an error in the job, or the child dies), this process does the runs it
did not finish itself, so an error is raised here exactly as a one-process run would raise it.

``CITEKIT_JOBS`` sets the number of processes (1 switches this off); by default, the cores
this process may use. Small jobs stay in one process: a fork costs more than it saves.
"""

from __future__ import annotations

import atexit
import contextlib
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

#: False once :func:`process_ends` said no thaw is worth its cost.
_thaw = True


def process_ends() -> None:
    """Keep what each job freezes frozen until the process exits (a one-shot command).

    Thawing a finished job's objects hands them back to the collector, whose next full
    pass walks them all (a second at 10,000 items, in the middle of assembling the
    manuscript or at the interpreter's exit) to free memory the exit frees anyway. A
    command that ends the process after its job calls this; a long-lived process (the
    API, ``--watch``) does not, and its jobs' cyclic garbage is collected as usual.
    """
    global _thaw
    if _thaw:
        atexit.register(gc.disable)  # nor a last pass over everything at the exit
    _thaw = False


def process_goes_on() -> None:
    """Undo :func:`process_ends`: the process lives on (``--watch``); thaw what is frozen."""
    global _thaw
    _thaw = True
    if not _frozen_depth:
        gc.unfreeze()


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
        if _thaw:
            gc.unfreeze()
        else:  # what the job made joins what it froze: the exit frees both at once
            gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a phase builds objects that all live on.

    Reading 10,000 items, parsing a book's 13,000 citations, handing the items to
    citeproc-py: each allocates hundreds of thousands of objects that the job keeps, and
    each pass of the collector walks them all again (half of each such phase's time, in a
    10,000-item job). They make no reference cycles to speak of; whatever garbage they
    make is collected by the first pass after the phase.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


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


def chunk_size(pieces: int, jobs: int) -> int:
    """How many pieces one claim takes: about 24 claims per process, 8 to 256 pieces each.

    Small enough that the process that finishes last waits for one claim at most (a
    child runs a fifth slower than this process here: it copies the pages it touches), large
    enough that claiming costs nothing beside the work.
    """
    return max(8, min(256, pieces // (jobs * 24) or 1))


def run_shares(
    work: Callable[[range, Report | None], Sequence[T]],
    pieces: int,
    report: Report | None = None,
) -> list[T]:
    """Run ``work(part, report)`` over ``range(pieces)`` shared among processes; in order.

    The pieces are cut into runs of :func:`chunk_size` and each process claims the next
    run from a shared pipe when it is ready for more, so a process that runs slower (a
    child copying pages, a core shared with another program) takes fewer runs and all
    finish together (with fixed shares, this process waited up to a fifth of a phase for
    its child). ``work`` is called once per run, in increasing order within a process; it
    must return one result per piece, the same whichever process runs it and whatever ran
    before it in that process. Progress goes to ``report`` from this process only, scaled
    up to stand for every process, and is made exact at the end.
    """
    jobs = jobs_for(pieces)
    if jobs == 1:
        return list(work(range(pieces), report))
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    claims = _Claims(pieces, chunk_size(pieces, jobs))
    # The objects that exist now (the style, the items) live through the job: keep the
    # garbage collector off them, here and in the children (whose pages then stay shared).
    # Rendering makes almost no reference cycles (the peak memory of a 2,000-item job is the
    # same with the collector off), so it stays off until the answers are in and unpacked.
    try:
        with collector_paused():
            return _shared(work, pieces, report, ctx, jobs, claims)
    finally:
        claims.close()


def _shared(
    work: Callable[[range, Report | None], Sequence[T]],
    pieces: int,
    report: Report | None,
    ctx: Any,
    jobs: int,
    claims: _Claims,
) -> list[T]:
    children = []
    done: dict[int, Sequence[T]] = {}
    scaled = _Scaled(report, jobs, pieces) if report else None
    try:
        with frozen():
            for _ in range(jobs - 1):
                receive, send = ctx.Pipe(duplex=False)
                child = ctx.Process(target=_child, args=(work, claims, send), daemon=True)
                child.start()
                send.close()
                children.append((child, receive))
            for part in iter(claims.next, None):
                done[part.start] = work(part, scaled)
    except BaseException:
        for child, receive in children:  # the job failed here: stop the others
            _stop(child)
            receive.close()
        raise
    for child, receive in children:
        try:
            answer = receive.recv()
        except (EOFError, OSError):
            answer = []  # the child died: its runs are done again below
        receive.close()
        child.join()
        done.update((start, _loads(answers)) for start, answers in answer)
    out: list[T] = []
    size = claims.size
    for start in range(0, pieces, size):
        part = range(start, min(start + size, pieces))
        if start not in done:  # a child failed on it: raises here as one process would
            done[start] = work(part, None)
        results = done[start]
        if len(results) != len(part):
            raise CitekitError(f"internal error: {len(results)} results for {len(part)} pieces")
        out.extend(results)
    if scaled is not None:
        scaled.finish(pieces)
    return out


def _dumps(value: Any) -> bytes:
    import pickle  # here, not at the top: `citekit --help` loads this module, not pickle

    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    import pickle

    return pickle.loads(data)


class _Claims:
    """The runs of pieces not yet claimed: their first pieces, in a pipe the processes share.

    The numbers are written before the fork and the writing end closed; a process claims a
    run by reading one number (a read of four bytes from a pipe goes to one reader, whole),
    and an empty pipe says every run is claimed. No lock: a process that dies holds
    nothing the others wait for (its runs are done again by this process).
    """

    #: Runs at most (four bytes each): what any pipe holds before anyone reads it (16 KiB).
    MAX_RUNS = 4096

    def __init__(self, pieces: int, size: int) -> None:
        size = max(size, -(-pieces // self.MAX_RUNS))
        self.pieces, self.size = pieces, size
        self.fd, write_end = os.pipe()
        try:
            os.write(write_end, b"".join(n.to_bytes(4, "little") for n in range(0, pieces, size)))
        finally:
            os.close(write_end)

    def next(self) -> range | None:
        """The next run of pieces, or None when every run is claimed."""
        got = os.read(self.fd, 4)
        if len(got) < 4:
            return None
        start = int.from_bytes(got, "little")
        return range(start, min(start + self.size, self.pieces))

    def close(self) -> None:
        """Close this process's end of the pipe."""
        os.close(self.fd)


def _stop(process: Any) -> None:
    """End a forked process: SIGTERM, then SIGKILL if it is still there after a while.

    A process blocked writing its answers to a pipe nobody reads any more would otherwise
    be waited for forever.
    """
    process.terminate()
    process.join(_STOP_WAIT)
    if process.is_alive():
        process.kill()
        process.join()


#: Seconds a stopped process has to end before it is killed.
_STOP_WAIT = 5.0


def _child(work: Callable[..., Sequence[Any]], claims: _Claims, send: Any) -> None:
    import signal

    # Forked from a background job (:class:`Background`), this process inherits its
    # SIGTERM handler, which raises SystemExit: caught below, it would go on to send its
    # answers into a pipe nobody reads, and the job stopping it would wait for it forever.
    # A stopped worker ends at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    done: list[tuple[int, bytes]] = []
    # On an error the child stops claiming and sends the runs it finished; the parent does
    # the failed run again and raises the error as a one-process run would.
    with contextlib.suppress(BaseException):
        for part in iter(claims.next, None):
            answers = list(work(part, None))
            # Pickled run by run, as the work goes: pickling them all at the end made the
            # parent, its own runs done, wait for it (a twentieth of reading 2,000 records).
            done.append((part.start, _dumps(answers)))
    send.send(done)
    send.close()


class Background:
    """``fn()`` run in a forked process while this one goes on; :meth:`result` is its answer.

    For two branches of a job that need nothing of each other (a bibliography, and the
    ambiguity check with the citations): the child runs at the lowest priority, so it
    takes only a core this process leaves idle (the check's rounds that one process
    renders, the steps between phases) and slows none of this process's own shares; once
    this process waits for the answer, the child has the cores. Its own work is shared
    out as any job's is (:func:`run_shares`).

    :meth:`result` calls ``fn`` here instead if the child failed (an error is then raised
    exactly as a one-process run raises it) or if, this process waiting, the child gets
    almost no CPU: other programs keep the cores busy, and the lowest priority would let
    them starve it.
    """

    #: Seconds between two looks at the child's CPU while this process waits.
    POLL = 1.0
    #: Below this share of a core, twice in a row while this process waits, the child
    #: counts as starved (waiting at the end of a phase for its own workers' last runs, it
    #: may be idle for part of one look).
    STARVED = 0.25

    def __init__(self, fn: Callable[[], Any]) -> None:
        import multiprocessing

        self.fn = fn
        ctx = multiprocessing.get_context("fork")
        self.receive, send = ctx.Pipe(duplex=False)
        # not a daemon: its own work may be shared out among processes it forks
        self.child = ctx.Process(target=_background, args=(fn, send))
        self.child.start()
        send.close()

    def result(self) -> Any:
        """The child's answer (waits for it), or ``fn()`` run here (see the class)."""
        answer = None
        try:
            used = _cpu_seconds(self.child.pid)
            starved = 0  # looks in a row: one alone may fall while it waits for its workers
            while not self.receive.poll(self.POLL):
                now = _cpu_seconds(self.child.pid)
                low = used is not None and now is not None and now - used < self.STARVED * self.POLL
                starved = starved + 1 if low else 0
                if starved == 2:
                    self.cancel()
                    return self.fn()
                used = now
            answer = self.receive.recv()
        except (EOFError, OSError):
            answer = None
        self.receive.close()
        self.child.join()
        if answer is None:
            return self.fn()
        return _loads(answer)

    def cancel(self) -> None:
        """Stop the child and the processes it forked (its answer is not wanted)."""
        _stop(self.child)  # its SIGTERM handler stops its own children first
        self.receive.close()


def _cpu_seconds(pid: int | None) -> float | None:
    """The CPU seconds a process has used so far (Linux's /proc), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _background(fn: Callable[[], Any], send: Any) -> None:
    import signal

    def stop(_signum: int, _frame: Any) -> None:
        raise SystemExit(1)  # unwinds run_shares, which stops the children it forked

    signal.signal(signal.SIGTERM, stop)
    answer = None
    with contextlib.suppress(BaseException):
        os.nice(19)  # only what the parent leaves idle
        answer = _dumps(fn())
    with contextlib.suppress(OSError):
        send.send(answer)
    send.close()


class _Scaled:
    """Progress from this process, multiplied to stand for all of them (never past the end)."""

    def __init__(self, report: Report, factor: float, total: int) -> None:
        self.report, self.factor, self.done, self.sent = report, factor, 0, 0
        self.total = total

    def __call__(self, n: int) -> None:
        self.done += n
        target = min(int(self.done * self.factor), self.total - 1)
        if target > self.sent:
            self.report(target - self.sent)
            self.sent = target

    def finish(self, total: int) -> None:
        if total > self.sent:
            self.report(total - self.sent)
        self.sent = total
