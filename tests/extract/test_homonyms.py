"""Which places vouch for the article's others (not the town of its dateline, nor a seat), and which of a
name's places is the story's."""

from __future__ import annotations

import pytest

from geomap.extract.homonyms import is_dateline, story_anchors
from geomap.extract.mentions import find_mentions
from geomap.extract.pipeline import Extractor
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import GazetteerResolver
from geomap.records import Sentence
from tests.support import article, located


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


@pytest.mark.parametrize(
    ("sentence", "name", "anchor"),
    [
        # Where the reporter or a speaker is vouches for nothing near it.
        ("La frappe a visé une voiture, rapporte notre correspondant à Beyrouth.", "Beyrouth", False),
        ("An analyst in Beirut said the strike hit a car.", "Beirut", False),
        ("Une frappe a visé une voiture à Beyrouth.", "Beyrouth", True),
    ],
)
def test_a_seat_is_no_anchor_of_the_story(
    sentence: str, name: str, anchor: bool, gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    found = located(sentence, gazetteer, resolver)
    places = {loc.place.gazetteer_id for loc in found if loc.mention.text == name}
    anchors = story_anchors({0: found}, about={"LB"})
    assert bool(places & {a.gazetteer_id for a in anchors}) is anchor


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Deux personnes ont été tuées samedi dans une frappe de drone dans le sud du Liban.\n"
            "Une autre frappe a visé plus tôt les environs de la localité d'Ainata.",
            "fr",
        ),
        (
            "Two people were killed on Saturday in a drone strike in southern Lebanon.\n"
            "Another strike hit the outskirts of the village of Ainata earlier.",
            "en",
        ),
    ],
)
def test_a_homonym_in_the_part_of_the_country_the_story_names(
    extractor: Extractor, body: str, lang: str
) -> None:
    # Lebanon has an Ainata in the Bekaa (the likelier name) and an Aynata in the south.
    (found,) = extractor.extract(article(body, lang=lang, published="2025-02-16")).incidents
    assert found.place.canonical == "Aynata" and found.lat < 33.5


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # The city holds no district of its own: the province the article named does, and contains the event.
        ("In Kunduz, fighters attacked a police post in the district of Dasht-e-Archi.", ["Dasht-e Archī"]),
        # A town named alone, in a sentence of nothing else, stays the town.
        ("In Kunduz, a bomb exploded in a market, killing two.", ["Kunduz", "Kunduz"]),
    ],
)
def test_a_town_named_like_the_province_named_before_is_that_province_beside_its_places(
    extractor: Extractor, second: str, expected: list[str]
) -> None:
    body = (
        "Attacks in Afghanistan\nGunmen attacked a checkpoint in the northern province of Kunduz on Monday, "
        "killing five soldiers. " + second
    )
    found = extractor.extract(article(body, lang="en", published="2024-03-06")).incidents
    assert sorted(i.place.canonical for i in found) == expected


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # The headline's "Idleb" is the province the body names: it holds Saraqeb, no second event.
        (
            "Neuf civils tués dans des frappes aériennes sur Idleb\nNeuf civils ont été tués dimanche dans "
            "des raids aériens sur la province d'Idleb. Les frappes ont fait cinq morts dans le village "
            "d'Al-Malaja, situé dans le sud d'Idleb, tandis que quatre civils ont péri dans des raids sur "
            "Saraqeb.",
            None,
            [("Saraqib", "locality")],
        ),
        # ...but the town, when the body names the town as such.
        (
            "Deux blessés dans une frappe sur Idleb\nUne frappe a visé un immeuble à l'entrée de Idleb "
            "dimanche, faisant deux blessés. L'armée affirme avoir visé un commandement dans la province "
            "d'Idleb.",
            "2024-03-04",
            [("Idlib", "locality")],
        ),
    ],
)
def test_a_headline_names_the_province_the_body_names_alike(
    extractor: Extractor, body: str, published: str | None, expected: list[tuple[str, str]]
) -> None:
    found = extractor.extract(article(body, lang="fr", published=published)).incidents
    assert [(i.place.canonical, i.place.precision) for i in found] == expected
