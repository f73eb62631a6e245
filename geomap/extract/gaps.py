"""What the words between two place names of a sentence say of them: that one holds the other ("X in
western Y", "X, dans la province de Y"), that one only tells where the other lies ("X, north of Y", "X, à
30 km de Y"), or that they are the ends of a road ("l'autoroute reliant Bagdad à Hilla"); and what the
words after a name's comma say it is ("Herat, a western province")."""

from __future__ import annotations

import re

from geomap import lexicon
from geomap.places.names import QUALIFIER_KINDS

_LEXICON = lexicon.load()


def _alt(key: str) -> str:
    return _LEXICON.alt(f"locate.{key}")


ADJ = r"(?:[a-zà-ÿ][\w\-]*\s+){0,2}"
# "a blast in Herat, a western province bordering Iran", "dans le Kunar, une province de l'est": what it is,
# after its comma (a kind that is someone's names none: "in Kirkuk, a province official said").
KIND_IN_APPOSITION = re.compile(
    r"\s*,\s+" + _alt("apposition_articles") + r"\s+" + ADJ + r"(?P<q>"
    + _LEXICON.groups("qualifiers.apposition", QUALIFIER_KINDS) + r")\b"
    + r"(?!\s+" + _alt("apposition_not_before") + ")",
    re.IGNORECASE,
)
COMPASS_OF = _alt("compass_of") + r"\s*" + _alt("compass_of_determiners") + "?"
# "X in western Y", "X, dans la province de Y", "X de Y", "X, Y": Y holds X when it is larger and contains it.
HOLDER_GAP = re.compile(
    # "the Gara, Qandil and Asos areas of the Kurdistan Region": the kind of the places listed may come first.
    r"^\s*,?\s*(?:" + _alt("listed_kinds") + r"\s+)?" + _alt("holder_prepositions") + r"\s*"
    + _alt("holder_determiners") + "?" + ADJ
    + r"(?:" + _alt("compass") + r"(?:-\w+)?\s+" + COMPASS_OF + ")?$"
    # "X, in the eastern countryside of Y", "X, dans la campagne syrienne de Y": a region word and its adjective.
    r"|^\s*,?\s*" + _alt("holder_prepositions") + r"\s*" + _alt("holder_determiners") + "?" + r"(?:[a-zà-ÿ]+\s+)?"
    + _alt("regions") + r"(?:\s+[a-zà-ÿ]+)?\s+" + _alt("compass_of") + r"\s*" + _alt("holder_determiners") + "?$"
    r"|^\s*,\s*$",  # "east of Baqubah, Diyala": the province after a comma, as in an address
    re.IGNORECASE,
)
# "X, north of Y", "X, à l'ouest de Y", "X (110 km au nord de Y)", "X near Y": Y only tells where X is.
REFERENCE_GAP = re.compile(
    # "Baghdadi, une ville située à 190 km au nord-ouest de Bagdad": a few words may name what the place is.
    # ("Baibangou, a village 100 km north of the capital, Niamey": what it is, without "located").
    r"^(?:\s+[a-z]+){0,2}\s*[,(]?\s*(?:(?:[a-zà-ÿ]+\s+){0,3}?" + _alt("lies") + r"\s+|" + _alt("what_it_is") + r")?(?:(?:" + _alt("about") + r"\s+)*(?:\d+|" + "|".join(_LEXICON.entries("locate.counts"))
    + r")\s*" + _alt("units") + r"(?:\s*\([^()]{0,30}\))?\s+)?(?:" + _alt("towards") + r"\s*)?" + _alt("compass_points")
    + "(?:-?" + _alt("compass_quarters") + r")?(?:ern)?\s+" + COMPASS_OF
    + _LEXICON.alt("offsets.named_as") + "?$"  # "30km south of the capital Mogadishu"
    r"|^\s*[,(]?\s*(?:" + _alt("lies") + r"\s+)?"
    + _alt("near") + r"\s*" + _alt("compass_of_determiners") + "?" + ADJ + "$"
    # "Tarmiyah, 30 kilometers (20 miles) outside Baghdad", "Tarmiyah, à 30 km de Bagdad": a distance alone.
    r"|^\s*[,(]\s*(?:" + _alt("lies") + r"\s+)?(?:" + _alt("about") + r"\s+)*(?:\d+|"
    + "|".join(_LEXICON.entries("locate.counts")) + r")\s*" + _alt("units") + r"(?:\s*\([^()]{0,30}\))?\s+"
    + _alt("distance_of") + r"\s*" + _alt("compass_of_determiners") + "?" + ADJ + "$",
    re.IGNORECASE,
)
# "l'autoroute reliant Bagdad à Hilla", "the highway between Baghdad and Basra": the road's ends.
ROUTE_BEFORE = re.compile(
    r"\b" + _alt("roads") + r"\s+(?:[\w’'\-]+\s+){0,3}?" + _alt("road_between") + r"\s+" + _alt("road_town") + "?$"
    # "a convoy between Tikrit and Samarra", "entre Tikrit et Samarra".
    + r"|(?:^|\s)" + _alt("between") + r"\s+" + _alt("road_town") + "?$",
    re.IGNORECASE,
)
ROUTE_GAP = re.compile(r"^\s*(?:" + "|".join(_LEXICON.entries("locate.road_to")) + r"|-|–)\s*$", re.IGNORECASE)
