"""Distances on the sphere (the one place with Earth's radius)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def destination(lat: float, lon: float, *, km: float, bearing_deg: float) -> tuple[float, float]:
    """The (lat, lon) ``km`` from (lat, lon) in the direction ``bearing_deg`` (0 north, 90 east)."""
    p1, l1 = math.radians(lat), math.radians(lon)
    d, b = km / EARTH_RADIUS_KM, math.radians(bearing_deg)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
