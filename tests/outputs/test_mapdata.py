"""The map's data, before the browser: dates on a timeline, the first view's bounds, quotes cut around
their place, the offline basemap's labels, and the compressed parts the page decodes."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import date

import pytest

from geomap.outputs.basemap import _labels
from geomap.outputs.countries import Country
from geomap.outputs.mapdata import (
    MARKER_FIELDS,
    SOURCE_FIELDS,
    TEXT_FIELDS,
    day_range,
    marked,
    pack,
    page_data,
    trimmed,
    view_bounds,
)
from geomap.settings import MapStyle
from tests.outputs.mapkit import incident, place, source

STYLE = MapStyle()


def day(text: str) -> int:
    return date.fromisoformat(text).toordinal() - date(1970, 1, 1).toordinal()


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2021-04-05", "day", ("2021-04-05", "2021-04-05")),
        ("2020-02", "month", ("2020-02-01", "2020-02-29")),
        ("2021-12", "month", ("2021-12-01", "2021-12-31")),
        ("2020", "year", ("2020-01-01", "2020-12-31")),
    ],
)
def test_a_partial_date_covers_its_whole_period(
    value: str, precision: str, expected: tuple[str, str]
) -> None:
    assert day_range(value, precision) == (day(expected[0]), day(expected[1]))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "precision"),
    [(None, "unknown"), ("--04-05", "month_day"), ("2021-02-30", "day"), ("abcd", "year")],
)
def test_a_date_that_cannot_be_placed_is_undated(value: str | None, precision: str) -> None:
    assert day_range(value, precision) is None  # type: ignore[arg-type]


def test_the_first_view_leaves_out_a_lone_far_outlier_but_not_a_second_region() -> None:
    iraq = [(33.3 + k * 0.1, 44.4 - k * 0.2) for k in range(12)]
    found = view_bounds([*iraq, (48.86, 2.35)], style=STYLE)
    assert found is not None and found.outliers == 1
    assert found.fit == [[33.3, 44.4 - 11 * 0.2], [33.3 + 11 * 0.1, 44.4]]
    assert found.all == [[33.3, 2.35], [48.86, 44.4]]
    # Half the incidents in Mali: a second region, not an outlier; everything is shown.
    mali = [(14.5 + k * 0.1, -4.0) for k in range(12)]
    both = view_bounds([*iraq, *mali], style=STYLE)
    assert both is not None and both.outliers == 0 and both.fit == both.all
    # Close neighbours (Mosul is 340 km from Baghdad) are never outliers.
    near = view_bounds([*iraq, (36.34, 43.12)], style=STYLE)
    assert near is not None and near.outliers == 0
    assert view_bounds([], style=STYLE) is None


def test_long_quotes_are_cut_around_the_place_name_at_word_ends() -> None:
    text = "mot " * 125 + "à FALLOUJAH, " + "suite " * 100
    start, end = marked(text, ("Falloujah",))
    assert text[start:end] == "FALLOUJAH"
    cut_start, cut_end = trimmed(text, start, end, max_chars=STYLE.popup_quote_max_chars)
    assert cut_start < start < end < cut_end and cut_end - cut_start <= STYLE.popup_quote_max_chars
    assert text[cut_start - 1] == " " and text[cut_end] == " "  # whole words
    assert trimmed("court à Mossoul.", 8, 15, max_chars=280) == (0, 16)
    assert marked("Istanbul et İzmir", ("izmir",)) == (12, 17)
    assert marked("rien ici", ("Bagdad",)) == (0, 0)


def test_markers_and_popup_text_are_separate_columnar_parts() -> None:
    anbar = place("Al Anbar", 32.5, 41.9, precision="admin1", bbox=(38.8, 30.9, 44.0, 34.6))
    incidents = [
        incident(
            "b", "ied", place("Ramadi", 33.42, 43.3), (source(1, "Bombe à Ramadi.", "Ramadi"),), fatalities=2
        ),
        incident(
            "a",
            "attack",
            anbar,
            (source(2, "Attaque dans l'Anbar.", "Anbar"),),
            date="2020",
            date_precision="year",
        ),
        incident(
            "c",
            "attack",
            anbar,
            (source(2, "Attaque dans l'Anbar.", "Anbar"),),
            date=None,
            date_precision="unknown",
        ),
    ]
    data = page_data(incidents, [], style=STYLE)
    markers = data.markers
    assert markers["id"] == ["a", "b", "c"]  # by id
    assert set(MARKER_FIELDS) <= set(markers) and all(len(markers[f]) == 3 for f in MARKER_FIELDS)
    assert markers["lat"][1] == 3342000 and markers["fatalities"] == [-1, 2, -1]
    assert markers["area"] == [0, -1, 0] and markers["areas"][0][0] == "Al Anbar"
    assert markers["areas"][0][5] == [38.8, 30.9, 44.0, 34.6]  # the province's box travels with it
    assert markers["from"] == [day("2020-01-01"), day("2021-04-05"), -1]
    assert data.day_range == (day("2020-01-01"), day("2021-04-05"))
    assert data.counts["undated"] == 1 and data.counts["areas"] == 2 and data.counts["fatalities"] == 1
    row = data.text[0][1]
    assert len(row) == len(TEXT_FIELDS) and len(row[-1][0]) == len(SOURCE_FIELDS)
    assert row[-1][0][1] == "Bombe à Ramadi." and data.articles[row[-1][0][0]][4] == "001_article.txt"
    packed = pack(markers, level=STYLE.payload_compresslevel)
    assert json.loads(gzip.decompress(base64.b64decode(packed))) == markers
    assert pack(markers, level=STYLE.payload_compresslevel) == packed  # no timestamp: the same bytes


def test_labels_are_capitals_then_towns_by_population_with_more_towns_where_the_incidents_are() -> None:
    countries = {
        "IQ": Country(
            iso_a2="IQ", iso_a3="IRQ", iso_n3="368", name="Iraq", capital="Baghdad",
            capital_id="geonames:1", capital_lat=33.34, capital_lon=44.4,
        ),
    }  # fmt: skip
    towns = [
        ["Baghdad", 33.34, 44.4, "IQ", 7_000_000, "geonames:1"],
        ["Mosul", 36.3, 43.1, "IQ", 1_700_000, "geonames:2"],
        ["Hit", 33.6, 42.8, "IQ", 40_000, "geonames:3"],
        ["Lyon", 45.7, 4.8, "FR", 500_000, "geonames:4"],
        ["Vichy", 46.1, 3.4, "FR", 25_000, "geonames:5"],
    ]
    labels = _labels(towns, countries, {"IQ"}, STYLE)
    assert [row[0] for row in labels] == ["Baghdad", "Mosul", "Lyon", "Hit"]  # no town of 25,000 in France
    assert [row[3] for row in labels] == [STYLE.capital_label_zoom, 5, 6, 8]
    assert [row[4] for row in labels] == [1, 0, 0, 0]


def test_the_tile_server_is_a_setting_and_an_environment_variable() -> None:
    from geomap.settings import Settings

    assert Settings().map.tile_url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in Settings().map.tile_attribution
    local = Settings.from_env(
        {"GEOMAP_TILE_URL": "http://127.0.0.1:8080/{z}/{x}/{y}.png", "GEOMAP_TILE_ATTRIBUTION": "Mine"}
    )
    assert (local.map.tile_url, local.map.tile_attribution) == (
        "http://127.0.0.1:8080/{z}/{x}/{y}.png",
        "Mine",
    )
    assert Settings.from_env({"GEOMAP_TILE_URL": ""}).map.tile_url == ""  # no tiles: the offline basemap only
    assert Settings.from_env({}).map.tile_url == Settings().map.tile_url
