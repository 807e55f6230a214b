"""Which rules a run uses: the pack shipped in the package, packs a user names, and `default`.

The shipped pack is found inside the package, so every command works in a folder that has no
rule files at all (issue 13). Naming packs (flags, or `rules = [...]` in the configuration)
replaces the shipped pack unless the list names `default`, as ruff's `select` replaces its
defaults and Vale's `BasedOnStyles` lists the built-in style when it is wanted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.stories import FIRE, write_story

from factcheck import resources
from factcheck.cli import main
from factcheck.rules import DEFAULT_PACK, rule_paths, shipped_pack
from factcheck.rules import loader as rules_loader

# A house rule that fires on the FIRE story's six hours against 14, under an id of its own.
HOUSE = """\
rules:
  - id: house-length
    title: House rule on how long things lasted
    severity: warning
    kind: agree
    value: duration
    about: any
    tolerance: {relative: 0.1}
    message: "The desk's outlets disagree on the length of the {about}"
"""


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom folder with a story and a house pack, and no `rules/` folder of any kind."""
    monkeypatch.chdir(tmp_path)
    write_story(tmp_path / "fire", FIRE)
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(HOUSE, encoding="utf-8")
    return tmp_path


def fired(*flags: str) -> list[str]:
    """The rules of the discrepancies a run of the FIRE story reports, in report order."""
    code = main(["run", "fire", "--out", "out", "--format", "json", "--quiet", "--no-cache",
                 "--fail-on", "never", *flags])
    assert code == 0
    report = json.loads(Path("out/fire/report.json").read_text(encoding="utf-8"))
    return sorted(discrepancy["rule"] for discrepancy in report["discrepancies"])


def test_the_shipped_pack_is_found_in_a_folder_without_rules(desk: Path) -> None:
    assert not (desk / "rules").exists()
    assert fired() == ["duration-agree"]
    assert main(["run", "fire", "--out", "out2", "--quiet", "--no-cache"]) == 1


def test_the_shipped_pack_lives_in_the_package() -> None:
    package = Path(resources.__file__).parent
    assert shipped_pack() == package / "data" / "rules" / "default"
    assert len(list(shipped_pack().glob("*.yaml"))) >= 5


def test_naming_a_pack_replaces_the_shipped_one(desk: Path) -> None:
    assert fired("--rules", "house") == ["house-length"]


def test_default_keeps_the_shipped_pack_beside_a_named_one(desk: Path) -> None:
    assert fired("--rules", "default", "--rules", "house") == ["duration-agree", "house-length"]
    assert fired("--rules", "house", "--rules", "default") == ["duration-agree", "house-length"]


def test_the_configuration_list_follows_the_same_rule_and_flags_replace_it(desk: Path) -> None:
    Path("factcheck.toml").write_text('rules = ["default", "house"]\n', encoding="utf-8")
    assert fired() == ["duration-agree", "house-length"]
    assert fired("--rules", "house") == ["house-length"]
    assert fired("--rules", "default") == ["duration-agree"]
    Path("factcheck.toml").write_text('rules = ["house"]\n', encoding="utf-8")
    assert fired() == ["house-length"]


def test_a_folder_called_default_is_reached_as_dot_slash_default(desk: Path) -> None:
    (desk / "house").rename(desk / "default")
    assert fired("--rules", "./default") == ["house-length"]
    assert fired("--rules", "default") == ["duration-agree"]
    assert rule_paths(["default", "./default"]) == [shipped_pack(), Path("default")]
    assert DEFAULT_PACK == "default"


def test_rules_commands_use_the_shipped_pack_by_default(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "list"]) == 0
    listed = capsys.readouterr().out
    assert "duration-agree" in listed
    assert main(["rules", "validate"]) == 0
    assert capsys.readouterr().out.strip() == "rules valid: default"
    assert main(["rules", "test"]) == 0
    assert ", 0 failed" in capsys.readouterr().out
    assert main(["rules", "list", "house"]) == 0
    listed = capsys.readouterr().out
    assert "house-length" in listed and "duration-agree" not in listed


def test_check_and_baseline_work_without_a_rules_folder(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = desk / "draft.md"
    draft.write_text("Port fire\n\nThe warehouse fire burned for three days.\n", "utf-8")
    assert main(["check", "draft.md", "--against", "fire"]) == 1
    assert "draft.md:3: error:" in capsys.readouterr().out
    assert main(["baseline", "fire"]) == 0
    assert "1 discrepancy accepted" in capsys.readouterr().out
    baseline = json.loads(Path("factcheck-baseline.json").read_text(encoding="utf-8"))
    assert len(baseline["fingerprints"]) == 1


def test_a_missing_pack_is_an_error_not_an_empty_rule_set(
    desk: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "fire", "--rules", "nowhere", "--out", "out", "--quiet"]) == 2
    assert "nowhere: no such rule file or folder" in capsys.readouterr().err
    # An installed copy without its pack says so, rather than running with no rules.
    monkeypatch.setattr(rules_loader.resources, "files", lambda package: desk / "empty")
    assert main(["run", "fire", "--out", "out", "--quiet"]) == 2
    assert "default rule pack is missing" in capsys.readouterr().err
    assert not Path("out").exists()
