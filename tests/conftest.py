from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
SEEDS_DIR = ROOT / "seeds"

# Tests keep geomap's user data (the gazetteer index, geocoder answers) in the checkout, not in the home
# folder; set before geomap is imported, and inherited by the geomap processes tests start.
os.environ.setdefault("GEOMAP_DATA_DIR", str(ROOT / ".geomap" / "test-data"))

from geomap.places.gazetteer import Gazetteer, open_gazetteer  # noqa: E402
from geomap.places.resolvers import GazetteerResolver  # noqa: E402
from geomap.settings import Settings  # noqa: E402


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def gazetteer(settings: Settings) -> Gazetteer:
    return open_gazetteer(settings)


@pytest.fixture(scope="session")
def resolver(settings: Settings, gazetteer: Gazetteer) -> GazetteerResolver:
    return GazetteerResolver(settings=settings, gazetteer=gazetteer)


@pytest.fixture(scope="session")
def gold_incidents() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_DIR / "seeds.jsonl")


@pytest.fixture(scope="session")
def gold_not_incidents() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_DIR / "seeds-not-incidents.jsonl")
