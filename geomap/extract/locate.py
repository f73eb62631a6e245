"""Which places of a sentence are where something happened, given what the sentence says of each.

A place is an incident's location when the sentence introduces it as one ("à X", "près de l'aéroport de
X", "contre la base X", "in/near/outside X"). Countries, containers ("dans la province de Y", "X in
western Y"), landmarks ("X, north of Baghdad"), the ends of a road, places of talk ("conférence de presse à
Bagdad"), seats ("une ONG basée à Londres"), the origin of fire and the background ("la guerre à Gaza") are
mentions, not incident locations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from geomap import lexicon
from geomap.extract.mentions import names_people
from geomap.geo import destination, haversine_km
from geomap.places.geography import contains
from geomap.records import PRECISIONS, Mention, Resolution, Sentence
from geomap.settings import Extraction, Performance


@dataclass(frozen=True, slots=True, kw_only=True)
class Located:
    """A mention with the place it resolved to."""

    mention: Mention
    place: Resolution


_LEXICON = lexicon.load()


def _alt(key: str) -> str:
    return _LEXICON.alt(f"locate.{key}")


# What introduces a place where something happened.
_LOCATIVE = re.compile(r"(?:^|\s|['’])" + _alt("locative") + r"\s*$", re.IGNORECASE)
_ELISIONS = [(re.compile(r"\b" + short + r"\s*$"), full) for short, full in _LEXICON.mapping("locate.elisions").items()]
# Settings that make a place a venue of talk, not a scene of violence.
_VENUE = re.compile(
    # "des pourparlers de paix avec les négociateurs du gouvernement afghan à Doha": farther when no comma.
    r"\b" + _alt("venues") + r"\b(?:[^.;:]{0,40}|[^.;:,]{0,80})$"
    # "a déclaré à Bagdad", "said in a statement from Washington", "told reporters in Florida"; only words of
    # when and how it was said may come between: "said on Monday in a statement in", not "said a bomb
    # exploded in", where the place is the bomb's.
    r"|\b" + _alt("said") + r"\s*(?:" + _alt("said_fillers") + r"\s+){0,4}?" + _alt("said_prepositions")
    + r"(?:\s+" + _LEXICON.alt("mentions.determiners") + "|\\s*" + _LEXICON.alt("mentions.elided_determiners")
    + r")?\s*$",
    re.IGNORECASE,
)
# Going or being somewhere for talks: "the minister was due in Paris for talks", "en visite à Bagdad".
# The names of a list before the place share its cue: "was in New York and Washington".
_LISTED_BEFORE = (
    r"(?:(?-i:[A-ZÀ-Ý][\w’'\-]+(?:\s+[A-ZÀ-Ý][\w’'\-]+)*)(?:\s*,\s*|\s+(?:"
    + _LEXICON.alt("mentions.list_joiners") + r")\s+))*"
)
_TRAVEL = re.compile(
    r"\b" + _alt("travel") + r"\s*" + _LEXICON.alt("mentions.determiners") + "?" + _LISTED_BEFORE + "$",
    re.IGNORECASE,
)
_MODIFIES = re.compile(r"^\s+" + _alt("modifies") + r"\b", re.IGNORECASE)
_VENUE_AFTER = re.compile(r"^[^.;:]{0,25}?\b" + _alt("venue_after") + r"\b", re.IGNORECASE)
# Where someone is, works or is based, not where something happened: "une ONG basée à Londres", "a U.S.
# official in Washington", "an analyst in Beirut".
_SEAT = re.compile(
    r"(?:\b" + _alt("seated") + r"\s+" + _alt("seat_prepositions")
    + r"|\b" + _alt("people") + r"\s+(?:" + _alt("people_adjectives") + r"\s+)?" + _alt("people_prepositions")
    + r")\s*$",
    re.IGNORECASE,
)
# Where the fire came from, not where it fell: "les roquettes ont été tirées depuis ... la région de X".
_ORIGIN = re.compile(
    r"\b" + _alt("fired") + r"\s+" + _alt("fired_from") + r"\b"
    r"(?:(?!\b" + _alt("landed") + r"\w*)[^.;:]){0,60}$",
    re.IGNORECASE,
)
# A launch site found there: "launch pads were found in X", "des rampes de lancement retrouvées à X".
_LAUNCH_SITE = re.compile(
    r"\b" + _LEXICON.alt("launch.sites") + r"\b(?:\s+[\w’'\-]+){0,6}?\s+" + _LEXICON.alt("launch.found")
    + r"\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
# A place named as the background of the event: "dans un contexte de tensions liées à la guerre à Gaza".
_BACKGROUND = re.compile(r"\b" + _alt("background") + r"\b(?:\s+[\w’'\-]+){0,12}\s*$", re.IGNORECASE)
# Where the wounded were taken: "transporté à l'hôpital de Marjayoun", "rushed to a hospital in Tyre".
_DESTINATION = re.compile(r"\b" + _alt("destination") + r"\b[^.;:,]{0,40}$", re.IGNORECASE)


def _prefix(mention: Mention) -> str:
    """The sentence before the mention and its qualifier."""
    return mention.sentence.text[: mention.qualified_span[0]]


# "sur un marché de Chaab", "in a suburb of Damascus", "plusieurs localités de la région d'Idleb": a spot
# of the place, or several.
# One adjective: "near the Yemeni port of", "au large du port yéménite de".
_WORD = r"[^\W\d][\w’'\-]*"
_SPOT_OF = re.compile(
    r"(?:(?:^|\s)" + _alt("spot_prepositions") + r"\s+" + _alt("spot_determiners") + "?"
    + r"|(?:^|\s)" + _alt("spot_counts") + r")\s*(?:" + _WORD + r"\s+)?" + _alt("spots") + r"(?:\s+" + _WORD + r")?\s+"
    + _alt("of") + r"\s*$",
    re.IGNORECASE,
)


def is_elsewhere(mention: Mention) -> bool:
    """Whether the sentence names the place as a venue of talks, a visit or a seat: where people are,
    not what the article is about."""
    start, end = mention.qualified_span
    return _named_elsewhere(mention.sentence.text, start, end)


# Asked of every place of an article when its countries are counted, and of the same sentences from article
# to article: what it reads is the sentence and the place's span.
@lru_cache(maxsize=Performance.sentence_memo)
def _named_elsewhere(text: str, start: int, end: int) -> bool:
    """:func:`is_elsewhere` of the place at ``text[start:end]`` (with its qualifier)."""
    before = text[:start][-100:]
    return bool(any(p.search(before) for p in (_VENUE, _TRAVEL, _SEAT)) or _VENUE_AFTER.match(text[end:]))


_FRAGMENT = re.compile(r"^\W*(?:" + _alt("fragment_openers") + r")\b", re.IGNORECASE)
_FRAGMENT_WORDS = _LEXICON.words("locate.fragment_words")


def is_place_fragment(
    sentence: Sentence, event: Sentence, located: Sequence[Located], *, max_chars: int
) -> bool:
    """Whether ``sentence`` is a list of places that says where the event of the sentence just before
    happened: it follows it directly, is short, opens with a locative, and holds nothing but its places
    and the words that join them ("À Sévaré dans la région de Mopti, à Bapho et à Niono.")."""
    text = sentence.text
    if not (
        located
        and sentence.in_related == event.in_related
        and sentence.index == event.index + 1
        and len(text) <= max_chars
        and _FRAGMENT.match(text)
    ):
        return False
    for loc in sorted(located, key=lambda loc: -loc.mention.start):
        start, end = loc.mention.qualified_span
        text = text[:start] + " " + text[end:]
    # Names the gazetteer does not know may stand in the list too: they are capitalised.
    return all(w.lower() in _FRAGMENT_WORDS or w[0].isupper() for w in re.findall(r"[^\W\d_]+", text))


def is_launch_site(mention: Mention) -> bool:
    """Whether the sentence gives the place as where the fire came from ("rockets fired from X", "launch
    pads found in X"): the incident's launched_from, not a place where something happened."""
    before = _prefix(mention)[-100:]
    return bool(_ORIGIN.search(before) or _LAUNCH_SITE.search(before))


def is_event_location(mention: Mention, place: Resolution) -> bool:
    """Whether the sentence introduces this place as where something happened."""
    if mention.is_container or place.precision == "country":
        return False
    start, end = mention.qualified_span
    site = mention.hint in ("base", "airport") or place.precision == "point"
    return _introduced_as_location(mention.sentence.text, start, end, mention.cue, site)


# Asked of each place several times per article (the country vote, the NER gate, the assembly), and of the
# same sentences from article to article: what it reads is the sentence, the place's span and cue.
@lru_cache(maxsize=Performance.sentence_memo)
def _introduced_as_location(text: str, start: int, end: int, cue: str, site: bool) -> bool:
    """:func:`is_event_location` of the place at ``text[start:end]`` (with its qualifier), introduced by
    ``cue``; ``site``: a base, an airport or a point."""
    before = text[:start][-100:]
    if any(p.search(before) for p in (_VENUE, _TRAVEL, _SEAT, _BACKGROUND, _DESTINATION, _ORIGIN, _LAUNCH_SITE)):
        return False
    if _VENUE_AFTER.match(text[end:]):
        return False  # "à Paris pour des pourparlers"
    if _MODIFIES.match(text[end:]):
        return False  # "attacks on Red Sea shipping": the name only qualifies the noun after it
    if site:
        return True  # a base, an airport or a site named in a violent sentence is the target
    if _SEAWARD.search(before):
        return True  # "à 30 km de Mossoul", "60 nautical miles off Hodeidah": measured from the place
    for short, full in _ELISIONS:
        cue = short.sub(full, cue)  # "les environs d'Ariha" is "les environs de"
    cue = " " + cue
    # The cue is the last words only: an adjective may push the preposition out of it.
    return bool(_LOCATIVE.search(cue) or _SPOT_OF.search(cue) or _SPOT_OF.search(before))


# -- the other places of the sentence -------------------------------------------------------------------
_ADJ = r"(?:[a-zà-ÿ][\w\-]*\s+){0,2}"
_COMPASS_OF = _alt("compass_of") + r"\s*" + _alt("compass_of_determiners") + "?"
# "X in western Y", "X, dans la province de Y", "X de Y", "X, Y": Y holds X when it is larger and contains it.
_HOLDER_GAP = re.compile(
    r"^\s*,?\s*" + _alt("holder_prepositions") + r"\s*" + _alt("holder_determiners") + "?" + _ADJ
    + r"(?:" + _alt("compass") + r"(?:-\w+)?\s+" + _COMPASS_OF + ")?$"
    r"|^\s*,\s*$",  # "east of Baqubah, Diyala": the province after a comma, as in an address
    re.IGNORECASE,
)
# "X, north of Y", "X, à l'ouest de Y", "X (110 km au nord de Y)", "X near Y": Y only tells where X is.
_REFERENCE_GAP = re.compile(
    r"^(?:\s+[a-z]+){0,2}\s*[,(]?\s*(?:(?:" + _alt("about") + r"\s+)*(?:\d+|" + "|".join(_LEXICON.entries("locate.counts"))
    + r")\s*" + _alt("units") + r"\s+)?(?:" + _alt("towards") + r"\s*)?" + _alt("compass_points")
    + "(?:-?" + _alt("compass_quarters") + r")?(?:ern)?\s+" + _COMPASS_OF + "$"
    r"|^\s*,?\s*" + _alt("near") + r"\s*" + _alt("compass_of_determiners") + "?" + _ADJ + "$",
    re.IGNORECASE,
)
# "l'autoroute reliant Bagdad à Hilla", "the highway between Baghdad and Basra": the road's ends.
_ROUTE_BEFORE = re.compile(
    r"\b" + _alt("roads") + r"\s+(?:[\w’'\-]+\s+){0,3}?" + _alt("road_between") + r"\s+" + _alt("road_town") + "?$"
    # "a convoy between Tikrit and Samarra", "entre Tikrit et Samarra".
    + r"|(?:^|\s)" + _alt("between") + r"\s+" + _alt("road_town") + "?$",
    re.IGNORECASE,
)
_ROUTE_GAP = re.compile(r"^\s*(?:" + "|".join(_LEXICON.entries("locate.road_to")) + r"|-|–)\s*$", re.IGNORECASE)


_POSSESSOR = re.compile(r"\s*\b[A-ZÀ-Ý][\w\-]*['’]s\b\s*")






# "Sévaré dans la région de Mopti": a region named after a place holds it, known or not.
_REGION_OF_NAME_BEFORE = re.compile(
    r"(?P<name>(?-i:[A-ZÀ-Ý][\w’'\-]+))(?:\s*,?\s*" + _alt("holder_prepositions") + r"\s*"
    + _alt("holder_determiners") + r"?(?:[a-zà-ÿ]+\s+)?" + _alt("regions") + r"\s+" + _alt("of")
    + r")\s*$",
    re.IGNORECASE,
)


def event_locations(
    located: Sequence[Located], *, route_max_km: float = Extraction().route_max_km
) -> list[Located]:
    """The places of one sentence where something happened, given what the others say of them.

    Each must be introduced as a location (:func:`is_event_location`), and be none of: a place holding
    the one before it ("Hit in western Anbar"), a landmark for the one before it ("Tarmiyah, north of
    Baghdad"), an end of a road ("the highway linking Baghdad to Hilla"). When a road or "between" two
    towns is all the sentence gives, the event is between them (:func:`between`).
    """
    ordered = sorted(located, key=lambda loc: loc.mention.start)
    dropped: set[int] = set()
    routes: list[tuple[Located, Located]] = []
    for k, loc in enumerate(ordered):
        m = loc.mention
        if k == 0:
            continue
        # The place before, passing over the countries and possessive holders between ("the Ain al-Asad
        # air base in Iraq's western Anbar province").
        back = k - 1
        while back > 0 and (ordered[back].mention.is_container or ordered[back].place.precision == "country"):
            back -= 1
        prev = ordered[back]
        gap = _POSSESSOR.sub(" ", m.sentence.text[prev.mention.qualified_span[1] : m.qualified_span[0]])
        # The place before holds this one ("the Baghdad district of Karrada", see settle_holders): this one
        # is no holder of it.
        held_by_prev = prev.mention.is_container and m.within == prev.mention.text
        holder = not held_by_prev and bool(_HOLDER_GAP.match(gap)) and (
            contains(loc.place, prev.place)
            or _region_named_after_town(
                # "dans la région de Ségou" before the name, "in the Kursk region" after it
                m.sentence.text[prev.mention.qualified_span[1] : m.start] + _region_after(m.sentence.text[m.end :]),
                loc.place,
                prev.place,
            )
        )
        landmark = (
            bool(_REFERENCE_GAP.match(gap)) and prev.place.precision != "country" and k - 1 not in dropped
        )
        if holder or landmark:
            dropped.add(k)
        elif _ROUTE_GAP.match(gap) and _ROUTE_BEFORE.search(m.sentence.text[: prev.mention.qualified_span[0]]):
            dropped.update((back, k))
            routes.append((prev, loc))
    found = [
        loc
        for k, loc in enumerate(ordered)
        if k not in dropped
        and is_event_location(loc.mention, loc.place)
        and not _holds_unknown_place(loc, ordered)
    ]
    # "plusieurs localités de la province d'Idleb, dont Ariha et Jisr al-Choughour": the towns say where in
    # the province.
    found = [
        loc
        for loc in found
        if loc.place.precision != "admin1"
        or not any(o.place.precision in ("locality", "point") and contains(loc.place, o.place) for o in found)
    ]
    if not found:
        # "un drone a visé un véhicule sur la route reliant Erbil à Kirkouk", "ambushed a convoy between
        # Tikrit and Samarra": somewhere between the two towns.
        found = [
            Located(mention=a.mention, place=mid)
            for a, b in routes
            if (mid := between(a.place, b.place, max_km=route_max_km)) is not None
        ]
    if not found:
        # "The regional governor of Kherson said a Russian strike hit a residential building": the
        # official's town or region, when the sentence names no other place than those holding it ("the
        # governor of Voronezh said a general was killed in Ukraine" names where it happened: Ukraine).
        found = [
            loc
            for loc in ordered
            if _names_officials_seat(loc) and all(o is loc or contains(o.place, loc.place) for o in ordered)
        ][:1]
    return found


_OFFICIAL_OF = re.compile(r"\b" + _alt("officials") + r"\s+" + _alt("officials_of") + r"$", re.IGNORECASE)
_OFFICIAL_AFTER = re.compile(r"^\s*(?:" + "|".join(_LEXICON.entries("locate.officials_after")) + ")", re.IGNORECASE)


def _names_officials_seat(loc: Located) -> bool:
    """Whether the place is named as an official's town or region ("the governor of X", "X Mayor Y")."""
    m = loc.mention
    if m.is_container or loc.place.precision == "country":
        return False
    after = m.sentence.text[m.qualified_span[1] :]
    return bool(_OFFICIAL_OF.search(_prefix(m)) or _OFFICIAL_OF.search(m.cue) or _OFFICIAL_AFTER.match(after))


_REGION_WORD = re.compile(r"\b" + _alt("regions") + r"\b", re.IGNORECASE)
_REGION_AFTER = re.compile(r"\s+" + _alt("regions") + r"\b", re.IGNORECASE)


def _region_after(text: str) -> str:
    """The region word right after a name ("the Kursk region"), or nothing."""
    m = _REGION_AFTER.match(text)
    return m.group() if m else ""


def _region_named_after_town(gap: str, region: Resolution, place: Resolution) -> bool:
    """ "Niono dans la région de Ségou", "Rylsk in the Kursk region": the gazetteer read the town of Ségou
    (Kursk), but the region named after it, which holds Niono (Rylsk), is meant."""
    return (
        _REGION_WORD.search(gap) is not None
        and region.country == place.country
        and bool(region.admin1)
        and region.admin1 == place.admin1
    )


def _holds_unknown_place(loc: Located, located: Sequence[Located]) -> bool:
    """ "à Sévaré dans la région de Mopti": a region after a name the gazetteer does not know (a known one
    is weighed by the holder rule above; "en Syrie, dans la région d'Abou Kamal" names a country)."""
    text = loc.mention.sentence.text
    m = _REGION_OF_NAME_BEFORE.search(text[: loc.mention.start])
    return (
        m is not None
        and not names_people(text, m.start("name"), m.end("name"))  # "attacked by Al-Shabaab in the region of"
        and not any(o.mention.start <= m.start() < o.mention.end for o in located)
    )


def _bearing_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """ "au nord de X", "north of X": one group per language, with the side each word names."""
    groups, sides = [], {}
    for code in _LEXICON.codes:
        table = _LEXICON.of(code).get("locate", {})
        if "bearings" not in table:
            continue
        sides.update({word.lower(): side for word, side in table["bearings"].items()})
        before = "|".join(table.get("bearing_before", []))
        not_after = "".join(f"(?<!{x})" for x in table.get("bearing_not_after", []))
        groups.append(
            r"(?:^|\s)" + (f"(?:{before})" if before else "") + not_after
            + f"(?P<{code}>" + "|".join(table["bearings"]) + ")"
            + "(?:" + "|".join(table.get("bearing_quarters", [])) + ")?"
            + r"\s+(?:" + "|".join(table["bearing_of"]) + ")"
        )
    return re.compile("(?:" + "|".join(groups) + r")\s*$", re.IGNORECASE), sides


# "au nord de Bagdad", "à l'ouest de", "north of Baghdad": outside the town, on that side of it. "Dans le
# nord de", "dans l'est de", "in the north of" are inside it.
_BEARING, _SIDES = _bearing_pattern()


def bearing_of(cue: str) -> str | None:
    """ "n", "s", "e" or "w" when a place is given only as a bearing ("au nord de", "south of")."""
    m = _BEARING.search(" " + cue)
    if m is None:
        return None
    word = next(m.group(code) for code in _LEXICON.codes if code in m.re.groupindex and m.group(code))
    return _SIDES[word.lower()]


def _offsets() -> tuple[re.Pattern[str], dict[str, float], dict[str, float]]:
    units = _LEXICON.mapping("offsets.units")
    bearings = _LEXICON.mapping("offsets.bearings")

    def keys(table: dict[str, float]) -> str:
        return "|".join(sorted(table, key=len, reverse=True))

    pattern = re.compile(
        r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>" + keys(units) + r")\s+(?:" + _LEXICON.alt("offsets.towards")
        + r")?(?P<dir>" + keys(bearings) + r")\s+" + _LEXICON.alt("offsets.of")
        + _LEXICON.alt("mentions.determiners") + "?"
        + r"(?:[\w\-]+['’]s\s+)?$",  # "60 nautical miles southeast of Yemen's Aden"
        re.IGNORECASE,
    )
    return pattern, units, bearings


_OFFSET, _UNITS, _BEARINGS = _offsets()
_COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


def offset_of(mention: Mention) -> tuple[float, float] | None:
    """(km, bearing in degrees) when the sentence gives the place as a distance and a direction from the
    named one: "à 40 milles nautiques au sud-est d'Aden", "30 km north of Kirkuk"."""
    m = _OFFSET.search(_prefix(mention))
    if m is None:
        return None
    side = next(k for k in sorted(_BEARINGS, key=len, reverse=True) if re.fullmatch(k, m.group("dir"), re.I))
    return _distance_km(m), _BEARINGS[side]


def _distance_km(m: re.Match[str]) -> float:
    """The distance a match's ``n`` and ``unit`` groups give, in km ("40 milles nautiques": 74.08)."""
    unit = next(k for k in sorted(_UNITS, key=len, reverse=True) if re.fullmatch(k, m.group("unit"), re.I))
    return float(m.group("n").replace(",", ".")) * _UNITS[unit]


# "60 nautical miles off the Red Sea port of", "à 60 milles marins du port de": a distance with no bearing;
# a few words (the place's kind, an adjective, a possessive, "the Red Sea port of") may come between it and the name.
_SEAWARD = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\s+(?:"
    + r"(?P<seaward>" + _LEXICON.alt("offsets.seaward") + r")|" + _LEXICON.alt("offsets.from") + r")"
    + _LEXICON.alt("mentions.determiners") + r"?(?:[\w’'\-]+\s+){0,4}$",
    re.IGNORECASE,
)
_NAUTICAL = re.compile(_LEXICON.alt("offsets.nautical"), re.IGNORECASE)


def seaward_of(mention: Mention) -> float | None:
    """The distance (km) when the sentence puts the place at sea off the named one, with no bearing: "60
    nautical miles off the port of Hodeidah" (any unit after "off", "au large de"; a nautical one after
    "from", "de"). Which way the sea lies is the country outlines' to say."""
    m = _SEAWARD.search(_prefix(mention))
    if m is None or not (m.group("seaward") or _NAUTICAL.fullmatch(m.group("unit"))):
        return None
    return _distance_km(m)


def between(a: Resolution, b: Resolution, *, max_km: float) -> Resolution | None:
    """The point halfway between two towns or sites no farther apart than ``max_km``: precision
    approximate, named after both (None for provinces, countries, or towns too far apart to say)."""
    placed = ("point", "locality")
    if a.precision not in placed or b.precision not in placed:
        return None
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km > max_km:
        return None
    return replace(
        a,
        canonical=f"between {a.canonical} and {b.canonical}",
        gazetteer_id=f"{a.gazetteer_id}~{b.gazetteer_id}",
        lat=round((a.lat + b.lat) / 2, 6),
        lon=round((a.lon + b.lon) / 2, 6),
        precision="approximate",
        extent_km=max(2.0, km / 2),
        bbox=None,
    )


def displaced(place: Resolution, km: float, bearing: float) -> Resolution:
    """The point ``km`` from ``place`` towards ``bearing``: precision approximate, named after both."""
    lat, lon = destination(place.lat, place.lon, km=km, bearing_deg=bearing)
    compass = _COMPASS[round(bearing / 45) % 8]
    return replace(
        place,
        canonical=f"{km:.0f} km {compass} of {place.canonical}",
        gazetteer_id=f"{place.gazetteer_id}@{km:.0f}km{compass}",
        lat=round(lat, 6),
        lon=round(lon, 6),
        precision="approximate",
        extent_km=max(2.0, km / 10),
        bbox=None,
    )


# "the Damascus suburb of Jaramana", "the Mezzeh district of Damascus", "the Red Sea port of Hodeidah": two
# places joined by a kind of place and "of" (one word may come first: "the Nineveh province town of").
_ATTRIBUTIVE_GAP = re.compile(
    r"^\s+(?:[\w’'\-]+\s+)?" + _alt("attributive_heads") + r"\s+" + _alt("of") + r"\s+(?:"
    + _alt("holder_determiners") + r")?$",
    re.IGNORECASE,
)
_COARSENESS = {precision: rank for rank, precision in enumerate(PRECISIONS)}


def settle_holders(located: Sequence[Located], *, population: Callable[[Resolution], int]) -> list[Located]:
    """Of two places joined by "<district, suburb, town, port...> of", which holds the other.

    The words alone do not say ("the Mezzeh district of Damascus" and "the Damascus suburb of Jaramana"):
    the coarser place, or at one precision the more populous, holds the other, which is where things
    happened and takes the words that introduced the pair.
    """
    out = sorted(located, key=lambda loc: loc.mention.start)
    for k in range(1, len(out)):
        first, second = out[k - 1], out[k]
        text = second.mention.sentence.text
        if first.mention.sentence != second.mention.sentence or not _ATTRIBUTIVE_GAP.match(
            text[first.mention.end : second.mention.start]
        ):
            continue
        first_holds = (_COARSENESS[first.place.precision], population(first.place)) > (
            _COARSENESS[second.place.precision],
            population(second.place),
        )
        holder, held = (first, second) if first_holds else (second, first)
        out[k - 1 if first_holds else k] = replace(
            holder, mention=replace(holder.mention, is_container=True, within=None)
        )
        out[k if first_holds else k - 1] = replace(
            held,
            mention=replace(held.mention, is_container=False, within=holder.mention.text, cue=first.mention.cue),
        )
    return out
