"""Patterns anchored at the end of a text (``...$``), searched only where a match can start.

The mention finder reads what comes just before a name with patterns that end in ``$`` ("la base
aérienne de", "near the town of"): a match runs to the end of the text it is searched in. A search tries
every start position of the text, and at each one the lexicon's long alternations, although no match can
hold a character the pattern cannot match: a comma, a full stop, a digit... So :class:`TailPattern`
searches from just after the last such character. The answer is the same match as the pattern's own
``search`` (same span, same groups): a match that started before that character would have to match it,
and the assertions of the pattern (``\\b``, look-behinds) still see the whole text (``search(text, pos)``).

Likewise, a match holds at most so many words (runs of characters other than white space: "on monday",
"the northern city of"), a number read from the pattern when it has one: it cannot start before the
space that precedes the text's last words of that number, and the search starts there.

What the search reads is then the text from its start on, and the few characters before it that the
pattern's look-behinds and ``\\b`` read (:func:`behind`): the same tail gives the same answer whatever comes
before it, and the tails of the texts searched repeat ("... a frappé la ville de", "... près de"). The start
of a tail's match is kept per tail; a tail seen before is answered by ``pattern.match`` at that start (the
match ``search`` finds, as it tries the same start after failing at each before it), or None.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # no stubs: the stable parts of sre
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from geomap.settings import Performance

#: Characters after which a match is looked for when the pattern cannot match them: punctuation that
#: sentences hold, and digits.
CANDIDATE_STOPS = ",.;:!?()[]{}/|=+*&%#@0123456789"
_UNSEEN = -1


class TailPattern:
    """A compiled pattern whose matches end at the end of the text; :meth:`search` is ``pattern.search``."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.stops = _impossible(pattern, CANDIDATE_STOPS)
        # The last stop of a text is the first of the reversed text.
        self._first_stop = re.compile("[" + re.escape(self.stops) + "]") if self.stops else None
        self.max_words = max_words(pattern)
        self.behind = behind(pattern)
        #: (tail, where the search starts in it, whether it is the whole text) -> its match's start in it.
        self._starts: dict[tuple[str, int, bool], int | None] = {}

    def search(self, text: str) -> re.Match[str] | None:
        stop = self._first_stop.search(text[::-1]) if self._first_stop else None
        start = len(text) - stop.start() if stop else 0
        if self.max_words is not None:
            # The text but its last max_words words, without the spaces after it: a match starts after it.
            head = text.rsplit(None, self.max_words)
            if len(head) > self.max_words:
                start = max(start, len(head[0]))
        if self.behind is None:
            return self.pattern.search(text, start)
        low = max(0, start - self.behind)
        key = (text[low:], start - low, low == 0)
        known = self._starts.get(key, _UNSEEN)
        if known is None:
            return None
        if known != _UNSEEN:
            return self.pattern.match(text, low + known)
        found = self.pattern.search(text, start)
        if len(self._starts) >= Performance.sentence_memo:
            self._starts.clear()
        self._starts[key] = None if found is None else found.start() - low
        return found

    def without_match(self, text: str) -> str:
        """``text`` without the match :meth:`search` finds: ``pattern.sub("", text)`` when the pattern's
        matches hold more than a line break (a second one would have to fit in the one ``$`` stands before)."""
        found = self.search(text)
        return text if found is None else text[: found.start()] + text[found.end() :]


@lru_cache(maxsize=1024)
def parsed(text: str, flags: int) -> tuple[Any, ...]:
    """The items of the pattern ``text`` as ``re`` parses it (read, never changed, by the readings of a
    pattern here and in :mod:`geomap.extract.starts`): parsed once per process, not once per reading, as
    each extracting process starts."""
    return tuple(sre_parse.parse(text, flags))


#: Assertions that read the character before where they stand ("^" under re.MULTILINE is parsed as AT_BEGINNING).
_READS_BEFORE = frozenset({
    sre.AT_BEGINNING, sre.AT_BEGINNING_LINE, sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY, sre.AT_UNI_BOUNDARY,
    sre.AT_UNI_NON_BOUNDARY, sre.AT_LOC_BOUNDARY, sre.AT_LOC_NON_BOUNDARY,
})


def behind(pattern: re.Pattern[str]) -> int | None:
    """How many characters before where a match starts the pattern may read (its look-behinds, the character
    a ``\\b`` or a line's ``^`` reads), or None when it holds a construct this reading does not know."""
    try:
        return _behind(parsed(pattern.pattern, pattern.flags))
    except (ValueError, TypeError, re.error):
        return None


