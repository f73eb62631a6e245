"""Casualties: the killed (ACLED's fatalities) and the injured a sentence reports."""

from __future__ import annotations

import pytest

from geomap.extract.casualties import Casualties, casualties, fighters_among_dead, share_before
from geomap.extract.pipeline import Extractor
from tests.support import article


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        # A number before the word, with who they were between.
        ("Deux soldats ont été tués et trois blessés dans l'attaque.", 2, 3),
        ("Three U.S. soldiers were killed in the attack.", 3, None),
        ("L'explosion a fait 2 morts et 5 blessés.", 2, 5),
        # A verb of killing, then the number; "at least" is the lower bound.
        ("The blast killed at least four people and wounded 12 others.", 4, 12),
        ("Une frappe a visé un véhicule, tuant trois combattants.", 3, None),
        # One person.
        ("Un civil a été blessé par un éclat d'obus.", None, 1),
        ("A soldier was killed and two others were wounded.", 1, 2),
        # Vague amounts take ACLED's codes.
        ("Dozens were killed when the bomb went off.", 12, None),
        ("Le bombardement a fait une dizaine de morts.", 10, None),
        # Thousands separators.
        ("At least 1,200 people have died since the siege began.", 1200, None),
        # No one hurt is zero, not unknown.
        ("There were no casualties.", 0, 0),
        ("L'attaque n'a pas fait de victimes.", 0, 0),
        ("Trois roquettes sont tombées sans faire de victimes.", 0, 0),
        ("Two soldiers were killed; no one was injured.", 2, 0),
        # "lost his life": a death told by its verb.
        ("At least one person lost his life in the attack.", 1, None),
        ("Two soldiers lost their lives when the convoy was hit.", 2, None),
        # The day between the verb and the number; a figure right after the day is its date.
        ("Un obus a tué mercredi une personne près du marché.", 1, None),
        ("The shelling killed on Monday three civilians.", 3, None),
        ("The strike killed on Monday 3 June the commander of the unit.", None, None),
        # A ship's crew safe: no one killed or hurt on board.
        ("The vessel and its crew were reported safe, the agency said.", 0, 0),
        ("Le navire a été endommagé, mais l'équipage est sain et sauf.", 0, 0),
        ("Les membres de l'équipage sont indemnes.", 0, 0),
        # Nothing said is unknown.
        ("Des roquettes ont visé la base d'Aïn al-Asad.", None, None),
        # Ages are read over: "aged 29 and 41" is no toll of 41.
        ("Two men aged 29 and 41 were killed in Russian shelling.", 2, None),
        ("Deux hommes âgés de 29 et 41 ans ont été tués.", 2, None),
        ("Three people aged 20, 25 and 30 were wounded.", None, 3),
        # Headlines in the present, in title case.
        ("Roadside Bomb Kills Five Civilians in Salahuddin Province", 5, None),
        ("Russian Strike Kills Two, Wounds Five in Kharkiv", 2, 5),
        # A number word is a whole word: "killing all five" is five, not "a".
        ("The bomb targeted the family's car, killing all five occupants.", 5, None),
        # Tens joined to units: "dix-neuf" is 19, not "neuf".
        ("Dix-neuf militaires maliens ont été tués et cinq blessés.", 19, 5),
        ("Vingt et un soldats ont été tués dans l'attaque.", 21, None),
        ("The blast killed twenty-three people and wounded nineteen, the police said.", 23, 19),
        # Two groups of the dead joined add up.
        ("At least nine children and a woman were killed when the house was bombed.", 10, None),
        ("Un soldat et deux civils ont été tués dans l'attaque.", 3, None),
        # "sont mortes", "est morte": the feminine and "être".
        ("Au moins quinze personnes sont mortes dans des attaques vendredi.", 15, None),
        ("Une femme est morte et deux autres sont blessées.", 1, 2),
        # The part between commas is read over: the total is the toll.
        ("Four people, including two soldiers, were killed in the attack.", 4, None),
        ("Quatre personnes, dont deux soldats, ont été tuées vendredi.", 4, None),
        # ...and without commas: the total, not the child.
        ("At least 13 people including a child were killed when the missile hit.", 13, None),
        ("Au moins treize personnes dont un enfant ont été tuées jeudi.", 13, None),
        # A toll that rose.
        ("Le nombre de victimes de l'attaque d'hier sur la ville est monté à cinq personnes.", 5, None),
        ("The death toll from the strike has risen to 17, the officials said.", 17, None),
        # Who they were: security forces, villagers, volunteers.
        ("At least five Afghan security forces were killed after their checkpoint came under attack.", 5, None),
        ("Douze villageois ont été tués dans la nuit.", 12, None),
        ("Two SDF fighters were killed in the attack.", 2, None),
        # Quotation marks say who said it: 'fait état de "deux militaires" tués'.
        ("La même source fait état de \"deux militaires\" tués.", 2, None),
        # A death told as a noun; a group that is its object is not added to the injured after it.
        ("Strikes on the city resulted in the death of five people and eight injuries.", 5, 8),
        ("La frappe a entraîné la mort de trois civils.", 3, None),
        # Ages are read over, with or without "âgé"/"aged".
        ("Une femme de 68 ans a été tuée dans une frappe.", 1, None),
        ("Deux femmes de 21 et de 24 ans et un homme de 56 ans ont été blessés.", None, 3),
        ("A 68-year-old woman was killed in the strike.", 1, None),
        # After the verb too, two groups add up; who the second were must follow.
        ("Les assaillants ont tué deux officiers et deux soldats.", 4, None),
        ("The bomb killed two soldiers and a day later another one exploded.", 2, None),
        ("Deux combattants des FDS ont perdu la vie dans une attaque.", 2, None),
        # "claiming the lives of" kills; it claims nothing.
        ("The blast tore through the market, claiming the lives of 12 people.", 12, None),
        # A death confirmed or reported as a noun; more dead than those told before.
        ("Witnesses confirmed the death of five people in the air strike.", 5, None),
        ("Officials reported the deaths of four soldiers in the ambush.", 4, None),
        ("Les autorités ont confirmé la mort de trois civils.", 3, None),
        ("Attacks on the region killed another two people.", 2, None),
        ("The shelling killed a further three civilians.", 3, None),
        ("Eight more soldiers were killed and four others injured in the ambush.", 8, 4),
        # Verbs that kill only when people are named.
        ("Au moins 12 terroristes ont été abattus par les forces spéciales.", 12, None),
        ("L'armée a neutralisé une dizaine de terroristes lors de la riposte.", 10, None),
        ("Twelve militants were neutralised in the air strike.", 12, None),
        ("The gunmen gunned down three civilians at the market.", 3, None),
        ("Dix villageois ont été exécutés par les assaillants.", 10, None),
        ("The militants invaded farms near the village and beheaded three citizens.", 3, None),
        ("Des jihadistes ont décapité cinq villageois.", 5, None),
        # ...and a relative clause between them: "trois policiers qui ont été tués".
        ("Plus au sud, ce sont trois policiers qui ont été tués le jour même.", 3, None),
        ("The three policemen who were killed on Monday were buried on Tuesday.", 3, None),
        # Who they were, in words that go together: "members of the Iraqi army".
        ("Four members of the Iraqi army were killed and four others injured in the attack.", 4, 4),
        ("Eleven members of the security forces were killed in the ambush.", 11, None),
        # Fatally wounded is killed, not wounded; one person named by a role counts as one.
        ("The drone strike fatally wounded its driver, the agency said.", 1, None),
        ("Son conducteur a été mortellement blessé dans la frappe.", 1, None),
        ("Une frappe a visé une voiture, blessant mortellement son conducteur.", 1, None),
        ("The strike hit a car, killing its driver and wounding two passers-by.", 1, 2),
        ("Une frappe a visé une moto, tuant son conducteur et blessant deux passants.", 1, 2),
        ("Un engin explosif a tué le chauffeur.", 1, None),
        # "has been killed", "were also killed", "security force members", a list of three groups.
        ("One police officer has been killed and four others were injured in the attack.", 1, 4),
        ("Six people were also killed Monday after three car bombs went off.", 6, None),
        ("At least 13 security force members were killed in the attack.", 13, None),
        ("The strike on a building killed four children, three women and a man.", 8, None),
        ("La frappe a tué quatre enfants, trois femmes et un homme.", 8, None),
        # How they were hurt, between the words; "tombés" for soldiers; "la mort d'une personne".
        ("Trois personnes ont été grièvement blessées.", None, 3),
        ("Two civilians were seriously injured.", None, 2),
        ("L'obus a touché une voiture, blessant gravement les deux occupants.", None, 2),
        ("The shelling killed the two occupants of the car.", 2, None),
        ("Trois civils ont été lâchement abattus par les assaillants.", 3, None),
        ("Quatre militaires sont tombés lors de l'embuscade.", 4, None),
        ("La frappe a visé une voiture, entraînant la mort d'une personne.", 1, None),
        ("Trois personnes ont été mortellement blessées.", 3, None),
        ("Une cinquantaine d'autres ont été blessées.", None, 50),
        # Injuries sustained: "five civilians sustained injuries".
        ("The shelling killed two people, and five civilians sustained injuries.", 2, 5),
        # Who they were, in more of the words news uses: ranks, trades, "nos", "un autre", "par ailleurs".
        ("Quatre gendarmes ont été tués et un autre grièvement blessé.", 4, 1),
        ("Une personne a été tuée et une autre blessée dans la frappe.", 1, 1),
        ("Onze de nos soldats ont été tués et deux blessés.", 11, 2),
        ("Cinq civils ont par ailleurs trouvé la mort dans l'attaque.", 5, None),
        ("Un général de brigade et cinq combattants kurdes ont été tués.", 6, None),
        ("The gunmen killed 15 soldiers and four militia fighters at the checkpoint.", 19, None),
        # A toll as it was reported or confirmed: "are reported dead", "believed to have been killed".
        ("At least 11 rebels are reported dead after the air strikes on their positions.", 11, None),
        ("Five soldiers were confirmed killed and two were reported wounded.", 5, 2),
        ("Three civilians are believed to have been killed in the shelling.", 3, None),
        # An adverb among the words between: "have reportedly been killed", "ont finalement été tués".
        ("Two soldiers have reportedly been killed in the ambush.", 2, None),
        ("Les deux assaillants ont finalement été tués sans faire de victime.", 2, 0),
        ("Trois civils ont malheureusement été tués.", 3, None),
        ("An elderly woman was injured in the strike.", None, 1),
        # ...but a family is no adverb: the number before it is not the dead.
        ("At least 17 people from one family were also killed, it added.", None, None),
        # Yemen's rebels by their name.
        ("Onze houthis ont été tués dans les frappes.", 11, None),
        ("Two Houthi fighters were killed in the clashes.", 2, None),
        # People by their nationality or their group, or as "individuals".
        ("Deux autres individus ont trouvé la mort dans une frappe russe.", 2, None),
        ("Un Ukrainien a été tué par des tirs de roquettes.", 1, None),
        ("Une Palestinienne a été blessée par balle.", None, 1),
        ("Another four Hezbollah members were killed in a strike.", 4, None),
        ("The ministry reported four Syrians killed and five Lebanese wounded.", 4, 5),
        ("Two Russians were killed by the shelling.", 2, None),
        # The time of day between the verb and the number; more of who they were.
        ("Militants killed on Saturday at dawn five soldiers in the east.", 5, None),
        ("Des jihadistes ont tué samedi à l'aube trois soldats.", 3, None),
        ("23 soldats tchadiens ont été tués dans l'attaque de leur position.", 23, None),
        ("Deux agents de la sécurité nationale ont été blessés.", None, 2),
        ("The Taliban attacked a police headquarters, killing the local police chief.", 1, None),
        # Bodies found are the dead.
        ("Prosecutors said two bodies were recovered from the rubble of a house.", 2, None),
        ("Trois corps ont été retrouvés sous les décombres.", 3, None),
        ("Rescuers recovered the bodies of 12 people from the rubble.", 12, None),
        ("Les corps sans vie de trois bergers ont été retrouvés.", 3, None),
        ("Le 5e corps d'armée a été déployé dans la région.", None, None),
        # A toll told as what it "was".
        ("The provisional death toll was 34 auxiliaries and six soldiers.", 40, None),
        ("The death toll was not immediately known.", None, None),
        # Who most of them were, between commas.
        ("At least 48 people, mostly civilians, were killed in the blast.", 48, None),
        ("Au moins 48 personnes, en majorité des civils, avaient été tuées.", 48, None),
        ("Seven soldiers, most of them conscripts, were wounded.", None, 7),
        # Marines, sailors and airmen are service members like soldiers.
        ("On Sunday a Marine was killed by a roadside bomb.", 1, None),
        ("Two U.S. Marines and a sailor were killed in the blast.", 3, None),
        ("Deux marines américains ont été tués dans l'explosion.", 2, None),
        ("A US commando died and three were wounded during a dawn raid.", 1, 3),
        # Nothing hurt, said of damage and victims together, or of lives lost.
        ("Aucun dégât matériel ou victime n'a été rapporté pour l'heure.", 0, 0),
        ("Aucune perte humaine n'a été signalée.", 0, 0),
        ("No damage or casualties were reported.", 0, 0),
        ("There was no loss of life, the army said.", 0, 0),
        ("Aucun dégât n'a été signalé.", None, None),
        # The dead named by their trade, role or age; shot dead.
        ("Two prosecutors and three other employees were shot dead by gunmen.", 5, None),
        ("Gunmen killed three aid workers and two tribal elders in the market.", 5, None),
        ("Gunmen shot dead two soldiers at the checkpoint.", 2, None),
        ("Trois orpailleurs ont été tués par des hommes armés.", 3, None),
        ("Des hommes armés ont tué cinq chasseurs traditionnels.", 5, None),
        # Their number after a possessive; those who succumbed.
        ("Une frappe a visé un véhicule, tuant ses trois occupants.", 3, None),
        ("A drone hit the car, killing its two occupants.", 2, None),
        ("Trois soldats ont succombé à leurs blessures.", 3, None),
        ("Two soldiers succumbed to their wounds in the hospital.", 2, None),
        # ...and by their faith.
        ("Quatre rebelles chiites houthis ont été tués et six blessés dans l'embuscade.", 4, 6),
        ("Five Shiite pilgrims were killed in the blast.", 5, None),
        # As many wounded as dead.
        ("Au moins cinq soldats ont été tués et autant ont été blessés dans une embuscade.", 5, 5),
        ("Five soldiers were killed and as many wounded in the ambush.", 5, 5),
        ("L'explosion a fait cinq morts et autant de blessés.", 5, 5),
        # "no fewer than" is "at least"; lives lost are the dead (not vehicles lost).
        ("The missile attack killed no fewer than one person and injured five others.", 1, 5),
        ("A truck bomb caused the tragic loss of 18 lives, including 10 soldiers.", 18, None),
        ("The ambush caused the loss of five vehicles.", None, None),
        # People named one by one add up; a plural with no number counts nobody.
        ("A father and his three sons were killed when the shell hit the house.", 4, None),
        ("The strike hit a car, killing a woman, her husband and their daughter.", 3, None),
        ("Un homme et ses deux fils — âgés de 10 et 14 ans — ont été tués dans la frappe.", 3, None),
        ("Une frappe a visé la maison, tuant une femme et son mari.", 2, None),
        ("The old man and his children were killed in the blast.", None, None),
        # The dead "fallen" ("sont tombés"), not a town fallen to its attackers nor shells fallen on it.
        ("Quatre soldats sont tombés dans l'embuscade, selon l'armée.", 4, None),
        ("Deux autres personnes sont tombées à Saraqeb, selon l'agence.", 2, None),
        ("La ville est tombée aux mains des rebelles après deux jours.", None, None),
    ],
)
def test_tolls_as_news_writes_them(sentence: str, killed: int | None, injured: int | None) -> None:
    assert casualties(sentence) == Casualties(fatalities=killed, injured=injured)
    lang = "en" if any(w in sentence.split() for w in ("the", "The", "were", "was", "Kills")) else "fr"
    assert casualties(sentence, lang=lang) == Casualties(fatalities=killed, injured=injured)


