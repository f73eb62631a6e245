"""Places given by a distance and a bearing from a named place (geomap/extract/offsets.py)."""

from __future__ import annotations

import pytest

from geomap.extract import offsets
from geomap.extract.mentions import find_mentions
from geomap.extract.offsets import displaced, measured_km
from geomap.extract.pipeline import Extractor
from geomap.geo import haversine_km
from geomap.places.gazetteer import Gazetteer
from geomap.records import Sentence
from tests.support import article, place, places_found

_BAGHDAD = place("geonames:98182", 33.3406, 44.4009, admin1="Baghdad")


def test_a_point_far_off_its_town_keeps_no_province() -> None:
    # "about 70 miles northeast of Baghdad" lies in Diyala: no province is better than Baghdad's.
    far = displaced(_BAGHDAD, 113.0, 45.0)
    assert (far.precision, far.admin1, far.country) == ("approximate", "", "IQ")
    assert round(haversine_km(_BAGHDAD.lat, _BAGHDAD.lon, far.lat, far.lon)) == 113
    # A few kilometres off, it is still the town's.
    assert displaced(_BAGHDAD, 5.0, 90.0).admin1 == "Baghdad"


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Coalition air strikes killed 105 rebels on Monday in Al-Kassara, 30 km northwest of Marib, in Yemen.",
            "en",
        ),
        (
            "Au Yémen, des frappes de la coalition ont tué lundi 20 rebelles à Al-Kassara (30 km au nord-ouest de "
            "Marib).",
            "fr",
        ),
    ],
)
def test_a_place_far_from_where_its_measure_puts_it_is_a_homonym(extractor: Extractor, body: str, lang: str) -> None:
    # The gazetteer's "Al-Kassara" is Kassala, a city of Sudan: the sentence puts the village 30 km from Marib.
    (found,) = extractor.extract(article(body, lang=lang, published="2021-10-11")).incidents
    assert found.place.country == "YE"
    assert found.place.precision == "approximate"
    marib = (15.4629, 45.3254)
    assert 20 < haversine_km(*marib, found.lat, found.lon) < 40


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "In Somalia, two people were wounded on Monday by a roadside bomb in Afgoye town of Lower "
            "Shabelle region, about 30km south of the capital Mogadishu.",
            "en",
        ),
        (
            "In Somalia, a roadside bomb wounded two people on Monday in Afgoye, 30 km northwest of "
            "Mogadishu.",
            "en",
        ),
        (
            "En Somalie, une bombe a blessé lundi deux personnes à Afgoye, à 30 km au nord-ouest de la "
            "capitale Mogadiscio.",
            "fr",
        ),
    ],
)
def test_a_known_town_measured_from_another_is_the_one_place(
    extractor: Extractor, body: str, lang: str
) -> None:
    # The distance only says where Afgoye lies: no second event 30 km from the capital, "the capital" or not.
    found = extractor.extract(article(body, lang=lang, published="2022-05-30")).incidents
    assert [(i.place.canonical, i.place.precision) for i in found] == [("Afgooye", "locality")]


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Rockets hit a base 25 km north of the Iraqi capital Baghdad on Monday.", "en"),
        ("Des roquettes ont frappé lundi une base à 25 km au nord de la capitale irakienne Bagdad.", "fr"),
    ],
)
def test_a_distance_from_the_capital_named_as_such_is_a_measure(
    extractor: Extractor, body: str, lang: str
) -> None:
    (found,) = extractor.extract(article(body, lang=lang, published="2022-05-30")).incidents
    assert found.place.precision == "approximate"
    assert 20 < haversine_km(*(33.3406, 44.4009), found.lat, found.lon) < 30


@pytest.mark.parametrize(
    ("sentence", "km"),
    [
        ("Une attaque a eu lieu à une vingtaine de kilomètres de Kongoussi.", 20.0),
        ("The attack took place some twenty kilometres from Kongoussi.", 20.0),
        ("The village lies 4 km (2.5 miles) from Bosso.", 4.0),
        ("Rockets hit a base 25 km north of Baghdad.", 25.0),
        ("Rockets hit a base near Baghdad.", None),
    ],
)
def test_a_distance_is_read_in_digits_or_in_words(
    sentence: str, km: float | None, gazetteer: Gazetteer
) -> None:
    *_, last = find_mentions(Sentence.lone(sentence), gazetteer=gazetteer)
    assert measured_km(last) == km


def test_a_homonym_far_from_the_town_a_village_is_measured_from_is_no_place(extractor: Extractor) -> None:
    # The gazetteer's Komsilga lies 120 km from Kongoussi, not "une vingtaine de kilomètres": a homonym of a
    # village it lacks, told after what the village is. The attack is near Kongoussi.
    body = (
        "Attaque au Burkina\nSamedi, huit personnes ont été tuées lors d'une attaque à Komsilga, un "
        "village de la commune de Zimtanga, à une vingtaine de kilomètres de Kongoussi."
    )
    assert places_found(extractor, body, lang="fr", published="2024-09-29") == ["Kongoussi"]


def test_a_village_the_gazetteer_lacks_a_few_km_from_a_town_happened_at_the_town(
    extractor: Extractor,
) -> None:
    # Farther off, the town is only a landmark (see the unknown place's landmark tests).
    body = (
        "Niger attack\nSix people were killed last month in the village of Yebi, 4 km (2.5 miles) from "
        "Bosso, in an attack blamed on Boko Haram."
    )
    assert places_found(extractor, body, lang="en", published="2016-06-04") == ["Bosso"]


@pytest.mark.parametrize(
    "measure",
    [
        "40 nautical miles south-east of ",
        "some 60 NM off the port of ",
        "à 30 km au nord de ",
        "à une vingtaine de kilomètres de ",
        "à 60 milles marins au large de ",
        "4 KILOMETRES (2.5 miles) from ",
    ],
)
def test_every_measure_names_a_unit_the_gate_knows(measure: str) -> None:
    # The measure patterns are searched only in sentences that name a unit (offsets._names_a_unit): each
    # match they find must hold one.
    text = "A strike hit a village " + measure
    assert offsets._OFFSET.search(text) or offsets._SEAWARD.search(text)
    assert offsets._names_a_unit(text)
    assert not offsets._names_a_unit("A strike hit a village near the town of")

