"""Synthetic incidents for the map benchmarks: reproducible, with the shape real ones have.

Incidents lie in Iraq and Syria, at a mix of precisions (a few provinces and countries, drawn as circles),
with one to three sources whose quotes are sentence-long; several incidents share an article, as they do
when one article reports several attacks.
"""

from __future__ import annotations

import random

from bench.corpus import ACTORS, OUTLETS, PLACES
from geomap.records import EVENT_TYPES, PRECISIONS, DatePrecision, Incident, Resolution, Source

#: Latitude and longitude ranges the points are drawn in (Iraq and Syria, roughly).
LAT_RANGE = (29.5, 37.3)
LON_RANGE = (35.8, 48.4)
_PRECISION_WEIGHTS = (0.1, 0.7, 0.05, 0.12, 0.03)  # in the order of PRECISIONS
_DATE_PRECISIONS: tuple[DatePrecision, ...] = ("day", "month", "year", "month_day", "unknown")
_QUOTE_TEXT = (
    "un convoi logistique de l’armée américaine a été pris pour cible près de la route principale, selon des"
    " sources sécuritaires qui ont requis l’anonymat, alors que les forces de sécurité bouclaient le secteur"
    " et que des renforts arrivaient de la base voisine dans la soirée"
)
_QUOTE_WORDS = _QUOTE_TEXT.split()


def _date(rng: random.Random, precision: str) -> str | None:
    year, month, day = rng.randint(2019, 2023), rng.randint(1, 12), rng.randint(1, 28)
    return {
        "day": f"{year}-{month:02d}-{day:02d}",
        "month": f"{year}-{month:02d}",
        "year": f"{year}",
        "month_day": f"--{month:02d}-{day:02d}",
        "unknown": None,
    }[precision]


def _quote(rng: random.Random, place: str) -> str:
    """A sentence-long quote naming the place (150 to 300 characters)."""
    length = rng.randint(12, len(_QUOTE_WORDS))
    start = rng.randint(0, len(_QUOTE_WORDS) - length)
    words = _QUOTE_WORDS[start : start + length]
    cut = rng.randint(3, len(words) - 2)
    return f"{' '.join(words[:cut]).capitalize()} à {place}, {' '.join(words[cut:])}."


def make_incidents(count: int, *, seed: int = 7) -> list[Incident]:
    """``count`` incidents, always the same ones for the same ``count`` and ``seed``."""
    rng = random.Random(f"incidents-{seed}-{count}")
    articles = [
        (
            f"article_{k:06d}.txt",
            f"Irak : attaque contre un convoi à {rng.choice(PLACES['fr']['town'])} ({k})",
            rng.choice(OUTLETS),
            f"https://news.example/{k}",
            f"{rng.randint(2019, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        for k in range(max(1, count // 3))
    ]
    names = [*PLACES["fr"]["town"], *PLACES["fr"]["base"]]
    out: list[Incident] = []
    for k in range(count):
        precision = rng.choices(PRECISIONS, weights=_PRECISION_WEIGHTS)[0]
        date_precision: DatePrecision = rng.choice(_DATE_PRECISIONS) if rng.random() < 0.5 else "day"
        name = rng.choice(names)
        place = Resolution(
            query=name,
            canonical=name,
            gazetteer_id=f"geonames:{rng.randint(10_000, 9_999_999)}",
            lat=round(rng.uniform(*LAT_RANGE), 5),
            lon=round(rng.uniform(*LON_RANGE), 5),
            precision=precision,
            country=rng.choice(("IQ", "SY")),
            admin1=rng.choice(("Al Anbar", "Baghdad", "Nineveh", "Deir ez-Zor", "Aleppo")),
            source="gazetteer",
            score=5.0,
            extent_km={"admin1": 60.0, "country": 300.0}.get(precision, 0.0),
        )
        sources = tuple(
            Source(
                article_id=f"{a:016x}",
                file=articles[a][0],
                title=articles[a][1],
                outlet=articles[a][2],
                url=articles[a][3],
                published=articles[a][4],
                quote=_quote(rng, name),
                place_text=name,
            )
            for a in sorted(
                rng.sample(range(len(articles)), k=min(len(articles), rng.choice((1, 1, 1, 2, 3))))
            )
        )
        out.append(
            Incident(
                id=f"{k:012x}",
                event_type=rng.choice(EVENT_TYPES),
                date=_date(rng, date_precision),
                date_precision=date_precision,
                place_text=name,
                place=place,
                actor=rng.choice(ACTORS) if rng.random() < 0.2 else None,
                sources=sources,
                optional=rng.random() < 0.02,
            )
        )
    return out
