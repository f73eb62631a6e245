"""The labels a map's basemap keeps between builds are the labels made from the towns, for the countries
the map details; a damaged or foreign file is made again."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.outputs import basemap as basemap_module
from geomap.outputs.basemap import basemap
from geomap.outputs.countries import load_countries
from geomap.places.gazetteer import COUNTRIES_FILE, data_dir, open_gazetteer
from geomap.settings import Settings


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


def _labels(settings: Settings, cache_dir: Path, local: set[str]) -> list[list[object]]:
    return basemap(
        outlines_path=data_dir(settings) / COUNTRIES_FILE,
        gazetteer=open_gazetteer(settings),
        countries=load_countries(settings),
        local_countries=local,
        style=settings.map,
        cache_dir=cache_dir,
    ).labels


def test_kept_labels_are_the_labels_made_and_damage_makes_them_again(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = []
    real = basemap_module._labels

    def counted(*args: object, **kwargs: object) -> list[list[object]]:
        made.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(basemap_module, "_labels", counted)
    iraq = _labels(settings, tmp_path, {"IQ"})
    assert len(made) == 1
    assert _labels(settings, tmp_path, {"IQ"}) == iraq and len(made) == 1  # kept
    syria = _labels(settings, tmp_path, {"SY"})
    assert syria != iraq and len(made) == 2  # other countries detailed: other labels
    for path in tmp_path.glob("labels-*.json"):
        path.write_text(path.read_text(encoding="utf-8")[:-5], encoding="utf-8")
    assert _labels(settings, tmp_path, {"IQ"}) == iraq and len(made) == 3  # damaged: made again
    for path in tmp_path.glob("labels-*.json"):
        path.write_text("[[1, 2]]", encoding="utf-8")
    assert _labels(settings, tmp_path, {"SY"}) == syria and len(made) == 4  # of another shape
    for path in tmp_path.glob("basemap-*.json"):
        path.write_text("damaged", encoding="utf-8")
    assert _labels(settings, tmp_path, {"SY"}) == syria  # the towns read again from the gazetteer