@pytest.mark.parametrize(
    "sentence",
    [
        "Le 5 avril, un engin explosif a visé un convoi.",  # a day, not a toll
        "Those killed in 2019 are remembered.",  # a year
        "The convoy was hit 5 km from the base, killing no one.",  # a distance
        # What the attackers claim: ACLED keeps the most conservative report.
        "The group's claim of killing more than 57 soldiers remains unverified.",
        "The militants said they attacked the base, claiming to have killed 40 soldiers.",
        "Le groupe jihadiste affirme avoir tué une trentaine de soldats.",
        # A toll the article gives as superseded by the one it reports.
        "Un bilan précédent faisait état de 3 morts.",
        "The ministry had given an earlier toll of nine dead.",
        # Weapons shot down are no dead.
        "Trente drones ont été abattus par la défense antiaérienne.",
        "Sur les 40 drones lancés, 30 ont été abattus, selon l'armée de l'air.",
        "Thirty drones were neutralised over the region overnight.",
        "Trois roquettes sont tombées sur la ville.",  # only soldiers and people fall
    ],
)
def test_numbers_that_are_not_people_are_no_toll(sentence: str) -> None:
    assert casualties(sentence).fatalities in (None, 0)


def test_the_toll_in_the_sentence_after_is_the_events(extractor: Extractor) -> None:
    body = (
        "Attaque contre un convoi en Irak\n"
        "Un engin explosif a visé mardi un convoi de l'armée près de Nassiriya.\n"
        "L'explosion a tué deux soldats et en a blessé trois autres, selon la police."
    )
    (found,) = extractor.extract(article(body, lang="fr", published="2021-05-27")).incidents
    assert (found.fatalities, found.injured) == (2, 3)
    assert found.casualties_quote and found.casualties_quote.startswith("L'explosion a tué deux soldats")


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Three people were killed in Kostiantynivka and eight others were injured, while one person was "
            "injured in Kramatorsk, the governor said on Tuesday.",
            "en",
        ),
        (
            "Trois personnes ont été tuées à Kostiantynivka et huit autres blessées, tandis qu'une personne a été "
            "blessée à Kramatorsk, a indiqué mardi le gouverneur.",
            "fr",
        ),
    ],
)
def test_each_place_told_in_its_own_clause_takes_its_own_toll(extractor: Extractor, body: str, lang: str) -> None:
    found = extractor.extract(article("Ukraine\n" + body, lang=lang, published="2024-02-20")).incidents
    assert {i.place.canonical: (i.fatalities, i.injured) for i in found} == {
        "Kostyantynivka": (3, 8),
        "Kramatorsk": (None, 1),
    }


