"""The event vocabulary: types, what is no event, claims."""

from __future__ import annotations

import pytest

from geomap.extract.claims import claimed_by, claims_retold_event
from geomap.extract.events import (
    event_type,
    event_type_at,
    is_reported_event,
    missiles_in,
    missiles_of,
    names_air_power,
    names_aircraft,
    names_armed_target,
    raids_of,
    strikes_of,
    triggers,
)
from geomap.records import EventType


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Des roquettes Katioucha se sont abattues sur la base.", "shelling"),
        ("Three mortar rounds landed inside the compound.", "shelling"),
        ("Une frappe de drone a visé un véhicule.", "air_drone_strike"),
        ("U.S. warplanes carried out air strikes overnight.", "air_drone_strike"),
        # A missile attack is ACLED's "Shelling/artillery/missile attack" unless the article names aircraft.
        ("Israeli missiles struck the airport.", "shelling"),
        ("Russian missile strikes hit Kyiv overnight.", "shelling"),
        # A bomb dropped from an aircraft, guided or not, is an air strike.
        ("Russian aircraft dropped guided bombs on Kharkiv.", "air_drone_strike"),
        ("Des bombes guidées ont visé Zaporijjia dans la nuit.", "air_drone_strike"),
        ("Des drones kamikazes ont frappé Kiev.", "air_drone_strike"),
        # A suicide bombing is its own sub-event; a car bomb without a bomber is a remote explosive.
        ("Un kamikaze s'est fait exploser devant une mosquée.", "suicide_bomb"),
        ("A suicide bomber blew himself up at a checkpoint.", "suicide_bomb"),
        ("A car bomb exploded near the market.", "ied"),
        ("Une mine a explosé au passage du véhicule.", "ied"),
        # A hand-thrown grenade.
        ("Un homme a lancé une grenade sur une patrouille.", "grenade"),
        ("Un engin explosif a visé un convoi logistique.", "ied"),
        ("A roadside bomb exploded as the convoy passed.", "ied"),
        ("Un double attentat-suicide a fait 32 morts.", "suicide_bomb"),
        # The car bombs of suicide attackers are their suicide bombing.
        ("Two suicide attackers set off car bombs outside the base.", "suicide_bomb"),
        ("Un kamikaze a fait exploser sa voiture piégée devant le poste.", "suicide_bomb"),
        ("Une attaque-suicide a visé une caserne.", "suicide_bomb"),
        ("Une voiture-suicide a explosé près du convoi.", "suicide_bomb"),
        ("Un camion suicide a foncé sur la caserne avant d'exploser.", "suicide_bomb"),
        # Barrels of explosives are dropped from helicopters: an air strike.
        ("Explosive barrels killed eight civilians in the town.", "air_drone_strike"),
        ("Helicopters dropped barrels packed with explosives on the village.", "air_drone_strike"),
        # A French "raid" by a state's army is its air force's; an English raid is often on the ground.
        ("Un raid israélien a visé une maison.", "air_drone_strike"),
        ("An Israeli raid on the refugee camp killed three people.", "attack"),
        # A bombardment alone is shelling.
        ("The town was bombarded overnight.", "shelling"),
        ("Des bombardements ont touché la ville.", "shelling"),
        ("De violents affrontements ont éclaté entre les FDS et des tribus.", "armed_clash"),
        ("Heavy fighting and gunfights were reported overnight.", "armed_clash"),
        ("Le convoi a été pris pour cible.", "attack"),
        ("Gunmen opened fire on a police patrol.", "attack"),
        ("Il s'agit de l'attentat le plus meurtrier depuis trois ans.", "attack"),
        # A death told by its verb alone is a word of violence.
        ("Trois civils ont trouvé la mort dans le village.", "attack"),
        ("Deux soldats ont perdu la vie près du poste.", "attack"),
        ("L'opération a coûté la vie à cinq personnes.", "attack"),
        # A blast is an explosion: a remote explosive unless a weapon is named.
        ("A blast targeting the border police killed five people.", "ied"),
        ("A powerful blast ripped through a market.", "ied"),
        # Men on the ground who strike attack: "gunmen struck the village", "des assaillants ont frappé".
        ("The attackers struck the village on Monday, killing 22.", "attack"),
        ("Des hommes armés ont frappé le village dimanche soir.", "attack"),
        # People shot dead or gunned down: a word of violence, as "killed" is.
        ("Le soir même, un militaire a été abattu dans le village.", "attack"),
        ("A soldier was shot dead in the town on Monday.", "attack"),
        ("Three civilians were gunned down near the market.", "attack"),
        ("Israeli jets struck the village on Monday.", "air_drone_strike"),
        # ...and so does an armed group named, which has no aircraft.
        ("The Taliban struck on Thursday in the province of Kunduz.", "attack"),
        ("Les shebab ont frappé jeudi dans la région de Hiran.", "attack"),
        # Missiles fired from the ground are a missile attack, whoever fired them.
        ("Des missiles sol-sol israéliens ont fait trois morts près de Damas.", "shelling"),
        ("Israeli surface-to-surface missiles hit positions near Damascus.", "shelling"),
        ("A suicide blast killed five people.", "suicide_bomb"),
        ("Kostiantynivka was under Russian artillery fire on Monday.", "shelling"),
        ("The village was under fire throughout the day.", "attack"),
        ("Les djihadistes visaient un avant-poste occupé par des soldats au sud-est de Palmyre.", "attack"),
        # Homes damaged or destroyed, as a roundup tells them place by place.
        ("Four more houses were damaged in Vasyukivka.", "attack"),
        ("There are also damaged buildings in Siversk and Serebryanka.", "attack"),
        ("Dix maisons ont été endommagées à Ivanopillya.", "attack"),
        # Fire at buildings is shelling, at people an attack.
        ("Les forces russes ont tiré au cours de la nuit contre des immeubles résidentiels de Kolodiazne.", "shelling"),
        # ...and fire towards a place, unless at people.
        ("L'armée a tiré en direction des abords du village dans la nuit.", "shelling"),
        ("Un drone israélien a tiré un missile en direction du village.", "air_drone_strike"),
        ("Des soldats ont tiré en direction des manifestants.", None),
        ("Samedi, des jihadistes ont tiré sur les villageois à trois km de Diallassagou.", "attack"),
        # Attackers pushed back by soldiers: a battle.
        ("Les assaillants ont été repoussés par nos forces de défense et de sécurité.", "armed_clash"),
        ("Un deuxième front ouvert près de la ville a été repoussé par l'armée.", "armed_clash"),
        ("L'armée les a repoussés après deux heures.", "armed_clash"),
        ("Troops repelled the militants after a two-hour assault on the town.", "armed_clash"),
        # How the wounded were hurt names no weapon: the weapon named beside it does; alone, a toll.
        ("Deux hommes ont été hospitalisés pour traumatismes explosifs après des bombardements.", "shelling"),
        ("A man was treated for blast injuries after the shelling of the town.", "shelling"),
        ("Medics hospitalized a 35-year-old man with a blast injury.", "attack"),
        ("A blast killed three people at the market.", "ied"),
        # A raid of an air force's army is from the air, as "un raid israélien" is.
        (
            "Quatre personnes ont été tuées dans un « raid de l'armée israélienne » sur le village.",
            "air_drone_strike",
        ),
        # An abduction by armed men is violence against civilians, told by its verb.
        ("Bandits abducted fifteen villagers on Thursday.", "attack"),
        ("Militants kidnapped 30 students from their dormitory.", "attack"),
        ("Une vingtaine de femmes ont été enlevées jeudi.", "attack"),
        # Gunfire at people or a vehicle, told by the fire alone.
        ("Un camion a été touché par des tirs de mitrailleuses sur la route frontalière.", "attack"),
        ("Des coups de feu ont visé un véhicule de la FINUL.", "attack"),
        ("A truck was hit by machine-gun fire on the border road.", "attack"),
        ("Two farmers were wounded by sniper fire near the village.", "attack"),
        # ...but an exchange of fire is a battle.
        ("An exchange of gunfire broke out at the checkpoint.", "armed_clash"),
    ],
)
def test_event_type_by_vocabulary(sentence: str, kind: EventType) -> None:
    assert event_type(sentence) == kind


