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


def test_finding_is_at_the_contradicting_time_not_at_an_agreeing_day_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "avalanche"
    story.mkdir()
    (story / "herald.txt").write_text(
        "The avalanche hit the ski resort on Monday morning, officials said.\n", "utf-8")
    (story / "radio.txt").write_text(
        "The avalanche hit the ski resort at 9:00 a.m. on Monday, the sheriff said.\n", "utf-8")
    (story / "story.yaml").write_text(
        "timezone: America/Denver\narticles:\n"
        "  - {file: herald.txt, outlet: Valley Herald, published: '2020-02-11'}\n"
        "  - {file: radio.txt, outlet: Mountain Radio, published: '2020-02-11'}\n", "utf-8")
    # Line 3 agrees with the Herald (and fits the Radio); line 5 contradicts the Radio.
    draft = write(tmp_path / "draft.txt",
                  "Avalanche\n\nThe avalanche hit the ski resort on Monday morning.\n\n"
                  "The avalanche hit the ski resort at 11:30 a.m., officials said.\n")
    code = main(["check", str(draft), "--against", str(story), "--rules", str(RULES),
                 "--published", "2020-02-11"])
    out = capsys.readouterr().out
    assert code == 0  # a warning, under the default --fail-on error
    assert f"{draft.as_posix()}:5: warning: Outlets disagree on the time" in out
    assert f"{draft.as_posix()}:3:" not in out
    report = json.loads(_json_check(draft, story, capsys))
    (finding,) = report["discrepancies"]
    # What made the old line wrong: the draft's day part shares a position with the Herald.
    assert any(
        {claim.split(":")[0] for claim in position["claims"]} == {"draft", "herald"}
        for position in finding["positions"]
    )


def _json_check(draft: Path, story: Path, capsys: pytest.CaptureFixture[str]) -> str:
    main(["check", str(draft), "--against", str(story), "--rules", str(RULES),
          "--published", "2020-02-11", "--format", "json"])
    return capsys.readouterr().out


def test_contradicting_claims_leave_out_positions_an_outlet_shares() -> None:
    from factcheck.draft import contradicting_claims
    from factcheck.models import Discrepancy, Position

    finding = Discrepancy(id="d", rule="time-of-day-agree", severity="warning", title="t",
                          summary="s", positions=[
                              Position(label="Radio", value="09:00", claims=["radio:time:3"]),
                              Position(label="Herald, draft", value="morning",
                                       claims=["draft:time:4", "herald:time:3"]),
                              Position(label="draft", value="11:30", claims=["draft:time:9"]),
                          ])
    draft_claims = {"draft:time:4", "draft:time:9"}
    assert contradicting_claims(finding, draft_claims) == ["draft:time:9"]
    assert contradicting_claims(finding, {"draft:time:4"}) == []


THREE_DAYS = "Port fire\n\nThe fire burned for three days.\n"


@pytest.mark.parametrize(
    ("formats", "drafts", "message"),
    [
        ("md,json", 1, "--format md,json: standard output takes one format; give one, or --out"),
        ("text,sarif", 1, "--format text,sarif: standard output takes one format"),
        ("json", 2, "--format json with 2 drafts: standard output takes one json document"),
        ("sarif", 2, "--format sarif with 2 drafts: standard output takes one sarif document"),
    ],
)
def test_stdout_takes_one_format_and_one_document(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str],
    formats: str, drafts: int, message: str,
) -> None:
    paths = [str(write(tmp_path / f"draft{n}.txt", THREE_DAYS)) for n in range(drafts)]
    code = main(["check", *paths, "--against", str(fire_story), "--rules", str(RULES),
                 "--format", formats])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith(f"factcheck: {message}")
    assert len(captured.err.splitlines()) == 1
    assert captured.out == ""  # refused before any draft is read


def test_one_line_format_for_several_drafts_goes_to_stdout(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(write(tmp_path / f"draft{n}.txt", THREE_DAYS)) for n in range(2)]
    code = main(["check", *paths, "--against", str(fire_story), "--rules", str(RULES)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.count(": 1 contradiction with the story") == 2


def test_out_writes_each_format_per_draft(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "drafts" / "fire.txt", THREE_DAYS)
    write(tmp_path / "drafts" / "blaze.md", THREE_DAYS)
    code = main(["check", "drafts/fire.txt", "drafts/blaze.md", "--against", str(fire_story),
                 "--rules", str(RULES), "--format", "text,md,json,sarif", "--out", "checks"])
    out = capsys.readouterr().out
    assert code == 1
    assert "drafts/fire.txt:3: error:" in out  # text still goes to standard output
    assert "drafts/fire.txt: report.md, report.json, report.sarif -> checks/fire" in out
    assert "drafts/blaze.md: report.md, report.json, report.sarif -> checks/blaze" in out
    for name in ("fire", "blaze"):
        folder = tmp_path / "checks" / name
        assert sorted(p.name for p in folder.iterdir()) == [
            "report.json", "report.md", "report.sarif"]
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        assert len(report["discrepancies"]) == 1
        json.loads((folder / "report.sarif").read_text(encoding="utf-8"))
    markdown = (tmp_path / "checks" / "fire" / "report.md").read_text(encoding="utf-8")
    assert "](../../drafts/fire.txt#L3)" in markdown  # relative to where it was written


def test_out_refuses_two_drafts_of_one_name(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path / "a" / "fire.txt", THREE_DAYS)
    second = write(tmp_path / "b" / "fire.md", THREE_DAYS)
    out = tmp_path / "checks"
    code = main(["check", str(first), str(second), "--against", str(fire_story),
                 "--rules", str(RULES), "--format", "md", "--out", str(out)])
    assert code == 2
    assert "would both be reported in" in capsys.readouterr().err
    assert not out.exists()
