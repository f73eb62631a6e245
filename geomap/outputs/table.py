"""Incidents as CSV, one row per incident, byte-for-byte reproducible.

The CSV carries the GeoJSON's fields; each incident's sources are flattened into ``" | "``-joined
columns. Rows are sorted by incident id and the file is replaced atomically. Every text cell of the file
goes through :func:`geomap.outputs.cells.safe_cell`, so that no article text runs as a spreadsheet formula
(:func:`incidents_to_rows` keeps the values as they are).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geomap.fsutil import atomic_write_chunks
from geomap.outputs.cells import safe_cell
from geomap.outputs.geojson import COORDINATE_DECIMALS, INCIDENT_PROPERTIES, incident_properties
from geomap.records import Incident

#: Separator of the values that the CSV packs into one cell (one per source).
CSV_JOIN = " | "


def incidents_to_rows(incidents: Iterable[Incident]) -> list[dict[str, Any]]:
    """One flat dict per incident, sorted by id: the CSV's rows."""
    rows = []
    for incident in sorted(incidents, key=lambda i: i.id):
        properties = incident_properties(incident)
        sources = properties.pop("sources")
        row: dict[str, Any] = dict(properties)
        launched = properties["launched_from"]
        row["launched_from"] = launched["place"] if launched else ""
        row["lat"] = round(incident.lat, COORDINATE_DECIMALS)
        row["lon"] = round(incident.lon, COORDINATE_DECIMALS)
        row["source_count"] = len(sources)
        row["source_files"] = _joined(s["file"] for s in sources)
        row["source_titles"] = _joined(s["title"] for s in sources)
        row["source_outlets"] = _joined(s["outlet"] for s in sources)
        row["source_urls"] = _joined(s["url"] for s in sources)
        row["source_published"] = _joined(s["published"] for s in sources)
        row["quotes"] = _joined(q for s in sources for q in s["quotes"])
        rows.append(row)
    return rows


CSV_COLUMNS: tuple[str, ...] = (
    *(p for p in INCIDENT_PROPERTIES if p != "sources"),
    "lat",
    "lon",
    "source_count",
    "source_files",
    "source_titles",
    "source_outlets",
    "source_urls",
    "source_published",
    "quotes",
)


#: Columns of whole numbers that are empty when the articles do not give them.
NULLABLE_COUNTS = ("fatalities", "injured")


#: Columns of numbers: written as pandas wrote them (whole numbers as such unless the column holds a
#: fraction or a gap, then every number as a float).
NUMBER_COLUMNS = ("extent_km", "lat", "lon", "source_count")
#: Rows turned into CSV text at a time.
_BATCH = 500


def write_csv(incidents: Iterable[Incident], path: Path | str) -> Path:
    """Write one CSV row per incident (UTF-8, ``\\n`` line ends), atomically; returns the path.

    The bytes pandas' ``to_csv`` wrote (the file's format before), with the csv module alone: minimal
    quoting, empty cells for gaps, numbers as :data:`NUMBER_COLUMNS` and :data:`NULLABLE_COUNTS` say.
    """
    rows = incidents_to_rows(incidents)
    values = [[row[name] for name in CSV_COLUMNS] for row in rows]
    numbers = [CSV_COLUMNS.index(name) for name in NUMBER_COLUMNS]
    floats = {k for k in numbers if not all(type(row[k]) is int for row in values)}
    target = Path(path)
    atomic_write_chunks(target, _csv_text(values, floats=floats))
    return target


def csv_pieces(incident: Incident) -> list[Any]:
    """An incident's CSV line as :func:`write_csv` writes it but for its numbers, which depend on the other
    rows (:data:`NUMBER_COLUMNS`): its runs of other cells written (joined by ","), each number as
    ``[value]``, in column order (kept per merge region, see :mod:`geomap.outputs.parts`)."""
    row = incidents_to_rows([incident])[0]
    pieces: list[Any] = []
    run: list[Any] = []
    for name in CSV_COLUMNS:
        if name in NUMBER_COLUMNS:
            if run:
                pieces.append(_written(run))
                run = []
            pieces.append([row[name]])
        else:
            run.append(_csv_cell(row[name], as_float=False))
    if run:
        pieces.append(_written(run))
    return pieces


def _written(cells: list[Any]) -> str:
    # Quoting is decided cell by cell; a last empty cell keeps a lone empty one from being written '""'.
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([*cells, ""])
    return buffer.getvalue()[:-2]


def write_pieces(rows: list[list[Any]], path: Path | str) -> Path:
    """Write rows of :func:`csv_pieces` (sorted by id) as :func:`write_csv` does; returns the path."""
    numbers = [[p[0] for p in row if type(p) is list] for row in rows]
    floats = [not all(type(v) is int for v in column) for column in zip(*numbers, strict=True)]
    target = Path(path)
    atomic_write_chunks(target, _pieces_text(rows, floats=floats))
    return target


def _pieces_text(rows: list[list[Any]], *, floats: list[bool]) -> Iterator[str]:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(CSV_COLUMNS)
    yield buffer.getvalue()
    for start in range(0, len(rows), _BATCH):
        yield "".join(_line(row, floats) for row in rows[start : start + _BATCH])


def _line(row: list[Any], floats: list[bool]) -> str:
    cells, k = [], 0
    for piece in row:
        if type(piece) is str:
            cells.append(piece)
            continue
        value = piece[0]
        cells.append("" if value is None else repr(float(value)) if floats[k] else str(value))
        k += 1
    return ",".join(cells) + "\n"


def _csv_text(rows: list[list[Any]], *, floats: set[int]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for start in range(0, len(rows), _BATCH):
        writer.writerows(
            [_csv_cell(value, as_float=k in floats) for k, value in enumerate(row)]
            for row in rows[start : start + _BATCH]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _csv_cell(value: Any, *, as_float: bool) -> Any:
    if value is None:
        return ""
    if as_float:
        return repr(float(value))
    return safe_cell(value)


def _joined(values: Iterable[str | None]) -> str:
    return CSV_JOIN.join(v or "" for v in values)
