"""Does a full stop end the sentence? The abbreviation table, read as one decision.

Both the parser's sentence hints (`factcheck/nlp.py`: "at 3 p.m. Officials said" is two
sentences) and the cleaner's line unwrapper ("Mr." at the end of a hard-wrapped line must not
become a paragraph break) need this answer, so it lives in one place and the words live in
`factcheck/data/abbreviations.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.resources import load_table

_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_INITIAL = re.compile(r"^[A-Z]$")
_OPENING_QUOTES = "\"“‘'«"
_LEADING_PUNCTUATION = "\"“‘'«([{"


@dataclass(frozen=True)
class Abbreviations:
    never_split: frozenset[str]
    before_number: frozenset[str]
    lowercase_only: frozenset[str]
    calendar_words: frozenset[str]
    ambiguous: frozenset[str]
    sentence_starters: frozenset[str]


@cache
def abbreviations() -> Abbreviations:
    table = load_table("abbreviations")
    return Abbreviations(
        never_split=frozenset(word.lower() for word in table["never_split"]),
        before_number=frozenset(word.lower() for word in table["before_number"]),
        lowercase_only=frozenset(word.lower() for word in table["lowercase_only"]),
        calendar_words=frozenset(table["calendar_words"]),
        ambiguous=frozenset(word.lower() for word in table["ambiguous"]),
        sentence_starters=frozenset(table["sentence_starters"]),
    )


def continues_after(word: str, following: str) -> bool:
    """Whether the sentence goes on after `word`, a token ending in a full stop.

    `following` is the next token (possibly with an opening quote), or "" at the end of text.
    Only full stops are ambiguous; "?" and "!" are handled by the caller.
    """
    if not following:
        return False
    first = following[0]
    if first.islower():
        # A full stop before a lower-case word practically never ends a sentence in news copy.
        return True
    key = word.lstrip(_LEADING_PUNCTUATION).removesuffix(".")
    if not key:
        return False
    lowered = key.lower()
    table = abbreviations()
    if lowered in table.never_split:
        return True
    if lowered in table.before_number:
        return first.isdigit()
    if lowered in table.lowercase_only:
        # "at 2:15 p.m. Sunday": a clock time's day or zone, not a new sentence
        return _next_word(following) in table.calendar_words
    if lowered in table.ambiguous or _DOTTED_ACRONYM.match(key) or _INITIAL.match(key):
        if first in _OPENING_QUOTES:
            return False
        return _next_word(following) not in table.sentence_starters
    return False


def _next_word(following: str) -> str:
    return re.split(r"[^\w'’-]", following.lstrip(_LEADING_PUNCTUATION), maxsplit=1)[0]
