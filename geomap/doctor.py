"""``geomap doctor``: what the last build could not place, or placed on a coin toss, and what to do.

Unresolved names that cluster in the articles about one country mean that its villages and sites are
missing: ``geomap gazetteer add CC`` installs GeoNames' places there. A name alone is a site to curate:
a row of the curated file, with its source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.geo import haversine_km
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import Context, Resolver
from geomap.records import ArticleResult
from geomap.settings import Settings

#: Two candidates closer than this in score, and this far apart, make a name worth a curated row.
AMBIGUOUS_SCORE_GAP = 1.0
AMBIGUOUS_MIN_KM = 50.0


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryGap:
    """Unresolved names of the articles about one country."""

    country: str  # ISO code
    country_name: str
    names: dict[str, list[str]]  # name -> files
    resolved: int  # distinct place names those articles resolved
    installed: bool  # its GeoNames dump is installed already

    def worth_installing(self, settings: Settings) -> bool:
        """Not installed, and enough of its articles' places are missing to call it a gap."""
        least, share = settings.installing.cluster_min_names, settings.installing.cluster_min_share
        missing = len(self.names)
        return not self.installed and missing >= least and missing >= share * (missing + self.resolved)

    def hint(self) -> str:
        return (
            f"{len(self.names)} unresolved names in articles about {self.country_name}: "
            f"`geomap gazetteer add {self.country}` adds GeoNames' places there "
            "(and `--geocoder nominatim` for the rest)"
        )


def article_country(result: ArticleResult) -> str | None:
    """The country an article is about: where its places are (a named country counts double)."""
    votes: Counter[str] = Counter()
    for incident in result.incidents:
        votes[incident.place.country] += 1
    for mention in result.mentions:
        votes[mention.place.country] += 2 if mention.place.precision == "country" else 1
    if not votes:
        return None
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


@dataclass(frozen=True, slots=True, kw_only=True)
class Unresolved:
    """What :func:`country_gaps` needs of an article that left names unresolved (kept in the build cache,
    so that a build does not decode every article for it)."""

    file: str
    country: str | None  # the country it is about (:func:`article_country`)
    names: tuple[str, ...]  # unresolved
    resolved: tuple[str, ...]  # the names of its incidents and mentions

    @classmethod
    def of(cls, result: ArticleResult) -> Unresolved | None:
        if not result.unresolved:
            return None
        known = {i.place_text for i in result.incidents} | {m.mention.text for m in result.mentions}
        return cls(
            file=result.article.file,
            country=article_country(result),
            names=result.unresolved,
            resolved=tuple(sorted(known)),
        )


def country_gaps(results: Sequence[ArticleResult], *, gazetteer: Gazetteer) -> list[CountryGap]:
    """Unresolved names grouped by the country their articles are about, most first."""
    return gaps_of([u for r in results if (u := Unresolved.of(r)) is not None], gazetteer=gazetteer)


def gaps_of(articles: Sequence[Unresolved], *, gazetteer: Gazetteer) -> list[CountryGap]:
    """:func:`country_gaps` of the articles that left names unresolved."""
    by_country: dict[str, dict[str, list[str]]] = {}
    resolved: dict[str, set[str]] = {}
    for a in articles:
        if a.country is None:
            continue
        for name in a.names:
            by_country.setdefault(a.country, {}).setdefault(name, []).append(a.file)
        known = resolved.setdefault(a.country, set())
        known |= set(a.resolved)
    gaps = []
    for code, names in by_country.items():
        place = gazetteer.country(code)
        gaps.append(
            CountryGap(
                country=code,
                country_name=place.name if place else code,
                names=names,
                resolved=len(resolved.get(code, set()) - set(names)),
                installed=code in gazetteer.installed.countries,
            )
        )
    return sorted(gaps, key=lambda g: (-len(g.names), g.country))


def gap_hints(results: Sequence[ArticleResult], *, settings: Settings, gazetteer: Gazetteer) -> list[str]:
    """One line per country whose articles leave enough names unresolved to install its GeoNames dump."""
    return [g.hint() for g in country_gaps(results, gazetteer=gazetteer) if g.worth_installing(settings)]


def hints_of(articles: Sequence[Unresolved], *, settings: Settings, gazetteer: Gazetteer) -> list[str]:
    """:func:`gap_hints` of the articles that left names unresolved."""
    return [g.hint() for g in gaps_of(articles, gazetteer=gazetteer) if g.worth_installing(settings)]


def doctor_report(
    results: Sequence[ArticleResult],
    *,
    resolver: Resolver,
    gazetteer: Gazetteer | None = None,
    settings: Settings | None = None,
) -> str:
    """Unresolved names and ambiguous incident places of a build's results, with what to do about them."""
    settings = settings or Settings()
    lines: list[str] = []
    unresolved: dict[str, list[str]] = {}
    country_of: dict[str, str] = {}
    for r in results:
        for name in r.unresolved:
            unresolved.setdefault(name, []).append(r.article.file)
            country_of.setdefault(name, article_country(r) or "CC")
    clustered: set[str] = set()
    if gazetteer is not None and unresolved:
        for gap in country_gaps(results, gazetteer=gazetteer):
            if gap.worth_installing(settings):
                lines.append(gap.hint())
                lines += [f"  {name!r} in {', '.join(sorted(set(files)))}" for name, files in sorted(gap.names.items())]
                clustered |= set(gap.names)
    single = {name: files for name, files in unresolved.items() if name not in clustered}
    if single:
        curated = gazetteer.curated_path if gazetteer is not None else "gazetteer/curated.csv"
        lines.append(
            f"Unresolved place names ({len(single)}): for a site or place geomap should know, add a row to "
            f"{curated} with its coordinates and where they come from, e.g."
        )
        lines.append("  name,aliases,ref,lat,lon,precision,feature,country,admin1,source,note")
        for name, files in sorted(single.items()):
            where = ", ".join(sorted(set(files)))
            lines.append(f"  {name},,,LAT,LON,point,SITE,{country_of[name]},,SOURCE,   <- in {where}")
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
