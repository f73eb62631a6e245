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
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from geomap import settings
from geomap.errors import ArticleError
from geomap.records import Article
from geomap.sentences import split_sentences

#: File name endings read as articles; other files in the folder are ignored.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: Longest first line still taken for a headline.
MAX_TITLE_CHARS = 200
LANGUAGES = ("fr", "en")

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
_LANGUAGE_NAMES = {
    "fr": "fr",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "en": "en",
    "english": "en",
}

# Spaces that only typography tells apart; zero-width characters that only get in the way of matching.
_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200a\t ]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

# "Lire aussi : <title of another article>". The colon is required: "Related" alone is prose.
_RELATED = re.compile(
    r"^(?:(?:à|a)\s+lire\s+aussi|lire\s+aussi|lire\s+également|voir\s+aussi|pour\s+en\s+savoir\s+plus"
    r"|read\s+more|read\s+also|also\s+read|related(?:\s+articles?|\s+stories)?|see\s+also)\s*:\s*(?P<title>.*)$",
    re.I,
)
# "SOURCE: FRENCH PRESS TV" at the end of the text names the outlet.
_SOURCE = re.compile(r"^sources?\s*:\s*(?P<name>.+)$", re.I)
_MAX_OUTLET_CHARS = 60
_BOILERPLATE = re.compile(
    r"^(?:partager(?:\s+cet\s+article|\s+sur\s+\w+)?|share(?:\s+this\s+(?:article|story)|\s+on\s+\w+)?"
    r"|imprimer(?:\s+cet\s+article)?|print(?:\s+this\s+article)?|tweet|publicité|advertisement"
    r"|abonnez-vous|subscribe)\W*$",
    re.I,
)
# A photo caption ends with its credit in parentheses: "(AFP photo)", "(Photo d'archives)".
_TRAILING_PARENTHESES = re.compile(r"\((?P<credit>[^()]*)\)\s*$")
_PHOTO_WORDS = re.compile(
    r"(?i:\b(?:photos?|illustration|archives?|crédits?|credits?|images?|capture|screenshot|getty|file"
    r"|courtesy|dr)\b|©)"
)
_AGENCIES = frozenset(
    {
        "afp", "reuters", "ap", "epa", "epa-efe", "efe", "anadolu", "aa", "xinhua", "sipa", "dpa", "ansa",
        "irna", "sana", "tasnim", "mehr", "isna", "fars", "ina", "upi", "abaca", "maxppp", "belga",
    }
)  # fmt: skip
_MAX_CAPTION_CHARS = 500
# Acronyms that stay upper-case when an all-capitals outlet name is title-cased.
_OUTLET_ACRONYMS = frozenset(
    {
        "TV", "AFP", "AP", "BBC", "CNN", "RFI", "RT", "UPI", "NBC", "ABC", "CBS", "NPR", "DPA", "ANSA",
        "IRNA", "SANA", "ISNA", "IRIB", "TASS", "PBS", "ITV", "CBC", "FM", "US", "USA", "UK", "UN", "EU",
        "TF1", "LCI", "BFM", "RTL", "NYT", "WSJ",
    }
)  # fmt: skip

