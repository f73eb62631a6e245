"""The offline basemap inside the page: country outlines, provinces, and the names of capitals and towns.

Everything comes from the gazetteer: the outlines from Natural Earth (``countries.geojson``), the provinces
from its admin1 rows (their point, and their extent: a box when the gazetteer knows it, else a radius),
the capitals from the country table, the towns from its populated places. Towns are labelled everywhere
from ``MapStyle.basemap_town_min_population`` and, in the countries the incidents lie in, from
``basemap_local_town_min_population``; each label gets the zoom from which it shows (capitals first, then
by population, see ``MapStyle.town_label_zooms``), and the page places as many as fit without overlapping.

The outlines and provinces are the same for every map of one gazetteer: they are packed once and kept in
the user's data folder beside the gazetteer index (``basemap-<key>.json``), with the towns, so that a
build reads one small file instead of scanning the gazetteer and compressing the outlines again. The labels
of a map are kept too (``labels-<key>.json``), under the key of all they are made of (the towns, the
countries' capitals, the countries the map details, the style): a rebuild reads them instead of going over
45,000 towns.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.fsutil import atomic_write_text
from geomap.outputs.countries import Country
from geomap.outputs.mapdata import dumps, pack_json
from geomap.places.gazetteer import Gazetteer
from geomap.settings import MapStyle

#: Bump when the cached file's layout changes.
CACHE_VERSION = "3"
#: How many maps' labels are kept (each a few hundred KB).
KEPT_LABELS = 16
#: A province: [name, lat, lon, [west, south, east, north] or null, country].
PROVINCE_FIELDS = ("name", "lat", "lon", "bbox", "country")
#: A label: [name, lat, lon, zoom from which it shows, 1 for a capital]; listed most important first.
LABEL_FIELDS = ("name", "lat", "lon", "minZoom", "capital")
_TOWN = ("name", "lat", "lon", "country", "population", "id")


@dataclass(frozen=True, slots=True, kw_only=True)
class Basemap:
    """``shapes``: the packed outlines and provinces (``{"countries": ..., "provinces": [...]}``, gzip and
    base64); ``labels``: the town and capital labels (LABEL_FIELDS), most important first."""

    shapes: str
    labels: list[list[Any]]


def basemap(
    *,
    outlines_path: Path,
    gazetteer: Gazetteer,
    countries: dict[str, Country],
    local_countries: Iterable[str],
    style: MapStyle,
    cache_dir: Path,
) -> Basemap:
    """The basemap for a map of incidents in ``local_countries``."""
    try:
        outlines = outlines_path.read_bytes()
    except FileNotFoundError as exc:
        raise GazetteerError(
            f"the country outline file {outlines_path} is missing: run `python -m geomap.tools.boundaries`"
            " to build it"
        ) from exc
    key = hashlib.sha256(
        "|".join(
            (
                CACHE_VERSION,
                gazetteer.version,
                str(style.basemap_local_town_min_population),
                str(style.payload_compresslevel),
            )
        ).encode()
        + hashlib.sha256(outlines).digest()
    ).hexdigest()[:16]
    # Named by the gazetteer's folder too: the files of that folder's earlier data are removed.
    folder = hashlib.sha256(str(gazetteer.directory.resolve()).encode()).hexdigest()[:8]
    cache = cache_dir / f"basemap-{folder}-{key}.json"
    local = set(local_countries)
    capitals = [repr(c) for _code, c in sorted(countries.items())]
    labels_key = hashlib.sha256(json.dumps([key, sorted(local), repr(style), capitals]).encode()).hexdigest()[:16]
    labels_path = cache_dir / f"labels-{folder}-{labels_key}.json"
    labels = _read_labels(labels_path)
    cached = _read_cache(cache, towns=labels is None)
    if cached is None:
        cached = _scan(outlines, outlines_path, gazetteer, style)
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"basemap-{folder}-*.json"):
            old.unlink(missing_ok=True)
        atomic_write_text(cache, f"{dumps(cached['shapes'])}\n{dumps(cached['towns'])}")
    if labels is None:
        labels = _labels(cached["towns"], countries, local, style)
        _keep_labels(labels_path, labels, pattern=f"labels-{folder}-*.json")
    return Basemap(shapes=cached["shapes"], labels=labels)


def _read_cache(path: Path, *, towns: bool) -> dict[str, Any] | None:
    """The kept shapes (and towns, when asked for): a line of each."""
    try:
        shapes, _, rest = path.read_text(encoding="utf-8").partition("\n")
        found = {"shapes": json.loads(shapes), "towns": json.loads(rest) if towns else None}
    except (OSError, ValueError):
        return None
    return found if isinstance(found["shapes"], str) and (not towns or isinstance(found["towns"], list)) else None


def _read_labels(path: Path) -> list[list[Any]] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(found, list) or not all(isinstance(row, list) and len(row) == len(LABEL_FIELDS) for row in found):
        return None
    return found


def _keep_labels(path: Path, labels: list[list[Any]], *, pattern: str) -> None:
    """Keep a map's labels (and the last few others'); a folder that cannot hold them costs the next
    build their making, nothing else."""
    with contextlib.suppress(OSError):
        kept = sorted(path.parent.glob(pattern), key=lambda p: p.stat().st_mtime)
        for old in kept[: -(KEPT_LABELS - 1)]:
            old.unlink(missing_ok=True)
        atomic_write_text(path, dumps(labels))


def _scan(outlines: bytes, outlines_path: Path, gazetteer: Gazetteer, style: MapStyle) -> dict[str, Any]:
    """The packed outlines and provinces, and the towns, from one pass over the gazetteer."""
    text = outlines.decode("utf-8").strip()
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise GazetteerError(
            f"{outlines_path} is not valid JSON ({exc}): rebuild it with geomap.tools.boundaries"
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GazetteerError(
            f"{outlines_path} is not a GeoJSON FeatureCollection: rebuild it with geomap.tools.boundaries"
        )
    provinces: list[list[Any]] = []
    towns: list[list[Any]] = []
    for place in gazetteer:
        if place.feature == "ADM1":
            bbox = [round(v, 3) for v in place.bbox] if place.bbox else None
            provinces.append([place.name, round(place.lat, 3), round(place.lon, 3), bbox, place.country])
        elif place.precision == "locality" and place.population >= style.basemap_local_town_min_population:
            towns.append(
                [
                    place.name,
                    round(place.lat, 3),
                    round(place.lon, 3),
                    place.country,
                    place.population,
                    place.id,
                ]
            )
    provinces.sort(key=lambda p: (str(p[4]), str(p[0])))
    towns.sort(key=lambda t: (-int(t[4]), str(t[0]), str(t[5])))
    # The outline file's own text is embedded: re-dumping its hundred thousand floats would cost more.
    shapes = f'{{"countries":{text},"provinces":{dumps(provinces)}}}'
    return {"shapes": pack_json(shapes, level=style.payload_compresslevel), "towns": towns}


def _labels(
    towns: list[list[Any]], countries: dict[str, Country], local: set[str], style: MapStyle
) -> list[list[Any]]:
    labels: list[tuple[int, int, str, list[Any]]] = []
    capitals = set()
    population = {t[5]: t[4] for t in towns}
    for country in countries.values():
        if country.capital_id and country.capital_lat is not None and country.capital_lon is not None:
            capitals.add(country.capital_id)
            zoom = style.capital_label_zoom
            row = [country.capital, country.capital_lat, country.capital_lon, zoom, 1]
            # Where two capitals would overlap, the bigger one is named.
            labels.append((zoom, -population.get(country.capital_id, 0), country.capital, row))
    tiers = sorted(style.town_label_zooms, reverse=True)
    for name, lat, lon, country, population, place_id in towns:
        if place_id in capitals:
            continue
        if population < (
            style.basemap_local_town_min_population if country in local else style.basemap_town_min_population
        ):
            continue
        zoom = next((z for floor, z in tiers if population >= floor), tiers[-1][1])
        labels.append((zoom, -population, name, [name, lat, lon, zoom, 0]))
    labels.sort(key=lambda item: (item[0], item[1], item[2]))
    return [row for *_, row in labels]
