"""Incidents as CSV, one row per incident, byte-for-byte reproducible.

The CSV carries the GeoJSON's fields; each incident's sources are flattened into ``" | "``-joined
columns. Rows are sorted by incident id and the file is replaced atomically. Every text cell of the file
goes through :func:`geomap.outputs.cells.safe_cell`, so that no article text runs as a spreadsheet formula
(:func:`incidents_to_rows` keeps the values as they are).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geomap.fsutil import atomic_write_text
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


def write_csv(incidents: Iterable[Incident], path: Path | str) -> Path:
    """Write one CSV row per incident (UTF-8, ``\\n`` line ends), atomically; returns the path."""
    import pandas as pd

    rows = [{key: safe_cell(value) for key, value in row.items()} for row in incidents_to_rows(incidents)]
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    # Counts that may be unknown: pandas would make them floats ("3.0") to hold the gaps.
    frame = frame.astype({name: "Int64" for name in NULLABLE_COUNTS})
    text = frame.to_csv(index=False, lineterminator="\n")
    target = Path(path)
    atomic_write_text(target, text)
    return target


def _joined(values: Iterable[str | None]) -> str:
    return CSV_JOIN.join(v or "" for v in values)
