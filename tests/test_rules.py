"""Rule files: loading, validation with file:line:col, schema drift, overrides, examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.models import Claim, Discrepancy, Fact, Story
from factcheck.pipeline import analyse_article
from factcheck.rules import (
    check_story,
    describe_rules,
    for_story,
    load_rules,
    run_examples,
    shipped_pack,
    validate_rule_files,
)
from factcheck.rules.examples import example_story
from factcheck.rules.schema import Example, Snippet
from factcheck.schemas import render_schemas

REPO = Path(__file__).resolve().parent.parent
DEFAULT = shipped_pack()

RULE = """\
rules:
  - id: crowd-size
    title: Crowd sizes differ
    severity: warning
    kind: agree
    value: quantity
    about: [attendance]
    tolerance: {relative: 0.1}
    message: "Outlets disagree on the {about}"
vocabulary:
  - name: attendance
    terms: [crowd, spectators]
"""


def test_committed_rules_schema_matches_the_models() -> None:
    committed = (REPO / "schemas" / "rules.schema.json").read_text(encoding="utf-8")
    assert committed == render_schemas()["rules.schema.json"], "run `factcheck schema`"


def test_default_pack_is_valid_and_covers_the_required_checks() -> None:
    assert validate_rule_files([DEFAULT]) == []
    rules = load_rules([DEFAULT])
    kinds = {(rule.kind, rule.value) for rule in rules.rules}
    assert {("agree", "duration"), ("agree", "time"), ("agree", "quantity"),
            ("internal", "time")} <= kinds
    for rule in rules.rules:
        assert rule.examples.must_find and rule.examples.must_not_find, rule.id
    assert {"meeting", "arrival", "death", "injury"} <= {g.name for g in rules.vocabulary}


def test_every_shipped_example_passes_through_the_real_pipeline() -> None:
    rules = load_rules([DEFAULT])
    # `quote` rules are the quotes stage's; their examples are tested with it.
    mine = rules.model_copy(update={"rules": [r for r in rules.rules if r.kind != "quote"]})
    results = run_examples(mine)
    assert len(results) >= 10
    failed = [str(result) for result in results if not result.passed]
    assert failed == []


def test_a_wrong_example_fails(tmp_path: Path) -> None:
    rule, vocabulary = RULE.split("vocabulary:")
    examples = """\
    examples:
      must_find:
        - name: the same number twice is no discrepancy
          articles:
            - {outlet: A, published: "2020-01-01", text: "A crowd of 5,000 spectators came."}
            - {outlet: B, published: "2020-01-01", text: "A crowd of 5,000 spectators came."}
