"""The picture of the seeds' map in the README, taken by the test suite's browser.

``make screenshot`` runs this test with ``GEOMAP_SCREENSHOT=docs/map.png`` to refresh the committed
picture; in an ordinary test run it writes into the test's temporary folder, so the checkout is untouched.
The seeds are built offline and the page opened with the network blocked: the picture shows the
offline basemap, with one incident's popup open.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
from pathlib import Path

import pytest

from geomap.project import Project
from geomap.settings import Settings
from tests.outputs.mapkit import MapOpener, open_popup

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
WIDTH, HEIGHT = 1200, 760


@pytest.mark.browser
def test_screenshot_of_the_seeds_map(open_map: MapOpener, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS_DIR, articles)
    out = tmp_path / "out"
    Project(articles_dir=articles, output_dir=out, settings=Settings.from_env(), offline=True).build()
    page, log = open_map(out / "map.html", width=WIDTH, height=HEIGHT)
    page.wait_for_function("() => performance.getEntriesByName('geomap-basemap').length > 0")
    page.locator("[data-geomap=tile-notice]").wait_for()
    # The popup of the incident reported by the most articles, at a town (not a province's area).
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    points = [f["properties"] for f in features if f["properties"]["precision"] in ("point", "locality")]
    chosen = max(points, key=lambda p: (len(p["sources"]), p["id"]))
    assert chosen["place"] in open_popup(page, chosen["id"])
    page.wait_for_timeout(300)
    target = Path(os.environ.get("GEOMAP_SCREENSHOT") or tmp_path / "map.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", header[16:24]) == (WIDTH, HEIGHT)
    assert log.errors == [] and log.blocked == []
