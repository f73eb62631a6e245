"""Copy the map's JavaScript and CSS from the npm packages into the package (geomap/outputs/static/vendor).

The versions are pinned in ``assets/package.json`` (and its lock file); ``npm ci --prefix assets``
installs them. Run ``python -m geomap.tools.vendor`` after changing a version; ``--check`` only compares
(the test suite runs it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geomap.outputs.assets import VENDORED

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "assets" / "node_modules"
VENDOR_DIR = ROOT / "geomap" / "outputs" / "static" / "vendor"


def differences(node_modules: Path = NODE_MODULES, vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """The vendored files that differ from (or lack) their npm original."""
    out = []
    for target, source in sorted(VENDORED.items()):
        original = node_modules / source
        if not original.is_file():
            out.append(f"{original} is missing: run `npm ci --prefix assets`")
        elif not (vendor_dir / target).is_file() or (vendor_dir / target).read_bytes() != original.read_bytes():
            out.append(f"{vendor_dir / target} differs from {original}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geomap.tools.vendor", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    args = parser.parse_args(argv)
    if args.check:
        found = differences()
        print("\n".join(found) or "vendored map assets match the npm packages")
        return 1 if found else 0
    for target, source in sorted(VENDORED.items()):
        path = VENDOR_DIR / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((NODE_MODULES / source).read_bytes())
        print(f"{path} <- {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
