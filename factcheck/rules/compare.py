"""Comparing two values of one fact: a strict reading, a stretched one, and a verdict.

Each value is read twice. The *strict* reading is what the words most plainly say; the *wide*
reading is the loosest the words allow: a day part that runs past midnight ("Tuesday night"
runs into Wednesday's small hours) or the other readings of an ambiguous expression. Two values
are `consistent` when their strict readings meet (within the rule's tolerance), in `tension`
when only the wide readings meet (or the gap is within the rule's `stretch`), and a
`contradiction` otherwise. Times are compared as half-open intervals of POSIX seconds, widened
to the rule's granularity in the story's time zone; durations and quantities as closed ones.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from factcheck.extract.quantities import measure_units
from factcheck.models import (
    DurationValue,
    Granularity,
    QuantityValue,
    TimeValue,
    Value,
    Verdict,
)
from factcheck.resources import load_table
from factcheck.rules.schema import Tolerance

Interval = tuple[float, float]
VERDICT_RANK: dict[Verdict, int] = {"consistent": 0, "tension": 1, "contradiction": 2}


@dataclass(frozen=True)
class Reading:
    """A value as two intervals: what it plainly says, and the most it could be read to say."""

    strict: Interval
    wide: Interval
    half_open: bool
    # Other readings of an ambiguous expression ("last May": this May or the year before's),
    # each on its own: their hull would let "last May" meet "in March", which neither does.
    others: tuple[Interval, ...] = ()
    # An exact count ("213 homes", not "about 200", not "200"): two of them that differ
    # contradict, whatever the rule's tolerance, which is there for rounded figures.
    exact: bool = False


def zone_of(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _posix(moment: datetime | None, default: float) -> float:
    return default if moment is None else moment.timestamp()


def _floor(moment: datetime, unit: Granularity) -> datetime:
    if unit in ("century", "decade", "year"):
        return moment.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit in ("season", "quarter", "month"):
        return moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit in ("week", "day"):
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit in ("daypart", "hour"):
        return moment.replace(minute=0, second=0, microsecond=0)
    if unit == "minute":
        return moment.replace(second=0, microsecond=0)
    return moment.replace(microsecond=0)


def _next(moment: datetime, unit: Granularity) -> datetime:
    """The start of the unit after the one `moment` falls in."""
    start = _floor(moment, unit)
    if unit in ("century", "decade", "year"):
        return start.replace(year=start.year + 1)
    if unit in ("season", "quarter", "month"):
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    if unit in ("week", "day"):
        return datetime.combine(start.date() + timedelta(days=1), time(), start.tzinfo)
    if unit in ("daypart", "hour"):
        return start + timedelta(hours=1)
    if unit == "minute":
        return start + timedelta(minutes=1)
    return start + timedelta(seconds=1)


def _widen(interval: Interval, unit: Granularity | None, zone: tzinfo) -> Interval:
    """Round an interval out to whole units of the rule's granularity, in local time."""
    lo, hi = interval
    if unit is None or unit == "second":
        return interval
    if math.isfinite(lo):
        lo = _floor(datetime.fromtimestamp(lo, zone), unit).timestamp()
    if math.isfinite(hi) and hi > lo:
        last = datetime.fromtimestamp(hi - 1e-6, zone)
        hi = _next(last, unit).timestamp()
    return lo, hi


def _strict_time(value: TimeValue, zone: tzinfo) -> Interval:
    """A day part that runs past midnight is read, strictly, as the part before midnight."""
    lo = _posix(value.interval[0], -math.inf)
    hi = _posix(value.interval[1], math.inf)
    if value.granularity == "daypart" and math.isfinite(lo) and math.isfinite(hi):
        start = datetime.fromtimestamp(lo, zone)
        midnight = datetime.combine(start.date() + timedelta(days=1), time(), zone).timestamp()
        if lo < midnight < hi:
            hi = midnight
    return lo, hi


def _wide_time(value: TimeValue) -> Interval:
    """Every reading at once, for questions where any of them will do (time elapsed since)."""
    lo = _posix(value.interval[0], -math.inf)
    hi = _posix(value.interval[1], math.inf)
    for alt_lo, alt_hi in value.alternatives:
        lo = min(lo, _posix(alt_lo, -math.inf))
        hi = max(hi, _posix(alt_hi, math.inf))
    return lo, hi


def time_reading(value: TimeValue, granularity: Granularity | None, zone: tzinfo) -> Reading:
    if value.weekday is not None:
        # Days of one unknown week: only the weekday is compared ("Thursday" / "Friday").
        day = (value.weekday * 86400.0, (value.weekday + 1) * 86400.0)
        return Reading(strict=day, wide=day, half_open=True)
    main = (_posix(value.interval[0], -math.inf), _posix(value.interval[1], math.inf))
    others = tuple(
        _widen((_posix(lo, -math.inf), _posix(hi, math.inf)), granularity, zone)
        for lo, hi in value.alternatives
    )
    return Reading(
        strict=_widen(_strict_time(value, zone), granularity, zone),
        wide=_widen(main, granularity, zone),
        half_open=True,
        others=others,
    )


