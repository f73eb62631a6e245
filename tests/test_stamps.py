"""A file's hash is used again only while its stamp holds, and only if recorded out of the racy window: a
file edited in place, with its size, within a tick of a coarse clock is hashed again; links, files that
are not regular and files too large are refused as the hashing refuses them."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

import geomap.stamps
from geomap.errors import ArticleError
from geomap.project import CACHE_FILE_NAME, Project
from geomap.read.articles import article_hash
from geomap.stamps import RACY_NS, Hashes, stamp

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def _later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The files hashed from now on are older than the racy window (as they are a few seconds on)."""
    now = time.time_ns
    monkeypatch.setattr(geomap.stamps.time, "time_ns", lambda: now() + 2 * RACY_NS)


def _coarse(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system whose times tick once a second: an edit within the second keeps the file's stamp."""
    real = geomap.stamps.stamp

    def coarse(path: Path) -> tuple[int, int, int, int, int] | None:
        found = real(path)
        if found is None:
            return None
        size, ino, dev, mtime, ctime = found
        return (size, ino, dev, mtime // 10**9 * 10**9, ctime // 10**9 * 10**9)

    monkeypatch.setattr(geomap.stamps, "stamp", coarse)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []

    def counted(path: Path, *, max_bytes: int) -> str:
        read.append(path)
        return article_hash(path, max_bytes=max_bytes)

    monkeypatch.setattr(geomap.stamps, "article_hash", counted)
    return read


def _again(hashes: Hashes, names: list[str], *, max_bytes: int = 1 << 20) -> Hashes:
    """The hashes of the next build, from what ``hashes`` recorded."""
    new, gone = hashes.changes(names)
    assert not set(new) & set(gone)
    return Hashes(recorded=new, max_bytes=max_bytes)


def test_a_file_just_written_is_not_recorded_and_an_edit_within_the_tick_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _coarse(monkeypatch)
    path = tmp_path / "a.txt"
    path.write_text("first version", encoding="utf-8")
    first = Hashes(recorded={}, max_bytes=1 << 20)
    assert first(path) == article_hash(path)
    assert first.changes(["a.txt"]) == ({}, [])  # its times are too recent to vouch for its bytes
    before = os.stat(path)
    path.write_text("other version", encoding="utf-8")  # same size, same second
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _again(first, ["a.txt"])(path) == article_hash(path) != first(path)


def test_a_recorded_hash_is_used_while_the_stamp_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("first version", encoding="utf-8")
    _later(monkeypatch)
    read = _reads(monkeypatch)
    first = Hashes(recorded={}, max_bytes=1 << 20)
    digest = first(path)
    assert first.changes(["a.txt"])[0] == {"a.txt": (stamp(path), digest)}
    second = _again(first, ["a.txt"])
    assert second(path) == digest and read == [path]  # not read again
    # Edited in place with its size and its mtime put back: its ctime moved, so it is read again.
    before = os.stat(path)
    path.write_text("other version", encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    third = _again(second, ["a.txt"])
    assert third(path) == article_hash(path) != digest and len(read) == 2
    # Replaced by another file (another inode) of the same size: read again.
    other = tmp_path / "b.tmp"
    other.write_text("third version", encoding="utf-8")
    other.replace(path)
    assert _again(third, ["a.txt"])(path) == article_hash(path) and len(read) == 3


def test_what_the_hashing_refuses_is_refused_though_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("an article elsewhere", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder / "a.txt"
    path.write_text("an article here", encoding="utf-8")
    _later(monkeypatch)
    first = Hashes(recorded={}, max_bytes=1 << 20)
    first(path)
    recorded = first.changes(["a.txt"])[0]
    assert recorded
    # A lower limit than the one it was recorded under.
    with pytest.raises(ArticleError, match="a.txt"):
        Hashes(recorded=recorded, max_bytes=4)(path)
    # A link out of the folder in its place.
    path.unlink()
    path.symlink_to(outside)
    with pytest.raises(ArticleError, match="link"):
        Hashes(recorded=recorded, max_bytes=1 << 20)(path)
    # A pipe in its place.
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(ArticleError, match="not a regular file"):
        Hashes(recorded=recorded, max_bytes=1 << 20)(path)


def test_a_build_sees_an_edit_in_place_and_forgets_removed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    shutil.copy(SEED, articles / "a.txt")
    (articles / "b.txt").write_text("Une phrase sans lieu.", encoding="utf-8")
    project = Project(articles_dir=articles, output_dir=out, offline=True)
    _later(monkeypatch)
    project.build(jobs=1)

    def recorded() -> set[str]:
        db = sqlite3.connect(out / CACHE_FILE_NAME)
        found = {f for (f,) in db.execute("SELECT file FROM stamps")}
        db.close()
        return found

    assert recorded() == {"a.txt", "b.txt"}
    text = (articles / "a.txt").read_text(encoding="utf-8")
    before = os.stat(articles / "a.txt")
    (articles / "a.txt").write_text(text.replace("a", "o", 1), encoding="utf-8")
    os.utime(articles / "a.txt", ns=(before.st_atime_ns, before.st_mtime_ns))
    (articles / "b.txt").unlink()
    report = project.build(jobs=1)
    assert report.updated == ["a.txt"] and report.removed == ["b.txt"]
    assert recorded() == {"a.txt"}
    assert project.build(jobs=1).unchanged == 1
