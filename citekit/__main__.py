"""``python -m citekit``: the same as the ``citekit`` command."""

from .cli import run

run()
