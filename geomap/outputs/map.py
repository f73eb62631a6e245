"""The interactive incident map: one self-contained HTML file that works with no network.

The map is a tree of folium elements: an offline basemap of country outlines, one marker cluster for
all incidents with a feature group (a cluster subgroup) per event type, an area layer for incidents
known only to a province or country, a mentions layer shown off, a date filter, a legend and a layer
control. Each type's incidents are one data layer of compact rows from which the browser makes the
markers and, when one is opened, the popup; this keeps 50,000 incidents to a dozen megabytes and a
build of a second or two. Popups are built with DOM text nodes, never ``innerHTML``, so an article's
title or quote cannot inject markup.

Everything the page needs is inlined: Leaflet, Leaflet.markercluster and Leaflet.FeatureGroup.SubGroup
(vendored from npm, see :mod:`geomap.outputs.assets`) and geomap's own ``static/map.js`` and ``map.css``
(folium's CDN links are dropped), and the basemap is the gazetteer's Natural Earth outline file. An OpenStreetMap tile layer can
be ticked on when there is a network.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure

from geomap.errors import GazetteerError, GeomapError
from geomap.fsutil import atomic_write_text
from geomap.outputs.assets import load_assets
from geomap.outputs.elements import (
    DateFilter,
    Hook,
    IncidentCluster,
    IncidentRows,
    InlineAssets,
    Legend,
    OfflineMap,
    RowCluster,
    Runtime,
    TypeGroup,
    script_safe,
)
from geomap.places.gazetteer import COUNTRIES_FILE, data_dir
from geomap.records import EVENT_TYPES, PRECISIONS, DatePrecision, EventType, Incident, ResolvedMention
from geomap.settings import MapStyle, Settings

DATE_PRECISIONS: tuple[DatePrecision, ...] = ("day", "month", "year", "month_day", "unknown")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventStyle:
    """How one event type looks on the map and in its legend."""

    label: str
    colour: str
    letter: str  # drawn on the marker by CSS, so that no markup is built from data


EVENT_STYLES: dict[EventType, EventStyle] = {
    "ied": EventStyle(label="IED / explosive device", colour="#d62728", letter="I"),
    "suicide_bomb": EventStyle(label="Suicide bombing", colour="#7f0000", letter="B"),
    "grenade": EventStyle(label="Grenade", colour="#e377c2", letter="G"),
    "shelling": EventStyle(label="Shelling, rockets, missiles", colour="#ff7f0e", letter="S"),
    "air_drone_strike": EventStyle(label="Air or drone strike", colour="#9467bd", letter="A"),
    "armed_clash": EventStyle(label="Armed clash", colour="#1f77b4", letter="C"),
    "attack": EventStyle(label="Attack", colour="#8c564b", letter="X"),
    "other": EventStyle(label="Other incident", colour="#525252", letter="O"),
}
PRECISION_LABELS = {
    "point": "exact site (base, airport, landmark)",
    "locality": "town or village",
    "approximate": "a distance and bearing from a named place, to a few kilometres",
    "admin1": "province only: the dashed circle shows the area, not a point",
    "country": "country only: the dashed circle shows the area, not a point",
}
DATE_PRECISION_LABELS = {
    "day": "day",
    "month": "month only",
    "year": "year only",
    "month_day": "day and month; year not given",
    "unknown": "date unknown",
}
ATTRIBUTION = (
    'Place names: <a href="https://www.geonames.org/" target="_blank">GeoNames</a> (CC BY 4.0)'
    ' | Boundaries: <a href="https://www.naturalearthdata.com/" target="_blank">Natural Earth</a>'
)
MAX_ZOOM = 18  # OpenStreetMap's deepest tiles
OUTLINE_PANE_Z_INDEX = 150  # under Leaflet's tile pane (200): tiles, when they load, cover the outlines

# The rows the page turns into markers and popups: arrays, whose slots are named here once and sent to the
# page (cfg.columns), so that Python and JavaScript never agree on a position by hand.
INCIDENT_COLUMNS = (
    "lat", "lon", "id", "date", "datePrecision", "place", "placeText", "precision", "radius", "actor",
    "optional", "sources",
)  # fmt: skip
MENTION_COLUMNS = ("lat", "lon", "placeText", "place", "precision", "article", "before", "name", "after")
ARTICLE_COLUMNS = ("title", "outlet", "published", "url", "file")
#: A quote as [before the place, the place as written, after it].
QUOTE_COLUMNS = ("before", "place", "after")


def build_map(
    *,
    incidents: Sequence[Incident],
    mentions: Sequence[ResolvedMention] = (),
    path: Path | str,
    settings: Settings | None = None,
    title: str = "geomap: incidents reported in the news",
    outlines_path: Path | str | None = None,
) -> Path:
    """Write the map of ``incidents`` (and, in a layer shown off, ``mentions``) to ``path``.

    The HTML file needs nothing beside it. Raises :class:`GazetteerError` when the country outline file is
    missing.
    """
    settings = settings or Settings()
    target = Path(path)
    outlines = _load_outlines(
        Path(outlines_path) if outlines_path is not None else data_dir(settings) / COUNTRIES_FILE
    )
    page = _render(incidents=incidents, mentions=mentions, title=title, style=settings.map, outlines=outlines)
    atomic_write_text(target, page)
    return target


def _render(
    *,
    incidents: Sequence[Incident],
    mentions: Sequence[ResolvedMention],
    title: str,
    style: MapStyle,
    outlines: str,
) -> str:
    ordered = sorted(incidents, key=lambda i: i.id)
    rows = _Rows(style=style)
    rows_by_type: dict[EventType, list[list[Any]]] = {t: [] for t in EVENT_TYPES}
    for incident in ordered:
        rows_by_type[incident.event_type].append(rows.incident(incident))
    mention_rows = [rows.mention(m) for m in sorted(mentions, key=lambda m: m.order)]

    fmap = OfflineMap(location=[33.0, 40.0], zoom_start=5, tiles=None, control_scale=True)
    # With no tile layer shown the map has no zoom limits, and marker clustering needs one.
    fmap.options.update(max_zoom=MAX_ZOOM, min_zoom=2)
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.title = html.escape(title)
    InlineAssets(assets=load_assets()).add_to(fmap)
    Runtime(config=_page_config(), articles=rows.articles, type_css=_type_css()).add_to(fmap)
    bounds = _bounds([(i.lat, i.lon) for i in ordered] or [(m.place.lat, m.place.lon) for m in mentions])
    if bounds is not None:
        # Fitted at once and before any marker is added: the clusters are then made at their final
        # zoom, instead of being animated apart while the page opens.
        fit = folium.map.FitBounds(bounds, padding=(30, 30), max_zoom=style.max_fit_zoom)
        fit.options["animate"] = False
        fit.add_to(fmap)

    folium.map.CustomPane("outlines", z_index=OUTLINE_PANE_Z_INDEX, pointer_events=False).add_to(fmap)
    outline_layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": []},
        name="Country outlines (Natural Earth)",
        control=False,
        pane="outlines",
        interactive=False,
        style=folium.JsCode(
            'function () { return {color: "#8c8c8c", weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1}; }'
        ),
    ).add_to(fmap)
    # The outlines are embedded as the file's text: parsing and re-dumping 2 MB would slow every build.
    Hook(js="{layer}.addData(" + outlines + ");").add_to(outline_layer)
    # Off by default: offline, every failed tile request is logged as a console error. A reader with a
    # network ticks it in the layer control.
    folium.TileLayer(
        "OpenStreetMap",
        name="OpenStreetMap tiles (needs network)",
        overlay=True,
        control=True,
        show=False,
    ).add_to(fmap)

    radius = INCIDENT_COLUMNS.index("radius")
    has_areas = any(row[radius] > 0 for type_rows in rows_by_type.values() for row in type_rows)
    areas = folium.FeatureGroup(
        name="Areas of incidents located only to a province or country", show=True, control=has_areas
    ).add_to(fmap)
    Hook(js="geomap.setAreas({layer});").add_to(areas)

    # One cluster for every incident, so that incidents of different types at one place spiderfy
    # together; each type is a subgroup of it, toggled in the layer control.
    cluster = IncidentCluster(icon_create_function="geomap.clusterIcon")
    cluster.add_to(fmap)
    Hook(js="geomap.setCluster({layer});").add_to(cluster)
    counts = {t: len(type_rows) for t, type_rows in rows_by_type.items()}
    for event_type, type_rows in rows_by_type.items():
        if type_rows:
            label = f"{EVENT_STYLES[event_type].label} ({len(type_rows)})"
            group = TypeGroup(cluster=cluster, name=html.escape(label)).add_to(fmap)
            IncidentRows(event_type=event_type, rows=type_rows).add_to(group)

    if mention_rows:
        group = folium.FeatureGroup(
            name=f"Other places named in the articles ({len(mention_rows)})", show=False
        ).add_to(fmap)
        mentions_cluster = RowCluster(
            rows=mention_rows,
            callback="geomap.mentionMarker()",
            icon_create_function="geomap.mentionClusterIcon",
        ).add_to(group)
        Hook(js="geomap.setMentions({layer});").add_to(mentions_cluster)

    if any(i.date for i in ordered):
        DateFilter(total=len(ordered)).add_to(fmap)
    Legend(rows=_legend_rows(counts, has_areas=has_areas, has_mentions=bool(mention_rows))).add_to(fmap)
    folium.LayerControl(position="topright", collapsed=False).add_to(fmap)

    _number_elements(figure)
    page: str = figure.render()
    _check_offline(page)
    return page


# -- rows: the compact data the browser turns into markers ------------------------------------------------


class _Rows:
    """The page's rows: incidents and mentions, with the articles they cite listed once and referred to by
    index, so that many incidents of one article stay small."""

    def __init__(self, *, style: MapStyle) -> None:
        self.style = style
        self.articles: list[list[str]] = []  # ARTICLE_COLUMNS
        self._index: dict[tuple[str, str], int] = {}
        self._title, self._outlet, self._published, self._url, self._file = range(len(ARTICLE_COLUMNS))

    def article(
        self, *, file: str, title: str, outlet: str | None, published: str | None, url: str | None
    ) -> int:
        key = (file, title)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.articles)
            self.articles.append(_row(ARTICLE_COLUMNS, {"title": title, "outlet": "", "published": "", "url": "", "file": file}))
        row = self.articles[found]
        # A mention knows only the file and title; a source may add the rest later.
        if outlet and not row[self._outlet]:
            row[self._outlet] = outlet
        if published and not row[self._published]:
            row[self._published] = published
        if url and not row[self._url]:
            row[self._url] = _safe_url(url)
        return found

    def incident(self, incident: Incident) -> list[Any]:
        """One incident's row (INCIDENT_COLUMNS); each source is [article index, *QUOTE_COLUMNS]."""
        place = incident.place
        sources = []
        for s in incident.sources:
            article = self.article(file=s.file, title=s.title, outlet=s.outlet, published=s.published, url=s.url)
            parts = _marked(s.quote, (s.place_text, incident.place_text, place.canonical))
            sources.append([article, *self._trimmed(*parts)])
        lat, lon = _checked_lat_lon(place.lat, place.lon, what=f"incident {incident.id}")
        return _row(
            INCIDENT_COLUMNS,
            {
                "lat": lat,
                "lon": lon,
                "id": incident.id,
                "date": incident.date or "",
                "datePrecision": DATE_PRECISIONS.index(incident.date_precision),
                "place": place.canonical,
                # The page falls back to the place's name when it is written as such.
                "placeText": incident.place_text if incident.place_text != place.canonical else "",
                "precision": PRECISIONS.index(place.precision),
                "radius": self._area_radius_m(place.precision, place.extent_km),
                "actor": incident.actor or "",
                "optional": 1 if incident.optional else 0,
                "sources": sources,
            },
        )

    def mention(self, m: ResolvedMention) -> list[Any]:
        """One mention's row (MENTION_COLUMNS): the sentence around the name, the name marked."""
        mention = m.mention
        article = self.article(file=m.file, title=m.title, outlet=None, published=None, url=None)
        sentence = mention.sentence.text
        if 0 <= mention.start < mention.end <= len(sentence) and sentence[mention.start : mention.end]:
            parts = (sentence[: mention.start], sentence[mention.start : mention.end], sentence[mention.end :])
        else:
            parts = _marked(sentence, (mention.text, m.place.canonical))
        lat, lon = _checked_lat_lon(m.place.lat, m.place.lon, what=f"a place named in {m.file}")
        before, name, after = self._trimmed(*parts)
        return _row(
            MENTION_COLUMNS,
            {
                "lat": lat,
                "lon": lon,
                "placeText": mention.text,
                "place": m.place.canonical,
                "precision": PRECISIONS.index(m.place.precision),
                "article": article,
                "before": before,
                "name": name,
                "after": after,
            },
        )

    def _trimmed(self, before: str, mark: str, after: str) -> list[str]:
        return trimmed(before, mark, after, max_chars=self.style.popup_quote_max_chars)

    def _area_radius_m(self, precision: str, extent_km: float) -> int:
        """Radius of the circle drawn for an incident known only to a province or country; 0 for a place."""
        default = self.style.default_extent_km.get(precision)
        if default is None:
            return 0
        return round((extent_km if extent_km > 0 else default) * 1000)


