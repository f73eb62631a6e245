"""The map page at scale, in the browser: its size, time to first paint and date-filter time.

``python -m bench.map_browser`` builds the page of 50,000 synthetic incidents (:mod:`bench.synthetic`)
twice, with the current code and with the map code of a baseline commit (the page as it was before the
map was made columnar and compressed), opens each in headless Chromium (Debian's ``/usr/bin/chromium``,
driven by Playwright, network blocked) and prints, for each page:

- its size in MB;
- the time to first paint: from navigation to the first animation frame in which the incidents'
  markers or clusters are in the page;
- the time to interactive: until the page first answers a script with every incident loaded (its main
  thread free again: for the current page, after the basemap and timeline are made too);
- the date filter: from setting a range (one year) to the frame that shows the filtered markers;
- the time to build the page in Python (``build_map``), for both sides.

Nothing is asserted; the figures are printed, with the targets of issue 15 beside them (15 MB, 2 s,
0.5 s; and the 3 s build of bench/RESULTS.md). Options: ``--sizes 1000,50000``, ``--runs 3`` (page
loads), ``--builds 3``, ``--baseline REV`` (a git revision; ``none`` skips it), ``--keep DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
#: The last commit before the map was made columnar, compressed and given its timeline.
BASELINE_REV = "a75812f"
TARGET_MB, TARGET_PAINT_S, TARGET_FILTER_S = 15.0, 2.0, 0.5
TARGET_BUILD_S = 3.0  # bench/RESULTS.md's target for building the 50,000-incident map
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
#: A year in the synthetic incidents' range (2019-2023): about a fifth of the dated incidents.
FILTER_RANGE = ("2021-01-01", "2021-12-31")

# Runs in the page: resolves with performance.now() at the first frame where incidents are drawn.
_FIRST_PAINT_JS = """() => new Promise((resolve) => {
    const drawn = () => document.querySelector(
        ".leaflet-marker-pane .gm-cluster, .leaflet-marker-pane .gm-marker");
    const check = () => drawn() ? resolve(performance.now()) : requestAnimationFrame(check);
    check();
})"""
_LOADED_JS = """(n) => new Promise((resolve) => {
    const check = () => (window.geomap && geomap.incidentCount() >= n)
        ? resolve(performance.now()) : requestAnimationFrame(check);
    check();
})"""
# Sets the range, waits until the cluster holds what the filter shows, then for the frame that draws it.
_FILTER_JS = """([from, to]) => new Promise((resolve) => {
    const start = performance.now();
    const shown = geomap.applyFilter(from, to, false);
    const check = () => {
        if (geomap.incidentCount() !== shown) { requestAnimationFrame(check); return; }
        requestAnimationFrame(() => resolve({seconds: (performance.now() - start) / 1000, shown: shown}));
    };
    check();
})"""


def build_pages(
    sizes: Sequence[int], folder: Path, *, baseline: str | None, builds: int
) -> tuple[dict[str, dict[int, Path]], dict[str, dict[int, float]]]:
    """The pages to measure, ``{"current": {n: path}, "baseline": {n: path}}``, and the median time each
    took to build (of ``builds`` builds in one process, as a long-lived caller would make them)."""
    pages: dict[str, dict[int, Path]] = {"current": {}}
    seconds: dict[str, dict[int, float]] = {}
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from bench.map_browser import synthetic_incidents\n"
        "from geomap.outputs.map import build_map\n"
        "n, out, builds = int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])\n"
        "incidents = synthetic_incidents(n)\n"
        "for _ in range(builds):\n"
        "    start = time.perf_counter()\n"
        "    build_map(incidents=incidents, path=out)\n"
        "    print(f'{time.perf_counter() - start:.3f}')\n"
    )
    sides = [("current", ROOT)]
    if baseline:
        snapshot = folder / f"geomap-{baseline}"
        _export_revision(baseline, snapshot)
        sides.append(("baseline", snapshot))
    for side, code in sides:
        pages.setdefault(side, {})
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(code), str(ROOT)])
        for n in sizes:
            out = folder / f"{side}-{n}.html"
            done = subprocess.run(
                [sys.executable, "-c", script, str(n), str(out), str(builds)],
                env=env,
                cwd=code,
                check=True,
                capture_output=True,
                text=True,
            )
            times = [float(line) for line in done.stdout.split()]
            seconds.setdefault(side, {})[n] = statistics.median(times)
            print(
                f"  built {side} page of {n:,} incidents in {', '.join(f'{t:.2f}' for t in times)} s",
                flush=True,
            )
            pages[side][n] = out
    return pages, seconds


def synthetic_incidents(count: int) -> list[Any]:
    """bench.synthetic's incidents (its corpus module may still name the modules of the old layout)."""
    try:
        from bench.synthetic import make_incidents
    except ModuleNotFoundError:
        import geomap.read.articles
        import geomap.read.sentences

        # bench/corpus.py imports geomap.articles and geomap.sentences until it is ported to geomap.read.
        sys.modules.setdefault("geomap.articles", geomap.read.articles)
        sys.modules.setdefault("geomap.sentences", geomap.read.sentences)
        from bench.synthetic import make_incidents
    return make_incidents(count)


