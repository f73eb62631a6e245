"""Read article files (plain text, Markdown, HTML) into :class:`~geomap.records.Article` records.

What is read is what the extractor will look for incidents in, so anything that is not the article's own
prose stays out of the body: the outlet line, photo captions, "share" boilerplate, and the titles of other
articles it links to ("Lire aussi : ..."), which are kept apart in ``Article.related``. The title line
stays in the body: a headline often is the sentence that reports the incident.

Optional YAML front matter (``---`` lines at the top) overrides what is guessed from the text: ``title``,
``source`` (the outlet), ``url``, ``published`` and ``lang``.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from geomap.errors import ArticleError
from geomap.filenames import shown_name, shown_path
from geomap.read.formats import (
    clean_line,
    parse_html,
    parse_lines,
    parse_markdown,
    published_from_url,
    title_guess,
)
from geomap.read.frontmatter import split_front_matter
from geomap.read.language import LANGUAGES, detect_language
from geomap.records import Article
from geomap.settings import Settings

#: File name endings read as articles; other files in the folder are ignored.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

CP1252_WARNING = "decoded as cp1252: not valid UTF-8"


def article_files(folder: Path) -> list[Path]:
    """The article files of ``folder`` (not its subfolders), by name; hidden files (editors' backups such
    as ``.#draft.txt``) are left out."""
    if not folder.is_dir():
        raise ArticleError(
            f"articles folder {shown_path(folder)} does not exist: create it and put articles (.txt, .md,"
            " .html) in it"
        )
    return sorted(
        (
            path
            for path in folder.iterdir()
            if path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".") and path.is_file()
        ),
        key=lambda path: path.name,
    )


def read_articles(folder: Path) -> tuple[list[Article], list[ArticleError]]:
    """Every article file of ``folder`` (see :func:`article_files`); bad files become errors."""
    articles: list[Article] = []
    errors: list[ArticleError] = []
    for path in article_files(folder):
        try:
            articles.append(read_article(path))
        except ArticleError as error:
            errors.append(error)
    return articles, errors


def read_article(
    path: Path,
    *,
    max_bytes: int = Settings.max_article_bytes,
    max_front_matter_chars: int = Settings.max_front_matter_chars,
    max_front_matter_depth: int = Settings.max_front_matter_depth,
) -> Article:
    """Read one article file; raises :class:`ArticleError` naming the file when it cannot be used."""
    label = shown_path(path)
    data = article_bytes(path, max_bytes=max_bytes)
    text, warnings = _decode(data, label)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleError(f"{label}: file is empty; remove it or paste the article text into it")
    # Hash of the decoded, normalised text: the same article keeps its id under another name or encoding.
    article_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    front, content = split_front_matter(text, max_chars=max_front_matter_chars, max_depth=max_front_matter_depth)
    warnings.extend(front.warnings)
    if not content.strip():
        raise ArticleError(f"{label}: no article text after the front matter; paste the text below it")

    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        parsed = parse_markdown(content)
    elif suffix in (".html", ".htm"):
        parsed = parse_html(content, label)
    else:
        parsed = parse_lines(content.split("\n"))

    lines = parsed.lines
    given_title = front.title or parsed.title
    title = clean_line(given_title or title_guess(lines) or shown_name(path.stem))
    # A headline is part of what the article says: a title given apart from the text (front matter, HTML
    # metadata) goes into the body unless the text already opens with it. A guessed title is text already.
    if given_title and not any(title in line for line in lines[:3]):
        lines = [title, *lines]
    body = "\n".join(line for line in lines if line)
    if not body.strip():
        raise ArticleError(f"{label}: no article text found; the file holds only boilerplate or captions")

    lang = front.lang
    if lang is None:
        lang = detect_language(f"{title}\n{body}")
    if lang is None and parsed.lang_hint in LANGUAGES:
        lang = parsed.lang_hint
    if lang is None:
        raise ArticleError(
            f"{label}: language not recognised; geomap reads French and English (set `lang:` in front matter)"
        )

    return Article(
        id=article_id,
        file=shown_name(path.name),
        title=title,
        outlet=front.outlet or parsed.outlet,
        url=front.url or parsed.url,
        # No date given: the one in its address, if any ("/2024/03/18/").
        published=front.published or parsed.published or published_from_url(front.url or parsed.url),
        lang=lang,
        body=body,
        related=tuple(parsed.related),
        warnings=tuple(warnings),
    )


