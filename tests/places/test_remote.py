"""GeopyResolver against a loopback imitation of Nominatim's /search, through geopy's real Nominatim.

Nothing here reaches the internet: every request goes to a ThreadingHTTPServer on 127.0.0.1 that the tests
start, script and count. Time is faked (the rate limiter's clock and sleep are injected).
"""

from __future__ import annotations

import json
import logging
import socket
import sqlite3
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import geopy.geocoders
import pytest
from geopy.geocoders import Nominatim
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap import errors
from geomap.places.resolvers import ChainResolver, Context
from geomap.places.resolvers.cache import GeocodeCache, normalise_query
from geomap.places.resolvers.remote import GeopyResolver, MinDelay, make_geocoder
from geomap.records import PRECISIONS, Resolution
from geomap.settings import Geocoding
from tests.loopback import TEST_AGENT, FakeNominatim, Reply, nominatim_place, serve

PROJECT_DIR = Path(__file__).resolve().parents[2]


BAGHDAD = nominatim_place(name="Baghdad", lat=33.3152, lon=44.3661)
YUSUFIYAH = nominatim_place(
    name="Al-Yusufiyah",
    lat=33.0705,
    lon=44.2536,
    addresstype="town",
    type_="town",
    osm_id=777,
    importance=0.3,
)


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    yield from serve()


@pytest.fixture
def other_server() -> Iterator[FakeNominatim]:
    yield from serve()


class FakeClock:
    """Injected into the rate limiter: sleeping advances the clock instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


# Building an SSL context loads the system's CA store (~70 ms); geopy would do it for every geocoder.
_SSL_CONTEXT = ssl.create_default_context()


def nominatim(fake: FakeNominatim | str, *, timeout: float = 2.0) -> Nominatim:
    # proxies={}: never route the loopback requests through a proxy from the environment.
    return Nominatim(
        domain=fake if isinstance(fake, str) else fake.domain,
        scheme="http",
        user_agent=TEST_AGENT,
        timeout=timeout,
        proxies={},
        ssl_context=_SSL_CONTEXT,
    )


def closed_port() -> int:
    """A port that was free a moment ago and that nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[GeocodeCache]:
    with GeocodeCache(path=tmp_path / "cache" / "geocode.sqlite") as opened:
        yield opened


def resolver_for(
    fake: FakeNominatim,
    cache: GeocodeCache | None,
    *,
    clock: FakeClock | None = None,
    timeout: float = 2.0,
    max_retries: int = 0,
) -> GeopyResolver:
    clock = clock or FakeClock()
    return GeopyResolver(
        geocoder=nominatim(fake, timeout=timeout),
        cache=cache,
        max_retries=max_retries,
        clock=clock,
        sleep=clock.sleep,
    )


# --- answers ---------------------------------------------------------------------------------------------


def test_a_nominatim_answer_becomes_ranked_resolutions(server: FakeNominatim, cache: GeocodeCache) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD, YUSUFIYAH]))
    found = resolver_for(server, cache).candidates("Baghdad")

    assert [r.canonical for r in found] == ["Baghdad", "Al-Yusufiyah"]
    best = found[0]
    assert (best.lat, best.lon) == (33.3152, 44.3661)
    assert best.query == "Baghdad"
    assert best.precision == "locality"
    assert best.country == "IQ"
    assert best.admin1 == "Baghdad Governorate"
    assert best.source == "geocoder"
    assert best.gazetteer_id == "nominatim:relation/1234"
    assert best.score == pytest.approx(0.6)
    assert found[1].score == pytest.approx(0.3 - 1)  # importance minus rank
    # A 0.2° x 0.2° box at 33°N: about 22 km by 18.6 km, so a radius of about 14.5 km.
    assert best.extent_km == pytest.approx(14.5, abs=0.5)
    assert best.raw is not None and json.loads(best.raw)["osm_id"] == 1234


