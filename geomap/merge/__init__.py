"""The same event reported twice is one incident with two sources: within an article and across articles.

Reports merge when their type, date and place agree (:meth:`Merger.same_event`). An article's vague
reports (a headline's province, "au nord de Bagdad") are folded into the event they retell
(:meth:`Merger.fold_vague_reports`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from geomap import lexicon
from geomap.geo import EARTH_RADIUS_KM, haversine_km
from geomap.merge.index import (
    EXPLOSIVES,
    GROUND,
    MISSILES,
    VAGUE,
    Cell,
    CellIndex,
    dates_compatible,
    types_compatible,
)
from geomap.merge.joins import by_article as _by_article
from geomap.merge.joins import dated_by_report, dead_told_by_wounded, join
from geomap.merge.joins import distinct_source as _distinct_source
from geomap.merge.telling import headline as _headline
from geomap.merge.telling import lone as _lone
from geomap.merge.telling import measured_from as _measured_from
from geomap.merge.telling import on_side as _on_side
from geomap.merge.telling import position as _position
from geomap.merge.telling import side as _side
from geomap.merge.telling import tells_another_event
from geomap.merge.telling import told_together as _told_together
from geomap.merge.tolls import in_namesake_province, same_toll_elsewhere, summed_by
from geomap.places.geography import contains
from geomap.places.names import name_key, skeleton_key
from geomap.records import NEAR, EventType, Incident, Resolution, Source
from geomap.settings import Settings

# "The strikes also hit positions south of Damascus": more targets, not the same one told again.
_MORE = re.compile(r"\b" + lexicon.load().alt("merge.more") + r"\b", re.I)
_ALSO = re.compile(r"\b" + lexicon.load().alt("merge.also") + r"\b", re.I)
# "Meanwhile in Baghdad", "dans un autre incident": what the article tells as another event.
_SEPARATE = re.compile(r"\b" + lexicon.load().alt("when.separate") + r"\b", re.I)

class Merger:
    """Decides which reports are one event, and merges them."""

    def __init__(self, *, settings: Settings) -> None:
        self.same_incident_km = settings.merging.same_incident_km
        self.same_site_km = settings.merging.same_site_km
        #: Two places named in one sentence are one event's only when this close (km): "la base Victoria,
        #: près de l'aéroport de Bagdad", "the U.S. embassy in the Green Zone".
        self.same_sentence_km = settings.extraction.same_sentence_km
        #: How far from the town it is measured from a place given as a bearing may lie (km).
        self.bearing_km = settings.extraction.bearing_km
        #: Grid cells two merge radii wide (see :meth:`cell`).
        self._cell_size = 2 * self.same_incident_km / EARTH_RADIUS_KM

    def same_event(self, a: Incident, b: Incident) -> bool:
        """Same place within ``same_incident_km``, compatible type, and same or unknown date."""
        if not dates_compatible(a.date, b.date) or not types_compatible(a.event_type, b.event_type):
            return False
        if "admin1" in (a.place.precision, b.place.precision) or "country" in (
            a.place.precision,
            b.place.precision,
        ):
            # A province holds many events: only the same known day makes two reports one event there.
            return a.date is not None and a.date == b.date and a.place.gazetteer_id == b.place.gazetteer_id
        if a.place.gazetteer_id == b.place.gazetteer_id:
            return True
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        if a.place.precision == "point" and b.place.precision == "point":
            return km <= self.same_site_km  # a site-precise event never moves to another named site
        return km <= self.same_incident_km

    def merge_incidents(self, incidents: Iterable[Incident]) -> list[Incident]:
        """One incident per event: reports of the same event (in one article or several) become its sources.

        Each report is compared only with the events in neighbouring grid cells (the same first match as a
        scan of all events, since no farther event can match): linear, not quadratic, in the corpus size.
        Within a cell the events are indexed by (date, type), and only those whose date and type can agree
        with the report's are asked, in the same order; an event's sources are rebuilt only for the articles
        a report adds, and the event is built once it is asked about its sources or merging is over.
        """
        return self.merge_recorded(incidents)[0]

    def merge_recorded(self, incidents: Iterable[Incident]) -> tuple[list[Incident], list[list[int]]]:
        """:meth:`merge_incidents`, and each event's reports in the order they joined it (positions in the
        reports sorted by (optional, id)), the events in the order they were made: :meth:`replay` them."""
        events: list[_Event] = []
        groups: list[list[int]] = []
        index = CellIndex()
        for n, inc in enumerate(sorted(incidents, key=lambda i: (i.optional, i.id))):
            found, cell, articles = None, self.cell(inc), _article_ids(inc)
            for k in index.candidates(cell, inc.date, inc.event_type):
                event = events[k]
                # Sources matter only to reports of one article: otherwise the event's other fields decide.
                existing = event.incident if event.article_ids.isdisjoint(articles) else event.built()
                if (
                    self.same_event(existing, inc) or self._same_article_missiles(existing, inc)
                ) and not self._same_article_distinct(existing, inc):
                    found = k
                    break
            if found is None:
                index.add(len(events), cell, (inc.date, inc.event_type))
                events.append(_Event(inc))
                groups.append([n])
                continue
            event = events[found]
            before = (event.incident.date, event.incident.event_type)
            event.absorb(inc)
            groups[found].append(n)
            # The merged event may now sit at the finer report's place, with a finer date or type.
            index.update(found, before, (event.incident.date, event.incident.event_type), self.cell(event.incident))
        return sorted((e.built() for e in events), key=lambda i: i.id), groups

    @staticmethod
    def replay(incidents: Iterable[Incident], groups: Sequence[Sequence[int]]) -> list[Incident]:
        """The events :meth:`merge_recorded` made of ``incidents`` with these ``groups``, without asking
        again which reports are one event: an event is its first report joined by the others in order."""
        reports = sorted(incidents, key=lambda i: (i.optional, i.id))
        events = []
        for group in groups:
            event = _Event(reports[group[0]])
            for n in group[1:]:
                event.absorb(reports[n])
            events.append(event.built())
        return sorted(events, key=lambda i: i.id)

    def fold_vague_reports(self, incidents: Sequence[Incident]) -> list[Incident]:
        """Fold an article's vague reports into the event they retell.

        Vague are: an undated province ("attacks in Anbar"), which is the attack in Anbar the article dates
        elsewhere when it dates only one there, or else the one event of its type the article places inside
        the province ("an airstrike in the Middle Juba region... carried out in Jilib"); a headline's province ("Rockets hit base in Anbar"), which
        is the article's first compatible event inside that province; and a place given only as a bearing
        ("une attaque au nord de Bagdad"), which is the article's first compatible event on that side of it
        within ``bearing_km`` (else the province holding it that the article names as the place of a
        compatible event). A vague report joins one event at most, and with no candidate it stays as it is:
        it never makes two events one. All incidents must come from one article.
        """
        out = list(incidents)

        def first(candidates: Iterable[Incident]) -> Incident | None:
            found = list(candidates)
            return min(found, key=lambda i: (_position(i), i.id)) if found else None

        def fold(report: Incident, into: Incident, *, at: Incident) -> Incident:
            """The report folded into the event, at the place of ``at``, in ``out`` instead of both."""
            merged = replace(_merge(into, report), place=at.place, place_text=at.place_text)
            out[out.index(into)] = merged
            out.remove(report)
            return merged

        def bearing_only(i: Incident) -> bool:
            return all(s.bearing and not _MORE.search(q) for s, q in i.quotes)

        # Bearings first: "a blast east of Baqubah" joins "18 km east of Baqubah" before the headline's
        # province looks for the event it announces; dated reports before undated ones, so that a dated
        # province ("...attacked the Kharkiv region, killing two") finds its event before an undated
        # headline's province folds into it.
        def sides_first(i: Incident) -> tuple[bool, bool, str]:
            return (not bearing_only(i) or _side(i) == NEAR, i.date is None, i.id)

        for vague in sorted(incidents, key=sides_first):
            if vague not in out:
                continue
            others = [
                i
                for i in out
                if i is not vague
                and types_compatible(i.event_type, vague.event_type)
                and dates_compatible(i.date, vague.date)
            ]
            target, town = None, False
            if vague.place.precision == "admin1" and vague.date is None:
                # The province's town of the same name is the same place to an article that names it
                # without saying which ("in Khost and Paktika provinces ... two women were killed in Khost").
                same_province = [
                    i
                    for i in others
                    if i.place.gazetteer_id == vague.place.gazetteer_id
                    or _namesake(vague.place, i.place)
                ]
                # The dated report there if there is one, else the one other undated report: an article
                # that names a province twice without a date ("strikes in Paktika... killed in Paktika")
                # tells one event there.
                target = _lone(i for i in same_province if i.date is not None) or (
                    _lone(same_province) if all(i.date is None for i in same_province) else None
                )
                inside = [i for i in others if i.place.precision in _PLACED and contains(vague.place, i.place)]
                if target is not None and _headline(target) and (
                    tolled := _lone(same_toll_elsewhere(target, inside))
                ):
                    # "...kills two soldiers in Kirkuk" over "in northern Kirkuk province" and "the two officers
                    # were killed ... in Dibis district": the headline's town is its province, where Dibis is.
                    target = tolled
                # A toll alone ("an official was killed in Kunar province") names no kind: any event inside;
                # an attack inside ("police were wounded in Saturday's attack in X district") names no weapon:
                # the province's battle.
                same_kind = [
                    i
                    for i in inside
                    if i.event_type == vague.event_type
                    or vague.event_type == "attack"
                    or {vague.event_type, i.event_type} <= GROUND
                ]
                if target is not None and target.place.precision == "admin1" and target.date is None:
                    # The province told twice undated, and its one event of that type (or of none) inside it.
                    one = _lone(
                        i
                        for i in inside
                        if i.event_type in (vague.event_type, *VAGUE) and not all(_ALSO.search(q) for _, q in i.quotes)
                    )
                    told_twice = _headline(vague) or _headline(target)
                    if one is None and told_twice and _missiles_inside(vague, out) >= 2:
                        # "Quatorze civils tués dans des bombardements sur la région d'Idleb", headline and
                        # lede, over strikes on two of its towns: the roundup's sum, told twice, no event.
                        out.remove(vague)
                        out.remove(target)
                        continue
                    if one is not None:
                        # ...which the province's other report, the same one told again, joins too.
                        one = fold(target, one, at=one)
                    target = one or target
                elif target is None and _headline(vague):
                    target = first(same_kind or inside)
                    if target is None and _missiles_inside(vague, out) >= 2:
                        # "One dead, eight injured in Kherson region amid Russian strikes" over shelling in six
                        # villages: the roundup's sum, no event of its own.
                        out.remove(vague)
                        continue
                elif target is None:
                    # "An airstrike in the Middle Juba region... The airstrikes were carried out in Jilib":
                    # the one event of that type the article places inside the province.
                    target = _lone(same_kind)
                    if target is None and summed_by(vague, [i for i in same_kind if _position(i) > _position(vague)]):
                        # "Four people were killed in shelling in the Donetsk region... one in Kramatorsk... one in
                        # Bakhmut... two in Drobysheve": their sum, no event of its own.
                        out.remove(vague)
                        continue
                    if target is None and vague.fatalities:
                        # "Trois personnes tuées ... dans la province de Sulaymaniyah" over "le drone a ciblé
                        # une voiture dans le district de Pêncwên ... trois morts": its toll's event.
                        target = _lone(i for i in same_kind if i.fatalities == vague.fatalities)
            elif vague.place.precision == "admin1":
                # "A drone strike killed 12 on Sunday in al-Bayda province. The strike took place in Radaa":
                # on the day the article gives, the one event of that type it places inside the province
                # after naming it (a town told before is another event: "after those in Babil province").
                inside_after = [
                    i
                    for i in others
                    if i.date == vague.date
                    and _position(i) > _position(vague)
                    # (a car bomb the body finds its driver set off is the lede's car bomb; "an attack targeting
                    # the Southern forces in Abyan" is the battle at a checkpoint in Ahwar district, and so is
                    # "the attack" the body then places in a district)
                    and (
                        i.event_type == vague.event_type
                        or vague.event_type in VAGUE
                        or {vague.event_type, i.event_type} <= GROUND
                        or {i.event_type, vague.event_type} <= set(EXPLOSIVES)
                    )
                    and i.place.precision in _PLACED
                    and contains(vague.place, i.place)
                ]
                # A headline's province announces the first of them ("Guided bombs kill two in Kharkiv
                # region" over "...killed in the village of Zolochiv. ...an attack on the city of Kharkiv").
                headline = _headline(vague)
                # A lede's province with its toll ("Russia attacked the Kharkiv region..., killing two
                # people") is the one event inside with that toll.
                same_toll = [i for i in inside_after if vague.fatalities and i.fatalities == vague.fatalities]
                target = first(inside_after) if headline else _lone(inside_after) or _lone(same_toll)
                if target is None and len(inside_after) > 1:
                    # "strikes on the Donetsk region killed four... two in Kostiantynivka, two in Kramatorsk": a sum
                    out.remove(vague)
                    continue
                if target is None:
                    # "Des roquettes sur une base dans la province d'Anbar" and "sur la base d'Aïn al-Assad", told
                    # before or after: the one site (a base, an airport) of that type and day inside the province.
                    sites = [i for i in others if i.place.precision == "point" and contains(vague.place, i.place)]
                    target = _lone(i for i in sites if i.date == vague.date and i.event_type == vague.event_type)
                if target is None:
                    # "Le maire de Kidal annonce... frappes de drones dans la région de Kidal": on the same day,
                    # the region is its town of the same name, the place the article names first or after.
                    target = _lone(
                        i
                        for i in others
                        if i.date == vague.date and i.event_type == vague.event_type and _namesake(vague.place, i.place)
                    )
            elif vague.place.precision == "locality" and vague.date is None and (
                namesakes := [
                    i
                    for i in others
                    if i.place.precision == "admin1" and _namesake(i.place, vague.place)
                ]
            ):
                # "Bomb blast kills three in Khost" over "an explosion in Khost province on Monday": the
                # headline's town is the province the body tells of (its dated report, when it names it twice).
                target = _lone(namesakes) or _lone(i for i in namesakes if i.date is not None)
            elif vague.place.precision in _PLACED and (
                offsets := [i for i in others if i.place.gazetteer_id.startswith(vague.place.gazetteer_id + "@")]
            ):
                # "A ship targeted near Hodeidah ... about 61 nautical miles south-west of Hodeidah": the
                # town is where the position was measured from, not a second event.
                target = first(offsets)
            elif vague.place.precision == "locality" and _headline(vague) and (
                tolled := _lone(same_toll_elsewhere(vague, [i for i in others if i.place.precision in _PLACED]))
            ):
                # "Suspected ISIS attack kills two soldiers in Kirkuk" over "the two officers were killed at an
                # army outpost in Dibis district": the headline's town names its province, where its toll was told.
                target = tolled
            elif vague.place.precision == "locality" and _headline(vague) and (
                sites := [i for i in others if i.place.precision == "point" and contains(vague.place, i.place)]
            ):
                # "Mortars kill four in Baghdad" over "mortar shells targeting the airport in the capital": the
                # headline's town is the one site in it the body tells of.
                target = _lone(sites)
            elif bearing_only(vague) and _side(vague) == NEAR:
                # "Vingt civils ont péri près de Taëz" over "le raid avait visé un véhicule ... dans la
                # sous-préfecture de Mawzaa, à quelque 60 km au sud-ouest de la ville de Taëz": the event
                # whose place the article measures from that town (a site near a town is placed already).
                told = {q for _, q in vague.quotes}
                target = first(
                    i
                    for i in others
                    if vague.place.precision == "locality"
                    and i.place.precision in _PLACED
                    and i.place.gazetteer_id != vague.place.gazetteer_id
                    and haversine_km(vague.lat, vague.lon, i.lat, i.lon) <= self.bearing_km
                    and not bearing_only(i)
                    and any(
                        _measured_from(vague.place_text, s.place_text, q) for s, q in i.quotes if q not in told
                    )
                ) or _lone(
                    # "une tentative d'attentat-suicide près de Kandahar" over "une voiture-suicide ... près de
                    # l'aéroport de Kandahar": the one site named after that town.
                    i
                    for i in others
                    if vague.place.precision == "locality"
                    and i.place.precision == "point"
                    and i.place_text == vague.place_text
                    and haversine_km(vague.lat, vague.lon, i.lat, i.lon) <= self.bearing_km
                )
            elif bearing_only(vague):
                told = {q for _, q in vague.quotes}
                target = first(
                    i
                    for i in others
                    if i.place.precision in _PLACED
                    and i.place.gazetteer_id != vague.place.gazetteer_id
                    and (
                        haversine_km(vague.lat, vague.lon, i.lat, i.lon) <= self.bearing_km
                        # "a roadside bomb north of Baghdad" over "near the town of Samarra, 100 km north of
                        # Baghdad": as far as the article measures it from that town
                        or any(
                            _measured_from(vague.place_text, s.place_text, q)
                            for s, q in i.quotes
                            if q not in told
                        )
                    )
                    and _on_side(vague, i)
                    # ("...west of Baquba" is not "Meanwhile in Baghdad, ...": the article tells that one apart)
                    and not any(_SEPARATE.search(q) for _, q in i.quotes)
                ) or first(  # "an attack in Kirkuk province ... 50 km south of the city of Kirkuk"
                    i for i in others if i.place.precision == "admin1" and contains(i.place, vague.place)
                ) or first(  # "in a Diyala province car bombing, ... the region northeast of Baghdad"
                    i
                    for i in others
                    if i.place.precision == "admin1" and _on_side(vague, i) and _told_together(i, vague)
                )
            elif vague.place.precision == "locality" and vague.date is None and _headline(vague):
                # "...roadside bomb blast in northern Balkh" over "in Balkh province... in Chimtal district": the
                # headline's town that names its province is the one dated event the body places in it (the
                # province's own report may have folded into that event already).
                target = _lone(
                    i
                    for i in in_namesake_province(vague.place, others)
                    if i.date is not None and i.place.precision in _PLACED
                )
                if target is None and (province := _lone(i for i in others if i.place.precision == "admin1")):
                    # "13 killed after car bomb explodes in Syria's Afrin" over "a car bomb went off in
                    # Syria's province of Aleppo": the headline's town says where in the province, when the
                    # body places nothing else in it.
                    inside = [i for i in out if i is not vague and contains(province.place, i.place)]
                    target = province if contains(province.place, vague.place) and not inside else None
                    town = target is not None
            if target is not None:
                # The event keeps its place: the vague report only said roughly where it was. But a region
                # placed at its capital ("la région de Dnipropetrovsk") is that town, which names it better;
                # and a headline's town says where in its province.
                kept = vague if town or _capital_of_region(target.place, vague.place) else target
                fold(vague, target, at=kept)
        return sorted(out, key=lambda i: i.id)

    @staticmethod
    def completed(incidents: Iterable[Incident]) -> list[Incident]:
        """What merged events take from their reports once merged. An event the text does not date takes the
        publication date of its first report, with precision ``reported``, as an analyst codes an event from
        the report's date when it gives none. An event whose reports tell the wounded and no dead counts no
        dead (0), as ACLED codes it. Done once reports are merged: a report's date says nothing of whether two
        reports tell one event, and a report of the wounded alone must not lower another's dead."""
        return [dated_by_report(dead_told_by_wounded(inc)) for inc in incidents]

    def cell(self, inc: Incident) -> Cell:
        """A cube of a grid over the Earth's 3-D coordinates, two merge radii wide: reports of one event
        (within ``same_incident_km``, or at the same place) always lie in the same or a neighbouring cube."""
        lat, lon = math.radians(inc.lat), math.radians(inc.lon)
        size = self._cell_size
        x, y, z = math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)
        return (math.floor(x / size), math.floor(y / size), math.floor(z / size))

    def _same_article_missiles(self, a: Incident, b: Incident) -> bool:
        """ "Missile strikes on Erbil" and "the missiles hit Erbil": one article calls one event a strike and
        shelling; at one place on one day (or an unknown one) it is one event, unless their tolls differ
        ("rockets killed nine in Taiz" and "jets killed 40 people there")."""
        if {a.event_type, b.event_type} != MISSILES:
            return False
        if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
            return False
        if a.place.gazetteer_id != b.place.gazetteer_id:
            return False
        if not ({s.article_id for s in a.sources} & {s.article_id for s in b.sources}):
            return False
        return self.same_event(a, replace(b, event_type=a.event_type))

    def _same_article_distinct(self, a: Incident, b: Incident) -> bool:
        """Reports in one article that are two events: at one place on different days, or named apart in
        one sentence ("near al-Qaim and near Albu Kamal") unless they are next to each other (a base and the
        airport beside it)."""
        same_article = {s.article_id for s in a.sources} & {s.article_id for s in b.sources}
        if not same_article:
            return False
        if a.date is not None and b.date is not None and a.date != b.date:
            return True
        if tells_another_event(a) != tells_another_event(b):
            return True  # "In another explosion in the city of Jalalabad on Sunday", after Tuesday's there
        if (
            _told_together(a, b)
            and a.place.gazetteer_id != b.place.gazetteer_id
            and haversine_km(a.lat, a.lon, b.lat, b.lon) > self.same_sentence_km
        ):
            return True
        # Two towns one article names apart, each where something happened, are two events: the article
        # tells them apart ("a strike near Nabatieh... forces also struck Kfar Kila").
        # A report given only by a bearing from a town is the other event when it lies on that side.
        if a.place.gazetteer_id == b.place.gazetteer_id or not a.place.precision == b.place.precision == "locality":
            return False
        # ("Near" a town says no side: two towns stay apart.)
        if any(s.bearing and s.bearing != NEAR for s in a.sources):
            return not _on_side(a, b)
        if any(s.bearing and s.bearing != NEAR for s in b.sources):
            return not _on_side(b, a)
        return True


