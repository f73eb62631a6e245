"""One interface for turning a place name into ranked coordinates, and the chain that combines resolvers.

As in geopy, every resolver answers the same call; "no match" is an empty list (``resolve`` gives
``None``), never an exception. :class:`ChainResolver` asks its resolvers in order and stops at the first
that knows the name, so the local gazetteer answers first and the remote geocoder only for what it lacks.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.errors import ConfigurationError, GeocoderError
from geomap.records import FeatureHint, Resolution


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

    @property
    def faults(self) -> Sequence[tuple[str, GeocoderError]]:
        """Faults met so far (name, error): a remote service's timeouts and refusals. A name that met one
        stays unresolved and is asked again later; a local resolver never meets any."""
        return ()


class ChainResolver(Resolver):
    """Asks each resolver in turn; the first non-empty answer wins."""

    def __init__(self, *, resolvers: Sequence[Resolver]) -> None:
        if not resolvers:
            raise ConfigurationError("ChainResolver needs at least one resolver")
        self.resolvers = list(resolvers)

    @property
    def faults(self) -> Sequence[tuple[str, GeocoderError]]:
        return [fault for r in self.resolvers for fault in r.faults]

    def candidates(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        for resolver in self.resolvers:
            found = resolver.candidates(name, context=context)
            if found:
                return found
        return []
