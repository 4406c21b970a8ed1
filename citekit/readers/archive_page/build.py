"""Building the item from a record: header, citation, sections, issuer, in that order.

Every value keeps the line it was read from (:class:`~citekit.model.Fact`); what no rule can
place is kept (a note, ``extra``) or named in a warning, never dropped.
"""

from __future__ import annotations

import json
import re

from ...dates import UNDATED_PATTERN
from ...errors import Diagnostic, RecordError
from ...languages import language_code, language_name
from ...model import Contributor, Fact, Item, join_names
from ...names import parse_name
from ...textio import TextFile
from . import issuer
from .citation import URL_ANGLE, URL_BARE, parse_citation
from .credits import funders as read_funders
from .parsed import ParsedCitation
from .sections import parse_header, split_sections, strip_number
from .text import Line, line_of, paragraph, paragraphs, squash, unescape_markdown

_IMPRINT = re.compile(r"\([^()]*:[^()]*,\s*(?:1[89]|20)\d\d\)")


def _capitalised(word: str) -> bool:
    w = word.strip("“”\"'‘’([")
    return bool(w[:1].isupper())


_SUBTITLE_COLON = re.compile(r":\s")
_OPENING_QUOTE = re.compile(r"\s[\"']")


def short_title(title: str) -> str | None:
    """Shorten a title to at most four words, as Chicago asks for short notes (CMOS 14.30).

    Returns None when the title is already four words or fewer. Cuts at a colon when the
    main title is short, and never ends on an article or preposition.
    """
    words = title.split()
    if len(words) <= 4:
        return None
    main = _SUBTITLE_COLON.split(title, maxsplit=1)[0]
    if len(main.split()) <= 4:
        return main.strip()
    stop = {
        "a",
        "an",
        "the",
        "of",
        "on",
        "to",
        "and",
        "in",
        "for",
        "from",
        "by",
        "with",
        "at",
        "regarding",
        "concerning",
        "about",
        "between",
        "&",
        "-",
        "–",
    }
    short = words[:4]
    # Do not cut a name in two ("Letter from Kim Il | Sung"): finish a capitalised run.
    n = 4
    while (
        n < len(words)
        and n < 6
        and _capitalised(words[n - 1])
        and not words[n - 1].endswith((",", ";", ":"))
        and _capitalised(words[n])
    ):
        n += 1
    if n > 4:
        short = words[:n]
    while short and short[-1].lower().strip(",;:") in stop:
        short.pop()
    text = " ".join(short).rstrip(",;:")
    # Do not leave a quotation or bracket open.
    for o, c in (("“", "”"), ("(", ")"), ("[", "]")):
        if text.count(o) > text.count(c):
            text = text[: text.rindex(o)].rstrip(" ,;:")
    if text.count('"') % 2 or (text.count("'") % 2 and " '" in text):
        text = _OPENING_QUOTE.split(text)[0]
    return text or None


_UNDATED = re.compile(UNDATED_PATTERN, re.I)
_VERSION_LABEL = re.compile(
    r"^(?:(?P<kind>Translation|Transcript|Original|Transcription)\s*[-–:]\s*"
    r"(?P<lang>[A-Za-z]+)|(?P<lang2>[A-Za-z]+)\s+(?P<kind2>Translation|"
    r"Transcript|Original))$",
    re.I,
)


