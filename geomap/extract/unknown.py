"""Names the gazetteer does not know, as a sentence gives them: a place geomap cannot draw, and the known
places that only hold it ("à Sévaré dans la région de Mopti", "Prde town in Kirkuk") or tell that the
sentence's event has a place of its own ("two dead in a strike on Deir Billa")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap import lexicon
from geomap.extract.dates import CALENDAR_WORDS
from geomap.extract.mentions import names_people
from geomap.records import Sentence

if TYPE_CHECKING:
    from geomap.extract.locate import Located

_LEXICON = lexicon.load()


def _alt(key: str) -> str:
    return _LEXICON.alt(f"locate.{key}")


# "Sévaré dans la région de Mopti": a region named after a place holds it, known or not.
_REGION_OF_NAME_BEFORE = re.compile(
    r"(?P<name>(?-i:[A-ZÀ-Ý][\w’'\-]+))(?:\s*,?\s*(?:" + _alt("holder_adverbs") + r"\s+)?"
    + _alt("holder_prepositions") + r"\s*"
    + _alt("holder_determiners") + r"?(?:[a-zà-ÿ]+\s+)?" + _alt("regions") + r"(?:\s+[a-zà-ÿ]+)?\s+" + _alt("of")
    + r")\s*$",
    re.IGNORECASE,
)


# "on the outskirts of Prde town in Kirkuk": a name its kind of place marks as one, then the place holding it.
_KIND_OF_NAME_BEFORE = re.compile(
    r"(?P<name>(?-i:[A-ZÀ-Ý][\w’'\-]+))\s+" + _alt("place_kinds_after") + r"\s*,?\s*"
    + _alt("kind_holder_prepositions") + r"\s*" + _alt("holder_determiners") + r"?$",
    re.IGNORECASE,
)


def holds_unknown_place(loc: Located, located: Sequence[Located]) -> bool:
    """ "à Sévaré dans la région de Mopti", "Prde town in Kirkuk": a region or town after a name the gazetteer
    does not know (a known one is weighed by the holder rule of :func:`locate.event_locations`; "en Syrie,
    dans la région d'Abou Kamal" names a country)."""
    text = loc.mention.sentence.text
    before = text[: loc.mention.start]
    m = _REGION_OF_NAME_BEFORE.search(before) or _KIND_OF_NAME_BEFORE.search(before)
    return m is not None and unknown_name(text, m.start("name"), m.end("name"), located)


# A name after a preposition of place: "a strike on Deir Billa", "à Sévaré".
# Each language's own prepositions: the English article "a" is the French "a" of "a Kharkiv".
_PLACE_NAME_AFTER_LOCATIVE = {
    code: re.compile(
        r"(?:^|\s)(?:" + "|".join(_LEXICON.entries_of(code, "locate.locative")) + r")\s+(?:"
        + "|".join(_LEXICON.entries_of(code, "mentions.determiners")) + r")?\s*"
        r"(?P<name>(?-i:[A-ZÀ-Ý][\w’'\-]*(?:\s+[A-ZÀ-Ý][\w’'\-]*)*))",
        re.IGNORECASE,
    )
    for code in _LEXICON.codes
    if "locative" in _LEXICON.of(code).get("locate", {})
}


def names_unknown_place(sentence: Sentence, located: Sequence[Located], *, lang: str) -> bool:
    """Whether the sentence puts something at a name the gazetteer does not know ("two dead in an Israeli
    strike on Deir Billa"): its event has a place, only not one geomap can draw."""
    text = sentence.text
    pattern = _PLACE_NAME_AFTER_LOCATIVE.get(lang)
    return pattern is not None and any(
        m.group("name").split()[0].lower() not in CALENDAR_WORDS
        and unknown_name(text, m.start("name"), m.end("name"), located)
        for m in pattern.finditer(text)
    )


def unknown_name(text: str, start: int, end: int, located: Sequence[Located]) -> bool:
    """Whether ``text[start:end]`` may be a place the gazetteer does not know: no person or group ("attacked
    by Al-Shabaab in the region of"), no place the sentence's mentions already name."""
    return not names_people(text, start, end) and not any(o.mention.start <= start < o.mention.end for o in located)
