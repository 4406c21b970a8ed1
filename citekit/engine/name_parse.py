"""Reading a personal name as citeproc-js reads it: particles and suffixes out of the fields.

CSL-JSON names often carry their particles inside ``family`` ("van Gogh", "d'Aubignac",
"al-One") or ``given`` ("Alexander von"), and a suffix after a comma in ``given``
("John, III", "John,! Jr."). citeproc-js splits these out before it renders or sorts a name
(CSL 1.0.2, "Name-part Order" and appendix "Name Particles"); citeproc-py takes the fields as
they come. :func:`parse_name` applies citeproc-js's rules to one CSL-JSON name, on the raw
strings (before quotes and markup are marked), so that every later phase sees the parts.

The rules:

- a ``family`` in double quotes is taken literally: the quotes go, nothing is split;
- ``"parse-names": false`` (or an explicit non-dropping particle, or no given name) leaves
  the name as it is;
- leading words of ``family`` that start (after any apostrophe or hyphen) with a lower-case
  letter, each ending in a space, an apostrophe or a hyphen, are the non-dropping particle
  ("van der Vlist" -> "van der" + "Vlist", "d'Aubignac" -> "d'" + "Aubignac");
- ``given`` up to the first comma is the given name, the rest its suffix; a ``,!`` marks a
  suffix printed after a comma ("Doe, Jr."), as ``"comma-suffix": true`` does;
- trailing lower-case words of ``given`` are the dropping particle ("Alexander von").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: One leading word of a family name with what ends it (citeproc-js's particle pattern).
_FAMILY_WORD = re.compile(r"^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$", re.DOTALL)
#: One trailing word of a given name, matched on the reversed string.
_GIVEN_WORD = re.compile(r"^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$", re.DOTALL)
#: What may stand before a particle's first letter ("'t", "-al").
_LEAD = re.compile(r"^[-'\u02bb\u2019\s]*")
_SUFFIX_COMMA = re.compile(r"\s*,!*\s*")


def _is_particle(word: str) -> bool:
    """A word whose first letter (after apostrophes and hyphens) is lower case."""
    rest = _LEAD.sub("", word)
    return bool(rest) and rest[0].upper() != rest[0]


def leading_particles(family: str) -> tuple[str, str]:
    """Split the lower-case leading words off a family name: (particle, family)."""
    taken = 0
    rest = family
    while (m := _FAMILY_WORD.match(rest)) and _is_particle(m.group(1)):
        taken += len(m.group(1))
        rest = m.group(2)
    particle = family[:taken]
    trimmed = particle.strip()
    # "in 't Horvath": a particle ending in an apostrophe keeps the space that followed it
    if particle.endswith(" ") and trimmed.endswith(("'", "\u2019")):
        trimmed += " "
    return trimmed, family[taken:]


def trailing_particles(given: str) -> tuple[str, str]:
    """Split the lower-case trailing words off a given name: (given, particle)."""
    taken = 0
    rest = given[::-1]
    words: list[str] = []
    while (m := _GIVEN_WORD.match(rest)) and _is_particle(m.group(1)[::-1]):
        word = m.group(1)[::-1]
        taken += len(word)
        words.append(word)
        rest = m.group(2)
    return given[: len(given) - taken], " ".join(w.strip() for w in reversed(words))


def _split_suffix(name: dict[str, Any]) -> None:
    given = name.get("given")
    if name.get("suffix") or not isinstance(given, str):
        return
    m = _SUFFIX_COMMA.search(given)
    if not m:
        return
    if len(m.group(0).replace(" ", "")) == 2:  # ",!"
        name["comma-suffix"] = True
    name["suffix"] = given[m.end() :]
    name["given"] = given[: m.start()]


def parse_name(name: Mapping[str, Any]) -> dict[str, Any]:
    """One CSL-JSON name with its particles and suffix split out as citeproc-js splits them."""
    out = dict(name)
    if "parse-names" in out and not out["parse-names"]:
        return out
    family = out.get("family")
    if not isinstance(family, str) or not family:
        return out
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        out["family"] = family[1:-1]
        return out
    given = out.get("given")
    if out.get("non-dropping-particle") or not isinstance(given, str) or not given:
        return out
    particle, rest = leading_particles(family)
    if particle:
        out["non-dropping-particle"] = particle
        out["family"] = rest
    _split_suffix(out)
    given, dropping = trailing_particles(str(out.get("given") or ""))
    out["given"] = given
    if dropping:
        out["dropping-particle"] = dropping
    return out
