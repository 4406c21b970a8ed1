"""BibTeX and BibLaTeX export and import through bibtexparser v2.

Entry types are ones both Zotero and LaTeX know (an unknown type such as ``@manuscript``
makes Zotero drop the entry): a manuscript is ``@unpublished`` (Zotero: manuscript), a
document ``@misc``. No BibTeX field reaches Zotero's Archive fields, so the archive and
shelfmark go to ``howpublished`` (printed by LaTeX styles, shown by Zotero as
"Published: ...") and also to ``archive`` and ``archive_location``, named like Zotero's own
fields for the Better BibTeX importer. What has no field goes to ``note``.

Escaping: LaTeX specials are escaped in every field but ``url``; braces in the text are
escaped so that citekit's own protective braces (whole titles, corporate names) are the
only ones that group; non-ASCII stays UTF-8 unless ``ascii_only``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..dates import parse_iso
from ..errors import Diagnostic, RecordError
from ..facts import read_fact_lines
from ..languages import biblatex_langid, language_code
from ..model import Date, Item, Name
from ..names import parse_name

TYPES: tuple[tuple[str, str], ...] = (
    ("manuscript", "unpublished"),
    ("document", "misc"),
    ("book", "book"),
    ("chapter", "incollection"),
    ("article-journal", "article"),
    ("report", "report"),
    ("thesis", "phdthesis"),
    ("webpage", "online"),
    ("personal_communication", "letter"),
)
_CSL_TO_BIB = dict(TYPES)
_BIB_TO_CSL = {b: c for c, b in reversed(TYPES)}
_BIB_TO_CSL.update(
    {
        "manuscript": "manuscript",
        "misc": "document",
        "unpublished": "manuscript",
        "mastersthesis": "thesis",
        "techreport": "report",
        "inbook": "chapter",
    }
)

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
_SPECIAL_RE = re.compile(r"[\\{}%&$#_^~]")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(text: str, *, ascii_only: bool = False) -> str:
    """Escape LaTeX specials (and, with ``ascii_only``, non-ASCII letters) in field text."""
    text = _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group(0)], re.sub(r"\s+", " ", text).strip())
    if ascii_only and not text.isascii():
        from pylatexenc.latexencode import unicode_to_latex

        text = "".join(c if c.isascii() else str(unicode_to_latex(c)) for c in text)
    return text


def unescape(text: str) -> str:
    """Undo :func:`escape` and citekit's protective braces (and common LaTeX accents)."""
    reverse = {v: k for k, v in _SPECIALS.items()}
    out, i = [], 0
    keys = sorted(reverse, key=len, reverse=True)
    while i < len(text):
        for k in keys:
            if text.startswith(k, i):
                out.append(reverse[k])
                i += len(k)
                break
        else:
            ch = text[i]
            if ch in "{}":
                i += 1
                continue
            if ch == "\\":
                m = re.match(r"\\([a-zA-Z]+|.)\s*(\{[^{}]*\}|[a-zA-Z])?", text[i:])
                if m:
                    from pylatexenc.latex2text import LatexNodes2Text

                    out.append(LatexNodes2Text().latex_to_text(m.group(0)))
                    i += m.end()
                    continue
            out.append(ch)
            i += 1
    return "".join(out)


def _name(n: Name, ascii_only: bool) -> str:
    if n.literal:
        return "{" + escape(n.literal, ascii_only=ascii_only) + "}"
    family = " ".join(p for p in (n.non_dropping_particle, n.family) if p)
    parts = [escape(family, ascii_only=ascii_only)]
    if n.suffix:
        parts.append(escape(n.suffix, ascii_only=ascii_only))
    if n.given:
        parts.append(escape(n.given, ascii_only=ascii_only))
    return ", ".join(parts)


def _date_fields(d: Date) -> list[tuple[str, str]]:
    out = [("date", d.iso.rstrip("~") + ("~" if d.circa else ""))]
    if d.parts:
        out.append(("year", f"{d.parts[0][0]:04d}"))
        if len(d.parts[0]) > 1:
            out.append(("month", str(d.parts[0][1])))
    return out


