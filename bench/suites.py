"""The four benchmarks of the issue, each with its baseline, plus the profile that explains the first.

Every function returns :class:`~bench.report.Row` figures and Markdown lines of detail. Nothing here
asserts a time: the figures are reported, and the verdicts compare them with the targets.
"""

from __future__ import annotations

import contextlib
import cProfile
import functools
import html
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import geomap.outputs
import geomap.parts
import geomap.project
import geomap.regions
from bench.corpus import write_corpus
from bench.report import Row, fmt, markdown_table
from bench.synthetic import make_incidents
from geomap.extract.ner import _load_spacy
from geomap.extract.pipeline import Extractor
from geomap.outputs.map import build_map
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import NO_CONTEXT, GazetteerResolver
from geomap.project import Project
from geomap.read.articles import read_article
from geomap.read.sentences import split_sentences
from geomap.records import Incident
from geomap.settings import Extraction, Settings

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
NER_LABELS = ("LOC", "GPE")
Log = Callable[[str], None]


@dataclass(slots=True, kw_only=True)
class Config:
    """What to run and how big; ``--quick`` shrinks everything to a smoke test."""

    articles: int = 3000
    build_articles: int = 5000
    naive_articles: int = 200
    profile_articles: int = 300
    map_sizes: tuple[int, ...] = (1_000, 10_000, 50_000)
    runs: int = 3
    naive_runs: int = 1  # the naive extraction is slow; the naive maps get ``runs`` up to this size:
    naive_map_repeat_max: int = 10_000  # bigger naive maps are drawn once
    workdir: Path = field(default_factory=lambda: Path("."))
    quick: bool = False


@dataclass(slots=True)
class Section:
    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


# -- 1. extraction ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Pass:
    seconds: float
    incidents: int
    mentions: int
    ner_sentences: int


def _extract_all(paths: Sequence[Path], extractor: Extractor) -> _Pass:
    start = time.perf_counter()
    incidents = mentions = 0
    for path in paths:
        result = extractor.extract(read_article(path))
        incidents += len(result.incidents)
        mentions += len(result.mentions)
    return _Pass(time.perf_counter() - start, incidents, mentions, extractor.ner_sentences)


def bench_settings(*, use_ner: bool = True) -> Settings:
    """geomap's settings as the CLI reads them (the snapshot's gazetteer and data folder), NER on or off."""
    return Settings.from_env(extraction=Extraction(use_ner=use_ner))


def _fresh_extractor(*, use_ner: bool = True) -> Extractor:
    # A new Gazetteer has empty lookup caches: each pass meets what a new `geomap build` process meets.
    settings = bench_settings(use_ner=use_ner)
    return Extractor(settings=settings, gazetteer=Gazetteer(settings=settings))


def naive_spacy_pass(paths: Sequence[Path], nlp: Any, resolver: GazetteerResolver) -> tuple[float, int, int]:
    """The obvious geoparser: the full spaCy pipeline on every sentence, each LOC/GPE entity looked up.

    Returns (seconds, sentences, entities resolved)."""
    start = time.perf_counter()
    sentences = resolved = 0
    for path in paths:
        article = read_article(path)
        for sentence in split_sentences(article.body):
            sentences += 1
            for ent in nlp(sentence.text).ents:
                if ent.label_ in NER_LABELS and resolver.resolve(ent.text) is not None:
                    resolved += 1
    return time.perf_counter() - start, sentences, resolved


