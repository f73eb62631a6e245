"""The interactive incident map: one self-contained HTML file that works with no network.

The map is a tree of folium elements: an offline basemap of country outlines, one marker cluster for
all incidents with a feature group (a cluster subgroup) per event type, an area layer for incidents
known only to a province or country, a mentions layer shown off, a date filter, a legend and a layer
control. Each type's incidents are one data layer of compact rows from which the browser makes the
markers and, when one is opened, the popup; this keeps 50,000 incidents to a dozen megabytes and a
build of a second or two. Popups are built with DOM text nodes, never ``innerHTML``, so an article's
title or quote cannot inject markup.

Everything the page needs is inlined: Leaflet, Leaflet.markercluster and Leaflet.FeatureGroup.SubGroup
are read from the npm packages that ``npm ci --prefix assets`` installs (folium's CDN links are
dropped), and the basemap is the committed Natural Earth outline file. An OpenStreetMap tile layer can
be ticked on when there is a network.
"""

from __future__ import annotations

import base64
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
from branca.element import Element, Figure, MacroElement
from folium.plugins import FastMarkerCluster, FeatureGroupSubGroup, MarkerCluster
from folium.template import Template

from geomap import settings
from geomap.errors import ConfigurationError, GazetteerError, GeomapError
from geomap.fsutil import atomic_write_text
from geomap.records import EVENT_TYPES, PRECISIONS, DatePrecision, EventType, Incident, ResolvedMention

DATE_PRECISIONS: tuple[DatePrecision, ...] = ("day", "month", "year", "month_day", "unknown")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventStyle:
    """How one event type looks on the map and in its legend."""

    label: str
    colour: str
    letter: str  # drawn on the marker by CSS, so that no markup is built from data


