"""The data the map page carries: columnar incident arrays, popup text, articles and mentions, compressed.

The page decodes each part with the browser's ``DecompressionStream`` (gzip, then base64 in the page):

- ``markers``: what drawing, clustering, filtering and the timeline need, as one array per field
  (:data:`MARKER_FIELDS`), coordinates as whole 1e-5 degrees and dates as day numbers. Decoded first.
- ``text``: the popups' text, in chunks of ``MapStyle.popup_chunk_incidents`` incidents, each decoded
  when one of its incidents' popup is first opened. A quote is kept whole with the offsets of the place
  it names and of the context the popup shows first (:func:`trimmed`); the popup can show it whole.
- ``articles``: each article's title, outlet, date, link and file, once, referred to by index.
- ``mentions``: places named in passing, decoded when their layer is ticked.

Every list is in a fixed order (incidents by id), so that the same incidents give the same page.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol
from urllib.parse import urlsplit

from geomap.errors import GeomapError
from geomap.geo import EARTH_RADIUS_KM
from geomap.records import EVENT_TYPES, PRECISIONS, DatePrecision, Incident, Resolution, ResolvedMention
from geomap.settings import MapStyle

DATE_PRECISIONS: tuple[DatePrecision, ...] = ("day", "month", "year", "month_day", "reported", "unknown")
#: The arrays of the ``markers`` part, one value per incident.
MARKER_FIELDS = ("lat", "lon", "type", "id", "from", "to", "place", "area", "fatalities")
#: One incident of a ``text`` chunk (a list in this order); ``sources`` is a list of SOURCE_FIELDS lists.
TEXT_FIELDS = (
    "date",
    "datePrecision",
    "placeText",
    "precision",
    "radiusKm",
    "actor",
    "optional",
    "injured",
    "launchedFrom",
    "sources",
)
#: A quote: the article's index, the sentence, the place's [start, end) in it, the context shown first;
#: ``more`` the article's other sentences that report the event, each [text, markStart, markEnd, cutStart,
#: cutEnd].
SOURCE_FIELDS = ("article", "text", "markStart", "markEnd", "cutStart", "cutEnd", "more")
ARTICLE_FIELDS = ("title", "outlet", "published", "url", "file")
#: An area drawn for incidents known only to a province or country.
AREA_FIELDS = ("name", "precision", "lat", "lon", "radius", "bbox", "country")
MENTION_FIELDS = (
    "placeText",
    "place",
    "precision",
    "article",
    "text",
    "markStart",
    "markEnd",
    "cutStart",
    "cutEnd",
)
COORDINATE_SCALE = 100_000  # whole 1e-5 degrees: about a metre
_EPOCH = date(1970, 1, 1).toordinal()
UNKNOWN = -1
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


@dataclass(slots=True, kw_only=True)
class MapData:
    """The parts of the page's data, each packed (gzip + base64) by :meth:`packed`."""

    markers: dict[str, Any]
    text: list[list[list[Any]]]
    articles: list[list[str]]
    mentions: dict[str, Any] | None
    #: Point incidents by type, area incidents, and how many have fatalities given.
    counts: dict[str, Any] = field(default_factory=dict)
    day_range: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PageJson:
    """The page's data as JSON text, a part at a time (each packed by :func:`pack_json`; see
    :func:`geomap.outputs.parts.page_json`), and what the page's legend and settings say of it."""

    markers: str
    text: tuple[bytes, ...]  # UTF-8, as the parts keep them
    articles: str
    mentions: bytes | None
    mention_count: int
    counts: dict[str, Any]
    day_range: tuple[int, int] | None


