"""Merging only the regions a change touches gives the events of merging everything."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from geomap.cache import BuildCache, encode, text_digest
from geomap.merge import Merger
from geomap.outputs.parts import EventPart, event_part
from geomap.records import EVENT_TYPES, Article, ArticleResult, Incident, Source
from geomap.regions import Reports, region_events
from geomap.settings import Settings
from tests.support import incident, place

MERGER = Merger(settings=Settings())
STYLE = Settings().map
# Places in a few clusters, some far apart: several regions, some crowded.
PLACES = [
    place(f"g:{n}", lat + 0.04 * (n % 3), lon + 0.05 * (n % 4), precision)
    for n, (lat, lon, precision) in enumerate(
        [(33.3, 44.3, "locality"), (33.3, 44.3, "point"), (36.2, 43.9, "locality"), (35.5, 42.0, "admin1")] * 4
    )
]


def _article(rnd: random.Random, name: str, version: int) -> ArticleResult:
    article_id = f"{name}-{version}"
    reports = []
    for n in range(rnd.randrange(1, 6)):
        where = rnd.choice(PLACES)
        source = Source(
            article_id=article_id,
            file=name,
            title="t",
            outlet=None,
            url=None,
            published="2021-04-01",
            quote=f"q{rnd.randrange(3)}",
            place_text="x",
            start=rnd.choice([None, 0, 40]),
        )
        date = rnd.choice([None, "2021-04-05", "2021-04", "--04-05"])
        report = incident(article_id, where, kind=rnd.choice(EVENT_TYPES), date=date)
        reports.append(replace(report, id=f"{article_id}:{n}", sources=(source,), optional=rnd.random() < 0.1))
        if rnd.random() < 0.1:  # an article may tell one report twice: equal ids, at one place
            reports.append(replace(reports[-1], sources=(replace(source, quote="again"),)))
    art = Article(id=article_id, file=name, title="t", outlet=None, url=None, published=None, lang="fr", body="")
    return ArticleResult(article=art, incidents=tuple(reports), mentions=(), unresolved=())


def _parts(incidents: Sequence[Incident]) -> list[EventPart]:
    return [event_part(i, style=STYLE) for i in incidents]


def _merge(cache: BuildCache, articles: dict[str, ArticleResult], *, parts_version: str = "p") -> list[EventPart]:
    reports = [Reports.of(articles[f], digest=text_digest(encode(articles[f])), merger=MERGER) for f in sorted(articles)]
    return region_events(
        MERGER,
        reports,
        cache=cache,
        version="v",
        parts_version=parts_version,
        report=lambda f, k: articles[f].incidents[k],
        make=_parts,
    )


def _everything(articles: dict[str, ArticleResult]) -> list[EventPart]:
    merged = MERGER.merge_incidents(i for f in sorted(articles) for i in articles[f].incidents)
    return _parts(MERGER.completed(merged))


def test_random_changes_merge_as_everything(tmp_path: Path) -> None:
    rnd = random.Random(5)
    cache = BuildCache(path=tmp_path / "cache.sqlite")
    articles = {f"a{n:02d}.txt": _article(rnd, f"a{n:02d}.txt", 0) for n in range(40)}
    reused = 0
    for step in range(25):
        regions_before = set(cache.regions(k for (k,) in cache.db.execute("SELECT key FROM regions")))
        # The outputs' settings changed now and then: the regions' events are replayed, not merged.
        merged = _merge(cache, articles, parts_version=f"p{step // 4}")
        assert merged == _everything(articles), step
        regions_after = set(cache.regions(k for (k,) in cache.db.execute("SELECT key FROM regions")))
        reused += len(regions_before & regions_after)
        name = rnd.choice(sorted(articles))
        change = rnd.choice(["add", "remove", "edit", "rename"])
        if change == "add":
            new = f"b{step:02d}.txt"
            articles[new] = _article(rnd, new, step)
        elif change == "remove" and len(articles) > 1:
            del articles[name]
        elif change == "edit":
            articles[name] = _article(rnd, name, step + 1)
        else:  # the same reports under another file name: the sources cite it
            new = f"r{step:02d}{name}"
            old = articles.pop(name)
            articles[new] = replace(
                old,
                article=replace(old.article, file=new),
                incidents=tuple(
                    replace(i, sources=tuple(replace(s, file=new) for s in i.sources)) for i in old.incidents
                ),
            )
    assert reused >= 10  # regions no change touched came from the cache


def test_a_region_merged_again_makes_the_parts_of_its_changed_events_only(tmp_path: Path) -> None:
    rnd = random.Random(8)
    cache = BuildCache(path=tmp_path / "cache.sqlite")
    articles = {f"a{n:02d}.txt": _article(rnd, f"a{n:02d}.txt", 0) for n in range(40)}
    made: list[Incident] = []

    def counted(found: Sequence[Incident]) -> list[EventPart]:
        made.extend(found)
        return _parts(found)

    def merged() -> list[EventPart]:
        reports = [
            Reports.of(articles[f], digest=text_digest(encode(articles[f])), merger=MERGER) for f in sorted(articles)
        ]
        return region_events(
            MERGER,
            reports,
            cache=cache,
            version="v",
            parts_version="p",
            report=lambda f, k: articles[f].incidents[k],
            make=counted,
        )

    first = merged()
    assert first == _everything(articles) and len(made) == len(first)
    for step in range(6):
        made.clear()
        articles[f"b{step}.txt"] = _article(rnd, f"b{step}.txt", step)
        again = merged()
        assert again == _everything(articles), step
        # Every event with a report of the new article is made; most of the others are the cache's.
        touched = sum(any(source[0] == f"b{step}.txt" for source in p.map.sources) for p in again)
        assert touched <= len(made) < len(again) // 2, step
        # The cache keeps the parts of this merge's events only.
        assert cache.db.execute("SELECT COUNT(*) FROM event_parts").fetchone()[0] == len(again)


def test_reports_of_one_id_in_two_regions_merge_everything(tmp_path: Path) -> None:
    cache = BuildCache(path=tmp_path / "cache.sqlite")
    near, far = incident("a", PLACES[0]), incident("a", PLACES[2])
    twice = _article(random.Random(1), "a.txt", 0)
    twice = replace(twice, incidents=(replace(near, id="same"), replace(far, id="same")))
    assert _merge(cache, {"a.txt": twice}) == _parts(MERGER.completed(MERGER.merge_incidents(twice.incidents)))
    assert cache.db.execute("SELECT COUNT(*) FROM regions").fetchone()[0] == 0