def test_the_request_asks_for_several_english_candidates_with_address(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    resolver_for(server, None).candidates("Baghdad")

    (params,) = server.requests
    assert params["q"] == ["Baghdad"]
    assert params["limit"] == ["5"]
    assert params["addressdetails"] == ["1"]
    assert params["accept-language"] == ["en"]
    assert "countrycodes" not in params
    assert server.user_agents == [TEST_AGENT]


def test_context_countries_are_sent_as_countrycodes(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    found = resolver_for(server, None).candidates("Baghdad", context=Context(countries=("SY", "IQ")))

    assert found and found[0].country == "IQ"
    assert server.requests[0]["countrycodes"] == ["iq,sy"]


@pytest.mark.parametrize(
    ("addresstype", "klass", "type_", "precision"),
    [
        ("country", "boundary", "administrative", "country"),
        ("state", "boundary", "administrative", "admin1"),
        ("province", "boundary", "administrative", "admin1"),
        ("village", "place", "village", "locality"),
        ("suburb", "place", "suburb", "locality"),
        ("aeroway", "aeroway", "aerodrome", "point"),
        ("military", "landuse", "military", "point"),
        ("building", "building", "yes", "point"),
        ("road", "highway", "residential", "locality"),  # unknown words: the default
        ("", "military", "base", "point"),  # no addresstype (older Nominatim): type, then class
    ],
)
def test_precision_comes_from_addresstype_then_type_then_class(
    server: FakeNominatim, addresstype: str, klass: str, type_: str, precision: str
) -> None:
    place = nominatim_place(name="X", lat=33.0, lon=44.0, addresstype=addresstype, klass=klass, type_=type_)
    if not addresstype:
        del place["addresstype"]
    server.answer("X", Reply(body=[place]))
    (found,) = resolver_for(server, None).candidates("X")
    assert found.precision == precision


def test_minimal_entries_still_resolve(server: FakeNominatim) -> None:
    # Only coordinates and display_name: no osm ids, importance, box, address or name.
    server.answer("Tikrit", Reply(body=[{"lat": "34.6", "lon": "43.68", "display_name": "Tikrit, Iraq"}]))
    (found,) = resolver_for(server, None).candidates("Tikrit")

    assert found.canonical == "Tikrit"
    assert found.gazetteer_id == "geocoder:34.6,43.68"
    assert (found.score, found.extent_km, found.country, found.admin1) == (0.0, 0.0, "", "")
    assert found.precision == "locality"


def test_an_entry_without_coordinates_is_dropped_not_put_at_0_0(server: FakeNominatim) -> None:
    # geopy would turn it into (0, 0), a point in the Gulf of Guinea.
    server.answer("Mosul", Reply(body=[{"display_name": "Mosul"}, BAGHDAD | {"name": "Mosul"}]))
    found = resolver_for(server, None).candidates("Mosul")
    assert [(r.lat, r.lon) for r in found] == [(33.3152, 44.3661)]


def test_resolve_gives_the_best_candidate(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD, YUSUFIYAH]))
    best = resolver_for(server, None).resolve("Baghdad")
    assert best is not None and best.gazetteer_id == "nominatim:relation/1234"


def test_a_blank_name_is_not_asked(server: FakeNominatim) -> None:
    assert resolver_for(server, None).candidates("  \n ") == []
    assert server.requests == []


# --- cache -----------------------------------------------------------------------------------------------


def test_the_cache_answers_the_second_ask_also_in_a_new_resolver(
    server: FakeNominatim, tmp_path: Path
) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    path = tmp_path / "deep" / "er" / "cache.sqlite"
    with GeocodeCache(path=path) as cache:
        resolver = resolver_for(server, cache)
        first = resolver.candidates("Baghdad")
        again = resolver.candidates("Baghdad")
        other_spelling = resolver.candidates("  BAGHDAD ")
    with GeocodeCache(path=path) as reopened:  # a later build
        later = resolver_for(server, reopened).candidates("Baghdad")

    assert server.hits("Baghdad") == 1
    assert first == again == later
    assert first[0].lat == 33.3152
    assert other_spelling[0].query == "  BAGHDAD "  # the name as asked, not as first cached
    assert other_spelling[0].gazetteer_id == first[0].gazetteer_id