def page_data(
    incidents: Sequence[Incident], mentions: Sequence[ResolvedMention], *, style: MapStyle
) -> MapData:
    """The page's data for ``incidents`` (sorted by id here) and ``mentions``."""
    ordered = sorted(incidents, key=lambda i: i.id)
    articles = ArticleTable()
    places = Interned()
    areas = Interned()
    area_rows: list[list[Any]] = []
    lats, lons, types, ids, firsts, lasts, place_ix, area_ix, killed = ([] for _ in range(len(MARKER_FIELDS)))
    text: list[list[list[Any]]] = []
    type_index = {t: k for k, t in enumerate(EVENT_TYPES)}
    spans = functools.lru_cache(maxsize=None)(day_range)
    chunk = style.popup_chunk_incidents
    for n, incident in enumerate(ordered):
        place = incident.place
        lat, lon = checked_lat_lon(place.lat, place.lon, what=f"incident {incident.id}")
        span = spans(incident.date, incident.date_precision)
        area = UNKNOWN
        if place.precision == "admin1" or place.precision == "country":
            area = areas.index(place.gazetteer_id or f"{place.precision}:{place.country}:{place.canonical}")
            if area == len(area_rows):
                area_rows.append(area_row(place, style=style))
        lats.append(round(lat * COORDINATE_SCALE))
        lons.append(round(lon * COORDINATE_SCALE))
        types.append(type_index[incident.event_type])
        ids.append(incident.id)
        firsts.append(span[0] if span else UNKNOWN)
        lasts.append(span[1] if span else UNKNOWN)
        place_ix.append(places.index(place.canonical))
        area_ix.append(area)
        killed.append(UNKNOWN if incident.fatalities is None else incident.fatalities)
        if n % chunk == 0:
            text.append([])
        text[-1].append(text_row(incident, articles.index, style=style))
    markers: dict[str, Any] = dict(
        zip(MARKER_FIELDS, (lats, lons, types, ids, firsts, lasts, place_ix, area_ix, killed), strict=True)
    )
    counts, days = marker_summary(types, firsts, lasts, area_ix, killed)
    return MapData(
        markers={**markers, "places": places.values, "areas": area_rows, "chunk": chunk},
        text=text,
        articles=articles.rows,
        mentions=_mentions(mentions, articles, style=style) if mentions else None,
        counts=counts,
        day_range=days,
    )


def marker_summary(
    types: Sequence[int], firsts: Sequence[int], lasts: Sequence[int], area_ix: Sequence[int], killed: Sequence[int]
) -> tuple[dict[str, Any], tuple[int, int] | None]:
    """What the page's controls count (markers by type, areas, with fatalities, undated) and the span of
    days its timeline covers, from the marker columns (one value per incident each)."""
    dated = [d for d in firsts if d != UNKNOWN]
    counts = {
        "total": len(types),
        "byType": {t: sum(1 for k in types if k == n) for n, t in enumerate(EVENT_TYPES)},
        "areas": len(area_ix) - sum(1 for a in area_ix if a == UNKNOWN),
        "fatalities": sum(1 for f in killed if f > 0),
        "undated": len(firsts) - len(dated),
    }
    return counts, ((min(dated), max(d for d in lasts if d != UNKNOWN)) if dated else None)


def pack(value: Any, *, level: int) -> str:
    """JSON, gzip-compressed (reproducibly: no timestamp), as base64 text."""
    return pack_json(dumps(value), level=level)


def pack_json(text: str | bytes, *, level: int) -> str:
    data = gzip.compress(text.encode("utf-8") if isinstance(text, str) else text, compresslevel=level, mtime=0)
    return base64.b64encode(data).decode("ascii")


def dumps(value: Any) -> str:
    return _ENCODER.encode(value)


# json.dumps with these options, its encoder made once (a map row's parts are dumped one by one).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no "</script>" or "<!--" can come out of a string."""
    return script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def script_safe(json_text: str) -> str:
    # In JSON these characters occur only inside strings, where the escapes mean the same.
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def data_blocks(parts: dict[str, str | list[str] | None]) -> tuple[list[tuple[str, str]], dict[str, int | bool]]:
    """The page's data blocks (name, packed text) in their order, and its layout: which parts there are,
    True/False for one block, the number of blocks for a list."""
    blocks: list[tuple[str, str]] = []
    layout: dict[str, int | bool] = {}
    for name, value in parts.items():
        if isinstance(value, list):
            blocks += [(f"{name}-{k}", text) for k, text in enumerate(value)]
            layout[name] = len(value)
        else:
            if value is not None:
                blocks.append((name, value))
            layout[name] = value is not None
    return blocks, layout