def _merged_type(a: EventType, b: EventType) -> EventType:
    if a in VAGUE:
        return b
    if b in VAGUE or a not in EXPLOSIVES or b not in EXPLOSIVES:
        return a
    return min(a, b, key=EXPLOSIVES.index)


def _merge(a: Incident, b: Incident, sources: tuple[Source, ...] | None = None) -> Incident:
    return join(a, b, merged_type=_merged_type, sources=sources)


def _article_ids(incident: Incident) -> set[str]:
    return {s.article_id for s in incident.sources}


class _Event:
    """An event being merged: its fields are those ``_merge`` gives, but its sources are kept per article
    (each the one :func:`geomap.merge.joins.distinct_sources` gives) and put together only when asked for."""

    __slots__ = ("_built", "article_ids", "by_article", "incident")

    def __init__(self, incident: Incident) -> None:
        self.incident = incident  # sources out of date unless _built
        self._built = True
        self.by_article: dict[tuple[str, str], Source] | None = None  # None: one report, as it came
        self.article_ids = _article_ids(incident)

    def absorb(self, report: Incident) -> None:
        """``_merge(self, report)``: an article's reports joined again give the same source, so only the
        articles of ``report`` are rebuilt."""
        if self.by_article is None:
            grouped = _by_article([*self.incident.sources, *report.sources])
            self.by_article = {key: _distinct_source(group) for key, group in grouped.items()}
        else:
            for key, group in _by_article(report.sources).items():
                known = self.by_article.get(key)
                self.by_article[key] = _distinct_source([known, *group] if known is not None else group)
        self.incident = _merge(self.incident, report, sources=())
        self.article_ids |= _article_ids(report)
        self._built = False

    def built(self) -> Incident:
        if not self._built:
            assert self.by_article is not None
            sources = tuple(self.by_article[key] for key in sorted(self.by_article))
            self.incident = replace(self.incident, sources=sources)
            self._built = True
        return self.incident


