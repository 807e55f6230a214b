"""Narrowing a rule by the words of a claim's sentence, with no regular expression from a user.

A story pack sometimes needs a rule to look only at some claims ("evacuated" counts, not the
ones about last year's flood). Rule files are written by people outside the project, and a
regular expression from such a file could take exponential time on a hostile article ("(a+)+$"
against a long run of "a"): the run would hang. So a rule's `sentence` filter takes word
phrases, not patterns: words separated by spaces, compared case-insensitively with the whole
words of the sentence, a final `*` standing for any ending ("evacuat*"). A sentence is read
once into words with a fixed expression, then each phrase is tried at each word: time is
linear in the sentence for a given rule (at most `MAX_PHRASES` phrases of `MAX_PHRASE_WORDS`
words, enforced by the schema), whatever the phrases say. google-re2 would also give linear
matching but adds a compiled dependency and still asks story-pack authors to write regular
expressions; whole-word phrases are what the need is, and what an editor can read.

Where it applies: `check_story` (`factcheck/rules/__init__.py`) passes each rule only the
claims `applies_to` accepts, before alignment, so align/agree/quote never see the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from factcheck.models import Claim
from factcheck.rules.schema import MAX_PHRASE_WORDS, MAX_PHRASES, Rule, SentenceWords

__all__ = ["MAX_PHRASES", "MAX_PHRASE_WORDS", "Phrases", "applies_to", "select"]

# Fixed, not from any rule: a word is letters/digits with inner apostrophes or hyphens.
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def words_of(text: str) -> list[str]:
    """The sentence's words, case-folded, curly apostrophes made straight."""
    return [word.casefold().replace("’", "'") for word in _WORD.findall(text)]


@dataclass(frozen=True)
class _Word:
    text: str
    prefix: bool  # written with a final `*`: any word starting with `text`

    def matches(self, word: str) -> bool:
        return word.startswith(self.text) if self.prefix else word == self.text


@dataclass(frozen=True)
class Phrases:
    """Word phrases compiled to word sequences; `found_in` is linear in the sentence."""

    phrases: tuple[tuple[_Word, ...], ...]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        compiled = []
        for phrase in phrases:
            words = []
            for raw in phrase.split():
                prefix = raw.endswith("*")
                text = " ".join(words_of(raw.rstrip("*")))
                words.append(_Word(text, prefix))
            if words:
                compiled.append(tuple(words))
        return cls(tuple(compiled))

    def found_in(self, words: Sequence[str]) -> bool:
        for start in range(len(words)):
            for phrase in self.phrases:
                end = start + len(phrase)
                if end <= len(words) and all(
                        part.matches(words[start + offset])
                        for offset, part in enumerate(phrase)):
                    return True
        return False


@cache
def _compiled(filter_: SentenceWords) -> tuple[Phrases, Phrases]:
    return Phrases.of(filter_.has), Phrases.of(filter_.lacks)


def applies_to(rule: Rule, claim: Claim) -> bool:
    """Whether the rule looks at this claim: its sentence has one of `sentence.has` (when
    given) and none of `sentence.lacks`. A rule without `sentence` looks at every claim."""
    if rule.sentence is None:
        return True
    has, lacks = _compiled(rule.sentence)
    words = words_of(claim.evidence)
    if has.phrases and not has.found_in(words):
        return False
    return not lacks.found_in(words)


def select(rule: Rule, claims: Sequence[Claim]) -> Sequence[Claim]:
    """The claims the rule looks at, in their order (the same list when it has no filter)."""
    if rule.sentence is None:
        return claims
    return [claim for claim in claims if applies_to(rule, claim)]