def day_range(value: str | None, precision: DatePrecision) -> tuple[int, int] | None:
    """The first and last day (days since 1970-01-01) a possibly partial ISO date covers; None when it
    cannot be placed on a timeline (no date, a day and month without a year)."""
    if not value or precision in ("unknown", "month_day") or not value[:4].isdigit():
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value).toordinal() - _EPOCH
            return day, day
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            first = date(year, month, 1)
            last = date(year + month // 12, month % 12 + 1, 1)
            return first.toordinal() - _EPOCH, last.toordinal() - _EPOCH - 1
        if len(value) == 4:
            year = int(value)
            return date(year, 1, 1).toordinal() - _EPOCH, date(year, 12, 31).toordinal() - _EPOCH
    except ValueError:
        return None
    return None


def checked_lat_lon(lat: float, lon: float, *, what: str) -> tuple[float, float]:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeomapError(f"{what} has coordinates lat={lat}, lon={lon} outside WGS 84's range")
    return lat, lon


# -- bounds of the first view -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewBounds:
    """What the first view fits (``fit``), every incident's box (``all``), and how many lie outside ``fit``."""

    fit: list[list[float]]
    all: list[list[float]]
    outliers: int


def view_bounds(points: Sequence[tuple[float, float]], *, style: MapStyle) -> ViewBounds | None:
    """Bounds that fit the bulk of ``points`` (lat, lon), leaving out a lone far outlier or a few."""
    if not points:
        return None
    everything = _box(points)
    if len(points) < 3:
        return ViewBounds(fit=everything, all=everything, outliers=0)
    lat = _median([p[0] for p in points])
    lon = _median([p[1] for p in points])
    # Distances on a plane tangent at the median (equirectangular): enough to tell a far outlier.
    shrink = math.cos(math.radians(lat))
    distances = [math.hypot(p[0] - lat, (p[1] - lon) * shrink) * KM_PER_DEGREE for p in points]
    limit = max(style.fit_outlier_factor * _median(distances), style.fit_outlier_min_km)
    kept = [p for p, d in zip(points, distances, strict=True) if d <= limit]
    outliers = len(points) - len(kept)
    if outliers == 0 or outliers > max(1, math.floor(style.fit_outlier_max_share * len(points))):
        return ViewBounds(fit=everything, all=everything, outliers=0)
    return ViewBounds(fit=_box(kept), all=everything, outliers=outliers)


def _box(points: Sequence[tuple[float, float]]) -> list[list[float]]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# -- rows ----------------------------------------------------------------------------------------------------


class Interned:
    """Values listed once, in first-seen order, referred to by index."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def index(self, value: str) -> int:
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.values)
            self.values.append(value)
        return found


class ArticleTable:
    """The articles cited, once each (by file and title), with the best metadata any citation gives."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self._index: dict[tuple[str, str], int] = {}

    def index(
        self, *, file: str, title: str, outlet: str | None, published: str | None, url: str | None
    ) -> int:
        key = (file, title)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.rows)
            self.rows.append([title, "", "", "", file])
        row = self.rows[found]
        # A mention knows only the file and title; a source may add the rest.
        if outlet and not row[1]:
            row[1] = outlet
        if published and not row[2]:
            row[2] = published
        if url and not row[3]:
            row[3] = safe_url(url)
        return found


class ArticleIndex(Protocol):
    """What gives a cited article its index in the page's table of articles (:meth:`ArticleTable.index`)."""

    def __call__(
        self, *, file: str, title: str, outlet: str | None, published: str | None, url: str | None
    ) -> int: ...


def text_row(incident: Incident, article_index: ArticleIndex, *, style: MapStyle) -> list[Any]:
    """An incident's row of a ``text`` chunk (:data:`TEXT_FIELDS`), its sources' articles indexed by
    ``article_index``, in the order of its sources."""
    place = incident.place
    sources = []
    for s in incident.sources:
        article = article_index(file=s.file, title=s.title, outlet=s.outlet, published=s.published, url=s.url)
        needles = (s.place_text, incident.place_text, place.canonical)
        sources.append(
            [article, *_quote(s.quote, needles, style), [_quote(q, needles, style) for q in s.more_quotes]]
        )
    return [
        incident.date or "",
        DATE_PRECISIONS.index(incident.date_precision),
        # The page falls back to the place's name when it is written as such.
        incident.place_text if incident.place_text != place.canonical else "",
        PRECISIONS.index(place.precision),
        round(area_radius_km(place, style=style)),
        incident.actor or "",
        1 if incident.optional else 0,
        UNKNOWN if incident.injured is None else incident.injured,
        incident.launched_from.canonical if incident.launched_from else "",
        sources,
    ]


