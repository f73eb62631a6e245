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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from geomap.cache import BuildCache, decode, decode_incident, encode, encode_incident, text_digest
from geomap.doctor import Unresolved
from geomap.merge import Merger
from geomap.outputs.parts import MentionPart, mention_parts
from geomap.records import ArticleResult, Incident
from geomap.regions import Reports
from geomap.settings import MapStyle, Performance, Settings

T = TypeVar("T")


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
    #: Its mentions' parts (:class:`MentionPart`) but their text: [file, title, count, lats, lons, countries].
    runs: tuple[list[Any], ...]

    @classmethod
    def of(cls, result: ArticleResult, *, digest: str, merger: Merger, runs: Sequence[MentionPart]) -> Summary:
        return cls(
            file=result.article.file,
            reports=Reports.of(result, digest=digest, merger=merger),
            unresolved=result.unresolved,
            warnings=result.article.warnings,
            mentions=len(result.mentions),
            countries=tuple(sorted({m.place.country for m in result.mentions})),
            gaps=Unresolved.of(result),
            runs=tuple([p.file, p.title, p.count, p.lats, p.lons, p.countries] for p in runs),
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
            self.runs,
        ]

    @classmethod
    def from_json(cls, file: str, data: list[Any]) -> Summary:
        digest, reports, unresolved, warnings, mentions, countries, gaps, runs = data
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
            runs=tuple(runs),
        )


class Parts:
    """The parts of a build's articles: read from the cache, made (and kept) when missing or stale.

    ``rows`` is file -> (hash of its bytes, extraction version) of the results' rows of the articles
    mapped; ``fresh`` the results this build has in memory (extracted or renamed), with the digest of their
    encoded text; ``prepared`` the parts the workers made of those they extracted (:class:`Prepared`), kept
    as they are where the cache has none of the article's current key. The fresh result of an article with
    prepared parts gives only its reports (a worker sends it without its mentions): made again, its parts
    come from its row in the cache.

    Kinds of part: ``summary`` (JSON), ``reports`` (its reports, one JSON line each: a region merged again
    decodes only its own), ``features`` and ``rows`` (its mentions' texts, as they go into the outputs:
    not parsed), ``points`` (JSON).
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
        prepared: dict[str, Prepared] | None = None,
    ) -> None:
        self.cache = cache
        self.settings = settings
        self.merger = merger
        self.version = version
        self._keys = {f: part_key(version, f, raw, v) for f, (raw, v) in rows.items()}
        self._fresh = fresh
        self._prepared = prepared if prepared is not None else {}
        self._partial = set(self._prepared)  # fresh results that may lack their mentions
        self._reports: dict[str, list[bytes]] = {}
        self.made = 0  # articles whose parts were made this build

    def summaries(self, files: Sequence[str]) -> list[Summary]:
        """The summaries of ``files``, in their order; the parts made meanwhile are kept together."""
        stored = self.cache.parts("summary")
        found = []
        made: list[tuple[str, str, dict[str, bytes]]] = []
        for file in files:
            kept = stored.get(file)
            summary = None
            ready = self._prepared.pop(file, None)
            if ready is not None and file in self._fresh and ready.digest == self._fresh[file][1]:  # by a worker
                summary = ready.summary
                self._keep(file, ready.bodies, made)  # or kept already (keep_prepared): counted
            elif kept is not None and kept[0] == self._keys[file]:
                summary = _parsed(_summary, file, kept[1])
            found.append(summary or self._make(file, made=made)[0])
            if len(made) >= 500:  # a first build's parts: kept a few hundred at a time, not held
                self.cache.put_parts(made)
                made.clear()
        self.cache.put_parts(made)
        return found

    def mentions(self, summaries: Sequence[Summary]) -> Iterator[MentionPart]:
        """The mentions' parts of these articles, in their order, read a few hundred articles at a time."""
        kinds = ("features", "rows")
        for start in range(0, len(summaries), 200):
            batch = summaries[start : start + 200]
            found = self.cache.parts_of_files([s.file for s in batch], kinds)
            for summary in batch:
                kept = self._sound(summary.file, found.get(summary.file, {}), kinds)
                runs = None if kept is None else _parsed(_runs, summary.runs, *kept)
                yield from runs if runs is not None else self._make(summary.file)[1]

    def points(self, files: Sequence[str]) -> list[tuple[float, float]]:
        """The (lat, lon) of the mentions of ``files``: what the map's first view fits without incidents."""
        points: list[tuple[float, float]] = []
        for file in files:
            kept = self._kept(file, ("points",))
            found = None if kept is None else _parsed(_points, kept[0])
            points += found if found is not None else self._make(file)[2]
        return points

    def report(self, file: str, position: int) -> Incident:
        """An article's report at this position of its result (decoded alone, for a region merged again)."""
        fresh = self._fresh.get(file)
        if fresh is not None:
            return fresh[0].incidents[position]
        lines = self._reports.get(file)
        if lines is None:
            kept = self._kept(file, ("reports",))
            lines = self._reports[file] = kept[0].split(b"\n") if kept is not None else self._lines(file)
        found = _parsed(decode_incident, lines[position]) if position < len(lines) else None
        if found is None:  # a line of another shape: the whole article again
            lines = self._reports[file] = self._lines(file)
            found = decode_incident(lines[position])
        return found

    def forget(self) -> None:
        """Let go of the reports read for the regions merged again."""
        self._reports.clear()

    def _lines(self, file: str) -> list[bytes]:
        return [encode_incident(i).encode() for i in self._make(file)[3].incidents]

    def _kept(self, file: str, kinds: tuple[str, ...]) -> list[bytes] | None:
        """The bodies of these kinds of part of ``file``, if all are sound and of its current key."""
        return self._sound(file, self.cache.parts_of(file, kinds), kinds)

    def _sound(self, file: str, found: dict[str, tuple[str, bytes]], kinds: tuple[str, ...]) -> list[bytes] | None:
        """The bodies of ``found`` (kind -> (key, body), sound), if there is one of each kind under the file's
        current key."""
        key = self._keys[file]
        if any(kind not in found or found[kind][0] != key for kind in kinds):
            return None
        return [found[kind][1] for kind in kinds]

    def _result(self, file: str) -> tuple[ArticleResult, str]:
        fresh = self._fresh.get(file)
        if fresh is not None and file not in self._partial:
            return fresh
        text = self.cache.encoded(file)
        return decode(text, file=file), text_digest(text)

    def _make(
        self, file: str, *, made: list[tuple[str, str, dict[str, bytes]]] | None = None
    ) -> tuple[Summary, list[MentionPart], list[tuple[float, float]], ArticleResult]:
        """An article's parts made from its result, kept (with those ``made`` when given, else now)."""
        result, digest = self._result(file)
        summary, mentions, points, bodies = article_parts(result, digest=digest, merger=self.merger, style=self.settings.map)
        self._keep(file, bodies, made)
        return summary, mentions, points, result

    def _keep(self, file: str, bodies: dict[str, bytes], made: list[tuple[str, str, dict[str, bytes]]] | None) -> None:
        if not bodies:
            pass
        elif made is None:
            self.cache.put_parts([(file, self._keys[file], bodies)])
        else:
            made.append((file, self._keys[file], bodies))
        self.made += 1


