"""Which of several places of one name the article means: the one among its other places.

Zolochiv is a town of Lviv oblast and a town of Kharkiv oblast; an article about guided bombs on the
Kharkiv region means the second, though the resolver, which sees the name alone, ranks the first higher.
Ariha is a town of Idlib, and the Arabic name of Jericho.
Among candidates that score nearly as well as the best, the one nearest the article's other places wins,
when it is much nearer than the best. Those other places are the story's anchors: not its dateline's town.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from geomap import lexicon
from geomap.extract.locate import Located, is_elsewhere
from geomap.extract.offsets import SIDES
from geomap.geo import haversine_km
from geomap.places.geography import contains, distance_outside
from geomap.places.names import name_key
from geomap.records import Mention, Resolution
from geomap.settings import Performance, Scoring

K = TypeVar("K")
_LEXICON = lexicon.load()
_DATELINE_AFTER = re.compile(_LEXICON.alt("locate.dateline_after"))


def is_dateline(mention: Mention) -> bool:
    """Whether the place opens its sentence as a dateline, the town the story was filed from: "(Beyrouth) Un
    média...", "KABUL, Afghanistan (AP) —"."""
    text = mention.sentence.text
    return not text[: mention.start].strip(" (") and _DATELINE_AFTER.match(text, mention.end) is not None


def story_anchors(located: Mapping[K, Sequence[Located]], about: Collection[str]) -> list[Resolution]:
    """The article's places in the countries it is about, which vouch for the places near them; not the
    dateline's town, where the reporter was ("(Beyrouth)" puts no village of the south in Beirut's
    province), nor any seat or venue ("rapporte notre correspondant à Beyrouth")."""
    return [
        loc.place
        for locs in located.values()
        for loc in locs
        if loc.place.country in about and not is_dateline(loc.mention) and not is_elsewhere(loc.mention)
    ]


# "dans le sud du Liban", "in southern Lebanon", "in the north-east of Syria": the part of a country the story
# tells of, read from the words right before the country's name (its sides are the bearings' words).
_SIDE = "|".join(sorted(SIDES, key=len, reverse=True))
_COUNTRY_PART = re.compile(
    r"\b(?P<side>" + _SIDE + r")(?:-(?P<quarter>" + _SIDE + r"))?" + _LEXICON.alt("locate.side_suffixes")
    + r"?(?:\s+\S{1,3})?\s*$",
    re.IGNORECASE,
)


def country_parts(located: Mapping[K, Sequence[Located]]) -> dict[str, tuple[Resolution, frozenset[str]]]:
    """The countries an article places its story in one part of, with that part's sides ("s", or "n" and
    "e"): only when it names no other part of the country."""
    seen: dict[str, tuple[Resolution, set[frozenset[str]]]] = {}
    for locs in located.values():
        for loc in locs:
            at = loc.mention.qualified_span[0]
            before = loc.mention.sentence.text[max(0, at - 30) : at]
            if loc.place.precision == "country" and (m := _COUNTRY_PART.search(before)) is not None:
                sides = frozenset(SIDES[w.lower()] for w in (m.group("side"), m.group("quarter")) if w)
                seen.setdefault(loc.place.country, (loc.place, set()))[1].add(sides)
    return {code: (country, next(iter(parts))) for code, (country, parts) in seen.items() if len(parts) == 1}


def _in_part(place: Resolution, country: Resolution, sides: frozenset[str]) -> bool:
    """Whether the place lies on those sides of the country's point."""
    on_side = {
        "n": place.lat > country.lat,
        "s": place.lat < country.lat,
        "e": place.lon > country.lon,
        "w": place.lon < country.lon,
    }
    return all(on_side[side] for side in sides)


