"""Whole builds that need one particular part of geomap to come out right (issue 14, case 18): the article's
countries ranking the candidate places, the build cache keyed by the file's bytes, and spaCy's NER finding a
place the gazetteer spells otherwise. Each test also builds without that part, to show it is what the
result rests on."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from geomap.places.gazetteer import Gazetteer
from geomap.project import Project
from geomap.settings import Extraction, Scoring, Settings
from tests.hostile import features, places_of

SYRIAN_TOWN = """Air strikes hit town in Syria's Hama province

Syrian government jets struck the town of Sawran on Saturday, the Syrian Observatory for Human Rights said.
Several civilians were wounded in the raids.

Damascus did not comment on the strikes, which followed fighting in the Aleppo and Idlib countryside, near
the Turkish border.
"""
SOKHNE = """Syrie : une frappe de drone vise un convoi dans le désert

Une frappe de drone a visé mardi un convoi de camions aux abords de Sokhné, dans le désert syrien, selon une ONG.
Trois chauffeurs ont été blessés, a-t-on appris de même source.
"""


def build(tmp_path: Path, texts: dict[str, str], settings: Settings, gazetteer: Gazetteer, out: str) -> Path:
    articles = tmp_path / f"articles-{out}"
    articles.mkdir()
    for name, text in texts.items():
        (articles / name).write_text(text, encoding="utf-8")
    Project(
        articles_dir=articles, output_dir=tmp_path / out, settings=settings, offline=True, gazetteer=gazetteer
    ).build(write_map=False)
    return tmp_path / out


def where(out: Path, place_text: str) -> set[tuple[str, str, str]]:
    """(place, country, admin1) of the incidents written as ``place_text``."""
    return {
        (p["place"], p["country"], p["admin1"])
        for p in (f["properties"] for f in features(out))
        if p["place_text"] == place_text
    }


def test_the_articles_country_places_a_name_two_countries_share(
    tmp_path: Path, settings: Settings, gazetteer: Gazetteer
) -> None:
    # Sawran is Şūrān in Syria's Hama province and Soran in Iraqi Kurdistan (the bigger town): the article
    # names Syrian places only, so it is the Syrian one.
    out = build(tmp_path, {"hama.txt": SYRIAN_TOWN}, settings, gazetteer, "with")
    assert where(out, "Sawran") == {("Şūrān", "SY", "Ḩamāh")}
    # Blind to the article's countries, the article's other places still point to the Syrian town...
    no_context = replace(settings.scoring, context_country=0.0, outside_countries=0.0)
    near = build(tmp_path, {"hama.txt": SYRIAN_TOWN}, replace(settings, scoring=no_context), gazetteer, "near")
    assert where(near, "Sawran") == {("Şūrān", "SY", "Ḩamāh")}
    # ...and blind to those too, the name alone does not.
    blind = replace(settings, scoring=replace(no_context, homonym_score_margin=-100.0))
    assert blind.scoring != Scoring()
    without = build(tmp_path, {"hama.txt": SYRIAN_TOWN}, blind, gazetteer, "without")
    # Sawran is then the Iraqi town: abroad, unvouched, only a mention.
    assert where(without, "Sawran") == set()
    mentions = json.loads((without / "mentions.geojson").read_text(encoding="utf-8"))["features"]
    assert {m["properties"]["country"] for m in mentions if m["properties"]["text"] == "Sawran"} == {"IQ"}


def test_the_build_cache_is_keyed_by_the_files_bytes_not_its_size_or_time(
    tmp_path: Path, settings: Settings, gazetteer: Gazetteer
) -> None:
    articles = tmp_path / "a"
    articles.mkdir()
    path = articles / "report.txt"
    path.write_text(SYRIAN_TOWN.replace("Sawran", "Idlib"), encoding="utf-8")
    project = Project(
        articles_dir=articles, output_dir=tmp_path / "out", settings=settings, offline=True, gazetteer=gazetteer
    )
    project.build(write_map=False)
    assert where(tmp_path / "out", "Homs") == set() and places_of(tmp_path / "out")["report.txt"]
    before = path.stat()
    # Same size, same modification time, other bytes: "Idlib" becomes "Homs!" (five characters each).
    path.write_text(SYRIAN_TOWN.replace("Sawran", "Homs!"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    report = project.build(write_map=False)
    assert report.updated == ["report.txt"] and report.extracted == 1
    assert where(tmp_path / "out", "Homs") == {("Homs", "SY", "Ḩimş")}


def test_spacy_finds_a_place_the_gazetteer_spells_otherwise(
    tmp_path: Path, settings: Settings, gazetteer: Gazetteer
) -> None:
    assert settings.extraction.use_ner and settings.extraction.spacy_models["fr"]
    out = build(tmp_path, {"sokhne.txt": SOKHNE}, settings, gazetteer, "ner")
    assert where(out, "Sokhné") == {("As Sukhnah", "SY", "Ḩimş")}
    no_ner = replace(settings, extraction=Extraction(use_ner=False))
    assert features(build(tmp_path, {"sokhne.txt": SOKHNE}, no_ner, gazetteer, "no-ner")) == []
