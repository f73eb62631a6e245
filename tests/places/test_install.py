"""`geomap gazetteer add/list/remove`: GeoNames country dumps from a loopback HTTP server or a folder,
checked, merged into the index all or none; and the villages they bring, found from the spellings of news."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.errors import GazetteerError
from geomap.places.gazetteer import Gazetteer, open_gazetteer
from geomap.places.install import add_countries, list_countries, remove_countries
from geomap.places.installed import read_installed
from geomap.places.names import name_key
from geomap.places.resolvers import Context, GazetteerResolver, lookup
from geomap.settings import Settings
from tests.places.dumps import LEBANON, Geoname, dump_zip, serve, write_folder

ROOT = Path(__file__).resolve().parents[2]
# The spellings of French and English news, none of which is among the dump's names.
NEWS_SPELLINGS = {
    "Aitaroun": "‘Aytarūn",
    "Kfar Roummane": "Kafr Rummān",
    "Rmeich": "Rumaysh",
    "Deir Mimas": "Dayr Mīmās",
    "Chebaa": "Shib‘ā",
    "Khiam": "Al Khiyām",
}


@pytest.fixture()
def settings(own_settings: Settings) -> Settings:
    return own_settings


def _env(settings: Settings) -> dict[str, str]:
    return {"GEOMAP_DATA_DIR": str(settings.data_dir), "GEOMAP_GAZETTEER": str(settings.gazetteer_dir)}


def _resolver(settings: Settings) -> GazetteerResolver:
    return GazetteerResolver(settings=settings, gazetteer=open_gazetteer(settings))


def _index_files(settings: Settings) -> dict[str, float]:
    return {p.name: p.stat().st_mtime for p in settings.index_dir.glob("*.sqlite")}


def test_news_spellings_are_not_in_the_dump() -> None:
    # Otherwise the next test would prove nothing about transliteration.
    names = {name_key(n) for g in LEBANON for n in (g.name, g.asciiname, *g.alternates) if n}
    assert not {name_key(s) for s in NEWS_SPELLINGS} & names


def test_villages_resolve_from_news_spellings_once_their_country_is_installed(
    tmp_path: Path, settings: Settings
) -> None:
    resolver = _resolver(settings)
    lebanon = Context(countries=("LB",))
    assert all(not [r for r in resolver.candidates(s, context=lebanon) if r.country == "LB"] for s in NEWS_SPELLINGS)
    folder = write_folder(tmp_path / "zips", {"LB": dump_zip("LB", LEBANON)})
    report = add_countries(["lb"], settings=settings, source=str(folder))
    assert [c.code for c in report.countries] == ["LB"] and report.countries[0].places == len(LEBANON) - 1
    resolver = _resolver(settings)
    for spelling, written in NEWS_SPELLINGS.items():
        found = resolver.resolve(spelling, context=lebanon)
        assert found is not None and found.canonical == written and found.country == "LB", (spelling, found)
    # Only inside the article's countries: an article about Tunisia gets no Lebanese village by spelling.
    assert all(r.country != "LB" for r in resolver.candidates("Rmeich", context=Context(countries=("TN",))))


def test_installed_data_lives_in_the_user_data_folder(tmp_path: Path, settings: Settings) -> None:
    folder = write_folder(tmp_path / "zips", {"LB": dump_zip("LB", LEBANON)})
    add_countries(["LB"], settings=settings, source=str(folder))
    installed = read_installed(settings.installed_dir)
    assert settings.installed_dir.is_relative_to(settings.data_dir)
    assert (settings.installed_dir / installed.countries["LB"].file).exists()
    assert not any(Path(sys.prefix).rglob("installed.json"))


def test_a_country_hint_constrains(settings: Settings) -> None:
    # Nothing installed: Chebaa is Chebba of Tunisia by its exact key, but the user asked for Lebanon.
    found = lookup("Chebaa", settings=settings, countries=("LB",), offline=True)
    assert found.found == () and found.elsewhere and found.elsewhere[0].country == "TN"
    result = CliRunner().invoke(cli, ["resolve", "Chebaa", "--country", "LB", "--offline"], env=_env(settings))
    assert result.exit_code == 1
    assert "Chebaa: no match in LB" in result.output and "best elsewhere (not in LB)" in result.output
    assert "Chebba" in result.output.split("best elsewhere")[1]


def test_a_loose_match_never_crosses_kinds_and_an_exact_name_wins(tmp_path: Path, settings: Settings) -> None:
    places = [*LEBANON, Geoname(99100001, "Shabā", 33.36, 35.69, admin1="08")]
    add_countries(["LB"], settings=settings, source=str(write_folder(tmp_path / "z", {"LB": dump_zip("LB", places)})))
    resolver = _resolver(settings)
    lebanon = Context(countries=("LB",))
    # "Lebnen" has Lebanon's skeleton, but a loose match never yields a country; "Liban" is its exact name.
    assert all(r.precision != "country" for r in resolver.candidates("Lebnen", context=lebanon))
    liban = resolver.resolve("Liban", context=lebanon)
    assert liban is not None and liban.precision == "country"
    # "Shiba" is the exact ASCII name of Shib‘ā: Shabā, whose skeleton is the same, is not even a candidate.
    assert [r.canonical for r in resolver.candidates("Shiba", context=lebanon)] == ["Shib‘ā"]
    # "la province de Rmeich": a village cannot answer a province's qualifier by its spelling.
    assert all(r.canonical != "Rumaysh" for r in resolver.candidates("province de Rmeich", context=lebanon))


def test_admin_units_are_placed_at_the_centre_of_their_places_with_their_bounds(
    tmp_path: Path, settings: Settings
) -> None:
    add_countries(["LB"], settings=settings, source=str(write_folder(tmp_path / "z", {"LB": dump_zip("LB", LEBANON)})))
    resolver = _resolver(settings)
    district = resolver.resolve("Bint Jubayl", context=Context(countries=("LB",), hint="admin1"))
    assert district is not None and district.canonical == "Qaḑā’ Bint Jubayl" and district.bbox is not None
    west, south, east, north = district.bbox
    assert west <= district.lon <= east and south <= district.lat <= north
    villages = [g for g in LEBANON if g.admin2 == "02" and g.feature_class == "P"]
    assert west == pytest.approx(min(g.lon for g in villages), abs=1e-3)
    assert north == pytest.approx(max(g.lat for g in villages), abs=1e-3)
    # The district's own row put it at 33.12, 35.43 (its seat); its villages put it elsewhere.
    assert (district.lat, district.lon) != (33.12, 35.43) and district.extent_km >= 10
    # The dump's province is the shipped one (same GeoNames id): it keeps its shipped name, which the
    # dump's villages now give as their province, and takes its centre and bounds from the dump's places.
    province = resolver.resolve("Nabatiyah", context=Context(countries=("LB",), hint="admin1"))
    assert province is not None and province.gazetteer_id == "geonames:444191" and province.bbox is not None
    assert province.canonical == "An Nabaţīyah" and (province.lat, province.lon) != (33.34983, 35.48674)
    town = resolver.resolve("Kfar Roummane", context=Context(countries=("LB",)))
    assert town is not None and town.admin1 == "An Nabaţīyah"


def test_add_from_a_loopback_server_with_a_progress_bar(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({"/dump/LB.zip": dump_zip("LB", LEBANON)}) as server:
        report = add_countries(["LB"], settings=settings, source=server.url, progress=True)
    assert server.asked == ["/dump/LB.zip"] and report.countries[0].source == server.url + "LB.zip"
    err = capsys.readouterr().err
    assert "LB.zip" in err and "100%" in err  # tqdm's bar for the download, to its full length


def test_list_and_remove(tmp_path: Path, settings: Settings) -> None:
    runner = CliRunner()
    env = _env(settings)
    assert "No GeoNames country installed" in runner.invoke(cli, ["gazetteer", "list"], env=env).output
    zips = write_folder(tmp_path / "z", {"LB": dump_zip("LB", LEBANON)})
    added = runner.invoke(cli, ["gazetteer", "add", "LB", "--source", str(zips), "--quiet"], env=env)
    assert added.exit_code == 0, added.output
    assert f"added LB: {len(LEBANON) - 1} places" in added.output
    listed = runner.invoke(cli, ["gazetteer", "list"], env=env).output
    assert "LB" in listed and f"{len(LEBANON) - 1}" in listed and str(zips / "LB.zip") in listed and "2024-03-01" in listed
    refused = runner.invoke(cli, ["gazetteer", "remove", "SY"], env=env)
    assert refused.exit_code == 1 and "SY not installed (installed: LB)" in refused.output
    removed = runner.invoke(cli, ["gazetteer", "remove", "LB"], env=env)
    assert removed.exit_code == 0 and "removed LB" in removed.output
    assert list(settings.installed_dir.glob("*.tsv.gz")) == []
    assert _resolver(settings).resolve("Rmeich", context=Context(countries=("LB",))) is None or all(
        r.gazetteer_id != "geonames:99268743"
        for r in _resolver(settings).candidates("Rmeich", context=Context(countries=("LB",)))
    )


@pytest.mark.parametrize("command", ["add", "list", "remove"])
def test_gazetteer_commands_have_help(command: str) -> None:
    result = CliRunner().invoke(cli, ["gazetteer", command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


# -- what goes wrong: each leaves what was installed as it was ---------------------------------------------


def _installed_before(tmp_path: Path, settings: Settings) -> tuple[dict[str, float], str]:
    """Lebanon installed; the index files and the list of countries, to compare with after a failure."""
    add_countries(["LB"], settings=settings, source=str(write_folder(tmp_path / "ok", {"LB": dump_zip("LB", LEBANON)})))
    return _index_files(settings), (settings.installed_dir / "installed.json").read_text(encoding="utf-8")


def _unchanged(settings: Settings, before: tuple[dict[str, float], str]) -> None:
    assert _index_files(settings) == before[0]
    assert (settings.installed_dir / "installed.json").read_text(encoding="utf-8") == before[1]
    listed = {c.file for c in read_installed(settings.installed_dir).entries}
    assert {p.name for p in settings.installed_dir.glob("*.tsv.gz")} == listed
    assert not list(settings.installed_dir.glob(".*.tmp"))
    assert Gazetteer(settings=settings, build=False).index_path.exists()  # no rebuild needed


def _failing(settings: Settings, source: str, code: str, message: str) -> None:
    with pytest.raises(GazetteerError, match=message):
        add_countries(["IQ", code], settings=settings, source=source)


def test_a_404_names_the_address_and_leaves_the_index(tmp_path: Path, settings: Settings) -> None:
    before = _installed_before(tmp_path, settings)
    with serve({"/dump/IQ.zip": dump_zip("IQ", [Geoname(99900001, "Qaryat Test", 33.0, 44.0, country="IQ")])}) as s:
        _failing(settings, s.url, "XK", r"XK\.zip: 404 not found.*check the country code")
    _unchanged(settings, before)


def test_a_timeout_says_to_try_again_or_use_a_mirror(tmp_path: Path, settings: Settings) -> None:
    before = _installed_before(tmp_path, settings)
    quick = dataclasses.replace(settings, installing=dataclasses.replace(settings.installing, timeout_s=0.3))
    with (
        serve({"/dump/IQ.zip": dump_zip("IQ", [])}, delay_s=1.5) as s,
        pytest.raises(GazetteerError, match=r"no answer within 0.3 s.*--source"),
    ):
        add_countries(["IQ"], settings=quick, source=s.url)
    _unchanged(settings, before)


def test_a_download_cut_short_is_refused(tmp_path: Path, settings: Settings) -> None:
    before = _installed_before(tmp_path, settings)
    body = dump_zip("IQ", [Geoname(99900001 + k, f"Qaryat {k}", 33.0, 44.0, country="IQ") for k in range(3000)])
    with (
        serve({"/dump/IQ.zip": body}, cut_after=len(body) // 2) as s,
        pytest.raises(GazetteerError, match="cut short"),
    ):
        add_countries(["IQ"], settings=settings, source=s.url)
    _unchanged(settings, before)


def test_a_truncated_zip_is_refused(tmp_path: Path, settings: Settings) -> None:
    before = _installed_before(tmp_path, settings)
    body = dump_zip("IQ", [Geoname(99900001, "Qaryat Test", 33.0, 44.0, country="IQ")])
    folder = write_folder(tmp_path / "bad", {"IQ": body[: len(body) - 40]})
    with pytest.raises(GazetteerError, match="not a complete zip file"):
        add_countries(["IQ"], settings=settings, source=str(folder))
    _unchanged(settings, before)


def test_a_wrong_column_count_says_what_is_wrong(tmp_path: Path, settings: Settings) -> None:
    before = _installed_before(tmp_path, settings)
    good = Geoname(99900001, "Qaryat Test", 33.0, 44.0, country="IQ").line()
    text = good + "\n" + good.rsplit("\t", 1)[0] + "\n"  # the second line lacks the modification date
    folder = write_folder(tmp_path / "bad", {"IQ": dump_zip("IQ", [], text=text)})
    with pytest.raises(GazetteerError, match=r"IQ\.txt, line 2: 18 tab-separated columns where .* has 19"):
        add_countries(["IQ"], settings=settings, source=str(folder))
    other = write_folder(tmp_path / "other", {"IQ": dump_zip("LB", LEBANON)})
    with pytest.raises(GazetteerError, match=r"holds no IQ\.txt"):
        add_countries(["IQ"], settings=settings, source=str(other))
    with pytest.raises(GazetteerError, match="not a country code"):
        add_countries(["Iraq"], settings=settings, source=str(other))
    _unchanged(settings, before)


def test_an_interrupted_install_leaves_the_index_as_it_was(tmp_path: Path, settings: Settings) -> None:
    before = _installed_before(tmp_path, settings)
    body = dump_zip("IQ", [Geoname(99900001 + k, f"Qaryat {k}", 33.0, 44.0, country="IQ") for k in range(4000)])
    # Ctrl-C as a user's terminal sends it: a suite run in the background (`pytest &`) ignores SIGINT, and a
    # child would inherit that; a handler of ours is reset to the default in the child.
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
    with serve({"/dump/IQ.zip": body}, chunk_s=0.05) as s:
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "geomap", "gazetteer", "add", "IQ", "--source", s.url, "--quiet"],
                env={**os.environ, **_env(settings)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=ROOT,
            )
        finally:
            signal.signal(signal.SIGINT, ignored)
        deadline = time.monotonic() + 60
        while not s.asked and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # a few chunks in
        process.send_signal(signal.SIGINT)  # Ctrl-C
        process.communicate(timeout=60)
    assert s.asked == ["/dump/IQ.zip"] and process.returncode != 0
    _unchanged(settings, before)


def test_the_list_of_countries_names_what_is_installed(tmp_path: Path, settings: Settings) -> None:
    assert "No GeoNames country installed" in list_countries(settings)
    with pytest.raises(GazetteerError, match="not installed"):
        remove_countries(["LB"], settings=settings)


def test_a_lost_data_file_says_how_to_repair(tmp_path: Path, settings: Settings) -> None:
    add_countries(["LB"], settings=settings, source=str(write_folder(tmp_path / "z", {"LB": dump_zip("LB", LEBANON)})))
    installed = read_installed(settings.installed_dir)
    (settings.installed_dir / installed.countries["LB"].file).unlink()
    for index in settings.index_dir.glob("*.sqlite"):
        index.unlink()
    with pytest.raises(GazetteerError, match=r"installed country LB, is missing.*gazetteer add LB"):
        Gazetteer(settings=settings)
