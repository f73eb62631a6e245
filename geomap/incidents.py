"""Decide which sentences report incidents, where each happened, what it was, when, and who claimed it.

A sentence reports an incident when it holds attack vocabulary (French or English), speaks of what
happened (not a threat, a fear, a habit or attacks condemned in general) and names a place that it
introduces as a location ("à X", "près de l'aéroport de X", "contre la base X", "in/near/outside X").
Countries, containers ("dans la province de Y", "X in western Y"), landmarks ("X, north of Baghdad"), the
ends of a road, places of talk ("conférence de presse à Bagdad"), seats ("une ONG basée à Londres"), the
origin of fire and the background ("la guerre à Gaza") are mentions, not incident locations.

Each place takes the weapon named nearest it and the date written nearest it, else the date of the story
told in the sentences just before. Reports of one event are merged: in one article and across articles
(:func:`merge_incidents`), and an article's vague reports (a headline's province, "au nord de Bagdad") are
folded into the event they retell (:func:`fold_vague_reports`).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from geomap import settings
from geomap.dates import FoundDate, find_date, find_dates, years_mentioned
from geomap.geo import EARTH_RADIUS_KM, haversine_km
from geomap.normalize import name_key
from geomap.records import Article, EventType, Incident, Mention, Resolution, ResolvedMention, Source

# -- event vocabulary ---------------------------------------------------------------------------------
# Tiered: a weapon the sentence names (tier 0) says more than a generic strike verb (tier 1), which says
# more than a weapon that can be fired from the air or the ground or an explosion of unknown cause (tier 2),
# which says more than a word of violence (tier 3). Within the best tier present, the trigger nearest the
# place names its event: "air strikes in Syria in retaliation for a rocket attack on Erbil airport" is a
# rocket attack at Erbil.
_TRIGGER_PATTERNS: tuple[tuple[int, EventType, str], ...] = (
    (
        0,
        "air_drone_strike",
        r"\bdrones?\b|\bUAVs?\b|\bair\s*strikes?\b|\bairstrikes?\b|\bair\s+raids?\b|\bwarplanes?\b"
        r"|\b(?:fighter\s+)?jets?\b|\braids?\s+a[ée]riens?|\bfrappes?\s+a[ée]riennes?|\bbombardements?\s+a[ée]riens?"
        r"|\bavions?\s+(?:de\s+(?:combat|chasse)|militaires?)|\bhélicoptères?\s+de\s+combat|\baviation\b"
        r"|\bhelicopter\s+gunships?",
    ),
    (
        0,
        "shelling",
        r"\broquettes?\b|\brockets?\b|\bobus\b|\bmortiers?\b|\bmortars?\b|\bartillerie\b|\bartillery\b"
        r"|\bkatyushas?\b|\bkatioucha|\bshell(?:s|ing|ed)\b|\bbombardements?\b(?!\s+a[ée]rien)|\bbombarded\b"
        r"|\bprojectiles?\b|\btirs?\s+indirects?|\bindirect\s+fire",
    ),
    (
        0,
        "ied",
        r"\bengins?\s+explosifs?|\bIEDs?\b|\broadside\b|\bexplosive\s+devices?|\bvoitures?\s+pi[ée]g[ée]es?"
        r"|\bcar\s+bombs?|\bbooby[- ]trap|\bmines?\s+(?:terrestres?|antichars?)|\blandmines?\b"
        r"|\battentats?[- ]suicides?|\bkamikazes?\b|\bsuicide\s+(?:bomb|attack|blast)|\bbombes?\b|\bbomb(?:s|ing|ings)?\b"
        r"|\bceintures?\s+d['’]explosifs|\bceintures?\s+explosives?|\bexplosive\s+belt|\bsticky\s+bomb"
        r"|\b(?:camions?|véhicules?|motos?|engins?)\s+pi[ée]g[ée]s?|\b(?:truck|vehicle|motorcycle)\s+bombs?"
        r"|\bVBIEDs?\b|\bbooby[- ]trapped\s+(?:car|vehicle|truck|motorcycle)|\bsuicide\s+bombers?",
    ),
    (
        0,
        "armed_clash",
        r"\baffrontements?\b|\bcombats?\b(?!tants?)|\baccrochages?\b|\béchanges?\s+de\s+tirs|\bclash(?:es|ed)?\b"
        r"|\bfirefights?\b|\bgun\s*battles?\b|\bgunfights?\b|\bfighting\b|\bexchanges?\s+of\s+fire|\bheurts\b",
    ),
    (
        1,
        "air_drone_strike",
        r"\bfrappes?\b(?!\s+(?:de\s+)?(?:roquettes?|missiles?|d['’]artillerie))|\bfrapp(?:é|ée|és|ées|er|ant|ait|aient)\b"
        r"|(?<!hunger\s)(?<!general\s)(?<!labour\s)(?<!labor\s)(?<!workers\s)\bstrikes?\b|\bstruck\b",
    ),
    (2, "shelling", r"\bmissiles?\b"),
    (
        2,
        "ied",
        r"\bexplos(?:ion|ions|é|ée|és|ées|er|e|ive|ives|ifs?)\b|\bexploded\b|\bblasts?\b|\bdétonations?",
    ),
    (
        3,
        "attack",
        r"\battaqu(?:e|es|é|ée|és|ées|er|ait|aient)\b|\bpris(?:e|es)?\s+pour\s+cibles?|\bprise\s+pour\s+cible"
        r"|\bcibl(?:e|é|ée|és|ées|ant|aient|ait)\b|\bvis(?:é|ée|és|ées)\b|\bassauts?\b|\bembuscades?\b"
        r"|\bassassinats?\b|\bassassin(?:é|ée|és|ées)\b"
        r"|\bincendi(?:é|ée|és|ées)\b|\battentats?\b|\battack(?:s|ed|ing)?\b|\btargeted\b|\btargeting\b"
        r"|\bambush(?:ed|es)?\b|\bassault(?:s|ed)?\b"
        r"|\bassassinat(?:ed|ion)\b|\braids?\b|\bstorm(?:ed)\b|\bgunmen\b|\bhommes\s+armés"
        r"|\bcame\s+under\s+fire|\bopened\s+fire|\bouvert\s+le\s+feu|\bsous\s+le\s+feu",
    ),
    # Casualties say that violence happened, not how: they name the event only when nothing else does.
    (
        4,
        "attack",
        r"\btu(?:é|ée|és|ées)\b|\bbless(?:é|ée|és|ées)\b|\bkill(?:ed|ing)\b|\bwounded\b|\binjured\b",
    ),
)
_TRIGGERS = tuple((tier, kind, re.compile(p, re.IGNORECASE)) for tier, kind, p in _TRIGGER_PATTERNS)
# Words that make a sentence speak of what did not (or not yet) happen there.
_NOT_EVENT = re.compile(
    r"\b(?:menac(?:e|es|é|ent|ait)\s+de|pourrai(?:t|ent)|threat(?:en|ens|ened)\s+to|could|would|vow(?:s|ed)?\s+to"
    r"|pr[ée]vien[ts]|warn(?:s|ed)?\s+of|si\s+jamais|en\s+cas\s+d|fear(?:s|ed)?|craint(?:e|es|s)?|redout\w*"
    r"|risk\s+of|risque\s+d)\b",
    re.IGNORECASE,
)
# A habit, not an event: "Ankara mène régulièrement des frappes dans la région de Makhmour" (when undated).
_HABITUAL = re.compile(
    r"\b(?:r[ée]guli[èe]rement|regularly|fr[ée]quemment|frequently|souvent|often|routinely|habituellement"
    r"|usually|repeatedly|à\s+maintes\s+reprises|quasi-quotidiennement|almost\s+daily)\b",
    re.IGNORECASE,
)
# Condemning attacks in general ("a condamné les attaques contre les missions diplomatiques à Bagdad").
_GENERIC_CONDEMNATION = re.compile(
    r"\b(?:condamn|condemn|dénon[cç]|denounc|d[ée]plor)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:les\s+|des\s+|all\s+|the\s+|toutes\s+les\s+)?(?:attaques|attacks|frappes|strikes|attentats|violences)\b",
    re.IGNORECASE,
)
# What introduces a place where something happened.
_LOCATIVE = re.compile(
    r"(?:^|\s|['’])(?:à|a|au|aux|dans|en|près\s+de|près\s+d['’]|pres\s+de|non\s+loin\s+de|aux\s+abords\s+de|contre"
    r"|sur|vers|depuis|cœur\s+de|coeur\s+de|centre\s+de|nord\s+de|sud\s+de|est\s+de|ouest\s+de|périphérie\s+de"
    r"|environs\s+de|région\s+de|secteur\s+de|l['’]?entrée\s+de|entrée\s+de|proximité\s+de|contrôle\s+de"
    r"|at|in|near|outside|on|against|into|around|across|throughout|inside|north\s+of|south\s+of|east\s+of"
    r"|west\s+of|(?:north|south)-?(?:east|west)\s+of|targeting|hit|hitting|struck|visant|ciblant|frappant"
    r"|province\s+of|outskirts\s+of|heart\s+of|centre\s+of|center\s+of|entrance\s+(?:of|to)|edge\s+of"
    r"|gates\s+of|control\s+of|close\s+to|parts\s+of|areas?\s+of|including|notamment|y\s+compris|such\s+as"
    r"|targeted|attacked|shelled|bombed|pounded|rocked|raided|stormed|ambushed|vis[ée]e?s?|cibl[ée]e?s?"
    r"|frapp[ée]e?s?|attaqu[ée]e?s?|bombard[ée]e?s?|pilonn[ée]e?s?)\s*$",
    re.IGNORECASE,
)
# Settings that make a place a venue of talk, not a scene of violence.
_VENUE = re.compile(
    r"\b(?:conf[ée]rences?\s+de\s+presse|points?\s+(?:de\s+)?presse|pourparlers|n[ée]gociations?|r[ée]unions?"
    r"|sommets?|forums?|visite|entretiens?|talks|meetings?|summit|conference|briefing|visit(?:ed|ing)?"
    r"|negotiations?|ambassadeurs?|ambassador|s['’]exprimant|speaking|speech|discours|interview"
    r"|funérailles|funeral)\b[^.;:]{0,40}$"
    # "a déclaré à Bagdad", "said in a statement from Washington", "told reporters in Florida"
    r"|\b(?:d[ée]clar[ée]|said|says|told\s+(?:reporters|journalists)|statement\s+(?:issued\s+|released\s+)?"
    r"|communiqué\s+(?:publié\s+)?|publié|publiée|issued|released|diffusée?)\s*(?:_FILLER\s+){0,4}?"
    r"(?:in|à|au|aux|en|from|depuis)"
    r"(?:\s+(?:la|le|les|the)|\s*l['’])?\s*$".replace(
        # Only words of when and how it was said may come between: "said on Monday in a statement in", not
        # "said a bomb exploded in", where the place is the bomb's.
        "_FILLER",
        r"(?:on|this|last|late|early|le|ce|cette|lors|a|an|the|une?|d['’]une?|in|dans|statement|communiqué"
        r"|interview|entretien|briefing|conference|conférence|press|presse|de|du|la|monday|tuesday|wednesday"
        r"|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir"
        r"|morning|evening|night|afternoon|après-midi|hier|yesterday|today|aujourd['’]hui|televised|télévisé"
        r"|written|écrit|issued|publié|released)",
    ),
    re.IGNORECASE,
)
# Where someone is, works or is based, not where something happened: "une ONG basée à Londres", "a U.S.
# official in Washington", "an analyst in Beirut".
_SEAT = re.compile(
    r"(?:\b(?:bas(?:é|ée|és|ées|ed)|headquartered|install(?:é|ée|és|ées)|si[ée]geant|établie?s?)\s+"
    r"(?:à|au|en|aux|in|at)"
    r"|\b(?:responsables?|officials?|officiels?|diplomates?|diplomats?|porte-parole|spokes(?:man|woman|person)"
    r"|correspondante?s?|correspondents?|analystes?|analysts?|experts?|journalistes?|journalists?"
    r"|ambassades?|embassy|ministère|ministry)\s+(?:(?:américaine?s?|irakienne?s?|iranienne?s?|syrienne?s?"
    r"|turcs?|turques?|kurdes?|israéliens?|israéliennes?|occidentale?s?|occidentaux|militaires?|locale?s?|locaux"
    r"|sécuritaires?|gouvernementale?s?|haut|hauts|senior|U\.?S\.?|American|Iraqi|Iranian|Syrian|Turkish"
    r"|Kurdish|Israeli|Western|military|security|local|provincial|government|diplomatic)\s+)?"
    r"(?:à|au|in|from|depuis))\s*$",
    re.IGNORECASE,
)
# Where the fire came from, not where it fell: "les roquettes ont été tirées depuis ... la région de X".
_ORIGIN = re.compile(
    r"\b(?:tir[ée]e?s?|lanc[ée]e?s?|fired|launched|shot)\s+(?:depuis|from|à\s+partir\s+d['’e])\b"
    r"(?:(?!\b(?:abattu|tomb|land|fell|hit|struck|frapp|vis[ée]|atteint|explod|explos)\w*)[^.;:]){0,60}$",
    re.IGNORECASE,
)
# A place named as the background of the event: "dans un contexte de tensions liées à la guerre à Gaza".
_BACKGROUND = re.compile(
    r"\b(?:contexte|backdrop|amid|sur\s+fond|guerre|war)\b(?:\s+[\w’'\-]+){0,12}\s*$", re.IGNORECASE
)
_CLAIM = re.compile(
    r"(?:(?:le\s+groupe|la\s+milice|le\s+mouvement|the\s+group|the\s+militia)\s+)?"
    r"(?P<actor>(?:[A-ZÀ-Ý][\w’'\-]+|al-[A-ZÀ-Ý][\w’'\-]+|d['’]\w+|de|du|des|of)(?:\s+(?:[A-ZÀ-Ý][\w’'\-]+|al-[A-ZÀ-Ý]?[\w’'\-]+|de|du|des|of|the)){0,5})"
    r"\s+(?:a|ont|avait|avaient|has|have|had)\s+(?:revendiqu[ée]|claimed)",
)
_CLAIM_BY = re.compile(
    r"(?:revendiqu[ée]e?s?\s+par|claimed\s+by)\s+(?:le\s+groupe\s+|la\s+milice\s+|the\s+group\s+|the\s+|la\s+)?"
    r"(?P<actor>[A-ZÀ-Ý][\w’'\-]+(?:\s+(?:[A-ZÀ-Ý][\w’'\-]+|al-[\w’'\-]+|de|du|of|en|in)){0,5})"
)
_CLAIMED = re.compile(
    r"(?P<actor>(?:[A-ZÀ-Ý][\w’'\-]+|al-[A-ZÀ-Ý][\w’'\-]+)(?:\s+(?:[A-ZÀ-Ý][\w’'\-]+|al-[\w’'\-]+|of|the)){0,5})"
    r"\s+(?:claimed|claims|has\s+claimed|revendique)\s+(?:responsibility|the\s+attack|the\s+strike|l['’]attaque)"
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word of the event vocabulary found in a sentence: where, what family, how telling."""

    start: int
    end: int
    kind: EventType
    tier: int


