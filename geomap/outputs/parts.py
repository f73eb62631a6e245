"""The outputs put together from parts: each event's and each article's share of every output, kept in the
build cache so that a rebuild joins what no change touched instead of making it again.

An event's part (:class:`EventPart`) is its line of ``incidents.geojson``, the values of its CSV row (how a
number is written depends on the other rows), and its map row (:class:`MapRow`: its marker's values and its
popup's row, its sources' articles listed, not yet indexed: an index depends on the events before it). An
article's part (:class:`MentionPart`) is its mentions' lines of ``mentions.geojson`` and their rows of the
map, its article's index left as ``\\x01``, a character JSON text never holds unescaped. Joined in order
(events by id, articles by file) they give the bytes the writers of records give; the writers of records
are written with them (:func:`page_json`), and the tests compare both with the writers before the parts.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from geomap.outputs.geojson import incident_line, mention_line
from geomap.outputs.mapdata import (
    COORDINATE_SCALE,
    MARKER_FIELDS,
    UNKNOWN,
    ArticleTable,
    Interned,
    PageJson,
    area_row,
    checked_lat_lon,
    day_range,
    dumps,
    marker_summary,
    mention_values,
    text_row,
)
from geomap.outputs.table import csv_pieces
from geomap.records import EVENT_TYPES, Incident, ResolvedMention
from geomap.settings import MapStyle

#: Where an article's index goes in its mentions' rows (JSON escapes every control character).
ARTICLE_SLOT = "\x01"
_SLOT = ARTICLE_SLOT.encode()
_TYPE_INDEX = {t: k for k, t in enumerate(EVENT_TYPES)}
_spans = functools.lru_cache(maxsize=4096)(day_range)


@dataclass(frozen=True, slots=True, kw_only=True)
class MapRow:
    """An incident as the map page has it: its marker's values (lat, lon, type, first and last day, place,
    area key and area row or None, fatalities), and the JSON of its popup row, where each source's article
    is written ``\x01k\x01``, k its position in ``sources`` (file, title, outlet, published, url). Texts
    are kept as UTF-8, as they are written and as the cache keeps them."""

    id: str
    marker: list[Any]
    text: bytes
    sources: list[list[Any]]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPart:
    """An event's share of the outputs, and where it is (the map's first view, the countries it draws)."""

    id: str
    feature: bytes  # UTF-8
    row: list[Any]
    map: MapRow
    country: str
    lat: float
    lon: float

    def as_json(self) -> list[Any]:
        """Its values but its texts (:attr:`feature`, ``map.text``), which are kept as they are."""
        m = self.map
        return [self.id, self.row, m.marker, m.sources, self.country, self.lat, self.lon]

    @classmethod
    def from_json(cls, data: list[Any], *, feature: bytes, text: bytes) -> EventPart:
        event_id, row, marker, sources, country, lat, lon = data
        return cls(
            id=event_id,
            feature=feature,
            row=row,
            map=MapRow(id=event_id, marker=marker, text=text, sources=sources),
            country=country,
            lat=lat,
            lon=lon,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionPart:
    """An article's mentions (of one file and title) as the outputs have them."""

    file: str
    title: str
    count: int
    features: bytes  # lines of mentions.geojson, joined by ",\n" (UTF-8)
    rows: bytes  # rows of the map's mentions, joined by ",", the article's index as ARTICLE_SLOT (UTF-8)
    lats: str  # whole 1e-5 degrees, joined by ","
    lons: str
    countries: tuple[str, ...]


def map_row(incident: Incident, *, style: MapStyle) -> MapRow:
    """:func:`geomap.outputs.mapdata.page_data`'s values of one incident."""
    place = incident.place
    lat, lon = checked_lat_lon(place.lat, place.lon, what=f"incident {incident.id}")
    span = _spans(incident.date, incident.date_precision)
    area_key, area = None, None
    if place.precision == "admin1" or place.precision == "country":
        area_key = place.gazetteer_id or f"{place.precision}:{place.country}:{place.canonical}"
        area = area_row(place, style=style)
    marker = [
        round(lat * COORDINATE_SCALE),
        round(lon * COORDINATE_SCALE),
        _TYPE_INDEX[incident.event_type],
        span[0] if span else UNKNOWN,
        span[1] if span else UNKNOWN,
        place.canonical,
        area_key,
        area,
        UNKNOWN if incident.fatalities is None else incident.fatalities,
    ]
    sources: list[list[Any]] = []

    def listed(*, file: str, title: str, outlet: str | None, published: str | None, url: str | None) -> int:
        sources.append([file, title, outlet, published, url])
        return len(sources) - 1

    row = text_row(incident, listed, style=style)
    # dumps(row), each source's article left open
    cited = ",".join(f"[{ARTICLE_SLOT}{s[0]}{ARTICLE_SLOT},{dumps(s[1:])[1:]}" for s in row[-1])
    text = f"{dumps(row[:-1])[:-1]},[{cited}]]"
    return MapRow(id=incident.id, marker=marker, text=text.encode(), sources=sources)


