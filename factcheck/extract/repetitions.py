"""Counts of times something happened: "hosted the awards three times", "was arrested twice",
"won for the third time", "a four-time champion".

One outlet's "three times" against another's "four times" is as plain a contradiction as two
death tolls, yet "times" is no counted noun the quantity extractor could read (it is one of its
noun-phrase stops, so "3 times" never counted "times"). This module reads the forms a count of
occurrences is written in and returns quantities with the unit "time".

Most numbers before "times" count nothing: "three times as many", "twice the size", "three
times larger" are ratios between two amounts, and "three times a day", "twice weekly" are
rates. Neither is extracted (a ratio compared with a count, or with another outlet's ratio of
something else, would make findings out of nothing); `factcheck/data/repetitions.yaml` lists
the words that make a ratio or a rate, with the other choices and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from factcheck.extract.hedges import HEDGE_PATTERN, apply_hedge
from factcheck.extract.numbers import NUMBER_PATTERN, parse_number
from factcheck.extract.prefilter import StartScanner, fold
from factcheck.models import Context, Mention, QuantityValue
from factcheck.resources import load_table

UNIT = "time"

_TABLE: Mapping[str, Any] = load_table("repetitions")
_WORDS: Mapping[str, int] = _TABLE["words"]
_ORDINALS: Mapping[str, int] = _TABLE["ordinals"]
_MULTIPLIER_AFTER = frozenset(_TABLE["multiplier_after"])
_NOT_COMPARATIVES = frozenset(_TABLE["not_comparatives"])
_RATE_AFTER = frozenset(_TABLE["rate_after"])
_RATE_ARTICLES = frozenset(_TABLE["rate_articles"])
_PERIODS = frozenset(_TABLE["periods"])
_NOT_AFTER = frozenset(_TABLE["not_after"])
_DEMONSTRATIVES = frozenset(_TABLE["demonstratives"])
_TIME_COMPOUNDS = frozenset(_TABLE["time_compounds"])
_NUMBER_WORDS = frozenset(
    word for key in ("units", "tens", "scales") for word in load_table("numbers")[key]
)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_HEDGE = rf"(?:(?P<hedge>{HEDGE_PATTERN})\s+)?"
# "three times", "three or four times", "dozens of times"; "times" in lower case only: "Times"
# after a number names a newspaper ("two Times reporters").
_TIMES_RE = re.compile(
    rf"(?<!\w)(?<!-){_HEDGE}(?:(?P<lo>{NUMBER_PATTERN})\s*(?:\s(?:or|to)\s|-|–)\s*)?"
    rf"(?P<num>{NUMBER_PATTERN})(?:\s+of)?\s+(?-i:times)\b(?!-)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(
    rf"(?<!\w)(?<!-){_HEDGE}(?P<word>{_alternation(list(_WORDS))})\b", re.IGNORECASE
)
_ORDINAL_RE = re.compile(
    rf"(?<!\w)(?<!-)(?:{_alternation(_TABLE['ordinal_determiners'])})\s+"
    rf"(?P<ordinal>{_alternation(list(_ORDINALS))}|\d{{1,3}}(?:st|nd|rd|th))"
    rf"(?:\s+(?:{_alternation(_TABLE['ordinal_modifiers'])}))?\s+(?-i:time)\b(?![-'’]\w)",
    re.IGNORECASE,
)
# "a three-time champion": the count as an adjective, before the noun it describes.
_ADJECTIVE_RE = re.compile(
    rf"(?<!\w)(?<!-)(?P<num>{NUMBER_PATTERN})-time(?=\s+[A-Za-z])", re.IGNORECASE
)
# Each form starts a word with a few known words (a hedge, a number, "twice", a determiner before
# an ordinal): tried only where those are.
_FORMS = StartScanner([_TIMES_RE, _WORD_RE, _ORDINAL_RE, _ADJECTIVE_RE], words=3)
_NEXT_WORD = re.compile(r"[ \t]*\n?[ \t]*(?P<hyphen>-)?(?P<word>[A-Za-z]+|\d)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[\s,]*$")
_YEAR_LIKE = re.compile(r"1[5-9]\d\d|20\d\d")


def find_repetitions(text: str, context: Context) -> list[Mention]:
    """Every count of times something happened in `text`, as a quantity of unit "time".

    `context` is accepted for a uniform extractor signature; a count needs no anchor.
    """
    del context
    found: list[Mention] = []
    for mention in _counts(text):
        if all(mention.end <= m.start or mention.start >= m.end for m in found):
            found.append(mention)
    return sorted(found, key=lambda m: (m.start, m.end))


def _counts(text: str) -> Iterator[Mention]:
    times, words, ordinals, adjectives = _FORMS.finditer_all(text, fold(text))
    for match in times:
        raw = match.group("num")
        if raw.strip().isdigit() and _YEAR_LIKE.fullmatch(raw.strip()):
            continue  # "in 2019 times were hard": a year
        parsed = _whole_count(raw)
        low = _whole_count(match.group("lo")) if match.group("lo") else parsed
        if parsed is None or low is None or low[0] > parsed[1]:
            continue
        if _is_count(text, match.start(), match.end()):
            yield _mention(text, match, (low[0], parsed[1]), match.group("hedge"))
    for match in words:
        value = float(_WORDS[match.group("word").lower()])
        if _is_count(text, match.start(), match.end()):
            yield _mention(text, match, (value, value), match.group("hedge"))
    for match in ordinals:
        value = _ordinal(match.group("ordinal"))
        following = _NEXT_WORD.match(text, match.end())
        compound = following is not None and following.group("word").lower() in _TIME_COMPOUNDS
        if value is not None and not compound:
            yield _mention(text, match, (value, value), None)
    for match in adjectives:
        parsed = _whole_count(match.group("num"))
        if parsed is not None:
            yield _mention(text, match, parsed, None)


def _whole_count(raw: str) -> tuple[float, float] | None:
    """The number as a count of times: whole and at least two ("one time" is read by nobody
    as a count to compare, and "1.5 times" is a ratio)."""
    parsed = parse_number(raw)
    if parsed is None or parsed[0] < 2 or parsed[0] != int(parsed[0]):
        return None
    return parsed


def _ordinal(word: str) -> float | None:
    lower = word.lower()
    if lower in _ORDINALS:
        return float(_ORDINALS[lower])
    digits = int(lower[:-2])
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(digits % 10 if digits % 100 not in (11, 12, 13)
                                              else 0, "th")
    return float(digits) if digits >= 2 and lower.endswith(suffix) else None


def _is_count(text: str, start: int, end: int) -> bool:
    """Whether "N times"/"twice" between `start` and `end` counts occurrences: not a ratio
    ("three times as many", "twice the size", "three times larger"), a rate ("three times a
    day", "twice weekly") or an idiom ("think twice", "once or twice")."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    if previous is not None and previous.group(1).lower() in _NOT_AFTER:
        return False
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return True
    word = following.group("word").lower()
    if following.group("hyphen"):
        # "twice-weekly" is a rate; "twice-elected", "twice-beaten" count times
        return following.start("word") == end + 1 and word.endswith(("ed", "en"))
    if word.isdigit() or word in _NUMBER_WORDS:
        return False  # "2 times 3": arithmetic
    if word in _DEMONSTRATIVES:
        # "twice that" is a ratio, "twice that week" a count in a stretch of time
        return _is_period(_NEXT_WORD.match(text, following.end()))
    if word in _MULTIPLIER_AFTER or word in _RATE_AFTER:
        return False
    if word.endswith("er") and len(word) > 4 and word not in _NOT_COMPARATIVES:
        return False  # "three times higher", "twice cheaper": a comparison
    if word in _RATE_ARTICLES:
        after = _NEXT_WORD.match(text, following.end())
        later = _NEXT_WORD.match(text, after.end()) if after is not None else None
        if _is_period(after) or _is_period(later):
            return False  # "three times a day", "twice a calendar year"
    return True


def _is_period(word: re.Match[str] | None) -> bool:
    """Whether the matched word names a stretch of time ("day", "seasons")."""
    if word is None:
        return False
    lower = word.group("word").lower()
    return lower in _PERIODS or lower.removesuffix("s") in _PERIODS


def _mention(
    text: str, match: re.Match[str], value: tuple[float, float], hedge_words: str | None
) -> Mention:
    lo, hi, hedge = apply_hedge(hedge_words, *value)
    return Mention(
        kind="quantity", text=text[match.start():match.end()], start=match.start(),
        end=match.end(), value=QuantityValue(range=(lo, hi), unit=UNIT, hedge=hedge),
    )