def _quote(text: str, needles: Iterable[str], style: MapStyle) -> list[Any]:
    """[text, mark start, mark end, cut start, cut end]: the place marked, the context shown first."""
    start, end = marked(text, needles)
    cut_start, cut_end = trimmed(text, start, end, max_chars=style.popup_quote_max_chars)
    return [text, start, end, cut_start, cut_end]


def area_row(place: Resolution, *, style: MapStyle) -> list[Any]:
    bbox = [round(v, 4) for v in place.bbox] if place.bbox else None
    return [
        place.canonical,
        PRECISIONS.index(place.precision),
        round(place.lat, 5),
        round(place.lon, 5),
        round(area_radius_km(place, style=style) * 1000),
        bbox,
        place.country,
    ]


def area_radius_km(place: Resolution, *, style: MapStyle) -> float:
    """Radius of the area of an incident known only to a province or country; 0 for a place."""
    default = style.default_extent_km.get(place.precision)
    if default is None:
        return 0.0
    return place.extent_km if place.extent_km > 0 else default


def _mentions(mentions: Sequence[ResolvedMention], articles: ArticleTable, *, style: MapStyle) -> dict[str, Any]:
    lats, lons, rows = [], [], []
    for m in sorted(mentions, key=lambda m: m.order):
        article = articles.index(file=m.file, title=m.title, outlet=None, published=None, url=None)
        lat, lon, row = mention_values(m, style=style)
        lats.append(lat)
        lons.append(lon)
        rows.append([*row[:3], article, *row[3:]])
    return {"lat": lats, "lon": lons, "rows": rows}


def mention_values(m: ResolvedMention, *, style: MapStyle) -> tuple[int, int, list[Any]]:
    """A mention's coordinates as the page has them, and its row (:data:`MENTION_FIELDS`) without its
    article's index."""
    mention = m.mention
    lat, lon = checked_lat_lon(m.place.lat, m.place.lon, what=f"a place named in {m.file}")
    sentence = mention.sentence.text
    if 0 <= mention.start < mention.end <= len(sentence) and sentence[mention.start : mention.end]:
        start, end = mention.start, mention.end
    else:
        start, end = marked(sentence, (mention.text, m.place.canonical))
    cut_start, cut_end = trimmed(sentence, start, end, max_chars=style.popup_quote_max_chars)
    precision = PRECISIONS.index(m.place.precision)
    row = [mention.text, m.place.canonical, precision, sentence, start, end, cut_start, cut_end]
    return round(lat * COORDINATE_SCALE), round(lon * COORDINATE_SCALE), row


def marked(text: str, needles: Iterable[str]) -> tuple[int, int]:
    """Where the first of ``needles`` that ``text`` contains (case-insensitively) is; (0, 0) if none."""
    for needle in needles:
        if not needle:
            continue
        start = text.find(needle)
        if start < 0:
            # A regex keeps offsets right where lower() would change a string's length ("İ").
            match = re.search(re.escape(needle), text, re.IGNORECASE)
            if match is None:
                continue
            start = match.start()
        return start, start + len(needle)
    return 0, 0


def trimmed(text: str, start: int, end: int, *, max_chars: int) -> tuple[int, int]:
    """The [cut start, cut end) of ``text`` to show first: at most ``max_chars`` around the mark
    [start, end), the context shared evenly and what one side does not need going to the other."""
    if len(text) <= max_chars:
        return 0, len(text)
    if start == end:
        return 0, _word_end(text, max_chars, limit=0)
    room = max(max_chars - (end - start), 0)
    before, after = start, len(text) - end
    keep_before = min(before, max(room // 2, room - after))
    keep_after = min(after, room - keep_before)
    return _word_start(text, start - keep_before, limit=start), _word_end(text, end + keep_after, limit=end)


def _word_start(text: str, at: int, *, limit: int) -> int:
    """A cut moved forward to the start of a word, never past ``limit`` (the mark's start)."""
    if at <= 0 or text[at - 1].isspace():
        return at
    space = text.find(" ", at, limit)
    return space + 1 if space >= 0 and space < at + 20 else at


def _word_end(text: str, at: int, *, limit: int) -> int:
    """A cut moved back to the end of a word, never before ``limit`` (the mark's end)."""
    if at >= len(text) or text[at].isspace():
        return at
    space = text.rfind(" ", limit, at)
    return space if space >= 0 and space > at - 20 else at


def safe_url(url: str | None) -> str:
    """The URL when it is a web link; a ``javascript:`` or odd URL is dropped, not linked."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""
