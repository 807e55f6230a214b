"""Rule kind `quote`: alignment of quotations across outlets, wording and attribution checks.

The examples in `factcheck/data/rules/default/quotes.yaml` are run here through cleaning,
quotation extraction, claim building and `factcheck.rules.quote.check`, so the rule file's
must_find and must_not_find cases are real tests even before the engine dispatches quote rules
itself.
"""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import build_claims
from factcheck.extract.quotes import find_quotes
from factcheck.ingest.clean import clean_text
from factcheck.models import Article, Claim, Context, Story
from factcheck.nlp import parse_sentences
from factcheck.rules import load_rules, shipped_pack
from factcheck.rules.quote import check, core_changes, meaning_diff, speakers_compatible
from factcheck.rules.schema import Example, Rule
from factcheck.textdiff import diff_words, key_overlap

RULE_FILE = shipped_pack() / "quotes.yaml"


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
        claims.extend(build_claims(article, parse_sentences(text), mentions))
    return Story(id="test", path="", articles=articles), claims


@pytest.fixture(scope="module")
def rule() -> Rule:
    return load_rules([RULE_FILE]).rule("quote-wording")


def _examples(expectation: str) -> list[tuple[Rule, Example]]:
    return [
        (loaded, example) for loaded in load_rules([RULE_FILE]).rules
        for example in getattr(loaded.examples, expectation)
    ]


def _example_id(case: tuple[Rule, Example]) -> str:
    return f"{case[0].id}: {case[1].name}"


@pytest.mark.parametrize("case", _examples("must_find"), ids=_example_id)
def test_rule_file_must_find(case: tuple[Rule, Example]) -> None:
    rule, example = case
    story, claims = _story([(a.outlet, a.text) for a in example.articles])
    _, discrepancies = check(rule, story, claims)
    assert discrepancies, example.name
    assert all(d.severity == rule.severity for d in discrepancies)


@pytest.mark.parametrize("case", _examples("must_not_find"), ids=_example_id)
def test_rule_file_must_not_find(case: tuple[Rule, Example]) -> None:
    rule, example = case
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
    assert found.explanation is not None and "[-not-]" in found.explanation
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
    # a description kept as written is no name to conflict with
    assert speakers_compatible("Reis", "Pinto's aide")
    # a joint statement: either speaker may be named alone elsewhere
    assert speakers_compatible("Ann Cole and Ravi Shah", "Cole")
    assert speakers_compatible("Ann Cole and Ravi Shah", "Shah")
    # a surname misspelled by one letter is the same person; a short one is not guessed at
    assert speakers_compatible("Hal Brenner", "Brener")
    assert not speakers_compatible("Ana Lee", "Ana Leo")


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


# --------------------------------------------------------------------------- fragments

LIBRARY_PLEDGE = (
    'Mayor Lena Ortiz said: "We will fight the reckless cuts imposed by the capital to protect'
    ' our libraries and our parks."'
)


RESIST = 'Ortiz vowed to resist the capital\'s "reckless reductions" to protect "our libraries".'


def test_fragments_inside_a_paraphrase_are_one_rendering(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", LIBRARY_PLEDGE),
        ("Daily Ledger", RESIST),
    ])
    facts, discrepancies = check(rule, story, claims)
    (found,) = discrepancies
    assert found.verdict == "contradiction" and found.severity == "warning"
    assert len(facts) == 1 and len(facts[0].claims) == 3  # the quotation and both fragments
    ledger = next(p for p in found.positions if p.label == "Daily Ledger")
    assert len(ledger.claims) == 2
    assert "reductions" in (found.explanation or "")
    assert "libraries" not in (found.explanation or "").split("longer quotation:")[1]


@pytest.mark.parametrize(
    "other",
    [
        # one fragment alone, however exactly it matches a word of the quotation
        'Ortiz called the new budget "reckless" at a press conference.',
        'Ortiz said the "reckless reductions" would hurt families.',
        # two fragments, but another speaker
        'Councillor Tomas Berg called the plan "reckless reductions" that hurt "our libraries".',
        # two fragments in two sentences
        'Ortiz spoke of "reckless reductions". She promised to protect "our libraries".',
        # two fragments of one speaker, in the other order than the quotation has them
        'Ortiz said "our libraries" would close under the "reckless reductions".',
        # the fragments share nothing with the quotation but a stock word each
        'Ortiz said the "new parks" plan was "a fight" worth having.',
    ],
)
def test_fragments_that_are_not_evidence_of_one_statement(rule: Rule, other: str) -> None:
    story, claims = _story([("North Star", LIBRARY_PLEDGE), ("Daily Ledger", other)])
    assert check(rule, story, claims)[1] == []


