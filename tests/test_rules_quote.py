"""Rule kind `quote`: alignment of quotations across outlets, wording and attribution checks.

The examples in `rules/default/quotes.yaml` are run here through cleaning, quotation
extraction, claim building and `factcheck.rules.quote.check`, so the rule file's must_find and
must_not_find cases are real tests even before the engine dispatches quote rules itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.claims import build_claims
from factcheck.extract.quotes import find_quotes
from factcheck.ingest.clean import clean_text
from factcheck.models import Article, Claim, Context, Story
from factcheck.rules import load_rules
from factcheck.rules.quote import check, core_changes, meaning_diff, speakers_compatible
from factcheck.rules.schema import Example, Rule
from factcheck.text.segment import segment
from factcheck.textdiff import diff_words

RULE_FILE = Path(__file__).resolve().parent.parent / "rules" / "default" / "quotes.yaml"


def _story(texts: list[tuple[str, str]]) -> tuple[Story, list[Claim]]:
    articles = []
    claims: list[Claim] = []
    for index, (outlet, original) in enumerate(texts):
        text, offsets = clean_text(original, "text")
        article = Article(
            id=f"{index:02d}", path=f"{index:02d}.txt", outlet=outlet,
            published=date(2021, 3, 2), original=original, text=text, offsets=offsets,
        )
        articles.append(article)
        mentions = find_quotes(text, Context())
        claims.extend(build_claims(article, segment(text), mentions))
    return Story(id="test", path="", articles=articles), claims


@pytest.fixture(scope="module")
def rule() -> Rule:
    return load_rules([RULE_FILE]).rule("quote-wording")


def _examples(expectation: str) -> list[Example]:
    loaded = load_rules([RULE_FILE]).rule("quote-wording")
    return list(getattr(loaded.examples, expectation))


@pytest.mark.parametrize("example", _examples("must_find"), ids=lambda e: e.name)
def test_rule_file_must_find(rule: Rule, example: Example) -> None:
    story, claims = _story([(a.outlet, a.text) for a in example.articles])
    _, discrepancies = check(rule, story, claims)
    assert discrepancies, example.name


@pytest.mark.parametrize("example", _examples("must_not_find"), ids=lambda e: e.name)
def test_rule_file_must_not_find(rule: Rule, example: Example) -> None:
    story, claims = _story([(a.outlet, a.text) for a in example.articles])
    _, discrepancies = check(rule, story, claims)
    assert discrepancies == [], [d.summary for d in discrepancies]


def test_wording_discrepancy_content(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", '"The strike will not end until the port owners listen," said Ana Reis.'),
        ("Daily Ledger", '"The strike will end when the port owners listen," Reis said.'),
        ("Harbour News", "“The strike will not end until the port owners listen,” Reis said."),
    ])
    facts, discrepancies = check(rule, story, claims)
    assert len(facts) == 1 and facts[0].verdict == "contradiction"
    assert len(facts[0].claims) == 3
    (found,) = discrepancies
    assert found.severity == "warning"
    assert found.rule == "quote-wording"
    assert len(found.positions) == 2
    assert {p.label for p in found.positions} == {"Harbour News, North Star", "Daily Ledger"}
    assert found.explanation is not None and "~~not~~" in found.explanation
    assert "Ana Reis" in found.title


def test_form_only_variants_make_a_consistent_fact(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", "“Our harbour has never been this busy,” said Ana Reis."),
        ("Daily Ledger", '"our harbor has never been this busy." Reis said.'),
    ])
    facts, discrepancies = check(rule, story, claims)
    assert discrepancies == []
    assert [f.verdict for f in facts] == ["consistent"]


def test_different_speakers_are_not_merged_as_one_statement(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", '"We will keep the schools open all winter long," said Ana Reis.'),
        ("Daily Ledger", '"We will keep the schools open all winter," said Joao Pinto.'),
    ])
    facts, discrepancies = check(rule, story, claims)
    assert facts == []
    assert len(discrepancies) == 1
    assert "attributed to" in discrepancies[0].title


def test_scare_quotes_are_never_aligned(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", "Reis called the offer “insulting”."),
        ("Daily Ledger", "Reis called the offer “generous”."),
    ])
    assert check(rule, story, claims) == ([], [])


def test_speakers_compatible() -> None:
    assert speakers_compatible("Ana Reis", "Reis")
    assert speakers_compatible("Reis", None)
    assert speakers_compatible("Reis", "the union")
    assert not speakers_compatible("Ana Reis", "Joao Pinto")


def test_fragment_edges_are_not_changes() -> None:
    changes = diff_words("we will win the final", "Coach says we will win the final tonight")
    assert all(c.op == "equal" for c in core_changes(changes))
    assert meaning_diff("we will win the final", "Coach says we will win the final tonight") == []
    assert meaning_diff("we will win the final", "we will lose the final")


FULL_PLEDGE = (
    'Minister Ana Reis pledged "complete backing and protection to the dockers, drivers and'
    ' pilots who kept the port open through the storm".'
)


def test_short_fragment_with_a_synonym_is_one_statement(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", FULL_PLEDGE),
        ("Daily Ledger", 'Reis also promised "total backing and protection" to the crews.'),
    ])
    facts, discrepancies = check(rule, story, claims)
    assert len(facts) == 1 and len(discrepancies) == 1
    assert "complete" in discrepancies[0].explanation and "total" in discrepancies[0].explanation
    values = sorted(position.value for position in discrepancies[0].positions)
    assert values[0].startswith("“complete backing and protection to the dockers")
    assert values[1].startswith("“total backing and protection”")


@pytest.mark.parametrize(
    "other",
    [
        # The speaker is not named: three shared words are a stock phrase, not evidence.
        'The unions asked for "total backing and protection" from the ministry.',
        # Another named speaker.
        'Mayor Joao Pinto asked for "total backing and protection" from the ministry.',
        # The same speaker, but only one content word is shared in order.
        'Reis promised "total backing and shelter" to the crews.',
    ],
)
def test_short_fragment_needs_the_same_named_speaker_and_word_order(
    rule: Rule, other: str
) -> None:
    story, claims = _story([("North Star", FULL_PLEDGE), ("Daily Ledger", other)])
    assert check(rule, story, claims) == ([], [])


def test_labels_of_one_speaker_with_another_modifier(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", 'Reis called the deal a "landmark agreement" for the port.'),
        ("Daily Ledger", 'Reis described the deal as a "historic agreement" for the city.'),
        ("Harbour Times", 'Reis said it was a "fair agreement" and a "long night".'),
    ])
    facts, discrepancies = check(rule, story, claims)
    assert len(facts) == 1
    (discrepancy,) = discrepancies
    assert len(discrepancy.positions) == 3
    assert all("long night" not in position.value for position in discrepancy.positions)


def test_labels_are_never_aligned_with_statements(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", 'Reis called the deal a "landmark agreement" for the port.'),
        ("Daily Ledger", 'Reis said: "This is a landmark agreement for every family here."'),
    ])
    assert check(rule, story, claims) == ([], [])
