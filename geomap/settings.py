"""Defaults in one place. Every other module reads its defaults from here."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent

#: Where the gazetteer data lives (derived GeoNames file, curated file, README with attribution).
GAZETTEER_DIR = Path(os.environ.get("GEOMAP_GAZETTEER", PROJECT_DIR / "gazetteer"))
GAZETTEER_DATA_FILE = "geonames.tsv.gz"
CURATED_FILE = "curated.csv"
#: Compact SQLite index, built from the data files on first use and keyed by their hash.
GAZETTEER_INDEX_DIR = Path(os.environ.get("GEOMAP_INDEX_DIR", GAZETTEER_DIR / ".index"))

ARTICLES_DIR = Path("seeds")
OUTPUT_DIR = Path("output")
CACHE_FILE_NAME = ".geomap-cache.sqlite"

#: Countries whose every GeoNames place (population >= 500) is in the gazetteer; elsewhere only
#: towns of GEONAMES_WORLD_MIN_POPULATION or more.
FOCUS_COUNTRIES = ("IQ", "SY")
REGION_COUNTRIES = (
    "IQ", "SY", "TR", "IR", "JO", "SA", "KW", "LB", "IL", "PS", "EG", "YE", "AE", "QA", "BH", "OM", "CY",
)
GEONAMES_WORLD_MIN_POPULATION = 5000

#: Remote geocoder (fallback for names the gazetteer lacks).
GEOCODER_PROVIDER = "nominatim"
GEOCODER_USER_AGENT = os.environ.get("GEOMAP_USER_AGENT", "geomap/0.1 (incident mapper)")
GEOCODER_TIMEOUT_S = 10.0
GEOCODER_MIN_DELAY_S = 1.0  # Nominatim's usage policy: one request a second at most
GEOCODER_MAX_RETRIES = 1

#: Ranking weights of the resolver (see geomap/resolve.py for what each means).
SCORE_CONTEXT_COUNTRY = 3.0
SCORE_HINT_MATCH = 2.5
SCORE_HINT_MISMATCH = -2.0
SCORE_CONTAINMENT = 2.5
SCORE_CURATED = 1.5
SCORE_FUZZY_PENALTY = -2.0
SCORE_PRECISION_PRIOR = {"point": 0.5, "locality": 1.0, "admin1": 2.0, "country": 2.0}
#: Population contributes log10(population) * this factor, for localities only.
SCORE_POPULATION_FACTOR = 0.5

#: Incidents from different articles are the same event when this close (km) with compatible dates.
SAME_INCIDENT_KM = 15.0