def test_fragments_join_the_statement_they_anchor_in_not_another(rule: Rule) -> None:
    """Two statements of one speaker: the fragments go with the one that has their words."""
    story, claims = _story([
        ("North Star", LIBRARY_PLEDGE + ' Later she added: "The tram line will open in May as'
         ' planned, whatever the capital says."'),
        ("Daily Ledger", RESIST),
    ])
    _, discrepancies = check(rule, story, claims)
    (found,) = discrepancies
    assert all("tram" not in p.value for p in found.positions)


# --------------------------------------------------------------------------- lesser changes


@pytest.fixture(scope="module")
def form_rule() -> Rule:
    return load_rules([RULE_FILE]).rule("quote-form")


INFLECTED = [
    ("North Star", '"The new rent policy will protect every tenant in the city," said Ana Reis.'),
    ("Daily Ledger", '"The new rent policies will protect every tenant in the city," Reis said.'),
]


def test_an_inflection_is_reported_by_the_form_rule_only(rule: Rule, form_rule: Rule) -> None:
    story, claims = _story(INFLECTED)
    facts, discrepancies = check(rule, story, claims)
    assert discrepancies == [] and [f.verdict for f in facts] == ["consistent"]
    facts, discrepancies = check(form_rule, story, claims)
    assert facts == []  # the statement's fact comes from the rule that compares meaning
    (found,) = discrepancies
    assert found.severity == "info" and found.verdict == "tension"
    assert "other forms of the same words" in (found.explanation or "")
    assert "[-policy-] {+policies+}" in (found.explanation or "")


def test_a_statement_is_reported_once_at_its_gravest_change(rule: Rule, form_rule: Rule) -> None:
    story, claims = _story([
        *INFLECTED,
        ("Harbour News", '"The new rent policy will protect no tenant in the city," Reis said.'),
    ])
    assert len(check(rule, story, claims)[1]) == 1
    assert check(form_rule, story, claims)[1] == []


def test_punctuation_alone_is_never_reported(form_rule: Rule) -> None:
    story, claims = _story([
        ("North Star", "“The bridge opens on Monday, not before,” said Ana Reis."),
        ("Daily Ledger", '"The bridge opens on Monday -- not before!" Reis said.'),
    ])
    assert check(form_rule, story, claims)[1] == []


# --------------------------------------------------------------------------- story speakers


def test_a_title_is_resolved_through_another_article_of_the_story(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", 'The French president called the deal a "landmark agreement" for Europe.'),
        ("Daily Ledger",
         'French President Ana Costa called the deal a "historic agreement" for Europe.'),
    ])
    _, discrepancies = check(rule, story, claims)
    (found,) = discrepancies
    assert "Ana Costa" in found.title
    assert all("Ana Costa" in p.value for p in found.positions)


def test_a_title_two_people_hold_in_the_story_stays_unresolved(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", 'The French president called the deal a "landmark agreement" for Europe.'),
        ("Daily Ledger",
         'French President Ana Costa called the deal a "historic agreement" for Europe.'),
        ("Harbour News", "Former French President Louis Marin criticised the deal."),
    ])
    assert check(rule, story, claims)[1] == []


# --------------------------------------------------------------------------- free translations


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # similarity 0.67: another word for most words, but the same owners, family, miners
        ('"The mine owners must pay compensation to every family of the dead miners,"'
         " said Ana Reis.",
         '"The owners are obliged to compensate each miner\'s family," Reis said.'),
        # similarity above the threshold anyway
        ('"Those who attacked the convoy will be found and punished, wherever they hide,"'
         " said Ana Reis.",
         '"Wherever they are hiding, we will find and punish the people behind the attack on'
         ' the convoy," Reis said.'),
    ],
)
def test_free_translations_of_one_statement_are_aligned(
    rule: Rule, first: str, second: str
) -> None:
    story, claims = _story([("North Star", first), ("Daily Ledger", second)])
    facts, _ = check(rule, story, claims)
    assert len(facts) == 1 and len(facts[0].claims) == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # similarity 0.64, three shared key words (government, family, home) but a Dice of 0.46
        ('"The government has betrayed the trust of every family that lost a home in the'
         ' floods," said Ana Reis.',
         '"The government will build new homes for every family by the spring," Reis said.'),
        # the translation band is for one named speaker only
        ('"The mine owners must pay compensation to every family of the dead miners,"'
         " said Ana Reis.",
         '"The owners are obliged to compensate each miner\'s family," a union official said.'),
        ('"Our troops will stay in the region until the last refugee has returned home safely,"'
         " said Ana Reis.",
         '"Our troops have not fired a single shot in the region," Reis said.'),
    ],
)
def test_statements_on_one_topic_stay_apart(rule: Rule, first: str, second: str) -> None:
    story, claims = _story([("North Star", first), ("Daily Ledger", second)])
    assert check(rule, story, claims) == ([], [])