#: Where an event is placed well enough to take in a vague report of it: a site, a town, or a point given
#: by distance and bearing ("18 km east of Baqubah").
_PLACED = ("point", "locality", "approximate")


def _namesake(province: Resolution, town: Resolution) -> bool:
    """Whether a town of the province bears its name (Khost in Khost province, Kirkuk in Kirkuk, Erbil in
    Arbīl, as GeoNames spells the governorate; Kharkiv in Kharkivska oblast, which "the Kharkiv region"
    placed at its capital, the town itself)."""
    return (
        town.precision in _PLACED
        and (
            name_key(town.canonical) == name_key(province.canonical)
            or skeleton_key(town.canonical) == skeleton_key(province.canonical)
            or (town.lat, town.lon) == (province.lat, province.lon)
        )
        and contains(province, town)
    )


def _capital_of_region(region: Resolution, town: Resolution) -> bool:
    """Whether ``region`` is a province placed at ``town``, its capital (as "the Kharkiv region" is)."""
    return region.precision == "admin1" and (town.lat, town.lon) == (region.lat, region.lon) and _namesake(region, town)


def _missiles_inside(province: Incident, incidents: Iterable[Incident]) -> int:
    """How many of the article's strikes and shelling the province holds (a roundup's places)."""
    return sum(
        1
        for i in incidents
        if i.event_type in MISSILES and i.place.precision in _PLACED and contains(province.place, i.place)
    )
