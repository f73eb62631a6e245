"""A build with nothing to do leaves the outputs as they are and reports what a whole build would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geomap.project import REPORT_FILE_NAME, BuildReport, Project
from geomap.publish import MANIFEST_FILE_NAME

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS_DIR, folder)
    return folder


def _build(articles: Path, out: Path, *, write_map: bool = False) -> BuildReport:
    return Project(articles_dir=articles, output_dir=out, offline=True).build(write_map=write_map)


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and "cache" not in p.name}


def _forget_outputs(out: Path) -> None:
    """The manifest of a geomap that did not record its outputs: the next build goes the whole way."""
    path = out / MANIFEST_FILE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["outputs"]
    path.write_text(json.dumps(data), encoding="utf-8")


def test_nothing_to_do_reports_what_a_whole_build_reports(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _build(corpus, out)
    assert first.extracted == 5
    written = _files(out)
    _forget_outputs(out)
    whole = _build(corpus, out)  # the whole way: every cached result decoded, merged and written again
    assert json.loads((out / MANIFEST_FILE_NAME).read_text(encoding="utf-8"))["outputs"]
    shortcut = _build(corpus, out)
    assert shortcut.as_dict() == whole.as_dict()
    assert shortcut.unchanged == 5 and shortcut.extracted == 0 and shortcut.incidents == first.incidents
    assert _files(out) == {**written, REPORT_FILE_NAME: (out / REPORT_FILE_NAME).read_bytes()}
    report = json.loads((out / REPORT_FILE_NAME).read_text(encoding="utf-8"))
    assert report == json.loads(json.dumps(whole.as_dict()))


def test_an_output_changed_by_hand_is_written_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(corpus, out)
    written = _files(out)
    (out / "incidents.csv").write_text("edited\n", encoding="utf-8")
    (out / "mentions.geojson").unlink()
    again = _build(corpus, out)
    assert again.unchanged == 5 and again.extracted == 0
    written.pop(REPORT_FILE_NAME)  # says "5 added" the first time, "5 unchanged" now
    assert _files(out) == {**written, REPORT_FILE_NAME: (out / REPORT_FILE_NAME).read_bytes()}


def test_a_changed_article_or_option_is_not_nothing_to_do(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(corpus, out)
    with_map = _build(corpus, out, write_map=True)  # the map was not written: the outputs differ
    assert (out / "map.html").exists() and any(p.endswith("map.html") for p in with_map.outputs)
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    changed = _build(corpus, out, write_map=True)
    assert changed.updated == [first.name] and changed.extracted == 1
    (corpus / "copy.txt").write_bytes(first.read_bytes())  # a copy is skipped: the build says so again
    skipped = _build(corpus, out, write_map=True)
    again = _build(corpus, out, write_map=True)
    assert list(skipped.skipped) == list(again.skipped) == ["copy.txt"]
