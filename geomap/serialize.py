"""Records to JSON-ready dicts and back, for the build cache. Field names are the records' own."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from geomap.records import Article, Incident, Mention, Resolution, ResolvedMention, Source


def to_dict(record: Any) -> dict[str, Any]:
    return asdict(record)


def article_from(d: dict[str, Any]) -> Article:
    return Article(**{**d, "related": tuple(d["related"]), "warnings": tuple(d["warnings"])})


def incident_from(d: dict[str, Any]) -> Incident:
    return Incident(
        **{
            **d,
            "place": Resolution(**d["place"]),
            "sources": tuple(Source(**s) for s in d["sources"]),
        }
    )


def mention_from(d: dict[str, Any]) -> ResolvedMention:
    return ResolvedMention(
        mention=Mention(**d["mention"]), place=Resolution(**d["place"]), file=d["file"], title=d["title"]
    )