def bench_extraction(cfg: Config, paths: Sequence[Path], log: Log) -> Section:
    out = Section()
    n = len(paths)
    model = bench_settings().extraction.spacy_models["fr"]
    setup, _ = timed(lambda: (_load_spacy(model), _fresh_extractor().extract(read_article(paths[0]))))
    passes: list[_Pass] = []
    for run in range(cfg.runs):
        passes.append(_extract_all(paths, _fresh_extractor()))
        log(f"  extraction run {run + 1}/{cfg.runs}: {n / passes[-1].seconds:.1f} articles/s")
    first = passes[0]

    import spacy

    load_s, nlp = timed(lambda: spacy.load(model))
    subset = paths[: cfg.naive_articles]
    settings = bench_settings()
    naive_resolver = GazetteerResolver(settings=settings, gazetteer=Gazetteer(settings=settings))
    naive: list[tuple[float, int, int]] = []
    for run in range(cfg.naive_runs):
        naive.append(naive_spacy_pass(subset, nlp, naive_resolver))
        log(f"  naive spaCy run {run + 1}/{cfg.naive_runs}: {len(subset) / naive[-1][0]:.2f} articles/s")
    del nlp

    out.rows.append(
        Row(
            key="extract.rate",
            label=f"1. Extraction, {n:,} articles (read + extract, gazetteer resolver)",
            unit="articles/s",
            better="higher",
            samples=[n / p.seconds for p in passes],
            baseline_samples=[len(subset) / s for s, _, _ in naive],
            baseline_label=f"spaCy {model} full pipeline on every sentence, {len(subset)} articles",
            target=100.0,
        )
    )
    sentences = sum(len(split_sentences(read_article(p).body)) for p in paths)
    chars = sum(p.stat().st_size for p in paths)
    out.details += [
        f"- Corpus: {n:,} generated articles ({chars / n:,.0f} bytes and {sentences / n:.1f} sentences each on"
        " average); geomap finds"
        f" {first.incidents / n:.2f} incidents and {first.mentions / n:.1f} other place mentions per article,"
        f" and sends {first.ner_sentences / n:.2f} sentences per article"
        f" ({first.ner_sentences / sentences:.1%} of sentences) to the spaCy NER fallback.",
        f"- geomap seconds per pass: {', '.join(f'{p.seconds:.1f}' for p in passes)}"
        " (each pass with a new gazetteer object, so its lookup caches start empty).",
        f"- One-time set-up before the passes (loading spaCy's NER for the fallback, opening the gazetteer,"
        f" first article): {setup:.2f} s; not in the rate.",
        f'- Naive baseline: `spacy.load("{model}")` (all components) took {load_s:.2f} s, not in the'
        f" rate; then read, split into sentences, `nlp(sentence)` on each of {naive[0][1]:,} sentences of"
        f" {len(subset)} articles and every LOC/GPE entity resolved against the gazetteer"
        f" ({naive[0][2]:,} resolved); seconds per run: {', '.join(f'{s:.1f}' for s, _, _ in naive)}.",
    ]
    return out


# -- 1b. where extraction time goes ------------------------------------------------------------------------

#: Stages of the extractor, as (label, module file, function): cumulative profile time of each.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("whole extraction", "extract/pipeline.py", "extract"),
    ("spaCy NER fallback (`fallback.fallback_mentions`)", "extract/fallback.py", "fallback_mentions"),
    ("place resolution (`GazetteerResolver.candidates`)", "places/resolvers/local.py", "candidates"),
    ("… of which `Gazetteer.admin1_place`", "places/gazetteer.py", "admin1_place"),
    ("… of which `Gazetteer.near`", "places/gazetteer.py", "near"),
    ("place-name matching (`mentions.find_mentions`)", "extract/mentions.py", "find_mentions"),
    ("name keys (`names.name_key`, inside matching and ranking)", "places/names.py", "name_key"),
    ("incident assembly (`incidents_from_sentences`)", "extract/assemble.py", "incidents_from_sentences"),
    ("event vocabulary regexes (`events.event_type`)", "extract/events.py", "event_type"),
    ("sentence splitting (`split_sentences`)", "read/sentences.py", "split_sentences"),
    ("reading files (`read_article`)", "read/articles.py", "read_article"),
)


