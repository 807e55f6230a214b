"""Baselines: accept today's discrepancies, fail CI only on new ones (issue 6, done-when)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.stories import FIRE, RULES, write_story

from factcheck.baseline import apply_baseline, parse_baseline, render_baseline
from factcheck.cli import main
from factcheck.errors import InputError
from factcheck.pipeline import run_story
from factcheck.rules import load_rules


def run_json(story: Path, out: Path, *extra: str) -> tuple[int, dict[str, object]]:
    code = main(["run", str(story), "--rules", str(RULES), "--out", str(out), "--quiet",
                 "--format", "md,json", *extra])
    report = json.loads((out / story.name / "report.json").read_text(encoding="utf-8"))
    return code, report


def test_baseline_then_rerun_reports_nothing_new(tmp_path: Path) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    baseline = tmp_path / "accepted.json"
    assert main(["baseline", str(story), "--rules", str(RULES), "--out", str(baseline)]) == 0
    fingerprints = json.loads(baseline.read_text(encoding="utf-8"))["fingerprints"]
    assert [entry["rule"] for entry in fingerprints] == ["duration-agree"]

    code, report = run_json(story, tmp_path / "out", "--baseline", str(baseline))
    assert code == 0
    assert report["discrepancies"] == []
    assert [item["status"] for item in report["set_aside"]] == ["known"]
    markdown = (tmp_path / "out" / "fire" / "report.md").read_text(encoding="utf-8")
    assert "## Known (1)" in markdown

    # Without the baseline the same story fails: the baseline is what made it pass.
    assert run_json(story, tmp_path / "plain")[0] == 1


def test_new_contradiction_is_the_only_one_reported(tmp_path: Path) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    baseline = tmp_path / "accepted.json"
    main(["baseline", str(story), "--rules", str(RULES), "--out", str(baseline)])

    edited = dict(FIRE)
    # An unrelated paragraph above the known claim moves its offsets and lines ...
    edited["Harbour Post"] = FIRE["Harbour Post"].replace(
        "Harbour blaze\n\n", "Harbour blaze\n\nSmoke could be seen across the bay.\n\n")
    # ... and two outlets now disagree on a count, which is new.
    edited["Baltic Wire"] += "\nSome 120 firefighters were sent to the scene.\n"
    edited["Evening Courier"] += "\nSome 40 firefighters were sent to the scene.\n"
    # The articles are also listed in another order.
    write_story(story, edited, order=list(reversed(list(FIRE))))

    code, report = run_json(story, tmp_path / "out", "--baseline", str(baseline))
    assert code == 1
    discrepancies = report["discrepancies"]
    assert isinstance(discrepancies, list) and len(discrepancies) == 1
    assert discrepancies[0]["rule"] != "duration-agree"
    assert [item["discrepancy"]["rule"] for item in report["set_aside"]] == ["duration-agree"]


def test_changed_words_are_no_longer_known(tmp_path: Path) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    rules = load_rules([RULES])
    known = parse_baseline(render_baseline([run_story(story, rules)]), "b.json")
    changed = dict(FIRE)
    changed["Harbour Post"] = FIRE["Harbour Post"].replace("14 hours", "20 hours")
    write_story(story, changed)
    report = apply_baseline(run_story(story, rules), known)
    assert [d.rule for d in report.discrepancies] == ["duration-agree"]
    assert report.set_aside == []


def test_baseline_file_is_sorted_and_stable(tmp_path: Path) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    rules = load_rules([RULES])
    first = render_baseline([run_story(story, rules)])
    again = render_baseline([run_story(story, rules)])
    assert first == again
    entries = json.loads(first)["fingerprints"]
    assert entries == sorted(entries, key=lambda entry: entry["fingerprint"])
    assert all(len(entry["fingerprint"]) == 32 for entry in entries)


def test_fingerprint_in_json_matches_sarif(tmp_path: Path) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    main(["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "out"), "--quiet",
          "--format", "json,sarif"])
    report = json.loads((tmp_path / "out" / "fire" / "report.json").read_text(encoding="utf-8"))
    sarif = json.loads((tmp_path / "out" / "fire" / "report.sarif").read_text(encoding="utf-8"))
    in_json = {d["fingerprint"] for d in report["discrepancies"]}
    in_sarif = {
        result["partialFingerprints"]["factcheckDiscrepancy/v1"]
        for result in sarif["runs"][0]["results"]
    }
    assert in_json == in_sarif and len(in_json) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"fingerprints": [\n  "abc",\n', "not valid JSON"),
        ('{"version": 1}', "no 'fingerprints' list"),
        ('{"fingerprints": [{"rule": "x"}]}', "fingerprints[0]"),
    ],
)
def test_broken_baseline_is_an_error(text: str, expected: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_baseline(text, "base.json")
    assert expected in str(raised.value)
    assert str(raised.value).startswith("base.json")


def test_missing_baseline_file_exits_two(tmp_path: Path) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    args = ["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "o"), "--quiet"]
    assert main([*args, "--baseline", str(tmp_path / "nope.json")]) == 2
