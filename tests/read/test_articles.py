"""Reading article files: the seeds, front matter, Markdown, HTML, encodings, and every refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geomap.errors import ArticleError
from geomap.read.articles import CP1252_WARNING, read_article, read_articles
from geomap.read.language import detect_language
from geomap.records import Article
from geomap.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

FRENCH = (
    "Trois roquettes ont frappé la base d'Aïn al-Asad dans l'ouest de l'Irak, selon des responsables. "
    "Aucune victime n'a été signalée et l'attaque n'a pas été revendiquée pour le moment."
)
ENGLISH = (
    "Three rockets struck the Ain al-Asad air base in western Iraq, officials said. No casualties were "
    "reported and the attack was not claimed by any group, according to the coalition."
)
GERMAN = (
    "Drei Raketen sind auf dem Stützpunkt Ain al-Asad im Westen des Irak eingeschlagen, teilten Beamte mit. "
    "Es gab keine Verletzten, und niemand hat sich zu dem Angriff bekannt."
)


def seed(prefix: str) -> Article:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return read_article(path)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# The seeds ---------------------------------------------------------------------------------------------


def test_all_seeds_read_without_errors() -> None:
    articles, errors = read_articles(SEEDS)
    assert errors == []
    assert [article.file for article in articles] == sorted(path.name for path in SEEDS.glob("*.txt"))
    for article in articles:
        assert article.lang == "fr"
        assert article.warnings == ()
        assert article.published is None and article.url is None
        assert len(article.id) == 16 and int(article.id, 16) >= 0
        assert "\u00a0" not in article.body and "\u202f" not in article.body
        assert "\n\n" not in article.body
        assert article.body.startswith(article.title)  # the headline stays in the text read


def test_seed_000_starts_with_a_sentence_that_is_title_and_body() -> None:
    article = seed("000")
    assert article.title == (
        "Jeudi, un autre convoi logistique de l’armée américaine a été pris pour cible à Babylone en Irak."
    )
    assert article.body.startswith("Jeudi, un autre convoi logistique")
    assert article.body.count("Jeudi, un autre convoi logistique") == 1
    assert article.outlet is None
    assert article.related == ()


def test_seed_001_outlet_title_related_and_captions() -> None:
    article = seed("001")
    assert article.title == "La chasse aux troupes américaines s’intensifie"
    assert article.outlet == "French Press TV"
    assert article.related == (
        "Un convoi US explose ; la balle commence…",
        "300 missiles autrichiens pour Daech? Avis de tempête sur les forces de l'OTAN après le retrait US",
    )
    body = article.body
    assert "Ce lundi 5 avril, les sources irakiennes" in body
    for left_out in (
        "TV\n",
        "(AFP photo)",
        "Ilhan Omar",
        "(Illustration)",
        "quasi-quotidiennement.",
        "Lire aussi",
    ):
        assert left_out not in body
    assert "Partager Cet Article" not in body and "SOURCE" not in body
    assert "Un convoi US explose" not in body


def test_seed_002_caption_with_photo_credit_and_pour_en_savoir_plus() -> None:
    article = seed("002")
    assert article.outlet == "French Press TV"
    assert article.title.startswith("L'Irak et les États-Unis conviennent de discuter")
    assert article.related == (
        "Bagdad qualifie l'agression américaine de violation flagrante de sa souveraineté",
    )
    assert "WikiCommons" not in article.body
    assert "Forces de l'armée américaine." not in article.body
    assert "assassinés le 3 janvier de la même année" in article.body


def test_seed_003_related_titles_in_order() -> None:
    article = seed("003")
    assert article.outlet == "French Press TV"
    assert article.related == (
        "La Russie renforce ses relations avec la Résistance",
        "Aïn al-Asad évacuée partiellement par les USA",
        "Irak : les Hachd frappés à Babylon par l’axe US/Israël, la Résistance riposte en Syrie...",
    )
    assert "(Photo d'archives)" not in article.body
    assert "Des militaires américains en Irak." not in article.body
    assert "Tout au long du mois de mars" in article.body
    assert "évacuée partiellement" not in article.body


def test_seed_004_long_first_line_gives_its_first_sentence_as_title() -> None:
    article = seed("004")
    assert article.title.startswith("En Irak, Qasim al-Kariti")
    assert article.title.endswith("retrait de leurs troupes d’Irak.")
    assert len(article.title) <= 200
    assert article.body.startswith(article.title + " « La présence")
    assert article.related == ("Pourquoi Joe Biden devrait retirer toutes les forces d’Irak et de Syrie ?",)
    assert "Pour en savoir plus" not in article.body


def test_renaming_a_file_keeps_its_id(tmp_path: Path) -> None:
    original = next(SEEDS.glob("000_*.txt"))
    copy = tmp_path / "renamed.txt"
    shutil.copyfile(original, copy)
    assert read_article(copy).id == read_article(original).id
    assert read_article(copy).file == "renamed.txt"


def test_different_content_gets_a_different_id() -> None:
    assert seed("000").id != seed("001").id


# Plain text rules --------------------------------------------------------------------------------------


def test_plain_text_outlet_line_source_line_and_boilerplate(tmp_path: Path) -> None:
    text = (
        "Le Monde\n\nUne attaque vise la base d'Aïn al-Asad\n\n"
        "Des soldats américains en Irak. (Reuters)\n\n"
        f"{FRENCH}\n\nLes tirs ont cessé dans la soirée, selon la police. (AFP)\n\n"
        "Lire aussi :\nUn convoi visé près de Bagdad\n\nRead more: Rockets hit Erbil\n\n"
        "Share this article\nPartager cet article\n"
    )
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.outlet == "Le Monde"
    assert article.title == "Une attaque vise la base d'Aïn al-Asad"
    assert article.related == ("Un convoi visé près de Bagdad", "Rockets hit Erbil")
    # A bare agency credit is a caption between title and text, but may end a paragraph further down.
    assert article.body.split("\n") == [
        "Une attaque vise la base d'Aïn al-Asad",
        FRENCH,
        "Les tirs ont cessé dans la soirée, selon la police. (AFP)",
    ]


def test_source_line_in_capitals_is_title_cased_keeping_acronyms(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", f"Titre\n{FRENCH}\nSOURCE: AGENCE FRANCE-PRESSE\n"))
    assert article.outlet == "Agence France-Presse"
    article = read_article(write(tmp_path, "b.txt", f"Titre\n{ENGLISH}\nSource: BBC News\n"))
    assert article.outlet == "BBC News"


def test_prose_line_starting_with_source_is_kept(tmp_path: Path) -> None:
    line = "Source : un responsable a affirmé que trois roquettes sont tombées. Il n'a pas donné de détails."
    article = read_article(write(tmp_path, "a.txt", f"Titre de l'article\n{FRENCH}\n{line}\n"))
    assert article.outlet is None
    assert line in article.body


def test_crlf_and_non_breaking_spaces_are_normalised(tmp_path: Path) -> None:
    text = f"Titre\u00a0: l'attaque\r\n\r\n{FRENCH.replace(' ', chr(0x202F), 3)}\r\n"
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.title == "Titre : l'attaque"
    assert article.body == f"Titre : l'attaque\n{FRENCH}"


def test_nfc_normalisation_keeps_the_id_of_decomposed_text(tmp_path: Path) -> None:
    composed = f"Frappe à Bagdad\n{FRENCH}\n"
    decomposed = composed.replace("é", "e\u0301")
    first = read_article(write(tmp_path, "a.txt", composed))
    second = read_article(write(tmp_path, "b.txt", decomposed))
    assert first.id == second.id and first.body == second.body


# Front matter ------------------------------------------------------------------------------------------


def test_front_matter_overrides_guesses(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Roquettes sur Aïn al-Asad\nsource: Le Monde\nurl: https://example.com/a\n"
        "published: 2021-04-05\nlang: fr\n---\nTV\n\nUn autre titre\n\n"
        + FRENCH
        + "\nSOURCE: FRENCH PRESS TV\n"
    )
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.title == "Roquettes sur Aïn al-Asad"
    assert article.outlet == "Le Monde"
    assert article.url == "https://example.com/a"
    assert article.published == "2021-04-05"
    assert article.lang == "fr"
    # A title given apart from the text is read as part of it, before the text's own first line.
    assert article.body.split("\n") == ["Roquettes sur Aïn al-Asad", "Un autre titre", FRENCH]


def test_front_matter_title_already_in_the_text_is_not_repeated(tmp_path: Path) -> None:
    text = f"---\ntitle: Roquettes sur la base\n---\nRoquettes sur la base\n{FRENCH}\n"
    assert read_article(write(tmp_path, "a.txt", text)).body == f"Roquettes sur la base\n{FRENCH}"


def test_front_matter_dates_and_lang_names(tmp_path: Path) -> None:
    text = f"---\npublished: '2021-04-05T10:00:00Z'\nlang: French\nauthor: X\n---\nTitre\n{FRENCH}\n"
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.published == "2021-04-05"
    assert article.lang == "fr"
    assert len(article.warnings) == 1 and "'author' is not used" in article.warnings[0]


def test_front_matter_lang_overrides_detection(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", f"---\nlang: en-GB\n---\nBericht\n{GERMAN}\n"))
    assert article.lang == "en"


def test_front_matter_changes_the_id(tmp_path: Path) -> None:
    plain = read_article(write(tmp_path, "a.txt", f"Titre\n{FRENCH}\n"))
    with_front = read_article(
        write(tmp_path, "b.txt", f"---\nurl: https://example.com/a\n---\nTitre\n{FRENCH}\n")
    )
    assert plain.id != with_front.id


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        ("---\ntitle: [unclosed\n---\nRoquettes sur une base\n" + FRENCH, "front matter is not valid YAML ("),
        ("---\n- a\n- b\n---\nRoquettes sur une base\n" + FRENCH, "front matter must be `key: value` lines"),
        ("---\npublished: le 5 avril\n---\nRoquettes sur une base\n" + FRENCH, "published: 'le 5 avril' is not a date"),
        ("---\npublished: unknown\n---\nRoquettes sur une base\n" + FRENCH, "published: 'unknown' is not a date"),
        ("---\nlang: de\n---\nRoquettes sur une base\n" + FRENCH, "lang: 'de' is not a language geomap reads"),
        ("---\nurl: see the PDF\n---\nRoquettes sur une base\n" + FRENCH, "url: 'see the PDF' is not a web address"),
    ],
)
def test_metadata_that_does_not_parse_is_named_and_ignored_never_costs_the_article(
    tmp_path: Path, content: str, warning: str
) -> None:
    article = read_article(write(tmp_path, "odd.txt", content))
    assert article.title == "Roquettes sur une base" and article.lang == "fr" and "Aïn al-Asad" in article.body
    assert [w for w in article.warnings if warning in w], article.warnings


def test_front_matter_without_its_closing_line_is_read_as_text(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "open.txt", "---\nRoquettes sur une base\n" + FRENCH))
    assert article.title == "Roquettes sur une base" and "Aïn al-Asad" in article.body
    assert any("no closing '---' line: read as text" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-07", "2021-07"),
        ("2021", "2021"),
        ("'2021-04-05 (updated 2021-04-06)'", "2021-04-05"),
        ("5 avril 2021", "2021-04-05"),
        ("April 5, 2021", "2021-04-05"),
        ("05/04/2021", "2021-04-05"),
    ],
)
def test_a_partial_or_annotated_publication_date_keeps_its_precision(
    tmp_path: Path, published: str, expected: str
) -> None:
    article = read_article(write(tmp_path, "p.txt", f"---\npublished: {published}\n---\nRoquettes sur une base\n{FRENCH}\n"))
    assert article.published == expected and article.warnings == ()


def test_a_source_line_with_an_address_is_the_url_not_the_outlet_nor_prose(tmp_path: Path) -> None:
    address = "https://example.org/2021/04/05/irak-roquettes-sur-ain-al-asad-et-bagdad-anbar-erbil"
    article = read_article(write(tmp_path, "s.txt", f"Roquettes sur une base\n{FRENCH}\nSOURCE: {address}\n"))
    assert article.url == address and article.outlet is None
    assert "example.org" not in article.body and "erbil" not in article.body.lower()
    named = read_article(write(tmp_path, "t.txt", f"Roquettes sur une base\n{FRENCH}\nSource : Reuters, {address}\n"))
    assert (named.url, named.outlet) == (address, "Reuters")


def test_no_article_text_after_the_front_matter_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt", "---\ntitle: Seul\n---\n\n")
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value).startswith(f"{path}: ") and "no article text after the front matter" in str(caught.value)


# Markdown and HTML -------------------------------------------------------------------------------------


def test_markdown_heading_links_emphasis_and_images(tmp_path: Path) -> None:
    text = (
        "# Trois roquettes sur la base d'**Aïn al-Asad**\n\n"
        "![Des soldats américains](photo.jpg)\n\n"
        "*Bagdad* – Trois roquettes ont frappé [la base d'Aïn al-Asad](https://example.com/x) dans "
        "l'ouest de l'Irak, selon des responsables. Aucune victime n'a été signalée.\n\n"
        "> « Nous enquêtons », a déclaré un porte-parole de la coalition.\n\n"
        "## Contexte\n\n"
        "- les attaques visent les convois de la coalition depuis des mois\n\n"
        "```\ncode ignoré\n```\n\n"
        "Lire aussi : [Un convoi visé près de Bagdad](https://example.com/y)\n"
    )
    article = read_article(write(tmp_path, "a.md", text))
    assert article.title == "Trois roquettes sur la base d'Aïn al-Asad"
    assert article.related == ("Un convoi visé près de Bagdad",)
    assert article.lang == "fr"
    assert article.body.split("\n") == [
        "Trois roquettes sur la base d'Aïn al-Asad",
        "Bagdad – Trois roquettes ont frappé la base d'Aïn al-Asad dans l'ouest de l'Irak, selon des "
        "responsables. Aucune victime n'a été signalée.",
        "« Nous enquêtons », a déclaré un porte-parole de la coalition.",
        "Contexte",
        "les attaques visent les convois de la coalition depuis des mois",
    ]


def test_markdown_setext_heading_is_the_title(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", f"Roquettes sur la base\n=====\n\n{FRENCH}\n"))
    assert article.title == "Roquettes sur la base"
    assert article.body == f"Roquettes sur la base\n{FRENCH}"


HTML = """<!DOCTYPE html>
<html lang="en"><head><title>Rocket attack hits Ain al-Asad base | Example News</title>
<meta property="og:title" content="Rocket attack hits Ain al-Asad base">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-04-05T10:00:00Z">
<link rel="canonical" href="https://example.com/world/rocket-attack">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Rocket attack hits Ain al-Asad base</h1>
<p>Three rockets struck the Ain al-Asad air base in western Iraq on Monday, officials said.
No casualties were reported.</p>
<p>Read more: Convoy hit near Baghdad</p>
<p>The attack came a day after a convoy was targeted near Baghdad. Officials said the investigation was
continuing and that more details would follow.</p>
</article><footer>Copyright 2021 Example News</footer></body></html>
"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.html", HTML))
    assert article.title == "Rocket attack hits Ain al-Asad base"
    assert article.outlet == "Example News"
    assert article.url == "https://example.com/world/rocket-attack"
    assert article.published == "2021-04-05"
    assert article.lang == "en"
    assert article.related == ("Convoy hit near Baghdad",)
    assert article.body.startswith("Rocket attack hits Ain al-Asad base\nThree rockets struck")
    assert "officials said." in article.body and "investigation was" in article.body
    assert "Home" not in article.body and "Copyright" not in article.body


