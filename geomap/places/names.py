"""Name normalisation: the one function that makes spelling variants of a place name meet.

``name_key("Aïn al-Assad") == name_key("Ain el-Asad") == "ain asad"``. A lookup is then a dictionary
hit on the key, never a scan. :func:`skeleton_key` is a looser key (consonants only, after the
transliteration rules of ``geomap/lexicon/transliteration.toml``) that proposes candidates for the
spellings news use (Kfar Roummane / Kafr Rumman); :func:`similarity` then verifies them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from geomap import lexicon
from geomap.records import FeatureHint

_LEXICON = lexicon.load()
_RULES_FILE = "transliteration.toml"


def transliteration_rules() -> Mapping[str, Any]:
    """The transliteration rules (``geomap/lexicon/transliteration.toml``): language knowledge is data."""
    return _LEXICON.file(_RULES_FILE)


def rules_fingerprint() -> str:
    """A hash of the rules: the gazetteer index's keys depend on them."""
    data = resources.files("geomap.lexicon").joinpath(_RULES_FILE).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


def _pairs(section: str, name: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in transliteration_rules()[section][name])


# The Arabic definite article as transliterated in English and French news: al-, el-, ad-, ash-, ech-...
ARABIC_ARTICLES = frozenset(str(w) for w in transliteration_rules()["articles"]["words"])
_EXACT_REPLACE = _pairs("exact", "replace")
_EXACT_ENDINGS = _pairs("exact", "endings")
_SKELETON_REPLACE = _pairs("skeleton", "replace")
_SKELETON_PATTERNS = tuple((re.compile(a), b) for a, b in _pairs("skeleton", "patterns"))
_SKELETON_ENDINGS = tuple(str(e) for e in transliteration_rules()["skeleton"]["strip_endings"])
_SKELETON_VOWELS = re.compile(f"[{re.escape(transliteration_rules()['skeleton']['vowels'])}]")
_SIMILARITY_REPLACE = _pairs("similarity", "replace")
# Letters that NFKD does not decompose into an ASCII base plus combining marks.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ʿ": "",
        "ʾ": "",
        "ʻ": "",
        "ʼ": "",
        "`": "",
        "´": "",
    }
)
_APOSTROPHES = re.compile(r"['’‘′]")
# French elision before a vowel: d'Alep, l'Irak, qu'à; the apostrophe then separates two words.
_ELISION = re.compile(r"\b" + _LEXICON.alt("names.elided") + r"['’‘](?=\w)", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")  # letters of any script stay: بغداد is a name too
_DOUBLE = re.compile(r"([a-z])\1+")


def fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits separated by single spaces."""
    if text.isascii():  # most names: no normalisation or accent to remove (an index build folds millions)
        text = _ELISION.sub(" ", text.lower().replace("`", ""))
        return _NON_WORD.sub(" ", _APOSTROPHES.sub("", text)).strip()
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL)
    text = _ELISION.sub(" ", text)
    text = _APOSTROPHES.sub("", text)  # transliteration apostrophes (Ba'qubah) join the word
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=1 << 18)
def _spelling(word: str) -> str:
    for a, b in _EXACT_REPLACE:
        word = word.replace(a, b)  # French transliteration: Mossoul, Youssoufiyah
    word = _DOUBLE.sub(r"\1", word)  # Assad/Asad, Mossoul/Mosul
    if len(word) > 3:
        for ending, becomes in _EXACT_ENDINGS:
            if word.endswith(ending):
                word = word[: -len(ending)] + becomes  # ta marbuta: Diwaniyah/Diwaniya
                break
    return word


def name_key(name: str) -> str:
    """The lookup key of a place name: folded, without the Arabic article, spelling variants merged."""
    words = [w for w in fold(name).split() if w not in ARABIC_ARTICLES]
    return " ".join(_spelling(w) for w in words)


_JOINED_PREFIXES = tuple(sorted(_LEXICON.entries("names.joined_prefixes"), key=len, reverse=True))


def split_key(key: str) -> str | None:
    """The key of a one-word name that opens with the first word of a two-word name ("Kfarchouba" is Kfar
    Chouba, lexicon ``names.joined_prefixes``), written apart; None for other keys."""
    if " " in key:
        return None
    prefix = next((p for p in _JOINED_PREFIXES if key.startswith(p) and len(key) >= len(p) + 4), None)
    return None if prefix is None else f"{prefix} {key[len(prefix) :]}"


_COMMUNITY = re.compile(r"\b" + _LEXICON.alt("names.community_kinds") + r"\b", re.IGNORECASE)
_ADJECTIVE_END = re.compile(_LEXICON.alt("names.adjective_endings") + r"$", re.IGNORECASE)
_SEAT_ENDINGS = tuple(_LEXICON.entries("names.seat_endings"))
COMMUNITY_COUNTRIES = frozenset(_LEXICON.entries("names.community_countries"))


def community_seats(name: str, core: str, countries: Iterable[str]) -> tuple[str, ...]:
    """The names a community's seat may have when the community is named by the seat's adjective or its stem
    ("Bilopilska community", "Bilopil community": Bilopil, Bilopilka, Bilopillia...): for a name called a
    community, or one with an adjective's ending in a story of the countries that name them so. Nothing for
    other names."""
    adjective = _ADJECTIVE_END.search(core)
    if not _COMMUNITY.search(name) and not (adjective and COMMUNITY_COUNTRIES & set(countries)):
        return ()
    stem = core[: adjective.start()] if adjective else core
    return tuple(dict.fromkeys(stem + ending for ending in _SEAT_ENDINGS if stem + ending != core))


def joined_key(key: str) -> str | None:
    """The key of a two-word name written as one word ("Day Kundi" is Daykundi): a word break is a
    spelling too. None for other keys, and for a short word ("Al Bab" keeps its break)."""
    words = key.split()
    return "".join(words) if len(words) == 2 and min(len(w) for w in words) >= 3 else None


def named_after(town_key: str, province_key: str, *, min_prefix: int) -> bool:
    """Whether a province's name key starts as its town's does, over ``min_prefix`` letters or the whole
    town's: Zaporizka oblast for Zaporizhzhia, Donetska oblast for Donetsk, Belgorodskaya for Belgorod."""
    shared = next(
        (k for k, (x, y) in enumerate(zip(town_key, province_key, strict=False)) if x != y),
        min(len(town_key), len(province_key)),
    )
    return shared >= min(len(town_key), min_prefix)


def skeleton_key(name: str) -> str:
    """A loose key: the consonants of :func:`name_key` after the transliteration rules, without word breaks
    ("Kfar Roummane" and "Kafr Rumman" both give "kfrmn"; al-Yusifiyah and Youssoufiyah give "ysf")."""
    return skeleton_of_key(name_key(name))


def skeleton_of_key(key: str) -> str:
    """:func:`skeleton_key` from an already computed :func:`name_key`."""
    return _DOUBLE.sub(r"\1", "".join(_skeleton_word(word) for word in key.split()))


@lru_cache(maxsize=1 << 18)  # words repeat across names (al, tall, kafr...): an index build asks millions
def _skeleton_word(word: str) -> str:
    for a, b in _SKELETON_REPLACE:
        word = word.replace(a, b)
    for pattern, becomes in _SKELETON_PATTERNS:
        word = pattern.sub(becomes, word)
    for ending in _SKELETON_ENDINGS:
        if len(word) > len(ending) + 2 and word.endswith(ending):
            word = word[: -len(ending)]
            break
    # A word's first "y" is a consonant: Yusufiyah, Yabrud.
    head, rest = (word[:1], word[1:]) if word.startswith("y") else ("", word)
    return head + _SKELETON_VOWELS.sub("", rest) or word


def spelled_out(name: str) -> str:
    """The form in which two spellings are compared (vowels kept, transliteration rules applied)."""
    words = []
    for word in name_key(name).split():
        for a, b in _SIMILARITY_REPLACE:
            word = word.replace(a, b)
        words.append(_DOUBLE.sub(r"\1", word))
    return " ".join(words)


def similarity(a: str, b: str) -> float:
    """How alike two spellings of a name are, 0 to 100 (RapidFuzz's ratio of their spelled-out forms)."""
    from rapidfuzz import fuzz

    x, y = spelled_out(a), spelled_out(b)
    # Word breaks are a spelling too: "Salaheddine" and "Salah ad-Din".
    return float(max(fuzz.ratio(x, y), fuzz.ratio(x.replace(" ", ""), y.replace(" ", ""))))


# What a qualifier says a place is (the lexicon's [qualifiers] has a list per kind); "la région de X" is
# the province named X when there is one (oblasts, Mali's and Niger's regions), else the land around the
# town; "le secteur de X", "the X area" say nothing.
QUALIFIER_KINDS: dict[str, FeatureHint | None] = {
    "base": "base", "airport": "airport", "admin1": "admin1", "region": "region", "area": None,
    "locality": "locality",
}  # fmt: skip


# "la base aérienne d'Aïn al-Asad", "l'aéroport de Bagdad", "the town of Hit", "la ville turque de Kilis".
_PREFIX_QUALIFIER = re.compile(
    r"^(?:" + _LEXICON.alt("mentions.determiners") + "|" + _LEXICON.alt("mentions.elided_determiners") + ")?"
    r"(?:" + _LEXICON.groups("qualifiers.before", QUALIFIER_KINDS) + r")"
    r"(?:\s+(?!" + _LEXICON.alt("mentions.not_adjectives") + r"\b)[a-zà-ÿ][a-zà-ÿ\-]{3,})?\s+"
    + _LEXICON.alt("mentions.qualifier_of") + "?",
    re.IGNORECASE,
)
# "the airport in the capital Mogadishu": a site in its town.
_SITE_IN_QUALIFIER = re.compile(
    r"^(?:" + _LEXICON.alt("mentions.determiners") + ")?(?:" + _LEXICON.groups("qualifiers.site_in", QUALIFIER_KINDS) + ")",
    re.IGNORECASE,
)
# "Balad air base", "Erbil's airport", "Anbar province", "Karrada district".
_SUFFIX_QUALIFIER = re.compile(r"(?:['’]s)?\s+(?:" + _LEXICON.groups("qualifiers.after", QUALIFIER_KINDS) + r")$", re.IGNORECASE)


def split_qualifier(name: str) -> tuple[str, FeatureHint | None]:
    """Split "la base aérienne d'Aïn al-Asad" into ("Aïn al-Asad", "base"); a bare name has no hint."""
    text = " ".join(name.replace("\u00a0", " ").replace("\u202f", " ").split())
    m = _SITE_IN_QUALIFIER.match(text) or _PREFIX_QUALIFIER.match(text)
    if m and m.end() < len(text):
        return text[m.end() :], qualifier_hint(m)
    m = _SUFFIX_QUALIFIER.search(text)
    if m and m.start() > 0:
        return text[: m.start()], qualifier_hint(m)
    return text, None


def qualifier_hint(match: re.Match[str]) -> FeatureHint | None:
    """What the qualifier a pattern of :data:`QUALIFIER_KINDS` groups matched says the place is."""
    kind = next(k for k in QUALIFIER_KINDS if k in match.re.groupindex and match.group(k) is not None)
    return QUALIFIER_KINDS[kind]
