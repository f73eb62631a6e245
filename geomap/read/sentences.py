"""Split an article body into sentences, keeping where each one sits in the body.

Regex-based on purpose: it runs on every article of a build and must stay fast, and news prose in French
and English ends sentences in few enough ways that rules do better than a model on short texts. A
paragraph is a line of the body; a sentence never spans two paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from geomap import lexicon
from geomap.records import Article, Sentence

# Terminal punctuation, then closing quotes or brackets that belong to the sentence it ends (French
# typography puts a space, often a non-breaking one, before »), then the space to the next sentence.
# Pages saved from the web sometimes lose the space: "...and Khiam.These developments" is two sentences
# (a word of two lowercase letters, the period, a capitalised word), "U.S.Army" and "al-Monitor.com" are not.
_BOUNDARY = re.compile(
    r"(?P<punct>[.!?…]+)(?P<close>(?:[ \u00a0\u202f]?»|[”\"’)\]])*)"
    r"(?:[ \t\u00a0\u202f]+|(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÀ-Ý](?:[a-zà-ÿ]|\s)))"
)
# What may open a sentence besides an uppercase letter or a digit.
_OPENERS = frozenset("«“\"‘'([—–-")
# Last whitespace-free run before a period: the word the period may abbreviate.
_LAST_TOKEN = re.compile(r"(\S+)$")
_LEADING_PUNCT = re.compile(r"^[«“\"‘'(\[]+")
# "U.S", "D.C", "e.g", "H.R": the final period of a dotted abbreviation does not end a sentence.
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A lone capital is an initial ("John F. Kennedy", "J. Biden").
_INITIAL = re.compile(r"[A-ZÀ-Ý]")

# Abbreviations followed by a period that do not end a sentence, as written (case matters: "M." is
# "Monsieur" but "m." may be metres at the end of a sentence).
_ABBREVIATIONS = lexicon.load().words("sentences.abbreviations")


def article_sentences(article: Article) -> list[Sentence]:
    """The body's sentences, then the titles of the other articles it links to ("Lire aussi : ...")."""
    return [*split_sentences(article.body), *related_sentences(article.related)]


def related_sentences(titles: Sequence[str]) -> list[Sentence]:
    """Each title of another article as one sentence, marked ``in_related``."""
    return [
        Sentence(text=title, start=0, end=len(title), index=k, in_related=True) for k, title in enumerate(titles)
    ]


def split_sentences(body: str) -> list[Sentence]:
    """Sentences of ``body`` in order, with their offsets in ``body``; empty lines yield none."""
    sentences: list[Sentence] = []
    paragraph = 0
    line_start = 0
    for line in body.split("\n"):
        if line.strip():
            for start, end in _split_line(line):
                sentences.append(
                    Sentence(
                        text=line[start:end],
                        start=line_start + start,
                        end=line_start + end,
                        paragraph=paragraph,
                        index=len(sentences),
                    )
                )
            paragraph += 1
        line_start += len(line) + 1
    return sentences


def _split_line(line: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph, surrounding whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        after = match.end()
        if after >= len(line) or not _opens_sentence(line[after]):
            continue
        if match.group("punct") == "." and _is_abbreviation(line[: match.start()]):
            continue
        _add_span(spans, line, start, match.end("close"))
        start = after
    _add_span(spans, line, start, len(line))
    return spans


def _add_span(spans: list[tuple[int, int]], line: str, start: int, end: int) -> None:
    # Offsets are kept exact: trim whitespace by moving the bounds, never by rewriting the text.
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start < end and spans and not any(c.isalnum() for c in line[start:end]):
        # "(...)", a cut in a quotation, is no sentence: it ends the one before (a story's sentences are
        # counted to tell whether it goes on).
        spans[-1] = (spans[-1][0], end)
    elif start < end:
        spans.append((start, end))


def _opens_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


def _is_abbreviation(before: str) -> bool:
    """Whether the period right after ``before`` belongs to an abbreviation, not to a sentence end."""
    match = _LAST_TOKEN.search(before)
    if match is None:
        return False
    token = _LEADING_PUNCT.sub("", match.group(1))  # "(Gen." and "«M." are still abbreviations
    return (
        token in _ABBREVIATIONS
        or _DOTTED.fullmatch(token) is not None
        or _INITIAL.fullmatch(token) is not None
    )


#: How a sentence of prose ends; a subheading ends otherwise.
_CLOSING = (".", "!", "?", "…", ":", ";", "»", '"', "”", "'", "’", ")", "]")


def subheadings(sentences: Sequence[Sentence], *, max_words: int) -> set[int]:
    """The indexes of the body's subheadings: lines after the headline, alone in their paragraph, at most
    ``max_words`` long and not closed as a sentence is ("Une nouvelle frappe sur Soumy")."""
    sizes = Counter(s.paragraph for s in sentences if not s.in_related)
    return {
        s.index
        for s in sentences
        if not s.in_related
        and s.index > 0
        and sizes[s.paragraph] == 1
        and len(s.text.split()) <= max_words
        and not s.text.rstrip().endswith(_CLOSING)
    }
