"""Durations: the expression table under tests/expressions/ and the false friends."""

from __future__ import annotations

from typing import Any

import pytest
from expression_table import close, found, load

from factcheck.extract.durations import find_durations
from factcheck.models import Context, DurationValue

TABLE = load("durations", "duration")


@pytest.mark.parametrize("case", TABLE, ids=[c["text"] for c in TABLE])
def test_duration_expression(case: dict[str, Any]) -> None:
    value = found(case, find_durations).value
    assert isinstance(value, DurationValue)
    expected = case["value"]
    lo, hi = expected["seconds"]
    assert close(value.seconds[0], lo) and close(value.seconds[1], hi), value.seconds
    assert value.timex == expected["timex"]
    assert value.hedge == expected["hedge"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A 19-year-old striker scored twice.",
        "The building is 80 years old.",
        "A second ambulance arrived.",
        "The hearing is set for May, not March.",
        "Fox 5 aired the 1970s footage.",
        "Veterans of World War II gathered.",
        "The pills are taken three times a day.",
        "The rate is 20 km per hour.",
        "Gate 9 closed; flight 2 left.",
    ],
)
def test_not_durations(sentence: str) -> None:
    assert find_durations(sentence, Context()) == []


def test_range_with_lower_end_above_upper_is_not_a_range() -> None:
    assert [m.text for m in find_durations("It lasted 5-3 hours", Context())] == ["3 hours"]


def test_two_durations_in_one_sentence_stay_apart() -> None:
    found = find_durations("Day one took 3 hours; day two took about 5 hours.", Context())
    assert [m.text for m in found] == ["3 hours", "about 5 hours"]


def test_compound_needs_a_smaller_second_unit() -> None:
    found = find_durations("They met for 2 hours and 3 days later again.", Context())
    assert [m.text for m in found] == ["2 hours", "3 days"]


def test_hard_wrapped_text() -> None:
    found = find_durations("talks lasted for about\ntwo\nhours in total", Context())
    assert [m.value.timex for m in found] == ["PT2H"]
    assert found[0].value.hedge == "approximate"


def test_bare_plural_after_a_cue_is_a_vague_length() -> None:
    [mention] = find_durations("The standoff lasted hours before police moved in.", Context())
    assert mention.text == "hours"
    assert mention.value.seconds == (2 * 3600.0, 23 * 3600.0)
    assert mention.value.timex == "PTXH"
    [mention] = find_durations("For decades the mine was closed.", Context())
    assert mention.value.timex == "PXY"


@pytest.mark.parametrize(
    "sentence",
    ["Opening hours are posted on the door.", "Those were the best years of her life.",
     "The weeks ahead will be hard."],
)
def test_bare_plural_without_a_cue_is_not_a_duration(sentence: str) -> None:
    assert find_durations(sentence, Context()) == []


def test_numbered_duration_is_not_also_read_as_a_bare_plural() -> None:
    found = find_durations("The strike lasted for three days.", Context())
    assert [m.text for m in found] == ["three days"]
