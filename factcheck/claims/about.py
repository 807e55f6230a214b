"""What a value is about: the content words of its clause, nearest first, as lemmas.

Outlets word the same fact differently ("their meeting lasted about two hours", "talks ...
lasted for about an hour and a half"), so alignment compares the *terms around* each value,
not the sentences. The nearest terms say the most: the noun a quantity counts, the subject of
"lasted", the event a date dates ("the veto in March", "arrived on June 19"). Distance is
counted in words, and crossing a clause boundary (a comma, "which", "where", a bracket) costs
extra, because a term across one usually belongs to another statement. A comma and "and" or
"but" after the value open a coordinated clause, a statement of its own: its words are out
of reach, so a value's own clause is never overruled by the next one.

Also here, because they read the same window: the participants (capitalised names), the
qualifier that sets an event apart ("the *previous* visit"), and the role of a duration (one
part of a longer whole, a total, or the time elapsed since something).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, Literal

from factcheck.claims.lemmas import lemma
from factcheck.resources import load_table

Role = Literal["total", "part", "elapsed"]
Qualifier = Literal["previous", "next"]

# Words, numbers, and the punctuation that separates clauses.
# A number keeps its inner separators ("3,000", "22:40") but not a comma or stop after it: in
# "opened in 2009, employs" the comma closes the clause.
_TOKEN_RE = re.compile(
    r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d+(?:[,.:]\d+)*|[,;:()\[\]—–\"“”]"
)
_BREAK_PUNCT = {",", ";", ":", "(", ")", "[", "]", "—", "–", '"', "“", "”"}
_CLAUSE_COST = 4
_WINDOW = 14
MAX_TERMS = 8
_QUALIFIED_REACH = 3  # "last" + up to two describing words + the term it qualifies
_TITLES = {"mr", "mrs", "ms", "dr", "sir", "lady", "lord", "prof", "gen", "col", "capt", "sgt"}


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


@cache
def _stop() -> Mapping[str, Any]:
    return load_table("stopwords")


@cache
def _stop_words() -> frozenset[str]:
    table = _stop()
    return frozenset(table["words"]) | frozenset(table["measure_verbs"])


@cache
def _cues() -> Mapping[str, Any]:
    return load_table("claimcues")


def tokenize(text: str) -> list[Token]:
    """Words, numbers and clause punctuation with their offsets in `text`."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group().rstrip(".")
        tokens.append(Token(word, match.start(), match.start() + len(word)))
    return tokens


def _inside(token: Token, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < token.end and token.start < end for start, end in spans)


def _is_name(tokens: Sequence[Token], index: int) -> bool:
    """A capitalised word that is not merely the first word of the sentence."""
    token = tokens[index]
    if not token.is_word or not token.text[0].isupper():
        return False
    if token.lower in _TITLES or token.lower in _stop_words():
        return False  # "GMT", a month, "May": not a participant
    if token.lower.endswith("'s"):
        return True  # "Macron's visit": a possessive capital is a name even first in a sentence
    first_of_sentence = index == 0 or tokens[index - 1].text in {'"', "“", "(", ":"}
    if first_of_sentence:
        # "Police said ..." is a common noun; "Jacinda Ardern said ..." is a name.
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        return following is not None and following.is_word and following.text[0].isupper()
    return not (token.text.isupper() and len(token.text) == 1)


def _costs(tokens: Sequence[Token], anchor_first: int, anchor_last: int) -> list[int]:
    """Distance of every token from the anchor (the value's tokens), clause breaks weighted."""
    breaks = set(_stop()["clause_breaks"])
    light = _appositive_commas(tokens)
    costs = [0] * len(tokens)
    cost = 0
    for index in range(anchor_first - 1, -1, -1):
        token = tokens[index]
        cost += 1
        if token.text in _BREAK_PUNCT and index not in light:
            cost += _CLAUSE_COST
        costs[index] = cost
        if token.lower in breaks:
            cost += _CLAUSE_COST  # words before "which" belong to another clause
    cost = 0
    for index in range(anchor_last + 1, len(tokens)):
        token = tokens[index]
        cost += 1
        if (token.text in _BREAK_PUNCT and index not in light) or token.lower in breaks:
            cost += _CLAUSE_COST
        if (token.text == "," and index not in light and index + 1 < len(tokens)
                and tokens[index + 1].lower in _COORDINATORS):
            cost += _WINDOW  # ", and evacuation orders were expanded": another statement
        costs[index] = cost
    return costs


