"""Which country a point lies in, and which way the sea lies from a port (the gazetteer's country outlines)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geomap.places.gazetteer import COUNTRIES_FILE, data_dir
from geomap.places.geography import CountryShapes, contains, country_shapes
from geomap.settings import Settings
from tests.support import place


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


def test_how_far_a_point_lies_from_a_country(shapes: CountryShapes) -> None:
    assert shapes.km_from("BF", 12.37, -1.53) == 0.0  # Ouagadougou
    niamey = shapes.km_from("BF", 13.51, 2.11)
    assert niamey is not None and 50 < niamey < 250  # Niger's capital, near the border
    kosi = shapes.km_from("BF", 27.79, 77.44)  # a town of Uttar Pradesh
    assert kosi is not None and kosi > 5000
    assert shapes.km_from("XX", 0.0, 0.0) is None


def test_a_province_holds_its_own_towns_not_those_of_the_next() -> None:
    donetsk = replace(
        place("geonames:709716", 48.02, 37.80, "admin1", admin1="Donetska oblast"),
        canonical="Donetska oblast",
        extent_km=150.0,
    )
    bakhmut = place("geonames:713174", 48.59, 38.00, admin1="Donetska oblast")
    next_door = place("geonames:713391", 46.90, 36.61, admin1="Zaporizka oblast")  # 150 km away
    unknown = place("curated:x", 47.50, 37.50)  # no province known: where it lies decides
    assert contains(donetsk, bakhmut) and not contains(donetsk, next_door) and contains(donetsk, unknown)
