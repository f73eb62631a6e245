"""The formats an article comes in (plain text, Markdown, HTML), reduced to its title and lines of prose.

What is kept is what the extractor will look for incidents in, so anything that is not the article's own
prose stays out: the outlet line, photo captions, "share" boilerplate, and the titles of other articles it
links to ("Lire aussi : ..."), which are kept apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from geomap import lexicon
from geomap.errors import ArticleError
from geomap.read.sentences import split_sentences

_LEXICON = lexicon.load()

#: Longest first line still taken for a headline.
MAX_TITLE_CHARS = 200

# Spaces that only typography tells apart; zero-width characters that only get in the way of matching.
_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200a\t ]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

# "Lire aussi : <title of another article>". The colon is required: "Related" alone is prose.
_RELATED = re.compile(r"^" + _LEXICON.alt("read.related") + r"\s*:\s*(?P<title>.*)$", re.I)
# "SOURCE: FRENCH PRESS TV" at the end of the text names the outlet; "SOURCE: https://..." the address.
_SOURCE = re.compile(r"^" + _LEXICON.alt("read.source") + r"\s*:\s*(?P<name>.+)$", re.I)
URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_MAX_OUTLET_CHARS = 60
_BOILERPLATE = re.compile(r"^" + _LEXICON.alt("read.boilerplate") + r"\W*$", re.I)
# A photo caption ends with its credit in parentheses: "(AFP photo)", "(Photo d'archives)".
_TRAILING_PARENTHESES = re.compile(r"\((?P<credit>[^()]*)\)\s*$")
_PHOTO_WORDS = re.compile(r"(?i:\b" + _LEXICON.alt("read.photo_words") + r"\b|©)")
_AGENCIES = _LEXICON.words("outlets.agencies")
_MAX_CAPTION_CHARS = 500
# Acronyms that stay upper-case when an all-capitals outlet name is title-cased.
_OUTLET_ACRONYMS = _LEXICON.words("outlets.acronyms")

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


@dataclass(slots=True, kw_only=True)
class Parsed:
    """What a file's format tells, before front matter overrides it."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang_hint: str | None = None
    lines: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)



def clean_line(line: str) -> str:
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip()


def parse_lines(raw_lines: list[str], *, title: str | None = None, detect_outlet: bool = True) -> Parsed:
    """Sort the lines of a plain-text article into body, related titles, outlet; drop the rest."""
    title = clean_line(title) if title else None
    parsed = Parsed(title=title)
    lines = [clean_line(line) for line in raw_lines]
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
        if source and (address := URL.search(source.group("name"))):
            # "SOURCE: https://..." is where the article was found, not its outlet, and its slug (full of
            # place names) is no prose; what remains of the line may name the outlet.
            parsed.url = parsed.url or _web_address(address.group())
            rest = URL.sub("", source.group("name")).strip(" ,;-–|")
            if rest and _looks_like_source_name(rest):
                source_outlet = _outlet_name(rest)
            continue
        if source and _looks_like_source_name(source.group("name")):
            source_outlet = _outlet_name(source.group("name"))
            continue
        if URL.fullmatch(line):
            parsed.url = parsed.url or _web_address(line)  # an address alone on its line is no prose
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


def _web_address(text: str) -> str:
    text = text.rstrip(".,;)")
    return text if text.lower().startswith("http") else f"https://{text}"


