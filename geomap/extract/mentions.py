"""Find place names in a sentence: gazetteer matching over normalised word n-grams, plus qualifiers.

A name starts at a capitalised word (or at an Arabic article joined by a hyphen: "al-Yusifiyah"); the
longest run of up to six words whose key is in the gazetteer wins. Matching is a dictionary hit per
candidate run, never a scan of the gazetteer. Around each name the module reads what the sentence says
of it: a qualifier ("la base", "l'aéroport de", "les provinces de", "Anbar province"), the words that
introduce it ("à", "près de", "in"), and containment ("X dans la province de Y").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from geomap import lexicon
from geomap.extract.gaps import KIND_IN_APPOSITION
from geomap.extract.starts import Prefiltered
from geomap.extract.tail import TailPattern
from geomap.places.gazetteer import Gazetteer
from geomap.places.names import ARABIC_ARTICLES, QUALIFIER_KINDS, joined_key, qualifier_hint
from geomap.records import Mention, Sentence

_LEXICON = lexicon.load()
MAX_WORDS = 6
_WORD = re.compile(r"[^\W_](?:[\w]|['’](?=\w))*", re.UNICODE)
_JOINERS = re.compile(r"^(?:\s{1,2}|-|\s?-\s?|['’])$")
_ELISION = _LEXICON.words("mentions.elision")

#: Function words, weekdays, months and compass words: never a place name on their own.
STOP_WORDS = _LEXICON.words("mentions.stop_words")
_STOP = STOP_WORDS

# Words between a determiner and what it determines, not of a name: "the northern city of Mosul".
_ADJECTIVES = _LEXICON.alt("mentions.adjectives")

_QUALIFIER_BEFORE = re.compile(
    r"(?:\b" + _LEXICON.alt("mentions.determiners") + r"(?:" + _ADJECTIVES + r"\s+){0,3}|\b"
    + _LEXICON.alt("mentions.elided_determiners") + r")?"
    r"\b(?P<q>" + _LEXICON.groups("qualifiers.before", QUALIFIER_KINDS) + r")"
    # "la ville turque de", "la province occidentale d'": a French adjective only before "de".
    r"(?:\s+(?!" + _LEXICON.alt("mentions.not_adjectives") + r"\b)[a-zà-ÿ][a-zà-ÿ\-]{3,}\s+"
    + _LEXICON.alt("mentions.qualifier_of") + "|\\s+" + _LEXICON.alt("mentions.qualifier_of") + r"?"
    # "sur une autre base aérienne, Balad, et", "une autre ville irakienne, Tikrit,": named in apposition.
    + r"|(?:\s+(?!" + _LEXICON.alt("mentions.not_adjectives") + r"\b)[a-zà-ÿ][a-zà-ÿ\-]{3,})?"
    + r"(?P<apposition>\s*,\s+))$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(
    r"^(?:['’]s\s+(?:" + _LEXICON.alt("mentions.possessive_qualifier_adjectives") + r"\s+)?"
    # "Erbil's airport", "Balad's air base": a possessive before a site only.
    r"(?=" + _LEXICON.alt("qualifiers.after.base") + "|" + _LEXICON.alt("qualifiers.after.airport") + r")|\s+)"
    r"(?P<q>" + _LEXICON.groups("qualifiers.after", QUALIFIER_KINDS) + r")\b",
    re.IGNORECASE,
)
_SITE_IN_AT_END = TailPattern(
    re.compile(r"\b(?P<q>" + _LEXICON.groups("qualifiers.site_in", QUALIFIER_KINDS) + r")$", re.IGNORECASE)
)
# "les provinces de X et de Y", "in X and Y provinces": a plural qualifier names every place of the list.
_PLURAL_QUALIFIER = re.compile(r"\b" + _LEXICON.alt("qualifiers.plural") + r"\b", re.I)
_ENUMERATION = re.compile(  # (a bearing in brackets may follow a name: "les régions de Kharkiv (nord), Sumy")
    r"^\s*(?:\([^()]{1,30}\)\s*)?(?:,|" + "|".join(_LEXICON.entries("mentions.list_joiners")) + r")\s*"
    + _LEXICON.alt("mentions.list_of") + "?" + _LEXICON.alt("mentions.list_determiners") + r"?$",
    re.I,
)
_CONTAINMENT = re.compile(
    r"^\s*,?\s*" + _LEXICON.alt("mentions.containment") + r"\s+" + _LEXICON.alt("mentions.container_determiners")
    + "?" + _LEXICON.alt("mentions.containers") + r"?\s*" + _LEXICON.alt("mentions.container_of") + "?$",
    re.IGNORECASE,
)
# "Baghdad's heavily fortified Green Zone", "the al-Jadriya district of Baghdad", "la zone verte de Bagdad",
# "l'ambassade américaine à Bagdad": the second (or, for the possessive, first) name is the container.
POSSESSIVE = re.compile(r"^['’]s\s+(?:[a-z][\w\-]*\s+){0,3}$")
_PART_OF = re.compile(
    r"^\s+(?:" + _LEXICON.alt("mentions.part_nouns") + r"\s+)?" + _LEXICON.alt("mentions.part_of")
    + r"\s*" + _LEXICON.alt("mentions.part_of_determiners") + "?$",
    re.IGNORECASE,
)
# Determiners, adjectives and possessive names between a preposition and a place: skipped to find the cue.
_CUE_FILLER = re.compile(
    r"(?:\s*\b" + _LEXICON.alt("mentions.cue_fillers")
    + r"|\s*\b" + _ADJECTIVES + r"|\s*\b[A-ZÀ-Ý][\w\-]*['’]s|\s*[\"“”«»]"
    + r"|\s*\b" + _LEXICON.alt("not_places.demonyms") + r")\s*$",  # "the Somali capital, Mogadishu"
    re.IGNORECASE,
)
_CUE = re.compile(r"((?:[\w’'\-]+\s+){0,3}[\w’'\-]+)\s*$")
_SUBDIVISION = re.compile(_LEXICON.alt("qualifiers.subdivisions"), re.IGNORECASE)
# An unnamed part of a town: "a residential area of", "un quartier résidentiel de" (not "le quartier de X").
_UNNAMED_PART = re.compile(
    r"\b" + _LEXICON.alt("qualifiers.unnamed_part_determiners") + r"\s+(?:[a-zà-ÿ\-]+\s+){0,2}$", re.IGNORECASE
)
# "the village of", "le village de": a qualifier of a populated place, after which any place name is
# looked for, not only those found anywhere (the villages of geomap/tools/postal_villages.py).
_LOCALITY_WORD = re.compile(_LEXICON.alt("qualifiers.before.locality"), re.IGNORECASE)
# "the Krasnopillia community": a name of one or two words, then a qualifier of a populated place after it.
_LOCALITY_SUFFIX = re.compile(
    r"[\w’'\-]+(?:\s+[A-ZÀ-Ý][\w’'\-]*)?\s+" + _LEXICON.alt("qualifiers.after.locality") + r"\b", re.IGNORECASE
)
_NAME_BEFORE = re.compile(r"(?:\b[A-ZÀ-Ý][\w’'\-]*|\b[a-z]{1,3}-[A-ZÀ-Ý][\w’'\-]*)\s+$")
# Searched only after the last character none of their matches can hold (see geomap.extract.tail): they run
# for every name found, and each would otherwise try the lexicon's alternations at every word of the text.
_QUALIFIER_BEFORE_AT_END = TailPattern(_QUALIFIER_BEFORE)
_NAME_BEFORE_AT_END = TailPattern(_NAME_BEFORE)
_CUE_FILLER_AT_END = TailPattern(_CUE_FILLER)
_CUE_AT_END = TailPattern(_CUE)
#: What joins the names of a list: a comma, "and", "et", "ou", ", and".
_JOINER_WORDS = "|".join(w for w in _LEXICON.entries("mentions.list_joiners") if w.isalpha())
LIST_JOINER = r"\s*(?:,(?:\s*(?:" + _JOINER_WORDS + r")\b)?|\s(?:" + _JOINER_WORDS + r")\b)\s*"
#: One name of a list, up to four words (an Arabic article may open one: "al-Bab"); LISTED_NAME, with its joiner.
LIST_NAME = r"(?-i:[A-ZÀ-Ý]|[a-z]{1,3}-[A-ZÀ-Ý])[\w’'\-]*(?:\s+(?-i:[A-ZÀ-Ý]|[a-z]{1,3}-[A-ZÀ-Ý])[\w’'\-]*){0,3}"
LISTED_NAME = LIST_NAME + r"\s*" + LIST_JOINER
# "Antonivka, Sadove, Komyshany, and Kherson": a list of names, each after the joiner before it.
_LIST_RUN = re.compile(r"(?<![\w’'\-])(?:" + LISTED_NAME + r")+" + LIST_NAME, re.I)
_JOINER_WORD = re.compile(r"\s(?:" + _JOINER_WORDS + r")\s", re.I)
# "à Qazali, Tal Rif'at et Zarkan", "les villages d'Aitaroun et": the names of a list before this one.
_LIST_JOINERS_AT_END = re.compile(LIST_JOINER + "$", re.I)
_LISTED_NAMES_AT_END = re.compile(r"(?:(?:(?<![\w’'\-])|(?<=\b[dl]['’]))" + LISTED_NAME + r")+$", re.I)
# Common nouns that head the names of sites written in lower case: "la zone verte", "l'ambassade américaine".
_LANDMARK_HEADS = _LEXICON.words("mentions.landmark_heads")
# "the Somali capital": the capital its country's adjective names, unless the name follows ("the Somali
# capital, Mogadishu") or comes first: then the name is the mention, as it would be without the phrase.
_CAPITAL_WORDS = _LEXICON.words("mentions.capital_words")
_CAPITAL_NAMED_AFTER = re.compile(_LEXICON.alt("mentions.capital_named_after"))
_CAPITAL_NAMED_BEFORE = re.compile(_LEXICON.alt("mentions.capital_named_before"))
# A dotted abbreviation ("U.S.") is one word; a word ends before a closing apostrophe.
_DOTTED = r"(?:[A-Z]\.){2,}"
_SHOUTED = re.compile(r"^[A-Z]{1,4}$")  # "EI", "SANA", "RAM": acronyms, not place names
_TITLE_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'\-]*")
# In a headline written in title case, capitals say nothing: a name must follow one of these.
_TITLE_CUE = re.compile(r"(?:^|\s)" + _LEXICON.alt("mentions.headline_cues") + r"\s*$", re.IGNORECASE)
# Names of people and groups where a place would be: "le régime Assad", "Haftar forces", "Hashd al-Chaabi".
_NOT_PLACE_BEFORE = TailPattern(re.compile(r"\b" + _LEXICON.alt("not_places.before") + "$", re.IGNORECASE))
# The Arabic article that opens a name, joined or not: "du groupe al-Noujaba" is a group's name after "groupe".
_ARTICLES = "|".join(sorted(ARABIC_ARTICLES, key=len, reverse=True))
_ARTICLE_AT_END = TailPattern(re.compile(r"\b(?:" + _ARTICLES + r")[\-\s]$", re.I))
_NOT_PLACE_AFTER = re.compile("^" + _LEXICON.alt("not_places.after") + r"\b", re.IGNORECASE)
# Groups and the waters ("the Red Sea"): never a place of land.
_GROUP_NAMES = re.compile(
    r"\b(?:" + _LEXICON.alt("not_places.names") + "|" + _LEXICON.alt("not_places.waters") + r")\b", re.IGNORECASE
)
# Searched only in a sentence that holds the first word of one of them (most hold none).
_GROUPS = Prefiltered(_GROUP_NAMES)
# A people named alone ("a Somali army base"), not inside a name ("Tal Afar").
_DEMONYM = re.compile(_LEXICON.alt("not_places.demonyms") + r"\b")
# Transliterations that French writes otherwise than English ("ch" and "dj" for "sh" and "j").
_TRANSLITERATION: dict[str, str] = _LEXICON.mapping("names.french_to_english")
_FRENCH_SPELLING = re.compile("|".join(map(re.escape, _TRANSLITERATION)))


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


_WORD_OR_ABBREVIATION = re.compile(_DOTTED + "|" + _WORD.pattern, re.UNICODE)


def _tokens(sentence: str) -> list[_Token]:
    out = []
    for m in _WORD_OR_ABBREVIATION.finditer(sentence):
        word, start = m.group(), m.start()
        # French elision (d'al-Diwaniyah, l'Irak): the name starts after the apostrophe.
        head, sep, tail = word.partition("’") if "’" in word else word.partition("'")
        if sep and head.lower() in _ELISION and tail:
            out.append(_Token(head, start, start + len(head)))
            word, start = tail, start + len(head) + 1
        if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
            word = word[:-2]  # English possessive: "Erbil's airport", "Iraq's western Anbar province"
        out.append(_Token(word, start, start + len(word)))
    return out


def _can_start(tokens: list[_Token], i: int, sentence: str) -> bool:
    word = tokens[i].text
    if i + 1 < len(tokens) and word.lower() in _ELISION and sentence[tokens[i].end] in "'’":
        return False  # "L'Irak": the name starts after the apostrophe
    if (
        i > 0
        and sentence[tokens[i - 1].end : tokens[i].start] == "-"
        and tokens[i - 1].text.lower() in ARABIC_ARTICLES
    ):
        return False  # "al-Ameri" starts at its article, so that the whole name is judged
    if word.lower() in ARABIC_ARTICLES and word.lower() in _STOP:
        # Sentence-initial "En", "As", "At" are French and English words unless joined: "as-Sulaymaniyah".
        return i + 1 < len(tokens) and sentence[tokens[i].end : tokens[i + 1].start] == "-"
    if word[0].isupper():
        return word.lower() not in _STOP or len(tokens) > i + 1
    if word.lower() in _LANDMARK_HEADS:
        return i + 1 < len(tokens)  # "la zone verte", "l'ambassade américaine": only as a longer name
    # "al-Yusifiyah": a lower-case Arabic article joined by a hyphen to a capitalised word.
    return (
        word.lower() in ARABIC_ARTICLES
        and i + 1 < len(tokens)
        and sentence[tokens[i].end : tokens[i + 1].start] == "-"
        and tokens[i + 1].text[:1].isupper()
    )


def _is_name_word(token: _Token) -> bool:
    return token.text[:1].isupper() and token.text.lower() not in _STOP


def _is_title_case(sentence: str) -> bool:
    """A headline in title case ("Rockets Hit Iraqi Air Base in Anbar"): capitals do not mark names. A
    headline does not end with a full stop; a sentence that does is prose, however many names it holds."""
    if sentence.rstrip().endswith((".", "!", "?", "»", '"', "”")) and not sentence.rstrip().endswith("..."):
        return False
    words = [w for w in _TITLE_WORD.findall(sentence) if len(w) > 3 and w.lower() not in _STOP]
    if len(words) < 4:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


def find_mentions(unit: Sentence, *, gazetteer: Gazetteer, article_id: str = "") -> list[Mention]:
    """The place names of one sentence, in order, with their qualifiers, cues and containment."""
    sentence = unit.text
    tokens = _tokens(sentence)
    title_case = _is_title_case(sentence)
    groups = _group_spans(sentence)
    joined = _joined(tokens, sentence)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not _can_start(tokens, i, sentence):
            i += 1
            continue
        match = _longest_match(tokens, i, sentence, gazetteer, joined)
        if match is None and (
            _after_locality_qualifier(tokens, i, sentence) or _LOCALITY_SUFFIX.match(sentence, tokens[i].start)
        ):
            match = _longest_match(tokens, i, sentence, gazetteer, joined, qualified=True)
        if match is None:
            i += 1
            continue
        j, role = match  # tokens i..j-1
        start, end = tokens[i].start, tokens[j - 1].end
        mention = describe(unit, start, end, article_id=article_id)
        # An airport's town name ("core") counts only after "aéroport de"; a person's name is no place.
        airport_town = role == "core" and mention.hint not in ("base", "airport")
        headline_word = title_case and not _named_in_headline(sentence, mention, tokens, i, j)
        if (
            not airport_town
            and not headline_word
            and not _part_of_longer_name(tokens, i, j, sentence)
            and not names_people(sentence, start, end, groups)
            and not _capital_named_beside(tokens, i, j, sentence)
        ):
            found.append(mention)
            i = j
        else:
            i += 1
    if found and ("," in sentence or _JOINER_WORD.search(sentence)):
        found = sorted([*found, *_listed_with(found, tokens, unit, gazetteer, joined)], key=lambda m: m.start)
    return link_mentions(sentence, found)


def _listed_with(
    found: list[Mention], tokens: list[_Token], unit: Sentence, gazetteer: Gazetteer, joined: list[bool]
) -> list[Mention]:
    """The names of a list that also names a place found: "Antonivka, Sadove, Komyshany, and Kherson came
    under fire" names villages (not matchable alone: Ukraine's villages are often common words) beside Kherson."""
    sentence = unit.text
    out: list[Mention] = []
    for run in _LIST_RUN.finditer(sentence):
        if not any(run.start() <= m.start < run.end() for m in found):
            continue
        starts = [
            k
            for k, t in enumerate(tokens)
            if run.start() <= t.start < run.end()
            and (t.start == run.start() or _LIST_JOINERS_AT_END.search(sentence[max(0, t.start - 8) : t.start]))
            and not any(m.start <= t.start < m.end for m in found)
        ]
        for k in starts:
            match = _longest_match(tokens, k, sentence, gazetteer, joined, qualified=True)
            if match is None:
                continue
            start, end = tokens[k].start, tokens[match[0] - 1].end
            if not names_people(sentence, start, end):
                out.append(replace(describe(unit, start, end), article_id=found[0].article_id, detector="list"))
    return out