@pytest.mark.parametrize(
    ("body", "lang", "tolls"),
    [
        # A number alone before a place is of the kind told before it.
        (
            "Le gouverneur a annoncé mercredi que trois personnes avaient été tuées à Avdiivka, une à Sloviansk "
            "et une autre à Kurakhove.",
            "fr",
            {"Avdiyivka": (3, None), "Slovyansk": (1, None), "Kurakhove": (1, None)},
        ),
        (
            "Russian strikes injured 6 people in Kramatorsk, 4 in Sloviansk and another in Kurakhove, the governor said.",
            "en",
            {"Kramatorsk": (None, 6), "Slovyansk": (None, 4), "Kurakhove": (None, 1)},
        ),
        # A quote of several sentences: the toll right before the place, from its last stop.
        (
            "“A man was killed in Kramatorsk, a woman was injured in a nearby village. <…> Two people were "
            "killed in Sloviansk,” he said.",
            "en",
            {"Kramatorsk": (1, None), "Slovyansk": (2, None)},
        ),
        # A total, then its share at each place, whatever the place is called between.
        (
            "Des hommes armés ont tué lundi au moins 15 personnes, quatre dans le village de Kramatorsk et onze "
            "dans la ville de Sloviansk.",
            "fr",
            {"Kramatorsk": (4, None), "Slovyansk": (11, None)},
        ),
        (
            "Les frappes ont tué six personnes dont trois à Kramatorsk et trois autres dans la ville de Sloviansk.",
            "fr",
            {"Kramatorsk": (3, None), "Slovyansk": (3, None)},
        ),
        (
            "The strikes killed 15 people on Monday, four in the city of Kramatorsk and eleven in the nearby town "
            "of Sloviansk.",
            "en",
            {"Kramatorsk": (4, None), "Slovyansk": (11, None)},
        ),
        # (A share larger than the total is no share: the sentence does not say how the toll splits.)
        (
            "The strikes killed 5 people on Monday, 14 in the city of Kramatorsk and 12 in Sloviansk.",
            "en",
            {"Kramatorsk": (None, None), "Slovyansk": (None, None)},
        ),
        # A place without a toll of its own: the sentence does not say how its toll splits.
        (
            "Russian shelling killed three people in Kramatorsk and Sloviansk on Tuesday.",
            "en",
            {"Kramatorsk": (None, None), "Slovyansk": (None, None)},
        ),
    ],
)
def test_each_place_of_a_roundup_takes_the_toll_told_right_before_it(
    extractor: Extractor, body: str, lang: str, tolls: dict[str, tuple[int | None, int | None]]
) -> None:
    found = extractor.extract(article("Ukraine\n" + body, lang=lang, published="2023-01-18")).incidents
    assert {i.place.canonical: (i.fatalities, i.injured) for i in found} == tolls


