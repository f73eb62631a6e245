"""Nationality adjectives as clues to an article's countries (geomap/extract/peoples.py)."""

from __future__ import annotations

import pytest

from geomap.extract.mentions import find_mentions
from geomap.extract.peoples import country_of_kind, peoples_countries
from geomap.extract.pipeline import Extractor
from geomap.places.gazetteer import Gazetteer
from geomap.records import Sentence
from tests.support import article


def test_each_people_names_its_country_once_in_order_of_appearance() -> None:
    texts = [
        "Deux soldats maliens et un civil burkinabè ont été tués.",
        "Iranian-backed militias fired on SOMALI troops; another Malian soldier died.",
        "Les Turcs et une patrouille russe.",
    ]
    assert peoples_countries(texts) == ["ML", "BF", "IR", "SO", "TR", "RU"]


@pytest.mark.parametrize("text", ["Russell Street", "Turkey and Iraq", "la Somalie", "Malianland", "irakienneté"])
def test_a_word_that_only_begins_like_a_people_names_no_country(text: str) -> None:
    assert peoples_countries([text]) == []


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        # "Boni" is also a name of Bonn to the gazetteer: one Malian town against one German city, the people
        # named tips the article to Mali, and the camp is the Malian village.
        (
            "Un soldat malien a succombé à ses blessures après l'attaque de lundi contre le camp de Boni. Deux "
            "soldats ont été tués dans une embuscade près de Douentza mardi.",
            "fr",
        ),
        (
            "A Malian soldier died of his wounds after Monday's attack on the camp at Boni. Two soldiers were "
            "killed in an ambush near Douentza on Tuesday.",
            "en",
        ),
    ],
)
def test_the_people_named_tips_the_article_to_its_country(extractor: Extractor, body: str, lang: str) -> None:
    found = extractor.extract(article(body, lang=lang, published="2024-03-05")).incidents
    assert sorted((i.place.canonical, i.place.country) for i in found) == [("Boni", "ML"), ("Douentza", "ML")]


def test_an_attackers_people_does_not_outvote_the_places_attacked(extractor: Extractor) -> None:
    body = (
        "Des drones russes ont frappé lundi Kharkiv et Soumy, a indiqué l'armée ukrainienne. Moscou affirme "
        "avoir visé des sites militaires; un responsable russe a parlé de frappes russes de représailles."
    )
    found = extractor.extract(article(body, lang="fr", published="2024-03-05")).incidents
    assert {i.place.country for i in found} == {"UA"}
    assert len(found) == 2


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Militants attacked the Malian town of Boni on Thursday.", "Boni", "ML"),
        ("Une attaque a visé la ville malienne de Boni jeudi.", "Boni", "ML"),
        ("A car bomb went off in the Syrian border town of Tal Abyad.", "Tal Abyad", "SY"),
        # Who holds a place is no country it lies in; nor is an attacker's people before the attack.
        ("A drone struck the Russian-occupied town of Oleshky.", "Oleshky", None),
        ("Russian shelling hit the town of Oleshky.", "Oleshky", None),
        ("Malian troops entered Boni.", "Boni", None),
    ],
)
def test_a_people_before_the_kind_of_place_names_its_country(
    sentence: str, name: str, country: str | None, gazetteer: Gazetteer
) -> None:
    (mention,) = [m for m in find_mentions(Sentence.lone(sentence), gazetteer=gazetteer) if m.text == name]
    assert country_of_kind(mention) == country


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("Seven soldiers were killed when militants attacked the Malian town of Boni on Thursday.", "en"),
        ("Sept soldats ont été tués jeudi dans une attaque contre la ville malienne de Boni.", "fr"),
    ],
)
def test_the_malian_town_of_boni_is_in_mali(extractor: Extractor, body: str, lang: str) -> None:
    # Bonn outweighs Boni for a lone name; the people before "town" says where it lies, as "Boni, Mali" would.
    found = extractor.extract(article(body, lang=lang, published="2024-06-06")).incidents
    assert [(i.place.canonical, i.place.country) for i in found] == [("Boni", "ML")]
