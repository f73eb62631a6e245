"""When the event of a sentence happened: its own date, else the date of the story told just before.

The dates a sentence writes are found by :mod:`geomap.extract.dates`; here they are judged: a date that
belongs to another noun ("après le séisme du 6 février"), to the reporting ("said on Monday") or to a
period's start ("depuis le 17 octobre") does not date the event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from geomap import lexicon
from geomap.extract.casualties import number_value
from geomap.extract.dates import FoundDate, YearsBefore, find_date, find_dates, years_mentioned
from geomap.extract.events import Trigger, event_type, triggers
from geomap.records import Article, Sentence
from geomap.settings import Extraction

_LEXICON = lexicon.load()


def _alt(key: str) -> str:
    return _LEXICON.alt(f"when.{key}")


def _each(key: str) -> tuple[re.Pattern[str], ...]:
    """Each entry of ``when.key`` as a whole-word pattern of its own: each may name its group ``days``."""
    entries = _LEXICON.entries(f"when.{key}")
    return tuple(re.compile(r"\b" + entry + r"\b", re.IGNORECASE) for entry in entries)


# A date that belongs to another noun than the event: "après le séisme du 6 février", "said on Monday".
_ATTRIBUTE_DATE_BEFORE = re.compile(r"\b(?P<noun>[\w’'\-]+)\s+" + _alt("attribute_of") + r"\s+$", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"(?:^|['’])" + _alt("times_of_day") + r"$", re.IGNORECASE)
_REPORTING_DATE_BEFORE = re.compile(
    r"\b" + _alt("reporting") + r",?\s+(?:[\w’'\-]+\s+){0,3}?" + _alt("reporting_cues") + "?$", re.IGNORECASE
)
# "the presidential vote due on December 28", "le scrutin prévu le 28 décembre": a day to come dates no event.
_FUTURE_DATE_BEFORE = re.compile(
    r"\b" + _alt("future") + r"\s+(?:" + _alt("future_cues") + r"\s+)?$", re.IGNORECASE
)
# "On Wednesday evening, the army revealed that...": a date that opens the sentence, before its subject
# and a reporting verb with "that", is the report's.
_OPENING = re.compile(r"^\W*(?:" + _alt("opening_cues") + r"\s+)?$", re.IGNORECASE)
_REPORTED_THAT_AFTER = re.compile(
    r"^(?:\s+[\w’'\-]+)?\s*,?\s+(?:[\w’'\-]+\s+){1,6}?" + _alt("reporting") + r"\s+(?:[\w’'\-]+\s+){0,2}?"
    + _alt("reported_that") + r"\b",
    re.IGNORECASE,
)
_CLAIMED_ON_BEFORE = re.compile(r"\b" + _alt("claimed_on") + r",?\s+" + _alt("reporting_cues") + "?$", re.IGNORECASE)
# A period's start, not the day of an event: "depuis le 17 octobre", "since Sunday".
_SINCE_BEFORE = re.compile(
    r"\b" + _alt("since") + r"\s+" + _alt("since_determiners") + r"?$|\b" + _alt("since_clause") + "$", re.IGNORECASE
)
# The first day of a night told by both its days: "dans la nuit de mercredi à jeudi" is Thursday's.
_NIGHT_FROM_BEFORE = re.compile(r"\b" + _alt("night_from") + r"\s+$", re.IGNORECASE)
_NIGHT_TO_AFTER = re.compile(r"^\s+" + _alt("night_to") + r"\s+\w", re.IGNORECASE)
# The sentence speaks of another time than the story's: it must not take the date of the sentence before.
ELSEWHEN = re.compile(r"\b" + _alt("elsewhen") + r"\b", re.IGNORECASE)
# What the event came after: "au lendemain de", "intervient deux jours après", "comes a day after".
_AFTER_ANOTHER = re.compile(r"\b" + _alt("after_another") + r"\b", re.IGNORECASE)
# "...on Saturday, a day after three rockets struck near Baghdad airport": what follows came days before.
_DAYS_AFTER = _each("days_after")
SAME_DAY = re.compile(r"\b" + _alt("same_day") + r"\b", re.IGNORECASE)
DAY_BEFORE = re.compile(r"\b" + _alt("day_before") + r"\b", re.IGNORECASE)
# "Deux jours plus tôt", "three days earlier": each entry names its count of days (group ``days``).
_DAYS_BEFORE = _each("days_before")
# "Today", "ce matin" in quoted speech are the speaker's day, which a report published later is not: such a
# date says nothing, and the story's or the report's date stands ("Today the enemy fired two missiles at...",
# quoted in a story of the next day). The words are the days counted back by none (the lexicons' dates).
_TODAY = re.compile(
    "|".join(
        day["pattern"]
        for code in _LEXICON.codes
        for day in _LEXICON.of(code)["dates"]["relative_days"]
        if int(day["days_before"]) == 0
    )
)
_OPENING_QUOTES, _CLOSING_QUOTES = "«“", "»”"


def _quoted(text: str, position: int) -> bool:
    """Whether ``position`` lies inside quotation marks opened earlier in ``text``."""
    before = text[:position]
    if sum(before.count(c) for c in _OPENING_QUOTES) > sum(before.count(c) for c in _CLOSING_QUOTES):
        return True
    return before.count('"') % 2 == 1


# Periods counted from the day of publication: (pattern, months back or None, years back or None).
_PERIODS = {"last_month": (1, None), "this_month": (0, None), "last_year": (None, 1), "this_year": (None, 0)}
_RELATIVE_PERIODS: tuple[tuple[re.Pattern[str], int | None, int | None], ...] = tuple(
    (re.compile(r"\b" + _alt(f"periods.{name}") + r"\b", re.I), months, years)
    for name, (months, years) in _PERIODS.items()
)
# "Separately", "dans un autre incident": what follows is another event than the one just told.
SEPARATE = re.compile(r"\b" + _alt("separate") + r"\b", re.IGNORECASE)
# "Non loin de là", "nearby": where the event just told happened, or close to it.
_NEARBY = re.compile(r"\b" + _alt("nearby") + r"(?!\w)", re.IGNORECASE)
# ...and "à proximité", "nearby" in a sentence that tells another event ("Une seconde explosion a eu lieu peu
# après à proximité"), not near what was just named ("un obus a explosé à proximité" of the bus).
_CLOSE = re.compile(r"\b" + _alt("close") + r"(?!\w)", re.IGNORECASE)
_ANOTHER_EVENT = re.compile(r"\b" + _LEXICON.alt("merge.another_event") + r"(?!\w)", re.IGNORECASE)


def tells_nearby_event(text: str) -> bool:
    """Whether a sentence tells an event where the one just told happened, or close to it."""
    return bool(_NEARBY.search(text) or (_ANOTHER_EVENT.search(text) and _CLOSE.search(text)))


# An event word that refers back to one already told: "la frappe", "the attack", "cette attaque".
_DEFINITE_BEFORE = re.compile(
    r"(?:^|[\s,;:(])" + _alt("definite") + r"\s+(?:[\w\-]+\s+)?$|(?:^|[\s,;:(])" + _alt("elided_definite") + r"\s*$",
    re.IGNORECASE,
)


def relative_period(sentence: str, published: str | None) -> FoundDate | None:
    """A period counted back from the day of publication ("le mois dernier", "earlier this year")."""
    if not published or len(published) < 7:
        return None
    try:
        year, month = int(published[:4]), int(published[5:7])
    except ValueError:
        return None
    for pattern, months, years_back in _RELATIVE_PERIODS:
        m = pattern.search(sentence)
        if m is None:
            continue
        if months is not None:
            total = year * 12 + (month - 1) - months
            value, precision = f"{total // 12:04d}-{total % 12 + 1:02d}", "month"
        else:
            value, precision = f"{year - (years_back or 0):04d}", "year"
        return FoundDate(value=value, precision=precision, start=m.start(), end=m.end(), text=m.group())  # type: ignore[arg-type]
    return None


def retells(text: str, found: Sequence[Trigger]) -> bool:
    """Whether the sentence speaks of an event already told: "La frappe a eu lieu...", "The attack came..."."""
    return any(_DEFINITE_BEFORE.search(text[: t.start]) for t in found)


_TOLD_TARGET = r"(?:[\w\-]+\s+){0,2}?" + _alt("told_targets") + r"\b"
_TARGET_INDEFINITE = re.compile(r"\b" + _alt("indefinite") + r"\s+(?P<target>" + _TOLD_TARGET + ")", re.IGNORECASE)
_TARGET_DEFINITE = re.compile(
    r"(?:\b" + _alt("definite") + r"\s+|(?:^|\s)" + _alt("elided_definite") + r")" + _TOLD_TARGET, re.IGNORECASE
)


_SIMILAR = re.compile(r"\b" + _alt("similar") + r"\b", re.IGNORECASE)


def names_similar(text: str) -> bool:
    """Whether the text tells an event like one told before: "a similar attack", "une attaque similaire"."""
    return _SIMILAR.search(text) is not None


def names_target_again(text: str, earlier: str) -> bool:
    """Whether ``text`` names with "the" what ``earlier`` named with "a": "About 20 soldiers were killed in an
    attack on an army camp" then "terrorists entered the camp near the village of Sokolo"."""
    told = {m.group("target").split()[-1].lower() for m in _TARGET_INDEFINITE.finditer(earlier)}
    return any(m.group(0).split()[-1].lower() in told for m in _TARGET_DEFINITE.finditer(text))


