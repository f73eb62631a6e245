"""``python -m bench``: runs on a snapshot of geomap's code and gazetteer, then removes it.

The build cache is keyed by the source of the extraction modules and by the gazetteer's data: an edit to
either in the working tree during a run (other work goes on in the same tree) would make the "incremental"
rebuild re-extract every article. So the benchmark copies ``geomap/`` and ``gazetteer/`` to a temporary
folder and re-executes itself with that copy first on ``PYTHONPATH`` (child processes such as the
``geomap`` CLI inherit it). ``--no-snapshot`` measures the tree as it is.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

SNAPSHOT_ENV = "GEOMAP_BENCH_SNAPSHOT"


def _snapshot_and_reexec(argv: list[str]) -> None:
    root = Path(__file__).resolve().parent.parent
    snapshot = Path(tempfile.mkdtemp(prefix="geomap-bench-code-"))
    ignore = shutil.ignore_patterns("__pycache__", "*.tmp*")
    shutil.copytree(root / "geomap", snapshot / "geomap", ignore=ignore)
    gazetteer = Path(os.environ.get("GEOMAP_GAZETTEER", root / "gazetteer"))
    shutil.copytree(gazetteer, snapshot / "gazetteer", ignore=ignore)
    env = dict(os.environ)
    env[SNAPSHOT_ENV] = str(snapshot)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(snapshot), str(root), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env["GEOMAP_GAZETTEER"] = str(snapshot / "gazetteer")
    env.pop("GEOMAP_INDEX_DIR", None)
    env.setdefault("GEOMAP_MAP_ASSETS", str(root / "assets" / "node_modules"))
    os.execve(sys.executable, [sys.executable, "-m", "bench", *argv], env)


def _main() -> int:
    argv = sys.argv[1:]
    if "--no-snapshot" in argv:
        argv.remove("--no-snapshot")
    elif SNAPSHOT_ENV not in os.environ:
        _snapshot_and_reexec(argv)  # does not return
    from bench.run import main

    try:
        return main(argv)
    finally:
        snapshot = os.environ.get(SNAPSHOT_ENV)
        if snapshot and Path(snapshot).name.startswith("geomap-bench-code-"):
            shutil.rmtree(snapshot, ignore_errors=True)


raise SystemExit(_main())
