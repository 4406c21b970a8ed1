"""FIX(labels-citation-label): the ``citation-label`` variable, as citeproc-js makes it.

CSL 1.0.2 lists ``citation-label`` ("label identifying the item in in-text citations of
label styles (e.g. 'Ferr78')"): the item's own ``citation-label`` if it has one, else one
the processor makes. citeproc-py printed nothing without one, so label styles (alphanumeric
DIN 1505, AMS label) printed empty citations. citeproc-js makes a "trigraph" from the first
name list of the item and its year, shaped by the pattern ``Aaaa00:AaAa00:AaAA00:AAAA00``:
one pattern per number of names (the last for more), an ``A`` per name, one more letter of
that name per ``a``, one digit of the year per ``0``. The year suffix of a label style
(``disambiguate-add-year-suffix``) follows the label ("Asth00a"), and a sort key on
``citation-label`` sorts by the made label.

:func:`assign_labels` gives each item its label before citeproc-py reads the items (the
``if variable="citation-label"`` test then holds for every item, as in citeproc-js);
:class:`Text` adds the year suffix when the label is printed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import citeproc.model as cmodel

from .state import state_of

#: citeproc-js's default trigraph pattern (its option ``trigraph``).
DEFAULT_TRIGRAPH = "Aaaa00:AaAa00:AaAA00:AAAA00"

#: The name variables in the order citeproc-js looks for the first one an item has.
NAME_VARIABLES = (
    "author chair collection-editor compiler composer container-author contributor curator "
    "director editor editor-translator editorial-director executive-producer guest host "
    "illustrator interviewer narrator organizer original-author performer producer recipient "
    "reviewed-author script-writer series-creator translator commenter"
).split()

#: Words left out of a title that stands in for names (citeproc-js's default skip words,
#: the small words of English titles).
SKIP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below "
    "beneath beside besides between beyond but by circa despite down during et except for "
    "forenenst from given in inside into lest like modulo near next notwithstanding of off "
    "on onto out over per plus pro qua sans since than through throughout thruout till to "
    "toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so and nor a an the de d' von van c ca".split()
)

#: What citeproc-js keeps of a name: Latin, Greek, Cyrillic, Hebrew, Arabic and Thai letters.
_NOT_LETTER = re.compile(
    "[^a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]"
)
_PARTICLE = re.compile(r"^([ '\u2019a-z]+\s+)")
_ARTICLE = re.compile(r"^(a\s+|the\s+|an\s+)")


@dataclass(frozen=True)
class Shape:
    """One pattern of the trigraph: letters taken from each name, digits of the year."""

    letters: tuple[int, ...]
    year: int


def parse_trigraph(spec: str = DEFAULT_TRIGRAPH) -> list[Shape]:
    """The shapes of a trigraph pattern, one per number of names.

    Raises:
        ValueError: the pattern does not start with ``A`` or has another letter than A, a, 0.
    """
    if not spec.startswith("A"):
        raise ValueError(f"bad trigraph pattern {spec!r}")
    shapes = []
    for part in spec.split(":"):
        letters: list[int] = []
        year = 0
        for ch in part:
            if ch == "A":
                letters.append(1)
            elif ch == "a" and letters:
                letters[-1] += 1
            elif ch == "0":
                year += 1
            else:
                raise ValueError(f"bad trigraph pattern {spec!r}")
        shapes.append(Shape(tuple(letters), year))
    return shapes


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def _name_part(name: Mapping[str, Any], fallback: str) -> str:
    """The letters of one name a label starts from (family name or an institution's name)."""
    text = fallback
    family, literal = name.get("family"), name.get("literal")
    if isinstance(family, str) and family:
        text = _PARTICLE.sub("", family)  # "von Dipheria": particles in the family name
    elif isinstance(literal, str) and literal:
        text = literal
    article = _ARTICLE.match(text.lower())
    if article:
        text = text[len(article.group(1)) :]
    return _NOT_LETTER.sub("", text)


def _year(issued: Any) -> str:
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0] or "0000")
    return "0000"


def trigraph(
    data: Mapping[str, Any],
    shapes: Sequence[Shape],
    *,
    reference_term: str = "reference",
) -> str:
    """The label citeproc-js makes for an item (CSL-JSON ``data``, its dates as date-parts).

    Letters come from the first name variable the item has (:data:`NAME_VARIABLES`), as many
    names as the shape for that many names has capitals; an item without names takes the
    words of its title that are not :data:`SKIP_WORDS`. The year's last digits follow
    ("0000" without a year). A name that is neither family nor literal repeats the letters
    before it (the locale's term "reference" for the first), as citeproc-js does.
    """
    label = ""
    shape = shapes[0]
    fallback = (reference_term or "reference").replace(".", "", 1)
    fallback = fallback[:1].upper() + fallback[1:]
    for variable in NAME_VARIABLES:
        names = data.get(variable)
        if not isinstance(names, list) or not names:
            continue
        shape = shapes[min(len(names), len(shapes)) - 1]
        for n, name in enumerate(names):
            if n == len(shape.letters):
                break
            fallback = _name_part(name if isinstance(name, Mapping) else {}, fallback)
            if not fallback:
                break
            label += _capitalized(fallback[: shape.letters[n]])
        break
    if not label and isinstance(data.get("title"), str):
        words = [w for w in data["title"].split() if w not in SKIP_WORDS]
        label = _capitalized("".join(words)[: shapes[0].letters[0]])
    year = _year(data.get("issued"))
    return label + (year[-shape.year :] if shape.year else year)


def uses_citation_label(style: Any) -> bool:
    """Say whether the style prints, tests or sorts by ``citation-label`` anywhere."""
    return any(
        "citation-label" in str(el.get("variable") or "").split()
        for el in style.root.iter()
        if isinstance(el.tag, str)
    )


def assign_labels(
    style: Any, originals: Sequence[Mapping[str, Any]], prepared: list[dict[str, Any]]
) -> None:
    """Give every prepared item its ``citation-label``; keep the made ones for sorting.

    ``originals[n]`` is the CSL-JSON item ``prepared[n]`` was made from (its names and
    title unchanged by quote marking); the prepared item's dates are already date-parts.
    An item's own label wins in print; a sort key on the variable sorts by the made label
    (citeproc-js's sort key ignores the item's own).
    """
    state = style.state
    state.trigraphs = {}
    if not uses_citation_label(style):
        return
    shapes = parse_trigraph()
    term = style.root.get_single_term("reference", "short")
    reference = str(term.text if isinstance(term, cmodel.CitationStylesElement) else term)
    for data, item in zip(originals, prepared, strict=True):
        made = trigraph({**data, "issued": item.get("issued")}, shapes, reference_term=reference)
        state.trigraphs[str(item["id"])] = made
        if not item.get("citation-label"):
            item["citation-label"] = made


class Text(cmodel.Text):  # type: ignore[misc]
    """``<text variable="citation-label"/>``: the label, then the item's year suffix."""

    @staticmethod
    def ck_applies(attrib: Mapping[str, str]) -> bool:
        """Only the text of the ``citation-label`` variable (see :mod:`.loader`)."""
        return attrib.get("variable") == "citation-label"

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """The text; a label is followed by the year suffix disambiguation gave the item."""
        text, language = super().process(item, context, **kwargs)
        if self.get("variable") != "citation-label" or not text:
            return text, language
        if state_of(self).sorting is not None:
            return text, language
        suffix = item.reference.get("year_suffix")
        if suffix:
            text = cmodel.String(f"{text}{suffix}")
        return text, language