@pytest.mark.parametrize(
    ("body", "lang", "toll"),
    [
        (
            "Strike in south Lebanon\nAn Israeli strike killed two civilians in Nabatieh on Tuesday.\n"
            "The strike also injured five others.",
            "en",
            (2, 5),
        ),
        (
            "Frappe au Liban\nDeux civils ont été tués mardi dans une frappe israélienne à Nabatiyé.\n"
            "L'attaque a également fait trois blessés.",
            "fr",
            (2, 3),
        ),
        # ...also when it repeats the figure told ("20 confirmed deaths and 30 injured").
        (
            "Bombing in Mogadishu\nAt least 20 people were killed in a suicide attack on a restaurant in Mogadishu.\n"
            "The head of the ambulance service spoke of 20 confirmed deaths and 30 injured.",
            "en",
            (20, 30),
        ),
        (
            "Attentat à Mogadiscio\nAu moins 20 personnes ont été tuées dans un attentat-suicide à Mogadiscio.\n"
            "Le chef des secours a fait état de 20 morts et de 30 blessés.",
            "fr",
            (20, 30),
        ),
    ],
)
def test_the_sentence_after_completes_the_toll_of_the_event_just_told(
    extractor: Extractor, body: str, lang: str, toll: tuple[int, int]
) -> None:
    (found,) = extractor.extract(article(body, lang=lang, published="2024-02-20")).incidents
    assert (found.fatalities, found.injured) == toll
    assert found.casualties_quote and found.casualties_quote.endswith(body.rsplit("\n", 1)[1])


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Gunmen attacked the town of Arbinda on Saturday, a security official said.\nThree people were shot "
            "dead in the village of Bool-Wendé, and their bodies were found after the assailants left.",
            "en",
        ),
        (
            "Des hommes armés ont attaqué samedi la ville d'Arbinda, selon une source sécuritaire.\nTrois personnes "
            "ont été tuées dans le village de Bool-Wendé, et leurs corps ont été retrouvés après le départ des "
            "assaillants.",
            "fr",
        ),
    ],
)
def test_a_toll_told_at_a_village_the_gazetteer_lacks_is_not_the_events_just_told(
    extractor: Extractor, body: str, lang: str
) -> None:
    # The village is the place of those dead: the town's attack keeps no toll rather than theirs.
    found = extractor.extract(article("Burkina\n" + body, lang=lang, published="2019-09-23")).incidents
    assert [(i.place.canonical, i.fatalities) for i in found] == [("Aribinda", None)]