def test_key_overlap_reads_acronyms_and_inflections() -> None:
    shared, dice = key_overlap("the policies of the US and its allies",
                               "the policy of the United States and its allies")
    assert shared == 3 and dice > 0.6  # policy, us, ally
    assert key_overlap("we said it would", "they told us it will") == (0, 0.0)


def test_fragments_anchored_only_by_small_words_are_not_aligned(rule: Rule) -> None:
    """'our' and 'will' stand in most long quotations of a speaker."""
    story, claims = _story([
        ("North Star", LIBRARY_PLEDGE),
        ("Daily Ledger", 'Ortiz said "we will" defend "our town" in every speech.'),
    ])
    assert check(rule, story, claims)[1] == []


def test_a_bare_title_is_not_resolved_across_the_story(rule: Rule) -> None:
    """'the president' in one outlet may be another country's president than the one another
    outlet names; only a qualified title ('the French president') is looked up story-wide."""
    story, claims = _story([
        ("North Star", 'The president called the deal a "landmark agreement" for Europe.'),
        ("Daily Ledger",
         'French President Ana Costa called the deal a "historic agreement" for Europe.'),
    ])
    assert check(rule, story, claims)[1] == []


def test_stock_phrases_in_a_bare_sentence_are_not_a_paraphrase(rule: Rule) -> None:
    """Both fragments find a word in the quotation, in order, but the writer's own words
    retell nothing of it: two stock phrases, not a paraphrase of that statement."""
    full = ('"Our national security depends on stability in the whole region and on our'
            ' allies," said Ana Reis.')
    story, claims = _story([
        ("North Star", full),
        ("Daily Ledger", 'At the summit Reis spoke of "national defence" and "lasting stability".'),
    ])
    assert check(rule, story, claims)[1] == []
    # the same fragments inside a retelling of the statement are compared
    story, claims = _story([
        ("North Star", full),
        ("Daily Ledger", 'Reis said "national defence" depends on allies and "lasting stability".'),
    ])
    assert len(check(rule, story, claims)[1]) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("We are determined to restore stability and security in the region",
         "We are determined to reform the stadium and the secretariat in the religion"),
        ("The inspectors reported serious contamination in the reservoir",
         "The investors reported serious concentration in the reserves"),
    ],
)
def test_quotations_alike_only_in_their_letters_stay_apart(
    rule: Rule, first: str, second: str
) -> None:
    story, claims = _story([
        ("North Star", f'"{first}," said Ana Reis.'), ("Daily Ledger", f'"{second}," Reis said.'),
    ])
    assert check(rule, story, claims) == ([], [])


def test_typos_still_count_as_shared_key_words(rule: Rule) -> None:
    story, claims = _story([
        ("North Star", '"The goverment betrayed every family in the valley," said Ana Reis.'),
        ("Daily Ledger", '"The government betrayed every famly in the valley," Reis said.'),
    ])
    facts, _ = check(rule, story, claims)
    assert len(facts) == 1


_WHOLE = ('"Passenger numbers are back above their 2019 level, and the new terminal will open'
          ' in the spring," airport director Lena Sorensen said.')


def test_quotations_of_two_clauses_of_one_sentence_are_parts_not_changes(rule: Rule) -> None:
    # One outlet quotes the whole sentence, one its first clause, one only its second: the
    # second clause is not another version of the first.
    story, claims = _story([
        ("Nordic Wire", _WHOLE),
        ("Harbour Times", '"Passenger numbers are back above their 2019 level," Sorensen said.'),
        ("Coast Radio", '"The new terminal will open in the spring," Lena Sorensen said.'),
    ])
    facts, discrepancies = check(rule, story, claims)
    assert discrepancies == [], [d.explanation for d in discrepancies]
    (fact,) = facts
    assert fact.verdict == "consistent" and len(fact.claims) == 3


