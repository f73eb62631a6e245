"""Which language an article is written in: French, English, or another that geomap does not read."""

from __future__ import annotations

import re

#: The languages geomap reads.
LANGUAGES = ("fr", "en")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Short, frequent words of each language. Words shared by two languages ("a", "on", "de", "la") count for
# neither: only what sets a language apart weighs. German, Spanish and Italian are here to be told apart
# from French and English, not to be read.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "fr": _word_set(
        "le la les des du et est une dans pour par sur au aux pas ne se sont ont il elle ils elles nous vous "
        "avec ce cette ces son sa ses leur leurs été plus mais ou qui que selon après contre entre été être "
        "avait était sera lors dont où aussi très sans sous chez depuis comme même tout tous fait "
        "l d qu n s c j"
    ),
    "en": _word_set(
        "the of and to is was that for with as by at from it he she they were are has have had been this "
        "which said not but or after their his her its who will would into about than more also them there "
        "when what been over could did those these"
    ),
    "de": _word_set(
        "der die das und ist nicht mit den von zu ein eine dem im auf für sich auch es wurde wird nach bei "
        "aus wie noch oder sind hat haben einer einen"
    ),
    "es": _word_set(
        "el los las y del con por para una es su sus lo como pero más fue este esta sobre entre también "
        "había son desde muy hasta"
    ),
    "it": _word_set(
        "il di che e per del della con non un una sono da nel gli alla dei delle anche come più ha questo "
        "stato essere"
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS_FOR_LANGUAGE = 6
_MIN_LANGUAGE_SHARE = 0.08  # of all words; French and English prose run at 25-40 % with these lists


def _distinctive(stop_words: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    return {
        lang: words.difference(*(other for name, other in stop_words.items() if name != lang))
        for lang, words in stop_words.items()
    }


_DISTINCTIVE_STOP_WORDS = _distinctive(_STOP_WORDS)


def detect_language(text: str) -> str | None:
    """The language ``text`` clearly reads as, "fr" or "en"; ``None`` for another language or too few words.

    Counts the short words only one language uses (stop words), so names and numbers do not weigh.
    """
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return None
    hits = {
        lang: sum(1 for word in words if word in stop_words)
        for lang, stop_words in _DISTINCTIVE_STOP_WORDS.items()
    }
    best = max(hits, key=lambda lang: hits[lang])
    runner_up = max(count for lang, count in hits.items() if lang != best)
    # Clearly: enough of the text, and well ahead of the next language (quotes in another one happen).
    if best not in LANGUAGES or hits[best] < _MIN_LANGUAGE_SHARE * len(words) or hits[best] < 2 * runner_up:
        return None
    return best
