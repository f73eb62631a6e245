"""Which places of a sentence are where something happened, given what the sentence says of each.

A place is an incident's location when the sentence introduces it as one ("à X", "près de l'aéroport de
X", "contre la base X", "in/near/outside X"). Countries, containers ("dans la province de Y", "X in
western Y"), landmarks ("X, north of Baghdad"), the ends of a road, places of talk ("conférence de presse à
Bagdad"), seats ("une ONG basée à Londres"), the origin of fire and the background ("la guerre à Gaza") are
mentions, not incident locations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geomap import lexicon
from geomap.extract.events import triggers
from geomap.extract.gaps import HOLDER_GAP, REFERENCE_GAP, ROUTE_BEFORE, ROUTE_GAP
from geomap.extract.mentions import ROAD_AFTER, ROAD_BEFORE, names_people
from geomap.extract.offsets import between, described_by_measure, is_measured_from
from geomap.extract.qualifiers import DISTRICT, LIST_JOINER, LIST_NAME, LISTED_NAME, strip_fillers
from geomap.extract.tail import TailPattern
from geomap.extract.unknown import holds_unknown_place, landmark_of_unknown_place
from geomap.geo import haversine_km
from geomap.places.geography import contains, lies_far_outside
from geomap.places.names import name_key, named_after
from geomap.records import Mention, Resolution, Sentence
from geomap.settings import Extraction, Performance, Scoring


@dataclass(frozen=True, slots=True, kw_only=True)
class Located:
    """A mention with the place it resolved to."""

    mention: Mention
    place: Resolution


_LEXICON = lexicon.load()


def _alt(key: str) -> str:
    return _LEXICON.alt(f"locate.{key}")


# "des groupes affiliés à Téhéran", "militias loyal to Damascus": whose the group is.
_ALLEGIANCE = re.compile(r"\b" + _alt("allegiance") + r"\s+(?:(?:the|l['’]|la|le)\s*)?$", re.IGNORECASE)
# "tensions between Washington and Tehran", "les relations entre Bagdad et Erbil": the ends of a relation.
_RELATION = re.compile(
    r"\b" + _alt("relations") + r"\s+" + _alt("between") + r"\s+[^.;:]{0,60}$", re.IGNORECASE
)
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
# Fire towards a place, or towards the places of a list: "a tiré en direction de X et Y".
# (searched, as the patterns below, in the 100 characters before every place: from where a match can start)
_FIRED_TOWARDS = TailPattern(
    re.compile(r"(?:" + _alt("fired_towards") + r")" + _LISTED_BEFORE + r"$", re.IGNORECASE)
)
_VENUE_AFTER = re.compile(r"^[^.;:]{0,25}?\b" + _alt("venue_after") + r"\b", re.IGNORECASE)
# A place with its kind opening the sentence, before a colon, labels what the sentence tells: "Bilopillia
# community: the enemy fired mortars", "Communauté de Putyvl : frappes aériennes" (a dateline has no kind).
_LABEL_KIND = re.compile(
    r"^\s*" + _alt("label_kinds") + r"\b|\b" + _alt("label_kinds") + r"\s*$", re.IGNORECASE
)
_LABEL_COLON = re.compile(r"\s*:")
_LABEL_OPENING = " \"“«-–—•*"  # (what may open the line: a quotation mark, a bullet)
# "Mogadiscio a été secouée par", "Kabul was rocked by": the place is the subject of a passive of striking,
# perhaps after an apposition ("Kharkiv, the second city, was hit"), or a part of it ("Beirut's southern
# suburbs were pounded"), or a list's kind after its last name ("the Nikopol and Pokrov communities were
# hit").
_STRUCK_PASSIVE = re.compile(
    r"^(?:\s+" + _LEXICON.alt("qualifiers.plural") + r"\b)?(?:['’]s\s+(?:[a-z\-]+\s+){0,2}" + _alt("spots")
    + r")?(?:\s*,[^,.;:]{0,60},|\s*,)?\s+" + _alt("struck_passive"),
    re.IGNORECASE,
)
# "attacked the army unit between Teguey and Bankilare": an end of "between" the gazetteer lacks leaves the
# other as the nearest place known (both known: the point halfway, see event_locations).
_BETWEEN_UNKNOWN = re.compile(
    r"(?:^|\s)" + _alt("between") + r"\s+(?P<name>" + LISTED_NAME + r")$", re.IGNORECASE
)
# "sur l'autoroute Borj Rahhal-Abbassiyé", "the Foo-Kirkuk road": a road named by its ends, one of which the
# gazetteer lacks, leaves the other as the nearest place known (both known: between them, see event_locations).
# (a road of three towns or more is too long to say where: "la route Kwala-Mourdiah-Nara")
_ROAD_END = r"(?-i:(?:[a-z]{1,3}-)?[A-ZÀ-Ý][\w’']*)(?:\s+(?-i:(?:[a-z]{1,3}-)?[A-ZÀ-Ý][\w’']*)){0,3}"
_ROAD_UNKNOWN_END = re.compile(r"\b" + _alt("roads") + r"\s+" + _ROAD_END + r"\s*[-–]$", re.IGNORECASE)
_HYPHENED_BEFORE = re.compile(r"(?<![\w’'\-])" + _ROAD_END + r"\s*[-–]$")
# ...or the other end after it: "sur l'axe Mangodara-Noumoutiédougou", "the Kirkuk-Foo road".
_HYPHENED_AFTER = re.compile(r"\s*[-–]\s*" + _ROAD_END + r"(?![\w’']*\s*[-–])")
# The names of a list after this one ("Antonivka, Sadove, and Kherson came under fire").
_REST_OF_LIST = re.compile(LIST_JOINER + r"(?:" + LISTED_NAME + r")*" + LIST_NAME, re.IGNORECASE)
# "ce camp de la région de X a été la cible": the subject is a thing already told, X only where it lies.
_TOLD_SUBJECT = re.compile(r"(?:^|\s)" + _alt("told_subject") + r"\s+[\w’'\-]+(?:\s+[\w’'\-]+){0,4}\s*$", re.IGNORECASE)
# Where someone is, works or is based, not where something happened: "une ONG basée à Londres", "a U.S.
# official in Washington", "an analyst in Beirut".
_SEAT = re.compile(
    r"(?:\b" + _alt("seated") + r"\s+" + _alt("seat_prepositions")
    + r"|\b" + _alt("people") + r"\s+(?:" + _alt("people_adjectives") + r"\s+)?(?:" + _alt("people_complements") + r"\s+)?"
    + _alt("people_prepositions")
    + r")\s*$",
    re.IGNORECASE,
)
# "un étudiant à l'Université libanaise de Nabatiyé": where someone studies or works, an affiliation.
_AFFILIATION = re.compile(
    r"\b" + _alt("members") + r"\s+(?:[\w’'\-]+\s+){0,2}?" + _alt("seat_prepositions")
    + r"\s+(?:[\w’'\-]+\s+){0,2}?(?:l['’]\s*)?" + _alt("institutions") + r"\b(?:\s+[\w’'\-]+){0,3}\s*$",
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
# "...in response to aggression by the enemy against villages in the south, including Naqura": the cause.
_IN_RESPONSE = re.compile(r"\b(?P<phrase>" + _alt("in_response") + r")\b[^.;:]{0,160}$", re.IGNORECASE)
# "...pour mener des attaques contre Kampala": what attacks would aim at, named right after the aim.
_AIM = re.compile(r"\b" + _alt("aims") + r"\s*$", re.IGNORECASE)
# Where the wounded were taken: "transporté à l'hôpital de Marjayoun", "rushed to a hospital in Tyre".
_DESTINATION = re.compile(r"\b" + _alt("destination") + r"\b[^.;:,]{0,48}$", re.IGNORECASE)


def _prefix(mention: Mention) -> str:
    """The sentence before the mention and its qualifier."""
    return mention.sentence.text[: mention.qualified_span[0]]


# "sur un marché de Chaab", "in a suburb of Damascus", "plusieurs localités de la région d'Idleb": a spot
# of the place, or several ("ont attaqué mercredi le poste militaire de Ménaka": a day may come first).
# One adjective: "near the Yemeni port of", "au large du port yéménite de".
_WORD = r"[^\W\d][\w’'\-]*"
# The preposition before a spot, a day maybe between them, and its determiner: "attacked on Monday the".
_AT_SPOT = (
    r"(?:^|\s)" + _alt("spot_prepositions") + r"(?:\s+|(?<=['’]))(?:" + _alt("spot_time") + r"\s+)?"
    + _alt("spot_determiners") + "?"
)
_SPOT_OF = re.compile(
    r"(?:" + _AT_SPOT + r"|(?:^|\s)" + _alt("spot_counts") + r")\s*(?:" + _WORD + r"\s+)?" + _alt("spots")
    # ...with what it is after it: "un poste de police de Tirin Kot", "trois barrages de la police du".
    + r"(?:\s+" + _WORD + r"|\s+" + _alt("of") + r"\s*(?:" + _alt("spot_determiners") + r"\s*)?"
    + _WORD + r")?\s+"
    # ...and the kind of the place after it: "dans un quartier commercial de la ville de Bassorah".
    + _alt("of") + r"\s*" + _alt("spot_determiners") + r"?\s*$",
    re.IGNORECASE,
)
# ...or named right after its kind: "dans la rue commerciale Al-Karrada", "au marché Al-Shorja".
_SPOT_NAMED = re.compile(
    _AT_SPOT + r"\s*(?:" + _WORD + r"\s+)?" + _alt("spots") + r"(?:\s+" + _WORD + r")?\s*$", re.IGNORECASE
)
# What comes before a place that says it is not where something happened: each is searched in the 100
# characters before every place of every article, from where a match can start (geomap.extract.tail).
_VENUE_AT_END, _TRAVEL_AT_END, _SEAT_AT_END = (TailPattern(p) for p in (_VENUE, _TRAVEL, _SEAT))
# A funeral as a venue, unless the attack was told before it (see _named_elsewhere).
_GATHERING_AT_END = TailPattern(
    re.compile(r"\b" + _alt("gatherings") + r"\b(?:[^.;:]{0,40}|[^.;:,]{0,80})$", re.IGNORECASE)
)
_ORIGIN_AT_END, _LAUNCH_SITE_AT_END = TailPattern(_ORIGIN), TailPattern(_LAUNCH_SITE)
NOT_WHERE_IT_HAPPENED = (
    _VENUE_AT_END, _TRAVEL_AT_END, _SEAT_AT_END, *(TailPattern(p) for p in (_AFFILIATION, _BACKGROUND, _DESTINATION)),
    _ORIGIN_AT_END, _LAUNCH_SITE_AT_END, *(TailPattern(p) for p in (_RELATION, _ALLEGIANCE, _AIM)),
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
    if any(p.search(before) for p in (_VENUE_AT_END, _TRAVEL_AT_END, _SEAT_AT_END)) or _VENUE_AFTER.match(text[end:]):
        return True
    return _gathering_before(text, start, before)


def _gathering_before(text: str, start: int, before: str) -> bool:
    """Whether a gathering that names no attack comes right before the place at ``start`` (``before``: the text
    before it): "thousands attended the funeral in Beirut of the commander killed...", not "a bomber blew
    himself up at a funeral in Peshawar" (the attack told before the gathering happened there)."""
    gathering = _GATHERING_AT_END.search(before)
    return gathering is not None and not any(t.start < start - len(before) + gathering.start() for t in triggers(text))


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
    return bool(_ORIGIN_AT_END.search(before) or _LAUNCH_SITE_AT_END.search(before))


