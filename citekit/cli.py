"""The ``citekit`` command line: thin, it parses options, calls the API and prints.

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

from .errors import CitekitError, Diagnostic

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


def _err(message: str) -> None:
    click.echo(message, err=True)


@contextmanager
def _guard(state: State) -> Iterator[None]:
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
        _err(f"citekit: error: {exc}")
        sys.exit(1)
    except (OSError, ValueError, RuntimeError) as exc:
        if state.debug:
            import traceback

            traceback.print_exc()
        _err(f"citekit: error: {exc} (hint: run with --debug for details)")
        sys.exit(1)
    except Exception as exc:  # a bug in citekit: still one line, never a traceback
        if state.debug:
            import traceback

            traceback.print_exc()
        _err(
            f"citekit: internal error: {type(exc).__name__}: {exc} "
            "(hint: run with --debug and report it)"
        )
        sys.exit(1)


def _style_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion for --style: citekit's aliases, then the CSL style ids."""
    from click.shell_completion import CompletionItem

    from .engine.styles import aliases, all_style_ids

    names = list(aliases()) + all_style_ids()
    return [CompletionItem(n) for n in dict.fromkeys(names) if n.startswith(incomplete)][:200]


#: Below this many pieces of work a batch is quick enough to need no progress bar.
PROGRESS_MIN = 200


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class _Bar:
    """A one-line progress bar redrawn in place ("\\r") on stderr, at most 100 times."""

    WIDTH = 30

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done, self.shown = label, total, 0, -1

    def update(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        percent = self.done * 100 // self.total
        if percent != self.shown:
            self.shown = percent
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            sys.stderr.write(f"\r{self.label} [{bar}] {percent:3d}% {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


@contextmanager
def _progress(state: State, label: str, total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for a long batch: only on a terminal, never with --quiet.

    Yields the callback to report work done (``None`` when there is no bar).
    """
    if state.quiet or total < PROGRESS_MIN or not _stderr_is_terminal():
        yield None
        return
    bar = _Bar(label, total)
    bar.update(0)
    try:
        yield bar.update
    finally:
        bar.close()


def _default_paths(paths: Sequence[str]) -> list[str]:
    """No PATH: ./documents/ when present, else the example record shipped with citekit."""
    from pathlib import Path

    if paths:
        return list(paths)
    if Path("documents").is_dir():
        return ["documents"]
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "example", here.parent / "documents"):
        if candidate.is_dir():
            return [str(candidate)]
    raise CitekitError("no input given and no ./documents/ folder", hint="citekit cite FILE")


def _read(
    state: State,
    paths: Sequence[str],
    fmt: str | None,
    key_format: str | None = None,
    keep_url: bool = False,
) -> Any:
    from .api import read
    from .readers import iter_paths

    inputs = list(iter_paths(_default_paths(paths)))
    with _progress(state, "Reading", len(inputs)) as report:
        result = read(inputs, fmt, key_format=key_format, progress=report, keep_url=keep_url)
    for exc in result.errors:
        _err(f"citekit: error: {exc}")
        state.failed = True
    _warn(state, result.diagnostics)
    if not result.items and result.errors:
        sys.exit(1)  # every input failed: write nothing (never replace a file with nothing)
    if not result.items and not result.errors:
        raise CitekitError(
            "no records found in the given paths",
            hint="give .txt records, .json, .bib or .ris files",
        )
    return result


def _write(text: str, output: str | None, inputs: Sequence[str]) -> None:
    if output and output != "-":
        from .textio import write_atomic

        write_atomic(output, text, inputs=tuple(inputs))
    else:
        click.echo(text, nl=False)


def _finish(state: State) -> None:
    if state.failed:
        sys.exit(1)


@click.group(epilog=EXIT_HELP)
@click.version_option(package_name="citekit")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or progress bars.")
@click.option("-v", "--verbose", is_flag=True, help="Print every warning, even repeated ones.")
@click.pass_context
def main(ctx: click.Context, debug: bool, quiet: bool, verbose: bool) -> None:
    """Cite translated archival documents: read archive records, cite, export, trace.

    \b
    Examples:
      citekit cite                          # Chicago bibliography of ./documents/
      citekit cite doc.txt --notes --style mla
      citekit export documents/ --to csl-json -o refs.json
      citekit provenance documents/000_97e68d44f543b168.txt

    \b
    Shell completion (commands, options, style names and aliases):
      eval "$(_CITEKIT_COMPLETE=bash_source citekit)"    # in ~/.bashrc; zsh_source, fish_source
    """
    ctx.obj = State(debug, quiet, verbose)


_keep_url = click.option(
    "--keep-url", is_flag=True, help="Cite a staging or mirror URL as given, not the public one."
)


def _watch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--watch-limit", type=int, default=None, hidden=True)(func)
    return click.option(
        "--watch",
        is_flag=True,
        help="Keep running: rewrite the output (atomically) whenever an input changes.",
    )(func)


def _locale_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--locale",
        default=None,
        metavar="TAG",
        help="Locale (en-GB, de-DE, fr-FR, ...) instead of the style's default-locale.",
    )(func)


def _inputs(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--from",
        "from_",
        metavar="FORMAT",
        help="Input format (archive-page, csl-json, bibtex, ris); default: detected.",
    )(func)
    return click.argument("paths", nargs=-1, metavar="[PATH]...")(func)


@main.command(epilog=EXIT_HELP)
@_inputs
@click.option(
    "-s",
    "--style",
    default="chicago",
    show_default=True,
    shell_complete=_style_names,
    help="Alias (chicago, chicago-ibid, chicago-short, chicago-author-date, "
    "chicago-17, mla, apa, turabian), any CSL style id, or a .csl file.",
)
@click.option(
    "--notes", is_flag=True, help="Print a full first note per item, not the bibliography."
)
@click.option("-f", "--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
@click.option(
    "--provenance",
    "with_provenance",
    is_flag=True,
    help="Add each item's provenance note after its citation.",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False),
    default=None,
    help="Render each item through this jinja2 template instead.",
)
@click.option(
    "--abbreviations",
    is_flag=True,
    help="Also print the list of the cited archives' abbreviations (PRC FMA, RGANI, ...).",
)
@click.option(
    "--expand-abbreviations",
    is_flag=True,
    help="Give each archive's full name where its abbreviation is first used.",
)
@click.option("-o", "--output", default=None, help="Write to this file (atomically).")
@_locale_option
@_keep_url
@click.pass_obj
def cite(
    state: State,
    paths: tuple[str, ...],
    from_: str | None,
    style: str,
    notes: bool,
    fmt: str,
    with_provenance: bool,
    template: str | None,
    abbreviations: bool,
    expand_abbreviations: bool,
    output: str | None,
    locale: str | None,
    keep_url: bool,
) -> None:
    """Print citations of records (default: the bibliography entries, in Chicago).

    PATH is a record, a CSL-JSON, .bib or .ris file, a directory (searched recursively)
    or - for stdin. Without PATH: ./documents/, else the bundled example.

    \b
    Examples:
      citekit cite documents/
      citekit cite record.txt --style apa --format html
      citekit cite record.txt --notes --provenance
    """
    from . import api

    with _guard(state):
        result = _read(state, paths, from_, keep_url=keep_url)
        items = result.items
        if template:
            from .templating import render_items

            text = render_items(items, template, style=style, fmt=fmt, locale=locale)
        else:
            size = api.render_size(len(items), len(items) if notes else 0, bibliography=not notes)
            with _progress(state, "Rendering", size) as report:
                if notes:
                    texts = api.notes(items, style=style, fmt=fmt, progress=report, locale=locale)
                else:
                    items, texts = _bibliography_by_item(
                        items, style, fmt, state.quiet, report, locale
                    )
            abbrs = api.archive_abbreviations(items)
            if expand_abbreviations:
                texts = api.expand_first_use(texts, abbrs)
            blocks = []
            for item, text in zip(items, texts, strict=True):
                block = text
                if with_provenance:
                    pfmt = {"markdown": "markdown", "html": "html"}.get(fmt, "text")
                    block += "\n\n" + api.provenance_note(item, fmt=pfmt).rstrip("\n") + "\n"
                blocks.append(block)
            text = ("\n\n" if with_provenance else "\n").join(blocks) + "\n"
            if abbreviations and abbrs:
                text += "\n" + api.abbreviations_block(abbrs, fmt)
        _write(text, output, paths)
    _finish(state)


def _bibliography_by_item(
    items: Sequence[Any],
    style: str,
    fmt: str,
    quiet: bool = False,
    report: Callable[[int], None] | None = None,
    locale: str | None = None,
) -> tuple[list[Any], list[str]]:
    """The items and their entries in the style's order, then the notes of items left out.

    The order is the bibliography's (sorted, numbered, repeated authors substituted), not
    the input's: a numbered or alphabetical list is only right in its own order.
    """
    from . import api

    entries = api.bibliography_by_item(items, style=style, fmt=fmt, progress=report, locale=locale)
    listed = {id(i) for i, _ in entries}
    missing = [i for i in items if id(i) not in listed]
    notes = (
        dict(
            zip(
                [i.id for i in missing],
                api.notes(missing, style=style, fmt=fmt, locale=locale),
                strict=True,
            )
        )
        if missing
        else {}
    )
    for item in [] if quiet else missing:
        _err(
            f"warning: {item.source.path if item.source else item.key}: the style leaves "
            f"this item out of its bibliography; printed its note instead"
        )
    ordered = [i for i, _ in entries] + missing
    return ordered, [e for _, e in entries] + [notes[i.id] for i in missing]


@main.command(epilog=EXIT_HELP)
@_inputs
@click.option(
    "-t",
    "--to",
    "to",
    required=True,
    type=click.Choice(["csl-json", "bibtex", "biblatex", "ris"]),
    help="Output format.",
)
@click.option("-o", "--output", default=None, help="Write to this file (atomically).")
@click.option("--ascii", "ascii_only", is_flag=True, help="BibTeX: LaTeX escapes instead of UTF-8.")
@click.option(
    "--key-format",
    default=None,
    help="Citation key formula, default {auth}{year}{title}; also {shorttitle}, {archive}.",
)
@_keep_url
@_watch_options
@click.pass_obj
def export(
    state: State,
    paths: tuple[str, ...],
    from_: str | None,
    to: str,
    output: str | None,
    ascii_only: bool,
    key_format: str | None,
    keep_url: bool,
    watch: bool,
    watch_limit: int | None,
) -> None:
    """Export items as CSL-JSON, BibTeX/BibLaTeX or RIS (one output for all inputs).

    RIS and CSL-JSON are the lossless way into Zotero: they carry the archive, the
    shelfmark, the pages and the translators into Zotero's own fields. No BibTeX field
    reaches Zotero's Archive fields, so a .bib puts archive and shelfmark in howpublished
    (and in archive/archive_location for Better BibTeX).

    \b
    Examples:
      citekit export documents/ --to csl-json -o refs.json
      citekit export documents/ --to biblatex -o refs.bib
      citekit export documents/ --to ris > refs.ris
      citekit export documents/ --to bibtex -o refs.bib --watch   # rewrite on every change
    """
    from . import api

    _check_watch(watch, output)
    with _guard(state):
        result = _read(state, paths, from_, key_format, keep_url)
        text, notes = api.export_with_notes(result.items, to, ascii_only=ascii_only)
        _write(text, output, paths)
        if not state.quiet:
            for d in notes:
                _err(f"note: {d.message}")

    def rebuild() -> int:
        result = api.read(
            list(_default_paths(paths)), from_, key_format=key_format, keep_url=keep_url
        )
        for exc in result.errors:
            _err(f"citekit: error: {exc}")
        if not result.items:
            raise CitekitError("no records could be read; the output is left as it was")
        text, _ = api.export_with_notes(result.items, to, ascii_only=ascii_only)
        _write(text, output, paths)
        return len(result.items)

    if watch:
        with _guard(state):
            _watch_loop(state, _default_paths(paths), output, rebuild, watch_limit)
    _finish(state)


def _check_watch(watch: bool, output: str | None) -> None:
    if watch and (not output or output == "-"):
        raise click.UsageError("--watch needs -o FILE (the output to keep up to date)")


def _watch_loop(
    state: State,
    paths: Sequence[str],
    output: str | None,
    rebuild: Callable[[], int],
    limit: int | None,
) -> None:
    """Rebuild on every change, one line per rebuild on stderr; errors do not stop it."""
    from .watch import watch

    def on_change(changed: list[str]) -> None:
        from pathlib import Path

        names = ", ".join(Path(c).name for c in changed[:3]) + (" ..." if len(changed) > 3 else "")
        try:
            n = rebuild()
        except CitekitError as exc:
            _err(f"citekit: error: {exc} (after a change to {names}; still watching)")
            return
        _err(f"citekit: rewrote {output} ({n} items) after a change to {names}")

    if not state.quiet:
        _err(f"citekit: watching {', '.join(paths)} (Ctrl-C to stop)")
    watch(paths, on_change, outputs=[output] if output else [], limit=limit)


@main.command(epilog=EXIT_HELP)
@_inputs
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False),
    default=None,
    help="Your own jinja2 template (variables: see the README).",
)
@click.option(
    "--accessed",
    default=None,
    metavar="DATE",
    help="Record this access date (YYYY-MM-DD); the note has no clock otherwise.",
)
@click.option("-o", "--output", default=None, help="Write to this file (atomically).")
@click.pass_obj
def provenance(
    state: State,
    paths: tuple[str, ...],
    from_: str | None,
    fmt: str,
    template: str | None,
    accessed: str | None,
    output: str | None,
) -> None:
    """Print where every fact of each citation came from.

    \b
    Example:
      citekit provenance documents/000_97e68d44f543b168.txt
    """
    with _guard(state):
        result = _read(state, paths, from_)
        warnings = _warnings_by_source(result.diagnostics)
        when = None
        if accessed:
            from .dates import parse_iso

            when = parse_iso(accessed)
            if when is None:
                raise CitekitError(f"--accessed {accessed!r} is not a date", hint="YYYY-MM-DD")
        notes = []
        for item in result.items:
            if when is not None:
                item = item.replace(accessed=when)
            from .provenance import render_provenance

            src = item.source.path if item.source else None
            notes.append(
                render_provenance(
                    item, fmt=fmt, template=template, warnings=warnings.get(src or "", [])
                )
            )
        if fmt == "json" and not template:
            text = "[\n" + ",\n".join(n.strip() for n in notes) + "\n]\n"
        else:
            text = "\n".join(notes)
        _write(text, output, paths)
    _finish(state)


def _warnings_by_source(diags: Sequence[Diagnostic]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in diags:
        out.setdefault(d.source or "", []).append(
            (f"line {d.line}: " if d.line else "") + d.message
        )
    return out


@main.command(epilog=EXIT_HELP)
@click.argument("manuscript")
@click.option(
    "-b",
    "--bibliography",
    "sources",
    multiple=True,
    help="Records, folders, CSL-JSON, .bib or .ris to cite from (repeatable); "
    "default: the manuscript's `bibliography:` metadata, else ./documents/.",
)
@click.option(
    "-s",
    "--style",
    default=None,
    shell_complete=_style_names,
    help="As in `citekit cite`; default: the manuscript's `csl:` metadata, else chicago.",
)
@click.option("-f", "--format", "fmt", type=FORMAT_CHOICE, default="markdown", show_default=True)
@click.option(
    "--heading",
    default="References",
    show_default=True,
    help="Heading of the bibliography (metadata `reference-section-title` wins).",
)
@click.option("--no-bibliography", is_flag=True, help="Leave the bibliography out.")
@click.option(
    "--abbreviations",
    is_flag=True,
    help="Add the list of the cited archives' abbreviations (PRC FMA, RGANI, ...).",
)
@click.option(
    "--expand-abbreviations",
    is_flag=True,
    help="Give each archive's full name where its abbreviation is first used.",
)
@click.option("-o", "--output", default=None, help="Write to this file (atomically).")
@_locale_option
@_keep_url
@_watch_options
@click.pass_obj
def render(
    state: State,
    manuscript: str,
    sources: tuple[str, ...],
    style: str | None,
    fmt: str,
    heading: str,
    no_bibliography: bool,
    abbreviations: bool,
    expand_abbreviations: bool,
    output: str | None,
    locale: str | None,
    keep_url: bool,
    watch: bool,
    watch_limit: int | None,
) -> None:
    """Render a Markdown manuscript's citations as pandoc --citeproc would.

    pandoc's syntax: [@key, p. 12], [see @a; @b, fol. 7], [-@key], @key [p. 3]. In a note
    style each citation becomes a footnote (after the punctuation), numbered with your own
    footnotes; "Ibid." and short notes follow the style. The YAML metadata's bibliography,
    csl, lang, nocite (@* for all), link-citations and reference-section-title are honoured. A
    bibliography of the cited items follows. --format html writes a whole HTML document.

    \b
    Example:
      citekit render chapter.md --bibliography documents/ --style chicago-ibid -o chapter.out.md
    """
    from .manuscript import render_manuscript, settings
    from .textio import read_input

    def build() -> int:
        tf = read_input(manuscript)
        meta = settings(tf.text, tf.name)
        paths = list(sources) or meta.bibliography
        result = _read_quietly(state, paths, keep_url=keep_url)
        text = render_manuscript(
            tf.text,
            result.items,
            style=style or meta.csl or "chicago",
            fmt=fmt,
            source=tf.name,
            bibliography_heading=None if no_bibliography else heading,
            abbreviations=abbreviations,
            expand_abbreviations=expand_abbreviations,
            locale=locale,
        )
        _write(text, output, [manuscript, *paths])
        return len(result.items)

    _check_watch(watch, output)
    with _guard(state):
        build()
        if watch:
            tf = read_input(manuscript)
            bib = list(sources) or settings(tf.text, tf.name).bibliography
            _watch_loop(state, [manuscript, *_default_paths(bib)], output, build, watch_limit)
    _finish(state)


def _read_quietly(state: State, paths: Sequence[str], *, keep_url: bool = False) -> Any:
    """Read a manuscript's bibliography: a file that cannot be read is only a warning.

    If the manuscript cites something from it, the unknown key is the error.
    """
    from .api import read
    from .readers import iter_paths

    result = read(list(iter_paths(_default_paths(paths))), keep_url=keep_url)
    for exc in result.errors:
        _err(f"warning: {exc} (not read; nothing in it can be cited)")
    _warn(state, result.diagnostics)
    return result


#: A warning that recurs more often than this is printed once, with its count.
REPEATS_SHOWN = 3


def _warn(state: State, diags: Sequence[Diagnostic]) -> None:
    """Print warnings; one that recurs in many files is summarised (--verbose: every one)."""
    if state.quiet:
        return
    shown = [d for d in diags if d.level != "info"]
    if state.verbose:
        for d in shown:
            _err(str(d))
        return
    groups: dict[tuple[str, str], list[Diagnostic]] = {}
    for d in shown:
        groups.setdefault((d.level, d.message), []).append(d)
    for (level, message), group in groups.items():
        if len(group) <= REPEATS_SHOWN:
            for d in group:
                _err(str(d))
        else:
            first = group[0].source or "?"
            _err(f"{level} (x {len(group)}): {message}, first in {first}; --verbose for all")


@main.command(epilog=EXIT_HELP)
@_inputs
@click.option("--strict", is_flag=True, help="Count warnings as errors (exit 1).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.pass_obj
def check(
    state: State, paths: tuple[str, ...], from_: str | None, strict: bool, as_json: bool
) -> None:
    """Check records before publication: one line per finding, with file and line.

    Errors: missing core fields (title, date, archive, shelfmark, URL) and unreadable files.
    Warnings: a URL on a staging or mirror host, a header date or title that disagrees with
    the citation, pages that are neither a number nor a range, "Translation" with no
    translator, the same document in two files. Information: an archive abbreviation not in
    citekit's registry. Exit 1 if there are errors (or, with --strict, warnings).

    \b
    Example:
      citekit check documents/
    """
    import json

    from .check import Finding, check_items, findings_from_diagnostics
    from .readers import read_paths

    with _guard(state):
        result = read_paths(_default_paths(paths), from_)
        findings = [
            Finding("error", "unreadable", e.message, e.source, e.line) for e in result.errors
        ]
        findings += findings_from_diagnostics(result.diagnostics)
        findings += check_items(result.items)
        if as_json:
            click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
        else:
            for f in findings:
                click.echo(str(f))
            counts = {
                lvl: sum(f.level == lvl for f in findings) for lvl in ("error", "warning", "info")
            }
            click.echo(
                f"{len(result.items)} items checked: {counts['error']} errors, "
                f"{counts['warning']} warnings, {counts['info']} notes",
                err=True,
            )
        failing = {"error", "warning"} if strict else {"error"}
        if any(f.level in failing for f in findings):
            sys.exit(1)


@main.command(epilog=EXIT_HELP)
@click.argument("path")
@click.option("--from", "from_", metavar="FORMAT", help="Input format; default: detected.")
@click.option("--json", "as_json", is_flag=True, help="Print the items as CSL-JSON with facts.")
@click.pass_obj
def show(state: State, path: str, from_: str | None, as_json: bool) -> None:
    """Show what was extracted from one input, field by field, with warnings.

    \b
    Example:
      citekit show documents/000_97e68d44f543b168.txt
    """
    import json

    with _guard(state):
        result = _read(state, [path], from_)
        if as_json:
            data = []
            for item in result.items:
                d = item.to_csl_json()
                d["citekit"] = {
                    "facts": [
                        {"field": f.field, "line": f.line, "text": f.text} for f in item.facts
                    ],
                    "warnings": [str(x) for x in result.diagnostics],
                }
                data.append(d)
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for item in result.items:
                click.echo(_show_item(item))
    _finish(state)


def _show_item(item: Any) -> str:
    from .model import join_names

    rows = [
        ("key", item.key),
        ("type", item.type),
        ("title", item.title),
        ("title-short", item.title_short),
        ("author", join_names(item.author)),
        ("recipient", join_names(item.recipient)),
        ("issued", item.issued.iso if item.issued else None),
        ("archive", item.archive),
        ("archive_location", item.archive_location),
        ("page", item.page),
        ("translator", "; ".join(n.sort_form for n in item.translator)),
        ("URL", item.URL),
        ("language", item.language),
        ("original language", item.original_language),
        ("funders", "; ".join(item.funders)),
        ("contributors", "; ".join(f"{c.name.display} ({c.role})" for c in item.contributors)),
        ("abstract", item.abstract),
        ("source", item.source.path if item.source else None),
    ]
    from .api import csl_rows

    lines = [f"{k:>18}: {v}" for k, v in [*rows[:-1], *csl_rows(item), rows[-1]] if v]
    lines += [f"{'extra ' + k:>18}: {v}" for k, v in item.extra.items()]
    lines += [f"{'from line':>18}: {f.field} <- line {f.line}" for f in item.facts if f.line]
    return "\n".join(lines) + "\n"


@main.command(epilog=EXIT_HELP)
@_inputs
@click.option("--json", "as_json", is_flag=True, help="Print the keys as JSON.")
@click.option(
    "--pin",
    is_flag=True,
    help="Write citekit.keys in each folder given, so the keys never change.",
)
@click.pass_obj
def keys(state: State, paths: tuple[str, ...], from_: str | None, as_json: bool, pin: bool) -> None:
    """List the citation keys of records: key, short title, date, file.

    A key depends on the document alone (author or issuing body, year, title word); a key in
    the input (CSL-JSON id, BibTeX key) or in a folder's citekit.keys wins.

    \b
    Examples:
      citekit keys documents/
      citekit keys documents/ --json
      citekit keys documents/ --pin        # write documents/citekit.keys
    """
    import json
    from pathlib import Path

    from . import api

    with _guard(state):
        result = _read(state, paths, from_)
        rows = api.key_rows(result.items)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            width = max(len(r["key"]) for r in rows)
            for r in rows:
                click.echo(f"{r['key']:<{width}}  {r['date']:<10}  {r['title']}  [{r['file']}]")
        if pin:
            folders = [p for p in _default_paths(paths) if Path(p).is_dir()]
            if not folders:
                raise CitekitError("--pin needs a folder of records", hint="citekit keys DIR --pin")
            for written in api.pin_keys(result.items, folders):
                _err(f"pinned {len(rows)} keys in {written}")
    _finish(state)


@main.command(epilog=EXIT_HELP)
@click.argument("query", nargs=-1)
@click.option("--limit", default=40, show_default=True, help="How many matches to list.")
@click.pass_obj
def styles(state: State, query: tuple[str, ...], limit: int) -> None:
    """List citekit's style aliases, or search the ~10,800 CSL styles.

    Every word of QUERY must match the start of a word of a style's id, title, short title
    or alias, or the title's acronym ("mla" finds Modern Language Association).

    \b
    Examples:
      citekit styles
      citekit styles chicago notes
      citekit styles mla
    """
    from . import api
    from .engine.styles import aliases

    with _guard(state):
        if not query:
            click.echo("Aliases:")
            for alias, target in aliases().items():
                click.echo(f"  {alias:<22} {target}")
            click.echo("\nAny CSL style id also works: `citekit styles QUERY` searches them.")
            return
        hits = api.find_styles(" ".join(query))
        for sid, title, names in hits[:limit]:
            also = f"  (alias: {', '.join(names)})" if names else ""
            click.echo(f"{sid:<45} {title}{also}")
        if len(hits) > limit:
            click.echo(f"... and {len(hits) - limit} more (--limit)")
        if not hits:
            _err(f"citekit: no style matches {' '.join(query)!r}")
            sys.exit(1)


@main.command(epilog=EXIT_HELP)
@click.argument("job", default="-")
@click.option("-o", "--output", default=None, help="Write to this file (atomically).")
@click.pass_obj
def process(state: State, job: str, output: str | None) -> None:
    """Render a JSON job (the reference engine's format) and print the result as JSON.

    JOB is a file or - for stdin: {"style": ..., "format": "text"|"html", "items": [...],
    "citations": [[{"id": ..., "locator": ..., "label": ...}], ...], "bibliography": true}.

    \b
    Example:
      citekit process job.json > out.json
    """
    import json

    from . import api
    from .textio import read_input

    with _guard(state):
        tf = read_input(job)
        try:
            data = json.loads(tf.text)
        except json.JSONDecodeError as exc:
            raise CitekitError(
                f"malformed JSON: {exc.msg}", source=tf.name, line=exc.lineno
            ) from None
        size = 0
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            citations = data.get("citations")
            size = api.render_size(
                len(data["items"]),
                len(citations) if isinstance(citations, list) else 0,
                bibliography=data.get("bibliography", True) is not False,
            )
        with _progress(state, "Rendering", size) as report:
            result = api.process(data, progress=report)
        _write(json.dumps(result, ensure_ascii=False, indent=1) + "\n", output, [job])


def _flag(name: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    def set_flag(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        state = ctx.find_object(State)
        if value and state is not None:
            setattr(state, name, True)

    return set_flag


# -q, -v and --debug also work after the command (`citekit cite -q ...`).
for _command in main.commands.values():
    _command.params += [
        click.Option(["-q", "--quiet", "quiet_"], is_flag=True, expose_value=False,
                     callback=_flag("quiet"), help="Do not print warnings or progress bars."),
        click.Option(["-v", "--verbose", "verbose_"], is_flag=True, expose_value=False,
                     callback=_flag("verbose"), help="Print every warning, even repeated ones."),
        click.Option(["--debug", "debug_"], is_flag=True, expose_value=False,
                     callback=_flag("debug"), help="Show a traceback on errors."),
    ]  # fmt: skip