def test_a_toll_of_another_day_is_not_the_events_just_told(extractor: Extractor) -> None:
    body = (
        "Frappes près de Damas\n"
        "Un incendie s'est déclaré vendredi près de l'aéroport de Damas après des frappes israéliennes.\n"
        "Le 13 mai une frappe similaire a tué cinq soldats, et le 27 avril une autre a fait 10 morts."
    )
    found = extractor.extract(article(body, lang="fr", published="2022-05-21")).incidents
    assert found and all(i.fatalities is None for i in found)


@pytest.mark.parametrize(
    ("body", "lang", "toll"),
    [
        (
            "Un navire signale un missile au large d'Aden\n"
            "Un missile s'est abîmé mardi près d'un navire marchand à 40 milles nautiques au sud-est d'Aden.\n"
            "L'équipage est sain et sauf, selon l'agence maritime britannique.",
            "fr",
            (0, 0),
        ),
        ("Rockets hit the Ain al-Asad base on Tuesday, the army said. No one was hurt.", "en", (0, 0)),
        ("Une roquette est tombée mardi sur un marché de Nassiriya. Le bilan est de trois morts.", "fr", (3, None)),
    ],
)
def test_a_toll_told_without_a_word_of_violence_is_the_events(
    extractor: Extractor, body: str, lang: str, toll: tuple[int, int | None]
) -> None:
    (found,) = extractor.extract(article(body, lang=lang, published="2021-05-27")).incidents
    assert (found.fatalities, found.injured) == toll


