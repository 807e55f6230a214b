"""The pre-publication check: a draft against the story's outlets (issue 6, done-when)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers.stories import FIRE_ZONE, REPO, RULES
from hostile.corpus import write

from factcheck.cli import main
from factcheck.draft import check_draft
from factcheck.rules import RuleSet

SEED = REPO / "inputs" / "putin-kim-2024"

# Drafts of our own about the committed seed story; nothing here is copied from its articles.
CONTRADICTING = """# Summit notes

The two leaders met in the capital on Wednesday.

Their talks lasted 45 minutes, officials said.
"""

AGREEING = """# Summit notes

The two leaders met in the capital on Wednesday.

Their talks lasted about two hours, officials said.
"""


def test_draft_with_45_minutes_fails_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write(tmp_path / "summit.md", CONTRADICTING)
    code = main(["check", str(draft), "--against", str(SEED), "--rules", str(RULES)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{draft.as_posix()}:5: error:" in out
    assert "1 contradiction with the story" in out


def test_agreeing_draft_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = write(tmp_path / "summit.md", AGREEING)
    code = main(["check", str(draft), "--against", str(SEED), "--rules", str(RULES)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 contradictions with the story" in out


def test_findings_involve_the_draft_and_outlet_conflicts_are_set_aside(
    tmp_path: Path, fire_story: Path, rules: RuleSet
) -> None:
    draft = write(tmp_path / "draft.txt",
                  "Port fire\n\nCrews said the warehouse fire burned for three days.\n")
    report = check_draft(draft, fire_story, rules)
    (finding,) = report.discrepancies
    claims = {c.id: c for c in report.claims}
    draft_claims = [claims[i] for p in finding.positions for i in p.claims
                    if claims[i].article == "draft"]
    assert [claim.line for claim in draft_claims] == [3]
    # The outlets already disagree (six hours against 14), and the finding says so.
    assert finding.explanation and "outlets themselves disagree" in finding.explanation
    ref = next(article for article in report.articles if article.id == "draft")
    assert ref.path == draft.as_posix() and ref.outlet == "draft"


def test_draft_silent_on_a_fact_has_no_findings(
    tmp_path: Path, fire_story: Path, rules: RuleSet
) -> None:
    draft = write(tmp_path / "draft.txt", "Port fire\n\nThe warehouse stored timber and paper.\n")
    report = check_draft(draft, fire_story, rules)
    assert report.discrepancies == []
    assert [item.status for item in report.set_aside] == ["outlets"]


def test_draft_siding_with_an_outlet_is_not_its_error(
    tmp_path: Path, fire_story: Path, rules: RuleSet
) -> None:
    draft = write(tmp_path / "draft.txt",
                  "Port fire\n\nThe warehouse fire burned for about six hours.\n")
    report = check_draft(draft, fire_story, rules)
    assert report.discrepancies == []


def test_json_output_and_bad_story_folder(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = fire_story
    draft = write(tmp_path / "draft.txt", "Port fire\n\nThe fire burned for three days.\n")
    code = main(["check", str(draft), "--against", str(story), "--rules", str(RULES),
                 "--format", "json"])
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    assert len(report["discrepancies"]) == 1
    assert main(["check", str(draft), "--against", str(tmp_path / "none")]) == 2
    assert main(["check", str(draft), "--against", str(story), "--rules", str(RULES),
                 "--fail-on", "never"]) == 0


def test_story_articles_passed_as_drafts_are_skipped(
    fire_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit hands over every staged file, which may include the story's own articles.
    story = fire_story
    code = main(["check", str(story / "harbour-post.txt"), "--against", str(story),
                 "--rules", str(RULES)])
    assert code == 0
    assert "skipped" in capsys.readouterr().err


# A bare --published time is the story's local time (Europe/Tallinn, UTC+2 in February), as a
# manifest's `published` is: 23:30 on Sunday 9 February there, so "yesterday" is Saturday the
# 8th. Read as UTC it would be 01:30 on Monday in Tallinn, and "yesterday" Sunday the 9th.
@pytest.mark.parametrize(
    ("published", "stamp", "yesterday"),
    [
        ("2025-02-09T23:30", "2025-02-09T23:30:00+02:00", "2025-02-08"),
        ("2025-02-09 23:30", "2025-02-09T23:30:00+02:00", "2025-02-08"),
        ("2025-02-09T23:30+00:00", "2025-02-09T23:30:00Z", "2025-02-09"),
        ("2025-02-09T23:30Z", "2025-02-09T23:30:00Z", "2025-02-09"),
        ("2025-02-09T23:30 Asia/Tokyo", "2025-02-09T23:30:00+09:00", "2025-02-08"),
        ("2025-02-09", "2025-02-09", "2025-02-08"),
    ],
)
def test_published_without_a_zone_is_the_storys_local_time(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str],
    published: str, stamp: str, yesterday: str,
) -> None:
    assert FIRE_ZONE == "Europe/Tallinn"
    draft = write(tmp_path / "draft.txt",
                  "Port fire\n\nThe warehouse fire broke out yesterday, crews said.\n")
    code = main(["check", str(draft), "--against", str(fire_story), "--rules", str(RULES),
                 "--published", published, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    # Baltic Wire dates the fire to Saturday: a draft that reads "yesterday" as Sunday
    # contradicts it, which is what a zoneless time read as UTC used to cause.
    assert code == (0 if yesterday == "2025-02-08" else 1)
    (ref,) = [article for article in report["articles"] if article["id"] == "draft"]
    assert ref["published"] == stamp
    (claim,) = [claim for claim in report["claims"]
                if claim["article"] == "draft" and claim["text"] == "yesterday"]
    assert claim["value"]["timex"] == yesterday


def test_published_without_a_zone_follows_the_drafts_own_zone(
    tmp_path: Path, fire_story: Path, rules: RuleSet
) -> None:
    # The draft's front matter names its zone: that wins over the story's, as for an article.
    draft = write(tmp_path / "draft.md",
                  "---\ntimezone: America/Halifax\n---\nPort fire\n\n"
                  "The warehouse fire broke out yesterday, crews said.\n")
    report = check_draft(draft, fire_story, rules, published="2025-02-09T23:30")
    (ref,) = [article for article in report.articles if article.id == "draft"]
    assert isinstance(ref.published, datetime)
    assert ref.published.utcoffset() == timedelta(hours=-4)
    assert (ref.published.day, ref.published.hour) == (9, 23)


def test_unreadable_published_is_a_usage_error(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write(tmp_path / "draft.txt", "Port fire\n\nThe fire burned for six hours.\n")
    for value in ("last Tuesday", "2025-02-09T23:30 Mars/Olympus", "2025-02-30"):
        code = main(["check", str(draft), "--against", str(fire_story), "--rules", str(RULES),
                     "--published", value])
        assert code == 2, value
        assert "--published:" in capsys.readouterr().err
