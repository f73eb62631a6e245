"""GeoNames' per-country dumps (``export/dump/CC.zip``): read, check, and derive the gazetteer's rows.

A dump is a zip holding ``CC.txt``: UTF-8, one place a line, 19 tab-separated columns (GeoNames' readme,
table "geoname"). Every line is checked, and a file that is not such a dump is refused with what is wrong
in it. The places kept (:attr:`geomap.settings.Installing.keep`) become rows of the gazetteer's format
(:mod:`geomap.places.rows`); admin units are placed at the centre of their own places
(:func:`geomap.places.areas.unit_area`) with their bounds.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.places.areas import unit_area
from geomap.places.names import name_key, transliteration_rules
from geomap.places.rows import Row
from geomap.settings import Installing

#: GeoNames' "geoname" table, in order.
COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature class",
    "feature code",
    "country code",
    "cc2",
    "admin1 code",
    "admin2 code",
    "admin3 code",
    "admin4 code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification date",
)
_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class DumpPlace:
    """One line of a dump, the columns geomap uses."""

    geonameid: str
    name: str
    names: tuple[str, ...]  # asciiname and alternate names
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    admin2: str
    population: int
    modified: str


@dataclass(frozen=True, slots=True)
class Dump:
    """A country's dump, checked."""

    country: str
    places: tuple[DumpPlace, ...]
    modified: str  # the latest modification date of its rows


def check_code(code: str) -> str:
    """An ISO 3166-1 alpha-2 country code, upper case; anything else is refused with what to type."""
    upper = code.strip().upper()
    if not _CODE.match(upper):
        raise GazetteerError(
            f"{code!r} is not a country code: give ISO 3166-1 alpha-2 codes such as LB, IQ or UA"
        )
    return upper


def read_dump(
    data: bytes | Path, *, country: str, origin: str, progress: Callable[[int], None] | None = None
) -> Dump:
    """The places of a GeoNames country zip (bytes or a file), checked line by line.

    ``origin`` (the URL or file) names the dump in errors; ``progress`` is told of each line read.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise GazetteerError(
            f"{origin} is not a complete zip file ({exc}): the download was cut short or the file is not a "
            "GeoNames dump; try again, or fetch it from a mirror with --source"
        ) from exc
    with archive:
        member = f"{country}.txt"
        if member not in archive.namelist():
            raise GazetteerError(
                f"{origin} holds no {member} (it has {', '.join(archive.namelist()[:5]) or 'nothing'}): "
                f"GeoNames' dump of {country} is {country}.zip from export/dump/"
            )
        try:
            raw = archive.read(member)
        except (zipfile.BadZipFile, EOFError, OSError) as exc:  # a truncated or corrupt member
            raise GazetteerError(
                f"{origin}: {member} cannot be read ({exc}): the zip is truncated or damaged; download it again"
            ) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{origin}: {member} is not UTF-8 text ({exc}); GeoNames' dumps are") from exc
    places = tuple(_parse(text, origin=f"{origin}:{member}", country=country, progress=progress))
    if not places:
        raise GazetteerError(f"{origin}: {member} holds no place")
    return Dump(country=country, places=places, modified=max(p.modified for p in places))


def _parse(
    text: str, *, origin: str, country: str, progress: Callable[[int], None] | None
) -> Iterator[DumpPlace]:
    for number, line in enumerate(text.splitlines(), start=1):
        if progress is not None and number % 1000 == 0:
            progress(1000)
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise GazetteerError(
                f"{origin}, line {number}: {len(cells)} tab-separated columns where GeoNames' dump format has "
                f"{len(COLUMNS)} ({', '.join(COLUMNS[:4])}, ..., {COLUMNS[-1]}): not a GeoNames country dump"
            )
        try:
            lat, lon = float(cells[4]), float(cells[5])
            population = int(cells[14] or 0)
        except ValueError:
            raise GazetteerError(
                f"{origin}, line {number}: latitude {cells[4]!r}, longitude {cells[5]!r} and population "
                f"{cells[14]!r} must be numbers"
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(f"{origin}, line {number}: coordinates ({lat}, {lon}) are out of range")
        if cells[8] and cells[8] != country:
            raise GazetteerError(
                f"{origin}, line {number}: a place of {cells[8]!r} in the dump of {country}: "
                f"is this file {country}.zip?"
            )
        yield DumpPlace(
            geonameid=cells[0],
            name=cells[1],
            names=tuple(n for n in (cells[2], *cells[3].split(",")) if n),
            lat=lat,
            lon=lon,
            feature_class=cells[6],
            feature_code=cells[7],
            country=country,
            admin1=cells[10],
            admin2=cells[11],
            population=population,
            modified=cells[18],
        )


def _kept(place: DumpPlace, keep: Installing) -> bool:
    codes = keep.keep.get(place.feature_class, ())
    return "*" in codes or place.feature_code in codes


def _clean(names: set[str]) -> set[str]:
    out = set()
    for name in names:
        name = name.strip()
        if len(name) < 3 or name.isdigit() or "://" in name:
            continue
        if name.isupper() and len(name) <= 4 and name.isascii():
            continue  # airport and postal codes among the alternate names
        out.add(name)
    return out


def _unit_names(names: set[str]) -> set[str]:
    """A unit's names with and without the words of its kind ("Muhafazat Baghdad", "Qada' Sur")."""
    words = transliteration_rules()["admin_words"]
    prefixes = sorted((name_key(p) for p in words["prefixes"]), key=len, reverse=True)
    suffixes = sorted((name_key(s) for s in words["suffixes"]), key=len, reverse=True)
    out = set(names)
    for name in names:
        plain = name.strip()
        key_words = plain.split()
        for prefix in prefixes:
            n = len(prefix.split())
            if len(key_words) > n and name_key(" ".join(key_words[:n])) == prefix:
                out.add(" ".join(key_words[n:]))
                break
        for suffix in suffixes:
            n = len(suffix.split())
            if len(key_words) > n and name_key(" ".join(key_words[-n:])) == suffix:
                out.add(" ".join(key_words[:-n]))
                break
    return out


