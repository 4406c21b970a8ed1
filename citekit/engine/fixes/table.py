"""The type of a FIXES row and the values rows share."""

from __future__ import annotations

from dataclasses import dataclass

#: The phases of a job, in order (see :mod:`citekit.engine`).
PHASES = ("style", "item", "engine", "output")

NOT_FILED = "not filed"
CITEPROC_JS = "not filed: citeproc-js behaviour rather than a CSL rule"


@dataclass(frozen=True)
class Fix:
    """One row of the table."""

    id: str
    phase: str
    where: str
    cause: str
    spec: str
    proof: str
    upstream: str = NOT_FILED


def case(fix_id: str) -> str:
    """The proof that is a case of ``tests/conformance/fixes.json``."""
    return f"tests/conformance/fixes.json case {fix_id!r}"