def test_a_swapped_word_in_a_later_clause_is_shown_against_that_clause(rule: Rule) -> None:
    story, claims = _story([
        ("Harbour Times", '"Passenger numbers are back above their 2019 level," Sorensen said.'),
        ("Nordic Wire", _WHOLE),
        ("Coast Radio", '"The new terminal will open in the summer," Lena Sorensen said.'),
    ])
    _, (found,) = check(rule, story, claims)
    assert found.verdict == "contradiction"
    # diffed against the wire, which quoted that clause, not against the first clause
    assert "[-spring-] {+summer+}" in (found.explanation or "")
    assert "Passenger numbers" not in (found.explanation or "").split("→")[-1]
    whole, part = found.positions
    assert whole.label == "Harbour Times, Nordic Wire"
    assert whole.value.startswith("“Passenger numbers are back above their 2019 level, and the new")
    assert part.label == "Coast Radio"


def test_a_carried_speaker_never_makes_an_attribution_conflict(rule: Rule) -> None:
    statement = "The water came through the roof in minutes and nobody could stop it."
    named = [
        ("Metro Wire", f'"We lost the archive," said Lena Ortiz, the curator.\n\n"{statement}"\n'),
        ("Bay Ledger", f'"We lost the archive," said Tom Reyes, a guard.\n\n"{statement}"\n'),
    ]
    story, claims = _story(named)
    carried = [c for c in claims if statement[:20] in c.text]
    assert [c.value.speaker for c in carried] == ["Lena Ortiz", "Tom Reyes"]  # type: ignore[union-attr]
    _, found = check(rule, story, claims)
    # the first quotation's two speakers conflict; the carried ones do not
    assert len(found) == 1 and "We lost the archive" in found[0].summary


def test_a_speaker_read_from_a_pronoun_never_makes_an_attribution_conflict(rule: Rule) -> None:
    statement = "The water came through the roof in minutes and nobody could stop it"
    # Metro Wire's pronoun points to Tom Reyes (the last person named); Bay Ledger names
    # Lena Ortiz at the quote: a misread pronoun is likelier than two speakers.
    story, claims = _story([
        ("Metro Wire", f'Tom Reyes guarded the museum. "{statement}," he said.\n'),
        ("Bay Ledger", f'"{statement}," said Lena Ortiz, the curator.\n'),
    ])
    speakers = sorted(c.value.speaker or "" for c in claims)  # type: ignore[union-attr]
    assert speakers == ["Lena Ortiz", "Tom Reyes"]
    assert check(rule, story, claims)[1] == []
    # named at both quotes, the two speakers do conflict
    story, claims = _story([
        ("Metro Wire", f'"{statement}," said Tom Reyes, a guard.\n'),
        ("Bay Ledger", f'"{statement}," said Lena Ortiz, the curator.\n'),
    ])
    assert len(check(rule, story, claims)[1]) == 1


@pytest.mark.parametrize(
    ("first", "second", "found"),
    [
        # loosely alike, few words alike in order, and not both given to one named speaker:
        # a paraphrase or another saying, no misquote
        ("“We love Ana Lind's fantastic vampire novel series,” said the producer, Hal Brenner.",
         "The blog wrote: “Insiders say the studio will hire Tom Rey to direct the second film"
         " of Ana Lind's best-selling vampire novel series.”", False),
        ("“I want to be remembered as I was when I was young, in my best years,” she once "
         "wrote.", "“I want people to remember me as I was,” Ana Lind said.", False),
        # the same loose likeness given by both outlets to one named speaker: a paraphrase
        # presented as a quotation, which the rule shows
        ("“I want to be remembered as I was when I was young, in my best years,” Ana Lind "
         "said.", "“I want people to remember me as I was,” Ana Lind said.", True),
        # one statement, one word changed, the rest alike: a misquote
        ("“We will not reopen the northern mine before the spring thaw,” Hal Brenner said.",
         "“We will not reopen the southern mine before the spring thaw,” Hal Brenner said.",
         True),
    ],
)
def test_a_misquote_gives_most_words_alike(
    rule: Rule, first: str, second: str, found: bool,
) -> None:
    story, claims = _story([("Daily", first), ("Herald", second)])
    _, discrepancies = check(rule, story, claims)
    assert bool(discrepancies) is found, [d.summary for d in discrepancies]
    if found:
        assert {p.label for p in discrepancies[0].positions} == {"Daily", "Herald"}
