"""The local resolver: names against the gazetteer, candidates ranked by what the article tells."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from geomap.geo import haversine_km
from geomap.places.gazetteer import Gazetteer, open_gazetteer
from geomap.places.names import (
    community_seats,
    named_after,
    similarity,
    skeleton_key,
    spelled_out,
    split_qualifier,
)
from geomap.places.resolvers.base import NO_CONTEXT, Context, Resolver
from geomap.places.rows import Kind, kind_of
from geomap.records import Place, Resolution
from geomap.settings import Settings

#: The feature codes a qualifier asks for, best first ("l'aéroport de X": an airport, else an airfield).
_HINT_FEATURES: dict[str, tuple[str, ...]] = {
    "airport": ("AIRP", "AIRB", "AIRF", "AIRH"),
    "base": ("AIRB", "MILB", "INSM", "SITE", "AIRP", "AIRF"),
    "admin1": ("ADM1", "ADM2"),
    "region": ("ADM1", "PPL"),
    "locality": ("PPL",),
}
#: The kinds (geomap.places.rows.kind_of) a loose match may have after a qualifier.
_HINT_KINDS: dict[str, tuple[Kind, ...]] = {
    "airport": ("site",),
    "base": ("site",),
    "admin1": ("admin",),
    "region": ("admin", "populated"),
    "locality": ("populated",),
}


def _hint_fit(hint: str, feature: str) -> int:
    """2 when ``feature`` is what the qualifier asks first, 1 when it is acceptable, 0 when it is not."""
    wanted = _HINT_FEATURES[hint]
    if feature == wanted[0] or (hint == "locality" and feature.startswith("PPL")):
        return 2
    return 1 if feature in wanted else 0


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    fuzzy: bool
    similarity: float = 100.0


class GazetteerResolver(Resolver):
    """Resolves names against the local gazetteer, ranking candidates by the article's context.

    Exact names (:func:`~geomap.places.names.name_key`) win; the spellings news use are looked for by
    skeleton (:func:`~geomap.places.names.skeleton_key`) only when no exact name is in the article's
    countries, only there (or, with no context, in the region and the installed countries), never across
    kinds, and each is verified by its spelling's similarity.

    The score of a candidate adds up (weights in :class:`geomap.settings.Scoring`): the article's country
    (and a penalty outside its countries), agreement with the qualifier ("la base X" prefers a military
    field, "province de X" an admin1 unit), a province the sentence says contains it, a prior by
    precision, the town's population (log10), a bonus for curated rows, and a penalty for a loose match
    that grows as the spelling differs.
    """

    def __init__(self, *, settings: Settings | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings or Settings()
        self.scoring = self.settings.scoring
        self.gazetteer = gazetteer or open_gazetteer(self.settings)
        # The same names come back in article after article, with the same context: ranked once per build.
        self._ranked = lru_cache(maxsize=self.settings.performance.resolution_memo)(self._candidates)

    def candidates(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        return list(self._ranked(name, context))

    def _candidates(self, name: str, context: Context) -> tuple[Resolution, ...]:
        core, hint = split_qualifier(name)
        whole = self.gazetteer.places(name) if hint == "region" and core != name else ()
        # "the Kurdistan Region" is a name of its own, not the region of a Kurdistan: only the places of that
        # whole name answer, as "Damascus countryside" is Rif Dimashq, not the city's own province. "Donetsk
        # Oblast" is a name of the oblast too, which the region hint finds (placed at its capital, as "the
        # Donetsk region" is).
        core_places = {place.id for place, _ in self.gazetteer.places(core)} if whole else set()
        whole_name = any(place.precision != "admin1" or place.id not in core_places for place, _ in whole)
        if whole_name:
            hint = None
        hint = context.hint or hint
        found = self._exact(name, name if whole_name else core, hint)
        if not found:
            # "Bilopilska community": the community of Bilopillia, named by its seat's adjective
            seats = community_seats(name, core, context.countries)
            found = list({c.place.id: c for seat in seats for c in self._exact(seat, seat, hint)}.values())
        if context.countries:
            # Exact names win, but only inside the article's countries: with none there, the spellings
            # news use are looked for there too ("Chebaa" is Shebaa in Lebanon, not Chebba in Tunisia).
            if not any(c.place.country in context.countries for c in found):
                found += self._loose(core, hint, context.countries, inside=True)
        elif not found:
            found = self._loose(core, hint, self._default_countries(), inside=False)
        if not found:
            return ()
        found = self._add_by_hint(found, hint, context.countries)
        within = self._containers(context.within)
        # "la région de Kyiv": of two provinces of the name, the one around the city (Kyiv oblast), not the
        # city's own (Kyiv city is a province too).
        units = [c.place for c in found if c.place.precision == "admin1"] if hint == "region" else []
        widest = max(units, key=lambda p: (p.extent_km, p.id)).id if len(units) > 1 else None
        ranked = sorted(
            (self._resolution(core, c, self._score(core, c, hint, context, within, widest)) for c in found),
            key=lambda r: (-r.score, r.gazetteer_id),
        )
        return tuple(ranked)

    def _default_countries(self) -> tuple[str, ...]:
        """Where a loose match is believable when the article's countries are unknown: the region geomap is
        built for, and the countries the user installed."""
        return (*self.scoring.region_countries, *self.gazetteer.installed.countries)

    def _loose(
        self, core: str, hint: str | None, countries: tuple[str, ...], *, inside: bool
    ) -> list[_Candidate]:
        """Places whose name has the skeleton of ``core``, in ``countries``, of the kind the qualifier asks
        (never a country), whose spelling is close enough to ``core``."""
        if len(skeleton_key(core)) < self.scoring.fuzzy_min_consonants[1 if inside else 0]:
            return []  # too few consonants to mean anything
        kinds = _HINT_KINDS[hint] if hint else ("admin", "populated", "site", "area")
        out = []
        for place, role, written in self.gazetteer.found(core, fuzzy=True):
            if role != "name" or place.country not in countries or kind_of(place.feature) not in kinds:
                continue
            alike = max((similarity(core, w) for w in written if self._close_enough(core, w)), default=0.0)
            if alike:
                out.append(_Candidate(place, True, alike))
        return out

    def _close_enough(self, core: str, written: str) -> bool:
        """Whether ``written`` may be another spelling of ``core``: alike enough, and of about the same
        length."""
        a, b = spelled_out(core).replace(" ", ""), spelled_out(written).replace(" ", "")
        gap, share = self.scoring.fuzzy_max_length_gap
        if abs(len(a) - len(b)) > max(gap, share * max(len(a), len(b))):
            return False
        return similarity(core, written) >= self.scoring.fuzzy_min_similarity

    def _exact(self, name: str, core: str, hint: str | None) -> list[_Candidate]:
        seen: dict[str, _Candidate] = {}
        for text in dict.fromkeys((name, core)):
            for place, role in self.gazetteer.places(text):
                # Core names ("Baghdad" of Baghdad International Airport) only after "aéroport de".
                if role == "core" and hint not in ("airport", "base"):
                    continue
                seen.setdefault(place.id, _Candidate(place, False))
        return list(seen.values())

    def _add_by_hint(
        self, found: list[_Candidate], hint: str | None, countries: tuple[str, ...]
    ) -> list[_Candidate]:
        """ "aéroport de Bagdad": airports near the town; "province de Bagdad": the town's province (of a
        town in the article's countries: "province du Soum" is no province of Senegal)."""
        if hint is None:
            return found
        if hint == "region":
            return self._namesake_provinces(found)
        wanted = _HINT_FEATURES[hint]
        if any(_hint_fit(hint, c.place.feature) for c in found):
            return found
        extra: dict[str, _Candidate] = {c.place.id: c for c in found}
        for c in found:
            p = c.place
            if hint in ("airport", "base") and p.precision == "locality":
                km = self.scoring.near_town_km if hint == "airport" else self.scoring.near_base_km
                for near in self.gazetteer.near(p.lat, p.lon, km=km, features=wanted):
                    if haversine_km(p.lat, p.lon, near.lat, near.lon) <= km:
                        extra.setdefault(near.id, _Candidate(near, c.fuzzy, c.similarity))
            elif (
                hint == "admin1"
                and p.precision == "locality"
                and p.admin1
                # a town of the article's countries: "province de la Kossi" is no province of India
                and p.country in countries
            ):
                province = self.gazetteer.admin1_place(p.country, p.admin1)
                # (a unit named after a town of another province's name is the town's own district or
                # department: "the Banibangou province" is around Banibangou, not all of Tillabéri)
                if province is not None and self._bears_name(province, p):
                    extra.setdefault(province.id, _Candidate(province, c.fuzzy, c.similarity))
        return list(extra.values())

    def _namesake_provinces(self, found: list[_Candidate]) -> list[_Candidate]:
        """ "la région de Zaporijjia": besides the town, its province when that bears the town's name
        (Zaporizka oblast, Mopti, Tahoua); never the province of a town so named ("la région de Tyr" is
        the land around Tyre, not South Lebanon)."""
        extra: dict[str, _Candidate] = {c.place.id: c for c in found}
        # The most populous town of that name is the capital (a village of the same name in the province
        # is not): the last one placed wins.
        for c in sorted(found, key=lambda c: (c.place.population, c.place.id)):
            p = c.place
            if p.precision != "locality" or not p.admin1:
                continue
            own = self.gazetteer.admin1_place(p.country, p.admin1)
            if own is None:
                continue
            # A capital that is a province of its own (Kyiv) is the capital of the province around it too.
            around = self.gazetteer.near(p.lat, p.lon, km=self.scoring.near_town_km, features=("ADM1",))
            for unit in [own, *(u for u in around if u.id != own.id and u.country == p.country)]:
                if not self._bears_name(unit, p):
                    continue
                # Placed at its capital, as ACLED places an event known only by its province: the area
                # stays the province's (extent, bounds), its point the town news name it after.
                at_capital = replace(unit, lat=p.lat, lon=p.lon)
                known = extra.get(unit.id)
                extra[unit.id] = _Candidate(
                    at_capital, *((known.fuzzy, known.similarity) if known else (c.fuzzy, c.similarity))
                )
        return list(extra.values())

    def _bears_name(self, province: Place, town: Place) -> bool:
        """Whether the province is named after the town: one of its names is the town's (Sumy, Odesa), or
        its name starts as the town's does (Zaporizka oblast, Belgorodskaya oblast', Dnipropetrovska)."""
        if any(other.id == province.id for other, _ in self.gazetteer.places(town.name)):
            return True
        a, b = self.gazetteer.name_key(town.name), self.gazetteer.name_key(province.name)
        return named_after(a, b, min_prefix=self.scoring.region_name_prefix)

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
        self,
        query: str,
        c: _Candidate,
        hint: str | None,
        context: Context,
        within: list[Place],
        widest: str | None = None,
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
        if context.countries and p.country not in context.countries and p.precision != "country":
            score += weights.outside_countries
        if hint == "region":
            # "la région de Kherson" is the oblast, not the city; "la région de Tyr" (no such province), Tyre;
            # in a story of Iraq, "the Kurdistan Region" is not Iran's Kordestan province.
            home = not context.countries or p.country in context.countries
            widest_unit = widest is None or p.id == widest
            score += weights.region_admin1 if p.precision == "admin1" and home and widest_unit else 0.0
        elif hint is not None:
            fit = _hint_fit(hint, p.feature)
            score += {2: weights.hint_match, 1: weights.hint_match / 2, 0: weights.hint_mismatch}[fit]
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
        elif p.precision == "locality" and p.feature == "PPL" and weights.unknown_population > 0:
            score += math.log10(weights.unknown_population) * weights.population_factor
        if self.gazetteer.name_key(p.name) == self.gazetteer.name_key(query):
            score += weights.primary_name
        if p.source == "curated":
            score += weights.curated
        if c.fuzzy:
            score += weights.fuzzy_penalty - (100.0 - c.similarity) * weights.fuzzy_similarity_weight
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
            bbox=p.bbox,
            loose=c.fuzzy,
        )