def _capital_named_beside(tokens: list[_Token], i: int, j: int, sentence: str) -> bool:
    """Whether tokens i..j-1 name a capital by its country's adjective, with its name just after or before."""
    after, before = tokens[j - 1].end, sentence[: tokens[i].start]
    return any(tokens[k].text.lower() in _CAPITAL_WORDS for k in range(i, j)) and bool(
        _CAPITAL_NAMED_AFTER.match(sentence, after) or _CAPITAL_NAMED_BEFORE.search(before)
    )


def _group_spans(sentence: str) -> list[tuple[int, int]]:
    """Where ``sentence`` names a group or a water (``_GROUP_NAMES.finditer``)."""
    return [m.span() for m in _GROUPS.finditer(sentence, sentence.lower())]


def names_people(sentence: str, start: int, end: int, groups: list[tuple[int, int]] | None = None) -> bool:
    """Whether ``sentence[start:end]`` names people or a group, not a place: "the Assad regime", "les forces
    de Haftar", "a London-based group", "Hashd al-Chaabi" (``groups``: spans of group names, if known)."""
    if groups is None:
        groups = _group_spans(sentence)
    demonym = _DEMONYM.match(sentence, start)
    return (
        any(g_start < end and start < g_end for g_start, g_end in groups)
        or (demonym is not None and demonym.end() == end)
        or _NOT_PLACE_BEFORE.search(_ARTICLE_AT_END.without_match(sentence[:start])) is not None
        or _NOT_PLACE_AFTER.match(sentence[end:]) is not None
    )