def test_no_match_is_empty_and_cached(server: FakeNominatim, cache: GeocodeCache) -> None:
    server.answer("Nowhereville", Reply(body=[]))
    resolver = resolver_for(server, cache)

    assert resolver.candidates("Nowhereville") == []
    assert resolver.candidates("Nowhereville") == []
    assert resolver.resolve("Nowhereville") is None
    assert server.hits("Nowhereville") == 1
    assert resolver.faults == []
    assert cache.get(provider=resolver.provider, query="nowhereville") == []


def test_the_country_bias_is_part_of_the_cache_key(server: FakeNominatim, cache: GeocodeCache) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    resolver = resolver_for(server, cache)
    resolver.candidates("Baghdad", context=Context(countries=("IQ",)))
    resolver.candidates("Baghdad", context=Context(countries=("iq",)))
    resolver.candidates("Baghdad")

    assert server.hits("Baghdad") == 2
    assert [r.get("countrycodes") for r in server.requests] == [["iq"], None]


def test_two_servers_do_not_share_cache_entries(
    server: FakeNominatim, other_server: FakeNominatim, cache: GeocodeCache
) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    other_server.answer("Baghdad", Reply(body=[]))
    assert resolver_for(server, cache).candidates("Baghdad")
    assert resolver_for(other_server, cache).candidates("Baghdad") == []


def test_cache_round_trips_every_field_and_tells_a_miss_from_no_match(tmp_path: Path) -> None:
    resolution = Resolution(
        query="al-Yusifiyah",
        canonical="Al-Yusufiyah",
        gazetteer_id="nominatim:node/1",
        lat=33.07,
        lon=44.25,
        precision="locality",
        country="IQ",
        admin1="Baghdad",
        source="geocoder",
        score=0.25,
        extent_km=3.5,
        raw='{"name": "Al-Yūsufīyah"}',
    )
    with GeocodeCache(path=tmp_path / "c.sqlite") as cache:
        assert cache.get(provider="p", query="al-Yusifiyah") is None
        cache.put(provider="p", query="al-Yusifiyah", countries=["IQ"], resolutions=[resolution])
        cache.put(provider="p", query="Atlantis", resolutions=[])

        assert cache.get(provider="p", query="AL-YUSIFIYAH", countries=["iq"]) == [resolution]
        assert cache.get(provider="p", query="al-Yusifiyah") is None  # other country bias
        assert cache.get(provider="other", query="al-Yusifiyah", countries=["IQ"]) is None
        assert cache.get(provider="p", query="atlantis") == []