# Markdown, reduced to its text.
_MD_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_SETEXT_H1 = re.compile(r"^\s*=+\s*$")
_MD_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
_MD_HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\([^)]*\)|\[(?P<ref>[^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(?P<star>.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(?P<under>.+?)(?<=\S)_(?!\w)"
)
_MD_STRIKE = re.compile(r"~~(?P<text>.+?)~~")
_MD_CODE = re.compile(r"`(?P<text>[^`]*)`")
_MD_ESCAPE = re.compile(r"\\(?P<char>[\\`*_{}\[\]()#+\-.!>])")

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?(?P<lang>[A-Za-z]{2})", re.I)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Short, frequent words of each language. Words shared by two languages ("a", "on", "de", "la") count for
# neither: only what sets a language apart weighs. German, Spanish and Italian are here to be told apart
# from French and English, not to be read.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "fr": _word_set(
        "le la les des du et est une dans pour par sur au aux pas ne se sont ont il elle ils elles nous vous "
        "avec ce cette ces son sa ses leur leurs été plus mais ou qui que selon après contre entre été être "
        "avait était sera lors dont où aussi très sans sous chez depuis comme même tout tous fait "
        "l d qu n s c j"
    ),
    "en": _word_set(
        "the of and to is was that for with as by at from it he she they were are has have had been this "
        "which said not but or after their his her its who will would into about than more also them there "
        "when what been over could did those these"
    ),
    "de": _word_set(
        "der die das und ist nicht mit den von zu ein eine dem im auf für sich auch es wurde wird nach bei "
        "aus wie noch oder sind hat haben einer einen"
    ),
    "es": _word_set(
        "el los las y del con por para una es su sus lo como pero más fue este esta sobre entre también "
        "había son desde muy hasta"
    ),
    "it": _word_set(
        "il di che e per del della con non un una sono da nel gli alla dei delle anche come più ha questo "
        "stato essere"
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS_FOR_LANGUAGE = 6
_MIN_LANGUAGE_SHARE = 0.08  # of all words; French and English prose run at 25-40 % with these lists


def _distinctive(stop_words: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    return {
        lang: words.difference(*(other for name, other in stop_words.items() if name != lang))
        for lang, words in stop_words.items()
    }


_DISTINCTIVE_STOP_WORDS = _distinctive(_STOP_WORDS)


@dataclass(slots=True, kw_only=True)
class _Parsed:
    """What a file's format tells, before front matter overrides it."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang_hint: str | None = None
    lines: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class _FrontMatter:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_articles(folder: Path) -> tuple[list[Article], list[ArticleError]]:
    """Every article file of ``folder`` (not its subfolders), by file name; bad files become errors.

    Hidden files (editors' backups such as ``.#draft.txt``) are skipped.
    """
    if not folder.is_dir():
        raise ArticleError(
            f"{folder}: articles folder not found; create it or pass the folder that holds them"
        )
    articles: list[Article] = []
    errors: list[ArticleError] = []
    paths = sorted(
        (
            path
            for path in folder.iterdir()
            if path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".") and path.is_file()
        ),
        key=lambda path: path.name,
    )
    for path in paths:
        try:
            articles.append(read_article(path))
        except ArticleError as error:
            errors.append(error)
    return articles, errors


def read_article(path: Path) -> Article:
    """Read one article file; raises :class:`ArticleError` naming the file when it cannot be used."""
    label = str(path)
    data = _read_bytes(path, label)
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
        parsed = _parse_markdown(content)
    elif suffix in (".html", ".htm"):
        parsed = _parse_html(content, label)
    else:
        parsed = _parse_lines(content.split("\n"))

    lines = parsed.lines
    given_title = front.title or parsed.title
    title = _clean_line(given_title or _title_guess(lines) or path.stem)
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


def detect_language(text: str) -> str | None:
    """The language ``text`` clearly reads as, "fr" or "en"; ``None`` for another language or too few words.

    Counts the short words only one language uses (stop words), so names and numbers do not weigh.
    """
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return None
    hits = {
        lang: sum(1 for word in words if word in stop_words)
        for lang, stop_words in _DISTINCTIVE_STOP_WORDS.items()
    }
    best = max(hits, key=lambda lang: hits[lang])
    runner_up = max(count for lang, count in hits.items() if lang != best)
    # Clearly: enough of the text, and well ahead of the next language (quotes in another one happen).
    if best not in LANGUAGES or hits[best] < _MIN_LANGUAGE_SHARE * len(words) or hits[best] < 2 * runner_up:
        return None
    return best


# Reading and decoding -------------------------------------------------------------------------------


def _read_bytes(path: Path, label: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"{label}: {size / 1e6:.1f} MB is over the {settings.MAX_ARTICLE_BYTES / 1e6:g} MB limit for "
                "one article (settings.MAX_ARTICLE_BYTES); split the file or keep only the article text"
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
    """The front matter's fields and the text after it."""
    if not re.match(r"---[ \t]*\n", text):
        return _FrontMatter(), text
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ArticleError(f"{label}: front matter starts with '---' but has no closing '---' line; add one")
    try:
        data = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise ArticleError(f"{label}: front matter is not valid YAML: {reason}") from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(
            f"{label}: front matter must be `key: value` lines (title, source, url, published, lang), "
            f"not a {type(data).__name__}"
        )
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
            front.published = _front_matter_date(value, label)
        elif field_name == "lang":
            front.lang = _front_matter_lang(value, label)
        else:
            setattr(front, field_name, _clean_line(str(value)))
    return front, text[match.end() :]


def _front_matter_date(value: Any, label: str) -> str:
    # YAML reads an unquoted 2021-04-05 as a date and 2021-04-05T10:00:00Z as a datetime.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise ArticleError(
            f"{label}: front matter published: {text!r} is not a date; write it as YYYY-MM-DD"
        ) from None


def _front_matter_lang(value: Any, label: str) -> str:
    text = str(value).strip().lower()
    lang = _LANGUAGE_NAMES.get(text) or _LANGUAGE_NAMES.get(re.split(r"[-_]", text)[0])
    if lang is None:
        raise ArticleError(f"{label}: front matter lang: {value!r} is not supported; geomap reads fr and en")
    return lang


# Formats --------------------------------------------------------------------------------------------


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip()


def _parse_lines(raw_lines: list[str], *, title: str | None = None, detect_outlet: bool = True) -> _Parsed:
    """Sort the lines of a plain-text article into body, related titles, outlet; drop the rest."""
    title = _clean_line(title) if title else None
    parsed = _Parsed(title=title)
    lines = [_clean_line(line) for line in raw_lines]
    content = [index for index, line in enumerate(lines) if line]
    skip: set[int] = set()
    if detect_outlet and len(content) >= 2:
        first, second = lines[content[0]], lines[content[1]]
        if first != title and _looks_like_outlet(first) and len(second) <= MAX_TITLE_CHARS:
            parsed.outlet = first
            skip.add(content[0])
    source_outlet: str | None = None
    expecting_related = False
    for index in content:
        line = lines[index]
        if index in skip:
            continue
        if expecting_related:
            # "Lire aussi :" alone on its line: the other article's title is the next line.
            expecting_related = False
            if len(line) <= MAX_TITLE_CHARS:
                parsed.related.append(line)
                continue
        if related := _RELATED.match(line):
            if related.group("title").strip():
                parsed.related.append(related.group("title").strip())
            else:
                expecting_related = True
            continue
        source = _SOURCE.match(line)
        if source and _looks_like_source_name(source.group("name")):
            source_outlet = _outlet_name(source.group("name"))
            continue
        if _BOILERPLATE.match(line):
            continue
        # Captions come between the title and the text; a bare agency credit further down may end a
        # paragraph of prose, so only a photo word makes a caption anywhere.
        in_lead = len(parsed.lines) <= 1
        if _is_caption(line, in_lead=in_lead):
            continue
        parsed.lines.append(line)
    if source_outlet:
        parsed.outlet = source_outlet
    return parsed


def _looks_like_outlet(line: str) -> bool:
    """A very short line of capitalised words above the title, such as "TV" or "Le Monde"."""
    words = line.split()
    return (
        len(line) <= 30
        and len(words) <= 3
        and not re.search(r"[.!?:;,«»\"“”]", line)
        and all(word[0].isupper() or word[0].isdigit() for word in words)
    )


def _looks_like_source_name(name: str) -> bool:
    name = name.strip().rstrip(".")
    return 0 < len(name) <= _MAX_OUTLET_CHARS and len(name.split()) <= 6 and not re.search(r"[!?]|\.\s", name)


def _outlet_name(raw: str) -> str:
    """An outlet name as written; title-cased when in capitals ("FRENCH PRESS TV" -> "French Press TV")."""
    name = raw.strip().rstrip(".").strip()
    if name != name.upper():
        return name

    def word_case(word: str) -> str:
        if word in _OUTLET_ACRONYMS or not re.search(r"[AEIOUYÀ-ÖØ-Ý]", word):
            return word
        return "-".join(part.capitalize() for part in word.split("-"))

    return " ".join(word_case(word) for word in name.split())


def _is_caption(line: str, *, in_lead: bool) -> bool:
    match = _TRAILING_PARENTHESES.search(line)
    if match is None or len(line) > _MAX_CAPTION_CHARS:
        return False
    credit = match.group("credit").strip()
    if _PHOTO_WORDS.search(credit):
        return True
    parts = [part.strip().lower() for part in re.split(r"[/,]|\bvia\b", credit) if part.strip()]
    return in_lead and bool(parts) and all(part in _AGENCIES for part in parts)


def _title_guess(lines: list[str]) -> str | None:
    """The first line when short enough for a headline, else its first sentence, shortened if need be."""
    if not lines:
        return None
    first = lines[0]
    if len(first) <= MAX_TITLE_CHARS:
        return first
    sentences = split_sentences(first)
    guess = sentences[0].text if sentences else first
    if len(guess) <= MAX_TITLE_CHARS:
        return guess
    return guess[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _parse_markdown(text: str) -> _Parsed:
    lines: list[str] = []
    title: str | None = None
    in_code = False
    for raw in text.split("\n"):
        if _MD_FENCE.match(raw):
            in_code = not in_code  # code blocks are not prose
            continue
        if in_code or _MD_REFERENCE.match(raw):
            continue
        if _MD_RULE.match(raw):
            lines.append("")
            continue
        if _MD_SETEXT_H1.match(raw) and lines and lines[-1]:
            title = title or lines[-1]  # "Title\n=====" is a level-1 heading too
            continue
        heading = _MD_HEADING.match(raw)
        if heading:
            line = _markdown_inline(heading.group("text"))
            if heading.group("level") == "#" and title is None:
                title = line
            lines.append(line)
            continue
        line = _MD_LIST.sub("", _MD_QUOTE.sub("", raw))
        lines.append(_markdown_inline(line))
    return _parse_lines(lines, title=title)


def _markdown_inline(text: str) -> str:
    text = _MD_IMAGE.sub("", text)  # an image's alt text is a caption, not prose
    text = _MD_LINK.sub(lambda m: m.group("text") or m.group("ref"), text)
    text = _MD_AUTOLINK.sub(lambda m: m.group("url"), text)
    text = _MD_CODE.sub(lambda m: m.group("text"), text)
    text = _MD_STRONG.sub(lambda m: m.group("text"), text)
    text = _MD_EMPHASIS.sub(lambda m: m.group("star") or m.group("under"), text)
    text = _MD_STRIKE.sub(lambda m: m.group("text"), text)
    return _MD_ESCAPE.sub(lambda m: m.group("char"), text)


def _parse_html(html: str, label: str) -> _Parsed:
    # Imported here: trafilatura takes a noticeable time to import and most articles are plain text.
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as error:  # trafilatura fails in many ways on broken markup; the message says it
        raise ArticleError(f"{label}: HTML could not be read ({error}); save the article as .txt") from error
    text = getattr(document, "text", None) if document is not None else None
    if not text or not str(text).strip():
        raise ArticleError(
            f"{label}: no article text found in the HTML; save the article text as .txt instead"
        )
    title = _optional_text(getattr(document, "title", None))
    parsed = _parse_lines(str(text).split("\n"), title=title, detect_outlet=False)
    parsed.outlet = parsed.outlet or _optional_text(getattr(document, "sitename", None))
    parsed.url = _optional_text(getattr(document, "url", None))
    date = _optional_text(getattr(document, "date", None))
    if date:
        try:
            parsed.published = dt.date.fromisoformat(date[:10]).isoformat()
        except ValueError:
            parsed.published = None  # a date the page states badly is no date
    lang = _HTML_LANG.search(html)
    parsed.lang_hint = lang.group("lang").lower() if lang else None
    return parsed


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    text = _clean_line(str(value))
    return text or None
