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
from geomap.extract.qualifiers import (
    JOINER_WORD,
    LANDMARK_HEADS,
    LIST_JOINERS_AT_END,
    LIST_RUN,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE_AT_END,
    describe,
    link_mentions,
    strip_fillers,
)
from geomap.extract.starts import Prefiltered
from geomap.extract.tail import TailPattern
from geomap.places.gazetteer import Gazetteer
from geomap.places.names import ARABIC_ARTICLES, joined_key, qualifier_hint, split_key
from geomap.records import Mention, Sentence

_LEXICON = lexicon.load()
MAX_WORDS = 6
_WORD = re.compile(r"[^\W_](?:[\w]|['’](?=\w))*", re.UNICODE)
_JOINERS = re.compile(r"^(?:\s{1,2}|-|\s?-\s?|['’])$")
_ELISION = _LEXICON.words("mentions.elision")

#: Function words, weekdays, months and compass words: never a place name on their own.
STOP_WORDS = _LEXICON.words("mentions.stop_words")
_STOP = STOP_WORDS

# "the village of", "le village de": a qualifier of a populated place, after which any place name is
# looked for, not only those found anywhere (the villages of geomap/tools/postal_villages.py).
_LOCALITY_WORD = re.compile(_LEXICON.alt("qualifiers.before.locality"), re.IGNORECASE)
# "the Krasnopillia community": a name of one or two words, then a qualifier of a populated place after it.
_LOCALITY_SUFFIX = re.compile(
    r"[\w’'\-]+(?:\s+[A-ZÀ-Ý][\w’'\-]*)?\s+" + _LEXICON.alt("qualifiers.after.locality") + r"\b", re.IGNORECASE
)
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
    if word.lower() in LANDMARK_HEADS:
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
    if found and ("," in sentence or JOINER_WORD.search(sentence)):
        listed = _listed_with(found, tokens, unit, gazetteer, joined)
        # ("Seredyna-Buda" of a list holds the "Buda" matched alone: the hyphened name is the place)
        inside = [m for m in found for n in listed if n.start < m.start and m.end <= n.end and "-" in n.text]
        found = [m for m in found if m not in inside]
        found = sorted([*found, *listed], key=lambda m: m.start)
    return link_mentions(sentence, found)


def _listed_with(
    found: list[Mention], tokens: list[_Token], unit: Sentence, gazetteer: Gazetteer, joined: list[bool]
) -> list[Mention]:
    """The names of a list that also names a place found: "Antonivka, Sadove, Komyshany, and Kherson came
    under fire" names villages (not matchable alone: Ukraine's villages are often common words) beside Kherson."""
    sentence = unit.text
    out: list[Mention] = []
    for run in LIST_RUN.finditer(sentence):
        if not any(run.start() <= m.start < run.end() for m in found):
            continue
        starts = [
            k
            for k, t in enumerate(tokens)
            if run.start() <= t.start < run.end()
            and (t.start == run.start() or LIST_JOINERS_AT_END.search(sentence[max(0, t.start - 8) : t.start]))
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
    before = QUALIFIER_BEFORE_AT_END.search(sentence[: tokens[i].start])
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
        landmark = first.lower() in LANDMARK_HEADS or last.lower() in LANDMARK_HEADS
        if not (last[:1].isupper() or last[:1].isdigit() or landmark) and j - i > 1:
            continue  # a name ends on a name word ("Aïn al-Asad"), not on "de" or "et"
        key = gazetteer.name_key(sentence[tokens[i].start : tokens[j - 1].end])
        if not key:
            continue
        role = has_key(key)
        if role is None and _FRENCH_SPELLING.search(key):
            # French transliteration writes "ch" and "dj" for "sh" and "j": "Jisr al-Choughour".
            role = has_key(_english_spelling(key))
        if role is None and j - i == 2 and last[:1].isupper() and (joined_name := joined_key(key)) is not None:
            role = has_key(joined_name)  # "the Day Kundi province": Daykundi, written in two words
        if role is None and j - i == 1 and (apart := split_key(key)) is not None:
            # "Kfarchouba": Kfar Chouba, written in one word
            role = has_key(apart) or has_key(_english_spelling(apart))
        if role is not None:
            return j, role
    return None


def _english_spelling(key: str) -> str:
    """The key as English transliteration writes it ("ch" for "sh")."""
    return _FRENCH_SPELLING.sub(lambda m: _TRANSLITERATION[m.group()], key)


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
                QUALIFIER_AFTER.match(after)
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

