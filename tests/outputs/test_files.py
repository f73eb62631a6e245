"""GeoJSON and CSV export: RFC 7946 structure, round trips through shapely and pandas, identical bytes."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from geomap.errors import GeomapError
from geomap.fsutil import atomic_write_bytes, atomic_write_text, syncs_in_background
from geomap.outputs.geojson import (
    ACLED_SUB_EVENT_TYPE,
    incidents_to_geojson,
    mentions_to_geojson,
    write_geojson,
    write_mentions_geojson,
)
from geomap.outputs.table import CSV_COLUMNS, CSV_JOIN, write_csv
from geomap.records import Incident, Mention, Precision, Resolution, ResolvedMention, Sentence, Source

PROPERTY_NAMES = {
    "id",
    "event_type",
    "acled_sub_event_type",
    "date",
    "date_precision",
    "place_text",
    "place",
    "gazetteer_id",
    "precision",
    "country",
    "admin1",
    "actor",
    "fatalities",
    "injured",
    "casualties_quote",
    "resolved_by",
    "sources",
    "extent_km",
    "launched_from",
}
SOURCE_NAMES = {"file", "title", "outlet", "url", "published", "quote", "quotes"}


def resolution(
    canonical: str, lat: float, lon: float, *, precision: Precision = "locality", extent_km: float = 0.0
) -> Resolution:
    return Resolution(
        query=canonical,
        canonical=canonical,
        gazetteer_id="geonames:" + canonical.lower().replace(" ", "-"),
        lat=lat,
        lon=lon,
        precision=precision,
        country="IQ",
        admin1="Bagdad" if precision != "country" else "",
        source="gazetteer",
        score=4.5,
        extent_km=extent_km,
    )


def source(
    n: int, quote: str, place_text: str, *, outlet: str = "Le Monde", url: str | None = None
) -> Source:
    return Source(
        article_id=f"article-{n}",
        file=f"{n:03d}_article.txt",
        title=f"Irak : attaque meurtrière n°{n}",
        outlet=outlet,
        url=url,
        published="2021-04-06",
        quote=quote,
        place_text=place_text,
    )


@pytest.fixture
def incidents() -> list[Incident]:
    return [
        Incident(
            id="inc-b-shelling",
            event_type="shelling",
            date="2020-01",
            date_precision="month",
            place_text="l'aéroport de Bagdad",
            place=resolution("Baghdad International Airport", 33.262539, 44.234578, precision="point"),
            sources=(
                source(
                    1, "Des roquettes ont frappé l'aéroport de Bagdad dans la nuit.", "aéroport de Bagdad"
                ),
                source(
                    2,
                    'Rockets hit Baghdad airport, "no casualties" | officials said, adding: more to come.',
                    "Baghdad airport",
                    outlet="Reuters",
                    url="https://example.org/rockets",
                ),
            ),
        ),
        Incident(
            id="inc-a-ied",
            event_type="ied",
            date="2021-04-05",
            date_precision="day",
            place_text="al-Yusifiyah",
            place=resolution("Al Yūsufīyah", 33.0794512345678, 44.2345678912345),
            actor="État islamique",
            fatalities=3,
            injured=0,
            sources=(
                source(
                    3, "Un engin explosif a visé un convoi à al-Yusifiyah, au sud de Bagdad.", "al-Yusifiyah"
                ),
            ),
        ),
        Incident(
            id="inc-c-attack",
            event_type="attack",
            date=None,
            date_precision="unknown",
            place_text="province d'Anbar",
            place=resolution("Al Anbar", 32.5, 41.9, precision="admin1", extent_km=120.0),
            sources=(source(4, "Des hommes armés ont attaqué un poste dans la province d'Anbar.", "Anbar"),),
        ),
        Incident(
            id="inc-d-strike",
            event_type="air_drone_strike",
            date="--04-05",
            date_precision="month_day",
            place_text="Syrie",
            place=resolution("Syria", 35.0, 38.0, precision="country"),
            sources=(source(5, "Une frappe de drone a eu lieu en Syrie,\nselon l'OSDH.", "Syrie"),),
        ),
    ]


@pytest.fixture
def mentions() -> list[ResolvedMention]:
    sentence = "Le convoi venait de Bagdad et allait vers Mossoul."
    return [
        ResolvedMention(
            mention=Mention(
                article_id="article-3",
                text=name,
                start=sentence.index(name),
                end=sentence.index(name) + len(name),
                sentence=Sentence(text=sentence, start=40, end=40 + len(sentence), index=2),
                qualified_text=name,
            ),
            place=resolution(name, lat, lon),
            file="003_article.txt",
            title="Irak : attaque meurtrière n°3",
        )
        for name, lat, lon in (("Mossoul", 36.335, 43.119), ("Bagdad", 33.341, 44.401))
    ]


def _features(collection: dict[str, Any]) -> list[dict[str, Any]]:
    features = collection["features"]
    assert isinstance(features, list)
    return features


def test_geojson_is_an_rfc7946_feature_collection(incidents: list[Incident]) -> None:
    collection = incidents_to_geojson(incidents)
    assert collection["type"] == "FeatureCollection"
    features = _features(collection)
    assert len(features) == len(incidents)
    by_id = {i.id: i for i in incidents}
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        properties = feature["properties"]
        assert set(properties) == PROPERTY_NAMES
        incident = by_id[properties["id"]]
        # [lon, lat], the order RFC 7946 requires: swapping them would put Baghdad in the Indian Ocean.
        assert (lon, lat) == (round(incident.lon, 6), round(incident.lat, 6))
        assert properties["acled_sub_event_type"] == ACLED_SUB_EVENT_TYPE[incident.event_type]
        assert properties["place"] == incident.place.canonical
        assert properties["resolved_by"] == "gazetteer"
        assert [set(s) for s in properties["sources"]] == [SOURCE_NAMES] * len(incident.sources)
    assert [f["properties"]["id"] for f in features] == sorted(by_id)


def test_geojson_values(incidents: list[Incident]) -> None:
    by_id = {f["properties"]["id"]: f for f in _features(incidents_to_geojson(incidents))}
    ied = by_id["inc-a-ied"]
    assert ied["geometry"]["coordinates"] == [44.234568, 33.079451]  # rounded to 6 decimals
    assert ied["properties"]["acled_sub_event_type"] == "Remote explosive/landmine/IED"
    assert ied["properties"]["actor"] == "État islamique"
    # Casualties as the articles give them: 0 is "nobody hurt", None (null) is "not said".
    assert (ied["properties"]["fatalities"], ied["properties"]["injured"]) == (3, 0)
    shelling_casualties = by_id["inc-b-shelling"]["properties"]
    assert (shelling_casualties["fatalities"], shelling_casualties["injured"]) == (None, None)
    assert ied["properties"]["date"] == "2021-04-05"
    shelling = by_id["inc-b-shelling"]["properties"]
    assert shelling["acled_sub_event_type"] == "Shelling/artillery/missile attack"
    assert [s["outlet"] for s in shelling["sources"]] == ["Le Monde", "Reuters"]
    assert shelling["sources"][1]["url"] == "https://example.org/rockets"
    assert shelling["date_precision"] == "month"
    attack = by_id["inc-c-attack"]["properties"]
    assert (attack["precision"], attack["extent_km"], attack["date"]) == ("admin1", 120.0, None)
    assert by_id["inc-d-strike"]["properties"]["date"] == "--04-05"


def test_geojson_round_trips_through_shapely_and_pandas(incidents: list[Incident], tmp_path: Path) -> None:
    path = write_geojson(incidents, tmp_path / "incidents.geojson")
    collection = json.loads(path.read_text(encoding="utf-8"))
    by_id = {i.id: i for i in incidents}
    for feature in _features(collection):
        point = shape(feature["geometry"])
        assert isinstance(point, Point)
        incident = by_id[feature["properties"]["id"]]
        assert point.x == pytest.approx(incident.lon, abs=1e-6)
        assert point.y == pytest.approx(incident.lat, abs=1e-6)

    table = pd.json_normalize([f["properties"] for f in collection["features"]])
    assert set(table.columns) == PROPERTY_NAMES
    assert list(table["id"]) == sorted(by_id)
    sources = pd.json_normalize(
        [f["properties"] for f in collection["features"]], record_path="sources", meta=["id"]
    )
    assert len(sources) == sum(len(i.sources) for i in incidents)
    assert set(sources.columns) == SOURCE_NAMES | {"id"}
    assert "Des roquettes ont frappé l'aéroport de Bagdad dans la nuit." in set(sources["quote"])


#: The CSV's header, written out: dropping or renaming a column must fail here (not follow CSV_COLUMNS).
CSV_HEADER = [
    "id",
    "event_type",
    "acled_sub_event_type",
    "date",
    "date_precision",
    "place_text",
    "place",
    "gazetteer_id",
    "precision",
    "country",
    "admin1",
    "actor",
    "fatalities",
    "injured",
    "casualties_quote",
    "resolved_by",
    "extent_km",
    "launched_from",
    "lat",
    "lon",
    "source_count",
    "source_files",
    "source_titles",
    "source_outlets",
    "source_urls",
    "source_published",
    "quotes",
]


def test_csv_round_trips_through_pandas(incidents: list[Incident], tmp_path: Path) -> None:
    path = write_csv(incidents, tmp_path / "incidents.csv")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(table.columns) == CSV_HEADER == list(CSV_COLUMNS)
    assert list(table["id"]) == sorted(i.id for i in incidents)
    row = table.set_index("id").loc["inc-b-shelling"]
    assert row["source_count"] == "2"
    assert row["source_files"] == "001_article.txt | 002_article.txt"
    assert row["source_titles"] == "Irak : attaque meurtrière n°1 | Irak : attaque meurtrière n°2"
    assert row["source_outlets"] == "Le Monde | Reuters"
    assert row["source_urls"] == " | https://example.org/rockets"  # the first source has no URL
    assert row["source_published"] == "2021-04-06 | 2021-04-06"
    assert row["quotes"] == CSV_JOIN.join(s.quote for s in incidents[0].sources)
    assert (row["lat"], row["lon"]) == ("33.262539", "44.234578")
    assert row["acled_sub_event_type"] == "Shelling/artillery/missile attack"
    assert (row["place"], row["place_text"], row["precision"]) == (
        "Baghdad International Airport",
        "l'aéroport de Bagdad",
        "point",
    )
    assert (row["gazetteer_id"], row["country"], row["admin1"], row["resolved_by"]) == (
        "geonames:baghdad-international-airport",
        "IQ",
        "Bagdad",
        "gazetteer",
    )
    assert (row["date"], row["date_precision"], row["event_type"]) == ("2020-01", "month", "shelling")
    assert table.set_index("id").loc["inc-c-attack", "extent_km"] == "120.0"
    strike = table.set_index("id").loc["inc-d-strike"]
    # A spreadsheet would compute --04-05 as 4 - 5: like any cell starting with "-", it is kept as text.
    assert strike["date"] == "'--04-05"
    assert (
        strike["quotes"] == "Une frappe de drone a eu lieu en Syrie,\nselon l'OSDH."
    )  # newline kept, quoted
    assert table.set_index("id").loc["inc-a-ied", "actor"] == "État islamique"
    casualties = table.set_index("id")[["fatalities", "injured"]]
    assert casualties.loc["inc-a-ied"].tolist() == ["3", "0"]
    assert casualties.loc["inc-b-shelling"].tolist() == ["", ""]  # not said: empty, not 0

    numeric = pd.read_csv(path, dtype={"fatalities": "Int64", "injured": "Int64"})
    assert numeric["lat"].dtype.kind == "f" and numeric["source_count"].dtype.kind == "i"
    assert numeric["fatalities"].sum() == 3 and numeric["fatalities"].isna().sum() == len(incidents) - 1


def test_outputs_are_deterministic(
    incidents: list[Incident], mentions: list[ResolvedMention], tmp_path: Path
) -> None:
    for folder, order in (("a", 1), ("b", -1)):
        write_geojson(incidents[::order], tmp_path / folder / "incidents.geojson")
        write_csv(incidents[::order], tmp_path / folder / "incidents.csv")
        write_mentions_geojson(mentions[::order], tmp_path / folder / "mentions.geojson")
    for name in ("incidents.geojson", "incidents.csv", "mentions.geojson"):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes(), name
        assert first.endswith(b"\n") and not first.endswith(b"\n\n")
    text = (tmp_path / "a" / "incidents.geojson").read_text(encoding="utf-8")
    assert "Al Yūsufīyah" in text and "\\u" not in text  # UTF-8, not ASCII escapes
    assert json.loads(text) == json.loads(json.dumps(incidents_to_geojson(incidents)))


def test_empty_collection_is_valid(tmp_path: Path) -> None:
    path = write_geojson([], tmp_path / "empty.geojson")
    assert json.loads(path.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}
    assert pd.read_csv(write_csv([], tmp_path / "empty.csv")).columns.tolist() == list(CSV_COLUMNS)


@pytest.mark.parametrize(("lat", "lon"), [(math.nan, 44.0), (33.0, math.inf), (91.0, 44.0), (33.0, -181.0)])
def test_impossible_coordinates_are_refused(incidents: list[Incident], lat: float, lon: float) -> None:
    bad = Incident(
        id="inc-bad",
        event_type="other",
        date=None,
        date_precision="unknown",
        place_text="Nulle part",
        place=resolution("Nowhere", lat, lon),
    )
    with pytest.raises(GeomapError, match="inc-bad"):
        incidents_to_geojson([*incidents, bad])


def test_mentions_geojson(mentions: list[ResolvedMention]) -> None:
    features = _features(mentions_to_geojson(mentions))
    assert [f["properties"]["text"] for f in features] == ["Bagdad", "Mossoul"]  # by sentence offset
    for feature, name in zip(features, ("Bagdad", "Mossoul"), strict=True):
        properties = feature["properties"]
        assert properties["title"] == "Irak : attaque meurtrière n°3"
        assert properties["sentence"][:2] == "Le"
        assert feature["id"] == properties["id"] == f"article-3:2:{properties['sentence'].index(name)}"
        assert isinstance(shape(feature["geometry"]), Point)


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "map.txt"
    atomic_write_text(target, "first\n")
    atomic_write_bytes(target, "deuxième\n".encode())
    assert target.read_text(encoding="utf-8") == "deuxième\n"
    assert os.listdir(target.parent) == ["map.txt"]  # no temporary file left behind
    assert target.stat().st_mode & 0o777 == 0o644


def test_atomic_write_keeps_old_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "incidents.geojson"
    target.write_text("old\n", encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["incidents.geojson"]


def test_atomic_writes_synced_in_background_are_in_place_when_the_block_ends(tmp_path: Path) -> None:
    synced: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real(fd)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", fsync)
        with syncs_in_background():
            for n in range(5):
                atomic_write_text(tmp_path / f"{n}.txt", f"{n}\n" * 1000)
    assert sorted(os.listdir(tmp_path)) == [f"{n}.txt" for n in range(5)]  # no temporary file left
    assert all((tmp_path / f"{n}.txt").read_text(encoding="utf-8") == f"{n}\n" * 1000 for n in range(5))
    assert len(synced) >= 5  # each file (and its folder)


def test_a_write_that_fails_in_the_background_fails_the_block_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("old\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "inside").write_text("x", encoding="utf-8")
    with pytest.raises(OSError), syncs_in_background():
        atomic_write_text(tmp_path / "old.txt", "new\n")
        atomic_write_text(tmp_path / "folder", "a file cannot replace a folder\n")
    assert (tmp_path / "old.txt").read_text(encoding="utf-8") == "new\n"
    assert sorted(os.listdir(tmp_path)) == ["folder", "old.txt"]  # no temporary file left
