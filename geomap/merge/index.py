"""What may be one event: dates and types that agree, and the grid index that finds, for a report, only the
events whose cell, date and type can agree with its own (:class:`CellIndex`, used by
:meth:`geomap.merge.Merger.merge_recorded`)."""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator

from geomap.records import EventType

Cell = tuple[int, int, int]


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two dates may be one day: None agrees with any, "2024-03" with "2024-03-05", and a day without
    a year ("--03-05") with any date of that month and day."""
    if a is None or b is None:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-5:] == b[-5:] if len(a) >= 5 and len(b) >= 5 else True
    return a.startswith(b) or b.startswith(a)


#: Types that one event may be given by two reports, the more telling first: "an explosion" and "a
#: suicide bombing" at one place on one day are one bombing.
EXPLOSIVES: tuple[EventType, ...] = ("suicide_bomb", "grenade", "ied")
#: Words of violence that say nothing of the weapon.
VAGUE: tuple[EventType, ...] = ("attack", "other")
#: What flies or is fired from afar: one article may tell one such event as a strike and as shelling.
MISSILES: frozenset[EventType] = frozenset({"shelling", "air_drone_strike"})
#: Fighting on the ground with no weapon named: a province's battle may be the attack told inside it.
GROUND: frozenset[EventType] = frozenset({"armed_clash", "attack"})


def types_compatible(a: EventType, b: EventType) -> bool:
    """Whether two reports' types may be one event's: the same, a vague one, or two explosives."""
    return a == b or a in VAGUE or b in VAGUE or (a in EXPLOSIVES and b in EXPLOSIVES)


_Key = tuple[str | None, EventType]


def _types_may_merge(a: EventType, b: EventType) -> bool:
    return types_compatible(a, b) or {a, b} == MISSILES


class _Dates:
    """The dates of one cell's events, found by what ``dates_compatible`` compares: a prefix either way,
    or the last five characters when either is a day without a year ("--04-05"), or any when it is short."""

    def __init__(self) -> None:
        self.events: dict[str | None, dict[EventType, list[int]]] = {}
        self.by_type: dict[EventType, list[int]] = {}  # every event of the cell, whatever its date
        self.extending: dict[str, set[str]] = defaultdict(set)  # prefix -> the plain dates starting so
        self.tails: dict[str, set[str]] = defaultdict(set)  # last five characters -> dates
        self.short: set[str] = set()  # dates under five characters
        self.dashed: set[str] = set()  # dates without a year

    def register(self, date: str | None) -> None:
        if date is None or date in self.events:
            return
        if len(date) < 5:
            self.short.add(date)
        else:
            self.tails[date[-5:]].add(date)
        if date.startswith("--"):
            self.dashed.add(date)
        else:
            for end in range(len(date) + 1):
                self.extending[date[:end]].add(date)

    def agreeing(self, date: str | None) -> Iterable[str | None]:
        """A superset of the cell's dates compatible with ``date`` (every one of them when it is None)."""
        if date is None or (date.startswith("--") and len(date) < 5):
            return self.events
        found: set[str | None] = {None}
        if date.startswith("--"):
            found |= self.tails.get(date[-5:], set())
            found |= self.short
            return found
        found |= self.dashed if len(date) < 5 else self.dashed & (self.short | self.tails.get(date[-5:], set()))
        found |= self.extending.get(date, set())
        found.update(date[:end] for end in range(len(date)))
        return found


class CellIndex:
    """The events listed in each grid cell (every cell an event has sat in), by date and type: a report is
    compared only with the events whose date and type can agree with its own, in index order."""

    def __init__(self) -> None:
        self.cells: dict[Cell, _Dates] = {}
        self.listed: dict[int, list[Cell]] = {}
        self._near: dict[Cell, list[_Dates]] = {}  # cell -> its neighbours' (and its own) dates, if any

    def candidates(self, cell: Cell, date: str | None, kind: EventType) -> Iterator[int]:
        near = self._near.get(cell)
        if near is None:
            near = self._near[cell] = [self.cells[c] for c in _neighbours(cell) if c in self.cells]
        lists = []
        for dates in near:
            if date is None:  # any date agrees
                lists += [found for other, found in dates.by_type.items() if found and _types_may_merge(other, kind)]
                continue
            for other_date in dates.agreeing(date):
                by_type = dates.events.get(other_date)
                if by_type:
                    lists += [found for other, found in by_type.items() if found and _types_may_merge(other, kind)]
        if len(lists) == 1:  # one list holds each event once
            yield from lists[0]
            return
        last = -1
        for k in heapq.merge(*lists):
            if k != last:
                last = k
                yield k

    def add(self, k: int, cell: Cell, key: _Key) -> None:
        self.listed[k] = []
        self._list(k, cell, key)

    def update(self, k: int, before: _Key, after: _Key, cell: Cell) -> None:
        if before != after:
            for listed in self.listed[k]:
                dates = self.cells[listed]
                _drop(dates.events[before[0]][before[1]], k)
                _drop(dates.by_type[before[1]], k)
                self._put(dates, k, after)
        if cell not in self.listed[k]:
            self._list(k, cell, after)

    def _list(self, k: int, cell: Cell, key: _Key) -> None:
        self.listed[k].append(cell)
        dates = self.cells.get(cell)
        if dates is None:
            dates = self.cells[cell] = _Dates()
            for near in _neighbours(cell):
                if near in self._near:
                    self._near[near].append(dates)
        self._put(dates, k, key)

    @staticmethod
    def _put(dates: _Dates, k: int, key: _Key) -> None:
        date, kind = key
        dates.register(date)
        bisect.insort(dates.events.setdefault(date, {}).setdefault(kind, []), k)
        bisect.insort(dates.by_type.setdefault(kind, []), k)


def _drop(found: list[int], k: int) -> None:
    del found[bisect.bisect_left(found, k)]


def _neighbours(cell: Cell) -> Iterator[Cell]:
    for dx, dy, dz in itertools.product((-1, 0, 1), repeat=3):
        yield (cell[0] + dx, cell[1] + dy, cell[2] + dz)
