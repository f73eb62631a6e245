"""Which language an article is written in: French, English, or another that geomap does not read."""

from __future__ import annotations

import re

from geomap import lexicon

_LEXICON = lexicon.load()
#: The languages geomap reads.
LANGUAGES = _LEXICON.codes

# Short, frequent words of each language (from the lexicon). Words shared by two languages ("a", "on",
# "de", "la") count for neither: only what sets a language apart weighs. Languages geomap does not read are
# here to be told apart, not to be read.
_STOP_WORDS: dict[str, frozenset[str]] = {
    **{code: _LEXICON.words_of(code, "language.stop_words") for code in LANGUAGES},
    **{code: frozenset(words.split()) for code, words in _LEXICON.file("other-languages.toml")["stop_words"].items()},
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
# The one language each distinctive word belongs to: a text's words are looked up once, not once a language.
_LANGUAGE_OF = {word: lang for lang, words in _DISTINCTIVE_STOP_WORDS.items() for word in words}


def detect_language(text: str) -> str | None:
    """The language ``text`` clearly reads as, "fr" or "en"; ``None`` for another language or too few words.

    Counts the short words only one language uses (stop words), so names and numbers do not weigh.
    """
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return None
    hits = dict.fromkeys(_DISTINCTIVE_STOP_WORDS, 0)
    for word in words:
        if (lang := _LANGUAGE_OF.get(word)) is not None:
            hits[lang] += 1
    best = max(hits, key=lambda lang: hits[lang])
    runner_up = max(count for lang, count in hits.items() if lang != best)
    # Clearly: enough of the text, and well ahead of the next language (quotes in another one happen).
    if best not in LANGUAGES or hits[best] < _MIN_LANGUAGE_SHARE * len(words) or hits[best] < 2 * runner_up:
        return None
    return best
