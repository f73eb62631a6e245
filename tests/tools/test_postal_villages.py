"""Ukraine's villages from GeoNames' postal codes: romanisation and the rows derived (on made-up dumps)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from geomap.places.rows import Row
from geomap.tools.postal_villages import read_postal_villages, romanise, state_admin1_names, village_rows

STATES = state_admin1_names(["Zaporizka oblast", "Donetska oblast", "Kyiv"])


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Роботине", "Robotyne"),
        ("Андріївка", "Andriivka"),
        ("Кліщіївка", "Klishchiivka"),
        ("Синьківка", "Synkivka"),
        ("Старомайорське", "Staromaiorske"),
        ("Урожайне", "Urozhaine"),
        ("Кринки", "Krynky"),
        # Є, Ї, Й, Ю, Я start a word otherwise: Yenakiieve, Yizhakevychi, Yosypivka, Yuzhne, Yahidne.
        ("Єнакієве", "Yenakiieve"),
        ("Їжаківка", "Yizhakivka"),
        ("Йосипівка", "Yosypivka"),
        ("Южне", "Yuzhne"),
        ("Ягідне", "Yahidne"),
        # After an apostrophe a letter is inside its word: Znamianka; the apostrophe is not written.
        ("Знам'янка", "Znamianka"),
        ("Мар’їнка", "Marinka"),
        ("Згурівка", "Zghurivka"),
        ("Біла Церква", "Bila Tserkva"),
        ("Гуляйполе", "Huliaipole"),
        ("Велика Новосілка", "Velyka Novosilka"),
        ("Щастя", "Shchastia"),
    ],
)
def test_ukrainian_names_are_romanised_as_ukraine_does(ukrainian: str, latin: str) -> None:
    assert romanise(ukrainian) == latin


def _dump(path: Path, records: list[dict[str, Any]]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps({"country_code": "UA", "source": "allCountries", **rec}, ensure_ascii=False) + "\n")
    return path


def _rec(code: str, city: str, lat: float, lon: float, accuracy: float = 4.0, state: str = "Zaporizka") -> dict[str, Any]:
    return {"postal_code": code, "city": city, "state": state, "latitude": lat, "longitude": lon, "accuracy": accuracy}


def test_villages_keep_geonames_features_once_each(tmp_path: Path) -> None:
    dump = _dump(
        tmp_path / "postal.jsonl.gz",
        [
            _rec("71721", "Роботине", 47.44561, 35.83432),  # the same village under a second code
            _rec("71720", "Роботине", 47.4456, 35.8343),
            _rec("71730", "Вербове (Вербівська сільська рада)", 47.50, 35.90, accuracy=1.0),  # estimated
            _rec("71731", "Новопрокопівка (Новопрокопівська сільська рада)", 47.48, 35.87, accuracy=3.0),
            _rec("71740", "Церкoвна (Церковнянська с/р)", 47.40, 35.70),  # a Latin "o", a council
            _rec("71750", "Шелестівка (Шелестовка)", 47.30, 35.60, accuracy=6.0),  # another name
            _rec("84500", "Андріївка", 48.5008, 37.968, state="Donetska"),
            _rec("72565", "Андріївка", 46.5348, 35.0875),  # a homonym, elsewhere
        ],
    )
    # Other countries' codes are in the same dump.
    with gzip.open(dump, "at", encoding="utf-8") as f:
        f.write(json.dumps({**_rec("10115", "Berlin", 52.5, 13.4, accuracy=4.0), "country_code": "DE"}) + "\n")
    villages = read_postal_villages(dump)
    assert [(v.postal_code, v.name, v.other_name) for v in villages] == [
        ("71720", "Роботине", ""),
        ("71740", "Церковна", ""),
        ("71750", "Шелестівка", "Шелестовка"),
        ("72565", "Андріївка", ""),
        ("84500", "Андріївка", ""),
    ]
    rows = {r.id: r for r in village_rows(villages, [], STATES)}
    assert sorted(rows) == [
        "gnzip:UA:71720:Robotyne",
        "gnzip:UA:71740:Tserkovna",
        "gnzip:UA:71750:Shelestivka",
        "gnzip:UA:72565:Andriivka",
        "gnzip:UA:84500:Andriivka",
    ]
    robotyne = rows["gnzip:UA:71720:Robotyne"]
    assert (robotyne.name, robotyne.names, robotyne.admin1) == ("Robotyne", {"Robotyne", "Роботине"}, "Zaporizka oblast")
    assert (robotyne.precision, robotyne.feature, robotyne.population, robotyne.matchable) == (
        "locality",
        "PPL",
        0,
        False,
    )
    assert rows["gnzip:UA:84500:Andriivka"].admin1 == "Donetska oblast"
    assert rows["gnzip:UA:71750:Shelestivka"].names == {"Shelestivka", "Шелестівка", "Shelestovka", "Шелестовка"}


def _town(name: str, lat: float, lon: float, *names: str) -> Row:
    return Row(
        id=f"geonames:{name}",
        name=name,
        lat=lat,
        lon=lon,
        precision="locality",
        feature="PPL",
        country="UA",
        admin1="Zaporizka oblast",
        population=991,
        extent_km=0.0,
        matchable=False,
        names=set(names),
    )


def test_a_village_cities500_has_is_not_added_twice(tmp_path: Path) -> None:
    dump = _dump(
        tmp_path / "postal.jsonl.gz",
        [
            _rec("75111", "Кринки", 46.7281, 33.0694),
            _rec("71720", "Роботине", 47.4456, 35.8343),
            _rec("71620", "Кринки", 47.90, 35.20),  # another Krynky, far from the known one
        ],
    )
    # cities500 spells it otherwise, with the Ukrainian name among its alternates: the keys meet.
    known = [_town("Krynki", 46.73306, 33.0807, "Кринки"), _town("Robotyne", 47.9, 36.5)]
    ids = [r.id for r in village_rows(read_postal_villages(dump), known, STATES)]
    assert ids == ["gnzip:UA:71620:Krynky", "gnzip:UA:71720:Robotyne"]


def test_a_state_the_gazetteer_lacks_stops_the_build(tmp_path: Path) -> None:
    dump = _dump(tmp_path / "postal.jsonl.gz", [_rec("95000", "Щастя", 48.7, 39.2, state="Krymska")])
    with pytest.raises(ValueError, match="Krymska"):
        village_rows(read_postal_villages(dump), [], STATES)


def test_the_rows_do_not_depend_on_the_dump_order(tmp_path: Path) -> None:
    records = [_rec(f"7{k:04d}", "Андріївка", 47.0 + k / 100, 35.0) for k in range(20)]
    records += [_rec("70005", "Андріївка", 47.05, 35.0), _rec("70003", "Вербове", 47.03, 35.0)]
    forward = village_rows(read_postal_villages(_dump(tmp_path / "a.jsonl.gz", records)), [], STATES)
    backward = village_rows(read_postal_villages(_dump(tmp_path / "b.jsonl.gz", records[::-1])), [], STATES)
    assert [r.cells() for r in forward] == [r.cells() for r in backward]
