"""Turning the names written in archive records into CSL names.

Records write people given name first ("Charles Kraus"), except Chinese, Korean and
Japanese names, which are written family name first ("Zhang Shu Guang", "Kim Il Sung").
A romanised name is read family-first only when its first word is a common East Asian
family name *and* every other word is made of romanised syllables, so "Kim Christiaens"
stays Western. Bodies ("Ministry of Foreign Affairs") become literal names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .model import NAME_SUFFIXES, Name

# Words that mark an institution, not a person.
BODY_WORDS = frozenset(
    """
    ministry ministries embassy embassies consulate legation committee department
    government party council office bureau commission headquarters army command section
    directorate agency service services secretariat politburo presidium foundation
    institute university archive archives library center centre federation union
    republic association congress assembly mission delegation staff division branch
    station group front league kgb cia mfa stasi navy corps fleet authority
    administration cabinet court parliament senate board soviet
    """.split()
)

# Common romanised Chinese, Korean and Japanese family names.
EAST_ASIAN_FAMILY = frozenset(
    """
    bai bao cai cao chai chang chen cheng chiang chou chu cui dai deng ding dong du duan
    fan fang feng fu gao ge geng gong gu guan guo han hao he hong hou hu hua huang ji
    jia jiang jin kang kong lai lan lei li liang liao lin ling liu long lu luo lü lv ma
    mao meng mo niu ou pan peng qi qian qiao qin qiu ren shao shen shi song su sun tan
    tang tao tian wan wang wei wen wu xia xiang xiao xie xiong xu xue yan yang yao ye yi
    yin yu yuan zeng zhai zhang zhao zheng zhong zhou zhu zou ahn an bae baek byun cha
    choe choi chun chung gang heo hwang im jang jeon jeong jo ju jung kim ko kwak kwon
    lee lim moon nam noh oh paek pak park rhee ri ryu seo shin sin son sung woo yi yoo
    yoon yun abe endo fujii fujita goto hayashi ikeda inoue ishii ito kato kimura
    kobayashi matsumoto mori murakami nakamura nakajima ogawa okada saito sakamoto
    sasaki sato shimizu suzuki takahashi tanaka watanabe yamada yamaguchi yamamoto
    yoshida
    """.split()
)

_PINYIN_INITIALS = """
    zh ch sh b p m f d t n l g k h j q x r z c s y w
""".split()
_PINYIN_FINALS = """
    iang iong uang ueng ang eng ing ong ian iao uai uan van ai ei ao ou an en in un ia
    ie iu ua uo ue ui ve a o e i u v er
