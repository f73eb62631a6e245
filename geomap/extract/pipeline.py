"""From one Article to its incidents and mentions: sentences -> place mentions -> resolutions -> incidents.

The expensive spaCy NER runs only where the cheap stages need it: on sentences with attack vocabulary in
which the gazetteer found no town or site that could be the incident's location (French; English relies
on a pattern for capitalised phrases after "in/near/at/outside").

A place the sentence puts in a named country ("X in northern Iraq", "Syria's X") is resolved there; a
place resolved far outside the article's countries and the region stays a mention, never an incident.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from geomap import lexicon
from geomap.extract.assemble import incidents_from_sentences, mentions_not_incidents
from geomap.extract.events import event_type
from geomap.extract.fallback import fallback_mentions, has_other_name, reads_with_ner
from geomap.extract.holders import settle_holders
from geomap.extract.homonyms import (
    nearest_homonyms,
    provinces_named_alike,
    same_name_same_place,
    story_anchors,
    town_within,
)
from geomap.extract.locate import (
    Located,
    is_elsewhere,
    is_event_location,
    is_named_as_where,
)
from geomap.extract.mentions import find_mentions
from geomap.extract.ner import NerReader, ner_spans
from geomap.extract.offsets import bearing_of, displaced, far_from_its_measure, offset_of, seaward_of
from geomap.extract.peoples import country_of_kind, peoples_countries
from geomap.extract.qualifiers import (
    DISTRICT,
    POSSESSIVE,
    VILLAGE,
    names_district,
    names_district_or_village,
    names_town_part,
)
from geomap.extract.unknown import landmark_of_unknown_place
from geomap.geo import haversine_km
from geomap.places.gazetteer import COUNTRIES_FILE, Gazetteer, data_dir, open_gazetteer
from geomap.places.geography import contains, country_shapes
from geomap.places.resolvers import Context, GazetteerResolver, Resolver
from geomap.read.sentences import article_sentences
from geomap.records import NEAR, Article, ArticleResult, FeatureHint, Mention, Resolution, Sentence
from geomap.settings import Settings

_LEXICON = lexicon.load()


# Before a country that holds the places named just before it: "in (northern)", "en", "dans le nord de l'".
_IN_COUNTRY = re.compile(
    r",?\s*\b" + _LEXICON.alt("locate.in_country") + r"\s*" + _LEXICON.alt("locate.holder_determiners") + "?"
    r"(?:[a-zà-ÿ][\w\-]*\s+){0,2}(?:" + _LEXICON.alt("locate.compass") + r"(?:-\w+)?\s+"
    + _LEXICON.alt("locate.compass_of") + r"\s*" + _LEXICON.alt("locate.compass_of_determiners") + "?)?$",
    re.IGNORECASE,
)
_LIST_WORD = re.compile(r"[\w’'\-]+|,")
# The words that join the names of a list ("Asos et Hakurk"), and its commas.
_LIST_JOINERS = frozenset({",", *(w for w in _LEXICON.entries("mentions.list_joiners") if w.isalpha())})


def _named_country(loc: Located, after: list[Located], before: list[Located]) -> str | None:
    """The country the sentence puts this place in, if it says so."""
    sentence = loc.mention.sentence.text
    for other in after:
        if other.place.precision == "country":
            between = sentence[loc.mention.end : other.mention.start]
            holder = _IN_COUNTRY.search(between)
            # Only other names of a list may come between: "Asos and Hakurk in northern Iraq".
            if holder and all(
                w.lower() in _LIST_JOINERS or w[:1].isupper() or w.lower().startswith("al-")
                for w in _LIST_WORD.findall(between[: holder.start()])
            ):
                return other.place.country
            break
    previous = before[-1] if before else None
    if (
        previous is not None
        and previous.place.precision == "country"
        and POSSESSIVE.match(sentence[previous.mention.end : loc.mention.start])
    ):
        return previous.place.country
    return country_of_kind(loc.mention)  # "the Malian town of Boni"


@lru_cache(maxsize=64)  # (a few hints)
def _hinted(hint: FeatureHint | None) -> Context:
    """``Context(hint=hint)``, made once per hint: the country vote asks the resolver of every name."""
    return Context(hint=hint)


class Extractor:
    """Extracts incidents from articles with a resolver; one instance serves many articles."""

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        resolver: Resolver | None = None,
        gazetteer: Gazetteer | None = None,
        ner: NerReader | None = None,
    ) -> None:
        self.settings = settings or Settings()
        # Where the NER runs: in this process by default; a build's workers share one (extract/batch.py).
        self.ner: NerReader = ner or (lambda model, texts: ner_spans(model, texts, settings=self.settings))
        self.gazetteer = gazetteer or open_gazetteer(self.settings)
        self.resolver = resolver or GazetteerResolver(settings=self.settings, gazetteer=self.gazetteer)
        self.ner_sentences = 0  # how many sentences went through spaCy (a benchmark figure)
        self.shapes = country_shapes(data_dir(self.settings) / COUNTRIES_FILE, self.settings.data_dir)
        self._text_mentions = lru_cache(maxsize=self.settings.performance.mention_memo)(
            lambda text: tuple(find_mentions(Sentence.lone(text), gazetteer=self.gazetteer))
        )

    def extract(self, article: Article) -> ArticleResult:
        return self.extract_batch([article])[0][0]

    def extract_batch(self, articles: Sequence[Article]) -> list[tuple[ArticleResult, int]]:
        """Each article's result, with how many resolver faults (a remote geocoder's) its extraction met.

        The articles are read together so that spaCy's NER reads every sentence of theirs that needs it in
        one batch (:meth:`_ner_spans`); each article's result is the one :meth:`extract` gives it alone."""
        faults = [0] * len(articles)
        placed = []
        for k, article in enumerate(articles):
            before = len(self.resolver.faults)
            placed.append(self._place_names(article))
            faults[k] += len(self.resolver.faults) - before
        spans = self._ner_spans([(p.article.lang, s.text) for p in placed for s in p.ner_wanted])
        out = []
        for k, p in enumerate(placed):
            before = len(self.resolver.faults)
            out.append(self._incidents(p, spans))
            faults[k] += len(self.resolver.faults) - before
        return list(zip(out, faults, strict=True))

    def _place_names(self, article: Article) -> _Placed:
        """The first reading of an article: its sentences' place names, its countries, each sentence's
        places, and the sentences that the NER must read (those with attack vocabulary and no town or
        site where it happened: maybe one the gazetteer spells otherwise, "Sokhné")."""
        sentences = article_sentences(article)
        mentions: dict[Sentence, list[Mention]] = {}
        for sentence in sentences:
            found = self.mentions_of(sentence, article.id)
            if found:
                mentions[sentence] = found
        countries = self._countries(mentions, [s.text for s in sentences])
        steps = []
        for sentence in sentences:
            found = mentions.get(sentence, [])
            unresolved: list[str] = []
            locs = self._locate(found, countries, unresolved)
            wants_ner = bool(
                event_type(sentence.text)
                and not any(
                    is_event_location(loc.mention, loc.place)
                    and loc.place.precision in ("point", "locality")
                    # (not a town that only says where the place lies: "in Hareb district, south of Marib")
                    and not landmark_of_unknown_place(loc, locs)
                    for loc in locs
                )
                and has_other_name(sentence.text, found)
            )
            steps.append(_SentencePlaces(sentence=sentence, locs=locs, unresolved=unresolved, wants_ner=wants_ner))
        return _Placed(article=article, sentences=sentences, mentions=mentions, countries=countries, steps=steps)

    def _incidents(self, placed: _Placed, spans: Mapping[tuple[str, str], list[tuple[int, int]]]) -> ArticleResult:
        """The article's incidents and mentions, from its first reading and the NER's names."""
        article, sentences, mentions, countries = placed.article, placed.sentences, placed.mentions, placed.countries
        located: dict[Sentence, list[Located]] = {}
        unresolved: list[str] = []
        pinned: dict[str, Resolution] = {}  # names a sentence put in a country, and the place it made them
        for step in placed.steps:
            sentence, locs = step.sentence, list(step.locs)
            unresolved += step.unresolved
            found = mentions.get(sentence, [])
            if step.wants_ner:
                # No town or site where it happened: maybe one the gazetteer spells otherwise ("Sokhné").
                extra = _not_among(self._fallback_mentions(article, sentence, spans), found)
                locs += self._locate(extra, countries, unresolved)
            elif locs and has_other_name(sentence.text, found) and event_type(sentence.text):
                locs += self._named_beside(article, sentence, found, locs, countries)
            if locs:
                located[sentence] = settle_holders(self._in_named_countries(locs, pinned), population=self._population)
        # "Syria's Ras Al Ain" in the headline: the same name elsewhere in the article is that town, not its
        # Turkish twin across the border.
        located = same_name_same_place(located, pinned, candidates=lambda m: self._candidates(m, countries))
        located = provinces_named_alike(located)
        located = nearest_homonyms(
            located,
            candidates=lambda m: self._candidates(m, countries),
            scoring=self.settings.scoring,
            countries=countries,
        )
        # A place outside the countries the article is about is a homonym unless something vouches for it
        # ("la rive du Tigre" is no town of Venezuela): it stays a mention, never an incident's location.
        about = self._about(countries, mentions)
        anchors = story_anchors(located, about)
        plausible = {
            s: [loc for loc in locs if self._plausible(loc, about, countries, anchors, locs)]
            for s, locs in located.items()
        }
        incidents = incidents_from_sentences(article, sentences, plausible, settings=self.settings)
        return ArticleResult(
            article=article,
            incidents=tuple(incidents),
            mentions=tuple(
                mentions_not_incidents(article, (loc for locs in located.values() for loc in locs), incidents)
            ),
            unresolved=tuple(dict.fromkeys(unresolved)),
        )

    def mentions_of(self, sentence: Sentence, article_id: str) -> list[Mention]:
        """:func:`find_mentions`, read once per text in a build: what it finds depends on the text alone
        (agencies' sentences recur from article to article), but for the sentence and article it names."""
        return [replace(m, article_id=article_id, sentence=sentence) for m in self._text_mentions(sentence.text)]

    def _countries(self, mentions: dict[Sentence, list[Mention]], texts: list[str]) -> tuple[str, ...]:
        """The article's countries: those its place names point to. A named country and a place where the
        sentence says something happened count double; a venue of talks or a seat counts for nothing
        ("the attack on Erbil came as the minister was due in Paris"); a people named in the ``texts`` ("des
        soldats maliens") counts once for its country when the article does not name it."""
        votes: dict[str, float] = {}
        first_seen: dict[str, int] = {}
        # A town votes once however often it is named: a homonym abroad repeated ("Chebaa... Shebaa", a
        # Tunisian town to the gazetteer) must not outweigh the several places of the article's country.
        place_weights: dict[str, tuple[str, float]] = {}
        points: dict[str, list[tuple[float, float]]] = {}  # where the towns that vote for a country lie
        named: set[str] = set()
        for found in mentions.values():
            for m in found:
                if kind_country := country_of_kind(m):  # "the Malian town of Boni" names Mali as where
                    votes[kind_country] = votes.get(kind_country, 0.0) + 2.0
                    named.add(kind_country)
                    first_seen.setdefault(kind_country, len(first_seen))
                    continue
                best = self.resolver.resolve(m.qualified_text, context=_hinted(m.hint))
                if best is None:
                    continue
                if best.precision == "country":
                    # "in Ukraine" names where; "Russia launched missiles" names who: the attacker's country
                    # must not outweigh the towns of the country attacked.
                    weight = 2.0 if is_named_as_where(m) else 1.0
                elif is_elsewhere(m):
                    weight = 0.0
                else:
                    weight = 2.0 if event_type(m.sentence.text) and is_event_location(m, best) else 1.0
                first_seen.setdefault(best.country, len(first_seen))
                if best.precision == "country":
                    votes[best.country] = votes.get(best.country, 0.0) + weight
                    named.add(best.country)
                else:
                    points.setdefault(best.country, []).append((best.lat, best.lon))
                    known = place_weights.get(best.gazetteer_id, (best.country, 0.0))[1]
                    place_weights[best.gazetteer_id] = (best.country, max(known, weight))
        for country, weight in place_weights.values():
            votes[country] = votes.get(country, 0.0) + weight
        # A people stands for its country where the article never names it ("Russia launched missiles, the
        # Russian strikes" are counted once, as who, not twice).
        for country in (c for c in peoples_countries(texts) if c not in named):
            votes[country] = votes.get(country, 0.0) + self.settings.scoring.people_country_votes
            first_seen.setdefault(country, len(first_seen))
        # Ties go to the country named first, not to the alphabet.
        ranked = sorted((kv for kv in votes.items() if kv[1] > 0), key=lambda kv: (-kv[1], first_seen[kv[0]]))
        if not ranked:
            return ()
        # A country named once in passing ("Dhiban" is also a village of Jordan) does not make the article
        # about it: the others must weigh a quarter of the first, and as much as it when it is weak.
        floor = max(min(self.settings.scoring.min_country_votes, ranked[0][1]), ranked[0][1] / 4)
        first = ranked[0][0]
        heavy = (c for c, n in ranked[1:3] if n >= floor)  # (a people's country has no towns: named, it counts)
        return (first, *(c for c in heavy if c in named or self._near(first, points.get(c, []))))

    def _near(self, first: str, points: list[tuple[float, float]]) -> bool:
        """Whether a town that votes for a second country lies near the first: the Lebanese village in a
        story of Israel counts, a homonym on another continent does not."""
        near = self.settings.scoring.neighbour_country_km
        return any((km := self.shapes.km_from(first, lat, lon)) is None or km <= near for lat, lon in points)

    def _about(self, countries: tuple[str, ...], mentions: dict[Sentence, list[Mention]]) -> frozenset[str]:
        """The countries the article is about: its first, and those it names. With none, the region."""
        if not countries:
            return frozenset(self.settings.scoring.region_countries)
        named = {
            place.country
            for found in mentions.values()
            for m in found
            if (place := self.resolver.resolve(m.qualified_text, context=_hinted(m.hint))) is not None
            and place.precision == "country"
        } | {country for found in mentions.values() for m in found if (country := country_of_kind(m))}
        return frozenset({countries[0], *named})

    def _plausible(
        self, loc: Located, about: frozenset[str], countries: tuple[str, ...], anchors: list[Resolution],
        sentence_places: Sequence[Located],
    ) -> bool:
        """Whether a place may be where something happened: in a country the article is about (by its
        gazetteer country or, for a point at sea or on a border, by the country outlines), or vouched for:
        a curated place, a country, a province of one of its countries, a named site, a big city of the same
        part of the world."""
        place = loc.place
        others = [(o.mention, o.place) for o in sentence_places if o is not loc]
        if far_from_its_measure(loc.mention, place, others, margin_km=self.settings.scoring.measure_slack_km):
            return False
        if place.precision == "locality" and place.source != "curated" and names_town_part(loc.mention):
            # "al-Rawdah neighborhood": a part of a town the article names, not a town of that name 100 km away.
            return town_within(place, anchors, self.settings.scoring.town_part_km)
        # ("contre les villages de X, Y et Wari": a village of the list is no city of that name elsewhere)
        village = loc.mention.qualified_as(VILLAGE) or VILLAGE.search(loc.mention.cue) is not None
        district = place.precision == "locality" and place.source != "curated" and (
            village or names_district(loc.mention)
        )
        # "dans le district d'Al-Juba, au sud de Marib": no Juba of South Sudan
        if (
            (village or loc.mention.qualified_as(DISTRICT))
            and place.country not in about
            and any(o.place.country in about and o.place.precision != "country" for o in sentence_places)
        ):
            return False
        if district and not loc.mention.within and (
            village or self._population(place) < self.settings.scoring.big_city_population
        ):
            # "the Nadir Shah Kot district" in a story of Khost: a village of that name in Nangarhar is not it
            # ("the Penjwen district of Sulaimani province" says its province itself; "le district de Tyr", a
            # city's, in a story that also tells of Bint Jbeil's province, is the city's), unless near one of
            # its towns ("Houla ... and one in the village of Jebbayn": 25 km apart across a province border).
            provinces = {
                a.admin1 for a in anchors if a.gazetteer_id != place.gazetteer_id and a.country == place.country
            }
            near = town_within(place, anchors, self.settings.scoring.near_town_km)
            if provinces - {""} and place.admin1 not in provinces and not near:
                return False
        if district and any(
            o is not loc
            and o.place.precision == "locality"
            and o.place.country == place.country
            and o.place.admin1 != place.admin1
            and not names_district_or_village(o.mention)
            # (a district that holds the village before it lies around it: "Imam Sahib village, Chimtal district")
            and haversine_km(o.place.lat, o.place.lon, place.lat, place.lon) > self.settings.scoring.listed_reach_km
            and _beside(o.mention, loc.mention)
            for o in sentence_places
        ):
            return False  # "À Kherson, dans le district de Dnipro": the city's district, not the city of Dnipro
        # (a province called one, in a country the article is about, is evidence enough: "la province de
        # Djozdjan", as GeoNames does not spell Jowzjan)
        called = place.precision == "admin1" and loc.mention.hint == "admin1" and place.country in about
        if place.loose and place.source != "curated" and not (called or self._near_another(place, anchors)):
            return False
        # Found by the NER or a pattern only, a town of another continent than its sentence's places is a
        # homonym ("in the Barire area... in Lower Shabelle Region" is no Berea, US).
        reach = self.settings.scoring.neighbour_country_km
        if loc.mention.detector != "gazetteer" and place.source != "curated" and any(
            o.place.country != place.country and haversine_km(o.place.lat, o.place.lon, place.lat, place.lon) > reach
            for o in sentence_places
            if o.place.precision != "country" and o.place.country in about
        ):
            return False
        if loc.mention.detector == "list" and not any(
            contains(o.place, place)
            or haversine_km(o.place.lat, o.place.lon, place.lat, place.lon) <= self.settings.scoring.listed_reach_km
            for o in sentence_places
            if o.mention.detector == "gazetteer" and o.place.precision != "country"
        ):
            return False  # "Antonivka, Sadove, Prydniprovske... and Kherson": no Prydniprovske 200 km away
        if place.country in about or place.precision == "country":
            return True
        # A province of another of the article's countries; a named base or airport, when one was found
        # (a village of that name abroad is not vouched for by "le camp de").
        if place.precision == "admin1" and place.country in countries:
            return True
        if place.source == "curated":
            return True
        if loc.mention.hint in ("base", "airport") and place.precision == "point":
            # A base or airport near the story's country ("le camp de" a village abroad does not vouch
            # for, nor "le camp de Sokolo" for the airport of Socorro, New Mexico).
            return not countries or self._near(countries[0], [(place.lat, place.lon)])
        if self.shapes.country_at(place.lat, place.lon) in about:
            return True
        known = self.gazetteer.get(place.gazetteer_id)
        big = known is not None and known.population >= self.settings.scoring.big_city_population
        reach = self.settings.scoring.big_city_reach_km
        return big and all(haversine_km(a.lat, a.lon, place.lat, place.lon) <= reach for a in anchors[:5])

    def _candidates(self, m: Mention, countries: tuple[str, ...]) -> list[Resolution]:
        """The resolver's ranked places for a mention: its qualified name when a qualifier says what it is
        ("aéroport de Bassora"), with what the sentence says of it (its kind, its container)."""
        context = Context(countries=countries, hint=m.hint, within=(m.within,) if m.within else ())
        return list(self.resolver.candidates(m.qualified_text if m.hint else m.text, context=context))

    def _named_beside(
        self, article: Article, sentence: Sentence, found: list[Mention], locs: list[Located], countries: tuple[str, ...]
    ) -> list[Located]:
        """The places a sentence of violence names after a preposition of place beside those it placed: "One
        person was killed in Bakhmut. <...> Two people were killed in Drobysheve" (a village not matchable
        alone). Each lies within ``listed_reach_km`` of one of them, and within ``near_town_km`` of the one it
        is said to be near ("at Pissele, near Bourzanga"), else it is a homonym; a name none resolves is no
        unknown place of the article (the sentence has its places)."""
        extra = _not_among(fallback_mentions(article, sentence, {}, settings=self.settings, with_ner=False), found)
        if not extra:
            return []
        towns = [loc for loc in locs if loc.place.precision != "country"]
        reach, near = self.settings.scoring.listed_reach_km, self.settings.scoring.near_town_km
        out = []
        for loc in self._locate(extra, countries, []):
            said_near = [o for o in towns if _said_near(loc.mention, o.mention)]
            if any(
                haversine_km(o.place.lat, o.place.lon, loc.place.lat, loc.place.lon) <= (near if said_near else reach)
                for o in (said_near or towns)
            ):
                out.append(loc)
        return out

    def _near_another(self, place: Resolution, anchors: list[Resolution]) -> bool:
        """Whether the place lies within ``loose_reach_km`` of another place of the article; true if none."""
        others = [a for a in anchors if a.gazetteer_id != place.gazetteer_id and a.precision != "country"]
        reach = self.settings.scoring.loose_reach_km
        return not others or any(haversine_km(a.lat, a.lon, place.lat, place.lon) <= reach for a in others)

    def _population(self, place: Resolution) -> int:
        known = self.gazetteer.get(place.gazetteer_id)
        return known.population if known is not None else 0

    def _locate(
        self, mentions: list[Mention], countries: tuple[str, ...], unresolved: list[str]
    ) -> list[Located]:
        out = []
        for m in mentions:
            place = self._best(self._candidates(m, countries), hint=m.hint)
            if place is None:
                unresolved.append(m.text)
                continue
            if offset := offset_of(m):
                place = displaced(place, *offset)  # "40 nautical miles south-east of Aden"
            elif place.precision in ("locality", "point") and (km := seaward_of(m)) is not None:
                # "60 nautical miles off the port of Hodeidah": out at sea, whichever way it lies (off a
                # province or a country, the distance says too little).
                bearing = self.shapes.seaward_bearing(place.lat, place.lon, km=km)
                if bearing is not None:
                    place = displaced(place, km, bearing)
            out.append(Located(mention=m, place=place))
        return out

    def _in_named_countries(self, locs: list[Located], pinned: dict[str, Resolution]) -> list[Located]:
        """ "Asos and Hakurk in northern Iraq", "Syria's Idlib province": a place the sentence puts in a
        country lies in it; resolved elsewhere, it is resolved again there, or dropped (``pinned`` gets
        each name put in a country, with its place)."""
        out = []
        ordered = sorted(locs, key=lambda loc: loc.mention.start)
        for k, loc in enumerate(ordered):
            country = _named_country(loc, ordered[k + 1 :], ordered[:k])
            if country is None or loc.place.precision == "country":
                out.append(loc)
                continue
            there = [loc.place] if loc.place.country == country else [
                c for c in self._candidates(loc.mention, (country,)) if c.country == country
            ]
            if there:
                out.append(Located(mention=loc.mention, place=there[0]))
                pinned.setdefault(self.gazetteer.name_key(loc.mention.text), there[0])
        return out

    def _best(self, found: Sequence[Resolution], *, hint: FeatureHint | None) -> Resolution | None:
        """The best of a name's places; after "l'aéroport de", "the base of", the best site the qualifier
        names rather than the big town whose population outweighs it ("aéroport de Bassora")."""
        if not found:
            return None
        if hint in ("airport", "base") and found[0].precision != "point":
            site = next((c for c in found if c.precision == "point"), None)
            if site is not None and site.score >= found[0].score - self.settings.scoring.site_score_margin:
                return site
        return found[0]

    def _ner_spans(self, sentences: Sequence[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[int, int]]]:
        """The place names (LOC, GPE) spaCy's NER finds in each (language, text) of a language that has a
        model, as character spans: every text once, in batches through ``nlp.pipe``."""
        models = self.settings.extraction.spacy_models
        if not self.settings.extraction.use_ner:
            return {}
        wanted = [(lang, text) for lang, text in dict.fromkeys(sentences) if lang in models]
        out: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for lang in dict.fromkeys(lang for lang, _ in wanted):
            texts = [text for code, text in wanted if code == lang]
            for text, found in zip(texts, self.ner(models[lang], texts), strict=True):
                out[(lang, text)] = found
        return out

    def _fallback_mentions(
        self, article: Article, sentence: Sentence, spans: Mapping[tuple[str, str], list[tuple[int, int]]]
    ) -> list[Mention]:
        if reads_with_ner(article, self.settings):
            self.ner_sentences += 1
        return fallback_mentions(article, sentence, spans, settings=self.settings)


