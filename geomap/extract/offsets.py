"""Places given by a distance and a bearing from a named place: "40 nautical miles south-east of Aden", "à
30 km au nord de Kirkouk", "60 nautical miles off the port of Hodeidah", a bearing alone ("au nord de
Bagdad"), halfway "between" two towns. Each is an approximate point, named after both."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from geomap import lexicon
from geomap.extract.gaps import REFERENCE_GAP
from geomap.geo import destination, haversine_km
from geomap.places.geography import contains
from geomap.records import NEAR, Mention, Resolution
from geomap.settings import Performance

if TYPE_CHECKING:
    from geomap.extract.locate import Located

_LEXICON = lexicon.load()


def _before(mention: Mention) -> str:
    """The sentence before the mention and its qualifier."""
    return mention.sentence.text[: mention.qualified_span[0]]


def _bearing_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """ "au nord de X", "north of X": one group per language, with the side each word names."""
    groups, sides = [], {}
    for code in _LEXICON.codes:
        table = _LEXICON.of(code).get("locate", {})
        if "bearings" not in table:
            continue
        sides.update({word.lower(): side for word, side in table["bearings"].items()})
        before = "|".join(table.get("bearing_before", []))
        not_after = "".join(f"(?<!{x})" for x in table.get("bearing_not_after", []))
        groups.append(
            r"(?:^|\s)" + (f"(?:{before})" if before else "") + not_after
            + f"(?P<{code}>" + "|".join(table["bearings"]) + ")"
            + "(?:" + "|".join(table.get("bearing_quarters", [])) + ")?"
            + r"\s+(?:" + "|".join(table["bearing_of"]) + ")"
        )
    return re.compile("(?:" + "|".join(groups) + r")\s*$", re.IGNORECASE), sides


# "au nord de Bagdad", "à l'ouest de", "north of Baghdad": outside the town, on that side of it. "Dans le
# nord de", "dans l'est de", "in the north of" are inside it.
_BEARING, SIDES = _bearing_pattern()


# "près de Taëz", "near Jarabulus": somewhere around the town, on no side in particular.
_NEAR = re.compile(r"(?:^|\s)(?:" + _LEXICON.alt("locate.near") + r")\s*$", re.IGNORECASE)


def bearing_of(cue: str) -> str | None:
    """ "n", "s", "e" or "w" when a place is given only as a bearing ("au nord de", "south of"); "near" when
    only as near it ("près de", "near")."""
    m = _BEARING.search(" " + cue)
    if m is None:
        return NEAR if _NEAR.search(" " + cue) else None
    word = next(m.group(code) for code in _LEXICON.codes if code in m.re.groupindex and m.group(code))
    return SIDES[word.lower()]


# A distance in words too, as tolls give numbers: "à une vingtaine de kilomètres de X", "some twenty
# kilometres from X" (lexicon casualties.numbers).
_NUMBER_WORDS = {
    " ".join(word.lower().split()): float(n) for word, n in _LEXICON.mapping("casualties.numbers").items()
}
_NUMBER = (
    r"(?P<n>\d+(?:[.,]\d+)?|(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?:\s+" + _LEXICON.alt("offsets.number_of") + r")?)"
)
# "130km (81 miles) south of Mogadishu", "4 km (2.5 miles) from Bosso": the same distance in another unit.
_OTHER_UNIT = r"(?:\s*\([^()]{1,30}\))?"


def _offsets() -> tuple[re.Pattern[str], dict[str, float], dict[str, float]]:
    units = _LEXICON.mapping("offsets.units")
    bearings = _LEXICON.mapping("offsets.bearings")

    def keys(table: dict[str, float]) -> str:
        return "|".join(sorted(table, key=len, reverse=True))

    pattern = re.compile(
        _NUMBER + r"\s*(?P<unit>" + keys(units) + r")" + _OTHER_UNIT
        + r"\s+(?:" + _LEXICON.alt("offsets.towards")
        + r")?(?P<dir>" + keys(bearings) + r")\s+" + _LEXICON.alt("offsets.of")
        + _LEXICON.alt("mentions.determiners") + "?"
        + r"(?:[\w\-]+['’]s\s+)?"  # "60 nautical miles southeast of Yemen's Aden"
        + _LEXICON.alt("offsets.named_as") + "?$",  # "30km south of the capital Mogadishu"
        re.IGNORECASE,
    )
    return pattern, units, bearings


_OFFSET, _UNITS, _BEARINGS = _offsets()
_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
# Every measure names its unit: a sentence with none (most) is not searched for one, a search that tries the
# number words at every position.
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_UNIT = re.compile(_UNIT_WORDS, re.IGNORECASE)


@lru_cache(maxsize=Performance.sentence_memo)
def _names_a_unit(sentence: str) -> bool:
    return _UNIT.search(sentence) is not None


def offset_of(mention: Mention) -> tuple[float, float] | None:
    """(km, bearing in degrees) when the sentence gives the place as a distance and a direction from the
    named one: "à 40 milles nautiques au sud-est d'Aden", "30 km north of Kirkuk"."""
    if not _names_a_unit(mention.sentence.text):
        return None
    m = _OFFSET.search(_before(mention))
    if m is None:
        return None
    side = next(k for k in sorted(_BEARINGS, key=len, reverse=True) if re.fullmatch(k, m.group("dir"), re.I))
    return _distance_km(m), _BEARINGS[side]


def _distance_km(m: re.Match[str]) -> float:
    """The distance a match's ``n`` and ``unit`` groups give, in km ("40 milles nautiques": 74.08)."""
    unit = next(k for k in sorted(_UNITS, key=len, reverse=True) if re.fullmatch(k, m.group("unit"), re.I))
    n = m.group("n")
    if n[:1].isdigit():
        return float(n.replace(",", ".")) * _UNITS[unit]
    words = " ".join(_NUMBER_OF_AT_END.sub("", n.lower()).split())
    return _NUMBER_WORDS[words] * _UNITS[unit]


