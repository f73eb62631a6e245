"""The local gazetteer: GeoNames-derived places plus the team's files, behind a compact SQLite index.

The data files (``geonames.tsv.gz``; ``curated.csv``, ``aliases.csv``, ``localities.csv``, see
:mod:`geomap.places.curated`) ship inside the package (the repository's ``gazetteer/`` folder) or come
from ``GEOMAP_GAZETTEER``; the GeoNames countries a user installed with ``geomap gazetteer add`` live in the
user data folder (``<data_dir>/geonames/``, see
:mod:`geomap.places.installed`). The index is built once from all of them into ``<data_dir>/index/``,
named by their hash, so editing the curated file or installing a country rebuilds it and loading is just
opening a database. Every lookup is an indexed hit on :func:`geomap.places.names.name_key` (or, for the
spellings news use, on :func:`geomap.places.names.skeleton_key`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast

from geomap.errors import CuratedRowError, GazetteerError
from geomap.geo import haversine_km
from geomap.places.curated import (
    ALIASES_FILE,
    CURATED_FILE,
    LOCALITIES_FILE,
    read_aliases,
    read_curated,
    read_localities,
)
from geomap.places.installed import Installed, read_installed
from geomap.places.names import joined_key, name_key, rules_fingerprint, skeleton_key, skeleton_of_key
from geomap.places.rows import Row, parse_bbox, read_rows
from geomap.records import Place, Precision
from geomap.settings import Settings, installed_dir_for

# Bump when the index layout or the normalisation changes: old indexes are then rebuilt.
INDEX_VERSION = "6"
DATA_FILE = "geonames.tsv.gz"
#: Country outlines (Natural Earth), drawn under the map and used to check where a place lies.
COUNTRIES_FILE = "countries.geojson"
#: The package that holds the shipped data (the repository's gazetteer/ folder, mapped in pyproject.toml).
DATA_PACKAGE = "geomap.gazetteer_data"
#: How close a town of the localities file and one of the same name already in the gazetteer are one (km).
LOCALITY_SAME_KM = 5.0
#: A name's role: ``core`` names ("Al Asad" of "Al Asad Air Base") count only after a qualifier.
Role = Literal["name", "core"]

_SCHEMA = """
CREATE TABLE places (
  rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL,
  lon REAL NOT NULL, precision TEXT NOT NULL, feature TEXT NOT NULL, country TEXT NOT NULL,
  admin1 TEXT NOT NULL, population INTEGER NOT NULL, extent_km REAL NOT NULL,
  matchable INTEGER NOT NULL, source TEXT NOT NULL, bbox TEXT
);
CREATE TABLE names (key TEXT NOT NULL, skeleton TEXT NOT NULL, place INTEGER NOT NULL, role TEXT NOT NULL,
  matchable INTEGER NOT NULL, written TEXT NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX names_skeleton ON names(skeleton);
CREATE INDEX places_lat ON places(lat);
CREATE INDEX places_country_name ON places(country, name);
"""
_PLACE_COLUMNS = (
    "p.id, p.name, p.lat, p.lon, p.precision, p.feature, p.country, p.admin1, p.population, p.source,"
    " p.extent_km, p.bbox"
)
_INSERT = (
    "INSERT INTO places (id, name, lat, lon, precision, feature, country, admin1, population, extent_km,"
    " matchable, source, bbox) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
# A place both shipped and installed keeps its shipped name and province; the installed country's dump,
# with all its villages, places an admin unit better (centre and area from many more places).
_UPSERT = (
    _INSERT + " ON CONFLICT(id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon,"
    " extent_km = excluded.extent_km, bbox = COALESCE(excluded.bbox, bbox),"
    " population = MAX(population, excluded.population), matchable = MAX(matchable, excluded.matchable)"
    " RETURNING rowid"
)
#: The places a resolver's lookup returns: the place, the role of the name, and the names that matched.
Found = tuple[Place, "Role", tuple[str, ...]]


def _place(row: tuple[object, ...]) -> Place:
    return Place(
        id=str(row[0]),
        name=str(row[1]),
        lat=float(cast(float, row[2])),
        lon=float(cast(float, row[3])),
        precision=cast(Precision, row[4]),
        feature=str(row[5]),
        country=str(row[6]),
        admin1=str(row[7]),
        population=int(cast(int, row[8])),
        source=cast(Literal["gazetteer", "curated"], row[9]),
        extent_km=float(cast(float, row[10])),
        bbox=parse_bbox(str(row[11])) if row[11] else None,
    )


def _data_hash(*paths: Path, extra: str = "") -> str:
    digest = hashlib.sha256(f"{INDEX_VERSION}|{rules_fingerprint()}|{extra}".encode())
    for path in paths:
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def _rowid_of(db: sqlite3.Connection, row: dict[str, str], path: Path) -> int:
    """The index row of the place a curated or aliases row's ``ref`` names."""
    found = db.execute("SELECT rowid FROM places WHERE id = ?", (row["ref"],)).fetchone()
    if found is None:
        raise CuratedRowError(
            f"{path}:{row['_line']}: ref {row['ref']!r} is not a gazetteer id "
            "(look it up with `geomap resolve NAME --json`)"
        )
    return int(found[0])


def shipped_data_dir() -> Path:
    """The folder of the gazetteer data shipped with geomap."""
    return Path(str(resources.files(DATA_PACKAGE)))


def data_dir(settings: Settings) -> Path:
    """The gazetteer data folder these settings name (the shipped one unless ``gazetteer_dir`` is set)."""
    return settings.gazetteer_dir or shipped_data_dir()


class Gazetteer:
    """Read-only access to the gazetteer index; safe to share between threads of one process.

    ``directory`` holds the data files (default: :func:`data_dir` of ``settings``); the index is built in
    ``index_dir`` (default: ``settings.index_dir``), from them and the countries installed in
    ``installed_dir`` (default: the ``geonames`` folder beside ``index_dir``). ``build`` False leaves a
    missing index unbuilt (:meth:`build_index` then builds it; the installer uses this to build the new
    index before it makes the new countries current).
    """

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        directory: Path | None = None,
        index_dir: Path | None = None,
        installed_dir: Path | None = None,
        installed: Installed | None = None,
        build: bool = True,
    ) -> None:
        settings = settings or Settings()
        self.min_matchable_letters = settings.installing.min_matchable_letters
        self.directory = directory or data_dir(settings)
        self.data_path = self.directory / DATA_FILE
        self.curated_path = self.directory / CURATED_FILE
        if not self.data_path.exists():
            raise GazetteerError(
                f"gazetteer data {self.data_path} is missing: run `python -m geomap.tools.gazetteer_build` "
                "(after `pip install -e .[data]`), restore it from git, or reinstall geomap"
            )
        index_dir = index_dir or settings.index_dir
        self.installed_dir = installed_dir or installed_dir_for(index_dir)
        self.installed = installed if installed is not None else read_installed(self.installed_dir)
        # The country outlines are in it too: extraction checks points against them, so the build cache
        # must not outlive a change of them.
        self.version = _data_hash(
            self.data_path,
            self.curated_path,
            self.directory / ALIASES_FILE,
            self.directory / LOCALITIES_FILE,
            self.directory / COUNTRIES_FILE,
            extra=f"{self.installed.fingerprint()}|{self.min_matchable_letters}",
        )
        # Named by the data folder and the data's hash: an index serves one folder's current data, and the
        # indexes of its earlier data are removed when a new one is built.
        folder = hashlib.sha256(str(self.directory.resolve()).encode()).hexdigest()[:8]
        self._index_prefix = f"gazetteer-{folder}-"
        self.index_path = index_dir / f"{self._index_prefix}{self.version}.sqlite"
        if build and not self.index_path.exists():
            self.build_index()
        self._local = threading.local()
        # Memoised per instance: the matcher asks the same keys again and again, and the resolver the same
        # places, provinces and neighbourhoods for every article that names a town.
        self.lookup = lru_cache(maxsize=65536)(self._lookup)  # type: ignore[method-assign]
        self.has_key = lru_cache(maxsize=262144)(self._has_key)  # type: ignore[method-assign]
        self.has_any_key = lru_cache(maxsize=65536)(self._has_any_key)  # type: ignore[method-assign]
        memo = settings.performance
        self.name_key = lru_cache(maxsize=memo.name_key_memo)(name_key)
        self.get = lru_cache(maxsize=memo.resolution_memo)(self._get)  # type: ignore[method-assign]
        self.admin1_place = lru_cache(maxsize=memo.resolution_memo)(self._admin1_place)  # type: ignore[method-assign]
        self._near = lru_cache(maxsize=memo.resolution_memo)(self._near_uncached)

    # -- index --------------------------------------------------------------------------------------
    @property
    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.index_path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def build_index(self, *, remove_old: bool = True) -> None:
        """Build this data's index (atomically: a reader never sees half of one); ``remove_old`` also
        deletes the indexes of this folder's earlier data (see :meth:`remove_old_indexes`)."""
        self.index_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.index_path.with_suffix(f".tmp{os.getpid()}")
        tmp.unlink(missing_ok=True)
        curated = read_curated(self.curated_path)  # a malformed row fails before the long load
        aliases = read_aliases(self.directory / ALIASES_FILE)
        localities = read_localities(self.directory / LOCALITIES_FILE)
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")  # a temporary file, renamed into place only when complete
            db.executescript(_SCHEMA)
            admin_names = self._load_rows(db, read_rows(self.data_path), upsert=False)
            for country in self.installed.countries.values():
                path = self.installed_dir / country.file
                if not path.exists():
                    raise GazetteerError(
                        f"{path}, the places of the installed country {country.code}, is missing: install it "
                        f"again with `geomap gazetteer add {country.code}` or `geomap gazetteer remove {country.code}`"
                    )
                self._load_rows(db, read_rows(path), upsert=True, admin_names=admin_names)
            self._load_localities(db, localities)
            self._load_curated(db, curated)
            self._load_aliases(db, aliases)
            db.executescript(_INDEXES)
            db.execute("INSERT INTO meta VALUES ('version', ?)", (self.version,))
            db.commit()
        except BaseException:
            db.close()
            tmp.unlink(missing_ok=True)
            raise
        db.close()
        os.replace(tmp, self.index_path)
        if remove_old:
            self.remove_old_indexes()

    def remove_old_indexes(self) -> None:
        """Delete the indexes this folder's earlier data was built into (a reader that has one open keeps
        reading it: the file goes when it closes)."""
        for old in self.index_path.parent.glob(f"{self._index_prefix}*.sqlite"):
            if old != self.index_path:
                with contextlib.suppress(OSError):
                    old.unlink()

    def _add_names(
        self,
        db: sqlite3.Connection,
        rowid: int,
        names: list[tuple[str, Role]],
        matchable: bool,
        *,
        min_letters: int = 0,
    ) -> None:
        seen: set[tuple[str, str]] = set()
        rows = []
        for written, role in names:
            key = name_key(written)
            if not key or (key, role) in seen:
                continue
            seen.add((key, role))
            # The mention finder looks only for names long enough not to be common words.
            findable = matchable and len(key.replace(" ", "")) >= min_letters
            rows.append((key, skeleton_of_key(key), rowid, role, int(findable), written))
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _load_rows(
        self,
        db: sqlite3.Connection,
        rows: Iterator[Row],
        *,
        upsert: bool,
        admin_names: dict[str, str] | None = None,
    ) -> dict[str, str]:
        """Insert data rows (an installed country's are merged into the shipped ones); returns the names of
        the admin1 units loaded, by id."""
        loaded: dict[str, str] = {}
        min_letters = self.min_matchable_letters if upsert else 0
        for row in rows:
            admin1 = (admin_names or {}).get(row.admin1_id, row.admin1) if row.admin1_id else row.admin1
            values = (
                row.id,
                row.name,
                row.lat,
                row.lon,
                row.precision,
                row.feature,
                row.country,
                admin1,
                row.population,
                row.extent_km,
                int(row.matchable),
                "gazetteer",
                ",".join(f"{v:.4f}" for v in row.bbox) if row.bbox else None,
            )
            if upsert:
                rowid = int(db.execute(_UPSERT, values).fetchone()[0])
            else:
                rowid = int(db.execute(_INSERT, values).lastrowid or 0)
            if row.feature == "ADM1":
                loaded[row.id] = row.name
            names: list[tuple[str, Role]] = [(row.name, "name")]
            if row.feature in ("AIRP", "AIRB"):
                # An airport's other name is its core ("Baghdad"): meaningful only after "aéroport de".
                names += [(n, "core") for n in sorted(row.names)]
            else:
                names += [(n, "name") for n in sorted(row.names)]
            self._add_names(db, rowid, names, row.matchable, min_letters=min_letters)
        return loaded

    def _load_localities(self, db: sqlite3.Connection, rows: list[Row]) -> None:
        """The team's localities: a town an installed country already has (one of its names within
        ``LOCALITY_SAME_KM``) takes the row's names; the others are added as places of their own."""
        for row in rows:
            keys = sorted({name_key(n) for n in (row.name, *row.names)} - {""})
            marks = ",".join("?" * len(keys))
            known = db.execute(
                f"SELECT DISTINCT p.rowid, p.lat, p.lon FROM names n JOIN places p ON p.rowid = n.place"
                f" WHERE n.key IN ({marks}) AND p.country = ? AND p.precision = 'locality'",
                (*keys, row.country),
            ).fetchall()
            same = [r for r in known if haversine_km(row.lat, row.lon, r[1], r[2]) <= LOCALITY_SAME_KM]
            if same:
                names: list[tuple[str, Role]] = [(n, "name") for n in (row.name, *sorted(row.names))]
                self._add_names(db, int(same[0][0]), names, row.matchable, min_letters=self.min_matchable_letters)
            else:
                self._load_rows(db, iter([row]), upsert=True)

    def _load_curated(self, db: sqlite3.Connection, rows: list[dict[str, str]]) -> None:
        for row in rows:
            aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
            names: list[tuple[str, Role]] = [(row["name"], "name"), *((a, "name") for a in aliases)]
            if row["ref"]:
                rowid = _rowid_of(db, row, self.curated_path)
                # A curated alias is a deliberate choice: it makes the place matchable and curated.
                db.execute("UPDATE places SET source = 'curated', matchable = 1 WHERE rowid = ?", (rowid,))
            else:
                slug = name_key(row["name"]).replace(" ", "-")
                cur = db.execute(
                    _INSERT,
                    (
                        f"curated:{slug}",
                        row["name"],
                        float(row["lat"]),
                        float(row["lon"]),
                        row["precision"],
                        row["feature"] or "SITE",
                        row["country"].upper(),
                        row["admin1"],
                        0,
                        25.0 if row["precision"] == "admin1" else 0.0,
                        1,
                        "curated",
                        None,
                    ),
                )
                rowid = int(cur.lastrowid or 0)
            self._add_names(db, rowid, names, True)

    def _load_aliases(self, db: sqlite3.Connection, rows: list[dict[str, str]]) -> None:
        for row in rows:
            names: list[tuple[str, Role]] = [(a.strip(), "name") for a in row["aliases"].split("|") if a.strip()]
            self._add_names(db, _rowid_of(db, row, self.directory / ALIASES_FILE), names, True)

    # -- lookups ------------------------------------------------------------------------------------
    def _lookup(self, key: str, fuzzy: bool = False) -> tuple[Found, ...]:
        column = "n.skeleton" if fuzzy else "n.key"
        rows = self._db.execute(
            f"SELECT {_PLACE_COLUMNS}, MAX(n.role), GROUP_CONCAT(n.written, '|') FROM names n"
            f" JOIN places p ON p.rowid = n.place WHERE {column} = ? GROUP BY p.rowid ORDER BY p.id",
            (key,),
        ).fetchall()
        return tuple((_place(r), cast(Role, r[12]), tuple(str(r[13]).split("|"))) for r in rows)

    def _has_key(self, key: str) -> Role | None:
        """Whether a matchable place has this key: "name", "core" (only after a qualifier) or None."""
        # MAX: a key that is a place's own name ("name") and an airport's town ("core") is a name.
        row = self._db.execute(
            "SELECT MAX(role) FROM names WHERE key = ? AND matchable = 1", (key,)
        ).fetchone()
        return cast(Role | None, row[0]) if row else None

    def has_any_key(self, key: str) -> Role | None:
        """:meth:`has_key` of every place, matchable or not: what a name after "the village of" may be (a
        village whose name is a common word, or too small to be looked for in every sentence)."""
        return self._has_any_key(key)

    def _has_any_key(self, key: str) -> Role | None:
        row = self._db.execute("SELECT MAX(role) FROM names WHERE key = ?", (key,)).fetchone()
        return cast(Role | None, row[0]) if row else None

    def places(self, name: str, *, fuzzy: bool = False) -> tuple[tuple[Place, Role], ...]:
        """Places one of whose names has the key of ``name`` (or its skeleton, when ``fuzzy``)."""
        return tuple((place, role) for place, role, _ in self.found(name, fuzzy=fuzzy))

    def found(self, name: str, *, fuzzy: bool = False) -> tuple[Found, ...]:
        """:meth:`places` with the names of each place that matched (to verify a loose match)."""
        key = skeleton_key(name) if fuzzy else self.name_key(name)
        found = self.lookup(key, fuzzy) if key else ()
        if not found and not fuzzy and (joined := joined_key(key)) is not None:
            found = self.lookup(joined, False)  # "Day Kundi" for Daykundi
        return found

    def get(self, place_id: str) -> Place | None:
        """The place with this gazetteer id (memoised per instance)."""
        return self._get(place_id)

    def _get(self, place_id: str) -> Place | None:
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)
        ).fetchone()
        return _place(row) if row else None

    def near(self, lat: float, lon: float, *, km: float, features: tuple[str, ...]) -> list[Place]:
        """Places of the given feature codes within a box of ``km`` around a point (for "aéroport de X")."""
        return list(self._near(lat, lon, km, features))

    def _near_uncached(self, lat: float, lon: float, km: float, features: tuple[str, ...]) -> tuple[Place, ...]:
        dlat = km / 111.0
        marks = ",".join("?" * len(features))
        rows = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?"
            f" AND p.feature IN ({marks}) ORDER BY p.id",
            (lat - dlat, lat + dlat, lon - dlat * 1.5, lon + dlat * 1.5, *features),
        ).fetchall()
        return tuple(_place(r) for r in rows)

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        """The admin1 unit named ``admin1`` in ``country`` (the province a town lies in)."""
        return self._admin1_place(country, admin1)

    def _admin1_place(self, country: str, admin1: str) -> Place | None:
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.feature = 'ADM1' AND p.country = ? AND p.name = ?"
            " ORDER BY p.id LIMIT 1",
            (country, admin1),
        ).fetchone()
        return _place(row) if row else None

    def country(self, code: str) -> Place | None:
        """The country with this ISO code."""
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.country = ? AND p.feature LIKE 'PCL%'"
            " AND p.source = 'gazetteer' ORDER BY p.id LIMIT 1",
            (code,),
        ).fetchone()
        return _place(row) if row else None

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM places").fetchone()[0])

    def __iter__(self) -> Iterator[Place]:
        for row in self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM places p ORDER BY p.id"):
            yield _place(row)


def open_gazetteer(settings: Settings) -> Gazetteer:
    """The gazetteer these settings name, opened once per process and shared (until a country is
    installed or removed)."""
    installed = read_installed(settings.installed_dir)
    return _open(data_dir(settings), settings.index_dir, installed, settings.installing.min_matchable_letters)


@lru_cache(maxsize=8)
def _open(directory: Path, index_dir: Path, installed: Installed, min_letters: int) -> Gazetteer:
    settings = Settings(installing=replace(Settings().installing, min_matchable_letters=min_letters))
    return Gazetteer(directory=directory, index_dir=index_dir, installed=installed, settings=settings)
