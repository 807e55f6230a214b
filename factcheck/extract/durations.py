"""Durations: "about two hours", "a 45-minute call", "more than two decades", as seconds.

A duration is an amount (a number, "an", "half an", a range) followed by a time unit, with an
optional hedge before it and an optional "and a half" or "or so" after it. Two parts in falling
units ("two hours and 20 minutes") are one duration. The interval in seconds is what outlets
are compared on; the TIMEX3 value records the amount as stated.

Unit lengths are data (`factcheck/data/units.yaml`); hedge widths come from `hedges`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from factcheck.extract.hedges import HEDGE_PATTERN, POST_HEDGE_PATTERN, apply_hedge
from factcheck.extract.numbers import NUMBER_PATTERN, parse_number
from factcheck.extract.prefilter import StartScanner, StartSearch, fold
from factcheck.models import Context, DurationValue, Mention
from factcheck.resources import load_table

_UNITS: Mapping[str, Mapping[str, Any]] = load_table("units")["durations"]
_FORM_TO_UNIT: dict[str, str] = {
    form: unit for unit, spec in _UNITS.items() for form in spec["forms"]
}
_UNIT_FORMS = "|".join(sorted(_FORM_TO_UNIT, key=lambda f: (-len(f), f)))
_FRACTIONS: Mapping[str, float] = load_table("numbers")["fractions"]
_FRACTION_WORDS = "|".join(
    r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", f))
    for f in sorted(_FRACTIONS, key=lambda f: (-len(f), f))
)

_NUM = NUMBER_PATTERN
# The amount: a range, a fraction of one unit ("half an hour"), a number, or "a"/"an".
_AMOUNT = (
    rf"(?:between\s+(?P<blo>{_NUM})\s+and\s+(?P<bhi>{_NUM})"
    rf"|(?P<rlo>{_NUM})\s*(?:-|–|—|to|or)\s*(?P<rhi>{_NUM})"
    rf"|(?P<frac>{_FRACTION_WORDS})(?:\s+of)?\s+an?"
    rf"|(?P<num>{_NUM})(?P<numhalf>\s+and\s+(?:a\s+)?half)?(?:-?\s*(?P<mid>plus|odd)\b)?"
    r"|(?P<article>\ban?|\bone))"
)
# Every alternative starts a word; saying so first lets the engine skip the inside of every
# word without trying the alternatives there (three times faster on news text).
_WORD_START = r"(?<!\w)"
_DURATION_RE = re.compile(
    rf"{_WORD_START}(?:(?P<hedge>{HEDGE_PATTERN})\s+)?"
    r"(?P<extra>(?:an?\s+)?(?:additional|extra|further|another)\s+)?"
    rf"{_AMOUNT}"
    # "20-four many years later": paraphrasing tools write "many years" for "years"; a number
    # before "many" is only ever that ("how many years" has no number).
    r"(?P<many>[\s-]+many(?=\s))?"
    rf"[\s-]+(?P<unit>{_UNIT_FORMS})\b(?:-long\b)?"
    r"(?P<half>\s+and\s+a\s+half\b)?"
    rf"(?:,?\s+(?P<post>{POST_HEDGE_PATTERN}))?",
    re.IGNORECASE,
)
_PART_RE = re.compile(
    rf"\s*,?\s*(?:and\s+)?(?P<num>{_NUM}|\ban?\b)[\s-]+(?P<unit>{_UNIT_FORMS})\b",
    re.IGNORECASE,
)
_BARE: Mapping[str, Any] = load_table("units")["bare_plural_durations"]
_BARE_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(cue) for cue in _BARE["cues"])
    + r"|(?P<of_cue>" + "|".join(re.escape(cue) for cue in _BARE["cues_before_of"]) + r"))"
    + r"\s+(?P<plural>" + "|".join(sorted(_BARE["amounts"], key=len, reverse=True))
    # "decades-old", "hours-long" are adjectives, not lengths of time said bare.
    + r")(?![\w-])"
    # "against decades of policies", "amid years of drought": these cues need the "of".
    + r"(?(of_cue)(?=\s+of\s))",
    re.IGNORECASE,
)
# A duration starts with a hedge, an amount or "an additional"; a bare plural with its cue.
# One scan finds the word starts holding one of those first words (from the patterns' parse)
# and each pattern is tried only there: the same matches as searching the whole text.
_SCAN = StartScanner([_DURATION_RE, _BARE_RE], shared=True, words=3)
_AGE_AFTER = re.compile(r"(?:-|\s+)old\b", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"\b(?:times|once|twice|per)\s+$", re.IGNORECASE)
# "a day" after an amount is a rate: "60,000 passengers a day", "3% a year", "$40 a day",
# "500 calls an hour". The amount is a number, then at most two modifiers and a plural noun.
_COUNT_BEFORE = re.compile(
    rf"(?:{_NUM})(?:\s?%|[ \t-]+per[ \t]?cent)?"
    r"(?:(?:[ \t-]+[A-Za-z][\w'’-]*){0,2}[ \t-]+[A-Za-z][\w'’-]*[a-z]s)?[ \t]+$",
    re.IGNORECASE,
)
_CALENDAR: Mapping[str, Any] = load_table("calendar")
_NOT_PLURAL = frozenset(_CALENDAR["words_ending_in_s"])  # "is", "was", "this", "news"...
_WEEKDAYS = "|".join(_CALENDAR["weekdays"])
_MONTHS = "|".join(_CALENDAR["months"])
# "declared Wednesday a day of mourning", "Sunday is a day of rest": a day named by its date
# and then called "a day" of something is that day, not a length.
_NAMED_DAY_BEFORE = re.compile(
    rf"(?:\b(?:{_WEEKDAYS}|today|tomorrow)"
    rf"|\b(?:{_MONTHS})[ \t]+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:{_MONTHS}))"
    r"(?:[ \t]+(?:is|was|will[ \t]+be|would[ \t]+be|becomes|became|as))?[ \t]+$"
)
# ... but "on Monday a day after the attack" is an offset between two days.
_OFFSET_AFTER = re.compile(r"[ \t]+(?:after|before|later|earlier|ahead|early|late)\b",
                           re.IGNORECASE)
_AGO_AFTER = re.compile(r"\s+ago\b", re.IGNORECASE)
# "at 6.42 hour local": a clock reading in minutes past the hour, machine-translated.
_CLOCK_HOUR_LOCAL = re.compile(
    r"(?<![\d.,])(?:[01]?\d|2[0-3])[.:][0-5]\d[ \t]+hours?[ \t]+local\b", re.IGNORECASE
)
_OVER: Mapping[str, Any] = load_table("units")["over_durations"]
_ACROSS_AFTER = frozenset(_OVER["across_after"])
_MORE_THAN_AFTER = frozenset(_OVER["more_than_after"])
_WORDS_BEFORE = re.compile(r"((?:[^\s.;:!?()\[\]\"“”]+[ \t\r\n]+){1,3})$")
_NUMBER_TOKEN = re.compile(rf"^(?:{_NUM})$|\d", re.IGNORECASE)

# TIMEX3 designators from largest to smallest, with the factor to the next smaller one, used
# when an amount is not a whole number of its own unit (1.5 hours is PT90M, never PT1.5H).
_TIMEX_STEPS: dict[str, tuple[str, float]] = {
    "Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("TM", 60),
    "TM": ("S", 60), "S": ("S", 1),
}


def _timex(amount: float, designator: str) -> str:
    while abs(amount - round(amount)) > 1e-6 and designator != "S":
        designator, factor = _TIMEX_STEPS[designator]
        amount *= factor
    whole = round(amount)
    return _format_timex(str(whole), designator)


def _format_timex(amount: str, designator: str) -> str:
    if designator in ("H", "S"):
        return f"PT{amount}{designator}"
    if designator == "TM":
        return f"PT{amount}M"
    return f"P{amount}{designator}"


def _amount(match: re.Match[str]) -> tuple[float, float, bool] | None:
    """[lo, hi] in units, and whether the amount was stated exactly."""
    groups = match.groupdict()
    if groups["rlo"]:
        whole = parse_number(match.string[match.start("rlo"):match.end("rhi")])
        if whole is not None:  # "20-four": a paraphraser's twenty-four, not a range
            return whole[0], whole[1], whole[0] == whole[1]
    if groups["blo"] or groups["rlo"]:
        lo_value = parse_number(groups["blo"] or groups["rlo"])
        hi_value = parse_number(groups["bhi"] or groups["rhi"])
        if lo_value is None or hi_value is None or lo_value[0] >= hi_value[1]:
            return None
        return lo_value[0], hi_value[1], False
    if groups["frac"]:
        key = re.sub(r"[\s-]+", " ", groups["frac"].lower())
        value = next(
            (float(v) for k, v in _FRACTIONS.items() if re.sub(r"[\s-]+", " ", k) == key), None
        )
        return None if value is None else (value, value, True)
    if groups["num"]:
        parsed = parse_number(groups["num"])
        if parsed is None:
            return None
        lo, hi = parsed
        if groups["numhalf"]:
            lo, hi = lo + 0.5, hi + 0.5
        return lo, hi, lo == hi
    return 1.0, 1.0, True


def _is_false_friend(text: str, match: re.Match[str]) -> bool:
    """Ages ("a 24-year-old"), ordinals ("a second car"), rates ("twice a day", "60,000
    passengers a day"), a day named by its date ("declared Wednesday a day of mourning") and
    a time ago ("over 20 years ago": a time, read by the time normaliser)."""
    if _AGE_AFTER.match(text, match.end()) or _AGO_AFTER.match(text, match.end()):
        return True
    clock = _CLOCK_HOUR_LOCAL.search(text, match.start(), match.end() + 12)
    if clock is not None and clock.start() < match.end():
        return True  # "at 6.42 hour local" is a clock time (`times`), not 6.42 hours
    unit = _FORM_TO_UNIT[match.group("unit").lower()]
    article = match.group("article")
    if not article:
        return False
    if unit == "second":
        following = text[match.end():match.end() + 40].lstrip(" ")
        if following[:1].isalpha():
            return True
    start = match.start()
    window = max(0, start - 60)
    if _RATE_BEFORE.search(text, window, start):
        return True
    if unit == "day" and _NAMED_DAY_BEFORE.search(text, window, start) \
            and not _OFFSET_AFTER.match(text, match.end()):
        return True
    count = _COUNT_BEFORE.search(text, window, start)
    if count is None or _OFFSET_AFTER.match(text, match.end()):
        return False
    last = text[window:start].split()[-1].lower() if text[window:start].split() else ""
    return last not in _NOT_PLURAL


def _over_means_across(text: str, match: re.Match[str]) -> bool:
    """"A 4.5% rise over two years", "spread over two years", "Over two days, the leaders
    met": the span something happened across, not "more than" it (`units.yaml:
    over_durations`)."""
    start = match.start("hedge")
    before = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        line_start = text.rfind("\n", 0, start) + 1
        opens = not text[line_start:start].strip(" \t\"“'‘(") or text[
            :start].rstrip()[-1:] in ".!?"
        return opens and match.group("hedge")[0].isupper() and bool(
            re.match(r"\s*,", text[match.end():]))
    words = [w.strip(",'’\"").lower() for w in before.group(1).split()]
    previous = words[-1]
    if previous in _ACROSS_AFTER:
        return True
    if previous in _MORE_THAN_AFTER:
        return False
    return any(_NUMBER_TOKEN.search(word) or word.endswith("%") for word in words)


def _paraphrased_many(match: re.Match[str]) -> bool:
    """ "24 many years" is a paraphraser's "24 years"; "two many years" is "too many years"."""
    number = match.group("num") or (match.group("rlo") and match.string[
        match.start("rlo"):match.end("rhi")])
    return bool(number) and number.strip().lower() != "two"


def _extend(text: str, end: int, unit: str) -> tuple[int, float, str] | None:
    """A following part in a smaller unit: "two hours and 20 minutes"."""
    part = _PART_RE.match(text, end)
    if part is None:
        return None
    smaller = _FORM_TO_UNIT[part.group("unit").lower()]
    if _UNITS[smaller]["seconds"] >= _UNITS[unit]["seconds"]:
        return None
    raw = part.group("num")
    value = (1.0, 1.0) if raw.lower() in ("a", "an") else parse_number(raw)
    if value is None or value[0] != value[1]:
        return None
    return part.end(), value[0], smaller


def find_durations(text: str, context: Context) -> list[Mention]:
    """Every stated length of time in `text`, normalised to seconds.

    `context` is accepted for a uniform extractor signature; durations need no anchor.
    """
    del context
    mentions: list[Mention] = []
    position = 0
    candidates = _SCAN.candidates(text, fold(text))
    scanner = StartSearch(_DURATION_RE, text, candidates[0])
    while True:
        match = scanner.search(position)
        if match is None:
            break
        position = match.end()
        if _is_false_friend(text, match):
            position = match.start() + 1
            continue
        amount = _amount(match)
        if amount is None or (match.group("many") and not _paraphrased_many(match)):
            position = match.start() + 1
            continue
        lo, hi, exact = amount
        unit = _FORM_TO_UNIT[match.group("unit").lower()]
        spec = _UNITS[unit]
        if match.group("half"):
            if not match.group("article") and not (exact and lo == int(lo)):
                position = match.start() + 1
                continue
            lo, hi = lo + 0.5, hi + 0.5
        seconds_lo = lo * spec["seconds"]
        seconds_hi = hi * spec["seconds"]
        factor = float(spec.get("factor", 1))
        end = match.end()
        timex_amount = lo * factor
        designator = spec["timex"]
        extension = None if match.group("post") else _extend(text, end, unit)
        if extension is not None and exact:
            end, part_value, smaller = extension
            seconds_lo += part_value * _UNITS[smaller]["seconds"]
            seconds_hi = seconds_lo
            # Express the whole in the smaller unit so the TIMEX3 value stays whole.
            small = _UNITS[smaller]
            timex_amount = seconds_lo / small["seconds"] * float(small.get("factor", 1))
            designator = small["timex"]
        timex = _timex(timex_amount, designator) if exact else _format_timex("X", designator)
        hedge_words = match.group("hedge") or match.group("mid") or match.group("post")
        start = match.start()
        if match.group("hedge") and match.group("hedge").lower() == "over" \
                and _over_means_across(text, match):
            # "Over" here is "across": exactly the span, and not part of the length's words.
            hedge_words = match.group("mid") or match.group("post")
            start = match.end("hedge") + len(text[match.end("hedge"):end]) - len(
                text[match.end("hedge"):end].lstrip())
        final_lo, final_hi, hedge = apply_hedge(hedge_words, seconds_lo, seconds_hi)
        mentions.append(
            Mention(
                kind="duration",
                text=text[start:end],
                start=start,
                end=end,
                value=DurationValue(seconds=(final_lo, final_hi), timex=timex, hedge=hedge),
            )
        )
        position = end
    bare = StartSearch(_BARE_RE, text, candidates[1])
    mentions.extend(_bare_plurals(text, mentions, bare))
    return sorted(mentions, key=lambda m: m.start)


def _bare_plurals(text: str, found: list[Mention], bare: StartSearch) -> list[Mention]:
    """"Talks lasted hours": a bare plural unit as a vague length, from the table."""
    extra: list[Mention] = []
    for match in bare.finditer():
        start, end = match.span("plural")
        if any(m.start < end and start < m.end for m in found):
            continue
        plural = match.group("plural").lower()
        if plural not in _FORM_TO_UNIT:
            continue
        spec = _UNITS[_FORM_TO_UNIT[plural]]
        lo, hi = _BARE["amounts"][plural]
        extra.append(
            Mention(
                kind="duration", text=text[start:end], start=start, end=end,
                value=DurationValue(
                    seconds=(lo * spec["seconds"], hi * spec["seconds"]),
                    timex=_format_timex("X", spec["timex"]),
                ),
            )
        )
    return extra
