"""``geomap build``: articles folder -> map, GeoJSON, CSV; incremental and safe.

Each article's extraction is cached in SQLite (``<output>/.geomap-cache.sqlite`` unless given), keyed by
the file's bytes and by the versions of the gazetteer and of the extraction code: an unchanged article is
never re-read by the NLP stages, a changed one replaces its incidents, a deleted one's disappear, a renamed
one keeps its incidents under its new name. Outputs are written atomically, under a lock that makes a
second build wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from geomap import settings
from geomap.articles import ARTICLE_SUFFIXES, read_article
from geomap.errors import ArticleError, BuildLockedError, GeomapError
from geomap.gazetteer import Gazetteer, default_gazetteer
from geomap.incidents import merge_incidents
from geomap.pipeline import ArticleResult, Extractor
from geomap.records import Incident, ResolvedMention
from geomap.resolve import Resolver, build_resolver
from geomap.serialize import article_from, incident_from, mention_from, to_dict

#: The modules whose code decides what an article yields: a change to any re-extracts every article.
EXTRACTION_MODULES = (
    "articles",
    "sentences",
    "dates",
    "toponyms",
    "incidents",
    "pipeline",
    "normalize",
    "resolve",
    "records",
)


def extraction_version() -> str:
    digest = hashlib.sha256()
    for name in EXTRACTION_MODULES:
        digest.update((settings.PACKAGE_DIR / f"{name}.py").read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class BuildReport:
    """What a build did; printed by the CLI and written to ``<output>/build-report.json``."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    unchanged: int = 0
    extracted: int = 0  # articles that went through the NLP stages this time
    skipped: dict[str, str] = field(default_factory=dict)  # file -> problem
    incidents: int = 0
    incidents_before: int | None = None
    mentions: int = 0
    unresolved: dict[str, list[str]] = field(default_factory=dict)  # name -> files
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "seconds"}

    def summary(self) -> str:
        lines = [
            f"articles: {len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed,"
            f" {len(self.renamed)} renamed, {self.unchanged} unchanged; {self.extracted} read by the extractor",
        ]
        change = "" if self.incidents_before is None else f" (was {self.incidents_before})"
        lines.append(f"incidents: {self.incidents}{change}; other place mentions: {self.mentions}")
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} file(s):")
            lines += [f"  {problem}" for problem in self.skipped.values()]
        if self.unresolved:
            lines.append(f"unresolved place names: {len(self.unresolved)} (see `geomap doctor`)")
        lines += [f"wrote {p}" for p in self.outputs]
        return "\n".join(lines)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
  file TEXT PRIMARY KEY, raw_hash TEXT NOT NULL, version TEXT NOT NULL, result TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""