def _bounds(pair: tuple[float | None, float | None]) -> Interval:
    lo = -math.inf if pair[0] is None else float(pair[0])
    hi = math.inf if pair[1] is None else float(pair[1])
    return lo, hi


def published_span(published: datetime | date | None, zone: tzinfo) -> Interval | None:
    """The publication instant, or the whole local day when only a date is known."""
    if published is None:
        return None
    if isinstance(published, datetime):
        moment = published if published.tzinfo else published.replace(tzinfo=zone)
        return moment.timestamp(), moment.timestamp()
    start = datetime.combine(published, time(), zone)
    return start.timestamp(), (start + timedelta(days=1)).timestamp()


def elapsed_since(value: TimeValue, published: Interval) -> Interval:
    """'since 2000', read on a 2024 publication date: a duration of about 24 years."""
    lo, hi = _wide_time(value)
    return max(0.0, published[0] - hi), max(0.0, published[1] - lo)


def reading(
    value: Value, granularity: Granularity | None = None, zone: tzinfo = UTC,
) -> Reading:
    """The strict and wide readings of a value, for comparison."""
    if isinstance(value, TimeValue):
        return time_reading(value, granularity, zone)
    if isinstance(value, DurationValue):
        bounds = _bounds(value.seconds)
    elif isinstance(value, QuantityValue):
        bounds = _bounds(value.range)
        return Reading(strict=bounds, wide=bounds, half_open=False, exact=exact_count(value))
    else:
        raise TypeError(f"no interval for {value.type} values")
    return Reading(strict=bounds, wide=bounds, half_open=False)


def exact_count(value: QuantityValue) -> bool:
    """A count written to the unit, with no hedge: "213 homes", "9 classrooms". A round
    figure ("1,200", "5 million") is often a rounding though no hedge says so, and a
    measurement ("75 km", "4.4", "68%", "$24") is rounded as written: the rule's tolerance
    is for those."""
    lo, hi = value.range
    if (value.hedge != "exact" or lo is None or lo != hi or lo != int(lo)
            or value.unit in measure_units()):
        return False
    return int(lo) < 10 or int(lo) % 10 != 0


def interval_reading(bounds: Interval) -> Reading:
    return Reading(strict=bounds, wide=bounds, half_open=False)


def total_of(parts: list[Reading]) -> Reading:
    """Parts stated one after another ("90 minutes, followed by two more hours") add up."""
    lo = sum(part.strict[0] for part in parts)
    hi = sum(part.strict[1] for part in parts)
    return Reading(strict=(lo, hi), wide=(lo, hi), half_open=False)


def shifted(value: Reading, seconds: float) -> Reading:
    return Reading(
        strict=(value.strict[0] + seconds, value.strict[1] + seconds),
        wide=(value.wide[0] + seconds, value.wide[1] + seconds),
        half_open=value.half_open,
        others=tuple((lo + seconds, hi + seconds) for lo, hi in value.others),
    )


@cache
def _day_words() -> re.Pattern[str]:
    table = load_table("calendar")
    names = [*table["months"], *table["month_abbreviations"], *table["weekdays"],
             *table["weekday_abbreviations"], *table["deictic_days"], "tonight"]
    alternation = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b|\d{{1,4}}[/-]\d{{1,2}}", re.IGNORECASE)


def floating_clock(text: str, value: TimeValue) -> bool:
    """A clock time whose words name no day ("at 04:20"): its date is the normaliser's guess."""
    return value.granularity in ("hour", "minute", "second") and not _day_words().search(text)


def gap(a: Interval, b: Interval) -> float:
    """Distance between two intervals; zero when they touch, negative when they overlap."""
    return max(b[0] - a[1], a[0] - b[1])


def allowance(a: Interval, b: Interval, tolerance: Tolerance, exact: bool = False) -> float:
    """How far apart two values may be and still agree; nothing between two exact counts."""
    if exact:
        return 0.0
    finite = [abs(x) for x in (*a, *b) if math.isfinite(x)]
    magnitude = max(finite, default=0.0)
    return max(tolerance.absolute, tolerance.relative * magnitude)


def _meet(a: Interval, b: Interval, half_open: bool, allowed: float) -> bool:
    distance = gap(a, b)
    if half_open:
        return distance < 0 or (allowed > 0 and distance <= allowed)
    return distance <= allowed


def consistent(a: Reading, b: Reading, tolerance: Tolerance) -> bool:
    """Whether `relate` says consistent, without reading the wide intervals (most pairs of a
    big fact's values are not consistent, and only this is asked when clustering them)."""
    return _meet(
        a.strict, b.strict, a.half_open and b.half_open,
        allowance(a.strict, b.strict, tolerance, a.exact and b.exact),
    )


