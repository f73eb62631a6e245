"""How many people a sentence says were killed and injured: ACLED's "fatalities", and the wounded apart.

A number counts when it is written just before a word of death or injury, with only words of who they were
between ("deux soldats américains ont été tués", "three people were killed", "trois morts"), or just after a
verb of killing ("tuant quatre civils", "killing at least four"). "Au moins", "at least" give the lower
bound, as ACLED keeps the most conservative figure; vague amounts take ACLED's codes ("dozens" is 12). A
sentence that says no one was hurt gives 0; one that says nothing gives None. The words are in the
lexicon's ``[casualties]`` tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geomap import lexicon
from geomap.extract.starts import Prefiltered

_LEXICON = lexicon.load()
# Numbers that are not people: a distance, a duration, a share.
_NOT_PEOPLE_AFTER = re.compile(r"^\s*(?:km|kilom|miles?|heures?|hours?|h\b|%)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Grammar:
    """One language's way of writing a toll (a language's number words mean nothing in another: the
    English "a" is the French "a" of "a tué")."""

    share: re.Pattern[str]
    numbers: dict[str, int]
    # Each searched only in a sentence that holds one of the words of death or injury its matches hold.
    killed: tuple[Prefiltered, ...]
    injured: tuple[Prefiltered, ...]
    fighters_killed: tuple[Prefiltered, ...]
    none: Prefiltered
    no_injured: Prefiltered
    as_many_injured: Prefiltered
    negated: re.Pattern[str]
    claimed: re.Pattern[str]
    superseded: re.Pattern[str]
    ages: re.Pattern[str]
    elided: re.Pattern[str]
    share_word: re.Pattern[str]
    #: People named one by one ("a mother and her two children were killed"), and one of them.
    persons_killed: tuple[re.Pattern[str], ...] = ()
    person: re.Pattern[str] | None = None


def _grammar(code: str) -> _Grammar:
    table = _LEXICON.of(code)["casualties"]
    numbers = {k.lower(): int(v) for k, v in table["numbers"].items()}
    numbers.update({phrase: 1 for phrase in table.get("one_person", [])})  # "killing its driver"
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(numbers, key=len, reverse=True))
    number = (
        # "dix-neuf", "vingt-trois", "vingt et un", "twenty-three": tens joined to units (see _value).
        r"(?P<number>\d{1,3}(?:[ ,.\u202f]\d{3})+|\d+|(?:" + words + r")(?:-(?:et-)?|\s+et\s+)(?:" + words + r")|"
        + words
        + ")"
    )
    # Longest first; words of one length in their alphabetical order, not the set's, which changes with
    # each process's hash seed: the same pattern text in every process, so that its compiled form is kept
    # (geomap.extract.regexes). Two words of one length never match at one place but as the same span.
    fillers = sorted({w for entry in table["fillers"] for w in entry.split()}, key=lambda w: (-len(w), w))
    # Words of who they were that go together: "four members of the Iraqi army were killed".
    phrases = table.get("filler_phrases", [])
    filler = "(?:" + "|".join([*phrases, *(re.escape(w) for w in fillers)]) + ")"
    at_least = "(?:" + "|".join(table["at_least"]) + ")"

    def alt(*keys: str) -> str:
        return "(?:" + "|".join(entry for key in keys for entry in table.get(key, [])) + ")"

    # "grièvement blessés", "blessant gravement les deux occupants": optional words around the number.
    adverb = r"(?:" + alt("adverbs") + r"\s+)?" if table.get("adverbs") else ""
    determiner = r"(?:" + alt("number_determiners") + r"\s+)?" if table.get("number_determiners") else ""

    def holding(key: str, pattern: str, *more_keys: str) -> Prefiltered:
        # Every match of ``pattern`` holds one of the words of its keys: a sentence without them is not
        # searched.
        holds = re.compile(alt(key, *more_keys), re.IGNORECASE)
        return Prefiltered(re.compile(pattern, re.IGNORECASE), holds=holds)

    # "Four people, including two soldiers, were killed": the part between commas is read over, and what
    # most of them were: "48 people, mostly civilians, were killed".
    # Without commas too: "13 people including a child were killed", "treize personnes dont un enfant".
    part = r"(?:\s*,?\s*" + alt("share", "described") + r"\s+[^,.;:]{1,50}?,?(?:\s+" + filler + r"){0,3})?"

    def before(key: str) -> Prefiltered:
        # A number, a few words of who they were, then the word: "deux soldats tués"; two groups joined
        # add up: "nine children and a woman were killed", "un soldat et deux civils tués".
        added = number.replace("?P<number>", "?P<added>")
        return holding(
            key,
            r"(?<![\w,.\-])" + number + r"(?:\s+" + filler + r"){0,5}" + part
            + r"(?:\s+" + alt("and") + r"\s+" + added + r"(?:\s+" + filler + r"){0,5})?\s+" + adverb + alt(key) + r"\b",
        )

    def after(key: str) -> Prefiltered:
        # A verb, then the number: "tuant au moins quatre", "killing three"; two groups add up: "ont tué deux
        # officiers et deux soldats" (who the second were must follow: "killing two soldiers and a day later").
        added = number.replace("?P<number>", "?P<added>")
        # A third group before them: "killing four children, three women and a man".
        middle = number.replace("?P<number>", "?P<middle>")
        word_end = r"(?![\w,.]\d)(?!(?<=[^\W\d])\w)"  # a number word ends its word: "killing all five" is not "a"
        # "killed another two people": more dead than those told before, counted as these.
        another = "(?:" + "|".join(table.get("another", [])) + r")\s+" if table.get("another") else ""
        # "a tué mercredi une personne", "killed on Monday three civilians": the day between verb and number
        # (a figure right after the day is its date: "killed on Monday 3 June").
        day = "(?:" + "|".join(table.get("day_after_verb", [])) + r")\s+(?!\d)" if table.get("day_after_verb") else ""
        return holding(
            key,
            r"\b" + alt(key) + r"(?:(?<=['’])|\s+)" + adverb + r"(?:" + day + ")?(?:" + another + ")?(?:" + at_least + r"\s+)?"
            + determiner + number + word_end
            + r"(?:(?:(?:\s+" + filler + r"){1,3}\s*,\s*" + middle + word_end + r")?"
            + r"(?:\s+" + filler + r"){1,3}\s+" + alt("and") + r"\s+" + added + word_end + r"(?=(?:\s+" + filler + r"){1,3}\b))?",
        )

    def named_dead(
        nouns: str, killed: tuple[str, ...], killing: tuple[str, ...], *, part: str = "", guard: str = ""
    ) -> tuple[Prefiltered, ...]:
        # The dead named by who they were: a number, a few words, ``nouns`` and a word of ``killed``, or a
        # word of ``killing`` and then them (``guard``: what may not follow the first).
        return (
            holding(
                killed[0],
                r"(?<![\w,.\-])" + number + r"(?:\s+" + filler + r"){0,3}?\s+" + nouns + part
                + r"(?:\s+" + filler + r"){0,3}\s+" + adverb + alt(*killed) + r"\b" + guard,
                *killed[1:],
            ),
            holding(
                killing[0],
                r"\b" + alt(*killing) + r"\s+(?:" + at_least + r"\s+)?" + number
                + r"(?:\s+[\w’'\-]+){0,2}?\s+" + nouns + r"\b",
                *killing[1:],
            ),
        )

    def by_people(key: str, active: str) -> tuple[Prefiltered, ...]:
        # Verbs that kill only when people are named ("15 terroristes abattus", "ont neutralisé douze
        # jihadistes"; "30 drones abattus" are no dead).
        return named_dead(alt("people"), (key,), (active,)) if key in table else ()

    def fighters_killed() -> tuple[Prefiltered, ...]:
        # Armed men among the dead: "five militants were killed", "ont neutralisé douze jihadistes" (not the
        # killers: "five gunmen killed three villagers", whose verb has its own number after it).
        if "fighters" not in table:
            return ()
        any_number = number.replace("?P<number>", "?:")
        killers_object = r"(?!\s+(?:" + at_least + r"\s+)?" + determiner + any_number + r"\b)"
        return named_dead(
            alt("fighters"),
            ("killed", "killed_people"),
            ("killing", "killing_people"),
            part=part,
            guard=killers_object,
        )

    # The part is told by where it was ("dont six près de Kirkouk"), not by who ("dont sept enfants dans la
    # région de Tombouctou" is a part of the dead there, not the toll there).
    share = re.compile(
        r"\b" + alt("share") + r"\s+(?:" + at_least + r"\s+)?" + number + r"\s+" + alt("share_where")
        + r"(?:\s+[\w’'\-]+){0,5}\s*$",
        re.IGNORECASE,
    )
    # "..., une à Sloviansk et un autre à Kurakhove", "and another in Bakhmut": a number alone before a place.
    another = r"|(?P<another>" + alt("another") + ")" if table.get("another") else ""
    # (What the place is may stand between: "quatre dans le village voisin de", "eleven in the nearby town of".)
    place_words = r"(?:\s*\b" + alt("elided_place_words") + r")*" if table.get("elided_place_words") else ""
    elided = re.compile(
        r"(?<![\w’'\-])(?:" + number + r"(?:\s+" + alt("elided_others") + r")?" + another + r")\s+"
        + alt("share_where") + place_words + r"\s*$",
        re.IGNORECASE,
    )
    persons_killed: tuple[re.Pattern[str], ...] = ()
    person = None
    if table.get("persons"):
        one = alt("person_determiners") + r"\s+" + alt("persons") + r"\b"
        some = alt("plural_determiners") + r"\s+" + number + r"\s+" + alt("persons_plural") + r"\b"
        person = re.compile(r"(?:" + one + "|" + some + ")", re.IGNORECASE)
        item = "(?:" + one + "|" + some.replace("?P<number>", "?:") + ")"
        named = item + r"(?:\s*,\s*" + item + r")*\s+" + alt("and") + r"\s+" + item
        aside = r"(?:\s*[—–]\s*[^—–]{1,80}[—–])?"  # "une mère et ses deux filles — âgées de six mois —"
        persons_killed = (
            re.compile(
                r"(?<![\w’'\-])(?P<named>" + named + ")" + aside + r"(?:\s+" + filler + r"){0,5}\s+"
                + adverb + alt("killed") + r"\b",
                re.IGNORECASE,
            ),
            re.compile(r"\b" + alt("killing") + r"\s+(?P<named>" + named + ")", re.IGNORECASE),
        )
    return _Grammar(
        persons_killed=persons_killed,
        person=person,
        elided=elided,
        share_word=re.compile(r"\b" + alt("share") + r"\b", re.IGNORECASE),
        share=share,
        numbers=numbers,
        killed=(before("killed"), after("killing"), *by_people("killed_people", "killing_people")),
        injured=(before("injured"), after("injuring")),
        fighters_killed=fighters_killed(),
        none=holding("none", r"\b" + alt("none") + r"\b"),
        no_injured=holding("no_injured", r"\b" + alt("no_injured") + r"\b"),
        as_many_injured=holding("as_many_injured", r"\b" + alt("as_many_injured") + r"\b"),
        negated=re.compile(r"\b" + alt("negations") + r"\s+$", re.IGNORECASE),
        # The claim's verb, then no more than a few words before the figure: "claimed to have killed 57".
        claimed=re.compile(r"\b" + alt("claimed") + r"(?:\s+[\w’'\-]+){0,4}\s*$", re.IGNORECASE),
        # A toll told as replaced by a newer one: "après un premier bilan de 35 morts", "up from nine".
        superseded=re.compile(r"\b" + alt("superseded") + r"\b[^.;:,]{0,30}$", re.IGNORECASE),
        # "two men aged 29 and 41 were killed": the ages are read over, "two men were killed".
        ages=re.compile(
            r"\b" + alt("ages") + r"\s+\d+(?:\s*(?:,|" + alt("and") + r")\s*\d+)*(?:\s+" + alt("years") + r")?"
            + r"|" + alt("age_phrases"),
            re.IGNORECASE,
        ),
    )


_GRAMMARS = {code: _grammar(code) for code in _LEXICON.codes if "casualties" in _LEXICON.of(code)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Casualties:
    """What one sentence says of the dead and the injured (None: it does not say)."""

    fatalities: int | None = None
    injured: int | None = None

    @property
    def stated(self) -> bool:
        return self.fatalities is not None or self.injured is not None

    def completed_by(self, other: Casualties) -> Casualties:
        """These figures, each that is not stated taken from ``other``."""
        return Casualties(
            fatalities=self.fatalities if self.fatalities is not None else other.fatalities,
            injured=self.injured if self.injured is not None else other.injured,
        )


def casualties(sentence: str, *, lang: str | None = None) -> Casualties:
    """The killed and injured the sentence (in ``lang``, else any language geomap reads) reports."""
    grammars = [_GRAMMARS[lang]] if lang in _GRAMMARS else list(_GRAMMARS.values())
    fatalities = _largest(_killed(sentence, g) for g in grammars)
    injured = _largest(_count(sentence, g, g.injured, other=g.killed[1]) for g in grammars)
    lowered = sentence.lower()
    if any(g.none.search(sentence, lowered) for g in grammars):
        fatalities = 0 if fatalities is None else fatalities
        injured = 0 if injured is None else injured
    if injured is None and any(g.no_injured.search(sentence, lowered) for g in grammars):
        injured = 0
    if injured is None and fatalities and any(g.as_many_injured.search(sentence, lowered) for g in grammars):
        injured = fatalities  # "cinq soldats ont été tués et autant ont été blessés"
    return Casualties(fatalities=fatalities, injured=injured)


def fighters_among_dead(sentence: str, *, lang: str) -> bool:
    """Whether the sentence counts armed men among the dead ("five militants were killed", "tuant trois
    assaillants"): an attack that killed them met men who fought, a battle (ACLED's Armed clash)."""
    grammar = _GRAMMARS.get(lang)
    lowered = sentence.lower()
    return grammar is not None and any(p.search(sentence, lowered) for p in grammar.fighters_killed)


def number_value(text: str) -> int | None:
    """The value of a number as one of the languages geomap reads writes it ("two", "deux", "12"), or None."""
    return next((v for g in _GRAMMARS.values() if (v := _value(text, g.numbers)) is not None), None)


def _killed(sentence: str, grammar: _Grammar) -> int | None:
    """The dead: those killed, and the attackers killed too when the sentence counts them apart with their own
    verb ("deux soldats ont été tués et une dizaine de terroristes neutralisés": twelve, as ACLED counts the
    attackers among the fatalities), not as a part of the others ("12 tués, dont 10 assaillants abattus")."""
    counted = _count(sentence, grammar, grammar.killed[:2], other=grammar.injured[1])
    killed = _largest((counted, _persons(sentence, grammar)))
    attackers = _count(sentence, grammar, grammar.killed[2:], other=grammar.injured[1])
    # (one figure read by both, or a part told with "dont", "including": the largest, as before)
    if killed is None or attackers is None or killed == attackers or grammar.share_word.search(sentence):
        return _largest((killed, attackers))
    return killed + attackers


def _persons(sentence: str, grammar: _Grammar) -> int | None:
    """The dead named one by one, each one person or a number of them: "a man, his brother and his wife"."""
    if grammar.person is None:
        return None
    counts = []
    for pattern in grammar.persons_killed:
        for m in pattern.finditer(sentence):
            named = grammar.person.finditer(m.group("named"))
            each = [_value(p.group("number"), grammar.numbers) if p.group("number") else 1 for p in named]
            known = [n for n in each if n is not None]
            counts.append(sum(known) if len(known) == len(each) else None)
    return _largest(counts)


# Quotation marks say who said it, not who died: 'fait état de "deux militaires" tués'.
_QUOTES = re.compile(r"[\"“”«»]")


def _count(
    sentence: str, grammar: _Grammar, patterns: tuple[Prefiltered, ...], *, other: Prefiltered
) -> int | None:
    """The largest figure ``patterns`` read; ``other``: the verb of the other kind, whose object a group is not
    ("the death of five people and eight injuries" are eight injured, not thirteen)."""
    sentence = _QUOTES.sub(" ", grammar.ages.sub(" ", sentence))
    lowered = sentence.lower()
    objects = {m.end("number") for m in other.finditer(sentence, lowered)}
    found = [
        value
        for pattern in patterns
        for m in pattern.finditer(sentence, lowered)
        if not _NOT_PEOPLE_AFTER.match(sentence[m.end("number") :])
        and not grammar.negated.search(sentence[: m.start("number")])
        and not grammar.claimed.search(sentence[: m.start("number")])
        and not grammar.superseded.search(sentence[: m.start("number")])
        and (value := _sum(m, grammar.numbers, first_taken=m.end("number") in objects)) is not None
    ]
    # Several figures in one sentence are mostly parts and totals ("four people, including two soldiers"):
    # the largest is the toll.
    return max(found) if found else None


def share_before(sentence: str, position: int, *, lang: str) -> int | None:
    """The part of the sentence's toll told right before a place ("15 morts en Irak, dont six près de Kirkouk"
    gives six at the place starting at ``position``), or None."""
    grammar = _GRAMMARS.get(lang)
    if grammar is None:
        return None
    m = grammar.share.search(sentence[max(0, position - 80) : position])
    return _value(m.group("number"), grammar.numbers) if m else None


_SENTENCE_STOP = re.compile(r"[.;…]")


def tolls_by_place(sentence: str, spans: Sequence[tuple[int, int]], *, lang: str) -> list[Casualties] | None:
    """Each place's toll when a sentence tells a roundup place by place, each toll before its place (``spans``:
    the places' spans, in order): "deux personnes ont été tuées à Avdiivka, une à Sloviansk et une à
    Kurakhove" (a number alone is of the kind told before it), "One person was killed in Bakhmut <...> Two
    people were killed in Drobysheve". None unless every place has its own and none is told after the last."""
    grammar = _GRAMMARS.get(lang)
    if grammar is None or len(spans) < 2:
        return None
    out: list[Casualties] = []
    previous_end = 0
    for start, end in spans:
        # (from its last stop: a quote may hold several sentences, "killed in Bakhmut. <...> Two people...")
        before = _SENTENCE_STOP.split(sentence[previous_end:start])[-1]
        toll = casualties(before, lang=lang)
        if not out and toll.stated:
            # A total, then its share at each place: "killed 15 people, four in X and eleven in Y".
            share = grammar.elided.search(before)
            total = casualties(before[: share.start()], lang=lang) if share else Casualties()
            if total.stated:
                toll = _elided_toll(before, total, grammar)
                if not toll.stated or not _within(toll, total):
                    return None
        elif not toll.stated and out:
            toll = _elided_toll(before, out[-1], grammar)
        if not toll.stated:
            return None
        out.append(toll)
        previous_end = end
    return None if casualties(sentence[previous_end:], lang=lang).stated else out


def _within(share: Casualties, total: Casualties) -> bool:
    """Whether ``share`` counts no more of each kind than ``total``."""
    return all(
        part is None or (whole is not None and part <= whole)
        for part, whole in ((share.fatalities, total.fatalities), (share.injured, total.injured))
    )


def _elided_toll(text: str, told: Casualties, grammar: _Grammar) -> Casualties:
    """The number alone at the end of ``text`` ("..., une à"), as dead or injured as the toll ``told`` before."""
    m = grammar.elided.search(text)
    value = None if m is None else 1 if m.groupdict().get("another") else _value(m.group("number"), grammar.numbers)
    if value is None or (told.fatalities is None) == (told.injured is None):
        return Casualties()  # (a toll of both kinds does not say which this one is)
    return Casualties(fatalities=value) if told.fatalities is not None else Casualties(injured=value)


def _sum(m: re.Match[str], numbers: dict[str, int], *, first_taken: bool = False) -> int | None:
    """The number a match reads, plus the one joined to it ("nine children and a woman": ten); only the
    joined one when the first is ``first_taken`` by a verb of the other kind."""
    added, middle = m.groupdict().get("added"), m.groupdict().get("middle")
    if first_taken and added:
        return _value(added, numbers)
    values = [_value(m.group("number"), numbers), *(_value(g, numbers) for g in (middle, added) if g)]
    return None if None in values else sum(v for v in values if v is not None)


def _largest(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _value(text: str, numbers: dict[str, int]) -> int | None:
    digits = re.sub(r"[ ,.\u202f]", "", text)
    if digits.isdigit():
        number = int(digits)
        return number if number < 1900 else None  # a year, not a toll
    words = " ".join(text.lower().split())
    if words in numbers:
        return numbers[words]
    # Tens joined to units: "dix-neuf" 19, "vingt et un" 21, "twenty-three" 23 (not "quatre-vingts").
    parts = [numbers.get(w) for w in re.split(r"-et-|\s+et\s+|-", words)]
    if len(parts) == 2 and parts[0] is not None and parts[1] is not None and parts[0] % 10 == 0 and parts[1] < 10:
        return parts[0] + parts[1]
    return None
