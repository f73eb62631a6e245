"""The local gazetteer: GeoNames-derived places plus the curated file, behind a compact SQLite index.

The data files (``geonames.tsv.gz``, ``curated.csv``) ship inside the package (the repository's
``gazetteer/`` folder) or come from ``GEOMAP_GAZETTEER``. The index is built once from them into the user
data folder (``<data_dir>/index/``), named by their hash, so editing the curated file rebuilds it and
loading is just opening a database. Every lookup is an indexed hit on :func:`geomap.places.names.name_key`.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import io
import os
import sqlite3
import threading
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast

from geomap.errors import CuratedRowError, GazetteerError
from geomap.places.names import name_key, skeleton_key, skeleton_of_key
from geomap.records import PRECISIONS, Place, Precision
from geomap.settings import Settings

# Bump when the index layout or the normalisation changes: old indexes are then rebuilt.
INDEX_VERSION = "5"
DATA_FILE = "geonames.tsv.gz"
CURATED_FILE = "curated.csv"
#: Country outlines (Natural Earth), drawn under the map and used to check where a place lies.
COUNTRIES_FILE = "countries.geojson"
#: The package that holds the shipped data (the repository's gazetteer/ folder, mapped in pyproject.toml).
DATA_PACKAGE = "geomap.gazetteer_data"
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
#: A name's role: ``core`` names ("Al Asad" of "Al Asad Air Base") count only after a qualifier.
Role = Literal["name", "core"]

_SCHEMA = """
CREATE TABLE places (
  rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL,
  lon REAL NOT NULL, precision TEXT NOT NULL, feature TEXT NOT NULL, country TEXT NOT NULL,
  admin1 TEXT NOT NULL, population INTEGER NOT NULL, extent_km REAL NOT NULL,
  matchable INTEGER NOT NULL, source TEXT NOT NULL
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
_PLACE_COLUMNS = "p.id, p.name, p.lat, p.lon, p.precision, p.feature, p.country, p.admin1, p.population, p.source, p.extent_km"


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
    )


def _data_hash(*paths: Path) -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for path in paths:
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def _float(value: str, *, column: str, line: int, path: Path) -> float:
    try:
        return float(value)
    except ValueError:
        raise CuratedRowError(f"{path}:{line}: column {column!r} must be a number, got {value!r}") from None


