"""Place mentions in French and English sentences: names, qualifiers, cues, containment, enumerations."""

from __future__ import annotations

import pytest

from geomap.extract.mentions import find_mentions, names_people
from geomap.places.gazetteer import Gazetteer
from geomap.records import Mention, Sentence


def mentions(sentence: str, gazetteer: Gazetteer) -> list[Mention]:
    return find_mentions(Sentence.lone(sentence), gazetteer=gazetteer)


def texts(sentence: str, gazetteer: Gazetteer) -> list[str]:
    return [m.text for m in mentions(sentence, gazetteer)]


def by_text(sentence: str, gazetteer: Gazetteer) -> dict[str, Mention]:
    return {m.text: m for m in mentions(sentence, gazetteer)}


# Names --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Des roquettes sont tombées sur Aïn al-Asad.", ["Aïn al-Asad"]),
        ("A convoy was hit near al-Yusifiyah on Monday.", ["al-Yusifiyah"]),
        ("Rockets hit Baghdad, Mosul and Kirkuk.", ["Baghdad", "Mosul", "Kirkuk"]),
        ("Clashes erupted in Deir ez-Zor.", ["Deir ez-Zor"]),
        ("Une frappe a visé Abou Kamal.", ["Abou Kamal"]),
        # A name the gazetteer writes as one word, written in two: Daykundi.
        ("Insurgents attacked a checkpoint in the central Day Kundi province.", ["Day Kundi"]),
        # The two ends of a road joined by a hyphen are two names ("Ras al-Ain" stays one).
        ("Militants attacked a post on the Kirkuk-Daquq road.", ["Kirkuk", "Daquq"]),
        ("Une embuscade sur la route Bankilaré-Téra a fait trois morts.", ["Bankilaré", "Téra"]),
    ],
)
def test_place_names_are_found(sentence: str, expected: list[str], gazetteer: Gazetteer) -> None:
    assert texts(sentence, gazetteer) == expected


def test_a_city_that_also_names_an_airport_is_still_a_city(gazetteer: Gazetteer) -> None:
    # "Baghdad" is the core of "Baghdad International Airport" too; alone it is the city.
    found = by_text("Three rockets landed in Baghdad and Najaf on Sunday.", gazetteer)
    assert set(found) == {"Baghdad", "Najaf"}
    assert found["Baghdad"].hint is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Hadi al-Ameri, président de l'Alliance Fatah, a déclaré que les militaires devaient partir.",
        "Le groupe Qasim al-Jabarin a revendiqué l'attaque.",
        "Secretary of State Antony Blinken met Defense Secretary Lloyd Austin.",
        "Abu Bakr al-Baghdadi was killed in a raid.",
        "The head of the Deir ez-Zor Military Council was detained.",
        # A name followed by "who" is a person's, whatever place bears it too.
        "Muthanna, who served as chief of staff, was targeted by a drone.",
    ],
)
def test_person_and_group_names_are_no_places(sentence: str, gazetteer: Gazetteer) -> None:
    assert texts(sentence, gazetteer) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Western officials blamed Iran-aligned groups.",  # an adjective, not a place called Western
        "The strike came on Jan. 3, 2020, officials said.",  # a month, not a town called Jan
        "U.S. forces were targeted, state news agency SANA said.",  # abbreviations and acronyms
        "Un tir de C-RAM a intercepté la roquette, selon l'EI.",
    ],
)
def test_common_words_and_acronyms_are_no_places(sentence: str, gazetteer: Gazetteer) -> None:
    assert [m.text for m in mentions(sentence, gazetteer) if m.text not in ("Iran",)] == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Russian forces shelled the village of Robotyne on Monday.", "Robotyne"),
        ("Des frappes ont visé le village de Krynky.", "Krynky"),
        ("Les combats se poursuivent autour du village d'Andriïvka.", "Andriïvka"),
        ("Artillery hit the small village of Nove overnight.", "Nove"),
        # A Ukrainian community (hromada), named before or after its qualifier; "the X village".
        ("Russian forces launched a missile attack on the Krasnopillia community.", "Krasnopillia"),
        ("Les troupes russes ont bombardé la communauté de Krasnopillia.", "Krasnopillia"),
        ("Shelling of the Pavlivka village killed one person.", "Pavlivka"),
    ],
)
def test_a_village_that_is_not_matchable_is_found_after_a_qualifier(
    sentence: str, name: str, gazetteer: Gazetteer
) -> None:
    (found,) = mentions(sentence, gazetteer)
    assert (found.text, found.hint) == (name, "locality")