def test_html_title_missing_from_the_text_goes_into_the_body(tmp_path: Path) -> None:
    html = f"<html><head><title>Attaque à Aïn al-Asad</title></head><body><p>{FRENCH}</p></body></html>"
    article = read_article(write(tmp_path, "a.htm", html))
    assert article.title == "Attaque à Aïn al-Asad"
    assert article.body == f"Attaque à Aïn al-Asad\n{FRENCH}"
    assert article.outlet is None and article.published is None


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"empty.html: no article text found in the HTML"):
        read_article(write(tmp_path, "empty.html", "<html><head></head><body></body></html>"))


# Encodings ---------------------------------------------------------------------------------------------


def test_utf8_bom_is_dropped_and_keeps_the_id(tmp_path: Path) -> None:
    text = f"Frappe à Bagdad\n{FRENCH}\n"
    with_bom = read_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")))
    without = read_article(write(tmp_path, "plain.txt", text))
    assert with_bom.title == "Frappe à Bagdad"
    assert with_bom.id == without.id
    assert with_bom.warnings == ()


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "u16.txt", f"Frappe à Bagdad\n{FRENCH}\n".encode("utf-16")))
    assert article.title == "Frappe à Bagdad" and article.lang == "fr"


def test_cp1252_fallback_with_warning(tmp_path: Path) -> None:
    text = f"Frappe à Bagdad – l’armée\n{FRENCH}\n"
    article = read_article(write(tmp_path, "old.txt", text.encode("cp1252")))
    assert article.warnings == (CP1252_WARNING,)
    assert CP1252_WARNING == "decoded as cp1252: not valid UTF-8"
    assert article.title == "Frappe à Bagdad – l’armée"
    assert "frappé la base d'Aïn al-Asad" in article.body


