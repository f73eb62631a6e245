"""Turn a place name into ranked coordinates: one interface, several implementations.

As in geopy, every resolver answers the same call; "no match" is an empty list (``resolve`` gives
``None``), never an exception. :class:`ChainResolver` asks its resolvers in order and stops at the first
that knows the name, so the local gazetteer answers first and the remote geocoder only for what it lacks.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from geomap import settings
from geomap.gazetteer import Gazetteer, default_gazetteer
from geomap.geo import haversine_km
from geomap.normalize import name_key, skeleton_key, split_qualifier
from geomap.records import FeatureHint, Place, Resolution


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What the article around a name tells about it."""

    countries: tuple[str, ...] = ()  # ISO codes the article is about, most likely first
    hint: FeatureHint | None = None  # what the name's qualifier says it is ("la base X")
    within: tuple[str, ...] = ()  # names of places said to contain it ("X dans la province de Y")


NO_CONTEXT = Context()


class Resolver(ABC):
    """Answers a place name with its candidate locations, best first."""

    @abstractmethod
    def candidates(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        """Ranked candidates for ``name``; an empty list when the resolver does not know it."""

    def resolve(self, name: str, *, context: Context = NO_CONTEXT) -> Resolution | None:
        """The best candidate, or ``None`` when there is no match."""
        found = self.candidates(name, context=context)
        return found[0] if found else None


class ChainResolver(Resolver):
    """Asks each resolver in turn; the first non-empty answer wins."""

    def __init__(self, *, resolvers: list[Resolver]) -> None:
        if not resolvers:
            raise ValueError("ChainResolver needs at least one resolver")
        self.resolvers = list(resolvers)

    @property
    def faults(self) -> list[tuple[str, Exception]]:
        """Faults its resolvers recorded (a remote geocoder's timeouts...), so a build can report them."""
        return [fault for r in self.resolvers for fault in getattr(r, "faults", [])]

    def candidates(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        for resolver in self.resolvers:
            found = resolver.candidates(name, context=context)
            if found:
                return found
        return []


# -- the local gazetteer -----------------------------------------------------------------------------

_HINT_FEATURES: dict[str, tuple[str, ...]] = {
    "airport": ("AIRP", "AIRB"),
    "base": ("AIRB", "SITE", "AIRP"),
    "admin1": ("ADM1",),
    "locality": ("PPL",),
}
#: How far from a town "l'aéroport de X" / "la base de X" may lie.
NEAR_TOWN_KM = 35.0


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    fuzzy: bool


class GazetteerResolver(Resolver):
    """Resolves names against the local gazetteer, ranking candidates by the article's context.

    The score of a candidate adds up (weights in geomap.settings): the article's country, agreement with
    the qualifier ("la base X" prefers a military field, "province de X" an admin1 unit), a province the
    sentence says contains it, a prior by precision, the town's population (log10), a bonus for curated
    rows, and a penalty for a loose (consonant skeleton) match.
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()

    def candidates(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        core, hint = split_qualifier(name)
        hint = context.hint or hint
        found = self._exact(name, core, hint)
        if not found:
            # A loose match is believable only within the article's countries (else the focus region),
            # and only for a name with enough consonants to mean something.
            countries = context.countries or settings.REGION_COUNTRIES
            if len(skeleton_key(core).replace(" ", "")) >= 3:
                found = [
                    _Candidate(p, True)
                    for p, role in self.gazetteer.places(core, fuzzy=True)
                    if role == "name" and p.country in countries
                ]
        if not found:
            return []
        found = self._add_by_hint(found, hint)
        within = self._containers(context.within)
        ranked = sorted(
            (self._resolution(core, c, self._score(core, c, hint, context, within)) for c in found),
            key=lambda r: (-r.score, r.gazetteer_id),
        )
        return ranked

    def _exact(self, name: str, core: str, hint: str | None) -> list[_Candidate]:
        seen: dict[str, _Candidate] = {}
        for text in dict.fromkeys((name, core)):
            for place, role in self.gazetteer.places(text):
                # Core names ("Baghdad" of Baghdad International Airport) only after "aéroport de".
                if role == "core" and hint not in ("airport", "base"):
                    continue
                seen.setdefault(place.id, _Candidate(place, False))
        return list(seen.values())

    def _add_by_hint(self, found: list[_Candidate], hint: str | None) -> list[_Candidate]:
        """ "aéroport de Bagdad": airports near the town; "province de Bagdad": the town's province."""
        if hint is None:
            return found
        wanted = _HINT_FEATURES[hint]
        if any(c.place.feature in wanted for c in found):
            return found
        extra: dict[str, _Candidate] = {c.place.id: c for c in found}
        for c in found:
            p = c.place
            if hint in ("airport", "base") and p.precision == "locality":
                for near in self.gazetteer.near(p.lat, p.lon, km=NEAR_TOWN_KM, features=wanted):
                    if haversine_km(p.lat, p.lon, near.lat, near.lon) <= NEAR_TOWN_KM:
                        extra.setdefault(near.id, _Candidate(near, c.fuzzy))
            elif hint == "admin1" and p.precision == "locality" and p.admin1:
                province = self.gazetteer.admin1_place(p.country, p.admin1)
                if province is not None:
                    extra.setdefault(province.id, _Candidate(province, c.fuzzy))
        return list(extra.values())

    def _containers(self, names: tuple[str, ...]) -> list[Place]:
        out = []
        for name in names:
            best = self.candidates(name, context=Context(hint="admin1"))
            if best:
                place = self.gazetteer.get(best[0].gazetteer_id)
                if place is not None:
                    out.append(place)
        return out

    @staticmethod
    def _score(query: str, c: _Candidate, hint: str | None, context: Context, within: list[Place]) -> float:
        p = c.place
        score = settings.SCORE_PRECISION_PRIOR[p.precision]
        if context.countries:
            if p.country == context.countries[0]:
                score += settings.SCORE_CONTEXT_COUNTRY
            elif p.country in context.countries:
                score += settings.SCORE_CONTEXT_COUNTRY / 2
        elif p.country in settings.FOCUS_COUNTRIES:
            score += settings.SCORE_FOCUS_REGION  # with no context, the news geomap is built for
        elif p.country in settings.REGION_COUNTRIES:
            score += settings.SCORE_FOCUS_REGION / 2
        if hint is not None:
            wanted = _HINT_FEATURES[hint]
            if p.feature == wanted[0]:
                score += settings.SCORE_HINT_MATCH
            elif p.feature in wanted:
                score += settings.SCORE_HINT_MATCH / 2
            else:
                score += settings.SCORE_HINT_MISMATCH
        for box in within:
            if box.id != p.id and (
                (box.country == p.country and box.precision == "admin1" and box.name == p.admin1)
                or haversine_km(box.lat, box.lon, p.lat, p.lon) <= max(box.extent_km, 10.0) * 1.5
            ):
                score += settings.SCORE_CONTAINMENT
                break
        if hint == "airport" and "international" in p.name.lower():
            score += 0.5  # "l'aéroport de Damas" is the international one, not a military strip
        if p.precision in ("locality", "country") and p.population > 0:
            score += math.log10(p.population) * settings.SCORE_POPULATION_FACTOR
        if name_key(p.name) == name_key(query):
            score += settings.SCORE_PRIMARY_NAME
        if p.source == "curated":
            score += settings.SCORE_CURATED
        if c.fuzzy:
            score += settings.SCORE_FUZZY_PENALTY
        return round(score, 3)

    @staticmethod
    def _resolution(query: str, c: _Candidate, score: float) -> Resolution:
        p = c.place
        return Resolution(
            query=query,
            canonical=p.name,
            gazetteer_id=p.id,
            lat=p.lat,
            lon=p.lon,
            precision=p.precision,
            country=p.country,
            admin1=p.admin1,
            source="curated" if p.source == "curated" else "gazetteer",
            score=score,
            extent_km=p.extent_km,
        )


def build_resolver(
    *,
    offline: bool = False,
    provider: str | None = None,
    cache_path: Path | None = None,
    gazetteer: Gazetteer | None = None,
) -> Resolver:
    """The gazetteer first, then (unless offline or unconfigured) the remote geocoder with its disk cache."""
    local = GazetteerResolver(gazetteer=gazetteer)
    provider = settings.REMOTE_GEOCODER if provider is None else provider
    if offline or not provider:
        return local
    from geomap.geocode import GeocodeCache, GeopyResolver, make_geocoder

    geocoder = make_geocoder(
        provider=provider, domain=settings.GEOCODER_DOMAIN, scheme=settings.GEOCODER_SCHEME
    )
    cache = GeocodeCache(path=cache_path or settings.GEOCODE_CACHE_FILE)
    return ChainResolver(resolvers=[local, GeopyResolver(geocoder=geocoder, cache=cache)])
