"""Event dates in French and English sentences: absolute, partial, relative to publication."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.extract.dates import FoundDate, find_date, find_dates, years_mentioned


def date_of(
    sentence: str,
    *,
    lang: str = "fr",
    published: str | None = None,
    years: Sequence[int] = (),
    last_year: int | None = None,
) -> tuple[str, str] | None:
    found = find_date(
        sentence, lang=lang, published=published, years_in_text=years, last_year_before=last_year
    )
    return (found.value, found.precision) if found else None


# Absolute dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Le Parlement a voté le 3 janvier 2020 la loi.", "fr", "2020-01-03"),
        ("Des roquettes sont tombées le 5 avril 2021 sur la base.", "fr", "2021-04-05"),
        ("L'attaque du 3 janv. 2020 a été revendiquée.", "fr", "2020-01-03"),
        ("Le convoi a été visé le 1er mars 2021.", "fr", "2021-03-01"),
        ("Le 15 AOÛT 2019, un drone a frappé.", "fr", "2019-08-15"),
        ("Rapport publié le 05/04/2021 à Bagdad.", "fr", "2021-04-05"),
        ("The convoy was hit on January 3, 2020, officials said.", "en", "2020-01-03"),
        ("The Jan. 3, 2020 strike killed two commanders.", "en", "2020-01-03"),
        ("Rockets fell on 3 January 2020 near the airport.", "en", "2020-01-03"),
        ("It happened on the 5th of April 2021.", "en", "2021-04-05"),
        ("Log entry 2020-01-03: convoy attacked.", "en", "2020-01-03"),
        ("Entrée du journal 2020-01-03 : convoi attaqué.", "fr", "2020-01-03"),
    ],
)
def test_absolute_day(sentence: str, lang: str, expected: str) -> None:
    assert date_of(sentence, lang=lang) == (expected, "day")


def test_found_date_records_where_it_is_written() -> None:
    sentence = "Le Parlement a voté le 5 janvier 2020 la loi."
    found = find_date(sentence, lang="fr", published=None, years_in_text=[], last_year_before=None)
    assert found == FoundDate(value="2020-01-05", precision="day", start=23, end=37, text="5 janvier 2020")
    assert sentence[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Le Parlement irakien a voté l'expulsion, en janvier 2020, des forces étrangères.", "fr", "2020-01"),
        ("Le groupe a été fondé en août 2019.", "fr", "2019-08"),
        ("Parliament voted for the withdrawal in January 2020.", "en", "2020-01"),
        ("The group was founded in Aug. 2019.", "en", "2019-08"),
    ],
)
def test_month_and_year(sentence: str, lang: str, expected: str) -> None:
    assert date_of(sentence, lang=lang) == (expected, "month")


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Ainsi, en 2020, le Parlement irakien a voté un projet de loi.", "fr", "2020"),
        ("Daech s'est emparé en 2014 de vastes pans de l'Irak.", "fr", "2014"),
        ("In 2020 the parliament voted for the withdrawal.", "en", "2020"),
        ("Attacks resumed in mid-2019.", "en", "2019"),
    ],
)
def test_year_alone(sentence: str, lang: str, expected: str) -> None:
    assert date_of(sentence, lang=lang) == (expected, "year")


def test_the_most_specific_date_wins() -> None:
    sentence = "En 2020, après l'assassinat de janvier 2020, une frappe a eu lieu le 8 janvier 2020."
    assert date_of(sentence) == ("2020-01-08", "day")


def test_a_date_introduced_by_le_wins_among_equally_specific_ones() -> None:
    sentence = (
        "Depuis mars 2021, les attaques se multiplient ; le 3 avril 2021, un convoi a été visé et 5 mai 2021."
    )
    assert date_of(sentence) == ("2021-04-03", "day")


def test_near_prefers_the_date_closest_to_the_place() -> None:
    sentence = "Le dialogue qui a débuté le 7 avril a eu lieu le 23 juillet à Washington."
    every = find_dates(
        sentence, lang="fr", published="2021-08-01", years_in_text=[2021], last_year_before=None
    )
    assert [date.value for date in every] == ["2021-04-07", "2021-07-23"]
    first = find_date(
        sentence, lang="fr", published="2021-08-01", years_in_text=[2021], last_year_before=None
    )
    assert first == every[0]
    found = find_date(
        sentence,
        lang="fr",
        published="2021-08-01",
        years_in_text=[2021],
        last_year_before=None,
        near=sentence.index("Washington"),
    )
    assert found == every[1]


# Day and month without year ----------------------------------------------------------------------------


def test_same_year_takes_the_last_year_written_before() -> None:
    sentence = "Soleimani et al-Muhandis ont été assassinés le 3 janvier de la même année près de l'aéroport."
    assert date_of(sentence, last_year=2020) == ("2020-01-03", "day")
    assert date_of(sentence, last_year=2020, published="2024-01-26") == ("2020-01-03", "day")


def test_that_same_year_in_english() -> None:
    assert date_of("On January 3 that same year, a drone struck.", lang="en", last_year=2020) == (
        "2020-01-03",
        "day",
    )


def test_weekday_picks_the_year_in_which_the_day_falls_on_it() -> None:
    # 5 April 2021 was a Monday; 2019 and 2020 are the years the article mentions.
    sentence = "Ce lundi 5 avril, les sources irakiennes ont fait état d'une attaque."
    assert date_of(sentence, years=[2019, 2020]) == ("2021-04-05", "day")


def test_weekday_prefers_a_year_from_the_latest_named_on() -> None:
    # 1 March was a Friday in 2019 and in 2024; 2019 is closer to 2021 but articles recall the past.
    assert date_of("Vendredi 1er mars, un convoi a été visé.", years=[2020, 2021]) == ("2024-03-01", "day")


def test_weekday_prefers_a_year_after_the_latest_mentioned() -> None:
    # 25 January was a Thursday in 2018 and 2024: an article that mentions 2020 as past was written later.
    sentence = "Dans un communiqué publié jeudi 25 janvier, le ministère a annoncé les pourparlers."
    assert date_of(sentence, years=[2014, 2017, 2020]) == ("2024-01-25", "day")


def test_weekday_falls_back_to_an_earlier_year_inside_the_window() -> None:
    # 25 January was a Thursday in 2018 and 2024; 2024 is beyond the window [2012, 2021].
    sentence = "Dans un communiqué publié jeudi 25 janvier, le ministère a annoncé les pourparlers."
    assert date_of(sentence, years=[2013, 2017]) == ("2018-01-25", "day")


def test_weekday_in_english() -> None:
    assert date_of("On Monday, April 5, a convoy was hit.", lang="en", years=[2020]) == ("2021-04-05", "day")


def test_weekday_with_no_fitting_year_stays_month_day() -> None:
    # 5 April was a Monday in 2010 and 2021, both outside [2015, 2019].
    assert date_of("Lundi 5 avril, un convoi a été visé.", years=[2016, 2016]) == ("--04-05", "month_day")


def test_published_gives_the_latest_such_day_on_or_before_it() -> None:
    assert date_of("Le convoi a été visé le 3 avril.", published="2021-04-10") == ("2021-04-03", "day")
    assert date_of("Le convoi a été visé le 12 avril.", published="2021-04-10") == ("2020-04-12", "day")
    assert date_of("The convoy was hit on April 10.", lang="en", published="2021-04-10") == (
        "2021-04-10",
        "day",
    )


def test_a_publication_month_or_year_gives_the_year_of_a_day_and_month() -> None:
    # Published in November 2019: "on Nov. 2" is that November's; "le 28 décembre" the December before.
    assert date_of("A car bomb hit the town on Nov. 2.", lang="en", published="2019-11") == ("2019-11-02", "day")
    assert date_of("Le convoi a été visé le 28 décembre.", published="2019-11") == ("2018-12-28", "day")
    assert date_of("Le convoi a été visé le 28 décembre.", published="2019") == ("2019-12-28", "day")


def test_published_wins_over_weekday_years() -> None:
    sentence = "Dans un communiqué publié jeudi 25 janvier, le ministère a annoncé les pourparlers."
    assert date_of(sentence, published="2024-01-26", years=[2014, 2017, 2020]) == ("2024-01-25", "day")


def test_29_february_without_year_goes_back_to_a_leap_year() -> None:
    assert date_of("Le 29 février, un drone a frappé.", published="2021-04-10") == ("2020-02-29", "day")


def test_day_month_without_any_context_is_month_day() -> None:
    assert date_of("Le convoi a été visé le 3 janvier.") == ("--01-03", "month_day")
    assert date_of("The convoy was hit on April 5th.", lang="en") == ("--04-05", "month_day")


def test_impossible_day_is_dropped_but_its_month_and_year_are_kept() -> None:
    assert date_of("Le 31 avril, rien.") is None
    assert date_of("Le 31 avril 2021, rien.") == ("2021-04", "month")


# Relative to publication -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Hier, un convoi a été visé.", "fr", "2021-04-09"),
        ("Hier soir, un convoi a été visé.", "fr", "2021-04-09"),
        ("Avant-hier, un convoi a été visé.", "fr", "2021-04-08"),
        ("Il a souligné aujourd’hui que rien n'était décidé.", "fr", "2021-04-10"),
        ("Ce matin, une roquette est tombée.", "fr", "2021-04-10"),
        ("A convoy was hit yesterday near Baghdad.", "en", "2021-04-09"),
        ("The day before yesterday, a convoy was hit.", "en", "2021-04-08"),
        ("Rockets fell on the base this morning.", "en", "2021-04-10"),
        ("Today the ministry said nothing.", "en", "2021-04-10"),
    ],
)
def test_relative_days(sentence: str, lang: str, expected: str) -> None:
    # 10 April 2021 was a Saturday.
    assert date_of(sentence, lang=lang, published="2021-04-10") == (expected, "day")


def test_weekday_alone_is_the_latest_such_day_on_or_before_publication() -> None:
    sentence = "Jeudi, un autre convoi logistique de l'armée américaine a été pris pour cible."
    assert date_of(sentence, published="2021-04-10") == ("2021-04-08", "day")
    assert date_of(sentence, published="2021-04-08") == ("2021-04-08", "day")
    assert date_of("Samedi, un drone a frappé.", published="2021-04-10") == ("2021-04-10", "day")
    assert date_of("A drone struck on Thursday.", lang="en", published="2021-04-10") == ("2021-04-08", "day")


def test_last_weekday_said_on_that_weekday_is_a_week_ago() -> None:
    assert date_of("Jeudi dernier, un convoi a été visé.", published="2021-04-08") == ("2021-04-01", "day")
    assert date_of("A drone struck last Thursday.", lang="en", published="2021-04-08") == (
        "2021-04-01",
        "day",
    )


def test_weekday_alone_without_publication_date_is_no_date() -> None:
    assert date_of("Jeudi, un autre convoi a été pris pour cible.") is None
    assert date_of("A convoy was hit on Thursday.", lang="en") is None


def test_habits_and_future_weekdays_are_not_event_days() -> None:
    assert date_of("Des convois passent chaque jeudi.", published="2021-04-10") is None
    assert date_of("Les pourparlers reprendront jeudi prochain.", published="2021-04-10") is None
    assert date_of("Talks resume next Thursday.", lang="en", published="2021-04-10") is None


def test_relative_words_without_publication_date_are_no_date() -> None:
    assert date_of("Hier, un convoi a été visé.") is None
    assert date_of("A convoy was hit yesterday.", lang="en") is None


# Month alone -------------------------------------------------------------------------------------------


def test_month_alone_is_the_latest_such_month_up_to_publication() -> None:
    sentence = "Tout au long du mois de mars, les convois ont été pris pour cible."
    assert date_of(sentence, published="2021-04-10") == ("2021-03", "month")
    assert date_of("En mai, les attaques ont repris.", published="2021-04-10") == ("2020-05", "month")
    assert date_of("In March, convoys were attacked.", lang="en", published="2021-04-10") == (
        "2021-03",
        "month",
    )


def test_month_alone_without_publication_date_is_no_date() -> None:
    assert date_of("Tout au long du mois de mars, les convois ont été visés.") is None
    assert date_of("In March, convoys were attacked.", lang="en") is None


def test_english_month_names_must_be_capitalised() -> None:
    assert date_of("Officials may 5 times repeat it; troops march 3 miles.", lang="en") is None


def test_bare_french_number_sept_is_not_a_month() -> None:
    assert date_of("Les 3 sept soldats sont rentrés.") is None


# Everything else ---------------------------------------------------------------------------------------


def test_no_date_gives_none() -> None:
    assert date_of("Le groupe a revendiqué l'attaque.") is None
    assert date_of("", lang="en") is None


def test_bad_publication_date_is_ignored_not_raised() -> None:
    assert date_of("Hier, un convoi a été visé.", published="not a date") is None
    assert date_of("Hier, un convoi a été visé.", published="0001-01-01") is None


def test_unknown_lang_tries_both_languages() -> None:
    assert date_of("Le 3 janvier 2020 / on January 4, 2020", lang="xx") == ("2020-01-03", "day")


def test_find_dates_lists_every_date_in_order_without_nested_ones() -> None:
    found = find_dates(
        "Le 5 janvier 2020, puis jeudi, et en 2021.",
        lang="fr",
        published="2021-04-10",
        years_in_text=[],
        last_year_before=None,
    )
    assert [(date.value, date.precision) for date in found] == [
        ("2020-01-05", "day"),
        ("2021-04-08", "day"),
        ("2021", "year"),
    ]


def test_years_mentioned_in_order() -> None:
    text = "En 2019, puis le 3 janvier 2020 et en 2020-2021 ; 2 500 soldats, 1.2020 mm, 12345, 1850, 2101."
    assert years_mentioned(text) == [2019, 2020, 2020, 2021]


@settings(max_examples=300, deadline=None)
@given(
    sentence=st.lists(
        st.sampled_from([*"0123456789 -/.,'", "le ", "jeudi", "janvier", "May", "on ", "hier", "2020", "er"]),
        max_size=20,
    ).map("".join),
    lang=st.sampled_from(["fr", "en", "de"]),
    published=st.one_of(st.none(), st.text(max_size=12), st.dates().map(lambda date: date.isoformat())),
    years=st.lists(st.integers(min_value=-5, max_value=10_000), max_size=3),
    last_year=st.one_of(st.none(), st.integers(min_value=-5, max_value=10_000)),
)
def test_find_date_never_raises(
    sentence: str, lang: str, published: str | None, years: list[int], last_year: int | None
) -> None:
    found = find_date(
        sentence, lang=lang, published=published, years_in_text=years, last_year_before=last_year
    )
    if found is not None:
        assert sentence[found.start : found.end] == found.text


def _last_year_cut(text: str, end: int) -> int | None:
    found = years_mentioned(text[:end])
    return found[-1] if found else None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="19204.,5 a-\n", max_size=40))
def test_the_last_year_before_each_offset_is_that_of_the_text_cut_there(text: str) -> None:
    from geomap.extract.dates import YearsBefore

    years = YearsBefore(text)
    assert [years.last(end) for end in range(len(text) + 2)] == [
        _last_year_cut(text, end) for end in range(len(text) + 2)
    ]


def test_the_last_year_before_each_offset_of_the_articles() -> None:
    from pathlib import Path

    from geomap.extract.dates import YearsBefore
    from geomap.read.articles import read_article

    root = Path(__file__).resolve().parents[2]
    bodies = [
        read_article(p).body
        for p in sorted([*(root / "seeds").glob("*.txt"), *(root / "tests" / "corpus" / "articles").glob("*.txt")])
    ]
    tricky = "En 2019, puis 2020.5 fois, 12019 et 2021,3 ; le 1er mars 2022. 1999"
    checked = 0
    for body in [*bodies, tricky]:
        years = YearsBefore(body)
        for end in range(0, len(body) + 1, 7 if len(body) > 2000 else 1):
            assert years.last(end) == _last_year_cut(body, end), (body[:60], end)
            checked += years.last(end) is not None
    assert checked > 1000