def nearest_homonyms(
    located: Mapping[K, Sequence[Located]],
    *,
    candidates: Callable[[Mention], Sequence[Resolution]],
    scoring: Scoring,
    countries: Sequence[str] = (),
) -> dict[K, list[Located]]:
    """``located`` with each place that has a near-homonym closer to the article's other places replaced by
    that homonym (``candidates``: the resolver's ranked answers for a mention). A homonym lies in the
    place's country or in one of the article's ``countries`` (Ariha of Idlib, not Jericho, which Arabic
    also calls Ariha, in an article about Idlib)."""
    everything = [loc for locs in located.values() for loc in locs]
    nearness = _Nearness(everything)
    parts = country_parts(located)
    out: dict[K, list[Located]] = {}
    for key, locs in located.items():
        out[key] = [
            _in_named_part(loc, parts, candidates, scoring)
            or _nearest(loc, nearness, candidates, scoring, countries)
            for loc in locs
        ]
    return out


def _in_named_part(
    loc: Located,
    parts: Mapping[str, tuple[Resolution, frozenset[str]]],
    candidates: Callable[[Mention], Sequence[Resolution]],
    scoring: Scoring,
) -> Located | None:
    """The homonym in the part of the country the story is in ("la localité d'Ainata", in a story of the
    south of Lebanon: Aynata of the south, not Ainata of the Bekaa), when the place is not there."""
    part = parts.get(loc.place.country)
    if part is None or loc.place.precision not in ("locality", "point") or _in_part(loc.place, *part):
        return None
    there = [
        c
        for c in candidates(loc.mention)
        if c.country == loc.place.country
        and c.precision in ("locality", "point")
        and c.score >= round(loc.place.score - scoring.homonym_score_margin, 3)  # (scores have 3 decimals)
        and _in_part(c, *part)
    ]
    return replace(loc, place=max(there, key=lambda c: (c.score, c.gazetteer_id))) if there else None


class _Nearness:
    """How far a place lies from the article's other places, each distinct place measured once: an article
    names its towns again and again, and every place of it is measured against every other."""

    def __init__(self, everything: Sequence[Located]) -> None:
        self.everything = everything
        self._others: dict[str, list[Resolution]] = {}
        self._distances: dict[tuple[Resolution, str], float] = {}

    def others(self, text: str) -> list[Resolution]:
        """The places of the mentions named otherwise than ``text``, but countries; each once (the nearest
        of a list is the nearest of its distinct places)."""
        found = self._others.get(text)
        if found is None:
            found = list(
                dict.fromkeys(o.place for o in self.everything if o.mention.text != text and o.place.precision != "country")
            )
            self._others[text] = found
        return found

    def distance(self, place: Resolution, text: str) -> float:
        key = (place, text)
        found = self._distances.get(key)
        if found is None:
            found = self._distances[key] = _distance(place, self.others(text))
        return found

    def town_distance(self, place: Resolution, text: str) -> float:
        """How far ``place`` lies from the nearest of the other towns and sites (0 when there are none)."""
        key = (place, "\0" + text)
        found = self._distances.get(key)
        if found is None:
            towns = [o for o in self.others(text) if o.precision in ("locality", "point")]
            found = self._distances[key] = _distance(place, towns) if towns else 0.0
        return found


def _nearest(
    loc: Located,
    nearness: _Nearness,
    candidates: Callable[[Mention], Sequence[Resolution]],
    scoring: Scoring,
    countries: Sequence[str],
) -> Located:
    if loc.place.precision not in ("locality", "point"):
        return loc
    text = loc.mention.text
    if not nearness.others(text):
        return loc
    rivals = [
        c
        for c in candidates(loc.mention)
        if c.gazetteer_id != loc.place.gazetteer_id
        and (c.country == loc.place.country or c.country in countries)
        and c.precision in ("locality", "point")
        and c.score >= loc.place.score - scoring.homonym_score_margin
    ]
    if not rivals:
        return loc
    here = nearness.distance(loc.place, text)
    # Several inside a province the article names: the one nearest its towns ("près de Bakhmout"), then
    # the likeliest.
    best = min(
        rivals,
        key=lambda c: (nearness.distance(c, text), nearness.town_distance(c, text), -c.score, c.gazetteer_id),
    )
    there = nearness.distance(best, text)
    if there <= scoring.homonym_reach_km and there * scoring.homonym_nearer_factor < here:
        return replace(loc, place=best)
    return loc


def _distance(place: Resolution, others: Sequence[Resolution]) -> float:
    """How far ``place`` lies from the nearest of the article's other places (0 inside a province named)."""
    return min(_apart(o, place) for o in others)


