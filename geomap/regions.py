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
of the others are put together again from their reports (:meth:`Merger.replay`), none compared. It also
keeps each region's events as the outputs have them (:mod:`geomap.outputs.parts`), under the region's key
and the settings of the outputs: a region no change touched is then neither decoded nor replayed.

Events are sorted by id, and events of equal id keep the order they were made in; reports of equal id (an
article that tells one report twice) lie at one place, so in one region, which keeps that order. Were they
in two regions, the order would depend on how the regions interleave: the build then merges everything.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geomap.cache import BuildCache
from geomap.merge import Merger
from geomap.outputs.parts import EventPart
from geomap.records import ArticleResult, Incident

_Cell = tuple[int, int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reports:
    """An article as the regions see it: its file, the digest of its encoded result in the cache
    (:func:`geomap.cache.text_digest`), and each report's id and grid cell, in its result's order."""

    file: str
    digest: str
    reports: tuple[tuple[str, _Cell], ...]

    @classmethod
    def of(cls, result: ArticleResult, *, digest: str, merger: Merger) -> Reports:
        return cls(file=result.article.file, digest=digest, reports=tuple((i.id, merger.cell(i)) for i in result.incidents))


def region_events(
    merger: Merger,
    articles: Sequence[Reports],
    *,
    cache: BuildCache,
    version: str,
    parts_version: str,
    report: Callable[[str, int], Incident],
    make: Callable[[Sequence[Incident]], list[EventPart]],
) -> list[EventPart]:
    """The parts (``make``) of the events of ``merger.merge_incidents`` of every report of ``articles``
    (sorted by file), each dated by its reports (:meth:`Merger.dated_by_reports`), sorted by id. A region
    no change touched gives the parts the cache keeps of it (under ``parts_version``); a region merged
    before, whose parts are not kept, is replayed; only the others are merged. ``report`` gives an
    article's report at a position of its result (decoded) when its region is merged or replayed. The cache is left with this build's regions only."""
    cells: dict[_Cell, list[tuple[Reports, str]]] = {}
    for a in articles:
        for report_id, cell in a.reports:
            cells.setdefault(cell, []).append((a, report_id))
    regions = _regions(list(cells))
    if not _ids_within_regions(regions, cells):
        merged = merger.merge_incidents(report(a.file, k) for a in articles for k in range(len(a.reports)))
        return make(merger.dated_by_reports(merged))
    keys = {}
    for region in regions:
        files = sorted({(a.file, a.digest) for cell in region for a, _id in cells[cell]})
        keys[_key(region, files, version)] = region
    part_keys = {key: hashlib.sha256(f"{parts_version}:{key}".encode()).hexdigest() for key in keys}
    stored = cache.region_parts(part_keys.values())
    groups = cache.regions(key for key in keys if part_keys[key] not in stored)
    events: list[EventPart] = []
    new_groups: dict[str, str] = {}
    new_parts: dict[str, bytes] = {}
    for key, region in keys.items():
        kept = _parts(stored.get(part_keys[key]))
        if kept is not None:
            events += kept
            continue
        # In the order of all reports: equal (optional, id) keep it in the merge's sort, as in the whole.
        wanted = set(region)
        found = [
            report(a.file, k) for a in articles for k, (_id, cell) in enumerate(a.reports) if cell in wanted
        ]
        if key in groups:
            merged = merger.replay(found, json.loads(groups[key]))
        else:
            merged, recorded = merger.merge_recorded(found)
            new_groups[key] = json.dumps(recorded, separators=(",", ":"))
        parts = make(merger.dated_by_reports(merged))
        new_parts[part_keys[key]] = _body(parts)
        events += parts
    cache.keep_regions(new_groups, kept=set(keys), new_parts=new_parts, kept_parts=set(stored) - set(new_parts))
    return sorted(events, key=lambda e: e.id)


def _body(parts: list[EventPart]) -> bytes:
    """A region's events' parts as the cache keeps them: a line of JSON, then each event's GeoJSON line and
    the JSON of its map row as they are (not parsed again: JSON holds no line break)."""
    head = json.dumps([p.as_json() for p in parts], ensure_ascii=False, separators=(",", ":")).encode()
    return b"\n".join([head, *(text for p in parts for text in (p.feature, p.map.text))])


def _parts(body: bytes | None) -> list[EventPart] | None:
    """The events' parts a region's body holds; None for a body of another shape (made again)."""
    if body is None:
        return None
    head, *texts = body.split(b"\n")
    try:
        events = json.loads(head)
        if 2 * len(events) != len(texts):
            return None
        return [
            EventPart.from_json(e, feature=texts[2 * n], text=texts[2 * n + 1]) for n, e in enumerate(events)
        ]
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def _ids_within_regions(regions: list[list[_Cell]], cells: dict[_Cell, list[tuple[Reports, str]]]) -> bool:
    """Whether the reports of one id (an article may tell one report twice) all lie in one region: the
    merge sorts its events by id, and equal ids keep the order they were made in, which only one region's
    merge knows."""
    region_of: dict[str, int] = {}
    for n, region in enumerate(regions):
        for cell in region:
            for _a, report_id in cells[cell]:
                if region_of.setdefault(report_id, n) != n:
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
