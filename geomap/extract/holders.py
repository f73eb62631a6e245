"""Of two places joined by a kind of place and "of", which holds the other: "the Damascus suburb of
Jaramana", "the Mezzeh district of Damascus"."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from geomap import lexicon
from geomap.extract.locate import Located
from geomap.records import PRECISIONS, Resolution

_LEXICON = lexicon.load()


def _alt(key: str) -> str:
    return _LEXICON.alt(f"locate.{key}")


# "the Damascus suburb of Jaramana", "the Mezzeh district of Damascus", "the Red Sea port of Hodeidah": two
# places joined by a kind of place and "of" (one word may come first: "the Nineveh province town of").
_ATTRIBUTIVE_GAP = re.compile(
    r"^\s+(?:[\w’'\-]+\s+)?" + _alt("attributive_heads") + r"\s+" + _alt("of") + r"\s+(?:"
    + _alt("holder_determiners") + r")?$",
    re.IGNORECASE,
)
_COARSENESS = {precision: rank for rank, precision in enumerate(PRECISIONS)}


def settle_holders(located: Sequence[Located], *, population: Callable[[Resolution], int]) -> list[Located]:
    """Of two places joined by "<district, suburb, town, port...> of", which holds the other.

    The words alone do not say ("the Mezzeh district of Damascus" and "the Damascus suburb of Jaramana"):
    the coarser place, or at one precision the more populous, holds the other, which is where things
    happened and takes the words that introduced the pair.
    """
    out = sorted(located, key=lambda loc: loc.mention.start)
    for k in range(1, len(out)):
        first, second = out[k - 1], out[k]
        text = second.mention.sentence.text
        if first.mention.sentence != second.mention.sentence or not _ATTRIBUTIVE_GAP.match(
            text[first.mention.end : second.mention.start]
        ):
            continue
        first_holds = (_COARSENESS[first.place.precision], population(first.place)) > (
            _COARSENESS[second.place.precision],
            population(second.place),
        )
        holder, held = (first, second) if first_holds else (second, first)
        out[k - 1 if first_holds else k] = replace(
            holder, mention=replace(holder.mention, is_container=True, within=None)
        )
        out[k if first_holds else k - 1] = replace(
            held,
            mention=replace(
                held.mention, is_container=False, within=holder.mention.text, cue=first.mention.cue
            ),
        )
    return out