def test_a_postponement_is_no_battle() -> None:
    # "Repousser" also means to put off: a vote or a visit pushed back is no event.
    assert event_type("Le scrutin a été repoussé par le gouvernement à la fin du mois.") is None
    assert event_type("La visite du ministre a été repoussée à la semaine prochaine.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Les deux pays ont convenu de former des groupes de travail.",
        "The talks will resume in Washington next month.",
        "Workers went on a general strike in Basra.",
        "Le ministre a tiré les leçons de la défaite sur le terrain.",
        "Le projet visait à reconstruire la ville.",
        "The old bridge was destroyed in a flood decades ago.",
        # ...nor are abductions told as a trade.
        "Kidnappings for ransom have become common in the region.",
        "Les enlèvements contre rançon sont devenus monnaie courante.",
    ],
)
def test_sentences_without_violence_have_no_type(sentence: str) -> None:
    assert event_type(sentence) is None


def test_each_place_takes_the_weapon_named_nearest_it() -> None:
    sentence = "The attack came a week after U.S. air strikes in Syria, in retaliation for a rocket attack on Erbil airport."
    assert event_type_at(sentence, sentence.index("Syria")) == "air_drone_strike"
    assert event_type_at(sentence, sentence.index("Erbil")) == "shelling"


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        ("Les factions menacent de frapper les bases américaines.", False),
        ("The militia vowed to attack U.S. forces in Iraq.", False),
        ("The rebels vowed in November 2023 to attack any ship linked to Israel.", False),
        ("The group threatened on Monday to strike the bases.", False),
        ("Ankara mène régulièrement des frappes dans la région de Makhmour.", False),
        ("M. Hussein a condamné les attaques contre les missions diplomatiques à Bagdad.", False),
        ("Des roquettes ont visé la base de Balad.", True),
        # A duration makes it a campaign, not an event: "for more than a year", "depuis plus d'un an".
        ("The rebels have been attacking shipping in the Red Sea for more than a year.", False),
        ("Les rebelles attaquent des navires en mer Rouge depuis plus d'un an.", False),
        ("Kostiantynivka lies near the combat zone, where Russian forces have been advancing for months.", False),
        ("Les combats se poursuivent dans la région depuis des semaines.", False),
        # What a group does to attack, and the count of attacks growing: a campaign, not an event.
        (
            "ISIS uses the disputed areas as a base to attack targets in Nineveh and Kirkuk, with the number of "
            "attacks increasing in 2020.",
            False,
        ),
        ("Le groupe utilise ces zones comme base arrière pour attaquer les villages de la région.", False),
        ("Two civilians were wounded after Russian forces used drones to strike civilian areas.", True),
        # A running total since a day, in a sentence that dates nothing else.
        ("Up to 142 civilians have been killed in rebel attacks in Aleppo since July 31.", False),
        ("Depuis le 7 octobre, les frappes israéliennes ont tué 300 personnes au Liban.", False),
        # ...but that day's event, told after it, is one.
        ("It was the deadliest attack since May 10, when four car bombs exploded in Hilla.", True),
        ("C'est l'attentat le plus meurtrier depuis le 10 mai, quand quatre voitures piégées ont explosé.", True),
        # A trend, not an event.
        ("L'armée a rapporté une intensification des attaques russes dans la région de Kharkiv.", False),
        ("Les bombardements russes sur Zaporijjia se sont intensifiés ces dernières semaines.", False),
        ("Russian attacks on the city have intensified, the governor said.", False),
        ("The rebels attacked a ship in the Red Sea on Monday.", True),
        # A toll in the thousands, with no other event word, is a war's.
        ("The war, in which some 41,000 Palestinians in Gaza have been killed, goes on.", False),
        ("La guerre a fait plus de 40 000 morts à Gaza.", False),
        ("The fighting in Sudan has killed tens of thousands of people.", False),
        ("Des milliers de civils ont été tués dans la région depuis 2012.", False),
        ("An air strike killed 1,200 fighters near Raqqa on Monday.", True),
        # A campaign since a year, whatever date it gives.
        ("The coalition has been fighting the Houthis since early 2015 after they seized Sanaa.", False),
        ("La coalition bombarde les positions rebelles depuis début 2015.", False),
        ("Three soldiers were killed on Monday near Gao.", True),
        # A toll counted over the year so far is a tally.
        ("So far this year, 35 soldiers have died in combat in Iraq.", False),
        # ...but not a year in an aside about the town named.
        (
            "L'attaque a eu lieu vendredi dans le district de Makbana, près de Taez, une ville menacée ces "
            "dernières années (depuis 2015) par les rebelles.",
            True,
        ),
        # ...nor in a clause about it after the event ("ville ... assiégée depuis 2015 par les houthis").
        (
            "L'attaque a eu lieu vendredi soir dans le district de Makbana, près de Taëz, ville sous contrôle "
            "gouvernemental mais assiégée depuis 2015 par les houthis, a précisé un responsable.",
            True,
        ),
        ("A strike hit a market in Taiz, a city besieged by the Houthis since 2015.", True),
        # (a toll before the clause may be a tally: "ont été tués, depuis 2015, dans la région")
        ("Plus de 300 civils ont été tués, depuis 2015, dans la région de Taëz.", False),
        # An accident is no attack.
        ("A drone crashed due to a technical malfunction and exploded inside a home in the town.", False),
        ("Un drone s'est écrasé après une défaillance technique et a explosé dans une maison.", False),
        # An anniversary marked recalls an event; it reports none.
        ("Somalia on Sunday marked the first anniversary of the truck bombing in Mogadishu that killed 500.", False),
        ("Le pays a commémoré lundi le premier anniversaire de l'attentat de Mogadiscio.", False),
        # Weapons told as what a base holds and what they are for: no strike.
        (
            "The base hosts coalition troops as well as the unmanned drones the coalition uses to surveil "
            "jihadist cells.",
            False,
        ),
        ("La base abrite aussi les drones utilisés pour surveiller les cellules jihadistes.", False),
        ("A drone used to surveil the area struck a car near the base on Monday.", True),
        # A long-running campaign is a habit, not an event.
        ("Abyan and Shabwa have long been the scene of a long-running American drone campaign.", False),
        ("Le sud du pays est le théâtre d'une campagne de frappes de drones de longue date.", False),
        # A tally in a clause after the strike it follows is no habit of that strike...
        (
            "Jets struck a radar site in Tartus province, the monitor said, counting 31 such raids so far "
            "this year.",
            True,
        ),
        (
            "Plus de 20 frappes ont visé des dépôts à Deraa, les frappes les plus violentes depuis le début "
            "de l'année, selon l'OSDH.",
            True,
        ),
        # ...but a habit told before the comma is one.
        ("Russian forces regularly shell Nikopol, across the river from the plant.", False),
        # ...not what else is long-standing.
        ("Des appels de longue date ont pris de l'ampleur après des frappes américaines à Bagdad.", True),
        # A toll since a campaign began is the campaign's, not an event's.
        ("The army said 300 militants had died since troops launched an offensive in Abyan in May.", False),
        ("Plus de 300 jihadistes ont été tués depuis que l'armée a lancé une offensive à Mopti.", False),
        ("Deux cents rebelles ont été tués depuis le lancement de l'opération dans la province.", False),
        # ...not a day since which something stands.
        ("Five soldiers were killed in Abyan on Monday, since troops had left their posts.", True),
        # Attacks awaited are none.
        ("Forces have tightened security in the city in anticipation of attacks by insurgents.", False),
        ("La sécurité a été renforcée dans la capitale en prévision d'éventuels attentats.", False),
        # Thousands of troops are no toll; thousands who fled are a war's.
        (
            "The ambush took place near Wana, where the army has deployed thousands of troops to drive out "
            "the militants.",
            True,
        ),
        ("The fighting has displaced tens of thousands of people across the province.", False),
    ],
)
def test_threats_habits_condemnations_and_war_tolls_are_no_events(sentence: str, reported: bool) -> None:
    assert is_reported_event(sentence, dated=False) is reported


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Il s'agissait de déplacés qui avaient fui les frappes et les combats dans leur village.", None),
        ("Thousands of families fled the heavy fighting in the district.", None),
        ("Des civils fuyant les violents combats ont été tués par une frappe aérienne.", "air_drone_strike"),
        ("Residents fled after the shelling of the town.", "shelling"),
    ],
)
def test_what_people_fled_is_no_event_of_the_sentence(sentence: str, kind: str | None) -> None:
    assert event_type(sentence) == kind


