"""The gazetteer's row format: one tab-separated, gzipped file of places, shipped (``geonames.tsv.gz``) or
derived from an installed GeoNames country dump (``<data_dir>/geonames/CC-<hash>.tsv.gz``).

Columns (a header line names them; readers go by name, so a column may be added):
``id, name, lat, lon, precision, feature, country, admin1, population, extent_km, matchable, names`` and,
optionally, ``bbox`` (``west,south,east,north`` of an admin unit's area) and ``admin1_id`` (the id of the
unit a place lies in, so that an installed country's places name their province as the shipped data does).
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import GazetteerError

COLUMNS = (
    "id",
    "name",
    "lat",
    "lon",
    "precision",
    "feature",
    "country",
    "admin1",
    "population",
    "extent_km",
    "matchable",
    "names",
    "bbox",
    "admin1_id",
)
BBox = tuple[float, float, float, float]


@dataclass
class Row:
    """One place as the data files hold it (mutable while a build assembles it)."""

    id: str
    name: str
    lat: float
    lon: float
    precision: str
    feature: str
    country: str
    admin1: str
    population: int
    extent_km: float
    matchable: bool
    names: set[str] = field(default_factory=set)
    bbox: BBox | None = None
    admin1_id: str = ""

    def cells(self) -> list[str]:
        names = sorted(n for n in self.names if n and n != self.name)
        return [
            self.id,
            self.name,
            f"{self.lat:.5f}",
            f"{self.lon:.5f}",
            self.precision,
            self.feature,
            self.country,
            self.admin1,
            str(self.population),
            f"{self.extent_km:.1f}",
            "1" if self.matchable else "0",
            "|".join(names),
            ",".join(f"{v:.4f}" for v in self.bbox) if self.bbox else "",
            self.admin1_id,
        ]


def parse_bbox(text: str) -> BBox | None:
    if not text:
        return None
    west, south, east, north = (float(v) for v in text.split(","))
    return (west, south, east, north)


def write_rows(rows: Iterable[Row], path: Path) -> None:
    """Write rows as gzipped TSV; the same rows give the same bytes (no time or name in the gzip header)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row.cells())
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    path.write_bytes(raw.getvalue())


def read_rows(path: Path) -> Iterator[Row]:
    """The rows of a data file, whatever the order of its columns."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader, None)
        if header is None:
            raise GazetteerError(f"{path} is empty: delete it and install or rebuild it again")
        col = {name: i for i, name in enumerate(header)}
        bbox, admin1_id = col.get("bbox"), col.get("admin1_id")
        for cells in reader:
            yield Row(
                id=cells[col["id"]],
                name=cells[col["name"]],
                lat=float(cells[col["lat"]]),
                lon=float(cells[col["lon"]]),
                precision=cells[col["precision"]],
                feature=cells[col["feature"]],
                country=cells[col["country"]],
                admin1=cells[col["admin1"]],
                population=int(cells[col["population"]]),
                extent_km=float(cells[col["extent_km"]]),
                matchable=cells[col["matchable"]] == "1",
                names={n for n in cells[col["names"]].split("|") if n},
                bbox=parse_bbox(cells[bbox]) if bbox is not None else None,
                admin1_id=cells[admin1_id] if admin1_id is not None else "",
            )


# -- kinds of places -----------------------------------------------------------------------------------
#: What a place is, from its feature code: a fuzzy match never crosses kinds (a village's name never
#: resolves to a country), and a qualifier ("la province de", "l'aéroport de") asks for one.
Kind = str
_SITE_CODES = frozenset(
    (
        "AIRB", "AIRF", "AIRH", "AIRP", "MILB", "INSM", "SITE", "DAM", "DAMSB", "OILR", "OILT", "OILW", "OILJ",
        "OILP", "OILF", "GASF", "PS", "PSH", "PSN", "PSTB", "PSTC", "PSTP", "PRT", "PRN", "CMP", "CMPRF",
        "CMPMN", "RSTN", "BDG", "FRT", "CSTL", "HSP", "UNIV", "STDM", "MSQE", "SHRN", "RUIN", "ANS", "BLDG",
        "CTRA", "CTRB", "MKT", "MALL", "SCH", "TOWR", "HTL", "ZOO", "PAL", "PO", "PP",
    )
)  # fmt: skip


def kind_of(feature: str) -> Kind:
    """``country``, ``admin``, ``populated``, ``site`` or ``area`` (landforms, water, regions)."""
    if feature.startswith("PCL"):
        return "country"
    if feature.startswith("ADM"):
        return "admin"
    if feature.startswith("PPL"):
        return "populated"
    if feature in _SITE_CODES:
        return "site"
    return "area"
