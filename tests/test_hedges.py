"""Hedge widths: each hedge kind bounds a number the way the table documents."""

from __future__ import annotations

import re

import pytest

from factcheck.extract.hedges import HEDGE_PATTERN, POST_HEDGE_PATTERN, apply_hedge, hedge_label
from factcheck.resources import load_table


@pytest.mark.parametrize(
    ("hedge", "value", "expected"),
    [
        ("about", 80.0, (70.0, 90.0, "approximate")),
        ("Around", 80.0, (70.0, 90.0, "approximate")),
        ("an estimated", 800.0, (700.0, 900.0, "approximate")),
        ("nearly", 300.0, (270.0, 300.0, "less_than")),
        ("almost", 300.0, (270.0, 300.0, "less_than")),
        ("just under", 300.0, (285.0, 300.0, "less_than")),
        ("just over", 300.0, (300.0, 315.0, "more_than")),
        ("more than", 40.0, (40.0, None, "more_than")),
        ("upwards of", 40.0, (40.0, None, "more_than")),
        ("at least", 7.0, (7.0, None, "at_least")),
        ("up to", 7.0, (0.0, 7.0, "at_most")),
        ("within", 72.0, (0.0, 72.0, "at_most")),
        ("fewer than", 50.0, (0.0, 50.0, "less_than")),
        ("or so", 80.0, (70.0, 90.0, "approximate")),
        ("plus", 30.0, (30.0, None, "at_least")),
    ],
)
def test_apply_hedge(hedge: str, value: float, expected: tuple[object, ...]) -> None:
    lo, hi, label = apply_hedge(hedge, value, value)
    assert label == expected[2]
    assert lo == pytest.approx(expected[0])
    assert (hi is None) == (expected[1] is None)
    if hi is not None:
        assert hi == pytest.approx(expected[1])


def test_vague_interval_keeps_its_spread() -> None:
    lo, hi, _ = apply_hedge("about", 3.0, 9.0)
    assert lo == pytest.approx(2.625)
    assert hi == pytest.approx(10.125)


def test_unknown_or_missing_hedge_is_exact() -> None:
    assert apply_hedge(None, 5.0, 6.0) == (5.0, 6.0, "exact")
    assert apply_hedge("reportedly", 5.0, 6.0) == (5.0, 6.0, "exact")
    assert hedge_label("purple") == "exact"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("just under 300", "just under"),
        ("More than 40", "More than"),
        ("some 12", "some"),
        ("as many as 9", "as many as"),
    ],
)
def test_hedge_pattern_finds_longest_phrase(text: str, found: str) -> None:
    match = re.search(HEDGE_PATTERN, text, re.IGNORECASE)
    assert match is not None and match.group(0) == found


@pytest.mark.parametrize("text", ["overhaul", "someone", "aboutface", "thunder"])
def test_hedge_pattern_respects_word_boundaries(text: str) -> None:
    assert re.search(HEDGE_PATTERN, text, re.IGNORECASE) is None


def test_post_hedge_pattern() -> None:
    assert re.findall(POST_HEDGE_PATTERN, "ten minutes or so; 20-plus", re.I) == ["or so", "plus"]


def test_every_table_phrase_is_found_by_its_pattern() -> None:
    for entry in load_table("hedges")["hedges"]:
        pattern = HEDGE_PATTERN if entry["position"] == "before" else POST_HEDGE_PATTERN
        for phrase in entry["phrases"]:
            assert re.fullmatch(pattern, phrase), phrase
            assert hedge_label(phrase) != "exact"