class BuildCache:
    """Per-article results keyed by file bytes and extraction/gazetteer versions (SQLite, WAL)."""

    def __init__(self, *, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise GeomapError(
                f"build cache {path} is unreadable ({exc}); delete it and build again"
            ) from None

    def rows(self) -> dict[str, tuple[str, str, str]]:
        return {
            f: (h, v, r)
            for f, h, v, r in self.db.execute("SELECT file, raw_hash, version, result FROM results")
        }

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def close(self) -> None:
        self.db.close()


def _encode(result: ArticleResult) -> str:
    return json.dumps(
        {
            "article": to_dict(result.article),
            "incidents": [to_dict(i) for i in result.incidents],
            "mentions": [to_dict(m) for m in result.mentions],
            "unresolved": list(result.unresolved),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _decode(text: str, *, file: str) -> ArticleResult:
    d = json.loads(text)
    article = replace(article_from(d["article"]), file=file)
    # A renamed file keeps its results; only the file name its sources cite changes.
    incidents = tuple(
        replace(
            i, sources=tuple(replace(s, file=file) if s.article_id == article.id else s for s in i.sources)
        )
        for i in map(incident_from, d["incidents"])
    )
    mentions = tuple(replace(m, file=file) for m in map(mention_from, d["mentions"]))
    return ArticleResult(
        article=article, incidents=incidents, mentions=mentions, unresolved=tuple(d["unresolved"])
    )


@contextlib.contextmanager
def build_lock(output_dir: Path, *, wait_seconds: float) -> Iterator[None]:
    """One build at a time per output folder: a second waits, then says why it cannot go on."""
    output_dir.mkdir(parents=True, exist_ok=True)
    with (output_dir / ".geomap.lock").open("a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLockedError(
                        f"another geomap build is writing {output_dir} (lock {output_dir / '.geomap.lock'});"
                        " wait for it to finish, or use another --output folder"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def article_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise GeomapError(
            f"articles folder {folder} does not exist: create it and put articles (.txt, .md, .html) in it"
        )
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not p.name.startswith(".")  # editor droppings
    )


def build(
    *,
    articles_dir: Path = settings.ARTICLES_DIR,
    output_dir: Path = settings.OUTPUT_DIR,
    cache_path: Path | None = None,
    offline: bool = False,
    provider: str | None = None,
    resolver: Resolver | None = None,
    gazetteer: Gazetteer | None = None,
    write_map: bool = True,
    lock_wait_seconds: float = 600.0,
    progress: Callable[[int, int, str], None] | None = None,
    jobs: int = 1,
) -> BuildReport:
    """Build (or update) the outputs for every article in ``articles_dir``."""
    started = time.monotonic()
    gazetteer = gazetteer or default_gazetteer()
    files = article_files(articles_dir)
    report = BuildReport()
    with build_lock(output_dir, wait_seconds=lock_wait_seconds):
        cache = BuildCache(path=cache_path or output_dir / settings.CACHE_FILE_NAME)
        try:
            results = _update(files, cache, report, gazetteer, resolver, offline, provider, progress, jobs)
            incidents = merge_incidents(i for r in results for i in r.incidents)
            mentions = sorted(
                (m for r in results for m in r.mentions),
                key=lambda m: (m.file, m.mention.sentence_index, m.mention.start, m.place.gazetteer_id),
            )
            before = cache.meta("incidents")
            report.incidents_before = int(before) if before is not None else None
            report.incidents, report.mentions = len(incidents), len(mentions)
            for r in results:
                for name in r.unresolved:
                    report.unresolved.setdefault(name, []).append(r.article.file)
            report.outputs = write_outputs(incidents, mentions, output_dir, write_map=write_map)
            with cache.db:
                cache.db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('incidents', ?)", (str(len(incidents)),)
                )
        finally:
            cache.close()
        report.seconds = time.monotonic() - started
        from geomap.fsutil import atomic_write_text

        atomic_write_text(
            output_dir / "build-report.json",
            json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        )
    return report


class _Extraction:
    """Reads and extracts one article file; one per process when building with several jobs."""

    def __init__(self, *, extractor: Extractor) -> None:
        self.extractor = extractor

    def run(self, path: Path) -> tuple[ArticleResult | None, str | None, bool]:
        """(result, problem, faulted): faulted when a remote geocoder fault left names unresolved."""
        try:
            article = read_article(path)
        except ArticleError as exc:
            return None, str(exc), False
        faults_before = len(getattr(self.extractor.resolver, "faults", []))
        result = self.extractor.extract(article)
        return result, None, len(getattr(self.extractor.resolver, "faults", [])) != faults_before


_WORKER: _Extraction | None = None


def _init_worker(offline: bool, provider: str | None) -> None:
    global _WORKER
    _WORKER = _Extraction(extractor=Extractor(resolver=build_resolver(offline=offline, provider=provider)))


def _run_worker(path: Path) -> tuple[ArticleResult | None, str | None, bool]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.run(path)


def _extract_all(
    paths: list[Path], *, jobs: int, make: Callable[[], _Extraction], offline: bool, provider: str | None
) -> Iterator[tuple[Path, tuple[ArticleResult | None, str | None, bool]]]:
    if jobs <= 1 or len(paths) < 2 * jobs:
        extraction = make()
        for path in paths:
            yield path, extraction.run(path)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: a forked child would share the parent's SQLite handles.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(offline, provider)
    ) as pool:
        yield from zip(paths, pool.map(_run_worker, paths, chunksize=8), strict=True)


def _update(
    files: list[Path],
    cache: BuildCache,
    report: BuildReport,
    gazetteer: Gazetteer,
    resolver: Resolver | None,
    offline: bool,
    provider: str | None,
    progress: Callable[[int, int, str], None] | None,
    jobs: int = 1,
) -> list[ArticleResult]:
    version = f"{extraction_version()}-{gazetteer.version}"
    cached = cache.rows()
    by_hash = {h: (f, v, r) for f, (h, v, r) in cached.items()}
    present = {p.name for p in files}
    results: dict[str, ArticleResult] = {}
    todo: list[tuple[Path, str]] = []
    seen_hashes: set[str] = set()
    # First pass: what the cache already knows (unchanged or renamed files) costs no extraction.
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            report.skipped[path.name] = f"{path}: cannot be read ({exc.strerror})"
            continue
        raw_hash = hashlib.sha256(raw).hexdigest()
        if raw_hash in seen_hashes:
            report.skipped[path.name] = f"{path}: same content as another article in the folder; read once"
            continue
        seen_hashes.add(raw_hash)
        old = cached.get(path.name)
        if old and old[0] == raw_hash and old[1] == version:
            results[path.name] = _decode(old[2], file=path.name)
            report.unchanged += 1
            continue
        moved = by_hash.get(raw_hash)
        if old is None and moved and moved[1] == version and moved[0] not in present:
            result = _decode(moved[2], file=path.name)  # renamed: same bytes under a new name
            report.renamed.append(f"{moved[0]} -> {path.name}")
            with cache.db:
                cache.db.execute("DELETE FROM results WHERE file = ?", (moved[0],))
                cache.db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                    (path.name, raw_hash, version, _encode(result)),
                )
            results[path.name] = result
            continue
        todo.append((path, raw_hash))

    def make() -> _Extraction:
        chosen = resolver or build_resolver(offline=offline, provider=provider, gazetteer=gazetteer)
        return _Extraction(extractor=Extractor(resolver=chosen, gazetteer=gazetteer))

    hashes = dict(todo)
    paths = [p for p, _ in todo]
    extracted = _extract_all(
        paths, jobs=1 if resolver else jobs, make=make, offline=offline, provider=provider
    )
    for n, (path, (done, problem, faulted)) in enumerate(extracted, start=1):
        if progress:
            progress(n, len(paths), path.name)
        if done is None:
            report.skipped[path.name] = problem or f"{path}: not read"
            with cache.db:
                cache.db.execute("DELETE FROM results WHERE file = ?", (path.name,))
            continue
        report.extracted += 1
        (report.updated if path.name in cached else report.added).append(path.name)
        if not faulted:  # a remote geocoder fault is not cached, so that the next build retries
            with cache.db:
                cache.db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                    (path.name, hashes[path], version, _encode(done)),
                )
        results[path.name] = done
    renamed_from = {r.split(" -> ")[0] for r in report.renamed}
    gone = [f for f in cached if f not in present and f not in renamed_from]
    if gone:
        report.removed = sorted(gone)
        with cache.db:
            cache.db.executemany("DELETE FROM results WHERE file = ?", [(f,) for f in gone])
    return [results[name] for name in sorted(results)]


