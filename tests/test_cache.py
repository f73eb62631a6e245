"""The build cache's encoding: the text ``dataclasses.asdict`` and JSON give, made faster."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from geomap.cache import decode, decode_incident, encode, encode_incident
from geomap.project import Project

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("folder", ["seeds", "tests/corpus/articles"])
def test_encode_is_the_json_of_asdict(tmp_path: Path, folder: str) -> None:
    project = Project(articles_dir=ROOT / folder, output_dir=tmp_path, offline=True)
    project.build(jobs=1, write_map=False)
    results = project.results()
    assert results and any(r.incidents for r in results) and any(r.mentions for r in results)
    for result in results:
        text = encode(result)
        assert text == json.dumps(asdict(result), ensure_ascii=False, sort_keys=True)
        assert decode(text, file=result.article.file) == result
        for incident in result.incidents:
            odd = replace(incident, place=replace(incident.place, raw={"a": [1, (2, 3)], "b": {"c": None}}))
            line = encode_incident(odd)
            assert line == json.dumps(asdict(odd), ensure_ascii=False, sort_keys=True) and "\n" not in line
            assert decode_incident(line.encode()) == replace(odd, place=replace(odd.place, raw={"a": [1, [2, 3]], "b": {"c": None}}))


def test_rows_put_without_a_commit_wait_for_the_next(tmp_path: Path) -> None:
    """A build commits its new rows a few dozen at a time; a row's text made elsewhere (by a worker) is kept
    as given, the same as the one `put` makes."""
    from geomap.cache import BuildCache

    project = Project(articles_dir=ROOT / "seeds", output_dir=tmp_path / "out", offline=True)
    project.build(jobs=1, write_map=False)
    first, second = project.results()[:2]
    cache = BuildCache(path=tmp_path / "cache.sqlite")
    other = BuildCache(path=tmp_path / "cache.sqlite")  # another connection sees only what is committed
    text = cache.put("a.txt", raw_hash="h", version="v", result=first, text=encode(first), commit=False)
    assert text == encode(first) and other.keys() == {}
    assert cache.put("b.txt", raw_hash="h2", version="v", result=second, commit=False) == encode(second)
    cache.commit()
    assert other.keys() == {"a.txt": ("h", "v"), "b.txt": ("h2", "v")}
    assert other.encoded("a.txt") == encode(first) and other.encoded("b.txt") == encode(second)
    assert cache.put("c.txt", raw_hash="h3", version="v", result=first) == encode(first)  # committed
    assert other.encoded("c.txt") == encode(first)
    cache.close()
    other.close()


def test_encode_refuses_what_json_refuses(tmp_path: Path) -> None:
    project = Project(articles_dir=ROOT / "seeds", output_dir=tmp_path, offline=True)
    project.build(jobs=1, write_map=False)
    incident = next(i for r in project.results() for i in r.incidents)
    for odd in (Path("x"), {1, 2}, Project, b"x"):
        wrong = replace(incident, place=replace(incident.place, raw={"a": odd}))
        with pytest.raises(TypeError):
            json.dumps(asdict(wrong))
        with pytest.raises(TypeError):
            encode_incident(wrong)
