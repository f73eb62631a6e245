"""Decide which sentences report incidents, where each happened, what it was, when, and who claimed it.

A sentence reports an incident when it holds attack vocabulary (French or English) and names a place
that the sentence introduces as a location ("à X", "près de l'aéroport de X", "contre la base X",
"in/near/outside X"). Countries, containers ("dans la province de Y") and places in diplomatic settings
("conférence de presse à Bagdad", "talks in Washington") are mentions, not incident locations.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from geomap import settings
from geomap.dates import FoundDate, find_date, years_mentioned
from geomap.geo import haversine_km
from geomap.normalize import name_key
from geomap.records import Article, EventType, Incident, Mention, Resolution, ResolvedMention, Source

# -- event vocabulary ---------------------------------------------------------------------------------
# Ordered from the most specific weapon to the least: the first family found names the event.
_TRIGGER_PATTERNS: tuple[tuple[EventType, str], ...] = (
    (
        "air_drone_strike",
        r"\bdrones?\b|\bfrappes?\b(?!\s+(?:de\s+)?(?:roquettes?|missiles?|d['’]artillerie))|\bfrapp[ée]e?s?\b"
        r"|\braids?\s+a[ée]riens?|\bbombardements?\s+a[ée]riens?|\bavions?\s+de\s+(?:combat|chasse)"
        r"|\bair\s*strikes?\b|\bairstrikes?\b|\bair\s+raids?\b|\bdrone\s+strikes?\b|\bwarplanes?\b"
        r"|\bstrikes?\b(?=\s+(?:on|against|in|near|at|targeting|hit))|\bstruck\b|\bUAVs?\b|\bhélicoptères?\s+de\s+combat",
    ),
    (
        "shelling",
        r"\broquettes?\b|\brockets?\b|\bobus\b|\bmortiers?\b|\bmortars?\b|\bmissiles?\b|\bartillerie\b"
        r"|\bartillery\b|\bkatyushas?\b|\bkatioucha|\bshell(?:s|ing|ed)\b|\bbombardements?\b|\bbombarded\b"
        r"|\bprojectiles?\b|\btirs?\s+indirects?",
    ),
    (
        "ied",
        r"\bengins?\s+explosifs?|\bbombes?\b|\bIEDs?\b|\broadside\b|\bexplosive\s+devices?"
        r"|\bvoitures?\s+pi[ée]g[ée]es?|\bcar\s+bombs?|\bbooby[- ]trap|\bmines?\s+(?:terrestres?|antichars?)"
        r"|\blandmines?\b|\bexplos(?:ion|ions|é|ée|és|ées|er|e|ive|ives)\b|\bexploded\b|\bblasts?\b|\bdétonation",
    ),
    (
        "armed_clash",
        r"\baffrontements?\b|\bcombats?\b(?!tants?)|\baccrochages?\b|\béchanges?\s+de\s+tirs|\bclash(?:es|ed)?\b"
        r"|\bfirefights?\b|\bgun\s*battles?\b|\bgunfights?\b|\bfighting\b|\bexchanges?\s+of\s+fire",
    ),
    (
        "attack",
        r"\battaqu(?:e|es|é|ée|és|ées|er|ait|aient)\b|\bpris(?:e|es)?\s+pour\s+cibles?|\bprise\s+pour\s+cible"
        r"|\bcibl(?:e|é|ée|és|ées|ant|aient|ait)\b|\bvis(?:é|ée|és|ées)\b|\bassauts?\b|\bembuscades?\b"
        r"|\bassassinats?\b|\bassassin(?:é|ée|és|ées)\b|\btu(?:é|ée|és|ées)\b|\bbless(?:é|ée|és|ées)\b"
        r"|\bincendi(?:é|ée|és|ées)\b|\battack(?:s|ed|ing)?\b|\btargeted\b|\btargeting\b|\bambush(?:ed|es)?\b"
        r"|\bassault(?:s|ed)?\b|\bkill(?:ed|ing)\b|\bwounded\b|\binjured\b|\bassassinat(?:ed|ion)\b|\braids?\b|\bstorm(?:ed)\b"
        r"|\bcame\s+under\s+fire|\bopened\s+fire|\bouvert\s+le\s+feu|\bsous\s+le\s+feu",
    ),
)
_TRIGGERS = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in _TRIGGER_PATTERNS)
# Words that make a sentence speak of what did not (or not yet) happen there.
_NOT_EVENT = re.compile(
    r"\b(?:menac(?:e|es|é|ent|ait)\s+de|pourrai(?:t|ent)|threat(?:en|ens|ened)\s+to|could|would|vow(?:s|ed)?\s+to"
    r"|pr[ée]vien[ts]|warn(?:s|ed)?\s+of|si\s+jamais|en\s+cas\s+d)\b",
    re.IGNORECASE,
)
# What introduces a place where something happened.
_LOCATIVE = re.compile(
    r"(?:^|\s)(?:à|a|au|aux|dans|en|près\s+de|près\s+d['’]|pres\s+de|non\s+loin\s+de|aux\s+abords\s+de|contre"
    r"|sur|vers|depuis|cœur\s+de|coeur\s+de|centre\s+de|nord\s+de|sud\s+de|est\s+de|ouest\s+de|périphérie\s+de"
    r"|environs\s+de|région\s+de|secteur\s+de|l['’]?entrée\s+de|at|in|near|outside|on|against|into|around"
    r"|north\s+of|south\s+of|east\s+of|west\s+of|(?:north|south)(?:east|west)\s+of|targeting|hit|hitting"
    r"|struck|visant|ciblant|frappant|province\s+of|outskirts\s+of|heart\s+of|centre\s+of|center\s+of)\s*$",
    re.IGNORECASE,
)
# Settings that make a place a venue of talk, not a scene of violence.
_VENUE = re.compile(
    r"\b(?:conf[ée]rences?\s+de\s+presse|pourparlers|n[ée]gociations?|r[ée]unions?|sommets?|forums?|visite"
    r"|entretiens?|talks|meetings?|summit|conference|visit(?:ed|ing)?|negotiations?|ambassadeurs?|ambassador"
    r"|s['’]exprimant|speaking|d[ée]clar[ée]|said|a\s+d[ée]clar[ée]|interview)\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
_CLAIM = re.compile(
    r"(?:(?:le\s+groupe|la\s+milice|le\s+mouvement|the\s+group|the\s+militia)\s+)?"
    r"(?P<actor>(?:[A-ZÀ-Ý][\w’'\-]+|al-[A-ZÀ-Ý][\w’'\-]+|d['’]\w+|de|du|des|of)(?:\s+(?:[A-ZÀ-Ý][\w’'\-]+|al-[A-ZÀ-Ý]?[\w’'\-]+|de|du|des|of|the)){0,5})"
    r"\s+(?:a|ont|avait|avaient|has|have|had)\s+(?:revendiqu[ée]|claimed)",
)
_CLAIM_BY = re.compile(
    r"(?:revendiqu[ée]e?s?\s+par|claimed\s+by)\s+(?:le\s+groupe\s+|la\s+milice\s+|the\s+group\s+|the\s+)?"
    r"(?P<actor>[A-ZÀ-Ý][\w’'\-]+(?:\s+(?:[A-ZÀ-Ý][\w’'\-]+|al-[\w’'\-]+|de|du|of)){0,5})"
)


def event_type(sentence: str) -> EventType | None:
    """The incident type the sentence's vocabulary names, or None when it reports no violence."""
    for kind, pattern in _TRIGGERS:
        if pattern.search(sentence):
            return kind
    return None