EVENT_STYLES: dict[EventType, EventStyle] = {
    "ied": EventStyle(label="IED / explosive device", colour="#d62728", letter="I"),
    "shelling": EventStyle(label="Shelling, rockets, missiles", colour="#ff7f0e", letter="S"),
    "air_drone_strike": EventStyle(label="Air or drone strike", colour="#9467bd", letter="A"),
    "armed_clash": EventStyle(label="Armed clash", colour="#1f77b4", letter="C"),
    "attack": EventStyle(label="Attack", colour="#8c564b", letter="X"),
    "other": EventStyle(label="Other incident", colour="#525252", letter="O"),
}
PRECISION_LABELS = {
    "point": "exact site (base, airport, landmark)",
    "locality": "town or village",
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
#: Quotes longer than this are cut around the place name in popups (the GeoJSON keeps them whole).
POPUP_QUOTE_MAX_CHARS = 280
#: Inlined files, relative to the npm ``node_modules`` folder.
LEAFLET_JS = "leaflet/dist/leaflet.js"
LEAFLET_CSS = "leaflet/dist/leaflet.css"
MARKERCLUSTER_JS = "leaflet.markercluster/dist/leaflet.markercluster.js"
MARKERCLUSTER_CSS = "leaflet.markercluster/dist/MarkerCluster.css"
SUBGROUP_JS = "leaflet.featuregroup.subgroup/dist/leaflet.featuregroup.subgroup.js"
MAX_ZOOM = 18  # OpenStreetMap's deepest tiles
OUTLINE_PANE_Z_INDEX = 150  # under Leaflet's tile pane (200): tiles, when they load, cover the outlines
_CLUSTER_OPTIONS: dict[str, Any] = {
    # chunkedLoading keeps the page responsive while tens of thousands of markers are clustered.
    "chunked_loading": True,
    "show_coverage_on_hover": False,
    "spiderfy_on_max_zoom": True,
    "max_cluster_radius": 50,
}


def build_map(
    *,
    incidents: Sequence[Incident],
    mentions: Sequence[ResolvedMention] = (),
    path: Path | str,
    title: str = "geomap: incidents reported in the news",
    outlines_path: Path | str | None = None,
    assets_dir: Path | str | None = None,
) -> Path:
    """Write the map of ``incidents`` (and, in a layer shown off, ``mentions``) to ``path``.

    The HTML file needs nothing beside it. Raises :class:`ConfigurationError` when the npm assets are not
    installed and :class:`GazetteerError` when the country outline file is missing.
    """
    target = Path(path)
    assets = _load_assets(Path(assets_dir) if assets_dir is not None else settings.MAP_ASSETS_DIR)
    outlines = _load_outlines(
        Path(outlines_path) if outlines_path is not None else settings.GAZETTEER_DIR / settings.COUNTRIES_FILE
    )
    page = _render(incidents=incidents, mentions=mentions, title=title, assets=assets, outlines=outlines)
    atomic_write_text(target, page)
    return target


def _render(
    *,
    incidents: Sequence[Incident],
    mentions: Sequence[ResolvedMention],
    title: str,
    assets: _Assets,
    outlines: str,
) -> str:
    ordered = sorted(incidents, key=lambda i: i.id)
    table = _ArticleTable()
    rows_by_type: dict[EventType, list[list[Any]]] = {t: [] for t in EVENT_TYPES}
    for incident in ordered:
        rows_by_type[incident.event_type].append(_incident_row(incident, table))
    mention_rows = [_mention_row(m, table) for m in sorted(mentions, key=_mention_key)]

    fmap = _OfflineMap(location=[33.0, 40.0], zoom_start=5, tiles=None, control_scale=True)
    # With no tile layer shown the map has no zoom limits, and marker clustering needs one.
    fmap.options.update(max_zoom=MAX_ZOOM, min_zoom=2)
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.title = html.escape(title)
    _InlineAssets(assets=assets).add_to(fmap)
    _Runtime(articles=table.rows).add_to(fmap)
    bounds = _bounds([(i.lat, i.lon) for i in ordered] or [(m.place.lat, m.place.lon) for m in mentions])
    if bounds is not None:
        # Fitted at once and before any marker is added: the clusters are then made at their final
        # zoom, instead of being animated apart while the page opens.
        fit = folium.map.FitBounds(bounds, padding=(30, 30), max_zoom=settings.MAP_MAX_FIT_ZOOM)
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
    _Hook(js="{layer}.addData(" + outlines + ");").add_to(outline_layer)
    # Off by default: offline, every failed tile request is logged as a console error. A reader with a
    # network ticks it in the layer control.
    folium.TileLayer(
        "OpenStreetMap",
        name="OpenStreetMap tiles (needs network)",
        overlay=True,
        control=True,
        show=False,
    ).add_to(fmap)

    has_areas = any(row[8] > 0 for rows in rows_by_type.values() for row in rows)
    areas = folium.FeatureGroup(
        name="Areas of incidents located only to a province or country", show=True, control=has_areas
    ).add_to(fmap)
    _Hook(js="geomap.setAreas({layer});").add_to(areas)

    # One cluster for every incident, so that incidents of different types at one place spiderfy
    # together; each type is a subgroup of it, toggled in the layer control.
    cluster = _IncidentCluster(icon_create_function="geomap.clusterIcon")
    cluster.add_to(fmap)
    _Hook(js="geomap.setCluster({layer});").add_to(cluster)
    counts = {t: len(rows) for t, rows in rows_by_type.items()}
    for event_type, rows in rows_by_type.items():
        if rows:
            label = f"{EVENT_STYLES[event_type].label} ({len(rows)})"
            group = _TypeGroup(cluster=cluster, name=html.escape(label)).add_to(fmap)
            _IncidentRows(event_type=event_type, rows=rows).add_to(group)

    if mention_rows:
        group = folium.FeatureGroup(
            name=f"Other places named in the articles ({len(mention_rows)})", show=False
        ).add_to(fmap)
        mentions_cluster = _Cluster(
            rows=mention_rows,
            callback="geomap.mentionMarker()",
            icon_create_function="geomap.mentionClusterIcon",
        ).add_to(group)
        _Hook(js="geomap.setMentions({layer});").add_to(mentions_cluster)

    if any(i.date for i in ordered):
        _DateFilter(total=len(ordered)).add_to(fmap)
    _Legend(counts=counts, has_areas=has_areas, has_mentions=bool(mention_rows)).add_to(fmap)
    folium.LayerControl(position="topright", collapsed=False).add_to(fmap)

    _number_elements(figure)
    page: str = figure.render()
    _check_offline(page)
    return page


# -- rows: the compact data the browser turns into markers ------------------------------------------------


class _ArticleTable:
    """Articles listed once and referred to by index, so that many incidents of one article stay small."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []  # [title, outlet, published, url, file]
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
        # A mention knows only the file and title; a source may add the rest later.
        if outlet and not row[1]:
            row[1] = outlet
        if published and not row[2]:
            row[2] = published
        if url and not row[3]:
            row[3] = _safe_url(url)
        return found


def _incident_row(incident: Incident, table: _ArticleTable) -> list[Any]:
    """[lat, lon, id, date, date precision, place, as written, precision, radius (m), actor, optional,
    sources]; each source is [article index, quote before the place, the place, quote after]."""
    place = incident.place
    sources = []
    for s in incident.sources:
        article = table.index(file=s.file, title=s.title, outlet=s.outlet, published=s.published, url=s.url)
        parts = _marked(s.quote, (s.place_text, incident.place_text, place.canonical))
        sources.append([article, *_trimmed(*parts)])
    lat, lon = _checked_lat_lon(place.lat, place.lon, what=f"incident {incident.id}")
    return [
        lat,
        lon,
        incident.id,
        incident.date or "",
        DATE_PRECISIONS.index(incident.date_precision),
        place.canonical,
        incident.place_text if incident.place_text != place.canonical else "",  # the page falls back
        PRECISIONS.index(place.precision),
        _area_radius_m(place.precision, place.extent_km),
        incident.actor or "",
        1 if incident.optional else 0,
        sources,
    ]


def _mention_row(m: ResolvedMention, table: _ArticleTable) -> list[Any]:
    """[lat, lon, as written, place, precision, article index, sentence before, name, sentence after]."""
    mention = m.mention
    article = table.index(file=m.file, title=m.title, outlet=None, published=None, url=None)
    sentence = mention.sentence
    if 0 <= mention.start < mention.end <= len(sentence) and sentence[mention.start : mention.end]:
        parts = (sentence[: mention.start], sentence[mention.start : mention.end], sentence[mention.end :])
    else:
        parts = _marked(sentence, (mention.text, m.place.canonical))
    lat, lon = _checked_lat_lon(m.place.lat, m.place.lon, what=f"a place named in {m.file}")
    return [
        lat,
        lon,
        mention.text,
        m.place.canonical,
        PRECISIONS.index(m.place.precision),
        article,
        *_trimmed(*parts),
    ]


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


def _mention_key(m: ResolvedMention) -> tuple[str, int, int, str]:
    return (m.file, m.mention.sentence_index, m.mention.start, m.place.gazetteer_id)


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


def _trimmed(before: str, mark: str, after: str) -> list[str]:
    """Cut a long quote to the context around its mark, with ellipses where it was cut."""
    room = max(POPUP_QUOTE_MAX_CHARS - len(mark), 0)
    if len(before) + len(after) <= room:
        return [before, mark, after]
    if not mark:
        return [before[:POPUP_QUOTE_MAX_CHARS].rstrip() + "…", "", ""]
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


def _area_radius_m(precision: str, extent_km: float) -> int:
    """Radius of the circle drawn for an incident known only to a province or country; 0 for a place."""
    default = settings.MAP_DEFAULT_EXTENT_KM.get(precision)
    if default is None:
        return 0
    return round((extent_km if extent_km > 0 else default) * 1000)


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


# -- assets -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Assets:
    css: tuple[str, ...]
    js: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def _load_assets(folder: Path) -> _Assets:
    """Read the npm files to inline; leaflet.css's images become data: URIs so nothing is fetched."""
    paths = [folder / p for p in (LEAFLET_CSS, MARKERCLUSTER_CSS, LEAFLET_JS, MARKERCLUSTER_JS, SUBGROUP_JS)]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise ConfigurationError(
            f"the map's JavaScript assets are not installed (missing {', '.join(missing)}): run "
            "`npm ci --prefix assets` in the project folder, or set GEOMAP_MAP_ASSETS to a node_modules "
            "folder holding leaflet, leaflet.markercluster and leaflet.featuregroup.subgroup"
        )
    leaflet_css, cluster_css, *scripts = (p.read_text(encoding="utf-8") for p in paths)
    images = folder / "leaflet" / "dist"

    def inline_image(match: re.Match[str]) -> str:
        image = images / match.group(1)
        if not image.is_file():
            return match.group(0)
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    leaflet_css = re.sub(r"url\(['\"]?(images/[\w.-]+\.png)['\"]?\)", inline_image, leaflet_css)
    for script in scripts:
        if "</script" in script.lower():
            raise ConfigurationError(f"an asset in {folder} contains '</script' and cannot be inlined")
    return _Assets(css=(leaflet_css, cluster_css), js=tuple(_strip_source_map(js) for js in scripts))


def _strip_source_map(js: str) -> str:
    # The .map file is not shipped; a developer tool asking for it would only log an error.
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)


