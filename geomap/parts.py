"""What a build keeps of each article besides its result, so that a rebuild decodes only what a change
touches: what the build report and the merge regions need of it (:class:`Summary`), its mentions as the
outputs have them (:class:`geomap.outputs.parts.MentionPart`), and their coordinates.

An article's parts are kept in the build cache under a key made of the version of the outputs
(:func:`parts_version`: geomap's code, every setting but those of speed, the gazetteer), its file name, and
the hash of its bytes and the extraction version of its result's row: the row they were made from. A part
under another key, or whose body does not match its digest (a row damaged on disk), is made again from the
result, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from geomap.cache import BuildCache, decode, text_digest
from geomap.doctor import Unresolved
from geomap.merge import Merger
from geomap.outputs.parts import MentionPart, mention_parts
from geomap.records import ArticleResult, Incident
from geomap.regions import Reports
from geomap.settings import Performance, Settings

_KINDS = ("summary", "mentions", "points")


def parts_version(extraction: str, settings: Settings) -> str:
    """The key of what the parts depend on besides the article: the extraction version (geomap's code,
    the settings that change what a build finds, the gazetteer) and the other settings (the map's), but
    not how fast a build goes."""
    digest = hashlib.sha256(extraction.encode())
    digest.update(repr(replace(settings, performance=Performance())).encode())
    return digest.hexdigest()[:32]


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """What a build needs of an article besides its share of the outputs."""

    file: str
    reports: Reports
    unresolved: tuple[str, ...]
    warnings: tuple[str, ...]
    mentions: int
    countries: tuple[str, ...]  # of its mentions: the map's basemap details them
    gaps: Unresolved | None

    @classmethod
    def of(cls, result: ArticleResult, *, digest: str, merger: Merger) -> Summary:
        return cls(
            file=result.article.file,
            reports=Reports.of(result, digest=digest, merger=merger),
            unresolved=result.unresolved,
            warnings=result.article.warnings,
            mentions=len(result.mentions),
            countries=tuple(sorted({m.place.country for m in result.mentions})),
            gaps=Unresolved.of(result),
        )

    def as_json(self) -> list[Any]:
        gaps = self.gaps
        return [
            self.reports.digest,
            [[i, list(cell)] for i, cell in self.reports.reports],
            self.unresolved,
            self.warnings,
            self.mentions,
            self.countries,
            None if gaps is None else [gaps.country, gaps.names, gaps.resolved],
        ]

    @classmethod
    def from_json(cls, file: str, data: list[Any]) -> Summary:
        digest, reports, unresolved, warnings, mentions, countries, gaps = data
        return cls(
            file=file,
            reports=Reports(file=file, digest=digest, reports=tuple((i, (x, y, z)) for i, (x, y, z) in reports)),
            unresolved=tuple(unresolved),
            warnings=tuple(warnings),
            mentions=mentions,
            countries=tuple(countries),
            gaps=None
            if gaps is None
            else Unresolved(file=file, country=gaps[0], names=tuple(gaps[1]), resolved=tuple(gaps[2])),
        )


class Parts:
    """The parts of a build's articles: read from the cache, made (and kept) when missing or stale.

    ``rows`` is file -> (hash of its bytes, extraction version) of the results' rows of the articles
    mapped; ``fresh`` the results this build has in memory (extracted or renamed), with the digest of their
    encoded text.
    """

    def __init__(
        self,
        *,
        cache: BuildCache,
        version: str,
        settings: Settings,
        merger: Merger,
        rows: dict[str, tuple[str, str]],
        fresh: dict[str, tuple[ArticleResult, str]],
    ) -> None:
        self.cache = cache
        self.settings = settings
        self.merger = merger
        self.version = version
        self._keys = {
            f: hashlib.sha256(json.dumps([version, f, raw, v]).encode("utf-8")).hexdigest()
            for f, (raw, v) in rows.items()
        }
        self._fresh = fresh
        self._incidents: dict[str, tuple[Incident, ...]] = {}
        self.made = 0  # articles whose parts were made this build

    def summaries(self, files: Sequence[str]) -> list[Summary]:
        """The summaries of ``files``, in their order."""
        stored = self.cache.parts("summary")
        found = []
        for file in files:
            kept = stored.get(file)
            summary = self._read(file, kept[1], Summary.from_json) if kept and kept[0] == self._keys[file] else None
            found.append(summary or self._make(file)[0])
        return found

    def mentions(self, files: Sequence[str]) -> Iterator[MentionPart]:
        """The mentions' parts of ``files``, in their order, read one article at a time."""
        for file in files:
            found = self._kept(file, "mentions", lambda _f, data: [MentionPart.from_json(p) for p in data])
            yield from found if found is not None else self._make(file)[1]

    def points(self, files: Sequence[str]) -> list[tuple[float, float]]:
        """The (lat, lon) of the mentions of ``files``: what the map's first view fits without incidents."""
        points: list[tuple[float, float]] = []
        for file in files:
            found = self._kept(file, "points", lambda _f, data: [(lat, lon) for lat, lon in data])
            points += found if found is not None else self._make(file)[2]
        return points

    def incidents(self, file: str) -> tuple[Incident, ...]:
        """An article's reports (decoded once a build, for the regions merged again)."""
        found = self._incidents.get(file)
        if found is None:
            found = self._incidents[file] = self._result(file)[0].incidents
        return found

    def forget(self) -> None:
        """Let go of the reports decoded for the regions merged again."""
        self._incidents.clear()

    def _kept(self, file: str, kind: str, parse: Any) -> Any:
        kept = self.cache.part(file, kind)
        return self._read(file, kept[1], parse) if kept and kept[0] == self._keys[file] else None

    @staticmethod
    def _read(file: str, body: str, parse: Any) -> Any:
        try:
            return parse(file, json.loads(body))
        except (ValueError, TypeError, KeyError, IndexError):  # a body of another shape: made again
            return None

    def _result(self, file: str) -> tuple[ArticleResult, str]:
        fresh = self._fresh.get(file)
        if fresh is not None:
            return fresh
        text = self.cache.encoded(file)
        return decode(text, file=file), text_digest(text)

    def _make(self, file: str) -> tuple[Summary, list[MentionPart], list[tuple[float, float]]]:
        result, digest = self._result(file)
        summary = Summary.of(result, digest=digest, merger=self.merger)
        ordered = sorted(result.mentions, key=lambda m: m.order)
        mentions = mention_parts(ordered, style=self.settings.map)
        points = [(m.place.lat, m.place.lon) for m in ordered]
        bodies = {
            "summary": summary.as_json(),
            "mentions": [p.as_json() for p in mentions],
            "points": points,
        }
        self.cache.put_parts(
            file,
            key=self._keys[file],
            bodies={kind: json.dumps(bodies[kind], ensure_ascii=False, separators=(",", ":")) for kind in _KINDS},
        )
        self.made += 1
        return summary, mentions, points
