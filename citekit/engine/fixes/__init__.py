"""FIXES: every correction citekit makes to citeproc-py 0.11.1, in one table.

Each row says what is corrected (``id``, the name of its ``FIX(<id>)`` markers in the
code), in which phase and where (``where``), why (``cause``), which rule it follows
(``spec``: a section of the CSL 1.0.2 specification, or the reference engine's behaviour
when the spec is silent), what proves it (``proof``: the case of that id in
``tests/conformance/fixes.json``, checked against citeproc-js and against stock
citeproc-py by ``tests/test_fixes.py``, or a named test) and whether it has gone upstream
(``upstream``). ``tests/test_fixes.py`` keeps the table, the markers and the cases in step.

Adding a fix: write the override (a subclass of the citeproc-py class in the module of
its concern, calling ``super()``), list it in :data:`citekit.engine.loader.OVERRIDES`
(outermost first), mark it ``FIX(<id>)``, add its row in the module of its concern (below)
and its case to ``scripts/fix_cases.py`` (then ``python scripts/fix_cases.py``). Removing one when
upstream fixes the cause: delete the override, the row and the case.

The rows live by concern: :mod:`.input` (style and item phases), :mod:`.names`,
:mod:`.rendering` (the rest of the engine phase), :mod:`.output`; :mod:`.table` holds the
row type.
"""

from __future__ import annotations

from . import input, names, output, rendering
from .table import PHASES, Fix

__all__ = ["FIXES", "PHASES", "Fix"]

#: Every correction, by concern.
FIXES: tuple[Fix, ...] = (*input.ROWS, *names.ROWS, *rendering.ROWS, *output.ROWS)
