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

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

from geomap.gazetteer import Gazetteer
from geomap.normalize import ARABIC_ARTICLES, name_key
from geomap.records import FeatureHint, Mention

MAX_WORDS = 6
_WORD = re.compile(r"[^\W_](?:[\w]|['’](?=\w))*", re.UNICODE)
_JOINERS = re.compile(r"^(?:\s{1,2}|-|\s?-\s?|['’])$")
_ELISION = frozenset({"d", "l", "qu", "j", "n", "s"})

# Capitalised function words open sentences; they are never place names on their own.
_STOP = (
    FR_STOP_WORDS
    | EN_STOP_WORDS
    | frozenset(
        [
            "a",
            "à",
            "au",
            "aux",
            "avec",
            "ce",
            "ces",
            "cet",
            "cette",
            "dans",
            "de",
            "des",
            "du",
            "elle",
            "elles",
            "en",
            "et",
            "il",
            "ils",
            "je",
            "la",
            "le",
            "les",
            "leur",
            "leurs",
            "lors",
            "mais",
            "nous",
            "on",
            "ou",
            "où",
            "par",
            "pour",
            "quant",
            "sans",
            "selon",
            "ses",
            "son",
            "sur",
            "tout",
            "toute",
            "tous",
            "toutes",
            "un",
            "une",
            "vous",
            "pendant",
            "après",
            "avant",
            "depuis",
            "entre",
            "contre",
            "chez",
            "malgré",
            "vers",
            "suite",
            "ainsi",
            "alors",
            "aussi",
            "bien",
            "car",
            "donc",
            "encore",
            "enfin",
            "lire",
            "partager",
            "source",
            "pourquoi",
            "comment",
            "quand",
            "quoi",
            "qui",
            "que",
            "quel",
            "quelle",
            "cela",
            "ceci",
            "celui",
            "celle",
            "the",
            "a",
            "an",
            "and",
            "as",
            "at",
            "by",
            "for",
            "from",
            "in",
            "into",
            "of",
            "on",
            "or",
            "to",
            "with",
            "after",
            "before",
            "during",
            "since",
            "while",
            "this",
            "that",
            "these",
            "those",
            "his",
            "her",
            "its",
            "their",
            "our",
            "your",
            "he",
            "she",
            "it",
            "they",
            "we",
            "you",
            "read",
            "related",
            "share",
            "source",
            "said",
            "says",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "lundi",
            "mardi",
            "mercredi",
            "jeudi",
            "vendredi",
            "samedi",
            "dimanche",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ]
    )
)
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:la|le|les|the)\s+|\bl['’]\s*)?"
    r"\b(?P<q>bases?(?:\s+(?:aérienne|aerienne|militaire|américaine|americaine|us|militaire américaine))?"
    r"|camps?|garnison|a[ée]roport(?:\s+international)?|provinces?|gouvernorats?|governorates?|régions?"
    r"|ville|city|town|village|localité)\s+(?:de\s+(?:la\s+|l['’]\s*)?|d['’]\s*|du\s+|des\s+|of\s+)?$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(
    r"^\s+(?P<q>air\s*base|airbase|military\s+base|base|air\s*field|airfield|(?:international\s+)?airport"
    r"|province|governorate|district)\b",
    re.IGNORECASE,
)
_ENUMERATION = re.compile(
    r"^\s*(?:,|et|and|ou|or|,\s*et|,\s*and)\s*(?:de\s+|d['’]\s*|of\s+)?(?:la\s+|l['’]\s*)?$", re.I
)
_CONTAINMENT = re.compile(
    r"^\s*,?\s*(?:dans|en|in|within|au sein)\s+(?:la\s+|le\s+|l['’]\s*|the\s+)?"
    r"(?:provinces?|gouvernorats?|governorates?|région|region|district)?\s*(?:de\s+|d['’]\s*|of\s+)?$",
    re.IGNORECASE,
)
_CUE = re.compile(r"((?:[\w’'\-]+\s+){0,3}[\w’'\-]+)\s*$")


def _hint_of(qualifier: str) -> FeatureHint:
    q = qualifier.lower()
    if q.startswith(("base", "camp", "garnison", "air", "military")):
        return "base"
    if "port" in q:
        return "airport"
    if q.startswith(("province", "gouvernorat", "governorate", "région", "region", "district")):
        return "admin1"
    return "locality"


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