# Refusals ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b" \n\r\n\t\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not an article"),
        (GERMAN.encode("utf-8"), "language not recognised; geomap reads French and English (set `lang:`"),
        (b"Attaque. Bagdad.", "language not recognised"),
    ],
)
def test_unreadable_files_are_errors_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_too_big_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(52_400_000)  # sparse: no 52 MB actually written
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value).startswith(
        f"{path}: 52.4 MB is over the 5 MB limit for one article (Settings.max_article_bytes)"
    )
    assert Settings().max_article_bytes == 5_000_000


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"gone.txt: cannot read the file"):
        read_article(tmp_path / "gone.txt")


def test_read_articles_collects_errors_and_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", b"")
    write(tmp_path, "a.md", f"# Titre\n\n{FRENCH}\n")
    write(tmp_path, "c.html", HTML)
    write(tmp_path, "d.txt", GERMAN)
    write(tmp_path, "e.TXT", f"Headline\n{ENGLISH}\n")
    write(tmp_path, "notes.csv", "a,b\n")
    write(tmp_path, ".#draft.txt", f"Titre\n{FRENCH}\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "inner.txt", f"Titre\n{FRENCH}\n")
    articles, errors = read_articles(tmp_path)
    assert [article.file for article in articles] == ["a.md", "c.html", "e.TXT"]
    assert [article.lang for article in articles] == ["fr", "en", "en"]
    assert len(errors) == 2
    assert "b.txt: file is empty" in str(errors[0])
    assert "d.txt: language not recognised" in str(errors[1])


def test_read_articles_on_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="does not exist"):
        read_articles(tmp_path / "nowhere")


