"""When two reports are one event: within an article and across articles."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geomap.merge import Merger
from geomap.records import Incident
from geomap.settings import Settings
from tests.support import incident, place

MERGER = Merger(settings=Settings())
merge_incidents = MERGER.merge_incidents
fold_vague_reports = MERGER.fold_vague_reports

AIRPORT = place("icao:ORBI", 33.262, 44.235, "point")
BAGHDAD = place("geonames:98182", 33.34, 44.40)
ANBAR = place("geonames:99592", 33.42, 43.31, "admin1", admin1="Al Anbār")
HIT = place("geonames:95788", 33.637, 42.828, admin1="Al Anbār")
RAMADI = place("geonames:91534", 33.42, 43.28, admin1="Al Anbār")
QAIM = place("geonames:92138", 34.39, 40.99)
ALBU_KAMAL = place("geonames:174448", 34.452, 40.919)


def test_the_same_event_in_two_articles_is_one_incident_with_two_sources() -> None:
    french = incident("fr", AIRPORT, kind="air_drone_strike", date="2020-01-03")
    english = incident("en", AIRPORT, kind="air_drone_strike", date=None)
    (merged,) = merge_incidents([french, english])
    assert {s.article_id for s in merged.sources} == {"fr", "en"}
    assert merged.date == "2020-01-03"


def test_an_attack_and_a_strike_nearby_the_same_day_are_one_event() -> None:
    # The airport and the town 17 km away: too far. The airport and a report 2 km from it: one event.
    near = place("curated:victory", 33.292, 44.247, "point")
    a = incident("a", AIRPORT, kind="attack", date="2020-01-03")
    b = incident("b", near, kind="shelling", date="2020-01-03")
    c = incident("c", BAGHDAD, kind="shelling", date="2020-01-03")
    merged = merge_incidents([a, b, c])
    assert len(merged) == 2
    assert {len(i.sources) for i in merged} == {2, 1}


@pytest.mark.parametrize(
    "another",
    [
        "In another explosion in the city of Baghdad on Sunday, at least six people were wounded.",
        "Another car bomb went off in Baghdad, killing two.",
        "Dans une autre explosion à Bagdad dimanche, six personnes ont été blessées.",
        "Une deuxième voiture piégée a explosé à Bagdad, tuant deux personnes.",
    ],
)
def test_a_report_told_as_another_event_at_the_same_place_stays_apart(another: str) -> None:
    # One article, one town, no dates: told as another explosion, it is another event...
    first = incident("a", BAGHDAD, kind="ied", quote="A bomb killed one person at a market in Baghdad.", start=0)
    retold = incident("a", BAGHDAD, kind="ied", quote="The blast happened at the market in Baghdad.", start=60)
    other = incident("a", BAGHDAD, kind="ied", quote=another, start=120)
    merged = merge_incidents([first, retold, other])
    assert len(merged) == 2
    assert [[q for _, q in i.quotes] for i in merged if another in [q for _, q in i.quotes]] == [[another]]
    # ...while another article's report of it may still join either.
    assert len(merge_incidents([first, incident("b", BAGHDAD, kind="ied", quote=another)])) == 1


def test_different_days_or_types_stay_apart() -> None:
    assert (
        len(
            merge_incidents(
                [incident("a", AIRPORT, date="2020-01-03"), incident("b", AIRPORT, date="2020-01-05")]
            )
        )
        == 2
    )
    assert (
        len(
            merge_incidents(
                [incident("a", AIRPORT, kind="ied"), incident("b", AIRPORT, kind="armed_clash")]
            )
        )
        == 2
    )


def test_one_articles_strike_and_shelling_at_one_place_are_one_event_unless_their_tolls_differ() -> None:
    # "Missile strikes on Baghdad" and "the missiles hit Baghdad": one event told two ways...
    strike = incident("a", BAGHDAD, kind="air_drone_strike", quote="Missile strikes on Baghdad killed three.")
    missiles = incident("a", BAGHDAD, kind="shelling", quote="The missiles hit Baghdad.")
    assert len(merge_incidents([replace(strike, fatalities=3), missiles])) == 1
    # ...but "rockets killed 14" and "warplanes killed 65" in one town are two.
    rockets = replace(missiles, fatalities=14)
    assert len(merge_incidents([replace(strike, fatalities=65), rockets])) == 2


def test_two_places_named_apart_in_one_sentence_are_two_events() -> None:
    quote = "The strikes hit sites near al-Qaim and near Albu Kamal."
    qaim = incident("a", QAIM, kind="air_drone_strike", date="2019-12-29", quote=quote)
    albu_kamal = incident("a", ALBU_KAMAL, kind="air_drone_strike", date="2019-12-29", quote=quote)
    assert len(merge_incidents([qaim, albu_kamal])) == 2
    # The same two places, told in two articles, are still one event each.
    assert len(merge_incidents([qaim, albu_kamal, incident("b", QAIM, kind="air_drone_strike")])) == 2


def test_a_province_with_unknown_dates_does_not_swallow_distinct_events() -> None:
    sunday = incident("a", ANBAR, kind="attack", date="2022-12-18", quote="Sunday")
    tuesday = incident("a", ANBAR, kind="attack", date="2022-12-20", quote="Tuesday")
    vague = incident("a", ANBAR, kind="attack", date=None, quote="Attacks in Anbar")
    merged = fold_vague_reports(merge_incidents([sunday, tuesday, vague]))
    dates = sorted(i.date or "" for i in merged)
    assert dates == ["", "2022-12-18", "2022-12-20"]
    # Across articles, two undated reports of a province are not one event either.
    assert len(merge_incidents([incident("a", ANBAR), incident("b", ANBAR)])) == 2


def test_a_place_given_by_a_bearing_does_not_join_an_event_the_article_tells_apart() -> None:
    # "...at a fake checkpoint west of Baquba": Baghdad lies west of Baquba, but "Meanwhile in Baghdad, ..."
    # is told as another event, and keeps its own toll.
    baquba = replace(place("geonames:98860", 33.75, 44.64), canonical="Baqubah")
    quote = "Militants killed three people at a fake checkpoint west of Baquba."
    west = incident("a", baquba, kind="ied", date="2011-08-28", quote=quote)
    west = replace(west, sources=tuple(replace(s, bearing="w") for s in west.sources))
    apart = "Meanwhile in Baghdad, three people were wounded by two roadside bombs."
    baghdad = incident("a", BAGHDAD, kind="ied", date="2011-08-28", quote=apart, start=200)
    assert len(fold_vague_reports(merge_incidents([west, baghdad]))) == 2
    # Not told apart, the event on that side is the one the bearing gives.
    same = incident("a", BAGHDAD, kind="ied", date="2011-08-28", quote="A bomb went off in Baghdad.", start=200)
    assert len(fold_vague_reports(merge_incidents([west, same]))) == 1


def test_an_undated_province_joins_the_only_dated_event_there() -> None:
    dated = incident("a", ANBAR, kind="attack", date="2022-12-20", quote="Tuesday")
    vague = incident("a", ANBAR, kind="attack", quote="Attacks in Anbar")
    (merged,) = fold_vague_reports(merge_incidents([dated, vague]))
    assert merged.date == "2022-12-20" and len(merged.sources) == 1 and len(merged.quotes) == 2


def test_an_undated_province_and_its_namesake_town_are_one_event() -> None:
    # "Aircraft bombed homes in Khost and Paktika provinces ... two women were killed in Khost": the
    # article names the province, then its capital of the same name, without saying which.
    province = replace(place("geonames:1444362", 33.33, 69.95, "admin1", admin1="Khowst"), canonical="Khōst")
    town = replace(place("geonames:1444363", 33.34, 69.92, admin1="Khowst"), canonical="Khōst")
    strikes = incident("a", province, kind="air_drone_strike", quote="Aircraft bombed homes in Khost province.")
    killed = incident("a", town, kind="attack", quote="Two women were killed in Khost.", start=45)
    (merged,) = fold_vague_reports(merge_incidents([strikes, killed]))
    assert merged.place == town and merged.event_type == "air_drone_strike" and len(merged.quotes) == 2
    # Another town of the province is another event.
    other = replace(place("geonames:1", 33.5, 70.1, admin1="Khowst"), canonical="Sabari")
    elsewhere = incident("a", other, kind="attack", quote="Two women were killed in Sabari.", start=45)
    assert len(fold_vague_reports(merge_incidents([strikes, elsewhere]))) == 2


def test_an_undated_town_joins_the_lone_event_in_its_namesake_province() -> None:
    # "Bomb blast kills three in Khost" over "a bomb explosion in Khost province on Monday".
    province = replace(place("geonames:1444362", 33.33, 69.95, "admin1", admin1="Khowst"), canonical="Khōst")
    town = replace(place("geonames:1444363", 33.34, 69.92, admin1="Khowst"), canonical="Khōst")
    body = incident("a", province, kind="ied", date="2020-03-02", quote="A bomb exploded in Khost province.", start=40)
    headline = incident("a", town, kind="ied", quote="Bomb blast kills three in Khost", title="Bomb blast kills three in Khost")
    (merged,) = fold_vague_reports(merge_incidents([body, headline]))
    assert merged.place == province and merged.date == "2020-03-02" and len(merged.quotes) == 2


def test_a_headline_town_named_after_its_province_is_where_its_toll_was_told() -> None:
    # "ISIS attack kills two soldiers in Kirkuk" over "killed two soldiers in northern Kirkuk province" and "the
    # two officers were killed at an army outpost in Dibis district": one event, at Dibis.
    title = "ISIS attack kills two soldiers in Kirkuk"
    province = replace(place("geonames:94823", 35.5, 44.2, "admin1", admin1="Kirkūk"), canonical="Kirkūk")
    town = replace(place("geonames:94824", 35.468, 44.392, admin1="Kirkūk"), canonical="Kirkuk")
    dibis = replace(place("geonames:97", 35.675, 44.071, admin1="Kirkūk"), canonical="Dibis")
    reports = [
        replace(incident("a", town, kind="armed_clash", quote=title, title=title), fatalities=2),
        replace(incident("a", province, kind="armed_clash", quote="Two soldiers killed in Kirkuk province.", start=20), fatalities=2),
        replace(incident("a", dibis, kind="armed_clash", quote="The two were killed in Dibis.", start=80), fatalities=2),
    ]
    for order in (reports, reports[::-1]):
        (merged,) = fold_vague_reports(merge_incidents(order))
        assert merged.place == dibis and len(merged.quotes) == 3
    # Another toll elsewhere in the province is another event.
    other = replace(reports[2], fatalities=5)
    assert len(fold_vague_reports(merge_incidents([reports[0], other]))) == 2


def test_a_headline_town_is_the_one_event_of_its_toll_the_body_places_elsewhere_in_the_country() -> None:
    # "4 Iraqi soldiers killed in Baghdad car bomb" over "four soldiers were killed when a car bomb exploded
    # in As-Sadiyeh" (in Diyala, 100 km off): the headline names the body's event by a town it knows.
    title = "4 Iraqi soldiers killed in Baghdad car bomb"
    baghdad = replace(place("geonames:98182", 33.34, 44.40, admin1="Baghdad"), canonical="Baghdad")
    sadiyah = replace(place("geonames:91", 34.19, 45.12, admin1="Diyala"), canonical="Saadiyah")
    headline = replace(incident("a", baghdad, kind="ied", quote=title, title=title), fatalities=4)
    quote = "A car bomb killed four in As-Sadiyeh."
    body = replace(incident("a", sadiyah, kind="ied", quote=quote, start=90), fatalities=4)
    for order in ([headline, body], [body, headline]):
        (merged,) = fold_vague_reports(merge_incidents(order))
        assert merged.place == sadiyah and len(merged.quotes) == 2
    # Another toll, or another country, is another event.
    assert len(fold_vague_reports(merge_incidents([headline, replace(body, fatalities=3)]))) == 2
    abroad = replace(body, place=replace(sadiyah, country="SY"))
    assert len(fold_vague_reports(merge_incidents([headline, abroad]))) == 2
    # ...and so is an attack, which names no weapon: it may be another's ("killed in an attack by gunmen").
    assert len(fold_vague_reports(merge_incidents([headline, replace(body, event_type="attack")]))) == 2


def test_an_undated_province_whose_dead_are_those_told_inside_it_is_their_sum() -> None:
    # "Four people were killed in shelling in the Donetsk region" over one dead in A, one in B, two in C.
    region = replace(place("geonames:709716", 48.0, 37.8, "admin1", admin1="Donetska oblast"), canonical="Donetsk")
    lede = replace(incident("a", region, quote="Four people were killed in the Donetsk region.", start=0), fatalities=4)
    towns = [
        replace(incident("a", place(f"geonames:{k}", lat, lon), quote=f"{dead} killed in town {k}.", start=50 + k), fatalities=dead)
        for k, (lat, lon, dead) in enumerate([(48.1, 37.7, 1), (48.2, 37.9, 1), (47.9, 37.6, 2)])
    ]
    found = fold_vague_reports(merge_incidents([lede, *towns]))
    assert sorted(i.fatalities or 0 for i in found) == [1, 1, 2]
    # Another toll is an event of its own there.
    assert len(fold_vague_reports(merge_incidents([replace(lede, fatalities=6), *towns]))) == 4


def test_headline_province_joins_the_first_event_inside_it() -> None:
    headline = incident(
        "a", ANBAR, kind="ied", quote="Bomb kills soldiers in Anbar", title="Bomb kills soldiers in Anbar"
    )
    body = incident(
        "a", HIT, kind="ied", date="2022-12-19", quote="A roadside bomb struck a patrol near Hit.", start=30
    )
    elsewhere = incident(
        "a", BAGHDAD, kind="ied", date="2022-12-19", quote="Another bomb went off in Baghdad.", start=72
    )
    merged = fold_vague_reports(merge_incidents([headline, body, elsewhere]))
    assert len(merged) == 2
    hit = next(i for i in merged if i.place.gazetteer_id == HIT.gazetteer_id)
    assert len(hit.sources) == 1 and len(hit.quotes) == 2


def test_a_dated_headline_province_joins_the_first_event_inside_it_not_the_others() -> None:
    # "Guided bombs kill two in Ukraine's Kharkiv region" over "...killed in the village of Zolochiv" and
    # "...an attack on the city of Kharkiv": the headline announces the first, the second stays apart.
    headline = incident(
        "a", ANBAR, kind="ied", date="2022-12-19", quote="Bombs kill two in Anbar", title="Bombs kill two in Anbar", start=0
    )
    first = incident("a", HIT, kind="ied", date="2022-12-19", quote="A bomb struck a car near Hit.", start=30)
    second = incident(
        "a", RAMADI, kind="ied", date="2022-12-19", quote="Another bomb damaged homes in Ramadi.", start=72
    )
    merged = fold_vague_reports(merge_incidents([headline, first, second]))
    assert sorted(i.place.gazetteer_id for i in merged) == sorted([HIT.gazetteer_id, RAMADI.gazetteer_id])
    hit = next(i for i in merged if i.place.gazetteer_id == HIT.gazetteer_id)
    assert len(hit.quotes) == 2
    # In the body, the same province with two events of its day and type told inside it after is their sum
    # ("Russian strikes on the Donetsk region killed four... two in Kostiantynivka... two in Kramatorsk"):
    # no third event, and neither takes its toll.
    body = replace(headline, sources=tuple(replace(s, title="Another title", start=5) for s in headline.sources))
    summed = fold_vague_reports(merge_incidents([replace(body, fatalities=4), first, second]))
    assert sorted(i.place.gazetteer_id for i in summed) == sorted([HIT.gazetteer_id, RAMADI.gazetteer_id])
    assert all(i.fatalities is None for i in summed)
    # Told before them, or of another type, it is an event of its own.
    later = replace(body, sources=tuple(replace(s, start=90) for s in body.sources))
    assert len(fold_vague_reports(merge_incidents([later, first, second]))) == 3
    assert len(fold_vague_reports(merge_incidents([replace(body, event_type="armed_clash"), first, second]))) == 3
    # ...unless its toll is one of theirs: "Russia attacked the Kharkiv region..., killing two people".
    tolled = fold_vague_reports(merge_incidents([replace(body, fatalities=2), replace(first, fatalities=2), second]))
    assert sorted(i.place.gazetteer_id for i in tolled) == sorted([HIT.gazetteer_id, RAMADI.gazetteer_id])


def test_a_dated_province_joins_the_one_site_inside_it_told_before_or_after() -> None:
    # "Irak : des roquettes tirées sur la base d'Aïn al-Assad" (the headline), then "Des roquettes ont été
    # tirées mercredi sur une base aérienne dans la province d'Anbar": the base, not a second event.
    al_asad = place("curated:base", 33.60, 42.95, "point", admin1="Al Anbār")  # within ANBAR's extent
    site = incident(
        "a", al_asad, kind="shelling", date="2021-03-03", quote="Des roquettes sur la base d'Aïn al-Assad", start=0
    )
    province = incident(
        "a", ANBAR, kind="shelling", date="2021-03-03", quote="Des roquettes sur une base dans la province d'Anbar.", start=60
    )
    (merged,) = fold_vague_reports(merge_incidents([site, province]))
    assert merged.place.gazetteer_id == al_asad.gazetteer_id
    assert len(merged.quotes) == 2
    # Two sites there: which one the province tells is unknown, and it stays apart.
    airport = place("icao:ORAT", 33.44, 43.60, "point", admin1="Al Anbār")
    other = incident("a", airport, kind="shelling", date="2021-03-03", quote="Rockets hit Al Taqaddum.", start=20)
    assert len(fold_vague_reports(merge_incidents([site, other, province]))) == 3
    # A site of another day or type is another event.
    assert len(fold_vague_reports(merge_incidents([replace(site, event_type="ied"), province]))) == 2


def test_a_headline_town_joins_its_province_spelt_otherwise_and_named_twice() -> None:
    # "Drone attack kills PKK commander in Erbil" over "...in northern Erbil province on Thursday" (GeoNames
    # spells the governorate Arbīl) and an undated "the province" told again later.
    province = replace(place("geonames:95445", 36.3, 44.0, "admin1", admin1="Arbīl"), canonical="Arbīl")
    town = replace(place("geonames:95446", 36.19, 44.01, admin1="Arbīl"), canonical="Erbil")
    headline = incident("a", town, kind="air_drone_strike", quote="Drone attack kills commander in Erbil", start=0)
    lede = incident("a", province, kind="air_drone_strike", date="2024-08-29", quote="in northern Erbil province", start=60)
    again = incident("a", province, kind="air_drone_strike", quote="Drones often strike the province.", start=200)
    merged = fold_vague_reports(merge_incidents([headline, lede, again]))
    assert [(i.place.gazetteer_id, i.date) for i in merged] == [("geonames:95445", "2024-08-29")]


def test_grid_merge_equals_a_scan_of_every_event() -> None:
    """merge_incidents compares a report only with events in neighbouring cells: same result as a full scan."""
    import random

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
    merged = merge_incidents(reports)
    assert len(merged) < len(reports)  # the data does merge
    assert merged == _scan_merge(reports)


def test_an_explosion_and_a_suicide_bombing_at_one_place_one_day_are_one_bombing() -> None:
    blast = incident("a", BAGHDAD, kind="ied", date="2021-01-21", quote="An explosion hit a market.")
    bombing = incident("b", BAGHDAD, kind="suicide_bomb", date="2021-01-21", quote="Two suicide bombers...")
    (merged,) = merge_incidents([blast, bombing])
    assert merged.event_type == "suicide_bomb" and len(merged.sources) == 2
    rockets = incident("c", BAGHDAD, kind="shelling", date="2021-01-21", quote="Rockets fell on Baghdad.")
    assert len(merge_incidents([blast, rockets])) == 2


def test_an_article_is_one_source_of_an_incident_with_its_quotes_in_reading_order() -> None:
    headline = incident("a", AIRPORT, date="2020-01-03", quote="Rockets hit Baghdad airport", start=0)
    body = incident("a", AIRPORT, date="2020-01-03", quote="Three rockets struck the airport.", start=40)
    again = incident("a", AIRPORT, date="2020-01-03", quote="The airport was hit at dawn.", start=90)
    other = incident("b", AIRPORT, date="2020-01-03", quote="Des roquettes ont visé l'aéroport.", start=0)
    (merged,) = merge_incidents([again, other, body, headline])
    assert [s.article_id for s in merged.sources] == ["a", "b"]
    first = merged.sources[0]
    assert (first.quote, first.more_quotes) == (
        "Rockets hit Baghdad airport",
        ("Three rockets struck the airport.", "The airport was hit at dawn."),
    )


def test_two_named_sites_across_a_city_are_two_events() -> None:
    # Rockets on the embassy district and on the airport 14 km away, the same night: two events.
    embassy = place("curated:us-embassy", 33.298, 44.396, "point")
    rockets_embassy = incident("a", embassy, date="2020-01-03", quote="Rockets hit near the embassy.")
    rockets_airport = incident("b", AIRPORT, date="2020-01-03", quote="Rockets hit the airport.")
    assert len(merge_incidents([rockets_embassy, rockets_airport])) == 2
    # A base and the airport beside it (2 km): one event.
    victory = place("curated:victory", 33.275, 44.240, "point")
    assert len(merge_incidents([incident("c", victory, date="2020-01-03"), rockets_airport])) == 1


def test_two_towns_one_article_names_apart_are_two_events() -> None:
    # "A strike near Nabatieh... forces also struck Kfar Kila" (12 km apart, same day): two towns the
    # article tells apart. Across articles, the same two reports would be one event spelled two ways.
    nabatieh = place("geonames:268064", 33.378, 35.484)
    kfar_kila = place("geonames:272849", 33.283, 35.549)
    a = incident("a", nabatieh, kind="air_drone_strike", date="2024-08-17", quote="A strike near Nabatieh.")
    b = incident("a", kfar_kila, kind="air_drone_strike", date="2024-08-17", quote="They also struck Kfar Kila.")
    assert len(merge_incidents([a, b])) == 2
    assert len(merge_incidents([a, replace(b, sources=(replace(b.sources[0], article_id="b"),))])) == 1


def _published(inc: Incident, published: str | None, *, start: int | None = 0) -> Incident:
    return replace(inc, sources=tuple(replace(s, published=published, start=start) for s in inc.sources))


def test_an_event_the_text_does_not_date_takes_its_first_reports_publication_date() -> None:
    later = _published(incident("b", BAGHDAD), "2024-03-19")
    earlier = _published(incident("a", BAGHDAD), "2024-03-18")
    (event,) = MERGER.completed(merge_incidents([later, earlier]))
    assert (event.date, event.date_precision) == ("2024-03-18", "reported")
    # A date the text gives stands; a partial publication date, or only a linked article's title, gives none.
    dated = _published(incident("c", HIT, date="2024-03-10"), "2024-03-18")
    partial = _published(incident("d", QAIM), "2024-03")
    linked = _published(incident("e", ALBU_KAMAL), "2024-03-18", start=None)
    assert [(i.date, i.date_precision) for i in MERGER.completed([dated, partial, linked])] == [
        ("2024-03-10", "day"),
        (None, "unknown"),
        (None, "unknown"),
    ]


def test_an_event_whose_reports_tell_only_the_wounded_counts_no_dead() -> None:
    # "Trois civils ont été blessés à Tchornobaïvka": ACLED codes such an event with 0 fatalities. Once the
    # reports are merged, so that one article's wounded never lower another's dead.
    wounded = replace(incident("a", BAGHDAD), injured=3)
    killed = replace(incident("b", BAGHDAD), fatalities=2)
    (event,) = MERGER.completed(merge_incidents([wounded, killed]))
    assert (event.fatalities, event.injured) == (2, 3)
    (alone,) = MERGER.completed([wounded])
    assert (alone.fatalities, alone.injured) == (0, 3)
    (untold,) = MERGER.completed([incident("c", BAGHDAD)])
    assert (untold.fatalities, untold.injured) == (None, None)


@pytest.mark.parametrize(
    "quote",
    [
        "The attack in the district also wounded six other members of the security forces.",
        "Trois autres ont été blessés dans l'attaque.",
        "L'attaque a également blessé quatre policiers.",
    ],
)
def test_wounded_told_as_more_than_dead_told_elsewhere_count_no_zero_dead(quote: str) -> None:
    # Its dead were told before, in a sentence that did not name the place: not known here, and not none.
    more = replace(incident("a", BAGHDAD, quote=quote), injured=6, casualties_quote=quote)
    (event,) = MERGER.completed([more])
    assert (event.fatalities, event.injured) == (None, 6)


def _scan_merge(reports: list[Incident]) -> list[Incident]:
    """The merge as first written: each report against every event, in order, sources rebuilt each time."""
    from geomap import merge as merge_module

    scanned: list[Incident] = []
    for report in sorted(reports, key=lambda i: (i.optional, i.id)):
        for k, event in enumerate(scanned):
            if (MERGER.same_event(event, report) or MERGER._same_article_missiles(event, report)) and not (
                MERGER._same_article_distinct(event, report)
            ):
                scanned[k] = merge_module._merge(event, report)
                break
        else:
            scanned.append(report)
    return sorted(scanned, key=lambda i: i.id)


def test_indexed_merge_equals_a_scan_on_crowded_cells() -> None:
    """The index by date and type, and sources rebuilt per article, give the scan's result exactly: dates of
    every shape, every type, bearings, a sentence told twice at two offsets, reports sharing articles."""
    import random

    from geomap.records import EVENT_TYPES
    from geomap.records import Source as Src

    dates = [None, None, "2021-04-05", "2021-04", "2021", "2021-04-06", "--04-05", "--04-06", "--04", "2020-04-05"]
    places = [
        place(f"g:{n}", 33.3 + 0.05 * (n % 5), 44.3 + 0.07 * (n // 5), precision)
        for n, precision in enumerate(["point", "locality", "approximate", "admin1", "country", "locality"] * 2)
    ]
    for seed in range(6):
        rnd = random.Random(seed)
        reports = []
        for k in range(300):
            where = rnd.choice(places)
            sources = []
            for _ in range(rnd.choice([1, 1, 2, 3])):
                article = f"a{rnd.randrange(25)}"
                quotes = rnd.sample([f"q{n}" for n in range(6)], rnd.choice([1, 1, 2]))
                sources.append(
                    Src(
                        article_id=article,
                        file=f"{article}.txt",
                        title="t",
                        outlet=None,
                        url=None,
                        published=rnd.choice([None, "2021-04-01"]),
                        quote=quotes[0],
                        place_text=rnd.choice(["x", "y"]),
                        start=rnd.choice([None, 0, 10, 20]),
                        more_quotes=tuple(quotes[1:]),
                        more_starts=tuple(rnd.choice([None, 5, 30]) for _ in quotes[1:]),
                        bearing=rnd.choice([None, None, "n", "s", "e"]),
                    )
                )
            date = rnd.choice(dates)
            reports.append(
                replace(
                    incident("", where, kind=rnd.choice(EVENT_TYPES), date=date),
                    id=f"{k:04d}",
                    sources=tuple(sources),
                    optional=rnd.random() < 0.1,
                    date_precision=rnd.choice(["day", "month", "year", "month_day"]) if date else "unknown",
                    fatalities=rnd.choice([None, 1, 3]),
                )
            )
        merged, groups = MERGER.merge_recorded(reports)
        assert len(merged) < len(reports) / 2  # the data does merge, a lot
        assert merged == _scan_merge(reports) == merge_incidents(reports)
        rnd.shuffle(reports)  # the replay sorts the reports as the merge does
        assert MERGER.replay(reports, groups) == merged


def test_a_region_placed_at_its_capital_and_the_capital_the_same_day_are_the_capital() -> None:
    # "frappes dans la région de Kidal" (the region placed at its capital) and "le maire de Kidal" the same day.
    region = replace(place("geonames:2455290", 18.44, 1.41, "admin1", admin1="Kidal"), canonical="Kidal Region")
    town = replace(place("geonames:2455306", 18.44, 1.41, admin1="Kidal"), canonical="Kidal")
    report = incident("a", region, kind="air_drone_strike", date="2023-11-07", quote="Frappes dans la région de Kidal.", start=60)
    headline = incident("a", town, kind="air_drone_strike", date="2023-11-07", quote="Le maire de Kidal", title="Le maire de Kidal", start=0)
    (merged,) = fold_vague_reports(merge_incidents([report, headline]))
    assert merged.place == town and len(merged.quotes) == 2


def test_an_undated_capital_joins_its_region_placed_there_and_names_its_place() -> None:
    # "Trois morts dans des frappes dans la région de Dnipropetrovsk" (dated, the region placed at its capital),
    # then "cette frappe a détruit un bâtiment dans le centre de Dnipro" (undated): one event, at Dnipro.
    region = replace(place("geonames:709929", 48.45, 34.98, "admin1", admin1="Dnipropetrovska oblast"), canonical="Dnipropetrovska oblast")
    town = replace(place("geonames:709930", 48.45, 34.98, admin1="Dnipropetrovska oblast"), canonical="Dnipro")
    report = incident("a", region, kind="air_drone_strike", date="2024-04-19", quote="Trois morts dans la région.", start=0)
    retold = incident("a", town, kind="air_drone_strike", date=None, quote="Cette frappe, dans le centre de Dnipro.", start=200)
    (merged,) = fold_vague_reports(merge_incidents([report, retold]))
    assert merged.place == town and merged.date == "2024-04-19" and len(merged.quotes) == 2
    # A province whose point is not its town's keeps its place ("in Khost province ... killed in Khost").
    province = replace(place("geonames:1444", 33.3, 69.9, "admin1", admin1="Khost"), canonical="Khost")
    khost = replace(place("geonames:1445", 33.34, 69.92, admin1="Khost"), canonical="Khost")
    report = incident("a", province, kind="air_drone_strike", date="2024-04-19", quote="Strikes in Khost province.", start=0)
    retold = incident("a", khost, kind="air_drone_strike", date=None, quote="Two were killed in Khost.", start=200)
    (merged,) = fold_vague_reports(merge_incidents([report, retold]))
    assert merged.place == province


BALKH = replace(place("geonames:1147288", 36.73, 67.09, "admin1", admin1="Balkh"), canonical="Balkh")
BALKH_TOWN = replace(place("geonames:1147290", 36.76, 66.90, admin1="Balkh"), canonical="Balkh")
CHIMTAL = replace(place("geonames:1146399", 36.68, 66.80, admin1="Balkh"), canonical="Chimtāl")


def test_a_province_told_twice_undated_is_the_one_event_inside_it_that_names_no_other_weapon() -> None:
    # "airstrikes in western Badghis province... attacks in Bala Murghab district... air strikes in Badghis
    # province": the district's "attacks" retell the strikes.
    lede = incident("a", BALKH, kind="air_drone_strike", quote="Airstrikes in Balkh province killed ten.", start=0)
    later = incident("a", BALKH, kind="air_drone_strike", quote="Air strikes hit Balkh province.", start=300)
    district = incident("a", CHIMTAL, kind="attack", date="2019-07-19", quote="Attacks in Chimtal district.", start=100)
    (merged,) = fold_vague_reports(merge_incidents([lede, later, district]))
    assert merged.place == CHIMTAL and len(merged.quotes) == 3


def test_a_province_told_twice_undated_does_not_take_an_event_told_as_another() -> None:
    # "Taliban attack police headquarters in Helmand... the Taliban are also attacking in Nad Ali district".
    headline = incident("a", BALKH, kind="attack", quote="Taliban attack police headquarters in Balkh", start=0)
    lede = incident("a", BALKH, kind="armed_clash", quote="The Taliban attacked a police headquarters in Balkh.", start=50)
    other = incident(
        "a", CHIMTAL, kind="attack", date="2016-10-03", quote="The Taliban are also attacking in Chimtal.", start=200
    )
    found = fold_vague_reports(merge_incidents([headline, lede, other]))
    assert sorted(i.place.canonical for i in found) == ["Balkh", "Chimtāl"]


def test_a_headline_town_that_names_its_province_joins_the_dated_event_the_body_places_in_it() -> None:
    # "Eight killed in roadside bomb blast in northern Balkh" over "in Balkh province on Sunday... along a main
    # road in Imam Sahib village, Chimtal district": the province folds into Chimtal first, the headline next.
    title = "Eight civilians killed in roadside bomb blast in northern Balkh"
    headline = incident("a", BALKH_TOWN, kind="ied", quote=title, title=title)
    body = incident("a", BALKH, kind="ied", date="2019-09-01", quote="A bomb killed eight in Balkh province.", start=0)
    site = incident("a", CHIMTAL, kind="ied", date="2019-09-01", quote="The blast occurred in Chimtal district.", start=90)
    (merged,) = fold_vague_reports(merge_incidents([headline, body, site]))
    assert merged.place == CHIMTAL and len(merged.quotes) == 3


def test_an_undated_headline_province_over_a_roundup_of_other_weapons_is_no_event() -> None:
    # "One dead, eight injured in Kherson region amid Russian strikes" over shelling in several villages.
    title = "One dead, eight injured in Balkh amid strikes"
    headline = incident("a", BALKH, kind="air_drone_strike", quote=title, title=title)
    shelled = [
        incident("a", town, kind="shelling", quote=f"{town.canonical} came under artillery fire.", start=50)
        for town in (BALKH_TOWN, CHIMTAL)
    ]
    found = fold_vague_reports(merge_incidents([headline, *shelled]))
    assert sorted(i.place.canonical for i in found) == ["Balkh", "Chimtāl"]
    assert all(i.place.precision == "locality" for i in found)


def test_a_headline_town_is_the_one_site_in_it_the_body_tells_of() -> None:
    # "Mortars kill four in Baghdad" over "mortar shells targeting the airport in the capital Baghdad".
    title = "Mortars kill four in Baghdad"
    headline = incident("a", BAGHDAD, kind="shelling", quote=title, title=title)
    body = incident("a", AIRPORT, kind="shelling", date="2021-03-25", quote="Mortars hit the airport.", start=0)
    (merged,) = fold_vague_reports(merge_incidents([headline, body]))
    assert merged.place == AIRPORT and len(merged.quotes) == 2


def test_a_provinces_battle_is_the_one_attack_the_body_places_inside_it() -> None:
    # "Five soldiers were killed when their checkpoint came under attack in Anbar province", then "two
    # others were wounded in Saturday's attack, in the Hit district": the attack names no weapon, and is
    # the province's battle, at Hit, with its dead.
    checkpoint = "A checkpoint came under attack in Anbar province."
    lede = replace(incident("a", ANBAR, kind="armed_clash", quote=checkpoint, start=0), fatalities=5)
    wounded = "Two were wounded in the attack in Hit."
    day = "2019-01-12"
    district = replace(incident("a", HIT, kind="attack", date=day, quote=wounded, start=60), injured=2)
    (merged,) = fold_vague_reports(merge_incidents([lede, district]))
    assert (merged.place.gazetteer_id, merged.event_type) == (HIT.gazetteer_id, "armed_clash")
    assert (merged.fatalities, merged.injured, len(merged.quotes)) == (5, 2, 2)
    # So does the province's dated report told before it ("Gunmen attacked a post in Anbar on Monday").
    dated = replace(lede, date=day)
    (merged,) = fold_vague_reports(merge_incidents([dated, district]))
    assert (merged.place.gazetteer_id, merged.event_type) == (HIT.gazetteer_id, "armed_clash")
    # Two attacks inside: which one the undated province tells is unknown, and all three stay (the dated one
    # is their sum, as for reports of one type).
    ramadi = incident("a", RAMADI, kind="attack", date=day, quote="Gunmen hit Ramadi.", start=99)
    assert len(fold_vague_reports(merge_incidents([lede, district, ramadi]))) == 3
    assert len(fold_vague_reports(merge_incidents([dated, district, ramadi]))) == 2
    # A province's strike is no battle: an attack inside is another event.
    strike = replace(lede, event_type="air_drone_strike")
    assert len(fold_vague_reports(merge_incidents([strike, district]))) == 2


def test_an_undated_headline_town_says_where_in_the_province_the_body_tells_of() -> None:
    # "13 killed after car bomb explodes in Hit" over "a car bomb went off in Anbar province on Thursday":
    # one event, at the town, on the body's day.
    title = "13 killed after car bomb explodes in Hit"
    headline = incident("a", HIT, kind="ied", quote=title, title=title, start=0)
    day, went_off = "2019-07-11", "A car bomb went off in Anbar province."
    body = incident("a", ANBAR, kind="ied", date=day, quote=went_off, title=title, start=50)
    (merged,) = fold_vague_reports(merge_incidents([headline, body]))
    assert (merged.place.gazetteer_id, merged.date, len(merged.quotes)) == (HIT.gazetteer_id, day, 2)
    # Another event the body places in the province: which one the province tells is unknown.
    ramadi = incident("a", RAMADI, kind="shelling", date=day, quote="Shells hit Ramadi.", start=90)
    assert len(fold_vague_reports(merge_incidents([headline, body, ramadi]))) == 3
    # A town outside the province is another event.
    qaim = incident("a", QAIM, kind="ied", quote=title, title=title, start=0)
    assert len(fold_vague_reports(merge_incidents([qaim, body]))) == 2
