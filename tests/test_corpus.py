"""The extra test corpus (tests/corpus/): synthetic French and English news reports with their gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.evaluate import Report, evaluate_folder, load_gold

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate_folder(articles_dir=CORPUS / "articles", gold_path=CORPUS)


def test_corpus_recall_and_precision(report: Report) -> None:
    # Exact figures: the rules were tuned on this corpus (see its README), so anything short of all of it
    # is a regression, not noise. 52 required incidents, 55 extracted (3 match optional gold entries).
    overall = report.overall
    assert (overall.gold_required, overall.found_required) == (52, 52), overall.missed
    assert (overall.extracted, overall.true_positive, overall.false_positive) == (55, 52, 0), overall.spurious
    assert overall.recall == overall.precision == 1.0
    assert all(f.found_required == f.gold_required and f.false_positive == 0 for f in report.files)


def test_corpus_types_dates_and_distances(report: Report) -> None:
    overall = report.overall
    assert (overall.type_right, overall.type_total) == (52, 52)
    assert (overall.date_right, overall.date_total) == (38, 38)  # the gold dates 38 of them
    # Provinces sit at the centre of their places, not at their largest town (issue 12): an incident told
    # only to a province is some 10-80 km from the gold's point there, well within its tolerance.
    assert len(overall.errors_km) == 52 and round(overall.mean_error_km, 1) == 6.6


def test_no_incident_at_a_place_only_mentioned(report: Report) -> None:
    assert report.overall.not_incident_hits == []


def test_articles_with_no_incident_yield_none(report: Report) -> None:
    _, not_incidents = load_gold(CORPUS)
    gold, _ = load_gold(CORPUS / "gold.jsonl")
    quiet = {r["file"] for r in not_incidents} - {g["file"] for g in gold}
    assert quiet  # the talks articles: capitals and diplomacy only
    by_file = {s.file: s for s in report.files}
    assert all(by_file[name].extracted == 0 for name in quiet)


def test_corpus_is_half_french_half_english() -> None:
    names = sorted(p.name for p in (CORPUS / "articles").glob("*.txt"))
    french = [n for n in names if n.startswith("fr")]
    english = [n for n in names if n.startswith("en")]
    assert len(names) >= 16 and len(french) + len(english) == len(names)
    assert abs(len(french) - len(english)) <= 1
