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
    overall = report.overall
    assert overall.recall >= 0.9, overall.missed
    assert overall.precision >= 0.9, overall.spurious


def test_corpus_types_and_dates(report: Report) -> None:
    assert report.overall.type_accuracy >= 0.9
    assert report.overall.date_accuracy >= 0.8


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
