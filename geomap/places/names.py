"""Name normalisation: the one function that makes spelling variants of a place name meet.

``name_key("Aïn al-Assad") == name_key("Ain el-Asad") == "ain asad"``. A lookup is then a dictionary
hit on the key, never a scan. :func:`skeleton_key` is a looser key (consonants only) used as a last
resort for transliteration variants such as al-Yusifiyah / Yusufiyah.
"""

from __future__ import annotations

import re
import unicodedata

from geomap import lexicon
from geomap.records import FeatureHint

_LEXICON = lexicon.load()
# Arabic definite article as transliterated in English and French news: al-, el-, ad-, as-, ash-...
ARABIC_ARTICLES = _LEXICON.words("names.arabic_articles")
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
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL)
    text = _ELISION.sub(" ", text)
    text = _APOSTROPHES.sub("", text)  # transliteration apostrophes (Ba'qubah) join the word
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


def _spelling(word: str) -> str:
    word = word.replace("ou", "u")  # French transliteration: Mossoul, Youssoufiyah
    word = _DOUBLE.sub(r"\1", word)  # Assad/Asad, Mossoul/Mosul
    if len(word) > 3 and word.endswith("ah"):
        word = word[:-1]  # ta marbuta: Diwaniyah/Diwaniya
    return word


def name_key(name: str) -> str:
    """The lookup key of a place name: folded, without the Arabic article, spelling variants merged."""
    words = [w for w in fold(name).split() if w not in ARABIC_ARTICLES]
    return " ".join(_spelling(w) for w in words)


_VOWELS = re.compile(r"[aeiouy]")
_DIGRAPHS = (("ch", "sh"), ("dj", "j"), ("kh", "k"), ("q", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"))


def skeleton_key(name: str) -> str:
    """A loose key: the consonants of :func:`name_key` (al-Yusifiyah and Yusufiyah both give "ysf")."""
    return skeleton_of_key(name_key(name))


def skeleton_of_key(key: str) -> str:
    """:func:`skeleton_key` from an already computed :func:`name_key`."""
    out = []
    for word in key.split():
        for a, b in _DIGRAPHS:
            word = word.replace(a, b)
        out.append(word[0] + _VOWELS.sub("", word[1:]) if word else "")
    return " ".join(out)


# What a qualifier says a place is (the lexicon's [qualifiers] has a list per kind); "la région de X" is
# the land around the town and says nothing.
QUALIFIER_KINDS: dict[str, FeatureHint | None] = {
    "base": "base", "airport": "airport", "admin1": "admin1", "area": None, "locality": "locality",
}  # fmt: skip


# "la base aérienne d'Aïn al-Asad", "l'aéroport de Bagdad", "the town of Hit", "la ville turque de Kilis".
_PREFIX_QUALIFIER = re.compile(
    r"^(?:" + _LEXICON.alt("mentions.determiners") + "|" + _LEXICON.alt("mentions.elided_determiners") + ")?"
    r"(?:" + _LEXICON.groups("qualifiers.before", QUALIFIER_KINDS) + r")"
    r"(?:\s+(?!" + _LEXICON.alt("mentions.not_adjectives") + r"\b)[a-zà-ÿ]{4,})?\s+"
    + _LEXICON.alt("mentions.qualifier_of") + "?",
    re.IGNORECASE,
)
# "Balad air base", "Erbil's airport", "Anbar province", "Karrada district".
_SUFFIX_QUALIFIER = re.compile(r"(?:['’]s)?\s+(?:" + _LEXICON.groups("qualifiers.after", QUALIFIER_KINDS) + r")$", re.IGNORECASE)


def split_qualifier(name: str) -> tuple[str, FeatureHint | None]:
    """Split "la base aérienne d'Aïn al-Asad" into ("Aïn al-Asad", "base"); a bare name has no hint."""
    text = " ".join(name.replace("\u00a0", " ").replace("\u202f", " ").split())
    m = _PREFIX_QUALIFIER.match(text)
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