def triggers(sentence: str) -> list[Trigger]:
    """Every event word of the sentence, in order.

    A strike verb whose subject names the weapon says nothing of its own: "an explosion struck a depot",
    "a roadside bomb struck a patrol" (but "missiles struck the airport": missiles fly from jets too).
    """
    found = [
        Trigger(m.start(), m.end(), kind, tier)
        for tier, kind, pattern in _TRIGGERS
        for m in pattern.finditer(sentence)
    ]
    subjects = [t for t in found if t.kind in ("ied", "shelling", "armed_clash") and t.tier <= 2]
    found = [
        t
        for t in found
        if not (
            _STRIKE_VERB.fullmatch(sentence[t.start : t.end])
            and any(
                s.end <= t.start
                and _SUBJECT_GAP.fullmatch(sentence[s.end : t.start])
                and not _MISSILE.fullmatch(sentence[s.start : s.end])
                for s in subjects
            )
        )
    ]
    return sorted(found, key=lambda t: (t.start, t.tier))


_STRIKE_VERB = re.compile(r"struck|frapp(?:é|ée|és|ées|ait|aient)", re.IGNORECASE)
_SUBJECT_GAP = re.compile(
    r"\s+(?:[\w’'\-]+\s+){0,2}?(?:(?:a|ont|avait|avaient|has|have|had)\s+)?", re.IGNORECASE
)
_MISSILE = re.compile(r"missiles?", re.IGNORECASE)