def test_cache_uses_wal_and_is_shared_with_another_process(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    with GeocodeCache(path=path) as cache:
        cache.put(provider="p", query="Baghdad", resolutions=[])
        # Another build writes while this one holds the file open.
        script = (
            "import sys; from geomap.places.resolvers.cache import GeocodeCache\n"
            "with GeocodeCache(path=sys.argv[1]) as c:\n"
            "    assert c.get(provider='p', query='baghdad') == []\n"
            "    c.put(provider='p', query='Mosul', resolutions=[])\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)], cwd=PROJECT_DIR, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert cache.get(provider="p", query="mosul") == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_unreadable_cache_entry_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with GeocodeCache(path=path) as cache:
        cache.put(provider="p", query="Baghdad", resolutions=[])
    with sqlite3.connect(path) as conn:  # as if written by a geomap whose Resolution had other fields
        conn.execute("UPDATE geocode_cache SET resolutions = ?", (json.dumps([{"where": "?"}]),))
    with GeocodeCache(path=path) as cache:
        assert cache.get(provider="p", query="Baghdad") is None


def test_a_file_that_is_not_sqlite_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database, just some text that is long enough" * 20)
    with pytest.raises(errors.ConfigurationError, match=r"c\.sqlite"):
        GeocodeCache(path=path)


def test_normalise_query() -> None:
    assert normalise_query("  Al-Yusifiyah \t ") == normalise_query("al-yusifiyah")
    assert normalise_query("Mossoul") != normalise_query("Mosul")
    assert normalise_query("Bakouba") == "bakouba"


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GeocodeCache]:
    # One file for every Hypothesis example (a function-scoped fixture would be reused across them anyway).
    with GeocodeCache(path=tmp_path_factory.mktemp("property") / "c.sqlite") as opened:
        yield opened


_names = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
_coordinates = st.floats(min_value=-90, max_value=90, allow_nan=False)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.builds(
            Resolution,
            query=_names,
            canonical=_names,
            gazetteer_id=_names,
            lat=_coordinates,
            lon=st.floats(min_value=-180, max_value=180, allow_nan=False),
            precision=st.sampled_from(PRECISIONS),
            country=st.sampled_from(["IQ", "SY", ""]),
            admin1=_names,
            source=st.just("geocoder"),
            score=st.floats(allow_nan=False, allow_infinity=False),
            extent_km=st.floats(min_value=0, max_value=1e4),
            raw=st.none() | _names,
        ),
        max_size=3,
    ),
    _names,
)
def test_cache_round_trip_property(
    shared_cache: GeocodeCache, resolutions: list[Resolution], query: str
) -> None:
    shared_cache.put(provider="p", query=query, resolutions=resolutions)
    assert shared_cache.get(provider="p", query=query) == resolutions


# --- faults ----------------------------------------------------------------------------------------------


def test_a_timeout_is_recorded_not_cached_and_retried_on_a_later_build(
    server: FakeNominatim, cache: GeocodeCache
) -> None:
    server.answer("Baghdad", Reply(hang=True), Reply(body=[BAGHDAD]))
    resolver = resolver_for(server, cache, timeout=0.3)

    assert resolver.candidates("Baghdad") == []
    ((name, fault),) = resolver.faults
    assert name == "Baghdad"
    assert isinstance(fault, errors.GeocoderTimedOut)
    assert "0.3 s" in str(fault)
    assert cache.get(provider=resolver.provider, query="Baghdad") is None

    # The next build asks again and gets the answer.
    assert resolver_for(server, cache).candidates("Baghdad")[0].lat == 33.3152
    assert server.hits("Baghdad") == 2


def test_lookup_raises_the_timeout_which_is_also_a_timeout_error(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(hang=True))
    resolver = resolver_for(server, None, timeout=0.3)
    with pytest.raises(errors.GeocoderTimedOut) as raised:
        resolver.lookup("Baghdad")
    assert isinstance(raised.value, TimeoutError)
    assert isinstance(raised.value, errors.GeomapError)
    assert resolver.faults == []  # only candidates() records
    assert server.hits("Baghdad") == 1  # geopy's requests adapter would have resent it twice


def test_a_timeout_is_retried_once_by_default(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(hang=True))
    clock = FakeClock()
    resolver = GeopyResolver(
        geocoder=nominatim(server, timeout=0.2), cache=None, clock=clock, sleep=clock.sleep
    )
    assert resolver.candidates("Baghdad") == []
    assert isinstance(resolver.faults[0][1], errors.GeocoderTimedOut)
    assert server.hits("Baghdad") == 2  # Geocoding.max_retries = 1


def test_http_429_is_rate_limited(server: FakeNominatim, cache: GeocodeCache) -> None:
    server.answer("Baghdad", Reply(status=429, body={"error": "Too many"}))
    resolver = resolver_for(server, cache)

    assert resolver.candidates("Baghdad") == []
    ((_, fault),) = resolver.faults
    assert isinstance(fault, errors.GeocoderRateLimited)
    assert isinstance(fault, errors.GeocoderError)
    assert cache.get(provider=resolver.provider, query="Baghdad") is None
    with pytest.raises(errors.GeocoderRateLimited):
        resolver.lookup("Baghdad")
    assert server.hits("Baghdad") == 2  # one request per ask: no hidden retries below geopy