# Reading and decoding -------------------------------------------------------------------------------


def article_bytes(path: Path, *, max_bytes: int = Settings.max_article_bytes) -> bytes:
    """The bytes of an article file, refused (:class:`ArticleError`) unless it is a regular file of at most
    ``max_bytes`` inside its folder: the size is checked before anything is read, and no more than
    ``max_bytes`` are read even from a file that grows meanwhile."""
    return b"".join(_chunks(path, max_bytes))


def article_hash(path: Path, *, max_bytes: int = Settings.max_article_bytes) -> str:
    """SHA-256 of an article file's bytes, read in chunks, with the refusals of :func:`article_bytes`."""
    digest = hashlib.sha256()
    for chunk in _chunks(path, max_bytes):
        digest.update(chunk)
    return digest.hexdigest()


def _chunks(path: Path, max_bytes: int) -> Iterator[bytes]:
    read = 0
    with _opened(path, max_bytes=max_bytes) as handle:
        while chunk := handle.read(min(_CHUNK, max_bytes + 1 - read)):
            read += len(chunk)
            if read > max_bytes:
                raise ArticleError(_too_big(shown_path(path), read, max_bytes))
            yield chunk


_CHUNK = 1 << 16


def link_outside(path: Path) -> Path | None:
    """Where ``path`` leads when it is a symbolic link out of its own folder (else None)."""
    if not path.is_symlink():
        return None
    target = Path(os.path.realpath(path))
    folder = Path(os.path.realpath(path.parent))
    return None if target.is_relative_to(folder) and target != folder else target


def _opened(path: Path, *, max_bytes: int) -> io.BufferedReader:
    label = shown_path(path)
    outside = link_outside(path)
    if outside is not None:
        raise ArticleError(
            f"{label}: a link to {shown_path(outside)}, outside the articles folder; geomap follows no link"
            " out of it: copy the file into the folder instead"
        )
    try:
        # O_NONBLOCK: opening a FIFO named like an article must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ArticleError(
            f"{label}: cannot read the file ({error.strerror or error}); check that it exists and is readable"
        ) from error
    handle = os.fdopen(fd, "rb")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        handle.close()
        raise ArticleError(f"{label}: not a regular file; save the article as a text file")
    if info.st_size > max_bytes:
        handle.close()
        raise ArticleError(_too_big(label, info.st_size, max_bytes))
    return handle


def _too_big(label: str, size: int, max_bytes: int) -> str:
    return (
        f"{label}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit for "
        "one article (Settings.max_article_bytes); split the file or keep only the article text"
    )


def _decode(data: bytes, label: str) -> tuple[str, list[str]]:
    """Text of the file and the warnings its decoding raised."""
    if not data.strip():
        raise ArticleError(f"{label}: file is empty; remove it or paste the article text into it")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows editors save "Unicode" text as UTF-16 with a byte-order mark; NUL bytes are expected.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"{label}: starts as UTF-16 text but is not valid UTF-16 ({error.reason})"
            ) from error
        if "\x00" in text:
            raise ArticleError(f"{label}: binary file (NUL characters), not an article; save it as text")
        return text, []
    if b"\x00" in data:
        raise ArticleError(f"{label}: binary file (NUL bytes), not an article; save the article as text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        # Old Windows tools write cp1252; its few undefined bytes become U+FFFD rather than an error.
        return data.decode("cp1252", errors="replace"), [CP1252_WARNING]


# Formats --------------------------------------------------------------------------------------------
