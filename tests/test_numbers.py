"""Numbers in digits and words: what they match, what they mean, and what is not a number."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.numbers import NUMBER_PATTERN, find_numbers, parse_number

NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("37", (37, 37)),
        ("3,400", (3400, 3400)),
        ("12,500,000", (12_500_000, 12_500_000)),
        ("2.75", (2.75, 2.75)),
        ("3.4 million", (3_400_000, 3_400_000)),
        ("8bn", (8e9, 8e9)),
        ("40k", (40_000, 40_000)),
        ("thirty-seven", (37, 37)),
        ("thirty seven", (37, 37)),
        ("Thirty-Seven", (37, 37)),
        ("30-seven", (37, 37)),
        ("eleven", (11, 11)),
        ("three hundred and twelve", (312, 312)),
        ("four thousand six hundred", (4600, 4600)),
        ("a dozen", (12, 12)),
        ("two dozen", (24, 24)),
        ("half a dozen", (6, 6)),
        ("dozens", (24, 99)),
        ("hundreds", (200, 999)),
        ("tens of thousands", (10_000, 99_999)),
        ("hundreds of thousands", (200_000, 999_999)),
        ("half", (0.5, 0.5)),
        ("half a million", (500_000, 500_000)),
        ("three-quarters of a million", (750_000, 750_000)),
        ("a quarter of a million", (250_000, 250_000)),
        ("a couple of", (2, 3)),
        ("a few", (2, 5)),
        ("several", (3, 9)),
        ("several thousand", (3000, 9000)),
        ("a hundred", (100, 100)),
        ("a thousand", (1000, 1000)),
        ("2 1/2", (2.5, 2.5)),
        ("3½", (3.5, 3.5)),
    ],
)
def test_parse_number(text: str, expected: tuple[float, float]) -> None:
    match = NUMBER_RE.fullmatch(text)
    assert match is not None, f"pattern does not match {text!r}"
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("The jury deliberated for 14 hours over three days.", ["14", "three"]),
        ("Turnout reached 61.3% in the northern districts.", ["61.3"]),
        ("The club paid €85m for the striker.", ["85m"]),
        ("Some twenty-two climbers were rescued.", ["twenty-two"]),
        ("The reactor was built in 1978.", ["1978"]),
    ],
)
def test_numbers_in_sentences(sentence: str, numbers: list[str]) -> None:
    assert [sentence[s:e] for s, e, _ in find_numbers(sentence)] == numbers


@pytest.mark.parametrize(
    "sentence",
    [
        "She finished 2nd and he came 43rd.",
        "The meeting starts at 10:45 sharp.",
        "It was filed on 3/14/2021 by the clerk.",
        "Music of the 1960s filled the hall.",
        "Someone often phoned; none answered.",
        "The G20 summit opened in the B2 hall.",
        "He is the third speaker and the first woman.",
        "Version 2.4.1 of the firmware shipped.",
    ],
)
def test_not_numbers(sentence: str) -> None:
    assert [sentence[s:e] for s, e, _ in find_numbers(sentence)] == []


def test_ungrammatical_word_sequences_are_rejected() -> None:
    assert parse_number("two three") is None
    assert parse_number("seven forty") is None
    assert parse_number("") is None
    assert parse_number("banana") is None


def test_and_only_joins_after_a_scale_word() -> None:
    assert NUMBER_RE.fullmatch("two and three") is None
    assert NUMBER_RE.fullmatch("one hundred and five") is not None


def test_pattern_has_no_capturing_groups() -> None:
    assert re.compile(NUMBER_PATTERN).groups == 0


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for start, end, (lo, hi) in find_numbers(text):
        assert 0 <= start < end <= len(text)
        assert lo <= hi


@given(st.text(alphabet="one two three hundred and - 1,.5 thousand a few dozen", max_size=200))
def test_number_words_soup_never_raises(text: str) -> None:
    find_numbers(text)
