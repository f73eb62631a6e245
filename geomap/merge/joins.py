"""How two reports of one event become one incident: the better date and place, the conservative toll, and
one source per article with its quotes in reading order; and what the merged event takes from its reports
(the day of publication when none is told, no dead when only the wounded are)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from geomap import lexicon
from geomap.records import EventType, Incident, Source

PRECISION_RANK = {"point": 0, "locality": 1, "approximate": 2, "admin1": 3, "country": 4}
DATE_RANK = {"day": 0, "month_day": 1, "month": 2, "year": 3, "reported": 4, "unknown": 5}


def join(
    a: Incident,
    b: Incident,
    *,
    merged_type: Callable[[EventType, EventType], EventType],
    sources: tuple[Source, ...] | None = None,
) -> Incident:
    """The incident two reports of one event make (``merged_type`` says which of their types it keeps)."""
    date_from = a if DATE_RANK[a.date_precision] <= DATE_RANK[b.date_precision] else b
    place_from = a if PRECISION_RANK[a.place.precision] <= PRECISION_RANK[b.place.precision] else b
    kind = merged_type(a.event_type, b.event_type)
    if sources is None:
        sources = distinct_sources([*a.sources, *b.sources])
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
        fatalities=conservative(a.fatalities, b.fatalities),
        injured=conservative(a.injured, b.injured),
        casualties_quote=a.casualties_quote or b.casualties_quote,
        launched_from=a.launched_from or b.launched_from,
    )


def conservative(a: int | None, b: int | None) -> int | None:
    """Two reports' figures for one event: the lowest one stated, as ACLED keeps the most conservative."""
    if a is None or b is None:
        return b if a is None else a
    return min(a, b)


def distinct_sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    """One source per article, its quotes in reading order: an article that tells an event three times is
    one source with three quotes, and a sentence written twice is one quote."""
    grouped = by_article(sources)
    return tuple(distinct_source(grouped[key]) for key in sorted(grouped))


def by_article(sources: Iterable[Source]) -> dict[tuple[str, str], list[Source]]:
    """Reports grouped by the article (file, id) they come from."""
    out: dict[tuple[str, str], list[Source]] = defaultdict(list)
    for s in sources:
        out[(s.file, s.article_id)].append(s)
    return out


def distinct_source(reports: list[Source]) -> Source:
    """One article's reports of an event as one source (applied again to its result, it gives it back)."""
    group = sorted(reports, key=lambda s: (s.start is None, s.start or 0, s.quote, s.place_text))
    first = group[0]
    told = {  # quote -> its offset in the body (None: the title of a related article)
        q: at for s in group for q, at in zip((s.quote, *s.more_quotes), (s.start, *s.more_starts), strict=True)
    }
    more = sorted((q for q in told if q != first.quote), key=lambda q: (told[q] is None, told[q] or 0, q))
    bearings = {s.bearing for s in group}
    return replace(
        first,
        more_quotes=tuple(more),
        more_starts=tuple(told[q] for q in more),
        # The article gives the place only as a bearing if every report of it does.
        bearing=first.bearing if len(bearings) == 1 else None,
    )


def _first_publication(incident: Incident) -> str | None:
    """The earliest full publication date of the articles whose body reports the incident (a title of
    another article that one links to is no report of the day)."""
    days = [s.published for s in incident.sources if s.start is not None and s.published]
    days = [day for day in days if len(day) == 10]
    return min(days) if days else None


def dated_by_report(inc: Incident) -> Incident:
    """An undated event takes the day of its first report's publication, with precision ``reported``."""
    if inc.date is None and (published := _first_publication(inc)) is not None:
        return replace(inc, date=published, date_precision="reported")
    return inc


def dead_told_by_wounded(inc: Incident) -> Incident:
    """An event whose reports tell the wounded and no dead counts no dead, unless its wounded are more than
    dead told elsewhere ("the attack also wounded six other members": its dead were told before)."""
    # "Trois civils ont été blessés": the report counts its casualties, and would have told the dead.
    if inc.fatalities is not None or inc.injured is None:
        return inc
    return inc if _MORE_WOUNDED.search(inc.casualties_quote or "") else replace(inc, fatalities=0)


# "also wounded six other", "a également blessé", "trois autres ont été blessés" (lexicon merge.more_wounded).
_MORE_WOUNDED = re.compile(lexicon.load().alt("merge.more_wounded"), re.IGNORECASE)
