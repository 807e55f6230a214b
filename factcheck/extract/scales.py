"""Readings on a named scale: "a magnitude 6.2 earthquake", "measured 6.2 on the Richter scale".

An earthquake's magnitude is among the figures outlets most often disagree on (a preliminary
reading against a revised one), yet it is no count: nothing counted follows "magnitude 6.2", so
the quantity extractor, which reads a number by the noun after it, never saw it. This module
reads the forms news writes a reading in (`factcheck/data/scales.yaml` lists them with the
words of each scale) and returns quantities whose unit is the scale ("magnitude"), so the count
rule compares them as it compares any two quantities of one unit.

A reading is only taken where the words make it one: "the magnitude of the losses" and "an
order of magnitude" hold no number; "the magnitude of 3 recessions" counts recessions; "the M6
motorway" has no decimal and no quake; a year is above any scale's `max`. Values are exact as
written ("magnitude 6" is [6, 6]) and hedged by the shared hedge table ("about magnitude 6").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.extract.hedges import HEDGE_PATTERN, apply_hedge
from factcheck.extract.nouns import is_plural
from factcheck.extract.numbers import parse_number
from factcheck.extract.prefilter import StartScanner, fold
from factcheck.models import Context, Mention, QuantityValue
from factcheck.resources import load_table

_NUMBER_WORDS = [w for w, v in load_table("numbers")["units"].items() if 0 < v <= 10]
_MEASURE_WORDS = frozenset(
    word for phrase in load_table("units")["measures"] for word in phrase.split()
)
_STOPS = frozenset(load_table("units")["noun_phrase_stops"])
# A reading: one or two digits with at most two decimals, or a number word up to ten. Not part
# of a longer number, a date ("6.2.2019"), a ratio or a clock time ("6:20").
_DIGITS = r"\d{1,2}(?:\.\d{1,2})?(?!\d|[.,/:]\d)"
_NUM = rf"(?P<num>(?<![\w.,/]){_DIGITS}|\b(?:{'|'.join(_NUMBER_WORDS)})\b)"
_HEDGE = rf"(?:(?P<hedge>{HEDGE_PATTERN})\s+)?"
_WORD = re.compile(r"[\s\-–]*([A-Za-z]+)")
_AFTER_NUMBER = re.compile(r"\s*(?:%|[-–]\s*\d|/\d)")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n[ \t]*\n")
# Words after a number that make it an amount, never a reading ("5 times", "5 million").
_NOT_READING_AFTER = frozenset(
    {"times", "time", "percent", "per", *load_table("numbers")["scales"],
     *load_table("numbers")["tens"]}
)
_ORDER_OF = re.compile(r"\borders?\s+of\s*$", re.IGNORECASE)


def _words(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"[\s-]+".join(re.escape(w) for w in p.split()) for p in ordered)


@dataclass(frozen=True)
class _Scale:
    """One scale's words and its forms (see `scales.yaml` for what each form reads)."""

    unit: str
    maximum: float
    events: frozenset[str]
    names: frozenset[str]
    verb_window: int
    # The forms in the order `_readings` takes them: name first, on the scale, number first,
    # bare decimal, verb, code. Each starts a word with a few known words (a hedge, a number,
    # "magnitude", a verb, a code), so they are tried only where those are: the forms cost
    # little on the many articles that hold no reading.
    forms: StartScanner


def _compile(entry: Mapping[str, Any]) -> _Scale:
    names = _words(entry["names"])
    scale_names = _words(entry["scale_names"])
    links = _words(entry["links"])
    codes = "|".join(sorted(map(re.escape, entry["codes"]), key=lambda c: (-len(c), c)))
    forms = [
        re.compile(
            rf"(?<!\w)(?<!-){_HEDGE}(?:{names})(?:[\s-]+(?:{links})){{0,3}}[\s-]+"
            rf"(?:(?P<hedge2>{HEDGE_PATTERN})\s+)?{_NUM}",
            re.IGNORECASE,
        ),
        re.compile(
            rf"(?<!\w)(?<!-){_HEDGE}{_NUM}\s+(?:on|in)\s+the\s+(?:{scale_names})\b", re.IGNORECASE
        ),
        re.compile(
            rf"(?<!\w)(?<!-){_HEDGE}{_NUM}[\s-]*(?:{names}|{scale_names})\b", re.IGNORECASE
        ),
        re.compile(rf"(?<!\w)(?<![.,/-]){_HEDGE}(?P<num>\d{{1,2}}\.\d{{1,2}})(?!\d|[.,/:]\d)"),
        re.compile(
            rf"(?<!\w)(?P<verb>{_words(entry['verbs'])})\s+(?:at\s+|an?\s+)?"
            rf"(?:(?P<hedge2>{HEDGE_PATTERN})\s+)?{_NUM}",
            re.IGNORECASE,
        ),
        # case as written: "M6.2", never "m6.2"; matches nothing when the scale has no codes
        re.compile(rf"(?<!\w)(?<!\.)(?:{codes})\s?(?P<num>{_DIGITS})" if codes else r"(?!)"),
    ]
    return _Scale(
        unit=entry["unit"],
        maximum=float(entry["max"]),
        events=frozenset(entry["events"]),
        names=frozenset(w for p in [*entry["names"], *entry["scale_names"]] for w in p.split()),
        verb_window=int(entry["verb_window"]),
        forms=StartScanner(forms, words=3),
    )


_SCALES = tuple(_compile(entry) for entry in load_table("scales")["scales"])


