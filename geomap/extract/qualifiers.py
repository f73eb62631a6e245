"""What the words around a place name say of it: its qualifier, its cue, the list it is in, its container.

``describe`` reads one name's surroundings ("la base de", "l'aéroport de", "Anbar province", the "à" or
"near" that introduces it); ``link_mentions`` reads the gaps between the names of one sentence (a list that
shares a plural qualifier and a cue, "X dans la province de Y", "Baghdad's Green Zone"). Names themselves are
found by ``geomap.extract.mentions``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geomap import lexicon
from geomap.extract.gaps import KIND_IN_APPOSITION
from geomap.extract.tail import TailPattern
from geomap.places.names import QUALIFIER_KINDS, qualifier_hint
from geomap.records import Mention, Sentence

_LEXICON = lexicon.load()
# Words between a determiner and what it determines, not of a name: "the northern city of Mosul".
_ADJECTIVES = _LEXICON.alt("mentions.adjectives")

_QUALIFIER_BEFORE = re.compile(
    r"(?:\b" + _LEXICON.alt("mentions.determiners") + r"(?:" + _ADJECTIVES + r"\s+){0,3}|\b"
    + _LEXICON.alt("mentions.elided_determiners") + r")?"
    r"\b(?P<q>" + _LEXICON.groups("qualifiers.before", QUALIFIER_KINDS) + r")"
    # "la ville turque de", "la province occidentale d'": a French adjective only before "de".
    r"(?:\s+(?!" + _LEXICON.alt("mentions.not_adjectives") + r"\b)[a-zà-ÿ][a-zà-ÿ\-]{3,}\s+"
    + _LEXICON.alt("mentions.qualifier_of") + "|\\s+" + _LEXICON.alt("mentions.qualifier_of") + r"?"
    # "sur une autre base aérienne, Balad, et", "une autre ville irakienne, Tikrit,": named in apposition.
    + r"|(?:\s+(?!" + _LEXICON.alt("mentions.not_adjectives") + r"\b)[a-zà-ÿ][a-zà-ÿ\-]{3,})?"
    + r"(?P<apposition>\s*,\s+))$",
    re.IGNORECASE,
)
QUALIFIER_AFTER = re.compile(
    r"^(?:['’]s\s+(?:" + _LEXICON.alt("mentions.possessive_qualifier_adjectives") + r"\s+)?"
    # "Erbil's airport", "Balad's air base": a possessive before a site only.
    r"(?=" + _LEXICON.alt("qualifiers.after.base") + "|" + _LEXICON.alt("qualifiers.after.airport") + r")|\s+)"
    r"(?P<q>" + _LEXICON.groups("qualifiers.after", QUALIFIER_KINDS) + r")\b",
    re.IGNORECASE,
)
_SITE_IN_AT_END = TailPattern(
    re.compile(r"\b(?P<q>" + _LEXICON.groups("qualifiers.site_in", QUALIFIER_KINDS) + r")$", re.IGNORECASE)
)
# "les provinces de X et de Y", "in X and Y provinces": a plural qualifier names every place of the list.
_PLURAL_QUALIFIER = re.compile(r"\b" + _LEXICON.alt("qualifiers.plural") + r"\b", re.I)
_ENUMERATION = re.compile(  # (a bearing in brackets may follow a name: "les régions de Kharkiv (nord), Sumy")
    r"^\s*(?:\([^()]{1,30}\)\s*)?(?:,|" + "|".join(_LEXICON.entries("mentions.list_joiners")) + r")\s*"
    + _LEXICON.alt("mentions.list_of") + "?" + _LEXICON.alt("mentions.list_determiners") + r"?$",
    re.I,
)
# "...district of X, in the villages of": what lies between a district and the villages it holds.
_DETERMINERS = (_LEXICON.alt("mentions.container_determiners"), _LEXICON.alt("mentions.list_determiners"))
_HOLDS_VILLAGES = re.compile(
    r"^\s*,?\s*" + _LEXICON.alt("mentions.containment") + r"\s+(?:" + "|".join(_DETERMINERS) + ")?$", re.I
)
_CONTAINMENT = re.compile(
    r"^\s*,?\s*" + _LEXICON.alt("mentions.containment") + r"\s+" + _LEXICON.alt("mentions.container_determiners")
    + "?" + _LEXICON.alt("mentions.containers") + r"?\s*" + _LEXICON.alt("mentions.container_of") + "?$",
    re.IGNORECASE,
)
# The other end of a road the gazetteer lacks, between a town and its province: "sur l'axe Mangodara-Banfora
# dans la province de la Comoé".
_OTHER_ROAD_END = re.compile(r"^\s*[-–]\s*[A-ZÀ-Ý][\w’']*")
# "Baghdad's heavily fortified Green Zone", "the al-Jadriya district of Baghdad", "la zone verte de Bagdad",
# "l'ambassade américaine à Bagdad": the second (or, for the possessive, first) name is the container.
POSSESSIVE = re.compile(r"^['’]s\s+(?:[a-z][\w\-]*\s+){0,3}$")
_PART_OF = re.compile(
    r"^\s+(?:" + _LEXICON.alt("mentions.part_nouns") + r"\s+)?" + _LEXICON.alt("mentions.part_of")
    + r"\s*" + _LEXICON.alt("mentions.part_of_determiners") + "?$",
    re.IGNORECASE,
)
# Determiners, adjectives and possessive names between a preposition and a place: skipped to find the cue.
_CUE_FILLER = re.compile(
    r"(?:\s*\b" + _LEXICON.alt("mentions.cue_fillers")
    + r"|\s*\b" + _ADJECTIVES + r"|\s*\b[A-ZÀ-Ý][\w\-]*['’]s|\s*[\"“”«»]"
    + r"|\s*\b" + _LEXICON.alt("not_places.demonyms") + r")\s*$",  # "the Somali capital, Mogadishu"
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile(r"\s*[\"“”«»]\s*")
_CUE = re.compile(r"((?:[\w’'\-]+\s+){0,3}[\w’'\-]+)\s*$")
_SUBDIVISION = re.compile(_LEXICON.alt("qualifiers.subdivisions"), re.IGNORECASE)
# An unnamed part of a town: "a residential area of", "un quartier résidentiel de" (not "le quartier de X").
_UNNAMED_PART = re.compile(
    r"\b" + _LEXICON.alt("qualifiers.unnamed_part_determiners") + r"\s+(?:[a-zà-ÿ\-]+\s+){0,2}$", re.IGNORECASE
)
_NAME_BEFORE = re.compile(r"(?:\b[A-ZÀ-Ý][\w’'\-]*|\b[a-z]{1,3}-[A-ZÀ-Ý][\w’'\-]*)\s+$")
# Searched only after the last character none of their matches can hold (see geomap.extract.tail): they run
# for every name found, and each would otherwise try the lexicon's alternations at every word of the text.
QUALIFIER_BEFORE_AT_END = TailPattern(_QUALIFIER_BEFORE)
_NAME_BEFORE_AT_END = TailPattern(_NAME_BEFORE)
_CUE_FILLER_AT_END = TailPattern(_CUE_FILLER)
_CUE_AT_END = TailPattern(_CUE)
#: What joins the names of a list: a comma, "and", "et", "ou", ", and".
_JOINER_WORDS = "|".join(w for w in _LEXICON.entries("mentions.list_joiners") if not w.startswith(","))
LIST_JOINER = r"\s*(?:,(?:\s*(?:" + _JOINER_WORDS + r")\b)?|\s(?:" + _JOINER_WORDS + r")\b)\s*"
#: One name of a list, up to four words (an Arabic article may open one: "al-Bab"); LISTED_NAME, with its joiner.
LIST_NAME = r"(?-i:[A-ZÀ-Ý]|[a-z]{1,3}-[A-ZÀ-Ý])[\w’'\-]*(?:\s+(?-i:[A-ZÀ-Ý]|[a-z]{1,3}-[A-ZÀ-Ý])[\w’'\-]*){0,3}"
LISTED_NAME = LIST_NAME + r"\s*" + LIST_JOINER
# "Antonivka, Sadove, Komyshany, and Kherson": a list of names, each after the joiner before it.
LIST_RUN = re.compile(r"(?<![\w’'\-])(?:" + LISTED_NAME + r")+" + LIST_NAME, re.I)
JOINER_WORD = re.compile(r"\s(?:" + _JOINER_WORDS + r")\s", re.I)
# "à Qazali, Tal Rif'at et Zarkan", "les villages d'Aitaroun et": the names of a list before this one.
LIST_JOINERS_AT_END = re.compile(LIST_JOINER + "$", re.I)
_LISTED_NAMES_AT_END = re.compile(r"(?:(?:(?<![\w’'\-])|(?<=\b[dl]['’]))" + LISTED_NAME + r")+$", re.I)
# Common nouns that head the names of sites written in lower case: "la zone verte", "l'ambassade américaine".
LANDMARK_HEADS = _LEXICON.words("mentions.landmark_heads")


def strip_fillers(text: str) -> str:
    """``text`` without the determiners, adjectives and possessive names it ends with."""
    while True:
        m = _CUE_FILLER_AT_END.search(text)
        if m is None or m.start() == m.end():
            return text
        text = text[: m.start()]


# A comma after a name, or after the part of the country in brackets: "A Homs (centre), ...".
_COMMA_AFTER_NAME = re.compile(r"(?:\s*\([^()]{1,30}\))?,")


def describe(unit: Sentence, start: int, end: int, *, article_id: str = "") -> Mention:
    """The mention of ``unit.text[start:end]`` with its qualifier and cue (also for names found by NER)."""
    sentence = unit.text
    text = sentence[start:end]
    q_start, q_end, hint = start, end, None
    before = QUALIFIER_BEFORE_AT_END.search(sentence[:start])
    if before and before.group("apposition") and (
        qualifier_hint(before) not in ("base", "airport", "locality") or sentence[end : end + 1] != ","
    ):
        before = None  # "struck an air base, Moscow said": only a name set between commas is the base's
    holder_of = _NAME_BEFORE_AT_END.search(sentence[: before.start()]) if before else None
    if before and _SUBDIVISION.match(before.group("q")) and not holder_of and _UNNAMED_PART.search(
        sentence[: before.start("q")]  # (a part with its own article is named: "un véhicule dans le district de Tyr")
    ):
        # "a residential area of Taiz": an unnamed part; the town is where it happened, its cue the part's.
        before = None
        prefix = start
    elif before and _SUBDIVISION.match(before.group("q")) and holder_of:
        # "the al-Jadriya district of Baghdad": Baghdad holds the district; it is where things happened when
        # the district is not known ("a strike in the Mezzeh district of Damascus"), its cue the district's.
        before = None
        prefix = holder_of.start()
    elif before:
        # The qualified text starts at the qualifier ("aéroport de Bagdad"), not at its article or adjectives.
        q_start, hint = before.start("q") if not before.group("apposition") else start, qualifier_hint(before)
        prefix = before.start()
    else:
        prefix = start
    site_in = _SITE_IN_AT_END.search(sentence[:start]) if before is None else None
    if site_in is not None:  # "the airport in the capital Mogadishu": the airport of Mogadishu
        q_start, hint, prefix = site_in.start("q"), qualifier_hint(site_in), site_in.start()
    if before is None and site_in is None:
        after = QUALIFIER_AFTER.match(sentence[end:])
        if after:
            q_end, hint = end + after.end(), qualifier_hint(after)
        elif (kind := KIND_IN_APPOSITION.match(sentence, end)) is not None:  # "in Herat, a western province"
            hint = qualifier_hint(kind)
    # (read across quotation marks: '"strikes that targeted the vicinity" of the town of Zahle')
    cue = _CUE_AT_END.search(strip_fillers(_QUOTE_MARKS.sub(" ", sentence[:prefix])))
    if before is None and LIST_JOINERS_AT_END.search(sentence[max(0, prefix - 16) : prefix]):
        # A name listed after names the gazetteer lacks takes the list's cue, as a list of known names does
        # (link_mentions): "des postes militaires à Qazali, Tal Rif'at et Zarkan" (not a site with its own
        # kind: "la base de Balad, au nord de Bagdad, ainsi que le camp de Taji").
        listed = _LISTED_NAMES_AT_END.search(sentence, max(0, prefix - 200), prefix)
        list_cue = _CUE_AT_END.search(strip_fillers(sentence[: listed.start()])) if listed else None
        if list_cue is not None:
            cue = list_cue
    cue_text = cue.group(1).lower() if cue else ""
    if not cue_text and sentence[:prefix] == "A " and _COMMA_AFTER_NAME.match(sentence, q_end):
        # "A Baqouba, une bombe a tué six civils", "A Homs (centre), l'explosion...": the French "À" without
        # its accent, as capitals are often written (an English "A" is an article, never before a name and
        # its comma).
        cue_text = "à"
    return Mention(
        article_id=article_id,
        text=text,
        start=start,
        end=end,
        sentence=unit,
        qualified_text=sentence[q_start:q_end],
        hint=hint,
        cue=cue_text,
    )


def link_mentions(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Carry a plural qualifier along an enumeration and mark containers ("X dans la province de Y")."""
    out = list(mentions)
    # "in Babil and Diwaniyah provinces": the plural qualifier after the last name names them all.
    plural = False
    for k in range(len(out) - 1, 0, -1):
        prev, cur = out[k - 1], out[k]
        plural = plural or bool(
            cur.hint and _PLURAL_QUALIFIER.search(sentence[cur.end : cur.qualified_span[1]])
        )
        if plural and prev.hint is None and _ENUMERATION.match(sentence[prev.end : cur.start]):
            out[k - 1] = replace(prev, hint=cur.hint)
        else:
            plural = False
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        gap = sentence[prev.end : cur.start]
        # ...also over the qualifiers of both: "on Idlib city and the towns of Binnish and Maarat Misrin".
        if _ENUMERATION.match(gap) or _ENUMERATION.match(sentence[prev.qualified_span[1] : cur.qualified_span[0]]):
            # "les provinces d'al-Diwaniyah et de Babil": Babil is a province too, and "in Baghdad,
            # Mosul and Kirkuk" puts all three after "in".
            out[k] = cur = replace(cur, hint=cur.hint or prev.hint, cue=prev.cue)
        elif (
            cur.hint == "admin1"
            and prev.hint != "admin1"
            and _CONTAINMENT.match(_OTHER_ROAD_END.sub("", gap, count=1))
        ):
            out[k - 1] = replace(prev, within=cur.text)
            out[k] = replace(cur, is_container=True)
        elif (
            prev.qualified_as(DISTRICT)
            and cur.qualified_as(VILLAGE)
            and _HOLDS_VILLAGES.match(sentence[prev.qualified_span[1] : cur.qualified_span[0]])
        ):
            # "dans le district de Tondikiwindi dans les villages de A et B": the district holds them.
            out[k - 1] = replace(prev, is_container=True)
            out[k] = replace(cur, within=cur.within or prev.text)
        elif POSSESSIVE.match(gap):
            # "Baghdad's heavily fortified Green Zone": Baghdad holds the place named after it.
            out[k - 1] = replace(prev, is_container=True)
            out[k] = replace(cur, within=cur.within or prev.text)
        elif _is_landmark(prev) and _PART_OF.match(sentence[prev.qualified_span[1] : cur.start]):
            # "la zone verte de Bagdad", "the al-Jadriya district of Baghdad", "US embassy in Baghdad".
            out[k - 1] = replace(prev, within=prev.within or cur.text)
            out[k] = replace(cur, is_container=True)
    return out


