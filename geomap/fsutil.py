"""Write output files so that a reader never sees half of one, even after a crash mid-write."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


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
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; outputs are meant to be readable like any other written file.
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)


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
