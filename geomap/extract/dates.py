"""Event dates in French and English news sentences.

A sentence may say when something happened absolutely ("le 5 janvier 2020"), partly ("le 3 janvier",
"ce lundi 5 avril", "en mars") or relatively to the day of publication ("hier", "jeudi"). Partial dates are
completed from what the article tells: the publication date, the year of an earlier sentence ("de la même
année"), or the year near those the article mentions in which the day falls on the weekday it names.
What cannot be completed stays partial ("--04-05") or is dropped: a wrong year is worse than none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from geomap import lexicon
from geomap.extract.starts import Prefiltered
from geomap.records import DatePrecision
from geomap.settings import Performance


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundDate:
    """A date a sentence gives: ISO ``value`` (possibly partial) and where it is written in the sentence."""

    value: str  # "2021-04-05", "2020-01", "2020" or "--04-05"
    precision: DatePrecision
    start: int
    end: int
    text: str  # as written, without the leading "le", "en", "on"...


_LEXICON = lexicon.load()
_YEAR = r"(?:19|20)\d{2}"


def _alternation(words: Sequence[str]) -> str:
    # Longest first so that "septembre" is tried before "sept." and "avant-hier" before "hier".
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Calendar:
    """One language's month and weekday names (the lexicon's [dates])."""

    months: dict[str, int]
    abbreviations: dict[str, int]
    weekdays: tuple[str, ...]
    case_sensitive: bool
    abbreviation_period_optional: bool

    def month_number(self, name: str) -> int | None:
        cleaned = name.strip()
        if self.case_sensitive:
            key = cleaned.rstrip(".") if self.abbreviation_period_optional else cleaned
            return self.months.get(key) or self.abbreviations.get(key)
        lowered = cleaned.lower()
        return self.months.get(lowered) or self.abbreviations.get(lowered)

    def placeholders(self) -> dict[str, str]:
        full = _alternation(list(self.months))
        if self.abbreviation_period_optional:
            month = f"(?:{full}|(?:{_alternation(list(self.abbreviations))})\\.?)"
        else:
            month = _alternation([*self.months, *self.abbreviations])
        return {"{month}": month, "{month_full}": full, "{weekday}": _alternation(self.weekdays), "{year}": _YEAR}


def _calendar(code: str) -> _Calendar:
    table = _LEXICON.of(code)["dates"]
    return _Calendar(
        months=dict(table["months"]),
        abbreviations=dict(table["month_abbreviations"]),
        weekdays=tuple(table["weekdays"]),
        case_sensitive=bool(table.get("months_case_sensitive", False)),
        abbreviation_period_optional=bool(table.get("abbreviation_period_optional", False)),
    )


_CALENDARS = {code: _calendar(code) for code in _LEXICON.codes if "dates" in _LEXICON.of(code)}
#: Every language's month and weekday names, lower case: "on Tuesday", "in March" name no place.
CALENDAR_WORDS = frozenset(
    word.lower() for c in _CALENDARS.values() for word in (*c.months, *c.abbreviations, *c.weekdays)
)


def _pattern(template: str, calendar: _Calendar) -> re.Pattern[str]:
    for placeholder, value in calendar.placeholders().items():
        template = template.replace(placeholder, value)
    return re.compile(template)


_ISO_DATE = re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# Words before a weekday that make it a habit or the future, not the day of an event.
_NOT_AN_EVENT_DAY = re.compile(r"(?i:\b" + _LEXICON.alt("dates.not_event_day") + r"\s*)$")
_SAME_YEAR = re.compile(r"(?i:" + "|".join(_LEXICON.entries("dates.same_year")) + ")")
# The word just before a date that marks it as the day something happened ("le 3 janvier", "on April 5").
_CUE_BEFORE = re.compile(r"(?i:\b" + _LEXICON.alt("dates.cue") + r"\s+)$")
# Not part of a longer number nor of a decimal or grouped one ("1.2020", "3,1950").
_ANY_YEAR = re.compile(rf"(?<![\d.,]){_YEAR}(?!\d|[.,]\d)")

#: A day, month and weekday without year ("lundi 5 avril") is looked for from this many years before the
#: earliest year the article names to this many after the latest.
WEEKDAY_YEARS_BEFORE = 1
WEEKDAY_YEARS_AFTER = 4

# How specific a date is, for choosing one when a sentence gives several.
_RANK_ABSOLUTE_DAY = 5.0  # year written or ISO date
_RANK_COMPLETED_DAY = 4.0  # day and month written, year taken from the context
_RANK_RELATIVE_DAY = 4.0  # "hier", "jeudi"
_RANK_MONTH_DAY = 3.0
_RANK_MONTH = 2.0
_RANK_YEAR = 1.0
_CUE_BONUS = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    lang: str
    sentence: str
    lowered: str  # sentence.lower(), for the finders' prefilters
    published: dt.date | None
    #: The last day of a publication date known only to its month or year ("2019-11": 2019-11-30).
    published_end: dt.date | None
    years_in_text: tuple[int, ...]
    last_year_before: int | None
    same_year: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    found: FoundDate
    rank: float


_WEEKDAY = {k: re.compile(rf"\b(?:{_alternation(c.weekdays)})\b", re.I) for k, c in _CALENDARS.items()}


def names_a_weekday(sentence: str, lang: str) -> bool:
    """Whether the sentence gives its event a weekday ("tuant, lundi, 14 membres"), not a habit's ("chaque
    lundi"): a day, though an article without a publication date cannot say which."""
    found = _WEEKDAY.get(lang)
    return found is not None and any(
        not _NOT_AN_EVENT_DAY.search(sentence, 0, m.start()) for m in found.finditer(sentence)
    )


