"""Which of several places of one name the article means: the one among its other places.

Zolochiv is a town of Lviv oblast and a town of Kharkiv oblast; an article about guided bombs on the
Kharkiv region means the second, though the resolver, which sees the name alone, ranks the first higher.
Ariha is a town of Idlib, and the Arabic name of Jericho.
Among candidates that score nearly as well as the best, the one nearest the article's other places wins,
when it is much nearer than the best.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from geomap.extract.locate import Located
from geomap.geo import haversine_km
from geomap.places.geography import contains
from geomap.records import Mention, Resolution
from geomap.settings import Scoring

K = TypeVar("K")


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
    out: dict[K, list[Located]] = {}
    for key, locs in located.items():
        out[key] = [_nearest(loc, everything, candidates, scoring, countries) for loc in locs]
    return out


def _nearest(
    loc: Located,
    everything: Sequence[Located],
    candidates: Callable[[Mention], Sequence[Resolution]],
    scoring: Scoring,
    countries: Sequence[str],
) -> Located:
    if loc.place.precision not in ("locality", "point"):
        return loc
    others = [
        o.place
        for o in everything
        if o.mention.text != loc.mention.text and o.place.precision != "country"
    ]
    if not others:
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
    here = _distance(loc.place, others)
    # Several inside a province the article names: the one nearest its towns ("près de Bakhmout"), then
    # the likeliest.
    towns = [o for o in others if o.precision in ("locality", "point")]
    best = min(
        rivals,
        key=lambda c: (_distance(c, others), _distance(c, towns) if towns else 0.0, -c.score, c.gazetteer_id),
    )
    there = _distance(best, others)
    if there <= scoring.homonym_reach_km and there * scoring.homonym_nearer_factor < here:
        return replace(loc, place=best)
    return loc


def _distance(place: Resolution, others: Sequence[Resolution]) -> float:
    """How far ``place`` lies from the nearest of the article's other places (0 inside a province named)."""
    return min(0.0 if contains(o, place) else haversine_km(o.lat, o.lon, place.lat, place.lon) for o in others)
