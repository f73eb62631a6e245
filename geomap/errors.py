"""One exception hierarchy. Every error says what went wrong and what to do about it.

Like geopy's, faults of the remote geocoder carry two bases so that callers may catch them either
as ours or as the builtin they resemble (a timeout is also a ``TimeoutError``).
"""


class GeomapError(Exception):
    """Base of every error geomap raises on purpose."""


class ArticleError(GeomapError):
    """An article file cannot be read; the message names the file and the problem."""


class GazetteerError(GeomapError):
    """The gazetteer data is missing or malformed."""


class CuratedRowError(GazetteerError, ValueError):
    """A row of the curated gazetteer file is invalid; the message quotes the row."""


class GeocoderError(GeomapError):
    """The remote geocoder failed; the name stays unresolved and is retried on a later build."""


class GeocoderTimedOut(GeocoderError, TimeoutError):
    """The remote geocoder did not answer in time."""


class GeocoderRateLimited(GeocoderError):
    """The remote geocoder refused the request for now (HTTP 429)."""


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """The remote geocoder cannot be reached, or answered with a server error or malformed data."""


class ConfigurationError(GeomapError, ValueError):
    """A setting or option has a value that cannot work; the message quotes it."""


class BuildLockedError(GeomapError):
    """Another build holds the output folder's lock."""