def event_type(sentence: str) -> EventType | None:
    """The incident type the sentence's vocabulary names, or None when it reports no violence."""
    found = triggers(sentence)
    if not found:
        return None
    best = min(t.tier for t in found)
    order = [kind for tier, kind, _ in _TRIGGER_PATTERNS if tier == best]
    return min((t for t in found if t.tier == best), key=lambda t: order.index(t.kind)).kind


def event_type_at(sentence: str, position: int, found: Sequence[Trigger] | None = None) -> EventType | None:
    """The type the sentence gives the place at ``position``: its nearest trigger, a named weapon winning
    over a strike verb and either over a word of violence unless much nearer ("les frappes, riposte à
    l'attentat d'Istanbul": the attack at Istanbul)."""
    found = triggers(sentence) if found is None else found
    if not found:
        return None

    def cost(t: Trigger) -> tuple[int, int]:
        distance = min(abs(t.start - position), abs(t.end - position))
        return distance + TIER_PENALTY_CHARS[t.tier], t.tier

    return min(found, key=cost).kind


#: How many characters of distance each tier of vagueness costs when choosing a place's trigger.
TIER_PENALTY_CHARS = (0, 15, 30, 45, 200)


def claimed_by(sentence: str) -> str | None:
    for pattern in (_CLAIM, _CLAIM_BY, _CLAIMED):
        m = pattern.search(sentence)
        if m:
            actor = m.group("actor").strip()
            if actor and actor[0].isupper() and actor.split()[0].lower() not in _NOT_ACTORS:
                return actor
    return None


_NOT_ACTORS = frozenset({"no", "aucun", "aucune", "personne", "nobody", "none", "l", "il", "elle", "ils"})


