"""Incidents and mentions as GeoJSON (RFC 7946), byte-for-byte reproducible.

Features are sorted by id, coordinates are rounded to 6 decimals (about 10 cm), keys are sorted and the
file ends with a newline, so building twice from the same records gives identical bytes. Files are
replaced atomically: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.fsutil import atomic_write_chunks
from geomap.records import EventType, Incident, Resolution, ResolvedMention, lon_lat

#: ACLED's sub-event type nearest to each of our event types, for readers who work with ACLED data.
ACLED_SUB_EVENT_TYPE: dict[EventType, str] = {
    "ied": "Remote explosive/landmine/IED",
    "suicide_bomb": "Suicide bomb",
    "grenade": "Grenade",
    "shelling": "Shelling/artillery/missile attack",
    "air_drone_strike": "Air/drone strike",
    "armed_clash": "Armed clash",
    "attack": "Attack",
    "other": "Other",
}

#: Property names of an incident feature, in the order the CSV uses (``sources`` is flattened there).
INCIDENT_PROPERTIES: tuple[str, ...] = (
    "id",
    "event_type",
    "acled_sub_event_type",
    "date",
    "date_precision",
    "place_text",
    "place",
    "gazetteer_id",
    "precision",
    "country",
    "admin1",
    "actor",
    "fatalities",
    "injured",
    "casualties_quote",
    "resolved_by",
    "extent_km",
    "launched_from",
    "sources",
)
SOURCE_PROPERTIES: tuple[str, ...] = ("file", "title", "outlet", "url", "published", "quote", "quotes")
COORDINATE_DECIMALS = 6


def incident_properties(incident: Incident) -> dict[str, Any]:
    """The feature properties of one incident (see :data:`INCIDENT_PROPERTIES`)."""
    place = incident.place
    return {
        "id": incident.id,
        "event_type": incident.event_type,
        "acled_sub_event_type": ACLED_SUB_EVENT_TYPE[incident.event_type],
        "date": incident.date,
        "date_precision": incident.date_precision,
        "place_text": incident.place_text,
        "place": place.canonical,
        "gazetteer_id": place.gazetteer_id,
        "precision": place.precision,
        "country": place.country,
        "admin1": place.admin1,
        "actor": incident.actor,
        # None when the articles do not say; 0 when they say nobody was killed or hurt.
        "fatalities": incident.fatalities,
        "injured": incident.injured,
        "casualties_quote": incident.casualties_quote,  # the sentence that gives those figures
        "resolved_by": place.source,
        "extent_km": place.extent_km,
        "launched_from": _launch_site(incident.launched_from),
        "sources": [
            {
                "file": s.file,
                "title": s.title,
                "outlet": s.outlet,
                "url": s.url,
                "published": s.published,
                "quote": s.quote,
                "quotes": [s.quote, *s.more_quotes],
            }
            for s in incident.sources
        ],
    }


def _launch_site(place: Resolution | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "place": place.canonical,
        "gazetteer_id": place.gazetteer_id,
        "lat": round(place.lat, COORDINATE_DECIMALS),
        "lon": round(place.lon, COORDINATE_DECIMALS),
    }


def incidents_to_geojson(incidents: Iterable[Incident]) -> dict[str, Any]:
    """A FeatureCollection with one Point feature per incident, sorted by id."""
    return {"type": "FeatureCollection", "features": list(_incident_features(incidents))}


def _incident_features(incidents: Iterable[Incident]) -> Iterator[dict[str, Any]]:
    for i in sorted(incidents, key=lambda i: i.id):
        yield _incident_feature(i)


def _incident_feature(i: Incident) -> dict[str, Any]:
    return _point_feature(i.id, i.place, incident_properties(i), what=f"incident {i.id}")


def incident_line(incident: Incident) -> str:
    """The line of ``incidents.geojson`` that holds this incident (kept per merge region, see
    :mod:`geomap.outputs.parts`)."""
    return _dumps(_incident_feature(incident))


def mention_line(mention: ResolvedMention) -> str:
    """The line of ``mentions.geojson`` that holds this mention."""
    return _dumps(_mention_feature(mention))


def mentions_to_geojson(mentions: Sequence[ResolvedMention]) -> dict[str, Any]:
    """A FeatureCollection of the places named in articles that are not incident locations."""
    return {"type": "FeatureCollection", "features": list(_mention_features(mentions))}


def _mention_features(mentions: Sequence[ResolvedMention]) -> Iterator[dict[str, Any]]:
    for m in sorted(mentions, key=lambda m: m.order):
        yield _mention_feature(m)


def _mention_feature(m: ResolvedMention) -> dict[str, Any]:
    mention = m.mention
    feature_id = mention_id(m)
    properties: dict[str, Any] = {
        "id": feature_id,
        "text": mention.text,
        "qualified_text": mention.qualified_text,
        "place": m.place.canonical,
        "gazetteer_id": m.place.gazetteer_id,
        "precision": m.place.precision,
        "country": m.place.country,
        "admin1": m.place.admin1,
        "resolved_by": m.place.source,
        "extent_km": m.place.extent_km,
        "article_id": mention.article_id,
        "file": m.file,
        "title": m.title,
        "sentence": mention.sentence.text,
        "in_related": mention.sentence.in_related,
    }
    return _point_feature(feature_id, m.place, properties, what=f"mention {m.file}")


def mention_id(m: ResolvedMention) -> str:
    """Stable id of a mention: its article, sentence and offset."""
    return f"{m.mention.article_id}:{m.mention.sentence.key}:{m.mention.start}"


def dumps_geojson(collection: dict[str, Any]) -> str:
    """Deterministic text of a FeatureCollection: sorted keys, one feature a line, final newline."""
    return "".join(c if isinstance(c, str) else c.decode("utf-8") for c in _collection_text(collection["features"]))


def _collection_text(features: Iterable[dict[str, Any]]) -> Iterator[str | bytes]:
    """:func:`dumps_geojson`'s text, a feature at a time."""
    return collection_chunks(map(_dumps, features))


