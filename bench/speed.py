"""``python -m bench.speed [--before DIR]``: issue 15's targets, this tree beside another in the same run.

``DIR`` holds the geomap to compare with (a ``git archive`` of main, say, with ``geomap/gazetteer_data``
pointing at its ``gazetteer/``); both run as ``python -m geomap`` in new processes of this interpreter, with
their own folder first on ``PYTHONPATH`` and the same user data folder (gazetteer index). With
``--compiled``, each side runs from a copy of its ``geomap`` compiled to bytecode first, as pip installs a
package: where ``PYTHONDONTWRITEBYTECODE`` is set, an uncompiled copy compiles every module it imports in
every process of every build, which no installed geomap does (without it, the figures compare with the
earlier runs'). On one corpus written by :mod:`bench.corpus`:

- start-up: ``geomap --help`` (median of ``--runs``);
- a full build with default options, end to end through the CLI (articles per second, peak memory of the
  largest process, CPU time of all its processes), after a build of one article that makes the per-machine
  caches (the gazetteer index of that code's folder, the compiled tokenizer pattern);
- a build with nothing to do (median), then one with one article added, as a share of the full build;
- spaCy's own pipeline: ``fr_core_news_md`` with every component, ``nlp.pipe`` over the same texts (the
  model's loading not counted);
- whether both trees wrote byte-identical outputs (full build, and after the added article).

Prints one JSON object per figure and a Markdown table; nothing here is a test.
"""

from __future__ import annotations

import argparse
import compileall
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus
from bench.machine import describe, load_average

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("incidents.geojson", "incidents.csv", "mentions.geojson", "map.html")

