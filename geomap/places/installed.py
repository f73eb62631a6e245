"""What ``geomap gazetteer add`` installed: GeoNames countries in the user data folder.

``<data_dir>/geonames/installed.json`` lists the countries, each with its derived data file
(``CC-<hash>.tsv.gz``, the gazetteer's row format) and where and when it came from. The list is replaced
in one step (``os.replace``), so it names either the old set of countries or the new one, never half of
each; a data file is written before the list names it and deleted only after the list stops naming it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.fsutil import atomic_write_text

MANIFEST = "installed.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class InstalledCountry:
    """One installed GeoNames country dump."""

    code: str  # ISO 3166-1 alpha-2, upper case
    file: str  # the derived rows, in the installed folder
    sha256: str  # of that file: part of the gazetteer index's key
    places: int  # rows kept in the gazetteer
    dump_rows: int  # rows in GeoNames' dump
    dump_bytes: int  # size of the zip as fetched
    source: str  # URL or file it came from
    installed: str  # UTC time, ISO 8601
    modified: str  # the latest modification date among the dump's rows (GeoNames' column 19)


@dataclass(frozen=True, slots=True)
class Installed:
    """The installed countries, by code (hashable: a gazetteer opened for one set is cached by it)."""

    entries: tuple[InstalledCountry, ...] = ()

    @property
    def countries(self) -> dict[str, InstalledCountry]:
        return {c.code: c for c in self.entries}

    def fingerprint(self) -> str:
        """Changes whenever a country is added, replaced or removed."""
        return hashlib.sha256(
            "|".join(f"{c.code}:{c.sha256}" for c in self.entries).encode()
        ).hexdigest()[:16]

    def with_countries(self, added: list[InstalledCountry], removed: tuple[str, ...] = ()) -> Installed:
        kept = {c.code: c for c in self.entries if c.code not in removed}
        kept.update({c.code: c for c in added})
        return Installed(tuple(kept[code] for code in sorted(kept)))


def read_installed(folder: Path) -> Installed:
    """The countries installed in ``folder`` (none when it has no list yet)."""
    path = folder / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Installed()
    except OSError as exc:
        raise GazetteerError(f"{path} cannot be read ({exc.strerror})") from exc
    try:
        data = json.loads(text)
        entries = tuple(InstalledCountry(**entry) for entry in data["countries"])
    except (ValueError, TypeError, KeyError) as exc:
        raise GazetteerError(
            f"{path} is not a list of installed countries ({exc}); delete {folder} and install the countries "
            "again with `geomap gazetteer add`"
        ) from exc
    return Installed(tuple(sorted(entries, key=lambda c: c.code)))


def write_installed(folder: Path, installed: Installed) -> None:
    """Make ``installed`` the current list, in one step."""
    payload = {"countries": [asdict(c) for c in installed.entries]}
    atomic_write_text(folder / MANIFEST, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
