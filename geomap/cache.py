"""The build cache: each article's extraction, kept in SQLite so that a rebuild reads only what changed.

A row is keyed by the file's name, the hash of its bytes and the extraction version: the hash of
geomap's own code and language files, of the settings that change what a build finds, and of the
gazetteer data. Editing any of them re-reads every article; nothing is listed by hand.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.filenames import shown_path
from geomap.records import (
    Article,
    ArticleResult,
    Incident,
    Mention,
    Resolution,
    ResolvedMention,
    Sentence,
    Source,
)
from geomap.settings import Settings
from geomap.stamps import Stamp

PACKAGE_DIR = Path(__file__).resolve().parent
#: Files of the package whose content decides what an article yields (its code and its lexicons).
CODE_SUFFIXES = (".py", ".toml")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
  file TEXT PRIMARY KEY, raw_hash TEXT NOT NULL, version TEXT NOT NULL, result TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS regions (key TEXT PRIMARY KEY, events TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parts (
  file TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, digest TEXT NOT NULL, body BLOB NOT NULL,
  PRIMARY KEY (file, kind)
);
CREATE TABLE IF NOT EXISTS region_parts (key TEXT PRIMARY KEY, digest TEXT NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS event_parts (key TEXT PRIMARY KEY, digest TEXT NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS stamps (file TEXT PRIMARY KEY, stamp TEXT NOT NULL, raw_hash TEXT NOT NULL);
"""


