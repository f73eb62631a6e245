"""Helpers shared by the tests: articles, places and incidents made up for one test."""

from __future__ import annotations

from geomap.extract.locate import Located, event_locations
from geomap.extract.mentions import find_mentions
from geomap.extract.pipeline import Extractor
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import Context, GazetteerResolver
from geomap.records import Article, EventType, Incident, Resolution, Sentence, Source

REGION = Context(countries=("IQ", "SY"))


def located(sentence: str, gazetteer: Gazetteer, resolver: GazetteerResolver) -> list[Located]:
    """The places of a sentence with what they resolve to, in the Iraq and Syria region."""
    out = []
    for m in find_mentions(Sentence.lone(sentence), gazetteer=gazetteer):
        context = Context(countries=REGION.countries, hint=m.hint, within=(m.within,) if m.within else ())
        place = resolver.resolve(m.qualified_text if m.hint else m.text, context=context)
        if place is not None:
            out.append(Located(mention=m, place=place))
    return out


def locations(sentence: str, gazetteer: Gazetteer, resolver: GazetteerResolver) -> list[str]:
    """The names the sentence gives as where something happened."""
    return [loc.mention.text for loc in event_locations(located(sentence, gazetteer, resolver))]


def article(body: str, *, lang: str, published: str | None = None, file: str = "a.txt") -> Article:
    return Article(
        id=file,
        file=file,
        title=body.split("\n", 1)[0],
        outlet=None,
        url=None,
        published=published,
        lang=lang,
        body=body,
    )


def places_found(extractor: Extractor, body: str, *, lang: str, published: str) -> list[str]:
    """The places of the incidents the extractor finds in a one-paragraph article, in order."""
    found = extractor.extract(article(body, lang=lang, published=published)).incidents
    return [i.place.canonical for i in found]


def place(gid: str, lat: float, lon: float, precision: str = "locality", admin1: str = "") -> Resolution:
    return Resolution(
        query=gid,
        canonical=gid,
        gazetteer_id=gid,
        lat=lat,
        lon=lon,
        precision=precision,  # type: ignore[arg-type]
        country="IQ",
        admin1=admin1,
        source="gazetteer",
        score=1.0,
        extent_km=60.0 if precision == "admin1" else 0.0,
    )


def incident(
    article_id: str,
    where: Resolution,
    *,
    kind: EventType = "shelling",
    date: str | None = None,
    quote: str = "",
    title: str = "Title",
    start: int | None = None,
) -> Incident:
    """A one-source incident; ``start`` is where its quote sits in the article's body."""
    source = Source(
        article_id=article_id,
        file=f"{article_id}.txt",
        title=title,
        outlet=None,
        url=None,
        published=None,
        quote=quote or f"{kind} at {where.canonical} on {date}",
        place_text=where.canonical,
        start=start,
    )
    return Incident(
        id=f"{article_id}-{where.gazetteer_id}-{date}-{quote}",
        event_type=kind,
        date=date,
        date_precision="day" if date else "unknown",
        place_text=where.canonical,
        place=where,
        sources=(source,),
    )
