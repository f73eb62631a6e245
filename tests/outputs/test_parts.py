"""The outputs joined from parts are the bytes the writers of records give, part by part."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from geomap.outputs.geojson import write_geojson, write_mentions_geojson
from geomap.outputs.mapdata import dumps, page_data
from geomap.outputs.parts import EventPart, MentionPart, event_part, mention_parts, page_json
from geomap.outputs.table import write_csv
from geomap.project import Project
from geomap.records import ArticleResult, Incident, ResolvedMention
from geomap.settings import MapStyle, Settings

ROOT = Path(__file__).resolve().parent.parent.parent
STYLE = Settings().map


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[ArticleResult]:
    out = tmp_path_factory.mktemp("parts")
    project = Project(articles_dir=ROOT / "tests" / "corpus" / "articles", output_dir=out, offline=True)
    project.build(jobs=1, write_map=False)
    return project.results()


def _awkward(results: list[ArticleResult]) -> tuple[list[Incident], list[ResolvedMention]]:
    """The corpus's incidents and mentions, and copies made awkward: extents whole and fractional, no
    fatalities, titles and quotes that need quoting in a CSV or escaping in JSON, two titles in one file."""
    rnd = random.Random(7)
    incidents = [i for r in results for i in r.incidents]
    mentions = [m for r in results for m in r.mentions]
    for n, i in enumerate(list(incidents[:40])):
        place = replace(i.place, extent_km=rnd.choice([0, 3, 2.5, 10.0]))
        sources = tuple(replace(s, title=f'=1+1, "{s.title}"\n\x01', quote=s.quote + ' "\\u0001"') for s in i.sources)
        incidents.append(replace(i, id=f"{i.id}-{n}", place=place, sources=sources, fatalities=None))
    for m in mentions[:30]:
        mentions.append(replace(m, title=m.title + ", again\x01"))
    return incidents, mentions


def test_a_sorted_corpus_gives_the_page_data_of_its_records(results: list[ArticleResult]) -> None:
    incidents, mentions = _awkward(results)
    style = replace(STYLE, popup_chunk_incidents=7)
    rows = [event_part(i, style=style).map for i in sorted(incidents, key=lambda i: i.id)]
    page = page_json(rows, mention_parts(sorted(mentions, key=lambda m: m.order), style=style), style=style)
    data = page_data(incidents, mentions, style=style)
    assert page.markers == dumps(data.markers)
    assert page.text == tuple(dumps(chunk).encode() for chunk in data.text) and len(page.text) > 1
    assert page.articles == dumps(data.articles)
    assert data.mentions is not None and page.mentions == dumps(data.mentions).encode()
    assert page.mention_count == len(data.mentions["rows"])
    assert (page.counts, page.day_range) == (data.counts, data.day_range)


def test_no_mentions_no_incidents(tmp_path: Path) -> None:
    page = page_json([], [], style=STYLE)
    data = page_data([], [], style=STYLE)
    assert page.mentions is None and data.mentions is None
    assert (page.markers, page.text, page.articles) == (dumps(data.markers), (), dumps(data.articles))


def _write_files(events: list[EventPart], parts: list[MentionPart], folder: Path) -> None:
    """The GeoJSON and CSV files (no map) joined from these parts."""
    from geomap.outputs import write_parts

    write_parts(
        events, lambda: iter(parts), folder, settings=Settings(), write_map=False, countries=set(), points=list
    )


def test_parts_written_are_the_files_of_the_records(results: list[ArticleResult], tmp_path: Path) -> None:
    incidents, mentions = _awkward(results)
    # Through JSON, as the build cache keeps them.
    made = [event_part(i, style=STYLE) for i in sorted(incidents, key=lambda i: i.id)]
    events = [EventPart.from_json(json.loads(json.dumps(e.as_json())), feature=e.feature, text=e.map.text) for e in made]
    parts = mention_parts(sorted(mentions, key=lambda m: m.order), style=STYLE)
    _write_files(events, parts, tmp_path)
    write_geojson(incidents, tmp_path / "expected.geojson")
    write_csv(incidents, tmp_path / "expected.csv")
    write_mentions_geojson(mentions, tmp_path / "expected-mentions.geojson")
    assert (tmp_path / "incidents.geojson").read_bytes() == (tmp_path / "expected.geojson").read_bytes()
    assert (tmp_path / "incidents.csv").read_bytes() == (tmp_path / "expected.csv").read_bytes()
    assert (tmp_path / "mentions.geojson").read_bytes() == (tmp_path / "expected-mentions.geojson").read_bytes()
    # Whole extents only: the column is written as whole numbers, as pandas did.
    whole = [replace(i, place=replace(i.place, extent_km=3)) for i in incidents]
    _write_files([event_part(i, style=STYLE) for i in sorted(whole, key=lambda i: i.id)], [], tmp_path)
    write_csv(whole, tmp_path / "expected.csv")
    assert (tmp_path / "incidents.csv").read_bytes() == (tmp_path / "expected.csv").read_bytes()


def test_an_article_with_two_titles_gives_two_parts(results: list[ArticleResult]) -> None:
    mentions = sorted((m for r in results for m in r.mentions), key=lambda m: m.order)
    first = mentions[0]
    two = [first, replace(first, title="other"), replace(first, title="other")]
    parts = mention_parts(two, style=MapStyle())
    assert [(p.title, p.count) for p in parts] == [(first.title, 1), ("other", 2)]