def _export_revision(rev: str, target: Path) -> None:
    """The geomap package and gazetteer of git revision ``rev``, written to ``target``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, "geomap", "gazetteer"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    target.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    # The gazetteer is the package geomap.gazetteer_data once installed; a checkout maps it by hand.
    (target / "geomap" / "gazetteer_data").symlink_to(target / "gazetteer")


def measure(path: Path, count: int, *, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    paints: list[float] = []
    loads: list[float] = []
    filters: list[float] = []
    shown = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.route("**/*", _local_only)
                page.goto(path.as_uri(), wait_until="commit", timeout=120_000)
                paints.append(page.evaluate(_FIRST_PAINT_JS) / 1000)
                loads.append(page.evaluate(_LOADED_JS, count) / 1000)
                result = page.evaluate(_FILTER_JS, list(FILTER_RANGE))
                filters.append(result["seconds"])
                shown = result["shown"]
                page.close()
        finally:
            browser.close()
    return {
        "mb": path.stat().st_size / 1e6,
        "paint_s": statistics.median(paints),
        "loaded_s": statistics.median(loads),
        "filter_s": statistics.median(filters),
        "filter_shown": shown,
        "runs": runs,
    }


def _local_only(route: Any) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.map_browser", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="50000", help="comma-separated incident counts (default 50000)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per page (median reported)")
    parser.add_argument("--baseline", default=BASELINE_REV, help="git revision to compare with, or 'none'")
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the pages in")
    parser.add_argument("--builds", type=int, default=3, help="builds of each page, timed (median reported)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    baseline = None if args.baseline == "none" else args.baseline
    if not CHROMIUM.exists():
        print(f"needs Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="geomap-map-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        pages, build_seconds = build_pages(sizes, folder, baseline=baseline, builds=args.builds)
        results: dict[str, dict[int, dict[str, Any]]] = {}
        for side, by_size in pages.items():
            for n, path in by_size.items():
                figures = measure(path, n, runs=args.runs)
                figures["build_s"] = build_seconds[side][n]
                results.setdefault(side, {})[n] = figures
                print(f"  measured {side} {n:,}: {json.dumps(figures)}", flush=True)
        print()
        print(_table(results, sizes))
        print(f"\n({time.perf_counter() - start:.0f} s; {os.cpu_count()} cores; Chromium {CHROMIUM})")
    return 0


def _table(results: dict[str, dict[int, dict[str, Any]]], sizes: Sequence[int]) -> str:
    lines = [
        "| incidents | page | size (MB) | build (s) | first paint (s) | interactive (s) | date filter (s) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        for side in ("baseline", "current"):
            r = results.get(side, {}).get(n)
            if r is None:
                continue
            lines.append(
                f"| {n:,} | {side} | {r['mb']:.1f} | {r['build_s']:.2f} | {r['paint_s']:.2f} | {r['loaded_s']:.2f}"
                f" | {r['filter_s']:.2f} |"
            )
    lines.append(
        f"| targets (50,000) | | ≤ {TARGET_MB:.0f} | ≤ {TARGET_BUILD_S} | ≤ {TARGET_PAINT_S} | | ≤ {TARGET_FILTER_S} |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
