"""A text's language, its words looked up once: the answer of counting each language's words in turn."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.read import language
from geomap.read.articles import read_article
from geomap.read.sentences import article_sentences

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "corpus" / "articles").glob("*.txt")])
_WORDS = sorted({w for words in language._STOP_WORDS.values() for w in words})


def _plain(text: str) -> str | None:
    """detect_language as it counted: every language's distinctive words, one language at a time."""
    words = [word.lower() for word in language._WORD.findall(text)]
    if len(words) < language._MIN_WORDS_FOR_LANGUAGE:
        return None
    hits = {
        lang: sum(1 for word in words if word in stop_words)
        for lang, stop_words in language._DISTINCTIVE_STOP_WORDS.items()
    }
    best = max(hits, key=lambda lang: hits[lang])
    runner_up = max(count for lang, count in hits.items() if lang != best)
    if (
        best not in language.LANGUAGES
        or hits[best] < language._MIN_LANGUAGE_SHARE * len(words)
        or hits[best] < 2 * runner_up
    ):
        return None
    return best


def test_each_distinctive_word_belongs_to_one_language() -> None:
    seen: dict[str, str] = {}
    for lang, words in language._DISTINCTIVE_STOP_WORDS.items():
        for word in words:
            assert seen.setdefault(word, lang) == lang
    assert seen == language._LANGUAGE_OF


def test_the_language_of_every_article_and_sentence_is_the_plain_count() -> None:
    texts = []
    for path in ARTICLES:
        article = read_article(path)
        texts += [article.body, article.title, *(s.text for s in article_sentences(article))]
    answers = {language.detect_language(t) for t in texts}
    assert {"fr", "en", None} <= answers
    for text in texts:
        assert language.detect_language(text) == _plain(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, "Kharkiv", "12", "x"]), max_size=40))
def test_the_language_of_made_up_texts_is_the_plain_count(words: list[str]) -> None:
    for text in (" ".join(words), " ".join(words).upper()):
        assert language.detect_language(text) == _plain(text)