def derive_rows(dump: Dump, *, settings: Installing) -> list[Row]:
    """The gazetteer rows of a dump: the places it keeps, admin units at the centre of their places."""
    country = dump.country
    units: dict[tuple[str, ...], DumpPlace] = {}
    for p in dump.places:
        if p.feature_class == "A" and p.feature_code == "ADM1" and p.admin1:
            units.setdefault(("ADM1", p.admin1), p)
        elif p.feature_class == "A" and p.feature_code == "ADM2" and p.admin1 and p.admin2:
            units.setdefault(("ADM2", p.admin1, p.admin2), p)
    members: dict[tuple[str, ...], list[tuple[float, float, int]]] = defaultdict(list)
    for p in dump.places:
        if p.feature_class == "P":
            members[("ADM1", p.admin1)].append((p.lat, p.lon, p.population))
            members[("ADM2", p.admin1, p.admin2)].append((p.lat, p.lon, p.population))
    province = {key[1]: unit for key, unit in units.items() if key[0] == "ADM1"}
    matchable = set(settings.matchable)
    rows = []
    for p in dump.places:
        if not _kept(p, settings):
            continue
        names = _clean({p.name, *p.names})
        admin = province.get(p.admin1)
        row = Row(
            id=f"geonames:{p.geonameid}",
            name=p.name,
            lat=p.lat,
            lon=p.lon,
            precision="point",
            feature=p.feature_code or p.feature_class,
            country=country,
            admin1=admin.name if admin else "",
            population=p.population,
            extent_km=0.0,
            matchable=p.feature_class == "P" or p.feature_code in matchable,
            names=names,
            admin1_id=f"geonames:{admin.geonameid}" if admin else "",
        )
        if p.feature_class == "P":
            row.precision = "locality"
        elif p.feature_class == "A":
            key = ("ADM1", p.admin1) if p.feature_code == "ADM1" else ("ADM2", p.admin1, p.admin2)
            row.precision, row.matchable, row.names = "admin1", True, _clean(_unit_names(names))
            row.extent_km = settings.unit_extent_km.get(p.feature_code, 25.0)
            area = unit_area(members.get(key, [])) if len(members.get(key, [])) >= settings.min_unit_places else None
            if area is not None:
                row.lat, row.lon, row.extent_km, row.bbox = area.lat, area.lon, area.extent_km, area.bbox
            if p.feature_code == "ADM1":
                row.admin1, row.admin1_id = p.name, row.id
        rows.append(row)
    return sorted(rows, key=lambda r: r.id)