def _named_in_headline(sentence: str, mention: Mention, tokens: list[_Token], i: int, j: int) -> bool:
    """In a title-case headline, a name needs a qualifier, a joined article, or a preposition before it."""
    if mention.hint is not None or any(
        sentence[tokens[k].end : tokens[k + 1].start] == "-" for k in range(i, j - 1)
    ):
        return True
    before = sentence[: mention.start - (len(mention.qualified_text) - len(mention.text))]
    return bool(_TITLE_CUE.search(strip_fillers(before)))


def _joined(tokens: list[_Token], sentence: str) -> list[bool]:
    """Whether each token is joined to the next one as words of one name are (a space, a hyphen...)."""
    return [bool(_JOINERS.match(sentence[a.end : b.start])) for a, b in pairwise(tokens)]


def _after_locality_qualifier(tokens: list[_Token], i: int, sentence: str) -> bool:
    """Whether token ``i`` follows a qualifier of a populated place: "the village of", "le village de"."""
    if not any(_LOCALITY_WORD.fullmatch(tokens[k].text) for k in range(max(0, i - 3), i)):
        return False  # a cheap test first: most capitalised words follow no qualifier
    before = _QUALIFIER_BEFORE_AT_END.search(sentence[: tokens[i].start])
    return before is not None and qualifier_hint(before) == "locality"


