"""Incidents as an ACLED-style CSV: ACLED's column names, vocabulary and precision codes.

ACLED (Armed Conflict Location & Event Data) publishes one row per event; analysts' tools read its
columns by name. This export writes the columns geomap can fill, in ACLED's order, with ACLED's values:

- ``event_type`` / ``sub_event_type`` / ``disorder_type`` from ACLED's event taxonomy (see
  :data:`ACLED_EVENT_TYPE`); ``time_precision`` 1 for a day, 3 for a month only (dated, as ACLED does,
  on the 15th, the month's middle); ``geo_precision`` 1 for a town or site, 2 for a place given as a
  bearing from a town ("north of X"), 3 for a province or country.
- ``iso`` is the numeric ISO 3166 code and ``country`` the English name, from the gazetteer's country
  table (:mod:`geomap.outputs.countries`); ``fatalities`` is 0 when no death is reported, as in ACLED.
- ``event_id_cnty`` is the country's ISO alpha-3 code and a number derived from geomap's incident id,
  which ``tags`` also gives (``geomap_id=...``); ``timestamp`` is the newest source's publication date
  (Unix time, UTC), so that the same build always gives the same file.

Incidents ACLED cannot date (a year only, a day without a year, no date) are left out and counted.
The mapping is documented in README.md, with the codebook it follows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geomap.fsutil import atomic_write_text
from geomap.outputs.countries import Country
from geomap.outputs.geojson import ACLED_SUB_EVENT_TYPE, COORDINATE_DECIMALS
from geomap.outputs.table import CSV_JOIN
from geomap.records import Incident

#: ACLED's columns that geomap fills, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: ACLED's event type of each sub-event type geomap produces (ACLED's taxonomy).
ACLED_EVENT_TYPE: dict[str, str] = {
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Attack": "Violence against civilians",
    "Other": "Strategic developments",
}
#: ACLED's disorder type of each event type.
ACLED_DISORDER_TYPE: dict[str, str] = {
    "Explosions/Remote violence": "Political violence",
    "Battles": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
}
#: ACLED's time precision codes: 1 the day is known, 2 about a week (the report's date: the event was on it or in
#: the days before), 3 only the month.
TIME_PRECISION = {"day": 1, "reported": 2, "month": 3}
#: ACLED's geo precision codes by geomap's place precision (2 is for a place given near a town, as a
#: distance and bearing from it is).
GEO_PRECISION = {"point": 1, "locality": 1, "approximate": 2, "admin1": 3, "country": 3}
_NEAR_TOWN = 2
_MID_MONTH = 15
#: Whole-number columns, written without ".0" and empty when unknown.
_INTEGER_COLUMNS = ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp")


@dataclass(frozen=True, slots=True, kw_only=True)
class AcledTable:
    """The rows (ACLED_COLUMNS) and the incidents left out because ACLED cannot date them."""

    rows: list[dict[str, Any]]
    left_out: tuple[str, ...]  # incident ids


def acled_table(incidents: Iterable[Incident], *, countries: dict[str, Country]) -> AcledTable:
    """The incidents as ACLED rows, sorted by date then id."""
    rows = []
    left_out = []
    for incident in sorted(incidents, key=lambda i: i.id):
        when = event_date(incident)
        if when is None:
            left_out.append(incident.id)
            continue
        rows.append(_row(incident, when, countries))
    rows.sort(key=lambda r: (r["event_date"], r["tags"]))
    return AcledTable(rows=rows, left_out=tuple(left_out))


def event_date(incident: Incident) -> tuple[str, int] | None:
    """ACLED's event date and time precision, or None when ACLED cannot date the incident."""
    precision = TIME_PRECISION.get(incident.date_precision)
    if precision is None or not incident.date:
        return None
    try:
        if incident.date_precision in ("day", "reported"):
            day = date.fromisoformat(incident.date)
        else:
            year, month = incident.date.split("-")
            day = date(int(year), int(month), _MID_MONTH)
    except ValueError:
        return None
    return day.isoformat(), precision


def write_acled(
    incidents: Iterable[Incident], path: Path | str, *, countries: dict[str, Country]
) -> AcledTable:
    """Write the ACLED CSV (UTF-8, ``\\n`` line ends) atomically; returns what it holds."""
    table = acled_table(incidents, countries=countries)
    atomic_write_text(Path(path), acled_csv(table.rows))
    return table


def acled_csv(rows: Sequence[dict[str, Any]]) -> str:
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(ACLED_COLUMNS))
    frame = frame.astype({name: "Int64" for name in _INTEGER_COLUMNS})
    text: str = frame.to_csv(index=False, lineterminator="\n")
    return text


def _row(incident: Incident, when: tuple[str, int], countries: dict[str, Country]) -> dict[str, Any]:
    place = incident.place
    sub_event_type = ACLED_SUB_EVENT_TYPE[incident.event_type]
    event_type = ACLED_EVENT_TYPE[sub_event_type]
    country = countries.get(place.country)
    geo_precision = GEO_PRECISION[place.precision]
    if geo_precision == 1 and any(s.bearing for s in incident.sources):
        geo_precision = _NEAR_TOWN
    event_day, time_precision = when
    return {
        "event_id_cnty": f"{country.iso_a3 if country else place.country}{_event_number(incident.id)}",
        "event_date": event_day,
        "year": int(event_day[:4]),
        "time_precision": time_precision,
        "disorder_type": ACLED_DISORDER_TYPE[event_type],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": incident.actor or "",
        "iso": int(country.iso_n3) if country and country.iso_n3 else None,
        "country": country.name if country else place.country,
        "admin1": place.admin1 or (place.canonical if place.precision == "admin1" else ""),
        "admin2": "",
        "location": place.canonical,
        "latitude": round(place.lat, COORDINATE_DECIMALS),
        "longitude": round(place.lon, COORDINATE_DECIMALS),
        "geo_precision": geo_precision,
        "source": "; ".join(_unique(_source_name(s.outlet, s.url, s.file) for s in incident.sources)),
        "notes": CSV_JOIN.join(s.quote for s in incident.sources),
        "fatalities": incident.fatalities or 0,
        "tags": f"geomap_id={incident.id}",
        "timestamp": _newest_publication(s.published for s in incident.sources),
    }


def _event_number(incident_id: str) -> int:
    """A number for ``event_id_cnty``: geomap's hexadecimal id read as a number (hashed when not hex)."""
    try:
        return int(incident_id, 16)
    except ValueError:
        return int(hashlib.sha1(incident_id.encode("utf-8")).hexdigest()[:12], 16)


def _source_name(outlet: str | None, url: str | None, file: str) -> str:
    if outlet:
        return outlet
    host = urlsplit(url).hostname if url else None
    return host or file


def _newest_publication(dates: Iterable[str | None]) -> int | None:
    days = []
    for value in dates:
        try:
            days.append(date.fromisoformat(value or ""))
        except ValueError:
            continue
    if not days:
        return None
    newest = max(days)
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
