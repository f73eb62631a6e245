"""Who claimed an attack, and whether a sentence only retells the attack a claim is about.

"Le groupe X a revendiqué l'attaque", "claimed by Y": the actor of the event just told; "X claimed
responsibility for the attack in Kunduz": a claim of an event already told, no event of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from geomap import lexicon
from geomap.extract.events import Trigger
from geomap.extract.starts import Prefiltered
from geomap.settings import Performance

_LEXICON = lexicon.load()

# Who claimed it (matched with case: a group's name is capitalised).
_NAME = r"[A-ZÀ-Ý][\w’'\-]+"
_PARTICLES = "|".join(_LEXICON.entries("events.claims.particles"))
_INNER = "|".join(
    [*_LEXICON.entries("events.claims.particles"), *_LEXICON.entries("events.claims.inner_particles")]
)
_CLAIM = re.compile(
    r"(?:" + _LEXICON.alt("events.claims.group_nouns") + r"\s+)?"
    r"(?P<actor>(?:" + _NAME + r"|al-" + _NAME + "|"
    + "|".join(_LEXICON.entries("events.claims.first_particles")) + "|" + _PARTICLES
    + r")(?:\s+(?:" + _NAME + r"|al-[A-ZÀ-Ý]?[\w’'\-]+|" + _INNER + r")){0,5})"
    r"\s+" + _LEXICON.alt("events.claims.auxiliaries") + r"\s+" + _LEXICON.alt("events.claims.claimed"),
)
_CLAIM_BY = re.compile(
    _LEXICON.alt("events.claims.claimed_by") + r"\s+" + _LEXICON.alt("events.claims.by_determiners") + "?"
    r"(?P<actor>" + _NAME + r"(?:\s+(?:" + _NAME + r"|al-[\w’'\-]+|"
    + "|".join(_LEXICON.entries("events.claims.by_particles")) + r")){0,5})"
)
_CLAIMED = re.compile(
    r"(?P<actor>(?:" + _NAME + r"|al-" + _NAME + r")"
    r"(?:\s+(?:" + _NAME + r"|al-[\w’'\-]+|" + _INNER + r")){0,5})"
    r"\s+" + _LEXICON.alt("events.claims.claims") + r"\s+" + _LEXICON.alt("events.claims.claimed_objects")
)


# Searched only in a sentence that holds the word of claiming each needs (see geomap.extract.starts).
_CLAIMS = (
    Prefiltered(_CLAIM, holds=re.compile(_LEXICON.alt("events.claims.claimed"))),
    Prefiltered(_CLAIM_BY),
    Prefiltered(_CLAIMED, holds=re.compile(_LEXICON.alt("events.claims.claims"))),
)


@lru_cache(maxsize=Performance.sentence_memo)
def claimed_by(sentence: str) -> str | None:
    lowered = sentence.lower()
    for pattern in _CLAIMS:
        m = pattern.search(sentence, lowered)
        if m:
            actor = m.group("actor").strip()
            if actor and actor[0].isupper() and actor.split()[0].lower() not in _NOT_ACTORS:
                return actor
    return None


_NOT_ACTORS = _LEXICON.words("events.claims.not_actors")
_RETOLD_CLAIM = re.compile(_LEXICON.alt("events.claims.retold"), re.IGNORECASE)
_PAST_CLAIM = re.compile(_LEXICON.alt("events.claims.past_claims"), re.IGNORECASE)
#: How far after the claimed attack its place may be named (characters): "the attack in Kunduz".
_CLAIMED_PLACE_CHARS = 30


def claims_retold_event(sentence: str, found: Sequence[Trigger], places: Sequence[int]) -> bool:
    """Whether the sentence's words of violence are only what a claim claims, and its places (their offsets)
    the claimed attack's: "X claimed responsibility for the attack in Kunduz" (the event the article told),
    "l'EI, qui avait revendiqué l'attentat de l'aéroport de Kaboul" (a group's past). Not "a revendiqué
    l'attaque survenue après celles menées contre deux convois dans la province de Babil": those are told
    here."""
    if not found:
        return False
    past = _PAST_CLAIM.search(sentence)
    if past is not None and all(t.start >= past.start() for t in found):
        return True
    claim = _RETOLD_CLAIM.search(sentence)
    return (
        claim is not None
        and all(t.start >= claim.start() for t in found)
        and all(claim.end() <= at <= claim.end() + _CLAIMED_PLACE_CHARS for at in places)
    )