def write_outputs(
    incidents: list[Incident], mentions: list[ResolvedMention], output_dir: Path, *, write_map: bool = True
) -> list[str]:
    from geomap.export import write_csv, write_geojson, write_mentions_geojson

    written = [
        write_geojson(incidents, output_dir / "incidents.geojson"),
        write_csv(incidents, output_dir / "incidents.csv"),
        write_mentions_geojson(mentions, output_dir / "mentions.geojson"),
    ]
    if write_map:
        from geomap.mapview import build_map

        written.append(build_map(incidents=incidents, mentions=mentions, path=output_dir / "map.html"))
    return [str(p) for p in written]


def cached_results(*, output_dir: Path, cache_path: Path | None = None) -> list[ArticleResult]:
    """The per-article results of the last build, from its cache (nothing is re-extracted)."""
    path = cache_path or output_dir / settings.CACHE_FILE_NAME
    if not path.exists():
        raise GeomapError(f"no build found in {output_dir} (no {path.name}): run `geomap build` first")
    cache = BuildCache(path=path)
    try:
        return [_decode(result, file=file) for file, (_h, _v, result) in sorted(cache.rows().items())]
    finally:
        cache.close()


def export_incidents(*, output_dir: Path, fmt: str, path: Path | None = None) -> str:
    """The last build's incidents as GeoJSON or CSV text; also written to ``path`` when given."""
    from geomap.export import dumps_geojson, incidents_to_geojson, write_csv, write_geojson

    incidents = merge_incidents(i for r in cached_results(output_dir=output_dir) for i in r.incidents)
    if fmt == "geojson":
        if path is not None:
            write_geojson(incidents, path)
            return path.read_text(encoding="utf-8")
        return dumps_geojson(incidents_to_geojson(incidents))
    if fmt == "csv":
        if path is None:
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                out = write_csv(incidents, Path(tmp) / "incidents.csv")
                return out.read_text(encoding="utf-8")
        write_csv(incidents, path)
        return path.read_text(encoding="utf-8")
    raise GeomapError(f"unknown export format {fmt!r}: use geojson or csv")


