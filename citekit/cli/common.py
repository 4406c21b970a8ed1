"""What every command shares: options state, the error guard, reading, writing, warnings.

Exit status: 0 success; 1 bad input (a missing, unreadable or malformed file, an unknown
style or key) or, for ``check``, errors found; 2 usage errors (click's own). A batch
reports each bad file on stderr and carries on with the rest, then exits 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from ..errors import CitekitError, Diagnostic
from .progress import progress

EXIT_HELP = """\b
Exit status: 0 success; 1 bad input (missing, unreadable or malformed file,
unknown style or key) or a failed check; 2 usage error."""

FORMAT_CHOICE = click.Choice(["text", "html", "markdown"])


class State:
    """Options shared by every command."""

    def __init__(self, debug: bool, quiet: bool, verbose: bool = False) -> None:
        self.debug = debug
        self.quiet = quiet
        self.verbose = verbose
        self.failed = False


def err(message: str) -> None:
    """Print a line on stderr."""
    click.echo(message, err=True)


@contextmanager
def guard(state: State) -> Iterator[None]:
    """Turn citekit's errors into one line on stderr and exit 1 (a traceback with --debug)."""
    try:
        yield
    except BrokenPipeError:  # `citekit styles | head`: the reader has gone, nothing to say
        sys.stderr.close()
        sys.exit(0)
    except CitekitError as exc:
        if state.debug:
            import traceback

            traceback.print_exc()
        err(f"citekit: error: {exc}")
        sys.exit(1)
    except (OSError, ValueError, RuntimeError) as exc:
        if state.debug:
            import traceback

            traceback.print_exc()
        err(f"citekit: error: {exc} (hint: run with --debug for details)")
        sys.exit(1)
    except Exception as exc:  # a bug in citekit: still one line, never a traceback
        if state.debug:
            import traceback

            traceback.print_exc()
        err(
            f"citekit: internal error: {type(exc).__name__}: {exc} "
            "(hint: run with --debug and report it)"
        )
        sys.exit(1)


def style_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion for --style: citekit's aliases, then the CSL style ids."""
    from click.shell_completion import CompletionItem

    from ..engine.styles import aliases, all_style_ids

    names = list(aliases()) + all_style_ids()
    return [CompletionItem(n) for n in dict.fromkeys(names) if n.startswith(incomplete)][:200]


def default_paths(paths: Sequence[str]) -> list[str]:
    """No PATH: ./documents/ when present, else the example record shipped with citekit."""
    from pathlib import Path

    if paths:
        return list(paths)
    if Path("documents").is_dir():
        return ["documents"]
    here = Path(__file__).resolve().parent.parent  # the citekit package
    for candidate in (here / "data" / "example", here.parent / "documents"):
        if candidate.is_dir():
            return [str(candidate)]
    raise CitekitError("no input given and no ./documents/ folder", hint="citekit cite FILE")


def read_records(
    state: State,
    paths: Sequence[str],
    fmt: str | None,
    key_format: str | None = None,
    keep_url: bool = False,
) -> Any:
    """Read the records of ``paths``: each bad file said on stderr, the run then fails.

    Exits 1 at once when no file could be read (nothing is written then).
    """
    from ..api import read
    from ..readers import iter_paths

    inputs = list(iter_paths(default_paths(paths)))
    with progress(state.quiet, "Reading", len(inputs)) as report:
        result = read(inputs, fmt, key_format=key_format, progress=report, keep_url=keep_url)
    for exc in result.errors:
        err(f"citekit: error: {exc}")
        state.failed = True
    warn(state, result.diagnostics)
    if not result.items and result.errors:
        sys.exit(1)  # every input failed: write nothing (never replace a file with nothing)
    if not result.items and not result.errors:
        raise CitekitError(
            "no records found in the given paths",
            hint="give .txt records, .json, .bib or .ris files",
        )
    return result


