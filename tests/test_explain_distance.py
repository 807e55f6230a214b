"""The distance an agree explanation states between two values is one a reader can check
against the values it shows: between the values as written (21:00 and 23:00 are 2 h apart;
March and May 2 months), or, for intervals, between their nearest edges, worded "at least".
Sentences invented for these tests."""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from test_rules import _run_rule

from factcheck.rules.compare import apart
from factcheck.rules.schema import Snippet

LONDON = ZoneInfo("Europe/London")


def _explanation(rule_id: str, first: str, second: str) -> str:
    """The one discrepancy `rule_id` finds between two outlets' sentences, explained."""
    snippets = [
        Snippet(outlet="Fenland Echo", published="2024-06-20", timezone="Europe/London",
                text=first),
        Snippet(outlet="Wash Radio", published="2024-06-20", timezone="Europe/London",
                text=second),
    ]
    _, _, (found,) = _run_rule(rule_id, snippets)
    return found.explanation or ""


@pytest.mark.parametrize(
    ("rule_id", "first", "second", "stated", "not_stated"),
    [
        # clock times are instants, not the minutes they fall in: not "1 h 59 min"
        ("time-of-day-agree", "The lock gates jammed at 9 p.m. on Tuesday, the canal trust said.",
         "The lock gates jammed at 11 p.m. on Tuesday.", "they are 2 h apart", "1 h 59 min"),
        ("time-of-day-agree", "The lock gates jammed at 9 p.m. on Tuesday, the canal trust said.",
         "The lock gates jammed shortly after 11 p.m. on Tuesday.",
         "they are at least 2 h apart", "1 h 30 min"),
        ("time-of-day-agree", "The lock gates jammed on Tuesday morning, the canal trust said.",
         "The lock gates jammed at 11 p.m. on Tuesday.", "at least 11 h apart", "they are 11 h"),
        # whole days, months and years are counted from one to the other, not between edges
        ("date-agree", "The footbridge was reopened in March 2023, the council said.",
         "The footbridge was reopened in May 2023.", "they are 2 months apart", "weeks"),
        ("date-agree", "The footbridge was reopened on 3 March 2023, the council said.",
         "The footbridge was reopened on 9 March 2023.", "they are 6 days apart", "5 days"),
        ("date-agree", "The footbridge was first reopened in 2019, the council said.",
         "The footbridge was first reopened in 2021.", "they are 2 years apart", "1 year"),
        # a day against a month: only the nearest edges can be given
        ("date-agree", "The footbridge was reopened on 3 March 2023, the council said.",
         "The footbridge was reopened in May 2023.", "they are at least", "they are 2 months"),
        ("duration-agree", "The council meeting lasted two hours, the clerk said.",
         "The council meeting lasted 40 minutes.", "they are 1 h 20 min apart", "at least"),
        ("duration-agree", "The council meeting lasted about two hours, the clerk said.",
         "The council meeting lasted 40 minutes.", "they are at least 1 h 5 min apart",
         "they are 1 h 5 min"),
        ("count-agree", "Some 300 homes lost power in the storm, the network said.",
         "About 800 homes lost power in the storm.",
         # measured from the ranges shown, 263-337 and 700-900, not from 337.5
         "they are at least 363 apart", "362.5"),
        ("count-agree", "The storm cut power to 300 homes, the network said.",
         "The storm cut power to 800 homes.", "they are 500 apart", "at least"),
    ],
)
def test_stated_distance_matches_the_values_shown(
    rule_id: str, first: str, second: str, stated: str, not_stated: str
) -> None:
    explanation = _explanation(rule_id, first, second)
    assert stated in explanation
    assert not_stated not in explanation


def test_an_undated_clock_time_is_measured_by_the_clock() -> None:
    # 23:10 names no day, so its day is a guess: the distance is between clock times, the
    # nearest way round midnight, and says so.
    explanation = _explanation(
        "time-of-day-agree", "The last ferry docked at 23:10, the harbour master said.",
        "The last ferry docked at 02:00 on Wednesday.",
    )
    assert "2 h 50 min apart by the clock" in explanation
    assert "21 h" not in explanation and "45 h" not in explanation


def _day(day: int) -> tuple[float, float]:
    start = datetime(2023, 3, day, tzinfo=LONDON)
    end = datetime(2023, 3, day + 1, tzinfo=LONDON)
    return start.timestamp(), end.timestamp()


def test_calendar_days_are_counted_across_a_clock_change() -> None:
    # The clocks went forward on 26 March 2023 in London: 25 to 27 March is 47 hours, and
    # still 2 days.
    distance = apart(_day(25), _day(27), LONDON)
    assert (distance.amount, distance.calendar, distance.at_least) == (2.0, "day", False)


def test_points_are_exact_and_intervals_a_lower_bound() -> None:
    assert apart((300.0, 300.0), (800.0, 800.0)).at_least is False
    assert apart((300.0, 300.0), (800.0, 800.0)).amount == 500.0
    hedged = apart((262.5, 337.5), (700.0, 900.0))
    assert hedged.at_least and hedged.amount == 362.5
    open_ended = apart((10_800.0, math.inf), (2_400.0, 2_400.0))  # "more than 3 h" / 40 min
    assert open_ended.at_least and open_ended.amount == 8_400.0
    # without a zone nothing is read as a calendar unit or a clock time
    assert apart(_day(3), _day(9)).calendar is None
    assert apart(_day(3), _day(9)).amount == 5 * 86_400.0
