"""Patterns whose every match starts with one of a few words: not searched in a text that holds none of them.

The event vocabulary is a dozen long alternations ("\\bdrones?\\b|\\braids?\\s+a[ée]riens?|..."), each
searched in every sentence; most sentences hold the words of one or two of them. Every alternative of
such a pattern starts, after its zero-width assertions (``\\b``, look-behinds), with letters it must match:
"drone", "raid", "a"... :class:`Prefiltered` reads those from the compiled pattern, and a text that holds
none of them (ignoring case when the pattern does) has no match: its :meth:`Prefiltered.finditer` is the
pattern's own ``finditer`` otherwise, so the answer never changes. A pattern whose starts cannot be read
(an alternative that starts with a class, a repeat...) is always searched.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # no stubs: the stable parts of sre
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator
from typing import Any

#: The characters that match a character a start may hold (:func:`_in_start`) when case is ignored, though
#: their ``lower()`` is not its: a text that holds one is always searched (``tests/extract/test_starts.py``
#: checks the list against every character of Unicode).
CASE_TWINS = frozenset("İıſ")
#: Finds one of them (twice as fast as ``CASE_TWINS.isdisjoint``, which makes a string of each character).
_ANY_TWIN = re.compile("[" + "".join(sorted(CASE_TWINS)) + "]")
#: At most this many starts per pattern (a class of letters multiplies them: "a[ée]rien").
MAX_STARTS = 96


class Prefiltered:
    """A compiled pattern, searched only in texts that hold one of the starts of its matches."""

    def __init__(self, pattern: re.Pattern[str], *, holds: re.Pattern[str] | None = None) -> None:
        """``holds``: a pattern a match of which every match of ``pattern`` holds (the word of death in a toll
        that starts with a number: "trois soldats tués"); its starts are read instead of the pattern's."""
        self.pattern = pattern
        read = _unwrapped(holds if holds is not None else pattern)
        self.ignore_case = bool(read.flags & re.IGNORECASE)
        self.starts = _starts(read)
        # Is any of them in the text? One search of their alternation (twice as fast as a test per start).
        self._any_start = re.compile("|".join(map(re.escape, self.starts))) if self.starts is not None else None

    def may_match(self, text: str, lowered: str) -> bool:
        """False only when no match can be in ``text`` (``lowered`` is ``text.lower()``)."""
        if self._any_start is None:
            return True
        if not self.ignore_case:
            return self._any_start.search(text) is not None
        return self._any_start.search(lowered) is not None or _ANY_TWIN.search(text) is not None

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``."""
        if self.may_match(text, lowered):
            yield from self.pattern.finditer(text)

    def search(self, text: str, lowered: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        return self.pattern.search(text) if self.may_match(text, lowered) else None


def _unwrapped(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without the ``(?i:...)`` group that is the whole of it ("(?i:\\bhier\\b|...)", whose
    starts cannot be read), as the same pattern ignoring case; else ``pattern`` itself."""
    text = pattern.pattern
    if not text.startswith("(?i:") or not text.endswith(")"):
        return pattern
    try:
        parsed = sre_parse.parse(text, pattern.flags)
    except re.error:
        return pattern
    # One group from the first character: it ends at the last one, and holds the rest of the text.
    if len(parsed.data) != 1 or parsed.data[0][0] is not sre.SUBPATTERN or parsed.data[0][1][1:3] != (
        re.IGNORECASE, 0
    ):
        return pattern
    return re.compile(text[4:-1], pattern.flags | re.IGNORECASE)


def _starts(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The ASCII words one of which every match of ``pattern`` starts with (lower case when it ignores
    case); None when they cannot be read."""
    try:
        found = _prefixes(list(sre_parse.parse(pattern.pattern, pattern.flags)), [""])
    except (ValueError, TypeError, re.error):
        return None
    if found is None:
        return None
    out = set()
    for start in found:
        kept = ""
        for c in start:
            if not _in_start(c):
                break  # beyond, case folding is not checked: the start is cut there
            kept += c
        if not kept:
            return None
        out.add(kept.lower() if pattern.flags & re.IGNORECASE else kept)
    # A text that holds "frappe" holds "frapp": the longer start says nothing more.
    return tuple(sorted(s for s in out if not any(o != s and o in s for o in out)))


def _in_start(c: str) -> bool:
    """Characters a start may hold: ASCII, the Latin-1 letters ("é", "à", "ç") and typographic quotes."""
    return c.isascii() or ("\xc0" <= c <= "\xff" and c.isalpha()) or c in "’‘«»"


def _prefixes(items: Any, current: list[str]) -> list[str] | None:
    """Each of ``current`` followed by what a match of ``items`` must start with; None when an empty start
    is possible or the items hold a construct this reading does not know. Stopping early is always safe:
    a shorter start is met by more texts."""
    for k, (op, arg) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT) and not any(current):
            continue  # zero width before the first letter: the match starts after it
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] == 0 and arg[1] == 1:
            # "(?:fighter\s+)?jets?": a match starts with what the group starts with, or what follows it.
            taken = _prefixes([*arg[2], *items[k + 1 :]], current)
            skipped = _prefixes(items[k + 1 :], current)
            if taken is None or skipped is None or len(taken) + len(skipped) > MAX_STARTS:
                return None
            return taken + skipped
        if op is sre.LITERAL:
            current = [p + chr(arg) for p in current]
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in arg) and len(arg) * len(current) <= MAX_STARTS:
            current = [p + chr(value) for p in current for _, value in arg]
        elif op is sre.BRANCH:
            out: list[str] = []
            for branch in arg[1]:
                sub = _prefixes(branch, current)
                if sub is None:
                    return None
                out += sub
            out = _shortest(out)
            return out if len(out) <= MAX_STARTS else None
        elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:  # a group without inline flags
            return _prefixes(arg[3], current)
        else:
            break
    return None if not all(current) else current


def _shortest(starts: list[str]) -> list[str]:
    """``starts`` without those that begin with another (a text that holds "al-qaida" holds "al-"): what
    :func:`_starts` keeps of them is the same, and the long alternations of names stay under
    :data:`MAX_STARTS`."""
    unique = sorted(set(starts))
    return [s for k, s in enumerate(unique) if not any(s.startswith(o) for o in unique[:k])]

