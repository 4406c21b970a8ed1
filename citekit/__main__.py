"""``python -m citekit``: the same as the ``citekit`` command."""

from .cli import main

main()
