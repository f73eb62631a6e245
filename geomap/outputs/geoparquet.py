"""Incidents as GeoParquet 1.1: the CSV's columns and a WKB point geometry, readable by DuckDB, GeoPandas,
QGIS (GDAL) and BigQuery without conversion.

The file's ``geo`` metadata names the geometry column (``geometry``, WKB-encoded points in longitude,
latitude order), its geometry types, its CRS (OGC:CRS84, as PROJJSON) and the bounding box of the
incidents. Rows are sorted by incident id and the column types are fixed, so the same incidents give the
same file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.fsutil import atomic_write_bytes
from geomap.outputs.table import CSV_COLUMNS, NULLABLE_COUNTS, incidents_to_rows
from geomap.records import Incident, lon_lat

GEOPARQUET_VERSION = "1.1.0"
GEOMETRY_COLUMN = "geometry"
#: OGC:CRS84 (WGS 84, longitude then latitude) as PROJJSON, the CRS GeoParquet assumes by default.
CRS84_PROJJSON: dict[str, Any] = {
    "$schema": "https://proj.org/schemas/v0.7/projjson.schema.json",
    "type": "GeographicCRS",
    "name": "WGS 84 (CRS84)",
    "datum": {
        "type": "GeodeticReferenceFrame",
        "name": "World Geodetic System 1984",
        "ellipsoid": {"name": "WGS 84", "semi_major_axis": 6378137, "inverse_flattening": 298.257223563},
    },
    "coordinate_system": {
        "subtype": "ellipsoidal",
        "axis": [
            {"name": "Geodetic longitude", "abbreviation": "Lon", "direction": "east", "unit": "degree"},
            {"name": "Geodetic latitude", "abbreviation": "Lat", "direction": "north", "unit": "degree"},
        ],
    },
    "id": {"authority": "OGC", "code": "CRS84"},
}
_FLOATS = ("extent_km", "lat", "lon")
_INTEGERS = ("source_count", *NULLABLE_COUNTS)


def incidents_table(incidents: Iterable[Incident]) -> Any:
    """The incidents as a ``pyarrow.Table`` with GeoParquet's ``geo`` schema metadata."""
    import pyarrow as pa
    import shapely

    rows = incidents_to_rows(incidents)
    fields = []
    arrays = []
    for name in CSV_COLUMNS:
        kind = pa.float64() if name in _FLOATS else pa.int64() if name in _INTEGERS else pa.string()
        fields.append(pa.field(name, kind))
        arrays.append(pa.array([row[name] for row in rows], type=kind))
    points = shapely.points([lon_lat(row["lat"], row["lon"]) for row in rows]) if rows else []
    wkb = shapely.to_wkb(points, output_dimension=2, byte_order=1) if rows else []
    fields.append(pa.field(GEOMETRY_COLUMN, pa.binary(), nullable=False))
    arrays.append(pa.array(list(wkb), type=pa.binary()))
    column: dict[str, Any] = {"encoding": "WKB", "geometry_types": ["Point"], "crs": CRS84_PROJJSON}
    if rows:
        xs = [row["lon"] for row in rows]
        ys = [row["lat"] for row in rows]
        column["bbox"] = [min(xs), min(ys), max(xs), max(ys)]
    geo = {
        "version": GEOPARQUET_VERSION,
        "primary_column": GEOMETRY_COLUMN,
        "columns": {GEOMETRY_COLUMN: column},
    }
    schema = pa.schema(fields, metadata={b"geo": json.dumps(geo, separators=(",", ":")).encode("utf-8")})
    return pa.Table.from_arrays(arrays, schema=schema)


def write_geoparquet(incidents: Iterable[Incident], path: Path | str) -> Path:
    """Write the GeoParquet file atomically; returns its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = incidents_table(incidents)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    target = Path(path)
    atomic_write_bytes(target, sink.getvalue().to_pybytes())
    return target
