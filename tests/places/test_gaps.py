"""Unresolved names that cluster in one country's articles: the build and `geomap doctor` say which
GeoNames country to install; once it is, a build finds its villages from the spellings news uses."""

from __future__ import annotations

from pathlib import Path

from geomap.places.install import add_countries
from geomap.project import Project
from geomap.settings import Settings
from tests.places.dumps import LEBANON, dump_zip, write_folder

# Written for this test: a report of the kind south Lebanon's news gives, villages as news spell them.
ARTICLE = """Israeli strikes hit villages of south Lebanon
Israeli drones struck a house in Aitaroun on Monday, the Lebanese army said.
Artillery shells hit near Rmeich in the afternoon, according to the state news agency.
An air strike targeted a motorcycle outside Kfar Roummane, killing two men.
Shelling also hit houses in Deir Mimas overnight, residents said.
"""


def _project(tmp_path: Path, settings: Settings) -> Project:
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    (articles / "south-lebanon.txt").write_text(ARTICLE, encoding="utf-8")
    return Project(articles_dir=articles, output_dir=tmp_path / "out", settings=settings, offline=True)


def test_the_build_and_doctor_name_the_country_to_install(tmp_path: Path, own_settings: Settings) -> None:
    project = _project(tmp_path, own_settings)
    report = project.build(write_map=False)
    assert {"Aitaroun", "Rmeich", "Kfar Roummane", "Deir Mimas"} <= set(report.unresolved)
    hint = "4 unresolved names in articles about Lebanon: `geomap gazetteer add LB` adds GeoNames' places there"
    assert any(h.startswith(hint) for h in report.hints), report.hints
    assert hint in report.summary()
    doctor = project.doctor()
    assert hint in doctor and "'Aitaroun' in south-lebanon.txt" in doctor
    assert "Aitaroun,,,LAT" not in doctor  # the names are a country's gap, not single sites to curate

    # Installed, the same build places the four villages, and the hint is gone.
    add_countries(["LB"], settings=own_settings, source=str(write_folder(tmp_path / "z", {"LB": dump_zip("LB", LEBANON)})))
    project = _project(tmp_path, own_settings)
    report = project.build(write_map=False)
    places = {i.place.canonical for i in project.incidents()}
    assert {"‘Aytarūn", "Rumaysh", "Kafr Rummān", "Dayr Mīmās"} <= places, places
    assert report.hints == [] and not report.unresolved


def test_a_single_unresolved_name_gets_a_curated_row_to_fill(tmp_path: Path, own_settings: Settings) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "base.txt").write_text(
        "Rockets hit a base in Iraq\n"
        "Three rockets struck near Camp Qwertyville on Monday, the security forces of Iraq said in a statement.\n"
        "No one was hurt in the attack, the statement said, and an investigation was opened by the army.\n",
        encoding="utf-8",
    )
    project = Project(articles_dir=articles, output_dir=tmp_path / "out", settings=own_settings, offline=True)
    report = project.build(write_map=False)
    assert "Camp Qwertyville" in report.unresolved and report.hints == []
    doctor = project.doctor()
    assert "curated.csv" in doctor and "Camp Qwertyville,,,LAT,LON,point,SITE,IQ,,SOURCE," in doctor
    assert "gazetteer add" not in doctor
