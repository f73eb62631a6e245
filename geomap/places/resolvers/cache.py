"""The remote geocoder's answers on disk, so that a name is asked of the service once, ever."""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
import threading
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from geomap.errors import ConfigurationError
from geomap.records import Resolution
from geomap.settings import Geocoding

log = logging.getLogger(__name__)


def normalise_query(name: str) -> str:
    """The cache key of a name: NFC, case-folded, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class GeocodeCache:
    """Answers of remote geocoders, on disk: (provider, normalised query, countries) -> resolutions.

    An empty list is a cached "no match". Several processes may share the file (WAL journal, busy timeout).
    """

    def __init__(
        self, *, path: Path | str, busy_timeout_s: float = Geocoding.cache_busy_timeout_s
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False with our own lock: the pipeline may resolve from worker threads.
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(self.path, timeout=busy_timeout_s, check_same_thread=False)
        try:
            # WAL: a reader and a writer (another build) work at once; the busy timeout covers two writers.
            self._conn.execute("PRAGMA journal_mode=WAL")
            # Safe with WAL (no corruption); a power cut may lose the last answers, which are asked again.
            self._conn.execute("PRAGMA synchronous=NORMAL")
            with self._conn:
                self._conn.execute(
                    """CREATE TABLE IF NOT EXISTS geocode_cache (
                           provider TEXT NOT NULL,
                           query TEXT NOT NULL,
                           countries TEXT NOT NULL,
                           resolutions TEXT NOT NULL,
                           stored_at TEXT NOT NULL,
                           PRIMARY KEY (provider, query, countries)
                       )"""
                )
        except sqlite3.DatabaseError as error:
            self._conn.close()
            raise ConfigurationError(
                f"geocoder cache {str(self.path)!r} cannot be used as a SQLite database ({error}); "
                "delete it (it is only a cache) or choose another path"
            ) from error

    @staticmethod
    def _key(provider: str, query: str, countries: Sequence[str]) -> tuple[str, str, str]:
        return provider, normalise_query(query), ",".join(sorted({c.lower() for c in countries}))

    def get(self, *, provider: str, query: str, countries: Sequence[str] = ()) -> list[Resolution] | None:
        """The cached answer (``[]`` for a cached "no match"), or ``None`` when the name was never asked."""
        with self._lock:
            row = self._conn.execute(
                "SELECT resolutions FROM geocode_cache WHERE provider = ? AND query = ? AND countries = ?",
                self._key(provider, query, countries),
            ).fetchone()
        if row is None:
            return None
        try:
            return [Resolution.from_dict(fields) for fields in json.loads(row[0])]
        except (ValueError, TypeError) as error:
            # Written by another version of geomap (fields changed): ask again rather than fail the build.
            log.warning("ignoring unreadable geocoder cache entry for %r: %s", query, error)
            return None

    def put(
        self, *, provider: str, query: str, countries: Sequence[str] = (), resolutions: Sequence[Resolution]
    ) -> None:
        """Store the answer for a name (replacing any earlier one)."""
        payload = json.dumps([dataclasses.asdict(r) for r in resolutions], ensure_ascii=False)
        stored_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO geocode_cache VALUES (?, ?, ?, ?, ?)",
                (*self._key(provider, query, countries), payload, stored_at),
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
