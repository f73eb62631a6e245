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
and the settings of the outputs: a region no change touched is then neither decoded nor replayed. And it
keeps each event's parts alone, under the key of its reports (each one's article, the digest of that
article's result and its position there, in the order they joined the event: an event is its first report
joined by the others, see :meth:`Merger.replay`) and the settings of the outputs: a region merged again
makes the parts of its new events only.

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
#: Bumped when the bodies of region and event parts change shape.
PARTS_FORMAT = "2"


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
    (sorted by file), each completed by its reports (:meth:`Merger.completed`: its date, no dead where only the wounded are told), sorted by id. A region
    no change touched gives the parts the cache keeps of it (under ``parts_version``); a region merged
    before, whose parts are not kept, is replayed; only the others are merged. ``report`` gives an
    article's report at a position of its result (decoded) when its region is merged or replayed. The cache is left with this build's regions only."""
    cells: dict[_Cell, list[tuple[Reports, str]]] = {}
    located: dict[_Cell, list[tuple[int, int]]] = {}  # (article's index, report's position) per cell
    for n, a in enumerate(articles):
        for k, (report_id, cell) in enumerate(a.reports):
            cells.setdefault(cell, []).append((a, report_id))
            located.setdefault(cell, []).append((n, k))
    regions = _regions(list(cells))
    if not _ids_within_regions(regions, cells):
        merged = merger.merge_incidents(report(a.file, k) for a in articles for k in range(len(a.reports)))
        return make(merger.completed(merged))
    keys = {}
    for region in regions:
        files = sorted({(a.file, a.digest) for cell in region for a, _id in cells[cell]})
        keys[_key(region, files, version)] = region
    part_keys = {
        key: hashlib.sha256(f"{PARTS_FORMAT}:{parts_version}:{key}".encode()).hexdigest() for key in keys
    }
    stored = cache.region_parts(part_keys.values())
    kept_parts = set(stored)
    groups = cache.regions(key for key in keys if part_keys[key] not in stored)
    events: list[tuple[str, EventPart]] = []  # (the key of its reports, its parts)
    new_groups: dict[str, str] = {}
    new_parts: dict[str, bytes] = {}
    for key, region in keys.items():
        kept = _parts(stored.pop(part_keys[key], None))  # let go of each body once read
        if kept is not None:
            events += kept
            continue
        # In the order of all reports: equal (optional, id) keep it in the merge's sort, as in the whole.
        positions = [
            (articles[n].file, articles[n].digest, k) for n, k in sorted(p for cell in region for p in located[cell])
        ]
        found = [report(file, k) for file, _digest, k in positions]
        if key in groups:
            recorded = json.loads(groups[key])
        else:
            _merged, recorded = merger.merge_recorded(found)
            new_groups[key] = json.dumps(recorded, separators=(",", ":"))
        # The reports as the merge orders them; an event's key names its reports in the order they joined it.
        order = sorted(range(len(found)), key=lambda n: (found[n].optional, found[n].id))
        event_keys = [_event_key(parts_version, [positions[order[n]] for n in group]) for group in recorded]
        known = cache.event_parts(event_keys)
        parts: list[tuple[str, EventPart]] = []
        made: dict[str, bytes] = {}
        for group, event_key in zip(recorded, event_keys, strict=True):
            part = _parts(known.get(event_key))
            if part is None or len(part) != 1 or part[0][0] != event_key:
                event = merger.replay([found[order[n]] for n in group], [list(range(len(group)))])
                part = [(event_key, p) for p in make(merger.completed(event))]
                made[event_key] = _body(part)
            parts.append(part[0])
        cache.put_event_parts(made)  # region by region: a first build's are not all held at once
        # Events sorted by id, equal ids in the order they were made (the groups'), as the merge sorts them.
        parts.sort(key=lambda e: e[1].id)
        new_parts[part_keys[key]] = _body(parts)
        events += parts
    cache.keep_regions(
        new_groups,
        kept=set(keys),
        new_parts=new_parts,
        kept_parts=kept_parts - set(new_parts),
        kept_events={event_key for event_key, _part in events},
    )
    return [part for _key, part in sorted(events, key=lambda e: e[1].id)]


def _event_key(parts_version: str, reports: list[tuple[str, str, int]]) -> str:
    return hashlib.sha256(json.dumps([PARTS_FORMAT, parts_version, reports]).encode("utf-8")).hexdigest()


def _body(parts: list[tuple[str, EventPart]]) -> bytes:
    """Events' parts as the cache keeps them (a region's, or one event's): a line of JSON (each event's
    values and key), then each event's GeoJSON line and the JSON of its map row as they are (not parsed
    again: JSON holds no line break)."""
    head = json.dumps([[*p.as_json(), k] for k, p in parts], ensure_ascii=False, separators=(",", ":")).encode()
    return b"\n".join([head, *(text for _k, p in parts for text in (p.feature, p.map.text))])


def _parts(body: bytes | None) -> list[tuple[str, EventPart]] | None:
    """The events' parts a body holds, with their keys; None for a body of another shape (made again)."""
    if body is None:
        return None
    head, *texts = body.split(b"\n")
    try:
        events = json.loads(head)
        if 2 * len(events) != len(texts):
            return None
        found = []
        for n, (*values, event_key) in enumerate(events):
            if not isinstance(event_key, str):
                return None
            found.append((event_key, EventPart.from_json(values, feature=texts[2 * n], text=texts[2 * n + 1])))
        return found
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