@pytest.mark.parametrize(("retry_after", "waited"), [("7", 7.0), ("3600", 60.0)])
def test_a_429_retry_waits_what_the_server_asks_up_to_a_limit(
    server: FakeNominatim, retry_after: str, waited: float
) -> None:
    server.answer(
        "Baghdad",
        Reply(status=429, body={"error": "Too many"}, headers=(("Retry-After", retry_after),)),
        Reply(body=[BAGHDAD]),
    )
    clock = FakeClock()
    resolver = resolver_for(server, None, clock=clock, max_retries=1)

    assert resolver.candidates("Baghdad")[0].lat == 33.3152
    assert clock.sleeps == [pytest.approx(waited)]  # on the injected clock, not for real
    assert server.hits("Baghdad") == 2
    resolver.candidates("Mosul")  # then back to the usual spacing
    assert clock.sleeps[1:] == [pytest.approx(1.0)]


def test_a_429_that_persists_is_a_fault_naming_the_wait(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(status=429, headers=(("Retry-After", "7"),)))
    resolver = resolver_for(server, None)
    with pytest.raises(errors.GeocoderRateLimited, match="7 s"):
        resolver.lookup("Baghdad")


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_unavailable(server: FakeNominatim, cache: GeocodeCache, status: int) -> None:
    server.answer("Baghdad", Reply(status=status, body=b"<html>oops</html>"))
    resolver = resolver_for(server, cache)

    assert resolver.candidates("Baghdad") == []
    ((_, fault),) = resolver.faults
    assert isinstance(fault, errors.GeocoderUnavailable)
    assert isinstance(fault, ConnectionError)
    assert f"HTTP {status}" in str(fault)
    assert cache.get(provider=resolver.provider, query="Baghdad") is None


@pytest.mark.parametrize(
    "body",
    [
        b"[{not json",
        json.dumps(["just", "strings"]).encode(),
        json.dumps({"unexpected": "object"}).encode(),
        json.dumps([{"lat": "north", "lon": "44", "display_name": "x"}]).encode(),
    ],
    ids=["malformed-json", "list-of-strings", "object", "bad-number"],
)
def test_unreadable_answers_are_unavailable_not_a_crash(
    server: FakeNominatim, cache: GeocodeCache, body: bytes
) -> None:
    server.answer("Baghdad", Reply(body=body))
    resolver = resolver_for(server, cache)

    assert resolver.candidates("Baghdad") == []
    ((_, fault),) = resolver.faults
    assert isinstance(fault, errors.GeocoderUnavailable)
    assert cache.get(provider=resolver.provider, query="Baghdad") is None


def test_connection_refused_is_unavailable(cache: GeocodeCache) -> None:
    geocoder = nominatim(f"127.0.0.1:{closed_port()}")
    clock = FakeClock()
    resolver = GeopyResolver(geocoder=geocoder, cache=cache, max_retries=0, clock=clock, sleep=clock.sleep)

    assert resolver.candidates("Baghdad") == []
    ((_, fault),) = resolver.faults
    assert isinstance(fault, errors.GeocoderUnavailable)
    assert "cannot be reached" in str(fault)
    with pytest.raises(errors.GeocoderUnavailable):
        resolver.lookup("Baghdad")
    assert cache.get(provider=resolver.provider, query="Baghdad") is None


def test_a_server_error_is_retried_after_the_minimum_delay(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(status=500), Reply(body=[BAGHDAD]))
    clock = FakeClock()
    resolver = resolver_for(server, None, clock=clock, max_retries=1)

    assert resolver.candidates("Baghdad")[0].lat == 33.3152
    assert resolver.faults == []
    assert server.hits("Baghdad") == 2
    assert clock.sleeps == [1.0]  # the retry waited for the next request slot, on the fake clock


