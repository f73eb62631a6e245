"""What machine the figures were measured on: CPU, cores, memory, Python, libraries, date, commit."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True, kw_only=True)
class Machine:
    cpu: str
    cores: int  # logical CPUs this process may run on
    memory_gib: float
    python: str
    system: str
    date: str  # UTC, ISO 8601
    commit: str
    libraries: dict[str, str]
    load: str  # load averages (1, 5, 15 min): other processes on the machine skew the figures

    def lines(self) -> list[str]:
        libs = ", ".join(f"{k} {v}" for k, v in self.libraries.items())
        return [
            f"- CPU: {self.cpu}",
            f"- Cores: {self.cores}",
            f"- Memory: {self.memory_gib:.1f} GiB",
            f"- Python: {self.python}",
            f"- System: {self.system}",
            f"- Date: {self.date}",
            f"- Commit: {self.commit}",
            f"- Libraries: {libs}",
            f"- Load average (1, 5, 15 min) when the results were written: {self.load}",
        ]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        return 0.0


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe() -> Machine:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return Machine(
        cpu=_cpu_model(),
        cores=cores,
        memory_gib=_memory_gib(),
        python=f"{platform.python_implementation()} {platform.python_version()}",
        system=f"{platform.system()} {platform.release()} ({platform.machine()})",
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        commit=_commit(),
        libraries={p: _version(p) for p in ("spacy", "fr_core_news_md", "folium", "geomap")},
        load=load_average(),
    )


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"