""".split()
# Korean romanisation syllables (Revised, McCune-Reischauer without diacritics), common ones.
_KOREAN = frozenset(
    """
    il sung jong un dae jung kwang mun hyun ho myung bak chol chul gil ki hee hui ok soo
    su yong young jae joon won woon seok suk sik gyu hoon hun min hwan taek tae hyuk
    hyeok nam chan gun kyu bok doo du rak nak song sang seong sun sin shik hae hak bong
    man mu ung uk geun kun yeon yon ryong ryeong rim lim in dong tong kap ju ja ha he se
    so sa na no ra ro ma mo ba bo da do ga go gi ji chi ri ni mi bi si yi wi hi pil chil
    kil gwang jin kwang yoon kyung kyong jeong chang sook hye hyo eun eui seung soon
    cheol kyeong byung heung gook guk kook jun joo hyung hyeong cheon chon keun jeon
    yeop kyo pyo
    """.split()
)


@cache
def _is_syllables(word: str) -> bool:
    """Say whether ``word`` splits into romanised Chinese or Korean syllables."""
    w = word.lower().replace("'", "").replace("ü", "v")
    if not w:
        return False
    if w in _KOREAN:
        return True
    for initial in ["", *_PINYIN_INITIALS]:
        if not w.startswith(initial):
            continue
        rest = w[len(initial) :]
        for final in _PINYIN_FINALS:
            if rest.startswith(final):
                tail = rest[len(final) :]
                if not tail or _is_syllables(tail):
                    return True
    for syl in _KOREAN:
        if w.startswith(syl) and len(w) > len(syl) and _is_syllables(w[len(syl) :]):
            return True
    return False


_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PARTICLES = frozenset(
    """
    van von der de den du da di del della des la le ten ter zu
    """.split()
)
_SUFFIXES = NAME_SUFFIXES


#: The suffixes without their periods, as :func:`_is_suffix` compares them.
_SUFFIX_WORDS = frozenset(s.rstrip(".") for s in _SUFFIXES)


def _is_suffix(word: str) -> bool:
    """Whether ``word`` reads as a name suffix ("Jr.", "iii"), with or without its period."""
    return word.lower().rstrip(".") in _SUFFIX_WORDS


def is_body(text: str) -> bool:
    """Say whether ``text`` names an institution rather than a person."""
    words = re.findall(r"[A-Za-z]+", text.lower())
    return any(w in BODY_WORDS for w in words)


def is_east_asian_order(words: list[str]) -> bool:
    """Say whether a romanised name is written family name first."""
    if len(words) < 2 or words[0].lower() not in EAST_ASIAN_FAMILY:
        return False
    rest = [p for w in words[1:] for p in w.split("-")]
    return all(p[:1].isupper() or p[:1].islower() for p in rest) and all(
        _is_syllables(p) for p in rest
    )


def ordered(name: Name) -> Name:
    """The name with its order decided: family first when its parts read as an East Asian name.

    Every name a reader builds comes through here: :func:`parse_name` for written names, and
    the CSL-JSON reader (which BibTeX, RIS and note lines also go through) for names read
    already split. ``Name.display`` then only reads the flag.
    """
    first = bool(
        not name.literal
        and name.family
        and name.given
        and is_east_asian_order([name.family, *name.given.split()])
    )
    return name if first == name.family_first else replace(name, family_first=first)


def parse_structured_name(text: str) -> Name:
    """Parse a name from a structured format (RIS, a note line): "Family, Given" is a person.

    Structured formats write a body without a comma, so a comma always means family, given.
    """
    return ordered(_parse_structured(text))


def parse_ris_name(text: str) -> Name:
    """Parse an RIS name: "Family, Given, Suffix", each part by its place (the RIS rule).

    Two parts are family and given name, as Zotero reads them, even when the given name
    looks like a suffix ("Aa, Ii" is Ii Aa; :func:`~citekit.mapping.lines.name_text` keeps
    the given name's place empty before a suffix: "Doe, , Jr."). A first part of several
    words before a suffix is a name written in reading order ("John Smith, Jr."), and a
    name without a comma is read as :func:`parse_structured_name` reads it.
    """
    family, sep, rest = text.partition(",")
    given, third, suffix = rest.partition(",")
    family, given, suffix = family.strip(), given.strip(), suffix.strip()
    if not sep or not family or _HAN.search(family):
        return parse_structured_name(text)
    if third:
        return ordered(Name(family=family, given=given or None, suffix=suffix or None))
    if " " in family and _is_suffix(given):
        return parse_structured_name(text)
    return ordered(Name(family=family, given=given or None))


def _parse_structured(text: str) -> Name:
    family, sep, given = text.partition(",")
    if sep and family.strip() and not _HAN.search(family):
        rest = given.strip()
        if _is_suffix(rest):
            return _western(family.strip().split(" "), suffix=rest)
        return Name(family=family.strip(), given=rest or None)
    return parse_name(text)


def parse_name(text: str) -> Name:
    """Parse one written name into a CSL name.

    "Charles Kraus" -> Kraus / Charles; "Zhang Shu Guang" -> Zhang / Shu Guang;
    "Kraus, Charles" -> Kraus / Charles; "张汉夫" -> 张 / 汉夫;
    "Ministry of Foreign Affairs" -> literal.
    """
    return ordered(_parse(text))


def _parse(text: str) -> Name:
    text = re.sub(r"\s+", " ", text).strip().strip(",;")
    if not text:
        return Name(literal="")
    if _HAN.search(text) and " " not in text:
        # Han-script names: family name first, one character (two for a few compound names).
        return Name(family=text[:1], given=text[1:] or None)
    if "," in text and not is_body(text.partition(",")[0]):
        # "Family, Given" is a person even when a given name looks like a word ("Center").
        family, _, given = text.partition(",")
        given = given.strip()
        if _is_suffix(given):
            return _western(family.strip().split(" "), suffix=given)
        return Name(family=family.strip(), given=given or None)
    if is_body(text):
        return Name(literal=re.sub(r"^the\s+", "", text, flags=re.I))
    words = text.split(" ")
    if len(words) == 1:
        return Name(family=words[0])
    if is_east_asian_order(words):
        return Name(family=words[0], given=" ".join(words[1:]))
    return _western(words)


def _western(words: list[str], suffix: str | None = None) -> Name:
    if words and words[-1].lower() in _SUFFIXES and len(words) > 2:
        suffix = words[-1]
        words = words[:-1]
    # A lower-case particle before the family name stays with it ("Ludwig van Beethoven").
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES and words[i - 1][0].islower():
        i -= 1
    given = " ".join(words[:i]) or None
    particle = " ".join(words[i : len(words) - 1]) or None
    return Name(family=words[-1], given=given, non_dropping_particle=particle, suffix=suffix)


_LIST_SPLIT = re.compile(r"\s*,\s*and\s+|\s*;\s*|\s*,\s*|\s+and\s+|\s*&\s*")


def split_names(text: str) -> list[str]:
    """Split "A and B", "A, B, and C", "A & B" into the written names.

    A comma followed by "Jr." or "Sr." stays with the name before it.
    """
    text = re.sub(r"\s+", " ", text).strip().rstrip(".").strip()
    text = re.sub(r",\s*(Jr\.?|Sr\.?|II|III|IV)(?![A-Za-z])", r" \1", text)
    parts = [p.strip() for p in _LIST_SPLIT.split(text) if p and p.strip()]
    return parts
