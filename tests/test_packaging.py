"""The wheel ships every package and data file geomap needs (.ci/check-wheel installs it for real)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _folder(package: str) -> Path:
    mapped = CONFIG.get("package-dir", {}).get(package)
    return ROOT / mapped if mapped else ROOT.joinpath(*package.split("."))


def test_every_folder_of_the_package_is_listed() -> None:
    folders = {
        ".".join(p.relative_to(ROOT).parts)
        for p in (ROOT / "geomap").rglob("*")
        if p.is_dir() and p.name != "__pycache__" and any(f.is_file() for f in p.iterdir())
    }
    assert folders | {"geomap"} <= set(CONFIG["packages"])


def test_every_data_file_is_shipped() -> None:
    missing = []
    for package in CONFIG["packages"]:
        patterns = CONFIG.get("package-data", {}).get(package, [])
        for path in _folder(package).iterdir():
            if path.is_file() and path.suffix not in (".py", ".pyc") and not any(
                fnmatch.fnmatch(path.name, p) for p in patterns
            ):
                missing.append(str(path.relative_to(ROOT)))
    assert missing == []


def test_the_gazetteer_folder_is_the_shipped_data_package() -> None:
    from geomap.places.gazetteer import shipped_data_dir

    assert shipped_data_dir().resolve() == (ROOT / "gazetteer").resolve()
