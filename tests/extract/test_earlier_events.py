"""An earlier event told after the story's: its own clause, its own type and toll, its own day."""

from __future__ import annotations

import pytest

from geomap.extract.pipeline import Extractor
from tests.support import article


def _found(extractor: Extractor, body: str, lang: str) -> dict[str, tuple[str, str | None, int | None]]:
    found = extractor.extract(article(body, lang=lang, published="2019-01-27")).incidents
    return {i.place.canonical: (i.event_type, i.date, i.fatalities) for i in found}


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Au moins dix soldats maliens ont été tués samedi lors d'une attaque contre le camp militaire de "
            "Soumpi. Deux jours plus tôt, l'explosion d'une mine avait tué 27 civils à Boni, et une attaque "
            "avait visé Youwarou le même jour.",
            "fr",
        ),
        (
            "At least ten Malian soldiers were killed on Saturday in an attack on the army camp at Soumpi. Two "
            "days earlier, a landmine had killed 27 civilians in Boni, and an attack targeted Youwarou the same "
            "day.",
            "en",
        ),
    ],
)
def test_a_new_subject_after_a_comma_and_and_starts_its_own_clause(
    extractor: Extractor, body: str, lang: str
) -> None:
    found = _found(extractor, body, lang)
    # The mine is Boni's, with its toll; the attack is Youwarou's, with none; both two days before Saturday.
    assert found["Boni"] == ("ied", "2019-01-24", 27)
    assert found["Youwarou"][0] != "ied"
    assert found["Youwarou"][1:] == ("2019-01-24", None)
    assert found["Soumpi"] == ("armed_clash", "2019-01-26", 10)


@pytest.mark.parametrize(
    ("body", "lang", "date"),
    [
        (
            "Des hommes armés ont attaqué vendredi la ville de Djibo. Trois jours plus tôt, un engin explosif "
            "avait tué deux soldats près d'Arbinda.",
            "fr",
            "2019-01-22",
        ),
        (
            "Gunmen attacked the town of Djibo on Friday. Three days earlier, a roadside bomb killed two "
            "soldiers near Arbinda.",
            "en",
            "2019-01-22",
        ),
        # "Two days before the vote" is no count back from the story's day: the sentence keeps the story's.
        (
            "Gunmen attacked the town of Djibo on Friday. Two days before the vote, a roadside bomb killed "
            "two soldiers near Arbinda.",
            "en",
            None,
        ),
    ],
)
def test_days_earlier_count_back_from_the_storys_day(
    extractor: Extractor, body: str, lang: str, date: str | None
) -> None:
    found = _found(extractor, body, lang)
    assert found["Djibo"][1] == "2019-01-25"
    assert found["Aribinda"][1] == date


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Le 10 novembre, au moins huit personnes ont été tuées dans une explosion à Soulouk. Huit jours "
            "plus tôt, 13 personnes avaient péri dans l'explosion d'une voiture piégée sur un marché de Tal "
            "Abyad.",
            "fr",
        ),
        (
            "On November 10, at least eight people were killed in a blast in Suluk. Eight days earlier, a "
            "car bomb had killed 13 people at a market in Tal Abyad.",
            "en",
        ),
    ],
)
def test_days_earlier_than_a_day_whose_year_is_unknown(extractor: Extractor, body: str, lang: str) -> None:
    # An article with no publication date: the days count back within the year the text does not give.
    found = extractor.extract(article(body, lang=lang, published=None)).incidents
    dates = sorted((i.date, i.date_precision) for i in found)
    assert dates == [("--11-02", "month_day"), ("--11-10", "month_day")]
