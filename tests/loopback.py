"""A loopback imitation of Nominatim's /search for the tests: geopy's real Nominatim client talks to it.

Nothing reaches the internet: a ThreadingHTTPServer on 127.0.0.1 answers what a test scripts, and records
what it was asked, with which user agent, and when.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

#: The user agent the tests' geocoders send: an application and a contact, as Nominatim's policy asks.
TEST_AGENT = "geomap-tests (tests@example.org)"

def nominatim_place(
    *,
    name: str,
    lat: float,
    lon: float,
    addresstype: str = "city",
    klass: str = "place",
    type_: str = "city",
    importance: float = 0.6,
    country_code: str = "iq",
    state: str | None = "Baghdad Governorate",
    osm_type: str = "relation",
    osm_id: int = 1234,
    boundingbox: list[str] | None = None,
) -> dict[str, Any]:
    """One entry of Nominatim's format=json answer (coordinates as strings, as Nominatim sends them)."""
    address: dict[str, str] = {"country_code": country_code, "country": "Iraq"}
    if state is not None:
        address["state"] = state
    return {
        "place_id": 98765,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright",
        "osm_type": osm_type,
        "osm_id": osm_id,
        "lat": str(lat),
        "lon": str(lon),
        "class": klass,
        "type": type_,
        "addresstype": addresstype,
        "name": name,
        "display_name": f"{name}, {state or ''}, Iraq",
        "importance": importance,
        "boundingbox": boundingbox or [str(lat - 0.1), str(lat + 0.1), str(lon - 0.1), str(lon + 0.1)],
        "address": address,
    }


@dataclass(frozen=True, kw_only=True)
class Reply:
    status: int = 200
    body: Any = ()  # JSON-encoded unless it is already bytes
    headers: tuple[tuple[str, str], ...] = ()
    hang: bool = False  # wait (until the test ends) instead of answering


@dataclass(kw_only=True)
class FakeNominatim:
    """What the server answers, by query (case-insensitive), and what it was asked."""

    port: int = 0
    replies: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[dict[str, list[str]]] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # time.monotonic() at each request
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    def answer(self, query: str, *replies: Reply) -> None:
        """Script the replies to ``query``: one per request, the last one repeated."""
        self.replies[query.casefold()] = list(replies)

    def hits(self, query: str) -> int:
        return sum(1 for r in self.requests if r.get("q", [""])[0].casefold() == query.casefold())

    def next_reply(self, query: str) -> Reply:
        queue = self.replies.get(query.casefold(), [Reply(body=[])])
        return queue.pop(0) if len(queue) > 1 else queue[0]


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hanging handler must not hold the test run at shutdown
    fake: FakeNominatim


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        if url.path != "/search":
            self.send_error(404)
            return
        params = parse_qs(url.query)
        fake.times.append(time.monotonic())
        fake.requests.append(params)
        fake.user_agents.append(self.headers.get("User-Agent", ""))
        reply = fake.next_reply(params.get("q", [""])[0])
        if reply.hang:
            fake.release.wait(timeout=5)
            return
        body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest's output clean
        pass


def serve() -> Iterator[FakeNominatim]:
    fake = FakeNominatim()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