#: Each pair's distance, by the places' identities, with the places themselves (alive while kept, so no
#: other place takes their id): the resolver hands out the same places from article to article, and an
#: article's places are measured against each other again and again.
_APART: dict[tuple[int, int], tuple[Resolution, Resolution, float]] = {}


def _apart(other: Resolution, place: Resolution) -> float:
    """``distance_outside(other, place)``, kept."""
    key = (id(other), id(place))
    kept = _APART.get(key)
    if kept is not None and kept[0] is other and kept[1] is place:
        return kept[2]
    if len(_APART) >= Performance.distance_memo:
        _APART.clear()
    found = distance_outside(other, place)
    _APART[key] = (other, place, found)
    return found


def same_name_same_place(
    located: Mapping[K, Sequence[Located]],
    pinned: Mapping[str, Resolution],
    *,
    candidates: Callable[[Mention], Sequence[Resolution]],
) -> dict[K, list[Located]]:
    """``located`` with each place named like one a sentence put in a country (``pinned``, by name key) made
    that place, when the name can mean it: one article, one Ras Al Ain."""
    out: dict[K, list[Located]] = {}
    for key, locs in located.items():
        out[key] = []
        for loc in locs:
            place = pinned.get(name_key(loc.mention.text))
            if (
                place is not None
                and place.gazetteer_id != loc.place.gazetteer_id
                and loc.place.precision == place.precision
                and any(c.gazetteer_id == place.gazetteer_id for c in candidates(loc.mention))
            ):
                loc = replace(loc, place=place)
            out[key].append(loc)
    return out


def _in_side_of(mention: Mention) -> bool:
    """Whether the name follows a side of it ("dans le sud d'Idleb", "in southern Idlib"): a part of a
    province as much as of a town."""
    m = _COUNTRY_PART.search(mention.cue)
    return m is not None and (m.start("side") == 0 or mention.cue[m.start("side") - 1].isspace())


def provinces_named_alike(located: Mapping[K, Sequence[Located]]) -> dict[K, list[Located]]:
    """``located`` (in the article's order) with a bare town named like a province named before made that
    province, when its sentence also names a place of the province outside the town: "in the province of
    Kunduz... In Kunduz, fighters attacked a post in the district of Dasht-e-Archi" (the city holds no
    district of its own; the province does, and is then its container).

    The headline's bare name is the province the body names alike, unless the body names the town as one:
    "Neuf civils tués dans des frappes sur Idleb" over "dans la province d'Idleb"."""
    provinces: dict[str, Resolution] = {}
    in_body: dict[str, list[Located]] = {}
    for locs in located.values():
        for o in locs:
            if o.mention.sentence.index:
                in_body.setdefault(name_key(o.mention.text), []).append(o)
    out: dict[K, list[Located]] = {}
    for key, locs in located.items():
        out[key] = []
        for loc in locs:
            named = name_key(loc.mention.text)
            province = provinces.get(named)
            if province is None or not any(
                contains(province, o.place) and not contains(loc.place, o.place) for o in locs if o is not loc
            ):
                alike = in_body.get(named, []) if loc.mention.sentence.index == 0 else []
                # "la ville d'Idleb", "à l'entrée de Nabatiyé", not "dans le sud d'Idleb"
                town = any(o.place.precision == "locality" and not _in_side_of(o.mention) for o in alike)
                provinces_alike = (o.place for o in alike if o.place.precision == "admin1")
                province = None if town else next(provinces_alike, None)
            if (
                province is not None
                and loc.mention.hint is None
                and loc.place.precision == "locality"
                and contains(province, loc.place)
            ):
                loc = replace(loc, place=province)
            out[key].append(loc)
        for loc in locs:
            if loc.place.precision == "admin1":
                provinces.setdefault(name_key(loc.mention.text), loc.place)
    return out


def town_within(place: Resolution, anchors: Sequence[Resolution], km: float) -> bool:
    """Whether another town or site of the article lies within ``km`` of the place."""
    return any(
        a.gazetteer_id != place.gazetteer_id
        and a.precision in ("locality", "point")
        and haversine_km(a.lat, a.lon, place.lat, place.lon) <= km
        for a in anchors
    )
