"""Write output files so that a reader never sees half of one, even after a crash mid-write."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

#: The thread and the pending syncs of :func:`syncs_in_background`'s block, when in one.
_LATER: ContextVar[tuple[ThreadPoolExecutor, list[Future[None]]] | None] = ContextVar("later", default=None)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: the old file or the new one, never a mix.

    The temporary file lives in the target's folder because ``os.replace`` is atomic only within one
    file system.
    """
    atomic_write_chunks(path, (data,))


def atomic_write_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """:func:`atomic_write_bytes` for text; newlines are written as given (no platform translation)."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_chunks(path: Path | str, chunks: Iterable[bytes | str], *, encoding: str = "utf-8") -> None:
    """:func:`atomic_write_bytes` for the concatenation of ``chunks``, written as they come: a big file
    is never held whole in memory. A chunk that fails to come (an exception) leaves the old file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        handle = os.fdopen(fd, "wb")
        try:
            for chunk in chunks:
                handle.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)
            handle.flush()
        except BaseException:
            handle.close()
            raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    later = _LATER.get()
    if later is None:
        _put_in_place(handle, tmp_name, target)
    else:
        later[1].append(later[0].submit(_put_in_place, handle, tmp_name, target))


def _put_in_place(handle: BinaryIO, tmp_name: str, target: Path) -> None:
    """Sync a written temporary file to the disk, then rename it over ``target``."""
    try:
        with handle:
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; outputs are meant to be readable like any other written file.
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)


@contextlib.contextmanager
def syncs_in_background() -> Iterator[None]:
    """Within this block, an atomic write hands its disk sync and rename to a thread and returns: waiting
    for the disk overlaps the work that follows. The block ends once every file written in it is in place
    (each synced before its rename, as ever), raising the first failure; read none of them before."""
    pending: list[Future[None]] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        token = _LATER.set((pool, pending))
        try:
            yield
        finally:
            _LATER.reset(token)
            errors = [e for e in (f.exception() for f in pending) if e is not None]
    if errors:
        raise errors[0]


def _fsync_dir(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk; not every OS allows it.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
