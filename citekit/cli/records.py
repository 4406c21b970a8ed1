"""The commands about the records: ``export``, ``provenance``, ``check``, ``show``, ``keys``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from ..errors import CitekitError, Diagnostic
from .common import (
    EXIT_HELP,
    State,
    check_watch,
    default_paths,
    err,
    finish,
    guard,
    keep_url_option,
    output_option,
    path_arguments,
    read_records,
    watch_loop,
    watch_options,
    write_output,
)


@click.command(epilog=EXIT_HELP)
@path_arguments
@click.option(
    "-t",
    "--to",
    "to",
    required=True,
    type=click.Choice(["csl-json", "bibtex", "biblatex", "ris"]),
    help="Output format.",
)
@output_option
@click.option("--ascii", "ascii_only", is_flag=True, help="BibTeX: LaTeX escapes instead of UTF-8.")
@click.option(
    "--key-format",
    default=None,
    help="Citation key formula, default {auth}{year}{title}; also {shorttitle}, {archive}.",
)
@keep_url_option
@watch_options
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
    from .. import api

    check_watch(watch, output)
    with guard(state):
        result = read_records(state, paths, from_, key_format, keep_url)
        text, notes = api.export_with_notes(result.items, to, ascii_only=ascii_only)
        write_output(text, output, paths)
        if not state.quiet:
            for d in notes:
                err(f"note: {d.message}")

    def rebuild() -> int:
        result = api.read(
            list(default_paths(paths)), from_, key_format=key_format, keep_url=keep_url
        )
        for exc in result.errors:
            err(f"citekit: error: {exc}")
        if not result.items:
            raise CitekitError("no records could be read; the output is left as it was")
        text, _ = api.export_with_notes(result.items, to, ascii_only=ascii_only)
        write_output(text, output, paths)
        return len(result.items)

    if watch:
        with guard(state):
            watch_loop(state, default_paths(paths), output, rebuild, watch_limit)
    finish(state)


@click.command(epilog=EXIT_HELP)
@path_arguments
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
@output_option
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
    with guard(state):
        result = read_records(state, paths, from_)
        warnings = _warnings_by_source(result.diagnostics)
        when = None
        if accessed:
            from ..dates import parse_iso

            when = parse_iso(accessed)
            if when is None:
                raise CitekitError(f"--accessed {accessed!r} is not a date", hint="YYYY-MM-DD")
        notes = []
        for item in result.items:
            if when is not None:
                item = item.replace(accessed=when)
            from ..provenance import render_provenance

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
        write_output(text, output, paths)
    finish(state)


def _warnings_by_source(diags: Sequence[Diagnostic]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in diags:
        out.setdefault(d.source or "", []).append(
            (f"line {d.line}: " if d.line else "") + d.message
        )
    return out


@click.command(epilog=EXIT_HELP)
@path_arguments
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

    from ..check import Finding, check_items, findings_from_diagnostics
    from ..readers import read_paths

    with guard(state):
        result = read_paths(default_paths(paths), from_)
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


@click.command(epilog=EXIT_HELP)
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

    with guard(state):
        result = read_records(state, [path], from_)
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
    finish(state)


def _show_item(item: Any) -> str:
    from ..model import join_names

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
    from ..api import csl_rows

    lines = [f"{k:>18}: {v}" for k, v in [*rows[:-1], *csl_rows(item), rows[-1]] if v]
    lines += [f"{'extra ' + k:>18}: {v}" for k, v in item.extra.items()]
    lines += [f"{'from line':>18}: {f.field} <- line {f.line}" for f in item.facts if f.line]
    return "\n".join(lines) + "\n"


@click.command(epilog=EXIT_HELP)
@path_arguments
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

    from .. import api

    with guard(state):
        result = read_records(state, paths, from_)
        rows = api.key_rows(result.items)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            width = max(len(r["key"]) for r in rows)
            for r in rows:
                click.echo(f"{r['key']:<{width}}  {r['date']:<10}  {r['title']}  [{r['file']}]")
        if pin:
            folders = [p for p in default_paths(paths) if Path(p).is_dir()]
            if not folders:
                raise CitekitError("--pin needs a folder of records", hint="citekit keys DIR --pin")
            for written in api.pin_keys(result.items, folders):
                err(f"pinned {len(rows)} keys in {written}")
    finish(state)
