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

from geomap.places.geography import contains
from geomap.records import Mention, Resolution


@dataclass(frozen=True, slots=True, kw_only=True)
class Located:
    """A mention with the place it resolved to."""

    mention: Mention
    place: Resolution


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

def _prefix(mention: Mention) -> str:
    """The sentence before the mention and its qualifier."""
    return mention.sentence.text[: mention.qualified_span[0]]


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
        gap = _POSSESSOR.sub(" ", m.sentence.text[prev.mention.qualified_span[1] : m.qualified_span[0]])
        holder = bool(_HOLDER_GAP.match(gap)) and contains(loc.place, prev.place)
        landmark = (
            bool(_REFERENCE_GAP.match(gap)) and prev.place.precision != "country" and k - 1 not in dropped
        )
        if holder or landmark:
            dropped.add(k)
        elif _ROUTE_GAP.match(gap) and _ROUTE_BEFORE.search(m.sentence.text[: prev.mention.qualified_span[0]]):
            dropped.update((back, k))
    return [
        loc for k, loc in enumerate(ordered) if k not in dropped and is_event_location(loc.mention, loc.place)
    ]


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