def _longest_match(
    tokens: list[_Token],
    i: int,
    sentence: str,
    gazetteer: Gazetteer,
    joined: list[bool],
    *,
    qualified: bool = False,
) -> tuple[int, str] | None:
    """The longest run of words from token ``i`` that the gazetteer knows: (its end, the name's role).

    A run is words joined as a name's are (``joined``), at most :data:`MAX_WORDS`; each run's key is a
    memoised :meth:`Gazetteer.name_key` and a memoised lookup, so a name met before costs two dictionary
    hits. ``qualified`` (after "the village of"): the names of places that are not matchable count too."""
    has_key = gazetteer.has_any_key if qualified else gazetteer.has_key
    first = tokens[i].text
    lower_start = not first[:1].isupper()
    longest = i + 1  # the runs of joined words from i end before this token
    while longest < min(len(tokens), i + MAX_WORDS) and joined[longest - 1]:
        longest += 1
    for j in range(longest, i, -1):
        if j - i == 1 and (
            first.lower() in _STOP or len(first) < 2 or _SHOUTED.match(first) or "." in first or lower_start
        ):
            continue  # "U.S.", "SANA", "EI", a lone "zone": abbreviations and common nouns, not places
        last = tokens[j - 1].text
        landmark = first.lower() in _LANDMARK_HEADS or last.lower() in _LANDMARK_HEADS
        if not (last[:1].isupper() or last[:1].isdigit() or landmark) and j - i > 1:
            continue  # a name ends on a name word ("Aïn al-Asad"), not on "de" or "et"
        key = gazetteer.name_key(sentence[tokens[i].start : tokens[j - 1].end])
        if not key:
            continue
        role = has_key(key)
        if role is None and _FRENCH_SPELLING.search(key):
            # French transliteration writes "ch" and "dj" for "sh" and "j": "Jisr al-Choughour".
            role = has_key(_FRENCH_SPELLING.sub(lambda m: _TRANSLITERATION[m.group()], key))
        if role is None and j - i == 2 and last[:1].isupper() and (joined_name := joined_key(key)) is not None:
            role = has_key(joined_name)  # "the Day Kundi province": Daykundi, written in two words
        if role is not None:
            return j, role
    return None