# A comma and one of these after a value open a coordinated clause: a statement of its own,
# whose words say nothing of the value ("grew to 6,200 acres by Monday evening, and
# evacuation orders were expanded"). Before the value no such cut is made: a value in the
# second clause often takes its subject from the first ("..., and 5,000 were evacuated").
# Not "or": ", or $1.18 a share" restates the value.
_COORDINATORS = {"and", "but"}


_APPOSITIVE_WORDS = 6
_ARTICLES = {"the", "a", "an"}


def _appositive_commas(tokens: Sequence[Token]) -> set[int]:
    """The commas around a name in apposition ("the last major fire, the 2018 Ridge Fire,
    burned ..."): they open no clause, so the head noun before them is still the subject.

    Only a name fits between them: capitalised words and numbers, with an article first.
    """
    commas = [index for index, token in enumerate(tokens) if token.text == ","]
    light: set[int] = set()
    for left, right in pairwise(commas):
        between = tokens[left + 1:right]
        if not between or len(between) > _APPOSITIVE_WORDS:
            continue
        words = between[1:] if between[0].lower in _ARTICLES else between
        named = [t for t in words if t.text[0].isupper()]
        if named and all(t.text[0].isupper() or t.text[0].isdigit() for t in words):
            light.update((left, right))
    return light


def _anchor(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    inside = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
    if inside:
        return inside[0], inside[-1]
    after = next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))
    return after, after - 1


@dataclass(frozen=True)
class ClauseReading:
    """Everything read from the words around one value."""

    about: list[str]
    participants: list[str]
    qualifier: Qualifier | None
    role: Role | None


def read_clause(
    sentence: str, start: int, end: int, other_values: Sequence[tuple[int, int]] = (),
    kind: str = "duration", source: tuple[int, int] | None = None,
) -> ClauseReading:
    """Read what the value at sentence[start:end] is about.

    `other_values` are the spans of the sentence's other values, whose words ("Wednesday",
    "two hours") say nothing about this one. `source` is the span of the source the sentence
    is attributed to: "airport officials said" says who vouches for the value, not what it
    is about, so its words are no terms (its names still count as participants).
    """
    tokens = tokenize(sentence)
    first, last = _anchor(tokens, start, end)
    costs = _costs(tokens, first, last)
    skip = [(start, end), *other_values]
    stop = _stop_words()
    particles = set(_stop()["particles"])
    scored: dict[str, int] = {}
    names: list[tuple[int, str]] = []
    idioms, idiom_words = _idiom_terms(tokens, costs, (first, last))
    for index, token in enumerate(tokens):
        if first <= index <= last or _inside(token, skip) or not token.is_word:
            continue
        if index in idiom_words:
            continue  # "left the tracks" is a derailment, not a departure
        if costs[index] > _WINDOW:
            continue
        if _is_name(tokens, index):
            names.append((index, token.text.removesuffix("'s").removesuffix("’s")))
            continue
        if token.lower in stop or len(token.lower) < 2:
            continue
        if source is not None and source[0] <= token.start and token.end <= source[1]:
            continue
        term = lemma(token.text)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (following is not None and following.lower in particles
                and not (first <= index + 1 <= last)):
            term = f"{term} {following.lower}"  # "touch down", "kick off"
        if term not in scored or costs[index] < scored[term]:
            scored[term] = costs[index]
    for term, cost in idioms:
        if term not in scored or cost < scored[term]:
            scored[term] = cost
    about = [term for term, _ in sorted(scored.items(), key=lambda item: (item[1], item[0]))]
    return ClauseReading(
        about=about[:MAX_TERMS],
        participants=_group_names(tokens, names),
        qualifier=_qualifier(tokens, (first, last), costs, about[:3]),
        role=_role(tokens, first, last, sentence, start, end) if kind == "duration" else None,
    )