def _stat(stats: pstats.Stats, filename: str, function: str) -> tuple[int, float]:
    """(calls, cumulative seconds) of the geomap function ``function`` of ``filename`` (under geomap/)."""
    calls, cumulative = 0, 0.0
    table: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    for (file, _line, name), (_cc, nc, _tt, ct, _callers) in table.items():
        if name == function and file.endswith(f"geomap/{filename}"):
            calls += nc
            cumulative += ct
    return calls, cumulative


def _short(key: tuple[str, int, str]) -> str:
    file, line, name = key
    if file == "~":
        return name
    parts = Path(file).parts
    if "site-packages" in parts:
        tail = "/".join(parts[parts.index("site-packages") + 1 :])
    elif "geomap" in parts:  # geomap's own files by their path in the package: extract/pipeline.py
        tail = "/".join(parts[len(parts) - parts[::-1].index("geomap") :])
    else:
        tail = "/".join(parts[-2:])
    return f"{tail}:{line}({name})"


def profile_extraction(paths: Sequence[Path], log: Log) -> Section:
    out = Section()
    extractor = _fresh_extractor()
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        extractor.extract(read_article(path))
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    n = len(paths)
    _, whole = _stat(stats, "read/articles.py", "read_article")
    _, extract = _stat(stats, "extract/pipeline.py", "extract")
    total = whole + extract
    rows = []
    for label, filename, function in STAGES:
        calls, seconds = _stat(stats, filename, function)
        if label == "whole extraction":
            label, seconds = "read + extract, all stages (profiled)", total
            calls = n
        rows.append([label, f"{seconds / n * 1000:.1f}", f"{seconds / total:.0%}", f"{calls:,}"])
    out.details += [
        f"cProfile of read + extract over {n} articles (the profiler slows Python code more than spaCy's"
        " compiled code, so shares are indicative). Stages overlap: the rows marked … are inside the row above.",
        "",
        markdown_table(("Stage", "ms / article", "share", "calls"), rows),
        "",
        "Functions with the most own time:",
        "",
    ]
    table: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    top = sorted(table.items(), key=lambda kv: -kv[1][2])[:12]
    out.details.append(
        markdown_table(
            ("Function", "own ms / article", "share", "calls"),
            [
                [f"`{_short(k)}`", f"{v[2] / n * 1000:.2f}", f"{v[2] / total:.0%}", f"{v[1]:,}"]
                for k, v in top
            ],
        )
    )
    log("  profile done")
    return out


@contextlib.contextmanager
def _memoised(gazetteer: Gazetteer) -> Iterator[Callable[[GazetteerResolver], None]]:
    """Bench-side what-if: memoise what the profile shows recomputed (geomap's files are not touched).

    ``Gazetteer.admin1_place`` and ``Gazetteer.near`` on the instance, ``GazetteerResolver.candidates`` on
    the instance (a copy of the cached list is returned), and ``names.name_key`` where the extractor's
    modules imported it (matching, ranking, containment); everything is put back on exit."""
    import geomap.extract.mentions
    import geomap.places.geography
    import geomap.places.names
    import geomap.places.resolvers.local

    setattr(gazetteer, "admin1_place", functools.lru_cache(maxsize=None)(gazetteer.admin1_place))  # noqa: B010
    setattr(gazetteer, "near", functools.lru_cache(maxsize=None)(gazetteer.near))  # noqa: B010
    # Modules that still import it (matching and ranking now ask the gazetteer's memoised name_key).
    modules = tuple(
        m
        for m in (geomap.extract.mentions, geomap.places.resolvers.local, geomap.places.geography)
        if hasattr(m, "name_key")
    )
    originals = [m.name_key for m in modules]
    cached_key = functools.lru_cache(maxsize=262_144)(geomap.places.names.name_key)
    for module in modules:
        setattr(module, "name_key", cached_key)  # noqa: B010

    def memoise_resolver(resolver: GazetteerResolver) -> None:
        cached = functools.lru_cache(maxsize=65_536)(resolver.candidates)

        def candidates(name: str, *, context: Any = NO_CONTEXT) -> list[Any]:
            return list(cached(name, context=context))

        setattr(resolver, "candidates", candidates)  # noqa: B010

    try:
        yield memoise_resolver
    finally:
        for module, original in zip(modules, originals, strict=True):
            setattr(module, "name_key", original)  # noqa: B010