def test_a_dated_habit_is_an_event() -> None:
    assert is_reported_event("The base, often targeted, was hit by three rockets on Tuesday.", dated=True)


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Le groupe Qasim al-Jabarin a revendiqué l'attaque.", "Qasim al-Jabarin"),
        (
            "L'attaque a été revendiquée par le groupe Ashab al-Kahf, une faction pro-iranienne.",
            "Ashab al-Kahf",
        ),
        ("Islamic State claimed responsibility for the attack.", "Islamic State"),
        ("No group claimed the attack.", None),
    ],
)
def test_claims(sentence: str, actor: str | None) -> None:
    assert claimed_by(sentence) == actor


@pytest.mark.parametrize(
    ("sentence", "place", "kind"),
    [
        ("An explosion struck a weapons depot near Balad air base on Tuesday.", "Balad", "ied"),
        # The casualties do not name the weapon: the rocket strikes do.
        (
            "It was the latest of several rocket strikes on bases, including one that hit Baghdad airport "
            "and wounded several soldiers.",
            "Baghdad",
            "shelling",
        ),
        # The missile, not the strike verb, says what it was.
        (
            "Israeli missiles struck Damascus International Airport early on Monday.",
            "Damascus",
            "shelling",
        ),
    ],
)
def test_the_weapon_not_the_verb_or_the_toll_names_the_event(
    sentence: str, place: str, kind: EventType
) -> None:
    assert event_type_at(sentence, sentence.index(place)) == kind


