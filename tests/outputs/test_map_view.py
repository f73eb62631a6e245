"""Reading the map at a glance, in the browser: a basemap with or without a network, popups clear of the
controls, a timeline that filters, a first view that fits the bulk of the incidents, links that reproduce
what one sees. See tests/outputs/mapkit.py for how the page is opened (network blocked)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from geomap.outputs.map import build_map
from geomap.records import EVENT_TYPES, EventType, Incident
from geomap.settings import Settings
from tests.outputs.mapkit import (
    MapOpener,
    TileServer,
    close_popup,
    incident,
    open_popup,
    place,
    rectangles_overlap,
    show_incident,
    source,
)
from tests.outputs.test_map import sample_incidents

pytestmark = pytest.mark.browser

BAGHDAD = (33.34, 44.40)


def with_tiles(settings: Settings, url: str, attribution: str = "Tiles: geomap's test server") -> Settings:
    return dataclasses.replace(
        settings, map=dataclasses.replace(settings.map, tile_url=url, tile_attribution=attribution)
    )


def spread_incidents() -> list[Incident]:
    """Eighteen incidents over 2020 and 2021 around Baghdad: day, month and year dates, three undated."""
    out = []
    for k in range(15):
        day = date(2020, 1 + k % 12, 1 + k) if k < 12 else date(2021, k - 8, 10)
        kind: EventType = EVENT_TYPES[k % 4]
        out.append(
            incident(
                f"inc-{k:02d}",
                kind,
                place(f"Lieu {k}", BAGHDAD[0] + 0.05 * (k % 5), BAGHDAD[1] + 0.05 * (k // 5)),
                (source(k, f"Une attaque a visé Lieu {k}.", f"Lieu {k}"),),
                date=day.isoformat(),
            )
        )
    out.append(
        incident(
            "inc-month",
            "ied",
            place("Lieu M", 33.5, 44.5),
            (source(20, "q", "M"),),
            date="2020-06",
            date_precision="month",
        )
    )
    out.append(
        incident(
            "inc-year",
            "shelling",
            place("Lieu Y", 33.6, 44.6),
            (source(21, "q", "Y"),),
            date="2021",
            date_precision="year",
        )
    )
    for k, kind in enumerate(("ied", "attack", "other")):
        out.append(incident(f"inc-undated-{k}", kind, place(f"Lieu U{k}", 33.2, 44.2 + k / 10), (source(30 + k, "q", "U"),), date=None, date_precision="unknown"))  # fmt: skip
    return out


def overlapping(incidents: list[Incident], first: str, last: str, *, undated: bool) -> list[Incident]:
    """The incidents the filter keeps, computed here from their dates."""
    from geomap.outputs.mapdata import day_range

    lo = date.fromisoformat(first).toordinal() - date(1970, 1, 1).toordinal()
    hi = date.fromisoformat(last).toordinal() - date(1970, 1, 1).toordinal()
    kept = []
    for i in incidents:
        span = day_range(i.date, i.date_precision)
        if (span is None and undated) or (span is not None and span[1] >= lo and span[0] <= hi):
            kept.append(i)
    return kept


def rect(page: Page, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect();"
        " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }",
        selector,
    )
    return found


def control_rects(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll(".leaflet-control")].filter((c) => c.offsetWidth > 0)
            .map((c) => { const r = c.getBoundingClientRect();
                          return {name: c.className, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })"""
    )
    return found


# -- basemaps ------------------------------------------------------------------------------------------------


def test_map_tiles_show_when_they_load(
    open_map: MapOpener, tile_server: TileServer, map_settings: Settings, tmp_path: Path
) -> None:
    path = build_map(
        incidents=sample_incidents(),
        path=tmp_path / "map.html",
        settings=with_tiles(map_settings, tile_server.url),
    )
    page, log = open_map(path)
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile-loaded').length > 4")
    assert tile_server.requests and all(r.endswith(".png") for r in tile_server.requests)
    assert page.evaluate("geomap.basemap.offline()") is False
    assert page.locator("[data-geomap=tile-notice]").count() == 0
    assert "Tiles: geomap's test server" in page.locator(".leaflet-control-attribution").inner_text()
    assert log.errors == [] and log.blocked == []