_WORKER: Extractor | None = None


def _worker_init() -> None:
    global _WORKER
    _WORKER = _fresh_extractor()  # its own gazetteer connection: SQLite connections do not survive a fork


def _worker_extract(path: Path) -> Any:
    assert _WORKER is not None
    return _WORKER.extract(read_article(path))


def _parallel_pass(paths: Sequence[Path], jobs: int) -> _Pass:
    """Bench-side prototype of a ``--jobs`` option: a fork pool, results sent back to the parent."""
    start = time.perf_counter()
    incidents = mentions = 0
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("fork"), initializer=_worker_init
    ) as pool:
        for result in pool.map(_worker_extract, paths, chunksize=8):
            incidents += len(result.incidents)
            mentions += len(result.mentions)
    return _Pass(time.perf_counter() - start, incidents, mentions, 0)


def what_if_extraction(paths: Sequence[Path], cores: int, log: Log) -> Section:
    """Throughput of the same articles as is, without the NER fallback, with memoisation, in parallel."""
    out = Section()
    n = len(paths)
    variants: list[tuple[str, _Pass]] = []
    variants.append(("as is", _extract_all(paths, _fresh_extractor())))
    variants.append(
        (
            "NER fallback off (`Extraction(use_ner=False)`)",
            _extract_all(paths, _fresh_extractor(use_ner=False)),
        )
    )
    for use_ner in (True, False):
        extractor = _fresh_extractor(use_ner=use_ner)
        with _memoised(extractor.gazetteer) as memoise_resolver:
            assert isinstance(extractor.resolver, GazetteerResolver)
            memoise_resolver(extractor.resolver)
            label = "memoised lookups (bench-side patch)" + ("" if use_ner else " + NER fallback off")
            variants.append((label, _extract_all(paths, extractor)))
        log(f"  what-if: {variants[-1][0]}: {n / variants[-1][1].seconds:.1f} articles/s")
    jobs = max(2, cores)
    if hasattr(os, "fork"):
        variants.append(
            (
                f"{jobs} worker processes (bench-side fork pool, pool start-up included)",
                _parallel_pass(paths, jobs),
            )
        )
    base = variants[0][1]
    rows = [
        [
            label,
            f"{n / p.seconds:.1f}",
            f"{base.seconds / p.seconds:.2f}×",
            f"{p.incidents:,} / {p.mentions:,}",
        ]
        for label, p in variants
    ]
    out.details += [
        f"Same {n} articles, one pass each. Memoisation is patched onto the objects in the benchmark's process"
        " only (geomap's files are unchanged); the incident and mention counts show that each variant yields"
        " the same output as geomap as is, except the NER-off ones, which miss what the fallback finds.",
        "",
        markdown_table(("Variant", "articles/s", "vs as is", "incidents / mentions"), rows),
    ]
    return out


# -- 2. map -------------------------------------------------------------------------------------------------


def naive_folium_map(incidents: Sequence[Incident], path: Path) -> Path:
    """The obvious map: one ``folium.Marker`` with an HTML popup per incident, saved with ``Map.save``."""
    import folium

    fmap = folium.Map(location=[33.0, 40.0], zoom_start=5)
    for incident in incidents:
        source = incident.sources[0] if incident.sources else None
        popup = (
            f"<b>{html.escape(incident.event_type)}</b> {html.escape(incident.date or '')}<br>"
            f"{html.escape(incident.place.canonical)} ({html.escape(incident.place.precision)})<br>"
        )
        if source is not None:
            popup += (
                f"<i>{html.escape(source.quote)}</i><br>"
                f'<a href="{html.escape(source.url or "")}">{html.escape(source.title)}</a>'
            )
        folium.Marker(
            [incident.lat, incident.lon],
            popup=folium.Popup(popup, max_width=320),
            tooltip=incident.place.canonical,
        ).add_to(fmap)
    fmap.save(str(path))
    return path


