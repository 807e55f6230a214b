"""`factcheck rules test`: every rule's must_find / must_not_find examples, run for real.

Each example's snippets become `Article`s through the real cleaner, then go through
`factcheck.pipeline.analyse_article` and the rule engine with only that rule (and the pack's
vocabulary) loaded, so an example tests the whole path a real story takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from factcheck.models import Article, Story
from factcheck.rules.loader import RuleSet
from factcheck.rules.schema import Example, Rule, Snippet

Expectation = Literal["must_find", "must_not_find"]


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expectation: Expectation
    name: str
    passed: bool
    found: tuple[str, ...]

    def __str__(self) -> str:
        status = "ok" if self.passed else "FAILED"
        seen = "; ".join(self.found) if self.found else "no discrepancy"
        return f"{self.rule} {self.expectation} '{self.name}': {status} ({seen})"


def _published(text: str) -> datetime | date:
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def example_story(rule: Rule, example: Example) -> Story:
    """The example as a story: one article per snippet, cleaned like a real file."""
    articles = [_article(index, snippet) for index, snippet in enumerate(example.articles)]
    zone = next((s.timezone for s in example.articles if s.timezone), None)
    return Story(
        id=f"example-{rule.id}", path="", title=example.name, timezone=zone, articles=articles
    )


def _article(index: int, snippet: Snippet) -> Article:
    from factcheck.ingest.clean import clean_text

    text, offsets = clean_text(snippet.text, "text")
    return Article(
        id=f"{index:02d}", path=f"{index:02d}.txt", outlet=snippet.outlet,
        published=_published(snippet.published), timezone=snippet.timezone,
        original=snippet.text, text=text, offsets=offsets,
    )


def run_example(rules: RuleSet, rule: Rule, example: Example, expectation: Expectation
                ) -> ExampleResult:
    from factcheck.pipeline import analyse_article
    from factcheck.rules import check_story

    story = example_story(rule, example)
    claims = [claim for article in story.articles for claim in analyse_article(article)]
    only = RuleSet(rules=[rule], vocabulary=rules.vocabulary)
    _, discrepancies = check_story(story, claims, only)
    found = tuple(f"{d.verdict}: {d.summary}" for d in discrepancies if d.rule == rule.id)
    passed = bool(found) if expectation == "must_find" else not found
    return ExampleResult(rule.id, expectation, example.name, passed, found)


def run_examples(rules: RuleSet) -> list[ExampleResult]:
    """One result per example of every loaded rule, in rule order."""
    results: list[ExampleResult] = []
    for rule in rules.rules:
        for example in rule.examples.must_find:
            results.append(run_example(rules, rule, example, "must_find"))
        for example in rule.examples.must_not_find:
            results.append(run_example(rules, rule, example, "must_not_find"))
    return results
