"""Every tuning constant and location of geomap, in one frozen :class:`Settings` passed to constructors.

Nothing here reads the environment when imported: ``Settings()`` is the defaults, and
:meth:`Settings.from_env` (what the command line uses) applies the ``GEOMAP_*`` variables. The groups say
what a value affects: :class:`Scoring`, :class:`Extraction` and :class:`Merging` change what a build finds
(the build cache hashes them), :class:`Geocoding` and :class:`MapStyle` only how names are asked for and
how the map looks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geomap.errors import ConfigurationError

# The classes are not slotted: a field's default is then also a class attribute (``Geocoding.timeout_s``),
# which functions use as the default of a keyword argument.

#: Countries whose every GeoNames place (population >= 500) is in the embedded gazetteer.
FOCUS_COUNTRIES = ("IQ", "SY")
REGION_COUNTRIES = (
    "IQ", "SY", "TR", "IR", "JO", "SA", "KW", "LB", "IL", "PS", "EG", "YE", "AE", "QA", "BH", "OM", "CY",
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Scoring:
    """How the local resolver ranks the candidate places of a name (see geomap/places/resolvers/local.py)."""

    context_country: float = 3.0  # the article's first country; half for its others
    hint_match: float = 2.5  # "la base X" and a military field
    hint_mismatch: float = -4.0  # a qualifier ("l'aéroport de") outweighs a town's size
    region_admin1: float = 5.0  # "la région de Kiev": the oblast outweighs the capital's size
    #: Letters a province's name shares with the start of a town's to be named after it (Zaporizka oblast)
    region_name_prefix: int = 5
    containment: float = 2.5  # inside the province the sentence names
    curated: float = 1.5
    fuzzy_penalty: float = -2.0
    primary_name: float = 0.5  # the name asked is the place's own name, not one of its alternates
    #: With no country context, places of ``focus_countries`` get this much (half for ``region_countries``).
    focus_region: float = 1.0
    precision_prior: Mapping[str, float] = field(
        default_factory=lambda: {"point": 0.5, "locality": 1.0, "admin1": 2.0, "country": 2.0}
    )
    #: Population adds log10(population) times this, for towns and countries (not provinces).
    population_factor: float = 0.5
    #: A populated place (PPL) of unknown population (0 in the data: most villages of GeoNames' postal
    #: codes and dumps) counts as this many people, fewer than any cities500 place: an unknown is not
    #: nobody, and the village a war's news names must stay a homonym of a known one (Andriivka).
    unknown_population: int = 300
    #: "l'aéroport de Damas" is the international one, not a military strip.
    international_airport: float = 0.5
    focus_countries: tuple[str, ...] = FOCUS_COUNTRIES
    region_countries: tuple[str, ...] = REGION_COUNTRIES
    #: How far from a town "l'aéroport de X" may lie (km): a city's airport lies outside it.
    near_town_km: float = 35.0
    #: ... and "le camp de X", "la base de X" (km): a town's camp is near it, not at an airstrip of the
    #: next town (a base named after the town, "Balad Air Base", is found by its name wherever it lies).
    near_base_km: float = 25.0
    #: How far below the best candidate an airport or base may score and still win after "l'aéroport de".
    site_score_margin: float = 2.5
    #: Votes (a named country counts two, a place one) a second or third country needs to count as context.
    min_country_votes: int = 2
    #: Votes a nationality adjective ("soldats maliens") gives its country, once an article: who, not where.
    people_country_votes: float = 1.0
    #: A place outside the article's countries may still be where something happened if it is this big
    #: (a capital far away is named on purpose; a village of the same name is a homonym).
    big_city_population: int = 100_000
    #: ... and no farther than this (km) from the places the article puts in its own countries: Tehran in a
    #: story about Beirut, not a Venezuelan El Tigre for "la rive du Tigre" in Baghdad.
    big_city_reach_km: float = 2500.0
    #: A place named as a part of a town ("al-Rawdah neighborhood", "le quartier de X") lies this close to
    #: another town or site of the article (km), else it is a homonym elsewhere.
    town_part_km: float = 30.0
    #: A village found only because a list names it beside a town ("Antonivka, Sadove, Komyshany, and
    #: Kherson came under fire") lies this close to one of the list's towns (km), else it is a homonym.
    listed_reach_km: float = 120.0
    #: A place given with its distance from another ("X (30 km au nord de Y)") may lie this much farther
    #: from where that distance puts it (km) before it is taken for a homonym.
    measure_slack_km: float = 50.0
    #: A place matched only by a spelling's skeleton lies this close to another place of the article (km),
    #: else it is another name ("Illiniv community" in a story of Donetsk is no Lyniv of Volyn, 950 km off).
    loose_reach_km: float = 200.0
    #: A second country of an article that only towns vote for lies this close to the first one's outline
    #: (km): a homonym in India does not make a story of Burkina Faso about India.
    neighbour_country_km: float = 1500.0
    #: With the article's countries known, a place outside them gets this (countries named in passing do not).
    outside_countries: float = -3.0
    #: A loose (skeleton) candidate is accepted when its spelling is this similar (RapidFuzz ratio, 0-100).
    fuzzy_min_similarity: float = 78.0
    #: Two spellings of one name differ by a few letters, not by a suffix: "al-Hilaliya" is not Hilal. A
    #: loose match may be longer or shorter by this many letters, or by this share of the longer.
    fuzzy_max_length_gap: tuple[int, float] = (1, 0.25)
    #: A loose match needs this many consonants in its skeleton; inside the article's countries, the second
    #: figure (Khiam is "hm").
    fuzzy_min_consonants: tuple[int, int] = (3, 2)
    #: Each point of similarity below 100 costs this much more than ``fuzzy_penalty``.
    fuzzy_similarity_weight: float = 0.05
    #: A place of the same name that scores at most this far below the best is the one meant when it lies
    #: within ``homonym_reach_km`` of the article's other places and this many times nearer than the best
    #: (Zolochiv of Kharkiv oblast in an article about Kharkiv, not Zolochiv of Lviv oblast).
    homonym_score_margin: float = 1.0
    homonym_reach_km: float = 150.0
    homonym_nearer_factor: float = 4.0


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """How sentences become incidents (see geomap/extract/)."""

    #: spaCy's NER looks for places the gazetteer missed in attack sentences (French).
    use_ner: bool = True
    #: A sentence of places alone right after an event sentence ("À Sévaré, à Bapho et à Niono.") says
    #: where that event happened when it is at most this long.
    place_fragment_max_chars: int = 160
    #: A line of the body this short, alone in its paragraph and without a sentence's closing mark, is a
    #: subheading ("Une nouvelle frappe sur Soumy"): it opens a section, where the day told before ends.
    subheading_max_words: int = 12
    spacy_models: Mapping[str, str] = field(default_factory=lambda: {"fr": "fr_core_news_md"})
    #: How many sentences after a dated report of the event an undated one still takes its date.
    narrative_sentences: int = 2
    #: Characters of distance each tier of vagueness costs when choosing a place's event word.
    tier_penalty_chars: tuple[int, ...] = (0, 15, 30, 45, 200)
    #: Two places named in one sentence are one event's only when this close (km).
    same_sentence_km: float = 5.0
    #: How far from the town it is measured from a place given as a bearing ("au nord de X") may lie (km).
    bearing_km: float = 100.0
    #: An event "on the road between" two towns, or "between" them, is placed halfway when they are at most
    #: this far apart (km); farther, the sentence does not say where.
    route_max_km: float = 150.0
    #: "La localité de X, dans le district de Y": a district the gazetteer knows only as its town Y holds a
    #: town or site this close to Y (km), and is no event of its own.
    district_reach_km: float = 40.0


@dataclass(frozen=True, kw_only=True)
class Merging:
    """When two reports are one event (see geomap/merge/)."""

    #: Incidents from different articles are the same event when this close (km) with compatible dates.
    same_incident_km: float = 15.0
    #: Two named sites are one event's only this close (km): a base and the airport beside it, not an
    #: embassy and the airport across the city.
    same_site_km: float = 5.0


@dataclass(frozen=True, kw_only=True)
class Geocoding:
    """The optional remote fallback geocoder (geopy), off unless ``provider`` is set."""

    #: "" means no remote fallback: no build touches the network by surprise.
    provider: str = ""
    default_provider: str = "nominatim"
    user_agent: str = "geomap/0.1 (incident mapper)"
    domain: str | None = None
    scheme: str | None = None
    timeout_s: float = 10.0
    min_delay_s: float = 1.0  # Nominatim's usage policy: one request a second at most
    max_retries: int = 1
    candidates: int = 5  # asked per name
    language: str = "en"
    cache_busy_timeout_s: float = 30.0  # wait for another process's write lock on the answer cache
    max_retry_after_s: float = 60.0  # longest Retry-After of an HTTP 429 honoured
    #: The answer cache; None means ``<data_dir>/geocode.sqlite``.
    cache_path: Path | None = None


@dataclass(frozen=True, kw_only=True)
class Installing:
    """GeoNames country dumps installed by ``geomap gazetteer add`` (see geomap/places/install.py)."""

    #: Where GeoNames publishes one zip per country (``<url>IQ.zip``); ``--source`` gives a mirror or folder.
    dump_url: str = "https://download.geonames.org/export/dump/"
    timeout_s: float = 60.0
    chunk_bytes: int = 1 << 16
    #: Feature classes kept, each with the codes kept ("*": every code of the class). A: admin units,
    #: P: populated places, S: sites, L: areas, T: landforms, H: water.
    keep: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "A": ("ADM1", "ADM2"),
            "P": ("*",),
            "S": (
                "AIRB", "AIRF", "AIRH", "AIRP", "MILB", "INSM", "DAM", "DAMSB", "OILR", "OILT", "OILW", "OILJ",
                "OILP", "GASF", "PS", "PSH", "PSN", "PSTB", "PSTC", "PSTP", "PRT", "PRN", "CMP", "CMPRF",
                "CMPMN", "RSTN", "BDG", "FRT", "CSTL", "HSP", "UNIV", "STDM", "MSQE", "SHRN", "RUIN", "ANS",
                "BLDG", "CTRA", "CTRB", "MKT", "MALL", "SCH", "TOWR", "HTL", "ZOO", "PAL", "PO", "PP",
            ),
            "L": ("*",),
            "T": ("*",),
            "H": (
                "SEA", "GULF", "BAY", "BAYS", "STRT", "CHN", "COVE", "HBR", "LK", "LKS", "LGN", "RSV", "STM",
                "CNL", "OAS", "SPNG", "WLL",
            ),
        }
    )  # fmt: skip
    #: Besides populated places and admin units, the codes the mention finder looks for in text (the others
    #: are resolved when an article names them, but never taken for a place on their own).
    matchable: tuple[str, ...] = (
        "AIRB", "AIRF", "AIRP", "MILB", "INSM", "DAM", "OILR", "OILF", "GASF", "PRT", "CMPRF", "PSTB",
    )  # fmt: skip
    #: A name the mention finder looks for needs this many letters (short village names are common words).
    min_matchable_letters: int = 4
    #: An admin unit is placed at the centre of its own places when it has this many (else at its own row).
    min_unit_places: int = 3
    #: The extent (km) of a unit placed at its own row, by feature code.
    unit_extent_km: Mapping[str, float] = field(default_factory=lambda: {"ADM1": 40.0, "ADM2": 15.0})
    #: How many unresolved names in the articles about one country make the build suggest installing it,
    #: and what share of the places those articles name they must be (a few misread names among many
    #: places are no gap in the gazetteer).
    cluster_min_names: int = 3
    cluster_min_share: float = 0.34  # the issue measured more than a third missing where villages are


@dataclass(frozen=True, kw_only=True)
class Performance:
    """How fast a build goes and how much memory it takes; never what it finds (not in the cache key)."""

    #: Worker processes of a build; 0 means one per CPU core (``--jobs``).
    jobs: int = 0
    #: Articles a worker takes at a time: at most this many, and few enough that each worker gets
    #: ``chunks_per_worker`` of them (a few dozen new articles keep every core busy).
    max_chunk_articles: int = 16
    chunks_per_worker: int = 4
    #: A build starts a worker for every this many articles to read, up to ``jobs``.
    min_articles_per_worker: int = 4
    #: Sentences given to spaCy's NER in one ``nlp.pipe`` call.
    ner_batch_sentences: int = 64
    #: Memoised per build: name keys, resolutions (name and context), event words of a sentence.
    name_key_memo: int = 1 << 16
    resolution_memo: int = 1 << 14
    sentence_memo: int = 1 << 14
    #: Distances between two places kept per build (the homonyms' test, geomap/extract/homonyms.py).
    distance_memo: int = 1 << 16
    #: Sentences whose place names are memoised per build (by text).
    mention_memo: int = 1 << 14


@dataclass(frozen=True, kw_only=True)
class MapStyle:
    """How the map is drawn (see geomap/outputs/map.py)."""

    #: Radius of the circle of an incident located only to a province or country without an extent (km).
    default_extent_km: Mapping[str, float] = field(default_factory=lambda: {"admin1": 40.0, "country": 250.0})
    max_fit_zoom: int = 10  # fitting the view to one incident must not zoom to street level
    #: Quotes longer than this are cut around the place name in popups (the GeoJSON keeps them whole).
    popup_quote_max_chars: int = 280
    #: Country outlines (geomap/tools/boundaries.py): simplification (degrees) and decimals kept.
    outline_simplify_deg: float = 0.02
    outline_decimals: int = 3
    #: Map tiles shown when they load ("" for none: the offline basemap only); {z}/{x}/{y} as in Leaflet.
    #: Opened as a file, a page sends no Referer, which OpenStreetMap's tile servers may refuse.
    tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    tile_attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank">OpenStreetMap</a> contributors'
    )
    #: Incidents whose popup text (quotes, titles) the page decompresses together, on the first popup.
    popup_chunk_incidents: int = 1000
    #: gzip level of the data embedded in the page (decoded by the browser's DecompressionStream).
    payload_compresslevel: int = 3
    #: Markers closer than this (screen pixels) are drawn as one cluster.
    cluster_radius_px: int = 50
    #: Marker diameter (px), and at most how much bigger a marker gets for the people killed.
    marker_px: int = 20
    marker_fatalities_max_extra_px: int = 14
    #: The first view fits the bulk of the incidents: an incident farther from their median than this many
    #: times their median distance to it (and than ``fit_outlier_min_km``) is left out of the first view,
    #: when such incidents are at most ``fit_outlier_max_share`` of all (at least one).
    fit_outlier_factor: float = 4.0
    fit_outlier_min_km: float = 500.0
    fit_outlier_max_share: float = 0.05
    #: Offline basemap: towns labelled everywhere from this population, and in the incidents' countries
    #: from ``basemap_local_town_min_population``; a label appears from the zoom of its population's tier.
    basemap_town_min_population: int = 100_000
    basemap_local_town_min_population: int = 10_000
    capital_label_zoom: int = 3
    town_label_zooms: tuple[tuple[int, int], ...] = (
        (5_000_000, 4),
        (1_000_000, 5),
        (300_000, 6),
        (100_000, 7),
        (30_000, 8),
        (0, 9),
    )
    province_label_zoom: int = 6
    #: Timeline bars are days up to this span, weeks up to ``timeline_week_max_days``, months beyond.
    timeline_day_max_days: int = 120
    timeline_week_max_days: int = 2200
    #: Below this width (px) the layer control and the legend start collapsed.
    small_screen_px: int = 700


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Where geomap finds and keeps its data, and every constant that tunes it."""

    #: User data: the gazetteer index, installed GeoNames countries, the remote geocoder's answers
    #: (``GEOMAP_DATA_DIR``).
    data_dir: Path = field(default_factory=lambda: default_data_dir())
    #: The gazetteer's data files; None means the ones shipped in the package (``GEOMAP_GAZETTEER``).
    gazetteer_dir: Path | None = None
    #: Largest article file read (bytes); bigger files are reported, not read (a saved page is ~100 KB).
    max_article_bytes: int = 5_000_000
    #: Longest YAML front matter read (characters) and its deepest nesting: a few `key: value` lines need
    #: far less, and a hostile file must not make the YAML parser build or recurse without bound.
    max_front_matter_chars: int = 65_536
    max_front_matter_depth: int = 8
    scoring: Scoring = field(default_factory=Scoring)
    extraction: Extraction = field(default_factory=Extraction)
    merging: Merging = field(default_factory=Merging)
    geocoding: Geocoding = field(default_factory=Geocoding)
    installing: Installing = field(default_factory=Installing)
    map: MapStyle = field(default_factory=MapStyle)
    performance: Performance = field(default_factory=Performance)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The defaults, with the ``GEOMAP_*`` environment variables applied, then ``overrides``."""
        env = os.environ if environ is None else environ
        geocoding = Geocoding(
            provider=env.get("GEOMAP_GEOCODER", ""),
            user_agent=env.get("GEOMAP_USER_AGENT") or Geocoding.user_agent,
            domain=env.get("GEOMAP_GEOCODER_DOMAIN") or None,
            scheme=env.get("GEOMAP_GEOCODER_SCHEME") or None,
            cache_path=_path(env.get("GEOMAP_GEOCODE_CACHE")),
        )
        found: dict[str, Any] = {"geocoding": geocoding}
        if "GEOMAP_TILE_URL" in env:
            found["map"] = MapStyle(
                tile_url=env["GEOMAP_TILE_URL"].strip(),
                tile_attribution=env.get("GEOMAP_TILE_ATTRIBUTION") or MapStyle.tile_attribution,
            )
        if data_dir := _path(env.get("GEOMAP_DATA_DIR")):
            found["data_dir"] = data_dir
        if gazetteer_dir := _path(env.get("GEOMAP_GAZETTEER")):
            found["gazetteer_dir"] = gazetteer_dir
        return cls(**{**found, **overrides})

    def with_geocoder(self, provider: str | None) -> Settings:
        """These settings with the remote geocoder ``provider`` ("" for none); None keeps the current one."""
        if provider is None:
            return self
        return replace(self, geocoding=replace(self.geocoding, provider=provider))

    @property
    def geocode_cache_path(self) -> Path:
        return self.geocoding.cache_path or self.data_dir / "geocode.sqlite"

    @property
    def index_dir(self) -> Path:
        """Where the gazetteer's SQLite index is built (per user, never inside the installed package)."""
        return self.data_dir / "index"

    @property
    def installed_dir(self) -> Path:
        """Where ``geomap gazetteer add`` keeps the GeoNames countries it installed (per user)."""
        return installed_dir_for(self.index_dir)

    def fingerprint(self) -> str:
        """The values that change what a build finds, as text: part of the build cache's key."""
        return repr((self.scoring, self.extraction, self.merging, self.max_article_bytes))


def installed_dir_for(index_dir: Path) -> Path:
    """The installed countries beside an index folder: both live in the user data folder, so that a
    gazetteer opened with only its index folder (a worker process) finds the same countries."""
    return index_dir.parent / "geonames"


def default_data_dir() -> Path:
    """The user's data folder for geomap (``~/.local/share/geomap`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("geomap", appauthor=False))


def _path(value: str | None) -> Path | None:
    if not value:
        return None
    if "\x00" in value:
        raise ConfigurationError(f"path {value!r} holds a NUL byte")
    return Path(value).expanduser()