@pytest.mark.parametrize(
    ("sentence", "place", "kind"),
    [
        (
            "Israel struck dozens of villages in the south overnight and targeted Nabatiyeh city for a third time.",
            "Nabatiyeh",
            "air_drone_strike",
        ),
        (
            "L'aviation a bombardé une dizaine de villages de la province dans la nuit, et visé à nouveau la ville "
            "de Saada.",
            "Saada",
            "air_drone_strike",
        ),
        (
            "La défense antiaérienne a détruit les missiles ayant visé la ville, mais leurs débris ont touché le "
            "quartier de Podilskyi.",
            "Podilskyi",
            "shelling",
        ),
        # Armed men named: what they aimed at is their attack.
        ("Gunmen opened fire on the convoy, then targeted a police checkpoint in Kidal.", "Kidal", "attack"),
    ],
)
def test_a_word_of_aim_takes_the_weapon_its_clause_names(sentence: str, place: str, kind: EventType) -> None:
    assert event_type_at(sentence, sentence.index(place)) == kind


@pytest.mark.parametrize(
    ("sentence", "place", "kind"),
    [
        (
            "Les attaques ont fait six morts dans les trois camps visés à Sévaré, Bapho et Niono par des "
            "groupes terroristes qui ont utilisé des véhicules kamikazes bourrés d'explosifs.",
            "Sévaré",
            "suicide_bomb",
        ),
        (
            "The three camps at Sevare, Bapho and Niono were attacked on Sunday by militants using suicide "
            "car bombs packed with explosives.",
            "Sevare",
            "suicide_bomb",
        ),
        (
            "Russian forces attacked the Kherson region overnight with guided bombs.",
            "Kherson",
            "air_drone_strike",
        ),
    ],
)
def test_the_weapon_the_attackers_used_types_every_place(sentence: str, place: str, kind: EventType) -> None:
    assert event_type_at(sentence, sentence.index(place)) == kind


