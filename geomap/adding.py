"""``geomap add``: article files copied into the articles folder, all or nothing.

Every file is read (and hashed) before anything is copied: one that cannot be read stops the whole add
with a message naming it, and nothing is copied. A file with the same bytes as an article already there
(or as another file of the same add) is refused with one line. Copies are written under a name that is
plain printable UTF-8 (:func:`geomap.filenames.safe_file_name`), never over an existing file; if one copy
fails, the copies already made are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from geomap.errors import ArticleError, GeomapError
from geomap.filenames import safe_file_name, shown_name, shown_path
from geomap.read.articles import ARTICLE_SUFFIXES, article_bytes, article_files, article_hash


def add_articles(paths: Sequence[Path], folder: Path, *, max_bytes: int) -> tuple[list[Path], list[str]]:
    """Copy article files (or the articles of folders) into ``folder``; the copies, and one line per file
    refused. Raises :class:`GeomapError`, having copied nothing, when a file cannot be read or copied."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GeomapError(
            f"cannot create the articles folder {shown_path(folder)} ({error.strerror or error}); choose"
            " another --articles folder"
        ) from error
    known: dict[str, str] = {}
    for path in article_files(folder):
        with contextlib.suppress(ArticleError):  # an unreadable article already there: build reports it
            known.setdefault(article_hash(path, max_bytes=max_bytes), shown_name(path.name))
    # (file to read, the name it is added under): a link named on the command line is followed.
    sources: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            sources += [(p, p.name) for p in article_files(path)]
        else:
            sources.append((Path(os.path.realpath(path)), path.name))
    wanted: list[tuple[Path, str, str]] = []
    refused, problems = [], []
    for src, name in sources:
        if Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
            refused.append(f"{shown_path(src)}: not an article file ({', '.join(ARTICLE_SUFFIXES)})")
            continue
        try:
            digest = article_hash(src, max_bytes=max_bytes)
        except ArticleError as error:
            problems.append(str(error))
            continue
        if digest in known:
            refused.append(f"{shown_path(src)}: same content as {known[digest]} already in {shown_path(folder)}")
            continue
        known[digest] = shown_name(name)
        wanted.append((src, name, digest))
    if problems:
        raise GeomapError(f"nothing added: {'; '.join(problems)}")
    return _copy_in(wanted, folder, max_bytes=max_bytes), refused


def _copy_in(wanted: list[tuple[Path, str, str]], folder: Path, *, max_bytes: int) -> list[Path]:
    copied: list[Path] = []
    try:
        for src, name, digest in wanted:
            data = article_bytes(src, max_bytes=max_bytes)
            if hashlib.sha256(data).hexdigest() != digest:
                raise ArticleError(f"{shown_path(src)}: changed while it was being added; add it again")
            target = _free_name(folder, safe_file_name(name))
            with target.open("xb") as handle:  # never over a file that appeared meanwhile
                copied.append(target)
                handle.write(data)
    except (OSError, ArticleError) as error:
        for path in copied:
            path.unlink(missing_ok=True)
        reason = str(error) if isinstance(error, ArticleError) else f"{error.strerror or error}"
        raise GeomapError(f"nothing added: copying into {shown_path(folder)} failed ({reason})") from error
    return copied


def _free_name(folder: Path, name: str) -> Path:
    """``folder / name``, or ``stem-1.suffix``, ``stem-2.suffix``... if taken."""
    target, stem, suffix = folder / name, Path(name).stem, Path(name).suffix
    n = 1
    while target.exists() or target.is_symlink():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target