def _district_of_its_town(district: Located, inner: Resolution, reach_km: float) -> bool:
    """Whether a district the gazetteer knows as its town holds ``inner``, within ``reach_km`` of that town:
    "la localité de Mansouri, dans le district de Tyr" (Tyre lies 11 km off, a town holds only 10 km)."""
    town = district.place
    if not (district.mention.qualified_as(DISTRICT) and town.precision == "locality"):
        return False
    town_or_site = inner.precision in ("locality", "point")
    return town_or_site and haversine_km(town.lat, town.lon, inner.lat, inner.lon) <= reach_km


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
    if any(p.search(before) for p in NOT_WHERE_IT_HAPPENED) or _gathering_before(text, start, before):
        return False
    if (cause := _IN_RESPONSE.search(before)) is not None and not triggers(before[cause.end("phrase") :]):
        # "in response to aggression against villages ... including Naqura" names no event of its own
        # ("in retaliation for a rocket attack on Erbil airport" does: that attack, told as the cause).
        return False
    if _VENUE_AFTER.match(text[end:]):
        return False  # "à Paris pour des pourparlers"
    if _MODIFIES.match(text[end:]):
        return False  # "attacks on Red Sea shipping": the name only qualifies the noun after it
    if site or _FIRED_TOWARDS.search(before):
        return True  # a base, an airport or a site named in a violent sentence is the target; or fired at
    rest = _REST_OF_LIST.match(text, end)  # "Antonivka, Sadove, and Kherson came under fire": all of them
    if _STRUCK_PASSIVE.match(text[rest.end() if rest else end :]) and not _TOLD_SUBJECT.search(before):
        return True  # "Kabul was rocked by an explosion"
    if is_measured_from(before):
        return True  # "à 30 km de Mossoul", "60 nautical miles off Hodeidah": measured from the place
    labelled = _LABEL_KIND.search(text[start:end]) and _LABEL_COLON.match(text, end)
    if labelled and not before.strip(_LABEL_OPENING):
        return True  # "Putivl community: air strikes were carried out": the label of what follows
    if (half := _BETWEEN_UNKNOWN.search(before)) is not None and not names_people(
        before, half.start("name"), half.end("name")
    ):
        return True  # "between Teguey and Bankilare": near Bankilare ("between Hamas and Israel" is no place)
    if _ROAD_UNKNOWN_END.search(before) or (ROAD_AFTER.match(text[end:]) and _HYPHENED_BEFORE.search(before)):
        return True  # "sur l'autoroute Borj Rahhal-Abbassiyé": near Abbassiyé, the end the gazetteer knows
    if (other_end := _HYPHENED_AFTER.match(text, end)) is not None and (
        ROAD_BEFORE.search(before) or ROAD_AFTER.match(text[other_end.end() :])
    ):
        return True
    cue = _unelided(cue)
    # The cue is the last words only: an adjective may push the preposition out of it.
    return bool(
        _LOCATIVE.search(cue) or _SPOT_OF.search(cue) or _SPOT_OF.search(before) or _SPOT_NAMED.search(cue)
    )


