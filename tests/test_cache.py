"""The build cache's encoding: the text ``dataclasses.asdict`` and JSON give, made faster."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

from geomap.cache import decode, decode_incident, encode, encode_incident
from geomap.project import Project

ROOT = Path(__file__).resolve().parent.parent


def test_encode_is_the_json_of_asdict(tmp_path: Path) -> None:
    project = Project(articles_dir=ROOT / "seeds", output_dir=tmp_path, offline=True)
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
