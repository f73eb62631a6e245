"""Which sentences report incidents, where, what and when; and when two reports are one event."""

from __future__ import annotations

import pytest

from geomap.gazetteer import Gazetteer
from geomap.incidents import (
    Located,
    claimed_by,
    event_locations,
    event_type,
    event_type_at,
    fold_vague_reports,
    is_event_location,
    is_reported_event,
    merge_incidents,
)
from geomap.pipeline import Extractor
from geomap.records import Article, EventType, Incident, Resolution, Source
from geomap.resolve import Context, GazetteerResolver
from geomap.toponyms import find_mentions

REGION = Context(countries=("IQ", "SY"))


@pytest.fixture(scope="module")
def extractor(gazetteer: Gazetteer) -> Extractor:
    return Extractor(gazetteer=gazetteer, use_ner=False)


def located(sentence: str, gazetteer: Gazetteer, resolver: GazetteerResolver) -> list[Located]:
    out = []
    for m in find_mentions(sentence, gazetteer=gazetteer):
        context = Context(countries=REGION.countries, hint=m.hint, within=(m.within,) if m.within else ())
        place = resolver.resolve(m.qualified_text if m.hint else m.text, context=context)
        if place is not None:
            out.append(Located(mention=m, place=place))
    return out


def locations(sentence: str, gazetteer: Gazetteer, resolver: GazetteerResolver) -> list[str]:
    """The names the sentence gives as where something happened."""
    return [loc.mention.text for loc in event_locations(located(sentence, gazetteer, resolver))]


def article(body: str, *, lang: str, published: str | None = None, file: str = "a.txt") -> Article:
    return Article(
        id=file,
        file=file,
        title=body.split("\n", 1)[0],
        outlet=None,
        url=None,
        published=published,
        lang=lang,
        body=body,
    )


# Event types ----------------------------------------------------------------------------------------------


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


