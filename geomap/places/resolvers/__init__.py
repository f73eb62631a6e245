"""Resolvers: place names to ranked coordinates. Like geopy's ``geocoders`` package, one interface
(:class:`Resolver`) with several implementations, composed by :class:`ChainResolver`."""

from __future__ import annotations

from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers.base import NO_CONTEXT, ChainResolver, Context, Resolver
from geomap.places.resolvers.local import GazetteerResolver
from geomap.settings import Settings

__all__ = ["NO_CONTEXT", "ChainResolver", "Context", "GazetteerResolver", "Resolver", "build_resolver"]


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
