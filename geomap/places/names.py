"""Name normalisation: the one function that makes spelling variants of a place name meet.

``name_key("Aïn al-Assad") == name_key("Ain el-Asad") == "ain asad"``. A lookup is then a dictionary
hit on the key, never a scan. :func:`skeleton_key` is a looser key (consonants only) used as a last
resort for transliteration variants such as al-Yusifiyah / Yusufiyah.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic definite article as transliterated in English and French news: al-, el-, ad-, as-, ash-...
ARABIC_ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "ach",
        "ech",
        "at",
        "et",
        "ath",
        "adh",
        "az",
        "ez",
        "an",
        "en",
        "ath",
        "al'",
        "l",
    ]
)
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
_ELISION = re.compile(r"\b(?:[dlj]|qu)['’‘](?=\w)", re.IGNORECASE)
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


_Q = r"(?:de\s+|d['’]\s*|du\s+|des\s+|of\s+)"
_PREFIX_QUALIFIERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?:(?:la|le|the)\s+|l['’]\s*)?(?:base|camp|garnison|garrison)"
            r"(?:\s+(?:aérienne|aerienne|militaire|américaine|americaine|us|militaire américaine|air))?\s+"
            + _Q
            + "?",
            re.IGNORECASE,
        ),
        "base",
    ),
    (re.compile(r"^(?:l['’]\s*|the\s+)?a[ée]roport(?:\s+international)?\s+" + _Q, re.IGNORECASE), "airport"),
    (
        re.compile(
            r"^(?:(?:la|les|the)\s+)?(?:provinces?|gouvernorats?|governorates?|r[ée]gions?|wilayas?)"
            r"(?:\s+(?!près|loin|proche|autour|nord|sud|ouest|centre)[a-zà-ÿ]{4,})?\s+" + _Q,
            re.IGNORECASE,
        ),
        "admin1",
    ),
    (
        re.compile(
            r"^(?:(?:la|the)\s+)?(?:ville|city|town|localité|village|quartier|district)"
            r"(?:\s+(?!près|loin|proche|autour|nord|sud|ouest|centre)[a-zà-ÿ]{4,})?\s+" + _Q,
            re.IGNORECASE,
        ),
        "locality",
    ),
)
_SUFFIX_QUALIFIERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\s+(?:air\s*base|airbase|military\s+base|base|air\s*field|airfield|garrison)$", re.I),
        "base",
    ),
    (re.compile(r"(?:['’]s)?\s+(?:international\s+)?airport$", re.IGNORECASE), "airport"),
    (re.compile(r"\s+(?:provinces?|governorates?|regions?)$", re.IGNORECASE), "admin1"),
    (re.compile(r"\s+(?:district|neighbou?rhood)$", re.IGNORECASE), "locality"),
)


def split_qualifier(name: str) -> tuple[str, str | None]:
    """Split "la base aérienne d'Aïn al-Asad" into ("Aïn al-Asad", "base"); a bare name has no hint."""
    text = " ".join(name.replace("\u00a0", " ").replace("\u202f", " ").split())
    for pattern, hint in _PREFIX_QUALIFIERS:
        m = pattern.match(text)
        if m and m.end() < len(text):
            return text[m.end() :], hint
    for pattern, hint in _SUFFIX_QUALIFIERS:
        m = pattern.search(text)
        if m and m.start() > 0:
            return text[: m.start()], hint
    return text, None
