"""Which dates of a sentence date its event (geomap/extract/when.py)."""

from __future__ import annotations

import pytest

from geomap.extract.pipeline import Extractor
from tests.support import article


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "A bomb exploded at an army checkpoint in Mogadishu on Thursday, killing six people. There has been "
            "an uptick in attacks in Mogadishu as the country elects a new government, with the presidential "
            "vote due on December 28.",
            "en",
        ),
        (
            "Une bombe a explosé jeudi à un poste de contrôle à Mogadiscio, tuant six personnes. Les attaques se "
            "multiplient à Mogadiscio avant le scrutin présidentiel prévu le 28 décembre.",
            "fr",
        ),
    ],
)
def test_a_day_to_come_dates_no_event(extractor: Extractor, body: str, lang: str) -> None:
    # Undated, the growing number of attacks is a trend, not a second event on a 28 December.
    found = extractor.extract(article(body, lang=lang, published="2016-12-15")).incidents
    assert [(i.place.canonical, i.date) for i in found] == [("Mogadishu", "2016-12-15")]


def test_a_day_after_the_verb_of_the_event_still_dates_it(extractor: Extractor) -> None:
    body = "Rockets expected by the garrison struck the base near Mosul on December 12, killing two soldiers."
    (found,) = extractor.extract(article(body, lang="en", published="2016-12-15")).incidents
    assert found.date == "2016-12-12"