def _page_config() -> dict[str, Any]:
    """What the page's script needs to know: styles, labels, and the names of the rows' slots."""
    return {
        "types": {k: {"label": s.label, "colour": s.colour} for k, s in EVENT_STYLES.items()},
        "order": list(EVENT_TYPES),
        "precisions": list(PRECISIONS),
        "precisionLabels": PRECISION_LABELS,
        "datePrecisions": list(DATE_PRECISIONS),
        "datePrecisionLabels": DATE_PRECISION_LABELS,
        "attribution": ATTRIBUTION,
        "columns": {
            "incident": _columns(INCIDENT_COLUMNS),
            "mention": _columns(MENTION_COLUMNS),
            "article": _columns(ARTICLE_COLUMNS),
            "quote": _columns(QUOTE_COLUMNS),
        },
    }


def _number_elements(root: Element) -> None:
    """Give every element an id by its place in the tree.

    folium names each element with random hex, so two builds of the same incidents would differ in
    every variable name; numbered ids make the page byte-for-byte reproducible.
    """
    pending = [root]
    number = 0
    while pending:
        element = pending.pop(0)
        number += 1
        element._id = f"{number:05d}"
        pending.extend(element._children.values())


def _checked_lat_lon(lat: float, lon: float, *, what: str) -> tuple[float, float]:
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeomapError(f"{what} has coordinates lat={lat}, lon={lon} outside WGS 84's range")
    return round(lat, 6), round(lon, 6)


