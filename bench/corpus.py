"""A reproducible corpus of realistic news articles, made from the seeds and the test corpus.

The sentences of ``seeds/*.txt`` and ``tests/corpus/articles/*.txt`` (when that folder exists) are
recombined, per language, with incident reports written in their style. In every sentence the names of
towns, provinces and bases of Iraq and Syria (found once, with geomap's own matcher) are swapped for
names from a fixed list, and dates and weekdays for random ones. Some names of the list are ones the
gazetteer does not match on their own (an airport's town name, a missing place), as in real articles:
those send their sentence to the NER fallback.

Article ``i`` is drawn from its own generator, ``random.Random(f"{seed}-{i}")``: the first N articles of a
bigger corpus are the N articles of a smaller one, and two runs write the same bytes.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import ArticleError
from geomap.read.articles import read_article
from geomap.read.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "seeds", ROOT / "tests" / "corpus" / "articles")
DEFAULT_SEED = 20210405
#: Share of generated articles in English (the seeds, the tool's real input, are French).
ENGLISH_SHARE = 0.2
LANGUAGES = ("fr", "en")

# fmt: off
#: Places, as French and English articles write them, by the kind of slot they fill.
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "town": (
            "Bagdad", "Bassora", "Falloujah", "Ramadi", "Tikrit", "Samarra", "Nadjaf", "Kerbala", "Hilla",
            "Diwaniyah", "Kout", "Nassiriya", "Amara", "Baqouba", "Souleimaniye", "Dohouk", "Al-Qaïm",
            "Haditha", "Balad", "Abou Ghraib", "Youssoufiyah", "Sinjar", "Jurf al-Sakhar", "Harir", "Mossoul",
            "Kirkouk", "Erbil", "Taji", "Tal Afar", "Damas", "Alep", "Homs", "Hama", "Idleb", "Raqqa",
            "Hassaké", "Qamichli", "Palmyre", "Boukamal", "Mayadine", "Lattaquié", "Tartous", "Deraa",
            "Manbij", "Kobané", "Afrin", "Chaddadi", "Deir ez-Zor",
        ),
        "province": (
            "Anbar", "Ninive", "Diyala", "Salah al-Din", "Babil", "Bagdad", "Kirkouk", "Bassora",
            "Deir ez-Zor", "Hassaké", "Idleb", "Alep", "Dhi Qar",
        ),
        "base": ("Aïn al-Asad", "Harir", "Victory", "Al-Tanf", "Conoco", "Omar", "Balad"),
        "airport": ("Bagdad", "Erbil", "Bassora", "Damas", "Alep"),
    },
    "en": {
        "town": (
            "Baghdad", "Basra", "Fallujah", "Ramadi", "Tikrit", "Samarra", "Najaf", "Karbala", "Hillah",
            "Diwaniyah", "Kut", "Nasiriyah", "Baqubah", "Sulaymaniyah", "Duhok", "Al-Qaim", "Haditha", "Balad",
            "Abu Ghraib", "Sinjar", "Jurf al-Sakhar", "Mosul", "Kirkuk", "Erbil", "Taji", "Tal Afar",
            "Damascus", "Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Hasakah", "Qamishli", "Palmyra",
            "Albu Kamal", "Mayadin", "Latakia", "Tartus", "Daraa", "Manbij", "Kobani", "Afrin", "Shaddadi",
            "Deir ez-Zor",
        ),
        "province": (
            "Anbar", "Nineveh", "Diyala", "Salahuddin", "Babil", "Baghdad", "Kirkuk", "Basra", "Deir ez-Zor",
            "Hasakah", "Idlib", "Aleppo", "Dhi Qar",
        ),
        "base": ("Ain al-Asad", "Harir", "Victory", "Al-Tanf", "Conoco", "Omar", "Balad"),
        "airport": ("Baghdad", "Erbil", "Basra", "Damascus", "Aleppo"),
    },
}
ACTORS: tuple[str, ...] = (
    "Ashab al-Kahf", "Qasim al-Jabarin", "Saraya Awliya al-Dam", "Daech", "Kataeb Hezbollah",
)
OUTLETS: tuple[str, ...] = ("French Press TV", "Saberin News", "Al-Ahed News", "Al Mayadeen", "Reuters")
MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

#: Incident reports in the style of the seeds and of the test corpus ({town}, {province}, {base},
#: {airport}, {actor}, {date}, {day}, {n}): they make incidents as common as in the news geomap is for.
INCIDENT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Un convoi logistique de l’armée américaine a été pris pour cible à {town} le {date}.",
        "Ce {day}, un engin explosif a visé un convoi transportant du matériel pour les troupes américaines"
        " à {town}, dans la province de {province}.",
        "Plusieurs roquettes se sont abattues sur la base aérienne de {base} dans la nuit de {day}.",
        "Deux drones ont visé l’aéroport de {airport} le {date}, selon des sources sécuritaires.",
        "Le groupe {actor} a revendiqué l’attaque menée contre un convoi militaire près de {town}.",
        "Des affrontements ont éclaté entre les forces de sécurité et des hommes armés à {town} {day} soir.",
        "Une frappe aérienne a touché un dépôt d’armes près de {town}, faisant {n} morts.",
        "Des tirs de mortier ont visé la base {base} le {date}, a rapporté Saberin News.",
        "Une bombe placée au bord de la route a explosé au passage d’une patrouille à {town}.",
        "Les forces américaines stationnées à {base} ont été la cible de {n} roquettes {day}.",
        "Un drone a frappé un véhicule à la sortie de {town}, dans le gouvernorat de {province}, tuant {n}"
        " combattants.",
        "Une attaque à la roquette a visé les environs de l’aéroport de {airport} {day} matin.",
        "Des combattants de {actor} ont tendu une embuscade à une patrouille près de {town}.",
        "L’explosion d’une voiture piégée a fait {n} blessés à {town} le {date}.",
    ),
    "en": (
        "A roadside bomb hit a coalition supply convoy near {town} on {date}, a security source said.",
        "At least {n} rockets struck the {base} air base on {day} morning, the coalition said.",
        "A drone strike targeted a vehicle outside {town} in {province} province, killing {n} fighters.",
        "Two rockets landed near {airport} airport on {day} night, police said.",
        "Clashes broke out between security forces and gunmen in {town} on {date}.",
        "Militants attacked an army checkpoint near {town}, wounding {n} soldiers.",
        "A car bomb exploded in a crowded market in {town} on {day}, killing {n} people.",
        "{actor} claimed the attack on a convoy in {town}.",
    ),
}
#: Sentences that name places without reporting an incident there (venues, politics).
CONTEXT_TEMPLATES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Lors d’une conférence de presse à {town}, le porte-parole a dénoncé la présence des forces étrangères.",
        "Une délégation irakienne s’est rendue à {town} pour des pourparlers avec les autorités locales.",
        "Les habitants de {town} réclament depuis des mois le départ des troupes américaines.",
        "Le gouverneur de {province} a appelé au calme après les événements du {date}.",
        "Selon des sources locales à {town}, la situation reste tendue.",
    ),
    "en": (
        "Speaking at a news conference in {town}, the spokesman called for calm.",
        "A delegation travelled to {town} for talks with local officials on {day}.",
        "Residents of {town} have long demanded the withdrawal of foreign troops.",
        "The governor of {province} said the situation was under control.",
    ),
}
TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Irak : un convoi américain pris pour cible à {town}",
        "Nouvelle attaque contre la base de {base}",
        "Syrie : frappes de drones près de {town}",
        "La chasse aux troupes américaines s’intensifie en Irak",
        "Roquettes sur l’aéroport de {airport} : la Résistance revendique",
        "Négociations stratégiques avec Bagdad : ce qui a changé depuis le {date}",
    ),
    "en": (
        "Rockets hit air base hosting coalition troops in {province}",
        "Roadside bomb hits supply convoy near {town}",
        "Drone strike kills fighters near {town}",
        "Iraq and US resume strategic talks",
    ),
}
# fmt: on

_SLOT = re.compile(r"\{(town|province|base|airport)\}")
_FR_DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:er)?\s+(?P<month>" + "|".join(MONTHS["fr"]) + r")(?P<year>\s+\d{4})?\b", re.I
)
_EN_DATE = re.compile(
    r"\b(?P<month>" + "|".join(MONTHS["en"]) + r")\s+(?P<day>\d{1,2})(?P<year>,\s+\d{4})?\b"
)
_WEEKDAY = {lang: re.compile(r"\b(?:" + "|".join(days) + r")\b", re.I) for lang, days in WEEKDAYS.items()}
_VOWEL = re.compile(r"^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ]")
#: Capitals named for their governments ("Bagdad et Washington") keep their name unless a locative
#: preposition says they are where something happened.
_CAPITALS = frozenset({"Baghdad", "Damascus", "Baghdād", "Dimashq"})
_LOCATIVE_CUE = re.compile(r"(?:^|\s)(?:à|près de|in|near|at|outside)$", re.I)
_KIND_OF_PRECISION = {"locality": "town", "admin1": "province", "point": "base"}


@dataclass(frozen=True, slots=True)
class SentencePool:
    """Sentence templates per language (place names replaced by slots), titles, and their sources."""

    sentences: dict[str, tuple[str, ...]]
    titles: dict[str, tuple[str, ...]]
    sources: tuple[str, ...]


def _templated(text: str, lang: str) -> str:
    """``text`` with braces escaped and its Iraqi and Syrian place names replaced by slots."""
    from geomap.extract.mentions import find_mentions
    from geomap.places.gazetteer import open_gazetteer
    from geomap.places.resolvers import Context, GazetteerResolver
    from geomap.records import Sentence
    from geomap.settings import Settings

    settings = Settings.from_env()
    gazetteer = open_gazetteer(settings)
    resolver = GazetteerResolver(settings=settings, gazetteer=gazetteer)
    out: list[str] = []
    pos = 0
    for m in find_mentions(Sentence.lone(text), gazetteer=gazetteer):
        place = resolver.resolve(m.text, context=Context(countries=("IQ", "SY"), hint=m.hint))
        if place is None or place.country not in ("IQ", "SY") or place.precision not in _KIND_OF_PRECISION:
            continue
        if place.canonical in _CAPITALS and not _LOCATIVE_CUE.search(m.cue):
            continue
        kind = "airport" if m.hint == "airport" else _KIND_OF_PRECISION[place.precision]
        out.append(text[pos : m.start].replace("{", "{{").replace("}", "}}"))
        out.append("{" + kind + "}")
        pos = m.end
    out.append(text[pos:].replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def load_pool(source_dirs: Sequence[Path] = SOURCE_DIRS) -> SentencePool:
    """Every sentence of every readable article in ``source_dirs``, by language, as templates."""
    sentences: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    titles: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    sources: list[str] = []
    for folder in source_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            try:
                article = read_article(path)
            except ArticleError:
                continue
            if article.lang not in LANGUAGES:
                continue
            sources.append(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
            titles[article.lang].append(_templated(article.title, article.lang))
            for s in split_sentences(article.body):
                if len(s.text) > 25 and s.text != article.title:
                    sentences[article.lang].append(_templated(s.text, article.lang))
    if not sentences["fr"]:
        raise SystemExit(f"no French article found in {', '.join(map(str, source_dirs))}")
    return SentencePool(
        sentences={lang: tuple(dict.fromkeys(s)) for lang, s in sentences.items()},
        titles={lang: tuple(t) for lang, t in titles.items()},
        sources=tuple(sources),
    )


def _date(rng: random.Random, lang: str, *, year: bool = True) -> str:
    day, month, y = rng.randint(1, 28), rng.choice(MONTHS[lang]), rng.randint(2019, 2023)
    if lang == "en":
        return f"{month} {day}, {y}" if year else f"{month} {day}"
    text = f"{'1er' if day == 1 else day} {month}"
    return f"{text} {y}" if year else text


def _fix_elision(text: str) -> str:
    """French elision before a filled-in name: "d’Bagdad" -> "de Bagdad", "de Alep" -> "d’Alep"."""

    def fix(m: re.Match[str]) -> str:
        d = m.group()[0]
        return f"{d}’" if _VOWEL.match(m.string[m.end() :]) else f"{d}e "

    return re.sub(r"\b[dD](?:[’']|e )(?=[A-ZÀ-Ý])", fix, text)


def _fill(template: str, rng: random.Random, lang: str) -> str:
    places = PLACES[lang]
    filled = template.format(
        town=rng.choice(places["town"]),
        province=rng.choice(places["province"]),
        base=rng.choice(places["base"]),
        airport=rng.choice(places["airport"]),
        actor=rng.choice(ACTORS),
        date=_date(rng, lang, year=rng.random() < 0.6),
        day=rng.choice(WEEKDAYS[lang]),
        n=rng.randint(2, 12),
    )
    return _fix_elision(filled) if lang == "fr" else filled


def _swap_dates(text: str, rng: random.Random, lang: str) -> str:
    pattern = _FR_DATE if lang == "fr" else _EN_DATE
    text = pattern.sub(lambda m: _date(rng, lang, year=bool(m.group("year"))), text)

    def weekday(m: re.Match[str]) -> str:
        day = rng.choice(WEEKDAYS[lang])
        return day.capitalize() if m.group()[0].isupper() else day

    return _WEEKDAY[lang].sub(weekday, text)


def _sentence(template: str, rng: random.Random, lang: str) -> str:
    # Dates are swapped first: a filled-in name never looks like a date, and braces are still escaped.
    return _fill(_swap_dates(template, rng, lang), rng, lang)


def article_text(index: int, pool: SentencePool, *, seed: int = DEFAULT_SEED) -> tuple[str, str]:
    """Article ``index`` and its language: a headline, 8 to 24 sentences in paragraphs, sometimes YAML
    front matter, a "Lire aussi" link and a source line, like the seeds."""
    rng = random.Random(f"{seed}-{index}")
    lang = "en" if rng.random() < ENGLISH_SHARE and pool.sentences["en"] else "fr"
    own_titles = pool.titles[lang]
    if own_titles and rng.random() < 0.3:
        title = _sentence(rng.choice(own_titles), rng, lang)
    else:
        title = _fill(rng.choice(TITLE_TEMPLATES[lang]), rng, lang)
    sentences: list[str] = []
    for _ in range(rng.randint(8, 24)):
        draw = rng.random()
        if draw < 0.62:
            sentences.append(_sentence(rng.choice(pool.sentences[lang]), rng, lang))
        elif draw < 0.87:
            sentences.append(_fill(rng.choice(INCIDENT_TEMPLATES[lang]), rng, lang))
        else:
            sentences.append(_fill(rng.choice(CONTEXT_TEMPLATES[lang]), rng, lang))
    paragraphs: list[str] = []
    while sentences:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    lines = [title, ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    if rng.random() < 0.3:
        related = "Lire aussi" if lang == "fr" else "Read more"
        lines.insert(len(lines) // 2, f"{related} : {_fill(rng.choice(TITLE_TEMPLATES[lang]), rng, lang)}\n")
    if rng.random() < 0.4:
        lines.append(f"SOURCE: {rng.choice(OUTLETS).upper()}")
    text = "\n".join(lines).rstrip() + "\n"
    if rng.random() < 0.25:
        published = f"{rng.randint(2019, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title_yaml = title.replace('"', "'")
        text = (
            f'---\ntitle: "{title_yaml}"\nsource: {rng.choice(OUTLETS)}\npublished: {published}\n---\n{text}'
        )
    return text, lang


_POOL: SentencePool | None = None


def default_pool() -> SentencePool:
    global _POOL
    if _POOL is None:
        _POOL = load_pool()
    return _POOL


def write_corpus(
    folder: Path, count: int, *, seed: int = DEFAULT_SEED, pool: SentencePool | None = None, start: int = 0
) -> list[Path]:
    """Write articles ``start`` .. ``start + count - 1`` to ``folder``; returns their paths, in order."""
    pool = pool or default_pool()
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    seen = {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("bench_*.txt")}
    for index in range(start, start + count):
        text, lang = article_text(index, pool, seed=seed)
        extra = 0  # a text already in the folder (vanishingly rare) gets sentences until it is unique
        while (digest := hashlib.sha256(text.encode()).hexdigest()) in seen:
            extra += 1
            rng = random.Random(f"{seed}-{index}-{extra}")
            text += _fill(rng.choice(CONTEXT_TEMPLATES[lang]), rng, lang) + "\n"
        seen.add(digest)
        path = folder / f"bench_{index:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
