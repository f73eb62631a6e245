"""The remote geocoder: names the local gazetteer lacks, asked of a geopy geocoder (Nominatim by default).

:class:`GeopyResolver` is an ordinary :class:`~geomap.places.resolvers.base.Resolver`, meant to sit last in
a :class:`~geomap.places.resolvers.base.ChainResolver` after the gazetteer. There is no "offline resolver": working offline
simply means building the chain without a ``GeopyResolver``, so nothing ever reaches the network.

Every answer, including "no match", is kept in a :class:`~geomap.places.resolvers.cache.GeocodeCache`
(SQLite on disk), so a name is asked
of the service once, ever. Faults (timeout, HTTP 429, server errors, unreadable answers, no connection) are
translated to :mod:`geomap.errors`; :meth:`GeopyResolver.lookup` raises them, while
:meth:`GeopyResolver.candidates` records them and answers ``[]`` so the name merely stays unresolved. A
fault is never cached: the name is asked again on the next build.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Generic, ParamSpec, TypeVar

import geopy.exc
from geopy.adapters import AdapterHTTPError, RequestsAdapter
from geopy.distance import great_circle
from geopy.geocoders import SERVICE_TO_GEOCODER, Nominatim, get_geocoder_for_service
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.errors import (
    ConfigurationError,
    GeocoderError,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geomap.places.resolvers.base import NO_CONTEXT, Context, Resolver
from geomap.places.resolvers.cache import GeocodeCache
from geomap.records import Precision, Resolution
from geomap.settings import Geocoding, Settings

__all__ = ["GeopyResolver", "MinDelay", "make_geocoder"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# The sample user agents of geopy's documentation, which Nominatim's usage policy forbids (geopy itself
# refuses them only for the public nominatim.openstreetmap.org; we refuse them for any Nominatim).
_SAMPLE_USER_AGENTS = ("my-application", "my_app/1", "my_user_agent/1.0", "specify_your_app_name_here")

# Nominatim's addresstype / type / class words, looked up in that order (the first known word wins).
_PRECISION_WORDS: dict[str, Precision] = {
    "country": "country",
    **dict.fromkeys(("state", "province", "region"), "admin1"),
    **dict.fromkeys(
        (
            "city", "town", "village", "suburb", "hamlet", "neighbourhood", "quarter", "municipality",
            "city_district", "borough", "isolated_dwelling",
        ),
        "locality",
    ),
    **dict.fromkeys(
        (
            "aeroway", "aerodrome", "airport", "military", "barracks", "building", "amenity", "man_made",
            "historic", "tourism", "railway", "office", "shop", "leisure", "bridge",
        ),
        "point",
    ),
}  # fmt: skip

# What a geocoder answer may break in geopy's parser when its JSON has the wrong shape (a dict where a
# list is expected, a latitude that is no number...). Only caught around the geocode call itself.
_SHAPE_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError)


class MinDelay(Generic[P, R]):
    """Calls ``func`` at most once every ``min_delay_seconds``, measured from the end of the previous call.

    geopy's ``RateLimiter`` does the spacing too, but its clock and sleep are private methods
    (``_clock``/``_sleep``), so tests could only fake time by patching geopy internals, and it logs a
    traceback for every retry. This wrapper takes them as arguments; :class:`GeopyResolver` retries.
    Calls are serialised (Nominatim's policy also forbids parallel requests).

    When a call fails with an error carrying ``retry_after`` seconds (geopy's ``GeocoderRateLimited``, from
    an HTTP 429's Retry-After header), the next call waits that long instead, up to ``max_retry_after_seconds``.
    """

    def __init__(
        self,
        func: Callable[P, R],
        *,
        min_delay_seconds: float,
        max_retry_after_seconds: float = Geocoding.max_retry_after_s,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if min_delay_seconds < 0:
            raise ConfigurationError(f"min_delay_seconds must be >= 0, got {min_delay_seconds!r}")
        self.func = func
        self.min_delay_seconds = min_delay_seconds
        self.max_retry_after_seconds = max_retry_after_seconds
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._last_end: float | None = None
        self._delay = min_delay_seconds  # before the next call

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            if self._last_end is not None:
                wait = self._last_end + self._delay - self._clock()
                if wait > 0:
                    self._sleep(wait)
            self._delay = self.min_delay_seconds
            try:
                return self.func(*args, **kwargs)
            except Exception as error:
                retry_after = getattr(error, "retry_after", None)
                if isinstance(retry_after, int | float) and retry_after > self._delay:
                    self._delay = min(float(retry_after), self.max_retry_after_seconds)
                    log.warning("the geocoder asks to wait %s s; waiting %s s", retry_after, self._delay)
                raise
            finally:
                # Also after a failed call: a timeout or a 429 is exactly when we must not hurry.
                self._last_end = self._clock()


class GeopyResolver(Resolver):
    """Resolves names with any geopy geocoder, politely (rate limited, cached, faults recorded).

    Asks for several candidates (``exactly_one=False``, ``limit``, English names, address details, and
    Nominatim's ``countrycodes`` from ``context.countries``), passing only the options the geocoder's
    ``geocode`` accepts. Switches off the hidden retries of geopy's requests adapter on the geocoder given
    (see :func:`_single_try_transport`).
    """

    def __init__(
        self,
        *,
        geocoder: Geocoder,
        cache: GeocodeCache | None,
        settings: Settings | None = None,
        min_delay_seconds: float | None = None,
        max_retries: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = (settings or Settings()).geocoding
        min_delay_seconds = self.settings.min_delay_s if min_delay_seconds is None else min_delay_seconds
        max_retries = self.settings.max_retries if max_retries is None else max_retries
        if max_retries < 0:
            raise ConfigurationError(f"max_retries must be >= 0, got {max_retries!r}")
        self.geocoder = geocoder
        self.cache = cache
        self._faults: list[tuple[str, GeocoderError]] = []
        domain = getattr(geocoder, "domain", None)
        #: Cache key of the service: different servers (a mirror, a test server) give different answers.
        self.provider = type(geocoder).__name__.lower() + (f"@{domain}" if domain else "")
        self._is_nominatim = isinstance(geocoder, Nominatim)
        _single_try_transport(geocoder)
        self._accepts = set(inspect.signature(geocoder.geocode).parameters)
        spaced = MinDelay(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retry_after_seconds=self.settings.max_retry_after_s,
            clock=clock,
            sleep=sleep,
        )
        self._spaced: Callable[..., Any] = spaced
        self._max_retries = max_retries
        #: Names that met a fault in this resolver's life (a build): not asked again until the next one.
        self._failed: dict[tuple[str, tuple[str, ...]], GeocoderError] = {}
        self._asked = False

    @property
    def faults(self) -> Sequence[tuple[str, GeocoderError]]:
        """Faults met by :meth:`candidates`, in order: (name, error). Never cached."""
        return self._faults

    def candidates(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        """Like :meth:`lookup`, but a fault is recorded (and logged at debug level, with its cause) and
        answers ``[]``. A name that met a fault is not asked again by this resolver: the same fault is
        recorded again, so that every article naming it knows it was left unresolved by a fault."""
        key = (" ".join(name.split()).casefold(), tuple(sorted(c.lower() for c in context.countries)))
        failed = self._failed.get(key)
        if failed is not None:
            self._faults.append((name, failed))
            return []
        try:
            return self.lookup(name, context=context)
        except GeocoderError as error:
            log.debug("%s", error, exc_info=error)
            self._faults.append((name, error))
            self._failed[key] = error
            return []

    def lookup(self, name: str, *, context: Context = NO_CONTEXT) -> list[Resolution]:
        """Like :meth:`candidates`, but raises the :class:`~geomap.errors.GeocoderError` of a fault."""
        query = " ".join(name.split())
        if not query:
            return []
        kwargs = self._request_options(context)
        # The key holds the countries actually sent: a geocoder without country filter gives one answer.
        countries: list[str] = kwargs.get("country_codes", [])
        if self.cache is not None:
            cached = self.cache.get(provider=self.provider, query=query, countries=countries)
            if cached is not None:
                return [dataclasses.replace(r, query=name) for r in cached]
        try:
            found = self._geocode(query, **kwargs)
        except geopy.exc.GeocoderServiceError as error:
            raise self._translate(error, name) from error
        except _SHAPE_ERRORS as error:
            raise GeocoderUnavailable(
                f"{self._describe()} answered {name!r} with data geomap cannot read ({error!r}); the name "
                "stays unresolved and is asked again on the next build"
            ) from error
        locations: list[Location] = [] if found is None else list(found)
        resolutions = [
            resolution
            for rank, location in enumerate(locations)
            if (resolution := self._to_resolution(name, location, rank)) is not None
        ]
        if self.cache is not None:
            self.cache.put(provider=self.provider, query=query, countries=countries, resolutions=resolutions)
        return resolutions

    def _geocode(self, query: str, **kwargs: Any) -> Any:
        """The geocoder's answer, spaced by the rate limiter; a service error is tried again up to
        ``max_retries`` times (each try spaced too), then raised."""
        if not self._asked:
            self._asked = True
            self._warn_about_user_agent()
        for attempt in range(self._max_retries + 1):
            try:
                return self._spaced(query, **kwargs)
            except geopy.exc.GeocoderServiceError:
                if attempt == self._max_retries:
                    raise
                log.debug("%s: asking %r again after a fault", self._describe(), query, exc_info=True)
        raise AssertionError("unreachable")  # pragma: no cover

    def _warn_about_user_agent(self) -> None:
        """Before the first request: say how to give the service a contact, when the user agent has none."""
        headers = getattr(self.geocoder, "headers", {})
        agent = str(headers.get("User-Agent", "")) if isinstance(headers, dict) else ""
        if agent and "@" not in agent and "://" not in agent:
            log.warning(
                "asking the remote %s as %r, which gives the service no contact: set GEOMAP_USER_AGENT to"
                " your application and an e-mail or web address, e.g. 'geomap/0.1 (you@example.org)'"
                " (Nominatim's usage policy asks for one)",
                self._describe(),
                agent,
            )

    def _request_options(self, context: Context) -> dict[str, Any]:
        # Only what this geocoder's geocode() accepts (inspect), so any geopy geocoder can be used.
        wanted: dict[str, Any] = {
            "exactly_one": False,
            "limit": self.settings.candidates,
            "addressdetails": True,
            "language": self.settings.language,
        }
        if any(c.strip() for c in context.countries):
            # Nominatim's countrycodes restricts (not merely biases) the search to these countries.
            wanted["country_codes"] = sorted({c.strip().lower() for c in context.countries if c.strip()})
        return {key: value for key, value in wanted.items() if key in self._accepts}

    def _to_resolution(self, name: str, location: Location, rank: int) -> Resolution | None:
        raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
        if self._is_nominatim and ("lat" not in raw or "lon" not in raw):
            # geopy turns a Nominatim entry without coordinates into (0, 0); that is no place.
            log.warning("%s: ignoring a candidate for %r without coordinates", self._describe(), name)
            return None
        lat, lon = float(location.latitude), float(location.longitude)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            log.warning("%s: ignoring a candidate for %r at (%s, %s)", self._describe(), name, lat, lon)
            return None
        address: dict[str, Any] = raw["address"] if isinstance(raw.get("address"), dict) else {}
        osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
        return Resolution(
            query=name,
            canonical=_canonical(raw, location, name),
            gazetteer_id=f"nominatim:{osm_type}/{osm_id}" if osm_type and osm_id else f"geocoder:{lat},{lon}",
            lat=lat,
            lon=lon,
            precision=_precision(raw),
            country=str(address.get("country_code", "")).upper(),
            admin1=str(address.get("state") or address.get("province") or ""),
            source="geocoder",
            score=_float(raw.get("importance")) - rank,
            extent_km=_extent_km(raw.get("boundingbox")),
            # default=str: a few geopy geocoders parse XML, whose raw may hold non-JSON values.
            raw=json.dumps(location.raw, sort_keys=True, ensure_ascii=False, default=str),
        )

    def _describe(self) -> str:
        return f"geocoder {self.provider}"

    def _translate(self, error: geopy.exc.GeocoderServiceError, name: str) -> GeocoderError:
        status = _http_status(error)
        later = "the name stays unresolved and is asked again on the next build"
        if isinstance(error, geopy.exc.GeocoderQuotaExceeded) or status == 429:
            retry_after = getattr(error, "retry_after", None)
            wait = f" (it asks to wait {retry_after} s)" if retry_after else ""
            return GeocoderRateLimited(
                f"{self._describe()} refused {name!r}: too many requests{wait}; {later}. Check that nothing "
                "else uses the same service from this address, or raise Geocoding.min_delay_s"
            )
        if status is not None and status >= 500:
            # geopy calls 503/504 "timed out"; for us every server error means the service is unavailable.
            return GeocoderUnavailable(f"{self._describe()} answered HTTP {status} for {name!r}; {later}")
        if isinstance(error, geopy.exc.GeocoderTimedOut):
            timeout = getattr(self.geocoder, "timeout", None)
            within = f" within {timeout} s" if timeout else ""
            return GeocoderTimedOut(
                f"{self._describe()} did not answer {name!r}{within}; {later} (or raise Geocoding.timeout_s)"
            )
        if isinstance(error, geopy.exc.GeocoderParseError):
            return GeocoderUnavailable(f"{self._describe()} answered {name!r} with malformed data; {later}")
        if isinstance(error, geopy.exc.GeocoderUnavailable):
            return GeocoderUnavailable(
                f"{self._describe()} cannot be reached ({error}); {later}. Check the network, or build "
                "offline (without the remote geocoder)"
            )
        return GeocoderUnavailable(f"{self._describe()} failed for {name!r}: {error}; {later}")


def _single_try_transport(geocoder: Geocoder) -> None:
    """Switch off the urllib3 retries under geopy's RequestsAdapter (it mounts ``max_retries=2``).

    Left on, they resend a request at once (unspaced, unseen by our rate limiting), sleep for real on a
    Retry-After header, and report a read timeout as a connection error. :meth:`GeopyResolver._geocode` is
    the only retry layer. This changes the geocoder given; other adapters (urllib, aiohttp) do not retry by themselves.
    """
    adapter = getattr(geocoder, "adapter", None)
    if not isinstance(adapter, RequestsAdapter):
        return
    from urllib3.util.retry import Retry  # present whenever RequestsAdapter is usable

    for transport in adapter.session.adapters.values():
        if hasattr(transport, "max_retries"):
            # requests' own default: a single try, with read timeouts raised as timeouts.
            transport.max_retries = Retry(0, read=False)


def _http_status(error: BaseException) -> int | None:
    """The HTTP status behind a geopy error (geopy raises its errors ``from`` an AdapterHTTPError)."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, AdapterHTTPError):
            return int(cause.status_code)
        cause = cause.__cause__
    return None


def _float(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _canonical(raw: dict[str, Any], location: Location, name: str) -> str:
    if isinstance(raw.get("name"), str) and raw["name"].strip():
        return str(raw["name"]).strip()
    first = str(location.address or "").split(",")[0].strip()
    return first or name


def _precision(raw: dict[str, Any]) -> Precision:
    # "category" is the jsonv2 spelling of "class".
    for field in ("addresstype", "type", "class", "category"):
        precision = _PRECISION_WORDS.get(str(raw.get(field, "")).lower())
        if precision is not None:
            return precision
    return "locality"


def _extent_km(boundingbox: object) -> float:
    """Half the diagonal of Nominatim's [south, north, west, east] box: a rough radius, 0 if unknown."""
    if not isinstance(boundingbox, list | tuple) or len(boundingbox) != 4:
        return 0.0
    try:
        south, north, west, east = (float(v) for v in boundingbox)
        return float(great_circle((south, west), (north, east)).km) / 2
    except (TypeError, ValueError):
        return 0.0


def make_geocoder(
    *,
    provider: str = Geocoding.default_provider,
    user_agent: str = Geocoding.user_agent,
    domain: str | None = None,
    scheme: str | None = None,
    timeout: float = Geocoding.timeout_s,
) -> Geocoder:
    """A geopy geocoder by service name, refusing settings that the service's policy forbids."""
    try:
        geocoder_class = get_geocoder_for_service(provider)
    except geopy.exc.GeocoderNotFound as error:
        raise ConfigurationError(
            f"unknown geocoder provider {provider!r}; geopy knows {', '.join(sorted(SERVICE_TO_GEOCODER))} "
            f"(default: {Geocoding.default_provider!r})"
        ) from error
    agent = user_agent.strip()
    if not agent:
        raise ConfigurationError(
            f"geocoder user agent {user_agent!r} is empty; set GEOMAP_USER_AGENT to a name that identifies "
            "this application (and a contact), as the geocoding services require"
        )
    if issubclass(geocoder_class, Nominatim) and (
        agent.casefold() in _SAMPLE_USER_AGENTS or agent.casefold().startswith("geopy/")
    ):
        raise ConfigurationError(
            f"geocoder user agent {user_agent!r} is geopy's sample or default one, which Nominatim's usage "
            "policy forbids (https://operations.osmfoundation.org/policies/nominatim/); set "
            "GEOMAP_USER_AGENT to a name that identifies this application"
        )
    options: dict[str, Any] = {"user_agent": agent, "timeout": timeout}
    if domain is not None:
        options["domain"] = domain
    if scheme is not None:
        options["scheme"] = scheme
    try:
        geocoder: Geocoder = geocoder_class(**options)
    except (TypeError, geopy.exc.ConfigurationError) as error:
        # Services that need an API key or account, or that take no domain: say so instead of a traceback.
        raise ConfigurationError(
            f"geocoder provider {provider!r} cannot be made from user_agent/domain/scheme/timeout alone "
            f"({error}); use a keyless provider such as 'nominatim' or 'photon'"
        ) from error
    return geocoder