def retold_until(masked: str, found: Sequence[Trigger]) -> int:
    """Where a sentence that speaks of the event just told turns to another time, else 0: "The attack on
    the Ain al-Assad base comes after several weeks of tensions" (the base is the event told; what follows
    the weeks is background: "comes a day after fighters raided a compound in Ghazni")."""
    return _turn_after_retelling(ELSEWHEN, masked, found)


def retold_after(masked: str, found: Sequence[Trigger]) -> int:
    """Where a sentence that retells the event just told turns to what came before it, else 0: "Cette
    attaque s'est produite au lendemain de l'annonce par Damas de ...", "The attack comes a day after ..."."""
    return _turn_after_retelling(_AFTER_ANOTHER, masked, found)


def _turn_after_retelling(turn: re.Pattern[str], masked: str, found: Sequence[Trigger]) -> int:
    """Where ``turn`` first matches in a sentence whose words of violence before it retell the event just
    told, else 0."""
    m = turn.search(masked)
    if m is None or not retells(masked, [t for t in found if t.end <= m.start()]):
        return 0
    return m.start()


#: A story's date so far: the sentence that gave it, and the date.
Story = tuple[Sentence, FoundDate]


def follows(later: Sentence, earlier: Sentence, within: int) -> bool:
    """Whether ``later`` comes at most ``within`` sentences after ``earlier``, in the same part of the
    article (a story told in the body does not go on in the titles of related articles)."""
    return later.in_related == earlier.in_related and later.index - earlier.index <= within


