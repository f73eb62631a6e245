"""The documents that name code: every test and module they cite exists, so a rename cannot orphan them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONSTRUCTIONS = ROOT / "docs" / "constructions.md"


def _cited_tests(text: str) -> list[tuple[str, str]]:
    """(test file, test name) for each `tests/x.py::name` and each following `::name` shorthand."""
    cited, current = [], ""
    for match in re.finditer(r"`(tests/[^`:]+\.py)::(\w+)`|`::(\w+)`", text):
        if match.group(1):
            current = match.group(1)
        cited.append((current, match.group(2) or match.group(3)))
    return cited


def test_the_constructions_page_is_filled_in() -> None:
    text = CONSTRUCTIONS.read_text(encoding="utf-8")
    assert "COUNTS_" not in text
    assert len(_cited_tests(text)) > 20


@pytest.mark.parametrize("path,name", _cited_tests(CONSTRUCTIONS.read_text(encoding="utf-8")))
def test_each_cited_test_exists(path: str, name: str) -> None:
    assert re.search(rf"^def {name}\(", (ROOT / path).read_text(encoding="utf-8"), re.M), f"{path}::{name}"


@pytest.mark.parametrize("path", sorted(set(re.findall(r"`(geomap/[\w/]+\.py)", CONSTRUCTIONS.read_text(encoding="utf-8")))))
def test_each_cited_module_exists(path: str) -> None:
    assert (ROOT / path).is_file(), path
