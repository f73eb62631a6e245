"""An admin unit's centre and area from its own places (geomap.places.areas)."""

from __future__ import annotations

import pytest

from geomap.geo import haversine_km
from geomap.places.areas import unit_area


def test_a_unit_is_placed_at_the_centre_of_its_places_not_at_its_largest_town() -> None:
    # A town of 2,500 on the unit's eastern edge (it weighs as 50 villages) and 64 villages west of it.
    villages = [(33.0 + 0.1 * i, 44.0 + 0.1 * j, 0) for i in range(8) for j in range(8)]
    town = (33.35, 44.8, 2_499)
    area = unit_area([*villages, town])
    assert area is not None
    assert 44.35 < area.lon < 44.8 and 33.3 < area.lat < 33.4  # between the villages' middle and the town
    assert haversine_km(area.lat, area.lon, town[0], town[1]) > 15
    assert area.bbox == pytest.approx((44.0, 33.0, 44.8, 33.7))
    # The extent is the radius of a disc of the hull's area (about 75 x 78 km here).
    assert 35 < area.extent_km < 50


def test_population_weighs_by_its_square_root() -> None:
    two = [(33.0, 44.0, 0), (33.0, 45.0, 0), (34.0, 44.5, 0)]
    heavy = unit_area([*two, (33.0, 44.0, 9999)])  # sqrt(10000) = 100 times a village
    light = unit_area(two)
    assert heavy is not None and light is not None
    assert heavy.lon < light.lon and heavy.lat < light.lat


def test_an_outlier_does_not_stretch_the_area_and_the_point_stays_inside() -> None:
    # An L-shaped unit, and one mis-coded village 500 km away.
    shape = [(33.0 + 0.1 * i, 44.0, 0) for i in range(10)] + [(33.0, 44.0 + 0.1 * j, 0) for j in range(1, 10)]
    area = unit_area([*shape, (37.5, 44.0, 0)])
    assert area is not None and area.bbox[3] < 34.0  # north bound ignores the outlier
    west, south, east, north = area.bbox
    assert west <= area.lon <= east and south <= area.lat <= north


def test_too_few_places_give_no_area() -> None:
    assert unit_area([(33.0, 44.0, 10), (33.1, 44.1, 0)]) is None
    assert unit_area([(33.0, 44.0, 10)] * 5) is None