def is_named_as_where(mention: Mention) -> bool:
    """Whether a preposition of place introduces the name ("in Ukraine", "en Syrie"), as it does not the
    subject of a sentence ("Russia launched missiles")."""
    cue = _unelided(mention.cue)
    return bool(_LOCATIVE.search(cue) or _IN_PART_OF.search(cue))


# "dans le centre du Mali", "in the north of Mali": a part of the country, which is where.
_IN_PART_OF = re.compile(
    r"(?:^|\s)" + _alt("locative") + r"\s+\S+\s+" + _alt("compass") + r"(?:-\w+)?\s+"
    + _alt("compass_of") + r"\s*$",
    re.IGNORECASE,
)


def _unelided(cue: str) -> str:
    """The cue with its elided last word written out ("les environs d'Ariha" is "les environs de"), after a
    space, as the locative patterns read it."""
    for short, full in _ELISIONS:
        cue = short.sub(full, cue)
    return " " + cue


_POSSESSOR = re.compile(r"\s*\b[A-ZÀ-Ý][\w\-]*['’]s\b\s*")


def event_locations(
    located: Sequence[Located], *, route_max_km: float = Extraction().route_max_km,
    district_reach_km: float = Extraction().district_reach_km, officials_seat: bool = True,
) -> list[Located]:
    """The places of one sentence where something happened, given what the others say of them.

    Each must be introduced as a location (:func:`is_event_location`), and be none of: a place holding
    the one before it ("Hit in western Anbar"), a landmark for the one before it ("Tarmiyah, north of
    Baghdad"), an end of a road ("the highway linking Baghdad to Hilla"). When a road or "between" two
    towns is all the sentence gives, the event is between them (:func:`between`). With
    ``officials_seat``, an official's town stands for the place when none is named (not in a sentence that
    retells the event just told: "Cette frappe a fait cinq morts, a déclaré le chef de l'administration
    militaire de Donetsk").
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
        # The place before holds this one ("the Baghdad district of Karrada", see holders.settle_holders):
        # this one is no holder of it.
        held_by_prev = prev.mention.is_container and m.within == prev.mention.text
        # "Kurakhove, Hostre and Pokrovsk were shelled": a town the list goes on after is one more place, not
        # the town that holds the one before it ("Karrada, Baghdad"), however near.
        listed_on = k + 1 < len(ordered) and bool(
            _LIST_GAP.match(m.sentence.text[m.qualified_span[1] : ordered[k + 1].mention.qualified_span[0]])
        )
        holder = not held_by_prev and bool(HOLDER_GAP.match(gap)) and (
            (contains(loc.place, prev.place) and not (listed_on and loc.place.precision == "locality"))
            or _province_by_its_town(loc.place, prev.place)
            or _district_of_its_town(loc, prev.place, district_reach_km)
            or _region_named_after_town(
                # "dans la région de Ségou" before the name, "in the Kursk region" after it
                m.sentence.text[prev.mention.qualified_span[1] : m.start] + _region_after(m.sentence.text[m.end :]),
                loc.place,
                prev.place,
            )
        )
        # (perhaps over what the town is: "Dioura, à l'est de la capitale régionale Mopti")
        referred = bool(REFERENCE_GAP.match(gap) or REFERENCE_GAP.match(strip_fillers(gap)))
        # "dans la région du Moyen Shabelle, à 25 km au nord de Mogadiscio": the point measured from the
        # town is where, in the region the sentence puts it in (the region's extent in the gazetteer may
        # miss it).
        measured = (prev.place.precision, loc.place.precision) == ("admin1", "approximate")
        measured_in_region = referred and measured
        landmark = referred and prev.place.precision != "country" and back not in dropped
        if measured_in_region:
            dropped.add(back)
        elif holder or landmark:
            dropped.add(k)
            if landmark and _far_from_its_landmark(prev, loc, gap):
                dropped.add(back)  # "le camp de Dioura, à l'est de Mopti": no Diré 250 km away
        elif not held_by_prev and HOLDER_GAP.match(gap) and lies_far_outside(loc.place, prev.place):
            # "Khogyani, Ghani Khil and Behsud districts in Nangarhar": the gazetteer's Khogyani and Behsud lie
            # in other provinces, homonyms of districts it lacks; the province holds those, not an event.
            dropped.update((back, k))
            while back > 0 and _LIST_GAP.match(
                m.sentence.text[ordered[back - 1].mention.qualified_span[1] : ordered[back].mention.qualified_span[0]]
            ):
                back -= 1
                if lies_far_outside(loc.place, ordered[back].place):
                    dropped.add(back)
        elif ROUTE_GAP.match(gap) and (
            ROUTE_BEFORE.search(m.sentence.text[: prev.mention.qualified_span[0]])
            # "the Kirkuk-Daquq road", "la route Bankilaré-Téra": the road named by its two ends.
            or (gap.strip() in ("-", "–") and (
                ROAD_BEFORE.search(m.sentence.text[: prev.mention.qualified_span[0]])
                or ROAD_AFTER.match(m.sentence.text[m.qualified_span[1] :])
            ))
        ):
            dropped.update((back, k))
            routes.append((prev, loc))
    # "le poste de Gourma-Rharous, à environ 140 km à l'est de Tombouctou": the town is the place.
    described = described_by_measure(ordered)
    dropped |= set(described.values())
    found = [
        loc
        for k, loc in enumerate(ordered)
        if k not in dropped
        and (k in described or is_event_location(loc.mention, loc.place))
        and not holds_unknown_place(loc, ordered)
        and not landmark_of_unknown_place(loc, ordered)
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
    if not found and officials_seat:
        # "The regional governor of Kherson said a Russian strike hit a residential building": the
        # official's town or region, when the sentence names no other place than those holding it ("the
        # governor of Voronezh said a general was killed in Ukraine" names where it happened: Ukraine).
        found = [
            loc
            for loc in ordered
            if _names_officials_seat(loc)
            and all(o is loc or contains(o.place, loc.place) or not _names_where(o) for o in ordered)
        ][:1]
    return found


def _names_where(loc: Located) -> bool:
    """Whether the sentence gives the place as where something happened ("killed in Ukraine"), not as a
    border or a part of a country ("sur la frontière avec la Somalie", "dans l'extrême nord-est du
    Kenya")."""
    return is_event_location(loc.mention, loc.place) or is_named_as_where(loc.mention)


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


#: A place said to lie off a town lies this close to it (km) when no distance is given, else within the
#: distance told times the factor, plus the margin (a town's size, a road's bends).
_LANDMARK_KM = 100.0
_LANDMARK_FACTOR, _LANDMARK_MARGIN_KM = 1.5, 15.0
_DISTANCE = re.compile(r"\d+")


def _far_from_its_landmark(place: Located, landmark: Located, gap: str) -> bool:
    """Whether a name only the NER or a pattern found, said to lie off a town ("Dioura, à l'est de la capitale
    régionale Mopti", "Banibangou, à 30 km de Ouallam"), resolved to a place farther from it than told: a
    homonym, or a spelling the loose lookup took for another place."""
    told = [float(n) for n in _DISTANCE.findall(gap)]
    reach = max(told) * _LANDMARK_FACTOR + _LANDMARK_MARGIN_KM if told else _LANDMARK_KM
    return place.mention.detector != "gazetteer" and (
        haversine_km(place.place.lat, place.place.lon, landmark.place.lat, landmark.place.lon) > reach
    )


#: Beyond this distance (km) a place is not in a town but elsewhere in its province.
_TOWN_KM = 15.0
# Between two names of a list, perhaps over names the gazetteer lacks: "Khogyani, Ghani Khil and Behsud".
_LIST_GAP = re.compile(r"^\s*" + LIST_JOINER + r"(?:" + LISTED_NAME + r")*$", re.IGNORECASE)


def _province_by_its_town(town: Resolution, place: Resolution) -> bool:
    """ "une base dans la région d'Al-Malikiyah à Al-Hasakah": a province named by the town it is named
    after holds a place of the province that lies outside the town."""
    return (
        town.precision == "locality"
        and place.precision in ("locality", "point")
        and bool(town.admin1)
        and place.country == town.country
        and place.admin1 == town.admin1
        # "Al-Hasakah" of Al-Hasakah governorate, "Donetsk" of Donetska oblast ("Ocheretyne, Donetsk")
        and named_after(name_key(town.canonical), name_key(town.admin1), min_prefix=Scoring().region_name_prefix)
        and haversine_km(town.lat, town.lon, place.lat, place.lon) > _TOWN_KM
    )


def _region_named_after_town(gap: str, region: Resolution, place: Resolution) -> bool:
    """ "Niono dans la région de Ségou", "Rylsk in the Kursk region": the gazetteer read the town of Ségou
    (Kursk), but the region named after it, which holds Niono (Rylsk), is meant."""
    return (
        _REGION_WORD.search(gap) is not None
        and region.country == place.country
        and bool(region.admin1)
        and region.admin1 == place.admin1
    )
