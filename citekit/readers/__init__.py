"""Readers: every input format ends at the canonical :class:`~citekit.model.Item`.

Each reader module has ``FORMAT_ID``, ``detect(text) -> bool`` and ``read(textfile,
item_id=...)``. Detection runs in the order of :data:`READERS` (most specific first);
``--from`` skips it. Directories are searched recursively for files with a known suffix.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import parallel
from ..errors import CitekitError, Diagnostic, InputError, UnknownFormatError
from ..keys import DEFAULT_KEY_FORMAT, assign_keys, key_facts, read_pins
from ..model import Item, Source
from ..textio import TextFile, read_input
from . import archive_page, bibtex, csl_json, ris

ReadFn = Callable[[TextFile, str], list[tuple[Item, list[Diagnostic]]]]


def _one(module_read: Callable[..., tuple[Item, list[Diagnostic]]]) -> ReadFn:
    def read(tf: TextFile, item_id: str) -> list[tuple[Item, list[Diagnostic]]]:
        return [module_read(tf, item_id=item_id)]

    return read


def _many(module_read: Callable[..., list[tuple[Item, list[Diagnostic]]]]) -> ReadFn:
    def read(tf: TextFile, item_id: str) -> list[tuple[Item, list[Diagnostic]]]:
        return module_read(tf, item_id=item_id)

    return read


@dataclass(frozen=True)
class Reader:
    """One registered input format."""

    format_id: str
    suffixes: tuple[str, ...]
    detect: Callable[[str], bool]
    read: ReadFn


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    """Add a reader to the registry (refusing a duplicate format id)."""
    if reader.format_id in READERS:
        raise ValueError(f"reader {reader.format_id!r} is registered twice")
    READERS[reader.format_id] = reader


register(Reader(ris.FORMAT_ID, (".ris",), ris.detect, _many(ris.read)))
register(Reader(bibtex.FORMAT_ID, (".bib", ".bibtex"), bibtex.detect, _many(bibtex.read)))
register(Reader(csl_json.FORMAT_ID, (".json", ".csljson"), csl_json.detect, _many(csl_json.read)))
register(
    Reader(
        archive_page.FORMAT_ID,
        (".txt", ".md", ".markdown"),
        archive_page.detect,
        _one(archive_page.read),
    )
)

INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".csljson", ".bib", ".ris")


def format_names() -> list[str]:
    """The format ids ``--from`` accepts."""
    return sorted(READERS)


def choose_reader(tf: TextFile, fmt: str | None = None) -> Reader:
    """Pick the reader for ``tf``: ``fmt`` when given, else by content, then by suffix.

    Raises:
        UnknownFormatError: ``fmt`` is unknown, or no reader recognises the text.
    """
    if fmt:
        if fmt not in READERS:
            raise UnknownFormatError(
                f"unknown input format {fmt!r}", hint="one of " + ", ".join(format_names())
            )
        return READERS[fmt]
    for reader in READERS.values():
        if reader.detect(tf.text):
            return reader
    suffix = Path(tf.name).suffix.lower()
    if suffix in (".md", ".markdown"):  # Markdown that is no record: notes, a manuscript
        raise UnknownFormatError(
            "a Markdown file that is not an archive record (no **Citation:** section)",
            source=tf.name,
            hint="to render a manuscript that cites records: citekit render FILE",
        )
    for reader in READERS.values():
        if suffix in reader.suffixes:
            return reader
    raise UnknownFormatError(
        "not a format citekit reads",
        source=tf.name,
        hint="an archive record (with a **Citation:** section), CSL-JSON, BibTeX or RIS; "
        "--from names the format",
    )


@dataclass
class ReadResult:
    """What reading some inputs gave: items, warnings, and the inputs that failed."""

    items: list[Item] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[CitekitError] = field(default_factory=list)


def read_text(tf: TextFile, fmt: str | None = None) -> tuple[list[Item], list[Diagnostic]]:
    """Read every item in one decoded input, stamping each with its source file."""
    reader = choose_reader(tf, fmt)
    stem = Path(tf.name).stem if tf.name != "<stdin>" else "stdin"
    results = reader.read(tf, stem)
    source = Source(tf.name, tf.sha256, tf.size, reader.format_id, tf.encoding)
    items, diags = [], []
    for item, d in results:
        items.append(item.replace(source=source))
        diags.extend(d)
    return items, diags


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories (recursively, sorted) into the input files they hold."""
    for p in paths:
        if p != "-" and os.path.isdir(p):
            yield from sorted(_files_under(p))
        else:
            yield p


