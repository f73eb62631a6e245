"""Where places lie relative to each other: which one holds the other."""

from __future__ import annotations

from geomap.geo import haversine_km
from geomap.places.names import name_key
from geomap.records import Resolution


def contains(outer: Resolution, inner: Resolution) -> bool:
    """Whether ``outer`` (a country, a province, a town) holds ``inner`` (a smaller place)."""
    if outer.gazetteer_id == inner.gazetteer_id:
        return False
    if outer.precision == "country":
        return inner.country == outer.country and inner.precision != "country"
    if outer.precision == "admin1":
        return (
            inner.precision in ("locality", "point")
            and inner.country == outer.country
            and (
                (bool(inner.admin1) and name_key(inner.admin1) == name_key(outer.admin1))
                or haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= max(outer.extent_km, 60.0)
            )
        )
    if outer.precision == "locality":
        km = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
        # A site in a town, or a district named before its city ("le quartier de Karrada, au cœur de Bagdad").
        return (inner.precision == "point" and km <= 25.0) or (inner.precision == "locality" and km <= 10.0)
    return False