def _tokens(sentence: str) -> list[_Token]:
    out = []
    for m in _WORD.finditer(sentence):
        word, start = m.group(), m.start()
        # French elision (d'al-Diwaniyah, l'Irak): the name starts after the apostrophe.
        head, sep, tail = word.partition("’") if "’" in word else word.partition("'")
        if sep and head.lower() in _ELISION and tail:
            out.append(_Token(head, start, start + len(head)))
            word, start = tail, start + len(head) + 1
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
    # "al-Yusifiyah": a lower-case Arabic article joined by a hyphen to a capitalised word.
    return (
        word.lower() in ARABIC_ARTICLES
        and i + 1 < len(tokens)
        and sentence[tokens[i].end : tokens[i + 1].start] == "-"
        and tokens[i + 1].text[:1].isupper()
    )


def _is_name_word(token: _Token) -> bool:
    return token.text[:1].isupper() and token.text.lower() not in _STOP


def find_mentions(
    sentence: str,
    *,
    gazetteer: Gazetteer,
    article_id: str = "",
    sentence_index: int = 0,
    in_related: bool = False,
) -> list[Mention]:
    """The place names of one sentence, in order, with their qualifiers, cues and containment."""
    tokens = _tokens(sentence)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not _can_start(tokens, i, sentence):
            i += 1
            continue
        match = _longest_match(tokens, i, sentence, gazetteer)
        if match is None:
            i += 1
            continue
        j, role = match  # tokens i..j-1
        start, end = tokens[i].start, tokens[j - 1].end
        mention = _describe(sentence, start, end, article_id, sentence_index, in_related)
        # An airport's town name ("core") counts only after "aéroport de"; a person's name is no place.
        airport_town = role == "core" and mention.hint not in ("base", "airport")
        if not airport_town and not _part_of_longer_name(tokens, i, j, sentence):
            found.append(mention)
            i = j
        else:
            i += 1
    return _link(sentence, found)


def _longest_match(
    tokens: list[_Token], i: int, sentence: str, gazetteer: Gazetteer
) -> tuple[int, str] | None:
    for j in range(min(len(tokens), i + MAX_WORDS), i, -1):
        gaps = [sentence[tokens[k].end : tokens[k + 1].start] for k in range(i, j - 1)]
        if not all(_JOINERS.match(g) for g in gaps):
            continue
        if j - i == 1 and tokens[i].text.lower() in _STOP:
            continue
        last = tokens[j - 1].text
        if not (last[:1].isupper() or last[:1].isdigit()) and j - i > 1:
            continue  # a name ends on a name word ("Aïn al-Asad"), not on "de" or "et"
        key = name_key(sentence[tokens[i].start : tokens[j - 1].end])
        if not key:
            continue
        role = gazetteer.has_key(key)
        if role is not None:
            return j, role
    return None


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
            return not _QUALIFIER_AFTER.match(sentence[tokens[j - 1].end :])
    if i > 0:
        gap = sentence[tokens[i - 1].end : tokens[i].start]
        previous = tokens[i - 1]
        if _JOINERS.match(gap) and gap.strip() != "-" and _is_name_word(previous):
            return True
    return False


def _article_joined(tokens: list[_Token], j: int, sentence: str) -> bool:
    return (
        tokens[j].text.lower() in ARABIC_ARTICLES
        and j + 1 < len(tokens)
        and sentence[tokens[j].end : tokens[j + 1].start] == "-"
    )


def _describe(sentence: str, start: int, end: int, article_id: str, index: int, in_related: bool) -> Mention:
    text = sentence[start:end]
    q_start, q_end, hint = start, end, None
    before = _QUALIFIER_BEFORE.search(sentence[:start])
    if before:
        q_start, hint = before.start(), _hint_of(before.group("q"))
    else:
        after = _QUALIFIER_AFTER.match(sentence[end:])
        if after:
            q_end, hint = end + after.end(), _hint_of(after.group("q"))
    cue = _CUE.search(sentence[:q_start])
    return Mention(
        article_id=article_id,
        text=text,
        start=start,
        end=end,
        sentence_index=index,
        sentence=sentence,
        qualified_text=sentence[q_start:q_end],
        hint=hint,
        in_related=in_related,
        cue=cue.group(1).lower() if cue else "",
    )


def _link(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Carry a plural qualifier along an enumeration and mark containers ("X dans la province de Y")."""
    out = list(mentions)
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        gap = sentence[prev.end : cur.start]
        if prev.hint and cur.hint is None and _ENUMERATION.match(gap):
            # "les provinces d'al-Diwaniyah et de Babil": Babil is a province too.
            out[k] = cur = replace(cur, hint=prev.hint, cue=prev.cue)
        elif cur.hint == "admin1" and prev.hint != "admin1" and _CONTAINMENT.match(gap):
            out[k - 1] = replace(prev, within=cur.text)
            out[k] = replace(cur, is_container=True)
    return out