def read(tf: TextFile, *, item_id: str) -> tuple[Item, list[Diagnostic]]:
    """Read one archive-page record into an :class:`Item`.

    Raises:
        RecordError: neither the citation nor the header gives a title.
    """
    src = tf.name
    diags: list[Diagnostic] = list(tf.diagnostics)
    lines = list(map(Line._make, enumerate(tf.text.split("\n"), start=1)))
    header, sections, unknown = split_sections(lines)
    h_title, h_date, h_date_text, h_title_line = parse_header(header)
    facts: list[Fact] = []

    def fact(name: str, line: int | None, text: str) -> None:
        facts.append(Fact(name, line, text))

    cit_lines = sections.get("citation", [])
    citation_text, cit_line = paragraph(cit_lines)
    parsed = parse_citation(citation_text) if citation_text else ParsedCitation()
    if not cit_lines:
        diags.append(
            Diagnostic("warning", "no-citation", "no Citation section: using the header", src, None)
        )

    def cline(value: str | None) -> int | None:
        return line_of(cit_lines, value) if value else cit_line

    if h_title:
        h_title = strip_number(h_title, parsed.csl.get("number"))
    title = parsed.title or h_title
    if not title:
        raise RecordError(
            "no title in the Citation section or the header",
            source=src,
            line=cit_line,
            hint="is this an archive record? a record starts with a bold date and title",
        )
    fact("title", cline(parsed.title) if parsed.title else h_title_line, title)
    if parsed.title and h_title and squash(parsed.title) != squash(h_title):
        fact("header-title", h_title_line, h_title)
    issued = parsed.date if parsed.date_text else h_date
    if parsed.date_text:
        fact("issued", cline(parsed.date_text), parsed.date_text)
    elif h_date_text:
        fact("issued", line_of(header, h_date_text), h_date_text)
    if h_date_text and parsed.date_text:
        fact("header-date", line_of(header, h_date_text), h_date_text)
    if parsed.date_text and issued is None and not _UNDATED.fullmatch(parsed.date_text):
        diags.append(
            Diagnostic(
                "warning",
                "bad-date",
                f"cannot read the date {parsed.date_text!r}",
                src,
                cline(parsed.date_text),
            )
        )
    for name, value in (
        ("archive", parsed.archive),
        ("archive_location", parsed.location),
        ("page", parsed.page),
    ):
        if value:
            fact(name, cline(value), value)
    url = parsed.url
    if url is None:
        for key in ("summary", "credits"):
            for ln in sections.get(key, []):
                if um := URL_ANGLE.search(ln.text) or URL_BARE.search(ln.text):
                    url = um.group(1) if um.re is URL_ANGLE else um.group(0)
                    break
    if url:
        fact("URL", line_of(cit_lines + lines, url), url)
    translators = tuple(parse_name(n) for n in parsed.translators)
    if parsed.translators:
        fact("translator", cline(parsed.translators[0]), "; ".join(parsed.translators))
    contributors = tuple(
        Contributor(parse_name(n), role, detail) for n, role, detail in parsed.contributors
    )
    if parsed.contributors:
        fact(
            "contributor",
            cline(parsed.contributors[0][0]),
            "; ".join(f"{n} ({r})" for n, r, _ in parsed.contributors),
        )

    abstract = paragraphs(sections.get("summary", [])) or None
    if abstract:
        fact("abstract", sections["summary"][0].number if sections["summary"] else None, abstract)
    funders: tuple[str, ...] = ()
    if credits := paragraphs(sections.get("credits", [])):
        funders = tuple(read_funders(credits))
        fact("funders", next(ln.number for ln in sections["credits"] if ln.text.strip()), credits)
    original_language = None
    if lang_text := paragraphs(sections.get("original_language", [])):
        original_language = language_name(lang_text.split("\n")[0].strip().rstrip("."))
        fact(
            "original_language",
            next(ln.number for ln in sections["original_language"] if ln.text.strip()),
            lang_text,
        )
    elif parsed.source_language:
        original_language = language_name(parsed.source_language)
        fact("original_language", cline(parsed.source_language), parsed.source_language)

    contents = sections.get("contents", [])
    content_head = next((ln for ln in contents if ln.text.strip()), None)
    language = None
    is_translation = False
    if content_head:
        head = squash(unescape_markdown(content_head.text))
        lm = _VERSION_LABEL.match(head)
        if lm:
            kind = (lm["kind"] or lm["kind2"]).lower()
            lang = lm["lang"] or lm["lang2"]
            is_translation = kind == "translation"
            language = language_code(lang)
            fact("language", content_head.number, head)
    if is_translation and not translators:
        diags.append(
            Diagnostic(
                "warning",
                "translation-without-translator",
                "Contents says Translation, but the citation names no translator",
                src,
                content_head.number if content_head else None,
            )
        )

    author, recipient, said = issuer.from_title(title)
    if author:
        fact("author", facts[0].line, f"title: {said}")
    if recipient:
        fact("recipient", facts[0].line, f"title: to {join_names(recipient)}")
    if not author and parsed.creator:
        author = issuer.party(parsed.creator) or (parse_name(parsed.creator),)
        fact("author", cline(parsed.creator), f"creator: {parsed.creator}")
    body_lines = [ln for ln in contents if ln is not content_head or not language]
    if not author and (sig := issuer.signatory(body_lines)):
        author = (sig[0],)
        fact("author", sig[1], f"signed: {sig[0].display}")

    extra: dict[str, str] = {}
    for label, sec in unknown:
        text = paragraphs(sec)
        if text:
            extra[label] = text
            diags.append(
                Diagnostic(
                    "info",
                    "unknown-section",
                    f"kept the unknown section {label!r} in extra",
                    src,
                    sec[0].number if sec else None,
                )
            )
    for key, value in parsed.extra.items():
        extra.setdefault(key, value)
    published = parsed.published or bool(parsed.location and _IMPRINT.search(parsed.location))
    item_type = "document" if published else "manuscript"
    if parsed.archive and not parsed.archive_known:
        diags.append(
            Diagnostic(
                "warning",
                "unknown-archive",
                f"citekit does not know the publishing archive {parsed.archive!r}: read the "
                "citation as the Wilson Center writes it, with "
                + (f"{parsed.location!r} as the shelfmark" if parsed.location else "no shelfmark")
                + (
                    " and could not place "
                    + "; ".join(repr(n[:60]) for n in parsed.notes)
                    + " (kept as notes)"
                    if parsed.notes
                    else ""
                )
                + "; check them",
                src,
                cline(parsed.archive),
            )
        )
    for name, value in parsed.csl.items():
        fact(name, cit_line, value if isinstance(value, str) else json.dumps(value))
    for label, value in (("title", title), ("archive", parsed.archive), ("URL", url)):
        if not value:
            diags.append(
                Diagnostic(
                    "warning" if label != "title" else "error",
                    "missing-field",
                    f"no {label} in the record",
                    src,
                    cit_line,
                )
            )
    item = Item(
        id=item_id,
        type=item_type,
        title=title,
        title_short=short_title(title),
        author=author,
        recipient=recipient,
        translator=translators,
        issued=issued,
        archive=parsed.archive,
        archive_location=parsed.location,
        page=parsed.page,
        URL=url,
        language=language,
        abstract=abstract,
        original_language=original_language,
        funders=funders,
        contributors=contributors,
        notes=tuple(parsed.notes),
        extra=extra,
        facts=tuple(facts),
        csl=parsed.csl,
        accessed=parsed.accessed,
    )
    return item, diags