def is_reported_event(sentence: str, *, dated: bool) -> bool:
    """Whether a sentence with event vocabulary reports something that happened, not a threat or a habit."""
    if _NOT_EVENT.search(sentence):
        return False
    return dated or not (_HABITUAL.search(sentence) or _GENERIC_CONDEMNATION.search(sentence))


def _prefix(mention: Mention) -> str:
    """The sentence before the mention and its qualifier."""
    if mention.qualified_text.startswith(mention.text):
        return mention.sentence[: mention.start]
    return mention.sentence[: mention.end - len(mention.qualified_text)]


# "sur un marché de Chaab", "in a suburb of Damascus", "plusieurs localités de la région d'Idleb": a spot
# of the place, or several.
_SPOT_NOUNS = (
    r"(?:marché|market|mosquée|mosque|checkpoint|poste|barrage|villages?|quartiers?|neighbou?rhoods?|suburbs?"
    r"|banlieues?|outskirts|périphérie|entrée|entrance|sortie|exit|centre|center|cœur|coeur|heart|edge|bord|rive"
    r"|bank|rue|street|avenue|place|square|camps?|prison|hôpital|hospital|école|school|université|university"
    r"|pont|bridge|districts?|area|zone|région|region|countryside|campagne|désert|desert|montagnes?|mountains?"
    r"|vicinity|environs|alentours|abords|frontière|border|port|gare|station|stade|stadium|usine|factory"
    r"|raffinerie|refinery|dépôts?|depots?|entrepôts?|warehouses?|cimetière|cemetery|sanctuaire|shrine|mausolée"
    r"|église|church|hôtel|hotel|bâtiments?|buildings?|siège|headquarters|caserne|barracks|enceinte|compound"
    r"|périmètre|perimeter|faubourgs?|bourg|hameaux?|quarter|souk|bazaar|localités?|towns?|positions?|sites?)"
)
_SPOT_OF = re.compile(
    r"(?:(?:^|\s)(?:à|au|aux|dans|sur|près\s+d[eu']?|in|at|on|near|inside|outside|into|route|road|highway"
    r"|autoroute|touch[ée]e?s?|vis[ée]e?s?|frapp[ée]e?s?|cibl[ée]e?s?|bombard[ée]e?s?|hit|struck|targeted"
    r"|attacked|shelled|bombed)\s+(?:un|une|le|la|l['’]|les|des|a|an|the)"
    r"|(?:^|\s)(?:plusieurs|several|many|numerous|de\s+nombreu(?:x|ses)|deux|trois|quatre|two|three|four))\s*"
    + _SPOT_NOUNS
    + r"\s+(?:de|d['’]|du|des|of)\s*$",
    re.IGNORECASE,
)


def is_event_location(mention: Mention, place: Resolution) -> bool:
    """Whether the sentence introduces this place as where something happened."""
    if mention.is_container or place.precision == "country":
        return False
    before = _prefix(mention)[-100:]
    if any(p.search(before) for p in (_VENUE, _SEAT, _BACKGROUND, _ORIGIN)):
        return False
    if mention.hint in ("base", "airport") or place.precision == "point":
        return True  # a base, an airport or a site named in a violent sentence is the target
    cue = " " + _ELIDED_DE.sub("de", mention.cue)  # "les environs d'Ariha" is "les environs de"
    return bool(_LOCATIVE.search(cue) or _SPOT_OF.search(cue))


_ELIDED_DE = re.compile(r"\bd['’]\s*$")


# -- the other places of the sentence -------------------------------------------------------------------
_ADJ = r"(?:[a-zà-ÿ][\w\-]*\s+){0,2}"
# "X in western Y", "X, dans la province de Y", "X de Y": Y holds X when it is larger and contains it.
_HOLDER_GAP = re.compile(
    r"^\s*,?\s*(?:in|dans|en|au|à|within|of|de|d['’]|du)\s*(?:the\s+|la\s+|le\s+|l['’]\s*)?"
    + _ADJ
    + r"(?:(?:nord|sud|est|ouest|centre|north|south|east|west)(?:-\w+)?\s+(?:de|du|d['’]|of)\s*(?:la\s+|l['’]\s*|the\s+)?)?$",
    re.IGNORECASE,
)
# "X, north of Y", "X, à l'ouest de Y", "X, 30 km south of Y", "X near Y": Y only tells where X is.
_REFERENCE_GAP = re.compile(
    r"^(?:\s+[a-z]+){0,2}\s*,?\s*(?:(?:(?:about|some|around|roughly|nearly|à|environ|une?)\s+)*"
    r"(?:\d+|\w+aines?\s+de|a\s+few|quelques|several|plusieurs)\s*"
    r"(?:km|kilom[èe]tres?|kilomet(?:er|re)s?|miles?)\s+)?"
    r"(?:(?:au|à\s+l['’]|to\s+the)\s*)?(?:nord|sud|est|ouest|north|south|east|west)(?:-?(?:est|ouest|east|west))?"
    r"(?:ern)?\s+(?:de|d['’]|du|of)\s*(?:la\s+|l['’]\s*|the\s+)?$"
    r"|^\s*,?\s*(?:near|close\s+to|près\s+de|près\s+d['’]|non\s+loin\s+de|à\s+proximité\s+de)\s*"
    r"(?:la\s+|l['’]\s*|the\s+)?" + _ADJ + "$",
    re.IGNORECASE,
)
# "l'autoroute reliant Bagdad à Hilla", "the highway between Baghdad and Basra": the road's ends.
_ROUTE_BEFORE = re.compile(
    r"\b(?:autoroutes?|routes?|highways?|roads?|axes?|route\s+\w+)\s+(?:[\w’'\-]+\s+){0,3}?"
    r"(?:reliant|entre|linking|between|connecting|from|de)\s+(?:la\s+ville\s+de\s+)?$",
    re.IGNORECASE,
)
_ROUTE_GAP = re.compile(r"^\s*(?:à|et|and|to|with|-|–|au|vers)\s*$", re.IGNORECASE)


_POSSESSOR = re.compile(r"\s*\b[A-ZÀ-Ý][\w\-]*['’]s\b\s*")


def _q_span(m: Mention) -> tuple[int, int]:
    if m.qualified_text.startswith(m.text):
        return m.start, m.start + len(m.qualified_text)
    return m.end - len(m.qualified_text), m.end