_SPACY = """
import sys, time
from pathlib import Path
import spacy
nlp = spacy.load("fr_core_news_md")
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
start, cpu = time.perf_counter(), time.process_time()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def run(cmd: list[str], *, code: Path, cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MB, the largest process of the tree) and CPU seconds (user and system,
    of the command and the workers it waited for) of one command. On a machine shared with other work the
    CPU time says more than the wall time."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def geomap(*args: str) -> list[str]:
    return [sys.executable, "-m", "geomap", *args]


def snapshot(folder: Path, *, code: Path | None = None, compiled: bool = False) -> Path:
    """A copy of this tree's geomap and gazetteer data (or of the geomap of ``code``, with its data),
    ``compiled`` to bytecode as an installed package is: edits made during the run do not reach it."""
    if folder.exists():
        shutil.rmtree(folder)
    ignore = shutil.ignore_patterns("__pycache__", "*.tmp*", ".index")
    if code is None:
        shutil.copytree(ROOT / "geomap", folder / "geomap", ignore=ignore)
        shutil.copytree(ROOT / "gazetteer", folder / "geomap" / "gazetteer_data", ignore=ignore)
    else:
        shutil.copytree(code / "geomap", folder / "geomap", ignore=ignore)
    if compiled and not compileall.compile_dir(folder / "geomap", quiet=1):
        raise SystemExit(f"cannot compile {folder / 'geomap'}")
    return folder


def same_outputs(a: Path, b: Path) -> bool:
    return all(filecmp.cmp(a / name, b / name, shallow=False) for name in OUTPUTS)


def measure(name: str, code: Path, corpus: Path, extra: Path, work: Path, runs: int) -> dict[str, float]:
    articles = work / f"articles-{name}"
    shutil.copytree(corpus, articles)
    out = work / f"out-{name}"
    build = geomap("build", "--offline", "--quiet", "--articles", str(articles), "--output", str(out))
    # A first build of one article at a new code path makes the machine's per-folder caches (the
    # gazetteer's index, the compiled tokenizer pattern): not what a build of the corpus costs.
    warm = work / f"warm-{name}"
    warm.mkdir(exist_ok=True)
    shutil.copy2(extra, warm / extra.name)
    warm_out = work / f"warm-out-{name}"
    run(geomap("build", "--offline", "--quiet", "--articles", str(warm), "--output", str(warm_out)), code=code, cwd=work)
    fig: dict[str, float] = {}
    fig["help_s"] = statistics.median(run(geomap("--help"), code=code, cwd=work)[0] for _ in range(runs))
    fig["full_s"], fig["full_mb"], fig["full_cpu_s"] = run(build, code=code, cwd=work)
    shutil.copytree(out, work / f"full-{name}", ignore=shutil.ignore_patterns(".geomap-*"))
    noops = [run(build, code=code, cwd=work) for _ in range(runs)]
    fig["noop_s"] = statistics.median(s for s, _, _ in noops)
    fig["noop_mb"] = max(m for _, m, _ in noops)
    shutil.copy2(extra, articles / extra.name)
    fig["add_one_s"], fig["add_one_mb"], _ = run(build, code=code, cwd=work)
    fig["articles"] = float(sum(1 for _ in corpus.iterdir()))
    fig["articles_per_s"] = fig["articles"] / fig["full_s"]
    fig["cpu_ms_per_article"] = 1000 * fig["full_cpu_s"] / fig["articles"]
    fig["add_one_share"] = fig["add_one_s"] / fig["full_s"]
    print(json.dumps({"side": name, **fig}), flush=True)
    return fig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__)
    parser.add_argument(
        "--before", type=Path, help="the geomap to compare with (its folder); without it, this tree alone"
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument(
        "--compiled", action="store_true", help="run each side from a copy compiled to bytecode, as installed"
    )
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="geomap-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    paths = write_corpus(corpus, args.articles)
    extra = write_corpus(work / "extra", 1, start=args.articles)[0]
    load_start = load_average()
    if args.before is None:  # this tree alone: its build figures, no baseline
        measure("after", snapshot(work / "after-src", compiled=args.compiled), corpus, extra, work, args.runs)
        return 0
    figures = {
        "before": measure(
            "before",
            snapshot(work / "before-src", code=args.before.resolve(), compiled=args.compiled)
            if args.compiled
            else args.before.resolve(),
            corpus,
            extra,
            work,
            args.runs,
        ),
        "after": measure("after", snapshot(work / "after-src", compiled=args.compiled), corpus, extra, work, args.runs),
    }
    out = subprocess.run(
        [sys.executable, "-c", _SPACY, *map(str, paths)], check=True, capture_output=True, text=True
    ).stdout
    spacy_s, spacy_cpu_s = map(float, out.strip().splitlines()[-1].split())
    spacy_rate = len(paths) / spacy_s
    spacy_cpu_ms = 1000 * spacy_cpu_s / len(paths)
    identical_full = same_outputs(work / "full-before", work / "full-after")
    identical_added = same_outputs(work / "out-before", work / "out-after")
    b, a = figures["before"], figures["after"]
    machine = describe()
    rows = [
        ("`geomap --help`", f"{a['help_s']:.2f} s", f"{b['help_s']:.2f} s", "≤ 0.3 s", a["help_s"] <= 0.3),
        (
            f"full build, {len(paths):,} articles (CLI, default options)",
            f"{a['articles_per_s']:.1f} articles/s ({a['full_s']:.1f} s, {a['full_mb']:.0f} MB)",
            f"{b['articles_per_s']:.1f} articles/s ({b['full_s']:.1f} s, {b['full_mb']:.0f} MB)",
            "≥ 100 articles/s",
            a["articles_per_s"] >= 100,
        ),
        (
            "… against spaCy `nlp.pipe`, fr_core_news_md, same texts",
            f"{a['articles_per_s'] / spacy_rate:.2f}× spaCy ({spacy_rate:.1f} articles/s)",
            f"{b['articles_per_s'] / spacy_rate:.2f}× spaCy",
            "≥ 4×",
            a["articles_per_s"] >= 4 * spacy_rate,
        ),
        (
            "… CPU time per article (all processes; spaCy: its one process, model loading not counted)",
            f"{a['cpu_ms_per_article']:.1f} ms = {spacy_cpu_ms / a['cpu_ms_per_article']:.2f}× spaCy's"
            f" {spacy_cpu_ms:.1f} ms",
            f"{b['cpu_ms_per_article']:.1f} ms = {spacy_cpu_ms / b['cpu_ms_per_article']:.2f}× spaCy's",
            "—",
            None,
        ),
        (
            f"build with nothing to do, {len(paths):,} articles",
            f"{a['noop_s']:.2f} s ({a['noop_mb']:.0f} MB)",
            f"{b['noop_s']:.2f} s ({b['noop_mb']:.0f} MB)",
            "≤ 1 s",
            a["noop_s"] <= 1,
        ),
        (
            f"one article added to {len(paths):,}",
            f"{a['add_one_s']:.1f} s = {100 * a['add_one_share']:.1f}% of the full build, {a['add_one_mb']:.0f} MB",
            f"{b['add_one_s']:.1f} s = {100 * b['add_one_share']:.1f}%, {b['add_one_mb']:.0f} MB",
            "≤ 5%, ≤ 300 MB",
            a["add_one_share"] <= 0.05 and a["add_one_mb"] <= 300,
        ),
    ]
    print(
        f"\nMachine: {machine.cpu}, {machine.cores} cores; load at start {load_start}, at end {load_average()}"
    )
    print(f"Outputs byte-identical: full build {identical_full}, after the added article {identical_added}\n")
    print("| Figure | This tree | Before | Target | Verdict |\n| --- | --- | --- | --- | --- |")
    for label, after, before, target, met in rows:
        verdict = "—" if met is None else "met" if met else "MISSED"
        print(f"| {label} | {after} | {before} | {target} | {verdict} |")
    return 0 if identical_full and identical_added else 1


if __name__ == "__main__":
    raise SystemExit(main())
