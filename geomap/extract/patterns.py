"""Place names found by patterns where no NER reads the text (English) or where the NER misses them ("une
frappe sur Rayske"): a capitalised name after a preposition of place, after "the town of", before its kind
("in the Spin Bolduk district"), and the names listed after it. Each language's words are in its lexicon
(``[fallback]``)."""

from __future__ import annotations

import re

from geomap import lexicon
from geomap.extract.mentions import STOP_WORDS
from geomap.places.names import QUALIFIER_KINDS

_LEXICON = lexicon.load()


_NAME_WORDS = r"(?:al-|el-|Al\s+|Ad\s+|As\s+)?[A-Z][\w'’\-]+(?:\s+(?:al-|el-)?[A-Z][\w'’\-]+){0,3}"
_NAME = r"(?P<name>" + _NAME_WORDS + ")"


def _place_phrases() -> dict[str, re.Pattern[str]]:
    """For languages without an NER model: a capitalised name after "in", "near the town of"..."""
    out = {}
    for code in _LEXICON.codes:
        table = _LEXICON.of(code).get("fallback")
        if table:
            nouns = "|".join(table["place_nouns"])
            # ...or before its kind: "in the Spin Bolduk district", "the Banibangou province".
            kind_after = "|".join(table.get("kinds_after", ()))
            before_kind = r"|\b(?i:the)\s+(?=" + _NAME_WORDS + r"\s+(?i:" + kind_after + r")\b)" if kind_after else ""
            # ...or as the subject of a passive of striking: "Chasiv Yar was attacked in the night".
            struck = "|".join(_LEXICON.of(code).get("locate", {}).get("struck_passive", ()))
            subject = r"|^\s*[\"“«]?\s*(?=" + _NAME_WORDS + r"\s+(?i:" + struck + "))" if struck else ""
            # ...or as a label with its kind: "Bilopilska community: the enemy fired mortars".
            kinds = "|".join(_LEXICON.of(code).get("locate", {}).get("label_kinds", ()))
            label = r"|^\s*[-–—•*]?\s*(?=" + _NAME_WORDS + r"\s+(?i:" + kinds + r")\s*:)" if kinds else ""
            out[code] = re.compile(
                # ...or without one: "The town of Nabatiyeh came under heavy shelling", "strikes on dozens of
                # towns, including the border villages of Kfarshuba".
                r"(?:\b(?:" + "|".join(table["prepositions"]) + r")\s+(?:" + nouns + r")?|(?:^\s*|\b)(?i:" + nouns + ")"
                + before_kind + subject + label + ")" + _NAME
            )
    return out


def _list_items() -> dict[str, re.Pattern[str]]:
    """The next name of a list: ", Hanine", ", and Khiam", " and Khiam"."""
    out = {}
    for code in _LEXICON.codes:
        joiners = _LEXICON.of(code).get("mentions", {}).get("list_joiners")
        if joiners:
            out[code] = re.compile(r"(?:\s*,\s*|\s+)(?:(?:" + "|".join(joiners) + r")\s+)?" + _NAME)
    return out


PLACE_PHRASES = _place_phrases()
_LIST_ITEM = _list_items()


def pattern_names(text: str, lang: str) -> list[tuple[int, int]]:
    """Capitalised names the fallback patterns introduce as places, and the names listed after them ("the
    villages of Maroun al-Ras, Hanine, Aitaroun and Khiam")."""
    spans = []
    for m in PLACE_PHRASES[lang].finditer(text):
        found = [m.span("name")]
        item = _LIST_ITEM.get(lang)
        while item is not None and (nxt := item.match(text, found[-1][1])) is not None:
            found.append(nxt.span("name"))
        spans += [(a, b) for a, b in found if b - a > 2 and text[a:b].lower() not in STOP_WORDS]
    return spans


# What the NER may take into a name: "le district de Makbana" read as one name.
_QUALIFIER_OPENING = re.compile(
    r"(?:" + _LEXICON.alt("mentions.determiners") + "|" + _LEXICON.alt("mentions.elided_determiners") + r")?(?:"
    + _LEXICON.groups("qualifiers.before", QUALIFIER_KINDS) + r")\s+" + _LEXICON.alt("mentions.qualifier_of"),
    re.IGNORECASE,
)


def without_qualifier(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a name the NER found, without the qualifier it took in ("district de Makbana"), so that
    the qualifier is read as one (a hint) and the name is the place's text."""
    m = _QUALIFIER_OPENING.match(text, start, end)
    return (m.end(), end) if m and m.end() < end and text[m.end()].isupper() else (start, end)