def item_fields(item: Item, *, dialect: str, ascii_only: bool) -> list[tuple[str, str]]:
    """The (field, LaTeX value) pairs of one entry, in a stable order."""

    def esc(text: str) -> str:
        return escape(text, ascii_only=ascii_only)

    f: list[tuple[str, str]] = []
    for attr, fld in (("author", "author"), ("translator", "translator"), ("editor", "editor")):
        names = getattr(item, attr)
        if names:
            f.append((fld, " and ".join(_name(n, ascii_only) for n in names)))
    if item.title:
        f.append(("title", "{" + esc(item.title) + "}"))
    if item.title_short:
        f.append(("shorttitle", "{" + esc(item.title_short) + "}"))
    if item.issued and item.issued.parts:
        f.extend(_date_fields(item.issued))
    where = ", ".join(x for x in (item.archive, item.archive_location) if x)
    if where:
        f.append(("howpublished", esc(where)))
    if item.archive:
        f.append(("archive", esc(item.archive)))
    if item.archive_location:
        f.append(("archive_location", esc(item.archive_location)))
    if item.page:
        f.append(("pages", esc(item.page).replace("-", "--").replace("–", "--")))
    if item.URL:
        f.append(("url", item.URL))
    if item.accessed and item.accessed.parts:
        f.append(("urldate", item.accessed.iso))
    if item.language:
        langid = biblatex_langid(item.language)
        if langid:
            f.append(("langid", langid))
    if item.original_language and (orig := biblatex_langid(item.original_language)):
        f.append(("origlanguage", orig))
    if item.abstract:
        f.append(("abstract", esc(item.abstract)))
    if item.genre:
        f.append(("type", esc(item.genre)))
    note_lines = [f"{k}: {v}" for k, v in item.fact_lines()]
    note_lines += [f"Recipient: {n.display}" for n in item.recipient]
    if item.note:
        note_lines.insert(0, item.note)
    if item.type == "document" and dialect == "bibtex":
        note_lines.append("Type: document")
    if note_lines:
        f.append(("note", esc(". ".join(ln.rstrip(".") for ln in note_lines) + ".")))
    return f


def write(
    items: Sequence[Item], *, dialect: str = "biblatex", ascii_only: bool = False
) -> tuple[str, list[Diagnostic]]:
    """Write items as a ``.bib`` file (BibTeX or BibLaTeX flavour) with bibtexparser."""
    # bibtexparser is imported here, not at start-up: most commands never touch a .bib.
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    library = Library()
    for item in items:
        key = item.citation_key or item.id
        fields = [Field(k, v) for k, v in item_fields(item, dialect=dialect, ascii_only=ascii_only)]
        library.add(Entry(_CSL_TO_BIB.get(item.type, "misc"), key, fields))
    text = write_string(library)
    return text.strip() + "\n", []


def detect(text: str) -> bool:
    """Say whether ``text`` is BibTeX (an ``@type{`` entry near the start)."""
    return bool(re.search(r"^\s*@[A-Za-z]+\s*[{(]", text[:5000], re.M))


def read(text: str, *, source: str) -> list[tuple[Item, list[Diagnostic]]]:
    """Read every entry of a ``.bib`` file.

    Raises:
        RecordError: bibtexparser could not parse a block (names its line).
    """
    from bibtexparser.entrypoint import parse_string

    library = parse_string(text)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise RecordError(
            f"cannot parse this BibTeX block: {type(block).__name__}",
            source=source,
            line=(block.start_line or 0) + 1,
            hint="check the braces and the entry's key",
        )
    out = []
    for entry in library.entries:
        fields = {f.key.lower(): _strip_outer(str(f.value)) for f in entry.fields}
        out.append(entry_to_item(entry.entry_type.lower(), entry.key, fields))
    return out


