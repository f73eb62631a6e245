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
GOLD_DIR = PROJECT_DIR / "tests" / "gold"
CACHE_FILE_NAME = ".geomap-cache.sqlite"

#: Countries whose every GeoNames place (population >= 500) is in the gazetteer; elsewhere only
#: towns of GEONAMES_WORLD_MIN_POPULATION or more.
FOCUS_COUNTRIES = ("IQ", "SY")
REGION_COUNTRIES = (
    "IQ",
    "SY",
    "TR",
    "IR",
    "JO",
    "SA",
    "KW",
    "LB",
    "IL",
    "PS",
    "EG",
    "YE",
    "AE",
    "QA",
    "BH",
    "OM",
    "CY",
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
SCORE_HINT_MISMATCH = -4.0  # a qualifier ("l'aéroport de") outweighs a town's size
SCORE_CONTAINMENT = 2.5
SCORE_CURATED = 1.5
SCORE_FUZZY_PENALTY = -2.0
#: The name asked is the place's own name, not one of its many alternate names.
SCORE_PRIMARY_NAME = 0.5
#: With no country context, places of FOCUS_COUNTRIES (half for REGION_COUNTRIES) get this much.
SCORE_FOCUS_REGION = 1.0
SCORE_PRECISION_PRIOR = {"point": 0.5, "locality": 1.0, "admin1": 2.0, "country": 2.0}
#: Population contributes log10(population) * this factor, for towns and countries (not provinces).
SCORE_POPULATION_FACTOR = 0.5

#: Incidents from different articles are the same event when this close (km) with compatible dates.
SAME_INCIDENT_KM = 15.0

#: Remote geocoder requests: candidates asked per name, answer language, and how long the on-disk
#: answer cache waits for another process's write lock before giving up.
GEOCODER_CANDIDATES = 5
GEOCODER_LANGUAGE = "en"
GEOCODER_CACHE_BUSY_TIMEOUT_S = 30.0
#: Longest wait honoured when the geocoder answers 429 with a Retry-After header (s).
GEOCODER_MAX_RETRY_AFTER_S = 60.0

#: Country outlines drawn under the map (derived from Natural Earth by geomap/boundaries.py).
COUNTRIES_FILE = "countries.geojson"
OUTLINE_SIMPLIFY_DEG = 0.02  # about 2 km: finer than any outline needs at the zooms it is seen
OUTLINE_DECIMALS = 3

#: Leaflet and its marker-cluster plugin, installed from npm by `npm ci --prefix assets`; the map inlines them.
MAP_ASSETS_DIR = Path(os.environ.get("GEOMAP_MAP_ASSETS", PROJECT_DIR / "assets" / "node_modules"))
#: Radius of the circle drawn for an incident located only to a province or a country, when its
#: resolution gives no extent (km).
MAP_DEFAULT_EXTENT_KM = {"admin1": 40.0, "country": 250.0}
MAP_MAX_FIT_ZOOM = 10  # fitting the view to one incident must not zoom to street level

#: The remote fallback is opt-in so that no build touches the network by surprise: set GEOMAP_GEOCODER
#: (e.g. "nominatim") or pass --geocoder. --offline always wins.
REMOTE_GEOCODER = os.environ.get("GEOMAP_GEOCODER", "")
GEOCODER_DOMAIN = os.environ.get("GEOMAP_GEOCODER_DOMAIN") or None
GEOCODER_SCHEME = os.environ.get("GEOMAP_GEOCODER_SCHEME") or None
GEOCODE_CACHE_FILE = Path(
    os.environ.get("GEOMAP_GEOCODE_CACHE", Path.home() / ".cache" / "geomap" / "geocode.sqlite")
)

#: Largest article file read (bytes); bigger files are reported, not read (a saved web page is ~100 KB).
MAX_ARTICLE_BYTES = 5_000_000
