"""The incident map: offline, every incident drawn, popups citing every source, article text inert.

See tests/outputs/mapkit.py for how the browser tests open the page. This file checks the page as written
and its core in the browser (markers, popups, areas, casualties, mentions); test_map_view.py checks how
one reads it (basemaps, popups clear of controls, timeline, first view, links).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from geomap.errors import ConfigurationError, GazetteerError, GeomapError
from geomap.outputs import assets, elements, template
from geomap.outputs.map import build_map
from geomap.records import Incident, Mention, ResolvedMention, Sentence
from geomap.settings import Settings
from tests.outputs.mapkit import (
    MapOpener,
    close_popup,
    incident,
    next_frame,
    open_popup,
    page_parts,
    place,
    source,
)

XSS_TITLE = "<script>window.__xss=1</script>"
# Hostile markup before, inside and after the place the popup highlights: each part of the quote is text.
XSS_BEFORE = '<img src=x onerror="window.__xss=5">'
XSS_PLACE = 'Fallou<svg onload="window.__xss=6">jah'
XSS_AFTER = '<img src=x onerror="window.__xss=2">'
XSS_QUOTE = f"{XSS_BEFORE} Explosion à {XSS_PLACE} {XSS_AFTER} ce matin."
AIRPORT = (33.262539, 44.234578)
ANBAR_BOX = (38.8, 30.9, 44.0, 34.6)  # west, south, east, north
LONG_QUOTE = (
    "Selon un communiqué publié dans la soirée par les services de sécurité de la province, qui ont requis "
    "l'anonymat faute d'autorisation de parler à la presse, un engin explosif a visé un convoi logistique "
    "sur la route qui relie al-Yusifiyah à Bagdad, blessant cinq soldats et tuant trois autres, tandis que "
    "des renforts étaient dépêchés depuis la base voisine et que la circulation restait coupée jusqu'au matin."
)


def sample_incidents() -> list[Incident]:
    airport = place("Baghdad International Airport", *AIRPORT, precision="point")
    anbar = place("Al Anbar", 32.5, 41.9, precision="admin1", extent_km=40.0, bbox=ANBAR_BOX)
    return [
        replace(
            incident(
                "inc-airport-1",
                "shelling",
                airport,
                (
                    # One article may report the event in several sentences: all of them are cited.
                    replace(
                        source(
                            1,
                            "Des roquettes ont frappé l'aéroport de Bagdad dans la nuit.",
                            "aéroport de Bagdad",
                        ),
                        more_quotes=("Les roquettes ont été tirées depuis Abou Ghraib, à l'ouest de Bagdad.",),
                        more_starts=(120,),
                    ),
                source(
                    2,
                    "Three rockets hit Baghdad airport overnight, officials said.",
                    "Baghdad airport",
                    title="Rockets hit Baghdad airport",
                    outlet="Reuters",
                    url="https://example.org/rockets",
                ),
            ),
                date="2020-01",
                date_precision="month",
                place_text="aéroport de Bagdad",
            ),
            launched_from=place("Abu Ghraib", 33.29, 44.07),
        ),
        # Two more at the very same point: only spreading them out can show them apart.
        incident(
            "inc-airport-2",
            "air_drone_strike",
            airport,
            (source(3, "Un drone a frappé près de l'aéroport de Bagdad.", "aéroport de Bagdad"),),
            date="2020",
            date_precision="year",
        ),
        incident(
            "inc-airport-3",
            "shelling",
            airport,
            (
                source(
                    4,
                    "Nouvelle attaque à la roquette contre l'aéroport de Bagdad.",
                    "aéroport de Bagdad",
                    title="Roquettes {{ 2*3 }} sur l'aéroport",
                ),
            ),
            date=None,
            date_precision="unknown",
        ),
        incident(
            "inc-yusufiyah",
            "ied",
            place("Al Yūsufīyah", 33.079, 44.236),
            (source(5, LONG_QUOTE, "al-Yusifiyah"),),
            place_text="al-Yusifiyah",
            fatalities=3,
            injured=5,
        ),
        # Two incidents known only to the province: one shaded area, listing both.
        incident(
            "inc-anbar",
            "attack",
            anbar,
            (source(6, "Des hommes armés ont attaqué un poste dans la province d'Anbar.", "Anbar"),),
            date="--04-05",
            date_precision="month_day",
            place_text="province d'Anbar",
        ),
        incident(
            "inc-anbar-2",
            "armed_clash",
            anbar,
            (source(9, "Des combats ont eu lieu dans la province d'Anbar.", "Anbar"),),
            date="2021-03-02",
            place_text="province d'Anbar",
            fatalities=0,
        ),
        incident(
            "inc-mosul",
            "armed_clash",
            place("Mosul", 36.335, 43.119),
            (
                source(
                    7,
                    "Des combats ont opposé l'armée à des djihadistes à Mossoul {{ 7*7 }} {% if %}.",
                    "Mossoul",
                ),
            ),
            date="2019-11-30",
            place_text="Mossoul",
        ),
        incident(
            "inc-xss",
            "other",
            place("Fallujah", 33.35, 43.78),
            (source(8, XSS_QUOTE, XSS_PLACE, title=XSS_TITLE, url="javascript:window.__xss=3"),),
            place_text='Falloujah<img src=x onerror="window.__xss=4">',
        ),
    ]


def sample_mentions() -> list[ResolvedMention]:
    sentence = "Le convoi venait de Kirkouk {{ 1+1 }}."
    return [
        ResolvedMention(
            mention=Mention(
                article_id="article-5",
                text="Kirkouk",
                start=20,
                end=27,
                sentence=Sentence(text=sentence, start=0, end=len(sentence), index=1),
                qualified_text="Kirkouk",
            ),
            place=place("Kirkuk", 35.468, 44.392),
            file="005_article.txt",
            title="Irak : nouvelle attaque, article n°5",
        )
    ]


@pytest.fixture(scope="module")
def built_map(tmp_path_factory: pytest.TempPathFactory, map_settings: Settings) -> Path:
    return build_map(
        incidents=sample_incidents(),
        mentions=sample_mentions(),
        path=tmp_path_factory.mktemp("map") / "map.html",
        settings=map_settings,
    )


# -- the page as written ------------------------------------------------------------------------------------


def test_page_needs_nothing_from_the_network(built_map: Path) -> None:
    page = built_map.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)\s*=", page, re.IGNORECASE)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "code.jquery" not in page
    assert "Leaflet 1.9.4" in page and "function geomapClusterLayer" in page
    # Map tiles are OpenStreetMap's by default, with their attribution; the page falls back without them.
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in page
    assert (
        "https://www.openstreetmap.org/copyright" in page
        and "OpenStreetMap\\u003c/a\\u003e contributors" in page
    )


def test_the_same_incidents_give_the_same_bytes(tmp_path: Path, map_settings: Settings) -> None:
    first = build_map(incidents=sample_incidents(), path=tmp_path / "a.html", settings=map_settings)
    second = build_map(incidents=sample_incidents()[::-1], path=tmp_path / "b.html", settings=map_settings)
    assert first.read_bytes() == second.read_bytes()


def test_a_cdn_link_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, map_settings: Settings
) -> None:
    # As if a folium upgrade gave an element a CDN link again: the build must refuse, not go online. An
    # upgrade changes the key of the page's template (folium's version is part of it): rendered again.
    monkeypatch.setattr(elements.OfflineMap, "default_js", [("jquery", "https://code.jquery.com/jq.js")])
    monkeypatch.setattr(template, "_code", lambda: ["folium upgraded"])
    with pytest.raises(GeomapError, match="code.jquery.com"):
        build_map(incidents=sample_incidents(), path=tmp_path / "map.html", settings=map_settings)
    assert not (tmp_path / "map.html").exists()


def test_article_text_travels_compressed_and_is_not_evaluated_as_a_template(built_map: Path) -> None:
    # branca would parse rendered output again as Jinja: "{{ 7*7 }}" must stay as written, not "49".
    page = built_map.read_text(encoding="utf-8")
    assert "{{ 7*7 }}" not in page and "Mossoul" not in page  # the text is in the compressed data
    parts = page_parts(page)
    quotes = [
        s[1] for chunk in (parts[k] for k in parts if k.startswith("text-")) for row in chunk for s in row[-1]
    ]
    assert "Des combats ont opposé l'armée à des djihadistes à Mossoul {{ 7*7 }} {% if %}." in quotes
    assert LONG_QUOTE in quotes  # whole: the popup shows it on demand
    assert "Roquettes {{ 2*3 }} sur l'aéroport" in [a[0] for a in parts["articles"]]
    assert "Le convoi venait de Kirkouk {{ 1+1 }}." in [row[4] for row in parts["mentions"]["rows"]]
    # The markers' data holds no quote: coordinates, types, dates, places.
    assert sorted(parts["markers"]["id"]) == sorted(i.id for i in sample_incidents())
    assert "quote" not in str(parts["markers"]) and LONG_QUOTE[:40] not in str(parts["markers"])


def test_missing_assets_say_how_to_get_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, map_settings: Settings
) -> None:
    monkeypatch.setattr(assets, "static_dir", lambda: tmp_path)
    assets.load_assets.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match=r"reinstall geomap.*geomap\.tools\.vendor"):
            build_map(incidents=sample_incidents(), path=tmp_path / "map.html", settings=map_settings)
    finally:
        assets.load_assets.cache_clear()
    assert not (tmp_path / "map.html").exists()


def test_the_vendored_assets_are_the_pinned_npm_packages() -> None:
    # assets/package-lock.json pins them; `make test` installs them with npm ci.
    from geomap.tools.vendor import differences

    assert differences() == []


def test_missing_outlines_say_how_to_build_them(tmp_path: Path, map_settings: Settings) -> None:
    with pytest.raises(GazetteerError, match=r"geomap\.tools\.boundaries"):
        build_map(
            incidents=[],
            path=tmp_path / "map.html",
            outlines_path=tmp_path / "none.geojson",
            settings=map_settings,
        )


def test_fifty_thousand_incidents_fit_in_fifteen_megabytes(tmp_path: Path, map_settings: Settings) -> None:
    from bench.map_browser import synthetic_incidents

    path = build_map(incidents=synthetic_incidents(50_000), path=tmp_path / "map.html", settings=map_settings)
    size = path.stat().st_size
    assert 2_000_000 < size <= 15_000_000, f"{size / 1e6:.1f} MB"


# -- the page in a browser -----------------------------------------------------------------------------------


@pytest.mark.browser
def test_map_renders_offline_with_every_incident(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    incidents = sample_incidents()
    areas = [i for i in incidents if i.place.precision == "admin1"]
    assert page.evaluate("geomap.incidentCount()") == len(incidents)
    assert page.evaluate("geomap.pointCount()") == len(incidents) - len(areas)
    # What Leaflet draws: single markers plus the counts on cluster icons, all in view after fitBounds...
    drawn = page.evaluate(
        """() => {
            let n = document.querySelectorAll(".leaflet-marker-pane .gm-marker").length;
            document.querySelectorAll(".leaflet-marker-pane .gm-cluster")
                .forEach((c) => { n += Number(c.textContent); });
            return n;
        }"""
    )
    assert drawn == len(incidents) - len(areas)
    # ...and one shaded area for the two incidents known only to the province.
    assert page.evaluate("geomap.areaCount()") == 1
    legend = page.locator("[data-geomap=legend]").inner_text()
    assert "IED / explosive device" in legend and "province or country" in legend
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames" in attribution and "Natural Earth" in attribution
    assert log.errors == [] and log.blocked == []


@pytest.mark.browser
def test_popup_cites_every_source_with_the_place_highlighted(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    text = open_popup(page, "inc-airport-1")
    for expected in (
        "Shelling, rockets, missiles",
        "2020-01 (month only)",
        "Baghdad International Airport",
        "as written: «aéroport de Bagdad»",
        "Precision: point",
        "2 sources",
        "Irak : nouvelle attaque, article n°1",
        "Le Monde · 2021-04-06",
        "Des roquettes ont frappé l'aéroport de Bagdad dans la nuit.",
        "Les roquettes ont été tirées depuis Abou Ghraib, à l'ouest de Bagdad.",
        "Fired from: Abu Ghraib",
        "file: 001_article.txt",
        "Rockets hit Baghdad airport",
        "Reuters · 2021-04-06",
        "Three rockets hit Baghdad airport overnight, officials said.",
        "https://example.org/rockets",
    ):
        assert expected in text
    marks = page.locator(".leaflet-popup-content mark").all_inner_texts()
    assert marks == ["aéroport de Bagdad", "Baghdad airport"]
    link = page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href") == "https://example.org/rockets"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert log.errors == [] and log.blocked == []


@pytest.mark.browser
def test_a_long_quote_is_cut_around_the_place_and_shown_whole_on_demand(
    open_map: MapOpener, built_map: Path
) -> None:
    page, log = open_map(built_map)
    text = open_popup(page, "inc-yusufiyah")
    quote = page.locator(".leaflet-popup-content blockquote")
    shown = quote.inner_text()
    assert shown.startswith("…") and "al-Yusifiyah" in shown and len(shown) < len(LONG_QUOTE)
    assert page.locator(".leaflet-popup-content mark").inner_text() == "al-Yusifiyah"
    assert "whole sentence" in text
    quote.locator("button.gm-more").click()
    assert quote.inner_text() == LONG_QUOTE
    assert log.errors == []


@pytest.mark.browser
def test_casualties_show_in_the_popup_and_size_the_marker(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    assert "Killed: 3 · injured: 5" in open_popup(page, "inc-yusufiyah")
    sizes = page.evaluate(
        """() => ["inc-yusufiyah", "inc-mosul"].map((id) =>
            document.querySelector(`.leaflet-marker-pane [data-incident="${id}"]`)?.offsetWidth ?? null)"""
    )
    close_popup(page)
    assert page.evaluate("(id) => Boolean(geomap.showIncident(id))", "inc-mosul")
    mosul = page.evaluate(
        "document.querySelector('.leaflet-marker-pane [data-incident=\"inc-mosul\"]').offsetWidth"
    )
    assert sizes[0] > mosul == Settings().map.marker_px  # three killed: bigger than a marker of no toll
    assert "more people reported killed" in page.locator("[data-geomap=legend]").inner_text()
    assert "Killed" not in open_popup(page, "inc-mosul")  # nothing said: nothing shown
    assert log.errors == []


@pytest.mark.browser
def test_article_text_cannot_run_script_or_inject_markup(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    text = open_popup(page, "inc-xss")
    assert XSS_TITLE in text
    assert f"{XSS_BEFORE} Explosion à {XSS_PLACE} {XSS_AFTER} ce matin." in text  # every part, as text
    assert page.locator(".leaflet-popup-content mark").all_inner_texts() == [XSS_PLACE]
    assert 'Falloujah<img src=x onerror="window.__xss=4">' in text
    markup = ".leaflet-popup-content img, .leaflet-popup-content script, .leaflet-popup-content svg"
    assert page.locator(markup).count() == 0
    assert page.locator(".leaflet-popup-content a").count() == 0  # a javascript: URL is not linked
    page.locator(".leaflet-popup-content").click()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert log.errors == [] and log.blocked == []


@pytest.mark.browser
def test_incidents_at_one_spot_are_spread_out_to_be_told_apart(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    for incident_id in ("inc-airport-1", "inc-airport-2", "inc-airport-3"):
        assert "Baghdad International Airport" in open_popup(page, incident_id)
        close_popup(page)
    # Spread out: three markers apart on the screen, each with a leg back to the spot.
    boxes = page.evaluate(
        """() => ["inc-airport-1", "inc-airport-2", "inc-airport-3"].map((id) => {
            const r = document.querySelector(`[data-incident="${id}"]`).getBoundingClientRect();
            return [Math.round(r.x), Math.round(r.y)];
        })"""
    )
    assert len(set(map(tuple, boxes))) == 3
    assert log.errors == []


@pytest.mark.browser
def test_province_level_incidents_are_drawn_as_the_province_and_listed_on_click(
    open_map: MapOpener, built_map: Path
) -> None:
    page, log = open_map(built_map)
    area = page.evaluate("geomap.areaOf('inc-anbar')")
    assert area["members"] == 2 and page.evaluate("geomap.areaOf('inc-anbar-2').index") == area["index"]
    # The province's box, not a circle of its 40 km extent: a corner of the box is in the area.
    corner = page.evaluate(
        "([lat, lon]) => geomap.areaAt(lat, lon)", [ANBAR_BOX[1] + 0.2, ANBAR_BOX[0] + 0.2]
    )
    assert corner == "Al Anbar"
    page.evaluate(
        "([lat, lon]) => { geomap.map.setView([lat, lon], 6, {animate: false}); }",
        [ANBAR_BOX[1] + 0.2, ANBAR_BOX[0] + 0.2],
    )
    next_frame(page)
    # Lighter than a point: the shading lets the map show through.
    alpha = page.evaluate(
        """([lat, lon]) => {
            const canvas = document.querySelector("canvas.gm-areas");
            const p = geomap.map.latLngToContainerPoint([lat, lon]);
            const ratio = canvas.width / canvas.clientWidth;
            return canvas.getContext("2d").getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data[3];
        }""",
        [ANBAR_BOX[1] + 0.2, ANBAR_BOX[0] + 0.2],
    )
    assert 0 < alpha < 0.5 * 255
    # A click on the area lists its incidents; one opens its own popup, with a way back.
    point = page.evaluate(
        "([lat, lon]) => geomap.map.latLngToContainerPoint([lat, lon])",
        [ANBAR_BOX[1] + 0.2, ANBAR_BOX[0] + 0.2],
    )
    box = page.locator(".leaflet-container").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    listing = page.locator(".leaflet-popup-content .gm-area-list")
    listing.wait_for()
    assert "Al Anbar: 2 incidents known only to the province" in listing.inner_text()
    listing.locator('[data-incident="inc-anbar-2"]').click()
    detail = page.locator(".leaflet-popup-content .gm-popup:not(.gm-loading)")
    detail.wait_for()
    text = detail.inner_text()
    assert "Armed clash · 2021-03-02" in text and "province only" in text and "Killed: 0" in text
    page.locator(".leaflet-popup-content .gm-back").click()
    assert "2 incidents" in page.locator(".leaflet-popup-content .gm-area-list").inner_text()
    assert log.errors == []


@pytest.mark.browser
def test_mentions_layer_is_off_until_ticked(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    mentions = "document.querySelectorAll('.leaflet-marker-pane .gm-mention').length"
    assert page.evaluate(mentions) == 0
    page.get_by_label(re.compile("Other places named")).check()
    page.wait_for_function(f"() => {mentions} === 1")
    page.click(".leaflet-marker-pane .gm-mention")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "not an incident" in text and "Kirkuk" in text and "«Kirkouk»" in text
    assert page.locator(".leaflet-popup-content mark").inner_text() == "Kirkouk"
    assert log.errors == [] and log.blocked == []