def _contains(outer: Resolution, inner: Resolution) -> bool:
    if outer.gazetteer_id == inner.gazetteer_id:
        return False
    if outer.precision == "country":
        return inner.country == outer.country and inner.precision != "country"
    if outer.precision == "admin1":
        return (
            inner.precision in ("locality", "point")
            and inner.country == outer.country
            and (
                (bool(inner.admin1) and name_key(inner.admin1) == name_key(outer.admin1))
                or haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= max(outer.extent_km, 60.0)
            )
        )
    if outer.precision == "locality":
        km = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
        # A site in a town, or a district named before its city ("le quartier de Karrada, au cœur de Bagdad").
        return (inner.precision == "point" and km <= 25.0) or (inner.precision == "locality" and km <= 10.0)
    return False


def event_locations(located: Sequence[Located]) -> list[Located]:
    """The places of one sentence where something happened, given what the others say of them.

    Each must be introduced as a location (:func:`is_event_location`), and be none of: a place holding
    the one before it ("Hit in western Anbar"), a landmark for the one before it ("Tarmiyah, north of
    Baghdad"), an end of a road ("the highway linking Baghdad to Hilla").
    """
    ordered = sorted(located, key=lambda loc: loc.mention.start)
    dropped: set[int] = set()
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
        gap = _POSSESSOR.sub(" ", m.sentence[_q_span(prev.mention)[1] : _q_span(m)[0]])
        holder = bool(_HOLDER_GAP.match(gap)) and _contains(loc.place, prev.place)
        landmark = (
            bool(_REFERENCE_GAP.match(gap)) and prev.place.precision != "country" and k - 1 not in dropped
        )
        if holder or landmark:
            dropped.add(k)
        elif _ROUTE_GAP.match(gap) and _ROUTE_BEFORE.search(m.sentence[: _q_span(prev.mention)[0]]):
            dropped.update((back, k))
    return [
        loc for k, loc in enumerate(ordered) if k not in dropped and is_event_location(loc.mention, loc.place)
    ]


# -- when -----------------------------------------------------------------------------------------------
# A date that belongs to another noun than the event: "après le séisme du 6 février", "said on Monday".
_ATTRIBUTE_DATE_BEFORE = re.compile(r"\b(?P<noun>[\w’'\-]+)\s+(?:du|of)\s+$", re.IGNORECASE)
_REPORTING_DATE_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|(?<!\bwere\s)(?<!\bwas\s)reported|added|stated|a\s+(?:déclaré|indiqué|annoncé|affirmé|précisé"
    r"|ajouté|rapporté)|ont\s+(?:déclaré|indiqué|annoncé|affirmé|rapporté))\s+(?:[\w’'\-]+\s+){0,3}?(?:on\s+|le\s+|ce\s+)?$",
    re.IGNORECASE,
)
# A period's start, not the day of an event: "depuis le 17 octobre", "since Sunday".
_SINCE_BEFORE = re.compile(r"\b(?:depuis|since)\s+(?:le\s+|the\s+)?$", re.IGNORECASE)
# The sentence speaks of another time than the story's: it must not take the date of the sentence before.
_ELSEWHEN = re.compile(
    r"\b(?:last\s+(?:week|month|year|time)|previous(?:ly)?|earlier\s+(?:this|that|in)|ago|in\s+recent\s+\w+"
    r"|(?:over|in)\s+the\s+past|(?:ces|les)\s+derni(?:ers|ères)\s+\w+|la\s+semaine\s+derni[èe]re"
    r"|le\s+mois\s+dernier|l['’]an(?:née)?\s+derni(?:er|ère)|l['’]an\s+passé|déjà|already|auparavant"
    r"|précédemment|la\s+dernière\s+fois|la\s+veille|the\s+day\s+before|au\s+début\s+du\s+mois"
    r"|\w+\s+(?:jours?|days?|semaines?|weeks?|mois|months?)\s+(?:après|avant|plus\s+tôt|after|before|earlier)"
    r"|depuis\s+(?:le\s+début|des|plusieurs)|since\s+(?:the\s+start|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|\d{4}))\b",
    re.IGNORECASE,
)
_SAME_DAY = re.compile(
    r"\b(?:le\s+même\s+jour|the\s+same\s+day|that\s+same\s+day|ce\s+jour-là|that\s+day|plus\s+tard\s+dans\s+la"
    r"\s+journée|plus\s+tôt\s+dans\s+la\s+journée|later\s+(?:that|in\s+the)\s+day|earlier\s+in\s+the\s+day"
    r"|au\s+même\s+moment|at\s+the\s+same\s+time|simultanément|simultaneously)\b",
    re.IGNORECASE,
)
# Periods counted from the day of publication: (pattern, months back or None, years back or None).
_RELATIVE_PERIODS: tuple[tuple[re.Pattern[str], int | None, int | None], ...] = (
    (re.compile(r"\b(?:last\s+month|le\s+mois\s+(?:dernier|passé)|the\s+previous\s+month)\b", re.I), 1, None),
    (
        re.compile(
            r"\b(?:earlier\s+this\s+month|this\s+month|au\s+début\s+du\s+mois|ce\s+mois-ci|plus\s+tôt\s+ce\s+mois"
            r"|en\s+début\s+de\s+mois|début\s+du\s+mois)\b",
            re.I,
        ),
        0,
        None,
    ),
    (re.compile(r"\b(?:last\s+year|l['’]an(?:née)?\s+(?:dernier|dernière|passé|passée))\b", re.I), None, 1),
    (
        re.compile(r"\b(?:earlier\s+this\s+year|plus\s+tôt\s+cette\s+année|en\s+début\s+d['’]année)\b", re.I),
        None,
        0,
    ),
)
# "Separately", "dans un autre incident": what follows is another event than the one just told.
_SEPARATE = re.compile(
    r"\b(?:separate(?:ly)?|in\s+another\s+(?:incident|attack)|elsewhere|meanwhile|par\s+ailleurs"
    r"|dans\s+un\s+autre\s+incident|dans\s+une\s+autre\s+attaque|ailleurs|de\s+son\s+côté|en\s+outre)\b",
    re.IGNORECASE,
)
# An event word that refers back to one already told: "la frappe", "the attack", "cette attaque".
_DEFINITE_BEFORE = re.compile(
    r"(?:^|[\s,;:(])(?:la|le|les|the|this|that|cette|cet|ce|ces)\s+(?:[\w\-]+\s+)?$|(?:^|[\s,;:(])l['’]\s*$",
    re.IGNORECASE,
)
#: How many sentences after a dated report of the event an undated one still takes its date.
NARRATIVE_SENTENCES = 2


