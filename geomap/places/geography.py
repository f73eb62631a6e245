"""Where places lie relative to each other: which one holds the other."""

from __future__ import annotations

from geomap.geo import haversine_km
from geomap.places.names import name_key
from geomap.records import Resolution


def _in_bbox(bbox: tuple[float, float, float, float] | None, lat: float, lon: float) -> bool:
    """Within a unit's bounds (west, south, east, north), with a margin of about 5 km."""
    if bbox is None:
        return False
    west, south, east, north = bbox
    margin = 0.05
    return west - margin <= lon <= east + margin and south - margin <= lat <= north + margin


def contains(outer: Resolution, inner: Resolution) -> bool:
    """Whether ``outer`` (a country, a province, a town) holds ``inner`` (a smaller place)."""
    if outer.gazetteer_id == inner.gazetteer_id:
        return False
    if outer.precision == "country":
        return inner.country == outer.country and inner.precision != "country"
    if outer.precision == "admin1":
        # A province holds its towns by name; a district (an admin2 unit, whose admin1 is its province's
        # name, not its own) only by where they lie.
        is_province = name_key(outer.admin1) == name_key(outer.canonical)
        return (
            inner.precision in ("locality", "point")
            and inner.country == outer.country
            and (
                (is_province and bool(inner.admin1) and name_key(inner.admin1) == name_key(outer.admin1))
                or _in_bbox(outer.bbox, inner.lat, inner.lon)
                or haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= max(outer.extent_km, 60.0)
            )
        )
    if outer.precision == "locality":
        km = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
        # A site in a town, or a district named before its city ("le quartier de Karrada, au cœur de Bagdad").
        return (inner.precision == "point" and km <= 25.0) or (inner.precision == "locality" and km <= 10.0)
    return False