def test_missiles_of_an_article_that_names_aircraft_are_an_air_strike() -> None:
    sentence = "Israeli missiles struck Damascus International Airport early on Monday."
    assert names_aircraft("In a separate attack on Sunday, Israeli jets targeted an air base near Homs.")
    assert not names_aircraft("Houthi drones and missiles targeted a tanker off Hodeidah.")
    assert event_type_at(sentence, sentence.index("Damascus"), missiles="air_drone_strike") == "air_drone_strike"
    assert event_type(sentence, missiles="air_drone_strike") == "air_drone_strike"


@pytest.mark.parametrize(
    ("sentence", "aircraft"),
    [
        ("The barrage included 40 ballistic, cruise, anti-aircraft and guided missiles.", False),
        ("Ukraine's air force said it intercepted 21 of them.", False),
        ("L'armée de l'air ukrainienne a affirmé avoir détruit huit drones.", False),
        ("Selon l'armée de l'air, vingt missiles ont été abattus.", False),
        ("The Israeli Air Force struck targets in southern Lebanon.", True),
        ("L'armée de l'air israélienne a frappé des cibles au Liban.", True),
    ],
)
def test_the_air_force_that_reports_or_stops_a_strike_names_no_aircraft_that_fired(
    sentence: str, aircraft: bool
) -> None:
    # Ukraine's air force reports nearly every Russian missile strike: its missiles are no air strike for it.
    assert names_aircraft(sentence) is aircraft


def test_an_aerial_bombardment_is_an_air_strike_that_fires_no_missile_of_the_article() -> None:
    # The coalition's aerial bombardment, told beside the Houthis' missile: its aircraft fired none of it.
    article = [
        "Houthi missiles hit a residential building in Marib on Thursday night.",
        "The coalition said its aerial bombardment killed 95 fighters in Marib.",
    ]
    assert missiles_of(article) == "shelling"
    assert event_type(article[1]) == "air_drone_strike"


def test_a_missile_that_struck_is_a_missile_attack_whatever_the_words_between() -> None:
    sentence = (
        "One civilian was killed on Monday when a missile launched by the Iran-backed militia struck a "
        "residential area in Marib."
    )
    assert event_type_at(sentence, sentence.index("Marib")) == "shelling"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Police said the roadside bomb, hidden under a cart, struck an army patrol near Tuz Khurmatu.", "ied"),
        # ...and a car bomb its driver set off is a suicide bombing.
        ("Officials said the car bomb, detonated by its driver, struck an army patrol near Tuz Khurmatu.", "suicide_bomb"),
    ],
)
def test_a_bomb_that_struck_is_the_bombs_doing_not_an_air_strike(sentence: str, kind: EventType) -> None:
    assert event_type_at(sentence, sentence.index("Tuz")) == kind