@dataclass(frozen=True, slots=True)
class Prepared:
    """What a worker makes of an article's result for the build's process, which then only writes it: the
    result's encoded text (:func:`geomap.cache.encode`), its digest, and the article's summary and the bodies
    of its parts, as :class:`Parts` would make them from that result."""

    text: str
    digest: str
    summary: Summary
    bodies: dict[str, bytes]

    @classmethod
    def of(cls, result: ArticleResult, *, merger: Merger, style: MapStyle) -> Prepared:
        text = encode(result)
        digest = text_digest(text)
        summary, _mentions, _points, bodies = article_parts(result, digest=digest, merger=merger, style=style)
        return cls(text=text, digest=digest, summary=summary, bodies=bodies)


class Preparing:
    """Makes the :class:`Prepared` of a result: given to the extraction, which calls it in each worker
    (pickled with the settings alone)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._merger: Merger | None = None

    def __reduce__(self) -> tuple[type[Preparing], tuple[Settings]]:
        return Preparing, (self.settings,)

    def __call__(self, result: ArticleResult) -> Prepared:
        if self._merger is None:
            self._merger = Merger(settings=self.settings)
        return Prepared.of(result, merger=self._merger, style=self.settings.map)


def part_key(version: str, file: str, raw_hash: str, row_version: str) -> str:
    """The key of an article's parts: the outputs' version (:func:`parts_version`), its file name, and the
    hash of its bytes and the extraction version of the result's row they are made from."""
    return hashlib.sha256(json.dumps([version, file, raw_hash, row_version]).encode("utf-8")).hexdigest()


def keep_prepared(cache: BuildCache, prepared: Prepared, *, file: str, key: str) -> Prepared:
    """Keep a worker's parts of an article in ``cache`` under ``key`` (:func:`part_key` of the row just
    put), committed with it; returns what :class:`Parts` needs of the rest (the digest and the summary): a
    build's process does not hold every article's parts and encoded result (70 KB) to the end of its
    reading."""
    cache.put_parts([(file, key, prepared.bodies)], commit=False)
    return replace(prepared, text="", bodies={})


def article_parts(
    result: ArticleResult, *, digest: str, merger: Merger, style: MapStyle
) -> tuple[Summary, list[MentionPart], list[tuple[float, float]], dict[str, bytes]]:
    """An article's summary, mention parts and points, made from its result (``digest``: that of its encoded
    text), and the bodies of the parts kept of them."""
    ordered = sorted(result.mentions, key=lambda m: m.order)
    mentions = mention_parts(ordered, style=style)
    summary = Summary.of(result, digest=digest, merger=merger, runs=mentions)
    points = [(m.place.lat, m.place.lon) for m in ordered]
    bodies = {
        "summary": _json(summary.as_json()),
        "reports": "\n".join(map(encode_incident, result.incidents)).encode(),
        "features": b",\n".join(p.features for p in mentions if p.features),
        "rows": RUN_SEPARATOR.join(p.rows for p in mentions),
        "points": _json(points),
    }
    return summary, mentions, points, bodies


#: Between the map rows of two runs of an article's mentions (JSON escapes every control character).
RUN_SEPARATOR = b"\x02"


def _runs(runs: Sequence[list[Any]], features: bytes, rows: bytes) -> list[MentionPart]:
    """An article's mention parts from its summary and kept texts; its features all go with the first run."""
    texts = rows.split(RUN_SEPARATOR) if runs else []
    if len(texts) != len(runs):
        raise ValueError("runs and rows disagree")
    return [
        MentionPart(
            file=file,
            title=title,
            count=count,
            features=features if n == 0 else b"",
            rows=text,
            lats=lats,
            lons=lons,
            countries=tuple(countries),
        )
        for n, ((file, title, count, lats, lons, countries), text) in enumerate(zip(runs, texts, strict=True))
    ]


def _parsed(parse: Callable[..., T], *args: Any) -> T | None:
    """What ``parse`` makes of kept bodies; None for a body of another shape (then made again)."""
    try:
        return parse(*args)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _summary(file: str, body: bytes) -> Summary:
    return Summary.from_json(file, json.loads(body))


def _points(body: bytes) -> list[tuple[float, float]]:
    return [(lat, lon) for lat, lon in json.loads(body)]


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
