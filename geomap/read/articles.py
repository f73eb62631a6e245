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
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from geomap import lexicon
from geomap.errors import ArticleError
from geomap.read.formats import (
    URL,
    clean_line,
    parse_html,
    parse_lines,
    parse_markdown,
    parse_published,
    title_guess,
)
from geomap.read.language import LANGUAGES, detect_language
from geomap.records import Article
from geomap.settings import Settings

#: File name endings read as articles; other files in the folder are ignored.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

CP1252_WARNING = "decoded as cp1252: not valid UTF-8"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)(?:\n|^)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_FRONT_MATTER_KEYS = {
    "title": "title",
    "source": "outlet",
    "outlet": "outlet",
    "url": "url",
    "published": "published",
    "date": "published",
    "lang": "lang",
    "language": "lang",
}
#: What front matter may call each language (`lang: français`).
_LANGUAGE_NAMES = {
    name: code for code in LANGUAGES for name in lexicon.load().entries_of(code, "language.names")
}


@dataclass(slots=True, kw_only=True)
class _FrontMatter:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)


def article_files(folder: Path) -> list[Path]:
    """The article files of ``folder`` (not its subfolders), by name; hidden files (editors' backups such
    as ``.#draft.txt``) are left out."""
    if not folder.is_dir():
        raise ArticleError(
            f"articles folder {folder} does not exist: create it and put articles (.txt, .md, .html) in it"
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


def read_article(path: Path, *, max_bytes: int = Settings.max_article_bytes) -> Article:
    """Read one article file; raises :class:`ArticleError` naming the file when it cannot be used."""
    label = str(path)
    data = _read_bytes(path, label, max_bytes)
    text, warnings = _decode(data, label)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleError(f"{label}: file is empty; remove it or paste the article text into it")
    # Hash of the decoded, normalised text: the same article keeps its id under another name or encoding.
    article_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    front, content = _split_front_matter(text, label)
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
    title = clean_line(given_title or title_guess(lines) or path.stem)
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
        file=path.name,
        title=title,
        outlet=front.outlet or parsed.outlet,
        url=front.url or parsed.url,
        published=front.published or parsed.published,
        lang=lang,
        body=body,
        related=tuple(parsed.related),
        warnings=tuple(warnings),
    )


# Reading and decoding -------------------------------------------------------------------------------


def _read_bytes(path: Path, label: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                f"{label}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit for "
                "one article (Settings.max_article_bytes); split the file or keep only the article text"
            )
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ArticleError(
            f"{label}: cannot read the file ({reason}); check that it exists and is readable"
        ) from error


def _decode(data: bytes, label: str) -> tuple[str, list[str]]:
    """Text of the file and the warnings its decoding raised."""
    if not data.strip():
        raise ArticleError(f"{label}: file is empty; remove it or paste the article text into it")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows editors save "Unicode" text as UTF-16 with a byte-order mark; NUL bytes are expected.
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"{label}: starts as UTF-16 text but is not valid UTF-16 ({error.reason})"
            ) from error
    if b"\x00" in data:
        raise ArticleError(f"{label}: binary file (NUL bytes), not an article; save the article as text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        # Old Windows tools write cp1252; its few undefined bytes become U+FFFD rather than an error.
        return data.decode("cp1252", errors="replace"), [CP1252_WARNING]


def _split_front_matter(text: str, label: str) -> tuple[_FrontMatter, str]:
    """The front matter's fields and the text after it.

    Metadata never costs the article: what does not parse is named in a warning and ignored, and the
    article is read from its text.
    """
    if not re.match(r"---[ \t]*\n", text):
        return _FrontMatter(), text
    match = _FRONT_MATTER.match(text)
    if match is None:
        opening = text.index("\n") + 1
        return _FrontMatter(
            warnings=["front matter starts with '---' but has no closing '---' line: read as text"]
        ), text[opening:]
    ignored = "ignored; the article is read from its text"
    try:
        data = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        return _FrontMatter(warnings=[f"front matter is not valid YAML ({reason}): {ignored}"]), text[match.end() :]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return _FrontMatter(
            warnings=[
                "front matter must be `key: value` lines (title, source, url, published, lang), "
                f"not a {type(data).__name__}: {ignored}"
            ]
        ), text[match.end() :]
    front = _FrontMatter()
    for key, value in data.items():
        field_name = _FRONT_MATTER_KEYS.get(str(key).lower())
        if field_name is None:
            known = ", ".join(sorted(set(_FRONT_MATTER_KEYS) - {"outlet", "date", "language"}))
            front.warnings.append(f"front matter key {key!r} is not used (known keys: {known})")
            continue
        if value is None or value == "":
            continue
        if field_name == "published":
            front.published = parse_published(value)
            if front.published is None:
                front.warnings.append(
                    f"front matter {key}: {str(value)[:60]!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY): ignored"
                )
        elif field_name == "lang":
            front.lang = _front_matter_lang(value)
            if front.lang is None:
                front.warnings.append(
                    f"front matter {key}: {str(value)[:60]!r} is not a language geomap reads "
                    f"({', '.join(LANGUAGES)}): ignored, the language is told from the text"
                )
        elif field_name == "url" and not URL.match(str(value).strip()):
            front.warnings.append(f"front matter {key}: {str(value)[:60]!r} is not a web address: ignored")
        else:
            setattr(front, field_name, clean_line(str(value)))
    return front, text[match.end() :]


def _front_matter_lang(value: Any) -> str | None:
    text = str(value).strip().lower()
    return _LANGUAGE_NAMES.get(text) or _LANGUAGE_NAMES.get(re.split(r"[-_]", text)[0])


# Formats --------------------------------------------------------------------------------------------