def test_missiles_are_air_launched_when_aircraft_or_an_air_force_fired_them() -> None:
    # Aircraft and missiles in one sentence make the article's missiles air-launched...
    together = ["Air defences confronted missiles launched by Israeli warplanes towards Homs."]
    assert missiles_of(together) == "air_drone_strike"
    # ...aircraft named apart do not: the Houthis' missiles at ships are a missile attack.
    apart = [
        "Two missiles exploded in waters near a ship off Aden, the UKMTO said.",
        "The United States and Britain launched airstrikes against the Houthis in retaliation.",
    ]
    assert missiles_of(apart) == "shelling"
    # A sentence that names aircraft or an air force ("Israeli missiles") decides for itself.
    assert missiles_in("Israeli missiles struck Damascus airport.", "shelling") == "air_drone_strike"
    assert missiles_in("Des missiles israéliens ont frappé l'aéroport de Damas.", "shelling") == "air_drone_strike"
    assert missiles_in("Houthi missiles struck a tanker.", "shelling") == "shelling"
    assert missiles_in("They said the US embassy was closed.".lower(), "shelling") == "shelling"  # "us", no army


def test_a_bombardment_is_an_air_strike_when_the_sentence_names_the_aircraft_or_air_force() -> None:
    for sentence in (
        "Pakistani aircraft bombarded a village near the border.",
        "Un bombardement israélien a visé le village.",
        "Officials said warplanes had bombed the area overnight.",
    ):
        assert event_type(sentence, missiles=missiles_in(sentence, "shelling")) == "air_drone_strike"
    for sentence in ("Government forces bombarded the village.", "Government forces bombed the village."):
        assert event_type(sentence, missiles=missiles_in(sentence, "shelling")) == "shelling"
    # Drones told before missiles say nothing of who fired the missiles.
    assert not names_air_power("Drones were launched, then missiles struck the port.")


def test_strikes_that_name_no_weapon_are_missile_attacks_in_an_article_of_missiles_alone() -> None:
    missiles = ["Des frappes russes ont visé Odessa dans la nuit.", "Deux missiles Kalibr ont été abattus."]
    assert strikes_of(missiles) == "shelling"
    assert event_type(missiles[0], strikes=strikes_of(missiles)) == "shelling"
    # Anything that flies, or no weapon at all, keeps a strike an air strike; the other side's rockets do
    # not make one a rocket attack.
    assert strikes_of([*missiles, "Des drones Shahed ont aussi été lancés."]) == "air_drone_strike"
    assert strikes_of(["A strike hit a car in the town.", "Hezbollah fired rockets at a base."]) == "air_drone_strike"
    assert strikes_of(["Strikes hit the port overnight."]) == "air_drone_strike"
    # A weapon named in the sentence wins over the article's.
    assert event_type("Des drones ont frappé le port.", strikes="shelling") == "air_drone_strike"


def test_a_french_raid_is_an_air_strike_in_an_article_that_names_aircraft() -> None:
    flying = ["L'aviation a bombardé Saada.", "D'autres raids ont visé des positions rebelles."]
    assert raids_of(flying, lang="fr") == "air_drone_strike"
    assert event_type(flying[1], raids=raids_of(flying, lang="fr")) == "air_drone_strike"
    assert event_type_at(flying[1], 40, raids=raids_of(flying, lang="fr")) == "air_drone_strike"
    # Where nothing flies a raid is on the ground; so are English raids ("a dawn raid on an army camp").
    ground = ["Trois villageois ont été tués samedi lors d'un raid d'hommes armés à moto."]
    assert raids_of(ground, lang="fr") == "attack"
    assert event_type(ground[0], raids=raids_of(ground, lang="fr")) == "attack"
    english = ["Warplanes struck the north.", "The dawn raid on an army camp killed four soldiers."]
    assert raids_of(english, lang="en") == "attack"
    # A raid the sentence says is aerial was one already.
    assert event_type("Un raid aérien a frappé Saada.") == "air_drone_strike"


