"""YAML front matter (``---`` lines at the top of an article), parsed with bounds a hostile file cannot pass.

YAML lets a few hundred bytes stand for billions of values: an anchor (``&x``) names a value and each
alias (``*x``) repeats it, so nine levels of nine aliases are 9**9 strings once anything walks them
("billion laughs"). Deep nesting (``[[[[...]]]]``) exhausts the parser's recursion instead. Front matter
only ever needs a few ``key: value`` lines, so it is ignored, with a warning, when it is longer than
``Settings.max_front_matter_chars``, nests deeper than ``Settings.max_front_matter_depth``, or uses an
alias at all. These are checked on the stream of parser events, before any value is built. Metadata never
costs the article: it is then read from its text, as when the front matter is not YAML at all.

Only the keys geomap knows are used (``title``, ``source``, ``url``, ``published``, ``lang``); each must be
a single value, not a list or a mapping. Text values lose control characters (a NUL, an ESC, a newline),
which have no place in a title and would reach the CSV and the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from geomap import lexicon
from geomap.read.formats import URL, clean_line, parse_published
from geomap.read.language import LANGUAGES
from geomap.settings import Settings

_START = re.compile(r"---[ \t]*\n")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)(?:\n|^)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_KEYS = {
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
_SCALARS = (str, int, float, bool, dt.date)


@dataclass(slots=True, kw_only=True)
class FrontMatter:
    """The fields front matter gives (None where it does not), and its warnings."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)


def split_front_matter(
    text: str,
    *,
    max_chars: int = Settings.max_front_matter_chars,
    max_depth: int = Settings.max_front_matter_depth,
) -> tuple[FrontMatter, str]:
    """The front matter's fields and the text after it.

    Metadata never costs the article: front matter that is unsafe or does not parse is ignored whole, a
    field that is not what it should be is ignored alone, each named in a warning, and the article is read
    from its text.
    """
    if not _START.match(text):
        return FrontMatter(), text
    match = _FRONT_MATTER.match(text)
    if match is None:
        opening = text.index("\n") + 1
        return FrontMatter(
            warnings=["front matter starts with '---' but has no closing '---' line: read as text"]
        ), text[opening:]
    after = text[match.end() :]
    ignored = "ignored; the article is read from its text"
    source = match.group("yaml")
    if len(source) > max_chars:
        problem = (
            f"front matter is {len(source)} characters, over the limit of {max_chars}"
            " (Settings.max_front_matter_chars); keep only title, source, url, published and lang in it"
        )
        return FrontMatter(warnings=[f"{problem}: {ignored}"]), after
    try:
        data = _load(source, max_depth=max_depth)
    except _NotYaml as error:
        # "title: Syrie: trois morts..." (a colon in a title left unquoted) is no YAML, yet its lines say what
        # they mean: each is read alone, so one bad line costs only itself.
        front = _fields(_lines(source))
        front.warnings.insert(0, f"front matter {error}: read line by line as `key: value`")
        return front, after
    except _Unreadable as error:
        return FrontMatter(warnings=[f"front matter {error}: {ignored}"]), after
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(
            warnings=[
                "front matter must be `key: value` lines (title, source, url, published, lang), "
                f"not a {type(data).__name__}: {ignored}"
            ]
        ), after
    return _fields(data), after


def _fields(data: dict[Any, Any]) -> FrontMatter:
    """The fields geomap knows of a front matter's keys and values, each checked alone."""
    front = FrontMatter()
    for key, value in data.items():
        field_name = _KEYS.get(str(key).lower())
        if field_name is None:
            known = ", ".join(sorted(set(_KEYS) - {"outlet", "date", "language"}))
            front.warnings.append(f"front matter key {_short(key)} is not used (known keys: {known})")
            continue
        if value is None or value == "":
            continue
        if not isinstance(value, _SCALARS):
            front.warnings.append(
                f"front matter {_short(key, quote=False)}: is a {type(value).__name__}, not one value: ignored"
            )
            continue
        if field_name == "published":
            front.published = parse_published(value)
            if front.published is None:
                front.warnings.append(
                    f"front matter {_short(key, quote=False)}: {_short(str(value))} is not a date"
                    " (YYYY-MM-DD, YYYY-MM or YYYY): ignored"
                )
        elif field_name == "lang":
            front.lang = _lang(value)
            if front.lang is None:
                front.warnings.append(
                    f"front matter {_short(key, quote=False)}: {_short(str(value))} is not a language geomap"
                    f" reads ({', '.join(LANGUAGES)}): ignored, the language is told from the text"
                )
        elif field_name == "url" and not URL.match(str(value).strip()):
            front.warnings.append(
                f"front matter {_short(key, quote=False)}: {_short(str(value))} is not a web address: ignored"
            )
        else:
            setattr(front, field_name, plain_text(str(value)))
    return front


