"""Memoisation of what the extractor asks again and again of one sentence's text.

The stages of one article's extraction each read a sentence's event words (the country vote, the NER
gate, the assembly of incidents, the article's missiles): the answer depends on the text alone, so it is
computed once. Answers are kept as tuples and handed out as new lists, so no caller can change another's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

from geomap.settings import Performance

T = TypeVar("T")


def per_sentence(func: Callable[[str], list[T]]) -> Callable[[str], list[T]]:
    """``func`` (a pure function of a sentence's text that returns a list) computed once per text."""
    cached = lru_cache(maxsize=Performance.sentence_memo)(lambda text: tuple(func(text)))

    @wraps(func)
    def memoised(text: str) -> list[T]:
        return list(cached(text))

    memoised.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return memoised
