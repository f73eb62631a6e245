"""Answers kept and reused within an extraction must be those computed afresh: the distances between an
article's places, whether a place is where something happened, the country a point lies in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from geomap.extract import homonyms, locate
from geomap.extract.homonyms import _distance, _Nearness
from geomap.extract.pipeline import Extractor
from geomap.geo import haversine_km
from geomap.places import geography
from geomap.places.gazetteer import Gazetteer
from geomap.places.names import name_key
from geomap.read.articles import read_article
from geomap.records import Resolution
from geomap.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "corpus" / "articles").glob("*.txt")])


def _located(extractor: Extractor) -> list[list[locate.Located]]:
    """Each article's places, as the first reading resolves them."""
    return [
        [loc for step in extractor._place_names(read_article(path)).steps for loc in step.locs] for path in ARTICLES
    ]


def test_distances_to_an_articles_distinct_places_are_those_to_all_of_them(
    settings: Settings, gazetteer: Gazetteer
) -> None:
    extractor = Extractor(settings=settings, gazetteer=gazetteer)
    measured = 0
    for everything in _located(extractor):
        nearness = _Nearness(everything)
        for loc in everything:
            text = loc.mention.text
            # The plain list: every other mention's place, repeats included.
            others = [o.place for o in everything if o.mention.text != text and o.place.precision != "country"]
            assert nearness.others(text) == list(dict.fromkeys(others))
            if not others:
                continue
            for place in [loc.place, *extractor._candidates(loc.mention, ())][:6]:
                for _ in range(2):  # computed, then kept
                    assert nearness.distance(place, text) == _distance(place, others)
                measured += 1
    assert measured > 300


def test_distances_kept_by_identity_are_the_plain_ones(settings: Settings, gazetteer: Gazetteer) -> None:
    """Each pair of places of the articles (and their rivals), in both orders: the distance kept (asked twice,
    and asked of equal places that are other objects) is 0 when one holds the other, else the haversine."""
    extractor = Extractor(settings=settings, gazetteer=gazetteer)
    pairs = 0
    for everything in _located(extractor):
        places = list(dict.fromkeys(p for loc in everything for p in [loc.place, *extractor._candidates(loc.mention, ())][:4]))
        for other in places:
            for place in places:
                plain = 0.0 if geography.contains(other, place) else haversine_km(other.lat, other.lon, place.lat, place.lon)
                assert geography.distance_outside(other, place) == plain
                for _ in range(2):
                    assert homonyms._apart(other, place) == plain
                assert homonyms._apart(replace(other), replace(place)) == plain
                pairs += 1
    assert pairs > 1000


def test_containment_keys_names_as_the_name_key_does(settings: Settings, gazetteer: Gazetteer) -> None:
    extractor = Extractor(settings=settings, gazetteer=gazetteer)
    places = [loc.place for locs in _located(extractor) for loc in locs]
    names = [name for p in places for name in (p.admin1, p.canonical, p.query)]
    assert len(names) > 300
    for name in names + names:
        assert geography._name_key(name) == name_key(name)


def test_event_locations_kept_are_those_computed_afresh(settings: Settings, gazetteer: Gazetteer) -> None:
    """Every place of the test articles, with every precision and hint: the answer computed with an empty
    memo is the one given later from it (were a part of what it reads missing from its key, answers of
    different places would be mixed up)."""
    extractor = Extractor(settings=settings, gazetteer=gazetteer)
    asked: list[tuple[locate.Mention, Resolution]] = []
    for locs in _located(extractor):
        for loc in locs:
            for precision in ("point", "locality", "admin1", "country"):
                for hint in (loc.mention.hint, None, "base"):
                    mention = replace(loc.mention, hint=hint)
                    asked += [(mention, replace(loc.place, precision=precision))]
                    asked += [(replace(mention, is_container=True), loc.place)]
    fresh = []
    for mention, place in asked:
        locate._introduced_as_location.cache_clear()
        locate._named_elsewhere.cache_clear()
        fresh.append((locate.is_event_location(mention, place), locate.is_elsewhere(mention)))
    kept = [(locate.is_event_location(mention, place), locate.is_elsewhere(mention)) for mention, place in asked]
    assert kept == fresh
    assert locate._introduced_as_location.cache_info().hits > 0 and locate._named_elsewhere.cache_info().hits > 0
    assert 0 < sum(a for a, _ in fresh) < len(fresh) and 0 < sum(b for _, b in fresh) < len(fresh)


def test_aircraft_named_kept_are_those_found_afresh() -> None:
    from geomap.extract import events
    from geomap.read.sentences import article_sentences

    texts = [s.text for path in ARTICLES for s in article_sentences(read_article(path))]
    texts += [text.lower() for text in texts] + ["Des avions de chasse ont frappé.", "Israeli jets", ""]
    fresh = []
    for text in texts:
        events.names_aircraft.cache_clear()
        fresh.append(events.names_aircraft(text))
    assert [events.names_aircraft(text) for text in texts + texts] == fresh + fresh
    assert fresh == [events._AIRCRAFT.pattern.search(text) is not None for text in texts]
    assert 0 < sum(fresh) < len(fresh)