def find_scale_readings(text: str, context: Context) -> list[Mention]:
    """Every reading on a known scale in `text` ("magnitude 6.2"), as a quantity of the scale.

    `context` is accepted for a uniform extractor signature; a reading needs no anchor. Where
    two forms read the same words, the first in the order of `scales.yaml`'s list wins.
    """
    del context
    found: list[Mention] = []
    for scale in _SCALES:
        for mention in _readings(text, scale):
            if all(mention.end <= m.start or mention.start >= m.end for m in found):
                found.append(mention)
    return sorted(found, key=lambda m: (m.start, m.end))


def _readings(text: str, scale: _Scale) -> Iterator[Mention]:
    name_first, on_scale, number_first, bare, verb, code = scale.forms.finditer_all(
        text, fold(text)
    )
    for match in name_first:
        if _ORDER_OF.search(text, max(0, match.start() - 20), match.start()):
            continue  # "an order of magnitude 10 times larger": no reading
        end = match.end("num")
        if _event_follows(text, end, scale) or _no_counted_noun(text, end):
            yield from _mention(text, match, scale, end)
    for match in on_scale:
        yield from _mention(text, match, scale, match.end())
    for match in code:
        decimal = "." in match.group("num")
        if _event_follows(text, match.end(), scale) or (
            decimal and _no_counted_noun(text, match.end())
        ):
            yield from _mention(text, match, scale, match.end())
    for match in number_first:
        if _event_follows(text, match.end(), scale) or (
            _clause_ends(text, match.end()) and _event_before(text, match.start(), scale, 60)
        ):
            yield from _mention(text, match, scale, match.end())
    for match in bare:
        # "Sunday's 5.8 quake": a decimal is no count, but "1.5 quakes a year" is an average
        if _event_follows(text, match.end(), scale, singular=True):
            yield from _mention(text, match, scale, match.end())
    for match in verb:
        end = match.end("num")
        if (
            _event_before(text, match.start("verb"), scale, scale.verb_window)
            and _no_counted_noun(text, end)
            and not _event_follows(text, end, scale)  # "recorded 4 aftershocks": a count
        ):
            yield from _mention(text, match, scale, end, start=match.start("num"))


def _mention(
    text: str, match: re.Match[str], scale: _Scale, end: int, start: int | None = None
) -> Iterator[Mention]:
    """The reading as a quantity, when its number is one the scale can take."""
    parsed = parse_number(match.group("num"))
    if parsed is None or parsed[0] != parsed[1] or not 0 < parsed[0] <= scale.maximum:
        return
    groups = match.groupdict()
    hedge_words = groups.get("hedge2") or groups.get("hedge")
    if start is None:
        start = match.start()
    elif groups.get("hedge2"):
        start = match.start("hedge2")
    lo, hi, hedge = apply_hedge(hedge_words, *parsed)
    yield Mention(
        kind="quantity", text=text[start:end], start=start, end=end,
        value=QuantityValue(range=(lo, hi), unit=scale.unit, hedge=hedge),
    )


def _next_words(text: str, end: int, count: int) -> list[str]:
    """Up to `count` words right after `end`, lower case, stopping at any punctuation."""
    words: list[str] = []
    position = end
    while len(words) < count:
        match = _WORD.match(text, position)
        if match is None:
            break
        words.append(match.group(1).lower())
        position = match.end()
    return words


def _event_follows(text: str, end: int, scale: _Scale, singular: bool = False) -> bool:
    """An event word next, or after one modifier: "6.2-magnitude (undersea) quake"; with
    `singular`, a singular one ("a 5.8 quake", not "1.5 quakes a year")."""
    following = _next_words(text, end, 2)
    if len(following) == 2 and following[0] not in scale.events and following[0] not in _STOPS:
        following = following[1:]
    return (
        bool(following) and following[0] in scale.events
        and not (singular and is_plural(following[0]))
    )


def _clause_ends(text: str, end: int) -> bool:
    """Punctuation or the end of the text right after the number ("the quake was a 6.2
    magnitude."): a reading written without its event word ends its clause."""
    rest = text[end:end + 40].lstrip(" \t")
    return not rest or rest[0] in ",;:.!?)\"”’'\n"


def _no_counted_noun(text: str, end: int) -> bool:
    """Nothing after the number makes it an amount of something else: no counted noun ("the
    magnitude of 3 recessions", "registered 3 deaths"), unit ("measured 5 km"), per cent, scale
    word ("5 million") or further digits. A verb or function word may follow ("a quake
    registering 6.2 struck ..."): a reading is not read by what follows it."""
    if _AFTER_NUMBER.match(text, end) or text[end:end + 1].isalnum():
        return False  # "6.2%", "6-7", "5.9km": glued or ranged, not a reading
    if text[end:end + 40].lstrip(" \t-–")[:1].isdigit():
        return False
    following = _next_words(text, end, 1)
    if not following or _clause_ends(text, end):
        return True
    word = following[0]
    if word in _MEASURE_WORDS or word in _NOT_READING_AFTER:
        return False
    return word in _STOPS or not is_plural(word)


def _event_before(text: str, start: int, scale: _Scale, window: int) -> bool:
    """An event word among the `window` words before `start`, in the same sentence."""
    begin = max(0, start - 12 * window)
    for boundary in _SENTENCE_END.finditer(text, begin, start):
        begin = boundary.end()
    words = re.findall(r"[A-Za-z]+", text[begin:start])[-window:]
    return any(word.lower() in scale.events for word in words)