def bench_map(cfg: Config, log: Log) -> Section:
    out = Section()
    folder = cfg.workdir / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    settings = bench_settings()
    sizes: list[tuple[int, float, int]] = []  # incidents, bytes, bytes of quotes
    for n in cfg.map_sizes:
        incidents = make_incidents(n)
        ours = folder / f"geomap-{n}.html"
        seconds = [
            timed(lambda: build_map(incidents=incidents, path=ours, settings=settings))[0]  # noqa: B023
            for _ in range(cfg.runs)
        ]
        naive_path = folder / f"naive-{n}.html"
        naive_runs = cfg.runs if n <= cfg.naive_map_repeat_max else 1
        naive = [timed(lambda: naive_folium_map(incidents, naive_path))[0] for _ in range(naive_runs)]  # noqa: B023
        size, naive_size = ours.stat().st_size / MB, naive_path.stat().st_size / MB
        log(
            f"  map {n:,}: geomap {min(seconds):.2f} s {size:.1f} MB; naive {min(naive):.1f} s {naive_size:.1f} MB"
        )
        big = n >= 50_000
        out.rows += [
            Row(
                key=f"map.{n}.seconds",
                label=f"2. Map build, {n:,} incidents: time",
                unit="s",
                better="lower",
                samples=seconds,
                baseline_samples=naive,
                baseline_label="folium, one Marker + Popup per incident, Map.save",
                target=3.0 if big else None,
            ),
            Row(
                key=f"map.{n}.size",
                label=f"2. Map build, {n:,} incidents: HTML size",
                unit="MB",
                better="lower",
                samples=[size],
                baseline_samples=[naive_size],
                baseline_label="same folium map",
                target=15.0 if big else None,
            ),
        ]
        quotes = sum(len(src.quote.encode()) for i in incidents for src in i.sources)
        sizes.append((n, size * MB, quotes))
        for path in (ours, naive_path):
            path.unlink()
    empty = folder / "geomap-0.html"
    build_map(incidents=[], path=empty, settings=settings)
    fixed = empty.stat().st_size
    empty.unlink()
    if sizes:
        n, size, quotes = max(sizes)
        out.details.append(
            f"- Size anatomy: a map with no incident is {fmt(fixed / MB, 'MB')}; at {n:,} incidents each one adds"
            f" {(size - fixed) / n:,.0f} bytes, of which the quotes of its sources are"
            f" {quotes / n:,.0f} bytes as UTF-8 before any cut (popups cut them to"
            f" {settings.map.popup_quote_max_chars} characters around the place name)."
        )
    out.details.append(
        "- geomap's file is self-contained: it inlines Leaflet, Leaflet.markercluster and the country"
        " outlines (about 2.2 MB whatever the number of incidents), and clusters markers; the folium"
        " baseline links Leaflet from CDNs, draws every marker unclustered and has no outlines. Synthetic"
        " incidents: 1 to 3 sources each with a 150 to 300 character quote, a third as many articles as"
        " incidents, mixed precisions and dates (`bench/synthetic.py`)."
    )
    return out


# -- 3. incremental rebuild -------------------------------------------------------------------------------


def _profile_top(profiler: cProfile.Profile, count: int) -> list[list[str]]:
    stats = pstats.Stats(profiler, stream=io.StringIO())
    table: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    geomap_rows = [(k, v) for k, v in table.items() if "/geomap/" in k[0]]
    top = sorted(geomap_rows, key=lambda kv: -kv[1][3])[:count]
    return [[f"`{_short(k)}`", f"{v[3]:.2f}", f"{v[1]:,}"] for k, v in top]


Timings = tuple[dict[str, float], dict[str, tuple[Any, ...]]]


