"""The JSON of the outputs' parts, written by encoders made once: the text json.dumps gives."""

from __future__ import annotations

import json
import math

import pytest

from geomap.outputs import geojson, mapdata

VALUES = [
    {"b": 1, "a": [1.5, -0.0, 1e-7, 123456789.123], "é": "Kharkiv – Харків « » \u2028 </script>"},
    [None, True, False, "", {"z": {"y": [{}]}}],
    "line\nbreak\t\"quoted\"",
    2**70,
    {"nested": {"3": 3, "10": 10, "2": [2, {"k": "v"}]}},
]


@pytest.mark.parametrize("value", VALUES)
def test_the_kept_encoders_write_what_json_dumps_writes(value: object) -> None:
    assert geojson._dumps(value) == json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    assert mapdata.dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def test_the_kept_encoders_refuse_nan() -> None:
    for dumps in (geojson._dumps, mapdata.dumps):
        with pytest.raises(ValueError):
            dumps({"lat": math.nan})