def test_the_last_retry_failing_is_a_fault(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(status=500))
    resolver = resolver_for(server, None, max_retries=1)
    with pytest.raises(errors.GeocoderUnavailable):
        resolver.lookup("Baghdad")
    assert server.hits("Baghdad") == 2


# --- rate limiting ---------------------------------------------------------------------------------------


def test_a_name_that_met_a_fault_is_not_asked_again_by_the_same_resolver(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(status=500, body={"error": "down"}))
    resolver = resolver_for(server, None)
    assert resolver.candidates("Baghdad") == [] and resolver.candidates(" baghdad ") == []
    assert server.hits("Baghdad") == 1  # one build asks once...
    # ...but each ask is recorded, so that every article naming it is read again next build.
    assert [name for name, _ in resolver.faults] == ["Baghdad", " baghdad "]
    assert resolver.faults[0][1] is resolver.faults[1][1]
    assert resolver_for(server, None).candidates("Baghdad") == [] and server.hits("Baghdad") == 2


def test_a_fault_logs_one_debug_record_with_its_cause_and_no_warning(
    server: FakeNominatim, caplog: pytest.LogCaptureFixture
) -> None:
    server.answer("Baghdad", Reply(status=503, body={"error": "busy"}))
    clock = FakeClock()
    resolver = GeopyResolver(
        geocoder=nominatim(server), cache=None, max_retries=2, clock=clock, sleep=clock.sleep
    )
    with caplog.at_level(logging.DEBUG):
        assert resolver.candidates("Baghdad") == []
    assert server.hits("Baghdad") == 3
    # geopy's RateLimiter logged a traceback at WARNING for each retry; no warning now, details at DEBUG.
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    ours = [r for r in caplog.records if r.name == "geomap.places.resolvers.remote"]
    assert [r.exc_info is not None for r in ours] == [True, True, True]  # two retries, then the fault
    assert "HTTP 503" in ours[-1].getMessage() and "'Baghdad'" in ours[-1].getMessage()


def test_requests_are_spaced_on_the_injected_clock(server: FakeNominatim, cache: GeocodeCache) -> None:
    clock = FakeClock()
    resolver = resolver_for(server, cache, clock=clock)

    resolver.candidates("Baghdad")
    resolver.candidates("Mosul")  # right after: waits the whole second
    clock.now += 0.25
    resolver.candidates("Tikrit")  # a quarter second later: waits the rest
    resolver.candidates("Baghdad")  # cached: no request, no wait
    clock.now += 5
    resolver.candidates("Fallujah")  # long after: no wait

    assert clock.sleeps == [pytest.approx(1.0), pytest.approx(0.75)]
    assert len(server.requests) == 4


def test_min_delay_counts_from_the_end_of_a_failed_call_too() -> None:
    clock = FakeClock()
    calls: list[float] = []

    def flaky(x: int) -> int:
        calls.append(clock.now)
        clock.now += 0.4  # the request itself takes time
        if x < 0:
            raise ValueError(x)
        return x * 2

    spaced = MinDelay(flaky, min_delay_seconds=1.0, clock=clock, sleep=clock.sleep)
    with pytest.raises(ValueError):
        spaced(-1)
    assert spaced(2) == 4
    assert clock.sleeps == [pytest.approx(1.0)]
    assert calls[1] - calls[0] == pytest.approx(1.4)


def test_min_delay_refuses_a_negative_delay() -> None:
    with pytest.raises(errors.ConfigurationError, match="-1"):
        MinDelay(abs, min_delay_seconds=-1)


# --- chain -----------------------------------------------------------------------------------------------


def test_a_chain_stops_at_the_first_resolver_that_answers(
    server: FakeNominatim, other_server: FakeNominatim
) -> None:
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    server.answer("Al-Yusufiyah", Reply(body=[]))
    other_server.answer("Al-Yusufiyah", Reply(body=[YUSUFIYAH]))
    chain = ChainResolver(resolvers=[resolver_for(server, None), resolver_for(other_server, None)])

    assert chain.candidates("Baghdad")[0].canonical == "Baghdad"
    assert other_server.hits("Baghdad") == 0
    yusufiyah = chain.resolve("Al-Yusufiyah")
    assert yusufiyah is not None and yusufiyah.gazetteer_id == "nominatim:relation/777"
    assert server.hits("Al-Yusufiyah") == 1
    assert chain.resolve("Atlantis") is None