@contextlib.contextmanager
def _stopwatch(targets: Mapping[str, tuple[Any, str]]) -> Iterator[Timings]:
    """Time every call of the functions ``targets`` names as (module or class, attribute), by key: total
    seconds, and the last call's (args, kwargs)."""
    seconds = dict.fromkeys(targets, 0.0)
    calls: dict[str, tuple[Any, ...]] = {}
    originals = {name: getattr(owner, attr) for name, (owner, attr) in targets.items()}

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - start
                calls[name] = (args, kwargs)

        return timed_call

    for name, fn in originals.items():
        owner, attr = targets[name]
        setattr(owner, attr, wrap(name, fn))
    try:
        yield seconds, calls
    finally:
        for name, fn in originals.items():
            owner, attr = targets[name]
            setattr(owner, attr, fn)


@contextlib.contextmanager
def _build_steps() -> Iterator[Timings]:
    """Time the steps ``Project.build`` takes whatever changed: ``decode`` (geomap.cache's, once per article
    whose parts are made again: none but a new one's when the cache holds them), ``region_events`` (the
    merge of the regions a change touches, the others' events read from the cache) and ``write_parts`` (the
    outputs joined from the events' and articles' parts)."""
    with _stopwatch(
        {
            "decode": (geomap.parts, "decode"),
            "region_events": (geomap.regions, "region_events"),
            "write_parts": (geomap.outputs, "write_parts"),
        }
    ) as timings:
        yield timings


#: A repeated measurement stops repeating once its runs have taken this long (it runs at least once).
REPEAT_BUDGET_S = 180.0
#: An incremental rebuild quicker than this is also run under cProfile for the details.
PROFILE_BUILD_MAX_S = 30.0
#: The CLI rebuild is measured only when the in-process one is quicker than this.
CLI_MAX_S = 60.0