def _strip_outer(value: str) -> str:
    v = value.strip()
    while len(v) >= 2 and v[0] == "{" and v[-1] == "}" and _balanced(v[1:-1]):
        v = v[1:-1]
    if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
        v = v[1:-1]
    return v


def _balanced(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _split_bib_names(value: str) -> list[Name]:
    parts, depth, cur = [], 0, ""
    tokens = re.split(r"(\s+and\s+|[{}])", value)
    for tok in tokens:
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", tok or ""):
            parts.append(cur)
            cur = ""
        else:
            cur += tok or ""
    parts.append(cur)
    names = []
    for p in parts:
        p = p.strip()
        if p.startswith("{") and p.endswith("}") and _balanced(p[1:-1]):
            names.append(Name(literal=unescape(p[1:-1])))
        elif p:
            pieces = [unescape(x.strip()) for x in _top_level_commas(p)]
            if len(pieces) == 3:
                names.append(Name(family=pieces[0], suffix=pieces[1], given=pieces[2] or None))
            elif len(pieces) == 2:
                names.append(Name(family=pieces[0], given=pieces[1] or None))
            else:
                names.append(parse_name(pieces[0]))
    return names


def _top_level_commas(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for i, ch in enumerate(text):
        if ch == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif ch == "}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _note_lines(raw: str) -> list[tuple[str, str]]:
    """Split citekit's note ("Original Language: Chinese. Funder: X.") into key/value pairs."""
    pairs = []
    for line in re.split(r"\.\s+(?=[A-Z][A-Za-z ]+: )", unescape(raw).rstrip(".")):
        key, sep, value = line.partition(": ")
        pairs.append((key, value) if sep else ("", line))
    return pairs


# bib field -> (item attribute, converter). Names, note and ignored fields are handled below.
FIELD_READERS: dict[str, tuple[str, Any]] = {
    "title": ("title", unescape),
    "shorttitle": ("title_short", unescape),
    "url": ("URL", str),
    "abstract": ("abstract", unescape),
    "archive": ("archive", unescape),
    "archive_location": ("archive_location", unescape),
    "type": ("genre", unescape),
    "date": ("issued", parse_iso),
    "pages": ("page", lambda v: unescape(v).replace("--", "-")),
    "urldate": ("accessed", parse_iso),
    "langid": ("language", lambda v: language_code(v) or v),
    "language": ("language", lambda v: language_code(v) or v),
}
NAME_FIELDS = ("author", "translator", "editor")
# Written for LaTeX and Zotero but read from their own fields: howpublished repeats archive
# and shelfmark, origlanguage the note's Original Language, year and month the date.
DERIVED_FIELDS = frozenset({"howpublished", "month", "origlanguage", "year"})


def entry_to_item(
    entry_type: str, key: str, fields: dict[str, str]
) -> tuple[Item, list[Diagnostic]]:
    """Build an item from one entry's raw fields (the inverse of :func:`item_fields`)."""
    values: dict[str, Any] = {"citation_key": key, "type": _BIB_TO_CSL.get(entry_type, "document")}
    extra: dict[str, str] = {}
    for fld, raw in fields.items():
        if fld in NAME_FIELDS:
            values[fld] = tuple(_split_bib_names(raw))
        elif fld in FIELD_READERS:
            attr, convert = FIELD_READERS[fld]
            if (converted := convert(raw)) is not None:
                values[attr] = converted
        elif fld == "note":
            pairs = _note_lines(raw)
            plain = [v for k, v in pairs if not k]
            facts, leftovers = read_fact_lines([(k, v) for k, v in pairs if k])
            values.update(facts)
            extra.update(leftovers)
            if plain:
                values["note"] = ". ".join(plain)
        elif fld not in DERIVED_FIELDS:
            extra[fld] = unescape(raw)
    if "issued" not in values and (year := fields.get("year")):
        values["issued"] = parse_iso(year.strip()[:4])
    return Item(id=key, extra=extra, **values), []
