"""An incremental build writes the bytes a build from scratch of the same articles writes, whatever the
sequence of articles added, edited, removed and renamed before it."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from geomap.project import Project

ROOT = Path(__file__).resolve().parent.parent
POOL = sorted((ROOT / "tests" / "corpus" / "articles").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
OUTPUTS = ("incidents.geojson", "incidents.csv", "mentions.geojson", "map.html")


def _build(articles: Path, out: Path, *, write_map: bool) -> None:
    Project(articles_dir=articles, output_dir=out, offline=True).build(jobs=1, write_map=write_map)


@pytest.mark.parametrize("seed", [15, 16])
def test_random_changes_give_the_bytes_of_a_build_from_scratch(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in POOL]
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    unused = list(range(len(texts)))
    rnd.shuffle(unused)
    names: dict[str, int] = {}  # file -> the text it holds (each text in one file at most)

    def write(name: str, text: int) -> None:
        (articles / name).write_text(texts[text], encoding="utf-8")
        names[name] = text

    for n in range(6):
        write(f"a{n:02d}.txt", unused.pop())
    for step in range(7):
        write_map = step in (0, 6)
        _build(articles, out, write_map=write_map)
        fresh = tmp_path / f"fresh{step}"
        copy = tmp_path / f"articles{step}"
        shutil.copytree(articles, copy)
        _build(copy, fresh, write_map=write_map)
        for output in OUTPUTS[: 4 if write_map else 3]:
            assert (out / output).read_bytes() == (fresh / output).read_bytes(), (step, output)
        for _ in range(rnd.choice([1, 2, 3])):
            op = rnd.choice(["add", "remove", "edit", "rename"] if unused else ["remove", "rename"])
            if op == "add" or not names:
                write(f"b{step}{len(names):02d}{rnd.randrange(100):02d}.txt", unused.pop())
            elif op == "remove":
                name = rnd.choice(sorted(names))
                (articles / name).unlink()
                unused.append(names.pop(name))
            elif op == "edit":
                name = rnd.choice(sorted(names))
                old = names[name]
                write(name, unused.pop())
                unused.insert(0, old)
            else:
                name = rnd.choice(sorted(names))
                new = f"r{step}{name}"
                (articles / name).rename(articles / new)
                names[new] = names.pop(name)
