"""``python -m bench``: runs on a snapshot of geomap's code and gazetteer, then removes it.

The build cache is keyed by every ``.py`` and ``.toml`` file of the package (``geomap/cache.py``) and by
the gazetteer's data: an edit to either in the working tree during a run (other work goes on in the same
tree) would make the "incremental" rebuild re-extract every article. So the benchmark copies ``geomap/``
and the gazetteer data (``gazetteer/``, or ``GEOMAP_GAZETTEER``'s folder) to a temporary folder, the
data as the package ``geomap.gazetteer_data`` as an installed geomap has it, and re-executes itself with
that copy first on ``PYTHONPATH`` (child processes such as the ``geomap`` CLI inherit it).
``GEOMAP_GAZETTEER`` names the copied data and ``GEOMAP_DATA_DIR`` a folder of the snapshot, so that the
gazetteer index built for the copy is removed with it. ``--no-snapshot`` measures the tree as it is.
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
    ignore = shutil.ignore_patterns("__pycache__", "*.tmp*", ".index")
    shutil.copytree(root / "geomap", snapshot / "geomap", ignore=ignore)
    gazetteer = Path(os.environ.get("GEOMAP_GAZETTEER") or root / "gazetteer")
    data = snapshot / "geomap" / "gazetteer_data"
    shutil.copytree(gazetteer, data, ignore=ignore)
    (data / "__init__.py").touch()  # a package even when GEOMAP_GAZETTEER's folder is a plain one
    env = dict(os.environ)
    env[SNAPSHOT_ENV] = str(snapshot)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(snapshot), str(root), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env["GEOMAP_GAZETTEER"] = str(data)
    env["GEOMAP_DATA_DIR"] = str(snapshot / "data")
    # -P: without it, ``-m`` puts the current folder (the project's, when run from there) before PYTHONPATH,
    # and the tree's geomap/ would shadow the snapshot's; bench/ is then found through PYTHONPATH's root.
    os.execve(sys.executable, [sys.executable, "-P", "-m", "bench", *argv], env)


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
