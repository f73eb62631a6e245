"""A pattern searched only in texts that hold the start of one of its matches finds what it finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.extract import events, starts
from geomap.extract.starts import CASE_TWINS, Prefiltered
from geomap.read.articles import read_article
from geomap.read.sentences import article_sentences

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "corpus" / "articles").glob("*.txt")])
TRIGGERS = [pattern for _tier, _kind, pattern in events._TRIGGERS]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _found(pre: Prefiltered, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pre.finditer(text, text.lower())]


def test_case_twins_are_every_character_lower_case_does_not_fold() -> None:
    """Every character of Unicode that matches, ignoring case, a character a start may hold has the same
    ``lower()`` as it, or is in CASE_TWINS."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    allowed = [chr(c) for c in range(0x3000) if starts._in_start(chr(c))]
    assert "é" in allowed and "a" in allowed and "’" in allowed and "µ" not in allowed
    twins = {
        m.group()
        for c in allowed
        for m in re.finditer(re.escape(c), everything, re.IGNORECASE)
        if m.group().lower() != c.lower()
    }
    assert twins <= CASE_TWINS


@pytest.mark.parametrize(
    ("pattern", "want"),
    [
        (r"\bdrones?\b|\braids?\s+a[ée]riens?", ("drone", "raid")),
        (r"(?<!drones\s)\bkamikazes?\b|\bs['’]est\s+fait", ("kamikaze", "s'est", "s’est")),
        (r"\b(?:fighter\s+)?jets?\b", ("fighter", "jet")),
        (r"a[ée]rien|frapp(?:e|é)s?|frappe", ("aérien", "aerien", "frappe", "frappé")),
        (r"\béchanges?\s+de\s+tirs", ("échange",)),
        (r"[a-z]+ville", None),  # a range: unknown
        (r"(?:\w+\s+)?attaque", None),  # an optional word of any letters: unknown
        (r"(?i:drone)|raid", None),  # inline flags in a group: unknown
        (r"x*drone", None),  # may start with nothing known
        (r"µ-drone", None),  # outside what a start may hold, at once
    ],
)
def test_starts_read_from_the_pattern(pattern: str, want: tuple[str, ...] | None) -> None:
    got = Prefiltered(re.compile(pattern, re.IGNORECASE)).starts
    assert got == (tuple(sorted(want)) if want is not None else None)


def test_case_is_kept_when_the_pattern_keeps_it() -> None:
    pre = Prefiltered(re.compile(r"\bAl-Qaïda|\bDrone"))
    assert pre.starts == ("Al-Qaïda", "Drone")
    assert _found(pre, "une drone") == [] and _found(pre, "un Drone") == [(3, 8)]


def test_a_case_twin_in_the_text_is_searched() -> None:
    pre = Prefiltered(re.compile(r"\bstrikes?\b", re.IGNORECASE))
    assert _found(pre, "air ſtrike") == _spans(pre.pattern, "air ſtrike") == [(4, 10)]
    assert _found(pre, "air STRİKE") == _spans(pre.pattern, "air STRİKE")


def test_event_words_are_those_of_the_plain_patterns() -> None:
    """Every sentence of the seeds and test articles, as written and in other cases: the same matches;
    and most patterns are skipped in most sentences, or the prefilter proves nothing."""
    assert all(pre.starts for pre in TRIGGERS)
    searched = skipped = 0
    for path in ARTICLES:
        for sentence in article_sentences(read_article(path)):
            for text in (sentence.text, sentence.text.upper(), sentence.text.swapcase()):
                for pre in TRIGGERS:
                    assert _found(pre, text) == _spans(pre.pattern, text)
                    searched += 1
                    skipped += not pre.may_match(text, text.lower())
    assert skipped > searched / 2


_LETTERS = "".join(sorted({c for pre in TRIGGERS for s in pre.starts or () for c in s + s.upper()}))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*(s for pre in TRIGGERS for s in pre.starts or ()), " ", "-", "’"]), max_size=8),
       st.text(alphabet=_LETTERS + "İıſK \n", max_size=12))