def _masked(sentence: str, article: Article, years: list[int], last_year: int | None) -> str:
    """The sentence with the dates that do not date an event blanked out (offsets kept)."""
    out = sentence
    for found in find_dates(
        sentence,
        lang=article.lang,
        published=article.published,
        years_in_text=years,
        last_year_before=last_year,
    ):
        before = sentence[: found.start]
        attribute = _ATTRIBUTE_DATE_BEFORE.search(before)
        if (
            (attribute and event_type(attribute.group("noun")) is None)
            or _REPORTING_DATE_BEFORE.search(before)
            or _SINCE_BEFORE.search(before)
        ):
            out = out[: found.start] + " " * (found.end - found.start) + out[found.end :]
    return out


def _relative_period(sentence: str, published: str | None) -> FoundDate | None:
    if not published or len(published) < 7:
        return None
    try:
        year, month = int(published[:4]), int(published[5:7])
    except ValueError:
        return None
    for pattern, months, years_back in _RELATIVE_PERIODS:
        m = pattern.search(sentence)
        if m is None:
            continue
        if months is not None:
            total = year * 12 + (month - 1) - months
            value, precision = f"{total // 12:04d}-{total % 12 + 1:02d}", "month"
        else:
            value, precision = f"{year - (years_back or 0):04d}", "year"
        return FoundDate(value=value, precision=precision, start=m.start(), end=m.end(), text=m.group())  # type: ignore[arg-type]
    return None


# -- per article ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Located:
    """A mention with the place it resolved to."""

    mention: Mention
    place: Resolution


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceEvent:
    """What one sentence reports at one of its places."""

    located: Located
    kind: EventType
    date: FoundDate | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceEvents:
    index: int
    events: tuple[PlaceEvent, ...]
    actor: str | None
    in_related: bool


def incident_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def source_of(article: Article, *, quote: str, place_text: str) -> Source:
    return Source(
        article_id=article.id,
        file=article.file,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        quote=quote,
        place_text=place_text,
    )


def incidents_from_sentences(
    article: Article, sentences: Sequence[tuple[int, str, bool]], located: dict[int, list[Located]]
) -> list[Incident]:
    """Incidents of one article from its sentences (index, text, in_related) and their located mentions."""
    years = years_mentioned(article.body)
    reports: list[SentenceEvents] = []
    # The date of the story so far: the last date an event sentence gave, and that sentence's index; and
    # the last weapon an event sentence named.
    story: tuple[int, FoundDate] | None = None
    story_kind: tuple[int, EventType] | None = None
    for index, text, in_related in sentences:
        found = triggers(text)
        if not found:
            continue
        if in_related:
            dates: dict[int, FoundDate | None] = {}
            masked = text
        else:
            masked = _masked(text, article, years, _last_year_before(article.body, text, years))
        places = event_locations(located.get(index, []))
        date_here = None if in_related else _sentence_date(masked, article, years)
        if not is_reported_event(text, dated=date_here is not None):
            continue
        same_story = not (_ELSEWHEN.search(masked) or _SEPARATE.search(text))
        told = story
        if not in_related:
            dates = {id(loc): _date_at(masked, article, years, loc, story, index) for loc in places}
            if date_here is not None and not places and same_story and _retells(text, found):
                # "La frappe a eu lieu le dimanche 5 février 2023": the day of the event just reported.
                _date_last_report(reports, index, date_here)
            if date_here is not None:
                story = (index, date_here)
            elif story is not None and (_SAME_DAY.search(text) or any(d is story[1] for d in dates.values())):
                story = (index, story[1])  # the story goes on: its day holds for the next sentences too
        actor = claimed_by(text)
        if (
            actor
            and reports
            and reports[-1].actor is None
            and index - reports[-1].index <= NARRATIVE_SENTENCES
        ):
            # "Le groupe X a revendiqué l'attaque": the attack of the sentence before.
            reports[-1] = replace(reports[-1], actor=actor)
        told_kind = story_kind
        if min(t.tier for t in found) <= 1:
            story_kind = (index, event_type(text) or "other")
        if not places:
            continue
        events = []
        for loc in places:
            kind = event_type_at(text, loc.mention.start, found) or "other"
            if (
                kind == "attack"
                and told_kind is not None
                and index - told_kind[0] <= NARRATIVE_SENTENCES
                and same_story
                and (date_here is None or (told is not None and date_here.value == told[1].value))
            ):
                kind = told_kind[1]  # "Trois sites ont été visés": by the air strikes just told of
            events.append(PlaceEvent(located=loc, kind=kind, date=dates.get(id(loc))))
        reports.append(SentenceEvents(index=index, events=tuple(events), actor=actor, in_related=in_related))
    out: list[Incident] = []
    directional: set[tuple[str, str]] = set()
    for report in reports:
        for ev in report.events:
            loc = ev.located
            src = source_of(
                article, quote=loc.mention.sentence.strip(), place_text=loc.mention.qualified_text
            )
            if bearing_of(loc.mention.cue):
                directional.add((src.quote, src.place_text))
            out.append(
                Incident(
                    id=incident_id(article.id, str(report.index), loc.place.gazetteer_id, ev.kind),
                    event_type=ev.kind,
                    date=ev.date.value if ev.date else None,
                    date_precision=ev.date.precision if ev.date else "unknown",
                    place_text=loc.mention.text,
                    place=loc.place,
                    actor=report.actor,
                    sources=(src,),
                    optional=report.in_related,
                )
            )
    return fold_vague_reports(merge_incidents(out), body=article.body, directional=directional)


def _retells(text: str, found: Sequence[Trigger]) -> bool:
    """Whether the sentence speaks of an event already told: "La frappe a eu lieu...", "The attack came..."."""
    return any(_DEFINITE_BEFORE.search(text[: t.start]) for t in found)