# Locative or not -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jeudi, un convoi a été pris pour cible à Babylone.", ["Babylone"]),
        ("Rockets struck the Ain al-Asad air base in Iraq's western Anbar province.", ["Ain al-Asad"]),
        (
            "A car bomb exploded outside a checkpoint at the entrance of the northern city of Mosul.",
            ["Mosul"],
        ),
        ("The SDF regained control of al-Busayrah after fierce fighting.", ["al-Busayrah"]),
        ("Rockets targeted Erbil International Airport late Monday.", ["Erbil International Airport"]),
    ],
)
def test_places_introduced_as_locations(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Lors d'une conférence de presse à Bagdad, il a condamné l'attaque.",
        "Kirby told reporters in Washington that a contractor died during the attack.",
        "In a speech in Tehran, a spokesman denied any role in attacks on U.S. forces.",
        "Selon l'OSDH, une ONG basée à Londres, les affrontements ont fait 90 morts.",
        "Deux drones ont été abattus, a précisé un responsable américain à Washington.",
        "Le secrétaire d'État a déclaré depuis la Floride que ces frappes étaient une réponse.",
        "Les roquettes ont été tirées depuis un camion abandonné dans la région de Rashidiya.",
        "Ces attaques interviennent dans un contexte de tensions liées à la guerre à Gaza.",
    ],
)
def test_venues_seats_origins_and_backgrounds_are_no_locations(
    sentence: str, gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == []


def test_countries_and_containers_are_no_locations(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = "Un convoi a été visé à al-Yusifiyah dans la province de Bagdad, en Irak."
    all_found = located(sentence, gazetteer, resolver)
    assert {loc.mention.text for loc in all_found} >= {"al-Yusifiyah", "Bagdad", "Irak"}
    assert [loc.mention.text for loc in all_found if is_event_location(loc.mention, loc.place)] == [
        "al-Yusifiyah"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A bearing from a town only says where the place is.
        ("Gunmen opened fire on a patrol in the town of Tarmiyah, north of Baghdad.", ["Tarmiyah"]),
        (
            "Des combattants ont été tués dans la localité d'al-Kasrah, à l'ouest de Deir ez-Zor.",
            ["al-Kasrah"],
        ),
        ("Rockets hit Balad air base, north of Baghdad, as well as Camp Taji.", ["Balad", "Camp Taji"]),
        # A province after a town is where the town is.
        ("A roadside bomb struck a patrol near the town of Hit in western Anbar.", ["Hit"]),
        # The ends of a road are not where the bomb went off.
        (
            "Un engin explosif a visé un convoi sur l'autoroute reliant Bagdad à Hilla, près de la ville d'al-Mahawil.",
            ["al-Mahawil"],
        ),
    ],
)
def test_landmarks_holders_and_road_ends_are_no_locations(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


def test_two_places_of_a_list_are_both_locations(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = (
        "The strikes hit three sites near the town of al-Qaim and two in eastern Syria near Albu Kamal."
    )
    assert locations(sentence, gazetteer, resolver) == ["al-Qaim", "Albu Kamal"]


# Articles: places, types and dates together ------------------------------------------------------------------


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
    assert (only.event_type, only.date, len(only.sources)) == ("shelling", "2021-03-03", 2)


# Merging ---------------------------------------------------------------------------------------------------


def _place(gid: str, lat: float, lon: float, precision: str = "locality", admin1: str = "") -> Resolution:
    return Resolution(
        query=gid,
        canonical=gid,
        gazetteer_id=gid,
        lat=lat,
        lon=lon,
        precision=precision,  # type: ignore[arg-type]
        country="IQ",
        admin1=admin1,
        source="gazetteer",
        score=1.0,
        extent_km=60.0 if precision == "admin1" else 0.0,
    )


def _incident(
    article_id: str,
    place: Resolution,
    *,
    kind: EventType = "shelling",
    date: str | None = None,
    quote: str = "",
    title: str = "Title",
) -> Incident:
    source = Source(
        article_id=article_id,
        file=f"{article_id}.txt",
        title=title,
        outlet=None,
        url=None,
        published=None,
        quote=quote or f"{kind} at {place.canonical} on {date}",
        place_text=place.canonical,
    )
    return Incident(
        id=f"{article_id}-{place.gazetteer_id}-{date}-{quote}",
        event_type=kind,
        date=date,
        date_precision="day" if date else "unknown",
        place_text=place.canonical,
        place=place,
        sources=(source,),
    )


AIRPORT = _place("icao:ORBI", 33.262, 44.235, "point")
BAGHDAD = _place("geonames:98182", 33.34, 44.40)
ANBAR = _place("geonames:99592", 33.42, 43.31, "admin1", admin1="Al Anbār")
HIT = _place("geonames:95788", 33.637, 42.828, admin1="Al Anbār")
QAIM = _place("geonames:92138", 34.39, 40.99)
ALBU_KAMAL = _place("geonames:174448", 34.452, 40.919)


def test_the_same_event_in_two_articles_is_one_incident_with_two_sources() -> None:
    french = _incident("fr", AIRPORT, kind="air_drone_strike", date="2020-01-03")
    english = _incident("en", AIRPORT, kind="air_drone_strike", date=None)
    (merged,) = merge_incidents([french, english])
    assert {s.article_id for s in merged.sources} == {"fr", "en"}
    assert merged.date == "2020-01-03"


def test_an_attack_and_a_strike_nearby_the_same_day_are_one_event() -> None:
    # The airport and the town 17 km away: too far. The airport and a report 2 km from it: one event.
    near = _place("curated:victory", 33.292, 44.247, "point")
    a = _incident("a", AIRPORT, kind="attack", date="2020-01-03")
    b = _incident("b", near, kind="shelling", date="2020-01-03")
    c = _incident("c", BAGHDAD, kind="shelling", date="2020-01-03")
    merged = merge_incidents([a, b, c])
    assert len(merged) == 2
    assert {len(i.sources) for i in merged} == {2, 1}


def test_different_days_or_types_stay_apart() -> None:
    assert (
        len(
            merge_incidents(
                [_incident("a", AIRPORT, date="2020-01-03"), _incident("b", AIRPORT, date="2020-01-05")]
            )
        )
        == 2
    )
    assert (
        len(
            merge_incidents(
                [_incident("a", AIRPORT, kind="ied"), _incident("b", AIRPORT, kind="armed_clash")]
            )
        )
        == 2
    )


def test_two_places_named_apart_in_one_sentence_are_two_events() -> None:
    quote = "The strikes hit sites near al-Qaim and near Albu Kamal."
    qaim = _incident("a", QAIM, kind="air_drone_strike", date="2019-12-29", quote=quote)
    albu_kamal = _incident("a", ALBU_KAMAL, kind="air_drone_strike", date="2019-12-29", quote=quote)
    assert len(merge_incidents([qaim, albu_kamal])) == 2
    # The same two places, told in two articles, are still one event each.
    assert len(merge_incidents([qaim, albu_kamal, _incident("b", QAIM, kind="air_drone_strike")])) == 2


def test_a_province_with_unknown_dates_does_not_swallow_distinct_events() -> None:
    sunday = _incident("a", ANBAR, kind="attack", date="2022-12-18", quote="Sunday")
    tuesday = _incident("a", ANBAR, kind="attack", date="2022-12-20", quote="Tuesday")
    vague = _incident("a", ANBAR, kind="attack", date=None, quote="Attacks in Anbar")
    merged = fold_vague_reports(merge_incidents([sunday, tuesday, vague]))
    dates = sorted(i.date or "" for i in merged)
    assert dates == ["", "2022-12-18", "2022-12-20"]
    # Across articles, two undated reports of a province are not one event either.
    assert len(merge_incidents([_incident("a", ANBAR), _incident("b", ANBAR)])) == 2


def test_an_undated_province_joins_the_only_dated_event_there() -> None:
    dated = _incident("a", ANBAR, kind="attack", date="2022-12-20", quote="Tuesday")
    vague = _incident("a", ANBAR, kind="attack", quote="Attacks in Anbar")
    (merged,) = fold_vague_reports(merge_incidents([dated, vague]))
    assert merged.date == "2022-12-20" and len(merged.sources) == 2


def test_headline_province_joins_the_first_event_inside_it() -> None:
    headline = _incident(
        "a", ANBAR, kind="ied", quote="Bomb kills soldiers in Anbar", title="Bomb kills soldiers in Anbar"
    )
    body = _incident(
        "a", HIT, kind="ied", date="2022-12-19", quote="A roadside bomb struck a patrol near Hit."
    )
    elsewhere = _incident(
        "a", BAGHDAD, kind="ied", date="2022-12-19", quote="Another bomb went off in Baghdad."
    )
    merged = fold_vague_reports(
        merge_incidents([headline, body, elsewhere]), body="A roadside bomb struck a patrol near Hit."
    )
    assert len(merged) == 2
    hit = next(i for i in merged if i.place.gazetteer_id == HIT.gazetteer_id)
    assert len(hit.sources) == 2


# More of what news writes --------------------------------------------------------------------------------


def test_a_bearing_from_a_town_folds_into_the_event_on_that_side(extractor: Extractor) -> None:
    body = (
        "Deux soldats tués dans une attaque à la roquette au nord de Bagdad\n"
        "Quinze roquettes se sont abattues mercredi soir sur la base de Taji, au nord de Bagdad."
    )
    (taji,) = extractor.extract(article(body, lang="fr", published="2020-03-12")).incidents
    assert taji.place.gazetteer_id == "icao:ORTI"
    assert (taji.date, len(taji.sources)) == ("2020-03-11", 2)


def test_inside_a_town_is_no_bearing(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = "Une frappe de drone a tué un commandant dans l'est de Bagdad."
    assert locations(sentence, gazetteer, resolver) == ["Bagdad"]


def test_a_place_the_sentence_puts_in_a_country_is_found_there(extractor: Extractor) -> None:
    body = "Turkish drones struck targets in Asos and Hakurk in northern Iraq on Sunday, the ministry said."
    found = extractor.extract(article(body, lang="en", published="2022-11-21")).incidents
    assert all(i.place.country == "IQ" for i in found)


def test_a_misread_place_far_from_the_region_is_no_incident(extractor: Extractor) -> None:
    body = "Irak : roquettes sur Bagdad\nUne autre roquette est tombée sur la rive du Tigre, sans faire de victimes."
    found = extractor.extract(article(body, lang="fr", published="2020-01-27")).incidents
    assert all(i.place.country in ("IQ", "SY") for i in found)


def test_a_spot_of_a_town_is_in_the_town(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = "Une bombe artisanale a explosé sur un marché de Samawa, tuant cinq personnes."
    assert locations(sentence, gazetteer, resolver) == ["Samawa"]


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


def test_a_period_start_is_no_event_day(extractor: Extractor) -> None:
    body = "Les affrontements à Hajin ont fait au moins 90 morts depuis le 27 août, selon l'OSDH."
    (hajin,) = extractor.extract(article(body, lang="fr", published="2023-09-01")).incidents
    assert hajin.date is None


def test_ner_names_get_their_qualifier_and_cue(gazetteer: Gazetteer) -> None:
    # "Sokhné" is spelled "As Sukhnah" in the gazetteer: only the NER finds it, then the resolver.
    ner = Extractor(gazetteer=gazetteer)
    body = (
        "Le même jour, des combattants de l'EI ont attaqué un poste de l'armée près de la localité de Sokhné, "
        "dans la province de Homs, sans faire de victimes."
    )
    (sokhne,) = ner.extract(article(body, lang="fr")).incidents
    assert sokhne.place.canonical == "As Sukhnah"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "said" before the event is no venue: the place is the bomb's.
        ("Police said a bomb exploded in Ramadi on Monday, killing two.", ["Ramadi"]),
        ("Two officials were killed in Ramadi when a bomb went off.", ["Ramadi"]),
        ("Security officials in Anbar said three rockets hit Ain al-Asad.", ["Ain al-Asad"]),
    ],
)
def test_speech_and_seats_only_right_before_the_place(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


def test_grid_merge_equals_a_scan_of_every_event() -> None:
    """merge_incidents compares a report only with events in neighbouring cells: same result as a full scan."""
    import random

    from geomap import incidents as inc_mod
    from geomap.records import Incident as Inc
    from geomap.records import Resolution as Res
    from geomap.records import Source as Src

    rnd = random.Random(7)
    reports = []
    for k in range(600):
        lat, lon = 33 + rnd.random() * 2, 42 + rnd.random() * 2
        if rnd.random() < 0.4:
            lat, lon = round(lat, 1), round(lon, 1)  # many reports at the same places
        place = Res(
            query="x",
            canonical="x",
            gazetteer_id=f"g:{lat:.2f},{lon:.2f}",
            lat=lat,
            lon=lon,
            precision=rnd.choice(["point", "locality", "admin1"]),
            country="IQ",
            admin1="",
            source="gazetteer",
            score=1.0,
        )
        article = f"a{rnd.randrange(200)}"
        src = Src(
            article_id=article,
            file=article,
            title="t",
            outlet=None,
            url=None,
            published=None,
            quote=f"q{rnd.randrange(4)}",
            place_text="x",
        )
        date = rnd.choice([None, "2021-04-05", "2021-04", "2021-04-06"])
        reports.append(
            Inc(
                id=f"{k:05d}",
                event_type=rnd.choice(["attack", "shelling", "air_drone_strike"]),
                date=date,
                date_precision="unknown" if date is None else "day" if len(date) == 10 else "month",
                place_text="x",
                place=place,
                sources=(src,),
            )
        )
    scanned: list[Inc] = []
    for report in sorted(reports, key=lambda i: (i.optional, i.id)):
        for k, event in enumerate(scanned):
            if (inc_mod.same_event(event, report) or inc_mod._same_article_missiles(event, report)) and not (
                inc_mod._same_article_distinct(event, report)
            ):
                scanned[k] = inc_mod._merge(event, report)
                break
        else:
            scanned.append(report)
    merged = inc_mod.merge_incidents(reports)
    assert len(merged) < len(reports)  # the data does merge
    assert merged == sorted(scanned, key=lambda i: i.id)
