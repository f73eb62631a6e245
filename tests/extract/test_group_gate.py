"""The group names of a sentence, searched only where one of their first words is: the same spans as the
plain pattern; and the starts of every prefiltered pattern, read with long alternations cut short, the same."""

from __future__ import annotations

import re

import pytest

from geomap.extract import casualties, events, mentions, starts
from geomap.extract.starts import Prefiltered
from tests.extract.test_date_gates import PATTERNS as DATE_PATTERNS
from tests.extract.test_date_gates import SENTENCES


def test_group_names_are_found_as_the_plain_pattern_finds_them() -> None:
    assert mentions._GROUPS.starts is not None
    searched = skipped = 0
    texts = [*SENTENCES, "Hashd al-Chaabi", "la mer Rouge", "THE RED SEA", "l’État islamique", "Daech", "aqmi"]
    for sentence in texts:
        for text in (sentence, sentence.upper(), sentence.swapcase()):
            assert mentions._group_spans(text) == [m.span() for m in mentions._GROUP_NAMES.finditer(text)]
            searched += 1
            skipped += not mentions._GROUPS.may_match(text, text.lower())
    assert skipped > searched / 2


def _every_prefiltered() -> list[Prefiltered]:
    grammars = casualties._GRAMMARS.values()
    return [
        *(p for _tier, _kind, p in events._TRIGGERS),
        *(p for g in grammars for p in (*g.killed, *g.injured, g.none)),
        *DATE_PATTERNS,
        mentions._GROUPS,
    ]


def test_cutting_long_starts_short_changes_no_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """What was read before (every start of every branch kept) is what is read now, where it could be read."""
    now = {id(p): starts._starts(starts._unwrapped(p.pattern)) for p in _every_prefiltered()}
    monkeypatch.setattr(starts, "_shortest", lambda found: found)
    for pre in _every_prefiltered():
        before = starts._starts(starts._unwrapped(pre.pattern))
        assert before is None or before == now[id(pre)], pre.pattern.pattern
    assert before is None  # the group names: too many starts without the cut
    assert starts._starts(re.compile(r"\bal-(?:qaida|qaeda)|\bal-|\bjnim", re.I)) == ("al-", "jnim")


@pytest.mark.parametrize(
    ("found", "want"),
    [
        (["al-qaida", "al-", "jnim", "al-"], ["al-", "jnim"]),
        (["b", "ab", "a"], ["a", "b"]),
        (["Al-", "al-x"], ["Al-", "al-x"]),  # case counts here; _starts lowers afterwards
        ([], []),
    ],
)
def test_shortest(found: list[str], want: list[str]) -> None:
    assert starts._shortest(found) == want