def _date_last_report(reports: list[SentenceEvents], index: int, date: FoundDate) -> None:
    if reports and index - reports[-1].index <= NARRATIVE_SENTENCES and not reports[-1].in_related:
        last = reports[-1]
        if all(ev.date is None for ev in last.events):
            reports[-1] = replace(last, events=tuple(replace(ev, date=date) for ev in last.events))


def _find(text: str, article: Article, years: list[int], near: int | None) -> FoundDate | None:
    return find_date(
        text,
        lang=article.lang,
        published=article.published,
        years_in_text=years,
        last_year_before=_last_year_before(article.body, text, years),
        near=near,
    )


def _sentence_date(masked: str, article: Article, years: list[int]) -> FoundDate | None:
    return _find(masked, article, years, None) or _relative_period(masked, article.published)


def _date_at(
    masked: str,
    article: Article,
    years: list[int],
    loc: Located,
    story: tuple[int, FoundDate] | None,
    index: int,
) -> FoundDate | None:
    """The date of the event at one place: the sentence's date nearest the place, else the story's."""
    found = _find(masked, article, years, loc.mention.start) or _relative_period(masked, article.published)
    if found is not None:
        return found
    if story is None:
        return None
    if _SAME_DAY.search(masked):
        return story[1]  # "Le même jour, des roquettes ont été tirées contre la base d'Aïn al-Asad"
    if index - story[0] <= NARRATIVE_SENTENCES and not _ELSEWHEN.search(masked):
        return story[1]  # "The strikes also hit positions south of Damascus": the day just told
    return None


def _last_year_before(body: str, sentence: str, years: list[int]) -> int | None:
    at = body.find(sentence)
    before = years_mentioned(body[:at]) if at > 0 else []
    return before[-1] if before else (years[-1] if years else None)


def mentions_not_incidents(
    article: Article, located: dict[int, list[Located]], incidents: Iterable[Incident]
) -> list[ResolvedMention]:
    used = {(s.quote, i.place.gazetteer_id) for i in incidents for s in i.sources}
    out = []
    for locs in located.values():
        for loc in locs:
            if (loc.mention.sentence.strip(), loc.place.gazetteer_id) not in used:
                out.append(
                    ResolvedMention(
                        mention=loc.mention, place=loc.place, file=article.file, title=article.title
                    )
                )
    return out


# -- the same event twice --------------------------------------------------------------------------------
def _dates_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-5:] == b[-5:] if len(a) >= 5 and len(b) >= 5 else True
    return a.startswith(b) or b.startswith(a)


def _types_compatible(a: EventType, b: EventType) -> bool:
    return a == b or "attack" in (a, b) or "other" in (a, b)


def same_event(a: Incident, b: Incident) -> bool:
    """Same place within SAME_INCIDENT_KM, compatible type, and same or unknown date."""
    if not _dates_compatible(a.date, b.date) or not _types_compatible(a.event_type, b.event_type):
        return False
    if "admin1" in (a.place.precision, b.place.precision) or "country" in (
        a.place.precision,
        b.place.precision,
    ):
        # A province holds many events: only the same known day makes two reports one event there.
        return a.date is not None and a.date == b.date and a.place.gazetteer_id == b.place.gazetteer_id
    if a.place.gazetteer_id == b.place.gazetteer_id:
        return True
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= settings.SAME_INCIDENT_KM


_PRECISION_RANK = {"point": 0, "locality": 1, "admin1": 2, "country": 3}
_DATE_RANK = {"day": 0, "month_day": 1, "month": 2, "year": 3, "unknown": 4}


def _merge(a: Incident, b: Incident) -> Incident:
    date_from = a if _DATE_RANK[a.date_precision] <= _DATE_RANK[b.date_precision] else b
    place_from = a if _PRECISION_RANK[a.place.precision] <= _PRECISION_RANK[b.place.precision] else b
    kind = a.event_type if a.event_type not in ("attack", "other") else b.event_type
    sources = tuple(sorted({*a.sources, *b.sources}, key=lambda s: (s.file, s.quote, s.place_text)))
    return Incident(
        id=min(a.id, b.id),
        event_type=kind,
        date=date_from.date,
        date_precision=date_from.date_precision,
        place_text=place_from.place_text,
        place=place_from.place,
        actor=a.actor or b.actor,
        sources=sources,
        optional=a.optional and b.optional,
    )


_Cell = tuple[int, int, int]


def _cell(inc: Incident) -> _Cell:
    """A cube of a grid over the Earth's 3-D coordinates, two merge radii wide: reports of one event
    (within SAME_INCIDENT_KM, or at the same place) always lie in the same or a neighbouring cube."""
    lat, lon = math.radians(inc.lat), math.radians(inc.lon)
    size = 2 * settings.SAME_INCIDENT_KM / EARTH_RADIUS_KM
    x, y, z = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
    return (math.floor(x / size), math.floor(y / size), math.floor(z / size))


def _neighbours(cell: _Cell) -> Iterator[_Cell]:
    for dx, dy, dz in itertools.product((-1, 0, 1), repeat=3):
        yield (cell[0] + dx, cell[1] + dy, cell[2] + dz)


def merge_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    """One incident per event: reports of the same event (in one article or several) become its sources.

    Each report is compared only with the events in neighbouring grid cells (the same first match as a
    scan of all events, since no farther event can match): linear, not quadratic, in the corpus size.
    """
    merged: list[Incident] = []
    cells: dict[_Cell, list[int]] = defaultdict(list)
    for inc in sorted(incidents, key=lambda i: (i.optional, i.id)):
        near = sorted({k for cell in _neighbours(_cell(inc)) for k in cells.get(cell, ())})
        for k in near:
            existing = merged[k]
            if (
                same_event(existing, inc) or _same_article_missiles(existing, inc)
            ) and not _same_article_distinct(existing, inc):
                merged[k] = _merge(existing, inc)
                moved = _cell(merged[k])
                if k not in cells[moved]:
                    cells[moved].append(k)  # the merged event may now sit at the finer report's place
                break
        else:
            cells[_cell(inc)].append(len(merged))
            merged.append(inc)
    return sorted(merged, key=lambda i: i.id)


