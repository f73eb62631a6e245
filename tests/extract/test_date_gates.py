"""The date finders' patterns, searched only in sentences holding a month, a weekday or a year (and the
prefilter's own new parts): the same matches as the plain patterns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import article_text, default_pool
from geomap.extract import dates
from geomap.extract.starts import _ANY_TWIN, CASE_TWINS, Prefiltered, _unwrapped
from geomap.read.articles import read_article
from geomap.read.sentences import article_sentences, split_sentences

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "corpus" / "articles").glob("*.txt")])


def _prefiltered() -> list[Prefiltered]:
    """Every pattern the finders search, read from the finders themselves."""
    out: list[Prefiltered] = []
    for finders in dates._FINDERS.values():
        for finder in finders:
            for cell in finder.__closure__ or ():
                value = cell.cell_contents
                if isinstance(value, Prefiltered):
                    out.append(value)
                elif isinstance(value, tuple):
                    out += [p for p, _days in value]
    return out


PATTERNS = _prefiltered()


def _sentences() -> list[str]:
    texts = [s.text for path in ARTICLES for s in article_sentences(read_article(path))]
    pool = default_pool()
    for i in range(150):
        texts += [s if isinstance(s, str) else s.text for s in split_sentences(article_text(i, pool)[0])]
    # Dates in every case and shape the finders read, and the case twins.
    texts += [
        "le lundi 5 avril 2021", "LE MARDI 1ER MAI", "en Août 2020", "On Monday, March 3, 2020",
        "on monday, march 3", "in MAY 2019", "hier soir", "HIER", "aujourd’hui", "the day before yesterday",
        "Last Night", "5/4/2020", "2020-01-05", "ſeptembre 2020", "İn 2020", "la nuıt dernière",
    ]
    return texts


SENTENCES = _sentences()


def test_every_finder_pattern_is_prefiltered_and_most_are_gated() -> None:
    assert len(PATTERNS) == sum(len(f) for f in dates._FINDERS.values()) + 4  # 3 relative days a language
    assert sum(p.starts is not None for p in PATTERNS) == len(PATTERNS)


def test_the_finders_patterns_find_what_the_plain_patterns_find() -> None:
    searched = skipped = 0
    for sentence in SENTENCES:
        for text in (sentence, sentence.upper(), sentence.swapcase()):
            lowered = text.lower()
            for pre in PATTERNS:
                assert [m.span() for m in pre.finditer(text, lowered)] == [
                    m.span() for m in pre.pattern.finditer(text)
                ], (pre.pattern.pattern, text)
                searched += 1
                skipped += not pre.may_match(text, lowered)
    assert skipped > searched / 2


def test_the_dates_of_a_sentence_are_those_of_the_plain_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = [(s, lang, dates._candidates_of.__wrapped__(s, lang, "2021-03-04", (2020,), 2019)) for s in SENTENCES
            for lang in ("fr", "en")]
    monkeypatch.setattr(Prefiltered, "may_match", lambda self, text, lowered: True)
    for sentence, lang, found in kept:
        assert dates._candidates_of.__wrapped__(sentence, lang, "2021-03-04", (2020,), 2019) == found


@pytest.mark.parametrize(
    ("pattern", "unwrapped"),
    [
        (r"(?i:\bhier\b|\bla\s+nuit\b)", r"\bhier\b|\bla\s+nuit\b"),
        (r"(?i:a)|(?i:b)", None),  # two groups: kept
        (r"(?i:a)(b)", None),
        (r"\b(?i:x)", None),
        (r"(?i:a(?-i:B))", r"a(?-i:B)"),
        (r"(?s:a.)", None),  # another flag
        (r"(?:a)", None),
    ],
)
def test_a_whole_ignore_case_group_is_unwrapped(pattern: str, unwrapped: str | None) -> None:
    compiled = re.compile(pattern)
    got = _unwrapped(compiled)
    if unwrapped is None:
        assert got is compiled
        return
    assert got.pattern == unwrapped and got.flags & re.IGNORECASE
    for text in ("HIER", "la NUIT", "aB", "ab", "xa", "hıer", "AB"):
        assert [m.span() for m in got.finditer(text)] == [m.span() for m in compiled.finditer(text)]


def test_a_case_twin_is_found_as_the_set_finds_it() -> None:
    for text in ("", "abc", "éèà’", *CASE_TWINS, *(f"x{c}y" for c in CASE_TWINS), "İstanbul", "ſ", "\U0001f600ı"):
        assert (_ANY_TWIN.search(text) is not None) == (not CASE_TWINS.isdisjoint(text))
