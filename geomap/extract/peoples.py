"""The countries an article's nationality adjectives name: "des soldats maliens", "Somali troops".

A people's country tells which part of the world the story is about, as a country named as who did
something does ("Russia launched missiles"), never where: it weighs in the vote for the article's countries
so that "le camp de Boni" in a story of Malian soldiers is the Malian village, not a German city's airport.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geomap import lexicon

_PEOPLES: dict[str, str] = lexicon.load().mapping("countries.peoples")
_CODES: tuple[str, ...] = tuple(_PEOPLES.values())
# One group per adjective: the group that matched gives its country. Whole words ("Russell" is no
# Russian), a hyphen apart ("Iranian-backed" names Iran all the same).
_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<p{i}>{adjective})" for i, adjective in enumerate(_PEOPLES)) + r")(?!\w)",
    re.IGNORECASE,
)


def peoples_countries(texts: Iterable[str]) -> list[str]:
    """The countries the texts' nationality adjectives name, each once, in the order they first appear."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _PATTERN.finditer(text):
            assert match.lastgroup is not None
            found.setdefault(_CODES[int(match.lastgroup[1:])], None)
    return list(found)
