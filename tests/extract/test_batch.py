"""Speed-ups that must not change a result: articles read together, patterns searched from their tail."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from geomap.extract import mentions, qualifiers
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
        (qualifiers._QUALIFIER_BEFORE, qualifiers.QUALIFIER_BEFORE_AT_END),
        (qualifiers._NAME_BEFORE, qualifiers._NAME_BEFORE_AT_END),
        (qualifiers._CUE_FILLER, qualifiers._CUE_FILLER_AT_END),
        (qualifiers._CUE, qualifiers._CUE_AT_END),
        (mentions._NOT_PLACE_BEFORE.pattern, mentions._NOT_PLACE_BEFORE),
        (mentions._ARTICLE_AT_END.pattern, mentions._ARTICLE_AT_END),
    ]
    assert all(tail.stops for _, tail in pairs)  # each skips something, or the test proves nothing
    checked = found = taken = 0
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
                for tail_ in (mentions._ARTICLE_AT_END, mentions._NOT_PLACE_BEFORE):
                    for variant in (prefix, prefix[:-1], prefix[:-1] + "-", prefix + "\n", prefix[:-1] + "-\n"):
                        assert tail_.without_match(variant) == tail_.pattern.sub("", variant)
                        taken += tail_.without_match(variant) != variant
    assert checked > 10_000 and found > 1_000 and taken > 100


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


def test_tail_patterns_bound_the_words_of_a_match() -> None:
    from geomap.extract.tail import WHITE_SPACE, TailPattern, max_words

    assert [c for c in range(0x110000) if chr(c).isspace()] == sorted(WHITE_SPACE)
    assert max_words(re.compile(r"(?:\s*\bla|\s*\bon\s+monday)\s*$", re.I)) == 2
    assert max_words(re.compile(r"\b[A-Z][\w\-]*['’]s\s*$")) == 1
    assert max_words(re.compile(r"((?:[\w’'\-]+\s+){0,3}[\w’'\-]+)\s*$")) == 4
    assert max_words(re.compile(r"(?:north|south)[- ]?(?:east|west)\s*$")) == 3
    assert max_words(re.compile(r"(?:\w+\s+)*de\s*$")) is None  # any number of words
    assert max_words(re.compile(r"le .*$")) is None
    assert max_words(re.compile(r"\bde\s+")) is None  # need not end at the end
    assert max_words(re.compile(r"\bde\s+$", re.MULTILINE)) is None
    assert max_words(re.compile(r"\S+\s+de$", re.ASCII)) is None  # there "\S" matches a no-break space
    assert max_words(re.compile(r"\S+\s+de$")) == 2
    tail = TailPattern(re.compile(r"(?:\s*\b(?:la|le|on\s+monday)|\s*[«»])\s*$", re.I))
    for text in ("vu la ", "vu le  \n", "seen on   Monday ", "dit «\u00a0", "le la", "la\u2009", "x", ""):
        want, got = tail.pattern.search(text), tail.search(text)
        assert (want and want.span()) == (got and got.span()), text


def test_readings_of_a_pattern_parsed_once_are_those_of_a_fresh_parse() -> None:
    """Every tail pattern and prefiltered pattern of the rules: what is read from the kept parse (asked again
    after each reading, which must leave it as it was) is what a fresh parse gives."""
    import gc

    from geomap.extract import starts, tail
    from geomap.extract.tail import TailPattern, behind, max_words

    tails = [o for o in gc.get_objects() if isinstance(o, TailPattern)]
    prefiltered = [o for o in gc.get_objects() if isinstance(o, starts.Prefiltered)]
    assert len(tails) > 10 and len(prefiltered) > 40
    readings = [
        lambda p: (tail._impossible(p, tail.CANDIDATE_STOPS), max_words(p), behind(p)),
        lambda p: (starts._starts(p), starts._unwrapped(p).pattern),
    ]
    for pattern in [t.pattern for t in tails] + [p.pattern for p in prefiltered]:
        kept = [read(pattern) for read in readings]
        tail.parsed.cache_clear()
        assert [read(pattern) for read in readings] == kept
        assert tail.parsed(pattern.pattern, pattern.flags) == tail.parsed(pattern.pattern, pattern.flags)
    assert tail.parsed.cache_info().hits > 0


def test_what_a_tail_pattern_reads_before_its_start() -> None:
    from geomap.extract.tail import behind

    assert behind(re.compile(r"de\s*$")) == 0
    assert behind(re.compile(r"\bde\s*$")) == 1
    assert behind(re.compile(r"^de\s*$")) == behind(re.compile(r"(?m)^de\s*$")) == 1
    assert behind(re.compile(r"(?<![\w,.\-])\d+\s*$")) == 1
    assert behind(re.compile(r"(?<=\bab)c\s*$")) == 3  # the look-behind's "\b" reads one more
    assert behind(re.compile(r"(?=(?<=xy)z)z$")) == 2
    assert behind(re.compile(r"(a)\1$")) is None  # a back-reference: unknown, nothing is kept


@examples(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "b", "c", "de", "x", " ", "\n", ",", "1"]), max_size=10),
       st.lists(st.sampled_from(["", "a", "ab", "x ", "\n", "1 ", ", "]), min_size=1, max_size=6))
def test_a_tail_seen_before_is_answered_as_the_pattern_answers(words: list[str], heads: list[str]) -> None:
    """The same tail after other heads (what the kept starts answer), for patterns whose look-behinds,
    "\\b" and "^" read before where a match starts."""
    from geomap.extract.tail import TailPattern

    tail_text = "".join(words)
    for pattern in (
        r"(?<=ab)\s*c\s*$", r"(?<![\w,])\s*de?\s*$", r"\bx\s*(?:c|de)?\s*$", r"^\s*x?\s*c?\s*$",
        r"(?m)^\s*(?:de|c)?\s*$", r"(?:\s*\b(?:ab|de)|\s*[,])\s*$",
    ):
        tail = TailPattern(re.compile(pattern))
        for text in [head + tail_text for head in heads] * 2:
            want, got = tail.pattern.search(text), tail.search(text)
            assert (want and (want.span(), want.groups())) == (got and (got.span(), got.groups())), (pattern, text)


_TAIL_WORDS = ["la", "le", "the", "on", "monday", "northern", "city", "of", "de", "l’", "base", "aérienne",
               "Erbil's", "«", "»", "near", "au", "sud", "in", "a", "village", "-", "x1", ","]


@examples(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TAIL_WORDS), max_size=14),
       st.lists(st.sampled_from([" ", "  ", "\u00a0", "\n", " \n", ""]), min_size=14, max_size=14))
def test_tail_patterns_in_made_up_texts(words: list[str], spaces: list[str]) -> None:
    text = "".join(w + s for w, s in zip(words, spaces, strict=False))
    for plain, tail in (
        (qualifiers._QUALIFIER_BEFORE, qualifiers.QUALIFIER_BEFORE_AT_END),
        (qualifiers._NAME_BEFORE, qualifiers._NAME_BEFORE_AT_END),
        (qualifiers._CUE_FILLER, qualifiers._CUE_FILLER_AT_END),
        (qualifiers._CUE, qualifiers._CUE_AT_END),
    ):
        want, got = plain.search(text), tail.search(text)
        assert (want and (want.span(), want.groupdict())) == (got and (got.span(), got.groupdict())), text


def test_the_builds_one_ner_reads_what_each_worker_would(settings: Settings) -> None:
    """The workers' shared NER (a process of its own) gives each chunk's texts the names spaCy gives them
    in the worker, and a failure there is raised in the worker that asked."""
    import multiprocessing

    import pytest

    from geomap.extract.ner import NerService, RemoteNer, ner_spans

    model = settings.extraction.spacy_models["fr"]
    texts = [s.text for path in ARTICLES[:8] for s in article_sentences(read_article(path))]
    chunks_of_texts = [texts[:70], texts[70:75], texts[75:]]
    context = multiprocessing.get_context("spawn")
    with NerService(settings=settings, workers=2, context=context) as service:
        first, second = RemoteNer(service.channel), RemoteNer(service.channel)
        assert {first.slot, second.slot} == {0, 1}
        for k, part in enumerate(chunks_of_texts):
            worker = (first, second)[k % 2]
            assert worker(model, part) == ner_spans(model, part, settings=settings)
        assert any(ner_spans(model, texts, settings=settings))  # names were found, or this proves nothing
        with pytest.raises(OSError):  # spaCy's own error for a model that is not installed
            second("no_such_model_xx", ["Bagdad"])
        assert first(model, texts[:3]) == ner_spans(model, texts[:3], settings=settings)


def test_the_ner_loaded_without_the_vocabularys_strings_finds_what_the_whole_model_finds(
    settings: Settings,
) -> None:
    """Every sentence of the seeds and test articles, read in batches and alone: the same names, the same
    labels, with and without the strings of the model's vocabulary."""
    from geomap.extract.ner import VOCAB_LEFT_OUT, _load_ner

    model = settings.extraction.spacy_models["fr"]
    texts = [s.text for path in ARTICLES for s in article_sentences(read_article(path))]
    whole, light = _load_ner(model, left_out=()), _load_ner(model)
    assert VOCAB_LEFT_OUT and len(light.vocab.strings) < len(whole.vocab.strings) / 100

    def names(nlp: object, batch: list[str]) -> list[list[tuple[int, int, str]]]:
        docs = nlp.pipe(batch, batch_size=64)  # type: ignore[attr-defined]
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]

    want = names(whole, texts)
    assert names(light, texts) == want and sum(map(len, want)) > 200
    assert [names(light, [text])[0] for text in texts[:60]] == want[:60]


