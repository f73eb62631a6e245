"""Speed-ups that must not change a result: articles read together, patterns searched from their tail."""

from __future__ import annotations

import re
from pathlib import Path

from geomap.extract import mentions
from geomap.extract.batch import chunks
from geomap.extract.pipeline import Extractor
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers.local import GazetteerResolver
from geomap.read.articles import read_article
from geomap.read.sentences import article_sentences
from geomap.settings import Performance, Settings

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "corpus" / "articles").glob("*.txt")])


def test_articles_read_together_give_each_the_result_it_has_alone(
    settings: Settings, gazetteer: Gazetteer
) -> None:
    articles = [read_article(p) for p in ARTICLES]
    together = Extractor(
        settings=settings, resolver=GazetteerResolver(settings=settings, gazetteer=gazetteer)
    )
    batch = together.extract_batch(articles)
    assert together.ner_sentences > 0  # spaCy read a batch of sentences from several articles
    for article, (result, faults) in zip(articles, batch, strict=True):
        alone = Extractor(
            settings=settings, resolver=GazetteerResolver(settings=settings, gazetteer=gazetteer)
        )
        assert result == alone.extract(article), article.file
        assert faults == 0


def test_a_few_dozen_articles_give_every_worker_several_chunks() -> None:
    settings = Settings()
    paths = [Path(f"a{n:03d}.txt") for n in range(30)]
    work = chunks(paths, workers=2, settings=settings)
    assert [p for chunk in work for p in chunk] == paths
    assert len(work) >= 2 * Performance().chunks_per_worker
    big = chunks([Path(f"b{n}.txt") for n in range(10_000)], workers=2, settings=settings)
    assert max(len(c) for c in big) == Performance().max_chunk_articles


def test_tail_patterns_find_what_the_patterns_find() -> None:
    """Every prefix of every sentence of the seeds and test articles, up to each word: the same match."""
    pairs = [
        (mentions._QUALIFIER_BEFORE, mentions._QUALIFIER_BEFORE_AT_END),
        (mentions._NAME_BEFORE, mentions._NAME_BEFORE_AT_END),
        (mentions._CUE_FILLER, mentions._CUE_FILLER_AT_END),
        (mentions._CUE, mentions._CUE_AT_END),
    ]
    assert all(tail.stops for _, tail in pairs)  # each skips something, or the test proves nothing
    checked = found = 0
    for path in ARTICLES:
        for sentence in article_sentences(read_article(path)):
            text = sentence.text
            for end in [m.start() for m in re.finditer(r"\s", text)] + [len(text)]:
                prefix = text[:end] + " "
                for plain, tail in pairs:
                    want, got = plain.search(prefix), tail.search(prefix)
                    assert (want and (want.span(), want.groupdict())) == (
                        got and (got.span(), got.groupdict())
                    )
                    checked += 1
                    found += want is not None
    assert checked > 10_000 and found > 1_000


def test_place_names_read_once_per_text_are_those_of_each_sentence(
    settings: Settings, gazetteer: Gazetteer
) -> None:
    """The memoised mention finder gives every sentence, the second time its text is met (in another
    article, at another place), what the finder gives it."""
    from dataclasses import replace

    from geomap.extract.mentions import find_mentions

    extractor = Extractor(settings=settings, gazetteer=gazetteer)
    found = 0
    for path in ARTICLES:
        article = read_article(path)
        for sentence in article_sentences(article):
            for unit, article_id in ((sentence, article.id), (replace(sentence, index=sentence.index + 7), "other")):
                want = find_mentions(unit, gazetteer=gazetteer, article_id=article_id)
                assert extractor.mentions_of(unit, article_id) == want
                found += len(want)
    assert found > 500
