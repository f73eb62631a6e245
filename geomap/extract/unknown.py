"""Names the gazetteer does not know, as a sentence gives them: a place geomap cannot draw, and the known
places that only hold it ("à Sévaré dans la région de Mopti", "Prde town in Kirkuk") or say where it lies
("in Hareb district, south of Marib"), or tell that the sentence's event has a place of its own ("two dead
in a strike on Deir Billa")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap import lexicon
from geomap.extract.dates import CALENDAR_WORDS
from geomap.extract.gaps import REFERENCE_GAP
from geomap.extract.mentions import STOP_WORDS, names_people
from geomap.extract.offsets import measured_km
from geomap.extract.qualifiers import strip_fillers
from geomap.places.names import QUALIFIER_KINDS
from geomap.records import Sentence

if TYPE_CHECKING:
    from geomap.extract.locate import Located

_LEXICON = lexicon.load()


def _alt(key: str) -> str:
    return _LEXICON.alt(f"locate.{key}")


# "Sévaré dans la région de Mopti": a region named after a place holds it, known or not (a whole word: the
# "Yem" of "the Yemeni province of" is no name followed by "en").
_REGION_OF_NAME_BEFORE = re.compile(
    r"(?P<name>(?-i:[A-ZÀ-Ý][\w’'\-]+))(?![\w’'\-])(?:\s*,?\s*(?:" + _alt("holder_adverbs") + r"\s+)?"
    + _alt("holder_prepositions") + r"\s*"
    + _alt("holder_determiners") + r"?(?:[a-zà-ÿ]+\s+)?" + _alt("regions") + r"(?:\s+[a-zà-ÿ]+)?\s+" + _alt("of")
    + r")\s*$",
    re.IGNORECASE,
)


# "on the outskirts of Prde town in Kirkuk": a name its kind of place marks as one, then the place holding it.
_KIND_OF_NAME_BEFORE = re.compile(
    r"(?P<name>(?-i:[A-ZÀ-Ý][\w’'\-]+))\s+" + _alt("place_kinds_after") + r"\s*,?\s*"
    + _alt("kind_holder_prepositions") + r"\s*" + _alt("holder_determiners") + r"?$",
    re.IGNORECASE,
)


def holds_unknown_place(loc: Located, located: Sequence[Located]) -> bool:
    """ "à Sévaré dans la région de Mopti", "Prde town in Kirkuk": a region or town after a name the gazetteer
    does not know (a known one is weighed by the holder rule of :func:`locate.event_locations`; "en Syrie,
    dans la région d'Abou Kamal" names a country)."""
    text = loc.mention.sentence.text
    before = text[: loc.mention.start]
    m = _REGION_OF_NAME_BEFORE.search(before) or _KIND_OF_NAME_BEFORE.search(before)
    return (
        m is not None
        and not _opens_with_day(m.group("name"))  # "exploded on Friday in the province of Anbar"
        and m.group("name").lower() not in STOP_WORDS  # "Enfin, dans la province de Wardak"
        and unknown_name(text, m.start("name"), m.end("name"), located)
    )


# A name after a preposition of place: "a strike on Deir Billa", "à Sévaré".
# Each language's own prepositions: the English article "a" is the French "a" of "a Kharkiv".
_PLACE_NAME_AFTER_LOCATIVE = {
    code: re.compile(
        r"(?:^|\s)(?:" + "|".join(_LEXICON.entries_of(code, "locate.locative")) + r")\s+(?:"
        + "|".join(_LEXICON.entries_of(code, "mentions.determiners")) + r")?\s*"
        r"(?P<name>(?-i:[A-ZÀ-Ý][\w’'\-]*(?:\s+[A-ZÀ-Ý][\w’'\-]*)*))",
        re.IGNORECASE,
    )
    for code in _LEXICON.codes
    if "locative" in _LEXICON.of(code).get("locate", {})
}


def names_unknown_place(sentence: Sentence, located: Sequence[Located], *, lang: str) -> bool:
    """Whether the sentence puts something at a name the gazetteer does not know ("two dead in an Israeli
    strike on Deir Billa"): its event has a place, only not one geomap can draw."""
    text = sentence.text
    pattern = _PLACE_NAME_AFTER_LOCATIVE.get(lang)
    return pattern is not None and any(
        not _opens_with_day(m.group("name"))
        and unknown_name(text, m.start("name"), m.end("name"), located)
        for m in pattern.finditer(text)
    )


def _opens_with_day(name: str) -> bool:
    """Whether a capitalised "name" is a day or a month ("Friday in the province of Anbar"), no place."""
    return name.split()[0].lower() in CALENDAR_WORDS


def unknown_name(text: str, start: int, end: int, located: Sequence[Located]) -> bool:
    """Whether ``text[start:end]`` may be a place the gazetteer does not know: no person or group ("attacked
    by Al-Shabaab in the region of"), no place the sentence's mentions already name."""
    return not names_people(text, start, end) and not any(o.mention.start <= start < o.mention.end for o in located)


_NAME = re.compile(r"(?-i:[A-ZÀ-Ý][\w’'\-]+)")
# A bearing or a distance says a place is where another lies from: "Awdhegle, 30 km from Baidoa".
_BEARING_OR_DISTANCE = re.compile(
    r"\b" + _alt("compass_points") + r"|\d\s*" + _alt("units") + r"\b", re.IGNORECASE
)
# The kind of the place before its landmark: "in Hareb district, south of Marib".
_KIND_AFTER = re.compile(r"^\s+" + _alt("landmark_kinds_after") + r"\b", re.IGNORECASE)


#: A place the gazetteer lacks, told this near (km) a town it knows, happened at the town, as an analyst
#: codes a village too small to find at the nearest town.
NEAR_LANDMARK_KM = 10.0


def landmark_of_unknown_place(loc: Located, located: Sequence[Located]) -> bool:
    """ "Le camp de Dioura, à l'est de la capitale régionale Mopti": the town is where the place the
    gazetteer does not know lies from, no place of the attack (a known one is weighed in event_locations)."""
    if loc.place.precision == "approximate":
        return False  # "Laanta Buur, about 40 km west of Mogadishu": placed out there by its distance and bearing
    if (km := measured_km(loc.mention)) is not None and km <= NEAR_LANDMARK_KM:
        return False  # "the village of Yebi, 4 km from Bosso": as near as a town's own outskirts
    text = loc.mention.sentence.text
    at = loc.mention.qualified_span[0]
    before = text[max(0, at - 80) : at]
    names = list(_NAME.finditer(before))
    if not names or names[-1].group().isupper():
        return False  # "un drone US près de l'aéroport": an abbreviation, no place
    name = names[-1]
    start = at - len(before) + name.start()
    gap = before[name.end() :]
    kind = _KIND_AFTER.match(gap)  # "in Hareb district, south of Marib": the name's kind first
    gap = gap[kind.end() :] if kind else gap
    return (
        gap.lstrip().startswith((",", "("))  # "Dioura, à l'est de": the landmark in apposition
        # (a bearing, a distance or a bracket: "Sorobi (près de Mopti", not "Trump, près de l'aéroport")
        and (_BEARING_OR_DISTANCE.search(gap) is not None or gap.lstrip().startswith("("))
        and bool(REFERENCE_GAP.match(strip_fillers(gap)))
        and unknown_name(text, start, start + len(name.group()), located)
    )


def _site_name(group: str) -> str:
    return f"(?P<{group}>" + r"(?-i:[A-ZÀ-Ý][\w’'\-]+(?:\s+[A-ZÀ-Ý][\w’'\-]+){0,2}))"


# "le village de Hass", "the town of Khalidiyah", "in Ahwar district", "the rugged area of Mteibijah": a
# populated place (or the area around one) named as such, its kind before or after it.
_NAMED_SITE = re.compile(
    r"\b(?:" + _LEXICON.alt("qualifiers.before.locality") + "|" + _LEXICON.alt("qualifiers.before.area") + r")\s+"
    + _LEXICON.alt("mentions.qualifier_of") + _site_name("name")
    # ...or a camp or base so named ("stormed Dioura army camp in the Mopti region")
    + "|" + _site_name("before_kind") + r"\s+(?:" + _LEXICON.alt("qualifiers.after.locality")
    + "|" + _LEXICON.alt("qualifiers.after.base") + r")\b",
    re.IGNORECASE,
)

# A qualifier is no name, capitalised or not: "une ville de l'Etat de Kaduna" names the state, no town "Etat".
_QUALIFIER_WORD = re.compile(
    "|".join(_LEXICON.alt(f"qualifiers.before.{kind}") for kind in QUALIFIER_KINDS), re.IGNORECASE
)


def unknown_sites(sentence: Sentence, located: Sequence[Located]) -> list[str]:
    """The populated places the sentence names as such ("le village de Hass", "the town of Khalidiyah",
    "Ahwar district") that the gazetteer does not know: the event has a place of its own, which a province
    named around it only holds."""
    text = sentence.text
    out = []
    for m in _NAMED_SITE.finditer(text):
        group = "name" if m.group("name") else "before_kind"
        start, end = m.span(group)
        name = m.group(group)
        first = name.split()[0]
        if _QUALIFIER_WORD.fullmatch(first) or _opens_with_day(name) or first.lower() in STOP_WORDS:
            continue
        if unknown_name(text, start, end, located):
            out.append(name)
    return out


def names_site_of_its_own(sentence: Sentence, told: Sentence) -> bool:
    """Whether a sentence that tells no event's place names a populated place as such ("the village of X")
    that the sentence ``told`` before does not: its toll is that place's ("three people were shot dead in the
    village of Bool-Kiiba" after six killed at Pissele), not the toll of the event just told."""
    return any(name not in told.text for name in unknown_sites(sentence, []))
