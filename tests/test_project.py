"""Incremental builds, bad input, locking and crash safety of `geomap build`."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from geomap.errors import BuildLockedError, GeomapError
from geomap.places.gazetteer import DATA_FILE, Gazetteer, shipped_data_dir
from geomap.project import BuildReport, Project, build_lock

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

NEW_ARTICLE = """Nouvelle attaque contre un convoi

Mardi, un convoi logistique de la coalition a été visé par un engin explosif à Nassiriya, dans le sud de l'Irak.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS_DIR, folder)
    return folder


def build(articles_dir: Path, output_dir: Path, **options: Any) -> BuildReport:
    """A build of the project, offline."""
    return Project(articles_dir=articles_dir, output_dir=output_dir, offline=True).build(**options)


def _build(articles: Path, out: Path) -> BuildReport:
    return build(articles, out, write_map=False)


def _features(out: Path) -> list[dict[str, object]]:
    data = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    return list(data["features"])


def _source_files(out: Path) -> set[str]:
    return {s["file"] for f in _features(out) for s in f["properties"]["sources"]}  # type: ignore[index]


def test_adding_one_article_reads_only_that_article(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _build(corpus, out)
    assert first.extracted == 5 and len(first.added) == 5 and first.incidents == 8
    again = _build(corpus, out)
    assert again.extracted == 0 and again.unchanged == 5 and again.incidents == 8
    (corpus / "900_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    added = _build(corpus, out)
    assert added.extracted == 1 and added.added == ["900_new.txt"] and added.unchanged == 5
    assert added.incidents == 9 and added.incidents_before == 8
    assert "900_new.txt" in _source_files(out)


def test_edit_delete_and_rename(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(corpus, out)
    seed = corpus / "000_3c7e49f388852f61.txt"
    # Edit: the article no longer reports its incident.
    seed.write_text(
        "Un article sans incident.\n\nLes pourparlers se poursuivent à Bagdad cette semaine.\n",
        encoding="utf-8",
    )
    edited = _build(corpus, out)
    assert edited.updated == [seed.name] and edited.extracted == 1 and edited.incidents == 7
    # Delete: its incidents disappear.
    (corpus / "002_8cab881343aabe4f.txt").unlink()
    deleted = _build(corpus, out)
    assert deleted.removed == ["002_8cab881343aabe4f.txt"] and deleted.extracted == 0
    assert "002_8cab881343aabe4f.txt" not in _source_files(out)
    assert deleted.incidents == 6  # the airport strike keeps its other source; Bagdad's strikes go
    # Rename: nothing is read again, and the sources cite the new name.
    (corpus / "001_e5bea9b4c403723e.txt").rename(corpus / "renamed.txt")
    renamed = _build(corpus, out)
    assert renamed.extracted == 0 and renamed.renamed == ["001_e5bea9b4c403723e.txt -> renamed.txt"]
    files = _source_files(out)
    assert "renamed.txt" in files and "001_e5bea9b4c403723e.txt" not in files
    assert renamed.incidents == 6


def test_bad_inputs_are_reported_and_the_good_articles_mapped(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (corpus / "latin1.txt").write_bytes(
        "Roquettes sur la base Aïn al-Asad à l'aube, a-t-on appris.".encode("cp1252")
    )
    with (corpus / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    (corpus / "noplace.txt").write_text(
        "Rien à signaler\n\nIl a fait beau toute la journée et personne ne s'en plaint.\n", encoding="utf-8"
    )
    # Metadata that does not parse costs the article nothing: it is read from its text.
    (corpus / "badyaml.txt").write_text(
        "---\ntitle: [unclosed\n---\nRoquettes sur Bagdad\n\nUne roquette est tombée sur la zone verte de Bagdad.\n",
        encoding="utf-8",
    )
    (corpus / "german.txt").write_text(
        "Der Konvoi wurde gestern angegriffen und die Soldaten sind nicht verletzt worden.\n",
        encoding="utf-8",
    )
    report = _build(corpus, tmp_path / "out")
    assert set(report.skipped) == {"empty.txt", "binary.txt", "huge.txt", "german.txt"}
    for name, problem in report.skipped.items():
        assert name in problem  # each line names its file
    assert "empty" in report.skipped["empty.txt"] and "binary" in report.skipped["binary.txt"]
    assert "MB" in report.skipped["huge.txt"] and "badyaml.txt" in report.added
    assert "language" in report.skipped["german.txt"]
    assert "latin1.txt" in report.added and "noplace.txt" in report.added
    files = _source_files(tmp_path / "out")
    assert {"000_3c7e49f388852f61.txt", "latin1.txt"} <= files
    assert "skipped 4 file(s)" in report.summary()


def test_missing_articles_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GeomapError, match="does not exist"):
        _build(tmp_path / "nope", tmp_path / "out")


def test_a_second_build_waits_then_says_why(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with build_lock(out, wait_seconds=0), pytest.raises(BuildLockedError, match="another geomap build"):
        build(corpus, out, write_map=False, lock_wait_seconds=0.3)


def test_same_input_gives_byte_identical_outputs(corpus: Path, tmp_path: Path) -> None:
    build(corpus, tmp_path / "a")
    build(corpus, tmp_path / "b")
    for name in ("incidents.geojson", "incidents.csv", "mentions.geojson", "map.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


_BUILD_SCRIPT = """
import sys
from pathlib import Path
from geomap.project import Project
Project(articles_dir=Path(sys.argv[1]), output_dir=Path(sys.argv[2]), offline=True).build(write_map=False)
"""


def test_killing_a_build_leaves_previous_outputs_valid_and_the_next_build_correct(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first_incidents = _build(corpus, out).incidents
    before = (out / "incidents.geojson").read_bytes()
    # Enough new articles that the build is still busy when it is killed.
    for n in range(150):
        (corpus / f"bulk_{n:03d}.txt").write_text(
            NEW_ARTICLE.replace("Nassiriya", "Nassiriya" if n % 2 else "Kirkouk") + f"\nNote {n}.\n",
            encoding="utf-8",
        )
    clean = _build(corpus, tmp_path / "clean")  # what a complete build of the new corpus writes
    after = (tmp_path / "clean" / "incidents.geojson").read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", _BUILD_SCRIPT, str(corpus), str(out)], env={**os.environ})
    wal = out / ".geomap-cache.sqlite-wal"
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)  # wait until it has extracted something, then kill it mid-way
        if wal.exists() and wal.stat().st_size > 0:
            break
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Whenever the kill landed, the output is one whole build's, never a half-written file.
    assert (out / "incidents.geojson").read_bytes() in (before, after)
    if killed:
        assert proc.returncode == -signal.SIGKILL
    resumed = _build(corpus, out)
    assert resumed.incidents == clean.incidents
    # The summary compares with the outputs a reader saw, not with what the killed build had cached: every
    # new article is "added", whether the killed build had read it (cached) or not (read now).
    assert resumed.added == sorted(f"bulk_{n:03d}.txt" for n in range(150))
    assert resumed.unchanged == 5 and resumed.updated == resumed.reread == []
    assert resumed.incidents_before == first_incidents
    assert (out / "incidents.geojson").read_bytes() == after


def test_parallel_jobs_give_the_same_outputs_as_one(corpus: Path, tmp_path: Path) -> None:
    for n in range(6):
        (corpus / f"extra_{n}.txt").write_text(NEW_ARTICLE + f"\nNote {n}.\n", encoding="utf-8")
    one = build(corpus, tmp_path / "one", write_map=False, jobs=1)
    two = build(corpus, tmp_path / "two", write_map=False, jobs=2)
    assert one.extracted == two.extracted == 11 and two.added == one.added
    for name in ("incidents.geojson", "incidents.csv", "mentions.geojson"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_parallel_workers_use_the_projects_own_gazetteer(tmp_path: Path) -> None:
    # A place only this project's gazetteer knows: the worker processes must find it too.
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    shipped = shipped_data_dir() / DATA_FILE
    lines = gzip.decompress(shipped.read_bytes()).splitlines(True)
    (folder / DATA_FILE).write_bytes(gzip.compress(b"".join(lines[:2000])))
    (folder / "curated.csv").write_text(
        "name,aliases,ref,lat,lon,precision,feature,country,admin1,source,note\n"
        "Camp Testville,,,33.1,44.1,point,SITE,IQ,Baghdād,test row,\n",
        encoding="utf-8",
    )
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(5):
        (articles / f"a{n}.txt").write_text(
            f"Roquettes sur une base\nDes roquettes ont visé la base de Camp Testville, selon la note {n}.\n",
            encoding="utf-8",
        )
    gazetteer = Gazetteer(directory=folder, index_dir=tmp_path / "index")
    project = Project(articles_dir=articles, output_dir=tmp_path / "out", offline=True, gazetteer=gazetteer)
    report = project.build(write_map=False, jobs=2)
    assert report.extracted == 5 and report.incidents == 1
    (incident,) = project.incidents()
    ((camp, _role),) = gazetteer.places("Camp Testville")
    assert incident.place.gazetteer_id == camp.id and camp.source == "curated" and len(incident.sources) == 5
