"""Where and how an article tells its reports: in its headline, at which place of its body, together in one
sentence, by a bearing from a town, measured from a town. The fold of vague reports reads them."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from geomap import lexicon
from geomap.records import Incident

# "In another explosion in the city of X": the article tells another event than one it told there.
# ("Non loin de là, une voiture piégée a tué un soldat": another event where the one told happened)
_ANOTHER = lexicon.load().alt("merge.another_event") + "|" + lexicon.load().alt("when.nearby")
_ANOTHER_EVENT = re.compile(r"\b(?:" + _ANOTHER + r")(?!\w)", re.I)


def lone(candidates: Iterable[Incident]) -> Incident | None:
    """The one candidate, if there is exactly one."""
    found = list(candidates)
    return found[0] if len(found) == 1 else None


def measured_from(town: str, place: str, quote: str) -> bool:
    """Whether the quote names the town right after the place ("Mawzaa, à quelque 60 km ... de Taëz")."""
    at = quote.find(place)
    return at >= 0 and 0 <= quote.find(town, at + len(place)) - at - len(place) <= MEASURED_WITHIN


#: How many characters may part a place from the town its distance is measured from.
MEASURED_WITHIN = 80


def side(incident: Incident) -> str | None:
    """The bearing a report gives its place by ("n", "near"...), if one does."""
    return next((s.bearing for s in incident.sources if s.bearing), None)


def on_side(vague: Incident, other: Incident) -> bool:
    """Whether ``other`` lies on the side of the town the vague report gives its bearing from."""
    bearing = side(vague)
    dlat, dlon = other.lat - vague.lat, other.lon - vague.lon
    return {"n": dlat > 0, "s": dlat < 0, "e": dlon > 0, "w": dlon < 0}.get(bearing or "", True)


def told_together(a: Incident, b: Incident) -> bool:
    """Whether one sentence of one article reports both."""
    return bool({(s.article_id, q) for s, q in a.quotes} & {(s.article_id, q) for s, q in b.quotes})


def headline(incident: Incident) -> bool:
    """Whether the incident is told in its article's title."""
    return any(q == s.title.strip() for s, q in incident.quotes)


def position(incident: Incident) -> int:
    """Where the incident is first reported in its article's body (a related title comes after it)."""
    found = [s.start for s in incident.sources if s.start is not None]
    return min(found) if found else sys.maxsize


def tells_another_event(incident: Incident) -> bool:
    """Whether a quote of the incident tells it as another event than one told before ("In another explosion
    in the city of X on Sunday")."""
    return any(_ANOTHER_EVENT.search(quote) for _, quote in incident.quotes)
