"""One personal name, its parts formatted and put in order as citeproc-js does.

citeproc-py joined a name's parts as plain strings and then formatted the whole family or
given group: particles took the family name's case and formatting as one run
("<b>van Familyname</b>", "VAN DER MEER"), a suffix fell outside the family name's affixes
("(de La Fontaine) III"), the non-dropping particle was never demoted after the given name
in inverted names, an apostrophe or hyphen particle was spaced from its name ("d’ Jones",
"al- One"), a name with a given name only was initialised ("B.") and ``comma-suffix`` was
ignored. :class:`Name` renders each personal name itself, with the rules of CSL 1.0.2
("Name-part Order", "Name-part Formatting") as citeproc-js applies them:

- each part is formatted on its own with its ``cs:name-part``'s formatting and text case:
  the non-dropping particle with the family name's, the dropping particle with the given
  name's, the suffix with neither;
- a ``cs:name-part``'s affixes wrap the group the part leads: the family affixes wrap the
  particles, family name and suffix of a name in display order, the given affixes the given
  name and dropping particle (and a demoted non-dropping particle) of an inverted name;
- a particle ending in an apostrophe or hyphen joins the next part without a space
  ("d’Aubignac", "al-One"); a dropping particle ending so joins the family name when there
  is no non-dropping particle, except "de’";
- the suffix follows after a space, or after a comma with ``comma-suffix``; in an inverted
  name after the sort separator;
- FIX(han-names): a family name with no Latin, Greek, Cyrillic, Hebrew, Arabic or Thai
  letters (Han, kana, Hangul) is written family name first with no space ("章汉夫"; citeproc-py
  wrote "章, . 汉夫 ."), the family name alone in short form ("章");
- a given name is initialised only when there is a family name ("Banksy", not "B.");
- in a sort key, particles lose an apostrophe and follow ``demote-non-dropping-particle``.

citeproc-py still lays out the list (delimiters, "and", et-al): it receives each rendered
name as a family name alone, its ``cs:name-part`` children hidden while it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import citeproc.model as cmodel
import citeproc.source as csource
from citeproc.string import String

from .names import initials_of
from .prepare import APOSTROPHE
from .style_rewrites import INITIALS_WITH

#: citeproc-js's letters of "romanesque" scripts (its ROMANESQUE_REGEXP), a fact.
_ROMANESQUE_CHARS = (
    "a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
)
_ROMANESQUE = re.compile(f"[-0-9{_ROMANESQUE_CHARS}]")
_STARTS_ROMANESQUE = re.compile(f"^[&{_ROMANESQUE_CHARS}]")
#: Characters that end a particle joined to the next part without a space.
_JOINING = ("\u2019", "'", APOSTROPHE, "-", " ")
_DP_JOINING = ("'", "\u02bc", "\u2019", APOSTROPHE, "-")
#: Languages whose names citeproc-js spaces with a no-break space.
_NBSP_LANGUAGES = ("fr", "ru", "cs")
_NAME_PART = "{http://purl.org/net/xbiblio/csl}name-part"
#: Marks an "and" term that takes no spaces around it (see :meth:`Name.get_single_term`).
_TIGHT_AND = "\ue0a1"


@dataclass
class _Blob:
    """A rendered piece: its text (or pieces) and the affixes around it (citeproc-js's blob)."""

    text: str = ""
    parts: list[_Blob] = field(default_factory=list)
    plain: str = ""  # the text before formatting (markup hides a joining mark)
    prefix: str = ""
    suffix: str = ""

    def render(self) -> str:
        inner = self.text + "".join(p.render() for p in self.parts)
        return f"{self.prefix}{inner}{self.suffix}"

    def ends_with(self) -> str:
        """The last character of the innermost text (for a particle's joining mark)."""
        if self.parts:
            return self.parts[-1].ends_with()
        return self.plain[-1:]


def _join(blobs: list[_Blob | None], delimiter: str) -> _Blob | None:
    """citeproc-js's join: empty pieces go, the delimiter goes onto each piece's suffix."""
    kept = [b for b in blobs if b is not None]
    if not kept:
        return None
    for b in kept[:-1]:
        # a space after a part that already ends in one (a no-break space suffix) is not doubled
        if not (delimiter.isspace() and b.render()[-1:].isspace()):
            b.suffix += delimiter
    return _Blob(parts=kept)


def _language(element: Any) -> str:
    """The output locale's language ("fr" of "fr-FR")."""
    for locale in getattr(element.get_root(), "locales", ()):
        lang = locale.get("{http://www.w3.org/XML/1998/namespace}lang")
        if lang:
            return str(lang)[:2]
    return "en"


def romanesque(family: str, given: str, language: str | None) -> int:
    """0: no Latin-like letters in the family name; 1: mixed; 2: Latin-like (citeproc-js)."""
    level = 2 if _ROMANESQUE.search(family.replace('"', "")) else 0
    if not level and given and _STARTS_ROMANESQUE.search(given):
        level = 1
    if level == 2 and (language or "")[:2] in ("ja", "zh"):
        level = 1
    return level


@dataclass
class _Options:
    """What the rendering of one name reads of its ``cs:name`` and the job."""

    form: str
    inverted: bool
    sorting: bool
    demote: str
    sort_separator: str
    space: str
    given_space: str
    given_part: Any
    family_part: Any


class Name(cmodel.Name):  # type: ignore[misc]
    """``cs:name``: each personal name rendered by parts (FIX(names-parts))."""

    def process(
        self,
        item: Any,
        variable: Any,
        context: Any = None,
        sort_options: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Render one role's names: each personal name composed here, the list by citeproc-py."""
        names = item.reference.get(variable)
        if not names:
            return super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )

        def option(name: str) -> Any:
            return self.get_option(name, context, sort_options)

        d = self.__dict__
        static = d.get("_ck_name_static")
        if static is None:  # facts of the style: its name-parts, demotion, language
            static = d["_ck_name_static"] = (
                {p.get("name"): p for p in self.findall(_NAME_PART)},
                str(self.get_root().get("demote-non-dropping-particle", "display-and-sort")),
                _language(self),
            )
        parts, demote, language = static
        order = option("name-as-sort-order")
        mark = option("initialize-with")
        opts = _Options(
            form=str(option("form") or "long"),
            inverted=False,
            sorting=sort_options is not None,
            demote=demote.lower(),
            sort_separator=str(option("sort-separator") or ""),
            space="\u00a0" if language in _NBSP_LANGUAGES else " ",
            given_space=_given_space(language, self.get(INITIALS_WITH, mark)),
            given_part=parts.get("given"),
            family_part=parts.get("family"),
        )
        item_language = str(item.reference.get("language") or "")
        dress = self._dress if sort_options is None else str
        composed = []
        for i, n in enumerate(names):
            if "literal" in n:  # an institution: the family name-part's formatting, whole
                part = opts.family_part
                text = str(n["literal"])
                if part is not None and text:
                    text = str(part.wrap(part.format(part.case(text))))
                composed.append(csource.Name(literal=dress(text)))
                continue
            if not (n.get("family") or n.get("given")):
                composed.append(n)
                continue
            opts.inverted = order == "all" or (order == "first" and i == 0)
            given = n.get("given")
            if mark is not None and opts.form == "long":
                if given and n.get("family") and given not in ("Lord", "Lady"):
                    given = str(
                        self.initialize(
                            given if isinstance(given, str) else str(given), mark, context
                        )
                    )
                if n.get("suffix"):  # a suffix's own initials are spaced the same way
                    n = {**n, "suffix": initials_of(str(n["suffix"]), mark, whole_words=True)}
            text = self._compose(n, given, opts, item_language)
            if text:  # a name with nothing to show here (a given name alone, short) goes
                composed.append(csource.Name(family=dress(text)))
        item.reference[variable] = composed
        self.__dict__["_ck_composed"] = True
        self.__dict__["_ck_dressed"] = sort_options is None
        try:
            text = super().process(
                item, variable, context=context, sort_options=sort_options, **kwargs
            )
            if isinstance(text, str) and _TIGHT_AND in text:
                text = self._tighten(text, option("delimiter"), option("delimiter-precedes-last"))
            return text
        finally:
            self.__dict__["_ck_composed"] = False
            item.reference[variable] = names

    def _dress(self, text: str) -> str:
        """FIX(names-affixes-each): one name in the element's formatting and affixes.

        citeproc-js formats and affixes each name of a ``cs:name`` on its own ("[Li], [Wang]",
        "traduit par A, traduit par B", each name in small capitals), not the list as a
        whole; the list then takes none (:meth:`format`, :meth:`wrap`). Known difference:
        with et-al, citeproc-js also affixes the whole list ("[[A], [B], et al.]").
        """
        return str(super().wrap(super().format(String(text)))) if text else text

    def format(self, string: Any) -> Any:
        """The list's formatting: none when each name carries it (see :meth:`_dress`)."""
        if self.__dict__.get("_ck_dressed"):
            return string
        return super().format(string)

    def wrap(self, string: Any) -> Any:
        """The list's affixes: none when each name carries them (see :meth:`_dress`)."""
        if self.__dict__.get("_ck_dressed"):
            return string
        return super().wrap(string)

    def get_single_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """FIX(names-and-spacing): an "and" term not in a Latin-like script takes no spaces.

        citeproc-js spaces the "and" term only when it starts with a letter of a Latin-like
        script (or "&"): a Hebrew "ו" or a Japanese "と" joins the names directly.
        """
        term = super().get_single_term(name, *args, **kwargs)
        if name != "and" or not term or _STARTS_ROMANESQUE.search(str(term)):
            return term
        return f"{_TIGHT_AND}{term}{_TIGHT_AND}"

    @staticmethod
    def _tighten(text: str, delimiter: Any, precedes_last: Any) -> str:
        """The "and" term marked by :meth:`get_single_term`, joined with no spaces.

        The delimiter before it goes too unless ``delimiter-precedes-last`` is "always".
        """
        before = f"(?:{re.escape(str(delimiter or ''))}| )?" if precedes_last != "always" else ""
        text = re.sub(f"{before}{_TIGHT_AND}", "", text, count=1)
        return text.replace(f"{_TIGHT_AND} ", "").replace(_TIGHT_AND, "")

    def findall(self, path: Any, namespaces: Any = None) -> Any:
        """No ``cs:name-part`` while citeproc-py lays out names composed here."""
        if self.__dict__.get("_ck_composed") and "name-part" in str(path):
            return []
        return super().findall(path, namespaces)

    def _piece(self, text: Any, part: Any, sorting: bool) -> _Blob | None:
        """One part of a name in its ``cs:name-part``'s formatting and case (no affixes)."""
        if not text:
            return None
        value = str(text)
        if part is not None and not sorting:
            if part.get("strip-periods") == "true":
                value = value.replace(".", "")
            value = str(part.format(part.case(value)))
        return _Blob(text=value, plain=str(text))

    def _compose(self, n: Any, given_text: Any, o: _Options, language: str) -> str:
        family_s = str(n.get("family") or "")
        ndp_s = str(n.get("non-dropping-particle") or "")
        dp_s = str(n.get("dropping-particle") or "")
        if o.sorting:  # citeproc-js drops an apostrophe from particles in sort keys
            ndp_s = re.sub(f"['\u2019{APOSTROPHE}]", "", ndp_s, count=1)
            dp_s = re.sub(f"['\u2019{APOSTROPHE}]", "", dp_s, count=1)
        family = self._piece(family_s, o.family_part, o.sorting)
        ndp = self._piece(ndp_s, o.family_part, o.sorting)
        dp = self._piece(dp_s, o.given_part, o.sorting)
        given = self._piece(given_text, o.given_part, o.sorting) if o.form == "long" else None
        suffix = _Blob(text=str(n["suffix"])) if n.get("suffix") else None
        if given is None:
            dp = suffix = None
        level = romanesque(family_s, str(n.get("given") or ""), language)
        blob = self._order(n, family, ndp, dp, given, suffix, o, level)
        return blob.render() if blob is not None else ""

    def _order(
        self,
        n: Any,
        family: _Blob | None,
        ndp: _Blob | None,
        dp: _Blob | None,
        given: _Blob | None,
        suffix: _Blob | None,
        o: _Options,
        level: int,
    ) -> _Blob | None:
        """The parts in order (citeproc-js's rules for one personal name)."""
        joined_ndp = ndp is not None and ndp.ends_with() in _JOINING
        if level == 0:
            return _join([ndp, family, given], "")
        if level == 1:
            return _join([_join([ndp, family], o.space), given], " ")
        if o.sorting:
            if o.demote == "never":
                merged = _join([_join([ndp, family], o.space), dp], " ")
                return _join([_join([merged, given], ", "), suffix], " ")
            second = _join([given, dp, ndp], " ")
            return _join([_join([family, second], ", "), suffix], " ")
        if o.inverted:
            sep = ", " if str(n.get("given") or "") in ("Lord", "Lady") else o.sort_separator
            if o.demote in ("always", "display-and-sort"):
                second = _join([_join([given, dp], " "), ndp], " ")
                _affixes(second, o.given_part)
                _affixes(family, o.family_part)
                return _join([_join([family, second], sep), suffix], sep)
            first = _join([ndp, family], "" if joined_ndp else o.space)
            _affixes(first, o.family_part)
            second = _join([given, dp], " ")
            _affixes(second, o.given_part)
            return _join([_join([first, second], sep), suffix], sep)
        dp_text = str(n.get("dropping-particle") or "")
        joined_dp = dp_text[-1:] in _DP_JOINING and dp_text[:-1] != "de"
        if dp is not None and family is not None and ndp is None and joined_dp:
            family, dp = _join([dp, family], ""), None
        if joined_ndp:
            second = _join([dp, _join([ndp, family], "")], o.space)
        else:
            second = _join([dp, ndp, family], o.space)
        second = _join([second, suffix], ", " if n.get("comma-suffix") else " ")
        _affixes(second, o.family_part)
        _affixes(given, o.given_part)
        return _join([given, second], o.given_space)


def _given_space(language: str | None, mark: Any) -> str:
    """FIX(names-nbsp-given): the space after the given name of a name in display order.

    citeproc-js joins the given name to the rest with a no-break space when the style's
    language spaces names so (French, Russian, Czech) and ``initialize-with`` holds a no-break
    space ("J.\u00a0Chen" from ``initialize-with=".&#160;"``), whether or not the given name
    is initialised; otherwise with a space.
    """
    if language in _NBSP_LANGUAGES and mark and any(c in str(mark) for c in "\u00a0\ufeff"):
        return "\u00a0"
    return " "


def _affixes(blob: _Blob | None, part: Any) -> None:
    """Put a ``cs:name-part``'s prefix and suffix on the group it leads."""
    if blob is not None and part is not None:
        blob.prefix = str(part.get("prefix", ""))
        blob.suffix = str(part.get("suffix", ""))