def test_workers_asking_a_stopped_ner_get_an_error_not_an_endless_wait(settings: Settings) -> None:
    import multiprocessing

    import pytest

    from geomap.errors import GeomapError
    from geomap.extract.ner import NerService, RemoteNer

    model = settings.extraction.spacy_models["fr"]
    with NerService(settings=settings, workers=2, context=multiprocessing.get_context("spawn")) as service:
        first, second = RemoteNer(service.channel), RemoteNer(service.channel)
        service._process.kill()  # as the system does to a process out of memory
        service._process.join()
        for worker in (first, second, first, first, second):
            with pytest.raises(GeomapError, match="NER process stopped"):
                worker(model, ["Des roquettes sont tombées sur Bagdad."])


_EXTRACT_IN_A_NEW_PROCESS = """
import json, sys
from dataclasses import replace
from pathlib import Path
from geomap.cache import encode
from geomap.extract import regexes
from geomap.extract.batch import _Extraction, _extractor
from geomap.places.gazetteer import open_gazetteer
from geomap.places.resolvers import build_resolver
from geomap.settings import Settings

assert "geomap.extract.pipeline" not in sys.modules  # the rules are not imported with the batches
plain = Settings.from_env()
settings = replace(plain, data_dir=Path(sys.argv[1]), extraction=replace(plain.extraction, use_ner=False))
gazetteer = open_gazetteer(plain)
resolver = build_resolver(settings=settings, offline=True, gazetteer=gazetteer)
extraction = _Extraction(extractor=_extractor(settings=settings, resolver=resolver, gazetteer=gazetteer))
restored = len(regexes._RESTORED.get(regexes.cache_file(settings.data_dir, "rules"), []))
results = [encode(o.result) for o in extraction.run_chunk([Path(p) for p in sys.argv[2:]]) if o.result]
print(json.dumps([restored, results]))
"""


def test_a_worker_keeps_the_rules_patterns_compiled_and_extracts_the_same(tmp_path: Path) -> None:
    """The process that extracts imports the rules with their patterns kept compiled in the user data
    folder (as a worker does): the first compiles and keeps them, the next restores them, and both extract
    the same results."""
    import json
    import subprocess
    import sys

    from geomap.extract import regexes

    def run() -> tuple[int, list[str]]:
        command = [sys.executable, "-c", _EXTRACT_IN_A_NEW_PROCESS, str(tmp_path), *map(str, ARTICLES[:6])]
        found = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        return found[0], found[1]

    restored, first = run()
    kept = regexes.cache_file(tmp_path, "rules")
    assert restored == 0 and kept.is_file() and len(first) == 6
    again, second = run()
    assert again > 100 and second == first
