"""GeoNames country dumps written for the tests, in GeoNames' real format (export/dump/CC.zip: CC.txt, 19
tab-separated columns, UTF-8), with made-up rows; and servers that serve them over loopback HTTP."""

from __future__ import annotations

import http.server
import io
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Geoname:
    """One line of a dump; the defaults are a village with no population."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str = "P"
    feature_code: str = "PPL"
    admin1: str = "00"
    admin2: str = ""
    alternates: tuple[str, ...] = ()
    asciiname: str = ""
    population: int = 0
    country: str = "LB"

    def line(self) -> str:
        cells = [
            str(self.geonameid),
            self.name,
            self.asciiname or self.name.encode("ascii", "ignore").decode(),
            ",".join(self.alternates),
            f"{self.lat:.5f}",
            f"{self.lon:.5f}",
            self.feature_class,
            self.feature_code,
            self.country,
            "",  # cc2
            self.admin1,
            self.admin2,
            "",  # admin3
            "",  # admin4
            str(self.population),
            "",  # elevation
            "250",  # dem
            "Asia/Beirut",
            "2024-03-01",
        ]
        assert len(cells) == 19
        return "\t".join(cells)


def dump_zip(code: str, places: list[Geoname], *, text: str | None = None) -> bytes:
    """The bytes of ``CC.zip`` as GeoNames publishes it (the country's file and a readme)."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{code}.txt", text if text is not None else "".join(p.line() + "\n" for p in places))
        zf.writestr("readme.txt", "Readme for GeoNames Gazetteer extract files (test copy)\n")
    return raw.getvalue()


# A made-up south Lebanon: the real villages' names as GeoNames spells them, at their rough places. The
# spellings French and English news use (Aitaroun, Kfar Roummane, Rmeich, Deir Mimas, Chebaa) are in no
# alternate name: they must be found by the transliteration rules.
LEBANON = [
    Geoname(444191, "Muḩāfaz̧at an Nabaţīyah", 33.30, 35.55, "A", "ADM1", "08", alternates=("Nabatieh",)),
    Geoname(279894, "Muḩāfaz̧at al Janūb", 33.25, 35.30, "A", "ADM1", "06", alternates=("South Governorate",)),
    Geoname(99800001, "Qaḑā’ Marj ‘Uyūn", 33.35, 35.60, "A", "ADM2", "08", "01"),
    Geoname(99800002, "Qaḑā’ Bint Jubayl", 33.12, 35.43, "A", "ADM2", "08", "02"),
    Geoname(99276781, "Kafr Rummān", 33.3833, 35.5000, admin1="08", admin2="01", alternates=("كفررمان",)),
    Geoname(99277561, "Dayr Mīmās", 33.3167, 35.5667, admin1="08", admin2="01", alternates=("دير ميماس",)),
    Geoname(99280010, "‘Aytarūn", 33.1167, 35.4667, admin1="08", admin2="02", asciiname="Aytarun"),
    Geoname(99268743, "Rumaysh", 33.0800, 35.3700, admin1="08", admin2="02", alternates=("رميش",)),
    Geoname(99268891, "Shib‘ā", 33.3500, 35.7000, admin1="08", admin2="01", asciiname="Shiba"),
    Geoname(99276359, "Bint Jubayl", 33.1200, 35.4300, admin1="08", admin2="02", population=30000),
    Geoname(99276500, "An Nabaţīyah at Taḩtā", 33.3789, 35.4839, "P", "PPLA", "08", population=80000),
    Geoname(99276900, "Marj ‘Uyūn", 33.3600, 35.5900, admin1="08", admin2="01", population=5000),
    Geoname(99276901, "Al Khiyām", 33.3300, 35.6100, admin1="08", admin2="01", population=20000),
    Geoname(99276902, "Ḩūlā", 33.2100, 35.5100, admin1="08", admin2="01"),
    Geoname(99276903, "Mays al Jabal", 33.1700, 35.5200, admin1="08", admin2="02"),
    Geoname(99276904, "‘Aytā ash Sha‘b", 33.1000, 35.4000, admin1="08", admin2="02"),
    Geoname(99276905, "Şūr", 33.2700, 35.2000, admin1="06", population=135000, alternates=("Tyre",)),
    Geoname(99276906, "Qānā", 33.2100, 35.3000, admin1="06"),
    Geoname(99276907, "Şiddīqīn", 33.2000, 35.3300, admin1="06"),
    Geoname(99000001, "Jabal ar Rayḩān", 33.45, 35.55, "T", "MT", "08"),
    Geoname(99000002, "Thakanat Marj ‘Uyūn", 33.34, 35.58, "S", "MILB", "08"),
    Geoname(99000003, "Wādī as Salūqī", 33.22, 35.52, "H", "WAD", "08"),  # a wadi: not kept
]


def write_folder(folder: Path, dumps: dict[str, bytes]) -> Path:
    """A folder of zips, as a user copies onto a machine without network."""
    folder.mkdir(parents=True, exist_ok=True)
    for code, data in dumps.items():
        (folder / f"{code}.zip").write_bytes(data)
    return folder


@dataclass
class Served:
    """What a loopback server served: its address and the paths asked."""

    url: str
    asked: list[str]


@contextmanager
def serve(
    routes: dict[str, bytes],
    *,
    delay_s: float = 0.0,
    cut_after: int | None = None,
    chunk_s: float = 0.0,
) -> Iterator[Served]:
    """Serve ``routes`` (path -> bytes) on 127.0.0.1; others are 404. ``delay_s`` waits before answering
    (a timeout), ``cut_after`` closes the connection after that many bytes of a longer body (a download
    cut short), ``chunk_s`` sends 4 KiB at a time with that pause (a slow download to interrupt)."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            if delay_s:
                time.sleep(delay_s)
            body = routes.get(self.path)
            if body is None:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            data = body[:cut_after] if cut_after is not None else body
            try:
                for start in range(0, len(data), 4096):
                    self.wfile.write(data[start : start + 4096])
                    self.wfile.flush()
                    if chunk_s:
                        time.sleep(chunk_s)
            except (BrokenPipeError, ConnectionResetError):
                pass
            if cut_after is not None:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(url=f"http://127.0.0.1:{server.server_address[1]}/dump/", asked=asked)
    finally:
        server.shutdown()
        server.server_close()