# "Kyiv Mayor Vitali Klitschko", "Odesa Governor Oleh Kiper": the town's official, the town named.
_OFFICIAL_TITLE_AFTER = re.compile(r"\s+" + _LEXICON.alt("locate.officials_after"), re.IGNORECASE)
# "the Kirkuk-Daquq road", "la route Bankilaré-Téra", "l'axe Gao-Ansongo": a road named by its two ends.
ROAD_BEFORE = re.compile(r"\b" + _LEXICON.alt("locate.roads") + r"\s+$", re.IGNORECASE)
ROAD_AFTER = re.compile(r"^\s+" + _LEXICON.alt("locate.roads") + r"\b", re.IGNORECASE)


def _road_ends(tokens: list[_Token], i: int, j: int, sentence: str) -> bool:
    """Whether the name ending at token ``j - 1`` and the one after its hyphen are the ends of a road."""
    hyphened = (k for k in range(j, len(tokens)) if sentence[tokens[k - 1].end : tokens[k].start] != "-")
    last = next(hyphened, len(tokens))
    before, after = sentence[: tokens[i].start], sentence[tokens[last - 1].end :]
    return bool(ROAD_BEFORE.search(before) or ROAD_AFTER.match(after))


def _part_of_longer_name(tokens: list[_Token], i: int, j: int, sentence: str) -> bool:
    """Person and group names ("Qasim al-Jabarin", "Hadi al-Ameri") hold place-like words."""
    if j < len(tokens):
        gap = sentence[tokens[j - 1].end : tokens[j].start]
        following = tokens[j]
        if (
            _JOINERS.match(gap)
            and gap != "'"
            and (_is_name_word(following) or _article_joined(tokens, j, sentence))
        ):
            after = sentence[tokens[j - 1].end :]
            # "Anbar Province", "Kyiv Mayor Vitali Klitschko": a qualifier or an official's title after
            # the name is no part of it; nor is the other end of a road ("the Kirkuk-Daquq road").
            return not (
                _QUALIFIER_AFTER.match(after)
                or _OFFICIAL_TITLE_AFTER.match(after)
                or (gap == "-" and _road_ends(tokens, i, j, sentence))
            )
        if gap == "-" and following.text[:1].islower() and following.text.lower() not in ARABIC_ARTICLES:
            return True  # "the Bari-ujeed area": one word of which the gazetteer knows only the first half
    if i > 0:
        gap = sentence[tokens[i - 1].end : tokens[i].start]
        previous = tokens[i - 1]
        elided = gap in ("'", "’") and previous.text.lower() in _ELISION  # "L'Irak", "D'Alep"
        if _JOINERS.match(gap) and gap.strip() != "-" and not elided and _is_name_word(previous):
            return True
    return False