def read_curated(path: Path) -> list[dict[str, str]]:
    """Rows of the curated file, validated: each has a ``ref`` to a gazetteer id or its own coordinates."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8-sig")
    rows = []
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CURATED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CuratedRowError(
            f"{path}: header lacks column(s) {', '.join(missing)}; expected {','.join(CURATED_COLUMNS)}"
        )
    for line, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        if not row["name"] or row["name"].startswith("#"):
            continue
        if not row["ref"]:
            lat = _float(row["lat"], column="lat", line=line, path=path)
            lon = _float(row["lon"], column="lon", line=line, path=path)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise CuratedRowError(
                    f"{path}:{line}: coordinates ({row['lat']}, {row['lon']}) are out of range"
                )
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


def shipped_data_dir() -> Path:
    """The folder of the gazetteer data shipped with geomap."""
    return Path(str(resources.files(DATA_PACKAGE)))


def data_dir(settings: Settings) -> Path:
    """The gazetteer data folder these settings name (the shipped one unless ``gazetteer_dir`` is set)."""
    return settings.gazetteer_dir or shipped_data_dir()


class Gazetteer:
    """Read-only access to the gazetteer index; safe to share between threads of one process.

    ``directory`` holds the data files (default: :func:`data_dir` of ``settings``); the index is built in
    ``index_dir`` (default: ``settings.index_dir``).
    """

    def __init__(
        self, *, settings: Settings | None = None, directory: Path | None = None, index_dir: Path | None = None
    ) -> None:
        settings = settings or Settings()
        self.directory = directory or data_dir(settings)
        self.data_path = self.directory / DATA_FILE
        self.curated_path = self.directory / CURATED_FILE
        if not self.data_path.exists():
            raise GazetteerError(
                f"gazetteer data {self.data_path} is missing: run `python -m geomap.tools.gazetteer_build` "
                "(after `pip install -e .[data]`), restore it from git, or reinstall geomap"
            )
        self.version = _data_hash(self.data_path, self.curated_path)
        # Named by the data folder and the data's hash: an index serves one folder's current data, and the
        # indexes of its earlier data are removed when a new one is built.
        folder = hashlib.sha256(str(self.directory.resolve()).encode()).hexdigest()[:8]
        self._index_prefix = f"gazetteer-{folder}-"
        self.index_path = (index_dir or settings.index_dir) / f"{self._index_prefix}{self.version}.sqlite"
        if not self.index_path.exists():
            self._build_index()
        self._local = threading.local()
        # Memoised per instance: the matcher asks the same keys again and again.
        self.lookup = lru_cache(maxsize=65536)(self._lookup)  # type: ignore[method-assign]
        self.has_key = lru_cache(maxsize=262144)(self._has_key)  # type: ignore[method-assign]

    # -- index --------------------------------------------------------------------------------------
    @property
    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.index_path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def _build_index(self) -> None:
        self.index_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.index_path.with_suffix(f".tmp{os.getpid()}")
        tmp.unlink(missing_ok=True)
        curated = read_curated(self.curated_path)  # a malformed row fails before the long load
        db = sqlite3.connect(tmp)
        try:
            db.executescript(_SCHEMA)
            self._load_geonames(db)
            self._load_curated(db, curated)
            db.executescript(_INDEXES)
            db.execute("INSERT INTO meta VALUES ('version', ?)", (self.version,))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, self.index_path)  # atomic: a reader never sees a half-built index
        for old in self.index_path.parent.glob(f"{self._index_prefix}*.sqlite"):
            if old != self.index_path:
                with contextlib.suppress(OSError):
                    old.unlink()

    @staticmethod
    def _add_names(
        db: sqlite3.Connection, rowid: int, names: list[tuple[str, Role]], matchable: bool
    ) -> None:
        seen: set[tuple[str, str]] = set()
        rows = []
        for written, role in names:
            key = name_key(written)
            if not key or (key, role) in seen:
                continue
            seen.add((key, role))
            rows.append((key, skeleton_of_key(key), rowid, role, int(matchable), written))
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _load_geonames(self, db: sqlite3.Connection) -> None:
        with gzip.open(self.data_path, "rt", encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter="\t")
            header = next(reader)
            col = {name: i for i, name in enumerate(header)}
            for cells in reader:
                cur = db.execute(
                    "INSERT INTO places (id, name, lat, lon, precision, feature, country, admin1, population,"
                    " extent_km, matchable, source) VALUES (?,?,?,?,?,?,?,?,?,?,?, 'gazetteer')",
                    (
                        cells[col["id"]],
                        cells[col["name"]],
                        float(cells[col["lat"]]),
                        float(cells[col["lon"]]),
                        cells[col["precision"]],
                        cells[col["feature"]],
                        cells[col["country"]],
                        cells[col["admin1"]],
                        int(cells[col["population"]]),
                        float(cells[col["extent_km"]]),
                        int(cells[col["matchable"]]),
                    ),
                )
                rowid = int(cur.lastrowid or 0)
                alternates = [n for n in cells[col["names"]].split("|") if n]
                feature = cells[col["feature"]]
                names: list[tuple[str, Role]] = [(cells[col["name"]], "name")]
                if feature in ("AIRP", "AIRB"):
                    # An airport's other name is its core ("Baghdad"): meaningful only after "aéroport de".
                    names += [(n, "core") for n in alternates]
                else:
                    names += [(n, "name") for n in alternates]
                self._add_names(db, rowid, names, cells[col["matchable"]] == "1")

    def _load_curated(self, db: sqlite3.Connection, rows: list[dict[str, str]]) -> None:
        for row in rows:
            aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
            names: list[tuple[str, Role]] = [(row["name"], "name"), *((a, "name") for a in aliases)]
            if row["ref"]:
                found = db.execute("SELECT rowid FROM places WHERE id = ?", (row["ref"],)).fetchone()
                if found is None:
                    raise CuratedRowError(
                        f"{self.curated_path}:{row['_line']}: ref {row['ref']!r} is not a gazetteer id "
                        "(look it up with `geomap resolve NAME --json`)"
                    )
                rowid = int(found[0])
                # A curated alias is a deliberate choice: it makes the place matchable and curated.
                db.execute("UPDATE places SET source = 'curated', matchable = 1 WHERE rowid = ?", (rowid,))
            else:
                slug = name_key(row["name"]).replace(" ", "-")
                cur = db.execute(
                    "INSERT INTO places (id, name, lat, lon, precision, feature, country, admin1, population,"
                    " extent_km, matchable, source) VALUES (?,?,?,?,?,?,?,?,0,?,1,'curated')",
                    (
                        f"curated:{slug}",
                        row["name"],
                        float(row["lat"]),
                        float(row["lon"]),
                        row["precision"],
                        row["feature"] or "SITE",
                        row["country"].upper(),
                        row["admin1"],
                        25.0 if row["precision"] == "admin1" else 0.0,
                    ),
                )
                rowid = int(cur.lastrowid or 0)
            self._add_names(db, rowid, names, True)

    # -- lookups ------------------------------------------------------------------------------------
    def _lookup(self, key: str, fuzzy: bool = False) -> tuple[tuple[Place, Role], ...]:
        column = "n.skeleton" if fuzzy else "n.key"
        rows = self._db.execute(
            f"SELECT {_PLACE_COLUMNS}, MAX(n.role) FROM names n JOIN places p ON p.rowid = n.place "
            f"WHERE {column} = ? GROUP BY p.rowid ORDER BY p.id",
            (key,),
        ).fetchall()
        return tuple((_place(r), cast(Role, r[11])) for r in rows)

    def _has_key(self, key: str) -> Role | None:
        """Whether a matchable place has this key: "name", "core" (only after a qualifier) or None."""
        # MAX: a key that is a place's own name ("name") and an airport's town ("core") is a name.
        row = self._db.execute(
            "SELECT MAX(role) FROM names WHERE key = ? AND matchable = 1", (key,)
        ).fetchone()
        return cast(Role | None, row[0]) if row else None

    def places(self, name: str, *, fuzzy: bool = False) -> tuple[tuple[Place, Role], ...]:
        """Places one of whose names has the key of ``name`` (or its skeleton, when ``fuzzy``)."""
        key = skeleton_key(name) if fuzzy else name_key(name)
        return self.lookup(key, fuzzy) if key else ()

    def get(self, place_id: str) -> Place | None:
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)
        ).fetchone()
        return _place(row) if row else None

    def near(self, lat: float, lon: float, *, km: float, features: tuple[str, ...]) -> list[Place]:
        """Places of the given feature codes within a box of ``km`` around a point (for "aéroport de X")."""
        dlat = km / 111.0
        marks = ",".join("?" * len(features))
        rows = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?"
            f" AND p.feature IN ({marks}) ORDER BY p.id",
            (lat - dlat, lat + dlat, lon - dlat * 1.5, lon + dlat * 1.5, *features),
        ).fetchall()
        return [_place(r) for r in rows]

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        """The admin1 unit named ``admin1`` in ``country`` (the province a town lies in)."""
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.feature = 'ADM1' AND p.country = ? AND p.name = ?"
            " ORDER BY p.id LIMIT 1",
            (country, admin1),
        ).fetchone()
        return _place(row) if row else None

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM places").fetchone()[0])

    def __iter__(self) -> Iterator[Place]:
        for row in self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM places p ORDER BY p.id"):
            yield _place(row)


def open_gazetteer(settings: Settings) -> Gazetteer:
    """The gazetteer these settings name, opened once per process and shared."""
    return _open(data_dir(settings), settings.index_dir)


@lru_cache(maxsize=8)
def _open(directory: Path, index_dir: Path) -> Gazetteer:
    return Gazetteer(directory=directory, index_dir=index_dir)