def _load_outlines(path: Path) -> str:
    """The outline file's JSON text, ready to embed in a script (read once per file version)."""
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise GazetteerError(
            f"the country outline file {path} is missing: run `python -m geomap.boundaries` to build it"
        ) from exc
    return _read_outlines(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2)
def _read_outlines(path: Path, mtime_ns: int, size: int) -> str:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise GazetteerError(f"{path} is not valid JSON ({exc}): rebuild it with geomap.boundaries") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GazetteerError(f"{path} is not a GeoJSON FeatureCollection: rebuild it with geomap.boundaries")
    # The checked text itself is embedded: JSON is a JavaScript expression, and re-dumping its
    # hundred thousand floats would cost more than parsing them.
    return _script_safe(text.strip())


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


# -- folium elements -------------------------------------------------------------------------------------------


class _Raw(Element):
    """Text put into the page as it is.

    branca wraps each rendered macro in ``Element(text)``, which parses the text again as a Jinja
    template: an article quoting "{{ ... }}" would be evaluated at build time, "{%" would crash it, and
    megabytes of data would be parsed for nothing. A ``_Raw`` element is never parsed.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _Verbatim(MacroElement):
    """MacroElement whose rendered header, html and script macros go into the page as :class:`_Raw`.

    Listed after a folium class in the bases, it takes MacroElement's place in the MRO, so that the folium
    class's own ``render`` (CDN links, ``addTo`` of layers) still runs first.
    """

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure), "render the map's figure, not an element alone"
        module = self._template.module
        for part, section in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = getattr(module, part, None)
            if macro is not None:
                section.add_child(_Raw(str(macro(self, kwargs))), name=self.get_name())
        for child in list(self._children.values()):
            child.render(**kwargs)
        return ""


class _OfflineMap(folium.Map):
    """A folium Map without the CDN links folium adds (jQuery, Bootstrap, Font Awesome...): unused here."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class _IncidentCluster(MarkerCluster, _Verbatim):
    """The one marker cluster of all incidents (its plugin is inlined by :class:`_InlineAssets`)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012

    def __init__(self, *, icon_create_function: str) -> None:
        super().__init__(  # type: ignore[no-untyped-call]  # folium leaves it unannotated
            name="Incidents", control=False, icon_create_function=icon_create_function, **_CLUSTER_OPTIONS
        )


class _TypeGroup(FeatureGroupSubGroup, _Verbatim):
    """The feature group of one incident type: a subgroup of the incident cluster."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012

    def __init__(self, *, cluster: MarkerCluster, name: str) -> None:
        super().__init__(cluster, name=name, overlay=True, control=True, show=True)  # type: ignore[no-untyped-call]


