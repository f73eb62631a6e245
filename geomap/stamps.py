"""Each article file's hash kept with what the file system says of it, so that a build hashes only the files
that changed since a build last hashed them.

A file's stamp is its size, inode, device, and times of last change of its bytes (mtime) and of its inode
(ctime, which no program can set back: every write, rename into place, chmod or utime moves it). A hash is
used again when the file's stamp is the one recorded when it was hashed. It is recorded only when the file
did not change while it was read and its times were already more than :data:`RACY_NS` old then: a file
written again within the same tick of a coarse clock keeps its times, and would otherwise keep its old
hash (git's "racily clean" files). Links and files that are not regular are hashed every time, so that
:func:`geomap.read.articles.article_hash` refuses them as it always did; so is a file larger than a build
reads.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from geomap.filenames import shown_name
from geomap.read.articles import article_hash

#: How old a file's times must be when it is hashed for its hash to be kept (ns): wider than the coarsest
#: clock of a file system's timestamps (FAT's two seconds).
RACY_NS = 3_000_000_000

Stamp = tuple[int, int, int, int, int]  # size, inode, device, mtime_ns, ctime_ns


def stamp(path: Path) -> Stamp | None:
    """The stamp of a regular file, not followed if a link; None for anything else (hashed each time)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_ino, info.st_dev, info.st_mtime_ns, info.st_ctime_ns)


class Hashes:
    """The hashes of a build's article files: recorded ones used again while their stamp holds, the others
    read (with :func:`article_hash`'s refusals). ``recorded`` is file name -> (stamp, hash), as
    :meth:`changes` gives them to keep."""

    def __init__(self, *, recorded: dict[str, tuple[Stamp, str]], max_bytes: int) -> None:
        self._recorded = recorded
        self._max_bytes = max_bytes
        self._found: dict[Path, str] = {}  # each file hashed once per build
        self._new: dict[str, tuple[Stamp, str]] = {}
        self._stale: set[str] = set()

    def __call__(self, path: Path) -> str:
        """The SHA-256 of the file's bytes; raises :class:`ArticleError` as :func:`article_hash` does."""
        found = self._found.get(path)
        if found is not None:
            return found
        name = shown_name(path.name)
        before = stamp(path)
        kept = self._recorded.get(name)
        if kept is not None and before is not None and kept[0] == before and before[0] <= self._max_bytes:
            self._found[path] = kept[1]
            return kept[1]
        if kept is not None:
            self._stale.add(name)
        started = time.time_ns()
        digest = article_hash(path, max_bytes=self._max_bytes)
        if before is not None and stamp(path) == before and max(before[3], before[4]) < started - RACY_NS:
            self._new[name] = (before, digest)
        self._found[path] = digest
        return digest

    def changes(self, present: Iterable[str]) -> tuple[dict[str, tuple[Stamp, str]], list[str]]:
        """What to keep of this build's hashing: the new records, and the names whose records go (changed,
        or no longer in the folder)."""
        names = set(present)
        gone = {name for name in self._recorded if name not in names} | (self._stale - set(self._new))
        return dict(self._new), sorted(gone)
