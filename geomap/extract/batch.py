"""Read and extract many article files, in this process or in worker processes (``--jobs``).

The workers share one spaCy NER (:class:`geomap.extract.ner.NerService`).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import ArticleError
from geomap.extract.ner import NerChannel, NerService, RemoteNer
from geomap.extract.regexes import kept_compiled
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import Resolver, build_resolver
from geomap.read.articles import read_article
from geomap.records import ArticleResult
from geomap.settings import Settings

if TYPE_CHECKING:
    from geomap.extract.pipeline import Extractor


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What became of one file: its result, or the problem that kept it from being read."""

    result: ArticleResult | None
    problem: str | None = None
    #: A remote geocoder fault left names unresolved: the result is used but not cached, so that the next
    #: build asks again.
    faulted: bool = False
    #: What the caller's ``prepare`` made of the result where it was extracted (in the worker).
    prepared: Any = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkerSpec:
    """What a worker process needs to make the same extractor as the caller's (all of it picklable)."""

    settings: Settings
    offline: bool
    gazetteer_dir: Path
    index_dir: Path
    installed_dir: Path
    #: Where the workers' NER runs (None: in each worker).
    ner: NerChannel | None = None
    #: Made of each result in the worker (see :func:`extract_files`).
    prepare: Callable[[ArticleResult], Any] | None = None


class _Extraction:
    """Reads and extracts article files, a few at a time; one per process."""

    def __init__(self, *, extractor: Extractor, prepare: Callable[[ArticleResult], Any] | None = None) -> None:
        self.extractor = extractor
        self.settings = extractor.settings  # the limits of a file (size, front matter) are settings too
        self.prepare = prepare

    def run(self, path: Path) -> Outcome:
        return self.run_chunk([path])[0]

    def run_chunk(self, paths: Sequence[Path]) -> list[Outcome]:
        """Each file's outcome; the articles are extracted together (spaCy's NER reads them in one batch)."""
        outcomes: list[Outcome | None] = []
        articles = []
        for path in paths:
            try:
                article = read_article(
                    path,
                    max_bytes=self.settings.max_article_bytes,
                    max_front_matter_chars=self.settings.max_front_matter_chars,
                    max_front_matter_depth=self.settings.max_front_matter_depth,
                )
            except ArticleError as exc:
                outcomes.append(Outcome(result=None, problem=str(exc)))
                continue
            outcomes.append(None)
            articles.append(article)
        done = iter(self.extractor.extract_batch(articles))
        out = []
        for outcome in outcomes:
            if outcome is None:
                result, faults = next(done)
                prepared = self.prepare(result) if self.prepare is not None else None
                outcome = Outcome(result=result, faulted=faults > 0, prepared=prepared)
            out.append(outcome)
        return out


_WORKER: _Extraction | None = None


def _extractor(*, settings: Settings, **parts: Any) -> Extractor:
    """An extractor. The rules are imported by the process that extracts (not by a build's process whose
    workers do), the first time with their patterns kept compiled between processes (``rules`` in the
    user data folder, see :mod:`geomap.extract.regexes`): importing them compiles a few hundred patterns."""
    first = "geomap.extract.pipeline" not in sys.modules
    with kept_compiled(settings.data_dir, "rules") if first else contextlib.nullcontext():
        from geomap.extract.pipeline import Extractor

    return Extractor(settings=settings, **parts)


def _init_worker(spec: WorkerSpec) -> None:
    global _WORKER
    # Its own gazetteer, hence its own SQLite connection (a connection must not cross a fork).
    gazetteer = Gazetteer(
        settings=spec.settings,
        directory=spec.gazetteer_dir,
        index_dir=spec.index_dir,
        installed_dir=spec.installed_dir,
    )
    resolver = build_resolver(settings=spec.settings, offline=spec.offline, gazetteer=gazetteer)
    ner = RemoteNer(spec.ner) if spec.ner is not None else None
    extractor = _extractor(settings=spec.settings, resolver=resolver, gazetteer=gazetteer, ner=ner)
    _WORKER = _Extraction(extractor=extractor, prepare=spec.prepare)
    # What the worker holds from its start (modules, patterns, the gazetteer's tables) lives as long as it:
    # kept out of the cycle collector's passes, which went over all of it again and again.
    gc.freeze()


def _run_worker(paths: list[Path]) -> list[Outcome]:
    assert _WORKER is not None, "worker not initialised"
    outcomes = _WORKER.run_chunk(paths)
    if _WORKER.prepare is None:
        return outcomes
    # What was prepared stands for the mentions, most of a result's pickle: not sent (see extract_files).
    return [
        o if o.result is None or o.prepared is None else replace(o, result=replace(o.result, mentions=()))
        for o in outcomes
    ]


def default_jobs() -> int:
    """One worker per CPU core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunks(paths: Sequence[Path], *, workers: int, settings: Settings) -> list[list[Path]]:
    """The files cut in chunks, each the work a worker takes at a time: small enough that every worker
    gets several (a few dozen new articles keep every core busy), big enough for spaCy's batches."""
    perf = settings.performance
    size = max(1, min(perf.max_chunk_articles, -(-len(paths) // (workers * perf.chunks_per_worker))))
    return [list(paths[i : i + size]) for i in range(0, len(paths), size)]


def extract_files(
    paths: Sequence[Path],
    *,
    settings: Settings,
    gazetteer: Gazetteer,
    offline: bool,
    resolver: Resolver | None = None,
    jobs: int = 1,
    prepare: Callable[[ArticleResult], Any] | None = None,
) -> Iterator[tuple[Path, Outcome]]:
    """Each path with its outcome, in order. With ``jobs`` > 1 (and enough files), worker processes share
    the work; a ``resolver`` given by the caller cannot be shared, so it keeps the work in this process.
    ``prepare`` (picklable) makes each outcome's ``prepared`` of its result, where the result is made: what
    the caller would make of each result, made in the workers instead of the caller's one process. A result
    with a ``prepared`` from a worker comes without its mentions (half the work of sending it): the caller
    uses what it prepared of them instead."""
    workers = min(jobs, len(paths) // max(1, settings.performance.min_articles_per_worker))
    if workers <= 1 or resolver is not None:
        chosen = resolver or build_resolver(settings=settings, offline=offline, gazetteer=gazetteer)
        extractor = _extractor(settings=settings, resolver=chosen, gazetteer=gazetteer)
        extraction = _Extraction(extractor=extractor, prepare=prepare)
        for chunk in chunks(paths, workers=1, settings=settings):
            yield from zip(chunk, extraction.run_chunk(chunk), strict=True)
        return
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: a forked child would share this process's SQLite handles and the build's lock. Not a
    # fork server either: its workers outlived a killed build every time (spawned ones can too, now and then).
    context = multiprocessing.get_context("spawn")
    work = chunks(paths, workers=workers, settings=settings)
    with NerService(settings=settings, workers=workers, context=context) as ner:
        spec = WorkerSpec(
            settings=settings,
            offline=offline,
            gazetteer_dir=gazetteer.directory,
            index_dir=gazetteer.index_path.parent,
            installed_dir=gazetteer.installed_dir,
            ner=ner.channel,
            prepare=prepare,
        )
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(spec,)
        ) as pool:
            for chunk, outcomes in zip(work, pool.map(_run_worker, work), strict=True):
                yield from zip(chunk, outcomes, strict=True)
