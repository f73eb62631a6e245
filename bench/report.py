"""Rows of figures, their verdicts against the targets, and the Markdown they are printed as."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Better = Literal["higher", "lower"]
#: Column headers of the results table (tests/test_bench.py reads the table by them).
COLUMNS = ("Benchmark", "geomap", "Baseline", "vs baseline", "Target", "Verdict", "Runs")


@dataclass(slots=True, kw_only=True)
class Row:
    """One figure: geomap's median, the baseline's when there is one, and the target it is held to."""

    key: str  # stable identifier ("extract.rate"), for code that reads the results
    label: str
    unit: str  # "articles/s", "s", "MB", "%"
    better: Better
    samples: list[float]
    baseline_samples: list[float] = field(default_factory=list)
    baseline_label: str = ""
    target: float | None = None
    note: str = ""

    @property
    def value(self) -> float:
        return statistics.median(self.samples)

    @property
    def baseline(self) -> float | None:
        return statistics.median(self.baseline_samples) if self.baseline_samples else None

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.better == "higher" else self.value <= self.target

    def ratio_text(self) -> str:
        base = self.baseline
        if base is None or base <= 0 or self.value <= 0:
            return "—"
        ratio = self.value / base if self.better == "higher" else base / self.value
        good, bad = {"s": ("faster", "slower"), "MB": ("smaller", "larger")}.get(
            self.unit, ("faster", "slower")
        )
        return f"{ratio:.1f}× {good}" if ratio >= 1 else f"{1 / ratio:.1f}× {bad}"

    def verdict(self) -> str:
        if self.target is None:
            return "— (no target)"
        value, target = self.value, self.target
        if self.met:
            headroom = (value / target - 1) if self.better == "higher" else (1 - value / target)
            return f"met ({headroom:.0%} headroom)"
        if self.better == "higher":
            return f"MISSED: {1 - value / target:.0%} short, needs {target / value:.1f}× more"
        return f"MISSED by {value / target - 1:.0%}, needs {value / target:.1f}× less"

    def target_text(self) -> str:
        if self.target is None:
            return "—"
        return f"{'≥' if self.better == 'higher' else '≤'} {fmt(self.target, self.unit)}"

    def cells(self) -> list[str]:
        base = self.baseline
        baseline = f"{fmt(base, self.unit)} ({self.baseline_label})" if base is not None else "—"
        runs = str(len(self.samples))
        if self.baseline_samples:
            runs += f" / {len(self.baseline_samples)}"
        return [
            self.label,
            fmt(self.value, self.unit),
            baseline,
            self.ratio_text(),
            self.target_text(),
            self.verdict(),
            runs,
        ]


def fmt(value: float, unit: str) -> str:
    """A figure with its unit, to three significant digits or so."""
    if unit == "%":
        text = f"{value:.2f}" if value < 10 else f"{value:.1f}"
    elif abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return f"{text} {unit}" if unit != "%" else f"{text} %"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header)), *(line(r) for r in rows)])


def results_table(rows: Sequence[Row]) -> str:
    return markdown_table(COLUMNS, [r.cells() for r in rows])
