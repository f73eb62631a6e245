"""From one Article to its incidents and mentions: sentences -> place mentions -> resolutions -> incidents.

The expensive spaCy NER runs only where the cheap stages need it: on sentences with attack vocabulary in
which the gazetteer found no place that could be the incident's location (French; English relies on a
pattern for capitalised phrases after "in/near/at/outside").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geomap.gazetteer import Gazetteer, default_gazetteer
from geomap.incidents import (
    Located,
    event_type,
    incidents_from_sentences,
    is_event_location,
    mentions_not_incidents,
)
from geomap.records import Article, Incident, Mention, ResolvedMention
from geomap.resolve import Context, GazetteerResolver, Resolver
from geomap.sentences import split_sentences
from geomap.toponyms import find_mentions

#: Sentence indexes of "Lire aussi" titles start here, after any body sentence.
RELATED_INDEX_BASE = 100_000
SPACY_MODELS = {"fr": "fr_core_news_md"}
_EN_PLACE_PHRASE = re.compile(
    r"\b(?:in|near|at|outside|on|around)\s+(?:the\s+(?:town|city|village|province|district)\s+of\s+)?"
    r"(?P<name>(?:al-|el-|Al\s+|Ad\s+|As\s+)?[A-Z][\w'’\-]+(?:\s+(?:al-|el-)?[A-Z][\w'’\-]+){0,3})"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    """What one article yields."""

    article: Article
    incidents: tuple[Incident, ...]
    mentions: tuple[ResolvedMention, ...]
    unresolved: tuple[str, ...]  # place names no resolver knew


@lru_cache(maxsize=2)
def _load_spacy(lang: str) -> Any:
    import spacy

    # Only the NER is needed: the parser and lemmatizer would triple the cost.
    return spacy.load(
        SPACY_MODELS[lang], disable=["parser", "lemmatizer", "morphologizer", "attribute_ruler"]
    )


class Extractor:
    """Extracts incidents from articles with a resolver; one instance serves many articles."""

    def __init__(
        self, *, resolver: Resolver | None = None, gazetteer: Gazetteer | None = None, use_ner: bool = True
    ) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.resolver = resolver or GazetteerResolver(gazetteer=self.gazetteer)
        self.use_ner = use_ner
        self.ner_sentences = 0  # how many sentences went through spaCy (a benchmark figure)

    def extract(self, article: Article) -> ArticleResult:
        sentences = [(s.index, s.text, False) for s in split_sentences(article.body)]
        sentences += [(RELATED_INDEX_BASE + k, title, True) for k, title in enumerate(article.related)]
        mentions: dict[int, list[Mention]] = {}
        for index, text, related in sentences:
            found = find_mentions(
                text,
                gazetteer=self.gazetteer,
                article_id=article.id,
                sentence_index=index,
                in_related=related,
            )
            if found:
                mentions[index] = found
        countries = self._countries(mentions)
        located: dict[int, list[Located]] = {}
        unresolved: list[str] = []
        for index, text, related in sentences:
            locs = self._locate(mentions.get(index, []), countries, unresolved)
            if event_type(text) and not any(is_event_location(loc.mention, loc.place) for loc in locs):
                extra = self._fallback_mentions(article, index, text, related)
                locs += self._locate(extra, countries, unresolved)
            if locs:
                located[index] = locs
        incidents = incidents_from_sentences(article, sentences, located)
        return ArticleResult(
            article=article,
            incidents=tuple(incidents),
            mentions=tuple(mentions_not_incidents(article, located, incidents)),
            unresolved=tuple(dict.fromkeys(unresolved)),
        )

    def _countries(self, mentions: dict[int, list[Mention]]) -> tuple[str, ...]:
        """The article's countries: those its place names point to, named countries counting double."""
        votes: Counter[str] = Counter()
        for found in mentions.values():
            for m in found:
                best = self.resolver.resolve(m.qualified_text, context=Context(hint=m.hint))
                if best is not None:
                    votes[best.country] += 2 if best.precision == "country" else 1
        return tuple(c for c, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:3])

    def _locate(
        self, mentions: list[Mention], countries: tuple[str, ...], unresolved: list[str]
    ) -> list[Located]:
        out = []
        for m in mentions:
            context = Context(countries=countries, hint=m.hint, within=(m.within,) if m.within else ())
            place = self.resolver.resolve(m.qualified_text if m.hint else m.text, context=context)
            if place is None:
                unresolved.append(m.text)
            else:
                out.append(Located(mention=m, place=place))
        return out

    def _fallback_mentions(self, article: Article, index: int, text: str, related: bool) -> list[Mention]:
        names: list[tuple[int, int]] = []
        if article.lang in SPACY_MODELS and self.use_ner:
            self.ner_sentences += 1
            doc = _load_spacy(article.lang)(text)
            names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("LOC", "GPE")]
        elif article.lang == "en":
            names = [m.span("name") for m in _EN_PLACE_PHRASE.finditer(text)]
        out = []
        for start, end in names:
            cue = re.search(r"((?:[\w’'\-]+\s+){0,3}[\w’'\-]+)\s*$", text[:start])
            out.append(
                Mention(
                    article_id=article.id,
                    text=text[start:end],
                    start=start,
                    end=end,
                    sentence_index=index,
                    sentence=text,
                    qualified_text=text[start:end],
                    in_related=related,
                    detector="ner" if article.lang in SPACY_MODELS else "pattern",
                    cue=cue.group(1).lower() if cue else "",
                )
            )
        return out

    def extract_all(self, articles: list[Article]) -> Iterator[ArticleResult]:
        for article in articles:
            yield self.extract(article)
