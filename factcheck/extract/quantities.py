"""Quantities: how many of what. "nearly 5 million artillery shells", "$1.2bn", "3%".

A quantity is a number (with an optional hedge and currency sign) and the thing it counts.
The counted thing ("unit") is what lets the rules engine line up "12 people" in one outlet with
"a dozen people" in another, so it is normalised: singular, lower case, synonyms merged
("people" -> "person"), currencies as ISO codes ("usd"), measures by name ("kilometre").

Most numbers in news are not amounts. Skipped, by design: years ("in 2000", "the 2024 race"),
dates ("June 18"), clock times ("5 pm"), labels ("page 5", "Route 66"), names ("Fox 5",
"Apollo 11", "F-16", "COVID-19"), phone numbers, scores ("won 3-1"), lengths of time (those are
durations), and numbers whose counted thing cannot be found ("one of them").

Readings on a named scale ("a magnitude 6.2 earthquake", unit "magnitude") and counts of times
something happened ("hosted the show three times", unit "time") are quantities too, each read
by its own module (`scales.py`, `repetitions.py`) and returned from here.

Ages are kept as quantities with the unit "year of age" ("a 24-year-old man", "aged 24"):
outlets disagree about ages often enough that the engine should be able to compare them, and
they must not be read as durations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from factcheck.extract.hedges import HEDGE_PATTERN, apply_hedge
from factcheck.extract.nouns import is_plural, normalise_unit
from factcheck.extract.numbers import (
    NUMBER_PATTERN,
    parse_number,
)
from factcheck.extract.prefilter import StartScanner, fold
from factcheck.extract.repetitions import find_repetitions
from factcheck.extract.scales import find_scale_readings
from factcheck.extract.timeparts import year_names_event
from factcheck.models import Context, Mention, QuantityValue
from factcheck.resources import load_table

AGE_UNIT = "year of age"

_TABLE: Mapping[str, Any] = load_table("units")
_YEAR_CONTEXT = frozenset(_TABLE["year_context_words"])


@cache
def measure_units() -> frozenset[str]:
    """Units a value is measured in (kilometre, percent, a currency), as opposed to the
    things a count counts: a measurement is rounded as written, a count may be exact."""
    return frozenset([*_TABLE["measures"].values(), *_TABLE["currency_symbols"].values(),
                      *_TABLE["currency_words"].values()])


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split(" ")) for p in ordered)


_NUM = NUMBER_PATTERN
# Every alternative starts a word; saying so first lets the engine skip the inside of every
# word without trying the alternatives there (three times faster on news text).
_PREFIX = (
    r"(?<!\w)"
    rf"(?:(?P<hedge>{HEDGE_PATTERN})\s+)?"
    rf"(?:(?P<currency>{_alternation(list(_TABLE['currency_symbols']))})\s?)?"
)
_FRACTIONS: Mapping[str, float] = load_table("numbers")["fractions"]
_MEASURE_WORDS = _alternation([m for m in _TABLE["measures"] if m[0].isalpha()])
# "a quarter of a percentage point", "half a mile": a fraction of one unit of measure.
_FRACTION_OF_MEASURE = (
    # The first letters of the fraction words first: most quantities start with a digit.
    rf"(?=[{''.join(sorted({f[0].lower() + f[0].upper() for f in _FRACTIONS}))}])"
    rf"(?P<frac>{_alternation([re.sub(r'-', ' ', f) for f in _FRACTIONS])})"
    rf"(?:\s+of)?\s+an?(?=\s+(?:{_MEASURE_WORDS})\b)"
)
_QUANTITY_RE = re.compile(
    rf"{_PREFIX}(?:{_FRACTION_OF_MEASURE}"
    rf"|between\s+(?P<blo>{_NUM})\s+and\s+(?P<bhi>{_NUM})"
    rf"|(?P<rlo>{_NUM})\s*(?P<sep>-|–|—|to)\s*(?P<rhi>{_NUM})"
    rf"|(?P<num>{_NUM}))"
    r"(?:-?\s*(?P<mid>plus|odd)\b)?",
    re.IGNORECASE,
)
# A quantity starts with a hedge, a currency or a number: one scan finds the word starts
# holding one of those first words (from the pattern's parse), and the pattern is tried only
# there (same matches as the plain search).
_QUANTITY_SCAN = StartScanner([_QUANTITY_RE], shared=True, words=3)
# One number alone, for "$40m to 3,000 farmers" where a range reading fails.
_SINGLE_RE = re.compile(
    rf"{_PREFIX}(?P<num>{_NUM})(?:-?\s*(?P<mid>plus|odd)\b)?", re.IGNORECASE
)
_MEASURE_RE = re.compile(
    rf"[\s-]?(?P<unit>{_alternation([m for m in _TABLE['measures'] if m != '%'])})\b|\s?%",
    re.IGNORECASE,
)
_CURRENCY_WORD_RE = re.compile(
    rf"\s+(?:of\s+)?(?P<unit>{_alternation(list(_TABLE['currency_words']))})s?\b", re.IGNORECASE
)
_AGE_RE = re.compile(r"(?:[\s-]+years?[\s-]+old\b|[\s-]+year-old\b)", re.IGNORECASE)
_TIME_UNIT_RE = re.compile(
    r"[\s-]+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?"
    r"|years?|decades?|centur(?:y|ies))\b",
    re.IGNORECASE,
)
# Words are separated by spaces or one line break (hard wraps), never a blank line: a number
# at the end of a paragraph does not count the first words of the next one.
_WORD_RE = re.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*(?!\s*\n))(?P<word>[A-Za-z][A-Za-z'’-]*)")
_SCALED_RE = re.compile(
    r"illion|thousand|hundred|dozen|\d(?:k|m|mn|mln|b|bn|tn|trn)$|^(?:tens|scores) of",
    re.IGNORECASE,
)
_STOPS = frozenset(_TABLE["noun_phrase_stops"])
# Compiled once, and matched in place rather than on a slice of the text.
_LABEL_BEFORE = re.compile(r"[A-Za-z]-$|[\d][-./]$")
_LABEL_AFTER = re.compile(r"[-./]\d|[A-Za-z]\d")
_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z]+)")
_CLOCK_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|o['’]clock)", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"1[5-9]\d\d|20\d\d")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)[\s]*$")
# "five of the seven board members", "42 of the 65 seats", "three out of 10 voters": the
# count is the part, of the things the whole names.
_PART_OF = re.compile(
    rf"[ \t]+(?:out[ \t]+)?of[ \t]+(?:(?:the|its|their|his|her|our|all)[ \t]+)?"
    rf"(?P<whole>{_NUM})(?=[ \t\r\n-])",
    re.IGNORECASE,
)
_TOTALS: Mapping[str, Any] = _TABLE["counted_totals"]
_TOTAL_LINK = re.compile(
    rf"\b(?:{_alternation(_TOTALS['links'])})[ \t\r\n]+$", re.IGNORECASE
)
_TOTAL_NOUN = re.compile(rf"\b(?:{_alternation(list(_TOTALS['nouns']))})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n[ \t]*\n")
_PEOPLE: Mapping[str, Any] = _TABLE["people_verbs"]
_PEOPLE_AFTER = re.compile(
    rf"(?:[ \t]+(?:{_alternation(_PEOPLE['between'])})){{0,3}}[ \t]+"
    rf"(?:{_alternation(_PEOPLE['after'])})\b",
    re.IGNORECASE,
)
_PEOPLE_BEFORE = frozenset(_PEOPLE["before"])
_FILLERS = frozenset({"more", "other", "additional", "extra", "further", "new", "of"})
_SENTENCE_OPENERS = frozenset('.!?"“”‘’\'([:;\n')


def _counted_thing(text: str, end: int, many: bool) -> tuple[str, int] | None:
    """The noun phrase after a number and where it ends: words up to the first plural noun,
    at most one modifier kept before it ("5 million artillery shells" -> "artillery shell").
    More than one of something is written in the plural, so when `many` a singular word is
    not the counted thing ("the iPhone 15 went on sale")."""
    stops = _STOPS
    words: list[tuple[str, int]] = []
    position = end
    while len(words) < 4:
        match = _WORD_RE.match(text, position)
        if match is None:
            break
        word = match.group("word").rstrip("'’-")
        lower = word.lower()
        if not words and lower in _FILLERS:
            position = match.end()
            continue
        if lower in stops:
            break
        words.append((word, match.start("word") + len(word)))
        position = match.end()
        if is_plural(word):
            break
    if not words:
        return None
    for index, (word, word_end) in enumerate(words):
        if is_plural(word):
            chosen = [w for w, _ in words[max(0, index - 1): index + 1]]
            if len(chosen) == 2 and chosen[0].lower().endswith("ly"):
                chosen = chosen[1:]
            return normalise_unit(" ".join(chosen)), word_end
    first, first_end = words[0]
    lone_name = len(words) == 1 and first[0].isupper()
    if many or lone_name or first.lower().endswith(("ed", "ing", "ly")):
        return None
    return normalise_unit(first), first_end


def _previous_word(text: str, start: int) -> tuple[str, int]:
    """The word before `start` and where it begins (-1 when there is none)."""
    match = _LAST_WORD.search(text[max(0, start - 40):start])
    if match is None:
        return "", -1
    return match.group(1), max(0, start - 40) + match.start(1)


def _is_name_or_label(text: str, start: int, end: int) -> bool:
    """Numbers that name or label something rather than count it."""
    before = text[max(0, start - 2):start]
    if _LABEL_BEFORE.search(before):
        return True
    if _LABEL_AFTER.match(text, end, end + 2):
        return True
    word, word_start = _previous_word(text, start)
    if not word:
        return False
    lower = word.lower().rstrip(".")
    if lower in _TABLE["label_words"] or lower in _TABLE["calendar_words"]:
        return True
    adjacent = start - word_start - len(word) <= 1
    if adjacent and word[0].isupper() and word.isascii() and word.isalpha():
        # the last character before the word and its blanks, read in place: stripping a copy
        # of all the text before it made every capitalised word before a number cost O(n)
        before = word_start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before > 0 and text[before - 1] not in _SENTENCE_OPENERS:
            return True
    return False


def _is_date_or_clock(text: str, end: int) -> bool:
    following = _NEXT_WORD.match(text, end, end + 20)
    if following is None:
        return False
    word = following.group(1).lower()
    if word in _TABLE["calendar_words"] or word in _TABLE["clock_words"]:
        return True
    return bool(_CLOCK_AFTER.match(text, end, end + 10))


def _is_year(raw: str, text: str, start: int, unit: str | None, has_plural: bool) -> bool:
    if not _YEAR_LIKE.fullmatch(raw):
        return False
    if year_names_event(text, start, start + len(raw)):
        return True  # "Japan's 2011 tsunami killed thousands"
    word, _ = _previous_word(text, start)
    return word.lower() in _YEAR_CONTEXT or unit is None or not has_plural


def find_quantities(text: str, context: Context) -> list[Mention]:
    """Every amount of something in `text`, normalised to an interval and a unit: counts and
    amounts, readings on a scale ("magnitude 6.2", `scales.py`) and counts of times ("three
    times", `repetitions.py`).

    A reading or a count of times wins over a count read in the same words: in "magnitude 6
    quakes" the 6 is the reading, not a number of quakes. `context` is accepted for a uniform
    extractor signature; quantities need no anchor.
    """
    special = [*find_scale_readings(text, context), *find_repetitions(text, context)]
    counts = [
        m for m in _counts(text)
        if all(m.end <= other.start or m.start >= other.end for other in special)
    ]
    return sorted([*special, *counts], key=lambda m: (m.start, m.end))


def _counts(text: str) -> list[Mention]:
    """The amounts read by the noun, unit or currency with their number."""
    mentions: list[Mention] = []
    position = 0
    scanner = _QUANTITY_SCAN.searcher(text, fold(text))
    while True:
        match = scanner.search(position)
        if match is None:
            break
        position = match.end()
        mention = _mention(text, match)
        if mention is None and match.group("sep") and match.group("sep") != "-":
            single = _SINGLE_RE.match(text, match.start())
            if single is not None:
                position = single.end()
                mention = _mention(text, single)
        if mention is not None:
            mentions.append(mention)
            position = mention.end
    return mentions


def _mention(text: str, match: re.Match[str]) -> Mention | None:
    groups = {"blo": None, "bhi": None, "rlo": None, "rhi": None, "frac": None,
              **match.groupdict()}
    number_start = match.start("blo") if groups["blo"] else match.start(
        "rlo" if groups["rlo"] else "frac" if groups["frac"] else "num"
    )
    if groups["frac"]:
        key = " ".join(groups["frac"].lower().replace("-", " ").split())
        value = next(float(v) for k, v in _FRACTIONS.items() if k.replace("-", " ") == key)
        lo = hi = value
        raw = groups["frac"]
    elif groups["blo"] or groups["rlo"]:
        lo_value = parse_number(groups["blo"] or groups["rlo"])
        hi_value = parse_number(groups["bhi"] or groups["rhi"])
        whole = parse_number(text[number_start:match.end("rhi")]) if groups["rlo"] else None
        if whole is not None:
            lo, hi = whole  # "20-four": a paraphraser's twenty-four, not a range
        elif lo_value is None or hi_value is None or lo_value[0] >= hi_value[1]:
            return None  # "won 3-1", "a 2-2 draw": scores, not ranges
        else:
            lo, hi = lo_value[0], hi_value[1]
        raw = groups["bhi"] or groups["rhi"]
    else:
        raw = groups["num"]
        parsed = parse_number(raw)
        if parsed is None:
            return None
        lo, hi = parsed
    end = match.end()
    currency = groups["currency"]
    if not currency and _is_name_or_label(text, number_start, match.end()):
        return None
    if _is_date_or_clock(text, end):
        return None
    has_scale = bool(_SCALED_RE.search(raw))
    unit: str | None = None
    has_plural = False
    measured = bool(currency)  # a measure or money: a fraction of it is an amount too
    if currency:
        unit = _TABLE["currency_symbols"][currency.upper() if currency[0].isalpha() else currency]
    elif age := _AGE_RE.match(text, end):
        unit, end = AGE_UNIT, age.end()
    elif _TIME_UNIT_RE.match(text, end):
        return None  # a duration; find_durations reads it
    elif measure := _MEASURE_RE.match(text, end):
        word = (measure.group("unit") or "%").lower()
        unit = _TABLE["measures"][re.sub(r"\s+", " ", word)]
        end, measured = measure.end(), True
    elif money := _CURRENCY_WORD_RE.match(text, end):
        unit = _TABLE["currency_words"][re.sub(r"\s+", " ", money.group("unit").lower())]
        end, measured = money.end(), True
    else:
        previous, _ = _previous_word(text, number_start)
        if previous.lower() == "aged":
            unit = AGE_UNIT
        else:
            counted = _part_of_whole(text, end, hi)
            if counted is not None:
                has_plural = True
            else:
                counted = _counted_thing(text, end, many=lo > 1)
                has_plural = counted is not None and _plural_follows(text, match.end())
            if counted is None:
                counted = _total_counted(text, match.start(), end)
            if counted is None:
                counted = _people_by_verb(text, match.start(), end)
            if counted is not None:
                unit, end = counted
            if re.search(r"\d[mb]$", raw, re.IGNORECASE) and not has_plural:
                return None  # "the 5m wall": metres, not millions
    if raw and not currency and _is_year(raw, text, number_start, unit, has_plural):
        return None
    if unit is None and not has_scale:
        return None
    if raw.lower() == "one" or (hi < 1 and not has_scale and not measured):
        return None
    hedge_words = groups["hedge"] or groups["mid"]
    final_lo, final_hi, hedge = apply_hedge(hedge_words, lo, hi)
    return Mention(
        kind="quantity",
        text=text[match.start():end],
        start=match.start(),
        end=end,
        value=QuantityValue(range=(final_lo, final_hi), unit=unit, hedge=hedge),
    )


def _part_of_whole(text: str, end: int, part: float) -> tuple[str, int] | None:
    """The things counted in "N of the M things" and where they end; None when the whole is
    no number at least as big as the part, or counts nothing."""
    found = _PART_OF.match(text, end)
    if found is None:
        return None
    whole = parse_number(found.group("whole"))
    if whole is None or whole[0] < part or _is_date_or_clock(text, found.end()):
        return None
    return _counted_thing(text, found.end(), many=whole[0] > 1)


def _total_counted(text: str, start: int, end: int) -> tuple[str, int] | None:
    """"The death toll from the fire rose to 17": what a total named earlier in the sentence
    counts, for a bare number right after a verb of level or change (`units.yaml:
    counted_totals`). The span stays the number's own words."""
    # A link is at most two short words: a short window keeps the anchored search cheap.
    link = _TOTAL_LINK.search(text, max(0, start - 24), start)
    if link is None:
        return None
    window = max(0, start - 240)
    sentence_start = window
    for boundary in _SENTENCE_END.finditer(text, window, link.start()):
        sentence_start = boundary.end()
    nouns = list(_TOTAL_NOUN.finditer(text, sentence_start, link.start()))
    if not nouns:
        return None
    noun = " ".join(nouns[-1].group().lower().split())
    return normalise_unit(_TOTALS["nouns"][noun]), end


def _people_by_verb(text: str, start: int, end: int) -> tuple[str, int] | None:
    """"38 were injured", "injuring about 30": a count of people whose counted thing is a
    verb only people undergo (`units.yaml: people_verbs`). The span stays the number's own
    words, so the verb is left for the claim's terms (what the count is about)."""
    if _PEOPLE_AFTER.match(text, end):
        return "person", end
    word, _ = _previous_word(text, start)
    if word.lower() in _PEOPLE_BEFORE:
        return "person", end
    return None


def _plural_follows(text: str, end: int) -> bool:
    stops = _STOPS
    position = end
    for _ in range(4):
        match = _WORD_RE.match(text, position)
        if match is None:
            return False
        word = match.group("word")
        if word.lower() in _FILLERS:
            position = match.end()
            continue
        if word.lower() in stops:
            return False
        if is_plural(word):
            return True
        position = match.end()
    return False