def bench_incremental(cfg: Config, log: Log) -> Section:
    out = Section()
    articles = cfg.workdir / "build-articles"
    output = cfg.workdir / "build-output"
    n = cfg.build_articles
    write_corpus(articles, n)
    settings = bench_settings()

    def project(gazetteer: Gazetteer | None = None) -> Project:
        # Without a gazetteer, the one open_gazetteer shares in the process, as the CLI's build uses.
        return Project(
            articles_dir=articles, output_dir=output, settings=settings, offline=True, gazetteer=gazetteer
        )

    full, report = timed(lambda: project(Gazetteer(settings=settings)).build(write_map=False))
    log(f"  full build of {n:,} articles: {full:.1f} s ({report.incidents:,} incidents)")
    results = project().results()
    incidents = project().incidents()
    mentions = [m for r in results for m in r.mentions]
    raw_count = sum(len(r.incidents) for r in results)
    del results

    map_path = output / "map.html"
    map_seconds: list[float] = []

    def write_map() -> Path:
        return build_map(incidents=incidents, mentions=mentions, path=map_path, settings=settings)

    while len(map_seconds) < cfg.runs and sum(map_seconds) < REPEAT_BUDGET_S:
        map_seconds.append(timed(write_map)[0])
    map_size = map_path.stat().st_size / MB
    log(f"  map write: {min(map_seconds):.1f} s, {map_size:.1f} MB")

    next_index = n
    incremental: list[float] = []
    extracted: list[int] = []
    steps_of_runs: list[dict[str, float]] = []
    while len(incremental) < cfg.runs and sum(incremental) < REPEAT_BUDGET_S:
        write_corpus(articles, 1, start=next_index)
        next_index += 1
        with _build_steps() as (step_seconds, _):
            seconds, rep = timed(lambda: project().build(write_map=False))
        incremental.append(seconds)
        steps_of_runs.append(step_seconds)
        extracted.append(rep.extracted)
        log(f"  incremental build: {seconds:.2f} s ({seconds / full:.1%} of the full build)")
    profile_rows: list[list[str]] = []
    if min(incremental) < PROFILE_BUILD_MAX_S:
        write_corpus(articles, 1, start=next_index)
        next_index += 1
        profiler = cProfile.Profile()
        profiler.enable()
        project().build(write_map=False)
        profiler.disable()
        profile_rows = _profile_top(profiler, 12)

    command = [*geomap_command(), "build", "--articles", str(articles), "--output", str(output)]
    command += ["--offline", "--quiet"]
    cli: list[tuple[float, float, str]] = []
    # A rebuild that already takes minutes in-process is not run again through the CLI.
    while len(cli) < cfg.runs and sum(c[0] for c in cli) < REPEAT_BUDGET_S and min(incremental) < CLI_MAX_S:
        write_corpus(articles, 1, start=next_index)
        next_index += 1
        cli.append(run_measured(command))
        log(f"  incremental build with the CLI: {cli[-1][0]:.2f} s")

    invalid = [e for e in extracted if e != 1]
    warning = (
        f" NOT AN INCREMENTAL REBUILD: the build re-extracted {invalid[0]:,} articles, so geomap's extraction"
        " code or gazetteer changed during the run."
        if invalid
        else ""
    )
    out.rows += [
        Row(
            key="build.incremental_percent",
            label=f"3. Incremental rebuild, 1 article added to {n:,} (no map): % of full build"
            + (" (INVALID, see below)" if invalid else ""),
            unit="%",
            better="lower",
            samples=[s / full * 100 for s in incremental],
            target=5.0,
        ),
        Row(
            key="build.incremental_seconds",
            label="3. Incremental rebuild, 1 article added (no map): time",
            unit="s",
            better="lower",
            samples=incremental,
            baseline_samples=[full],
            baseline_label=f"full build of {n:,} articles, no map",
        ),
        Row(
            key="build.map_seconds",
            label=f"3. Map write for that build ({len(incidents):,} incidents, {len(mentions):,} mentions)",
            unit="s",
            better="lower",
            samples=map_seconds,
        ),
        Row(
            key="build.map_size",
            label="3. Map file size for that build",
            unit="MB",
            better="lower",
            samples=[map_size],
        ),
    ]
    if cli:
        out.rows += [
            Row(
                key="build.cli_seconds",
                label="3. Incremental rebuild with the CLI, 1 article added (new process, map included): time",
                unit="s",
                better="lower",
                samples=[c[0] for c in cli],
            ),
            Row(
                key="build.cli_peak_mb",
                label="3. Incremental rebuild with the CLI: peak memory",
                unit="MB",
                better="lower",
                samples=[c[1] for c in cli],
            ),
        ]
    last = steps_of_runs[-1]
    steps = [
        ("decode the cached results whose parts are made again (`decode`)", last["decode"]),
        (
            f"merge again the regions a change touches, of {raw_count:,} reports into {len(incidents):,} events"
            " (`region_events`, the other regions' events read from the cache)",
            last["region_events"],
        ),
        (
            "write incidents GeoJSON, CSV and mentions GeoJSON from the parts (`write_parts`, no map)",
            last["write_parts"],
        ),
    ]
    steps.append(
        (
            "everything else (list, read and hash the files, extract the new article, SQLite)",
            incremental[-1] - sum(v for _, v in steps),
        )
    )
    out.details += [
        f"- Full build of {n:,} generated articles (`Project(..., offline=True).build(write_map=False)`, empty"
        " cache):"
        f" {full:.1f} s, {report.extracted:,} extracted, {report.incidents:,} incidents after merging,"
        f" {report.mentions:,} other place mentions; GeoJSON, CSV and mentions GeoJSON written.",
        f"- Incremental: each run adds one new article and builds again ({extracted} article(s) extracted);"
        f" seconds per run: {', '.join(f'{s:.2f}' for s in incremental)}.{warning} These runs are in the"
        " benchmark's process, where spaCy's NER is already loaded; the CLI rows run `"
        + " ".join(command[1:]).replace(str(cfg.workdir), "WORKDIR")
        + "` as a new process, which pays for Python's imports, for opening the gazetteer and for loading"
        " spaCy when the new article needs the NER fallback, and writes the map"
        + (
            "."
            if cli
            else f"; not run this time, as the in-process rebuild already takes more than {CLI_MAX_S:.0f} s."
        ),
        f"- Map write: `build_map` on the build's {len(incidents):,} incidents and {len(mentions):,} mentions"
        f" (the mentions layer is on the map, hidden by default): {', '.join(f'{s:.1f}' for s in map_seconds)}"
        f" s, {fmt(map_size, 'MB')}.",
        f"- Repeated measurements stop repeating once they have taken {REPEAT_BUDGET_S:.0f} s, hence fewer"
        " runs for the slowest rows.",
        "",
        "Where the last incremental rebuild spent its time (the steps that `Project.build()` calls, timed by"
        " wrappers the benchmark puts around them; every step but the extraction covers all the articles):",
        "",
        markdown_table(
            ("Step", "seconds", "share of the rebuild"),
            [[label, f"{seconds:.2f}", f"{seconds / incremental[-1]:.0%}"] for label, seconds in steps],
        ),
    ]
    if profile_rows:
        out.details += [
            "",
            "Where an incremental rebuild spends its time (cProfile, geomap functions by cumulative seconds):",
            "",
            markdown_table(("Function", "cumulative s", "calls"), profile_rows),
        ]
    return out


