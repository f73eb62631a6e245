"""Exports for analysts' tools: ACLED's CSV read back with pandas, GeoParquet read back with pyarrow."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import shapely
from shapely.geometry import Point

from geomap.errors import GeomapError
from geomap.outputs import export
from geomap.outputs.acled import ACLED_COLUMNS, write_acled
from geomap.outputs.countries import load_countries
from geomap.outputs.geoparquet import write_geoparquet
from geomap.outputs.table import CSV_COLUMNS
from geomap.records import DatePrecision, EventType, Incident, Precision, Resolution, Source


def resolution(
    name: str, lat: float, lon: float, *, precision: Precision = "locality", country: str = "IQ"
) -> Resolution:
    return Resolution(
        query=name,
        canonical=name,
        gazetteer_id="geonames:" + name.lower().replace(" ", "-"),
        lat=lat,
        lon=lon,
        precision=precision,
        country=country,
        admin1="Al Anbar" if precision != "admin1" else "",
        source="gazetteer",
        score=4.0,
        extent_km=80.0 if precision == "admin1" else 0.0,
        bbox=(39.0, 30.9, 44.0, 34.6) if precision == "admin1" else None,
    )


def source(n: int, quote: str, *, outlet: str | None = "Le Monde", url: str | None = None,
           published: str | None = "2021-04-06", bearing: str | None = None) -> Source:  # fmt: skip
    return Source(
        article_id=f"a{n}",
        file=f"{n:03d}.txt",
        title=f"Article {n}",
        outlet=outlet,
        url=url,
        published=published,
        quote=quote,
        place_text="X",
        bearing=bearing,
    )


def incident(
    incident_id: str,
    kind: EventType,
    where: Resolution,
    date: str | None,
    date_precision: DatePrecision,
    sources: tuple[Source, ...],
    **extra: object,
) -> Incident:
    return Incident(
        id=incident_id,
        event_type=kind,
        date=date,
        date_precision=date_precision,
        place_text=where.canonical,
        place=where,
        sources=sources,
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def incidents() -> list[Incident]:
    return [
        incident(
            "0a1b2c3d4e5f",
            "ied",
            resolution("Ramadi", 33.42, 43.3),
            "2021-04-05",
            "day",
            (
                source(1, "Un engin explosif a tué trois soldats à Ramadi."),
                source(
                    2,
                    "An IED killed three soldiers in Ramadi.",
                    outlet=None,
                    url="https://wire.example/x",
                    published="2021-04-07",
                ),
            ),
            fatalities=3,
            injured=5,
            actor="État islamique",
        ),
        incident(
            "0000000000ff",
            "shelling",
            resolution("Hīt", 33.64, 42.83),
            "2020-01",
            "month",
            (source(3, "Des obus sont tombés au nord de Hit.", bearing="n", published=None),),
        ),
        incident(
            "00000000abcd",
            "armed_clash",
            resolution("Al Anbar", 32.5, 41.9, precision="admin1"),
            "2021-05-01",
            "day",
            (source(4, "Des combats ont eu lieu dans la province d'Anbar.", outlet="AFP"),),
            fatalities=0,
        ),
        incident(
            "0000000000aa",
            "attack",
            resolution("Damascus", 33.51, 36.29, country="SY"),
            "2021-06-02",
            "day",
            (source(5, "Des hommes armés ont attaqué un village près de Damas."),),
        ),
        incident(
            "0000000000bb",
            "other",
            resolution("Iraq", 33.0, 43.7, precision="country"),
            "2021-06-03",
            "day",
            (source(6, "Un incident a eu lieu en Irak."),),
        ),
        # ACLED cannot date these: a year only, a day without a year, no date.
        incident(
            "0000000000c1", "ied", resolution("Fallujah", 33.35, 43.78), "2020", "year", (source(7, "q"),)
        ),
        incident(
            "0000000000c2",
            "ied",
            resolution("Fallujah", 33.35, 43.78),
            "--04-05",
            "month_day",
            (source(8, "q"),),
        ),
        incident(
            "0000000000c3", "ied", resolution("Fallujah", 33.35, 43.78), None, "unknown", (source(9, "q"),)
        ),
    ]


def read_acled(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"event_date": str, "tags": str}, keep_default_na=False, na_values=[""])


def test_acled_export_has_acleds_columns_and_vocabulary(incidents: list[Incident], tmp_path: Path) -> None:
    table = write_acled(incidents, tmp_path / "acled.csv", countries=load_countries())
    frame = read_acled(tmp_path / "acled.csv")
    assert list(frame.columns) == list(ACLED_COLUMNS)
    assert table.left_out == ("0000000000c1", "0000000000c2", "0000000000c3")
    assert list(frame["event_date"]) == ["2020-01-15", "2021-04-05", "2021-05-01", "2021-06-02", "2021-06-03"]
    rows = frame.set_index("tags")

    ied = rows.loc["geomap_id=0a1b2c3d4e5f"]
    assert ied["event_id_cnty"] == f"IRQ{int('0a1b2c3d4e5f', 16)}"
    assert (ied["year"], ied["time_precision"], ied["geo_precision"]) == (2021, 1, 1)
    assert (ied["disorder_type"], ied["event_type"], ied["sub_event_type"]) == (
        "Political violence",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    assert (ied["iso"], ied["country"], ied["admin1"], ied["location"]) == (368, "Iraq", "Al Anbar", "Ramadi")
    assert (ied["latitude"], ied["longitude"], ied["fatalities"], ied["actor1"]) == (
        33.42,
        43.3,
        3,
        "État islamique",
    )
    assert ied["source"] == "Le Monde; wire.example"  # an outlet, else the link's host
    assert (
        ied["notes"]
        == "Un engin explosif a tué trois soldats à Ramadi. | An IED killed three soldiers in Ramadi."
    )
    assert ied["timestamp"] == int(datetime(2021, 4, 7, tzinfo=UTC).timestamp())  # the newest report

    shelling = rows.loc["geomap_id=0000000000ff"]
    # A month only: ACLED's time precision 3, dated on the 15th; a bearing from a town: geo precision 2.
    assert (shelling["event_date"], shelling["time_precision"], shelling["geo_precision"]) == (
        "2020-01-15",
        3,
        2,
    )
    assert shelling["event_type"] == "Explosions/Remote violence"
    assert shelling["fatalities"] == 0 and pd.isna(shelling["timestamp"]) and pd.isna(shelling["actor1"])

    clash = rows.loc["geomap_id=00000000abcd"]
    assert (clash["event_type"], clash["sub_event_type"], clash["geo_precision"]) == (
        "Battles",
        "Armed clash",
        3,
    )
    assert (clash["admin1"], clash["location"], clash["source"]) == ("Al Anbar", "Al Anbar", "AFP")
    attack = rows.loc["geomap_id=0000000000aa"]
    assert (attack["event_type"], attack["iso"], attack["country"]) == (
        "Violence against civilians",
        760,
        "Syria",
    )
    assert attack["event_id_cnty"].startswith("SYR")
    other = rows.loc["geomap_id=0000000000bb"]
    assert (other["disorder_type"], other["event_type"], other["geo_precision"]) == (
        "Strategic developments",
        "Strategic developments",
        3,
    )
    assert frame["admin2"].isna().all()


def test_acled_export_through_the_library_call_names_what_it_left_out(
    incidents: list[Incident], tmp_path: Path
) -> None:
    done = export(incidents, fmt="acled", path=tmp_path / "a.csv")
    assert done.rows == 5 and done.text == (tmp_path / "a.csv").read_text(encoding="utf-8")
    assert (
        len(done.notes) == 1 and "3 incident(s) left out" in done.notes[0] and "0000000000c1" in done.notes[0]
    )
    again = export(list(reversed(incidents)), fmt="acled")
    assert again.text == done.text and again.path is None  # same incidents, same bytes


def test_geoparquet_reads_back_with_pyarrow_and_its_geometry_decodes(
    incidents: list[Incident], tmp_path: Path
) -> None:
    path = write_geoparquet(incidents, tmp_path / "incidents.parquet")
    table = pq.read_table(path)
    assert table.num_rows == len(incidents)
    assert table.column_names == [*CSV_COLUMNS, "geometry"]
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert column["crs"]["id"] == {"authority": "OGC", "code": "CRS84"}
    assert column["bbox"] == [36.29, 32.5, 43.78, 33.64]  # [xmin, ymin, xmax, ymax]: lon, lat
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == sorted(i.id for i in incidents)
    by_id = {i.id: i for i in incidents}
    for row in rows:
        point = shapely.from_wkb(row["geometry"])
        assert isinstance(point, Point)
        assert (point.x, point.y) == (
            pytest.approx(by_id[row["id"]].lon),
            pytest.approx(by_id[row["id"]].lat),
        )
    ied = next(r for r in rows if r["id"] == "0a1b2c3d4e5f")
    assert (ied["fatalities"], ied["injured"], ied["source_count"], ied["actor"]) == (
        3,
        5,
        2,
        "État islamique",
    )
    assert next(r for r in rows if r["id"] == "0000000000ff")["fatalities"] is None
    assert str(table.schema.field("fatalities").type) == "int64"
    # Same incidents in another order: the same file.
    other = write_geoparquet(list(reversed(incidents)), tmp_path / "again.parquet")
    assert other.read_bytes() == path.read_bytes()


def test_geoparquet_of_no_incident_is_a_valid_empty_file(tmp_path: Path) -> None:
    table = pq.read_table(write_geoparquet([], tmp_path / "empty.parquet"))
    assert (
        table.num_rows == 0 and "bbox" not in json.loads(table.schema.metadata[b"geo"])["columns"]["geometry"]
    )


def test_geoparquet_needs_a_file(incidents: list[Incident]) -> None:
    with pytest.raises(GeomapError, match="binary format.*-o"):
        export(incidents, fmt="geoparquet")
    with pytest.raises(GeomapError, match="unknown export format 'kml'"):
        export(incidents, fmt="kml")


def test_every_event_type_and_precision_has_its_acled_code(tmp_path: Path) -> None:
    from geomap.records import EVENT_TYPES, PRECISIONS

    where = {p: resolution(f"Place {p}", 33.4, 43.3, precision=p) for p in PRECISIONS}
    by_type = [
        incident(f"{k:012x}", kind, where[PRECISIONS[k % len(PRECISIONS)]], "2021-04-05", "day", (source(k, "Q."),))
        for k, kind in enumerate(EVENT_TYPES)
    ]
    by_precision = [
        incident(f"{99 + k:012x}", "ied", where[p], "2021-04-05", "day", (source(k, "Q."),))
        for k, p in enumerate(PRECISIONS)
    ]
    every = by_type + by_precision
    table = write_acled(every, tmp_path / "acled.csv", countries=load_countries())
    frame = read_acled(tmp_path / "acled.csv")
    assert len(frame) == len(every) and table.left_out == ()
    assert set(frame["sub_event_type"]) >= {"Suicide bomb", "Grenade", "Air/drone strike"}
    assert set(frame.loc[frame["sub_event_type"] == "Suicide bomb", "event_type"]) == {"Explosions/Remote violence"}
    approximate = frame[frame["location"] == "Place approximate"]
    assert set(approximate["geo_precision"]) == {2}  # "30 km north of X": a place given near a town


def test_an_event_dated_by_its_report_is_about_a_week_for_acled(tmp_path: Path) -> None:
    reported = incident(
        "0000000000d1", "ied", resolution("Fallujah", 33.35, 43.78), "2021-06-04", "reported", (source(1, "q"),)
    )
    write_acled([reported], tmp_path / "acled.csv", countries=load_countries())
    (row,) = read_acled(tmp_path / "acled.csv").to_dict("records")
    assert (row["event_date"], row["time_precision"]) == ("2021-06-04", 2)