#: Two candidates closer than this in score, and this far apart, make a name worth a curated row.
AMBIGUOUS_SCORE_GAP = 1.0
AMBIGUOUS_MIN_KM = 50.0


def doctor_report(*, output_dir: Path, resolver: Resolver | None = None) -> str:
    """Unresolved names and ambiguous incident places of the last build, with what to do about them."""
    from geomap.geo import haversine_km
    from geomap.resolve import Context, GazetteerResolver

    results = cached_results(output_dir=output_dir)
    resolver = resolver or GazetteerResolver()
    lines: list[str] = []
    unresolved: dict[str, list[str]] = {}
    for r in results:
        for name in r.unresolved:
            unresolved.setdefault(name, []).append(r.article.file)
    if unresolved:
        lines.append(
            f"Unresolved place names ({len(unresolved)}): add them to gazetteer/curated.csv if they are places"
        )
        for name, files in sorted(unresolved.items()):
            lines.append(f"  {name!r} in {', '.join(sorted(set(files)))}")
    ambiguous = []
    for r in results:
        for inc in r.incidents:
            found = resolver.candidates(inc.place_text, context=Context(countries=(inc.place.country,)))
            if (
                len(found) >= 2
                and found[0].score - found[1].score < AMBIGUOUS_SCORE_GAP
                and haversine_km(found[0].lat, found[0].lon, found[1].lat, found[1].lon) > AMBIGUOUS_MIN_KM
            ):
                ambiguous.append((inc.place_text, r.article.file, found[:3]))
    if ambiguous:
        lines.append(f"Ambiguous incident places ({len(ambiguous)}): a curated alias with a ref settles them")
        for text, file, found in ambiguous:
            lines.append(f"  {text!r} in {file}:")
            lines += [
                f"    {c.score:6.2f} {c.canonical} [{c.precision}] {c.country} {c.gazetteer_id}"
                for c in found
            ]
    return "\n".join(lines) if lines else "No unresolved or ambiguous place names."


def add_articles(paths: list[Path], *, articles_dir: Path) -> tuple[list[Path], list[str]]:
    """Copy article files (or the articles in folders) into ``articles_dir``, refusing duplicate contents."""
    import shutil

    articles_dir.mkdir(parents=True, exist_ok=True)
    known = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in article_files(articles_dir)}
    sources: list[Path] = []
    for path in paths:
        sources += article_files(path) if path.is_dir() else [path]
    copied, refused = [], []
    for src in sources:
        if src.suffix.lower() not in ARTICLE_SUFFIXES:
            refused.append(f"{src}: not an article file ({', '.join(ARTICLE_SUFFIXES)})")
            continue
        digest = hashlib.sha256(src.read_bytes()).hexdigest()
        if digest in known:
            refused.append(f"{src}: same content as {known[digest]} already in {articles_dir}")
            continue
        target = articles_dir / src.name
        n = 1
        while target.exists():
            target = articles_dir / f"{src.stem}-{n}{src.suffix}"
            n += 1
        shutil.copyfile(src, target)
        known[digest] = target.name
        copied.append(target)
    return copied, refused