def test_a_roundup_does_not_split_its_toll_by_guess(extractor: Extractor) -> None:
    body = "Des frappes aériennes ont visé Raqqa et Deir ez-Zor jeudi, tuant onze combattants."
    found = extractor.extract(article(body, lang="fr", published="2021-05-27")).incidents
    assert len(found) == 2 and all(i.fatalities is None for i in found)


def test_the_casualty_patterns_are_the_same_text_in_every_process() -> None:
    """Their filler words were ordered by length alone, ties in the order of a set, which each process's hash
    seed changes: the pattern text differed, and its compiled form was never kept between processes."""
    import os
    import subprocess
    import sys

    code = (
        "from geomap.extract.casualties import _GRAMMARS\n"
        "print([p.pattern.pattern for g in _GRAMMARS.values() for p in (*g.killed, *g.injured)])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1


def test_filler_words_of_one_length_in_any_order_find_the_same_tolls() -> None:
    """The order of filler words of one length does not change a match: two of them match at one place only
    as the same span. Every sentence of the seeds and the test articles, with the fillers of each length in
    reverse order."""
    import re
    from pathlib import Path

    from geomap.extract import casualties as module
    from geomap.read.articles import read_article
    from geomap.read.sentences import article_sentences

    root = Path(__file__).resolve().parents[2]
    paths = sorted([*(root / "seeds").glob("*.txt"), *(root / "tests" / "corpus" / "articles").glob("*.txt")])
    texts = [s.text for p in paths for s in article_sentences(read_article(p))]
    checked = swaps = 0
    for code, grammar in module._GRAMMARS.items():
        table = module._LEXICON.of(code)["casualties"]
        words = {w for entry in table["fillers"] for w in entry.split()}
        # (the words' alternation, after the filler phrases where the language has some)
        ours = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"
        other = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (len(w), w), reverse=True)) + ")"
        assert ours != other
        for pattern in (p.pattern for p in (*grammar.killed, *grammar.injured)):
            if ours not in pattern.pattern:
                continue
            swapped = re.compile(pattern.pattern.replace(ours, other), pattern.flags)
            swaps += 1
            for text in texts:
                found = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
                assert found == [(m.span(), m.groupdict()) for m in swapped.finditer(text)], text
                checked += bool(found)
    assert swaps >= 4 and checked > 10


