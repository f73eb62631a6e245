"""Places given by a distance and a bearing from a named place (geomap/extract/offsets.py)."""

from __future__ import annotations

from geomap.extract.offsets import displaced
from geomap.geo import haversine_km
from tests.support import place

_BAGHDAD = place("geonames:98182", 33.3406, 44.4009, admin1="Baghdad")


def test_a_point_far_off_its_town_keeps_no_province() -> None:
    # "about 70 miles northeast of Baghdad" lies in Diyala: no province is better than Baghdad's.
    far = displaced(_BAGHDAD, 113.0, 45.0)
    assert (far.precision, far.admin1, far.country) == ("approximate", "", "IQ")
    assert round(haversine_km(_BAGHDAD.lat, _BAGHDAD.lon, far.lat, far.lon)) == 113
    # A few kilometres off, it is still the town's.
    assert displaced(_BAGHDAD, 5.0, 90.0).admin1 == "Baghdad"
