"""Interval comparison of normalised values, and their wording for reports.

Every value the extractors produce is an interval (an exact "90 minutes" is [5400, 5400]; "more
than 20 years" is [20 years, open)). Whether two outlets contradict each other is then a
question about intervals, answered once here for every kind: `relate` says how two intervals
sit, `gap` how far apart they are. `describe` words a value the way a reader would check it
against the article: the stated amount first, the interval it was read as after.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any, Literal

from factcheck.models import (
    Bound,
    DurationValue,
    Hedge,
    QuantityValue,
    QuoteValue,
    TimeValue,
)
from factcheck.plural import plural_of
from factcheck.resources import load_table

Relation = Literal["equal", "contains", "contained", "overlapping", "disjoint"]
Interval = tuple[Bound, Bound]
AnyValue = DurationValue | TimeValue | QuantityValue | QuoteValue


def _widen(interval: Interval, tolerance: float, relative: bool) -> tuple[float, float]:
    lo = -math.inf if interval[0] is None else float(interval[0])
    hi = math.inf if interval[1] is None else float(interval[1])
    if relative:
        return lo - abs(lo) * tolerance, hi + abs(hi) * tolerance
    return lo - tolerance, hi + tolerance


def _closed(interval: Interval) -> tuple[float, float]:
    return _widen(interval, 0.0, False)


def relate(
    a: Interval, b: Interval, tolerance: float = 0.0, relative: bool = False
) -> Relation:
    """How interval `a` sits against `b`; None bounds are open.

    `tolerance` widens both intervals, by an absolute amount or, with `relative`, by that
    fraction of each bound, so "equal" means each contains the other once widened, and
    "contains" means widened `a` holds all of `b`.
    """
    a_lo, a_hi = _closed(a)
    b_lo, b_hi = _closed(b)
    wa_lo, wa_hi = _widen(a, tolerance, relative)
    wb_lo, wb_hi = _widen(b, tolerance, relative)
    a_holds_b = wa_lo <= b_lo and b_hi <= wa_hi
    b_holds_a = wb_lo <= a_lo and a_hi <= wb_hi
    if a_holds_b and b_holds_a:
        return "equal"
    if a_holds_b:
        return "contains"
    if b_holds_a:
        return "contained"
    if wa_lo <= wb_hi and wb_lo <= wa_hi:
        return "overlapping"
    return "disjoint"


def gap(a: Interval, b: Interval) -> float:
    """Distance between two intervals: 0 when they overlap or touch."""
    a_lo, a_hi = _closed(a)
    b_lo, b_hi = _closed(b)
    if a_hi < b_lo:
        return b_lo - a_hi
    if b_hi < a_lo:
        return a_lo - b_hi
    return 0.0


def value_interval(value: AnyValue) -> tuple[float | None, float | None]:
    """The numbers a value is compared on: seconds, the counted range, or POSIX seconds."""
    if isinstance(value, DurationValue):
        return value.seconds
    if isinstance(value, QuantityValue):
        return value.range
    if isinstance(value, TimeValue):
        start, end = value.interval
        return (
            None if start is None else start.timestamp(),
            None if end is None else end.timestamp(),
        )
    raise ValueError("a quote has no interval; compare its words instead")


# --------------------------------------------------------------------------- wording


def _stated(hedge: Hedge, lo: float | None, hi: float | None) -> tuple[float, float] | None:
    """Undo the hedge widths of `hedges.yaml`: the amount the article wrote."""
    if hedge == "exact":
        return None if lo is None or hi is None else (lo, hi)
    best: tuple[float, float] | None = None
    for entry in load_table("hedges")["hedges"]:
        if entry["hedge"] != hedge:
            continue
        if (entry["lower"] == "zero") != (lo == 0) or (entry["upper"] == "open") != (hi is None):
            continue
        from_lo = lo / entry["lower"] if isinstance(entry["lower"], float | int) and lo else None
        from_hi = hi / entry["upper"] if isinstance(entry["upper"], float | int) and hi else None
        stated_lo = from_lo if from_lo is not None else from_hi
        stated_hi = from_hi if from_hi is not None else from_lo
        if stated_lo is None or stated_hi is None:
            continue
        candidate = (stated_lo, stated_hi)
        if math.isclose(stated_lo, stated_hi, rel_tol=1e-6):
            return (stated_hi, stated_hi)
        best = best or candidate
    return best


def _hedge_words(hedge: Hedge, lo: float | None, hi: float | None) -> str:
    if hedge == "approximate":
        return "about "
    if hedge == "less_than":
        return "less than " if lo == 0 else "nearly "
    if hedge == "more_than":
        return "more than " if hi is None else "just over "
    if hedge == "at_least":
        return "at least "
    if hedge == "at_most":
        return "up to "
    if hedge == "order_of_magnitude":
        return "on the order of "
    return ""


def number_words(value: float) -> str:
    """1200 -> "1,200", 4.5e6 -> "4.5 million", 0.5 -> "0.5": how reports write a number."""
    return _number(value)


def _number(value: float) -> str:
    """1200 -> "1,200", 4.5e6 -> "4.5 million", 0.5 -> "0.5"."""
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= scale:
            return f"{_plain(value / scale)} {name}"
    return _plain(value)


def _plain(value: float) -> str:
    rounded = round(value, 2)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}".rstrip("0").rstrip(".")


def _number_range(lo: float, hi: float) -> str:
    """Share the scale word: "4.5–5 million", not "4.5 million–5 million"."""
    low, high = _number(lo), _number(hi)
    low_words, high_words = low.split(" "), high.split(" ")
    if len(low_words) == 2 and len(high_words) == 2 and low_words[1] == high_words[1]:
        return f"{low_words[0]}–{high}"
    return f"{low}–{high}"


_TIMEX_WORDS = {"H": "h", "TM": "min", "S": "s", "D": "day", "W": "week", "M": "month",
                "Y": "year"}
_SECOND_STEPS = (("year", 31556952.0), ("day", 86400.0), ("h", 3600.0), ("min", 60.0),
                 ("s", 1.0))


def _seconds(seconds: float) -> str:
    """A length of time in its two largest units: 6300 -> "1 h 45 min"."""
    if seconds >= 2 * 31556952:
        return f"{_plain(seconds / 31556952)} years"
    parts: list[str] = []
    remaining = round(seconds)
    for name, size in _SECOND_STEPS[1:]:
        count = int(remaining // size)
        if count:
            plural = "s" if name == "day" and count != 1 else ""
            parts.append(f"{count} {name}{plural}")
            remaining -= int(count * size)
        if len(parts) == 2:
            break
    return " ".join(parts) or "0 s"


def _timex_amount(timex: str) -> str | None:
    """The stated amount of a duration from its TIMEX3 value: "PT90M" -> "90 min"."""
    is_time = timex.startswith("PT")
    body = timex[2:] if is_time else timex[1:]
    if not body or body[:-1] in ("X", ""):
        return None
    designator = "TM" if is_time and body[-1] == "M" else body[-1]
    word = _TIMEX_WORDS.get(designator)
    if word is None:
        return None
    amount = body[:-1]
    if word in ("day", "week", "month", "year") and amount != "1":
        word += "s"
    return f"{amount} {word}"


def _describe_duration(value: DurationValue) -> str:
    lo, hi = value.seconds
    words = _hedge_words(value.hedge, lo, hi)
    stated = _timex_amount(value.timex)
    if stated is None:  # vague: "several hours" is best shown as its interval
        if lo is not None and hi is not None:
            return f"{words}{_seconds(lo)} – {_seconds(hi)}"
        return words + _seconds(lo if lo is not None else hi or 0.0)
    text = words + stated
    if value.hedge != "exact" and lo and hi is not None and lo != hi:
        text += f" ({_seconds(lo)} – {_seconds(hi)})"
    return text


def _plural(unit: str, plurals: Mapping[str, str]) -> str:
    words = unit.split(" ")
    head = words[-1]
    inverse = {singular: plural for plural, singular in plurals.items()}
    head = inverse[head] if head in inverse else plural_of(head)
    return " ".join([*words[:-1], head])


def unit_plural(unit: str) -> str:
    """"person" -> "people", "artillery shell" -> "artillery shells": a counted thing as a
    title names it when no article wrote the plural out."""
    units = load_table("units")
    if unit.split(" ")[-1] in units["invariant"]:
        return unit
    return _plural(unit, units["irregular_plurals"])


def _with_unit(amount: str, unit: str | None, one: bool, units: Mapping[str, Any]) -> str:
    if unit is None:
        return amount
    if unit == "percent":
        return f"{amount}%"
    if unit == "year of age":
        return f"aged {amount}"
    if unit in _scale_units():
        return f"{unit} {amount}"  # a reading is written after its scale: "magnitude 6.2"
    if unit in set(units["currency_symbols"].values()) | set(units["currency_words"].values()):
        return f"{amount} {unit.upper()}"
    if one or unit.split(" ")[-1] in units["invariant"]:
        return f"{amount} {unit}"
    return f"{amount} {_plural(unit, units['irregular_plurals'])}"


@cache
def _scale_units() -> frozenset[str]:
    """The units of readings on a named scale (`scales.yaml`): "magnitude"."""
    return frozenset(entry["unit"] for entry in load_table("scales")["scales"])


def _describe_quantity(value: QuantityValue) -> str:
    units = load_table("units")
    lo, hi = value.range
    words = _hedge_words(value.hedge, lo, hi)
    stated = _stated(value.hedge, lo, hi)
    if stated is None:
        bound = lo if lo is not None else hi
        return words + _with_unit(_number(bound or 0.0), value.unit, bound == 1, units)
    if stated[0] == stated[1]:
        text = words + _with_unit(_number(stated[0]), value.unit, stated[0] == 1, units)
    else:
        text = words + _with_unit(_number_range(*stated), value.unit, False, units)
    if value.hedge != "exact" and lo and hi is not None and lo != hi:
        shown_lo, shown_hi = shown_range(value)
        text += f" ({_number_range(shown_lo or 0.0, shown_hi or 0.0)})"
    return text


def shown_range(value: QuantityValue) -> tuple[Bound, Bound]:
    """The range a report shows for a count, so that what it says about the count (how far
    it is from another) can be checked against the numbers shown.

    "around 250 passengers" is 218.75-281.25 by the hedge table; whole things are counted,
    so the range shown is the whole numbers inside it, 219-281. A reading on a scale is no
    count ("about magnitude 6" is 5.25-6.75, not 6-6).
    """
    lo, hi = value.range
    stated = _stated(value.hedge, lo, hi)
    if (value.hedge != "exact" and lo and hi is not None and lo != hi and stated is not None
            and value.unit != "percent" and value.unit not in _scale_units() and hi < 1e6
            and all(n == int(n) for n in stated)):
        return float(math.ceil(lo)), float(math.floor(hi))
    return lo, hi


_DAYPARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening",
             "NI": "night", "DT": "daytime"}
_ANCHORS = {"since": "since ", "until": "until ", "before": "before ", "after": "after ",
            "by": "by "}


def _weekday_name(number: int) -> str:
    """"Thursday" for 3: a weekday-only value is shown by its name in the calendar table."""
    return next(name for name, day in load_table("calendar")["weekdays"].items()
                if day == number)


def _offset(moment: datetime) -> str:
    raw = moment.strftime("%z")
    return f"{raw[:3]}:{raw[3:]}" if raw else ""


def _day(moment: datetime) -> str:
    return moment.strftime("%a ") + str(moment.day) + moment.strftime(" %b %Y")


def _describe_time(value: TimeValue) -> str:
    if value.weekday is not None:
        return _weekday_name(value.weekday)
    start, end = value.interval
    prefix = _ANCHORS.get(value.anchor or "", "")
    moment = start or end
    if value.hedge == "approximate":
        # "after about 2 p.m.", never "about after 13:30": the hedge goes with the time, and
        # the time shown is the one written (the middle of the widened interval).
        prefix += "about "
        if start is not None and end is not None:
            moment = start + (end - start) / 2  # "about 0300" is 03:00, not its 02:30 start
        if not value.anchor and value.granularity == "minute" and start is not None \
                and end is not None:
            # "shortly after 2 p.m." is read as the half-hour on one side of 14:00.
            if f"{start:%Y-%m-%dT%H:%M}" == value.timex:
                prefix, moment = "shortly after ", start
            elif f"{end:%Y-%m-%dT%H:%M}" == value.timex:
                prefix, moment = "shortly before ", end
    if moment is None:
        return prefix + value.timex
    granularity = value.granularity
    if granularity in ("century", "decade", "season", "quarter"):
        text = value.timex
    elif granularity == "year":
        text = str(moment.year)
    elif granularity == "month":
        text = moment.strftime("%b %Y")
    elif granularity == "week":
        text = "week of " + _day(moment)
    elif granularity == "day":
        text = _day(moment)
    elif granularity == "daypart":
        part = next((w for code, w in _DAYPARTS.items() if value.timex.endswith("T" + code)),
                    "part of day")
        text = f"{_day(moment)}, {part}"
        if start is not None and end is not None:
            text += f" ({start:%H:%M}–{end:%H:%M} {_offset(start)})"
        return prefix + text
    else:
        text = f"{_day(moment)} {moment:%H:%M}"
        if granularity == "hour" and start is not None and end is not None:
            text = f"{_day(moment)} {start:%H:%M}–{end:%H:%M}"
        text += f" {_offset(moment)}"
    return prefix + text


def describe(value: AnyValue) -> str:
    """A short, deterministic wording of a value for reports: "about 2 h (1 h 45 min –
    2 h 15 min)", "nearly 5 million artillery shells (4.5–5 million)"."""
    if isinstance(value, DurationValue):
        return _describe_duration(value)
    if isinstance(value, QuantityValue):
        return _describe_quantity(value)
    if isinstance(value, TimeValue):
        return _describe_time(value)
    speaker = f" — {value.speaker}" if value.speaker else ""
    return f"“{value.words}”{speaker}"
