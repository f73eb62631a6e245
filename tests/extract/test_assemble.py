"""One article's incidents: places, types, dates and claims together."""

from __future__ import annotations

import pytest

from geomap.extract.pipeline import Extractor
from geomap.places.gazetteer import Gazetteer
from geomap.settings import Extraction, Settings
from tests.support import article


@pytest.fixture(scope="module")
def extractor(gazetteer: Gazetteer) -> Extractor:
    no_ner = Settings(extraction=Extraction(use_ner=False))
    return Extractor(settings=no_ner, gazetteer=gazetteer)


def test_article_dates_types_and_claims(extractor: Extractor) -> None:
    body = (
        "Irak : trois attaques contre des convois\n"
        "Un engin explosif a visé mercredi un convoi près de Nassiriya.\n"
        "L'attaque a été revendiquée par le groupe Ashab al-Kahf.\n"
        "Le même jour, des roquettes ont été tirées contre la base d'Aïn al-Asad.\n"
        "Le mois dernier, un drone avait visé l'aéroport d'Erbil."
    )
    found = extractor.extract(article(body, lang="fr", published="2021-05-27")).incidents
    by_place = {i.place.canonical: i for i in found}
    assert set(by_place) == {"Nasiriyah", "Al Asad Air Base", "Erbil International Airport"}
    nasiriyah = by_place["Nasiriyah"]
    assert (nasiriyah.event_type, nasiriyah.date, nasiriyah.actor) == ("ied", "2021-05-26", "Ashab al-Kahf")
    assert (by_place["Al Asad Air Base"].event_type, by_place["Al Asad Air Base"].date) == (
        "shelling",
        "2021-05-26",
    )
    erbil = by_place["Erbil International Airport"]
    assert (erbil.event_type, erbil.date, erbil.date_precision) == ("air_drone_strike", "2021-04", "month")


def test_the_next_sentence_may_date_the_event(extractor: Extractor) -> None:
    body = (
        "Une frappe de drone a visé un véhicule dans la région de Sinjar.\n"
        "La frappe a eu lieu le dimanche 5 février 2023 en fin d'après-midi."
    )
    (sinjar,) = extractor.extract(article(body, lang="fr")).incidents
    assert (sinjar.place.canonical, sinjar.date) == ("Sinjār", "2023-02-05")


def test_a_date_of_another_noun_does_not_date_the_event(extractor: Extractor) -> None:
    body = "L'aéroport d'Alep, ouvert après le séisme du 6 février, avait été visé par des frappes en septembre 2022."
    (aleppo,) = extractor.extract(article(body, lang="fr")).incidents
    assert aleppo.date == "2022-09"


def test_headline_province_folds_into_the_event_it_announces(extractor: Extractor) -> None:
    body = (
        "Rockets Hit Iraqi Air Base Hosting Coalition Troops in Anbar\n"
        "At least 10 rockets struck the Ain al-Asad air base on Wednesday morning, the coalition said."
    )
    (only,) = extractor.extract(article(body, lang="en", published="2021-03-03")).incidents
    assert only.place.gazetteer_id == "icao:ORAA"
    assert (only.event_type, only.date, len(only.sources), len(only.quotes)) == ("shelling", "2021-03-03", 1, 2)


def test_a_bearing_from_a_town_folds_into_the_event_on_that_side(extractor: Extractor) -> None:
    body = (
        "Deux soldats tués dans une attaque à la roquette au nord de Bagdad\n"
        "Quinze roquettes se sont abattues mercredi soir sur la base de Taji, au nord de Bagdad."
    )
    (taji,) = extractor.extract(article(body, lang="fr", published="2020-03-12")).incidents
    assert taji.place.gazetteer_id == "icao:ORTI"
    assert (taji.date, len(taji.sources), len(taji.quotes)) == ("2020-03-11", 1, 2)


def test_a_place_the_sentence_puts_in_a_country_is_found_there(extractor: Extractor) -> None:
    body = "Turkish drones struck targets in Asos and Hakurk in northern Iraq on Sunday, the ministry said."
    found = extractor.extract(article(body, lang="en", published="2022-11-21")).incidents
    assert all(i.place.country == "IQ" for i in found)


def test_a_misread_place_far_from_the_region_is_no_incident(extractor: Extractor) -> None:
    body = "Irak : roquettes sur Bagdad\nUne autre roquette est tombée sur la rive du Tigre, sans faire de victimes."
    found = extractor.extract(article(body, lang="fr", published="2020-01-27")).incidents
    assert all(i.place.country in ("IQ", "SY") for i in found)


def test_a_period_start_is_no_event_day(extractor: Extractor) -> None:
    body = "Les affrontements à Hajin ont fait au moins 90 morts depuis le 27 août, selon l'OSDH."
    (hajin,) = extractor.extract(article(body, lang="fr", published="2023-09-01")).incidents
    assert hajin.date is None


def test_ner_names_get_their_qualifier_and_cue(gazetteer: Gazetteer) -> None:
    # "Sokhné" is spelled "As Sukhnah" in the gazetteer: only the NER finds it, then the resolver.
    ner = Extractor(settings=Settings(), gazetteer=gazetteer)
    body = (
        "Le même jour, des combattants de l'EI ont attaqué un poste de l'armée près de la localité de Sokhné, "
        "dans la province de Homs, sans faire de victimes."
    )
    (sokhne,) = ner.extract(article(body, lang="fr")).incidents
    assert sokhne.place.canonical == "As Sukhnah"