def collection_chunks(lines: Iterable[str | bytes]) -> Iterator[str | bytes]:
    """The text of a FeatureCollection of these features' lines (a line may hold several features joined by
    ``",\\n"``: an article's mentions, kept together)."""
    yield '{"type":"FeatureCollection","features":['
    separator = "\n"
    for line in lines:
        if line:
            yield separator
            yield line
            separator = ",\n"
    yield "]}\n" if separator == "\n" else "\n]}\n"


def write_lines(lines: Iterable[str | bytes], path: Path | str) -> Path:
    """Write a FeatureCollection of features' lines (:func:`incident_line`, :func:`mention_line`),
    atomically; returns the path."""
    target = Path(path)
    atomic_write_chunks(target, collection_chunks(lines))
    return target


def write_geojson(incidents: Iterable[Incident], path: Path | str) -> Path:
    """Write the incidents as GeoJSON, atomically, a feature at a time; returns the path."""
    target = Path(path)
    atomic_write_chunks(target, _collection_text(_incident_features(incidents)))
    return target


def write_mentions_geojson(mentions: Sequence[ResolvedMention], path: Path | str) -> Path:
    """Write the non-incident mentions as GeoJSON, atomically, a feature at a time; returns the path."""
    target = Path(path)
    atomic_write_chunks(target, _collection_text(_mention_features(mentions)))
    return target


def _point_feature(
    feature_id: str, place: Resolution, properties: dict[str, Any], *, what: str
) -> dict[str, Any]:
    lat, lon = place.lat, place.lon
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeomapError(
            f"{what} at {place.canonical!r} has coordinates lat={lat}, lon={lon} outside WGS 84's range: "
            f"fix the gazetteer entry {place.gazetteer_id!r}"
        )
    x, y = lon_lat(lat, lon)
    return {
        "type": "Feature",
        "id": feature_id,
        "geometry": {
            "type": "Point",
            "coordinates": [round(x, COORDINATE_DECIMALS), round(y, COORDINATE_DECIMALS)],
        },
        "properties": properties,
    }


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


# json.dumps with these options, its encoder made once (a feature's parts are dumped one by one).
# allow_nan=False: NaN is not JSON, and a reader would fail far from the cause.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
