"""A geomap project: a folder of articles and a folder of outputs, built incrementally and safely.

:class:`Project` drives the pipeline (read -> extract -> merge -> outputs) and is what each command of
the command line calls, once. Each article's extraction is cached (``<output>/.geomap-cache.sqlite``
unless given, see :mod:`geomap.cache`): an unchanged article is never re-read by the NLP stages, a changed
one replaces its incidents, a deleted one's disappear, a renamed one keeps its incidents under its new
name. Outputs are written atomically, under a lock that makes a second build wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.cache import BuildCache, decode, extraction_version
from geomap.errors import BuildLockedError, GeomapError
from geomap.extract.batch import extract_files
from geomap.fsutil import atomic_write_text
from geomap.merge import Merger
from geomap.places.gazetteer import Gazetteer, open_gazetteer
from geomap.places.resolvers import Resolver
from geomap.read.articles import ARTICLE_SUFFIXES, article_files
from geomap.records import ArticleResult, Incident
from geomap.settings import Settings

if TYPE_CHECKING:
    from geomap.outputs import Export

CACHE_FILE_NAME = ".geomap-cache.sqlite"
LOCK_FILE_NAME = ".geomap.lock"
REPORT_FILE_NAME = "build-report.json"
#: (articles done, articles to do, file name) after each article a build reads.
Progress = Callable[[int, int, str], None]


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


class Project:
    """The articles of ``articles_dir`` and the outputs in ``output_dir``.

    ``offline`` guarantees that no remote geocoder is asked. A ``resolver`` or ``gazetteer`` given here
    replaces the ones the settings name (tests and benchmarks give their own).
    """

    def __init__(
        self,
        *,
        articles_dir: Path,
        output_dir: Path,
        settings: Settings | None = None,
        cache_path: Path | None = None,
        offline: bool = False,
        resolver: Resolver | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.articles_dir = articles_dir
        self.output_dir = output_dir
        self.settings = settings or Settings()
        self.cache_path = cache_path or output_dir / CACHE_FILE_NAME
        self.offline = offline
        self.resolver = resolver
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer(self.settings)
        return self._gazetteer

    # -- build -------------------------------------------------------------------------------------------

    def build(
        self,
        *,
        jobs: int = 1,
        write_map: bool = True,
        progress: Progress | None = None,
        lock_wait_seconds: float = 600.0,
    ) -> BuildReport:
        """Build (or update) the outputs for every article of the articles folder."""
        started = time.monotonic()
        files = article_files(self.articles_dir)
        report = BuildReport()
        with build_lock(self.output_dir, wait_seconds=lock_wait_seconds):
            cache = BuildCache(path=self.cache_path)
            try:
                results = self._update(files, cache, report, progress=progress, jobs=jobs)
                merger = Merger(settings=self.settings)
                incidents = merger.merge_incidents(i for r in results for i in r.incidents)
                mentions = sorted((m for r in results for m in r.mentions), key=lambda m: m.order)
                before = cache.meta("incidents")
                report.incidents_before = int(before) if before is not None else None
                report.incidents, report.mentions = len(incidents), len(mentions)
                for r in results:
                    for name in r.unresolved:
                        report.unresolved.setdefault(name, []).append(r.article.file)
                from geomap.outputs import write_outputs

                report.outputs = write_outputs(
                    incidents, mentions, self.output_dir, settings=self.settings, write_map=write_map
                )
                cache.set_meta("incidents", str(len(incidents)))
            finally:
                cache.close()
            report.seconds = time.monotonic() - started
            atomic_write_text(
                self.output_dir / REPORT_FILE_NAME,
                json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            )
        return report

    def _update(
        self,
        files: list[Path],
        cache: BuildCache,
        report: BuildReport,
        *,
        progress: Progress | None,
        jobs: int,
    ) -> list[ArticleResult]:
        version = extraction_version(self.settings, self.gazetteer.version)
        cached = cache.rows()
        by_hash = {h: (f, v) for f, (h, v, _r) in cached.items()}
        present = {p.name for p in files}
        results: dict[str, ArticleResult] = {}
        todo: dict[Path, str] = {}
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
                results[path.name] = decode(old[2], file=path.name)
                report.unchanged += 1
                continue
            moved = by_hash.get(raw_hash)
            if old is None and moved and moved[1] == version and moved[0] not in present:
                result = decode(cached[moved[0]][2], file=path.name)  # renamed: same bytes, new name
                report.renamed.append(f"{moved[0]} -> {path.name}")
                cache.delete(moved[0])
                cache.put(path.name, raw_hash=raw_hash, version=version, result=result)
                results[path.name] = result
                continue
            todo[path] = raw_hash

        extracted = extract_files(
            list(todo),
            settings=self.settings,
            gazetteer=self.gazetteer,
            offline=self.offline,
            resolver=self.resolver,
            jobs=jobs,
        )
        for n, (path, outcome) in enumerate(extracted, start=1):
            if progress:
                progress(n, len(todo), path.name)
            if outcome.result is None:
                report.skipped[path.name] = outcome.problem or f"{path}: not read"
                cache.delete(path.name)
                continue
            report.extracted += 1
            (report.updated if path.name in cached else report.added).append(path.name)
            if not outcome.faulted:  # a remote geocoder fault is not cached, so that the next build retries
                cache.put(path.name, raw_hash=todo[path], version=version, result=outcome.result)
            results[path.name] = outcome.result
        renamed_from = {r.split(" -> ")[0] for r in report.renamed}
        gone = [f for f in cached if f not in present and f not in renamed_from]
        if gone:
            report.removed = sorted(gone)
            cache.delete(*gone)
        return [results[name] for name in sorted(results)]

    # -- what the last build found -------------------------------------------------------------------

    def results(self) -> list[ArticleResult]:
        """The per-article results of the last build, from its cache (nothing is re-extracted)."""
        if not self.cache_path.exists():
            raise GeomapError(
                f"no build found in {self.output_dir} (no {self.cache_path.name}): run `geomap build` first"
            )
        cache = BuildCache(path=self.cache_path)
        try:
            return cache.results()
        finally:
            cache.close()

    def incidents(self) -> list[Incident]:
        """The last build's incidents, one per event."""
        return Merger(settings=self.settings).merge_incidents(i for r in self.results() for i in r.incidents)

    def export(self, *, fmt: str, path: Path | None = None) -> Export:
        """The last build's incidents in one of :data:`~geomap.outputs.EXPORT_FORMATS`, written to ``path``
        when given (GeoParquet needs one)."""
        from geomap.outputs import export

        return export(self.incidents(), fmt=fmt, path=path, settings=self.settings)

    def doctor(self) -> str:
        """Unresolved and ambiguous place names of the last build, with what to do about them."""
        from geomap.doctor import doctor_report
        from geomap.places.resolvers import GazetteerResolver

        resolver = self.resolver or GazetteerResolver(settings=self.settings, gazetteer=self.gazetteer)
        return doctor_report(self.results(), resolver=resolver)

    # -- adding articles ---------------------------------------------------------------------------------

    def add(self, paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
        """Copy article files (or the articles in folders) into the articles folder, refusing duplicate
        contents; returns the files copied and one line per file refused. Does not rebuild."""
        articles_dir = self.articles_dir
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


@contextlib.contextmanager
def build_lock(output_dir: Path, *, wait_seconds: float) -> Iterator[None]:
    """One build at a time per output folder: a second waits, then says why it cannot go on."""
    output_dir.mkdir(parents=True, exist_ok=True)
    with (output_dir / LOCK_FILE_NAME).open("a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLockedError(
                        f"another geomap build is writing {output_dir} (lock {output_dir / LOCK_FILE_NAME});"
                        " wait for it to finish, or use another --output folder"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