@pytest.mark.parametrize(
    "sentence",
    [
        # Villages of Ukraine called Nove, Slava, Zoria, Marynka, Robotyne: without "the village of", words.
        "Slava and Zoria watched the launch with friends from Nove on Monday.",
        "Marynka said the Robotyne brand would open a shop next year.",
        "The region of Nove is flat.",  # "the region of" is no qualifier of a village
    ],
)
def test_a_village_name_alone_is_no_place(sentence: str, gazetteer: Gazetteer) -> None:
    assert texts(sentence, gazetteer) == []


def test_title_case_headline_needs_a_preposition_before_a_name(gazetteer: Gazetteer) -> None:
    # "Hit" is a town of Anbar, but in a title-case headline it is the verb.
    assert texts("Rockets Hit Iraqi Air Base Hosting U.S.-Led Coalition Troops in Anbar", gazetteer) == [
        "Anbar"
    ]
    assert texts("A roadside bomb struck a patrol near the town of Hit.", gazetteer) == ["Hit"]


# Elision and possessives -------------------------------------------------------------------------------------


def test_french_elision_starts_the_name_after_the_apostrophe(gazetteer: Gazetteer) -> None:
    found = by_text("L'Irak a condamné l'attaque contre la base d'Aïn al-Asad, près d'al-Qaïm.", gazetteer)
    assert set(found) == {"Irak", "Aïn al-Asad", "al-Qaïm"}
    assert found["al-Qaïm"].cue.endswith("près d'")


def test_english_possessive_is_not_part_of_the_name(gazetteer: Gazetteer) -> None:
    found = by_text("The last time Erbil's airport was targeted was in September 2020.", gazetteer)
    assert found["Erbil"].hint == "airport"
    assert found["Erbil"].qualified_text == "Erbil's airport"


