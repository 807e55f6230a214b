"""Rule kind `internal`: an article must agree with itself where it restates a value.

What it does
    Finds a value and its restatement side by side in one sentence: a clock time followed by
    its conversion in brackets or after "or" ("about 0300 local time (18:00 GMT)", "9 pm ET /
    02:00 BST"), a duration or quantity with its conversion ("90 minutes (1.5 hours)"). The
    two must be equal within the rule's tolerance; for clock times only the time of day
    matters (the dates may be a day apart across zones), so they must differ by whole days.

Why
    A wrong conversion means one of the two numbers is wrong, and a reader cannot tell
    which; it also often marks the wrong time zone assumed for the story.

Example
    In a story set in Tokyo (UTC+9), "the quake struck at 0400 local time (19:00 GMT)" is
    consistent; "at 0400 local time (20:00 GMT)" is flagged.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

from factcheck.models import (
    Claim,
    Discrepancy,
    Fact,
    Position,
    Story,
    TimeValue,
    Value,
    Verdict,
)
from factcheck.rules.compare import (
    Reading,
    allowance,
    describe_value,
    reading,
    relate,
    words_for_seconds,
    zone_of,
)
from factcheck.rules.findings import make_discrepancy, make_fact, outlet_of
from factcheck.rules.schema import Rule

_DAY = 86400.0
# What may stand between a value and its restatement: a bracket, a slash, "or", "i.e.".
_JOIN = re.compile(
    r"^[\s,]*(?:\(|\[|/|–|—|-|\bor\b|\bi\.e\.|\bthat is\b|\bwhich is\b)[\s(]*$", re.IGNORECASE
)
# A zone named between the two ("local time", "Moscow time", "GMT") is part of the join, as
# are the word orders of translated copy ("22:40 hour local", "22:40 local hour").
_ZONE_WORDS = re.compile(
    r"(?:\b[\w-]+\s+)?\btime\b|(?i:\bhours?\s+local\b|\blocal(?:\s+hours?)?\b)|\b[A-Z]{2,5}\b"
)
_CLOCK = ("hour", "minute", "second")


def restatement_pairs(
    claims: Sequence[Claim], story: Story, kind: str
) -> list[tuple[Claim, Claim]]:
    """Each value of `kind` directly followed by its restatement ("0300 local (18:00 GMT)")."""
    originals = {article.id: article.original for article in story.articles}
    ordered = sorted(
        (c for c in claims if c.kind == kind), key=lambda c: (c.article, c.start)
    )
    pairs = []
    for first, second in itertools.pairwise(ordered):
        if first.article != second.article or second.start < first.end:
            continue
        between = originals.get(first.article, "")[first.end:second.start]
        between = _ZONE_WORDS.sub(" ", between)  # "0300 local time (18:00 GMT)"
        if len(between) > 16 or not _JOIN.match(between):
            continue
        if isinstance(first.value, TimeValue) and isinstance(second.value, TimeValue) and (
            first.value.granularity not in _CLOCK or second.value.granularity not in _CLOCK
        ):
            continue  # only clock times have a conversion; "Monday (June 3)" is a date
        pairs.append((first, second))
    return pairs


def _stated(value: Value, read: Reading) -> Reading:
    """The clock reading as written: "around 22:40 (20:40 GMT)" converts 22:40, not its hedge.

    A hedge widens the time for comparing outlets; a conversion restates the written time, so
    the middle of a hedged interval is what the restatement must match.
    """
    if not isinstance(value, TimeValue) or value.hedge != "approximate":
        return read
    lo, hi = read.strict
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return read
    middle = (lo + hi) / 2
    return Reading(strict=(middle, middle + 60.0), wide=(middle, middle + 60.0), half_open=True)


def _time_verdict(a: Reading, b: Reading, rule: Rule) -> tuple[Verdict, float]:
    """Whole days apart (within tolerance) is a correct conversion; else the hours it is off."""
    low = b.strict[0] - a.strict[1]
    high = b.strict[1] - a.strict[0]
    allowed = allowance((0.0, 0.0), (0.0, 0.0), rule.tolerance)
    if not (math.isfinite(low) and math.isfinite(high)):
        return "consistent", 0.0
    days = range(math.floor((low - allowed) / _DAY), math.ceil((high + allowed) / _DAY) + 1)
    for day in days:
        shift = day * _DAY
        if low - allowed <= shift <= high + allowed:
            return "consistent", 0.0
    # How far off: between the written times (their starts), to the nearest whole day, so
    # "20:00 (19:00 GMT)" in a UTC+2 zone reads "1 h", not the 59 min between minute ends.
    apart = b.strict[0] - a.strict[0]
    return "contradiction", abs(apart - round(apart / _DAY) * _DAY)


def check(
    rule: Rule, story: Story, claims: Sequence[Claim]
) -> tuple[list[Fact], list[Discrepancy]]:
    """Facts (each value with its restatement) and discrepancies for one `internal` rule."""
    articles = {article.id: article for article in story.articles}
    facts: list[Fact] = []
    discrepancies: list[Discrepancy] = []
    for first, second in restatement_pairs(claims, story, rule.value):
        article = articles.get(first.article)
        zone = zone_of((article.timezone if article else None) or story.timezone)
        a, b = reading(first.value, None, zone), reading(second.value, None, zone)
        if rule.value == "time":
            a, b = _stated(first.value, a), _stated(second.value, b)
            verdict, off = _time_verdict(a, b, rule)
            off_words = words_for_seconds(off)
        else:
            verdict = relate(a, b, rule.tolerance)
            off = max(b.strict[0] - a.strict[1], a.strict[0] - b.strict[1])
            off_words = words_for_seconds(off) if rule.value == "duration" else f"{off:g}"
        facts.append(make_fact(rule, None, [first, second], articles, verdict))
        if verdict == "consistent":
            continue
        label = outlet_of(article, first.article)
        positions = [
            Position(label=f"{label}: {claim.text}", value=describe_value(claim.value),
                     claims=[claim.id])
            for claim in (first, second)
        ]
        explanation = (
            f"{label} gives '{first.text}' and restates it as '{second.text}', but the two"
            f" differ by {off_words}"
            + (" beyond whole days" if rule.value == "time" else "")
            + "; one of them (or the time zone assumed) is wrong."
        )
        discrepancies.append(
            make_discrepancy(rule, None, verdict, positions, [first, second], explanation)
        )
    return facts, discrepancies
