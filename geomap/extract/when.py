"""When the event of a sentence happened: its own date, else the date of the story told just before.

The dates a sentence writes are found by :mod:`geomap.extract.dates`; here they are judged: a date that
belongs to another noun ("après le séisme du 6 février"), to the reporting ("said on Monday") or to a
period's start ("depuis le 17 octobre") does not date the event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.extract.dates import FoundDate, find_date, find_dates, years_mentioned
from geomap.extract.events import Trigger, event_type
from geomap.records import Article, Sentence
from geomap.settings import Extraction

# A date that belongs to another noun than the event: "après le séisme du 6 février", "said on Monday".
_ATTRIBUTE_DATE_BEFORE = re.compile(r"\b(?P<noun>[\w’'\-]+)\s+(?:du|of)\s+$", re.IGNORECASE)
_REPORTING_DATE_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|(?<!\bwere\s)(?<!\bwas\s)reported|added|stated|a\s+(?:déclaré|indiqué|annoncé|affirmé|précisé"
    r"|ajouté|rapporté)|ont\s+(?:déclaré|indiqué|annoncé|affirmé|rapporté))\s+(?:[\w’'\-]+\s+){0,3}?(?:on\s+|le\s+|ce\s+)?$",
    re.IGNORECASE,
)
# A period's start, not the day of an event: "depuis le 17 octobre", "since Sunday".
_SINCE_BEFORE = re.compile(r"\b(?:depuis|since)\s+(?:le\s+|the\s+)?$", re.IGNORECASE)
# The sentence speaks of another time than the story's: it must not take the date of the sentence before.
ELSEWHEN = re.compile(
    r"\b(?:last\s+(?:week|month|year|time)|previous(?:ly)?|earlier\s+(?:this|that|in)|ago|in\s+recent\s+\w+"
    r"|(?:over|in)\s+the\s+past|(?:ces|les)\s+derni(?:ers|ères)\s+\w+|la\s+semaine\s+derni[èe]re"
    r"|le\s+mois\s+dernier|l['’]an(?:née)?\s+derni(?:er|ère)|l['’]an\s+passé|déjà|already|auparavant"
    r"|précédemment|la\s+dernière\s+fois|la\s+veille|the\s+day\s+before|au\s+début\s+du\s+mois"
    r"|\w+\s+(?:jours?|days?|semaines?|weeks?|mois|months?)\s+(?:après|avant|plus\s+tôt|after|before|earlier)"
    r"|depuis\s+(?:le\s+début|des|plusieurs)|since\s+(?:the\s+start|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|\d{4}))\b",
    re.IGNORECASE,
)
SAME_DAY = re.compile(
    r"\b(?:le\s+même\s+jour|the\s+same\s+day|that\s+same\s+day|ce\s+jour-là|that\s+day|plus\s+tard\s+dans\s+la"
    r"\s+journée|plus\s+tôt\s+dans\s+la\s+journée|later\s+(?:that|in\s+the)\s+day|earlier\s+in\s+the\s+day"
    r"|au\s+même\s+moment|at\s+the\s+same\s+time|simultanément|simultaneously)\b",
    re.IGNORECASE,
)
# Periods counted from the day of publication: (pattern, months back or None, years back or None).
_RELATIVE_PERIODS: tuple[tuple[re.Pattern[str], int | None, int | None], ...] = (
    (re.compile(r"\b(?:last\s+month|le\s+mois\s+(?:dernier|passé)|the\s+previous\s+month)\b", re.I), 1, None),
    (
        re.compile(
            r"\b(?:earlier\s+this\s+month|this\s+month|au\s+début\s+du\s+mois|ce\s+mois-ci|plus\s+tôt\s+ce\s+mois"
            r"|en\s+début\s+de\s+mois|début\s+du\s+mois)\b",
            re.I,
        ),
        0,
        None,
    ),
    (re.compile(r"\b(?:last\s+year|l['’]an(?:née)?\s+(?:dernier|dernière|passé|passée))\b", re.I), None, 1),
    (
        re.compile(r"\b(?:earlier\s+this\s+year|plus\s+tôt\s+cette\s+année|en\s+début\s+d['’]année)\b", re.I),
        None,
        0,
    ),
)
# "Separately", "dans un autre incident": what follows is another event than the one just told.
SEPARATE = re.compile(
    r"\b(?:separate(?:ly)?|in\s+another\s+(?:incident|attack)|elsewhere|meanwhile|par\s+ailleurs"
    r"|dans\s+un\s+autre\s+incident|dans\s+une\s+autre\s+attaque|ailleurs|de\s+son\s+côté|en\s+outre)\b",
    re.IGNORECASE,
)
# An event word that refers back to one already told: "la frappe", "the attack", "cette attaque".
_DEFINITE_BEFORE = re.compile(
    r"(?:^|[\s,;:(])(?:la|le|les|the|this|that|cette|cet|ce|ces)\s+(?:[\w\-]+\s+)?$|(?:^|[\s,;:(])l['’]\s*$",
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
                (attribute and event_type(attribute.group("noun")) is None)
                or _REPORTING_DATE_BEFORE.search(before)
                or _SINCE_BEFORE.search(before)
            ):
                out = out[: found.start] + " " * (found.end - found.start) + out[found.end :]
        return out

    def of_sentence(self, sentence: Sentence, masked: str) -> FoundDate | None:
        """The date the (masked) sentence gives, if any."""
        return self._find(sentence, masked, None) or relative_period(masked, self.article.published)

    def at(self, sentence: Sentence, masked: str, position: int, story: Story | None) -> FoundDate | None:
        """The date of the event at one place: the sentence's date nearest the place, else the story's."""
        found = self._find(sentence, masked, position) or relative_period(masked, self.article.published)
        if found is not None:
            return found
        if story is None:
            return None
        if SAME_DAY.search(masked):
            return story[1]  # "Le même jour, des roquettes ont été tirées contre la base d'Aïn al-Asad"
        if follows(sentence, story[0], self.rules.narrative_sentences) and not ELSEWHEN.search(masked):
            return story[1]  # "The strikes also hit positions south of Damascus": the day just told
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
        before = years_mentioned(self.article.body[:at]) if at > 0 else []
        return before[-1] if before else (self.years[-1] if self.years else None)
