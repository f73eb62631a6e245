"""Typed records passed between the pipeline stages: Article -> Sentence -> Mention -> Resolution -> Incident.

Every record is a frozen dataclass that keeps its evidence: where a coordinate came from (gazetteer id,
source), which sentence of which file reported an incident. Coordinates are always the fields ``lat`` and
``lon``; only GeoJSON and shapely use [lon, lat] order (see :func:`lon_lat`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

#: ``approximate`` is a point the text gives by distance and bearing from a place ("40 nautical miles
#: south-east of Aden"): where it is, to a few kilometres.
Precision = Literal["point", "locality", "approximate", "admin1", "country"]
ResolvedBy = Literal["gazetteer", "curated", "geocoder"]
#: ACLED's sub-event types of political violence that news of incidents reports (see
#: geomap/outputs/geojson.py ACLED_SUB_EVENT_TYPE for the names in ACLED's codebook).
EventType = Literal[
    "ied", "suicide_bomb", "grenade", "shelling", "air_drone_strike", "armed_clash", "attack", "other"
]
#: ``month_day`` is a day and month whose year the text does not give (date written "--MM-DD").
#: "reported": the text gives no date, and the incident takes its first report's publication date.
DatePrecision = Literal["day", "month", "year", "month_day", "reported", "unknown"]
#: What a place name's qualifier says it is: "la base X", "l'aéroport de X", "la province de X", "ville de X".
FeatureHint = Literal["base", "airport", "admin1", "region", "locality"]

PRECISIONS: tuple[Precision, ...] = ("point", "locality", "approximate", "admin1", "country")
EVENT_TYPES: tuple[EventType, ...] = (
    "ied", "suicide_bomb", "grenade", "shelling", "air_drone_strike", "armed_clash", "attack", "other"
)


def lon_lat(lat: float, lon: float) -> tuple[float, float]:
    """The one place where our (lat, lon) becomes GeoJSON's and shapely's [lon, lat] order."""
    return (lon, lat)


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """One gazetteer entry: a GeoNames place, admin unit, country, airport, or a curated row."""

    id: str  # "geonames:98182", "icao:ORBI", "curated:al-yusufiyah"
    name: str
    lat: float
    lon: float
    precision: Precision
    feature: str  # "PPL" populated place, "ADM1", "PCLI" country, "AIRP", "AIRB" military field, "SITE"
    country: str  # ISO 3166-1 alpha-2
    admin1: str  # admin1 name, "" when unknown or for a country
    population: int
    source: Literal["gazetteer", "curated"]
    extent_km: float  # rough radius of the area the place covers (0 for a point)
    #: The area an admin unit or country covers, (west, south, east, north) in degrees; None for a place.
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A place name resolved to coordinates, with its rank score and where the answer came from."""

    query: str  # the name as asked (as written in the article, qualifier stripped)
    canonical: str
    gazetteer_id: str
    lat: float
    lon: float
    precision: Precision
    country: str
    admin1: str
    source: ResolvedBy
    score: float
    extent_km: float = 0.0
    #: The area an admin unit or country covers, (west, south, east, north) in degrees; None for a place.
    bbox: tuple[float, float, float, float] | None = None
    raw: str | None = None  # the remote geocoder's JSON answer, when it came from there
    #: Matched by a spelling's skeleton ("Illiniv" for Lyniv), not by one of the place's names.
    loose: bool = False

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Resolution:
        """A resolution from its ``dataclasses.asdict`` form (JSON turns the bbox tuple into a list)."""
        bbox = d.get("bbox")
        return cls(**{**d, "bbox": (bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else None})


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as read from a file, with what its file says about where it came from."""

    id: str  # content hash: renaming a file does not make it a new article
    file: str  # file name as found in the articles folder
    title: str
    outlet: str | None
    url: str | None
    published: str | None  # ISO date (YYYY-MM-DD) when known
    lang: str  # "fr" or "en"
    body: str  # the text the extractor reads; paragraphs separated by newlines
    related: tuple[str, ...] = ()  # titles of other articles it links to ("Lire aussi : ...")
    warnings: tuple[str, ...] = ()  # problems met while reading that did not stop it (encoding fallback...)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """One sentence of an article, as it will be quoted: ``article.body[start:end] == text``.

    The titles of other articles that an article links to ("Lire aussi : ...") are sentences too, with
    ``in_related`` set; they are not in the body, so their offsets are in the title itself (0 to its length).
    """

    text: str
    start: int
    end: int
    index: int  # position among the body's sentences, or among the related titles
    paragraph: int = 0  # index of the body paragraph (non-empty line) it belongs to
    in_related: bool = False

    @classmethod
    def lone(cls, text: str) -> Sentence:
        """A sentence on its own, outside any article (offsets in ``text`` itself)."""
        return cls(text=text, start=0, end=len(text), index=0)

    @property
    def key(self) -> str:
        """Stable within an article: related titles are numbered from 100000, so adding one never changes
        the ids (of incidents and mentions) derived from the body's sentences."""
        return str(self.index + RELATED_KEY_BASE if self.in_related else self.index)


RELATED_KEY_BASE = 100_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A place name found in a sentence."""

    article_id: str
    text: str  # as written: "al-Yusifiyah"
    start: int  # offsets of ``text`` in the sentence
    end: int
    sentence: Sentence
    qualified_text: str  # with its qualifier, as written: "aéroport de Bagdad"
    hint: FeatureHint | None = None
    #: What found the name: the gazetteer's matchable names, the NER, a pattern of place phrases, or the list
    #: of places it stands in ("Antonivka, Sadove and Kherson": villages not matchable alone).
    detector: Literal["gazetteer", "ner", "pattern", "list"] = "gazetteer"
    #: "X dans la province de Y": X's mention names Y here, and Y's mention is a container, not a place
    #: where something happened.
    within: str | None = None
    is_container: bool = False
    #: The mention's first word comes right after the qualifier or preposition that introduces it.
    cue: str = ""  # the words just before the qualified text, lower case ("à", "près de", "contre")

    @property
    def qualified_span(self) -> tuple[int, int]:
        """Offsets of the qualified text in the sentence: the name and its qualifier, before or after it."""
        if self.qualified_text.startswith(self.text):
            return self.start, self.start + len(self.qualified_text)
        return self.end - len(self.qualified_text), self.end

    def qualified_as(self, kind: re.Pattern[str]) -> bool:
        """Whether the words that qualify the name (not the name itself) say it is of ``kind``."""
        return self.hint is not None and kind.search(self.qualified_text.replace(self.text, " ")) is not None


#: The bearing of a place a sentence gives only as near a town (``Source.bearing``).
NEAR = "near"


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Who reported an incident, and the sentence that says so."""

    article_id: str
    file: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    quote: str  # the first sentence of the article that reports the incident
    place_text: str
    #: Offset of the quote in the article's body; None for the title of another article it links to.
    start: int | None = None
    #: The other sentences of the same article that report it, in reading order (an article is one
    #: source, however many times it tells the event), and their offsets in the body.
    more_quotes: tuple[str, ...] = ()
    more_starts: tuple[int | None, ...] = ()
    #: "n", "s", "e" or "w" when the sentence gives the place only as a bearing ("au nord de X"), "near" when
    #: only as near it ("près de X").
    bearing: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """Something that happened at a place: typed, dated where the text says when, with its sources."""

    id: str  # stable: derived from place, type, date and the first source
    event_type: EventType
    date: str | None  # ISO, possibly partial: "2021-04-05", "2020-01", "2020", "--04-05"
    date_precision: DatePrecision
    place_text: str
    place: Resolution
    actor: str | None = None
    sources: tuple[Source, ...] = field(default_factory=tuple)
    optional: bool = False  # reported only in another article's title ("Lire aussi")
    #: People killed (ACLED's "fatalities") and injured, when the sentences say so; None when not stated.
    fatalities: int | None = None
    injured: int | None = None
    casualties_quote: str | None = None  # the sentence that gives those figures
    #: Where the fire came from, when the article says ("rockets fired from X"): not an incident's place.
    launched_from: Resolution | None = None

    @property
    def quotes(self) -> list[tuple[Source, str]]:
        """Every quote of every source, with its source."""
        return [(s, q) for s in self.sources for q in (s.quote, *s.more_quotes)]

    @property
    def lat(self) -> float:
        return self.place.lat

    @property
    def lon(self) -> float:
        return self.place.lon


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedMention:
    """A place named in an article that is not an incident location (kept for an optional map layer)."""

    mention: Mention
    place: Resolution
    file: str
    title: str

    @property
    def order(self) -> tuple[str, str, bool, int, int, str]:
        """Sort key: by file, then in reading order (the body, then the titles of related articles)."""
        m = self.mention
        return (self.file, m.article_id, m.sentence.in_related, m.sentence.index, m.start, self.place.gazetteer_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    """What one article yields: the extractor's output, and what the build cache keeps per file."""

    article: Article
    incidents: tuple[Incident, ...]
    mentions: tuple[ResolvedMention, ...]
    unresolved: tuple[str, ...]  # place names no resolver knew