class _IncidentRows(_Verbatim):
    """The data layer of one incident type: its rows, made into markers of its group by the page."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geomap.addIncidents({{ this.event_type|tojson }}, {{ this._parent.get_name() }}, {{ this.rows_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, event_type: EventType, rows: list[list[Any]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "IncidentRows"
        self.event_type = event_type
        self.rows_json = _script_json(rows)


class _Cluster(FastMarkerCluster, _Verbatim):
    """FastMarkerCluster over rows that the caller has validated, embedded as compact JSON.

    The plugin's CDN links are dropped (it is inlined by :class:`_InlineAssets`). The template is
    FastMarkerCluster's with the data written by :func:`_script_json`: raw UTF-8 and no spaces, about
    a fifth smaller than Jinja's ``tojson`` for French text.
    """

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium declares them per instance)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function(){
                {{ this.callback }}
                var data = {{ this.data_json }};
                var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
                {%- if this.icon_create_function is not none %}
                cluster.options.iconCreateFunction = {{ this.icon_create_function.strip() }};
                {%- endif %}
                for (var i = 0; i < data.length; i++) {
                    callback(data[i]).addTo(cluster);
                }
                cluster.addTo({{ this._parent.get_name() }});
                return cluster;
            })();
        {% endmacro %}"""
    )

    def __init__(self, *, rows: list[list[Any]], callback: str, icon_create_function: str) -> None:
        # The rows skip FastMarkerCluster's per-row validation (half a second for 50,000 rows):
        # _checked_lat_lon has already validated every coordinate.
        super().__init__(  # type: ignore[no-untyped-call]  # folium leaves it unannotated
            [],
            callback=callback,
            icon_create_function=icon_create_function,
            control=False,
            **_CLUSTER_OPTIONS,
        )
        self.data_json = _script_json(rows)


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no "</script>" or "<!--" can come out of a string."""
    return _script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _script_safe(json_text: str) -> str:
    # In JSON these characters occur only inside strings, where the escapes mean the same.
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _InlineAssets(_Verbatim):
    """Leaflet and its two plugins, inlined into the page's head."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {%- for css in this.assets.css %}
        <style>{{ css }}</style>
        {%- endfor %}
        {%- for js in this.assets.js %}
        <script>{{ js }}</script>
        {%- endfor %}
        {% endmacro %}
        """
    )

    def __init__(self, *, assets: _Assets) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "InlineAssets"
        self.assets = assets


class _Hook(_Verbatim):
    """One statement about its parent layer (named by the first ``{layer}``), run right after it is made."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js.replace("{layer}", this._parent.get_name(), 1) }}
        {% endmacro %}
        """
    )

    def __init__(self, *, js: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "Hook"
        self.js = js


def _css() -> str:
    types = "\n".join(
        f'.gm-{key}{{--gm-c:{style.colour};--gm-l:"{style.letter}"}}' for key, style in EVENT_STYLES.items()
    )
    return types + _CSS


_CSS = """
.leaflet-container{background:#d5e4ee}
.gm-marker{box-sizing:border-box;display:flex;align-items:center;justify-content:center;border-radius:50%;
 background:var(--gm-c);border:2px solid #fff;color:#fff;font:bold 11px/1 system-ui,Arial,sans-serif;
 box-shadow:0 0 0 1px rgba(0,0,0,.5),0 1px 3px rgba(0,0,0,.35)}
.gm-marker::after{content:var(--gm-l)}
.gm-marker.gm-approx{background:rgba(255,255,255,.9);border:2px dashed var(--gm-c);color:var(--gm-c);
 border-radius:4px;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
.gm-mention{--gm-c:#737373;box-sizing:border-box;border-radius:50%;background:#fff;border:3px solid var(--gm-c)}
.gm-pie{box-sizing:border-box;width:100%;height:100%;border-radius:50%;display:flex;align-items:center;
 justify-content:center;border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.45),0 1px 4px rgba(0,0,0,.35)}
.gm-pie span{box-sizing:border-box;min-width:60%;height:60%;padding:0 2px;border-radius:999px;background:#fff;
 color:#222;display:flex;align-items:center;justify-content:center;font:bold 11px/1 system-ui,Arial,sans-serif}
.gm-pie-mention{background:#a3a3a3}
.gm-popup{font:13px/1.35 system-ui,Arial,sans-serif;max-height:22em;overflow-y:auto}
.gm-popup .gm-head{font-weight:bold;margin-bottom:.3em}
.gm-popup .gm-line{margin:.15em 0}
.gm-popup .gm-dim{color:#666}
.gm-popup ol{margin:.4em 0 0;padding-left:1.3em}
.gm-popup li{margin-bottom:.5em}
.gm-popup .gm-title{font-weight:bold}
.gm-popup blockquote{margin:.25em 0;padding-left:.5em;border-left:3px solid #ccc;font-style:italic}
.gm-popup mark{background:#ffe066;font-style:normal;padding:0 .1em}
.gm-popup .gm-id{color:#999;font-size:11px;margin-top:.3em}
.gm-box{background:rgba(255,255,255,.95);padding:6px 9px;border-radius:5px;
 box-shadow:0 1px 5px rgba(0,0,0,.4);font:12px/1.4 system-ui,Arial,sans-serif;max-width:300px}
.gm-box .gm-box-title{font-weight:bold;margin-bottom:3px}
.gm-legend .gm-row{display:flex;align-items:center;gap:6px;margin:2px 0}
.gm-legend .gm-swatch{flex:none;width:18px;height:18px}
.gm-legend .gm-n{margin-left:auto;color:#666;padding-left:8px}
.gm-legend .gm-cluster.gm-swatch{width:22px;height:22px}
.gm-legend .gm-pie span{font-size:8px}
.gm-filter label{display:block;margin:2px 0}
.gm-filter input[type=date]{font:12px system-ui,Arial,sans-serif}
.gm-filter .gm-count{color:#444;margin-top:3px}
"""

# Helpers the data layers call; every string from an article is set with textContent, never innerHTML.
_RUNTIME_JS = """
var geomap = (function (map, cfg, articles) {
  "use strict";
  var groups = {};  // event type -> {subgroup, markers}
  var icons = {};
  var areas = null;
  var cluster = null;
  var mentions = null;
  var busy = false;
  var areaRenderer = L.canvas({padding: 0.5});
  var filter = {from: "", to: "", undated: true};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function line(parent, className, text) { return parent.appendChild(el("div", className, text)); }
  function clusterSize(n) { return n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48; }
  function icon(key, approx) {
    var id = key + (approx ? ":approx" : "");
    if (!icons[id]) {
      var size = approx ? 22 : 20;
      icons[id] = L.divIcon({
        className: "gm-marker gm-" + key + (approx ? " gm-approx" : ""),
        html: "", iconSize: [size, size], popupAnchor: [0, -size / 2]
      });
    }
    return icons[id];
  }
  // Partial ISO dates ("2020-01", "2020") cover a range; comparing strings works because "-31" sorts
  // after every real day of a month. A day and month without a year ("--04-05") cannot be placed.
  function dateRange(date) {
    if (/^\\d{4}-\\d{2}-\\d{2}$/.test(date)) { return [date, date]; }
    if (/^\\d{4}-\\d{2}$/.test(date)) { return [date + "-01", date + "-31"]; }
    if (/^\\d{4}$/.test(date)) { return [date + "-01-01", date + "-12-31"]; }
    return null;
  }
  function passes(marker) {
    var range = marker.geomap.range;
    if (!range) { return filter.undated; }
    if (filter.from && range[1] < filter.from) { return false; }
    if (filter.to && range[0] > filter.to) { return false; }
    return true;
  }
  function quote(parts) {
    var node = el("blockquote");
    node.appendChild(document.createTextNode(parts[0]));
    if (parts[1]) { node.appendChild(el("mark", null, parts[1])); }
    node.appendChild(document.createTextNode(parts[2]));
    return node;
  }
  function articleLines(parent, index) {
    var a = articles[index];  // [title, outlet, published, url, file]
    line(parent, "gm-title", a[0] || a[4]);
    var meta = [a[1], a[2]].filter(Boolean).join(" · ");
    if (meta) { line(parent, "gm-dim", meta); }
    return a;
  }
  function linkLine(parent, a) {
    var div = line(parent, "gm-dim");
    if (a[3] && /^https?:\\/\\//i.test(a[3])) {
      var link = div.appendChild(el("a", null, a[3]));
      link.href = a[3];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      div.appendChild(document.createTextNode(" · "));
    }
    div.appendChild(document.createTextNode("file: " + a[4]));
  }
  function incidentPopup(key, row) {
    var box = el("div", "gm-popup");
    var dateText = row[3] ? row[3] : "date unknown";
    var precision = cfg.datePrecisions[row[4]];
    if (row[3] && precision !== "day") { dateText += " (" + cfg.datePrecisionLabels[precision] + ")"; }
    line(box, "gm-head", cfg.types[key].label + " · " + dateText);
    var place = line(box, "gm-line");
    place.appendChild(el("strong", null, row[5]));
    place.appendChild(document.createTextNode(" — as written: «" + (row[6] || row[5]) + "»"));
    var level = cfg.precisions[row[7]];
    var text = "Precision: " + level + ", " + cfg.precisionLabels[level];
    if (row[8] > 0) { text += " (radius " + Math.round(row[8] / 1000) + " km)"; }
    line(box, "gm-line gm-dim", text);
    if (row[9]) { line(box, "gm-line", "Actor: " + row[9]); }
    if (row[10]) { line(box, "gm-line gm-dim", "Reported only in the title of a related article."); }
    var sources = row[11];
    line(box, "gm-line", sources.length === 1 ? "Source:" : sources.length + " sources:");
    var list = box.appendChild(el("ol"));
    sources.forEach(function (s) {
      var item = list.appendChild(el("li"));
      var a = articleLines(item, s[0]);
      item.appendChild(quote(s.slice(1)));
      linkLine(item, a);
    });
    line(box, "gm-id", "incident " + row[2]);
    return box;
  }
  function mentionPopup(row) {
    var box = el("div", "gm-popup");
    line(box, "gm-head", "Place named in an article (not an incident)");
    var place = line(box, "gm-line");
    place.appendChild(el("strong", null, row[3]));
    place.appendChild(document.createTextNode(" — as written: «" + row[2] + "»"));
    var level = cfg.precisions[row[4]];
    line(box, "gm-line gm-dim", "Precision: " + level + ", " + cfg.precisionLabels[level]);
    var a = articleLines(box, row[5]);
    box.appendChild(quote(row.slice(6, 9)));
    linkLine(box, a);
    return box;
  }
  function makeIncidentMarker(key, row) {
    var approx = row[8] > 0;
    var marker = L.marker([row[0], row[1]], {icon: icon(key, approx), title: row[5]});
    marker.geomap = {id: row[2], type: key, range: dateRange(row[3]), circle: null};
    if (approx) {
      marker.geomap.circle = L.circle([row[0], row[1]], {
        radius: row[8], renderer: areaRenderer, interactive: false, color: cfg.types[key].colour,
        weight: 1.5, dashArray: "6 5", fillOpacity: 0.07
      });
    }
    marker.bindPopup(function () { return incidentPopup(key, row); }, {maxWidth: 380, minWidth: 260});
    return marker;
  }
  // The areas follow what is shown: a circle is drawn while its incident's type is ticked and its
  // date passes the filter.
  function refreshAreas() {
    if (!areas || busy) { return; }
    areas.clearLayers();
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      if (!map.hasLayer(group.subgroup)) { return; }
      group.subgroup.eachLayer(function (m) { if (m.geomap.circle) { areas.addLayer(m.geomap.circle); } });
    });
  }
  // A subgroup on the map is taken off and put back, so that the cluster removes and adds its markers
  // in two batches rather than one by one.
  function refresh() {
    var shown = 0;
    busy = true;
    Object.keys(groups).forEach(function (key) {
      var group = groups[key];
      var keep = group.markers.filter(passes);
      var onMap = map.hasLayer(group.subgroup);
      if (onMap) { map.removeLayer(group.subgroup); }
      group.subgroup.clearLayers();
      keep.forEach(function (m) { group.subgroup.addLayer(m); });
      if (onMap) { map.addLayer(group.subgroup); shown += keep.length; }
    });
    busy = false;
    refreshAreas();
    return shown;
  }

  map.attributionControl.addAttribution(cfg.attribution);
  map.on("overlayadd overlayremove", refreshAreas);

  return {
    groups: groups,
    setAreas: function (layer) { areas = layer; },
    setCluster: function (layer) { cluster = layer; },
    setMentions: function (layer) { mentions = layer; },
    addIncidents: function (key, subgroup, rows) {
      var group = groups[key] = {subgroup: subgroup, markers: []};
      for (var i = 0; i < rows.length; i++) {
        var marker = makeIncidentMarker(key, rows[i]);
        group.markers.push(marker);
        subgroup.addLayer(marker);
        if (marker.geomap.circle && areas) { areas.addLayer(marker.geomap.circle); }
      }
    },
    mentionMarker: function () {
      var mentionIcon = L.divIcon({className: "gm-mention", html: "", iconSize: [12, 12]});
      return function (row) {
        var marker = L.marker([row[0], row[1]], {icon: mentionIcon, title: row[3]});
        marker.bindPopup(function () { return mentionPopup(row); }, {maxWidth: 380, minWidth: 240});
        return marker;
      };
    },
    // A cluster is a pie of its incidents' type colours, with their number in the middle.
    clusterIcon: function (group) {
      var markers = group.getAllChildMarkers();
      var counts = {};
      markers.forEach(function (m) { counts[m.geomap.type] = (counts[m.geomap.type] || 0) + 1; });
      var stops = [];
      var start = 0;
      cfg.order.forEach(function (key) {
        if (!counts[key]) { return; }
        var end = start + 360 * counts[key] / markers.length;
        stops.push(cfg.types[key].colour + " " + start.toFixed(1) + "deg " + end.toFixed(1) + "deg");
        start = end;
      });
      var pie = el("div", "gm-pie");
      pie.style.background = "conic-gradient(" + stops.join(",") + ")";
      pie.appendChild(el("span", null, markers.length));
      var size = clusterSize(markers.length);
      return L.divIcon({html: pie, className: "gm-cluster", iconSize: [size, size]});
    },
    mentionClusterIcon: function (group) {
      var n = group.getChildCount();
      var pie = el("div", "gm-pie gm-pie-mention");
      pie.appendChild(el("span", null, n));
      var size = clusterSize(n) - 6;
      return L.divIcon({html: pie, className: "gm-cluster", iconSize: [size, size]});
    },
    applyFilter: function (from, to, undated) {
      filter = {from: from || "", to: to || "", undated: undated !== false};
      return refresh();
    },
    /** Incident markers that Leaflet's cluster holds right now. */
    incidentCount: function () { return cluster ? cluster.getLayers().length : 0; },
    mentionCount: function () { return mentions ? mentions.getLayers().length : 0; },
    findIncident: function (id) {
      var keys = Object.keys(groups);
      for (var k = 0; k < keys.length; k++) {
        var markers = groups[keys[k]].markers;
        for (var i = 0; i < markers.length; i++) {
          if (markers[i].geomap.id === id) { return {marker: markers[i], cluster: cluster}; }
        }
      }
      return null;
    }
  };
})({{ this._parent.get_name() }}, {{ this.config_json }}, {{ this.articles_json }});
"""


class _Runtime(_Verbatim):
    """The page's stylesheet and the ``geomap`` helpers that make markers, popups and the date filter."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        """
        + _RUNTIME_JS
        + """
        {% endmacro %}
        """
    )

    def __init__(self, *, articles: list[list[str]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "GeomapRuntime"
        self.css = _css()
        self.articles_json = _script_json(articles)
        self.config_json = _script_json(
            {
                "types": {k: {"label": s.label, "colour": s.colour} for k, s in EVENT_STYLES.items()},
                "order": list(EVENT_TYPES),
                "precisions": list(PRECISIONS),
                "precisionLabels": PRECISION_LABELS,
                "datePrecisions": list(DATE_PRECISIONS),
                "datePrecisionLabels": DATE_PRECISION_LABELS,
                "attribution": ATTRIBUTION,
            }
        )


class _Legend(_Verbatim):
    """What each marker means, as a Leaflet control made from markup rendered (and escaped) here."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-box gm-legend">
          <div class="gm-box-title">Incidents</div>
          {{ this.rows }}
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
          var box = document.getElementById({{ this.get_name()|tojson }});
          var control = L.control({position: "bottomleft"});
          control.onAdd = function () { L.DomEvent.disableClickPropagation(box); return box; };
          control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, counts: dict[EventType, int], has_areas: bool, has_mentions: bool) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "Legend"
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
        self.rows = "".join(rows)


class _DateFilter(_Verbatim):
    """Two date inputs that show only the incidents whose (possibly partial) date overlaps the range."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-box gm-filter">
          <div class="gm-box-title">Incident dates</div>
          <label>From <input type="date" name="from"></label>
          <label>To <input type="date" name="to"></label>
          <label><input type="checkbox" name="undated" checked> include undated incidents</label>
          <button type="button" name="reset">Show all</button>
          <div class="gm-count"></div>
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
          var box = document.getElementById({{ this.get_name()|tojson }});
          var field = function (name) { return box.querySelector("[name=" + name + "]"); };
          var count = box.querySelector(".gm-count");
          var total = {{ this.total|tojson }};
          function update() {
            var shown = geomap.applyFilter(field("from").value, field("to").value, field("undated").checked);
            count.textContent = shown + " of " + total + " incidents shown";
          }
          ["from", "to", "undated"].forEach(function (name) { field(name).addEventListener("change", update); });
          field("reset").addEventListener("click", function () {
            field("from").value = ""; field("to").value = ""; field("undated").checked = true; update();
          });
          count.textContent = total + " incidents";
          var control = L.control({position: "topleft"});
          control.onAdd = function () {
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
          };
          control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, total: int) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca leaves it unannotated
        self._name = "DateFilter"
        self.total = total
