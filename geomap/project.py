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
import functools
import gc
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.adding import add_articles
from geomap.cache import BuildCache, decode, extraction_version, text_digest
from geomap.errors import ArticleError, BuildLockedError, GeomapError
from geomap.filenames import shown_name, shown_path
from geomap.fsutil import atomic_write_text, syncs_in_background
from geomap.places.gazetteer import Gazetteer, open_gazetteer
from geomap.places.resolvers import Resolver, build_resolver
from geomap.publish import Generation, Manifest, changes, read_manifest, repair
from geomap.read.articles import article_files
from geomap.records import ArticleResult, Incident
from geomap.settings import Settings
from geomap.stamps import Hashes
from geomap.unchanged import REPORTED_AGAIN, describe_outputs, output_key, previous_report

if TYPE_CHECKING:
    from geomap.extract.batch import Outcome
    from geomap.outputs import Export
    from geomap.parts import Prepared

CACHE_FILE_NAME = ".geomap-cache.sqlite"
LOCK_FILE_NAME = ".geomap.lock"
REPORT_FILE_NAME = "build-report.json"
#: Appended to the extraction version of a result that met a remote geocoder fault (read again next time).
RETRY_VERSION = "+geocoder-retry"
#: (articles done, articles to do, file name) after each article a build reads.
Progress = Callable[[int, int, str], None]


