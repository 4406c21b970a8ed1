"""Reader for BibTeX and BibLaTeX through bibtexparser v2 and its middlewares.

bibtexparser splits the entries, ``MonthIntMiddleware`` reads month macros (``mar``),
``SeparateCoAuthors``/``SplitNameParts`` split the names and ``LatexDecodingMiddleware``
turns LaTeX into text (names by hand: the middleware passes lists of name parts by); the
field table (:mod:`citekit.mapping.bibtex`, shared with the exporter) says which CSL
variable each field holds. ``Key: value`` lines in ``annote`` come back as variables and
facts; a field citekit has no variable for is kept in ``extra`` under its own name.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..errors import Diagnostic, RecordError
from ..languages import language_code, language_name
from ..mapping import bibtex as table
from ..mapping.lines import build_item, split_lines
from ..model import DATE_VARIABLES, NAME_VARIABLES, Item, Name
from ..textio import TextFile

FORMAT_ID = "bibtex"
_LINE = re.compile(r"^(?P<key>[A-Za-z][^:\n]{0,60}?):\s+(?P<value>.+)$")
_ENTRY_START = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.M)


def detect(text: str) -> bool:
    """Say whether ``text`` is BibTeX (an ``@type{`` entry near the start)."""
    head = text[:5000]
    return "@" in head and bool(_ENTRY_START.search(head))


# Text that LaTeX reads as itself: no macro, group, math, comment, tie, or ligature
# ("--", "``", "''", "!`", "?`"). Decoding it is the identity, and pylatexenc is slow.
_PLAIN = re.compile(r"(?!.*(?:--|``|''|!`|\?`))[^\\{}$%~]*", re.S)


def _decoder() -> Any:
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    class Decoder(LatexNodes2Text):  # type: ignore[misc]
        """pylatexenc's decoder, skipped for text with no LaTeX in it."""

        def latex_to_text(self, latex: str, **kwargs: Any) -> str:
            if _PLAIN.fullmatch(latex):
                return latex
            bare = latex.replace("{}", "")  # citekit's own empty groups and whole-title braces
            if bare[:1] == "{" and bare[-1:] == "}" and _PLAIN.fullmatch(bare[1:-1]):
                return bare[1:-1]
            if _PLAIN.fullmatch(bare):
                return bare
            return str(super().latex_to_text(latex, **kwargs))

    db = get_default_latex_context_db()
    db.add_context_category(
        "citekit",
        prepend=True,
        macros=[
            MacroTextSpec("url", simplify_repl="%s"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
            MacroTextSpec("textasciitilde", simplify_repl="~"),
        ],
    )
    return Decoder(latex_context=db, math_mode="verbatim")


def _is_braced(text: str) -> bool:
    """Say whether ``text`` is one brace group (a corporate name written ``{...}``)."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{" and text[i - 1 : i] != "\\":
            depth += 1
        elif ch == "}" and text[i - 1 : i] != "\\":
            depth -= 1
            if depth == 0 and i < len(text) - 1:
                return False
    return depth == 0


def _is_body(parts: Any) -> bool:
    """Say whether split name parts are one brace group: a body, kept whole."""
    return (
        not (parts.first or parts.von or parts.jr)
        and len(parts.last) == 1
        and _is_braced(parts.last[0])
    )


def _name(parts: Any, literal: bool, decoder: Any) -> Name:
    # bibtexparser's decoding middleware passes lists of NameParts by: decode each part here.
    def joined(words: list[str]) -> str | None:
        text = _text(" ".join(str(decoder.latex_to_text(w)) for w in words))
        return text or None

    if literal:
        return Name(literal=joined(parts.last))
    return Name(
        family=joined(parts.last),
        given=joined(parts.first),
        non_dropping_particle=joined(parts.von),
        suffix=joined(parts.jr),
    )


def _text(value: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", value).strip()


def _line_pairs(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Split a field into ``Key: value`` lines and the free text around them."""
    pairs, plain = [], []
    for line in text.split("\n"):
        m = _LINE.match(line.strip())
        if m:
            pairs.append((m["key"], m["value"]))
        elif line.strip():
            plain.append(line.strip())
    return pairs, plain


def entry_to_item(
    entry_type: str,
    key: str,
    fields: dict[str, Any],
    raw: dict[str, str],
    literals: dict[str, list[bool]],
    decoder: Any,
) -> Item:
    """Build an item from one entry: decoded ``fields``, undecoded ``raw`` ones."""
    csl_type = table.CSL_TYPE.get(entry_type, table.DEFAULT_CSL_TYPE)
    data: dict[str, Any] = {"type": csl_type, "citation-key": key}
    pairs: list[tuple[str, str]] = []
    extra: list[tuple[str, str]] = []
    for fld, value in fields.items():
        rows = table.rows_for_field(fld, csl_type)
        if fld in table.DERIVED_FIELDS:
            continue
        if fld in table.NAME_FIELDS:
            names = [_name(p, lit, decoder) for p, lit in zip(value, literals[fld], strict=True)]
            data[fld] = [n.to_csl_json() for n in names if n.literal or n.family]
        elif fld == table.LINES_FIELD:
            lines, plain = _line_pairs(str(value))
            pairs.extend(lines)
            if plain:
                data[rows[0].variable] = "\n".join(plain)
        elif not rows:
            extra.append((fld, _text(str(value))))
        else:
            variable = rows[0].variable
            text = raw[fld] if fld in table.RAW_FIELDS else _text(str(value))
            if variable in DATE_VARIABLES:
                data[variable] = {"raw": text}
            elif variable == "language":
                data[variable] = language_code(text) or text
            elif variable == "page":
                data[variable] = re.sub(r"\s*[–-]+\s*", "-", text)
            elif variable not in NAME_VARIABLES:
                data[variable] = text
    if "issued" not in data and (year := raw.get("year", "").strip()[:4]).isdigit():
        month = raw.get("month", "").strip()
        parts = [int(year)] + ([int(month)] if month.isdigit() else [])
        data["issued"] = {"date-parts": [parts]}
    line_data, rest = split_lines(pairs)
    data.update(line_data)
    if "origlanguage" in raw and not any(k == "Original Language" for k, _ in rest):
        rest.append(("Original Language", language_name(raw["origlanguage"])))
    item, _ = build_item(data, [*rest, *extra], default_id=key)
    if "howpublished" in fields:
        ours = table.archive_line(item.to_csl_json(with_facts=False))
        if _text(str(fields["howpublished"])) != ours:
            item = item.replace(extra={**item.extra, "howpublished": fields["howpublished"]})
    return item


def read_bib(text: str, *, source: str) -> list[tuple[Item, list[Diagnostic]]]:
    """Read every entry of a ``.bib`` text.

    Raises:
        RecordError: bibtexparser could not parse a block (names its line).
    """
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import (
        LatexDecodingMiddleware,
        MonthIntMiddleware,
        SeparateCoAuthors,
        SplitNameParts,
    )

    # bibtexparser logs its own account of a failed block; citekit's one-line error says it.
    quiet = logging.getLogger("bibtexparser")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        library = parse_string(
            text, append_middleware=[MonthIntMiddleware(), SeparateCoAuthors(), SplitNameParts()]
        )
    finally:
        quiet.setLevel(level)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        names = type(block).__name__ == "MiddlewareErrorBlock"
        raise RecordError(
            "a name BibTeX's name rules cannot split"
            if names
            else "cannot parse this BibTeX entry",
            source=source,
            line=(block.start_line or 0) + 1,
            hint="write a name as 'Family, Given' or 'Family, Jr, Given', several joined by 'and'"
            if names
            else "check that every { has its } and the entry has a key",
        )
    decoder = _decoder()
    decode = LatexDecodingMiddleware(decoder=decoder)
    out: list[tuple[Item, list[Diagnostic]]] = []
    for entry in library.entries:
        raw = {
            f.key.lower(): str(f.value).strip()
            for f in entry.fields
            if isinstance(f.value, str | int)
        }
        literals = {
            f.key.lower(): [_is_body(p) for p in f.value]
            for f in entry.fields
            if isinstance(f.value, list)
        }
        decoded_entries = decode.transform(Library([entry])).entries
        if len(decoded_entries) != 1:
            raise RecordError(
                f"cannot read the LaTeX in entry {entry.key!r}",
                source=source,
                line=(entry.start_line or 0) + 1,
                hint="check its macros and $...$",
            )
        decoded = decoded_entries[0]
        fields = {f.key.lower(): f.value for f in decoded.fields}
        item = entry_to_item(entry.entry_type.lower(), entry.key, fields, raw, literals, decoder)
        out.append((item, []))
    return out


def read(tf: TextFile, *, item_id: str) -> list[tuple[Item, list[Diagnostic]]]:
    """Read every entry of a ``.bib`` file (``item_id`` is unused: entries have keys)."""
    return read_bib(tf.text, source=tf.name)
