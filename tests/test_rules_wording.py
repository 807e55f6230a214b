"""A rule narrowed by the words of a claim's sentence (`sentence: {has, lacks}`): word phrases,
never regular expressions, so a rule file cannot make a run hang. Texts invented for the tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.ingest import load_story
from factcheck.pipeline import analyse_story
from factcheck.rules import load_rules, shipped_pack, validate_rule_files
from factcheck.rules.wording import Phrases, words_of

ROOT = Path(__file__).resolve().parent.parent

FLOOD_A = ("Valley floods\n\nAbout 300 residents were evacuated from the valley on Monday, police"
           " said. The storm killed 12 people, police said.\n")
FLOOD_B = ("Valley flood toll\n\nAbout 800 residents were evacuated from the valley on Monday,"
           " officials said. The storm killed 30 people, officials said.\n")


@pytest.mark.parametrize(("phrases", "sentence"), [
    (["evacuated"], "Some 800 people were Evacuated on Monday."),
    (["evacuat*"], "The evacuation of 800 people began at dawn."),
    (["ordered to leave"], "Residents were ordered to leave by noon."),
    (["o'brien"], "Mayor O’Brien said 40 homes were lost."),
    (["well-known"], "A well-known bridge closed for 3 days."),
    (["told", "ordered to leave"], "They were told to go."),
])
def test_a_phrase_is_found_as_whole_words(phrases: list[str], sentence: str) -> None:
    assert Phrases.of(phrases).found_in(words_of(sentence))


@pytest.mark.parametrize(("phrases", "sentence"), [
    (["evacuated"], "The evacuation of 800 people began at dawn."),  # another word
    (["vac*"], "Some 800 people were evacuated."),  # `*` ends a word; it does not begin one
    (["ordered to leave"], "Residents were ordered not to leave."),  # not consecutive
    (["leave"], "Residents were on leave."[:18]),  # cut before the word
    (["(a+)+$"], "a" * 40 + "b"),  # read as a word, not as a regular expression
])
def test_a_phrase_is_not_found_in_other_words(phrases: list[str], sentence: str) -> None:
    assert not Phrases.of(phrases).found_in(words_of(sentence))


def test_phrases_never_become_regular_expressions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The catastrophic-backtracking pattern of textbooks, against the text that makes a
    backtracking engine take exponential time: here no expression is ever compiled from it
    (any re.compile would fail the test), so matching is the word loop, linear in the text."""
    sentence = "a" * 50_000 + "!"
    words = words_of(sentence)

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("a rule's phrase must never be compiled to a regular expression")

    monkeypatch.setattr(re, "compile", no_compiling)
    phrases = Phrases.of(["(a+)+$", "(a|aa)*c", "a*"])
    assert not Phrases.of(["(a+)+$", "(a|aa)*c"]).found_in(words)
    assert phrases.found_in(words)  # "a*" is the word prefix "a": found, at once


def _story_with_pack(tmp_path: Path, pack: str) -> tuple[Path, Path]:
    rules = tmp_path / "rules"
    shutil.copytree(shipped_pack(), rules / "default")
    (rules / "floods").mkdir()
    (rules / "floods" / "narrow.yaml").write_text(pack, encoding="utf-8")
    story = tmp_path / "floods"
    story.mkdir()
    (story / "a.txt").write_text(FLOOD_A, encoding="utf-8")
    (story / "b.txt").write_text(FLOOD_B, encoding="utf-8")
    return story, rules


def _titles(story: Path, rules: Path) -> list[str]:
    report = analyse_story(load_story(story), load_rules([rules]))
    return sorted(d.title for d in report.discrepancies)


def test_a_story_pack_narrows_a_rule_to_sentences_with_some_words(tmp_path: Path) -> None:
    story, rules = _story_with_pack(tmp_path, "overrides: []\n")
    both = _titles(story, rules)
    assert any("evacuation" in title for title in both)
    assert any("death" in title for title in both)

    story, rules = _story_with_pack(tmp_path / "has", """\
overrides:
  - rule: count-agree
    sentence:
      has: ["evacuat*"]
""")
    assert [t for t in _titles(story, rules)] == [t for t in both if "evacuation" in t]

    story, rules = _story_with_pack(tmp_path / "lacks", """\
overrides:
  - rule: count-agree
    sentence:
      lacks: ["evacuat*", "ordered to leave"]
""")
    assert [t for t in _titles(story, rules)] == [t for t in both if "death" in t]


def test_a_regular_expression_in_a_rule_file_is_refused_with_its_place(tmp_path: Path) -> None:
    story, rules = _story_with_pack(tmp_path, """\
overrides:
  - rule: count-agree
    sentence:
      has: ["(a+)+$"]
""")
    [error] = validate_rule_files([rules])
    assert error.file is not None and error.file.endswith("floods/narrow.yaml")
    assert (error.line, error.column) == (4, 7)
    assert error.message.startswith("overrides[0].sentence:")
    with pytest.raises(InputError, match="overrides"):
        _titles(story, rules)
