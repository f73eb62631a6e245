"""Event dates in French and English news sentences.

A sentence may say when something happened absolutely ("le 5 janvier 2020"), partly ("le 3 janvier",
"ce lundi 5 avril", "en mars") or relatively to the day of publication ("hier", "jeudi"). Partial dates are
completed from what the article tells: the publication date, the year of an earlier sentence ("de la même
année"), or the year near those the article mentions in which the day falls on the weekday it names.
What cannot be completed stays partial ("--04-05") or is dropped: a wrong year is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geomap.records import DatePrecision


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundDate:
    """A date a sentence gives: ISO ``value`` (possibly partial) and where it is written in the sentence."""

    value: str  # "2021-04-05", "2020-01", "2020" or "--04-05"
    precision: DatePrecision
    start: int
    end: int
    text: str  # as written, without the leading "le", "en", "on"...


_FR_MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip
# Abbreviations need their period: bare "sept" is the number seven, "oct" or "nov" rarely stand alone.
_FR_MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv.": 1, "févr.": 2, "fév.": 2, "fevr.": 2, "fev.": 2, "avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10,
    "nov.": 11, "déc.": 12, "dec.": 12,
}  # fmt: skip
_EN_MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12,
}  # fmt: skip
_EN_MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
    "Nov": 11, "Dec": 12,
}  # fmt: skip
_FR_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _alternation(words: Sequence[str]) -> str:
    # Longest first so that "septembre" is tried before "sept." and "avant-hier" before "hier".
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_FR_MONTH = _alternation([*_FR_MONTHS, *_FR_MONTH_ABBREVIATIONS])
_FR_MONTH_FULL = _alternation(list(_FR_MONTHS))
_FR_WEEKDAY = _alternation(_FR_WEEKDAYS)
# English month names are capitalised in prose; requiring it keeps "may" (the verb) and "march" apart.
_EN_MONTH = r"(?:" + _alternation(list(_EN_MONTHS)) + r"|(?:" + _alternation(list(_EN_MONTH_ABBREVIATIONS))
_EN_MONTH += r")\.?)"
_EN_MONTH_FULL = _alternation(list(_EN_MONTHS))
_EN_WEEKDAY = _alternation(_EN_WEEKDAYS)
_YEAR = r"(?:19|20)\d{2}"

_FR_DAY_MONTH = re.compile(
    rf"(?i:\b(?:(?P<weekday>{_FR_WEEKDAY})\s+)?(?P<day>[0-3]?\d)(?:er)?\s+(?P<month>{_FR_MONTH})"
    rf"(?!\w)(?:\s+(?P<year>{_YEAR})\b)?)"
)
_EN_MONTH_DAY = re.compile(
    rf"\b(?:(?P<weekday>{_EN_WEEKDAY}),?\s+)?(?P<month>{_EN_MONTH})\s+(?P<day>[0-3]?\d)"
    rf"(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_EN_DAY_MONTH = re.compile(
    rf"\b(?:(?P<weekday>{_EN_WEEKDAY}),?\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<month>{_EN_MONTH})(?!\w)(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_ISO_DATE = re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# Day first, as French writes it; English numeric dates are left alone (3/4 is March or April).
_FR_NUMERIC_DATE = re.compile(rf"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>{_YEAR})\b")
_FR_MONTH_YEAR = re.compile(rf"(?i:\b(?P<month>{_FR_MONTH_FULL})\s+(?P<year>{_YEAR})\b)")
_EN_MONTH_YEAR = re.compile(rf"\b(?P<month>{_EN_MONTH}),?\s+(?P<year>{_YEAR})\b")
_FR_YEAR = re.compile(rf"(?i:\b(?:en|courant|l['’]an(?:née)?|année)\s+(?P<year>{_YEAR})\b)")
_EN_YEAR = re.compile(rf"\b(?i:(?:in|during|the\s+year|early|late)\s+|mid-\s*)(?P<year>{_YEAR})\b")
# A month without its year needs a word saying it is a time ("en mars", "in March"): "mars" alone may be
# the planet, "May" the verb.
_FR_MONTH_ALONE = re.compile(
    rf"(?i:\b(?:en|début|fin|mi-|courant|(?:au|du|le)\s+mois\s+de|mois\s+de)\s*(?P<month>{_FR_MONTH_FULL})"
    rf"\b(?!\s*\d))"
)
_EN_MONTH_ALONE = re.compile(
    rf"\b(?i:in|during|since|throughout|early|late|mid-|last|this|the\s+month\s+of)\s*"
    rf"(?P<month>{_EN_MONTH_FULL})\b(?!\s*\d)"
)
_FR_WEEKDAY_ALONE = re.compile(
    rf"(?i:\b(?P<weekday>{_FR_WEEKDAY})\b(?:\s+(?P<last>dernier|passé))?(?!\s+prochain))"
)
_EN_WEEKDAY_ALONE = re.compile(rf"\b(?:(?i:(?P<last>last|this\s+past))\s+)?(?P<weekday>{_EN_WEEKDAY})\b")
# Words before a weekday that make it a habit or the future, not the day of an event.
_NOT_AN_EVENT_DAY = re.compile(
    r"(?i:\b(?:chaque|tous\s+les|every|each|next|on\s+the\s+next|ce\s+prochain)\s*)$"
)
# Days relative to publication: (pattern, days before the publication date).
_FR_RELATIVE: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?i:\bavant-hier\b)"), 2),
    (re.compile(r"(?i:\bhier\b(?:\s+(?:soir|matin|après-midi))?|\bla\s+nuit\s+dernière\b)"), 1),
    (re.compile(r"(?i:\baujourd['’]hui\b|\bce\s+matin\b|\bcet\s+après-midi\b|\bce\s+soir\b)"), 0),
)
_EN_RELATIVE: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?i:\bthe\s+day\s+before\s+yesterday\b)"), 2),
    (re.compile(r"(?i:\byesterday\b(?:\s+(?:morning|afternoon|evening))?|\blast\s+night\b)"), 1),
    (re.compile(r"(?i:\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b)"), 0),
)
_SAME_YEAR = re.compile(
    r"(?i:\b(?:de\s+)?(?:la|cette)\s+même\s+année\b|\b(?:that|the)\s+same\s+year\b|\blater\s+that\s+year\b)"
)
# The word just before a date that marks it as the day something happened ("le 3 janvier", "on April 5").
_CUE_BEFORE = re.compile(r"(?i:\b(?:le|ce|cette|du|on|this|the\s+night\s+of|dans\s+la\s+nuit\s+du)\s+)$")
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
    published: dt.date | None
    years_in_text: tuple[int, ...]
    last_year_before: int | None
    same_year: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    found: FoundDate
    rank: float


def years_mentioned(text: str) -> list[int]:
    """Four-digit years 1900-2099 written in ``text``, in order of appearance (repeats kept)."""
    return [int(match.group()) for match in _ANY_YEAR.finditer(text)]


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
) -> list[_Candidate]:
    context = _Context(
        lang=lang,
        sentence=sentence,
        published=_parse_iso(published),
        years_in_text=tuple(years_in_text),
        last_year_before=last_year_before,
        same_year=_SAME_YEAR.search(sentence) is not None,
    )
    found: list[_Candidate] = []
    for finder in _finders(lang):
        found.extend(finder(context))
    # A date inside a longer one ("janvier 2020" in "5 janvier 2020", "lundi" in "lundi 5 avril") is
    # the same date read less well.
    return [
        candidate
        for candidate in found
        if not any(
            other is not candidate
            and other.found.start <= candidate.found.start
            and candidate.found.end <= other.found.end
            and (other.found.end - other.found.start) > (candidate.found.end - candidate.found.start)
            for other in found
        )
    ]


_Finder = Callable[[_Context], list[_Candidate]]


def _finders(lang: str) -> list[_Finder]:
    if lang == "fr":
        return _FRENCH
    if lang == "en":
        return _ENGLISH
    return [*_FRENCH, *_ENGLISH]


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_number(name: str) -> int | None:
    cleaned = name.strip()
    for table in (_EN_MONTHS, _EN_MONTH_ABBREVIATIONS):
        number = table.get(cleaned.rstrip("."))
        if number is not None:
            return number
    lowered = cleaned.lower()
    return _FR_MONTHS.get(lowered) or _FR_MONTH_ABBREVIATIONS.get(lowered)


def _weekday_number(name: str | None) -> int | None:
    if not name:
        return None
    lowered = name.lower()
    for table in (_FR_WEEKDAYS, _EN_WEEKDAYS):
        for number, day in enumerate(table):
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


def _day_month_dates(pattern: re.Pattern[str]) -> _Finder:
    """Finder for written day-and-month dates, with or without year and weekday."""

    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence):
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


def _iso_dates(pattern: re.Pattern[str]) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence):
            date = _valid_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            if date is not None:
                out.append(_make(context, *match.span(), date.isoformat(), "day", _RANK_ABSOLUTE_DAY))
        return out

    return find


def _month_years(pattern: re.Pattern[str]) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence):
            month = _month_number(match.group("month"))
            if month is not None:
                value = f"{match.group('year')}-{month:02d}"
                out.append(_make(context, *match.span(), value, "month", _RANK_MONTH))
        return out

    return find


def _years(pattern: re.Pattern[str]) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        return [
            _make(context, *match.span("year"), match.group("year"), "year", _RANK_YEAR)
            for match in pattern.finditer(context.sentence)
        ]

    return find


def _months_alone(pattern: re.Pattern[str]) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence):
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


def _weekdays_alone(pattern: re.Pattern[str]) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        if context.published is None:
            return []
        out: list[_Candidate] = []
        for match in pattern.finditer(context.sentence):
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


def _relative_days(patterns: tuple[tuple[re.Pattern[str], int], ...]) -> _Finder:
    def find(context: _Context) -> list[_Candidate]:
        if context.published is None:
            return []
        out: list[_Candidate] = []
        for pattern, days_before in patterns:
            for match in pattern.finditer(context.sentence):
                date = _days_before(context.published, days_before)
                if date is not None:
                    out.append(_make(context, *match.span(), date.isoformat(), "day", _RANK_RELATIVE_DAY))
        return out

    return find


_FRENCH: list[_Finder] = [
    _iso_dates(_ISO_DATE),
    _iso_dates(_FR_NUMERIC_DATE),
    _day_month_dates(_FR_DAY_MONTH),
    _month_years(_FR_MONTH_YEAR),
    _years(_FR_YEAR),
    _months_alone(_FR_MONTH_ALONE),
    _weekdays_alone(_FR_WEEKDAY_ALONE),
    _relative_days(_FR_RELATIVE),
]
_ENGLISH: list[_Finder] = [
    _iso_dates(_ISO_DATE),
    _day_month_dates(_EN_MONTH_DAY),
    _day_month_dates(_EN_DAY_MONTH),
    _month_years(_EN_MONTH_YEAR),
    _years(_EN_YEAR),
    _months_alone(_EN_MONTH_ALONE),
    _weekdays_alone(_EN_WEEKDAY_ALONE),
    _relative_days(_EN_RELATIVE),
]
