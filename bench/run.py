"""``python -m bench``: run the benchmarks, print the table, write ``bench/RESULTS.md``."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import geomap
from bench.corpus import DEFAULT_SEED, load_pool, write_corpus
from bench.machine import describe, load_average
from bench.report import Row, results_table
from bench.suites import (
    Config,
    Section,
    bench_cold_start,
    bench_extraction,
    bench_incremental,
    bench_map,
    profile_extraction,
    timed,
    what_if_extraction,
)
from geomap.places.gazetteer import Gazetteer
from geomap.settings import Settings

DEFAULT_OUT = Path(__file__).resolve().parent / "RESULTS.md"
QUICK = {
    "articles": 12,
    "build_articles": 12,
    "naive_articles": 3,
    "profile_articles": 6,
    "map_sizes": (200,),
}

JOBS_NOTE = """\
## What a `--jobs` option would need

Extraction is CPU-bound Python plus spaCy's NER; the GIL rules threads out, so it takes processes:

- a process pool (fork on Linux, so that workers inherit the loaded spaCy model copy-on-write; spawn
  elsewhere, each worker then loading the model, about 0.5 GB and a few seconds each);
- one `Gazetteer` (its own SQLite connection: a connection must not cross a fork) and one `Extractor` per
  worker, made in the pool's initializer; their lookup caches are per worker, so each warms its own;
- workers return `ArticleResult`s (frozen dataclasses, picklable) to the parent, which alone writes the
  SQLite build cache, in the files' order, so that results and `BuildReport` stay deterministic;
- the resolver's `faults` (remote geocoder errors) are per worker: the parent must learn, per article,
  whether a fault happened, to leave that article uncached as it does now; a remote geocoder's one request
  per second limit and its disk cache must then be shared (or the remote fallback kept in the parent);
- progress callbacks are fed from the parent as results arrive.

