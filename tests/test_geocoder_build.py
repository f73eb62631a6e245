"""Builds with the remote geocoder, against the loopback Nominatim (tests/loopback.py): one rate limiter
for the whole build whatever --jobs is (issue 14, case 4), a summary that tells the truth after a fault
(case 9), one line per faulted name with details under -v (case 14)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import geopy.geocoders
import pytest

from geomap.places.gazetteer import Gazetteer
from geomap.project import Project
from geomap.settings import Geocoding, Settings
from tests.hostile import places_of, run_geomap
from tests.loopback import TEST_AGENT, FakeNominatim, Reply, nominatim_place, serve

#: Names no gazetteer has: each article's incident can only be placed by the remote geocoder. Sixteen, for
#: four worker processes to take chunks of eight articles at once (extract/batch.py's chunk size).
NAMES = (
    "Tell Qarnak",
    "Zorbakiyah",
    "Umm Ghazalat",
    "Kafr Tunnah",
    "Jurf Nasrat",
    "Qasr Haddadin",
    "Bir Mulaybis",
    "Tall Dhahabiyah",
    "Zorqariyat",
    "Zorbaliyat",
    "Zormuriyat",
    "Zortaziyat",
    "Qarbaliyat",
    "Qarmuriyat",
    "Balnimiyat",
    "Baltaziyat",
)
MIN_DELAY_S = 0.3


def report_text(name: str) -> str:
    return (
        "Rockets hit base in western Iraq\n\nThree rockets struck an Iraqi army base near "
        f"{name} on Monday, officials said. No casualties were reported, and no group claimed the attack.\n"
    )


def place_for(n: int, name: str) -> dict[str, object]:
    return nominatim_place(name=name, lat=30.0 + n / 2, lon=39.0 + n / 2, osm_id=5000 + n, state="Anbar")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeNominatim]:
    monkeypatch.setattr(geopy.geocoders.options, "default_proxies", {})  # loopback: no proxy
    yield from serve()


def remote_settings(server: FakeNominatim, tmp_path: Path) -> Settings:
    return Settings.from_env(
        geocoding=Geocoding(
            provider="nominatim",
            domain=server.domain,
            scheme="http",
            user_agent=TEST_AGENT,
            min_delay_s=MIN_DELAY_S,
            timeout_s=2.0,
            cache_path=tmp_path / "geocode.sqlite",
        )
    )


def test_parallel_jobs_share_one_rate_limiter(
    server: FakeNominatim, tmp_path: Path, gazetteer: Gazetteer
) -> None:
    articles = tmp_path / "a"
    articles.mkdir()
    for n, name in enumerate(NAMES):
        (articles / f"{n}.txt").write_text(report_text(name), encoding="utf-8")
        server.answer(name, Reply(body=[place_for(n, name)]))
    settings = remote_settings(server, tmp_path)
    project = Project(articles_dir=articles, output_dir=tmp_path / "four", settings=settings, gazetteer=gazetteer)
    report = project.build(jobs=4, write_map=False)

    assert report.extracted == len(NAMES) and report.geocoder_faults == {}
    assert sorted(q["q"][0] for q in server.requests) == sorted(NAMES)  # each name asked once
    assert all(q["countrycodes"] == ["iq"] for q in server.requests)
    gaps = [b - a for a, b in zip(server.times, server.times[1:], strict=False)]
    assert min(gaps) >= MIN_DELAY_S - 0.02, gaps  # 4 workers, one request at a time, spaced
    places = places_of(tmp_path / "four")
    assert places == {f"{n}.txt": {name} for n, name in enumerate(NAMES)}
    # The same outputs as one process (the answers now come from the geocoder's cache).
    Project(articles_dir=articles, output_dir=tmp_path / "one", settings=settings, gazetteer=gazetteer).build(
        jobs=1, write_map=False
    )
    for output in ("incidents.geojson", "incidents.csv", "mentions.geojson"):
        assert (tmp_path / "four" / output).read_bytes() == (tmp_path / "one" / output).read_bytes()
    assert len(server.requests) == len(NAMES)


def test_after_a_geocoder_fault_the_article_is_re_read_not_added(
    server: FakeNominatim, tmp_path: Path, gazetteer: Gazetteer
) -> None:
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "q.txt").write_text(report_text(NAMES[0]), encoding="utf-8")
    (articles / "local.txt").write_text(report_text("Ramadi"), encoding="utf-8")
    server.answer(NAMES[0], Reply(status=500, body={"error": "down"}), Reply(body=[place_for(0, NAMES[0])]))
    settings = replace(
        remote_settings(server, tmp_path), geocoding=replace(remote_settings(server, tmp_path).geocoding, max_retries=0)
    )
    project = Project(articles_dir=articles, output_dir=tmp_path / "out", settings=settings, gazetteer=gazetteer)

    first = project.build(write_map=False)
    assert first.added == ["local.txt", "q.txt"] and list(first.geocoder_faults) == [NAMES[0]]
    assert "HTTP 500" in first.geocoder_faults[NAMES[0]]
    assert NAMES[0] in first.unresolved
    assert "q.txt" not in places_of(tmp_path / "out")

    second = project.build(write_map=False)  # the service is back: q.txt is read again, and placed
    assert second.added == [] and second.reread == ["q.txt"] and second.unchanged == 1
    assert second.extracted == 1 and second.geocoder_faults == {} and "re-read" in second.summary()
    assert places_of(tmp_path / "out")["q.txt"] == {NAMES[0]}
    assert second.incidents_before == 1 and second.incidents == 2

    third = project.build(write_map=False)
    assert third.unchanged == 2 and third.reread == third.added == [] and third.extracted == 0
    assert len(server.requests) == 2


def test_geocoder_faults_are_one_line_per_name_with_details_under_verbose(
    server: FakeNominatim, tmp_path: Path
) -> None:
    articles = tmp_path / "a"
    articles.mkdir()
    for n, name in enumerate(NAMES[:2]):
        (articles / f"{n}.txt").write_text(report_text(name), encoding="utf-8")
        (articles / f"{n}-again.txt").write_text(report_text(name) + "\nMore later.\n", encoding="utf-8")
        server.answer(name, Reply(status=500, body={"error": "down"}))
    env = {
        "GEOMAP_GEOCODER": "nominatim",
        "GEOMAP_GEOCODER_DOMAIN": server.domain,
        "GEOMAP_GEOCODER_SCHEME": "http",
        "GEOMAP_USER_AGENT": "geomap-tests",  # no contact: the first request says how to give one
        "GEOMAP_GEOCODE_CACHE": str(tmp_path / "geocode.sqlite"),
    }
    quiet = run_geomap("build", "--articles", str(articles), "--output", str(tmp_path / "o1"), env=env)
    assert quiet.returncode == 0
    lines = quiet.stdout.splitlines()
    start = lines.index("geocoder faults: 2 name(s) left unresolved, asked again next build (details with -v):")
    faults = lines[start + 1 : start + 3]
    assert [NAMES[0] in faults[0], NAMES[1] in faults[1]] == [True, True]
    assert all("HTTP 500" in line for line in faults) and len(lines) < 15
    # On standard error, only the word about the user agent: no traceback, no line per retry.
    (warning,) = quiet.stderr.splitlines()
    assert warning.startswith("WARNING: asking the remote geocoder") and "GEOMAP_USER_AGENT" in warning
    assert server.hits(NAMES[0]) == server.hits(NAMES[1]) == 2  # one retry each, for both of its articles

    verbose = run_geomap("build", "--articles", str(articles), "--output", str(tmp_path / "o2"), "-v", env=env)
    assert verbose.returncode == 0 and "geocoder faults: 2 name(s)" in verbose.stdout
    assert "Traceback" in verbose.stderr and "asking 'Tell Qarnak' again after a fault" in verbose.stderr
    report = json.loads((tmp_path / "o2" / "build-report.json").read_text(encoding="utf-8"))
    assert sorted(report["geocoder_faults"]) == sorted(NAMES[:2])