# "60 nautical miles off the Red Sea port of", "à 60 milles marins du port de": a distance with no bearing;
# a few words (the place's kind, an adjective, a possessive, "the Red Sea port of") may come between it and the name.
_NUMBER_OF_AT_END = re.compile(r"\s+" + _LEXICON.alt("offsets.number_of") + r"$", re.IGNORECASE)
_SEAWARD = re.compile(
    _NUMBER + r"\s*(?P<unit>" + _UNIT_WORDS + r")" + _OTHER_UNIT
    + r"\s+(?:"
    + r"(?P<seaward>" + _LEXICON.alt("offsets.seaward") + r")|" + _LEXICON.alt("offsets.from") + r")"
    + _LEXICON.alt("mentions.determiners") + r"?(?:[\w’'\-]+\s+){0,4}$",
    re.IGNORECASE,
)
_NAUTICAL = re.compile(_LEXICON.alt("offsets.nautical"), re.IGNORECASE)


def _seaward_match(mention: Mention) -> re.Match[str] | None:
    """A distance with no bearing right before the place ("60 nautical miles off the port of")."""
    return _SEAWARD.search(_before(mention)) if _names_a_unit(mention.sentence.text) else None


def seaward_of(mention: Mention) -> float | None:
    """The distance (km) when the sentence puts the place at sea off the named one, with no bearing: "60
    nautical miles off the port of Hodeidah" (any unit after "off", "au large de"; a nautical one after
    "from", "de"). Which way the sea lies is the country outlines' to say."""
    m = _seaward_match(mention)
    if m is None or not (m.group("seaward") or _NAUTICAL.fullmatch(m.group("unit"))):
        return None
    return _distance_km(m)


def between(a: Resolution, b: Resolution, *, max_km: float) -> Resolution | None:
    """The point halfway between two towns or sites no farther apart than ``max_km``: precision
    approximate, named after both (None for provinces, countries, or towns too far apart to say)."""
    placed = ("point", "locality")
    if a.precision not in placed or b.precision not in placed:
        return None
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km > max_km:
        return None
    return replace(
        a,
        canonical=f"between {a.canonical} and {b.canonical}",
        gazetteer_id=f"{a.gazetteer_id}~{b.gazetteer_id}",
        lat=round((a.lat + b.lat) / 2, 6),
        lon=round((a.lon + b.lon) / 2, 6),
        precision="approximate",
        extent_km=max(2.0, km / 2),
        bbox=None,
    )


#: How far (km) a point given by distance and bearing may lie from its town and keep the town's province.
_SAME_PROVINCE_KM = 10.0