def _same_article_missiles(a: Incident, b: Incident) -> bool:
    """ "Missile strikes on Erbil" and "the missiles hit Erbil": one article calls one event a strike and
    shelling; at one place on one day (or an unknown one) it is one event."""
    if {a.event_type, b.event_type} != {"shelling", "air_drone_strike"}:
        return False
    if a.place.gazetteer_id != b.place.gazetteer_id:
        return False
    if not ({s.article_id for s in a.sources} & {s.article_id for s in b.sources}):
        return False
    return same_event(a, replace(b, event_type=a.event_type))


def _same_article_distinct(a: Incident, b: Incident) -> bool:
    """Reports in one article that are two events: at one place on different days, or named apart in one
    sentence ("near al-Qaim and near Albu Kamal") unless they are next to each other (a base and the
    airport beside it)."""
    same_article = {s.article_id for s in a.sources} & {s.article_id for s in b.sources}
    if not same_article:
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return True
    same_sentence = {(s.article_id, s.quote) for s in a.sources} & {
        (s.article_id, s.quote) for s in b.sources
    }
    return (
        bool(same_sentence)
        and a.place.gazetteer_id != b.place.gazetteer_id
        and haversine_km(a.lat, a.lon, b.lat, b.lon) > SAME_SENTENCE_KM
    )


#: Two places named in one sentence are one event's only when this close (km): "la base Victoria, près de
#: l'aéroport de Bagdad", "the U.S. embassy in the Green Zone".
SAME_SENTENCE_KM = 5.0


def fold_vague_reports(
    incidents: Sequence[Incident], *, body: str = "", directional: Collection[tuple[str, str]] = ()
) -> list[Incident]:
    """Fold an article's vague reports into the event they retell.

    Vague are: an undated province ("attacks in Anbar"), which is the attack in Anbar the article dates
    elsewhere when it dates only one there; a headline's province ("Rockets hit base in Anbar"), which is
    the article's first compatible event inside that province; and a place given only as a bearing
    ("une attaque au nord de Bagdad", sources listed in ``directional`` as (quote, place_text)), which is
    the article's first compatible event on that side of it within BEARING_KM (else the province holding it
    that the article names as the place of a compatible event). A vague report joins one
    event at most, and with no candidate it stays as it is: it never makes two events one. All incidents
    must come from one article; ``body`` orders them.
    """
    out = list(incidents)

    def first(candidates: Iterable[Incident]) -> Incident | None:
        found = list(candidates)
        return min(found, key=lambda i: (_position(i, body), i.id)) if found else None

    for vague in sorted(incidents, key=lambda i: i.id):
        if vague not in out:
            continue
        others = [
            i
            for i in out
            if i is not vague
            and _types_compatible(i.event_type, vague.event_type)
            and _dates_compatible(i.date, vague.date)
        ]
        target = None
        if vague.place.precision == "admin1" and vague.date is None:
            target = _lone(
                i for i in others if i.place.gazetteer_id == vague.place.gazetteer_id and i.date is not None
            )
            if target is None and any(s.quote == s.title.strip() for s in vague.sources):
                inside = [
                    i
                    for i in others
                    if i.place.precision in ("point", "locality") and _contains(vague.place, i.place)
                ]
                same_kind = [i for i in inside if i.event_type == vague.event_type]
                target = first(same_kind or inside)
        elif all((s.quote, s.place_text) in directional and not _MORE.search(s.quote) for s in vague.sources):
            target = first(
                i
                for i in others
                if i.place.precision in ("point", "locality")
                and i.place.gazetteer_id != vague.place.gazetteer_id
                and haversine_km(vague.lat, vague.lon, i.lat, i.lon) <= BEARING_KM
                and _on_side(vague, i)
            ) or first(  # "an attack in Kirkuk province ... 50 km south of the city of Kirkuk"
                i for i in others if i.place.precision == "admin1" and _contains(i.place, vague.place)
            )
        if target is not None:
            out[out.index(target)] = _merge(target, vague)
            out.remove(vague)
    return sorted(out, key=lambda i: i.id)


# "The strikes also hit positions south of Damascus": more targets, not the same one told again.
_MORE = re.compile(r"\b(?:also|too|aussi|également|another|other|others|autres?|further|additional)\b", re.I)
#: How far from the town it is measured from a place given as a bearing ("au nord de Bagdad") may lie.
BEARING_KM = 100.0
# "au nord de Bagdad", "à l'ouest de", "north of Baghdad": outside the town, on that side of it. "Dans le
# nord de", "dans l'est de", "in the north of" are inside it.
_BEARING = re.compile(
    r"(?:(?:^|\s)(?:au\s+|à\s*l['’]\s*)(?P<fr>nord|sud|est|ouest)(?:-(?:est|ouest))?\s+(?:de|d['’]|du)"
    r"|(?:^|\s)(?<!the\s)(?P<en>north|south|east|west)(?:-?(?:east|west))?\s+of)\s*$",
    re.IGNORECASE,
)
_SIDES = {
    "nord": "n",
    "north": "n",
    "sud": "s",
    "south": "s",
    "est": "e",
    "east": "e",
    "ouest": "w",
    "west": "w",
}


def bearing_of(cue: str) -> str | None:
    """ "n", "s", "e" or "w" when a place is given only as a bearing ("au nord de", "south of")."""
    m = _BEARING.search(" " + cue)
    return _SIDES[(m.group("fr") or m.group("en")).lower()] if m else None


def _on_side(vague: Incident, other: Incident) -> bool:
    sides = [
        bearing_of(s.quote[: s.quote.find(s.place_text)]) for s in vague.sources if s.place_text in s.quote
    ]
    side = next((s for s in sides if s), None)
    dlat, dlon = other.lat - vague.lat, other.lon - vague.lon
    return {"n": dlat > 0, "s": dlat < 0, "e": dlon > 0, "w": dlon < 0}.get(side or "", True)


def _position(incident: Incident, body: str) -> int:
    found = [at for s in incident.sources if (at := body.find(s.quote)) >= 0]
    return min(found) if found else len(body)


def _lone(candidates: Iterable[Incident]) -> Incident | None:
    found = list(candidates)
    return found[0] if len(found) == 1 else None
