"""The event vocabulary: which words say that something violent happened, of what type, and who claimed it.

Tiered: a weapon the sentence names (tier 0) says more than a generic strike verb (tier 1), which says
more than a weapon that can be fired from the air or the ground or an explosion of unknown cause (tier 2),
which says more than a word of violence (tier 3). Within the best tier present, the trigger nearest the
place names its event: "air strikes in Syria in retaliation for a rocket attack on Erbil airport" is a
rocket attack at Erbil.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.records import EventType
from geomap.settings import Extraction

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


def event_type_at(
    sentence: str,
    position: int,
    found: Sequence[Trigger] | None = None,
    *,
    penalties: Sequence[int] = Extraction().tier_penalty_chars,
) -> EventType | None:
    """The type the sentence gives the place at ``position``: its nearest trigger, a named weapon winning
    over a strike verb and either over a word of violence unless much nearer ("les frappes, riposte à
    l'attentat d'Istanbul": the attack at Istanbul). ``penalties`` are the characters of distance each
    tier of vagueness costs."""
    found = triggers(sentence) if found is None else found
    if not found:
        return None

    def cost(t: Trigger) -> tuple[int, int]:
        distance = min(abs(t.start - position), abs(t.end - position))
        return distance + penalties[t.tier], t.tier

    return min(found, key=cost).kind


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