def event_part(incident: Incident, *, style: MapStyle) -> EventPart:
    """An event's share of every output."""
    return EventPart(
        id=incident.id,
        feature=incident_line(incident).encode(),
        row=csv_pieces(incident),
        map=map_row(incident, style=style),
        country=incident.place.country,
        lat=incident.place.lat,
        lon=incident.place.lon,
    )


def mention_parts(mentions: Iterable[ResolvedMention], *, style: MapStyle) -> list[MentionPart]:
    """The parts of these mentions (sorted by their ``order``), one per run of one file and title."""
    runs: list[list[ResolvedMention]] = []
    for m in mentions:
        if runs and (runs[-1][0].file, runs[-1][0].title) == (m.file, m.title):
            runs[-1].append(m)
        else:
            runs.append([m])
    return [_mention_part(run, style=style) for run in runs]


def _mention_part(mentions: Sequence[ResolvedMention], *, style: MapStyle) -> MentionPart:
    lats, lons, rows = [], [], []
    for m in mentions:
        lat, lon, row = mention_values(m, style=style)
        lats.append(str(lat))
        lons.append(str(lon))
        # dumps([*row[:3], index, *row[3:]]), the index left open
        rows.append(f"{dumps(row[:3])[:-1]},{ARTICLE_SLOT},{dumps(row[3:])[1:]}")
    return MentionPart(
        file=mentions[0].file,
        title=mentions[0].title,
        count=len(mentions),
        features=",\n".join(map(mention_line, mentions)).encode(),
        rows=",".join(rows).encode(),
        lats=",".join(lats),
        lons=",".join(lons),
        countries=tuple(sorted({m.place.country for m in mentions})),
    )


def page_json(rows: Sequence[MapRow], mentions: Iterable[MentionPart], *, style: MapStyle) -> PageJson:
    """The JSON of each part of the page's data (:func:`geomap.outputs.mapdata.page_data`'s, dumped), of
    the incidents' ``rows`` sorted by id and the ``mentions`` in file order."""
    # Python's cycle collector paused: hundreds of thousands of small lists, none of which it could free.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _page_json(rows, mentions, style=style)
    finally:
        if was_enabled:
            gc.enable()


def _page_json(rows: Sequence[MapRow], mentions: Iterable[MentionPart], *, style: MapStyle) -> PageJson:
    articles = ArticleTable()
    places = Interned()
    areas = Interned()
    area_rows: list[list[Any]] = []
    columns: list[list[Any]] = [[] for _ in MARKER_FIELDS]
    text: list[list[bytes]] = []
    chunk = style.popup_chunk_incidents
    for n, event in enumerate(rows):
        lat, lon, kind, first, last, place, area_key, area, killed = event.marker
        where = UNKNOWN
        if area_key is not None:
            where = areas.index(area_key)
            if where == len(area_rows):
                area_rows.append(area)
        values = (lat, lon, kind, event.id, first, last, places.index(place), where, killed)
        for column, value in zip(columns, values, strict=True):
            column.append(value)
        index = [
            articles.index(file=f, title=t, outlet=o, published=p, url=u) for f, t, o, p, u in event.sources
        ]
        if n % chunk == 0:
            text.append([])
        pieces = event.text.split(_SLOT)
        pieces[1::2] = [str(index[int(k)]).encode() for k in pieces[1::2]]
        text[-1].append(b"".join(pieces))
    lats: list[str] = []
    lons: list[str] = []
    found: list[bytes] = []
    count = 0
    for part in mentions:
        if not part.count:
            continue
        at = articles.index(file=part.file, title=part.title, outlet=None, published=None, url=None)
        lats.append(part.lats)
        lons.append(part.lons)
        found.append(part.rows.replace(_SLOT, str(at).encode()))
        count += part.count
    markers: dict[str, Any] = dict(zip(MARKER_FIELDS, columns, strict=True))
    counts, days = marker_summary(columns[2], columns[4], columns[5], columns[7], columns[8])
    return PageJson(
        markers=dumps({**markers, "places": places.values, "areas": area_rows, "chunk": chunk}),
        text=tuple(b"[" + b",".join(rows) + b"]" for rows in text),
        articles=dumps(articles.rows),
        mentions=(
            f'{{"lat":[{",".join(lats)}],"lon":[{",".join(lons)}],"rows":['.encode() + b",".join(found) + b"]}"
            if count
            else None
        ),
        mention_count=count,
        counts=counts,
        day_range=days,
    )