def _beside(town: Mention, other: Mention) -> bool:
    """Whether ``town`` is named right before ``other``, three words apart at most ("À Kherson, dans le
    district de")."""
    gap = other.sentence.text[town.qualified_span[1] : other.qualified_span[0]]
    return town.qualified_span[1] <= other.qualified_span[0] and len(gap.split()) <= 3


def _not_among(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """The mentions that overlap none of those ``found`` already."""
    return [m for m in mentions if not any(m.start < g.end and g.start < m.end for g in found)]


def _said_near(place: Mention, other: Mention) -> bool:
    """Whether ``place`` is said to be near ``other``, named right after it ("at Pissele, near Bourzanga")."""
    gap = place.sentence.text[place.qualified_span[1] : other.qualified_span[0]]
    return bearing_of(other.cue) == NEAR and gap.strip(" ,").lower() == other.cue


@dataclass(frozen=True, slots=True, kw_only=True)
class _SentencePlaces:
    """One sentence after the first reading: its places, the names left unresolved, whether the NER must
    read it."""

    sentence: Sentence
    locs: list[Located]
    unresolved: list[str]
    wants_ner: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class _Placed:
    """An article after its first reading (:meth:`Extractor._place_names`), waiting for the NER."""

    article: Article
    sentences: list[Sentence]
    mentions: dict[Sentence, list[Mention]]
    countries: tuple[str, ...]
    steps: list[_SentencePlaces]

    @property
    def ner_wanted(self) -> list[Sentence]:
        return [step.sentence for step in self.steps if step.wants_ner]
