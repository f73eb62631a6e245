"""The gazetteer's files written by the geomap team (``gazetteer/``): the curated places and names
(``curated.csv``), other names of known places (``aliases.csv``) and the localities GeoNames lacks
(``localities.csv``). Each is read and validated here; a bad row stops with its file, line and value."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from geomap.errors import CuratedRowError
from geomap.places.rows import Row
from geomap.records import PRECISIONS

CURATED_FILE = "curated.csv"
#: Other names of places the gazetteer has ("the Afghan capital"): unlike a curated alias, they neither rank
#: the place higher nor vouch for it outside the article's countries.
ALIASES_FILE = "aliases.csv"
ALIASES_COLUMNS = ("ref", "aliases", "source", "note")
CURATED_COLUMNS = (
    "name",
    "aliases",
    "ref",
    "lat",
    "lon",
    "precision",
    "feature",
    "country",
    "admin1",
    "source",
    "note",
)


def _float(value: str, *, column: str, line: int, path: Path) -> float:
    try:
        return float(value)
    except ValueError:
        raise CuratedRowError(f"{path}:{line}: column {column!r} must be a number, got {value!r}") from None


def _coordinates(row: dict[str, str], *, line: int, path: Path) -> tuple[float, float]:
    """The row's ``lat`` and ``lon``, numbers on the Earth."""
    lat = _float(row["lat"], column="lat", line=line, path=path)
    lon = _float(row["lon"], column="lon", line=line, path=path)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CuratedRowError(f"{path}:{line}: coordinates ({row['lat']}, {row['lon']}) are out of range")
    return lat, lon


def _rows(path: Path, columns: tuple[str, ...], *, key: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of a CSV file of the gazetteer's folder (none when it does not exist), its cells stripped,
    with its line number; a row whose ``key`` is empty or starts with "#" is skipped. The header must have
    each of ``columns``."""
    if not path.exists():
        return
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise CuratedRowError(f"{path}: header lacks column(s) {', '.join(missing)}; expected {','.join(columns)}")
    for line, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        if row[key] and not row[key].startswith("#"):
            yield line, row


def read_aliases(path: Path) -> list[dict[str, str]]:
    """Rows of the aliases file, validated: each names a gazetteer id, its other names and their source."""
    rows = []
    for line, row in _rows(path, ALIASES_COLUMNS, key="ref"):
        for column in ("aliases", "source"):
            if not row[column]:
                raise CuratedRowError(f"{path}:{line}: {row['ref']!r} has no {column}")
        rows.append({**row, "_line": str(line)})
    return rows


def read_curated(path: Path) -> list[dict[str, str]]:
    """Rows of the curated file, validated: each has a ``ref`` to a gazetteer id or its own coordinates."""
    rows = []
    for line, row in _rows(path, CURATED_COLUMNS, key="name"):
        if not row["source"]:
            raise CuratedRowError(
                f"{path}:{line}: {row['name']!r} has no source: say where its coordinates or names come from"
            )
        if not row["ref"]:
            _coordinates(row, line=line, path=path)
            if row["precision"] not in PRECISIONS:
                raise CuratedRowError(
                    f"{path}:{line}: precision {row['precision']!r} is not one of {', '.join(PRECISIONS)}"
                )
            if len(row["country"]) != 2:
                raise CuratedRowError(
                    f"{path}:{line}: country {row['country']!r} must be an ISO code like IQ"
                )
        row["_line"] = str(line)
        rows.append(row)
    return rows


LOCALITIES_FILE = "localities.csv"
LOCALITIES_COLUMNS = ("name", "aliases", "lat", "lon", "country", "admin1", "matchable", "source", "note")


def read_localities(path: Path) -> list[Row]:
    """The towns and villages of ``localities.csv`` as gazetteer rows (ids ``locality:CC:name``, population
    unknown), validated: each has coordinates, a country code, ``matchable`` 0 or 1 and a source."""
    rows = []
    for line, row in _rows(path, LOCALITIES_COLUMNS, key="name"):
        lat, lon = _coordinates(row, line=line, path=path)
        if len(row["country"]) != 2 or not row["country"].isalpha():
            raise CuratedRowError(f"{path}:{line}: country {row['country']!r} must be an ISO code like IQ")
        if row["matchable"] not in ("0", "1"):
            raise CuratedRowError(f"{path}:{line}: matchable must be 0 or 1, got {row['matchable']!r}")
        if not row["source"]:
            raise CuratedRowError(f"{path}:{line}: {row['name']!r} has no source: say where its coordinates come from")
        country = row["country"].upper()
        rows.append(
            Row(
                id=f"locality:{country}:{_slug(row['name'])}",
                name=row["name"],
                lat=lat,
                lon=lon,
                precision="locality",
                feature="PPL",
                country=country,
                admin1=row["admin1"],
                population=0,
                extent_km=0.0,
                matchable=row["matchable"] == "1",
                names={a.strip() for a in row["aliases"].split("|") if a.strip()},
            )
        )
    return rows


def _slug(name: str) -> str:
    """The name in lower-case ASCII words joined by hyphens: "Aïn Baal" -> "ain-baal"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
