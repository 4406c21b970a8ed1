"""BibTeX and BibLaTeX export through bibtexparser v2 and its middlewares.

The field table is :mod:`citekit.mapping.bibtex` (shared with the reader): each CSL variable
goes to its field for the dialect and type, the rest to ``Key: value`` lines in ``annote``.
bibtexparser's ``LatexEncodingMiddleware`` escapes the text (LaTeX specials always,
non-ASCII letters only with ``ascii_only``) and ``MergeNameParts``/``MergeCoAuthors`` write
the names. After escaping, citekit adds the braces that are its own: whole titles and
corporate names, and the ``{}`` that keeps Zotero's BibTeX importer from rewriting text
(see :func:`protect_for_zotero`). ``url`` and ``doi`` are verbatim in biblatex and are
written as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..errors import Diagnostic
from ..languages import biblatex_langid, language_name
from ..mapping import bibtex as table
from ..mapping.lines import date_from_csl, fact_lines, value_lines
from ..model import DATE_VARIABLES, NAME_VARIABLES, Item, Name, names_from_csl

# LaTeX's special characters, escaped in every field that is not verbatim.
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_SPECIAL = re.compile("[" + re.escape("".join(_SPECIALS)) + "]")
# Zotero's BibTeX importer replaces these character pairs wherever they occur ("--" by an
# en dash, "''" by a closing quote, "!!" by U+203C...), and LaTeX makes ligatures of most of
# them: an empty group between the two characters stops both and prints nothing.
_PAIR_CHARS = "-'`!?"
_PAIR = re.compile(f"(?<=[{re.escape(_PAIR_CHARS)}])(?=[{re.escape(_PAIR_CHARS)}])")


def protect_for_zotero(latex: str) -> str:
    """Break the character sequences Zotero's BibTeX importer would rewrite.

    The importer replaces every "TEL" by "℡" (so "TELEGRAM", "INTELLIGENCE" change) and
    ``--``, ``---``, ``''``, ``!!``, ``?!``, ``!?`` by single characters, then drops all
    braces: ``T{}EL`` and ``-{}-`` reach Zotero as the text, and LaTeX prints them as is.
    """
    return _PAIR.sub("{}", latex.replace("TEL", "T{}EL"))


def _encoder(ascii_only: bool) -> Any:
    from pylatexenc.latexencode import (
        RULE_DICT,
        UnicodeToLatexConversionRule,
        UnicodeToLatexEncoder,
    )

    class Encoder(UnicodeToLatexEncoder):  # type: ignore[misc]
        """pylatexenc's encoder, skipped for text it would leave as it is (it is slow)."""

        def unicode_to_latex(self, s: str, **kwargs: Any) -> str:
            if not _SPECIAL.search(s) and (s.isascii() or not ascii_only):
                return s
            return str(super().unicode_to_latex(s, **kwargs))

    specials = UnicodeToLatexConversionRule(
        rule_type=RULE_DICT, rule={ord(k): v for k, v in _SPECIALS.items()}
    )
    rules: list[Any] = [specials, "defaults"] if ascii_only else [specials]
    return Encoder(
        conversion_rules=rules,
        replacement_latex_protection="braces-after-macro",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


def _name_parts(name: Name) -> Any:
    from bibtexparser.middlewares import NameParts

    if name.literal:
        return NameParts(last=[name.literal])
    return NameParts(
        first=[p for p in (name.given, name.dropping_particle) if p],
        von=[name.non_dropping_particle] if name.non_dropping_particle else [],
        last=[name.family] if name.family else [],
        jr=[name.suffix] if name.suffix else [],
    )


def _value(row: table.Row, value: Any, dialect: str) -> Any:
    """The Python value of one row's field (names as NameParts, before escaping)."""
    if row.variable in NAME_VARIABLES:
        return [(n, _name_parts(n)) for n in names_from_csl(value)]
    if row.variable in DATE_VARIABLES:
        date = date_from_csl(value)
        return date.iso or None
    text = re.sub(r"\s+", " ", str(value)).strip() if row.variable != "annote" else str(value)
    if row.variable == "language":
        return biblatex_langid(text) if dialect == table.BIBLATEX else language_name(text)
    return text


def entry_parts(item: Item, dialect: str) -> tuple[str, str, list[tuple[str, Any]], list[str]]:
    """Entry type, key, (field, value) pairs before escaping, and the keys of note lines."""
    data = item.to_csl_json(with_facts=False)
    csl_type = str(data.pop("type"))
    data.pop("id")
    data.pop("citation-key", None)
    kind = table.entry_type(csl_type, dialect)
    fields: list[tuple[str, Any]] = []
    lines: list[tuple[str, str]] = []
    done: set[str] = set()
    for row in table.ROWS:
        if row.variable in data and row.variable not in done and row.applies(csl_type, dialect):
            value = _value(row, data[row.variable], dialect)
            if value:
                fields.append((row.field, value))
                done.add(row.variable)
    for variable, value in data.items():
        if variable not in done:
            lines.extend(value_lines(variable, value))
    issued = date_from_csl(data["issued"]) if "issued" in data else None
    if dialect == table.BIBTEX and issued and issued.parts:
        fields.append(("year", f"{issued.parts[0][0]:04d}"))
        if len(issued.parts[0]) > 1:
            fields.append(("month", str(issued.parts[0][1])))
    if where := table.archive_line(data):
        fields.append(("howpublished", where))
    if dialect == table.BIBLATEX and item.original_language:
        key = biblatex_langid(item.original_language)
        if key in table.ORIGLANGUAGE_KEYS:
            fields.append(("origlanguage", key))
    if table.CSL_TYPE.get(kind, table.DEFAULT_CSL_TYPE) != csl_type:
        lines.append(("Type", csl_type))
    lines.extend(fact_lines(item))
    if lines:
        text = "\n".join(f"{k}: {v}" for k, v in lines)
        own = dict(fields).get(table.LINES_FIELD)
        fields = [(f, v) for f, v in fields if f != table.LINES_FIELD]
        fields.append((table.LINES_FIELD, f"{own}\n{text}" if own else text))
    return kind, item.citation_key or item.id, fields, [k for k, _ in lines]


def write(
    items: Sequence[Item], *, dialect: str = table.BIBLATEX, ascii_only: bool = False
) -> tuple[str, list[Diagnostic]]:
    """Write items as a ``.bib`` file (BibTeX or BibLaTeX dialect) with bibtexparser."""
    # bibtexparser is imported here, not at start-up: most commands never touch a .bib.
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import LatexEncodingMiddleware, MergeCoAuthors, MergeNameParts
    from bibtexparser.model import Entry, Field

    encoder = _encoder(ascii_only)
    escape = LatexEncodingMiddleware(encoder=encoder)
    merge = [MergeNameParts(style="last"), MergeCoAuthors()]
    library = Library()
    for item in items:
        kind, key, fields, _ = entry_parts(item, dialect)
        texts = Library()
        names: dict[str, list[Name]] = {}
        encoded: list[Field] = []
        for fld, value in fields:
            if fld in table.NAME_FIELDS:
                names[fld] = [n for n, _ in value]
                encoded.append(Field(fld, [p for _, p in value]))
            elif fld not in table.RAW_FIELDS:
                encoded.append(Field(fld, value))
        texts.add(Entry(kind, key, encoded))
        (entry,) = escape.transform(texts).entries
        for f in entry.fields:
            if f.key in names:
                # The encoding middleware passes lists of NameParts by: escape each part here.
                for name, parts in zip(names[f.key], f.value, strict=True):
                    for attr in ("first", "von", "last", "jr"):
                        words = [encoder.unicode_to_latex(w) for w in getattr(parts, attr)]
                        setattr(parts, attr, [protect_for_zotero(w) for w in words])
                    if name.literal:  # a body: one brace group, never split into names
                        parts.last = ["{" + " ".join(parts.last) + "}"]
            else:
                f.value = protect_for_zotero(f.value)
                if f.key == "pages":
                    f.value = re.sub(r"\s*[-–]\s*", "--", f.value.replace("{}", ""))
                elif f.key in table.TITLE_FIELDS:
                    f.value = "{" + f.value + "}"
        for middleware in merge:
            (entry,) = middleware.transform(Library([entry])).entries
        by_key = {f.key: f for f in entry.fields}
        out = [by_key[f] if f in by_key else Field(f, str(v)) for f, v in fields]
        library.add(Entry(kind, key, out))
    return write_string(library).strip() + "\n", []


def moved_keys(item: Item, dialect: str) -> list[str]:
    """The keys ``item`` carries as ``annote`` lines rather than fields of their own."""
    return entry_parts(item, dialect)[3]