_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w\-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.M)


def _lines(source: str) -> dict[str, str]:
    """`key: value` lines read one by one (the first colon ends the key), quotes around a value dropped; a
    list or a mapping left open ("title: [unclosed") is no value."""
    out: dict[str, str] = {}
    for m in _LINE.finditer(source):
        value = m.group("value")
        if value[:1] in ("[", "{"):
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        out.setdefault(m.group("key"), value)
    return out


def plain_text(value: str) -> str:
    """One line of text: control characters (NUL, ESC, line breaks) become spaces."""
    return clean_line("".join(" " if unicodedata.category(c) == "Cc" else c for c in value))


class _Unreadable(Exception):
    """Front matter that is not built: unsafe, or not YAML."""


class _NotYaml(_Unreadable):
    """Front matter that is safe but not YAML: read line by line."""


def _load(source: str, *, max_depth: int) -> Any:
    try:
        events = []
        for event, problem in _checked(source, max_depth):
            if problem is not None:
                raise _Unreadable(problem)
            events.append(event)
        # Built from the events just checked: ``yaml.safe_load`` would parse the text a second time.
        return _Replay(events).get_single_data()
    except _Unreadable:
        raise
    except yaml.YAMLError as error:
        raise _NotYaml(f"is not valid YAML ({' '.join(str(error).split())})") from error
    # Anything else PyYAML lets out of a value it cannot build (a date 2021-99-99 is a ValueError, a
    # 5,000-digit number too): hostile or not, it is this file's metadata that is lost, never the build.
    except Exception as error:
        raise _NotYaml(f"is not valid YAML ({' '.join(str(error).split())})") from error


def _checked(source: str, max_depth: int) -> Iterator[tuple[yaml.Event, str | None]]:
    """The parser's events, each with what makes it unsafe to build, if anything (nothing is built)."""
    depth = 0
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        problem = None
        if isinstance(event, yaml.AliasEvent):
            problem = (
                f"uses a YAML alias (*{_short(event.anchor, quote=False)}), which geomap does not expand; "
                "write the value out"
            )
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                problem = (
                    f"nests more than {max_depth} levels deep (Settings.max_front_matter_depth); "
                    "use plain `key: value` lines"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        yield event, problem


class _Replay(yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """``yaml.SafeLoader`` whose parser hands out events already parsed: the same nodes and values (its
    composer, constructor and resolver are the safe loader's), from one reading of the text."""

    def __init__(self, events: list[yaml.Event]) -> None:
        self._events = events
        self._next = 0
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    # The parser's interface, as yaml.parser.Parser answers it.
    def check_event(self, *choices: type[yaml.Event]) -> bool:
        if self._next >= len(self._events):
            return False
        return not choices or isinstance(self._events[self._next], choices)

    def peek_event(self) -> yaml.Event | None:
        return self._events[self._next] if self._next < len(self._events) else None

    def get_event(self) -> yaml.Event | None:
        event = self.peek_event()
        self._next += 1
        return event


def _short(value: Any, *, quote: bool = True, limit: int = 60) -> str:
    text = repr(value) if quote else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lang(value: Any) -> str | None:
    text = str(value).strip().lower()
    return _LANGUAGE_NAMES.get(text) or _LANGUAGE_NAMES.get(re.split(r"[-_]", text)[0])
