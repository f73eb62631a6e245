"""The build's outputs: the map, GeoJSON and CSV, each written atomically and byte-for-byte reproducibly."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import GeomapError
from geomap.records import Incident, ResolvedMention
from geomap.settings import Settings

if TYPE_CHECKING:
    from geomap.outputs.parts import EventPart, MentionPart

#: What ``geomap export --format`` accepts, and which of them are binary (written to a file only).
EXPORT_FORMATS: tuple[str, ...] = ("geojson", "csv", "acled", "geoparquet")
BINARY_FORMATS: tuple[str, ...] = ("geoparquet",)


@dataclass(frozen=True, slots=True, kw_only=True)
class Export:
    """What an export wrote: its text (None for a binary format), its file, its rows, and notes for the user."""

    text: str | None
    path: Path | None
    rows: int
    notes: tuple[str, ...] = ()


def write_outputs(
    incidents: Sequence[Incident],
    mentions: Sequence[ResolvedMention],
    output_dir: Path,
    *,
    settings: Settings,
    write_map: bool = True,
) -> list[str]:
    """Write incidents.geojson, incidents.csv, mentions.geojson and (unless not wanted) map.html."""
    from geomap.outputs.parts import event_part, mention_parts

    events = [event_part(i, style=settings.map) for i in sorted(incidents, key=lambda i: i.id)]
    parts = mention_parts(sorted(mentions, key=lambda m: m.order), style=settings.map)
    return write_parts(
        events,
        lambda: iter(parts),
        output_dir,
        settings=settings,
        write_map=write_map,
        countries={m.place.country for m in mentions},
        points=lambda: [(m.place.lat, m.place.lon) for m in mentions],
    )


def write_parts(
    events: Sequence[EventPart],
    mentions: Callable[[], Iterator[MentionPart]],
    output_dir: Path,
    *,
    settings: Settings,
    write_map: bool,
    countries: set[str],
    points: Callable[[], list[tuple[float, float]]],
) -> list[str]:
    """:func:`write_outputs` of the events' parts (sorted by id) and the articles' mentions' parts (in file
    order; ``mentions`` gives them from the start at each call), which lie in ``countries``, at ``points``
    (what the map's first view fits without incidents)."""
    from geomap.outputs.geojson import write_lines
    from geomap.outputs.table import write_pieces

    written = [
        write_lines((e.feature for e in events), output_dir / "incidents.geojson"),
        write_pieces([e.row for e in events], output_dir / "incidents.csv"),
    ]
    # One pass over the articles' parts: their GeoJSON lines are written, their map rows kept.
    kept: list[MentionPart] = []

    def features() -> Iterator[bytes]:
        for part in mentions():
            if write_map:
                kept.append(replace(part, features=b""))
            yield part.features

    written.append(write_lines(features(), output_dir / "mentions.geojson"))
    if write_map:
        from geomap.outputs.map import write_map as write_page
        from geomap.outputs.parts import page_json

        page = page_json([e.map for e in events], kept, style=settings.map)
        del kept[:]
        written.append(
            write_page(
                page,
                countries={e.country for e in events} | countries,
                points=[(e.lat, e.lon) for e in events] or points(),
                path=output_dir / "map.html",
                settings=settings,
            )
        )
    return [str(p) for p in written]


def export(
    incidents: Sequence[Incident], *, fmt: str, path: Path | None = None, settings: Settings | None = None
) -> Export:
    """The incidents as GeoJSON, CSV, ACLED-style CSV or GeoParquet; written to ``path`` when given.

    Text formats without a ``path`` come back as text only; GeoParquet needs a ``path``.
    """
    if fmt not in EXPORT_FORMATS:
        raise GeomapError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt in BINARY_FORMATS and path is None:
        raise GeomapError(f"{fmt} is a binary format: give a file to write, e.g. -o incidents.parquet")
    if fmt == "geoparquet":
        from geomap.outputs.geoparquet import write_geoparquet

        assert path is not None
        write_geoparquet(incidents, path)
        return Export(text=None, path=path, rows=len(incidents))
    if fmt == "acled":
        return _export_acled(incidents, path=path, settings=settings or Settings())
    with tempfile.TemporaryDirectory() as tmp:
        target = path or Path(tmp) / f"incidents.{fmt}"
        if fmt == "geojson":
            from geomap.outputs.geojson import write_geojson

            write_geojson(incidents, target)
        else:
            from geomap.outputs.table import write_csv

            write_csv(incidents, target)
        text = target.read_text(encoding="utf-8")
    return Export(text=text, path=path, rows=len(incidents))


def _export_acled(incidents: Sequence[Incident], *, path: Path | None, settings: Settings) -> Export:
    from geomap.fsutil import atomic_write_text
    from geomap.outputs.acled import acled_csv, acled_table
    from geomap.outputs.countries import load_countries

    table = acled_table(incidents, countries=load_countries(settings))
    text = acled_csv(table.rows)
    if path is not None:
        atomic_write_text(path, text)
    notes: tuple[str, ...] = ()
    if table.left_out:
        notes = (
            f"{len(table.left_out)} incident(s) left out: ACLED needs a day or a month and year"
            f" (ids: {', '.join(table.left_out[:5])}{', ...' if len(table.left_out) > 5 else ''})",
        )
    return Export(text=text, path=path, rows=len(table.rows), notes=notes)
