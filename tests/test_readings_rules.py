"""Magnitudes and counts of times through the whole pipeline, on the shipped count rule's own
examples: what each must_find finds (outlets, values, verdict) and that each must_not_find
stays quiet with its values read, so a quiet example is never quiet for want of values.

The rule-file format has no field to pin a finding, so the pins live here, keyed by the
example's name in `factcheck/data/rules/default/count-agree.yaml`.
"""

from __future__ import annotations

import pytest

from factcheck.models import Claim, Discrepancy, QuantityValue
from factcheck.pipeline import analyse_article
from factcheck.rules import check_story, load_rules, shipped_pack
from factcheck.rules.examples import example_story
from factcheck.rules.loader import RuleSet
from factcheck.rules.schema import Example, Rule
from factcheck.values import describe

RULES = load_rules([shipped_pack()])
COUNT = next(rule for rule in RULES.rules if rule.id == "count-agree")


def _example(name: str) -> Example:
    examples = [*COUNT.examples.must_find, *COUNT.examples.must_not_find]
    return next(example for example in examples if example.name == name)


def _run(rule: Rule, example: Example) -> tuple[list[Claim], list[Discrepancy]]:
    story = example_story(rule, example)
    claims = [claim for article in story.articles for claim in analyse_article(article)]
    only = RuleSet(rules=[rule], vocabulary=RULES.vocabulary)
    _, discrepancies = check_story(story, claims, only)
    return claims, [d for d in discrepancies if d.rule == rule.id]


def _values(claims: list[Claim], unit: str) -> list[str]:
    return [describe(c.value) for c in claims
            if isinstance(c.value, QuantityValue) and c.value.unit == unit]


def _positions(discrepancy: Discrepancy) -> dict[str, str]:
    return {position.label: position.value for position in discrepancy.positions}


@pytest.mark.parametrize(
    ("name", "unit", "positions"),
    [
        ("one quake's magnitude written two ways", "magnitude",
         {"Coast Herald": "magnitude 6.1", "Capital Wire": "magnitude 6.4"}),
        ("how often the same thing happened", "time",
         {"Coast Herald": "3 times", "Capital Wire": "5 times"}),
    ],
)
def test_must_find_names_the_outlets_values_and_verdict(
    name: str, unit: str, positions: dict[str, str]
) -> None:
    claims, discrepancies = _run(COUNT, _example(name))
    (finding,) = discrepancies
    assert finding.verdict == "contradiction"
    assert finding.severity == "error"
    assert _positions(finding) == positions
    assert sorted(_values(claims, unit)) == sorted(positions.values())


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("the magnitudes of two quakes in one story",
         {"magnitude": ["magnitude 5.8", "magnitude 5.8", "magnitude 6.3"]}),
        ("a magnitude and a count of times are not one count",
         {"magnitude": ["magnitude 5.2", "magnitude 5.2"], "time": ["3 times"]}),
        # the ratio is read as nothing: only one count of times is left
        ("a ratio is no count of times", {"time": ["3 times"]}),
    ],
)
def test_must_not_find_is_quiet_with_its_values_read(
    name: str, values: dict[str, list[str]]
) -> None:
    claims, discrepancies = _run(COUNT, _example(name))
    assert discrepancies == []
    for unit, expected in values.items():
        assert sorted(_values(claims, unit)) == expected
