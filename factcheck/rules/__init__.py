"""The rule engine: YAML rule packs, alignment of claims into facts, one module per rule kind.

Rules are data (the shipped pack `factcheck/data/rules/default/*.yaml`, story packs), checks
are code: each rule names a `kind`, and each kind is implemented once, in its own module whose
docstring documents it (`agree`, `internal`, `quote`).

Public API: `load_rules`, `rule_paths`, `shipped_pack`, `RuleSet`, `check_story`,
`run_examples`, `ExampleResult`, `validate_rule_files`, `describe_rules`.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.models import Claim, Discrepancy, Fact, Story
from factcheck.rules import agree, internal, quote, wording
from factcheck.rules.align import Vocabulary
from factcheck.rules.describe import describe_rules
from factcheck.rules.examples import ExampleResult, run_examples
from factcheck.rules.loader import (
    DEFAULT_PACK,
    RuleSet,
    for_story,
    load_rules,
    rule_paths,
    shipped_pack,
    validate_rule_files,
)

__all__ = [
    "DEFAULT_PACK", "ExampleResult", "RuleSet", "check_story", "describe_rules", "for_story",
    "load_rules", "rule_paths", "run_examples", "shipped_pack", "validate_rule_files",
]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check_story(
    story: Story, claims: Sequence[Claim], rules: RuleSet
) -> tuple[list[Fact], list[Discrepancy]]:
    """Align the story's claims into facts and report discrepancies under every rule.

    The story's own rule packs (`rules/<story-id>/`, `<story>/rules/`) are applied first.
    Output is sorted (facts by id; discrepancies by severity, then id) so reports are stable.
    """
    effective = for_story(rules, story)
    vocabulary = Vocabulary.of(effective.vocabulary)
    facts: list[Fact] = []
    discrepancies: list[Discrepancy] = []
    for rule in effective.rules:
        looked_at = wording.select(rule, claims)  # a rule's `sentence` filter, if it has one
        if rule.kind == "agree":
            found = agree.check(rule, vocabulary, story, looked_at)
        elif rule.kind == "internal":
            found = internal.check(rule, story, looked_at)
        else:
            found = quote.check(rule, story, looked_at)
        facts.extend(found[0])
        discrepancies.extend(found[1])
    facts = sorted({f.id: f for f in facts}.values(), key=lambda f: f.id)
    discrepancies = sorted(
        {d.id: d for d in discrepancies}.values(),
        key=lambda d: (_SEVERITY_ORDER[d.severity], d.rule, d.id),
    )
    return facts, discrepancies
