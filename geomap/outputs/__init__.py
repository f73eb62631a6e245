"""The build's outputs: the map, GeoJSON and CSV, each written atomically and byte-for-byte reproducibly."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from geomap.errors import GeomapError
from geomap.records import Incident, ResolvedMention
from geomap.settings import Settings

#: What ``geomap export --format`` accepts.
EXPORT_FORMATS = ("geojson", "csv")


def write_outputs(
    incidents: Sequence[Incident],
    mentions: Sequence[ResolvedMention],
    output_dir: Path,
    *,
    settings: Settings,
    write_map: bool = True,
) -> list[str]:
    """Write incidents.geojson, incidents.csv, mentions.geojson and (unless not wanted) map.html."""
    from geomap.outputs.geojson import write_geojson, write_mentions_geojson
    from geomap.outputs.table import write_csv

    written = [
        write_geojson(incidents, output_dir / "incidents.geojson"),
        write_csv(incidents, output_dir / "incidents.csv"),
        write_mentions_geojson(mentions, output_dir / "mentions.geojson"),
    ]
    if write_map:
        from geomap.outputs.map import build_map

        written.append(
            build_map(incidents=incidents, mentions=mentions, path=output_dir / "map.html", settings=settings)
        )
    return [str(p) for p in written]


def export(incidents: Sequence[Incident], *, fmt: str, path: Path | None = None) -> str:
    """The incidents as GeoJSON or CSV text; also written to ``path`` when given."""
    from geomap.outputs.geojson import dumps_geojson, incidents_to_geojson, write_geojson
    from geomap.outputs.table import write_csv

    if fmt == "geojson":
        if path is not None:
            write_geojson(incidents, path)
            return path.read_text(encoding="utf-8")
        return dumps_geojson(incidents_to_geojson(incidents))
    if fmt == "csv":
        if path is None:
            with tempfile.TemporaryDirectory() as tmp:
                return write_csv(incidents, Path(tmp) / "incidents.csv").read_text(encoding="utf-8")
        write_csv(incidents, path)
        return path.read_text(encoding="utf-8")
    raise GeomapError(f"unknown export format {fmt!r}: use {' or '.join(EXPORT_FORMATS)}")