def parse_published(value: object) -> str | None:
    """A publication date as ISO text, as precise as given: "2021-04-05", "2021-07" or "2021"; None when
    ``value`` is no date. Accepts ISO dates and datetimes (also followed by a note), YAML dates, day/month/year
    with slashes or dots, and dates with a month name in a language geomap reads ("5 avril 2021")."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1900 <= value <= 2100:
        return str(value)  # YAML reads an unquoted 2021 as a number
    text = " ".join(str(value).split())
    iso = _ISO_PREFIX.match(text)
    if iso:
        year, month, day = iso.group("year"), iso.group("month"), iso.group("day")
        return _checked(int(year), int(month) if month else None, int(day) if day else None)
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        return _checked(int(numeric.group("year")), int(numeric.group("month")), int(numeric.group("day")))
    named = _NAMED_DATE.search(text)
    if named:
        month = _MONTHS.get(named.group("month").lower().rstrip("."))
        day = named.group("day") or named.group("day2")
        if month:
            return _checked(int(named.group("year")), month, int(day) if day else None)
    return None


# Dates in addresses: ".../2024/03/18/slug", ".../2024-03-18-slug", ".../stories/202301230322.html".
_URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?=/|$|[-_.])"),
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
    # yyyymmdd, perhaps followed by the time (hhmm, hhmmss), as a whole path segment or file name.
    re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?:\d{4}|\d{6})?(?=[./]|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[01]?\d)(?=/)"),
)


def published_from_url(url: str | None) -> str | None:
    """The publication date an article's address gives, as precise as it gives it, or None."""
    if not url:
        return None
    for pattern in _URL_DATES:
        m = pattern.search(url)
        if m:
            day = m.groupdict().get("day")
            found = _checked(int(m.group("year")), int(m.group("month")), int(day) if day else None)
            if found:
                return found
    return None


def _checked(year: int, month: int | None, day: int | None) -> str | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
        if month is not None:
            return dt.date(year, month, 1).isoformat()[:7]
        return f"{dt.date(year, 1, 1).year:04d}"
    except ValueError:
        return None


_ISO_PREFIX = re.compile(r"^(?P<year>(?:19|20)\d{2})(?:[-/](?P<month>[01]?\d)(?:[-/](?P<day>[0-3]?\d))?)?(?=$|[T\s(,;])")
_NUMERIC_DATE = re.compile(r"^(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d{2})\b")
#: Month names of every language the lexicon has, lower case ("avril", "april", "apr").
_MONTHS: dict[str, int] = {
    name.lower().rstrip("."): number
    for code in _LEXICON.codes
    for table in ("months", "month_abbreviations")
    for name, number in _LEXICON.of(code).get("dates", {}).get(table, {}).items()
}
_NAMED_DATE = re.compile(
    r"(?:\b(?P<day>[0-3]?\d)(?:er|st|nd|rd|th)?\s+)?(?P<month>"
    + "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True))
    + r")\.?(?:\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?)?\s+(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


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


def title_guess(lines: list[str]) -> str | None:
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


def parse_markdown(text: str) -> Parsed:
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
    return parse_lines(lines, title=title)


def _markdown_inline(text: str) -> str:
    text = _MD_IMAGE.sub("", text)  # an image's alt text is a caption, not prose
    text = _MD_LINK.sub(lambda m: m.group("text") or m.group("ref"), text)
    text = _MD_AUTOLINK.sub(lambda m: m.group("url"), text)
    text = _MD_CODE.sub(lambda m: m.group("text"), text)
    text = _MD_STRONG.sub(lambda m: m.group("text"), text)
    text = _MD_EMPHASIS.sub(lambda m: m.group("star") or m.group("under"), text)
    text = _MD_STRIKE.sub(lambda m: m.group("text"), text)
    return _MD_ESCAPE.sub(lambda m: m.group("char"), text)


def parse_html(html: str, label: str) -> Parsed:
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
    parsed = parse_lines(str(text).split("\n"), title=title, detect_outlet=False)
    parsed.outlet = parsed.outlet or _optional_text(getattr(document, "sitename", None))
    parsed.url = _optional_text(getattr(document, "url", None))
    date = _optional_text(getattr(document, "date", None))
    parsed.published = parse_published(date) if date else None  # a date the page states badly is no date
    lang = _HTML_LANG.search(html)
    parsed.lang_hint = lang.group("lang").lower() if lang else None
    return parsed


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    text = clean_line(str(value))
    return text or None