def _idiom_terms(
    tokens: Sequence[Token], costs: Sequence[int], anchor: tuple[int, int]
) -> tuple[list[tuple[str, int]], set[int]]:
    """Terms that news idioms stand for, and the indices of the idioms' words.

    "Forced 3,000 people from their homes" is an evacuation though no word says so, and a
    train that "left the tracks" derailed: its words read one by one ("leave") would make
    it a departure, so they are no terms of their own (claimcues: idioms). An idiom is
    matched on word forms, so each form is listed ("left the tracks", "leaves the tracks").
    """
    words = [t.lower for t in tokens]
    found = []
    covered: set[int] = set()
    for phrase, term in _cues()["idioms"].items():
        parts = phrase.split()
        for index in range(len(words) - len(parts) + 1):
            inside = anchor[0] <= index <= anchor[1]
            if (words[index:index + len(parts)] == parts and not inside
                    and costs[index] <= _WINDOW):
                found.append((term, costs[index]))
                covered.update(range(index, index + len(parts)))
    return found, covered


def _group_names(tokens: Sequence[Token], names: Sequence[tuple[int, str]]) -> list[str]:
    """Join consecutive capitalised words ("Jacinda Ardern", "United Nations") into names."""
    groups: list[list[str]] = []
    previous = -2
    for index, text in names:
        joined_by_of = (
            index == previous + 2 and tokens[previous + 1].lower in {"of", "de", "von", "al"}
        )
        if groups and (index == previous + 1 or joined_by_of):
            if joined_by_of:
                groups[-1].append(tokens[previous + 1].text)
            groups[-1].append(text)
        else:
            groups.append([text])
        previous = index
    seen: list[str] = []
    for group in groups:
        name = " ".join(group)
        if name not in seen:
            seen.append(name)
    return seen


def _qualifier(
    tokens: Sequence[Token], anchor: tuple[int, int], costs: Sequence[int],
    nearest: Sequence[str],
) -> Qualifier | None:
    """'previous'/'next' when a qualifier stands before one of the nearest terms.

    Up to two describing words may stand between ("the last major earthquake", "the next
    scheduled round"): news copy rarely names an earlier event without an adjective. A
    stop word between ("the last of the survivors") ends the phrase.
    """
    qualifiers: Mapping[str, str] = _cues()["qualifiers"]
    auxiliaries = set(_cues()["auxiliaries"])
    pronouns = set(_cues()["pronouns"]) - {"this", "that", "which", "one", "there"}
    stop = _stop_words()
    for index, token in enumerate(tokens[:-1]):
        if (token.lower not in qualifiers or costs[index] > _WINDOW
                or anchor[0] <= index <= anchor[1]):
            continue  # "since last year": the value's own word dates it, it sets nothing apart
        if (qualifiers[token.lower] == "previous" and index > 0
                and tokens[index - 1].lower in auxiliaries | pronouns):
            continue  # "was last inspected", "when we last checked": most recently, an adverb
        for following in tokens[index + 1:index + 1 + _QUALIFIED_REACH]:
            if not following.is_word or following.lower in stop or following.text[0].isupper():
                break
            if lemma(following.text) in nearest:
                return qualifiers[token.lower]  # type: ignore[return-value]
    return None


def _words_before(sentence: str, start: int, count: int) -> list[str]:
    return [t.lower for t in tokenize(sentence[:start]) if t.is_word][-count:]


def _has_phrase(words: Sequence[str], phrases: Sequence[str]) -> bool:
    text = " " + " ".join(words) + " "
    return any(f" {phrase} " in text for phrase in phrases)


