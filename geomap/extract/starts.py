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
from collections.abc import Iterator
from typing import Any, NamedTuple

from geomap.extract.tail import parsed
from geomap.settings import Performance

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
        # Where a match can start: at one of the pattern's own starts (those inside another kept too).
        self._at = _starts(read, inner=True) if holds is None else None
        # Is any of them in the text, and where? Every prefilter's starts are found in one pass (_SCANNER).
        self._start_set = frozenset(self.starts) if self.starts is not None else None
        for starts in (self.starts, self._at):
            if starts is not None:
                _SCANNER.add(starts, ignore_case=self.ignore_case)

    def may_match(self, text: str, lowered: str) -> bool:
        """False only when no match can be in ``text`` (``lowered`` is ``text.lower()``)."""
        if self._start_set is None:
            return True
        found = _SCANNER.found(text, lowered)
        if not self.ignore_case:
            return not self._start_set.isdisjoint(found.kept)
        return not self._start_set.isdisjoint(found.folded) or found.twin

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``: tried only where one of the pattern's starts is, when they are known
        and the text's lower case has its length (no case twin: "İ" lowers to two characters)."""
        if not self.may_match(text, lowered):
            return iter(())
        found = _SCANNER.found(text, lowered)
        if self._at is None or found.twin:
            return self.pattern.finditer(text)
        where = found.folded if self.ignore_case else found.kept
        return self._matches(text, sorted({p for s in self._at if s in where for p in where[s]}))

    def _matches(self, text: str, positions: list[int]) -> Iterator[re.Match[str]]:
        # What finditer finds: at each position after the last match, the match there if any (a match
        # starts where one of the starts is, and is the one a search tries there first).
        end = 0
        for at in positions:
            if at >= end and (m := self.pattern.match(text, at)) is not None:
                end = m.end()
                yield m

    def search(self, text: str, lowered: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        return next(self.finditer(text, lowered), None)


class _Found(NamedTuple):
    """The starts a text holds: of the patterns that keep case (in the text) and of those that ignore it
    (in its lower case); and whether it holds a case twin."""

    kept: dict[str, list[int]]  # each start, where it is
    folded: dict[str, list[int]]
    twin: bool


class _Scanner:
    """Finds every prefilter's starts in a text at once, in one pass of a regex per case, instead of one
    search per prefilter (an event word, a toll, a date: four dozen per sentence)."""

    def __init__(self) -> None:
        self._starts: dict[bool, set[str]] = {False: set(), True: set()}
        self._regexes: dict[bool, tuple[re.Pattern[str], dict[str, frozenset[str]]]] = {}
        self._memo: dict[str, _Found] = {}

    def add(self, starts: tuple[str, ...], *, ignore_case: bool) -> None:
        if not set(starts) <= self._starts[ignore_case]:
            self._starts[ignore_case].update(starts)
            self._regexes.clear()
            self._memo.clear()

    def found(self, text: str, lowered: str) -> _Found:
        """What ``text`` holds (``lowered`` is ``text.lower()``); kept per text (a sentence is asked by
        every prefilter, and again by each stage of its article's extraction)."""
        out = self._memo.get(text)
        if out is None:
            if len(self._memo) >= Performance.sentence_memo:
                self._memo.clear()
            out = self._memo[text] = _Found(
                self._in(text, ignore_case=False), self._in(lowered, ignore_case=True), _ANY_TWIN.search(text) is not None
            )
        return out

    def _in(self, text: str, *, ignore_case: bool) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        if not self._starts[ignore_case]:
            return out
        if ignore_case not in self._regexes:
            self._regexes[ignore_case] = _scanning(self._starts[ignore_case])
        regex, prefixes = self._regexes[ignore_case]
        # At each position the longest start there (the trie is greedy); the others there are its prefixes.
        for m in regex.finditer(text):
            for start in prefixes[m.group(1)]:
                out.setdefault(start, []).append(m.start())
        return out


def _scanning(starts: set[str]) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """A regex that finds, at every position of a text, the longest of ``starts`` there (a look-ahead of
    their trie: an alternation of one branch per next character), and each start's starts among its
    prefixes."""
    trie: dict[str, Any] = {}
    for start in starts:
        node = trie
        for c in start:
            node = node.setdefault(c, {})
        node[""] = {}

    def branches(node: dict[str, Any]) -> str:
        alternatives = [re.escape(c) + branches(node[c]) for c in sorted(node) if c]
        if not alternatives:
            return ""
        body = "(?:" + "|".join(alternatives) + ")"
        return body + "?" if "" in node else body  # greedy: the longer start first

    prefixes = {s: frozenset(s[:k] for k in range(1, len(s) + 1) if s[:k] in starts) for s in starts}
    return re.compile("(?=(" + branches(trie) + "))"), prefixes


_SCANNER = _Scanner()


def _unwrapped(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without the ``(?i:...)`` group that is the whole of it ("(?i:\\bhier\\b|...)", whose
    starts cannot be read), as the same pattern ignoring case; else ``pattern`` itself."""
    text = pattern.pattern
    if not text.startswith("(?i:") or not text.endswith(")"):
        return pattern
    try:
        items = parsed(text, pattern.flags)
    except re.error:
        return pattern
    # One group from the first character: it ends at the last one, and holds the rest of the text.
    if len(items) != 1 or items[0][0] is not sre.SUBPATTERN or items[0][1][1:3] != (
        re.IGNORECASE, 0
    ):
        return pattern
    return re.compile(text[4:-1], pattern.flags | re.IGNORECASE)


def _starts(pattern: re.Pattern[str], *, inner: bool = False) -> tuple[str, ...] | None:
    """The ASCII words one of which every match of ``pattern`` starts with (lower case when it ignores
    case); None when they cannot be read. ``inner``: with those that hold another (which a text that
    holds them holds too, but not where a match starts)."""
    try:
        found = _prefixes(parsed(pattern.pattern, pattern.flags), [""])
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
    return tuple(sorted(s for s in out if inner or not any(o != s and o in s for o in out)))


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