"""
    (tmp_path / "r.yaml").write_text(rule + examples + "vocabulary:" + vocabulary, "utf-8")
    (result,) = run_examples(load_rules([tmp_path]))
    assert not result.passed
    assert "crowd-size must_find" in str(result)


def test_unknown_key_is_reported_with_place_and_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(RULE.replace("tolerance:", "tolerence:"), "utf-8")
    (error,) = validate_rule_files([path])
    assert error.file == path.as_posix()
    assert (error.line, error.column) == (8, 5)
    assert "did you mean 'tolerance'" in error.message
    with pytest.raises(InputError) as raised:
        load_rules([path])
    assert raised.value.line == 8


def test_wrong_enum_and_duplicate_ids_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(RULE.replace("severity: warning", "severity: fatal"), "utf-8")
    (tmp_path / "b.yaml").write_text(RULE, "utf-8")
    (tmp_path / "c.yaml").write_text(RULE.split("vocabulary:")[0], "utf-8")
    errors = validate_rule_files([tmp_path])
    messages = [f"{e.file}:{e.line}: {e.message}" for e in errors]
    assert any("a.yaml:4" in m and "fatal" in m for m in messages)
    assert any("c.yaml:2" in m and "duplicate rule id 'crowd-size'" in m for m in messages)


def test_override_of_unknown_rule_suggests_the_near_one(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(RULE, "utf-8")
    pack = tmp_path / "some-story"
    pack.mkdir()
    (pack / "tight.yaml").write_text("overrides:\n  - rule: crowd-sise\n    severity: info\n",
                                     "utf-8")
    (error,) = validate_rule_files([tmp_path])
    assert "did you mean 'crowd-size'" in error.message
    assert (error.line, error.column) == (2, 11)


def test_story_pack_applies_only_to_its_story(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(RULE, "utf-8")
    pack = tmp_path / "cup-final"
    pack.mkdir()
    (pack / "story.yaml").write_text(
        "overrides:\n  - rule: crowd-size\n    tolerance: {relative: 0.01}\n"
        "vocabulary:\n  - name: attendance\n    terms: [fans]\n",
        "utf-8",
    )
    rules = load_rules([tmp_path])
    assert rules.story_packs == {"cup-final": [(pack / "story.yaml").as_posix()]}
    assert rules.rule("crowd-size").tolerance.relative == 0.1
    story = Story(id="cup-final", path=str(tmp_path / "nowhere"))
    tightened = for_story(rules, story)
    assert tightened.rule("crowd-size").tolerance.relative == 0.01
    assert "fans" in next(g for g in tightened.vocabulary if g.name == "attendance").terms
    other = for_story(rules, Story(id="other", path=str(tmp_path / "nowhere")))
    assert other.rule("crowd-size").tolerance.relative == 0.1


def test_story_folder_may_carry_its_own_rules(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(RULE, "utf-8")
    story_dir = tmp_path / "stories" / "s1"
    (story_dir / "rules").mkdir(parents=True)
    (story_dir / "rules" / "r.yaml").write_text(
        "overrides:\n  - rule: crowd-size\n    severity: error\n", "utf-8"
    )
    rules = load_rules([tmp_path / "base.yaml"])
    assert for_story(rules, Story(id="s1", path=str(story_dir))).rule(
        "crowd-size").severity == "error"


def test_describe_rules_lists_ids_and_kind_documentation() -> None:
    text = describe_rules(load_rules([DEFAULT]))
    assert "duration-agree" in text and "timezone-conversion" in text
    assert "Kind `agree`" in text and "What it does" in text
    assert "Kind `internal`" in text


def test_missing_rule_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_rules([tmp_path / "missing"])
    assert validate_rule_files([tmp_path / "missing"])[0].file.endswith("missing")


def _run_rule(rule_id: str, snippets: list[Snippet]) -> tuple[list[Claim], list[Fact],
                                                              list[Discrepancy]]:
    """The default pack over a story of `snippets`, as `rules test` builds one for `rule_id`;
    the facts and discrepancies are those of that rule."""
    rules = load_rules([DEFAULT])
    story = example_story(rules.rule(rule_id), Example(name="x", articles=snippets))
    claims = [claim for article in story.articles for claim in analyse_article(article)]
    facts, found = check_story(story, claims, rules)
    return (claims, [f for f in facts if f.rule == rule_id],
            [d for d in found if d.rule == rule_id])


def _conversion_findings(text: str) -> list[str]:
    snippet = Snippet(outlet="Aegean Daily", published="2019-11-08", timezone="Europe/Athens",
                      text=text)
    _, _, found = _run_rule("timezone-conversion", [snippet])
    return [d.explanation or "" for d in found]


def test_a_hedged_time_is_converted_as_written() -> None:
    # Athens is UTC+2 in November: "around 06:15" converts to 04:15 GMT; 04:30 lies inside
    # the hedge but is not the written time, and 05:15 is an hour off.
    assert _conversion_findings("The ferry sank at around 06:15 local time (04:15 GMT).") == []
    (quarter,) = _conversion_findings("The ferry sank at around 06:15 local time (04:30 GMT).")
    assert "differ by 15 min" in quarter
    (hour,) = _conversion_findings("The ferry sank at 06:15 local time (05:15 GMT).")
    assert "differ by 1 h beyond whole days" in hour


def test_a_count_gap_is_written_in_words_not_in_scientific_notation() -> None:
    snippets = [
        Snippet(outlet="Harbour Ledger", published="2024-02-01", timezone="Europe/Oslo",
                text="The port handled 10 million containers last year, its director said."),
        Snippet(outlet="Coast Wire", published="2024-02-01", timezone="Europe/Oslo",
                text="The port handled 100 million containers last year, its director said."),
    ]
    _, _, (count,) = _run_rule("count-agree", snippets)
    assert "90 million apart" in (count.explanation or "")
    assert "e+" not in (count.explanation or "")


def test_a_fact_listed_as_agreed_never_holds_contrary_values() -> None:
    # One outlet gives two tolls (so the concept covers two events); "at least five" fits both,
    # which chained 7 and 16 into one "consistent" fact before.
    snippets = [
        Snippet(outlet="Valley Radio", published="2023-05-02", timezone="Europe/Vienna",
                text="At least five people were killed in the crash, police said."),
        Snippet(outlet="Evening Post", published="2023-05-02", timezone="Europe/Vienna",
                text="Seven people were killed in the crash, police said."),
        Snippet(outlet="Alpine Wire", published="2023-05-02", timezone="Europe/Vienna",
                text="Seven people were killed in the crash. "
                     "Sixteen people were killed in the crash, police said."),
    ]
    claims, facts, _ = _run_rule("count-agree", snippets)
    texts = {claim.id: claim.text for claim in claims}
    agreed = [{texts[c] for c in fact.claims} for fact in facts if fact.verdict == "consistent"]
    assert agreed, "the tolls are still listed"
    for words in agreed:
        assert not ({"Seven people"} <= words and "Sixteen people" in words), words


def _count_explanations(*reports: tuple[str, str, str]) -> list[str]:
    """The count-agree explanations for (outlet, published, text) reports of one story."""
    snippets = [Snippet(outlet=outlet, published=published, timezone="Europe/Lisbon", text=text)
                for outlet, published, text in reports]
    _, _, found = _run_rule("count-agree", snippets)
    return [d.explanation or "" for d in found]


_FLOOD = "Flooding in the Douro valley has killed {} people, civil protection officials said."


def test_a_toll_rising_through_three_reports_is_noted_as_updates() -> None:
    (rising,) = _count_explanations(
        ("Tagus Wire", "2024-10-14T07:00:00+01:00", _FLOOD.format(9)),
        ("Porto Herald", "2024-10-14T19:30:00+01:00", _FLOOD.format(14)),
        ("Atlantic Daily", "2024-10-15T08:00:00+01:00", _FLOOD.format(21)),
    )
    assert ("The figure rises with each later report (Tagus Wire: 9 people; then Porto Herald:"
            " 14 people; then Atlantic Daily: 21 people), and reports that differ were published"
            " at least 12 hours apart: the later figures may be updates.") in rising


def test_a_count_revised_down_in_a_later_report_is_noted_as_an_update() -> None:
    (revised,) = _count_explanations(
        ("Tagus Wire", "2024-10-14T07:00:00+01:00", _FLOOD.format(12)),
        ("Lisbon Radio", "2024-10-14T08:00:00+01:00", _FLOOD.format(12)),
        ("Atlantic Daily", "2024-10-14T18:00:00+01:00", _FLOOD.format(8)),
    )
    assert ("Lisbon Radio, Tagus Wire published at least 10 hours before Atlantic Daily: the"
            " later figure may be an update.") in revised


def test_no_update_note_when_publication_order_does_not_explain_the_split() -> None:
    # The wire had the later figure before the radio gave the earlier one.
    (already,) = _count_explanations(
        ("Tagus Wire", "2024-10-14T07:00:00+01:00", _FLOOD.format(14)),
        ("Lisbon Radio", "2024-10-14T11:00:00+01:00", _FLOOD.format(9)),
        ("Atlantic Daily", "2024-10-14T19:00:00+01:00", _FLOOD.format(14)),
    )
    assert "update" not in already
    # Up, then down again: no one-way series.
    (zigzag,) = _count_explanations(
        ("Tagus Wire", "2024-10-14T07:00:00+01:00", _FLOOD.format(9)),
        ("Porto Herald", "2024-10-14T19:30:00+01:00", _FLOOD.format(14)),
        ("Atlantic Daily", "2024-10-15T08:00:00+01:00", _FLOOD.format(11)),
    )
    assert "update" not in zigzag
    # Rising, but two of the contrary reports came out an hour apart.
    (close,) = _count_explanations(
        ("Tagus Wire", "2024-10-14T07:00:00+01:00", _FLOOD.format(9)),
        ("Porto Herald", "2024-10-14T19:30:00+01:00", _FLOOD.format(14)),
        ("Atlantic Daily", "2024-10-14T20:30:00+01:00", _FLOOD.format(21)),
    )
    assert "update" not in close