def _role(
    tokens: Sequence[Token], first: int, last: int, sentence: str, start: int, end: int,
) -> Role | None:
    """Part of a whole, a total, or the time elapsed since an earlier event."""
    cues = _cues()
    own = [t.lower for t in tokenize(sentence[start:end]) if t.is_word]
    before = _words_before(sentence, start, 6)
    after = [t.lower for t in tokens[last + 1:last + 4] if t.is_word]
    if _has_phrase(own + before[-3:], cues["total_markers"]) or _has_phrase(
        after, cues["total_markers"]
    ):
        return "total"
    if (_has_phrase(own[:2], cues["part_markers"])
            or _has_phrase(before[-4:], cues["part_markers"])
            or _has_phrase(after[:2], ["followed by", "followed"])):
        return "part"
    if after and after[0] in cues["elapsed_after"]:
        return "elapsed"
    if (before and before[-1] in cues["elapsed_before"]) or (
        own and own[0] in cues["elapsed_before"]
    ):
        context = _words_before(sentence, start, 12)
        if any(word in cues["elapsed_cues"] for word in context):
            return "elapsed"
    return None


def dates_value(sentence: str, date: tuple[int, int], value: tuple[int, int]) -> bool:
    """Does the date at sentence[date] say when the value at sentence[value] happened?

    Yes when nothing that opens another clause stands between them ("killed 64 people in
    2015"), or when the date opens the sentence as the setting of all of it ("In 2015, a fire
    killed 64 people"). A date in a clause of its own ("the plant, which opened in 2009,
    employs 400 people") dates only that clause.
    """
    tokens = tokenize(sentence)
    breaks = set(_stop()["clause_breaks"])
    low, high = (date[1], value[0]) if date[0] < value[0] else (value[1], date[0])
    between = [t for t in tokens if low <= t.start and t.end <= high]
    if not any(t.text in _BREAK_PUNCT or t.lower in breaks for t in between):
        return True
    if value[0] < date[0] or any(t.text in {";", "—", "–"} for t in between):
        return False  # the setting of a sentence ends where another main clause begins
    openers = set(_cues()["date_openers"])
    before = [t for t in tokens if t.end <= date[0]]
    after = [t for t in tokens if t.start >= date[1]]
    return (all(t.is_word and t.lower in openers for t in before)
            and bool(after) and after[0].text == ",")


_COORDINATED_VERB_WORDS = 2


def coordinated_predicate(between: str) -> bool:
    """Is `between` (the words between two values) "and" plus a verb, the second value's
    predicate sharing the first one's subject ("burned 2,000 acres and destroyed 40 homes")?

    A subject of its own ("and the second 30", "and this one 30") or a clause break makes it
    another statement.
    """
    tokens = tokenize(between)
    if not tokens or tokens[0].lower != "and":
        return False
    rest = tokens[1:]
    subjects = set(_cues()["noun_markers"]) | set(_cues()["pronouns"])
    return (len(rest) <= _COORDINATED_VERB_WORDS
            and all(t.is_word and t.text.islower() and t.lower not in subjects for t in rest))


def dates_a_statement(sentence: str, start: int) -> bool:
    """Is the time at sentence[start:] the date of a statement ("officials said on Tuesday")?

    Such a date says when someone spoke, not when the reported event happened; outlets quoting
    one source on different days are not contradicting each other.
    """
    words = [t.lower for t in tokenize(sentence[:start]) if t.is_word][-3:]
    verbs = set(_cues()["statement_verbs"])
    lead = {"on", "late", "early", "in", "at", "this", "last"}
    while words and words[-1] in lead:
        words.pop()
    if len(words) >= 2 and words[-2] in verbs and words[-1] not in verbs:
        words.pop()  # "told reporters on Monday"
    return bool(words) and words[-1] in verbs


_DATELINE_BEFORE = re.compile(
    r"^\s*[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?,\s*$"
)
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?[-–—]")


def is_dateline(sentence: str, start: int, end: int) -> bool:
    """Is the date at sentence[start:end] a dateline ("TORONTO, Jan 18 (Wire) - ...")?

    A dateline dates the report, not anything in it.
    """
    return bool(_DATELINE_BEFORE.match(sentence[:start])
                and _DATELINE_AFTER.match(sentence[end:]))
