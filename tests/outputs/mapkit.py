"""What the map's tests share: made-up incidents, the page's decoded data, and the real map in Chromium.

The fixtures are made available to the tests by ``tests/outputs/conftest.py``.

The browser tests open the map in Debian's Chromium through Playwright, with every request that is not
for a local file or loopback aborted (map tiles included: the page then falls back to its offline
basemap). They fail, rather than skip, when Chromium is missing. A loopback HTTP server serves map tiles
made here when a test needs tiles that load.
"""

from __future__ import annotations

import base64
import gzip
import http.server
import json
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

from geomap.records import DatePrecision, EventType, Incident, Precision, Resolution, Source
from geomap.settings import MapStyle, Settings

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
TILE_HOST = urlsplit(MapStyle.tile_url).hostname


def place(
    name: str,
    lat: float,
    lon: float,
    *,
    precision: Precision = "locality",
    extent_km: float = 0.0,
    country: str = "IQ",
    gazetteer_id: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> Resolution:
    return Resolution(
        query=name,
        canonical=name,
        gazetteer_id=gazetteer_id or "geonames:" + name.lower().replace(" ", "-"),
        lat=lat,
        lon=lon,
        precision=precision,
        country=country,
        admin1="",
        source="gazetteer",
        score=3.0,
        extent_km=extent_km,
        bbox=bbox,
    )


def source(
    n: int,
    quote: str,
    place_text: str,
    *,
    title: str | None = None,
    outlet: str | None = "Le Monde",
    url: str | None = None,
) -> Source:
    return Source(
        article_id=f"article-{n}",
        file=f"{n:03d}_article.txt",
        title=title or f"Irak : nouvelle attaque, article n°{n}",
        outlet=outlet,
        url=url,
        published="2021-04-06",
        quote=quote,
        place_text=place_text,
    )


def incident(
    incident_id: str,
    event_type: EventType,
    where: Resolution,
    sources: tuple[Source, ...],
    *,
    date: str | None = "2021-04-05",
    date_precision: DatePrecision = "day",
    place_text: str | None = None,
    fatalities: int | None = None,
    injured: int | None = None,
) -> Incident:
    return Incident(
        id=incident_id,
        event_type=event_type,
        date=date,
        date_precision=date_precision,
        place_text=place_text or where.canonical,
        place=where,
        sources=sources,
        fatalities=fatalities,
        injured=injured,
    )


def page_parts(page_html: str) -> dict[str, Any]:
    """The page's data blocks, decoded (base64, gzip, JSON) as the browser decodes them."""
    blocks = re.findall(
        r'<script type="application/octet-stream" id="[^"-]+-([\w-]+)">([^<]*)</script>', page_html
    )
    return {name: json.loads(gzip.decompress(base64.b64decode(text))) for name, text in blocks}


@pytest.fixture(scope="session")
def map_settings() -> Settings:
    """The test environment's settings (its data folder), with OpenStreetMap's tiles as users get them."""
    return Settings.from_env()


# -- the page in a browser -----------------------------------------------------------------------------------


@dataclass
class PageLog:
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    #: Requests for OpenStreetMap's tiles, aborted like every request off this machine.
    tiles: list[str] = field(default_factory=list)


MapOpener = Callable[..., tuple[Page, PageLog]]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_map(browser: Browser) -> Iterator[MapOpener]:
    """Opens a map file (at ``hash`` if given) with every request aborted unless it is for a local file or
    loopback, and waits until its incidents are drawn."""
    pages: list[Page] = []

    def opener(path: Path, *, width: int = 1280, height: int = 800, hash: str = "") -> tuple[Page, PageLog]:
        page = browser.new_page(viewport={"width": width, "height": height})
        pages.append(page)
        log = PageLog()

        def on_console(message: ConsoleMessage) -> None:
            if message.type != "error":
                return
            # A tile request aborted offline is logged by the browser; the page falls back by design.
            url = message.location.get("url", "")
            if urlsplit(url).hostname == TILE_HOST:
                return
            log.errors.append(f"console: {message.text} @ {url}")

        def on_request(route: Route) -> None:
            url = urlsplit(route.request.url)
            if url.scheme in ("file", "data", "blob") or url.hostname in LOOPBACK_HOSTS:
                route.continue_()
                return
            (log.tiles if url.hostname == TILE_HOST else log.blocked).append(route.request.url)
            route.abort()

        page.on("console", on_console)
        page.on("pageerror", lambda error: log.errors.append(f"page error: {error}"))
        page.route("**/*", on_request)
        page.goto(path.as_uri() + (f"#{hash}" if hash else ""))
        page.wait_for_function("() => window.geomap !== undefined")
        page.evaluate("geomap.ready.then(() => true)")
        return page, log

    yield opener
    for page in pages:
        page.close()


def show_incident(page: Page, incident_id: str) -> None:
    """Bring the incident's real marker into view (zooming in, spreading its cluster out)."""
    assert page.evaluate("(id) => Boolean(geomap.showIncident(id))", incident_id), incident_id
    page.locator(f'.leaflet-marker-pane [data-incident="{incident_id}"]').wait_for()


def open_popup(page: Page, incident_id: str) -> str:
    """Show the incident's marker, click it, and read the popup once its sources are decoded."""
    close_popup(page)
    show_incident(page, incident_id)
    page.click(f'.leaflet-marker-pane [data-incident="{incident_id}"]')
    popup = page.locator(f'.leaflet-popup-content .gm-popup[data-incident="{incident_id}"]:not(.gm-loading)')
    popup.wait_for()
    return popup.inner_text()


def next_frame(page: Page) -> None:
    """Wait until the page has drawn its next frame (the areas are painted in the frame after a change)."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def close_popup(page: Page) -> None:
    """Close the open popup and wait until it has faded out of the page."""
    page.evaluate("() => { geomap.map.closePopup(); }")
    page.wait_for_function("() => document.querySelectorAll('.leaflet-popup').length === 0")


def rectangles_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


# -- a loopback tile server ----------------------------------------------------------------------------------


def png_tile(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    """A solid-colour PNG (made here: the tests draw their own tiles)."""
    row = b"\x00" + bytes(rgb) * size
    raw = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


@dataclass
class TileServer:
    url: str  # a Leaflet URL template: http://127.0.0.1:PORT/{z}/{x}/{y}.png
    requests: list[str]
    status: list[int]  # [200] serves tiles; set [404] to refuse them


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    tile = png_tile((170, 211, 223))
    requests: list[str] = []
    status = [200]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            if status[0] != 200 or not re.fullmatch(r"/\d+/\d+/\d+\.png", self.path):
                self.send_error(status[0] if status[0] != 200 else 404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield TileServer(
            url=f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png",
            requests=requests,
            status=status,
        )
    finally:
        server.shutdown()
        server.server_close()