# Language ----------------------------------------------------------------------------------------------


def test_detect_language() -> None:
    assert detect_language(FRENCH) == "fr"
    assert detect_language(ENGLISH) == "en"
    assert detect_language(GERMAN) is None
    assert (
        detect_language(
            "Tres cohetes impactaron el lunes en la base aérea, según dijeron los funcionarios, y no hubo víctimas."
        )
        is None
    )
    assert detect_language("Rocket attack on base") is None  # too little text to tell
    assert detect_language("") is None


def test_english_article_is_detected(tmp_path: Path) -> None:
    text = f"Rockets hit Iraqi base\n\nUS troops in Iraq. (File photo)\n\n{ENGLISH}\n\nRelated: Convoy hit in Babil\n"
    article = read_article(write(tmp_path, "en.txt", text))
    assert article.lang == "en"
    assert article.title == "Rockets hit Iraqi base"
    assert article.related == ("Convoy hit in Babil",)
    assert article.body == f"Rockets hit Iraqi base\n{ENGLISH}"


def test_article_quoting_another_language_keeps_its_own(tmp_path: Path) -> None:
    text = f"Titre\n{FRENCH} Le ministre a cité en anglais : « the attack was not claimed ».\n"
    assert read_article(write(tmp_path, "a.txt", text)).lang == "fr"


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("https://example.org/news/2024/3/18/strikes-on-the-port", "2024-03-18"),
        ("https://example.org/international/article/2024/01/28/drone-attack_6213.html", "2024-01-28"),
        ("https://example.org/stories/202301230322.html", "2023-01-23"),
        ("https://example.org/2024-03-18-rockets-on-a-base", "2024-03-18"),
        ("https://example.org/2024/03/rockets", "2024-03"),
        ("https://example.org/story/386194", None),
        ("https://example.org/2023/13/45/not-a-date", None),
    ],
)
def test_an_article_without_a_date_takes_the_one_in_its_address(tmp_path: Path, url: str, published: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"---\nurl: {url}\nlang: en\n---\nRockets hit a base\n\nRockets hit the base on Monday.\n", encoding="utf-8")
    assert read_article(path).published == published
    # A date given in the front matter wins over the address.
    path.write_text(f"---\nurl: {url}\npublished: 2020-05-01\nlang: en\n---\nRockets hit a base\n\nRockets hit.\n", encoding="utf-8")
    assert read_article(path).published == "2020-05-01"
