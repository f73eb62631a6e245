"""The local resolver: names against the gazetteer, candidates ranked by what the article tells."""

from __future__ import annotations

import math
from dataclasses import dataclass

from geomap.geo import haversine_km
from geomap.places.gazetteer import Gazetteer, open_gazetteer
from geomap.places.names import name_key, skeleton_key, split_qualifier
from geomap.places.resolvers.base import NO_CONTEXT, Context, Resolver
from geomap.records import Place, Resolution
from geomap.settings import Settings

_HINT_FEATURES: dict[str, tuple[str, ...]] = {
    "airport": ("AIRP", "AIRB"),
    "base": ("AIRB", "SITE", "AIRP"),
    "admin1": ("ADM1",),
    "locality": ("PPL",),
}

@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    fuzzy: bool


class GazetteerResolver(Resolver):
    """Resolves names against the local gazetteer, ranking candidates by the article's context.

    The score of a candidate adds up (weights in :class:`geomap.settings.Scoring`): the article's country, agreement with
    the qualifier ("la base X" prefers a military field, "province de X" an admin1 unit), a province the
    sentence says contains it, a prior by precision, the town's population (log10), a bonus for curated
    rows, and a penalty for a loose (consonant skeleton) match.
    """

    def __init__(self, *, settings: Settings | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings or Settings()
        self.scoring = self.settings.scoring
        self.gazetteer = gazetteer or open_gazetteer(self.settings)

    def candidates(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        core, hint = split_qualifier(name)
        hint = context.hint or hint
        found = self._exact(name, core, hint)
        if not found:
            # A loose match is believable only within the article's countries (else the focus region),
            # and only for a name with enough consonants to mean something.
            countries = context.countries or self.scoring.region_countries
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
                km = self.scoring.near_town_km
                for near in self.gazetteer.near(p.lat, p.lon, km=km, features=wanted):
                    if haversine_km(p.lat, p.lon, near.lat, near.lon) <= km:
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

    def _score(
        self, query: str, c: _Candidate, hint: str | None, context: Context, within: list[Place]
    ) -> float:
        weights = self.scoring
        p = c.place
        score = weights.precision_prior[p.precision]
        if context.countries:
            if p.country == context.countries[0]:
                score += weights.context_country
            elif p.country in context.countries:
                score += weights.context_country / 2
        elif p.country in weights.focus_countries:
            score += weights.focus_region  # with no context, the news geomap is built for
        elif p.country in weights.region_countries:
            score += weights.focus_region / 2
        if hint is not None:
            wanted = _HINT_FEATURES[hint]
            if p.feature == wanted[0]:
                score += weights.hint_match
            elif p.feature in wanted:
                score += weights.hint_match / 2
            else:
                score += weights.hint_mismatch
        for box in within:
            if box.id != p.id and (
                (box.country == p.country and box.precision == "admin1" and box.name == p.admin1)
                or haversine_km(box.lat, box.lon, p.lat, p.lon) <= max(box.extent_km, 10.0) * 1.5
            ):
                score += weights.containment
                break
        if hint == "airport" and "international" in p.name.lower():
            score += weights.international_airport
        if p.precision in ("locality", "country") and p.population > 0:
            score += math.log10(p.population) * weights.population_factor
        if name_key(p.name) == name_key(query):
            score += weights.primary_name
        if p.source == "curated":
            score += weights.curated
        if c.fuzzy:
            score += weights.fuzzy_penalty
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