@pytest.mark.parametrize(
    ("sentence", "place", "lang", "share"),
    [
        ("Au moins 15 personnes sont mortes en Irak vendredi, dont six près de Kirkouk.", "Kirkouk", "fr", 6),
        ("At least 15 people were killed across Iraq, including six near Kirkuk.", "Kirkuk", "en", 6),
        # A part told by who they were is no part told by where: the place has the whole toll.
        ("Frappes au Mali : 13 civils tués dont 7 enfants dans la région de Tombouctou", "Tombouctou", "fr", None),
        ("Thirteen civilians, including seven children in Timbuktu, were killed.", "Timbuktu", "en", None),
    ],
)
def test_a_part_of_the_toll_is_told_by_where_it_was(sentence: str, place: str, lang: str, share: int | None) -> None:
    assert share_before(sentence, sentence.index(place), lang=lang) == share


def test_the_toll_patterns_skip_only_sentences_where_they_find_nothing() -> None:
    """Each toll pattern is searched only in a sentence holding a word of death or injury (or of "none"): every
    sentence of the seeds and test articles, as written and in other cases, gives the plain pattern's matches,
    and most patterns are skipped in most sentences."""
    from pathlib import Path

    from geomap.extract import casualties as module
    from geomap.read.articles import read_article
    from geomap.read.sentences import article_sentences

    root = Path(__file__).resolve().parents[2]
    paths = sorted([*(root / "seeds").glob("*.txt"), *(root / "tests" / "corpus" / "articles").glob("*.txt")])
    texts = [s.text for p in paths for s in article_sentences(read_article(p))]
    searched = skipped = 0
    for grammar in module._GRAMMARS.values():
        for pre in (*grammar.killed, *grammar.injured, *grammar.fighters_killed, grammar.none,
                    grammar.no_injured):
            assert pre.starts
            for text in texts:
                for variant in (text, text.upper(), text.swapcase()):
                    lowered = variant.lower()
                    want = [(m.span(), m.groupdict()) for m in pre.pattern.finditer(variant)]
                    assert [(m.span(), m.groupdict()) for m in pre.finditer(variant, lowered)] == want, variant
                    plain = pre.pattern.search(variant)
                    found = pre.search(variant, lowered)
                    assert (found.span() if found else None) == (plain.span() if plain else None)
                    searched += 1
                    skipped += not pre.may_match(variant, lowered)
    assert skipped > searched / 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Trois soldats ont été TUÉS et DEUX blessés.",
        "THREE PEOPLE WERE KILLED, AND FIVE WOUNDED; NO ONE ELSE WAS HURT.",
        "Sans faire de victimes, l'attaque n’a pas fait de blessés : aucun mort.",
        "Killing two and injuring ſeven, the ſtrike left no dead.",
    ],
)
def test_a_prefiltered_toll_is_the_plain_patterns(sentence: str) -> None:
    from geomap.extract import casualties as module

    for grammar in module._GRAMMARS.values():
        for pre in (*grammar.killed, *grammar.injured, *grammar.fighters_killed, grammar.none,
                    grammar.no_injured):
            want = [(m.span(), m.groupdict()) for m in pre.pattern.finditer(sentence)]
            assert [(m.span(), m.groupdict()) for m in pre.finditer(sentence, sentence.lower())] == want