def _marked(text: str, needles: Iterable[str]) -> tuple[str, str, str]:
    """Split ``text`` around the first of ``needles`` it contains (case-insensitively)."""
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
        end = start + len(needle)
        return text[:start], text[start:end], text[end:]
    return text, "", ""


def trimmed(before: str, mark: str, after: str, *, max_chars: int) -> list[str]:
    """Cut a long quote to the context around its mark, with ellipses where it was cut."""
    room = max(max_chars - len(mark), 0)
    if len(before) + len(after) <= room:
        return [before, mark, after]
    if not mark:
        return [before[:max_chars].rstrip() + "…", "", ""]
    # Context is shared evenly, and what one side does not need goes to the other.
    keep_before = min(len(before), max(room // 2, room - len(after)))
    keep_after = room - keep_before
    cut_before = before[len(before) - keep_before :]
    if keep_before < len(before):
        cut_before = "…" + cut_before.lstrip()
    cut_after = after[:keep_after]
    if keep_after < len(after):
        cut_after = cut_after.rstrip() + "…"
    return [cut_before, mark, cut_after]




def _safe_url(url: str | None) -> str:
    """The URL when it is a web link; a ``javascript:`` or odd URL is dropped, not linked."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""


def _bounds(points: Sequence[tuple[float, float]]) -> list[list[float]] | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]



# -- outlines ----------------------------------------------------------------------------------------------


def _load_outlines(path: Path) -> str:
    """The outline file's JSON text, ready to embed in a script (read once per file version)."""
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise GazetteerError(
            f"the country outline file {path} is missing: run `python -m geomap.tools.boundaries` to build it"
        ) from exc
    return _read_outlines(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2)
def _read_outlines(path: Path, mtime_ns: int, size: int) -> str:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise GazetteerError(f"{path} is not valid JSON ({exc}): rebuild it with geomap.tools.boundaries") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GazetteerError(f"{path} is not a GeoJSON FeatureCollection: rebuild it with geomap.tools.boundaries")
    # The checked text itself is embedded: JSON is a JavaScript expression, and re-dumping its
    # hundred thousand floats would cost more than parsing them.
    return script_safe(text.strip())


# Case-sensitive patterns with a literal start scan a 12 MB page ten times faster; every tag here is
# written by folium or this module, in lower case.
_EXTERNAL_RESOURCES = (
    re.compile(r"<script\b[^>]*\bsrc\s*="),
    re.compile(r"<link\b[^>]*\bhref\s*="),
    re.compile(r"url\(\s*['\"]?(?:https?:)?//"),
)


def _check_offline(page: str) -> None:
    """Fail the build rather than write a map that would fetch code from the network."""
    for pattern in _EXTERNAL_RESOURCES:
        found = pattern.search(page)
        if found is None:
            continue
        context = page[found.start() : found.start() + 160]
        raise GeomapError(
            f"the map would load a resource from outside the file ({context!r}): a folium element brought "
            "its own CDN link; give it empty default_js/default_css and inline what it needs"
        )


def _columns(names: Sequence[str]) -> dict[str, int]:
    return {name: k for k, name in enumerate(names)}


def _row(columns: Sequence[str], values: dict[str, Any]) -> list[Any]:
    return [values[name] for name in columns]


def _type_css() -> str:
    """Each type's colour and letter, as CSS variables that static/map.css uses."""
    return "\n".join(
        f'.gm-{key}{{--gm-c:{style.colour};--gm-l:"{style.letter}"}}' for key, style in EVENT_STYLES.items()
    )


def _legend_rows(counts: dict[EventType, int], *, has_areas: bool, has_mentions: bool) -> str:
    rows = []
    for key, style in EVENT_STYLES.items():
        rows.append(
            f'<div class="gm-row"><span class="gm-marker gm-{key} gm-swatch"></span>'
            f'<span>{html.escape(style.label)}</span><span class="gm-n">{counts.get(key, 0)}</span></div>'
        )
    if has_areas:
        rows.append(
            '<div class="gm-row"><span class="gm-marker gm-approx gm-other gm-swatch"></span>'
            "<span>Known only to a province or country (dashed circle: the area)</span></div>"
        )
    pie = ",".join(
        f"{style.colour} {i * 60}deg {(i + 1) * 60}deg" for i, style in enumerate(EVENT_STYLES.values())
    )
    rows.append(
        f'<div class="gm-row"><span class="gm-cluster gm-swatch"><span class="gm-pie" '
        f'style="background:conic-gradient({pie})"><span>12</span></span></span>'
        "<span>Incidents grouped, coloured by type: click to zoom in</span></div>"
    )
    if has_mentions:
        rows.append(
            '<div class="gm-row"><span class="gm-mention gm-swatch" style="width:12px;height:12px;'
            'margin:0 3px"></span><span>Other place named (layer off by default)</span></div>'
        )
    return "".join(rows)
