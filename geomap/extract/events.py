"""The event vocabulary: which words say that something violent happened, of what type, and who claimed it.

Tiered: a weapon the sentence names (tier 0) says more than a generic strike verb (tier 1), than a weapon
fired from the air or the ground or an explosion of unknown cause (tier 2), than a word of violence (tier 3).
Within the best tier present, the trigger nearest the place names its event: "air strikes in Syria in
retaliation for a rocket attack on Erbil airport" is a rocket attack at Erbil.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geomap import lexicon
from geomap.extract.memo import per_sentence
from geomap.extract.starts import Prefiltered
from geomap.records import EventType
from geomap.settings import Extraction, Performance

_LEXICON = lexicon.load()
#: The tiers of the vocabulary (lexicon tables events.<tier>), most telling first.
TIERS = ("weapon", "strike", "ambiguous", "violence", "casualties")
#: Within a tier, the type listed first wins when a sentence names several.
TYPE_ORDER: tuple[EventType, ...] = (
    "air_drone_strike", "suicide_bomb", "shelling", "ied", "grenade", "armed_clash", "attack", "other"
)


def _trigger_patterns() -> tuple[tuple[int, EventType, Prefiltered], ...]:
    out = []
    for tier, name in enumerate(TIERS):
        table = _LEXICON.mapping(f"events.{name}")
        for kind in TYPE_ORDER:
            if kind in table:
                pattern = re.compile("|".join(_LEXICON.entries(f"events.{name}.{kind}")), re.I)
                # Not searched in a sentence that holds none of the words its entries start with.
                out.append((tier, kind, Prefiltered(pattern)))
    return tuple(out)


_TRIGGERS = _trigger_patterns()
# Words that make a sentence speak of what did not (or not yet) happen there.
_NOT_EVENT = re.compile(r"\b" + _LEXICON.alt("events.not_event") + r"\b", re.IGNORECASE)
# A habit, not an event: "Ankara mène régulièrement des frappes dans la région de Makhmour" (when undated).
_HABITS = _LEXICON.alt("events.habitual") + "|" + _LEXICON.alt("events.since_campaign")
_HABITUAL = re.compile(r"\b(?:" + _HABITS + r")\b", re.IGNORECASE)
# Condemning attacks in general ("a condamné les attaques contre les missions diplomatiques à Bagdad").
_GENERIC_CONDEMNATION = re.compile(
    r"\b" + _LEXICON.alt("events.condemn") + r"\w*\s+(?:\w+\s+){0,2}?"
    + _LEXICON.alt("events.general_determiners") + "?" + _LEXICON.alt("events.general_events") + r"\b",
    re.IGNORECASE,
)
@dataclass(frozen=True, slots=True)
class Trigger:
    """A word of the event vocabulary found in a sentence: where, what family, how telling."""

    start: int
    end: int
    kind: EventType
    tier: int


@per_sentence
def triggers(sentence: str) -> list[Trigger]:
    """Every event word of the sentence, in order.

    A strike verb whose subject names the weapon says nothing of its own: "an explosion struck a depot",
    "a roadside bomb struck a patrol", "a missile launched by the militia struck a residential area" (the
    missile says what it was).
    """
    lowered = sentence.lower()
    found = [
        Trigger(m.start(), m.end(), kind, tier)
        for tier, kind, pattern in _TRIGGERS
        for m in pattern.finditer(sentence, lowered)
    ]
    subjects = [t for t in found if t.kind in ("ied", "shelling", "armed_clash") and t.tier <= _AMBIGUOUS]
    # "Gunmen struck the village", "des assaillants ont frappé le village": men on the ground, an attack.
    named = (m for p in (_ATTACKERS, _GROUND_GROUPS) for m in p.finditer(sentence))
    attackers = [m for m in named if m.end() < len(sentence)]
    found = [
        Trigger(t.start, t.end, "attack", _VIOLENCE)
        if _STRIKE_VERB.fullmatch(sentence[t.start : t.end])
        and any(a.end() <= t.start and _SUBJECT_GAP.fullmatch(sentence[a.end() : t.start]) for a in attackers)
        else t
        for t in found
    ]
    found = [
        t
        for t in found
        if not (
            _STRIKE_VERB.fullmatch(sentence[t.start : t.end])
            and any(
                s.end <= t.start
                and _SUBJECT_GAP.fullmatch(sentence[s.end : t.start])
                for s in subjects
            )
        )
    ]
    return _not_fled(sentence, sorted(found, key=lambda t: (t.start, t.tier)))


# "...qui avaient fui les frappes et les combats": the flight, then its objects joined by determiners and
# "and".
_FLED_GAP = r"(?:\s*\b" + _LEXICON.alt("events.fled_gap") + r"(?![\w\-]))*\s*"
_FLED = re.compile(r"\b" + _LEXICON.alt("events.fled") + _FLED_GAP + "$", re.IGNORECASE)
_GAP_ONLY = re.compile(_FLED_GAP, re.IGNORECASE)


def _not_fled(sentence: str, found: list[Trigger]) -> list[Trigger]:
    """The triggers but what people fled ("fled the strikes and the fighting"): no event of the sentence."""
    if _FLIGHT.search(sentence) is None:
        return found  # (most sentences: no word of flight to look for before each trigger)
    out, fled_end = [], -1
    for t in found:
        if (fled_end >= 0 and _GAP_ONLY.fullmatch(sentence, fled_end, t.start)) or _FLED.search(
            sentence, max(0, t.start - 60), t.start
        ):
            fled_end = t.end
        else:
            out.append(t)
    return out


_STRIKE_VERB = re.compile(_LEXICON.alt("events.strike_verbs"), re.IGNORECASE)
_ATTACKERS = re.compile(r"\b" + _LEXICON.alt("events.attackers") + r"\b", re.IGNORECASE)
_GROUND_GROUPS = re.compile(r"\b" + _LEXICON.alt("events.ground_groups") + r"\b", re.IGNORECASE)
_GUNMEN = re.compile(r"\b" + _LEXICON.alt("events.gunmen") + r"\b", re.IGNORECASE)
_VIOLENCE = TIERS.index("violence")
# The rest of the subject: "a missile launched by the Iran-backed Houthi militia struck" (no comma).
_SUBJECT_GAP = re.compile(
    r"\s+(?:[\w’'\-]+\s+){0,8}?(?:" + _LEXICON.alt("events.claims.auxiliaries") + r"\s+)?", re.IGNORECASE
)
_AMBIGUOUS = AMBIGUOUS_TIER = TIERS.index("ambiguous")
CASUALTIES_TIER = TIERS.index("casualties")
# (what an attack answers is another event, typed by its own words: "fired rockets at X in retaliation for an
# air strike on Y")
_BREAKS = "|".join(
    _LEXICON.alt(key) for key in ("events.clause_breaks", "events.earlier_event", "locate.in_response")
)
_CLAUSE_BREAK = re.compile(r"(?:\b|(?=;))(?:" + _BREAKS + r")", re.IGNORECASE)
# "...hours after two blasts in Y", "au lendemain d'un attentat": what follows is an earlier event.
_EARLIER_EVENT = re.compile(r"\b" + _LEXICON.alt("events.earlier_event"), re.IGNORECASE)
_WEAPON, _STRIKE = TIERS.index("weapon"), TIERS.index("strike")
_AIRCRAFT = Prefiltered(re.compile(_LEXICON.alt("events.aircraft"), re.IGNORECASE))
_AIR_FORCES = re.compile(_LEXICON.alt("events.air_forces"))


_ALSO = re.compile(r"\b" + _LEXICON.alt("merge.also") + r"\b", re.IGNORECASE)


def tells_attackers_died_too(text: str) -> bool:
    """Whether the sentence names the armed men with "also" ("tous les six assaillants ont également été
    tués", "the militants also killed three guards"): its dead add to those of the event just told."""
    return _ALSO.search(text) is not None and names_attackers(text)


_GROUND_ASSAULT = re.compile(r"\b" + _LEXICON.alt("events.ground_assault") + r"\b", re.IGNORECASE)


def names_ground_assault(text: str) -> bool:
    """Whether the text tells of a ground assault ("tried to overrun a post", "ont pris d'assaut le camp")."""
    return _GROUND_ASSAULT.search(text) is not None


def names_gunmen(text: str) -> bool:
    """Whether the text names armed men on foot ("gunmen", "des hommes armés"), who are never bombed."""
    return _GUNMEN.search(text) is not None


def names_attackers(text: str) -> bool:
    """Whether the text names armed men ("gunmen", "fighters", "des jihadistes"): what they did is violence
    even in words the triggers do not know ("fighters raided a compound")."""
    return _ATTACKERS.search(text) is not None


def names_what_struck(text: str) -> bool:
    """Whether the text names a weapon, a strike or an explosion, not only violence or its toll."""
    return any(t.tier <= _AMBIGUOUS for t in triggers(text))


# Asked of each sentence by every article-wide reading (missiles, strikes, ships) and again by the assembly.
@lru_cache(maxsize=Performance.sentence_memo)
def names_aircraft(text: str) -> bool:
    """Whether the text names aircraft: then its missiles were fired from the air (ACLED's Air/drone
    strike), else they are a missile attack (Shelling/artillery/missile attack)."""
    return _AIRCRAFT.search(text, text.lower()) is not None


def missiles_of(sentences: Sequence[str]) -> EventType:
    """What a missile is in an article: an air strike when one sentence names aircraft and missiles
    together ("missiles launched by Israeli warplanes"), else a missile attack. Aircraft named apart
    ("the US launched airstrikes on the Houthis, who fired missiles at ships") fired none of them."""
    together = any(
        names_aircraft(text) and any(t.tier == _AMBIGUOUS and t.kind == "shelling" for t in triggers(text))
        for text in sentences
    )
    return "air_drone_strike" if together else "shelling"


# "Raid", in the languages whose news calls an air raid so ("un raid similaire au nord de Sanaa").
_AIR_RAID = re.compile(_LEXICON.alt("events.air_raids"), re.IGNORECASE)
_AIR_RAID_LANGUAGES = frozenset(
    code for code in _LEXICON.codes if _LEXICON.entries_of(code, "events.air_raids")
)


def raids_of(sentences: Sequence[str], *, lang: str) -> EventType:
    """What a raid the sentence does not say is aerial is in an article: an air strike in French news of an
    article that names aircraft ("les avions ont mené douze raids"), else an attack (English "raids" are
    mostly on the ground, as are raids told where nothing flies: "un raid d'hommes armés à moto")."""
    flying = lang in _AIR_RAID_LANGUAGES and any(names_aircraft(text) for text in sentences)
    return "air_drone_strike" if flying else "attack"


def _as_raids(found: Sequence[Trigger], sentence: str, raids: EventType) -> Sequence[Trigger]:
    """The triggers, a raid word among them read as ``raids`` says (a strike when from the air)."""
    if raids == "attack":
        return found
    return [
        Trigger(t.start, t.end, raids, _STRIKE)
        if t.kind == "attack" and _AIR_RAID.fullmatch(sentence, t.start, t.end)
        else t
        for t in found
    ]


def strikes_of(sentences: Sequence[str]) -> EventType:
    """What an article's strikes are when a sentence names no weapon ("frappes russes sur Odessa"): missile
    attacks when the article names missiles and nothing that flies (no aircraft, drone or air strike),
    else air strikes. ACLED's codebook puts a missile fired from the ground under Shelling/artillery/missile
    attack; rockets are left out, because the other side's rockets are often told beside air strikes."""
    missiles = flying = False
    for text in sentences:
        flying = flying or names_aircraft(text)
        for t in triggers(text):
            missiles = missiles or (t.tier == _AMBIGUOUS and t.kind == "shelling")
            flying = flying or (t.tier == _WEAPON and t.kind == "air_drone_strike")
    return "shelling" if missiles and not flying else "air_drone_strike"


_VESSELS = re.compile(r"\b" + _LEXICON.alt("events.vessels") + r"\b", re.IGNORECASE)


def names_vessel(text: str) -> bool:
    """Whether the text names a ship ("un navire", "a tanker")."""
    return _VESSELS.search(text) is not None


_ARMED_TARGETS = re.compile(r"\b" + _LEXICON.alt("events.armed_targets") + r"\b", re.IGNORECASE)
# "du matériel logistique pour les troupes américaines": the troops a convoy supplies were not attacked.
_NOT_ARMED_TARGET = re.compile(
    r"\b" + _LEXICON.alt("events.armed_target_not_after") + r"\s+(?:[\w’'\-]+\s+){0,2}$", re.IGNORECASE
)


# Asked by the assembly of each event's sentence, and of the same sentences from article to article (as are
# claimed_by and is_reported_event): pure functions of the text.
@lru_cache(maxsize=Performance.sentence_memo)
def names_armed_target(text: str) -> bool:
    """Whether the text names soldiers, police or a military post among those attacked: then an attack with
    no weapon fired from afar is a battle (ACLED's Armed clash); its "Attack" is violence against civilians."""
    return any(
        not _NOT_ARMED_TARGET.search(text[: m.start()]) for m in _ARMED_TARGETS.finditer(text)
    )


def vessel_attacks_of(sentences: Sequence[str]) -> EventType | None:
    """What "a ship was attacked" is in an article: its missiles when it names missiles (a missile attack, or
    an air strike when fired from aircraft), else a drone strike when it names drones, else None (nothing
    says how). Ships are struck from afar: ACLED codes the attacks on shipping by their weapon."""
    found = [t for text in sentences for t in triggers(text)]
    if any(t.tier == _AMBIGUOUS and t.kind == "shelling" for t in found):
        return missiles_of(sentences)
    if any(t.tier == _WEAPON and t.kind == "air_drone_strike" for t in found):
        return "air_drone_strike"
    return None


_AERIAL_BOMBS = re.compile(_LEXICON.alt("events.aerial_bombs"), re.IGNORECASE)
_PLAIN_BOMBS = re.compile(_LEXICON.alt("events.plain_bombs"), re.IGNORECASE)
_PLANTED = re.compile(_LEXICON.alt("events.planted"), re.IGNORECASE)


def aerial_bombs_of(sentences: Sequence[str]) -> bool:
    """Whether an article's bombs fall from the air: it names guided, glide or barrel bombs and no planted
    one. ACLED codes a bomb dropped from an aircraft an Air/drone strike, not a remote explosive."""
    return any(_AERIAL_BOMBS.search(t) for t in sentences) and not any(_PLANTED.search(t) for t in sentences)


def names_plain_bomb(text: str) -> bool:
    """Whether the text names bombs and nothing that says they were planted ("Russian bombs kill three")."""
    return _PLAIN_BOMBS.search(text) is not None and _PLANTED.search(text) is None


def names_air_power(text: str) -> bool:
    """Whether the text names aircraft or an army whose missiles come from its aircraft."""
    return names_aircraft(text) or _AIR_FORCES.search(text) is not None


def missiles_in(sentence: str, article: EventType) -> EventType:
    """What a missile is in this sentence: fired from the aircraft it names or by an army whose missiles
    come from its aircraft ("Israeli missiles struck"), else what it is in the article
    (:func:`missiles_of`)."""
    return "air_drone_strike" if names_air_power(sentence) else article


def _kind(
    t: Trigger, missiles: EventType, found: Sequence[Trigger] = (), strikes: EventType = "air_drone_strike"
) -> EventType:
    if t.tier == _AMBIGUOUS and t.kind == "shelling":
        return missiles
    if t.tier == _STRIKE and t.kind == "air_drone_strike":
        return strikes
    # "Suicide attackers set off two car bombs", "un kamikaze a projeté son véhicule piégé": the explosives
    # of a suicide bombing are the suicide bombing.
    if t.kind == "ied" and any(f.kind == "suicide_bomb" for f in found):
        return "suicide_bomb"
    return t.kind


_DROPPED = re.compile(r"\b" + _LEXICON.alt("events.dropped"), re.IGNORECASE)


def _from_the_air(kind: EventType, sentence: str, found: Sequence[Trigger]) -> EventType:
    """A grenade dropped by a drone or a helicopter is an air strike (ACLED's Grenade is thrown by hand):
    "un drone a largué une grenade", "a helicopter dropped a stun grenade"; so is an explosive a drone drops
    ("un drone a largué un engin explosif sur un bus"), which no one planted."""
    dropped = kind == "grenade" or (kind == "ied" and _DROPPED.search(sentence) is not None)
    if dropped and (names_aircraft(sentence) or any(t.kind == "air_drone_strike" for t in found)):
        return "air_drone_strike"
    return kind


# Asked of each place name's sentence by the country vote, of each sentence by the NER gate and the assembly:
# a pure function of its arguments.
@lru_cache(maxsize=Performance.sentence_memo)
def event_type(
    sentence: str,
    *,
    missiles: EventType = "shelling",
    strikes: EventType = "air_drone_strike",
    raids: EventType = "attack",
) -> EventType | None:
    """The incident type the sentence's vocabulary names, or None when it reports no violence.
    ``missiles`` is what a missile is in this article (see :func:`names_aircraft`), ``strikes`` what a
    strike that names no weapon is (:func:`strikes_of`), ``raids`` what a raid is (:func:`raids_of`)."""
    found = _as_raids(triggers(sentence), sentence, raids)
    if not found:
        return None
    best = min(t.tier for t in found)
    first = min((t for t in found if t.tier == best), key=lambda t: TYPE_ORDER.index(t.kind))
    return _from_the_air(_kind(first, missiles, found, strikes), sentence, found)


def event_type_at(
    sentence: str,
    position: int,
    found: Sequence[Trigger] | None = None,
    *,
    penalties: Sequence[int] = Extraction().tier_penalty_chars,
    missiles: EventType = "shelling",
    strikes: EventType = "air_drone_strike",
    raids: EventType = "attack",
) -> EventType | None:
    """The type the sentence gives the place at ``position``: its nearest trigger, a named weapon winning
    over a strike verb and either over a word of violence unless much nearer ("les frappes, riposte à
    l'attentat d'Istanbul": the attack at Istanbul). ``penalties`` are the characters of distance each
    tier of vagueness costs."""
    found = _as_raids(triggers(sentence) if found is None else found, sentence, raids)
    if not found:
        return None
    if scenes := _scene_clauses(sentence):
        found = [t for t in found if not any(a <= t.start < b for a, b in scenes)] or found

    def cost(t: Trigger) -> tuple[int, int]:
        distance = min(abs(t.start - position), abs(t.end - position))
        return distance + penalties[t.tier], t.tier

    # The triggers of the place's own clause, when it has any ("tandis que des bombes ont tué 21 personnes à
    # Bagdad" types Baghdad, not the attack on Kirkuk told before it).
    breaks = [b.start() for b in _CLAUSE_BREAK.finditer(sentence)]
    if breaks:
        own = [t for t in found if not any(min(t.start, position) < b < max(t.start, position) for b in breaks)]
        found = own or found
    nearest = min(found, key=cost)
    if nearest.tier == _STRIKE and nearest.kind == "air_drone_strike":
        # "the car bomb, detonated by its driver, struck a patrol": a strike right after the weapon named
        # before it is that weapon's doing.
        before = [t for t in found if t.end <= nearest.start]
        last = max(before, key=lambda t: t.end) if before else None
        nearest = last if last is not None and last.tier == _WEAPON else nearest
    if nearest.tier == _AMBIGUOUS and nearest.kind == "ied":
        # "Explosions rocked Kyiv as Russia launched a drone attack": the explosions are the weapon's.
        weapons = [t for t in found if t.tier == _WEAPON]
        nearest = min(weapons, key=cost) if weapons else nearest
    if nearest.tier > _WEAPON and (used := [t for t in found if _used_weapon(sentence, t)]):
        nearest = min(used, key=cost)  # "...visés à Sévaré par des groupes qui ont utilisé des kamikazes"
    if _AIM.fullmatch(sentence, nearest.start, nearest.end) and not names_attackers(sentence):
        # "Israel struck dozens of villages and targeted Nabatiyeh": a word of aim says nothing of the weapon,
        # which its clause names (unless armed men are named: "gunmen targeted a checkpoint").
        weapons = [t for t in found if t.tier <= _AMBIGUOUS]
        nearest = min(weapons, key=cost) if weapons else nearest
    return _from_the_air(_kind(nearest, missiles, found, strikes), sentence, found)


_AIM = re.compile(_LEXICON.alt("events.aim_words"), re.IGNORECASE)
# A word of means a few words before a weapon: "using suicide car bombs", "avec des drones".
_MEANS = re.compile(r"\b" + _LEXICON.alt("events.means") + r"\b[^,;.]{0,25}$", re.IGNORECASE)


def _used_weapon(sentence: str, t: Trigger) -> bool:
    """Whether the sentence says the trigger, a weapon, was what the attackers used."""
    return t.tier == _WEAPON and t.kind != "armed_clash" and _MEANS.search(sentence, 0, t.start) is not None


# "the border villages of A, B and C that have seen heavy fighting": the clause, to its next comma.
_SCENE_CLAUSE = re.compile(r"\b" + _LEXICON.alt("events.scene_clauses") + r"[^,;]*", re.IGNORECASE)


@lru_cache(maxsize=Performance.sentence_memo)
def _scene_clauses(sentence: str) -> list[tuple[int, int]]:
    """The spans of the clauses that say what a place has seen (lexicon ``events.scene_clauses``)."""
    return [m.span() for m in _SCENE_CLAUSE.finditer(sentence)]


def earlier_event_at(sentence: str) -> int | None:
    """Where the sentence turns to an earlier event ("hours after", "au lendemain de"), if it does."""
    m = _EARLIER_EVENT.search(sentence)
    return m.start() if m else None


def clause_at(sentence: str, position: int) -> tuple[int, int]:
    """The span of the clause holding ``position``: the sentence cut at its clause breaks ("while",
    "tandis que", ";")."""
    start, end = 0, len(sentence)
    for b in _CLAUSE_BREAK.finditer(sentence):
        if b.start() <= position:
            start = b.start()
        else:
            end = b.start()
            break
    return start, end


# A campaign, not an event, whatever its date: "the coalition has been fighting the Houthis since early 2015".
_ASIDE = re.compile(r"\([^()]*\)")
_SINCE_YEAR = re.compile(r"\b" + _LEXICON.alt("events.since_year") + r"\s+(?:19|20)\d{2}\b", re.IGNORECASE)
# ...or since a day, in a sentence that dates nothing else: "142 killed in attacks on X since July 31".
_SINCE_DATE = re.compile(r"\b" + _LEXICON.alt("events.since_date"))
_SINCE_WHEN = re.compile(r"[^,;.]{0,12},\s*" + _LEXICON.alt("events.since_when") + r"\b", re.IGNORECASE)
# A toll in the thousands is a war's, not an incident's: "a war in which 41,000 people have been killed".
_WAR_TOLL = re.compile(_LEXICON.alt("events.war_tolls"), re.IGNORECASE)
_FLIGHT = re.compile(r"\b" + _LEXICON.alt("events.fled") + r"\b", re.IGNORECASE)


# "It took place on the outskirts of Marka": where the event just told happened, no event word needed.
_HAPPENED_THERE = re.compile(r"\b" + _LEXICON.alt("events.happened_there") + r"\b", re.IGNORECASE)


def says_where_it_happened(sentence: str) -> bool:
    """Whether a sentence with no event word retells the event just told to say where it happened."""
    return bool(_HAPPENED_THERE.search(sentence))


# "Two missiles were shot down over Mykolaiv": stopped in the air, no harm told on the ground.
_INTERCEPTED = re.compile(r"\b" + _LEXICON.alt("events.intercepted") + r"\b", re.IGNORECASE)
_HARM = re.compile(r"\b" + _LEXICON.alt("events.harm"), re.IGNORECASE)


def names_habit(sentence: str) -> bool:
    """Whether the sentence tells of what happens often ("bombardent régulièrement ces zones")."""
    return _HABITUAL.search(sentence) is not None


@lru_cache(maxsize=Performance.sentence_memo)
def is_reported_event(sentence: str, *, dated: bool) -> bool:
    """Whether a sentence with event vocabulary reports something that happened, not a threat, a habit,
    weapons stopped in the air with no harm told, a campaign since a year or a war's toll (dead counted in
    thousands, and no weapon fired or strike: "fighting has killed thousands")."""
    # (not an aside in brackets: "Taez, une ville ... menacée ces dernières années (depuis 2015) par les rebelles")
    lowered = sentence.lower()
    if _GATED_NOT_EVENT.search(sentence, lowered) or _campaign_since_year(sentence):
        return False
    if _GATED_INTERCEPTED.search(sentence, lowered) and not _HARM.search(sentence):
        return False
    found = triggers(sentence)
    if _GATED_EQUIPMENT.search(sentence, lowered) and all(t.tier == _WEAPON for t in found):
        return False  # "the drones the coalition uses to surveil": what it has, nothing that struck
    if (
        _WAR_TOLL.search(sentence)
        and all(t.tier >= _VIOLENCE or t.kind == "armed_clash" for t in found)
        # (thousands dead or fled: "deployed thousands of troops" is no toll)
        and (_HARM.search(sentence) or _FLIGHT.search(sentence))
    ):
        return False
    # A battle fought since a day is fought there ("Les affrontements à Hajin ont fait 90 morts depuis le 27
    # août"); attacks counted since a day are a tally, unless that day's event is told ("the deadliest since
    # May 10, when four car bombs exploded in Hilla").
    since = _SINCE_DATE.search(sentence)
    tally = (
        since is not None
        and not _SINCE_WHEN.match(sentence, since.end())
        and not any(t.kind == "armed_clash" for t in found)
    )
    return dated or not (_habit(sentence) or _GATED_CONDEMNATION.search(sentence, lowered) or tally)


def _campaign_since_year(sentence: str) -> bool:
    """Whether the sentence tells a campaign since a year, not only in a clause after the event it reports
    ("L'attaque a eu lieu vendredi ... près de Taëz, ville assiégée depuis 2015 par les houthis")."""
    text = _ASIDE.sub(" ", sentence)
    since = _SINCE_YEAR.search(text)
    if since is None:
        return False
    comma = text.rfind(",", 0, since.start())
    return not any(t.end <= comma and t.tier <= _VIOLENCE for t in triggers(text))  # (a toll may be a tally)


def _habit(sentence: str) -> bool:
    """Whether the sentence tells a habit, not only in a clause after the strike it reports ("Israeli strikes
    hit a radar site in Tartus, the monitor said, counting 31 raids so far this year"; not "near the combat
    zone, where forces have been advancing for months")."""
    habit = _HABITUAL.search(sentence)
    if habit is None:
        return False
    comma = sentence.rfind(",", 0, habit.start())
    return all(t.kind == "armed_clash" for t in triggers(sentence) if t.end <= comma and t.tier <= _STRIKE)


# Searched only in a sentence that holds one of their first words (most hold none).
_GATED_NOT_EVENT, _GATED_INTERCEPTED = Prefiltered(_NOT_EVENT), Prefiltered(_INTERCEPTED)
# "the drones the coalition uses to surveil": weapons someone has (lexicon events.equipment).
_GATED_EQUIPMENT = Prefiltered(re.compile(_LEXICON.alt("events.equipment"), re.IGNORECASE))
_GATED_CONDEMNATION = Prefiltered(_GENERIC_CONDEMNATION)