class ArticleDates:
    """The dates of one article's events, sentence by sentence."""

    def __init__(self, *, article: Article, rules: Extraction) -> None:
        self.article = article
        self.rules = rules
        self.years = years_mentioned(article.body)
        self._years_before: dict[int, int | None] = {}  # sentence start -> its last year before
        self._body_years = YearsBefore(article.body)

    def masked(self, sentence: Sentence) -> str:
        """The sentence with the dates that do not date an event blanked out (offsets kept)."""
        text = out = sentence.text
        for found in find_dates(
            text,
            lang=self.article.lang,
            published=self.article.published,
            years_in_text=self.years,
            last_year_before=self._last_year_before(sentence),
        ):
            before = text[: found.start]
            attribute = _ATTRIBUTE_DATE_BEFORE.search(before)
            if (
                (
                    attribute
                    and event_type(attribute.group("noun")) is None
                    and not _TIME_OF_DAY.search(attribute.group("noun"))  # "l'après-midi du 28 mars"
                )
                or _REPORTING_DATE_BEFORE.search(before)
                or _FUTURE_DATE_BEFORE.search(before)
                or _CLAIMED_ON_BEFORE.search(before)
                or (_OPENING.match(before) and _REPORTED_THAT_AFTER.match(text[found.end :]))
                or _SINCE_BEFORE.search(before)
                or (_NIGHT_FROM_BEFORE.search(before) and _NIGHT_TO_AFTER.match(text[found.end :]))
                or (_TODAY.fullmatch(found.text) and _quoted(text, found.start))
            ):
                out = out[: found.start] + " " * (found.end - found.start) + out[found.end :]
        return out

    def of_sentence(self, sentence: Sentence, masked: str, story: Story | None = None) -> FoundDate | None:
        """The date the (masked) sentence gives, if any."""
        return self._given(sentence, masked, None, story)

    def _given(self, sentence: Sentence, masked: str, near: int | None, story: Story | None) -> FoundDate | None:
        """The date the sentence gives: written (nearest ``near``), a period, or the day before another."""
        return (
            self._find(sentence, masked, near)
            or relative_period(masked, self.article.published)
            or self._day_before(sentence, masked, story)
        )

    def _day_before(self, sentence: Sentence, masked: str, story: Story | None) -> FoundDate | None:
        """ "La veille", "the day before", "deux jours plus tôt": days before the one the sentence reports
        on ("said on Wednesday"), else before the story's day, else before the article's."""
        said = DAY_BEFORE.search(masked) or next(filter(None, (p.search(masked) for p in _DAYS_BEFORE)), None)
        if said is None:
            return None
        reported = self._find(sentence, sentence.text, said.start())
        if reported is not None and reported.precision in _DAYS:
            day = reported
        elif (
            story is not None
            and story[1].precision in _DAYS
            and follows(sentence, story[0], self.rules.narrative_sentences)
        ):
            day = story[1]
        elif self.article.published is not None and len(self.article.published) == 10:
            day = FoundDate(value=self.article.published, precision="day", start=0, end=0, text="")
        else:
            return None
        value = _days_earlier(day, _days(said))
        start, end = said.span()
        return FoundDate(value=value, precision=day.precision, start=start, end=end, text=said.group())

    def at(self, sentence: Sentence, masked: str, position: int, story: Story | None) -> FoundDate | None:
        """The date of the event at one place: the sentence's date nearest the place, else the story's; days
        earlier when the place follows "a day after" and no date of its own."""
        found = self._given(sentence, masked, position, story)
        after = _days_after(masked, position)
        if after is not None and (found is None or found.start < after.start()):
            # (a date after "a day after" is the earlier event's own: "two days after rockets struck on
            # Friday")
            goes_on = story is not None and follows(sentence, story[0], self.rules.narrative_sentences)
            told = found or (story[1] if story is not None and goes_on else None)
            if told is not None and told.precision == "day":
                value = (dt.date.fromisoformat(told.value) - dt.timedelta(days=_days(after))).isoformat()
                return FoundDate(
                    value=value, precision="day", start=after.start(), end=after.end(), text=after.group()
                )
        return found or self._told(sentence, masked, position, story)

    def _told(self, sentence: Sentence, masked: str, position: int, story: Story | None) -> FoundDate | None:
        """The story's date, when the sentence gives none and goes on with the story."""
        if story is None:
            return None
        if SAME_DAY.search(masked):
            return story[1]  # "Le même jour, des roquettes ont été tirées contre la base d'Aïn al-Asad"
        if follows(sentence, story[0], self.rules.narrative_sentences) and (
            not ELSEWHEN.search(masked) or position < retold_until(masked, triggers(masked))
        ):
            # "The strikes also hit positions south of Damascus", "The attack on the base comes after weeks
            # of tensions": the day just told
            return story[1]
        return None

    def _find(self, sentence: Sentence, masked: str, near: int | None) -> FoundDate | None:
        return find_date(
            masked,
            lang=self.article.lang,
            published=self.article.published,
            years_in_text=self.years,
            last_year_before=self._last_year_before(sentence),
            near=near,
        )

    def _last_year_before(self, sentence: Sentence) -> int | None:
        """The last year the body writes before the sentence (else any year it writes)."""
        at = sentence.start if not sentence.in_related else -1
        if at not in self._years_before:  # asked for each date of the sentence: the body is read once
            before = self._body_years.last(at) if at > 0 else None
            self._years_before[at] = before if before is not None else (self.years[-1] if self.years else None)
        return self._years_before[at]


#: The precisions of a day: with its year, or a day and month whose year the text does not give.
_DAYS = ("day", "month_day")


def _days_earlier(day: FoundDate, days: int) -> str:
    """The date ``days`` before ``day``: "--11-10" less eight is "--11-02" (counted in a leap year, so that
    a 29 February whose year is unknown can be reached)."""
    if day.precision == "day":
        return (dt.date.fromisoformat(day.value) - dt.timedelta(days=days)).isoformat()
    earlier = dt.date.fromisoformat("2000" + day.value[1:]) - dt.timedelta(days=days)
    return earlier.strftime("--%m-%d")


def _days_after(masked: str, position: int) -> re.Match[str] | None:
    """The last "a day after" before ``position``, or None."""
    found = [m for pattern in _DAYS_AFTER for m in pattern.finditer(masked, 0, position)]
    return max(found, key=lambda m: m.end()) if found else None


def _days(after: re.Match[str]) -> int:
    """How many days "a day after", "deux jours après", "deux jours plus tôt" says (one unless it gives a
    number)."""
    days = after.groupdict().get("days")
    return 1 if days is None else number_value(days) or 1
