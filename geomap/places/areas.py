"""Where an administrative unit is, from its own places: the hull of its towns and villages, a point at its
centre inside that hull, and its extent. A province-level incident is then drawn at the province's centre
with its area, not at its largest town (Diyala at Khanaqin, 50 km from its middle).

The centre is the mean of the unit's places, each weighted by the square root of its population: a
province's news happens where its people live, and the empty desert of a province (Anbar) does not pull
its point 200 km away from every town; a town of 100,000 weighs as much as 300 villages, so a dump's many
villages (population 0, weight 1) pull the point off the capital. It is kept inside the hull.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.geo import EARTH_RADIUS_KM, haversine_km
from geomap.places.rows import BBox
from geomap.records import lon_lat

#: Fewer places than this give no area worth a hull.
MIN_PLACES = 3
#: Places farther from the unit's median point than this many times the median distance are outliers
#: (a mis-coded village of another province); dropped before the hull is drawn.
OUTLIER_FACTOR = 4.0


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitArea:
    """An admin unit's centre, extent (radius, km) and bounds (west, south, east, north)."""

    lat: float
    lon: float
    extent_km: float
    bbox: BBox


def unit_area(
    points: Sequence[tuple[float, float, int]], *, min_extent_km: float = 10.0
) -> UnitArea | None:
    """The area of a unit whose places are ``points`` ((lat, lon, population) each); None for fewer than
    three distinct positions.

    The hull (concave, so that an L-shaped province keeps its shape) of the places without outliers; the
    weighted centre of those places, moved onto the hull when it falls outside; the extent is the radius of
    a disc of the hull's area.
    """
    import shapely

    weight: dict[tuple[float, float], float] = {}
    for lat, lon, population in points:
        weight[(lat, lon)] = weight.get((lat, lon), 0.0) + math.sqrt(max(population, 0) + 1)
    unique = sorted(weight)
    if len(unique) < MIN_PLACES:
        return None
    mid_lat = statistics.median(p[0] for p in unique)
    mid_lon = statistics.median(p[1] for p in unique)
    dists = [haversine_km(mid_lat, mid_lon, lat, lon) for lat, lon in unique]
    limit = max(statistics.median(dists) * OUTLIER_FACTOR, min_extent_km)
    kept = [p for p, d in zip(unique, dists, strict=True) if d <= limit]
    if len(kept) < MIN_PLACES:
        kept = unique
    cloud = shapely.MultiPoint([lon_lat(lat, lon) for lat, lon in kept])
    hull = shapely.concave_hull(cloud, ratio=0.5) if len(kept) > 8 else cloud.convex_hull
    if hull.geom_type != "Polygon" or hull.area == 0:
        hull = cloud.convex_hull
    total = sum(weight[p] for p in kept)
    centre = shapely.Point(
        sum(weight[p] * p[1] for p in kept) / total, sum(weight[p] * p[0] for p in kept) / total
    )
    if hull.geom_type == "Polygon" and not hull.covers(centre):
        centre = hull.exterior.interpolate(hull.exterior.project(centre))
    west, south, east, north = hull.bounds
    # Degrees squared to km squared at the unit's latitude.
    km_per_deg = math.pi * EARTH_RADIUS_KM / 180
    area_km2 = hull.area * km_per_deg**2 * math.cos(math.radians(centre.y))
    extent = max(min_extent_km, math.sqrt(area_km2 / math.pi)) if area_km2 > 0 else min_extent_km
    return UnitArea(
        lat=round(centre.y, 5),
        lon=round(centre.x, 5),
        extent_km=round(extent, 1),
        bbox=(round(west, 4), round(south, 4), round(east, 4), round(north, 4)),
    )
