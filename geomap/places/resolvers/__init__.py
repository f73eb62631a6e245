"""Resolvers: place names to ranked coordinates. Like geopy's ``geocoders`` package, one interface
(:class:`Resolver`) with several implementations, composed by :class:`ChainResolver`."""

from __future__ import annotations

from dataclasses import dataclass

from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers.base import NO_CONTEXT, ChainResolver, Context, Resolver
from geomap.places.resolvers.local import GazetteerResolver
from geomap.records import FeatureHint, Resolution
from geomap.settings import Settings

__all__ = [
    "NO_CONTEXT",
    "ChainResolver",
    "Context",
    "GazetteerResolver",
    "Lookup",
    "Resolver",
    "build_resolver",
    "lookup",
]


def build_resolver(
    *, settings: Settings, offline: bool = False, gazetteer: Gazetteer | None = None
) -> Resolver:
    """The gazetteer first, then (unless offline or no provider is set) the remote geocoder with its cache."""
    local = GazetteerResolver(settings=settings, gazetteer=gazetteer)
    geocoding = settings.geocoding
    if offline or not geocoding.provider:
        return local
    from geomap.places.resolvers.cache import GeocodeCache
    from geomap.places.resolvers.remote import GeopyResolver, make_geocoder

    geocoder = make_geocoder(
        provider=geocoding.provider,
        user_agent=geocoding.user_agent,
        domain=geocoding.domain,
        scheme=geocoding.scheme,
        timeout=geocoding.timeout_s,
    )
    cache = GeocodeCache(path=settings.geocode_cache_path, busy_timeout_s=geocoding.cache_busy_timeout_s)
    return ChainResolver(resolvers=[local, GeopyResolver(geocoder=geocoder, cache=cache, settings=settings)])


@dataclass(frozen=True, slots=True, kw_only=True)
class Lookup:
    """The answer to ``geomap resolve``: places in the countries asked for (all places when none was), and
    when none is there, the best elsewhere."""

    name: str
    countries: tuple[str, ...]
    found: tuple[Resolution, ...]
    elsewhere: tuple[Resolution, ...] = ()


def lookup(
    name: str,
    *,
    settings: Settings,
    countries: tuple[str, ...] = (),
    hint: FeatureHint | None = None,
    offline: bool = False,
    limit: int = 10,
) -> Lookup:
    """Ranked candidates for ``name``; a country hint constrains: a place outside ``countries`` is never
    among ``found``, only among ``elsewhere`` (and only when nothing is found inside)."""
    resolver = build_resolver(settings=settings, offline=offline)
    found = resolver.candidates(name, context=Context(countries=countries, hint=hint))
    if not countries:
        return Lookup(name=name, countries=countries, found=tuple(found[:limit]))
    inside = [r for r in found if r.country in countries]
    outside = [] if inside else [r for r in found if r.country not in countries]
    return Lookup(name=name, countries=countries, found=tuple(inside[:limit]), elsewhere=tuple(outside[:limit]))