def test_countries_of_points_kept_are_those_computed_afresh(settings: Settings, gazetteer: Gazetteer) -> None:
    extractor = Extractor(settings=settings, gazetteer=gazetteer)
    shapes = extractor.shapes
    points = [(lat / 2, lon / 2) for lat in range(40, 90, 3) for lon in range(40, 110, 3)]
    points += [(loc.place.lat, loc.place.lon) for locs in _located(extractor) for loc in locs]
    for lat, lon in points + points:
        assert shapes.country_at(lat, lon) == shapes._country_at(lat, lon)
    assert {shapes.country_at(lat, lon) for lat, lon in points} >= {"IQ", "SY", None}


def test_country_outlines_kept_in_binary_are_those_of_the_file(settings: Settings, tmp_path: Path) -> None:
    """Read from the GeoJSON, from the binary copy kept of it, and from a damaged copy (read again): the same
    outlines, bit for bit, and the same countries at every point."""
    import shapely

    from geomap.places.gazetteer import COUNTRIES_FILE, data_dir

    path = data_dir(settings) / COUNTRIES_FILE
    plain = geography.CountryShapes(path=path)
    first = geography.CountryShapes(path=path, cache_dir=tmp_path)
    kept = geography.CountryShapes(path=path, cache_dir=tmp_path)
    points = [(lat / 2, lon / 2) for lat in range(-20, 120, 3) for lon in range(-40, 140, 3)]
    answers = [plain.country_at(lat, lon) for lat, lon in points]
    assert [first.country_at(lat, lon) for lat, lon in points] == answers
    (cached,) = (tmp_path / "country-outlines").iterdir()
    assert [kept.country_at(lat, lon) for lat, lon in points] == answers
    assert plain._tree is not None and kept._tree is not None
    assert list(shapely.to_wkb(kept._tree.geometries)) == list(shapely.to_wkb(plain._tree.geometries))
    assert kept._codes == plain._codes and len(set(answers)) > 10
    cached.write_bytes(cached.read_bytes()[:1000])  # cut short: read from the file again
    damaged = geography.CountryShapes(path=path, cache_dir=tmp_path)
    assert [damaged.country_at(lat, lon) for lat, lon in points] == answers


def test_dates_kept_are_those_found_afresh() -> None:
    """Every sentence of the test articles, with its article's years and date and others': the dates found
    with an empty memo are those given later from it."""
    from geomap.extract import dates
    from geomap.read.sentences import article_sentences

    articles = [read_article(path) for path in ARTICLES]
    asked = []
    for article in articles:
        years = dates.years_mentioned(article.body)
        for sentence in article_sentences(article):
            for lang, published, last in (
                (article.lang, article.published, years[-1] if years else None),
                ("en", "2021-04-05", 2020),
                ("fr", None, None),
            ):
                asked.append(dict(lang=lang, published=published, years_in_text=years, last_year_before=last))
                asked[-1]["sentence"] = sentence.text
    fresh = []
    for kwargs in asked:
        dates._candidates_of.cache_clear()
        fresh.append((dates.find_dates(**kwargs), dates.find_date(**kwargs, near=len(kwargs["sentence"]) // 2)))
    kept = [(dates.find_dates(**kw), dates.find_date(**kw, near=len(kw["sentence"]) // 2)) for kw in asked]
    assert kept == fresh
    assert sum(1 for found, _ in fresh if found) > 100


def test_what_the_assembly_asks_of_a_sentence_kept_is_what_is_computed_afresh() -> None:
    """Whether a sentence reports an event, who claimed it and whether it names an armed target: the kept
    answers (asked twice) are those of the plain functions, for every sentence of the seeds and test articles."""
    from geomap.extract import claims, events
    from geomap.read.sentences import article_sentences

    texts = [s.text for path in ARTICLES for s in article_sentences(read_article(path))]
    claimed = 0
    for _ in range(2):
        for text in texts:
            for dated in (False, True):
                assert events.is_reported_event(text, dated=dated) == events.is_reported_event.__wrapped__(
                    text, dated=dated
                )
            assert claims.claimed_by(text) == claims.claimed_by.__wrapped__(text)
            assert events.names_armed_target(text) == events.names_armed_target.__wrapped__(text)
            claimed += claims.claimed_by(text) is not None
    assert claimed > 2


def test_event_types_kept_are_those_found_afresh() -> None:
    """Every sentence of the test articles, with each article-wide reading of missiles and strikes: the type
    kept is the one the plain function gives."""
    from geomap.extract import events
    from geomap.read.sentences import article_sentences

    plain = events.event_type.__wrapped__
    typed = 0
    for path in ARTICLES:
        for sentence in article_sentences(read_article(path)):
            text = sentence.text
            assert events.event_type(text) == plain(text)
            for missiles in ("shelling", "air_drone_strike"):
                for strikes in ("shelling", "air_drone_strike"):
                    for _ in range(2):  # computed, then kept
                        assert events.event_type(text, missiles=missiles, strikes=strikes) == plain(
                            text, missiles=missiles, strikes=strikes
                        )
            typed += plain(text) is not None
    assert typed > 50


def test_a_hint_s_context_is_made_once_and_equals_a_new_one() -> None:
    from geomap.extract.pipeline import _hinted
    from geomap.places.resolvers import Context

    for hint in (None, "base", "airport", "locality", "admin1"):
        assert _hinted(hint) == Context(hint=hint) and hash(_hinted(hint)) == hash(Context(hint=hint))
        assert _hinted(hint) is _hinted(hint)