def _article_joined(tokens: list[_Token], j: int, sentence: str) -> bool:
    return (
        tokens[j].text.lower() in ARABIC_ARTICLES
        and j + 1 < len(tokens)
        and sentence[tokens[j].end : tokens[j + 1].start] == "-"
    )


def strip_fillers(text: str) -> str:
    """``text`` without the determiners, adjectives and possessive names it ends with."""
    while True:
        m = _CUE_FILLER_AT_END.search(text)
        if m is None or m.start() == m.end():
            return text
        text = text[: m.start()]


# A comma after a name, or after the part of the country in brackets: "A Homs (centre), ...".
_COMMA_AFTER_NAME = re.compile(r"(?:\s*\([^()]{1,30}\))?,")


def describe(unit: Sentence, start: int, end: int, *, article_id: str = "") -> Mention:
    """The mention of ``unit.text[start:end]`` with its qualifier and cue (also for names found by NER)."""
    sentence = unit.text
    text = sentence[start:end]
    q_start, q_end, hint = start, end, None
    before = _QUALIFIER_BEFORE_AT_END.search(sentence[:start])
    if before and before.group("apposition") and (
        qualifier_hint(before) not in ("base", "airport", "locality") or sentence[end : end + 1] != ","
    ):
        before = None  # "struck an air base, Moscow said": only a name set between commas is the base's
    holder_of = _NAME_BEFORE_AT_END.search(sentence[: before.start()]) if before else None
    if before and _SUBDIVISION.match(before.group("q")) and not holder_of and _UNNAMED_PART.search(
        sentence[: before.start("q")]  # (a part with its own article is named: "un véhicule dans le district de Tyr")
    ):
        # "a residential area of Taiz": an unnamed part; the town is where it happened, its cue the part's.
        before = None
        prefix = start
    elif before and _SUBDIVISION.match(before.group("q")) and holder_of:
        # "the al-Jadriya district of Baghdad": Baghdad holds the district; it is where things happened when
        # the district is not known ("a strike in the Mezzeh district of Damascus"), its cue the district's.
        before = None
        prefix = holder_of.start()
    elif before:
        # The qualified text starts at the qualifier ("aéroport de Bagdad"), not at its article or adjectives.
        q_start, hint = before.start("q") if not before.group("apposition") else start, qualifier_hint(before)
        prefix = before.start()
    else:
        prefix = start
    site_in = _SITE_IN_AT_END.search(sentence[:start]) if before is None else None
    if site_in is not None:  # "the airport in the capital Mogadishu": the airport of Mogadishu
        q_start, hint, prefix = site_in.start("q"), qualifier_hint(site_in), site_in.start()
    if before is None and site_in is None:
        after = _QUALIFIER_AFTER.match(sentence[end:])
        if after:
            q_end, hint = end + after.end(), qualifier_hint(after)
        elif (kind := KIND_IN_APPOSITION.match(sentence, end)) is not None:  # "in Herat, a western province"
            hint = qualifier_hint(kind)
    cue = _CUE_AT_END.search(strip_fillers(sentence[:prefix]))
    if _LIST_JOINERS_AT_END.search(sentence[max(0, prefix - 8) : prefix]):
        # A name listed after names the gazetteer lacks takes the list's cue, as a list of known names does
        # (link_mentions): "des postes militaires à Qazali, Tal Rif'at et Zarkan".
        listed = _LISTED_NAMES_AT_END.search(sentence, max(0, prefix - 200), prefix)
        list_cue = _CUE_AT_END.search(strip_fillers(sentence[: listed.start()])) if listed else None
        if list_cue is not None:
            cue = list_cue
    cue_text = cue.group(1).lower() if cue else ""
    if not cue_text and sentence[:prefix] == "A " and _COMMA_AFTER_NAME.match(sentence, q_end):
        # "A Baqouba, une bombe a tué six civils", "A Homs (centre), l'explosion...": the French "À" without
        # its accent, as capitals are often written (an English "A" is an article, never before a name and
        # its comma).
        cue_text = "à"
    return Mention(
        article_id=article_id,
        text=text,
        start=start,
        end=end,
        sentence=unit,
        qualified_text=sentence[q_start:q_end],
        hint=hint,
        cue=cue_text,
    )