def test_event_words_in_made_up_texts(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    for variant in (text, text.upper(), text.title()):
        for pre in TRIGGERS:
            assert _found(pre, variant) == _spans(pre.pattern, variant)


def test_a_start_is_found_as_the_plain_test_of_each_finds_it() -> None:
    """``may_match`` (one search of the starts' alternation) says what testing each start in the text says."""
    from geomap.extract import casualties

    pres = [*TRIGGERS, *(p for g in casualties._GRAMMARS.values() for p in (*g.killed, *g.injured, g.none))]
    pres.append(Prefiltered(re.compile(r"\bAl-Qaïda|\bDrone|\b[.*]x")))  # case kept; starts to escape
    assert pres[-1].starts == ("*x", ".x", "Al-Qaïda", "Drone")
    for path in ARTICLES:
        for sentence in article_sentences(read_article(path)):
            for text in (sentence.text, sentence.text.upper(), "[.*]x Drone"):
                lowered = text.lower()
                for pre in pres:
                    assert pre.starts is not None
                    plain = (
                        any(s in lowered for s in pre.starts) or not CASE_TWINS.isdisjoint(text)
                        if pre.ignore_case
                        else any(s in text for s in pre.starts)
                    )
                    assert pre.may_match(text, lowered) == plain


def test_one_pass_finds_every_start_a_plain_test_finds() -> None:
    """The scanner's starts of a text (all prefilters' at once, in one pass per case) are those that the
    text holds, tested one by one: on every sentence, in other cases, and on made-up texts where starts
    overlap, share a position or are prefixes of each other."""
    scanner = starts._Scanner()
    words = ("raid", "raids", "rai", "aid", "frappe", "frappé", "s'est", "s’est", "*x", ".x")
    scanner.add(words, ignore_case=True)
    scanner.add(("Al-", "Al-Qaïda", "Drone", "Dr"), ignore_case=False)
    from geomap.extract import casualties

    tolls = [p for g in casualties._GRAMMARS.values() for p in (*g.killed, *g.injured, g.none, g.no_injured)]
    for pre in [*TRIGGERS, *tolls]:
        assert pre.starts is not None
        scanner.add(pre.starts, ignore_case=pre.ignore_case)
    folded, kept = scanner._starts[True], scanner._starts[False]
    texts = ["raids aériens", "Les raids, frappés", "s’est fait *x .x", "Al-Qaïda Drone Dr", "ſtrike İ", ""]
    texts += [s.text for path in ARTICLES for s in article_sentences(read_article(path))]
    for text in texts:
        for variant in (text, text.upper(), text.swapcase()):
            found = scanner.found(variant, variant.lower())
            assert found.folded == _everywhere(folded, variant.lower())
            assert found.kept == _everywhere(kept, variant)
            assert found.twin == (not CASE_TWINS.isdisjoint(variant))


def _everywhere(starts: set[str], text: str) -> dict[str, list[int]]:
    """Each of ``starts`` the text holds, with every position where it is (overlapping ones too)."""
    found = {s: [k for k in range(len(text)) if text.startswith(s, k)] for s in starts}
    return {s: at for s, at in found.items() if at}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ra", "raid", "rai", "aid", "idé", "d", " ", "’", "é"]), max_size=10))
def test_one_pass_finds_overlapping_starts(parts: list[str]) -> None:
    scanner = starts._Scanner()
    scanner.add(("ra", "raid", "rai", "aid", "idé", "d’é"), ignore_case=True)
    text = "".join(parts)
    assert scanner.found(text, text.lower()).folded == _everywhere(scanner._starts[True], text.lower())


def test_every_prefilter_of_the_rules_finds_what_its_pattern_finds() -> None:
    """Every prefiltered pattern the rules hold (event words, tolls, dates, groups, claims, what makes a
    sentence no report), on every sentence of the seeds and test articles as written and in other cases."""
    import gc

    from geomap.extract import pipeline  # noqa: F401  (every rule imported)

    pres = [o for o in gc.get_objects() if isinstance(o, Prefiltered)]
    assert len(pres) > 50
    skipped = 0
    for path in ARTICLES:
        for sentence in article_sentences(read_article(path)):
            for text in (sentence.text, sentence.text.upper(), sentence.text.swapcase()):
                lowered = text.lower()
                for pre in pres:
                    assert _found(pre, text) == _spans(pre.pattern, text)
                    plain = pre.pattern.search(text)
                    got = pre.search(text, lowered)
                    assert (plain and plain.span()) == (got and got.span())
                    skipped += not pre.may_match(text, lowered)
    assert skipped > 0


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"airaid|raid", "an airaid and a raid, raids"),  # a start inside another: "raid" in "airaid"
        (r"\bab|b\w", "ab abb bab b"),  # overlapping starts; a match after the last one ends
        (r"(?<!x)frappes?|\bfrap", "xfrappe frappes frap frappe"),  # look-behind before the start
        (r"\baa", "aaaa aa"),
    ],
)
def test_a_pattern_tried_only_where_its_starts_are_finds_what_finditer_finds(pattern: str, text: str) -> None:
    for flags in (0, re.IGNORECASE):
        pre = Prefiltered(re.compile(pattern, flags))
        assert pre._at is not None
        for variant in (text, text.upper(), text + " İ"):
            assert _found(pre, variant) == _spans(pre.pattern, variant)
            got, want = pre.search(variant, variant.lower()), pre.pattern.search(variant)
            assert (got and got.span()) == (want and want.span())