def claimed_by(sentence: str) -> str | None:
    for pattern in (_CLAIM, _CLAIM_BY):
        m = pattern.search(sentence)
        if m:
            actor = m.group("actor").strip()
            if actor and actor[0].isupper():
                return actor
    return None


def is_event_location(mention: Mention, place: Resolution) -> bool:
    """Whether the sentence introduces this place as where something happened."""
    if mention.is_container or place.precision == "country":
        return False
    before = mention.sentence[: mention.start - (len(mention.qualified_text) - len(mention.text))]
    if _VENUE.search(before[-80:]):
        return False
    if mention.hint in ("base", "airport"):
        return True  # a base or an airport named in a violent sentence is the target
    return bool(_LOCATIVE.search(" " + mention.cue))


# -- per article ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Located:
    """A mention with the place it resolved to."""

    mention: Mention
    place: Resolution


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceEvents:
    index: int
    kind: EventType
    date: FoundDate | None
    located: tuple[Located, ...]
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
    events: list[SentenceEvents] = []
    previous: SentenceEvents | None = None
    for index, text, in_related in sentences:
        kind = event_type(text)
        places = tuple(loc for loc in located.get(index, []) if is_event_location(loc.mention, loc.place))
        if kind is None or not places or _NOT_EVENT.search(text):
            previous = None
            continue
        last_year = _last_year_before(article.body, text, years)
        date = (
            None
            if in_related
            else find_date(
                text,
                lang=article.lang,
                published=article.published,
                years_in_text=years,
                last_year_before=last_year,
                near=places[0].mention.start,  # the date nearest the place
            )
        )
        if date is None and previous is not None and previous.date is not None and not in_related:
            date = previous.date  # "l'attaque survenue peu après celles menées contre...": the same day
        actor = claimed_by(text)
        current = SentenceEvents(
            index=index, kind=kind, date=date, located=places, actor=actor, in_related=in_related
        )
        if actor and previous is not None and previous.actor is None and previous.index == index - 1:
            # "Le groupe X a revendiqué l'attaque": the attack of the sentence before.
            events[-1] = replace(previous, actor=actor)
        events.append(current)
        previous = current
    out: list[Incident] = []
    for ev in events:
        for loc in ev.located:
            src = source_of(
                article, quote=loc.mention.sentence.strip(), place_text=loc.mention.qualified_text
            )
            date_value = ev.date.value if ev.date else None
            out.append(
                Incident(
                    id=incident_id(article.id, str(ev.index), loc.place.gazetteer_id, ev.kind),
                    event_type=ev.kind,
                    date=date_value,
                    date_precision=ev.date.precision if ev.date else "unknown",
                    place_text=loc.mention.text,
                    place=loc.place,
                    actor=ev.actor,
                    sources=(src,),
                    optional=ev.in_related,
                )
            )
    return merge_incidents(out)


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


def merge_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    """One incident per event: reports of the same event (in one article or several) become its sources."""
    merged: list[Incident] = []
    for inc in sorted(incidents, key=lambda i: (i.optional, i.id)):
        for k, existing in enumerate(merged):
            if same_event(existing, inc) and not _same_article_distinct(existing, inc):
                merged[k] = _merge(existing, inc)
                break
        else:
            merged.append(inc)
    return sorted(merged, key=lambda i: i.id)


def _same_article_distinct(a: Incident, b: Incident) -> bool:
    """Two dated reports in one article at one place on different days are two events, not one."""
    same_article = {s.article_id for s in a.sources} & {s.article_id for s in b.sources}
    return bool(same_article) and a.date is not None and b.date is not None and a.date != b.date


def place_key(text: str) -> str:
    return name_key(text)