# Qualifiers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "qualified", "hint"),
    [
        (
            "Des roquettes ont visé la base aérienne d'Aïn al-Asad.",
            "Aïn al-Asad",
            "base aérienne d'Aïn al-Asad",
            "base",
        ),
        ("Un drone a frappé près de l'aéroport de Bagdad.", "Bagdad", "aéroport de Bagdad", "airport"),
        (
            "Rockets struck the Ain al-Asad air base on Wednesday.",
            "Ain al-Asad",
            "Ain al-Asad air base",
            "base",
        ),
        ("A bomb exploded in the northern city of Mosul.", "Mosul", "city of Mosul", "locality"),
        ("Jets targeted an air base in the central province of Homs.", "Homs", "province of Homs", "admin1"),
        (
            "Des obus sont tombés sur la ville turque de Karkamis.",
            "Karkamis",
            "ville turque de Karkamis",
            "locality",
        ),
        ("Convoys were hit in Anbar province.", "Anbar", "Anbar province", "admin1"),
        # A camp named by who holds it is still the camp of the town.
        (
            "Le camp de la gendarmerie de Sokolo a été attaqué dimanche.",
            "Sokolo",
            "camp de la gendarmerie de Sokolo",
            "base",
        ),
        ("Le camp militaire de Tessalit a été visé.", "Tessalit", "camp militaire de Tessalit", "base"),
        # A base named in apposition, between commas.
        ("Six roquettes ont visé une autre base aérienne, Balad, lundi.", "Balad", "Balad", "base"),
        # A district with its own article is named, even after an indefinite thing ("un véhicule").
        ("Une frappe a visé un véhicule dans le district de Tyr, faisant un mort.", "Tyr", "district de Tyr", "locality"),
        # A site "in" its town: "the airport in the capital Mogadishu".
        ("Mortar shells hit the airport in the capital Mosul.", "Mosul", "airport in the capital Mosul", "airport"),
        ("Rockets struck a military base in Balad.", "Balad", "military base in Balad", "base"),
        # A speaker after the base is no name of it.
        ("Drones struck an air base, Moscow said.", "Moscow", "Moscow", None),
        # A bearing after a province says where the province lies: the town after it is no province.
        ("A bomb exploded in Diyala province northeast of Baghdad.", "Baghdad", "Baghdad", None),
        ("Convoys were hit in the Anbar province west of Ramadi.", "Ramadi", "Ramadi", None),
        # An island is a place of its own, as a town is; "la cité de", a town.
        ("Les frappes visaient l'île de Kamaran dimanche.", "Kamaran", "île de Kamaran", "locality"),
        ("US strikes hit the island of Kamaran on Sunday.", "Kamaran", "island of Kamaran", "locality"),
        ("US strikes hit Kamaran island on Sunday.", "Kamaran", "Kamaran island", "locality"),
        ("Des obus sont tombés sur la cité de Tal Afar.", "Tal Afar", "cité de Tal Afar", "locality"),
        # "La ville voisine de X" names X, the town next to the one just told (as "le village voisin de X"
        # does).
        (
            "Un drone a visé une moto dans la ville voisine de Khiam.",
            "Khiam",
            "ville voisine de Khiam",
            "locality",
        ),
        # What the place is, told after its comma: Herat the province, not the city.
        ("A blast in Herat, a western province bordering Iran, killed two.", "Herat", "Herat", "admin1"),
        ("Une bombe a explosé à Hérat, une province de l'ouest du pays.", "Hérat", "Hérat", "admin1"),
        ("A bomb exploded in Herat, a western city, killing three.", "Herat", "Herat", "locality"),
        # ...not someone's kind: "a province official" is the official's.
        ("A bomb exploded in Herat, a province official said.", "Herat", "Herat", None),
    ],
)
def test_qualifiers_give_a_hint(
    sentence: str, name: str, qualified: str, hint: str, gazetteer: Gazetteer
) -> None:
    m = by_text(sentence, gazetteer)[name]
    assert (m.qualified_text, m.hint) == (qualified, hint)


def test_la_region_de_names_a_region(gazetteer: Gazetteer) -> None:
    # The province of that name when there is one (the resolver's business: Sinjar has none, it is the
    # area of the town), never the province of a town so named.
    m = by_text("Une frappe a visé un véhicule dans la région de Sinjar.", gazetteer)["Sinjar"]
    assert m.hint == "region"
    assert m.qualified_text == "région de Sinjar"
    m = by_text("Russian shelling killed two people in the Kherson region.", gazetteer)["Kherson"]
    assert (m.hint, m.qualified_text) == ("region", "Kherson region")


