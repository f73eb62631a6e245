"""The incident map: offline, every incident drawn, popups citing every source, article text inert.

The browser tests open the map in Debian's Chromium through Playwright, with every request that is not
for a local file or loopback aborted. They fail, rather than skip, when Chromium is missing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

from geomap.errors import ConfigurationError, GazetteerError, GeomapError
from geomap.outputs import assets, elements
from geomap.outputs.geojson import incidents_to_geojson
from geomap.outputs.map import _marked, build_map, trimmed
from geomap.records import (
    EVENT_TYPES,
    DatePrecision,
    EventType,
    Incident,
    Mention,
    Precision,
    Resolution,
    ResolvedMention,
    Sentence,
    Source,
)
from geomap.settings import MapStyle

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
SCREENSHOT = Path(__file__).resolve().parents[2] / "output" / "test-map.png"
POPUP_QUOTE_MAX_CHARS = MapStyle().popup_quote_max_chars
XSS_TITLE = "<script>window.__xss=1</script>"
# Hostile markup before, inside and after the place the popup highlights: each part of the quote is text.
XSS_BEFORE = '<img src=x onerror="window.__xss=5">'
XSS_PLACE = 'Fallou<svg onload="window.__xss=6">jah'
XSS_AFTER = '<img src=x onerror="window.__xss=2">'
XSS_QUOTE = f"{XSS_BEFORE} Explosion à {XSS_PLACE} {XSS_AFTER} ce matin."
AIRPORT = (33.262539, 44.234578)


def place(
    name: str, lat: float, lon: float, *, precision: Precision = "locality", extent_km: float = 0.0
) -> Resolution:
    return Resolution(
        query=name,
        canonical=name,
        gazetteer_id="geonames:" + name.lower().replace(" ", "-"),
        lat=lat,
        lon=lon,
        precision=precision,
        country="IQ",
        admin1="",
        source="gazetteer",
        score=3.0,
        extent_km=extent_km,
    )


def source(
    n: int,
    quote: str,
    place_text: str,
    *,
    title: str | None = None,
    outlet: str | None = "Le Monde",
    url: str | None = None,
) -> Source:
    return Source(
        article_id=f"article-{n}",
        file=f"{n:03d}_article.txt",
        title=title or f"Irak : nouvelle attaque, article n°{n}",
        outlet=outlet,
        url=url,
        published="2021-04-06",
        quote=quote,
        place_text=place_text,
    )


def incident(
    incident_id: str,
    event_type: EventType,
    where: Resolution,
    sources: tuple[Source, ...],
    *,
    date: str | None = "2021-04-05",
    date_precision: DatePrecision = "day",
    place_text: str | None = None,
) -> Incident:
    return Incident(
        id=incident_id,
        event_type=event_type,
        date=date,
        date_precision=date_precision,
        place_text=place_text or where.canonical,
        place=where,
        sources=sources,
    )


def sample_incidents() -> list[Incident]:
    airport = place("Baghdad International Airport", *AIRPORT, precision="point")
    return [
        incident(
            "inc-airport-1",
            "shelling",
            airport,
            (
                source(
                    1, "Des roquettes ont frappé l'aéroport de Bagdad dans la nuit.", "aéroport de Bagdad"
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
        # Two more at the very same point: only spiderfying can show them apart.
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
            (
                source(
                    5, "Un engin explosif a visé un convoi à al-Yusifiyah, au sud de Bagdad.", "al-Yusifiyah"
                ),
            ),
            place_text="al-Yusifiyah",
        ),
        incident(
            "inc-anbar",
            "attack",
            place("Al Anbar", 32.5, 41.9, precision="admin1"),
            (source(6, "Des hommes armés ont attaqué un poste dans la province d'Anbar.", "Anbar"),),
            date="--04-05",
            date_precision="month_day",
            place_text="province d'Anbar",
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
def built_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_map(
        incidents=sample_incidents(),
        mentions=sample_mentions(),
        path=tmp_path_factory.mktemp("map") / "map.html",
    )


# -- the page as written ------------------------------------------------------------------------------------


def test_page_needs_nothing_from_the_network(built_map: Path) -> None:
    page = built_map.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)\s*=", page, re.IGNORECASE)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "code.jquery" not in page
    assert (
        "Leaflet 1.9.4" in page and "L.MarkerClusterGroup" in page and "Leaflet.FeatureGroup.SubGroup" in page
    )


def test_a_cdn_link_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As if a folium upgrade gave an element a CDN link again: the build must refuse, not go online.
    monkeypatch.setattr(elements.OfflineMap, "default_js", [("jquery", "https://code.jquery.com/jq.js")])
    with pytest.raises(GeomapError, match="code.jquery.com"):
        build_map(incidents=sample_incidents(), path=tmp_path / "map.html")
    assert not (tmp_path / "map.html").exists()


def test_article_text_is_not_evaluated_as_a_template(built_map: Path) -> None:
    # branca would parse rendered output again as Jinja: "{{ 7*7 }}" must stay as written, not "49".
    page = built_map.read_text(encoding="utf-8")
    assert '"Mossoul"," {{ 7*7 }} {% if %}."' in page  # a quote, after its highlighted place
    assert '"Roquettes {{ 2*3 }} sur l\'aéroport"' in page  # an article title
    assert '"Kirkouk"," {{ 1+1 }}."' in page  # a mention's sentence


def test_missing_assets_say_how_to_get_them_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "static_dir", lambda: tmp_path)
    assets.load_assets.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match=r"reinstall geomap.*geomap\.tools\.vendor"):
            build_map(incidents=sample_incidents(), path=tmp_path / "map.html")
    finally:
        assets.load_assets.cache_clear()
    assert not (tmp_path / "map.html").exists()


def test_the_vendored_assets_are_the_pinned_npm_packages() -> None:
    # assets/package-lock.json pins them; `make test` installs them with npm ci.
    from geomap.tools.vendor import differences

    assert differences() == []


def test_missing_outlines_say_how_to_build_them(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match=r"geomap\.tools\.boundaries"):
        build_map(incidents=[], path=tmp_path / "map.html", outlines_path=tmp_path / "none.geojson")


def test_long_quotes_are_cut_around_the_place_name() -> None:
    before, mark, after = _marked("x" * 500 + " à FALLOUJAH, " + "y" * 500, ("Falloujah",))
    assert mark == "FALLOUJAH"
    cut = trimmed(before, mark, after, max_chars=POPUP_QUOTE_MAX_CHARS)
    assert cut[1] == "FALLOUJAH" and cut[0].startswith("…") and cut[2].endswith("…")
    assert len("".join(cut)) <= POPUP_QUOTE_MAX_CHARS + 2
    assert trimmed("court ", "Mossoul", ".", max_chars=POPUP_QUOTE_MAX_CHARS) == ["court ", "Mossoul", "."]
    assert _marked("Istanbul et İzmir", ("izmir",)) == ("Istanbul et ", "İzmir", "")


def synthetic_incidents(count: int) -> list[Incident]:
    rng = random.Random(7)
    articles = [
        source(
            n,
            f"Selon une source sécuritaire, une attaque a visé la localité de Lieu {n % 997} vers 22 heures.",
            f"Lieu {n % 997}",
            url=f"https://example.org/articles/{n}",
        )
        for n in range(count // 5)
    ]
    incidents = []
    for i in range(count):
        article = articles[i % len(articles)]
        where = place(
            article.place_text,
            32.0 + rng.random() * 5,
            40.0 + rng.random() * 7,
            precision="admin1" if i % 10 == 0 else "locality",
        )
        incidents.append(
            incident(f"inc-{i:06d}", EVENT_TYPES[i % len(EVENT_TYPES)], where, (article,), date="2021-04")
        )
    return incidents


def test_fifty_thousand_incidents_fit_in_fifteen_megabytes(tmp_path: Path) -> None:
    path = build_map(incidents=synthetic_incidents(50_000), path=tmp_path / "map.html")
    size = path.stat().st_size
    assert 2_000_000 < size <= 15_000_000, f"{size / 1e6:.1f} MB"


# -- the page in a browser -----------------------------------------------------------------------------------


@dataclass
class PageLog:
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


MapOpener = Callable[[Path], tuple[Page, PageLog]]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_map(browser: Browser) -> Iterator[MapOpener]:
    """Opens a map file with every request aborted unless it is for a local file or loopback."""
    pages: list[Page] = []

    def opener(path: Path) -> tuple[Page, PageLog]:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        log = PageLog()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                log.errors.append(f"console: {message.text}")

        def on_request(route: Route) -> None:
            url = urlsplit(route.request.url)
            if url.scheme in ("file", "data", "blob") or url.hostname in LOOPBACK_HOSTS:
                route.continue_()
            else:
                log.blocked.append(route.request.url)
                route.abort()

        page.on("console", on_console)
        page.on("pageerror", lambda error: log.errors.append(f"page error: {error}"))
        page.route("**/*", on_request)
        page.goto(path.as_uri())
        page.wait_for_function("() => window.geomap !== undefined")
        return page, log

    yield opener
    for page in pages:
        page.close()


def open_popup(page: Page, incident_id: str) -> str:
    """Show the incident's real Leaflet marker (zooming and spiderfying as needed), click it, read the popup."""
    page.evaluate(
        """(id) => new Promise((resolve, reject) => {
            const found = geomap.findIncident(id);
            if (!found) { reject(new Error("no marker for " + id)); return; }
            found.cluster.zoomToShowLayer(found.marker, () => {
                found.marker.getElement().setAttribute("data-test-target", id);
                resolve();
            });
        })""",
        incident_id,
    )
    page.click(f'[data-test-target="{incident_id}"]')
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    return popup.inner_text()


