"""What an article's tolls say of its reports: a province whose dead are those of the events told inside it
is their sum, and a headline's town whose dead the body tells at one other place of its province is that
event (the events of the province a town is named after serve the other headline rules too)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from geomap.merge.index import VAGUE, dates_compatible, types_compatible
from geomap.places.names import skeleton_key
from geomap.records import Incident, Resolution


def summed_by(province: Incident, inside: Sequence[Incident]) -> bool:
    """Whether the province's dead are those of two or more events told inside it ("four people were killed in
    the Donetsk region... one in Kramatorsk... one in Bakhmut... two in Drobysheve")."""
    return bool(province.fatalities) and len(inside) >= 2 and sum(i.fatalities or 0 for i in inside) == province.fatalities


def in_namesake_province(town: Resolution, candidates: Iterable[Incident]) -> list[Incident]:
    """The events at other places of the province a town is named after ("Kirkuk" for Kirkuk province, "Balkh"
    for Balkh): a headline's town that may name the province. Nothing when the town does not bear its name."""
    if skeleton_key(town.admin1) != skeleton_key(town.canonical):
        return []
    return [
        i
        for i in candidates
        if i.place.gazetteer_id != town.gazetteer_id
        and (i.place.country, i.place.admin1) == (town.country, town.admin1)
    ]


def same_toll_elsewhere(headline: Incident, candidates: Iterable[Incident]) -> list[Incident]:
    """The other events of the headline town's province (the town named after it) with the headline's dead,
    of a type that may be the headline's, undated or of the headline's day ("ISIS attack kills two soldiers in
    Kirkuk" over "the two officers were killed ... in Dibis district"); when the town names no province, those
    of its country: a headline names the body's event by a town it knows ("4 Iraqi soldiers killed in Baghdad
    car bomb" over "four soldiers were killed when a car bomb exploded in As-Sadiyeh", in Diyala)."""
    if not headline.fatalities:
        return []
    candidates = list(candidates)
    town = headline.place
    # (elsewhere in the country, only an event of the headline's own weapon: "a villager was killed in an
    # attack in Hajin" is no "shelling kills a civilian in Mayadin")
    pool = in_namesake_province(town, candidates) or [
        i
        for i in candidates
        if i.place.country == town.country
        and i.place.gazetteer_id != town.gazetteer_id
        and i.event_type == headline.event_type not in VAGUE
    ]
    return [
        i
        for i in pool
        if i.fatalities == headline.fatalities
        and types_compatible(i.event_type, headline.event_type)
        and dates_compatible(i.date, headline.date)
    ]