def _is_landmark(m: Mention) -> bool:
    """A site or a district, named as part of the town that follows it."""
    words = m.text.lower().split()
    if words and (words[0] in LANDMARK_HEADS or words[-1] in LANDMARK_HEADS):
        return True
    return m.hint == "locality" and m.qualified_text.lower().endswith(
        ("district", "neighbourhood", "neighborhood")
    )


DISTRICT = re.compile(r"\b" + _LEXICON.alt("qualifiers.districts") + r"\b", re.IGNORECASE)
_TOWN_PART = re.compile(r"\b" + _LEXICON.alt("qualifiers.town_parts") + r"\b", re.IGNORECASE)


def names_town_part(m: Mention) -> bool:
    """Whether the mention's qualifier calls it a part of a town ("al-Rawdah neighborhood", "quartier de")."""
    return m.qualified_as(_TOWN_PART)


VILLAGE = re.compile(r"\b" + _LEXICON.alt("qualifiers.villages") + r"\b", re.IGNORECASE)
# A holder named right after: "Khogyani, Ghani Khil and Behsud districts in Nangarhar" (locate.py weighs it).
_HOLDER_AFTER = re.compile(
    r"^\s*,?\s*" + _LEXICON.alt("locate.holder_prepositions")
    + r"\s+(?:" + _LEXICON.alt("locate.holder_determiners") + r")?(?:\w+\s+){0,2}[A-ZÀ-Ý]"
)


def names_district(m: Mention) -> bool:
    """Whether the mention's qualifier calls it a district ("the Nadir Shah Kot district", "district de") and
    the sentence names no holder right after it."""
    return m.qualified_as(DISTRICT) and _HOLDER_AFTER.match(m.sentence.text[m.qualified_span[1] :]) is None


def names_district_or_village(m: Mention) -> bool:
    """Whether the mention's qualifier calls it a district or a village ("district de", "X village")."""
    return names_district(m) or m.qualified_as(VILLAGE)
