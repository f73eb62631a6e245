"""The countries an article's nationality adjectives name: "des soldats maliens", "Somali troops".

A people's country tells which part of the world the story is about, as a country named as who did
something does ("Russia launched missiles"), never where: it weighs in the vote for the article's countries
so that "le camp de Boni" in a story of Malian soldiers is the Malian village, not a German city's airport.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geomap import lexicon
from geomap.records import Mention

_PEOPLES: dict[str, str] = lexicon.load().mapping("countries.peoples")
_CODES: tuple[str, ...] = tuple(_PEOPLES.values())
# One group per adjective: the group that matched gives its country. Whole words ("Russell" is no
# Russian), a hyphen apart ("Iranian-backed" names Iran all the same).
_ADJECTIVES = "(?:" + "|".join(f"(?P<p{i}>{adjective})" for i, adjective in enumerate(_PEOPLES)) + ")"
_PATTERN = re.compile(r"(?<!\w)" + _ADJECTIVES + r"(?!\w)", re.IGNORECASE)


def peoples_countries(texts: Iterable[str]) -> list[str]:
    """The countries the texts' nationality adjectives name, each once, in the order they first appear."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _PATTERN.finditer(text):
            assert match.lastgroup is not None
            found.setdefault(_CODES[int(match.lastgroup[1:])], None)
    return list(found)


# A people's adjective that qualifies the kind of place before its name ("the Malian town of Boni", "the
# Syrian border town of", "la ville malienne de Boni") says the country it lies in, as "Boni, Mali" does.
# Whole words only: "the Russian-occupied town of" says who holds it, not where.
_BEFORE_KIND = re.compile(r"(?<![\w-])" + _ADJECTIVES + r"\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_WITHIN_KIND = re.compile(r"\s" + _ADJECTIVES + r"\s", re.IGNORECASE)


def country_of_kind(mention: Mention) -> str | None:
    """The country a nationality adjective gives the kind of place named before the mention, if one does."""
    if mention.hint is None or mention.qualified_text.startswith(mention.text):
        return None
    kind = mention.qualified_text[: -len(mention.text)]
    before = mention.sentence.text[: mention.qualified_span[0]]
    match = _BEFORE_KIND.search(before[-40:]) or _WITHIN_KIND.search(kind)
    if match is None or match.lastgroup is None:
        return None
    return _CODES[int(match.lastgroup[1:])]
