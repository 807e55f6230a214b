"""Waivers: one accepted discrepancy each, with a reason, who and when; never fail CI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers.stories import RULES

from factcheck.cli import main
from factcheck.errors import InputError
from factcheck.pipeline import run_story
from factcheck.rules import RuleSet
from factcheck.waivers import Waiver, apply_waivers, parse_waivers
from factcheck.yamlsource import load_yaml


def parse(text: str) -> list[Waiver]:
    return parse_waivers(load_yaml(text, "waivers.yaml"))


def test_entry_by_rule_and_outlets() -> None:
    (waiver,) = parse(
        "waivers:\n"
        "  - rule: duration-agree\n"
        "    outlets: [Harbour Post, Baltic Wire, Evening Courier]\n"
        "    reason: The 14 hours include the clean-up, checked with the fire service.\n"
        "    accepted_by: night desk\n"
        "    accepted_on: 2025-02-10\n"
    )
    assert waiver.accepted_on == date(2025, 2, 10)
    assert waiver.source == "waivers.yaml:2"


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("waivers:\n  - fingerprint: abc\n    accepted_by: me\n    accepted_on: 2025-02-10\n",
         "waivers.yaml:2:5", "'reason' is a required property"),
        ("waivers:\n  - fingerprint: abc\n    resaon: checked\n    reason: checked\n"
         "    accepted_by: me\n    accepted_on: 2025-02-10\n",
         "waivers.yaml:3:5", "did you mean 'reason'"),
        ("waivers:\n  - reason: checked\n    accepted_by: me\n    accepted_on: 2025-02-10\n",
         "waivers.yaml:2:5", "name the discrepancy"),
        ("waivers:\n  - fingerprint: abc\n    reason: ''\n    accepted_by: me\n"
         "    accepted_on: 2025-02-10\n",
         "waivers.yaml:3:13", "reason"),
        ("waivers:\n  - fingerprint: abc\n    reason: checked\n    accepted_by: me\n"
         "    accepted_on: last week\n",
         "waivers.yaml:5:18", "accepted_on"),
    ],
)
def test_incomplete_entry_is_an_error_at_its_place(text: str, where: str, expected: str) -> None:
    with pytest.raises(InputError) as raised:
        parse(text)
    assert str(raised.value).startswith(where), str(raised.value)
    assert expected in str(raised.value)


def test_rule_and_outlets_must_name_every_outlet(fire_story: Path, rules: RuleSet) -> None:
    report = run_story(fire_story, rules)
    common = "    reason: ok\n    accepted_by: desk\n    accepted_on: 2025-02-10\n"
    exact = parse("waivers:\n  - rule: duration-agree\n"
                  "    outlets: [evening courier, HARBOUR POST, Baltic Wire]\n" + common)
    assert apply_waivers(report, exact).discrepancies == []
    # Two of the three outlets is another discrepancy: a further outlet joining stays visible.
    partial = parse("waivers:\n  - rule: duration-agree\n"
                    "    outlets: [Harbour Post, Baltic Wire]\n" + common)
    assert len(apply_waivers(report, partial).discrepancies) == 1
    other_rule = parse("waivers:\n  - rule: count-agree\n"
                       "    outlets: [Evening Courier, Harbour Post, Baltic Wire]\n" + common)
    assert len(apply_waivers(report, other_rule).discrepancies) == 1
    other_story = parse("waivers:\n  - rule: duration-agree\n    story: elsewhere\n"
                        "    outlets: [Evening Courier, Harbour Post, Baltic Wire]\n" + common)
    assert len(apply_waivers(report, other_story).discrepancies) == 1


def test_waived_finding_is_listed_apart_and_passes(
    tmp_path: Path, fire_story: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = fire_story
    (discrepancy,) = run_story(story, rules).discrepancies
    monkeypatch.chdir(tmp_path)
    # The default file in the working directory is used without a flag.
    Path("waivers.yaml").write_text(
        "waivers:\n"
        f"  - fingerprint: {discrepancy.fingerprint}\n"
        "    reason: 'Post counts the clean-up [see](http://evil.example) <b>x</b>'\n"
        "    accepted_by: Dana Ortiz\n"
        "    accepted_on: 2025-02-10\n",
        encoding="utf-8",
    )
    code = main(["run", str(story), "--rules", str(RULES), "--out", "out", "--quiet"])
    assert code == 0
    report = json.loads(Path("out/fire/report.json").read_text(encoding="utf-8"))
    assert report["discrepancies"] == []
    (item,) = report["set_aside"]
    assert item["status"] == "waived" and item["accepted_by"] == "Dana Ortiz"
    markdown = Path("out/fire/report.md").read_text(encoding="utf-8")
    assert "## Waived (1)" in markdown
    assert "Dana Ortiz" in markdown and "2025-02-10" in markdown
    assert "](http://evil.example)" not in markdown and "<b>" not in markdown


def test_broken_waivers_file_exits_two(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = fire_story
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - fingerprint: abc\n    accepted_by: me\n", encoding="utf-8")
    code = main(["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "o"),
                 "--quiet", "--waivers", str(waivers)])
    assert code == 2
    assert "w.yaml:2:5" in capsys.readouterr().err
    assert main(["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "o"),
                 "--quiet", "--waivers", str(tmp_path / "missing.yaml")]) == 2


def _write_waivers(path: Path, fingerprint: str) -> Path:
    common = "    reason: checked\n    accepted_by: desk\n    accepted_on: 2025-02-10\n"
    path.write_text(
        "waivers:\n"
        f"  - fingerprint: {fingerprint}\n" + common
        + "  - fingerprint: 0a0a0a0a0a0a0a0a\n" + common
        + "  - rule: duration-agree\n    outlets: [Harbour Post, Baltic Wire]\n" + common
        + "  - fingerprint: 1b1b1b1b1b1b1b1b\n    story: elsewhere\n" + common,
        encoding="utf-8",
    )
    return path


def _run_with_waivers(tmp_path: Path, fire_story: Path, rules: RuleSet, *flags: str
                      ) -> tuple[Path, int]:
    """`run` with the waivers file of `_write_waivers` (one used, two unused, one for a story
    not read); the file and the exit code."""
    (discrepancy,) = run_story(fire_story, rules).discrepancies
    assert discrepancy.fingerprint is not None
    waivers = _write_waivers(tmp_path / "w.yaml", discrepancy.fingerprint)
    code = main(["run", str(fire_story), "--rules", str(RULES), "--out", str(tmp_path / "o"),
                 "--waivers", str(waivers), *flags])
    return waivers, code


def test_unused_waivers_are_warned_of_at_their_line(
    tmp_path: Path, fire_story: Path, rules: RuleSet, capsys: pytest.CaptureFixture[str]
) -> None:
    waivers, code = _run_with_waivers(tmp_path, fire_story, rules)
    err = capsys.readouterr().err
    assert code == 0  # a warning only: the waived finding passes
    shown = waivers.as_posix()
    assert (f"factcheck: {shown}:6: warning: unused waiver: it matches no discrepancy in this"
            " run (fingerprint 0a0a0a0a0a0a0a0a)") in err
    assert (f"factcheck: {shown}:10: warning: unused waiver: it matches no discrepancy in this"
            " run (rule duration-agree, outlets Harbour Post, Baltic Wire)") in err
    # The waiver that matched, and the one for a story this run did not read, are not judged.
    assert f"{shown}:2:" not in err and f"{shown}:15:" not in err
    assert err.count("unused waiver") == 2


def test_fail_on_unused_waivers_makes_them_errors_and_exits_two(
    tmp_path: Path, fire_story: Path, rules: RuleSet, capsys: pytest.CaptureFixture[str]
) -> None:
    waivers, code = _run_with_waivers(tmp_path, fire_story, rules,
                                      "--fail-on-unused-waivers", "--quiet")
    err = capsys.readouterr().err
    assert code == 2
    assert f"{waivers.as_posix()}:6: error: unused waiver" in err
    assert "warning" not in err


def test_every_waiver_used_passes_with_the_flag(
    tmp_path: Path, fire_story: Path, rules: RuleSet, capsys: pytest.CaptureFixture[str]
) -> None:
    (discrepancy,) = run_story(fire_story, rules).discrepancies
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        f"waivers:\n  - fingerprint: {discrepancy.fingerprint}\n    reason: checked\n"
        "    accepted_by: desk\n    accepted_on: 2025-02-10\n", encoding="utf-8")
    code = main(["run", str(fire_story), "--rules", str(RULES), "--out", str(tmp_path / "o"),
                 "--waivers", str(waivers), "--fail-on-unused-waivers"])
    assert code == 0
    assert "unused waiver" not in capsys.readouterr().err


def test_waivers_are_not_judged_when_a_story_could_not_be_read(
    tmp_path: Path, fire_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "story.yaml").write_text("articles: [\n", encoding="utf-8")
    waivers = _write_waivers(tmp_path / "w.yaml", "2c2c2c2c2c2c2c2c")
    code = main(["run", str(fire_story), str(broken), "--rules", str(RULES),
                 "--out", str(tmp_path / "o"), "--waivers", str(waivers)])
    assert code == 2
    # The waivers may be for the story that failed: only input errors are said.
    assert "unused waiver" not in capsys.readouterr().err
