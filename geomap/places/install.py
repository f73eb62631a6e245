"""``geomap gazetteer add/list/remove``: GeoNames country dumps installed into the user data folder.

Adding countries is all or nothing. Each dump is fetched (GeoNames' export/dump server, a mirror, or a
folder of zips), checked line by line, and its rows derived into a new data file beside the current ones;
then the gazetteer index of the new set of countries is built; only then does the list of installed
countries (:mod:`geomap.places.installed`) switch to the new set, in one ``os.replace``. A 404, a timeout,
a truncated zip, a malformed line or a Ctrl-C anywhere before that leaves the list, and so the index in
use, as they were. The network is used here only.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import http.client
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.places.gazetteer import Gazetteer, data_dir
from geomap.places.geonames_dump import check_code, derive_rows, read_dump
from geomap.places.installed import Installed, InstalledCountry, read_installed, write_installed
from geomap.places.rows import write_rows
from geomap.settings import Settings


@dataclass(frozen=True, slots=True, kw_only=True)
class InstallReport:
    """What ``add`` or ``remove`` did."""

    countries: tuple[InstalledCountry, ...]  # added (or replaced), or removed
    index_path: Path
    index_bytes: int
    seconds: float

    def summary(self, verb: str) -> str:
        lines = [
            f"{verb} {c.code}: {c.places:,} places (of {c.dump_rows:,} in GeoNames' dump, "
            f"{c.dump_bytes / 1e6:.1f} MB) from {c.source}"
            for c in self.countries
        ]
        lines.append(
            f"gazetteer index {self.index_path} ({self.index_bytes / 1e6:.0f} MB) ready in {self.seconds:.1f} s"
        )
        return "\n".join(lines)


def _is_folder(source: str) -> bool:
    return "://" not in source


def dump_location(code: str, source: str) -> str:
    """Where the dump of ``code`` is: ``<source>/CC.zip``, a URL or a file in a folder."""
    if _is_folder(source):
        return str(Path(source).expanduser() / f"{code}.zip")
    return f"{source.rstrip('/')}/{code}.zip"


def _progress_bar(total: int | None, desc: str, unit: str, enabled: bool, *, leave: bool = False) -> object:
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=True,
        file=sys.stderr,
        disable=not enabled,
        leave=leave,
        mininterval=0.2,
    )


def fetch(url: str, *, timeout_s: float, chunk_bytes: int, progress: bool = False) -> bytes:
    """The bytes at ``url``; every failure is a GazetteerError that says what to do."""
    request = urllib.request.Request(url, headers={"User-Agent": "geomap (gazetteer add)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            bar = _progress_bar(total, url.rsplit("/", 1)[-1], "B", progress, leave=True)
            chunks = []
            try:
                while chunk := response.read(chunk_bytes):
                    chunks.append(chunk)
                    bar.update(len(chunk))  # type: ignore[attr-defined]
            finally:
                bar.close()  # type: ignore[attr-defined]
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise GazetteerError(
                f"{url}: 404 not found: there is no such GeoNames dump; check the country code "
                "(ISO 3166-1 alpha-2, e.g. LB) or the --source address"
            ) from exc
        raise GazetteerError(f"{url}: the server answered HTTP {exc.code} {exc.reason}; try again later") from exc
    except TimeoutError as exc:
        raise GazetteerError(
            f"{url}: no answer within {timeout_s:g} s; try again, or use --source with a mirror or a folder "
            "of zips downloaded elsewhere"
        ) from exc
    except http.client.IncompleteRead as exc:
        raise GazetteerError(
            f"{url}: the download was cut short ({len(exc.partial):,} bytes received); try again"
        ) from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError | socket.timeout):
            raise GazetteerError(
                f"{url}: no answer within {timeout_s:g} s; try again, or use --source with a mirror or a "
                "folder of zips downloaded elsewhere"
            ) from exc
        raise GazetteerError(
            f"{url} cannot be reached ({reason}); check the network, or use --source DIR with zips "
            "downloaded elsewhere"
        ) from exc
    data = b"".join(chunks)
    if total is not None and len(data) < total:
        raise GazetteerError(f"{url}: the download was cut short ({len(data):,} of {total:,} bytes); try again")
    return data


def _read_source(code: str, source: str, settings: Settings, progress: bool) -> tuple[bytes, str]:
    where = dump_location(code, source)
    if _is_folder(source):
        path = Path(where)
        if not path.is_file():
            raise GazetteerError(
                f"{path} does not exist: the folder given with --source must hold GeoNames' {code}.zip"
            )
        return path.read_bytes(), str(path)
    install = settings.installing
    return fetch(where, timeout_s=install.timeout_s, chunk_bytes=install.chunk_bytes, progress=progress), where


def _stage(code: str, source: str, settings: Settings, folder: Path, progress: bool) -> InstalledCountry:
    """Fetch, check and derive one country into a new data file of ``folder`` (not yet listed)."""
    data, origin = _read_source(code, source, settings, progress)
    bar = _progress_bar(None, f"{code}: reading places", " lines", progress)
    try:
        dump = read_dump(data, country=code, origin=origin, progress=bar.update)  # type: ignore[attr-defined]
    finally:
        bar.close()  # type: ignore[attr-defined]
    rows = derive_rows(dump, settings=settings.installing)
    tmp = folder / f".{code}.{os.getpid()}.tmp"
    write_rows(rows, tmp)
    digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
    target = folder / f"{code}-{digest[:12]}.tsv.gz"
    os.replace(tmp, target)
    return InstalledCountry(
        code=code,
        file=target.name,
        sha256=digest,
        places=len(rows),
        dump_rows=len(dump.places),
        dump_bytes=len(data),
        source=origin,
        installed=datetime.now(UTC).isoformat(timespec="seconds"),
        modified=dump.modified,
    )


def _switch(settings: Settings, new: Installed) -> Path:
    """Build the index of ``new``, make ``new`` current, then delete what only ``old`` used."""
    folder = settings.installed_dir
    gazetteer = Gazetteer(settings=settings, directory=data_dir(settings), installed=new, build=False)
    if not gazetteer.index_path.exists():
        gazetteer.build_index(remove_old=False)  # the index in use stays until the list switches
    write_installed(folder, new)
    gazetteer.remove_old_indexes()
    _remove_unlisted(folder, new)
    return gazetteer.index_path


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One ``add`` or ``remove`` at a time: a second waits for the first (its list would be overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_unlisted(folder: Path, installed: Installed) -> None:
    listed = {c.file for c in installed.entries}
    for path in folder.glob("*.tsv.gz"):
        if path.name not in listed:
            with contextlib.suppress(OSError):
                path.unlink()
    for path in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()


def add_countries(
    codes: Sequence[str], *, settings: Settings, source: str | None = None, progress: bool = False
) -> InstallReport:
    """Install (or update) the GeoNames dumps of ``codes`` from ``source`` (a URL prefix or a folder of
    zips; default GeoNames' export/dump server), all or none."""
    started = time.monotonic()
    wanted = list(dict.fromkeys(check_code(c) for c in codes))
    if not wanted:
        raise GazetteerError("no country given: name one or more, e.g. `geomap gazetteer add LB`")
    folder = settings.installed_dir
    with _locked(folder):
        return _add(wanted, settings, source, progress, started)


def _add(wanted: list[str], settings: Settings, source: str | None, progress: bool, started: float) -> InstallReport:
    folder = settings.installed_dir
    old = read_installed(folder)
    staged: list[InstalledCountry] = []
    try:
        for code in wanted:
            staged.append(_stage(code, source or settings.installing.dump_url, settings, folder, progress))
        new = old.with_countries(staged)
        index_path = _switch(settings, new)
    except BaseException:
        # Nothing is listed yet: the files staged so far are not used by anything.
        listed = {c.file for c in read_installed(folder).entries}
        for country in staged:
            if country.file not in listed:
                with contextlib.suppress(OSError):
                    (folder / country.file).unlink()
        raise
    return InstallReport(
        countries=tuple(staged),
        index_path=index_path,
        index_bytes=index_path.stat().st_size,
        seconds=time.monotonic() - started,
    )


def remove_countries(codes: Sequence[str], *, settings: Settings) -> InstallReport:
    """Uninstall countries; the index is rebuilt without them."""
    started = time.monotonic()
    wanted = [check_code(c) for c in codes]
    with _locked(settings.installed_dir):
        return _remove(wanted, settings, started)


def _remove(wanted: list[str], settings: Settings, started: float) -> InstallReport:
    old = read_installed(settings.installed_dir)
    missing = [c for c in wanted if c not in old.countries]
    if missing:
        have = ", ".join(old.countries) or "none"
        raise GazetteerError(f"{', '.join(missing)} not installed (installed: {have}); see `geomap gazetteer list`")
    removed = tuple(old.countries[c] for c in wanted)
    index_path = _switch(settings, old.with_countries([], removed=tuple(wanted)))
    return InstallReport(
        countries=removed,
        index_path=index_path,
        index_bytes=index_path.stat().st_size,
        seconds=time.monotonic() - started,
    )


def list_countries(settings: Settings) -> str:
    """The installed countries as a table (country, places, installed, dump date, size, source)."""
    installed = read_installed(settings.installed_dir)
    if not installed.entries:
        return (
            "No GeoNames country installed: `geomap gazetteer add CC` adds one "
            f"(data in {settings.installed_dir})."
        )
    lines = [f"{'country':8}{'places':>9}  {'installed':20} {'GeoNames date':14}{'zip MB':>7}  source"]
    for c in installed.entries:
        lines.append(
            f"{c.code:8}{c.places:>9,}  {c.installed[:19]:20} {c.modified:14}{c.dump_bytes / 1e6:>7.1f}  {c.source}"
        )
    lines.append(f"data in {settings.installed_dir}")
    return "\n".join(lines)
