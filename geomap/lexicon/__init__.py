"""Language knowledge as data: the words and turns of phrase geomap reads, one TOML file per language.

``fr.toml`` and ``en.toml`` hold what French and English news write: event words by type, the words that
introduce a place, qualifiers, dates, stop words, abbreviations... A file with a ``[language]`` table is a
language; ``common.toml`` holds what no one language owns (the Arabic article of transliterated names,
news agencies), ``other-languages.toml`` the stop words of languages geomap recognises only to decline
them, and other files serve one module each (:meth:`Lexicon.file`). Adding a language is adding a file like
``fr.toml``: its entries join every list, and its ``[dates]`` table gives its date grammar.

Most entries are fragments of Python regular expressions (``\\s+`` between words, ``s?`` for a plural):
the modules that use them compose them into the patterns they need, and say how (case, anchors). An entry
is looked up by its dotted key, ``"events.not_event"``; the languages' lists are joined, in the order of
:data:`LANGUAGE_FILES` then any other language file found here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from geomap.errors import ConfigurationError

#: The language files read first, in this order (French first: it is the tool's first language).
LANGUAGE_FILES = ("fr.toml", "en.toml")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The lexicon files, parsed. Lists are joined across languages."""

    languages: tuple[tuple[str, Mapping[str, Any]], ...]  # (code, its table), in load order
    files: Mapping[str, Mapping[str, Any]]  # every file by name

    @property
    def common(self) -> Mapping[str, Any]:
        return self.files.get("common.toml", {})

    def file(self, name: str) -> Mapping[str, Any]:
        """One file's table, by name ("other-languages.toml")."""
        if name not in self.files:
            raise ConfigurationError(f"the lexicon has no file {name!r}")
        return self.files[name]

    @property
    def codes(self) -> tuple[str, ...]:
        """The languages geomap reads."""
        return tuple(code for code, _ in self.languages)

    def entries(self, key: str) -> list[str]:
        """The entries under ``key`` in every language (and ``common.toml``), in load order."""
        out = [e for table in (*(t for _, t in self.languages), self.common) for e in _strings(table, key)]
        if not out:
            raise ConfigurationError(f"no lexicon file has an entry {key!r}")
        return out

    def entries_of(self, code: str, key: str) -> list[str]:
        """The entries under ``key`` in one language's file."""
        return _strings(self.of(code), key)

    def words_of(self, code: str, key: str) -> frozenset[str]:
        """:meth:`words` of one language."""
        return frozenset(word for entry in self.entries_of(code, key) for word in entry.split())

    def alt(self, key: str) -> str:
        """The entries of ``key`` as one regular-expression group: ``(?:a|b|c)``."""
        return "(?:" + "|".join(self.entries(key)) + ")"

    def groups(self, key: str, names: Iterable[str]) -> str:
        """One named group per sub-table of ``key`` that exists, in the order of ``names``:
        ``(?P<base>...)|(?P<airport>...)``; which group matched tells which kind of thing was named."""
        table = self.mapping(key)
        return "|".join(f"(?P<{name}>" + self.alt(f"{key}.{name}") + ")" for name in names if name in table)

    def words(self, key: str) -> frozenset[str]:
        """The entries of ``key`` as a set of words (an entry may hold several, space-separated)."""
        return frozenset(word for entry in self.entries(key) for word in entry.split())

    def mapping(self, key: str) -> dict[str, Any]:
        """The tables under ``key`` in every language (and ``common.toml``), merged."""
        out: dict[str, Any] = {}
        for table in (*(t for _, t in self.languages), self.common):
            value = _lookup(table, key)
            if isinstance(value, Mapping):
                out.update(value)
        if not out:
            raise ConfigurationError(f"no lexicon file has a table {key!r}")
        return out

    def of(self, code: str) -> Mapping[str, Any]:
        """One language's table."""
        for name, table in self.languages:
            if name == code:
                return table
        raise ConfigurationError(f"no lexicon file for language {code!r}: geomap reads {', '.join(self.codes)}")


def _strings(table: Mapping[str, Any], key: str) -> list[str]:
    value = _lookup(table, key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigurationError(f"lexicon entry {key!r} must be a list of strings, not {value!r}")
    return value


def _lookup(table: Mapping[str, Any], key: str) -> Any:
    value: Any = table
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The lexicon shipped with geomap, read once per process."""
    return load_folder(resources.files(__name__))


def load_folder(folder: Traversable) -> Lexicon:
    """The lexicon files of ``folder``."""
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".toml"):
            try:
                files[path.name] = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigurationError(f"lexicon file {path.name} is not valid TOML: {exc}") from exc
    order = [n for n in LANGUAGE_FILES if n in files] + [n for n in files if n not in LANGUAGE_FILES]
    languages = tuple(
        (code, files[name]) for name in order if isinstance(code := _lookup(files[name], "language.code"), str)
    )
    return Lexicon(languages=languages, files=files)
