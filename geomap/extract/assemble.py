"""One article's incidents: each place where a sentence says something happened, typed and dated.

Each place takes the weapon named nearest it and the date written nearest it, else the date of the story
told in the sentences just before. Reports of one event in the article are merged
(:meth:`geomap.merge.Merger.merge_incidents`) and its vague reports folded into the event they retell.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from geomap.extract.casualties import (
    Casualties,
    casualties,
    fighters_among_dead,
    share_before,
)
from geomap.extract.claims import claimed_by, claims_retold_event
from geomap.extract.dates import FoundDate, names_a_weekday
from geomap.extract.events import (
    AMBIGUOUS_TIER,
    CASUALTIES_TIER,
    aerial_bombs_of,
    earlier_event_at,
    event_type,
    event_type_at,
    is_reported_event,
    missiles_in,
    missiles_of,
    names_air_power,
    names_armed_target,
    names_attackers,
    names_ground_assault,
    names_gunmen,
    names_habit,
    names_plain_bomb,
    names_vessel,
    names_what_struck,
    raids_of,
    says_where_it_happened,
    strikes_of,
    tells_attackers_died_too,
    triggers,
    vessel_attacks_of,
)
from geomap.extract.locate import Located, event_locations, is_launch_site, is_place_fragment
from geomap.extract.offsets import bearing_of
from geomap.extract.reports import (
    PlaceEvent,
    SentenceEvents,
    bomber_of_last_report,
    clause_tolls,
    counts_attackers_apart,
    date_last_report,
    headline_battles,
    launch_last_report,
    toll_last_report,
)
from geomap.extract.unknown import names_unknown_place, unknown_sites
from geomap.extract.when import (
    ELSEWHEN,
    SAME_DAY,
    SEPARATE,
    ArticleDates,
    Story,
    follows,
    names_similar,
    names_target_again,
    retells,
    retold_after,
    retold_until,
    tells_nearby_event,
)
from geomap.merge import Merger
from geomap.places.geography import contains
from geomap.read.sentences import subheadings
from geomap.records import Article, EventType, Incident, ResolvedMention, Sentence, Source
from geomap.settings import Settings


def incident_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def source_of(article: Article, *, sentence: Sentence, place_text: str, bearing: str | None = None) -> Source:
    """The article and the sentence that report an incident."""
    return Source(
        article_id=article.id,
        file=article.file,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        quote=sentence.text.strip(),
        place_text=place_text,
        start=None if sentence.in_related else sentence.start,
        bearing=bearing,
    )


def incidents_from_sentences(
    article: Article,
    sentences: Sequence[Sentence],
    located: Mapping[Sentence, Sequence[Located]],
    *,
    settings: Settings,
) -> list[Incident]:
    """Incidents of one article from its sentences and their located mentions."""
    rules = settings.extraction
    narrative = rules.narrative_sentences
    dating = ArticleDates(article=article, rules=rules)
    reports: list[SentenceEvents] = []
    # The date of the story so far: the last date an event sentence gave, and that sentence; and the last
    # weapon an event sentence named.
    story: Story | None = None
    story_kind: tuple[Sentence, EventType] | None = None
    last_event: tuple[Sentence, EventType] | None = None  # the last sentence that reported an event
    # A toll told before any place: "A bomb exploded in northern Afghanistan, killing three. The bomb went
    # off in Faizabad" gives it to the event the next sentence retells there.
    untold_toll: tuple[Sentence, Casualties] | None = None
    texts = [s.text for s in sentences]
    article_missiles = missiles_of(texts)
    article_strikes = strikes_of(texts)
    raids = raids_of(texts, lang=article.lang)
    vessel_attacks = vessel_attacks_of(texts)
    aerial_bombs = aerial_bombs_of(texts)
    # What the headline (else the lead) says struck ("Bombardements russes sur la région de Donetsk : cinq
    # morts", "Moscou a lancé 80 drones contre l'Ukraine"): the weapon of the dead the body counts place
    # by place with no word of their own ("deux personnes tuées à Avdiivka").
    lead = next((t for t in (article.title, *texts[: 1 + narrative]) if names_what_struck(t)), None)
    lead_kind = (
        event_type(lead, missiles=article_missiles, strikes=article_strikes, raids=raids) if lead else None
    )
    opening = subheadings(sentences, max_words=rules.subheading_max_words)
    for sentence in sentences:
        text = sentence.text
        if sentence.index in opening and not sentence.in_related:
            story = None  # "Une nouvelle frappe sur Soumy": a new section, where the day told before ends
        found = triggers(text)
        if not found:
            # "The vessel and its crew were safe", "Le bilan est de trois morts": a toll without a word of
            # violence is the toll of the event just told (read only right after one: most sentences are not).
            if reports and not located.get(sentence) and follows(sentence, reports[-1].sentence, narrative):
                toll = casualties(text, lang=article.lang)
                if toll.stated and not (ELSEWHEN.search(text) or SEPARATE.search(text)):
                    also = tells_attackers_died_too(text)
                    toll_last_report(reports, sentence, toll, narrative, attackers_too=also)
            # "...une triple attaque a visé des camps militaires dimanche. À Sévaré, à Bapho et à Niono.": a
            # sentence of places alone, right after the event, says where it happened.
            here = located.get(sentence, [])
            if last_event is not None and (
                is_place_fragment(sentence, last_event[0], here, max_chars=rules.place_fragment_max_chars)
                # "...a military base. It took place on the outskirts of Marka."
                or (follows(sentence, last_event[0], narrative) and says_where_it_happened(text))
            ):
                day = story[1] if story is not None and story[0] is last_event[0] else None
                listed = tuple(
                    PlaceEvent(located=loc, kind=last_event[1], date=day) for loc in event_locations(
                        here, route_max_km=rules.route_max_km, district_reach_km=rules.district_reach_km
                    )
                )
                if listed:
                    reports.append(SentenceEvents(sentence=sentence, events=listed, actor=None))
            continue
        # "Des frappes aériennes ont visé X. D'autres missiles ont frappé Y": the air strikes' missiles.
        air_story = (
            story_kind is not None
            and story_kind[1] == "air_drone_strike"
            and follows(sentence, story_kind[0], narrative)
            and names_air_power(story_kind[0].text)  # drones told before missiles say nothing of them
        )
        missiles = missiles_in(text, "air_drone_strike" if air_story else article_missiles)
        strikes = "air_drone_strike" if air_story or names_air_power(text) else article_strikes
        in_related = sentence.in_related
        dates: dict[int, FoundDate | None] = {}
        masked = text if in_related else dating.masked(sentence)
        # An official's seat is no place of the event a sentence retells, unless that event was placed nowhere
        # ("attacked a checkpoint in western Afghanistan. The police chief of Farah province said...").
        placed_until = reports[-1].sentence.index if reports else -1
        told_nowhere = last_event is not None and placed_until < last_event[0].index
        places = event_locations(
            located.get(sentence, []),
            route_max_km=rules.route_max_km,
            district_reach_km=rules.district_reach_km,
            officials_seat=told_nowhere or not retells(text, found),
        )
        if (
            not in_related
            and (turn := retold_after(masked, found))
            and not any(t.start >= turn for t in found)
            and not names_attackers(masked[turn:])
        ):
            # "Cette attaque s'est produite au lendemain de l'annonce par Damas de la reprise ... dans le sud de
            # Damas": past its turn to another time, a sentence that only retells its event names no place of one
            # (unless armed men act there: "comes a day after fighters raided a compound in Paktika").
            places = [loc for loc in places if loc.mention.start < turn]
        launch_sites = [loc.place for loc in located.get(sentence, []) if is_launch_site(loc.mention)]
        date_here = None if in_related else dating.of_sentence(sentence, masked, story)
        # (a year or a month does not make a habit an event: "Chassés de Mogadiscio en 2011, les shebab ... mènent
        # des attaques régulières à Mogadiscio")
        dated = date_here is not None and date_here.precision in ("day", "month_day")
        # (an article without a publication date still tells a day: "ont intensifié leurs attaques, tuant,
        # lundi, 14 membres des forces de sécurité")
        dated = dated or (article.published is None and names_a_weekday(text, article.lang))
        if not is_reported_event(text, dated=dated) or (
            reports and claims_retold_event(text, found, [loc.mention.start for loc in places])
        ):
            continue
        same_story = not (ELSEWHEN.search(masked) or SEPARATE.search(text))
        told = story
        if not in_related:
            dates = {id(loc): dating.at(sentence, masked, loc.mention.start, story) for loc in places}
            if date_here is not None and not places and same_story and retells(text, found):
                # "La frappe a eu lieu le dimanche 5 février 2023": the day of the event just reported.
                date_last_report(reports, sentence, date_here, narrative)
            if date_here is not None:
                # "Russian troops left Kherson late last year but shell it regularly": that year is no day the
                # story goes on from.
                if date_here.precision in ("day", "month_day") or not names_habit(text):
                    story = (sentence, date_here)
            elif story is not None and (
                SAME_DAY.search(text)
                or any(d is story[1] for d in dates.values())
                # "...killed in a strike on the village of al-Sawana" (a village the gazetteer lacks): the
                # day's events go on, so does the day.
                or (not places and same_story and follows(sentence, story[0], narrative))
            ):
                story = (sentence, story[1])  # the story goes on: its day holds for the next sentences too
        actor = claimed_by(text)
        if actor and reports and reports[-1].actor is None and follows(sentence, reports[-1].sentence, narrative):
            # "Le groupe X a revendiqué l'attaque": the attack of the sentence before.
            reports[-1] = replace(reports[-1], actor=actor)
        # "...a day after a twin attack killed at least 64": the dead of an earlier event are not this one's.
        earlier = earlier_event_at(text)
        toll = casualties(text[:earlier] if earlier is not None else text, lang=article.lang)
        # "L'attaque a fait deux morts": the toll of the event just told, else of the one told next; not one
        # of another day ("le 27 avril, une autre a fait 10 morts" after Friday's strike).
        other_day = date_here is not None and told is not None and date_here.value != told[1].value
        # "Non loin de là, une attaque à la voiture piégée a tué un soldat": another event where the one just
        # told happened (kept apart from it when merged: geomap/merge/telling.py), with its own toll.
        nearby = (
            not places
            and bool(reports)
            and len({ev.located.place.gazetteer_id for ev in reports[-1].events}) == 1
            and tells_nearby_event(text)
            and follows(sentence, reports[-1].sentence, narrative)
        )
        if (
            toll.stated
            and not places
            and not nearby
            and same_story
            and not other_day
            and not toll_last_report(
                reports, sentence, toll, narrative, attackers_too=counts_attackers_apart(text, found, article)
            )
        ):
            # ...unless the sentence told its place, one the gazetteer lacks ("two dead in a strike on Deir Billa").
            untold_toll = None if names_unknown_place(sentence, located.get(sentence, []), lang=article.lang) else (sentence, toll)
        if launch_sites and not places and same_story:
            # "The rockets were fired from X": where the fire of the event just told came from.
            launch_last_report(reports, sentence, launch_sites[0], narrative)
        # ...or armed men among the dead ("an ambush ... killing five militants", "forces killed 13 insurgents":
        # whoever killed them fought them; a weapon the sentence names still types it).
        on_armed = names_armed_target(text) or fighters_among_dead(text, lang=article.lang)
        assaulted = names_attackers(text) and names_ground_assault(text)  # armed men on foot stormed it
        last_kind = event_type(text, missiles=missiles, strikes=strikes, raids=raids) or "other"
        if last_kind == "attack" and on_armed:
            last_kind = "armed_clash"  # "A raid on a military base. It took place near X": a battle there
        # "Ten soldiers were killed in an ambush. The ambush took place near X": the battle just told.
        told_battle = (
            last_event is not None
            and last_event[1] == "armed_clash"
            and follows(sentence, last_event[0], narrative)
        )
        last_event = (sentence, last_kind)
        told_kind = story_kind
        best_tier = min(t.tier for t in found)
        if best_tier <= 1 or (best_tier == AMBIGUOUS_TIER and last_kind != "ied"):
            # (a bombardment or missiles name the story's weapon as a weapon does; an explosion names none)
            kind_here = event_type(text, missiles=missiles, strikes=strikes, raids=raids)
            story_kind = (sentence, kind_here or "other")
        elif story_kind is not None and follows(sentence, story_kind[0], narrative) and last_kind == story_kind[1]:
            story_kind = (sentence, story_kind[1])  # "...carried out air strikes. Planes bombed the Laman area."
        if nearby:
            there = reports[-1].events[0]
            reports.append(
                SentenceEvents(
                    sentence=sentence,
                    events=(PlaceEvent(located=there.located, kind=last_kind, date=there.date),),
                    actor=actor,
                    toll=toll,
                    toll_quote=text.strip() if toll.stated else None,
                )
            )
            continue
        if not places:
            if same_story and not other_day and last_kind == "suicide_bomb":
                # "...a car bomb killed 18 in Baghdad. The suicide bomber drove it into...": that bombing's
                # bomber.
                bomber_of_last_report(reports, sentence, narrative)
            continue
        events = []
        for loc in places:
            kind = event_type_at(
                text, loc.mention.start, found, penalties=rules.tier_penalty_chars, missiles=missiles,
                strikes=strikes, raids=raids,
            ) or "other"
            # A word of violence, or an explosion no weapon explains ("explosions were heard in X"), tells
            # nothing of its own after the sentence that named what struck.
            # (not an attack of gunmen: "an SDF member was killed in an attack by gunmen", amid shelling)
            vague = (kind == "attack" and not names_gunmen(text)) or (
                kind == "ied" and min(t.tier for t in found) >= AMBIGUOUS_TIER
            )
            if (
                vague
                and told_kind is not None
                and (follows(sentence, told_kind[0], narrative) or names_similar(text))
                and (same_story or loc.mention.start < retold_until(masked, found))
                and (date_here is None or told is None or date_here.value == told[1].value)
                # (not the earlier event the sentence turns to: "...shortly after an assault in X killed 30")
                and (earlier is None or loc.mention.start < earlier)
            ):
                kind = told_kind[1]  # "Trois sites ont été visés": by the air strikes just told of
                # ...and the story goes on: "Another set of raids hit X. Explosions were heard in Y."
                story_kind = (sentence, kind)
            elif (
                kind == "attack"
                and lead_kind is not None
                and min(t.tier for t in found) == CASUALTIES_TIER
                and not names_attackers(text)
            ):
                kind = lead_kind  # "deux personnes avaient été tuées à Avdiivka", in a story of shelling
            elif kind == "attack" and vessel_attacks is not None and names_vessel(text):
                kind = vessel_attacks  # "un navire a été pris pour cible", in an article of missiles
            elif kind == "ied" and aerial_bombs and names_plain_bomb(text):
                kind = "air_drone_strike"  # "Russian bombs kill three", in an article of guided bombs
            headline_on_armed = False
            if kind == "attack" and (on_armed or (told_battle and retells(text, found))):
                # "militants attacked an army base": a battle, not violence against civilians; a headline's
                # attack waits for the body ("12 policiers tués dans une attaque à Kirkouk" may be its IED).
                headline_on_armed = text.strip() == article.title.strip()
                kind = "attack" if headline_on_armed else "armed_clash"
            elif kind in ("shelling", "attack") and on_armed and assaulted:
                kind = "armed_clash"  # "fighters tried to overrun a military post, using artillery shells"
            events.append(
                PlaceEvent(located=loc, kind=kind, date=dates.get(id(loc)), headline_on_armed=headline_on_armed)
            )
        # A place named twice ("in Idlib countryside shelled ... in the countryside of Idlib"): one event.
        firsts: dict[tuple[str, EventType], PlaceEvent] = {}
        for ev in events:
            firsts.setdefault((ev.located.place.gazetteer_id, ev.kind), ev)
        events = list(firsts.values())
        # A toll belongs to the sentence's event; a roundup of several places does not say how it splits...
        one_event = len({ev.located.place.gazetteer_id for ev in events}) == 1  # "à Siversk, ... à Siversk"
        if not one_event:
            events = clause_tolls(text, events, lang=article.lang)  # ...unless each is told in its clause
        if one_event and earlier is not None and events[0].located.mention.start > earlier:
            toll = casualties(text[earlier:], lang=article.lang)  # the place is the earlier event's
        toll_text = text.strip()
        share = share_before(text, events[0].located.mention.qualified_span[0], lang=article.lang) if one_event else None
        if share is not None and toll.fatalities is not None and share < toll.fatalities:
            toll = Casualties(fatalities=share)  # "15 morts en Irak, dont six près de Kirkouk": six there
        if (
            untold_toll is not None
            and one_event
            and follows(sentence, untold_toll[0], narrative)
            and (retells(text, found) or names_target_again(text, untold_toll[0].text))
        ):
            # What this sentence adds ("adding that five others were wounded") completes the toll before.
            toll_text = " ".join(dict.fromkeys([untold_toll[0].text.strip(), *([toll_text] if toll.stated else [])]))
            toll = toll.completed_by(untold_toll[1])
        untold_toll = None
        reports.append(
            SentenceEvents(
                sentence=sentence,
                events=tuple(events),
                actor=actor,
                toll=toll if one_event else Casualties(),
                toll_quote=toll_text if one_event and toll.stated else None,
                launched_from=launch_sites[0] if launch_sites else None,
            )
        )
    reports = headline_battles(reports)
    out: list[Incident] = []
    for report in reports:
        for ev in report.events:
            loc = ev.located
            out.append(
                Incident(
                    id=incident_id(article.id, report.sentence.key, loc.place.gazetteer_id, ev.kind),
                    event_type=ev.kind,
                    date=ev.date.value if ev.date else None,
                    date_precision=ev.date.precision if ev.date else "unknown",
                    place_text=loc.mention.text,
                    place=loc.place,
                    actor=report.actor,
                    sources=(
                        source_of(
                            article,
                            sentence=report.sentence,
                            place_text=loc.mention.qualified_text,
                            bearing=None if loc.place.precision == "approximate" else bearing_of(loc.mention.cue),
                        ),
                    ),
                    optional=report.sentence.in_related,
                    fatalities=(ev.toll or report.toll).fatalities,
                    injured=(ev.toll or report.toll).injured,
                    casualties_quote=report.sentence.text.strip() if ev.toll else report.toll_quote,
                    launched_from=report.launched_from,
                )
            )
    merger = Merger(settings=settings)
    # Folding gives a vague report its event's day and place, which may make it another report's event
    # ("strikes in Marib province" folded into Marib city's strike of Friday, and "killed in Marib province on
    # Friday"): merged again, as the map merges every article's events.
    incidents = merger.merge_incidents(merger.fold_vague_reports(merger.merge_incidents(out)))
    if not any(i.place.precision == "admin1" for i in incidents):
        return incidents  # (most articles: no province to weigh, no sentence read again)
    # "22 morts dans des frappes dans la province d'Idleb... six raids sur le village de Hass": a province that
    # holds a place the gazetteer lacks is its container, as an analyst codes it, not a second event.
    sites = [s for s in sentences if event_type(s.text) is not None and unknown_sites(s, located.get(s, []))]
    previous = dict(zip(sentences[1:], sentences, strict=False))
    return [i for i in incidents if not _holds_unknown_site(i, sites, incidents, located, previous)]


def _holds_unknown_site(
    incident: Incident,
    sites: list[Sentence],
    incidents: list[Incident],
    located: Mapping[Sentence, Sequence[Located]],
    previous: Mapping[Sentence, Sentence],
) -> bool:
    """Whether a province's incident is the container of a populated place an event sentence names and the
    gazetteer lacks: no event of the article lies inside the province, and the sentence names the province
    (or a place in it) and nothing outside it, or retells the province's event right after it ("...raids dans
    la province d'Idleb. Des avions ont mené six raids sur le village de Hass")."""
    province = incident.place
    if province.precision != "admin1" or any(contains(province, o.place) for o in incidents):
        return False
    told = {q for _, q in incident.quotes}

    def holds(sentence: Sentence) -> bool:
        places = [loc.place for loc in located.get(sentence, []) if loc.place.precision != "country"]
        inside = [p for p in places if p.gazetteer_id == province.gazetteer_id or contains(province, p)]
        before = previous.get(sentence)
        retold = sentence.text.strip() in told or (before is not None and before.text.strip() in told)
        return len(inside) == len(places) and bool(inside or retold)

    return any(holds(sentence) for sentence in sites)


def mentions_not_incidents(
    article: Article, located: Iterable[Located], incidents: Iterable[Incident]
) -> list[ResolvedMention]:
    """The located places that are no incident's: a sentence named them, nothing happened there."""
    used = {(q, i.place.gazetteer_id) for i in incidents for _s, q in i.quotes}
    return [
        ResolvedMention(mention=loc.mention, place=loc.place, file=article.file, title=article.title)
        for loc in located
        if (loc.mention.sentence.text.strip(), loc.place.gazetteer_id) not in used
    ]
