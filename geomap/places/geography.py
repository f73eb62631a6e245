"""Where places lie: which one holds the other, and which country a point is in."""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
import shapely.ops
from shapely import STRtree
from shapely.geometry import Point

from geomap.errors import GazetteerError
from geomap.fsutil import atomic_write_bytes
from geomap.geo import destination, haversine_km
from geomap.places.names import name_key
from geomap.records import Resolution, lon_lat
from geomap.settings import Performance

# An extraction asks whether each of an article's places holds each other: the same few provinces' names
# are keyed again and again.
_name_key = lru_cache(maxsize=Performance.name_key_memo)(name_key)


def _in_bbox(bbox: tuple[float, float, float, float] | None, lat: float, lon: float) -> bool:
    """Within a unit's bounds (west, south, east, north), with a margin of about 5 km."""
    if bbox is None:
        return False
    west, south, east, north = bbox
    margin = 0.05
    return west - margin <= lon <= east + margin and south - margin <= lat <= north + margin


def lies_far_outside(province: Resolution, place: Resolution) -> bool:
    """Whether a town a sentence puts in ``province`` lies far outside it: a homonym of a place the gazetteer
    lacks (a town near the province's edge, which GeoNames may file under the next one, is not). A town a
    sentence puts in a country lies outside it when the gazetteer files it under another ("the Gara and
    Asos areas of the Kurdistan Region": Turkish villages of those names are not they)."""
    if province.precision == "country":
        return place.precision in ("locality", "point") and place.country != province.country
    return (
        province.precision == "admin1"
        and place.precision in ("locality", "point")
        and place.country == province.country
        and not contains(province, place)
        and haversine_km(province.lat, province.lon, place.lat, place.lon) > 2 * max(province.extent_km, 60.0)
    )


def contains(outer: Resolution, inner: Resolution) -> bool:
    """Whether ``outer`` (a country, a province, a town) holds ``inner`` (a smaller place)."""
    if outer.gazetteer_id == inner.gazetteer_id:
        return False
    if outer.precision == "country":
        return inner.country == outer.country and inner.precision != "country"
    if outer.precision == "admin1":
        # A province holds its towns by name; a district (an admin2 unit, whose admin1 is its province's
        # name, not its own) only by where they lie.
        is_province = _name_key(outer.admin1) == _name_key(outer.canonical)
        if inner.precision not in ("locality", "point", "approximate") or inner.country != outer.country:
            return False
        if is_province and inner.admin1:
            # The gazetteer says which province a town is in: a town of the next province is not inside,
            # however near the province's point or within its bounding box.
            return _name_key(inner.admin1) == _name_key(outer.admin1)
        return _in_bbox(outer.bbox, inner.lat, inner.lon) or haversine_km(
            outer.lat, outer.lon, inner.lat, inner.lon
        ) <= max(outer.extent_km, 60.0)
    if outer.precision == "locality":
        return _town_holds(inner, haversine_km(outer.lat, outer.lon, inner.lat, inner.lon))
    return False


def _town_holds(inner: Resolution, km: float) -> bool:
    """Whether a town holds ``inner``, which lies ``km`` from it."""
    # A site in a town, or a district named before its city ("le quartier de Karrada, au cœur de Bagdad").
    return (inner.precision == "point" and km <= 25.0) or (inner.precision == "locality" and km <= 10.0)


def distance_outside(outer: Resolution, inner: Resolution) -> float:
    """0 when ``outer`` holds ``inner`` (:func:`contains`), else how far apart they lie: a town's distance to
    the place is measured once, for both."""
    if outer.precision == "locality" and outer.gazetteer_id != inner.gazetteer_id:
        km = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
        return 0.0 if _town_holds(inner, km) else km
    return 0.0 if contains(outer, inner) else haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)


