"""The benchmark harness runs end to end on tiny inputs and reports every figure (no time is asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is not an installed package: it runs from the project folder
    sys.path.insert(0, str(ROOT))

from bench.report import Row  # noqa: E402

NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)? ")

#: Rows the quick run must report, by the start of their label.
EXPECTED_ROWS = (
    "1. Extraction, 12 articles",
    "2. Map build, 200 incidents: time",
    "2. Map build, 200 incidents: HTML size",
    "3. Incremental rebuild, 1 article added to 12 (no map): % of full build",
    "3. Incremental rebuild, 1 article added (no map): time",
    "3. Incremental rebuild with the CLI, 1 article added",
    "3. Incremental rebuild with the CLI: peak memory",
    "3. Map write for that build",
    "3. Map file size for that build",
    "4. Cold start, `geomap resolve Bagdad --offline`: wall time",
    "4. Cold start, `geomap resolve Bagdad --offline`: peak memory",
)


def _table(text: str) -> dict[str, list[str]]:
    """Rows of the results table by label: [geomap, baseline, vs baseline, target, verdict, runs]."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith(("| Benchmark", "| ---")):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            if len(cells) == 7:
                rows[cells[0]] = cells[1:]
    return rows


def _row(rows: dict[str, list[str]], start: str) -> list[str]:
    found = [cells for label, cells in rows.items() if label.startswith(start)]
    assert len(found) == 1, f"expected one row starting {start!r}, got {list(rows)}"
    return found[0]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str]:
    tmp = tmp_path_factory.mktemp("bench")
    out = tmp / "RESULTS.md"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out), "--workdir", str(tmp / "work")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,  # a hang guard, not a performance assertion
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert out.exists()
    return done.stdout, out.read_text(encoding="utf-8"), done.stderr


def test_quick_run_prints_and_writes_every_row_with_figures(quick_run: tuple[str, str, str]) -> None:
    stdout, results, _ = quick_run
    for text in (stdout, results):
        rows = _table(text)
        for start in EXPECTED_ROWS:
            cells = _row(rows, start)
            assert NUMBER.match(cells[0]), f"{start}: no figure in {cells[0]!r}"
            assert cells[5], f"{start}: no run count"
    rows = _table(results)
    # Rows with a target say whether it is met; rows with a baseline give a figure for it and a ratio.
    with_target = [cells for cells in rows.values() if cells[3] != "—"]
    assert len(with_target) == 4  # extraction rate, incremental %, cold start time and memory
    for cells in with_target:
        assert cells[4].startswith(("met", "MISSED")), cells
    for start in ("1. Extraction", "2. Map build, 200 incidents: time"):
        cells = _row(rows, start)
        assert NUMBER.match(cells[1]), cells[1]
        assert re.match(r"^\d+(?:\.\d+)?× (?:faster|slower|smaller|larger)$", cells[2]), cells[2]


def test_results_file_describes_the_machine_and_the_method(quick_run: tuple[str, str, str]) -> None:
    _, results, _ = quick_run
    for field in ("- CPU: ", "- Cores: ", "- Memory: ", "- Python: ", "- Date: "):
        assert field in results
    assert re.search(r"- Cores: \d+", results)
    assert re.search(r"- Memory: \d+(?:\.\d+)? GiB", results)
    for heading in (
        "## Results",
        "## 1. Extraction throughput",
        "## 1a. Where extraction time goes",
        "## 1b. What would make extraction faster",
        "## 2. Map build",
        "## 3. Incremental rebuild",
        "## 4. Cold start",
        "## What a `--jobs` option would need",
    ):
        assert heading in results


def test_run_measures_a_snapshot_of_the_code_and_the_gazetteer(quick_run: tuple[str, str, str]) -> None:
    # The build cache hashes geomap's files and the gazetteer data: the run must use copies that edits made
    # in the tree during it cannot reach, both for the package and for its gazetteer data.
    _, results, stderr = quick_run
    found = re.search(r"measuring the geomap of (\S+), gazetteer data (\S+)", stderr)
    assert found, stderr[-3000:]
    code, data = Path(found[1]), Path(found[2])
    assert code.parent.name.startswith("geomap-bench-code-"), code
    assert data == code / "gazetteer_data", data
    assert not code.exists()  # the snapshot is removed when the run ends
    assert "a copy of `geomap/` and `gazetteer/` taken when the run started" in results


def test_corpus_is_reproducible_and_prefix_stable(tmp_path: Path) -> None:
    from bench.corpus import write_corpus

    five = write_corpus(tmp_path / "a", 5)
    again = write_corpus(tmp_path / "b", 5)
    three = write_corpus(tmp_path / "c", 3)
    assert [p.read_bytes() for p in five] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in five[:3]] == [p.read_bytes() for p in three]
    assert len({p.read_bytes() for p in five}) == 5


def test_verdicts_say_by_how_much_a_target_is_met_or_missed() -> None:
    fast = Row(
        key="k", label="l", unit="articles/s", better="higher", samples=[50.0, 40.0, 60.0], target=100.0
    )
    assert fast.value == 50.0
    assert fast.verdict() == "MISSED: 50% short, needs 2.0× more"
    small = Row(
        key="k", label="l", unit="MB", better="lower", samples=[12.0], baseline_samples=[60.0], target=15.0
    )
    assert small.verdict() == "met (20% headroom)"
    assert small.ratio_text() == "5.0× smaller"
    slow = Row(key="k", label="l", unit="s", better="lower", samples=[4.5], target=3.0)
    assert slow.verdict() == "MISSED by 50%, needs 1.5× less"
