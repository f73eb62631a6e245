"""Which places vouch for the article's others: not the town of its dateline."""

from __future__ import annotations

import pytest

from geomap.extract.homonyms import is_dateline
from geomap.extract.mentions import find_mentions
from geomap.places.gazetteer import Gazetteer
from geomap.records import Sentence


@pytest.mark.parametrize(
    ("sentence", "name", "dateline"),
    [
        ("(Beyrouth) Un média officiel libanais a annoncé trois morts.", "Beyrouth", True),
        ("KABUL, Afghanistan (AP) — Taliban insurgents attacked a checkpoint.", "KABUL", True),
        ("MOGADISHU, Somalia – At least 21 militants were killed.", "MOGADISHU", True),
        ("BEIRUT (Reuters) - An Israeli strike hit a car.", "BEIRUT", True),
        # A town that opens a sentence as its subject, or named after its first words, is no dateline.
        ("Kabul, the capital, was hit by rockets on Monday.", "Kabul", False),
        ("Mosul was shelled overnight.", "Mosul", False),
        ("Rockets hit Beirut - the capital - on Monday.", "Beirut", False),
    ],
)
def test_a_dateline_is_the_town_a_story_opens_with(
    sentence: str, name: str, dateline: bool, gazetteer: Gazetteer
) -> None:
    (mention,) = [m for m in find_mentions(Sentence.lone(sentence), gazetteer=gazetteer) if m.text == name]
    assert is_dateline(mention) is dateline