@pytest.mark.parametrize(
    ("sentence", "name", "cue"),
    [
        # Determiners, adjectives and possessive names between the preposition and the place are skipped.
        ("Rockets struck the base in Iraq's western Anbar province.", "Anbar", "struck the base in"),
        (
            "A car bomb exploded at the southern entrance of the northern city of Mosul.",
            "Mosul",
            "the southern entrance of",
        ),
        (
            "Un engin explosif a visé un convoi près de la ville d'al-Mahawil.",
            "al-Mahawil",
            "un convoi près de",
        ),
        # A capital "À" written without its accent, opening the sentence before a name and its comma.
        ("A Baqouba, une bombe a tué six civils dimanche.", "Baqouba", "à"),
        ("A Homs (centre), l'explosion d'une voiture piégée a fait quatre morts.", "Homs", "à"),
        # An English "A" is an article, and says nothing of where.
        ("A Kabul court sentenced two men on Monday.", "Kabul", ""),
        # A word of news' own for a troubled place is an adjective like "restive".
        ("The ambush took place in the hotspot Tillaberi region on Wednesday.", "Tillaberi", "ambush took place in"),
        # Who holds a place, or that it is on the front, is said the same way.
        ("A drone attack struck the Russian-occupied town of Oleshky.", "Oleshky", "a drone attack struck"),
        ("Shells hit the frontline town of Vuhledar overnight.", "Vuhledar", "shells hit"),
        ("Jets pounded the jihadist-controlled city of Raqqa.", "Raqqa", "jets pounded"),
        # ...and an adverb before its adjective.
        (
            "Militants killed three people at a fake checkpoint west of the restive ethnically mixed city of "
            "Baquba.",
            "Baquba",
            "fake checkpoint west of",
        ),
        # ...read across quotation marks.
        (
            'The hospital was damaged by "strikes that targeted the vicinity" of Zahle.',
            "Zahle",
            "targeted the vicinity of",
        ),
        ("Le ministère a dénoncé « des frappes visant les abords » de Tyr.", "Tyr", "visant les abords de"),
    ],
)
def test_cue_is_the_preposition_before_the_place(
    sentence: str, name: str, cue: str, gazetteer: Gazetteer
) -> None:
    assert by_text(sentence, gazetteer)[name].cue == cue


# Containment -------------------------------------------------------------------------------------------


def test_province_after_dans_la_province_de_is_a_container(gazetteer: Gazetteer) -> None:
    found = by_text("Un convoi a été visé à al-Yusifiyah dans la province de Bagdad.", gazetteer)
    assert found["al-Yusifiyah"].within == "Bagdad"
    assert found["Bagdad"].is_container


def test_possessive_place_holds_the_next_one(gazetteer: Gazetteer) -> None:
    found = by_text("Rockets hit the U.S. embassy in Baghdad's heavily fortified Green Zone.", gazetteer)
    assert found["Baghdad"].is_container
    assert found["Green Zone"].within == "Baghdad"
    assert "U.S. embassy" in found


def test_lower_case_landmark_and_its_town(gazetteer: Gazetteer) -> None:
    found = by_text("Des roquettes sont tombées dans la zone verte de Bagdad.", gazetteer)
    assert found["zone verte"].within == "Bagdad"
    assert found["Bagdad"].is_container


def test_district_of_a_town_names_the_town_as_its_container(gazetteer: Gazetteer) -> None:
    found = by_text("Another rocket fell in the al-Jadriya district of Baghdad.", gazetteer)
    assert found["al-Jadriya"].hint == "locality"
    assert found["Baghdad"].is_container
    assert found["Baghdad"].hint is None


# Enumerations -------------------------------------------------------------------------------------------


def test_french_plural_qualifier_carries_along_the_list(gazetteer: Gazetteer) -> None:
    found = mentions("Deux convois ont été visés dans les provinces d’al-Diwaniyah et de Babil.", gazetteer)
    assert [(m.text, m.hint, m.cue) for m in found] == [
        ("al-Diwaniyah", "admin1", "ont été visés dans"),
        ("Babil", "admin1", "ont été visés dans"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Des drones ont frappé les régions de Soumy (nord-est), Kyiv (nord) et Mykolaïv (sud) dans la nuit.",
        "Strikes hit the regions of Kharkiv (northeast), Chernihiv (north) and Odesa (south) overnight.",
    ],
)
def test_a_bearing_in_brackets_after_a_name_goes_on_with_the_list(sentence: str, gazetteer: Gazetteer) -> None:
    found = mentions(sentence, gazetteer)
    assert [m.hint for m in found] == ["region"] * 3
    assert len({m.cue for m in found}) == 1