def link_mentions(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Carry a plural qualifier along an enumeration and mark containers ("X dans la province de Y")."""
    out = list(mentions)
    # "in Babil and Diwaniyah provinces": the plural qualifier after the last name names them all.
    plural = False
    for k in range(len(out) - 1, 0, -1):
        prev, cur = out[k - 1], out[k]
        plural = plural or bool(
            cur.hint and _PLURAL_QUALIFIER.search(sentence[cur.end : cur.qualified_span[1]])
        )
        if plural and prev.hint is None and _ENUMERATION.match(sentence[prev.end : cur.start]):
            out[k - 1] = replace(prev, hint=cur.hint)
        else:
            plural = False
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        gap = sentence[prev.end : cur.start]
        # ...also over the qualifiers of both: "on Idlib city and the towns of Binnish and Maarat Misrin".
        if _ENUMERATION.match(gap) or _ENUMERATION.match(sentence[prev.qualified_span[1] : cur.qualified_span[0]]):
            # "les provinces d'al-Diwaniyah et de Babil": Babil is a province too, and "in Baghdad,
            # Mosul and Kirkuk" puts all three after "in".
            out[k] = cur = replace(cur, hint=cur.hint or prev.hint, cue=prev.cue)
        elif cur.hint == "admin1" and prev.hint != "admin1" and _CONTAINMENT.match(gap):
            out[k - 1] = replace(prev, within=cur.text)
            out[k] = replace(cur, is_container=True)
        elif POSSESSIVE.match(gap):
            # "Baghdad's heavily fortified Green Zone": Baghdad holds the place named after it.
            out[k - 1] = replace(prev, is_container=True)
            out[k] = replace(cur, within=cur.within or prev.text)
        elif _is_landmark(prev) and _PART_OF.match(sentence[prev.qualified_span[1] : cur.start]):
            # "la zone verte de Bagdad", "the al-Jadriya district of Baghdad", "US embassy in Baghdad".
            out[k - 1] = replace(prev, within=prev.within or cur.text)
            out[k] = replace(cur, is_container=True)
    return out


def _is_landmark(m: Mention) -> bool:
    """A site or a district, named as part of the town that follows it."""
    words = m.text.lower().split()
    if words and (words[0] in _LANDMARK_HEADS or words[-1] in _LANDMARK_HEADS):
        return True
    return m.hint == "locality" and m.qualified_text.lower().endswith(
        ("district", "neighbourhood", "neighborhood")
    )
