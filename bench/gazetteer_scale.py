"""``python -m bench.gazetteer_scale``: geomap with nine GeoNames countries installed.

No GeoNames dump can be downloaded here, so the dumps are made up in GeoNames' real format (19 columns) at
realistic sizes: the row counts below are our estimate of GeoNames' per-country dumps (tens of thousands
of rows, about 100,000 for Ukraine), with a real dump's mix of feature classes and alternate names
(several a place, some in Arabic or Cyrillic script, most villages without population).

Measured: the time to install the nine from a folder of zips (``geomap gazetteer add``), the index's size,
a cold ``geomap resolve`` (a new process, exact and loose names: wall time and peak memory), and a cold
``geomap build`` of the seeds. Targets (issue 12): cold resolve <= 1 s and <= 300 MB.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.machine import describe

ROOT = Path(__file__).resolve().parent.parent
#: Estimated rows of GeoNames' dump of each country (the assumption the figures rest on).
ROWS = {
    "IQ": 30_000,
    "SY": 25_000,
    "LB": 10_000,
    "YE": 40_000,
    "IL": 15_000,
    "JO": 10_000,
    "ML": 15_000,
    "BF": 20_000,
    "UA": 100_000,
}
#: Rough centre and half-size (degrees) of each country, for the made-up coordinates.
BOXES = {
    "IQ": (33.0, 44.0, 3.0, 4.0),
    "SY": (35.0, 38.5, 2.0, 3.0),
    "LB": (33.9, 35.8, 0.6, 0.4),
    "YE": (15.5, 47.5, 2.5, 5.0),
    "IL": (31.5, 34.9, 1.5, 0.4),
    "JO": (31.2, 36.5, 1.5, 1.5),
    "ML": (17.0, -2.0, 5.0, 6.0),
    "BF": (12.3, -1.5, 2.5, 3.5),
    "UA": (49.0, 31.5, 3.0, 9.0),
}
#: A real dump's mix: feature class, code, share.
MIX = [
    ("P", "PPL", 0.62),
    ("P", "PPLX", 0.04),
    ("T", "HLL", 0.08),
    ("T", "MT", 0.03),
    ("H", "STM", 0.07),
    ("H", "WAD", 0.04),
    ("L", "LCTY", 0.04),
    ("S", "SCH", 0.03),
    ("S", "MSQE", 0.02),
    ("S", "AIRF", 0.005),
    ("V", "FRST", 0.015),
    ("R", "RD", 0.01),
    ("A", "ADM3", 0.02),
]
_SYLLABLES = ["ka", "ma", "ra", "sa", "ta", "na", "ba", "da", "la", "ha", "qa", "ja", "za", "wa", "ya", "kh", "sh", "dh", "gh", "ou", "ai", "ei", "ir", "ul", "an"]
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюяіїє"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _line(cells: list[str]) -> str:
    assert len(cells) == 19
    return "\t".join(cells) + "\n"


def make_dump(code: str, rows: int, seed: int) -> bytes:
    """A made-up dump of ``code`` with ``rows`` lines in GeoNames' format."""
    rng = random.Random(seed)
    lat0, lon0, dlat, dlon = BOXES[code]
    script = _CYRILLIC if code == "UA" else _ARABIC
    lines = []
    n_adm1, n_adm2 = max(5, rows // 4000), max(20, rows // 500)
    gid = 90_000_000 + seed * 1_000_000
    for a in range(n_adm1):
        gid += 1
        lines.append(_line([str(gid), f"Muhafazat {_word(rng)}", "", "", f"{lat0:.5f}", f"{lon0:.5f}", "A", "ADM1",
                            code, "", f"{a:02d}", "", "", "", "0", "", "300", "UTC", "2024-01-01"]))  # fmt: skip
    for a in range(n_adm2):
        gid += 1
        lines.append(_line([str(gid), f"Qada {_word(rng)}", "", "", f"{lat0:.5f}", f"{lon0:.5f}", "A", "ADM2", code,
                            "", f"{a % n_adm1:02d}", f"{a:03d}", "", "", "0", "", "300", "UTC", "2024-01-01"]))  # fmt: skip
    weights = [m[2] for m in MIX]
    for _ in range(rows - n_adm1 - n_adm2):
        gid += 1
        fclass, fcode, _share = rng.choices(MIX, weights)[0]
        name = " ".join(_word(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3))))
        alternates = [_word(rng) for _ in range(rng.choice((0, 0, 1, 2, 3, 5, 8)))]
        alternates += ["".join(rng.choice(script) for _ in range(rng.randint(4, 9))) for _ in range(rng.randint(0, 2))]
        adm2 = rng.randrange(n_adm2)
        population = int(rng.lognormvariate(7, 1.5)) if fclass == "P" and rng.random() < 0.1 else 0
        lines.append(_line([
            str(gid), name, name, ",".join(alternates),
            f"{lat0 + rng.uniform(-dlat, dlat):.5f}", f"{lon0 + rng.uniform(-dlon, dlon):.5f}",
            fclass, fcode, code, "", f"{adm2 % n_adm1:02d}", f"{adm2:03d}", "", "", str(population), "",
            str(rng.randint(0, 2000)), "UTC", "2023-06-01",
        ]))  # fmt: skip
    if code == "LB":  # two villages whose news spellings the bench resolves (a loose match among 10,000)
        for k, (name, lat, lon) in enumerate([("Kafr Rummān", 33.3833, 35.5), ("Shib‘ā", 33.35, 35.7)]):
            lines.append(_line([str(gid + 1 + k), name, "", "", f"{lat:.5f}", f"{lon:.5f}", "P", "PPL", code, "",
                                "00", "000", "", "", "0", "", "300", "UTC", "2023-06-01"]))  # fmt: skip
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{code}.txt", "".join(lines))
    return raw.getvalue()


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``python -m geomap ARGS`` in a new process: wall seconds, peak memory (MB), output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "geomap", *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert process.stdout is not None
    out = process.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every country's rows (0.1 to try).")
    parser.add_argument("--keep", type=Path, default=None, help="Keep the data folder here.")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="geomap-gazetteer-scale-"))
    try:
        print("# geomap with nine GeoNames countries installed (synthetic dumps in GeoNames' format)\n")
        print("\n".join(describe().lines()))
        zips = work / "zips"
        zips.mkdir()
        total = 0
        for seed, (code, rows) in enumerate(ROWS.items(), start=1):
            n = int(rows * options.scale)
            (zips / f"{code}.zip").write_bytes(make_dump(code, n, seed))
            total += n
        size = sum(p.stat().st_size for p in zips.iterdir())
        print(f"\ndumps: {len(ROWS)} countries, {total:,} rows, {size / 1e6:.1f} MB of zips")
        data = options.keep or work / "data"
        env = {**os.environ, "GEOMAP_DATA_DIR": str(data)}
        env.pop("GEOMAP_GEOCODER", None)
        # The shipped index alone first, so that the install below is timed as a user meets it (the
        # shipped index exists after the first command of any user).
        _run(["resolve", "Baghdad", "--offline"], env)
        seconds, rss, out = _run(["gazetteer", "add", *ROWS, "--source", str(zips), "--quiet"], env)
        print(f"install (add {' '.join(ROWS)} from a folder): {seconds:.1f} s, peak {rss:.0f} MB")
        print("  " + out.strip().splitlines()[-1])
        index = max((data / "index").glob("*.sqlite"), key=lambda p: p.stat().st_mtime)
        print(f"index: {index.stat().st_size / 1e6:.0f} MB")
        print("\ncold `geomap resolve` (a new process each; target <= 1 s, <= 300 MB):")
        for name, country in [("Baghdad", "IQ"), ("Mosul", "IQ"), ("Kharkov", "UA"), ("Chebaa", "LB"),
                              ("Kfar Roummane", "LB"), ("Tombouctou", "ML"), ("Xqzvillebourg", "YE")]:  # fmt: skip
            seconds, rss, out = _run(["resolve", name, "--country", country, "--offline", "--limit", "1"], env)
            first = out.strip().splitlines()[0] if out.strip() else ""
            print(f"  {name:15} {country}  {seconds:5.2f} s  {rss:5.0f} MB   {first[:70]}")
        articles = ROOT / "seeds"
        output = work / "out"
        seconds, rss, out = _run(["build", "--articles", str(articles), "--output", str(output), "--offline", "--quiet"], env)
        print(f"\ncold `geomap build` of the seeds ({len(list(articles.iterdir()))} articles): {seconds:.1f} s, peak {rss:.0f} MB")
        print("  " + " / ".join(out.strip().splitlines()[:2]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