@pytest.mark.parametrize(
    ("sentence", "lang", "killed"),
    [
        # Attackers counted apart, with their own verb: ACLED counts them among the fatalities.
        ("Deux soldats ont été tués et une dizaine de terroristes neutralisés lors de l'attaque.", "fr", 12),
        ("Three soldiers were killed and 20 militants were neutralized in the clashes.", "en", 23),
        # ...but told as a part of the dead, they are among them.
        ("Au moins 12 personnes ont été tuées, dont 10 assaillants abattus.", "fr", 12),
        ("L'armée a neutralisé 15 terroristes.", "fr", 15),
        ("Les soldats ont éliminé sept terroristes lors de la riposte.", "fr", 7),
    ],
)
def test_attackers_killed_apart_add_to_the_dead(sentence: str, lang: str, killed: int) -> None:
    assert casualties(sentence, lang=lang).fatalities == killed


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [("Six assaillants ont également été tués.", 6), ("Trois policiers ont aussi été blessés.", None)],
)
def test_also_between_the_number_and_the_verb_is_read_over(sentence: str, killed: int | None) -> None:
    assert casualties(sentence, lang="fr").fatalities == killed


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Au moins six civils sont morts dimanche dans une attaque des shebab à Mogadiscio. Dans la fusillade "
            "qui a suivi, les quatre assaillants ont également été tués, selon la police.",
            "fr",
        ),
        (
            "At least six civilians were killed on Sunday in an al-Shabaab attack in Mogadishu. In the gunfight "
            "that followed, the four attackers were also killed, police said.",
            "en",
        ),
        # Armed men counted apart in the event the sentence retells, with no "also".
        (
            "Au moins six policiers ont été tués dimanche dans une attaque des shebab à Mogadiscio. Quatre "
            "shebab ont été tués dans les combats.",
            "fr",
        ),
        (
            "At least six policemen were killed on Sunday in an attack on a checkpoint in Mogadishu. Four "
            "militants were killed in the fighting.",
            "en",
        ),
    ],
)
def test_attackers_who_died_too_add_to_the_dead_of_the_event_just_told(
    extractor: Extractor, body: str, lang: str
) -> None:
    (found,) = extractor.extract(article("Somalie\n" + body, lang=lang, published="2023-01-23")).incidents
    assert found.fatalities == 10



@pytest.mark.parametrize(
    ("body", "lang", "tolls"),
    [
        # The dead of the event this one came after are not its own...
        (
            "Des hommes armés ont attaqué jeudi un centre de formation à Kaboul, au lendemain d'un "
            "attentat-suicide ayant tué au moins 48 personnes.",
            "fr",
            {"Kabul": (None, None)},
        ),
        (
            "A suicide bomber targeted the army camp in Gao on Sunday, a day after a twin attack by "
            "jihadists in the region killed at least 64 civilians and soldiers.",
            "en",
            {"Gao": (None, None)},
        ),
        # ...but are the earlier event's, at its own place.
        (
            "Rockets hit Erbil on Monday, two days after a car bomb killed five people in Kirkuk.",
            "en",
            {"Erbil": (None, None), "Kirkuk": (5, None)},
        ),
    ],
)
def test_the_dead_of_an_earlier_event_are_not_the_events_told_before_it(
    extractor: Extractor, body: str, lang: str, tolls: dict[str, tuple[int | None, int | None]]
) -> None:
    found = extractor.extract(article(body, lang=lang, published="2024-03-04")).incidents
    assert {i.place.canonical: (i.fatalities, i.injured) for i in found} == tolls


@pytest.mark.parametrize(
    ("sentence", "lang", "among"),
    [
        ("Five militants were killed in the clashes.", "en", True),
        ("Troops killed at least 12 insurgents, including a commander.", "en", True),
        ("Two soldiers and five attackers were killed.", "en", True),
        ("Cinq assaillants ont été neutralisés.", "fr", True),
        ("L'armée a neutralisé une dizaine de terroristes.", "fr", True),
        ("treize rebelles, dont leur commandant, ont été tués", "fr", True),
        # The killers, not the dead: their verb has its own number after it.
        ("Five gunmen killed three villagers.", "en", False),
        ("Cinq assaillants ont tué trois villageois.", "fr", False),
        ("The militants killed five soldiers.", "en", False),
        ("Des hommes armés ont tué trois civils.", "fr", False),
        ("Five militants attacked the village.", "en", False),
    ],
)
def test_armed_men_among_the_dead(sentence: str, lang: str, among: bool) -> None:
    assert fighters_among_dead(sentence, lang=lang) is among