def extraction_version(settings: Settings, gazetteer_version: str) -> str:
    """The key of what extraction depends on: the package's code and lexicons, settings, gazetteer."""
    digest = hashlib.sha256(_code_hash().encode())
    digest.update(settings.fingerprint().encode())
    digest.update(gazetteer_version.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _code_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in CODE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class BuildCache:
    """Per-article results keyed by file bytes and extraction version (SQLite, WAL)."""

    def __init__(self, *, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode, NORMAL syncs the disk at checkpoints, not at each commit: a power cut may lose the
            # last commits, never corrupt the file, and a lost row or part is made again (it is a cache).
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
        except (OSError, sqlite3.OperationalError) as exc:
            # Cannot open or write (a read-only folder or file, a full disk): the cache itself is fine.
            if not os.access(path.parent, os.W_OK):
                raise GeomapError(
                    f"the folder {shown_path(path.parent)} is not writable, so the build cache cannot be"
                    f" updated there ({exc}): make it writable, or choose another --output (or --cache)"
                ) from None
            raise GeomapError(
                f"build cache {shown_path(path)} cannot be opened for writing ({exc}): check that the file"
                " is writable and the disk not full, or choose another --output (or --cache)"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise GeomapError(
                f"build cache {shown_path(path)} is unreadable ({exc}); delete it and build again"
            ) from None

    def rows(self) -> dict[str, tuple[str, str, str]]:
        """file -> (hash of its bytes, extraction version, encoded result)."""
        return {
            f: (h, v, r)
            for f, h, v, r in self.db.execute("SELECT file, raw_hash, version, result FROM results")
        }

    def keys(self) -> dict[str, tuple[str, str]]:
        """file -> (hash of its bytes, extraction version): what a build compares, without the results."""
        return {f: (h, v) for f, h, v in self.db.execute("SELECT file, raw_hash, version FROM results")}

    def encoded(self, file: str) -> str:
        """The encoded result of one file (read when needed: a build never holds every one at once)."""
        row = self.db.execute("SELECT result FROM results WHERE file = ?", (file,)).fetchone()
        if row is None:
            raise GeomapError(f"build cache {shown_path(self.path)} lost the row of {file}; build again")
        return str(row[0])

    def all_at(self, version: str) -> bool:
        """Whether every cached result is of this extraction version."""
        return self.db.execute("SELECT 1 FROM results WHERE version != ? LIMIT 1", (version,)).fetchone() is None

    def results(self) -> list[ArticleResult]:
        """Every cached result, by file name."""
        return [decode(result, file=file) for file, (_h, _v, result) in sorted(self.rows().items())]

    def put(
        self,
        file: str,
        *,
        raw_hash: str,
        version: str,
        result: ArticleResult,
        text: str | None = None,
        commit: bool = True,
    ) -> str:
        """Keep ``result`` (``text``: its :func:`encode`, when already made, by a worker say); returns its
        encoded text. Without ``commit``, the row waits for the next :meth:`commit` (or any other change:
        each commits), so that a build commits its new rows a few dozen at a time, not one by one."""
        if text is None:
            text = encode(result)
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", (file, raw_hash, version, text))
        if commit:
            self.db.commit()
        return text

    def commit(self) -> None:
        """Commit the rows :meth:`put` left waiting."""
        self.db.commit()

    def regions(self, keys: Iterable[str]) -> dict[str, str]:
        """The encoded merged events of the regions of these keys that the cache holds (see
        :mod:`geomap.regions`)."""
        wanted = list(keys)
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            found.update(self.db.execute(f"SELECT key, events FROM regions WHERE key IN ({marks})", batch))
        return found

    def keep_regions(
        self,
        new: dict[str, str],
        *,
        kept: set[str],
        new_parts: dict[str, bytes],
        kept_parts: set[str],
        kept_events: set[str],
    ) -> None:
        """Add the ``new`` regions' events and the ``new_parts`` regions' parts; forget every region, region
        part and event part neither new nor kept. One transaction."""
        with self.db:
            rows = self.db.execute("SELECT key FROM event_parts")
            gone = [(k,) for (k,) in rows if k not in kept_events]
            self.db.executemany("DELETE FROM event_parts WHERE key = ?", gone)
            self.db.executemany("INSERT OR REPLACE INTO regions VALUES (?, ?)", new.items())
            gone = [(k,) for (k,) in self.db.execute("SELECT key FROM regions") if k not in kept and k not in new]
            self.db.executemany("DELETE FROM regions WHERE key = ?", gone)
            self.db.executemany(
                "INSERT OR REPLACE INTO region_parts VALUES (?, ?, ?)",
                [(k, _digest(b), b) for k, b in new_parts.items()],
            )
            rows = self.db.execute("SELECT key FROM region_parts")
            gone = [(k,) for (k,) in rows if k not in kept_parts and k not in new_parts]
            self.db.executemany("DELETE FROM region_parts WHERE key = ?", gone)

    def delete(self, *files: str) -> None:
        with self.db:
            self.db.executemany("DELETE FROM results WHERE file = ?", [(f,) for f in files])
            self.db.executemany("DELETE FROM parts WHERE file = ?", [(f,) for f in files])

    # -- parts of the outputs (see geomap.parts): UTF-8 as the outputs hold them (never decoded to be
    # written); each row holds the digest of its body, checked when read, so that a row damaged on disk is
    # made again, not trusted.

    def parts(self, kind: str) -> dict[str, tuple[str, bytes]]:
        """file -> (key, body) of every sound part of this kind."""
        rows = self.db.execute("SELECT file, key, digest, body FROM parts WHERE kind = ?", (kind,))
        return {f: (k, b) for f, k, d, b in rows if isinstance(b, bytes) and _digest(b) == d}

    def parts_of(self, file: str, kinds: Iterable[str]) -> dict[str, tuple[str, bytes]]:
        """kind -> (key, body) of the sound parts of one file of these kinds."""
        wanted = list(kinds)
        marks = ",".join("?" * len(wanted))
        rows = self.db.execute(
            f"SELECT kind, key, digest, body FROM parts WHERE file = ? AND kind IN ({marks})", (file, *wanted)
        )
        return {kind: (k, b) for kind, k, d, b in rows if isinstance(b, bytes) and _digest(b) == d}

    def parts_of_files(self, files: Sequence[str], kinds: Sequence[str]) -> dict[str, dict[str, tuple[str, bytes]]]:
        """file -> kind -> (key, body) of the sound parts of these files of these kinds (in one query: ask a
        few hundred files at a time)."""
        marks, kind_marks = ",".join("?" * len(files)), ",".join("?" * len(kinds))
        rows = self.db.execute(
            f"SELECT file, kind, key, digest, body FROM parts WHERE kind IN ({kind_marks}) AND file IN ({marks})",
            (*kinds, *files),
        )
        found: dict[str, dict[str, tuple[str, bytes]]] = {}
        for file, kind, k, d, b in rows:
            if isinstance(b, bytes) and _digest(b) == d:
                found.setdefault(file, {})[kind] = (k, b)
        return found

    def put_parts(self, made: Iterable[tuple[str, str, dict[str, bytes]]], *, commit: bool = True) -> None:
        """Keep the parts of files, each (file, key, kind -> body); their parts of other kinds go. One
        transaction (one sync of the disk); without ``commit``, left for the next (see :meth:`put`)."""
        with self.db if commit else contextlib.nullcontext():
            for file, key, bodies in made:
                self.db.execute("DELETE FROM parts WHERE file = ?", (file,))
                self.db.executemany(
                    "INSERT INTO parts VALUES (?, ?, ?, ?, ?)",
                    [(file, kind, key, _digest(body), body) for kind, body in bodies.items()],
                )

    def region_parts(self, keys: Iterable[str]) -> dict[str, bytes]:
        """key -> body of the sound region parts of these keys."""
        return self._bodies("region_parts", keys)

    def put_event_parts(self, made: dict[str, bytes]) -> None:
        """Keep events' parts (key -> body); :meth:`keep_regions` forgets those no region keeps."""
        if made:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO event_parts VALUES (?, ?, ?)", [(k, _digest(b), b) for k, b in made.items()]
                )

    def event_parts(self, keys: Iterable[str]) -> dict[str, bytes]:
        """key -> body of the sound event parts of these keys."""
        return self._bodies("event_parts", keys)

    def _bodies(self, table: str, keys: Iterable[str]) -> dict[str, bytes]:
        wanted = list(keys)
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(f"SELECT key, digest, body FROM {table} WHERE key IN ({marks})", batch)
            found.update((k, b) for k, d, b in rows if isinstance(b, bytes) and _digest(b) == d)
        return found

    # -- the article files' hashes and stamps (see geomap.stamps)

    def stamps(self) -> dict[str, tuple[Stamp, str]]:
        """file -> (stamp, hash of its bytes) of the files recorded; a row of another shape is left out."""
        found: dict[str, tuple[Stamp, str]] = {}
        for file, text, raw_hash in self.db.execute("SELECT file, stamp, raw_hash FROM stamps"):
            try:
                size, ino, dev, mtime, ctime = map(int, str(text).split(","))
            except ValueError:
                continue
            found[file] = ((size, ino, dev, mtime, ctime), str(raw_hash))
        return found

    def keep_stamps(self, new: dict[str, tuple[Stamp, str]], gone: list[str]) -> None:
        """Record the ``new`` stamps and forget those of ``gone``, in one transaction (none if no change)."""
        if not new and not gone:
            return
        with self.db:
            self.db.executemany("DELETE FROM stamps WHERE file = ?", [(f,) for f in gone])
            self.db.executemany(
                "INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)",
                [(f, ",".join(map(str, st)), h) for f, (st, h) in new.items()],
            )

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self.db.close()


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def text_digest(text: str) -> str:
    """What identifies an encoded result (see :mod:`geomap.regions`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode(result: ArticleResult) -> str:
    """``json.dumps(dataclasses.asdict(result), ensure_ascii=False, sort_keys=True)``, made faster."""
    return _ENCODER.encode(result)


def encode_incident(incident: Incident) -> str:
    """One report as :func:`encode` writes it in its result: one line (JSON escapes line breaks)."""
    return _ENCODER.encode(incident)


def _fields_of(value: Any) -> dict[str, Any]:
    """A record's fields, for the JSON encoder, which walks their values itself (in C): the JSON of
    ``dataclasses.asdict`` without its deep copy of every value (the records hold only text, numbers,
    lists, tuples, dicts and other records)."""
    names = _FIELDS.get(type(value))
    if names is None:
        if not is_dataclass(value) or isinstance(value, type):
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    return {name: getattr(value, name) for name in names}


_FIELDS: dict[type, tuple[str, ...]] = {}
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_fields_of)


def decode_incident(text: str | bytes) -> Incident:
    return _incident(json.loads(text))


def decode(text: str, *, file: str) -> ArticleResult:
    """A cached result; ``file`` is the name the article has now (a renamed file keeps its results)."""
    d = json.loads(text)
    article = _article({**d["article"], "file": file})
    # A renamed file keeps its results; only the file name its sources cite changes. Set in the decoded
    # dicts, not replaced in the records: the same records, built once.
    for i in d["incidents"]:
        for s in i["sources"]:
            if s["article_id"] == article.id:
                s["file"] = file
    incidents = tuple(map(_incident, d["incidents"]))
    mentions = tuple(_mention({**m, "file": file}) for m in d["mentions"])
    return ArticleResult(
        article=article, incidents=incidents, mentions=mentions, unresolved=tuple(d["unresolved"])
    )


def _article(d: dict[str, Any]) -> Article:
    return Article(**{**d, "related": tuple(d["related"]), "warnings": tuple(d["warnings"])})


def _incident(d: dict[str, Any]) -> Incident:
    launched = d.get("launched_from")
    return Incident(
        **{
            **d,
            "place": Resolution.from_dict(d["place"]),
            "sources": tuple(_source(s) for s in d["sources"]),
            "launched_from": Resolution.from_dict(launched) if launched else None,
        }
    )


def _source(d: dict[str, Any]) -> Source:
    return Source(**{**d, "more_quotes": tuple(d["more_quotes"]), "more_starts": tuple(d["more_starts"])})


def _mention(d: dict[str, Any]) -> ResolvedMention:
    mention = Mention(**{**d["mention"], "sentence": Sentence(**d["mention"]["sentence"])})
    return ResolvedMention(mention=mention, place=Resolution.from_dict(d["place"]), file=d["file"], title=d["title"])
