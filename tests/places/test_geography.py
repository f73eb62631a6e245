"""Which country a point lies in, and which way the sea lies from a port (the gazetteer's country outlines)."""

from __future__ import annotations

import pytest

from geomap.places.gazetteer import COUNTRIES_FILE, data_dir
from geomap.places.geography import CountryShapes, country_shapes
from geomap.settings import Settings


@pytest.fixture(scope="module")
def shapes(settings: Settings) -> CountryShapes:
    return country_shapes(data_dir(settings) / COUNTRIES_FILE)


def test_a_point_lies_in_its_country_and_the_sea_in_none(shapes: CountryShapes) -> None:
    assert shapes.country_at(33.31, 44.36) == "IQ"  # Baghdad
    assert shapes.country_at(14.80, 41.90) is None  # the Red Sea west of Hodeidah


@pytest.mark.parametrize(
    ("port", "lat", "lon", "km", "towards"),
    [
        ("Hodeidah, on the Red Sea's eastern shore", 14.798, 42.954, 111, 270),
        ("Aden, on the Gulf of Aden's northern shore", 12.779, 45.037, 74, 180),
        ("Odesa, on the Black Sea's north-western shore", 46.477, 30.733, 50, 150),
    ],
)
def test_the_sea_lies_away_from_the_shore(
    shapes: CountryShapes, port: str, lat: float, lon: float, km: float, towards: float
) -> None:
    bearing = shapes.seaward_bearing(lat, lon, km=km)
    assert bearing is not None, port
    off = abs((bearing - towards + 180) % 360 - 180)
    assert off <= 50, f"{port}: {bearing}"


def test_an_inland_town_has_no_sea_around_it(shapes: CountryShapes) -> None:
    assert shapes.seaward_bearing(36.34, 43.13, km=50) is None  # Mosul
