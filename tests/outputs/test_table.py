"""The CSV written without pandas has the bytes pandas' ``to_csv`` wrote."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pandas as pd

from geomap.outputs.cells import safe_cell
from geomap.outputs.table import CSV_COLUMNS, NULLABLE_COUNTS, incidents_to_rows, write_csv
from geomap.records import EVENT_TYPES, Incident, Source
from tests.support import incident, place


def _pandas_csv(incidents: list[Incident]) -> bytes:
    """The writer as it was: a pandas frame of the rows."""
    rows = [{key: safe_cell(value) for key, value in row.items()} for row in incidents_to_rows(incidents)]
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    frame = frame.astype({name: "Int64" for name in NULLABLE_COUNTS})
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


TEXTS = ["", "plain", "a, b", 'say "no"', "two\nlines", "cr\rhere", "=1+1", " -3", "nul\x00x", "é ü ع", "'"]


def _random_incidents(rnd: random.Random, count: int, *, whole: bool) -> list[Incident]:
    out = []
    for k in range(count):
        lat, lon = (33, 44) if whole else (rnd.uniform(-90, 90), rnd.choice([44.5, -0.000012, 1e-7, 179.99999]))
        where = replace(
            place(f"g:{k}", lat, lon, rnd.choice(["point", "locality", "admin1"])),
            extent_km=rnd.choice([0, 60]) if whole else rnd.choice([0.0, 12.5, 1e17, 3.0]),
            admin1=rnd.choice(TEXTS),
            canonical=rnd.choice(TEXTS),
        )
        sources = tuple(
            Source(
                article_id=f"a{n}",
                file=rnd.choice(TEXTS) + ".txt",
                title=rnd.choice(TEXTS),
                outlet=rnd.choice([None, *TEXTS]),
                url=rnd.choice([None, "https://x.org/?a=1,2"]),
                published=rnd.choice([None, "2021-04-05"]),
                quote=rnd.choice(TEXTS),
                place_text="x",
                more_quotes=tuple(rnd.sample(TEXTS, rnd.choice([0, 1, 2]))),
                more_starts=(),
            )
            for n in range(rnd.choice([0, 1, 3]))
        )
        out.append(
            replace(
                incident("a", where, kind=rnd.choice(EVENT_TYPES), date=rnd.choice([None, "2021-04", "2021"])),
                id=f"{k:04d}",
                sources=tuple(replace(s, more_starts=(None,) * len(s.more_quotes)) for s in sources),
                actor=rnd.choice([None, *TEXTS]),
                fatalities=rnd.choice([None, 0, 7]),
                injured=rnd.choice([None, 2]),
                casualties_quote=rnd.choice([None, *TEXTS]),
                place_text=rnd.choice(TEXTS),
            )
        )
    return out


def test_the_csv_has_the_bytes_pandas_wrote(tmp_path: Path) -> None:
    rnd = random.Random(3)
    cases = [[], _random_incidents(rnd, 1, whole=True), _random_incidents(rnd, 3, whole=True)]
    cases += [_random_incidents(rnd, 1200, whole=False), _random_incidents(rnd, 40, whole=True)]
    cases.append([*_random_incidents(rnd, 5, whole=True), *_random_incidents(rnd, 5, whole=False)])
    for n, incidents in enumerate(cases):
        path = tmp_path / f"{n}.csv"
        write_csv(incidents, path)
        assert path.read_bytes() == _pandas_csv(incidents), n
