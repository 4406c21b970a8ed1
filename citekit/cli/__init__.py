"""The ``citekit`` command line: thin, it parses options, calls the API and prints.

Wiring only: the group and its global options here, the commands in :mod:`.rendering`
(cite, render, process, styles) and :mod:`.records` (export, provenance, check, show,
keys), what they share in :mod:`.common` and :mod:`.progress`. Each command imports the
package API when it runs, so ``citekit --help`` loads neither the engine nor bibtexparser.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from .common import EXIT_HELP, State
from .records import check, export, keys, provenance, show
from .rendering import cite, process, render, styles

__all__ = ["main", "run"]


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


for _command in (cite, export, provenance, render, check, show, keys, styles, process):
    main.add_command(_command)


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


def run() -> None:
    """The ``citekit`` program: :func:`main` in a process that ends when the command does.

    A long command's objects then stay out of the garbage collector's last passes
    (:func:`citekit.parallel.process_ends`); ``--watch`` takes that back. Tests call
    :func:`main` and keep the collector as it was.
    """
    from .. import parallel

    parallel.process_ends()
    main()
