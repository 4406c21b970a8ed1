"""Errors and diagnostics.

citekit raises a :class:`CitekitError` only for problems that stop the work on one input
(a missing file, a malformed record, an unknown style). Everything recoverable is a
:class:`Diagnostic`, returned beside the value, so a batch can report it and carry on.
The command line turns a ``CitekitError`` into one line on stderr and exit status 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class CitekitError(Exception):
    """A problem with the user's input or request that citekit can name and explain.

    Args:
        message: What happened, in one sentence.
        source: The file (or ``<stdin>``) the problem is in, if any.
        line: The 1-based line in that file, if known.
        hint: What the user can do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.hint = hint

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt whole when it comes back from a worker process (citekit.parallel).
        return (_rebuild, (type(self), self.message, self.source, self.line, self.hint))

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = f"{self.source}:{self.line}: " if self.line else f"{self.source}: "
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


def _rebuild(
    cls: type[CitekitError], message: str, source: str | None, line: int | None, hint: str | None
) -> CitekitError:
    return cls(message, source=source, line=line, hint=hint)


class InputError(CitekitError):
    """A file could not be read, decoded or recognised."""


class UnknownFormatError(InputError):
    """No reader recognises the input, or ``--from``/``--to`` names no known format."""


class RecordError(InputError):
    """A record was recognised but is malformed (for example, it has no title)."""


class StyleError(CitekitError):
    """A CSL style could not be found or parsed."""


class RenderError(CitekitError):
    """The CSL engine failed on an item, or a citation names an item that does not exist."""


class ExportError(CitekitError):
    """An export could not be written or did not read back cleanly."""


@dataclass(frozen=True)
class Diagnostic:
    """A recoverable finding: returned with a value, printed as a warning, never raised.

    ``level`` is ``"error"``, ``"warning"`` or ``"info"``; ``code`` is a stable kebab-case
    identifier that scripts can filter on.
    """

    level: str
    code: str
    message: str
    source: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = f"{self.source}:{self.line}: " if self.line else f"{self.source}: "
        return f"{self.level}: {where}{self.message}"
