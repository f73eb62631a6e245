"""geomap/publish.py: a generation of outputs published together, repaired after a crash, and the changes
a build reports, counted against what was published."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from geomap.publish import (
    JOURNAL_FILE_NAME,
    MANIFEST_FILE_NAME,
    STAGING_DIR_NAME,
    Generation,
    changes,
    read_manifest,
    repair,
)

_FILES = st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from(["h1", "h2", "h3", "h4"]), max_size=8)


@given(
    published=_FILES,
    current=_FILES,
    skipped=st.sets(st.sampled_from("abcdefgh")),
    extracted=st.sets(st.sampled_from("abcdefgh")),
)
def test_every_article_is_counted_once(
    published: dict[str, str], current: dict[str, str], skipped: set[str], extracted: set[str]
) -> None:
    skipped -= set(current)
    found = changes(published, current, present=set(current) | skipped, extracted=extracted & set(current))
    new_names = [r.split(" -> ")[1] for r in found.renamed]
    old_names = [r.split(" -> ")[0] for r in found.renamed]
    counted = [*found.added, *found.updated, *new_names, *found.reread]
    assert sorted(counted) == sorted(set(counted)) and len(counted) + found.unchanged == len(current)
    assert set(found.removed) | set(old_names) == set(published) - set(current) - skipped
    assert not set(found.removed) & set(old_names)
    for old, new in zip(old_names, new_names, strict=True):
        assert published[old] == current[new] and new not in published
    assert all(published.get(name) == current[name] for name in found.reread)
    assert all(name in published and published[name] != current[name] for name in found.updated)


def test_a_generation_is_published_whole(tmp_path: Path) -> None:
    (tmp_path / "map.html").write_text("old")
    generation = Generation(tmp_path)
    (generation.folder / "map.html").write_text("new")
    (generation.folder / "incidents.csv").write_text("new")
    generation.write_manifest(articles={"a.txt": "h1"}, incidents=3)
    assert generation.final(["x/map.html"]) == [str(tmp_path / "map.html")]
    generation.publish()
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST_FILE_NAME, "incidents.csv", "map.html"]
    assert (tmp_path / "map.html").read_text() == "new"
    manifest = read_manifest(tmp_path)
    assert manifest is not None and manifest.articles == {"a.txt": "h1"} and manifest.incidents == 3
    assert repair(tmp_path) == []  # nothing to repair


def test_repair_finishes_a_committed_generation_and_drops_an_uncommitted_one(tmp_path: Path) -> None:
    staging = tmp_path / STAGING_DIR_NAME
    staging.mkdir()
    (staging / "incidents.csv").write_text("new")
    (tmp_path / "map.html").write_text("new")  # published before the crash
    (tmp_path / JOURNAL_FILE_NAME).write_text(json.dumps({"files": ["incidents.csv", "map.html", "../x"]}))
    (notes,) = repair(tmp_path)
    assert notes.startswith("outputs repaired: an interrupted build had written all its outputs")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incidents.csv", "map.html"]
    assert not (tmp_path.parent / "x").exists()

    staging.mkdir()
    (staging / "map.html").write_text("half")
    (tmp_path / ".incidents.csv.ab12cd34.tmp").write_text("older geomap")
    (tmp_path / ".notes.txt").write_text("the user's")
    assert repair(tmp_path) == [
        "outputs repaired: deleted the unfinished outputs of an interrupted build; the outputs are the last"
        " complete build's",
        "outputs repaired: deleted 1 temporary file(s) left by an interrupted build",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt", "incidents.csv", "map.html"]
    assert (tmp_path / "map.html").read_text() == "new"


def test_an_unreadable_journal_or_manifest_is_no_crash(tmp_path: Path) -> None:
    (tmp_path / JOURNAL_FILE_NAME).write_text("{not json")
    (tmp_path / STAGING_DIR_NAME).mkdir()
    assert repair(tmp_path)[0].startswith("outputs repaired: deleted the unfinished outputs")
    (tmp_path / MANIFEST_FILE_NAME).write_text('{"articles": {"a": 1}, "incidents": 2}')
    assert read_manifest(tmp_path) is None