class CountryShapes:
    """Which country a point lies in, from the gazetteer's country outlines (Natural Earth, simplified).

    The outlines are read on first use and queried through an STRtree. Reading the GeoJSON costs most of
    a second of CPU in every process that asks (each worker of a build): with a ``cache_dir``, the
    outlines read are kept there in binary (WKB, the same coordinates bit for bit), keyed by the file's
    bytes, and read back from it in a few hundredths of a second.
    """

    def __init__(self, *, path: Path, cache_dir: Path | None = None) -> None:
        self.path = path
        self.cache_dir = cache_dir
        self._tree: STRtree | None = None
        self._codes: list[str] = []
        # A query costs a millisecond, and an article's places (the same towns from article to article)
        # are asked again and again.
        self._known: dict[tuple[float, float], str | None] = {}

    def country_at(self, lat: float, lon: float) -> str | None:
        """The ISO code of the country whose outline holds the point, or None (at sea, or unknown)."""
        key = (lat, lon)
        if key not in self._known:
            if len(self._known) >= Performance.resolution_memo:
                self._known.clear()
            self._known[key] = self._country_at(lat, lon)
        return self._known[key]

    def _country_at(self, lat: float, lon: float) -> str | None:
        if self._tree is None:
            self._load()
        assert self._tree is not None
        hits = self._tree.query(Point(*lon_lat(lat, lon)), predicate="intersects")
        return self._codes[int(hits[0])] if len(hits) else None

    def km_from(self, country: str, lat: float, lon: float) -> float | None:
        """How far the point lies from the country's outline (0 inside it); None for a country without one."""
        if self._tree is None:
            self._load()
        assert self._tree is not None
        shapes = [g for code, g in zip(self._codes, self._tree.geometries, strict=True) if code == country]
        if not shapes:
            return None
        point = Point(*lon_lat(lat, lon))
        nearest = min((shapely.ops.nearest_points(g, point)[0] for g in shapes), key=point.distance)
        return haversine_km(lat, lon, nearest.y, nearest.x)

    def seaward_bearing(self, lat: float, lon: float, *, km: float, step_deg: int = 15) -> float | None:
        """The bearing (degrees) from a coastal place towards the open sea at ``km``: the middle of the
        widest arc of bearings whose point at that distance lies in no country; None when every one is on
        land (an inland place: "60 miles off" it says nothing)."""
        bearings = list(range(0, 360, step_deg))
        at_sea = [self.country_at(*destination(lat, lon, km=km, bearing_deg=b)) is None for b in bearings]
        if all(at_sea) or not any(at_sea):
            return None  # inland, or a speck of land whose sea lies every way
        # Walk the circle from a land bearing so that no arc of sea wraps around the start.
        start = at_sea.index(False)
        best: tuple[int, int] = (0, 0)  # (length, first index) of the widest arc of sea
        run = 0
        for k in range(1, len(bearings) + 1):
            i = (start + k) % len(bearings)
            run = run + 1 if at_sea[i] else 0
            if run > best[0]:
                best = (run, i - run + 1)
        length, first = best
        return ((first + (length - 1) / 2) * step_deg) % 360

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
            kept = self._kept(data)
            if kept is not None:
                self._codes, geometries = kept
            else:
                features = json.loads(data.decode("utf-8"))["features"]
                self._codes = [str(f["properties"].get("iso_a2") or "") for f in features]
                geometries = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
                self._keep(data, geometries)
        except (OSError, ValueError, KeyError) as exc:
            raise GazetteerError(
                f"country outlines {self.path} cannot be read ({exc}): restore it from git or reinstall geomap"
            ) from exc
        self._tree = STRtree(geometries)

    def _cache_file(self, data: bytes) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / "country-outlines" / f"{hashlib.sha256(data).hexdigest()[:24]}.marshal"

    def _kept(self, data: bytes) -> tuple[list[str], Any] | None:
        """The codes and outlines kept for these bytes of the file, if any (anything unreadable: none)."""
        path = self._cache_file(data)
        if path is None:
            return None
        try:
            codes, wkbs = marshal.loads(path.read_bytes())
            geometries = shapely.from_wkb(wkbs)
        except (OSError, EOFError, ValueError, TypeError, shapely.errors.ShapelyError):
            return None
        if not (isinstance(codes, list) and len(codes) == len(geometries) and all(isinstance(c, str) for c in codes)):
            return None
        return codes, geometries

    def _keep(self, data: bytes, geometries: Any) -> None:
        path = self._cache_file(data)
        if path is not None:
            with contextlib.suppress(OSError, ValueError):  # a folder that cannot be written: read again next time
                atomic_write_bytes(path, marshal.dumps((self._codes, [bytes(b) for b in shapely.to_wkb(geometries)])))


@lru_cache(maxsize=4)
def country_shapes(path: Path, cache_dir: Path | None = None) -> CountryShapes:
    """The outlines of ``path``, shared by the whole process (kept in binary in ``cache_dir``, if given)."""
    return CountryShapes(path=path, cache_dir=cache_dir)