def test_a_failing_geocoder_leaves_the_chain_working(server: FakeNominatim) -> None:
    server.answer("Baghdad", Reply(status=503))
    down = resolver_for(server, None)
    refused = GeopyResolver(
        geocoder=nominatim(f"127.0.0.1:{closed_port()}"),
        cache=None,
        max_retries=0,
        sleep=lambda s: None,
    )
    chain = ChainResolver(resolvers=[down, refused])
    assert chain.candidates("Baghdad") == []
    assert len(down.faults) == len(refused.faults) == 1


# --- make_geocoder ---------------------------------------------------------------------------------------


def test_make_geocoder_builds_a_working_nominatim(
    server: FakeNominatim, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # make_geocoder leaves proxies to geopy's default (the system's); none for this loopback test.
    monkeypatch.setattr(geopy.geocoders.options, "default_proxies", {})
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    server.answer("Mosul", Reply(body=[]))
    geocoder = make_geocoder(user_agent="geomap-tests", domain=server.domain, scheme="http", timeout=2.5)

    assert isinstance(geocoder, Nominatim)
    assert geocoder.timeout == 2.5
    clock = FakeClock()
    resolver = GeopyResolver(geocoder=geocoder, cache=None, clock=clock, sleep=clock.sleep)
    with caplog.at_level(logging.WARNING):
        assert resolver.candidates("Baghdad")[0].country == "IQ"
        assert resolver.candidates("Mosul") == []
    assert server.user_agents == ["geomap-tests", "geomap-tests"]
    # The agent gives no contact: the first request (only) says how to give one.
    (warning,) = caplog.records
    assert "'geomap-tests'" in warning.getMessage() and "GEOMAP_USER_AGENT" in warning.getMessage()
    assert "you@example.org" in warning.getMessage()


def test_the_default_user_agent_gives_no_contact_and_a_contact_silences_the_warning(
    server: FakeNominatim, caplog: pytest.LogCaptureFixture
) -> None:
    assert "@" not in Geocoding.user_agent  # hence the warning of the first request of a build
    server.answer("Baghdad", Reply(body=[BAGHDAD]))
    with caplog.at_level(logging.WARNING):
        resolver_for(server, None).candidates("Baghdad")  # TEST_AGENT has an e-mail address
    assert caplog.records == []


def test_make_geocoder_defaults_to_nominatim() -> None:
    geocoder = make_geocoder()  # builds a client only: nothing is sent
    assert isinstance(geocoder, Nominatim)


@pytest.mark.parametrize(
    "agent", ["", "   ", "my-application", "specify_your_app_name_here", "my_app/1", "geopy/2.5.0"]
)
def test_make_geocoder_rejects_empty_and_sample_user_agents(agent: str) -> None:
    with pytest.raises(errors.ConfigurationError) as raised:
        make_geocoder(user_agent=agent)
    assert repr(agent) in str(raised.value)


def test_make_geocoder_rejects_an_unknown_provider_listing_valid_ones() -> None:
    with pytest.raises(errors.ConfigurationError) as raised:
        make_geocoder(provider="nominatimm", user_agent="geomap-tests")
    assert "'nominatimm'" in str(raised.value)
    assert "nominatim" in str(raised.value) and "photon" in str(raised.value)


@pytest.mark.parametrize("provider", ["bing", "google", "geonames"])
def test_make_geocoder_explains_providers_that_need_an_account(provider: str) -> None:
    with pytest.raises(errors.ConfigurationError, match=repr(provider)):
        make_geocoder(provider=provider, user_agent="geomap-tests")
