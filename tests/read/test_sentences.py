"""Sentence splitting: boundaries in French and English news prose, and exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.read.sentences import split_sentences, subheadings
from geomap.records import Sentence

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def texts(body: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(body)]


def test_splits_at_terminal_punctuation_followed_by_uppercase() -> None:
    assert texts("Trois roquettes sont tombées. Aucune victime ! Pourquoi ? Personne ne sait.") == [
        "Trois roquettes sont tombées.",
        "Aucune victime !",
        "Pourquoi ?",
        "Personne ne sait.",
    ]


def test_no_split_before_lowercase() -> None:
    assert texts("Il a dit « stop... » et il est parti. Fin.") == [
        "Il a dit « stop... » et il est parti.",
        "Fin.",
    ]


def test_ellipsis_inside_guillemets_followed_by_lowercase_does_not_split() -> None:
    body = "Un calendrier « précis et clair... pour le retrait » a été fixé."
    assert texts(body) == [body]


def test_a_cut_in_a_quotation_is_no_sentence_of_its_own() -> None:
    body = "« Cinq personnes sont mortes aujourd'hui. (...) Cinq autres ont été blessées », a-t-il dit. Fin."
    assert texts(body) == [
        "« Cinq personnes sont mortes aujourd'hui. (...)",
        "Cinq autres ont été blessées », a-t-il dit.",
        "Fin.",
    ]
    assert [s.index for s in split_sentences(body)] == [0, 1, 2]


def test_french_closing_guillemet_stays_with_its_sentence() -> None:
    body = "Il a déclaré : « Nous partirons. » Le lendemain, un convoi a été visé."
    assert texts(body) == ["Il a déclaré : « Nous partirons. »", "Le lendemain, un convoi a été visé."]


def test_guillemet_after_non_breaking_space_stays_with_its_sentence() -> None:
    body = "« Toute occupation est rejetée.\u00a0» Il a ajouté cela hier."
    assert texts(body) == ["« Toute occupation est rejetée.\u00a0»", "Il a ajouté cela hier."]


def test_english_closing_quote_stays_with_its_sentence() -> None:
    body = "He said, “We will leave.” The convoy was hit on Monday."
    assert texts(body) == ["He said, “We will leave.”", "The convoy was hit on Monday."]


def test_splits_before_an_opening_quote_or_digit() -> None:
    assert texts("Il l'a confirmé. « Nous restons », a-t-il dit.") == [
        "Il l'a confirmé.",
        "« Nous restons », a-t-il dit.",
    ]
    assert texts("The base was hit in 2020. 2021 was calmer.") == [
        "The base was hit in 2020.",
        "2021 was calmer.",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "M. Macron a reçu Mme. Dupont à Paris.",
        "Le Dr. Ali et le Gen. Smith sont arrivés.",
        "Lt. Col. Jones and Sgt. Brown met St. Louis officials.",
        "U.S. forces left D.C. for the U.N. headquarters.",
        "Mr. and Mrs. Smith left, e.g. Tuesday, i.e. Before noon.",
        "The attack on Jan. 3 was the first since Feb. 12 last year.",
        "President John F. Kennedy visited the base.",
        "Read it in vol. 3, No. 5 of the report.",
    ],
)
def test_abbreviations_do_not_end_sentences(body: str) -> None:
    assert texts(body) == [body]


def test_decimal_numbers_do_not_split() -> None:
    assert texts("The quake measured 3.5 on the scale. Nobody was hurt.") == [
        "The quake measured 3.5 on the scale.",
        "Nobody was hurt.",
    ]


def test_lowercase_metre_abbreviation_still_ends_a_sentence() -> None:
    assert texts("Le convoi roulait à 500 m. Le véhicule a explosé.") == [
        "Le convoi roulait à 500 m.",
        "Le véhicule a explosé.",
    ]


def test_paragraphs_are_lines_and_never_merged() -> None:
    sentences = split_sentences("Titre sans point\nPremière phrase. Deuxième phrase.\n\nTroisième")
    assert [(s.text, s.paragraph, s.index) for s in sentences] == [
        ("Titre sans point", 0, 0),
        ("Première phrase.", 1, 1),
        ("Deuxième phrase.", 1, 2),
        ("Troisième", 2, 3),
    ]


def test_offsets_round_trip_with_surrounding_spaces() -> None:
    body = "  Un.  Deux !\u00a0 Trois ?  \n\n   Quatre. "
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == ["Un.", "Deux !", "Trois ?", "Quatre."]
    for sentence in sentences:
        assert body[sentence.start : sentence.end] == sentence.text


def test_empty_and_blank_bodies_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_offsets_round_trip_on_seeds(seed: Path) -> None:
    body = seed.read_text(encoding="utf-8")
    sentences = split_sentences(body)
    assert len(sentences) > 10
    for position, sentence in enumerate(sentences):
        assert body[sentence.start : sentence.end] == sentence.text
        assert sentence.index == position
        assert sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text


def test_sentence_is_keyword_only_and_frozen() -> None:
    sentence = Sentence(text="Un.", start=0, end=3, paragraph=0, index=0)
    with pytest.raises(TypeError):
        Sentence("Un.", 0, 3, 0, 0)  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        sentence.text = "Deux."  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé .!?…«»“”\"'()\n\u00a0M3U")), max_size=80))
def test_offsets_round_trip_on_any_text(body: str) -> None:
    sentences = split_sentences(body)
    for position, sentence in enumerate(sentences):
        assert body[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.index == position
    # Sentences cover every non-space character, in order and without overlap.
    covered = "".join(sentence.text for sentence in sentences)
    assert "".join(body.split()) == "".join(covered.split())


def test_a_period_glued_to_the_next_sentence_still_ends_it() -> None:
    # Pages saved from the web lose spaces: "...and Khiam.These developments", "displaced.A state".
    text = "Forces struck Hanine and Khiam.These developments came after the killing. Many were displaced.A state of alert prevails."
    assert [s.text for s in split_sentences(text)] == [
        "Forces struck Hanine and Khiam.",
        "These developments came after the killing.",
        "Many were displaced.",
        "A state of alert prevails.",
    ]
    # Not inside abbreviations and addresses.
    assert len(split_sentences("The U.S.Army said so, according to al-Monitor.com reports.")) == 1


def test_subheadings_are_short_lines_alone_without_a_closing_mark() -> None:
    body = (
        "Frappes russes sur Kharkiv\n"
        "Un immeuble a été touché mercredi. Trois personnes sont mortes.\n"
        "Une nouvelle frappe sur Soumy\n"
        "Vendredi soir, un immeuble de Soumy a été touché.\n"
        "Les secours sont sur place.\n"
        "Avec AFP et Reuters"
    )
    sentences = split_sentences(body)
    found = [sentences[i].text for i in sorted(subheadings(sentences, max_words=12))]
    # The headline is no subheading, nor a sentence alone in its paragraph that ends as prose does.
    assert found == ["Une nouvelle frappe sur Soumy", "Avec AFP et Reuters"]
