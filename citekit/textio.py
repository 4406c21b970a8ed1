"""Reading input files and writing output files safely.

Inputs arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252 from
older exports. Outputs are written to a temporary file beside the target and renamed over
it, so a failure never leaves a half-written file where the user's file was.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic, InputError

#: Largest input file citekit reads, in bytes (``CITEKIT_MAX_BYTES`` overrides).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    """Return the input size limit, from ``CITEKIT_MAX_BYTES`` when set."""
    value = os.environ.get("CITEKIT_MAX_BYTES", "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class TextFile:
    """A decoded input: its text (newlines normalised to ``\\n``) and what we know of the bytes."""

    name: str
    text: str
    sha256: str
    size: int
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def decode(data: bytes, name: str) -> TextFile:
    """Decode ``data`` read from ``name``, detecting BOMs and falling back to Windows-1252.

    Raises:
        InputError: the bytes are empty or binary (NUL bytes without a UTF-16 BOM).
    """
    digest = hashlib.sha256(data).hexdigest()
    diagnostics: list[Diagnostic] = []
    if not data.strip():
        raise InputError("the file is empty", source=name, hint="give a record or a CSL-JSON file")
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    if encoding == "utf-8" and b"\x00" in data:
        raise InputError(
            "this is a binary file, not text",
            source=name,
            hint="give a record (.txt), CSL-JSON (.json), BibTeX (.bib) or RIS (.ris) file",
        )
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise InputError(f"the file is not valid {encoding}", source=name) from None
        text = body.decode("cp1252", errors="replace")
        encoding = "cp1252"
        diagnostics.append(
            Diagnostic(
                "warning",
                "decoded-cp1252",
                "not UTF-8: decoded as Windows-1252; check accented letters",
                name,
            )
        )
    if "\x00" in text or _looks_binary(text):
        raise InputError(
            "this is a binary file, not text",
            source=name,
            hint="give a record (.txt), CSL-JSON (.json), BibTeX (.bib) or RIS (.ris) file",
        )
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return TextFile(name, text, digest, len(data), encoding, tuple(diagnostics))


#: The control characters (all but tab, line feed, form feed and carriage return).
_CONTROL = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20)])


def _looks_binary(text: str) -> bool:
    """Say whether decoded text is mostly control characters (a binary file that decoded).

    Counted in the UTF-8 bytes of the sample, where each control character is one byte
    that no other character's bytes contain: ``bytes.translate`` deletes them in one pass
    (a regular expression took a fiftieth of a millisecond per record).
    """
    sample = text[:4096]
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL))
    return controls > max(8, len(sample) // 20)


def read_input(path: str) -> TextFile:
    """Read and decode one input: a file path, or ``-`` for standard input.

    Raises:
        InputError: the file is missing, unreadable, too large, empty or binary.
    """
    limit = max_bytes()
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        name = path
        try:
            info = os.stat(path)  # os, not pathlib: a folder of records reads thousands
            size = info.st_size
            if stat.S_ISDIR(info.st_mode):
                raise InputError("is a directory", source=name, hint="citekit reads files in it")
            if size > limit:
                raise InputError(
                    f"the file is {size:,} bytes, over the {limit:,}-byte limit",
                    source=name,
                    hint="set CITEKIT_MAX_BYTES to raise the limit",
                )
            with open(path, "rb") as fh:
                # As much as the file holds, and one byte more to see whether it grew: a
                # read of the whole limit (20 MB) would set aside that much memory for a
                # record of a few kilobytes (a third of the time a record took to read).
                data = fh.read(size + 1)
                if len(data) > size:  # it grew since the stat: read on, up to the limit
                    data += fh.read(limit + 1 - len(data))
        except FileNotFoundError:
            raise InputError("no such file", source=name, hint="check the path") from None
        except PermissionError:
            raise InputError("permission denied", source=name) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from None
    if len(data) > limit:
        raise InputError(
            f"the input is over the {limit:,}-byte limit",
            source=name,
            hint="set CITEKIT_MAX_BYTES to raise the limit",
        )
    return decode(data, name)


def write_atomic(path: str, text: str, *, inputs: tuple[str, ...] = ()) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename.

    Raises:
        InputError: ``path`` is one of the inputs (citekit never overwrites its own input).
    """
    target = Path(path)
    for given in inputs:
        if given != "-" and _same_file(Path(given), target):
            raise InputError(
                "refusing to write over an input file",
                source=path,
                hint="choose another -o path",
            )
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", source=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        # mkstemp makes the file 0600; the output gets the mode the user would have got
        # from a plain open(): the existing file's, else 0666 less the umask.
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