@pytest.mark.parametrize(
    ("sentence", "armed"),
    [
        ("Des jihadistes ont attaqué lundi un camp militaire, tuant dix soldats.", True),
        ("Trois militaires ont été tués dans l'embuscade.", True),
        ("Militants attacked an army base near Baidoa, killing seven soldiers.", True),
        ("Gunmen attacked a police station in the town.", True),
        # Kurdish forces are armed: an attack on them is a battle.
        ("Des militants de l'EI ont attaqué les forces kurdes au sud-ouest de Kirkouk.", True),
        ("A brigadier general and five peshmergas were killed in the assault.", True),
        ("Des terroristes ont attaqué une unité de l'armée entre deux villages.", True),
        ("Des jihadistes ont visé un point de contrôle de la police fédérale.", True),
        # Positions, police headquarters, gendarmerie brigades.
        ("Des jihadistes ont attaqué une position de l'armée près de Ménaka.", True),
        ("Des hommes armés ont attaqué la brigade de gendarmerie de Seytenga.", True),
        ("Des assaillants ont attaqué le commissariat de la ville.", True),
        ("Taliban fighters attacked a district police headquarters overnight.", True),
        ("Des hommes armés ont attaqué des civils dans un village.", False),
        # National armies by their acronyms, and the army when it is the one attacked, not when it reports.
        ("Les FAMa ont été attaquées samedi à l'aube.", True),
        ("Une embuscade tendue aux FDS a fait six morts.", True),
        ("L'armée malienne a été attaquée lundi dans son camp.", True),
        ("Une embuscade contre l'armée a fait trois morts.", True),
        ("Des hommes armés ont tué quinze civils dans le village, a indiqué l'armée.", False),
        ("Un convoi logistique de l'armée américaine a été pris pour cible.", False),
        # The armed men's own places: a raid on them is a battle.
        ("Des villageois armés ont attaqué un repaire des jihadistes.", True),
        ("Local men raided a Taliban hideout overnight.", True),
        ("A raid on a safe house used by militants left two dead.", True),
        ("Gunmen raided a refugee camp in the village.", False),
        # The troops a convoy supplies were not attacked: its drivers are contractors.
        ("Un convoi transportant du matériel logistique pour les troupes américaines a été pris pour cible.", False),
        ("A convoy carrying supplies for US troops was targeted.", False),
    ],
)
def test_an_attack_on_soldiers_or_a_military_post_is_a_battle(sentence: str, armed: bool) -> None:
    assert names_armed_target(sentence) is armed


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Un hélicoptère israélien a largué une grenade assourdissante près de Kfar Kila.", "air_drone_strike"),
        ("A Russian drone dropped a grenade on a car in Kherson, injuring two.", "air_drone_strike"),
        ("Un homme a lancé une grenade sur un café à Kirkouk.", "grenade"),
        # So is an explosive a drone drops; a planted one stays an IED.
        ("Un drone russe a largué un engin explosif sur un bus à Kherson.", "air_drone_strike"),
        ("A drone dropped an explosive device on a car in Kherson.", "air_drone_strike"),
        ("Un engin explosif a visé un convoi près de Kherson.", "ied"),
    ],
)
def test_a_grenade_dropped_from_the_air_is_an_air_strike(sentence: str, kind: EventType) -> None:
    assert event_type(sentence) == kind
    assert event_type_at(sentence, len(sentence) - 10) == kind


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        ("Most of the drones were shot down over the Khmelnytskyi and Dnipropetrovsk regions.", False),
        ("The Houthis fired a missile at Ben Gurion Airport, which the Israeli military said it intercepted.", False),
        ("Deux missiles sur les onze détruits l'ont été dans la région de Mykolaïv.", False),
        ("Un drone a été abattu au-dessus de Kiev, selon les autorités.", False),
        # Harm told on the ground: what got through, or what fell.
        ("La défense aérienne a abattu 23 des 31 drones, mais plusieurs ont frappé Kharkiv.", True),
        ("Debris from a drone shot down over Kyiv fell on a house, injuring two people.", True),
        ("Des missiles ont frappé Odessa dans la nuit.", True),
        ("Quinze roquettes se sont abattues mercredi soir sur la base de Taji.", True),
        # Attacks foiled, bombs defused, unless harm is told.
        ("Two attempted car bombings near the town were thwarted by the military on Monday.", False),
        ("Security forces defused a roadside bomb on the highway.", False),
        ("L'armée a déjoué lundi un attentat à la voiture piégée dans la capitale.", False),
        ("Police foiled an attack on the checkpoint, killing two attackers.", True),
        # People shot dead were shot on the ground.
        ("Le soir même, un militaire a été abattu à Déou.", True),
        ("Des hommes armés ont abattu trois villageois près de Dori.", True),
    ],
)
def test_weapons_stopped_in_the_air_are_no_event_where_they_were_stopped(sentence: str, reported: bool) -> None:
    assert is_reported_event(sentence, dated=False) is reported


