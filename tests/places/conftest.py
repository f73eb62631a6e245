"""Fixtures of the places tests: a small shipped gazetteer and a user data folder of one's own."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from geomap.places.gazetteer import DATA_FILE
from geomap.settings import Settings
from geomap.tools import GAZETTEER_DIR


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped gazetteer's rows of Lebanon, Tunisia and Iraq, and every country: quick to index."""
    folder = tmp_path_factory.mktemp("shipped")
    lines = gzip.decompress((GAZETTEER_DIR / DATA_FILE).read_bytes()).decode("utf-8").splitlines(True)
    kept = [lines[0]] + [
        line
        for line in lines[1:]
        if line.split("\t")[6] in ("LB", "TN", "IQ") or line.split("\t")[5] == "PCLI"
    ]
    (folder / DATA_FILE).write_bytes(gzip.compress("".join(kept).encode("utf-8")))
    return folder


@pytest.fixture()
def own_settings(tmp_path: Path, shipped: Path) -> Settings:
    """Settings with their own user data folder (nothing installed) over the small shipped gazetteer."""
    return Settings(data_dir=tmp_path / "data", gazetteer_dir=shipped)
