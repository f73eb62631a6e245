"""Read and extract many article files, in this process or in worker processes (``--jobs``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import ArticleError
from geomap.extract.pipeline import Extractor
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import Resolver, build_resolver
from geomap.read.articles import read_article
from geomap.records import ArticleResult
from geomap.settings import Settings


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What became of one file: its result, or the problem that kept it from being read."""

    result: ArticleResult | None
    problem: str | None = None
    #: A remote geocoder fault left names unresolved: the result is used but not cached, so that the next
    #: build asks again.
    faulted: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkerSpec:
    """What a worker process needs to make the same extractor as the caller's (all of it picklable)."""

    settings: Settings
    offline: bool
    gazetteer_dir: Path
    index_dir: Path
    installed_dir: Path


class _Extraction:
    """Reads and extracts one article file; one per process."""

    def __init__(self, *, extractor: Extractor) -> None:
        self.extractor = extractor
        self.settings = extractor.settings  # the limits of a file (size, front matter) are settings too

    def run(self, path: Path) -> Outcome:
        try:
            article = read_article(
                path,
                max_bytes=self.settings.max_article_bytes,
                max_front_matter_chars=self.settings.max_front_matter_chars,
                max_front_matter_depth=self.settings.max_front_matter_depth,
            )
        except ArticleError as exc:
            return Outcome(result=None, problem=str(exc))
        faults_before = len(self.extractor.resolver.faults)
        result = self.extractor.extract(article)
        return Outcome(result=result, faulted=len(self.extractor.resolver.faults) != faults_before)


_WORKER: _Extraction | None = None


def _init_worker(spec: WorkerSpec) -> None:
    global _WORKER
    gazetteer = Gazetteer(
        settings=spec.settings,
        directory=spec.gazetteer_dir,
        index_dir=spec.index_dir,
        installed_dir=spec.installed_dir,
    )
    resolver = build_resolver(settings=spec.settings, offline=spec.offline, gazetteer=gazetteer)
    extractor = Extractor(settings=spec.settings, resolver=resolver, gazetteer=gazetteer)
    _WORKER = _Extraction(extractor=extractor)


def _run_worker(path: Path) -> Outcome:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.run(path)


def extract_files(
    paths: Sequence[Path],
    *,
    settings: Settings,
    gazetteer: Gazetteer,
    offline: bool,
    resolver: Resolver | None = None,
    jobs: int = 1,
) -> Iterator[tuple[Path, Outcome]]:
    """Each path with its outcome, in order. With ``jobs`` > 1 (and enough files), worker processes share
    the work; a ``resolver`` given by the caller cannot be shared, so it keeps the work in this process."""
    if jobs <= 1 or len(paths) < 2 * jobs or resolver is not None:
        chosen = resolver or build_resolver(settings=settings, offline=offline, gazetteer=gazetteer)
        extraction = _Extraction(extractor=Extractor(settings=settings, resolver=chosen, gazetteer=gazetteer))
        for path in paths:
            yield path, extraction.run(path)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    spec = WorkerSpec(
        settings=settings,
        offline=offline,
        gazetteer_dir=gazetteer.directory,
        index_dir=gazetteer.index_path.parent,
        installed_dir=gazetteer.installed_dir,
    )
    # spawn, not fork: a forked child would share the parent's SQLite handles.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(spec,)
    ) as pool:
        yield from zip(paths, pool.map(_run_worker, paths, chunksize=8), strict=True)