def test_explosions_are_the_weapon_the_sentence_names() -> None:
    sentence = "Explosions rocked Kyiv overnight as Russia launched a massive drone attack."
    assert event_type_at(sentence, sentence.index("Kyiv")) == "air_drone_strike"
    # Alone, an explosion of unknown cause is a remote explosive (ACLED's default for a blast).
    assert event_type_at("Explosions rocked Kyiv overnight.", 19) == "ied"


@pytest.mark.parametrize(
    "sentence",
    [
        "Des militants ont attaqué lundi les forces kurdes au sud-ouest de Kirkouk, tandis que des bombes ont tué "
        "21 personnes à Bagdad.",
        "Militants attacked Kurdish forces south-west of Kirkuk on Monday, while bombs killed 21 people in Baghdad.",
    ],
)
def test_each_clause_of_a_sentence_types_its_own_place(sentence: str) -> None:
    # The bombs are nearer Kirkuk than the attack is, but they went off in Baghdad.
    kirkuk = sentence.index("Kirk")
    assert event_type_at(sentence, kirkuk) == "attack"
    assert event_type_at(sentence, sentence.index("Ba")) == "ied"


@pytest.mark.parametrize(
    "sentence",
    [
        "Mortar shells landed near a ministry in Mogadishu on Sunday, hours after two blasts in Beledweyne.",
        "Rockets hit the airport in Erbil, two days after an explosion in Kirkuk.",
        "Des obus de mortier sont tombés dimanche à Mogadiscio, quelques heures après deux explosions à Beledweyne.",
        "Des roquettes ont visé l'aéroport d'Erbil, au lendemain d'une explosion à Kirkouk.",
    ],
)
def test_the_event_an_event_came_after_is_typed_in_its_own_clause(sentence: str) -> None:
    # The blast in the second town is no weapon's: the shells or rockets fell on the first.
    first, second = ("Mogad", "Beled") if "Mogad" in sentence else ("Erbil", "Kirk")
    assert event_type_at(sentence, sentence.index(first)) == "shelling"
    assert event_type_at(sentence, sentence.index(second)) == "ied"


@pytest.mark.parametrize(
    ("sentence", "first", "second", "second_kind"),
    [
        (
            "The group fired rockets at Metula in response to the enemy's targeting of homes in Khiam.",
            "Metula",
            "Khiam",
            "attack",
        ),
        (
            "Des roquettes ont visé Metula, en représailles aux frappes aériennes sur Khiam.",
            "Metula",
            "Khiam",
            "air_drone_strike",
        ),
    ],
)
def test_what_an_attack_answers_is_typed_in_its_own_clause(
    sentence: str, first: str, second: str, second_kind: EventType
) -> None:
    # The rockets are the answer's weapon, not the weapon of the event it answers.
    assert event_type_at(sentence, sentence.index(first)) == "shelling"
    assert event_type_at(sentence, sentence.index(second)) == second_kind


@pytest.mark.parametrize(
    ("sentence", "retold"),
    [
        ("Taliban spokesman Zabihullah Mujahid claimed responsibility for the attack in Kunduz.", True),
        (
            "Jalalabad est le fief de l'EI, qui avait revendiqué l'attentat qui a tué 100 personnes à l'aéroport "
            "de Kaboul fin août.",
            True,
        ),
        # The event itself, claimed: told, not retold.
        ("Un attentat revendiqué par les talibans a visé un minibus à Kaboul.", False),
        ("A suicide bomber killed 10 in Kabul, and IS claimed the attack.", False),
        ("So far there has been no claim of responsibility for the attack in Herat.", False),
        # A claim that tells other attacks, at their places.
        (
            "Le groupe a revendiqué l'attaque survenue peu après celles menées contre deux convois dans la "
            "province de Kunduz.",
            False,
        ),
    ],
)
def test_a_claim_retells_the_event_it_claims(sentence: str, retold: bool) -> None:
    places = [sentence.index(name) for name in ("Kunduz", "Kaboul", "Herat", "Kabul") if name in sentence]
    assert claims_retold_event(sentence, triggers(sentence), places) is retold


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials say a suicide car bomber struck the police compound in Naway district, blasting through the gates.",
        "A truck bomber rammed a checkpoint outside Baiji on Sunday.",
    ],
)
def test_a_car_bomber_is_no_aircraft(sentence: str) -> None:
    place = sentence.index("Naway") if "Naway" in sentence else sentence.index("Baiji")
    assert event_type_at(sentence, place) in ("suicide_bomb", "ied")


@pytest.mark.parametrize(
    "sentence",
    ["5 morts alors que la Russie pilonne la région de Donetsk", "Russia pounds the Donetsk region, killing five"],
)
def test_a_pounding_is_shelling(sentence: str) -> None:
    assert event_type(sentence) == "shelling"