def displaced(place: Resolution, km: float, bearing: float) -> Resolution:
    """The point ``km`` from ``place`` towards ``bearing``: precision approximate, named after both."""
    lat, lon = destination(place.lat, place.lon, km=km, bearing_deg=bearing)
    compass = _COMPASS[round(bearing / 45) % 8]
    return replace(
        place,
        canonical=f"{km:.0f} km {compass} of {place.canonical}",
        gazetteer_id=f"{place.gazetteer_id}@{km:.0f}km{compass}",
        lat=round(lat, 6),
        lon=round(lon, 6),
        precision="approximate",
        # "about 70 miles northeast of Baghdad" is in another province than Baghdad's (Diyala's Jalawla):
        # a point that far off keeps no province.
        admin1=place.admin1 if km <= _SAME_PROVINCE_KM else "",
        extent_km=max(2.0, km / 10),
        bbox=None,
    )



def is_measured_from(before: str) -> bool:
    """Whether the words before a place measure a distance from it ("à 30 km de Mossoul", "60 nautical
    miles off Hodeidah"): the place is where the distance starts, so what happened is near it."""
    return _names_a_unit(before) and _SEAWARD.search(before) is not None


def far_from_its_measure(
    mention: Mention, place: Resolution, others: list[tuple[Mention, Resolution]], *, margin_km: float
) -> bool:
    """Whether the place lies much farther from the one the sentence measures it from than the distance it
    gives: "à Al-Kassara (30 km au nord-ouest de Marib)" resolved to a city of Sudan is a homonym. ``others``
    are the sentence's places (a measured one already moved by its distance and bearing)."""
    text = mention.sentence.text
    for other, at in others:
        start, end = mention.qualified_span[1], other.qualified_span[0]
        gap = text[start:end]
        # (after what the place is, when no other place is named there: "Komsilga, un village de la commune
        # de Zimtanga, à une vingtaine de kilomètres de Kongoussi")
        apposed = len(gap) <= _APPOSED_MEASURE_GAP and not any(start <= o.start < end for o, _ in others)
        told = gap.strip()[:1] in ("(", ",") and (len(gap) <= _MEASURE_GAP or apposed)
        if told and (km := measured_km(other)) is not None:
            return haversine_km(place.lat, place.lon, at.lat, at.lon) > km + margin_km
    return False


def measured_km(mention: Mention) -> float | None:
    """The distance (km) the sentence gives a place from the named one, with a bearing or not ("à une
    vingtaine de kilomètres de X", "4 km (2.5 miles) from X"), or None."""
    if (offset := offset_of(mention)) is not None:
        return offset[0]
    m = _seaward_match(mention)
    return None if m is None else _distance_km(m)


# "X (30 km au nord-ouest de Y", "X, some 40 kilometres south of Y": the measure right after a name.
_MEASURE_GAP = 45
_APPOSED_MEASURE_GAP = 90


# "Afgoye town of Lower Shabelle region, about 30km south of": the province named between the town and its
# measure holds the town (a few words apart at most).
_HELD_GAP = 16


def described_by_measure(ordered: Sequence[Located]) -> dict[int, int]:
    """The towns a sentence's measured points only describe, each with its point: "le poste de Gourma-Rharous,
    à environ 140 km à l'est de Tombouctou" says where the town before lies, a place the gazetteer knows; that
    town is the place, not a point measured from the other. ``ordered``: the sentence's places in order."""
    text = ordered[0].mention.sentence.text if ordered else ""
    out: dict[int, int] = {}
    for k, loc in enumerate(ordered):
        if k == 0 or "@" not in loc.place.gazetteer_id:
            continue
        town = k - 1
        if ordered[town].place.precision == "admin1" and town > 0:
            held = ordered[town - 1]
            gap = text[held.mention.qualified_span[1] : ordered[town].mention.qualified_span[0]]
            if len(gap) <= _HELD_GAP and contains(ordered[town].place, held.place):
                town -= 1
        before = ordered[town]
        gap = text[ordered[k - 1].mention.qualified_span[1] : loc.mention.qualified_span[0]]
        # (a quotation may close first: "de Gourma-Rharous », à 140 km...")
        if before.place.precision in ("locality", "point") and REFERENCE_GAP.match(" " + gap.lstrip(' »”"')):
            out[town] = k
    return out