def years_mentioned(text: str) -> list[int]:
    """Four-digit years 1900-2099 written in ``text``, in order of appearance (repeats kept)."""
    return [int(match.group()) for match in _ANY_YEAR.finditer(text)]


#: Where a year of :data:`_ANY_YEAR` may start: its digits, not after a digit or a decimal point.
_YEAR_START = re.compile(rf"(?<![\d.,]){_YEAR}")


class YearsBefore:
    """The last year ``text`` writes before each offset, ``years_mentioned(text[:end])[-1]``, from one reading
    of the text: an article asked it of its whole body up to each sentence, reading the body again each time.

    Years cannot overlap (each starts after a character that is not a digit), so the matches of the text
    cut at ``end`` are those of :data:`_YEAR_START` that end by ``end`` and are still years when the text
    ends at ``end`` (``endpos``: what follows a year decides whether it is one)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.start() for m in _YEAR_START.finditer(text)]

    def last(self, end: int) -> int | None:
        for start in reversed(self.starts[: bisect.bisect_right(self.starts, end - 4)]):
            found = _ANY_YEAR.match(self.text, start, end)
            if found is not None:
                return int(found.group())
        return None


def find_date(
    sentence: str,
    *,
    lang: str,
    published: str | None,
    years_in_text: Sequence[int],
    last_year_before: int | None,
    near: int | None = None,
) -> FoundDate | None:
    """The event date ``sentence`` gives, or ``None``; never raises.

    When the sentence gives several, the most specific wins, then one introduced by "le", "ce", "on"...,
    then the one closest to offset ``near`` (for instance where the place is named), then the first.
    ``lang`` is "fr" or "en" (anything else tries both); ``published`` is the article's ISO date;
    ``last_year_before`` is the last year written before this sentence, for "de la même année".
    """
    candidates = _candidates(
        sentence,
        lang=lang,
        published=published,
        years_in_text=years_in_text,
        last_year_before=last_year_before,
    )
    if not candidates:
        return None

    def order(candidate: _Candidate) -> tuple[float, int, int]:
        distance = abs(candidate.found.start - near) if near is not None else 0
        return (-candidate.rank, distance, candidate.found.start)

    return min(candidates, key=order).found


def find_dates(
    sentence: str,
    *,
    lang: str,
    published: str | None,
    years_in_text: Sequence[int],
    last_year_before: int | None,
) -> list[FoundDate]:
    """Every date ``sentence`` gives that can be completed, in order of appearance; never raises."""
    candidates = _candidates(
        sentence,
        lang=lang,
        published=published,
        years_in_text=years_in_text,
        last_year_before=last_year_before,
    )
    return [candidate.found for candidate in sorted(candidates, key=lambda c: c.found.start)]


def _candidates(
    sentence: str,
    *,
    lang: str,
    published: str | None,
    years_in_text: Sequence[int],
    last_year_before: int | None,
) -> tuple[_Candidate, ...]:
    return _candidates_of(sentence, lang, published, tuple(years_in_text), last_year_before)


# A sentence's dates are asked for again and again: once to mask those that date nothing, then for the
# sentence and for each of its places (the same text when nothing was masked).
@lru_cache(maxsize=Performance.sentence_memo)
def _candidates_of(
    sentence: str, lang: str, published: str | None, years_in_text: tuple[int, ...], last_year_before: int | None
) -> tuple[_Candidate, ...]:
    context = _Context(
        lang=lang,
        sentence=sentence,
        lowered=sentence.lower(),
        published=_parse_iso(published),
        published_end=_end_of_partial(published),
        years_in_text=tuple(years_in_text),
        last_year_before=last_year_before,
        same_year=_SAME_YEAR.search(sentence) is not None,
    )
    found: list[_Candidate] = []
    for finder in _finders(lang):
        found.extend(finder(context))
    # A date inside a longer one ("janvier 2020" in "5 janvier 2020", "lundi" in "lundi 5 avril") is
    # the same date read less well.
    return tuple(
        candidate
        for candidate in found
        if not any(
            other is not candidate
            and other.found.start <= candidate.found.start
            and candidate.found.end <= other.found.end
            and (other.found.end - other.found.start) > (candidate.found.end - candidate.found.start)
            for other in found
        )
    )


_Finder = Callable[[_Context], list[_Candidate]]


def _finders(lang: str) -> list[_Finder]:
    return _FINDERS.get(lang) or [finder for finders in _FINDERS.values() for finder in finders]


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _end_of_partial(value: str | None) -> dt.date | None:
    """The last day of a partial ISO date ("2019-11", "2019"), else None."""
    if not value or not re.fullmatch(r"\d{4}(?:-\d{2})?", value):
        return None
    year, month = int(value[:4]), int(value[5:7]) if len(value) == 7 else 12
    if not 1 <= month <= 12 or year < 1:
        return None
    after = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return after - dt.timedelta(days=1)


def _month_number(name: str) -> int | None:
    for calendar in _CALENDARS.values():
        number = calendar.month_number(name)
        if number is not None:
            return number
    return None


def _weekday_number(name: str | None) -> int | None:
    if not name:
        return None
    lowered = name.lower()
    for calendar in _CALENDARS.values():
        for number, day in enumerate(calendar.weekdays):
            if day.lower() == lowered:
                return number
    return None


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _make(
    context: _Context, start: int, end: int, value: str, precision: DatePrecision, rank: float
) -> _Candidate:
    cue = _CUE_BEFORE.search(context.sentence, 0, start) is not None
    found = FoundDate(
        value=value, precision=precision, start=start, end=end, text=context.sentence[start:end]
    )
    return _Candidate(found=found, rank=rank + (_CUE_BONUS if cue else 0.0))


def _day_month_dates(pattern: Prefiltered) -> _Finder:
    """Finder for written day-and-month dates, with or without year and weekday."""

    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence, context.lowered):
            month = _month_number(match.group("month"))
            day = int(match.group("day"))
            if month is None or not 1 <= day <= 31:
                continue
            start, end = match.span()
            if match.group("year"):
                date = _valid_date(int(match.group("year")), month, day)
                if date is not None:
                    out.append(_make(context, start, end, date.isoformat(), "day", _RANK_ABSOLUTE_DAY))
                continue
            # Without its year the day must still exist in some year (29 February does).
            if _valid_date(2000, month, day) is None:
                continue
            weekday = _weekday_number(match.group("weekday"))
            completed = _complete_year(context, month, day, weekday)
            if completed is not None:
                out.append(_make(context, start, end, completed.isoformat(), "day", _RANK_COMPLETED_DAY))
            else:
                out.append(
                    _make(context, start, end, f"--{month:02d}-{day:02d}", "month_day", _RANK_MONTH_DAY)
                )
        return out

    return find


def _complete_year(context: _Context, month: int, day: int, weekday: int | None) -> dt.date | None:
    """The full date of a day and month written without year, when the context tells the year."""
    if context.same_year and context.last_year_before is not None:
        return _valid_date(context.last_year_before, month, day)
    if context.published is not None:
        return _latest_on_or_before(context.published, month, day)
    if context.published_end is not None:
        # Published in November 2019: "on Nov. 2" is 2 November 2019, "le 28 octobre" the October before.
        return _latest_on_or_before(context.published_end, month, day)
    if weekday is not None and context.years_in_text:
        low = min(context.years_in_text) - WEEKDAY_YEARS_BEFORE
        high = max(context.years_in_text) + WEEKDAY_YEARS_AFTER
        reference = max(context.years_in_text)
        fitting = [
            date
            for year in range(low, high + 1)
            if (date := _valid_date(year, month, day)) is not None and date.weekday() == weekday
        ]
        if fitting:
            # An article recalls years before the events it reports: a year from the latest one it names
            # on is likelier than an earlier one, then the closer the better.
            return min(fitting, key=lambda date: (date.year < reference, abs(date.year - reference)))
    return None


def _days_before(date: dt.date, days: int) -> dt.date | None:
    try:
        return date - dt.timedelta(days=days)
    except OverflowError:  # a publication date in year 1: nonsense, but find_date never raises
        return None


def _latest_on_or_before(limit: dt.date, month: int, day: int) -> dt.date | None:
    for year in range(limit.year, limit.year - 8, -1):  # 8 years always hold a 29 February
        date = _valid_date(year, month, day)
        if date is not None and date <= limit:
            return date
    return None


def _iso_dates(pattern: Prefiltered) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence, context.lowered):
            date = _valid_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            if date is not None:
                out.append(_make(context, *match.span(), date.isoformat(), "day", _RANK_ABSOLUTE_DAY))
        return out

    return find


def _month_years(pattern: Prefiltered) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence, context.lowered):
            month = _month_number(match.group("month"))
            if month is not None:
                value = f"{match.group('year')}-{month:02d}"
                out.append(_make(context, *match.span(), value, "month", _RANK_MONTH))
        return out

    return find


def _years(pattern: Prefiltered) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        return [
            _make(context, *match.span("year"), match.group("year"), "year", _RANK_YEAR)
            for match in pattern.finditer(context.sentence, context.lowered)
        ]

    return find


def _months_alone(pattern: Prefiltered) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence, context.lowered):
            month = _month_number(match.group("month"))
            if month is None:
                continue
            if context.same_year and context.last_year_before is not None:
                year = context.last_year_before
            elif context.published is not None:
                published = context.published
                year = published.year if month <= published.month else published.year - 1
            else:
                continue
            out.append(_make(context, *match.span("month"), f"{year}-{month:02d}", "month", _RANK_MONTH))
        return out

    return find


def _weekdays_alone(pattern: Prefiltered) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        if context.published is None:
            return []
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence, context.lowered):
            weekday = _weekday_number(match.group("weekday"))
            if weekday is None or _NOT_AN_EVENT_DAY.search(context.sentence, 0, match.start()):
                continue
            back = (context.published.weekday() - weekday) % 7
            # "jeudi dernier" said on a Thursday is a week ago; a bare "jeudi" may be the day itself.
            if back == 0 and match.group("last"):
                back = 7
            date = _days_before(context.published, back)
            if date is not None:
                out.append(_make(context, *match.span(), date.isoformat(), "day", _RANK_RELATIVE_DAY))
        return out

    return find


def _relative_days(patterns: tuple[tuple[Prefiltered, int], ...]) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        if context.published is None:
            return []
        out: list[_Candidate] = []
        for pattern, days_before in patterns:
            for match in pattern.finditer(context.sentence, context.lowered):
                date = _days_before(context.published, days_before)
                if date is not None:
                    out.append(_make(context, *match.span(), date.isoformat(), "day", _RANK_RELATIVE_DAY))
        return out

    return find


_FINDER_KINDS: dict[str, Callable[[Prefiltered], _Finder]] = {
    "numeric": lambda p: _iso_dates(p),
    "day_month": lambda p: _day_month_dates(p),
    "month_year": lambda p: _month_years(p),
    "year": lambda p: _years(p),
    "month_alone": lambda p: _months_alone(p),
    "weekday_alone": lambda p: _weekdays_alone(p),
}


#: The group of a match each kind of finder reads (it keeps no match without it).
_NEEDED_GROUP = {
    "numeric": "year",
    "day_month": "month",
    "month_year": "month",
    "year": "year",
    "month_alone": "month",
    "weekday_alone": "weekday",
}


def _gated(kind: str, template: str, calendar: _Calendar) -> Prefiltered:
    """A finder's pattern, searched only in sentences that hold a month name, a weekday or a year as its
    needed group is made of (most of its matches start with a day number or a cue word: no starts to read).
    A group that ignores case (inside "(?i:") is looked for ignoring case."""
    pattern = _pattern(template, calendar)
    words = calendar.placeholders()
    for placeholder in ("{month}", "{month_full}", "{weekday}", "{year}"):
        if f"(?P<{_NEEDED_GROUP[kind]}>{placeholder})" in template:
            ignore = "(?i" in template or pattern.flags & re.IGNORECASE
            return Prefiltered(pattern, holds=re.compile(words[placeholder], re.IGNORECASE if ignore else 0))
    return Prefiltered(pattern)


def _language_finders(code: str) -> list[_Finder]:
    """An ISO date, then the language's date grammar, then its days counted back from publication."""
    table = _LEXICON.of(code)["dates"]
    calendar = _CALENDARS[code]
    finders = [_iso_dates(Prefiltered(_ISO_DATE))]
    finders += [_FINDER_KINDS[f["kind"]](_gated(f["kind"], f["pattern"], calendar)) for f in table["finders"]]
    relative = tuple((Prefiltered(re.compile(r["pattern"])), int(r["days_before"])) for r in table["relative_days"])
    finders.append(_relative_days(relative))
    return finders


_FINDERS: dict[str, list[_Finder]] = {code: _language_finders(code) for code in _CALENDARS}
