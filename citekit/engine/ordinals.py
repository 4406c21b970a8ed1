"""Ordinal suffixes and long ordinals as CSL 1.0.2 defines them ("Ordinal Suffixes").

FIX(ordinals): citeproc-py looked up ``ordinal-NN`` by the number's text and its last digit
only, ignored ``match`` and ``gender-form`` (French "1ʳᵉ édition" but "1ᵉʳ volume") and mixed
the terms of the style's locale with those of the locale file. CSL and citeproc-js:

- ``ordinal-00`` to ``ordinal-09`` match the last digit by default, ``ordinal-10`` to
  ``ordinal-99`` the last two digits; ``match="whole-number"`` matches the number itself;
  a whole-number match wins over a last-two-digits match, which wins over a last digit one;
- a term is chosen in the gender of the term of the numbered variable ("edition" is
  feminine in French; a day takes the gender of its month), else its neuter form; without a
  match, the ``ordinal`` term;
- a locale that defines the ``ordinal`` term replaces the ordinal terms of the locales under
  it (a style's ``cs:locale`` with its own ordinals drops the locale file's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .style_rewrites import CSL_NS

_ORDINAL_NN = re.compile(r"ordinal-(\d\d)")
_TERMS = f"{{{CSL_NS}}}terms"
_OPTIONS = f"{{{CSL_NS}}}style-options"
NEUTER = "neuter"


@dataclass
class Ordinals:
    """The ordinal terms in force for a style: the suffixes by match, key and gender."""

    #: (match, number key, gender-form) -> suffix
    suffixes: dict[tuple[str, str, str], str] = field(default_factory=dict)
    #: gender-form -> the ``ordinal`` term
    default: dict[str, str] = field(default_factory=dict)

    def suffix(self, number: int, gender: str | None) -> str:
        """The suffix for ``number`` in ``gender`` (citeproc-js's order of matches)."""
        text = str(number)
        genders = [gender, NEUTER] if gender and gender != NEUTER else [NEUTER]
        for g in genders:
            for match, key in (
                ("whole-number", text),
                ("last-two-digits", text[-2:]),
                ("last-digit", text[-1:]),
            ):
                found = self.suffixes.get((match, key, g))
                if found is not None:
                    return found
        return self.default.get(gender or NEUTER, self.default.get(NEUTER, ""))


def locales_of(element: Any) -> list[Any]:
    """The locales an element's terms come from, the first one winning."""
    root = element.get_root()
    locales = getattr(root, "locales", None)
    if locales is None:  # an element of a locale file (a localized date)
        locales = getattr(getattr(root, "style", None), "locales", None) or [root]
    return list(locales)


def terms_of(locale: Any) -> list[Any]:
    """The ``cs:term`` elements of one locale (comments left out)."""
    terms = locale.find(_TERMS)
    return [] if terms is None else [t for t in terms if isinstance(t.tag, str)]


def _text(term: Any) -> str:
    return str(term.single)


def ordinals(element: Any) -> Ordinals:
    """The ordinal terms of the element's style, built once per style (or locale) root."""
    cache = element.get_root().__dict__
    found: Ordinals | None = cache.get("_ck_ordinals")
    if found is not None:
        return found
    chosen: list[Any] = []
    for locale in locales_of(element):
        chosen.append(locale)
        if any(t.get("name") == "ordinal" for t in terms_of(locale)):
            break
    found = Ordinals()
    for locale in reversed(chosen):  # the first locale's terms overwrite the later ones'
        for term in terms_of(locale):
            name = term.get("name") or ""
            if term.get("form") not in (None, "long"):
                continue
            gender = term.get("gender-form") or NEUTER
            if name == "ordinal":
                found.default[gender] = _text(term)
            elif m := _ORDINAL_NN.fullmatch(name):
                stub = m.group(1)
                one_digit = stub.startswith("0")
                match = term.get("match") or ("last-digit" if one_digit else "last-two-digits")
                found.suffixes[(match, stub[1:] if one_digit else stub, gender)] = _text(term)
    cache["_ck_ordinals"] = found
    return found


def term_gender(element: Any, name: str) -> str | None:
    """The grammatical gender of a term (``gender`` on its long form), None when unset."""
    for locale in locales_of(element):
        for term in terms_of(locale):
            if term.get("name") == name and term.get("form") in (None, "long"):
                gender = term.get("gender")
                return str(gender) if gender else None
    return None


def long_ordinal(element: Any, number: int, gender: str | None) -> str | None:
    """``long-ordinal-NN`` (1 to 10) in the gender asked for, else its neuter form."""
    if not 1 <= number <= 10:
        return None
    name = f"long-ordinal-{number:02d}"
    for locale in locales_of(element):
        terms = [
            t for t in terms_of(locale) if t.get("name") == name and t.get("form") in (None, "long")
        ]
        for g in (gender, None) if gender and gender != NEUTER else (None,):
            for term in terms:
                if term.get("gender-form") == g:
                    return _text(term)
    return None


def ordinal(element: Any, number: int, gender: str | None) -> str:
    """``number`` with its ordinal suffix: "1ʳᵉ", "2nd"."""
    return f"{number}{ordinals(element).suffix(number, gender)}"


def locale_option(element: Any, name: str) -> str | None:
    """A ``cs:style-options`` option of the first locale that sets it."""
    for locale in locales_of(element):
        options = locale.find(_OPTIONS)
        if options is not None and options.get(name) is not None:
            return str(options.get(name))
    return None