The "worker processes" row of the what-if table above measures such a pool on this machine.
"""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run of every benchmark")
    parser.add_argument("--articles", type=int, help="articles in the extraction corpus (default 3000)")
    parser.add_argument("--build-articles", type=int, help="articles in the incremental-build corpus (5000)")
    parser.add_argument("--naive-articles", type=int, help="articles the naive spaCy baseline reads (200)")
    parser.add_argument("--profile-articles", type=int, help="articles profiled and tried in what-ifs (300)")
    parser.add_argument(
        "--map-sizes",
        type=lambda s: tuple(int(x) for x in s.split(",")),
        help="incident counts (1000,10000,50000)",
    )
    parser.add_argument("--runs", type=int, help="runs per figure, the median is reported (default 3)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"results file (default {DEFAULT_OUT})")
    parser.add_argument(
        "--workdir", type=Path, help="where to write corpora and outputs (default: a temp folder)"
    )
    return parser.parse_args(argv)


def make_config(args: argparse.Namespace, workdir: Path) -> Config:
    cfg = Config(workdir=workdir, quick=args.quick)
    if args.quick:
        cfg.runs = 1
        for key, value in QUICK.items():
            setattr(cfg, key, value)
    for key in ("articles", "build_articles", "naive_articles", "profile_articles", "map_sizes", "runs"):
        value = getattr(args, key)
        if value is not None:
            setattr(cfg, key, value)
    cfg.runs = max(1, cfg.runs)
    cfg.naive_runs = max(1, cfg.runs // 3)
    cfg.naive_articles = min(cfg.naive_articles, cfg.articles)
    cfg.profile_articles = min(cfg.profile_articles, cfg.articles)
    return cfg


_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:7.1f} s] {message}", file=sys.stderr, flush=True)


def corpus_note() -> str:
    pool = load_pool()
    counts = " and ".join(
        f"{len(pool.sentences[lang])} {name}" for lang, name in (("fr", "French"), ("en", "English"))
    )
    return (
        f"`bench/corpus.py` recombines the {counts} sentences of {len(pool.sources)} articles"
        f" ({', '.join(f'`{s}`' for s in pool.sources)}) with incident reports and context sentences written in"
        " their style (a fifth of the articles in English), swaps their Iraqi and Syrian place names for"
        " names from a fixed list (a few of which the gazetteer does not match on their own, as in real"
        " articles) and their dates for random ones; a quarter of the articles have YAML front matter, some"
        ' have "Lire aussi" links and a source line. Article i is drawn from'
        f' `random.Random("{DEFAULT_SEED}-i")`: the same command writes the same files.'
    )


def render(
    rows: list[Row],
    sections: dict[str, Section],
    argv: Sequence[str],
    seconds: float,
    load_at_start: str,
    commit_at_start: str,
) -> str:
    machine = replace(describe(), commit=commit_at_start)
    command = "python -m bench" + (" " + shlex.join(argv) if argv else "")
    lines = [
        "# geomap benchmarks",
        "",
        f"Written by `{command}` in {seconds / 60:.1f} minutes. Each figure is the median of the runs"
        " counted in the last column (geomap / baseline). Verdicts compare the median with the targets of the"
        " issue; no test asserts a time.",
        "",
        "## Machine",
        "",
        *machine.lines(),
        f"- Load average (1, 5, 15 min) when the benchmark started: {load_at_start}",
        "- Code measured: "
        + (
            "a copy of `geomap/` and `gazetteer/` taken when the run started (edits made in the tree"
            " during the run do not reach it)"
            if os.environ.get("GEOMAP_BENCH_SNAPSHOT")
            else "the working tree as it was during the run (`--no-snapshot`)"
        ),
        "",
        "## Results",
        "",
        results_table(rows),
        "",
    ]
    titles = {
        "extraction": "1. Extraction throughput",
        "profile": "1a. Where extraction time goes",
        "what_if": "1b. What would make extraction faster",
        "map": "2. Map build",
        "incremental": "3. Incremental rebuild",
        "cold": "4. Cold start",
    }
    for key, title in titles.items():
        if key in sections and sections[key].details:
            lines += [f"## {title}", "", *sections[key].details, ""]
    lines += [JOBS_NOTE, "## How the corpus is made", "", corpus_note(), ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        cfg = make_config(args, workdir)
        log(
            f"geomap benchmarks in {workdir} ({'quick' if cfg.quick else 'full'}, {cfg.runs} run(s) per figure)"
        )
        sections: dict[str, Section] = {}
        # Builds the gazetteer index if the data changed (always, in a snapshot): not a figure.
        settings = Settings.from_env()
        seconds, gazetteer = timed(lambda: Gazetteer(settings=settings))
        log(f"measuring the geomap of {Path(geomap.__file__).parent}, gazetteer data {gazetteer.directory}")
        load_at_start = load_average()
        commit_at_start = describe().commit
        log(f"gazetteer index ready ({seconds:.1f} s); load average {load_at_start}")
        corpus = workdir / "corpus"
        paths = write_corpus(corpus, cfg.articles)
        log(f"1. extraction: {len(paths):,} articles in {corpus}")
        sections["extraction"] = bench_extraction(cfg, paths, log)
        sections["profile"] = profile_extraction(paths[: cfg.profile_articles], log)
        sections["what_if"] = what_if_extraction(paths[: cfg.profile_articles], describe().cores, log)
        log(f"2. map: {', '.join(f'{n:,}' for n in cfg.map_sizes)} incidents")
        sections["map"] = bench_map(cfg, log)
        log(f"3. incremental build: {cfg.build_articles:,} articles")
        sections["incremental"] = bench_incremental(cfg, log)
        log("4. cold start")
        sections["cold"] = bench_cold_start(cfg, log)
        log(f"done; load average {load_average()}")
        rows = [r for s in sections.values() for r in s.rows]
        text = render(rows, sections, argv, time.perf_counter() - started, load_at_start, commit_at_start)
    print(results_table(rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0
