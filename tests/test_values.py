"""Interval relations, gaps, value intervals and the report wording of values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from factcheck.models import DurationValue, QuantityValue, QuoteValue, TimeValue
from factcheck.values import describe, gap, relate, value_interval

PLUS9 = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((10, 20), (10, 20), "equal"),
        ((0, 30), (10, 20), "contains"),
        ((10, 20), (0, 30), "contained"),
        ((0, 15), (10, 20), "overlapping"),
        ((0, 5), (10, 20), "disjoint"),
        ((0, 10), (10, 20), "overlapping"),
        ((12, None), (20, 30), "contains"),
        ((12, None), (0, 5), "disjoint"),
        ((None, None), (3, 4), "contains"),
        ((None, 10), (None, 10), "equal"),
        ((5, None), (None, 3), "disjoint"),
    ],
)
def test_relate(a: tuple, b: tuple, expected: str) -> None:
    assert relate(a, b) == expected


def test_absolute_tolerance_widens_both() -> None:
    assert relate((0, 5), (7, 9)) == "disjoint"
    assert relate((0, 5), (7, 9), tolerance=1) == "overlapping"
    assert relate((100, 100), (101, 101), tolerance=1) == "equal"


def test_relative_tolerance_is_a_fraction_of_each_bound() -> None:
    assert relate((100, 100), (109, 109), tolerance=0.1, relative=True) == "equal"
    assert relate((100, 100), (125, 125), tolerance=0.1, relative=True) == "disjoint"
    assert relate((100, 100), (115, 115), tolerance=0.1, relative=True) == "overlapping"


def test_gap() -> None:
    assert gap((0, 5), (7, 9)) == 2
    assert gap((7, 9), (0, 5)) == 2
    assert gap((0, 10), (5, 20)) == 0
    assert gap((12, None), (0, 5)) == 7
    assert gap((None, 3), (None, 1)) == 0


def test_value_interval() -> None:
    start = datetime(2021, 5, 3, tzinfo=UTC)
    time = TimeValue(interval=(start, start + timedelta(days=1)), granularity="day",
                     timex="2021-05-03")
    assert value_interval(time) == (start.timestamp(), start.timestamp() + 86400)
    assert value_interval(DurationValue(seconds=(60.0, None), timex="PT1M")) == (60.0, None)
    assert value_interval(QuantityValue(range=(3.0, 9.0), unit="car")) == (3.0, 9.0)
    with pytest.raises(ValueError):
        value_interval(QuoteValue(words="no comment"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DurationValue(seconds=(6300.0, 8100.0), timex="PT2H", hedge="approximate"),
         "about 2 h (1 h 45 min – 2 h 15 min)"),
        (DurationValue(seconds=(5400.0, 5400.0), timex="PT90M"), "90 min"),
        (DurationValue(seconds=(631139040.0, None), timex="P20Y", hedge="more_than"),
         "more than 20 years"),
        (DurationValue(seconds=(0.0, 172800.0), timex="PT48H", hedge="at_most"), "up to 48 h"),
        (DurationValue(seconds=(10800.0, 32400.0), timex="PTXH"), "3 h – 9 h"),
        (DurationValue(seconds=(86400.0, 86400.0), timex="P1D"), "1 day"),
        (QuantityValue(range=(4.5e6, 5e6), unit="artillery shell", hedge="less_than"),
         "nearly 5 million artillery shells (4.5–5 million)"),
        (QuantityValue(range=(12.0, None), unit="person", hedge="at_least"), "at least 12 people"),
        (QuantityValue(range=(1.2e9, 1.2e9), unit="usd"), "1.2 billion USD"),
        (QuantityValue(range=(3.0, 3.0), unit="percent"), "3%"),
        (QuantityValue(range=(1.0, 1.0), unit="bridge"), "1 bridge"),
        (QuantityValue(range=(2.0, 2.0), unit="country"), "2 countries"),
        # whole things are counted: the hedge's range is shown as the whole numbers inside it
        (QuantityValue(range=(218.75, 281.25), unit="passenger", hedge="approximate"),
         "about 250 passengers (219–281)"),
        (QuantityValue(range=(7000.0, 9000.0), unit="home", hedge="approximate"),
         "about 8,000 homes (7,000–9,000)"),
        (QuantityValue(range=(24.0, 24.0), unit="year of age"), "aged 24"),
        (TimeValue(interval=(datetime(2024, 6, 18, 21, tzinfo=PLUS9),
                             datetime(2024, 6, 19, 5, tzinfo=PLUS9)),
                   granularity="daypart", timex="2024-06-18TNI"),
         "Tue 18 Jun 2024, night (21:00–05:00 +09:00)"),
        (TimeValue(interval=(datetime(2019, 2, 1, tzinfo=UTC),
                             datetime(2019, 3, 1, tzinfo=UTC)),
                   granularity="month", timex="2019-02"), "Feb 2019"),
        (TimeValue(interval=(datetime(2000, 1, 1, tzinfo=UTC), None),
                   granularity="year", timex="2000", anchor="since"), "since 2000"),
        # A hedged boundary: the hedge goes with the time written, never "about after".
        (TimeValue(interval=(datetime(2024, 6, 18, 14, 30, tzinfo=PLUS9),
                             datetime(2024, 6, 18, 15, 30, tzinfo=PLUS9)),
                   granularity="minute", timex="2024-06-18T15:00", hedge="approximate",
                   anchor="after"), "after about Tue 18 Jun 2024 15:00 +09:00"),
        # "about 0300" shows the time written, not the start of its widened interval
        (TimeValue(interval=(datetime(2024, 6, 19, 2, 30, tzinfo=PLUS9),
                             datetime(2024, 6, 19, 3, 30, tzinfo=PLUS9)),
                   granularity="minute", timex="2024-06-19T03:00", hedge="approximate"),
         "about Wed 19 Jun 2024 03:00 +09:00"),
        (TimeValue(interval=(datetime(2024, 6, 19, 2, 5, tzinfo=PLUS9),
                             datetime(2024, 6, 19, 2, 25, tzinfo=PLUS9)),
                   granularity="minute", timex="2024-06-19T02:15", hedge="approximate"),
         "about Wed 19 Jun 2024 02:15 +09:00"),
        # "shortly after/before" a clock time: the half-hour on that side of the time written.
        (TimeValue(interval=(datetime(2024, 6, 18, 15, tzinfo=PLUS9),
                             datetime(2024, 6, 18, 15, 30, tzinfo=PLUS9)),
                   granularity="minute", timex="2024-06-18T15:00", hedge="approximate"),
         "shortly after Tue 18 Jun 2024 15:00 +09:00"),
        (TimeValue(interval=(datetime(2024, 6, 18, 8, 30, tzinfo=PLUS9),
                             datetime(2024, 6, 18, 9, tzinfo=PLUS9)),
                   granularity="minute", timex="2024-06-18T09:00", hedge="approximate"),
         "shortly before Tue 18 Jun 2024 09:00 +09:00"),
        (QuoteValue(words="We will rebuild", speaker="the mayor"), "“We will rebuild” — the mayor"),
        # a reading is written after its scale, and its hedged range is not rounded to whole
        # numbers as a count's is
        (QuantityValue(range=(6.2, 6.2), unit="magnitude"), "magnitude 6.2"),
        (QuantityValue(range=(5.25, 6.75), unit="magnitude", hedge="approximate"),
         "about magnitude 6 (5.25–6.75)"),
        (QuantityValue(range=(2, 2), unit="time"), "2 times"),
    ],
)
def test_describe(value: object, expected: str) -> None:
    assert describe(value) == expected  # type: ignore[arg-type]
