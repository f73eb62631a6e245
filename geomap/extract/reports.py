"""The reports of one article's sentences, before they become incidents: what each sentence tells at
each of its places, and how a later sentence completes the report just told (its toll, its day, where its
fire came from) or a headline's battle becomes the body's weapon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from geomap.extract.casualties import Casualties, casualties, fighters_among_dead, tolls_by_place
from geomap.extract.dates import FoundDate
from geomap.extract.events import Trigger, clause_at, names_armed_target, tells_attackers_died_too
from geomap.extract.locate import Located
from geomap.extract.unknown import names_site_of_its_own
from geomap.extract.when import follows, retells
from geomap.records import Article, EventType, Resolution, Sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceEvent:
    """What one sentence reports at one of its places."""

    located: Located
    kind: EventType
    date: FoundDate | None
    #: A headline's attack on soldiers or police: a battle unless the body tells the same place's weapon.
    headline_on_armed: bool = False
    #: The toll of the place's own clause, when the sentence tells each place's in its own clause.
    toll: Casualties | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceEvents:
    sentence: Sentence
    events: tuple[PlaceEvent, ...]
    actor: str | None
    #: The dead and injured, and the sentence that says so (this one or the next ones of the story).
    toll: Casualties = field(default_factory=Casualties)
    toll_quote: str | None = None
    launched_from: Resolution | None = None  # "rockets fired from X" (this sentence or the next)


def clause_tolls(text: str, events: list[PlaceEvent], *, lang: str) -> list[PlaceEvent]:
    """Each place's toll, when the sentence tells each place in its own clause with its own toll: "three
    were killed in Kostiantynivka, while one person was injured in Kramatorsk", or each right before it
    ("deux personnes ont été tuées à Avdiivka, une à Sloviansk et une à Kurakhove")."""
    spans = [clause_at(text, ev.located.mention.start) for ev in events]
    places: dict[tuple[int, int], set[str]] = {}
    for span, ev in zip(spans, events, strict=True):
        places.setdefault(span, set()).add(ev.located.place.gazetteer_id)
    if len(places) < 2 or any(len(ids) > 1 for ids in places.values()):
        return _place_tolls(text, events, lang=lang)
    tolls = {span: casualties(text[span[0] : span[1]], lang=lang) for span in places}
    return [
        replace(ev, toll=tolls[span]) if tolls[span].stated else ev
        for span, ev in zip(spans, events, strict=True)
    ]


def _place_tolls(text: str, events: list[PlaceEvent], *, lang: str) -> list[PlaceEvent]:
    """Each place's toll, when each of the sentence's places (each named once) has its own right before it."""
    mentions = sorted((ev.located.mention.qualified_span, k) for k, ev in enumerate(events))
    if len({ev.located.place.gazetteer_id for ev in events}) < len(events):
        return events
    tolls = tolls_by_place(text, [span for span, _ in mentions], lang=lang)
    if tolls is None:
        return events
    by_event = {k: toll for (_, k), toll in zip(mentions, tolls, strict=True)}
    return [replace(ev, toll=by_event[k]) for k, ev in enumerate(events)]


def headline_battles(reports: list[SentenceEvents]) -> list[SentenceEvents]:
    """A headline's attack on soldiers or police is a battle, unless the body tells of a weapon at that
    place (then the headline retells that bombing or strike and takes its type when they merge)."""
    weapons_at = {
        ev.located.place.gazetteer_id
        for r in reports
        for ev in r.events
        if not ev.headline_on_armed and ev.kind not in ("attack", "other")
    }
    return [
        replace(
            r,
            events=tuple(
                replace(ev, kind="armed_clash")
                if ev.headline_on_armed and ev.located.place.gazetteer_id not in weapons_at
                else ev
                for ev in r.events
            ),
        )
        for r in reports
    ]


def date_last_report(reports: list[SentenceEvents], sentence: Sentence, date: FoundDate, within: int) -> None:
    if reports and follows(sentence, reports[-1].sentence, within) and not reports[-1].sentence.in_related:
        last = reports[-1]
        if all(ev.date is None for ev in last.events):
            reports[-1] = replace(last, events=tuple(replace(ev, date=date) for ev in last.events))


def counts_attackers_apart(text: str, found: Sequence[Trigger], article: Article) -> bool:
    """Whether the sentence counts the attackers' dead apart: "tous les six assaillants ont également été
    tués", "Au moins 11 talibans ont été tués dans les combats" (armed men only, in the event it retells)."""
    return tells_attackers_died_too(text) or (
        retells(text, found) and fighters_among_dead(text, lang=article.lang) and not names_armed_target(text)
    )


def toll_last_report(
    reports: list[SentenceEvents], sentence: Sentence, toll: Casualties, within: int, *, attackers_too: bool
) -> bool:
    """Gives the toll to the event just told, if it has none (adds ``attackers_too``, the attackers' dead
    told apart); whether that event follows closely enough."""
    if (
        not reports or not follows(sentence, reports[-1].sentence, within) or reports[-1].sentence.in_related
        # (not the toll of a village the gazetteer lacks: "...shot dead in the village of Bool-Kiiba")
        or names_site_of_its_own(sentence, reports[-1].sentence)
    ):
        return False
    last = reports[-1]
    # (the sentences that give the toll, once each)
    quote = " ".join(dict.fromkeys([last.toll_quote or last.sentence.text.strip(), sentence.text.strip()]))
    told, more = last.toll, toll
    if len(last.events) == 1 and not told.stated:
        reports[-1] = replace(last, toll=more, toll_quote=sentence.text.strip())
    elif len(last.events) == 1 and (
        (told.fatalities is None and more.fatalities is not None and more.injured in (None, told.injured))
        or (told.injured is None and more.injured is not None and more.fatalities in (None, told.fatalities))
    ):
        # "Two civilians were killed in a strike on X. The strike also injured five others": what it adds (to
        # the figure it repeats: "...spoke of 20 confirmed deaths and 30 injured").
        reports[-1] = replace(last, toll=told.completed_by(more), toll_quote=quote)
    elif (
        len(last.events) == 1
        and told.fatalities is not None
        and more.fatalities
        and attackers_too
    ):
        # "...six civils sont morts. Dans la fusillade qui a suivi, tous les six assaillants ont également été
        # tués": ACLED counts the attackers among the fatalities.
        dead = Casualties(fatalities=told.fatalities + more.fatalities, injured=told.injured)
        reports[-1] = replace(last, toll=dead, toll_quote=quote)
    return True


def launch_last_report(
    reports: list[SentenceEvents], sentence: Sentence, site: Resolution, within: int
) -> None:
    if reports and follows(sentence, reports[-1].sentence, within) and reports[-1].launched_from is None:
        reports[-1] = replace(reports[-1], launched_from=site)


def bomber_of_last_report(reports: list[SentenceEvents], sentence: Sentence, within: int) -> None:
    """A suicide bomber told right after a bombing, with no place of his own, is that bombing's: its bombs
    were a suicide bombing (ACLED's Suicide bomb), as a car bomb driven by its bomber is."""
    if not reports or not follows(sentence, reports[-1].sentence, within) or reports[-1].sentence.in_related:
        return
    last = reports[-1]
    if all(ev.kind == "ied" for ev in last.events):
        reports[-1] = replace(last, events=tuple(replace(ev, kind="suicide_bomb") for ev in last.events))
