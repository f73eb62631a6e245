from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geomap.gazetteer import Gazetteer, default_gazetteer
from geomap.resolve import GazetteerResolver

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
SEEDS_DIR = ROOT / "seeds"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> GazetteerResolver:
    return GazetteerResolver(gazetteer=gazetteer)


@pytest.fixture(scope="session")
def gold_incidents() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_DIR / "seeds.jsonl")


@pytest.fixture(scope="session")
def gold_not_incidents() -> list[dict[str, Any]]:
    return load_jsonl(GOLD_DIR / "seeds-not-incidents.jsonl")
