"""The commands that render: ``cite``, ``render`` (a manuscript), ``process``, ``styles``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from ..errors import CitekitError
from .common import (
    EXIT_HELP,
    FORMAT_CHOICE,
    State,
    check_watch,
    default_paths,
    err,
    expand_abbreviations_option,
    finish,
    guard,
    keep_url_option,
    locale_option,
    output_option,
    path_arguments,
    read_records,
    style_names,
    warn,
    watch_loop,
    watch_options,
    write_output,
)
from .progress import progress


@click.command(epilog=EXIT_HELP)
@path_arguments
@click.option(
    "-s",
    "--style",
    default="chicago",
    show_default=True,
    shell_complete=style_names,
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
@expand_abbreviations_option
@output_option
@locale_option
@keep_url_option
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
    from .. import api

    with guard(state):
        result = read_records(state, paths, from_, keep_url=keep_url)
        items = result.items
        if template:
            from ..templating import render_items

            text = render_items(items, template, style=style, fmt=fmt, locale=locale)
        else:
            size = api.render_size(len(items), len(items) if notes else 0, bibliography=not notes)
            with progress(state.quiet, "Rendering", size) as report:
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
        write_output(text, output, paths)
    finish(state)


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
    from .. import api

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
        err(
            f"warning: {item.source.path if item.source else item.key}: the style leaves "
            f"this item out of its bibliography; printed its note instead"
        )
    ordered = [i for i, _ in entries] + missing
    return ordered, [e for _, e in entries] + [notes[i.id] for i in missing]


@click.command(epilog=EXIT_HELP)
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
    shell_complete=style_names,
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
@expand_abbreviations_option
@output_option
@locale_option
@keep_url_option
@watch_options
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
    from ..manuscript import render_manuscript, settings
    from ..textio import read_input

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
        write_output(text, output, [manuscript, *paths])
        return len(result.items)

    check_watch(watch, output)
    with guard(state):
        build()
        if watch:
            tf = read_input(manuscript)
            bib = list(sources) or settings(tf.text, tf.name).bibliography
            watch_loop(state, [manuscript, *default_paths(bib)], output, build, watch_limit)
    finish(state)


def _read_quietly(state: State, paths: Sequence[str], *, keep_url: bool = False) -> Any:
    """Read a manuscript's bibliography: a file that cannot be read is only a warning.

    If the manuscript cites something from it, the unknown key is the error.
    """
    from ..api import read
    from ..readers import iter_paths

    result = read(list(iter_paths(default_paths(paths))), keep_url=keep_url)
    for exc in result.errors:
        err(f"warning: {exc} (not read; nothing in it can be cited)")
    warn(state, result.diagnostics)
    return result


@click.command(epilog=EXIT_HELP)
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
    from .. import api
    from ..engine.styles import aliases

    with guard(state):
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
            err(f"citekit: no style matches {' '.join(query)!r}")
            sys.exit(1)


@click.command(epilog=EXIT_HELP)
@click.argument("job", default="-")
@output_option
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

    from .. import api
    from ..textio import read_input

    with guard(state):
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
        with progress(state.quiet, "Rendering", size) as report:
            result = api.process(data, progress=report)
        write_output(json.dumps(result, ensure_ascii=False, indent=1) + "\n", output, [job])