def _behind(items: Any) -> int | None:
    need = 0
    for op, arg in items:
        inner: int | None
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, sub = arg
            inner = _behind(sub)
            if inner is None:
                return None
            need = max(need, inner + (sub.getwidth()[1] if direction < 0 else 0))
            continue
        if op is sre.AT:
            need = max(need, 1 if arg in _READS_BEFORE else 0)
            continue
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.CATEGORY):
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            parts = [arg[2]]
        elif op is sre.SUBPATTERN:
            parts = [arg[3]]
        elif op is sre.ATOMIC_GROUP:
            parts = [arg]
        elif op is sre.BRANCH:
            parts = list(arg[1])
        else:  # back-references, conditionals...
            return None
        for part in parts:
            inner = _behind(part)
            if inner is None:
                return None
            need = max(need, inner)
    return need


def max_words(pattern: re.Pattern[str]) -> int | None:
    """The most words (runs of characters other than white space) a match of ``pattern`` can hold, or None
    when there is no bound or the pattern holds a construct this reading does not know."""
    if pattern.flags & (re.MULTILINE | re.ASCII):  # "$" before any line break; "\\S" matching U+00A0
        return None
    try:
        items = parsed(pattern.pattern, pattern.flags)
    except (ValueError, TypeError, re.error):
        return None
    if not items or items[-1] != (sre.AT, sre.AT_END):
        return None  # a match need not end at the end of the text
    return _words(items)


def _words(items: Any) -> int | None:
    """A bound on the words of what ``items`` match. Parts that hold no white space, side by side, are one
    word ("drone", "[A-Z][\\w\\-]*['’]s"); other parts add theirs (joining two parts can merge their
    words, never make more)."""
    total = 0
    in_word = False  # the last part that consumed something held no white space
    for op, arg in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width
        space, other = _consumes([(op, arg)])
        if not other:
            in_word = in_word and not space
            continue
        if not space:
            total += not in_word
            in_word = True
            continue
        in_word = False
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _low, high, inner = arg
            each = _words(inner)
            if high is sre.MAXREPEAT or each is None:
                return None
            total += high * each
        elif op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
            each = _words(arg[3] if op is sre.SUBPATTERN else arg)
            if each is None:
                return None
            total += each
        elif op is sre.BRANCH:
            counts = [_words(branch) for branch in arg[1]]
            if any(c is None for c in counts):
                return None
            total += max(c for c in counts if c is not None)
        elif op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.CATEGORY):
            total += 1  # one character, white space or not ("[- ]"): at most a word
        else:
            return None
    return total


#: Every character that is white space (``str.isspace``, which ``\\s`` matches): tested against Unicode.
WHITE_SPACE = (
    *range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
    0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
)
# Digits, word characters and the opposite of white space are never white space.
_NEVER_SPACE = frozenset({
    sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT, sre.CATEGORY_WORD, sre.CATEGORY_UNI_WORD,
    sre.CATEGORY_NOT_SPACE, sre.CATEGORY_UNI_NOT_SPACE,  # (not under re.ASCII: then no bound is read)
})


def _consumes(items: Any) -> tuple[bool, bool]:
    """Whether what ``items`` match may hold white space, and whether it may hold anything else; both when
    unsure."""
    space = other = False
    for op, arg in items:
        if op is sre.LITERAL:
            space, other = space or chr(arg).isspace(), other or not chr(arg).isspace()
        elif op is sre.IN:
            for inner, value in arg:
                if inner is sre.LITERAL:
                    space, other = space or chr(value).isspace(), other or not chr(value).isspace()
                elif inner is sre.CATEGORY and value in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE):
                    space = True
                elif inner is sre.CATEGORY and value in _NEVER_SPACE:
                    other = True
                elif inner is sre.RANGE:
                    spaces = sum(1 for c in WHITE_SPACE if value[0] <= c <= value[1])
                    space, other = space or spaces > 0, other or value[1] - value[0] + 1 > spaces
                else:  # a range, a negated set, another category: may be either
                    return True, True
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner_space, inner_other = _consumes(arg[2])
            space, other = space or inner_space, other or inner_other
        elif op is sre.SUBPATTERN:
            inner_space, inner_other = _consumes(arg[3])
            space, other = space or inner_space, other or inner_other
        elif op is sre.BRANCH:
            for branch in arg[1]:
                inner_space, inner_other = _consumes(branch)
                space, other = space or inner_space, other or inner_other
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        else:  # ANY, NOT_LITERAL, a category outside a set...: may be either
            return True, True
    return space, other


def _impossible(pattern: re.Pattern[str], candidates: str) -> str:
    """The candidates that no match of ``pattern`` can hold; none when the pattern's matches need not end at
    the end of the text, or when it holds a construct this reading does not know."""
    try:
        items = parsed(pattern.pattern, pattern.flags)
        if not items or items[-1] != (sre.AT, sre.AT_END) or pattern.flags & re.MULTILINE:
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
