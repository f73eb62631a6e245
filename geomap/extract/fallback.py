"""Place names the gazetteer's matchable names miss, found by spaCy's NER (where a model reads the language)
and by patterns of place phrases ("une frappe sur Rayske", "killed in Drobysheve"): the extractor asks for
them in sentences of violence where the matchable names left a capitalised word (:func:`has_other_name`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Literal

from geomap.extract.mentions import STOP_WORDS, names_people
from geomap.extract.patterns import PLACE_PHRASES, pattern_names, without_qualifier
from geomap.extract.qualifiers import describe, link_mentions
from geomap.records import Article, Mention, Sentence
from geomap.settings import Settings

_CAPITALISED = re.compile(r"\b[A-ZÀ-Ý][\w’'\-]+")


def has_other_name(text: str, found: list[Mention]) -> bool:
    """Whether a capitalised word the gazetteer did not take is left for the NER to look at."""
    return any(
        m.group().lower() not in STOP_WORDS and not any(g.start <= m.start() < g.end for g in found)
        for m in _CAPITALISED.finditer(text)
    )


def _only_stop_words(name: str) -> bool:
    """ "Sud", "l'Ouest": what the NER calls a place but names none (compass words are stop words)."""
    return all(w.lower() in STOP_WORDS for w in re.findall(r"[^\W\d_]+", name))


def reads_with_ner(article: Article, settings: Settings) -> bool:
    """Whether the NER reads the article's sentences that want it (a model for its language, NER on)."""
    return article.lang in settings.extraction.spacy_models and settings.extraction.use_ner


def fallback_mentions(
    article: Article,
    sentence: Sentence,
    spans: Mapping[tuple[str, str], list[tuple[int, int]]],
    *,
    settings: Settings,
    with_ner: bool = True,
) -> list[Mention]:
    """The names of ``sentence`` that the NER (its ``spans``, read for the build; not when ``with_ner`` is
    false) and the patterns of place phrases find, as mentions."""
    text = sentence.text
    names: list[tuple[int, int]] = []
    if with_ner and reads_with_ner(article, settings):
        ner = spans[(article.lang, text)]
        # ...and the names the NER missed after a preposition ("une frappe sur Rayske": MISC to it); the NER's
        # spans are the build's, shared by every article of this text, and stay as they are.
        names = [*ner] + [
            (a, b)
            for a, b in (pattern_names(text, article.lang) if article.lang in PLACE_PHRASES else [])
            if not any(a < e and s < b for s, e in ner)
        ]
    elif article.lang in PLACE_PHRASES:
        names = pattern_names(text, article.lang)
    in_model = with_ner and article.lang in settings.extraction.spacy_models
    detector: Literal["ner", "pattern"] = "ner" if in_model else "pattern"
    found = [
        replace(describe(sentence, *without_qualifier(text, start, end), article_id=article.id), detector=detector)
        for start, end in names
        if not names_people(text, start, end) and not _only_stop_words(text[start:end])
    ]
    # "struck the villages of A, B and C": the names of a list share its cue.
    return link_mentions(text, found)