def test_english_plural_qualifier_after_the_list_names_every_member(gazetteer: Gazetteer) -> None:
    found = mentions("Militants attacked army posts in Anbar, Salahuddin and Diyala provinces.", gazetteer)
    assert [(m.text, m.hint) for m in found] == [
        ("Anbar", "admin1"),
        ("Salahuddin", "admin1"),
        ("Diyala", "admin1"),
    ]
    assert {m.cue for m in found} == {"attacked army posts in"}


def test_a_site_with_its_own_kind_after_a_list_keeps_its_own_cue(gazetteer: Gazetteer) -> None:
    sentence = "Des roquettes ont visé la base de Balad, au nord de Bagdad, ainsi que le camp de Taji."
    found = by_text(sentence, gazetteer)
    assert found["Taji"].cue != found["Bagdad"].cue


def test_a_hyphened_name_of_a_list_holds_no_name_of_its_own(gazetteer: Gazetteer) -> None:
    # "Buda" is a village too: matched alone inside "Seredyna-Buda", it cut the list before Myropillia.
    sentence = "Russian forces shelled the communities of Yunakivka, Seredyna-Buda, and Myropillia."
    found = mentions(sentence, gazetteer)
    assert [m.text for m in found] == ["Yunakivka", "Seredyna-Buda", "Myropillia"]
    assert found[2].cue == found[0].cue


@pytest.mark.parametrize(
    "sentence",
    [
        "Cent morts dans le district de Tondikiwindi dans les villages de Tchoma Bangou et Bani.",
        "A hundred killed in the district of Tondikiwindi, in the villages of Tchoma Bangou and Bani.",
    ],
)
def test_a_district_named_before_its_villages_holds_them(sentence: str, gazetteer: Gazetteer) -> None:
    found = by_text(sentence, gazetteer)
    assert found["Tondikiwindi"].is_container
    assert found["Tchoma Bangou"].within == "Tondikiwindi" and not found["Tchoma Bangou"].is_container


def test_a_list_shares_its_preposition(gazetteer: Gazetteer) -> None:
    found = mentions("Rockets were fired at bases in Baghdad, Mosul and Kirkuk.", gazetteer)
    assert [m.cue for m in found] == ["fired at bases in"] * 3


def test_french_transliteration_meets_the_english_spelling(gazetteer: Gazetteer) -> None:
    # "ch" for "sh": Jisr al-Choughour is Jisr ash-Shughur.
    assert texts("Les raids ont touché un marché de Jisr al-Choughour.", gazetteer) == ["Jisr al-Choughour"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Kfar Shouba and Deir Mimas, each written in one word; a word that only opens like one is no place.
        ("Des obus sont tombés sur Kfarchouba et Deirmimas.", ["Kfarchouba", "Deirmimas"]),
        ("Beitar Jérusalem a joué à Tyr.", ["Tyr"]),
    ],
)
def test_a_two_word_name_written_in_one_word_is_found(
    sentence: str, expected: list[str], gazetteer: Gazetteer
) -> None:
    assert texts(sentence, gazetteer) == expected


def test_a_headline_without_full_stop_but_a_prose_sentence_with_one(gazetteer: Gazetteer) -> None:
    # Many capitalised names do not make prose a title-case headline.
    assert texts("Pope Francis will visit Baghdad, Najaf, Nasiriyah, Erbil and Mosul.", gazetteer) == [
        "Baghdad",
        "Najaf",
        "Nasiriyah",
        "Erbil",
        "Mosul",
    ]


def test_a_front_named_after_a_town_is_no_place() -> None:
    # "The Donetsk direction" is a sector of the front, not the town (the shelling was of a community near it).
    sentence = "In the Pokrovsk direction, Russian forces attacked 20 times near Lysivka."
    start = sentence.index("Pokrovsk")
    assert names_people(sentence, start, start + len("Pokrovsk"))
    sentence = "Russian forces shelled Pokrovsk on Monday."
    start = sentence.index("Pokrovsk")
    assert not names_people(sentence, start, start + len("Pokrovsk"))
