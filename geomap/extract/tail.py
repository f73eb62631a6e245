"""Patterns anchored at the end of a text (``...$``), searched only where a match can start.

The mention finder reads what comes just before a name with patterns that end in ``$`` ("la base
aérienne de", "near the town of"): a match runs to the end of the text it is searched in. A search tries
every start position of the text, and at each one the lexicon's long alternations, although no match can
hold a character the pattern cannot match: a comma, a full stop, a digit... So :class:`TailPattern`
searches from just after the last such character. The answer is the same match as the pattern's own
``search`` (same span, same groups): a match that started before that character would have to match it,
and the assertions of the pattern (``\\b``, look-behinds) still see the whole text (``search(text, pos)``).
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # no stubs: the stable parts of sre
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Callable
from typing import Any

#: Characters after which a match is looked for when the pattern cannot match them: punctuation that
#: sentences hold, and digits.
CANDIDATE_STOPS = ",.;:!?()[]{}/|=+*&%#@0123456789"


class TailPattern:
    """A compiled pattern whose matches end at the end of the text; :meth:`search` is ``pattern.search``."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.stops = _impossible(pattern, CANDIDATE_STOPS)
        # The last stop of a text is the first of the reversed text.
        self._first_stop = re.compile("[" + re.escape(self.stops) + "]") if self.stops else None

    def search(self, text: str) -> re.Match[str] | None:
        stop = self._first_stop.search(text[::-1]) if self._first_stop else None
        return self.pattern.search(text, len(text) - stop.start() if stop else 0)


def _impossible(pattern: re.Pattern[str], candidates: str) -> str:
    """The candidates that no match of ``pattern`` can hold; none when the pattern's matches need not end at
    the end of the text, or when it holds a construct this reading does not know."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        items = list(parsed)
        if not items or items[-1] != (sre.AT, sre.AT_END):
            return ""
        literals: set[str] = set()
        categories: set[Any] = set()
        _walk(items, literals, categories)
    except (ValueError, TypeError, re.error):
        return ""
    return "".join(c for c in candidates if not _can_match(c, literals, categories, pattern.flags))


def _walk(items: Any, literals: set[str], categories: set[Any]) -> None:
    """Collect every character and category a match can consume; ValueError for anything else."""
    for op, arg in items:
        if op is sre.LITERAL:
            literals.add(chr(arg))
        elif op is sre.IN:
            for inner, value in arg:
                if inner is sre.LITERAL:
                    literals.add(chr(value))
                elif inner is sre.RANGE:
                    literals.update(chr(c) for c in range(value[0], value[1] + 1))
                elif inner is sre.CATEGORY:
                    categories.add(value)
                else:  # a negated set, and anything unexpected, may match a stop
                    raise ValueError(inner)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _walk(arg[2], literals, categories)
        elif op is sre.SUBPATTERN:
            _walk(arg[3], literals, categories)
        elif op is sre.ATOMIC_GROUP:
            _walk(arg, literals, categories)
        elif op is sre.BRANCH:
            for branch in arg[1]:
                _walk(branch, literals, categories)
        elif op is sre.CATEGORY:
            categories.add(arg)
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: consumes nothing
        else:  # ANY, NOT_LITERAL, back-references...: may match a stop
            raise ValueError(op)


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre.CATEGORY_DIGIT: str.isdecimal,
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
}


def _can_match(c: str, literals: set[str], categories: set[Any], flags: int) -> bool:
    variants = {c, c.lower(), c.upper(), c.casefold()} if flags & re.IGNORECASE else {c}
    if variants & literals:
        return True
    for category in categories:
        test = _CATEGORIES.get(category)
        if test is None or test(c):  # an unknown category (\D, \W, \S...) may match anything
            return True
    return False
