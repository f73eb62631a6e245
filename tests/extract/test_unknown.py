"""Names the gazetteer does not know: the places that only hold them, and the sentences they place."""

from __future__ import annotations

import pytest

from geomap.extract.unknown import holds_unknown_place, names_unknown_place, unknown_sites
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import GazetteerResolver
from geomap.records import Sentence
from tests.support import located


@pytest.mark.parametrize(
    ("sentence", "holder", "holds"),
    [
        ("Rockets landed on the outskirts of Prde town in Kirkuk.", "Kirkuk", True),
        ("Une attaque a visé le camp de Fatoma dans la région de Mopti.", "Mopti", True),
        # A known town in it is weighed elsewhere (locate.event_locations); a district "of" a city is in it.
        ("A strike hit Dibis town in Kirkuk.", "Kirkuk", False),
        ("A strike hit the Nemyshlianskyi district of Kharkiv.", "Kharkiv", False),
        # A country's adjective before the province is no name: no "Yem" followed by "en".
        ("Reports citing eyewitnesses in the Yemeni province of Hajja tell of an airstrike.", "Hajja", False),
        ("Des témoins dans la province yéménite de Hajja ont fait état d'une frappe.", "Hajja", False),
        # A word that opens the sentence is no name: "Enfin," "Finally,".
        ("Enfin, dans la province de Wardak, trois soldats ont été tués.", "Wardak", False),
        ("Finally, in the province of Wardak, three soldiers were killed.", "Wardak", False),
        ("Separately, in the province of Wardak, three soldiers were killed.", "Wardak", False),
    ],
)
def test_a_place_after_a_name_the_gazetteer_lacks_only_holds_it(
    sentence: str, holder: str, holds: bool, gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    places = located(sentence, gazetteer, resolver)
    (loc,) = [p for p in places if p.mention.text == holder]
    assert holds_unknown_place(loc, places) is holds


@pytest.mark.parametrize(
    ("sentence", "lang", "unknown"),
    [
        ("The ministry reported two dead in an Israeli strike on Deir Billa.", "en", True),
        ("Deux morts dans une frappe à Fatoma.", "fr", True),
        # A day, a group, a known place: no name the gazetteer lacks.
        ("Two people were killed on Monday in Kirkuk.", "en", False),
        ("Two soldiers were killed in Al-Shabaab attacks.", "en", False),
    ],
)
def test_a_sentence_that_places_its_event_at_a_name_the_gazetteer_lacks(
    sentence: str, lang: str, unknown: bool, gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert names_unknown_place(Sentence.lone(sentence), located(sentence, gazetteer, resolver), lang=lang) is unknown


@pytest.mark.parametrize(
    ("sentence", "sites"),
    [
        ("Des avions militaires ont mené six raids sur le village de Hass, contre une école.", ["Hass"]),
        ("Militants attacked the government-held town of Kashkool early Friday.", ["Kashkool"]),
        ("Sunday's attack hit the villages of Cabia, Wanbila, and Loudji in the Tillaberi region.", ["Cabia"]),
        ("The blast occurred in the Maarshurin town of rebel-held Idlib.", ["Maarshurin"]),
        ("IS militants attacked an army base in the rugged area of Mteibijah late on Tuesday.", ["Mteibijah"]),
        # A known town, an article or a day before the kind: no place the gazetteer lacks.
        ("Rockets hit the town of Kirkuk.", []),
        ("The city of Mosul was calm on Monday.", []),
        ("The attack took place on Monday in the village.", []),
        # A qualifier is no name: the state holds an unnamed town, not a town called "Etat".
        ("Des hommes armés ont attaqué une ville de l'Etat de Kaduna.", []),
    ],
)
def test_populated_places_named_as_such_that_the_gazetteer_lacks(
    sentence: str, sites: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert unknown_sites(Sentence.lone(sentence), located(sentence, gazetteer, resolver)) == sites