@pytest.mark.browser
def test_map_renders_offline_with_every_incident(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    features = incidents_to_geojson(sample_incidents())["features"]
    # What Leaflet holds as layers in the incident clusters...
    assert page.evaluate("geomap.incidentCount()") == len(features)
    # ...and what it draws: single markers plus the counts on cluster icons, all in view after fitBounds.
    drawn = page.evaluate(
        """() => {
            let n = document.querySelectorAll(".leaflet-marker-pane .gm-marker").length;
            document.querySelectorAll(".leaflet-marker-pane .gm-cluster")
                .forEach((c) => { n += Number(c.textContent); });
            return n;
        }"""
    )
    assert drawn == len(features)
    assert page.locator(".leaflet-outlines-pane path").count() > 200  # country outlines
    legend = page.locator(".gm-legend").inner_text()
    assert "IED / explosive device" in legend and "province or country" in legend
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames" in attribution and "Natural Earth" in attribution
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
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
def test_imprecise_incidents_are_drawn_as_areas(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    area = page.evaluate(
        """() => {
            const marker = geomap.findIncident("inc-anbar").marker;
            return {radius: marker.geomap.circle.getRadius(),
                    onMap: Boolean(marker.geomap.circle._map),
                    icon: marker.options.icon.options.className};
        }"""
    )
    assert area == {"radius": 40_000, "onMap": True, "icon": "gm-marker gm-attack gm-approx"}
    text = open_popup(page, "inc-anbar")
    assert "province only" in text and "radius 40 km" in text
    assert "--04-05 (day and month; year not given)" in text
    assert log.errors == [] and log.blocked == []


@pytest.mark.browser
def test_date_filter_keeps_incidents_whose_dates_overlap(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    box = page.locator(".gm-filter")
    box.locator("input[name=from]").fill("2020-01-15")
    box.locator("input[name=to]").fill("2020-06-30")
    # "2020-01" and "2020" overlap the range; the two undated incidents stay while "undated" is ticked.
    assert page.evaluate("geomap.incidentCount()") == 2 + 2
    assert box.locator(".gm-count").inner_text() == "4 of 7 incidents shown"
    box.locator("input[name=undated]").uncheck()
    assert page.evaluate("geomap.incidentCount()") == 2
    assert page.evaluate("Boolean(geomap.findIncident('inc-anbar').marker.geomap.circle._map)") is False
    box.locator("button[name=reset]").click()
    assert page.evaluate("geomap.incidentCount()") == 7
    assert log.errors == [] and log.blocked == []


@pytest.mark.browser
def test_mentions_layer_is_off_until_ticked(open_map: MapOpener, built_map: Path) -> None:
    page, log = open_map(built_map)
    mentions = "document.querySelectorAll('.leaflet-marker-pane .gm-mention').length"
    assert page.evaluate(mentions) == 0
    page.get_by_label(re.compile("Other places named")).check()
    assert page.evaluate(mentions) == 1
    page.click(".leaflet-marker-pane .gm-mention")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "not an incident" in text and "Kirkuk" in text and "«Kirkouk»" in text
    assert page.locator(".leaflet-popup-content mark").inner_text() == "Kirkouk"
    assert log.errors == [] and log.blocked == []
