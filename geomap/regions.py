"""Merging again only the regions a change touches: the events of the others come from the build cache.

:meth:`Merger.merge_incidents` compares a report only with the events listed in the grid cells next to its
own, and an event is listed only in the cells of its reports (it sits at one of its reports' places). So
the cells that hold reports, joined when they are neighbours, make regions that never share an event, and
merging each region's reports on its own gives the events of the merge of all, in the same order: a
report meets the same events in each, in the same index order. A region's events depend only on its cells
and on the results of the articles with a report there (their encoded text and file name), which make its
key, with the extraction version (geomap's code, settings and gazetteer); an article added, edited, removed
or renamed changes the key of every region it has or had a report in, and only those are merged again.
The cache keeps, per region, which reports make each event (:meth:`Merger.merge_recorded`): the events
of the others are put together again from their reports (:meth:`Merger.replay`), none compared.

Events are sorted by id, and events of equal id keep the order they were made in; reports of equal id (an
article that tells one report twice) lie at one place, so in one region, which keeps that order. Were they
in two regions, the order would depend on how the regions interleave: the build then merges everything.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.cache import BuildCache
from geomap.merge import Merger
from geomap.records import ArticleResult, Incident

_Cell = tuple[int, int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Cached:
    """An article's result, and the digest of its encoded text in the cache (:func:`text_digest`)."""

    result: ArticleResult
    digest: str


def merge_by_region(
    merger: Merger, articles: Sequence[Cached], *, cache: BuildCache, version: str
) -> list[Incident]:
    """``merger.merge_incidents`` of every report of ``articles`` (sorted by file), with the events of the
    regions no change touched read from ``cache``, and the cache left with this build's regions only."""
    reports = [(a, inc) for a in articles for inc in a.result.incidents]
    where = [merger.cell(inc) for _a, inc in reports]
    cells: dict[_Cell, list[tuple[Cached, Incident]]] = {}
    for cell, (a, inc) in zip(where, reports, strict=True):
        cells.setdefault(cell, []).append((a, inc))
    regions = _regions(list(cells))
    if not _ids_within_regions(regions, cells):
        return merger.merge_incidents(inc for _a, inc in reports)
    keys = {}
    for region in regions:
        files = sorted({(a.result.article.file, a.digest) for cell in region for a, _inc in cells[cell]})
        keys[_key(region, files, version)] = region
    stored = cache.regions(keys)
    events: list[Incident] = []
    new: dict[str, str] = {}
    for key, region in keys.items():
        # In the order of all reports: equal (optional, id) keep it in the merge's sort, as in the whole.
        wanted = set(region)
        found = [inc for cell, (_a, inc) in zip(where, reports, strict=True) if cell in wanted]
        if key in stored:
            events += merger.replay(found, json.loads(stored[key]))
            continue
        merged, groups = merger.merge_recorded(found)
        new[key] = json.dumps(groups, separators=(",", ":"))
        events += merged
    cache.keep_regions(new, kept=set(stored))
    return sorted(events, key=lambda i: i.id)


def _ids_within_regions(regions: list[list[_Cell]], cells: dict[_Cell, list[tuple[Cached, Incident]]]) -> bool:
    """Whether the reports of one id (an article may tell one report twice) all lie in one region: the
    merge sorts its events by id, and equal ids keep the order they were made in, which only one region's
    merge knows."""
    region_of: dict[str, int] = {}
    for n, region in enumerate(regions):
        for cell in region:
            for _a, inc in cells[cell]:
                if region_of.setdefault(inc.id, n) != n:
                    return False
    return True


def _regions(cells: list[_Cell]) -> list[list[_Cell]]:
    """The cells joined when neighbours (the 26 around a cell), each region's cells sorted."""
    parent = {cell: cell for cell in cells}

    def root(cell: _Cell) -> _Cell:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for cell in cells:
        for dx, dy, dz in itertools.product((-1, 0, 1), repeat=3):
            near = (cell[0] + dx, cell[1] + dy, cell[2] + dz)
            if near in parent:
                parent[root(near)] = root(cell)
    grouped: dict[_Cell, list[_Cell]] = {}
    for cell in cells:
        grouped.setdefault(root(cell), []).append(cell)
    return [sorted(region) for region in grouped.values()]


def _key(region: list[_Cell], files: list[tuple[str, str]], version: str) -> str:
    return hashlib.sha256(json.dumps([version, region, files]).encode("utf-8")).hexdigest()