def write_output(text: str, output: str | None, inputs: Sequence[str]) -> None:
    """Write ``text`` to ``output`` atomically (never over one of ``inputs``), else stdout."""
    if output and output != "-":
        from ..textio import write_atomic

        write_atomic(output, text, inputs=tuple(inputs))
    else:
        click.echo(text, nl=False)


def finish(state: State) -> None:
    """Exit 1 if a file of the batch failed (after the rest was done)."""
    if state.failed:
        sys.exit(1)


#: A warning that recurs more often than this is printed once, with its count.
REPEATS_SHOWN = 3


def warn(state: State, diags: Sequence[Diagnostic]) -> None:
    """Print warnings; one that recurs in many files is summarised (--verbose: every one)."""
    if state.quiet:
        return
    shown = [d for d in diags if d.level != "info"]
    if state.verbose:
        for d in shown:
            err(str(d))
        return
    groups: dict[tuple[str, str], list[Diagnostic]] = {}
    for d in shown:
        groups.setdefault((d.level, d.message), []).append(d)
    for (level, message), group in groups.items():
        if len(group) <= REPEATS_SHOWN:
            for d in group:
                err(str(d))
        else:
            first = group[0].source or "?"
            err(f"{level} (x {len(group)}): {message}, first in {first}; --verbose for all")


keep_url_option = click.option(
    "--keep-url", is_flag=True, help="Cite a staging or mirror URL as given, not the public one."
)


#: ``-o FILE``: every command that writes writes atomically (see :func:`write_output`).
output_option = click.option(
    "-o", "--output", default=None, help="Write to this file (atomically)."
)

expand_abbreviations_option = click.option(
    "--expand-abbreviations",
    is_flag=True,
    help="Give each archive's full name where its abbreviation is first used.",
)


def watch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--watch`` (and the hidden ``--watch-limit`` the tests stop it with)."""
    func = click.option("--watch-limit", type=int, default=None, hidden=True)(func)
    return click.option(
        "--watch",
        is_flag=True,
        help="Keep running: rewrite the output (atomically) whenever an input changes.",
    )(func)


def locale_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--locale TAG``."""
    return click.option(
        "--locale",
        default=None,
        metavar="TAG",
        help="Locale (en-GB, de-DE, fr-FR, ...) instead of the style's default-locale.",
    )(func)


def path_arguments(func: Callable[..., Any]) -> Callable[..., Any]:
    """``[PATH]...`` and ``--from FORMAT``: the records a command reads."""
    func = click.option(
        "--from",
        "from_",
        metavar="FORMAT",
        help="Input format (archive-page, csl-json, bibtex, ris); default: detected.",
    )(func)
    return click.argument("paths", nargs=-1, metavar="[PATH]...")(func)


def check_watch(watch: bool, output: str | None) -> None:
    """A usage error for ``--watch`` without ``-o FILE``."""
    if watch and (not output or output == "-"):
        raise click.UsageError("--watch needs -o FILE (the output to keep up to date)")


def watch_loop(
    state: State,
    paths: Sequence[str],
    output: str | None,
    rebuild: Callable[[], int],
    limit: int | None,
) -> None:
    """Rebuild on every change, one line per rebuild on stderr; errors do not stop it."""
    from .. import parallel
    from ..watch import watch

    parallel.process_goes_on()  # rebuild after rebuild: each job's garbage is collected

    def on_change(changed: list[str]) -> None:
        from pathlib import Path

        names = ", ".join(Path(c).name for c in changed[:3]) + (" ..." if len(changed) > 3 else "")
        try:
            n = rebuild()
        except CitekitError as exc:
            err(f"citekit: error: {exc} (after a change to {names}; still watching)")
            return
        err(f"citekit: rewrote {output} ({n} items) after a change to {names}")

    if not state.quiet:
        err(f"citekit: watching {', '.join(paths)} (Ctrl-C to stop)")
    watch(paths, on_change, outputs=[output] if output else [], limit=limit)