def _files_under(folder: str) -> Iterator[str]:
    """The input files in ``folder`` and its subfolders, skipping hidden names, unsorted.

    Paths are spelled as ``pathlib`` spells them (``./docs/`` gives ``docs/a.txt``, ``.``
    gives ``a.txt``): they name the records in messages and provenance notes. ``os.walk``,
    not ``Path.rglob``: a folder of 10,000 records is listed in a tenth of the time.
    Symbolic links to folders are not followed, as ``rglob`` does not follow them.
    """
    base = str(Path(folder))
    for root, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if root == ".":
            prefix = ""
        else:  # pathlib drops the "./" that os.walk puts before a subfolder of "."
            prefix = (root[2:] if base == "." else root) + os.sep
        for name in files:
            if (
                not name.startswith(".")
                and os.path.splitext(name)[1].lower() in INPUT_SUFFIXES
                and os.path.isfile(prefix + name)
            ):
                yield prefix + name


_FileResult = tuple[list[Item], list[Diagnostic], CitekitError | None, list[tuple[str, str | None]]]


def _read_one(path: str, fmt: str | None, key_format: str) -> _FileResult:
    """Read one input: its items, diagnostics and key facts, or the error that stopped it.

    The key facts (:func:`~citekit.keys.key_facts`) are worked out here, in the process
    that read the items, rather than one by one in the main process afterwards.
    """
    try:
        tf = read_input(path)
        items, diags = read_text(tf, fmt)
    except CitekitError as exc:
        if exc.source is None:
            exc.source = path
        return [], [], exc, []
    except (ValueError, RecursionError, MemoryError) as exc:
        return [], [], InputError(f"cannot read: {exc}", source=path), []
    return list(items), list(diags), None, [key_facts(it, key_format) for it in items]


def read_paths(
    paths: Iterable[str],
    fmt: str | None = None,
    *,
    key_format: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read all inputs; a bad file is recorded in ``errors`` and the rest carry on.

    Items get unique citation keys (see :mod:`citekit.keys`; a ``citekit.keys`` file in a
    given folder, or beside a given file, pins them). ``progress``, if given, is
    called with 1 after each input file (:func:`iter_paths` lists them). Many files are read
    in several processes (:mod:`citekit.parallel`); the result is the same, in input order.
    """
    with parallel.collector_paused():
        return _read_paths(list(paths), fmt, key_format, progress)


def _read_paths(
    paths: list[str],
    fmt: str | None,
    key_format: str | None,
    progress: Callable[[int], None] | None,
) -> ReadResult:
    inputs = list(iter_paths(paths))
    key_format = key_format or DEFAULT_KEY_FORMAT

    def work(share: range, report: Callable[[int], None] | None) -> list[_FileResult]:
        out = []
        for n in share:
            out.append(_read_one(inputs[n], fmt, key_format))
            if report is not None:
                report(1)
        return out

    if "-" in inputs:  # standard input is this process's: read everything here
        answers = work(range(len(inputs)), progress)
    else:
        answers = parallel.run_shares(work, len(inputs), progress)
    result = ReadResult()
    facts: list[tuple[str, str | None]] = []
    for items, diags, error, item_facts in answers:
        if error is not None:
            result.errors.append(error)
        result.items.extend(items)
        result.diagnostics.extend(diags)
        facts.extend(item_facts)
    pins: dict[str, str] = {}
    for p in paths:
        if p != "-":
            pins.update(read_pins(p if os.path.isdir(p) else os.path.dirname(p) or "."))
    result.items = assign_keys(result.items, key_format, pins, facts)
    return result
