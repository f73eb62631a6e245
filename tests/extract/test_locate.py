"""Which places of a sentence are where something happened."""

from __future__ import annotations

import pytest

from geomap.extract.locate import is_event_location, is_named_as_where
from geomap.extract.mentions import find_mentions
from geomap.places.gazetteer import Gazetteer
from geomap.places.resolvers import GazetteerResolver
from geomap.records import Sentence
from tests.support import located, locations


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jeudi, un convoi a été pris pour cible à Babylone.", ["Babylone"]),
        ("Rockets struck the Ain al-Asad air base in Iraq's western Anbar province.", ["Ain al-Asad"]),
        (
            "A car bomb exploded outside a checkpoint at the entrance of the northern city of Mosul.",
            ["Mosul"],
        ),
        ("The SDF regained control of al-Busayrah after fierce fighting.", ["al-Busayrah"]),
        # A Nigerian "local government area" is a district; "Borno State" a state (ACLED's admin1).
        ("ISWAP has carried out attacks in Damboa Local Government Area of Borno State, killing three.", ["Damboa"]),
        ("Gunmen attacked a village in Borno State, killing five.", ["Borno State"]),
        # "port", a kind of town, as "coastal" is: "the port city of X".
        ("Gunmen attacked a prison in the northern port city of Bosaso, killing eight guards.", ["Bosaso"]),
        # A list goes on over the qualifiers of its names.
        (
            "Eight children were among those killed in the raids on Idlib city and the towns of Binnish and Maarat Misrin.",
            ["Idlib", "Binnish", "Maarat Misrin"],
        ),
        # A group named with its Arabic article is no place that the region after it holds.
        ("Un drone a pris pour cible une position du groupe al-Noujaba dans la région de Dibis.", ["Dibis"]),
        ("Rockets targeted Erbil International Airport late Monday.", ["Erbil International Airport"]),
        ("Mortar shells targeting the airport in the capital Baghdad killed four civilians.", ["Baghdad"]),
        # A capital that speaks for its government.
        ("Un bombardement fait sept morts à Dnipro, Kiev dénonce le message de terreur de Moscou", ["Dnipro"]),
        ("Russian strike kills seven in Dnipro, Kyiv denounces the terror", ["Dnipro"]),
        # An unnamed town of a state or province: the state is where (the French "État de X" is one).
        ("Des hommes armés ont attaqué une ville de l'État de Kaduna.", ["Kaduna"]),
        ("Des frappes ont visé une bourgade de la province d'Idlib.", ["Idlib"]),
    ],
)
def test_places_introduced_as_locations(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dans la nuit, une frappe russe a touché la ville de Kherson : un homme a été tué.", ["Kherson"]),
        ("Des missiles russes ont touché Kharkiv vendredi soir.", ["Kharkiv"]),
        ("Des drones ont été lancés dans la nuit, touchant Soumy et Kharkiv.", ["Soumy", "Kharkiv"]),
    ],
)
def test_what_a_strike_touched_is_where_it_happened(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    # "Toucher" is the French "to hit", as "frapper" and "viser" are.
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dans la nuit, l'armée israélienne a tiré en direction des abords de Khiam.", ["Khiam"]),
        ("Des obus ont été tirés en direction de Khiam lundi.", ["Khiam"]),
        ("L'armée a tiré en direction des abords de Khiam et Marjayoun.", ["Khiam", "Marjayoun"]),
        ("Israeli tanks fired shells towards the outskirts of Khiam on Monday.", ["Khiam"]),
        # A convoy heading towards a town is not there yet.
        ("Un convoi qui roulait en direction de Khiam a été arrêté.", []),
    ],
)
def test_what_was_fired_towards_is_where_it_happened(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Une violente explosion a secoué Mogadiscio samedi.", ["Mogadiscio"]),
        ("Une explosion a ébranlé Kaboul ce matin.", ["Kaboul"]),
        ("A huge explosion shook Mogadishu on Saturday.", ["Mogadishu"]),
        ("A blast ripped through Kabul on Monday, killing five.", ["Kabul"]),
    ],
)
def test_what_an_explosion_shook_is_where_it_happened(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Lors d'une conférence de presse à Bagdad, il a condamné l'attaque.",
        "Kirby told reporters in Washington that a contractor died during the attack.",
        "In a speech in Tehran, a spokesman denied any role in attacks on U.S. forces.",
        "Selon l'OSDH, une ONG basée à Londres, les affrontements ont fait 90 morts.",
        "Deux drones ont été abattus, a précisé un responsable américain à Washington.",
        # An official with what they are in charge of, in a town or "in the capital X".
        "Le bombardement a visé un site, a indiqué un haut responsable de sécurité à Kirkouk.",
        "Le bilan est de cinq morts, a rapporté un responsable de sécurité dans la capitale Bagdad.",
        "Le secrétaire d'État a déclaré depuis la Floride que ces frappes étaient une réponse.",
        "Les roquettes ont été tirées depuis un camion abandonné dans la région de Rashidiya.",
        "Ces attaques interviennent dans un contexte de tensions liées à la guerre à Gaza.",
        # The government in its capital: a seat, not the attack's place.
        "Sept soldats sont morts dans une attaque lundi, a affirmé mardi le gouvernement à Niamey.",
        # "between" an actor and a capital, or two capitals: no place of an event.
        "Hostilities between Hamas and Jerusalem resumed after the attack.",
        "Talks between Baghdad and Erbil resumed after the drone attack.",
        # Where the survivors fled to.
        "Après l'attaque du village, les habitants ont trouvé refuge à Nouna.",
        "Gunmen torched the village, and survivors fled to Nouna.",
        # Where a convoy was heading, where the troops got back to.
        "Le convoi a été attaqué alors qu'il se dirigeait vers la capitale Ouagadougou.",
        "Le communiqué indique que le convoi quittait le nord pour aller vers Ouagadougou.",
        "Jihadists ambushed the convoy as it was heading to Ouagadougou.",
        "La bombe a explosé au passage d'une patrouille qui revenait à Kaboul après une opération.",
        "Sur 52 hommes, 22 ont rejoint la base à Ouallam après l'embuscade.",
        "People who fled the attack were taken care of in the town of Dori, the governor said.",
        "Les blessés de l'attaque ont été pris en charge à Dori.",
        # Where a group is present or active: its seat, no place of the attack.
        "Selon lui, c'est le groupe d'élite de l'EI, présent surtout à Kirkouk, qui a mené l'attaque.",
        "The assault was led by the Taliban's elite unit, active mainly in Helmand.",
        # What attacks would aim at, told as a group's purpose.
        "Les rebelles se sont installés dans l'est du Congo pour mener des attaques contre Bagdad.",
        "The group was set up across the border to carry out attacks against Baghdad.",
        # Where the wounded are treated.
        "The wounded officers responded well to the treatment at the Defense Forces Memorial Hospital in Nairobi.",
        "Les blessés de l'embuscade sont soignés à l'hôpital militaire de Ouagadougou.",
        # An assembly held while the attack was told is its venue.
        "L'attaque a eu lieu alors que des responsables participent à une grande assemblée à Kandahar.",
        # Whose a group is: "affiliated with Tehran", "fidèles à Damas".
        "Des frappes ont visé les postes de groupes affiliés à Téhéran près de la frontière.",
        "The strikes hit positions of militias loyal to Damascus near the border.",
        # Whose an attack is: "imputé à Kiev", "blamed on Kyiv".
        "Un bombardement imputé à Kiev a tué jeudi cinq personnes.",
        "Shelling blamed on Kyiv killed five people on Thursday.",
        # The ends of a relation are no places of an event.
        "The attack on the base comes after weeks of tensions between Washington and Tehran.",
        "Les relations entre Bagdad et Erbil se sont tendues après l'attaque.",
        # Where a ceasefire holds or is awaited is no place of the exchange of fire.
        "Les tirs se sont intensifiés, le Hezbollah promettant de continuer tant qu'un cessez-le-feu n'a pas été instauré à Gaza.",
        "The clashes went on even as a ceasefire in Idlib was announced by the two sponsors.",
        # A conflict told as the background of what was done elsewhere, and a side supported there.
        "The group fired at the border posts in support of its allies, who are in a conflict with Israel in "
        "the Gaza Strip.",
        "Le Hezbollah a tiré des roquettes en soutien au Hamas, en conflit avec Israël dans la bande de Gaza.",
    ],
)
def test_venues_seats_origins_and_backgrounds_are_no_locations(
    sentence: str, gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A funeral told with no attack before it is a venue...
        ("Thousands attended the funeral in Beirut of the commander killed in the strike.", []),
        ("Des milliers de personnes ont assisté aux obsèques à Bagdad des soldats tués lundi.", []),
        # ...but the attack told before it happened there.
        ("A suicide bomber blew himself up at a funeral in Peshawar, killing 13 people.", ["Peshawar"]),
        ("Un kamikaze s'est fait exploser lors de funérailles à Kandahar, tuant dix personnes.", ["Kandahar"]),
    ],
)
def test_a_funeral_is_where_an_attack_told_before_it_happened(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "la commune de X" names a town (or a hromada), as "la ville de X" does...
        ("Trois femmes ont été blessées par des tirs sur la commune de Bilopillia.", ["Bilopillia"]),
        # ...also as the town a distance is measured from.
        ("Les ADF ont tué trois à Mulolya, à 8 km à l'ouest de la commune rurale d'Oicha.", ["Oicha"]),
    ],
)
def test_a_commune_is_a_town_where_it_happened(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Un kamikaze s'est fait exploser dans un café de la partie orientale de Mossoul.", ["Mossoul"]),
        ("A suicide bomber blew himself up in a restaurant in the eastern part of Mosul.", ["Mosul"]),
        # ...and spots of something ("trois barrages de la police du district de X").
        ("Les insurgés ont attaqué trois barrages de la police du district de Khan Abad.", ["Khan Abad"]),
    ],
)
def test_a_spot_in_a_part_of_a_town_is_in_the_town(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "de guerre" qualifies a noun (warplanes, warships): no war in the background.
        ("Des avions de guerre israéliens ont attaqué une maison dans la ville de Nabatieh.", ["Nabatieh"]),
        ("Israeli war planes struck a house in the town of Nabatieh, a war monitor said.", ["Nabatieh"]),
        # ...as the war itself is.
        ("Depuis le début de la guerre à Gaza, des roquettes ont été tirées.", []),
    ],
)
def test_a_noun_of_war_is_no_background(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


def test_an_aim_names_no_place_but_the_next(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = "Des jihadistes venus pour mener des attaques contre l'armée à Kirkouk ont tué dix soldats."
    assert locations(sentence, gazetteer, resolver) == ["Kirkouk"]


def test_a_day_before_a_province_is_no_place_it_holds(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    # "Friday in the province of Anbar" read as an unknown place Friday that the province holds: no event.
    sentence = "A car bomb exploded on Friday in the province of Anbar, killing five people."
    assert locations(sentence, gazetteer, resolver) == ["Anbar"]


def test_countries_and_containers_are_no_locations(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = "Un convoi a été visé à al-Yusifiyah dans la province de Bagdad, en Irak."
    all_found = located(sentence, gazetteer, resolver)
    assert {loc.mention.text for loc in all_found} >= {"al-Yusifiyah", "Bagdad", "Irak"}
    assert [loc.mention.text for loc in all_found if is_event_location(loc.mention, loc.place)] == [
        "al-Yusifiyah"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A bearing from a town only says where the place is.
        ("Gunmen opened fire on a patrol in the town of Tarmiyah, north of Baghdad.", ["Tarmiyah"]),
        (
            "Des combattants ont été tués dans la localité d'al-Kasrah, à l'ouest de Deir ez-Zor.",
            ["al-Kasrah"],
        ),
        ("Rockets hit Balad air base, north of Baghdad, as well as Camp Taji.", ["Balad", "Camp Taji"]),
        ("Three soldiers were killed by a bomb on a road in Kirkuk city, north of the capital Baghdad.", ["Kirkuk"]),
        ("Une bombe a tué deux soldats à Tarmiyah, au nord de la capitale Bagdad.", ["Tarmiyah"]),
        ("A bomb killed two soldiers in Tarmiyah, north of Iraq's capital Baghdad.", ["Tarmiyah"]),
        # The distance in another unit, in brackets; what the place is, before its distance.
        ("A bomb killed two soldiers in Tarmiyah, about 30 kilometres (20 miles) north of Baghdad.", ["Tarmiyah"]),
        ("Une bombe a tué deux soldats à Tarmiyah, une ville située à 30 km au nord de Bagdad.", ["Tarmiyah"]),
        (
            "Gunmen killed 22 civilians in the village of Motogatta, about 100 kilometres (60 miles) north of the capital Niamey.",
            [],
        ),
        # A town the gazetteer lacks, and the province holding it: no place to draw ("district of" a city is in it).
        ("Rockets landed on the outskirts of Prde town in Kirkuk.", []),
        ("A strike hit the Nemyshlianskyi district of Kharkiv on Saturday.", ["Kharkiv"]),
        # Towns of another country in a list the sentence puts in a country (or the Kurdistan Region) are
        # homonyms of places the gazetteer lacks (Turkish villages called Gara and Asos).
        ("Turkish jets struck PKK targets in the Zap, Gara and Asos areas of the Kurdistan Region.", []),
        # So does the part of the land around a town ("dans l'ouest de Damas").
        ("Un dépôt d'armes près de Zabadani, dans l'ouest de Damas, a été bombardé lundi.", ["Zabadani"]),
        ("Israeli missiles hit a base near Zabadani, in the west of Damascus, on Monday.", ["Zabadani"]),
        # A town near it in brackets says where the place lies.
        ("Un convoi est tombé jeudi dans une embuscade à Sévaré (près de Mopti).", ["Sévaré"]),
        ("A convoy was ambushed on Thursday in Sevare (near Mopti).", ["Sevare"]),
        # A province after a town is where the town is.
        ("A roadside bomb struck a patrol near the town of Hit in western Anbar.", ["Hit"]),
        # The ends of a road are not where the bomb went off.
        (
            "Un engin explosif a visé un convoi sur l'autoroute reliant Bagdad à Hilla, près de la ville d'al-Mahawil.",
            ["al-Mahawil"],
        ),
    ],
)
def test_landmarks_holders_and_road_ends_are_no_locations(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A post or detachment named by its town is the target, as a camp is.
        ("Le détachement militaire de Tin-Akoff a été la cible d'une violente attaque.", ["Tin-Akoff"]),
        ("Des jihadistes ont attaqué le poste avancé de Torodi.", ["Torodi"]),
        ("Gunmen attacked the army outpost of Torodi before dawn.", ["Torodi"]),
        # ...with the day between the verb and the post.
        ("Des hommes armés ont attaqué mercredi le poste militaire de Ménaka.", ["Ménaka"]),
        ("Des jihadistes ont attaqué dimanche soir le camp militaire de Tessit.", ["Tessit"]),
        ("Gunmen attacked on Monday the army post of Gao.", ["Gao"]),
        ("Bagdad a été la cible de plusieurs roquettes.", ["Bagdad"]),
        ("Ramadi a été prise d'assaut par des jihadistes.", ["Ramadi"]),
        # Spots counted or built: "cinq zones de", "un immeuble résidentiel de", "two houses in".
        ("Les frappes sur cinq zones de la région de Baalbeck ont fait 22 morts.", ["Baalbeck"]),
        ("Une frappe a touché un immeuble résidentiel de Mossoul.", ["Mossoul"]),
        ("Les raids ont détruit plusieurs maisons de Bint Jbeil.", ["Bint Jbeil"]),
        # ...and the kind of the place after it.
        ("Un kamikaze a fait exploser sa voiture dans un secteur commercial de la ville de Bassorah.", ["Bassorah"]),
        ("A car bomb went off in a crowded market of the city of Basra.", ["Basra"]),
        # An unnamed part of a town, a site attacked, rockets fired towards a town.
        ("Ten civilians were killed when rebels shelled a residential area of Taiz.", ["Taiz"]),
        ("Une frappe a visé un quartier résidentiel de Taëz.", ["Taëz"]),
        ("Une frappe a visé le quartier de Karrada à Bagdad.", ["Karrada"]),
        ("Une attaque contre un hôtel de Kismayo a fait 26 morts.", ["Kismayo"]),
        ("Hezbollah launched a barrage of rockets towards Kiryat Shmona on Friday.", ["Kiryat Shmona"]),
        # A part of the town as the subject of a passive of striking.
        ("Beirut's southern suburbs were pounded by Israeli jets on Monday.", ["Beirut"]),
        ("Kharkiv's outskirts came under heavy shelling overnight.", ["Kharkiv"]),
        ("The town of Saraqeb was under heavy fire throughout the day.", ["Saraqeb"]),
        # A post with what it is after it, and a site "of a" post: "d'un poste de police de".
        ("Un kamikaze s'est fait exploser dans une salle à manger d'un poste de police de Tikrit.", ["Tikrit"]),
        # "Police" is no town of Poland here: the district is Kabul's.
        ("The blast struck a mosque in Kabul's Police District 5 during Friday prayers.", ["Kabul"]),
        ("The strikes hit areas around the towns of Saraqeb and Ihsim on Sunday.", ["Saraqeb", "Ihsim"]),
        ("Les frappes ont touché des secteurs autour des villes de Saraqeb et Ihsim.", ["Saraqeb", "Ihsim"]),
        # An end of "between" the gazetteer lacks: the other end is the nearest place known.
        ("Gunmen attacked an army unit between Teguey and Bankilare on Tuesday.", ["Bankilare"]),
        # A base of a town is in the town.
        ("Boko Haram a attaqué une base militaire de la ville de Diffa.", ["Diffa"]),
        ("Gunmen attacked a military base of the town of Diffa.", ["Diffa"]),
        # So is the end of a road named by its two ends.
        ("Un drone a visé une voiture sur l'autoroute Zorbala-Tyr, dans le sud du Liban.", ["Tyr"]),
        ("Un engin explosif a visé un convoi sur l'axe Zorbala-Ansongo.", ["Ansongo"]),
        ("A roadside bomb struck an army patrol on the Zorbala-Kirkuk road.", ["Kirkuk"]),
        # ...whichever end the gazetteer knows, the first or the second.
        ("Un engin explosif a visé un convoi sur l'axe Ansongo-Zorbala.", ["Ansongo"]),
        ("A roadside bomb struck an army patrol on the Kirkuk-Zorbala road.", ["Kirkuk"]),
        ("Une mine a explosé sur l'axe Mangodara-Zorbala dans la province de la Comoé.", ["Mangodara"]),
        # A place named right after its kind, with no "de": "la rue commerciale X".
        ("Une voiture piégée a explosé dans la rue commerciale Karrada lundi soir.", ["Karrada"]),
        # A spot near which it happened: "à proximité du poste frontière de X", "non loin de la base de X".
        ("Trois policiers ont été tués à proximité du poste frontière de Liboi.", ["Liboi"]),
        ("Une mine a explosé non loin de la base de Tessalit.", ["Tessalit"]),
        # (a road of three towns is too long to say where)
        ("L'attaque visait les unités chargées des travaux de la route Zorbala-Fooda-Nara.", []),
    ],
)
def test_posts_targets_and_counted_spots_are_locations(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


def test_two_places_of_a_list_are_both_locations(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = (
        "The strikes hit three sites near the town of al-Qaim and two in eastern Syria near Albu Kamal."
    )
    assert locations(sentence, gazetteer, resolver) == ["al-Qaim", "Albu Kamal"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kurakhove, Hostre and Pokrovsk were shelled overnight.", ["Kurakhove", "Hostre", "Pokrovsk"]),
        (
            "Les localités de Kurakhove, Hostre et Pokrovsk ont été bombardées.",
            ["Kurakhove", "Hostre", "Pokrovsk"],
        ),
        # ...but a town after its district, the list ending there, holds it.
        ("The Karrada district, Baghdad, was hit by a car bomb.", ["Karrada"]),
    ],
)
def test_a_town_the_list_goes_on_after_holds_no_town_before_it(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    # Hostre lies 9 km from Kurakhove: near enough to be its part, were it not one more name of the list.
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Selon la télévision des rebelles, des avions américains visaient dimanche l'île de Kamaran.",
        "Selon le gouverneur, les drones russes ciblaient Kharkiv dans la nuit.",
        "Les obus pilonnaient Kharkiv depuis l'aube.",
    ],
)
def test_the_object_of_a_verb_of_striking_in_the_imperfect_is_where_it_happened(
    sentence: str, gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    # Reported speech puts the verb in the imperfect ("a déclaré que les frappes visaient X").
    assert len(locations(sentence, gazetteer, resolver)) == 1


def test_inside_a_town_is_no_bearing(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = "Une frappe de drone a tué un commandant dans l'est de Bagdad."
    assert locations(sentence, gazetteer, resolver) == ["Bagdad"]


def test_a_spot_of_a_town_is_in_the_town(gazetteer: Gazetteer, resolver: GazetteerResolver) -> None:
    sentence = "Une bombe artisanale a explosé sur un marché de Samawa, tuant cinq personnes."
    assert locations(sentence, gazetteer, resolver) == ["Samawa"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "said" before the event is no venue: the place is the bomb's.
        ("Police said a bomb exploded in Ramadi on Monday, killing two.", ["Ramadi"]),
        ("Two officials were killed in Ramadi when a bomb went off.", ["Ramadi"]),
        ("Security officials in Anbar said three rockets hit Ain al-Asad.", ["Ain al-Asad"]),
    ],
)
def test_speech_and_seats_only_right_before_the_place(
    sentence: str, expected: list[str], gazetteer: Gazetteer, resolver: GazetteerResolver
) -> None:
    assert locations(sentence, gazetteer, resolver) == expected


@pytest.mark.parametrize(
    ("sentence", "where"),
    [
        ("Des soldats ont été tués dans le centre du Mali.", True),
        ("Soldiers were killed in the north of Mali.", True),
        ("Soldiers were killed in northern Mali.", True),
        ("L'armée du Mali a lancé une opération.", False),
    ],
)
def test_a_part_of_a_country_names_the_country_as_where(sentence: str, where: bool, gazetteer: Gazetteer) -> None:
    (mali,) = find_mentions(Sentence.lone(sentence), gazetteer=gazetteer)
    assert is_named_as_where(mali) is where


def test_what_says_a_place_is_not_where_it_happened_is_found_as_the_plain_patterns_find_it() -> None:
    """The 100 characters before every word of every sentence of the seeds and test articles: each tail
    pattern finds the plain pattern's match (the same tails met again answered from what was kept)."""
    import re
    from pathlib import Path

    from geomap.extract import locate
    from geomap.read.articles import read_article
    from geomap.read.sentences import article_sentences

    root = Path(__file__).resolve().parents[2]
    paths = sorted([*(root / "seeds").glob("*.txt"), *(root / "tests" / "corpus" / "articles").glob("*.txt")])
    checked = found = 0
    for _ in range(2):
        for path in paths:
            for sentence in article_sentences(read_article(path)):
                text = sentence.text
                for start in [m.start() for m in re.finditer(r"\b\w", text)] + [len(text)]:
                    before = text[:start][-100:]
                    for tail in (*locate.NOT_WHERE_IT_HAPPENED, locate._FIRED_TOWARDS):
                        want, got = tail.pattern.search(before), tail.search(before)
                        assert (want and (want.span(), want.groups())) == (got and (got.span(), got.groups()))
                        checked += 1
                        found += want is not None
    assert checked > 10_000 and found > 100
