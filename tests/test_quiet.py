"""`run --quiet` prints errors only (issue #13): no progress, no warnings, no summary lines.

Warnings stay in each report's "Input problems"; only the terminal is spared them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.stories import FIRE, RULES, write_story

from factcheck.cli import main


def _story_with_a_warning_and_an_error(root: Path) -> Path:
    story = write_story(root / "fire", FIRE)
    # Not in story.yaml: a warning. Empty: an error of that file.
    (story / "unlisted.txt").write_text("Harbour fire\n\nThe warehouse burned.\n", "utf-8")
    (story / "empty.txt").write_bytes(b"")
    return story


def _pile(root: Path) -> Path:
    pile = root / "day.jsonl"
    pile.write_text(json.dumps({"id": "a", "text": FIRE["Baltic Wire"], "author": "J. Doe"})
                    + "\n", encoding="utf-8")  # an unknown key: a warning of line 1
    return pile


@pytest.mark.parametrize("quiet", [True, False])
def test_quiet_prints_errors_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet: bool
) -> None:
    story = _story_with_a_warning_and_an_error(tmp_path)
    pile = _pile(tmp_path)
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - fingerprint: 0a0a0a0a0a0a0a0a\n    reason: checked\n"
                       "    accepted_by: desk\n    accepted_on: 2025-02-10\n", "utf-8")
    code = main(["run", str(story), "--jsonl", str(pile), "--rules", str(RULES),
                 "--out", str(tmp_path / "out"), "--fail-on", "never", "--no-cache",
                 "--waivers", str(waivers), *(["--quiet"] if quiet else [])])
    captured = capsys.readouterr()
    assert code == 2
    assert f"factcheck: {story.as_posix()}/empty.txt: error: file is empty" in captured.err
    warnings = [line for line in captured.err.splitlines() if ": warning: " in line]
    if quiet:
        assert warnings == []
        assert captured.out == ""
    else:
        assert any("unlisted.txt: warning: not listed" in line for line in warnings)
        assert any(f"{pile.as_posix()}:1: warning: unknown keys" in line for line in warnings)
        assert "fire: 4 articles" in captured.out
    # Quiet or not, the warnings are in the report.
    markdown = (tmp_path / "out" / "fire" / "report.md").read_text(encoding="utf-8")
    assert "unlisted.txt: warning: not listed in story.yaml" in markdown


def test_quiet_still_prints_unused_waivers_when_they_fail_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - fingerprint: 0a0a0a0a0a0a0a0a\n    reason: checked\n"
                       "    accepted_by: desk\n    accepted_on: 2025-02-10\n", "utf-8")
    code = main(["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "out"),
                 "--waivers", str(waivers), "--fail-on-unused-waivers", "--quiet",
                 "--fail-on", "never"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (f"factcheck: {waivers.as_posix()}:2: error: unused waiver: it matches no"
                   " discrepancy in this run (fingerprint 0a0a0a0a0a0a0a0a)\n")
