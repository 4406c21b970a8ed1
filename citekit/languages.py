"""Language names and codes, both ways.

Records name languages in English ("Chinese") or by code ("zh", "rus"). CSL ``language``
takes a BCP 47 code, RIS ``LA`` and provenance notes an English name, biblatex ``langid``
its own lower-case names ("english", "russian").
"""

from __future__ import annotations

# (English name, BCP 47 code, ISO 639-2 code, biblatex langid)
_LANGUAGES = (
    ("Albanian", "sq", "alb", "albanian"),
    ("Arabic", "ar", "ara", "arabic"),
    ("Bulgarian", "bg", "bul", "bulgarian"),
    ("Chinese", "zh", "chi", "chinese"),
    ("Czech", "cs", "cze", "czech"),
    ("Dutch", "nl", "dut", "dutch"),
    ("English", "en", "eng", "english"),
    ("Farsi", "fa", "per", "farsi"),
    ("Finnish", "fi", "fin", "finnish"),
    ("French", "fr", "fre", "french"),
    ("German", "de", "ger", "german"),
    ("Greek", "el", "gre", "greek"),
    ("Hebrew", "he", "heb", "hebrew"),
    ("Hindi", "hi", "hin", "hindi"),
    ("Hungarian", "hu", "hun", "magyar"),
    ("Italian", "it", "ita", "italian"),
    ("Japanese", "ja", "jpn", "japanese"),
    ("Korean", "ko", "kor", "korean"),
    ("Mongolian", "mn", "mon", "mongolian"),
    ("Persian", "fa", "per", "farsi"),
    ("Polish", "pl", "pol", "polish"),
    ("Portuguese", "pt", "por", "portuguese"),
    ("Romanian", "ro", "rum", "romanian"),
    ("Russian", "ru", "rus", "russian"),
    ("Serbian", "sr", "srp", "serbian"),
    ("Serbo-Croatian", "sh", "hbs", "serbian"),
    ("Slovak", "sk", "slo", "slovak"),
    ("Spanish", "es", "spa", "spanish"),
    ("Swedish", "sv", "swe", "swedish"),
    ("Turkish", "tr", "tur", "turkish"),
    ("Ukrainian", "uk", "ukr", "ukrainian"),
    ("Vietnamese", "vi", "vie", "vietnamese"),
    ("Yugoslav", "sh", "hbs", "serbian"),
)
_BY_KEY: dict[str, tuple[str, str, str, str]] = {}
for _entry in _LANGUAGES:
    for _key in _entry:
        _BY_KEY.setdefault(_key.lower(), _entry)
_BY_KEY.update(
    {
        "chi": _LANGUAGES[3],
        "zho": _LANGUAGES[3],
        "deu": _LANGUAGES[10],
        "fra": _LANGUAGES[9],
        "ces": _LANGUAGES[4],
        "ron": _LANGUAGES[24],
    }
)


def _row(text: str) -> tuple[str, str, str, str] | None:
    key = text.strip().lower().replace("_", "-")
    return _BY_KEY.get(key) or _BY_KEY.get(key.split("-")[0])


def language_name(text: str) -> str:
    """Return the English name for a language name or code; unknown text comes back as given."""
    row = _row(text)
    return row[0] if row else text.strip()


def language_code(text: str) -> str | None:
    """Return the BCP 47 code for a language name or code, or None if unknown."""
    row = _row(text)
    return row[1] if row else None


def biblatex_langid(text: str) -> str | None:
    """Return biblatex's language name (``langid``) for a language name or code."""
    row = _row(text)
    return row[3] if row else None