@dataclass
class BuildReport:
    """What a build did; printed by the CLI and written to ``<output>/build-report.json``."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    #: Same bytes as the published outputs', read again: geomap or the gazetteer changed, or a geocoder
    #: fault is retried.
    reread: list[str] = field(default_factory=list)
    unchanged: int = 0
    extracted: int = 0  # articles that went through the NLP stages this time
    skipped: dict[str, str] = field(default_factory=dict)  # file -> problem
    warnings: dict[str, list[str]] = field(default_factory=dict)  # file -> what reading it warned of
    incidents: int = 0
    incidents_before: int | None = None
    mentions: int = 0
    unresolved: dict[str, list[str]] = field(default_factory=dict)  # name -> files
    #: What to do about unresolved names that cluster in one country's articles (`geomap gazetteer add`).
    hints: list[str] = field(default_factory=list)
    geocoder_faults: dict[str, str] = field(default_factory=dict)  # name -> the fault (retried next build)
    repaired: list[str] = field(default_factory=list)  # what an interrupted build had left, put right
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "seconds"}

    def summary(self) -> str:
        """What the build did, one line per file or name that needs a look (names escaped, see
        :mod:`geomap.filenames`)."""
        lines = list(self.repaired)
        reread = f", {len(self.reread)} re-read" if self.reread else ""
        lines.append(
            f"articles: {len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed,"
            f" {len(self.renamed)} renamed, {self.unchanged} unchanged{reread};"
            f" {self.extracted} read by the extractor"
        )
        change = "" if self.incidents_before is None else f" (was {self.incidents_before})"
        lines.append(f"incidents: {self.incidents}{change}; other place mentions: {self.mentions}")
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)} file(s):")
            lines += [f"  {problem}" for problem in self.skipped.values()]
        if self.warnings:
            lines.append(f"read with warnings: {len(self.warnings)} file(s):")
            lines += [f"  {name}: {'; '.join(found)}" for name, found in self.warnings.items()]
        if self.unresolved:
            lines.append(f"unresolved place names: {len(self.unresolved)} (see `geomap doctor`)")
            lines += [f"  {hint}" for hint in self.hints]
        if self.geocoder_faults:
            lines.append(
                f"geocoder faults: {len(self.geocoder_faults)} name(s) left unresolved, asked again next"
                " build"
                " (details with -v):"
            )
            lines += [f"  {fault}" for fault in self.geocoder_faults.values()]
        lines += [f"wrote {p}" for p in self.outputs]
        return "\n".join(lines)


@dataclass
class _Read:
    """What the first stage of a build found: each article's result, and the hashes it compares."""

    cached: dict[str, str]  # file -> hash, of every article in the cache before this build
    current: dict[str, str] = field(default_factory=dict)  # file -> hash, of those mapped
    extracted: set[str] = field(default_factory=set)  # files read by the extractor this time
    #: file -> result and the digest of its encoded text, of those this build has in memory (extracted or
    #: renamed); the others' are in the cache, decoded only when a change touches them (geomap.parts).
    fresh: dict[str, tuple[ArticleResult, str]] = field(default_factory=dict)
    prepared: dict[str, Prepared] = field(default_factory=dict)  # file -> what its worker made of it


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
        jobs: int | None = None,
        write_map: bool = True,
        progress: Progress | None = None,
        lock_wait_seconds: float = 600.0,
    ) -> BuildReport:
        """Build (or update) the outputs for every article of the articles folder, reading new articles in
        ``jobs`` processes (None: the settings' ``performance.jobs``; 0: one per CPU core)."""
        collecting = gc.isenabled()
        try:
            return self._build(jobs=jobs, write_map=write_map, progress=progress, lock_wait_seconds=lock_wait_seconds)
        finally:
            # Once the build's records are gone, not before: the first pass would go over every one of them.
            if collecting:
                gc.enable()

    def _build(
        self, *, jobs: int | None, write_map: bool, progress: Progress | None, lock_wait_seconds: float
    ) -> BuildReport:
        started = time.monotonic()
        jobs = self.settings.performance.jobs if jobs is None else jobs
        self._refuse_output_in_articles()
        files = article_files(self.articles_dir)
        report = BuildReport()
        with build_lock(self.output_dir, wait_seconds=lock_wait_seconds):
            report.repaired = repair(self.output_dir)
            published = read_manifest(self.output_dir)
            cache = BuildCache(path=self.cache_path)
            try:
                # Each file hashed once, by whichever of the two looks first, if changed (geomap.stamps).
                hashes = Hashes(recorded=cache.stamps(), max_bytes=self.settings.max_article_bytes)
                present = [shown_name(p.name) for p in files]
                if not report.repaired and self._nothing_to_do(files, published, report, write_map=write_map, hashes=hashes):
                    cache.keep_stamps(*hashes.changes(present))
                    report.seconds = time.monotonic() - started
                    return report
                read = self._update(files, cache, report, progress=progress, jobs=jobs, hashes=hashes)
                cache.keep_stamps(*hashes.changes(present))
                # The parts made from here on live to the end: the cycle collector's passes over them, freeing
                # none, took a fifth of a rebuild. Paused to the end of `build` (not while reading).
                gc.disable()
                current = read.current
                if published is None:  # outputs of a geomap without manifests: the cache was the reference
                    before = cache.meta("incidents")
                    report.incidents_before = int(before) if before is not None else None
                found = changes(
                    read.cached if published is None else published.articles,
                    current,
                    present=set(present),
                    extracted=read.extracted,
                )
                report.added, report.updated, report.removed = found.added, found.updated, found.removed
                report.renamed, report.reread, report.unchanged = found.renamed, found.reread, found.unchanged
                if published is not None:
                    report.incidents_before = published.incidents
                # shapely: not imported by a build with nothing to do
                from geomap.doctor import hints_of
                from geomap.merge import Merger
                from geomap.outputs.parts import event_part
                from geomap.parts import Parts, parts_version
                from geomap.regions import region_events

                merger = Merger(settings=self.settings)
                version = extraction_version(self.settings, self.gazetteer.version)
                # What each article gives the outputs is kept in the cache: only the articles a change touches
                # are decoded (see geomap.parts), and only the regions it touches merged again (geomap.regions).
                names = sorted(current)
                rows = {f: key for f, key in cache.keys().items() if f in current}
                parts = Parts(
                    cache=cache,
                    version=parts_version(version, self.settings),
                    settings=self.settings,
                    merger=merger,
                    rows=rows,
                    fresh=read.fresh, prepared=read.prepared,
                )
                summaries = parts.summaries(names)
                style = self.settings.map
                events = region_events(
                    merger,
                    [s.reports for s in summaries],
                    cache=cache,
                    version=version,
                    parts_version=parts.version,
                    report=parts.report,
                    make=lambda found: [event_part(i, style=style) for i in found],
                )
                report.incidents, report.mentions = len(events), sum(s.mentions for s in summaries)
                for s in summaries:
                    for name in s.unresolved:
                        report.unresolved.setdefault(name, []).append(s.file)
                    if s.warnings:
                        report.warnings[s.file] = list(s.warnings)
                gaps = [s.gaps for s in summaries if s.gaps is not None]
                report.hints = hints_of(gaps, settings=self.settings, gazetteer=self.gazetteer)
                # The outputs need only the parts: the results can go (a damaged part is made from the cache).
                read.fresh.clear()
                parts.forget()
                from geomap.outputs import write_parts

                # Every output into a staging folder, then published together (see geomap.publish).
                generation = Generation(self.output_dir)
                try:
                    # Each output synced to the disk while the next is made.
                    with syncs_in_background():
                        staged = write_parts(
                            events,
                            lambda: parts.mentions(summaries),
                            generation.folder,
                            settings=self.settings,
                            write_map=write_map,
                            countries={c for s in summaries for c in s.countries},
                            points=lambda: parts.points(names),
                        )
                    report.outputs = generation.final(staged)
                    key = output_key(self.settings, self.gazetteer.version, write_map=write_map)
                    # An article cached for a retry (a geocoder fault) makes the next build go the whole way.
                    retry = not cache.all_at(extraction_version(self.settings, self.gazetteer.version))
                    generation.write_manifest(
                        articles=current,
                        incidents=len(events),
                        outputs=None if retry else describe_outputs(key, [Path(p) for p in staged]),
                    )
                    report.seconds = time.monotonic() - started
                    atomic_write_text(
                        generation.folder / REPORT_FILE_NAME,
                        json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                    )
                except OSError as error:
                    raise GeomapError(
                        f"cannot write the outputs in {shown_path(self.output_dir)}"
                        f" ({error.strerror or error}); the previous outputs are intact: free space or fix"
                        " the folder, then build again"
                    ) from error
                generation.publish()
                cache.set_meta("incidents", str(len(events)))
            finally:
                cache.close()
        return report

    def _nothing_to_do(
        self,
        files: list[Path],
        published: Manifest | None,
        report: BuildReport,
        *,
        write_map: bool,
        hashes: Hashes,
    ) -> bool:
        """Whether the published outputs are already those of these articles (:mod:`geomap.unchanged`);
        if so, ``report`` says so and the build report is written again."""
        if published is None or published.outputs is None:
            return False
        current: dict[str, str] = {}
        for path in files:
            try:
                current[shown_name(path.name)] = hashes(path)
            except ArticleError:
                return False
        if current != published.articles or len(set(current.values())) != len(current):
            return False
        key = output_key(self.settings, self.gazetteer.version, write_map=write_map)
        previous = previous_report(self.output_dir, published.outputs, key=key, report_file=REPORT_FILE_NAME)
        if previous is None:
            return False
        again = BuildReport(unchanged=len(current), incidents_before=published.incidents)
        for name in REPORTED_AGAIN:
            setattr(again, name, previous[name])
        again.outputs = [shown_name(str(self.output_dir / name)) for name, _ in published.outputs.outputs]
        try:
            atomic_write_text(
                self.output_dir / REPORT_FILE_NAME,
                json.dumps(again.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            )
        except OSError:
            return False  # the whole way, which says what is wrong with the folder
        vars(report).update(vars(again))
        return True

    def _update(
        self,
        files: list[Path],
        cache: BuildCache,
        report: BuildReport,
        *,
        progress: Progress | None,
        jobs: int,
        hashes: Hashes,
    ) -> _Read:
        """Every article's result, from the cache or the extractor; problems go to ``report.skipped``."""
        version = extraction_version(self.settings, self.gazetteer.version)
        # Hashes and versions only: each result is read from the cache when it is decoded.
        cached = cache.keys()
        read = _Read(cached={f: h for f, (h, _v) in cached.items()})
        current = read.current
        by_hash = {h: f for f, (h, v) in cached.items() if v == version}
        names = {path: shown_name(path.name) for path in files}
        present = set(names.values())
        todo: dict[Path, str] = {}
        seen_hashes: dict[str, str] = {}
        moved_from: set[str] = set()
        # First pass: what the cache already knows (unchanged or renamed files) costs no extraction. The size
        # is checked before a byte is read, and the bytes are hashed as they are read. Files the cache knows
        # come first: a new copy of an article is the one skipped.
        for path in sorted(files, key=lambda p: names[p] not in cached):
            name = names[path]
            try:
                raw_hash = hashes(path)
            except ArticleError as exc:
                report.skipped[name] = str(exc)
                continue
            if raw_hash in seen_hashes:
                report.skipped[name] = (
                    f"{shown_path(path)}: same content as {seen_hashes[raw_hash]} in the folder; read once"
                )
                continue
            seen_hashes[raw_hash] = name
            old = cached.get(name)
            if old and old[0] == raw_hash and old[1] == version:
                current[name] = raw_hash
                continue
            moved = by_hash.get(raw_hash)
            if old is None and moved and moved not in present:
                result = decode(cache.encoded(moved), file=name)  # renamed: same bytes, new name
                cache.delete(moved)
                text = cache.put(name, raw_hash=raw_hash, version=version, result=result)
                read.fresh[name] = (result, text_digest(text))
                moved_from.add(moved)
                current[name] = raw_hash
                continue
            todo[path] = raw_hash

        from geomap.parts import keep_prepared, part_key, parts_version

        pv = parts_version(version, self.settings)
        for n, (path, outcome) in enumerate(self._extract(list(todo), report, jobs=jobs), start=1):
            name = names[path]
            if progress:
                progress(n, len(todo), name)
            if outcome.result is None:
                report.skipped[name] = outcome.problem or f"{shown_path(path)}: not read"
                cache.delete(name)
                continue
            report.extracted += 1
            read.extracted.add(name)
            # A remote geocoder fault: cached under a version no build has, so that the next build reads the
            # article again (and asks again), while `export` and `doctor` see what the outputs show.
            kept = version + RETRY_VERSION if outcome.faulted else version
            ready = outcome.prepared  # encoded by its worker, with its parts (geomap.parts): kept now
            if ready:
                read.prepared[name] = keep_prepared(cache, ready, file=name, key=part_key(pv, name, todo[path], kept))
            text = cache.put(name, raw_hash=todo[path], version=kept, result=outcome.result,
                             text=ready.text if ready else None, commit=n % 64 == 0)  # 64 rows a commit
            read.fresh[name] = (outcome.result, ready.digest if ready else text_digest(text))
            current[name] = todo[path]
        cache.commit()
        gone = [f for f in cached if f not in present and f not in moved_from]
        if gone:
            cache.delete(*gone)
        return read

    def _extract(
        self, paths: list[Path], report: BuildReport, *, jobs: int
    ) -> Iterator[tuple[Path, Outcome]]:
        """Each path with its outcome. The remote geocoder, when asked for, is asked from this process
        only, through one rate limiter, whatever ``jobs`` is: every article is first read with the local
        gazetteer (in ``jobs`` processes); those that left names unresolved are read again here with the
        remote geocoder after it (its answers are cached, so each name is asked once)."""
        # Not imported by a build with nothing to do; the rules, only by the processes that extract.
        from geomap.extract.batch import default_jobs, extract_files
        from geomap.parts import Preparing

        jobs = jobs or default_jobs()
        settings, gazetteer = self.settings, self.gazetteer
        # Each result encoded, and its parts made, where it is extracted (geomap.parts).
        prepare = Preparing(settings)
        extract = functools.partial(extract_files, settings=settings, gazetteer=gazetteer, prepare=prepare)
        remote = not self.offline and self.resolver is None and bool(settings.geocoding.provider)
        if not remote:
            yield from extract(paths, offline=self.offline, resolver=self.resolver, jobs=jobs)
            return
        again = []
        for path, outcome in extract(paths, offline=True, jobs=jobs):
            if outcome.result is not None and outcome.result.unresolved:
                again.append(path)
            else:
                yield path, outcome
        if not again:
            return
        chain = build_resolver(settings=settings, offline=False, gazetteer=gazetteer)
        yield from extract(again, offline=False, resolver=chain)
        for name, fault in chain.faults:
            report.geocoder_faults.setdefault(name, str(fault))

    def _refuse_output_in_articles(self) -> None:
        if os.path.realpath(self.output_dir) == os.path.realpath(self.articles_dir):
            raise GeomapError(
                f"the output folder {shown_path(self.output_dir)} is the articles folder: a build would read"
                " its own outputs as articles; choose another --output folder"
            )

    # -- what the last build found -------------------------------------------------------------------

    def results(self) -> list[ArticleResult]:
        """The per-article results of the last build, from its cache (nothing is re-extracted): those of
        the published outputs, not those a build that was interrupted had cached."""
        if not self.cache_path.exists():
            raise GeomapError(
                f"no build found in {shown_path(self.output_dir)} (no {self.cache_path.name}): run"
                " `geomap build` first"
            )
        published = read_manifest(self.output_dir)
        cache = BuildCache(path=self.cache_path)
        try:
            return [
                decode(cache.encoded(file), file=file)
                for file, (digest, _version) in sorted(cache.keys().items())
                if published is None or published.articles.get(file) == digest
            ]
        finally:
            cache.close()

    def incidents(self) -> list[Incident]:
        """The last build's incidents, one per event."""
        from geomap.merge import Merger

        merger = Merger(settings=self.settings)
        return merger.completed(merger.merge_incidents(i for r in self.results() for i in r.incidents))

    def export(self, *, fmt: str, path: Path | None = None) -> Export:
        """The last build's incidents in one of :data:`~geomap.outputs.EXPORT_FORMATS`, written to ``path``
        when given (GeoParquet needs one)."""
        from geomap.outputs import export

        incidents = self.incidents()
        try:
            return export(incidents, fmt=fmt, path=path, settings=self.settings)
        except OSError as error:
            raise GeomapError(
                f"cannot write {shown_path(path or '-')} ({error.strerror or error}); choose another file"
            ) from error

    def doctor(self) -> str:
        """Unresolved and ambiguous place names of the last build, with what to do about them."""
        from geomap.doctor import doctor_report
        from geomap.places.resolvers import GazetteerResolver

        resolver = self.resolver or GazetteerResolver(settings=self.settings, gazetteer=self.gazetteer)
        return doctor_report(self.results(), resolver=resolver, gazetteer=self.gazetteer, settings=self.settings)

    # -- adding articles ---------------------------------------------------------------------------------

    def add(self, paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
        """Copy article files (or the articles in folders) into the articles folder, refusing duplicate
        contents; returns the files copied and one line per file refused. Does not rebuild. All or
        nothing (see :mod:`geomap.adding`)."""
        self._refuse_output_in_articles()
        return add_articles(paths, self.articles_dir, max_bytes=self.settings.max_article_bytes)


@contextlib.contextmanager
def build_lock(output_dir: Path, *, wait_seconds: float) -> Iterator[None]:
    """One build at a time per output folder: a second waits, then says why it cannot go on."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        handle = (output_dir / LOCK_FILE_NAME).open("a+")
    except OSError as error:
        raise GeomapError(
            f"cannot use {shown_path(output_dir)} as the output folder ({error.strerror or error}): make it"
            " a writable folder, or choose another --output folder"
        ) from error
    with handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLockedError(
                        f"another geomap build is writing {shown_path(output_dir)} (lock {LOCK_FILE_NAME});"
                        " wait for it to finish, or use another --output folder"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
