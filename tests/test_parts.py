"""The parts a build keeps per article and per region: joined, they are the outputs of a build from
scratch; missing, stale or damaged, they are made again, never trusted."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from geomap.project import CACHE_FILE_NAME, Project

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("incidents.geojson", "incidents.csv", "mentions.geojson", "map.html")


def _build(articles: Path, out: Path) -> None:
    Project(articles_dir=articles, output_dir=out, offline=True).build(jobs=1)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus built once, with its cache: copied by each test."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "tests" / "corpus" / "articles", root / "articles")
    _build(root / "articles", root / "out")
    return root


def _copy(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(built / "articles", tmp_path / "articles")
    shutil.copytree(built / "out", tmp_path / "out")
    (tmp_path / "out" / "map.html").unlink()  # the build goes the whole way, from its cache
    return tmp_path / "articles", tmp_path / "out"


def _same_outputs(built: Path, out: Path) -> None:
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (built / "out" / name).read_bytes(), name


def _sql(out: Path, statement: str) -> int:
    db = sqlite3.connect(out / CACHE_FILE_NAME)
    with db:
        changed = db.execute(statement).rowcount
    db.close()
    return changed


def _count(out: Path, query: str) -> int:
    db = sqlite3.connect(out / CACHE_FILE_NAME)
    found = int(db.execute(query).fetchone()[0])
    db.close()
    return found


def test_a_build_keeps_every_articles_parts_and_every_regions(built: Path) -> None:
    out = built / "out"
    articles = _count(out, "SELECT COUNT(*) FROM results")
    assert _count(out, "SELECT COUNT(*) FROM parts WHERE kind = 'summary'") == articles
    assert _count(out, "SELECT COUNT(*) FROM parts") == 5 * articles
    assert _count(out, "SELECT COUNT(*) FROM region_parts") == _count(out, "SELECT COUNT(*) FROM regions") > 1
    incidents = len(json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"])
    assert _count(out, "SELECT COUNT(*) FROM event_parts") == incidents > 1


@pytest.mark.parametrize(
    "damage",
    [
        # a body changed on disk (its digest no longer matches)
        "UPDATE parts SET body = body || x'20'",
        "UPDATE region_parts SET body = body || x'20'",
        # text, not the bytes a build keeps
        "UPDATE parts SET body = CAST(body AS TEXT)",
        # bodies of another shape, with digests that match (as an older geomap might have written)
        "UPDATE parts SET body = CAST('[1]' AS BLOB), digest = '080a9ed428559ef602668b4c00f114f1a11c3f6b02a435f0bdc154578e4d7f22'",
        "UPDATE region_parts SET body = CAST('[[1]]' AS BLOB),"
        " digest = '043f347c2cdc0d8ce70c38775d24e556c0290acf6d0c87a3a52aa85471cb8d02'",
        # stale: made from another row of the article
        "UPDATE parts SET key = 'other'",
        # gone
        "DELETE FROM parts",
        "DELETE FROM region_parts",
        "DELETE FROM region_parts; DELETE FROM regions",
        # the regions merged again, their events' parts damaged, of another shape, or gone
        "DELETE FROM region_parts; UPDATE event_parts SET body = body || x'20'",
        "DELETE FROM region_parts; DELETE FROM regions; UPDATE event_parts SET body = body || x'20'",
        "DELETE FROM region_parts; UPDATE event_parts SET body = CAST('[[1]]' AS BLOB),"
        " digest = '043f347c2cdc0d8ce70c38775d24e556c0290acf6d0c87a3a52aa85471cb8d02'",
        "DELETE FROM region_parts; DELETE FROM event_parts",
    ],
)
def test_damaged_or_stale_parts_are_made_again(built: Path, tmp_path: Path, damage: str) -> None:
    articles, out = _copy(built, tmp_path)
    db = sqlite3.connect(out / CACHE_FILE_NAME)
    with db:
        db.executescript(damage)
    db.close()
    _build(articles, out)
    _same_outputs(built, out)
    # Made again and kept: the next build reads them.
    (out / "map.html").unlink()
    _build(articles, out)
    _same_outputs(built, out)


def test_parts_made_under_other_settings_are_not_used(built: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    from geomap.settings import Settings

    articles, out = _copy(built, tmp_path)
    settings = Settings()
    other = replace(settings, map=replace(settings.map, popup_quote_max_chars=40))
    Project(articles_dir=articles, output_dir=out, offline=True, settings=other).build(jobs=1)
    short = (out / "map.html").read_bytes()
    assert short != (built / "out" / "map.html").read_bytes()
    fresh = tmp_path / "fresh"
    Project(articles_dir=articles, output_dir=fresh, offline=True, settings=other).build(jobs=1)
    assert short == (fresh / "map.html").read_bytes()
    _build(articles, out)
    _same_outputs(built, out)


KINDS = ("summary", "reports", "features", "rows", "points")


def test_what_a_worker_prepares_is_what_the_builds_process_makes_of_the_result(built: Path, tmp_path: Path) -> None:
    """A worker encodes each result and makes its parts (`Preparing`, pickled as a worker gets it): the same
    text, digest, summary and part bodies as `encode` and `Parts` make of that result in the build's
    process, with no help."""
    import pickle

    from geomap.cache import BuildCache, encode, text_digest
    from geomap.merge import Merger
    from geomap.parts import Parts, Preparing, keep_prepared, part_key

    project = Project(articles_dir=built / "articles", output_dir=built / "out", offline=True)
    results = project.results()
    assert any(r.incidents for r in results) and any(r.mentions for r in results)
    prepare = pickle.loads(pickle.dumps(Preparing(project.settings)))
    settings, merger = project.settings, Merger(settings=project.settings)
    plain, helped = BuildCache(path=tmp_path / "plain.sqlite"), BuildCache(path=tmp_path / "helped.sqlite")
    early = BuildCache(path=tmp_path / "early.sqlite")
    for result in results:
        file, text = result.article.file, encode(result)
        prepared = pickle.loads(pickle.dumps(prepare(result)))
        assert prepared.text == text and prepared.digest == text_digest(text)
        rows, fresh = {file: ("raw", "version")}, {file: (result, text_digest(text))}
        made = Parts(cache=plain, version="v", settings=settings, merger=merger, rows=rows, fresh=fresh)
        (summary,) = made.summaries([file])
        assert prepared.summary == summary
        assert {k: b for k, (_key, b) in plain.parts_of(file, KINDS).items()} == prepared.bodies
        # Given to `Parts`, the prepared parts are kept as they are (and the same summary returned).
        parts = Parts(
            cache=helped, version="v", settings=settings, merger=merger, rows=rows, fresh=fresh,
            prepared={file: prepared},
        )
        assert parts.summaries([file]) == [summary] and parts.made == 1
        assert helped.parts_of(file, KINDS) == plain.parts_of(file, KINDS)
        # Or kept as they arrive (the build's process then holds the summary alone): the same parts.
        slim = keep_prepared(early, prepared, file=file, key=part_key("v", file, "raw", "version"))
        assert slim.bodies == {} and not slim.text and slim.summary == summary and slim.digest == prepared.digest
        early.commit()
        parts = Parts(
            cache=early, version="v", settings=settings, merger=merger, rows=rows, fresh=fresh, prepared={file: slim}
        )
        assert parts.summaries([file]) == [summary] and parts.made == 1
        assert early.parts_of(file, KINDS) == plain.parts_of(file, KINDS)
    for cache in (plain, helped, early):
        cache.close()


def test_prepared_parts_of_another_result_are_not_used(built: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    from geomap.cache import BuildCache, encode, text_digest
    from geomap.merge import Merger
    from geomap.parts import Parts, Preparing

    project = Project(articles_dir=built / "articles", output_dir=built / "out", offline=True)
    result = next(r for r in project.results() if r.incidents)
    file, other = result.article.file, replace(result, incidents=result.incidents[:-1])
    cache, settings = BuildCache(path=tmp_path / "cache.sqlite"), project.settings
    cache.put(file, raw_hash="r", version="v", result=result)
    parts = Parts(
        cache=cache, version="v", settings=settings, merger=Merger(settings=settings), rows={file: ("r", "v")},
        fresh={file: (result, text_digest(encode(result)))}, prepared={file: Preparing(settings)(other)},
    )
    (summary,) = parts.summaries([file])
    assert summary == Preparing(settings)(result).summary != Preparing(settings)(other).summary
    cache.close()


def test_parts_made_again_for_a_result_sent_without_its_mentions_come_from_its_row(
    built: Path, tmp_path: Path
) -> None:
    """A worker sends a result with prepared parts without its mentions: should a part be made again in the
    same build (damaged meanwhile), it is made from the result's row, not from what was sent."""
    from dataclasses import replace

    from geomap.cache import BuildCache, text_digest
    from geomap.merge import Merger
    from geomap.parts import Parts, Preparing, article_parts

    articles, out = _copy(built, tmp_path)
    project = Project(articles_dir=articles, output_dir=out, offline=True)
    result = max((r for r in project.results() if r.incidents), key=lambda r: len(r.mentions))
    file, settings, merger = result.article.file, project.settings, Merger(settings=project.settings)
    cache = BuildCache(path=out / CACHE_FILE_NAME)
    prepared = Preparing(settings)(result)
    assert cache.encoded(file) == prepared.text and len(result.mentions) > 1
    sent = replace(result, mentions=())
    parts = Parts(
        cache=cache, version="another", settings=settings, merger=merger, rows={file: ("r", "v")},
        fresh={file: (sent, text_digest(prepared.text))}, prepared={file: prepared},
    )
    assert parts.summaries([file]) == [prepared.summary]
    assert parts.report(file, 0) == result.incidents[0]
    cache.db.execute("DELETE FROM parts WHERE file = ? AND kind = 'points'", (file,))
    whole = article_parts(result, digest=prepared.digest, merger=merger, style=settings.map)
    assert parts.points([file]) == whole[2] and len(whole[2]) == len(result.mentions)
    cache.close()