def relate(a: Reading, b: Reading, tolerance: Tolerance) -> Verdict:
    """consistent / tension / contradiction for two readings under a rule's tolerance."""
    half_open = a.half_open and b.half_open
    if consistent(a, b, tolerance):
        return "consistent"
    for a_wide in (a.wide, *a.others):
        for b_wide in (b.wide, *b.others):
            wide_allowed = allowance(a_wide, b_wide, tolerance, a.exact and b.exact)
            if _meet(a_wide, b_wide, half_open, wide_allowed):
                return "tension"
            if tolerance.stretch > 0 and gap(a_wide, b_wide) <= wide_allowed + tolerance.stretch:
                return "tension"
    return "contradiction"


def contains(outer: Reading, inner: Reading) -> bool:
    """`outer` says less than `inner` and includes it: 'earlier this year' and 'in March'."""
    return (outer.strict[0] <= inner.strict[0] and inner.strict[1] <= outer.strict[1]
            and (outer.strict[1] - outer.strict[0]) > (inner.strict[1] - inner.strict[0]))


# --------------------------------------------------------------------------- wording

_DURATION_UNITS = (
    (365.2425 * 86400, "year", "years"), (30.436875 * 86400, "month", "months"),
    (7 * 86400, "week", "weeks"), (86400, "day", "days"), (3600, "h", "h"), (60, "min", "min"),
    (1, "s", "s"),
)


def words_for_seconds(seconds: float) -> str:
    """'1 h 30 min', '24 years', '3 days': the two largest units that are not zero."""
    if not math.isfinite(seconds):
        return "unbounded"
    remaining = round(seconds)
    parts: list[str] = []
    for size, one, many in _DURATION_UNITS:
        if size >= 86400 and size != 86400 and remaining >= size:
            count = round(remaining / size, 1)
            if count == int(count):
                count = int(count)
            return f"{count} {one if count == 1 else many}"
        if remaining >= size:
            count = int(remaining // size)
            remaining -= int(count * size)
            parts.append(f"{count} {one if count == 1 else many}")
        if len(parts) == 2:
            break
    return " ".join(parts) or "0 s"


def describe_value(value: Value) -> str:
    """The value in words, as the reports word it everywhere."""
    from factcheck.values import describe

    return describe(value)


# --------------------------------------------------------------------------- distance

_CLOCK_SPAN = 60.0  # a clock time's interval is its minute (or second); it names an instant
_CALENDAR: tuple[Granularity, ...] = ("year", "month", "day")


@dataclass(frozen=True)
class Apart:
    """How far apart two values are, as an explanation may state it.

    `amount` is in the values' own measure (seconds, or the counted thing), or a count of
    `calendar` units ("day", "month", "year") when both values are one such unit.
    `at_least` says the amount lies between the nearest edges of two intervals, so it is a
    lower bound and must be worded as one.
    """

    amount: float
    calendar: Granularity | None = None
    at_least: bool = False


def _calendar_unit(interval: Interval, zone: tzinfo) -> Granularity | None:
    """The calendar unit (a year, a month, a day) an interval is exactly one of, if any."""
    lo, hi = interval
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return None
    start = datetime.fromtimestamp(lo, zone)
    for unit in _CALENDAR:
        if _floor(start, unit) == start and abs(_next(start, unit).timestamp() - hi) < 1:
            return unit
    return None


def _units_between(a: float, b: float, unit: Granularity, zone: tzinfo) -> int:
    """Whole calendar units from the unit starting at `a` to the one starting at `b`."""
    first, second = datetime.fromtimestamp(a, zone), datetime.fromtimestamp(b, zone)
    if unit == "year":
        return abs(second.year - first.year)
    if unit == "month":
        return abs((second.year - first.year) * 12 + second.month - first.month)
    return abs((second.date() - first.date()).days)


def apart(a: Interval, b: Interval, zone: tzinfo | None = None) -> Apart:
    """The distance an explanation states between two values that do not meet.

    A stated distance must be one a reader can check against the values shown. Two points
    (exact amounts; clock times, whose minute names an instant) are the distance between
    them. Two whole calendar units of one size are counted in that unit from one to the
    other: March and May are 2 months apart, though only April lies between them, and 3 and
    9 March are 6 days apart, not the 5 days between the end of one and the start of the
    other. Anything else (a hedged amount, a part of the day, a day against a month) is the
    distance between the nearest edges, a lower bound: `at_least`. `zone` is given for times,
    in which calendar units and clock times are read.
    """
    if zone is not None:
        a, b = _as_instant(a), _as_instant(b)
        unit = _calendar_unit(a, zone)
        if unit is not None and unit == _calendar_unit(b, zone):
            return Apart(float(_units_between(a[0], b[0], unit, zone)), calendar=unit)
    distance = max(gap(a, b), 0.0)
    points = a[0] == a[1] and b[0] == b[1]
    return Apart(distance, at_least=not points)


def _as_instant(interval: Interval) -> Interval:
    lo, hi = interval
    if math.isfinite(lo) and 0 < hi - lo <= _CLOCK_SPAN:
        return lo, lo
    return interval


def calendar_words(count: int, unit: Granularity) -> str:
    """'1 day', '2 months', '3 years'."""
    return f"{count} {unit}" + ("" if count == 1 else "s")
