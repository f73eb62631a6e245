"""Scoring against gold annotations."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geomap.errors import GeomapError
from geomap.evaluate import load_gold, score
from geomap.records import Incident, Resolution, Source


def _incident(file: str, lat: float, lon: float, kind: str = "attack", date: str | None = None) -> Incident:
    place = Resolution(
        query="X",
        canonical="X",
        gazetteer_id=f"t:{lat},{lon}",
        lat=lat,
        lon=lon,
        precision="locality",
        country="IQ",
        admin1="",
        source="gazetteer",
        score=1.0,
    )
    src = Source(
        article_id="a", file=file, title="t", outlet=None, url=None, published=None, quote="q", place_text="X"
    )
    return Incident(
        id=f"{file}{lat}",
        event_type=kind,
        date=date,
        date_precision="day" if date else "unknown",  # type: ignore[arg-type]
        place_text="X",
        place=place,
        sources=(src,),
    )


def _gold(
    file: str, lat: float, lon: float, *, required: bool = True, kind: str = "attack", date: str | None = None
) -> dict[str, Any]:
    return {
        "file": file,
        "quote": "q",
        "place_text": "X",
        "lat": lat,
        "lon": lon,
        "tolerance_km": 10,
        "event_type": kind,
        "date": date,
        "required": required,
    }


def test_recall_precision_type_date_and_error() -> None:
    gold = [
        _gold("a.txt", 33.0, 44.0, kind="shelling", date="2021-04-05"),
        _gold("a.txt", 35.0, 40.0),
        _gold("a.txt", 30.0, 47.0, required=False),
    ]
    extracted = [
        _incident("a.txt", 33.05, 44.0, kind="shelling", date="2021-04-05"),  # 5.6 km away: found
        _incident("a.txt", 30.0, 47.0),  # matches the optional one: not judged
        _incident("a.txt", 20.0, 20.0),  # nowhere: a false positive
        _incident("b.txt", 35.0, 40.0),  # right place, wrong file: does not count
    ]
    report = score(extracted, gold)
    a = report.files[0]
    assert (a.recall, a.precision) == (0.5, 0.5)
    assert a.type_accuracy == 1.0 and a.date_accuracy == 1.0
    assert a.mean_error_km == pytest.approx(5.56, abs=0.05)
    assert len(a.missed) == 1 and len(a.spurious) == 1
    assert report.overall.false_positive == 2  # b.txt's incident matches no gold of b.txt


def test_not_incident_places_are_flagged() -> None:
    report = score([_incident("a.txt", 33.0, 44.0)], [], [{"file": "a.txt", "place_text": "X"}])
    assert report.files[0].not_incident_hits == ["X"]


def test_load_gold_reads_a_folder_and_rejects_bad_rows(tmp_path: Path) -> None:
    (tmp_path / "g.jsonl").write_text(json.dumps(_gold("a.txt", 1, 2)) + "\n", encoding="utf-8")
    (tmp_path / "n.jsonl").write_text(
        json.dumps({"file": "a.txt", "place_text": "Y"}) + "\n", encoding="utf-8"
    )
    gold, bad = load_gold(tmp_path)
    assert len(gold) == 1 and bad == [{"file": "a.txt", "place_text": "Y"}]
    (tmp_path / "g.jsonl").write_text('{"file": "a.txt", "lat": 1}\n', encoding="utf-8")
    with pytest.raises(GeomapError, match="g.jsonl:1: gold incident lacks"):
        load_gold(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GeomapError, match="no gold file"):
        load_gold(empty)


def test_a_required_gold_incident_takes_the_report_before_an_optional_one() -> None:
    # The article's report and a related title ("Read more: ...") at the same place: the report is the
    # required gold incident's, even when its undated twin agrees better with the optional one.
    gold = [_gold("a.txt", 37.05, 41.22, date="2021-11-09"), _gold("a.txt", 37.05, 41.22, required=False)]
    report = score([_incident("a.txt", 37.05, 41.22)], gold)
    assert (report.overall.found_required, report.overall.false_positive) == (1, 0)


def test_an_undated_gold_incident_takes_the_report_nearest_it_before_a_dated_neighbour() -> None:
    # Two villages 7 km apart, the dated event at one, the undated at the other: the report at the second
    # (which the extractor dates from the story) is the undated gold incident's.
    gold = [_gold("a.txt", 33.12, 35.14, date="2024-09-02"), _gold("a.txt", 33.126, 35.219)]
    report = score([_incident("a.txt", 33.126, 35.219, date="2024-09-02")], gold)
    assert report.files[0].errors_km == [0.0]


def test_fatalities_are_scored_where_the_gold_gives_them() -> None:
    gold = [_gold("a.txt", 33.0, 44.0), _gold("a.txt", 35.0, 40.0), _gold("a.txt", 30.0, 47.0)]
    gold[0]["fatalities"], gold[1]["fatalities"] = 3, 0  # the third gives none: not judged
    right = _incident("a.txt", 33.0, 44.0)
    wrong = _incident("a.txt", 35.0, 40.0)
    unjudged = _incident("a.txt", 30.0, 47.0)
    found = [replace(right, fatalities=3), replace(wrong, fatalities=None), replace(unjudged, fatalities=7)]
    overall = score(found, gold).overall
    assert (overall.fatalities_right, overall.fatalities_total, overall.fatalities_accuracy) == (1, 2, 0.5)
    assert "fatalities right where the gold gives them: 0.50 (1 of 2)" in score(found, gold).table()
