"""The country table of the gazetteer (``countries.csv``): ISO codes, English name and capital of each country.

Derived from GeoNames by ``python -m geomap.tools.countries`` (see that module). The map labels capitals
from it; the ACLED export takes the numeric ISO code and the country's name from it.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.places.gazetteer import data_dir, shipped_data_dir
from geomap.settings import Settings

COUNTRIES_TABLE = "countries.csv"
COUNTRY_COLUMNS = (
    "iso_a2",
    "iso_a3",
    "iso_n3",
    "name",
    "capital",
    "capital_id",
    "capital_lat",
    "capital_lon",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """One row of the table; ``iso_n3`` is "" where ISO 3166 has no numeric code (Kosovo)."""

    iso_a2: str
    iso_a3: str
    iso_n3: str
    name: str
    capital: str
    capital_id: str
    capital_lat: float | None
    capital_lon: float | None


def load_countries(settings: Settings | None = None, *, path: Path | None = None) -> dict[str, Country]:
    """The table by ISO alpha-2 code (read once per file version): the gazetteer folder's, else the one
    shipped with geomap (a gazetteer of one's own need not repeat it)."""
    target = path or data_dir(settings or Settings()) / COUNTRIES_TABLE
    if path is None and not target.exists():
        target = shipped_data_dir() / COUNTRIES_TABLE
    try:
        stat = target.stat()
    except FileNotFoundError as exc:
        raise GazetteerError(
            f"the country table {target} is missing: run `python -m geomap.tools.countries` to build it"
        ) from exc
    return _read(target, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2)
def _read(path: Path, mtime_ns: int, size: int) -> dict[str, Country]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    missing = [c for c in COUNTRY_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise GazetteerError(
            f"{path}: header lacks column(s) {', '.join(missing)}: rebuild it with `python -m geomap.tools.countries`"
        )
    out = {}
    for line, row in enumerate(reader, start=2):
        try:
            lat = float(row["capital_lat"]) if row["capital_lat"] else None
            lon = float(row["capital_lon"]) if row["capital_lon"] else None
        except ValueError:
            raise GazetteerError(
                f"{path}:{line}: capital coordinates {row['capital_lat']!r}, {row['capital_lon']!r} are not"
                " numbers: rebuild it with `python -m geomap.tools.countries`"
            ) from None
        out[row["iso_a2"]] = Country(
            iso_a2=row["iso_a2"],
            iso_a3=row["iso_a3"],
            iso_n3=row["iso_n3"],
            name=row["name"],
            capital=row["capital"],
            capital_id=row["capital_id"],
            capital_lat=lat,
            capital_lon=lon,
        )
    return out