def test_a_tile_that_fails_switches_to_the_offline_basemap_and_says_so(
    open_map: MapOpener, tile_server: TileServer, map_settings: Settings, tmp_path: Path
) -> None:
    tile_server.status[0] = 404
    path = build_map(
        incidents=sample_incidents(),
        path=tmp_path / "map.html",
        settings=with_tiles(map_settings, tile_server.url),
    )
    page, log = open_map(path)
    notice = page.locator("[data-geomap=tile-notice]")
    notice.wait_for()
    assert notice.inner_text() == "Map tiles could not load (offline?): showing the built-in basemap."
    assert page.evaluate("geomap.basemap.offline()") is True
    page.wait_for_function("() => document.querySelectorAll('.leaflet-outlines-pane path').length > 200")
    page.locator(".gm-label.gm-capital", has_text="Baghdad").wait_for()
    assert page.locator(
        "input.leaflet-control-layers-selector[type=radio]:checked + span"
    ).inner_text().strip() == ("Built-in basemap (offline)")
    assert [e for e in log.errors if tile_server.url.split("{")[0] not in e] == []


def test_offline_the_basemap_names_more_places_as_one_zooms_in(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    # OpenStreetMap's tiles, as users get them, with the network blocked: the page falls back by itself.
    path = build_map(incidents=sample_incidents(), path=tmp_path / "map.html", settings=map_settings)
    page, log = open_map(path)
    page.locator("[data-geomap=tile-notice]").wait_for()
    assert log.tiles  # it did ask for tiles first
    page.locator(".gm-label").first.wait_for()

    def labels(zoom: int) -> dict[str, list[str]]:
        """The labels drawn at ``zoom`` around Baghdad, by kind, within one box of the map."""
        page.evaluate(
            "([z, lat, lon]) => { geomap.map.setView([lat, lon], z, {animate: false}); }", [zoom, *BAGHDAD]
        )
        found: dict[str, list[str]] = page.evaluate(
            """() => { const out = {capital: [], town: [], province: []};
                const box = L.latLngBounds([32.3, 43.0], [34.3, 45.8]);
                document.querySelectorAll(".gm-label").forEach((l) => {
                    const at = geomap.map.layerPointToLatLng([parseFloat(l.style.left), parseFloat(l.style.top)]);
                    if (box.contains(at)) { out[l.className.split("gm-")[2].trim()].push(l.textContent); }
                });
                return out; }"""
        )
        return found

    far, near = labels(5), labels(8)
    assert far["capital"] == near["capital"] == ["Baghdad"]
    assert far["province"] == [] and near["province"]  # province names from zoom 6
    assert len(near["town"]) > len(far["town"])
    assert "Al Fallūjah" in near["town"] and "Al Fallūjah" not in far["town"]
    assert log.errors == [] and log.blocked == []


# -- popups clear of the controls ------------------------------------------------------------------------------


def popup_clear_of_controls(page: Page, incident_id: str, target: tuple[int, int]) -> None:
    """Put the incident's marker at ``target`` (container pixels), open its popup, check it hides nothing."""
    show_incident(page, incident_id)
    page.evaluate(
        """([id, x, y]) => {
            const el = document.querySelector(`.leaflet-marker-pane [data-incident="${id}"]`).getBoundingClientRect();
            const map = geomap.map.getContainer().getBoundingClientRect();
            geomap.map.panBy([el.left + el.width / 2 - map.left - x, el.top + el.height / 2 - map.top - y], {animate: false});
        }""",
        [incident_id, *target],
    )
    marker = rect(page, f'.leaflet-marker-pane [data-incident="{incident_id}"]')
    frame = rect(page, ".leaflet-container")
    assert abs(marker["left"] + (marker["right"] - marker["left"]) / 2 - frame["left"] - target[0]) < 2
    open_popup(page, incident_id)
    page.wait_for_timeout(100)  # the frame after it opens, when it is cleared of the controls
    popup = rect(page, ".leaflet-popup")
    assert frame["left"] <= popup["left"] and popup["right"] <= frame["right"], (popup, frame)
    assert frame["top"] <= popup["top"] and popup["bottom"] <= frame["bottom"], (popup, frame)
    for control in control_rects(page):
        assert not rectangles_overlap(popup, control), (incident_id, target, control["name"], popup, control)
    close_popup(page)


def test_popups_pan_clear_of_every_control(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    path = build_map(incidents=sample_incidents(), path=tmp_path / "map.html", settings=map_settings)
    page, log = open_map(path)
    page.locator("[data-geomap=tile-notice]").wait_for()
    size = page.evaluate("geomap.map.getSize()")
    legend = rect(page, "[data-geomap=legend]")
    frame = rect(page, ".leaflet-container")
    # Beside the zoom buttons, at the top; left of the layer control; right of the legend, at the bottom.
    for target in (
        (70, 30),
        (size["x"] - 420, 40),
        (int(legend["right"] - frame["left"]) + 30, size["y"] - 40),
    ):
        popup_clear_of_controls(page, "inc-mosul", target)
    assert log.errors == []


def test_controls_collapse_on_a_small_screen(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    path = build_map(incidents=sample_incidents(), path=tmp_path / "map.html", settings=map_settings)
    page, log = open_map(path, width=420, height=760)
    legend = page.locator("[data-geomap=legend]")
    assert "gm-collapsed" in (legend.get_attribute("class") or "")
    assert legend.locator(".gm-rows").is_hidden()
    layers = page.locator(".leaflet-control-layers")
    assert "leaflet-control-layers-expanded" not in (layers.get_attribute("class") or "")
    assert page.locator(".leaflet-control-layers-list").is_hidden()
    legend.locator(".gm-toggle").click()
    assert legend.locator(".gm-rows").is_visible()
    legend.locator(".gm-toggle").click()
    popup_clear_of_controls(page, "inc-mosul", (60, 30))
    assert log.errors == []


# -- the timeline ----------------------------------------------------------------------------------------------


def test_dragging_over_the_timeline_filters_markers_counts_and_legend(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    incidents = spread_incidents()
    path = build_map(incidents=incidents, path=tmp_path / "map.html", settings=map_settings)
    page, log = open_map(path)
    timeline = page.locator("[data-geomap=timeline]")
    assert timeline.locator(".gm-count").inner_text() == f"{len(incidents)} incidents"
    assert timeline.locator(".gm-undated-n").inner_text() == "3"
    chart = timeline.locator("canvas").bounding_box()
    assert chart is not None
    # Drag over the second quarter of the bars: about April to September 2020.
    y = chart["y"] + chart["height"] / 2
    page.mouse.move(chart["x"] + chart["width"] * 0.25, y)
    page.mouse.down()
    page.mouse.move(chart["x"] + chart["width"] * 0.40, y, steps=5)
    page.mouse.up()
    first = timeline.locator("input[name=from]").input_value()
    last = timeline.locator("input[name=to]").input_value()
    assert first and last and first < last
    kept = overlapping(incidents, first, last, undated=True)
    assert 3 < len(kept) < len(incidents)
    assert timeline.locator(".gm-count").inner_text() == f"{len(kept)} of {len(incidents)} incidents shown"
    assert page.evaluate("geomap.incidentCount()") == len(kept)
    legend = page.locator("[data-geomap=legend]")
    for kind in ("ied", "shelling"):
        shown = sum(1 for i in kept if i.event_type == kind)
        total = sum(1 for i in incidents if i.event_type == kind)
        assert legend.locator(f"[data-count={kind}]").inner_text() == (
            str(total) if shown == total else f"{shown}/{total}"
        )
    # Undated incidents are counted apart, and a box hides them.
    timeline.locator("input[name=undated]").uncheck()
    assert page.evaluate("geomap.incidentCount()") == len(kept) - 3
    # A type's box in the legend hides its incidents.
    legend.locator("input[data-type=ied]").uncheck()
    left = [i for i in overlapping(incidents, first, last, undated=False) if i.event_type != "ied"]
    assert page.evaluate("geomap.incidentCount()") == len(left)
    timeline.locator("button[name=reset]").click()
    assert page.evaluate("geomap.incidentCount()") == len(incidents)
    assert timeline.locator(".gm-count").inner_text() == f"{len(incidents)} incidents"
    assert legend.locator("input[data-type=ied]").is_checked()
    # A click on the bars clears a period typed in the inputs.
    timeline.locator("input[name=from]").fill("2021-01-01")
    assert page.evaluate("geomap.incidentCount()") == len(
        overlapping(incidents, "2021-01-01", "2099-12-31", undated=True)
    )
    page.mouse.click(chart["x"] + chart["width"] / 2, y)
    assert page.evaluate("geomap.incidentCount()") == len(incidents)
    assert log.errors == []


# -- the first view, and links --------------------------------------------------------------------------------


def test_the_first_view_fits_the_bulk_and_a_far_outlier_stays_reachable(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    paris = incident(
        "inc-paris", "other", place("Paris", 48.8566, 2.3522, country="FR"), (source(40, "q", "Paris"),)
    )
    path = build_map(
        incidents=[*spread_incidents(), paris], path=tmp_path / "map.html", settings=map_settings
    )
    page, log = open_map(path)
    inside = "([lat, lon]) => geomap.map.getBounds().contains([lat, lon])"
    assert page.evaluate(inside, list(BAGHDAD)) is True
    assert page.evaluate(inside, [48.8566, 2.3522]) is False
    assert page.evaluate("geomap.map.getZoom()") >= 8  # the bulk, not the world between Paris and Baghdad
    link = page.locator("[data-geomap=timeline] .gm-outliers")
    assert link.inner_text() == "1 incident lies far from the others: show all"
    link.click()
    assert page.evaluate(inside, [48.8566, 2.3522]) is True and page.evaluate(inside, list(BAGHDAD)) is True
    assert log.errors == []


def test_the_link_reproduces_the_view_and_the_filters(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    incidents = spread_incidents()
    path = build_map(incidents=incidents, path=tmp_path / "map.html", settings=map_settings)
    page, _ = open_map(path)
    timeline = page.locator("[data-geomap=timeline]")
    timeline.locator("input[name=from]").fill("2020-03-01")
    timeline.locator("input[name=to]").fill("2020-10-31")
    timeline.locator("input[name=undated]").uncheck()
    page.locator("[data-geomap=legend] input[data-type=shelling]").uncheck()
    page.evaluate("() => { geomap.map.setView([33.41, 44.47], 11, {animate: false}); }")
    link = page.evaluate("location.hash").lstrip("#")
    assert (
        "from=2020-03-01" in link
        and "to=2020-10-31" in link
        and "undated=0" in link
        and "hide=shelling" in link
    )
    shown = page.evaluate("geomap.incidentCount()")
    expected = [
        i
        for i in overlapping(incidents, "2020-03-01", "2020-10-31", undated=False)
        if i.event_type != "shelling"
    ]
    assert shown == len(expected)

    again, log = open_map(path, hash=link)
    assert again.evaluate("geomap.map.getZoom()") == 11
    centre = again.evaluate("geomap.map.getCenter()")
    assert (round(centre["lat"], 2), round(centre["lng"], 2)) == (33.41, 44.47)
    assert again.evaluate("geomap.incidentCount()") == shown
    again_timeline = again.locator("[data-geomap=timeline]")
    assert again_timeline.locator("input[name=from]").input_value() == "2020-03-01"
    assert again_timeline.locator("input[name=undated]").is_checked() is False
    assert again.locator("[data-geomap=legend] input[data-type=shelling]").is_checked() is False
    assert log.errors == []


def test_a_crowded_spot_lists_its_incidents_instead_of_spreading_them(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    from geomap.outputs.map import SPIDER_MAX

    spot = place("Camp Taji", 33.52, 44.26, precision="point")
    crowd = [
        incident(
            f"inc-taji-{k:02d}",
            "shelling",
            spot,
            (source(k, f"Des roquettes ont visé Camp Taji ({k}).", "Camp Taji"),),
        )
        for k in range(SPIDER_MAX + 5)
    ]
    path = build_map(incidents=crowd, path=tmp_path / "map.html", settings=map_settings)
    page, log = open_map(path)
    page.evaluate(
        "([lat, lon]) => { geomap.map.setView([lat, lon], geomap.cfg.maxZoom, {animate: false}); }",
        [33.52, 44.26],
    )
    page.locator(".leaflet-marker-pane .gm-cluster", has_text=str(len(crowd))).click()
    listing = page.locator(".leaflet-popup-content .gm-area-list")
    listing.wait_for()
    assert listing.locator(".gm-head").inner_text() == f"{len(crowd)} incidents at this spot"
    assert listing.locator("li").count() == len(crowd)
    listing.locator('[data-incident="inc-taji-07"]').click()
    detail = page.locator('.leaflet-popup-content .gm-popup[data-incident="inc-taji-07"]:not(.gm-loading)')
    detail.wait_for()
    assert "Camp Taji (7)" in detail.inner_text()
    assert log.errors == []


def test_without_a_tile_server_the_page_asks_for_no_tile(
    open_map: MapOpener, tmp_path: Path, map_settings: Settings
) -> None:
    path = build_map(
        incidents=sample_incidents(), path=tmp_path / "map.html", settings=with_tiles(map_settings, "")
    )
    page, log = open_map(path)
    page.locator(".gm-label.gm-capital", has_text="Baghdad").wait_for()
    assert page.evaluate("geomap.basemap.offline()") is True
    assert page.locator("[data-geomap=tile-notice]").count() == 0  # nothing failed: nothing to say
    assert page.locator("input.leaflet-control-layers-selector[type=radio]").count() == 0
    assert log.tiles == [] and log.blocked == [] and log.errors == []
