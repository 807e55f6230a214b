"""Counted nouns for everything a person reads: "1 article", "2 articles", "1 discrepancy".

Counts reach users in summaries, report headings and messages; one helper means one set of
spelling rules, so a count of one never reads "1 discrepancies" in one place and right in
another.
"""

from __future__ import annotations

# Nouns whose plural the rules below would get wrong, or that do not take one.
_IRREGULAR = {"info": "info", "person": "people"}
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural_of(noun: str) -> str:
    """The plural of an English noun as factcheck uses them (regular ones and a few more)."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    if noun.endswith(_SIBILANT_ENDINGS):
        return noun + "es"
    return noun + "s"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """`count` and the noun in the number that agrees with it: "1 claim", "0 claims".

    Give `plural_noun` for a noun whose plural the rules of `plural_of` do not know.
    """
    word = noun if count == 1 else (plural_noun or plural_of(noun))
    return f"{count} {word}"