# -- 4. cold start ------------------------------------------------------------------------------------------

_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")


def geomap_command() -> list[str]:
    exe = Path(sys.executable).parent / "geomap"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("geomap")
    return [found] if found else [sys.executable, "-m", "geomap"]


def run_measured(command: Sequence[str]) -> tuple[float, float, str]:
    """(wall seconds, peak resident MB, stdout) of one child process."""
    time_bin = Path("/usr/bin/time")
    if time_bin.exists():
        start = time.perf_counter()
        done = subprocess.run([str(time_bin), "-v", *command], capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        match = _MAX_RSS.search(done.stderr)
        if done.returncode != 0 or match is None:
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
        return wall, int(match.group(1)) * 1024 / MB, done.stdout
    start = time.perf_counter()
    child = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not every child's
    wall = time.perf_counter() - start
    stdout = child.stdout.read() if child.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed with status {status}")
    return wall, usage.ru_maxrss * 1024 / MB, stdout


def bench_cold_start(cfg: Config, log: Log) -> Section:
    out = Section()
    command = [*geomap_command(), "resolve", "Bagdad", "--offline"]
    _, _, first = run_measured(command)  # builds the gazetteer index if it is missing; not counted
    if "Baghdad" not in first:
        raise RuntimeError(f"{' '.join(command)} did not answer Baghdad: {first!r}")
    measured = [run_measured(command) for _ in range(max(cfg.runs, 3))]
    log(f"  cold start: {min(m[0] for m in measured):.2f} s, {max(m[1] for m in measured):.0f} MB")
    out.rows += [
        Row(
            key="cold.seconds",
            label="4. Cold start, `geomap resolve Bagdad --offline`: wall time",
            unit="s",
            better="lower",
            samples=[m[0] for m in measured],
            target=1.0,
        ),
        Row(
            key="cold.peak_mb",
            label="4. Cold start, `geomap resolve Bagdad --offline`: peak memory",
            unit="MB",
            better="lower",
            samples=[m[1] for m in measured],
            target=300.0,
        ),
    ]
    how = "/usr/bin/time -v" if Path("/usr/bin/time").exists() else "os.wait4 (the child's own rusage)"
    out.details.append(
        f"- `{' '.join(command)}` as a child process, {len(measured)} runs after one uncounted run (which"
        f" builds the gazetteer index when it is missing, and warms the OS file cache); peak resident memory"
        f" from {how}. Wall seconds: {', '.join(f'{m[0]:.2f}' for m in measured)}."
    )
    return out
