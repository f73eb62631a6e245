"""The extractor on the seed articles against the analysts' gold (tests/gold/)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from geomap.evaluate import score
from geomap.extract.pipeline import Extractor
from geomap.geo import haversine_km
from geomap.merge import Merger
from geomap.places.names import name_key
from geomap.read.articles import read_article
from geomap.records import ArticleResult, Incident
from geomap.settings import Settings

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def results() -> dict[str, ArticleResult]:
    extractor = Extractor()
    return {path.name: extractor.extract(read_article(path)) for path in sorted(SEEDS_DIR.glob("*.txt"))}


@pytest.fixture(scope="module")
def incidents(results: dict[str, ArticleResult]) -> list[Incident]:
    return [i for r in results.values() for i in r.incidents]


def _nearest(gold: dict[str, Any], incidents: list[Incident]) -> tuple[float, Incident | None]:
    found = [i for i in incidents if gold["file"] in {s.file for s in i.sources}]
    if not found:
        return float("inf"), None
    best = min(found, key=lambda i: haversine_km(gold["lat"], gold["lon"], i.lat, i.lon))
    return haversine_km(gold["lat"], gold["lon"], best.lat, best.lon), best


def test_every_required_gold_incident_is_found_within_tolerance(
    incidents: list[Incident], gold_incidents: list[dict[str, Any]]
) -> None:
    for gold in (g for g in gold_incidents if g["required"]):
        km, found = _nearest(gold, incidents)
        assert found is not None and km <= gold["tolerance_km"], (gold["file"], gold["place_text"], km)


def test_gold_incidents_have_the_right_type_and_date(
    incidents: list[Incident], gold_incidents: list[dict[str, Any]]
) -> None:
    for gold in (g for g in gold_incidents if g["required"]):
        _, found = _nearest(gold, incidents)
        assert found is not None
        assert found.event_type == gold["event_type"], (gold["place_text"], found.event_type)
        if gold["date"]:
            assert found.date == gold["date"], (gold["place_text"], found.date)


def test_no_incident_at_a_place_only_mentioned(
    incidents: list[Incident], gold_not_incidents: list[dict[str, Any]]
) -> None:
    bad: dict[str, set[str]] = defaultdict(set)
    for row in gold_not_incidents:
        bad[row["file"]].add(name_key(row["place_text"]))
    for inc in incidents:
        for src in inc.sources:
            names = {name_key(src.place_text), name_key(inc.place_text)}
            assert not names & bad[src.file], (src.file, src.place_text, src.quote)


def test_the_scores_are_perfect(
    incidents: list[Incident], gold_incidents: list[dict[str, Any]], gold_not_incidents: list[dict[str, Any]]
) -> None:
    overall = score(incidents, gold_incidents, gold_not_incidents).overall
    assert (overall.recall, overall.precision) == (1.0, 1.0)
    assert (overall.type_accuracy, overall.date_accuracy) == (1.0, 1.0)
    assert overall.not_incident_hits == []


def test_the_baghdad_airport_strike_told_by_two_articles_is_one_incident(incidents: list[Incident]) -> None:
    merged = Merger(settings=Settings()).merge_incidents(incidents)
    airport = [i for i in merged if i.place.gazetteer_id == "icao:ORBI"]
    assert len(airport) == 1
    (strike,) = airport
    assert {s.file for s in strike.sources} == {"001_e5bea9b4c403723e.txt", "002_8cab881343aabe4f.txt"}
    assert (strike.event_type, strike.date) == ("air_drone_strike", "2020-01-03")


def test_every_incident_cites_its_sentence(results: dict[str, ArticleResult]) -> None:
    for result in results.values():
        for inc in result.incidents:
            for src in inc.sources:
                assert src.quote in result.article.body or src.quote in result.article.related
                assert src.place_text in src.quote
