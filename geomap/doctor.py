"""``geomap doctor``: what the last build could not place, or placed on a coin toss, and what to do."""

from __future__ import annotations

from collections.abc import Sequence

from geomap.geo import haversine_km
from geomap.places.resolvers import Context, Resolver
from geomap.records import ArticleResult

#: Two candidates closer than this in score, and this far apart, make a name worth a curated row.
AMBIGUOUS_SCORE_GAP = 1.0
AMBIGUOUS_MIN_KM = 50.0


def doctor_report(results: Sequence[ArticleResult], *, resolver: Resolver) -> str:
    """Unresolved names and ambiguous incident places of a build's results, with what to do about them."""
    lines: list[str] = []
    unresolved: dict[str, list[str]] = {}
    for r in results:
        for name in r.unresolved:
            unresolved.setdefault(name, []).append(r.article.file)
    if unresolved:
        lines.append(
            f"Unresolved place names ({len(unresolved)}): add them to gazetteer/curated.csv if they are places"
        )
        for name, files in sorted(unresolved.items()):
            lines.append(f"  {name!r} in {', '.join(sorted(set(files)))}")
    ambiguous = []
    for r in results:
        for inc in r.incidents:
            found = resolver.candidates(inc.place_text, context=Context(countries=(inc.place.country,)))
            if (
                len(found) >= 2
                and found[0].score - found[1].score < AMBIGUOUS_SCORE_GAP
                and haversine_km(found[0].lat, found[0].lon, found[1].lat, found[1].lon) > AMBIGUOUS_MIN_KM
            ):
                ambiguous.append((inc.place_text, r.article.file, found[:3]))
    if ambiguous:
        lines.append(f"Ambiguous incident places ({len(ambiguous)}): a curated alias with a ref settles them")
        for text, file, found in ambiguous:
            lines.append(f"  {text!r} in {file}:")
            lines += [
                f"    {c.score:6.2f} {c.canonical} [{c.precision}] {c.country} {c.gazetteer_id}"
                for c in found
            ]
    return "\n".join(lines) if lines else "No unresolved or ambiguous place names."
