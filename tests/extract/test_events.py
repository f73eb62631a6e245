"""The event vocabulary: types, what is no event, claims."""

from __future__ import annotations

import pytest

from geomap.extract.events import claimed_by, event_type, event_type_at, is_reported_event
from geomap.records import EventType


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Des roquettes Katioucha se sont abattues sur la base.", "shelling"),
        ("Three mortar rounds landed inside the compound.", "shelling"),
        ("Une frappe de drone a visé un véhicule.", "air_drone_strike"),
        ("U.S. warplanes carried out air strikes overnight.", "air_drone_strike"),
        ("Israeli missiles struck the airport.", "air_drone_strike"),  # the strike verb says air-launched
        ("Un engin explosif a visé un convoi logistique.", "ied"),
        ("A roadside bomb exploded as the convoy passed.", "ied"),
        ("Un double attentat-suicide a fait 32 morts.", "ied"),
        ("De violents affrontements ont éclaté entre les FDS et des tribus.", "armed_clash"),
        ("Heavy fighting and gunfights were reported overnight.", "armed_clash"),
        ("Le convoi a été pris pour cible.", "attack"),
        ("Gunmen opened fire on a police patrol.", "attack"),
        ("Il s'agit de l'attentat le plus meurtrier depuis trois ans.", "attack"),
    ],
)
def test_event_type_by_vocabulary(sentence: str, kind: EventType) -> None:
    assert event_type(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Les deux pays ont convenu de former des groupes de travail.",
        "The talks will resume in Washington next month.",
        "Workers went on a general strike in Basra.",
    ],
)
def test_sentences_without_violence_have_no_type(sentence: str) -> None:
    assert event_type(sentence) is None


def test_each_place_takes_the_weapon_named_nearest_it() -> None:
    sentence = "The attack came a week after U.S. air strikes in Syria, in retaliation for a rocket attack on Erbil airport."
    assert event_type_at(sentence, sentence.index("Syria")) == "air_drone_strike"
    assert event_type_at(sentence, sentence.index("Erbil")) == "shelling"


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        ("Les factions menacent de frapper les bases américaines.", False),
        ("The militia vowed to attack U.S. forces in Iraq.", False),
        ("Ankara mène régulièrement des frappes dans la région de Makhmour.", False),
        ("M. Hussein a condamné les attaques contre les missions diplomatiques à Bagdad.", False),
        ("Des roquettes ont visé la base de Balad.", True),
    ],
)
def test_threats_habits_and_condemnations_in_general_are_no_events(sentence: str, reported: bool) -> None:
    assert is_reported_event(sentence, dated=False) is reported


def test_a_dated_habit_is_an_event() -> None:
    assert is_reported_event("The base, often targeted, was hit by three rockets on Tuesday.", dated=True)


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Le groupe Qasim al-Jabarin a revendiqué l'attaque.", "Qasim al-Jabarin"),
        (
            "L'attaque a été revendiquée par le groupe Ashab al-Kahf, une faction pro-iranienne.",
            "Ashab al-Kahf",
        ),
        ("Islamic State claimed responsibility for the attack.", "Islamic State"),
        ("No group claimed the attack.", None),
    ],
)
def test_claims(sentence: str, actor: str | None) -> None:
    assert claimed_by(sentence) == actor


@pytest.mark.parametrize(
    ("sentence", "place", "kind"),
    [
        ("An explosion struck a weapons depot near Balad air base on Tuesday.", "Balad", "ied"),
        # The casualties do not name the weapon: the rocket strikes do.
        (
            "It was the latest of several rocket strikes on bases, including one that hit Baghdad airport "
            "and wounded several soldiers.",
            "Baghdad",
            "shelling",
        ),
        (
            "Israeli missiles struck Damascus International Airport early on Monday.",
            "Damascus",
            "air_drone_strike",
        ),
    ],
)
def test_the_weapon_not_the_verb_or_the_toll_names_the_event(
    sentence: str, place: str, kind: EventType
) -> None:
    assert event_type_at(sentence, sentence.index(place)) == kind
