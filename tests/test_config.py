"""Configuration files: `[tool.factcheck]` or `factcheck.toml`; flags win; typos are errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_baseline import FIRE, RULES, write_story

from factcheck.cli import main
from factcheck.config import Config, load_config, parse_config, setting
from factcheck.errors import InputError


def test_pyproject_section_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.factcheck]\nrules = ["house-rules", "rules"]\n'
        'format = "md,sarif"\nfail_on = "warning"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.rules == ["house-rules", "rules"]
    assert config.format == ["md", "sarif"]
    assert config.fail_on == "warning"


def test_own_file_wins_and_no_file_is_empty(tmp_path: Path) -> None:
    assert load_config(tmp_path) == Config()
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nout = "a"\n', encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('out = "b"\n', encoding="utf-8")
    assert load_config(tmp_path).out == "b"


def test_both_files_merge_key_by_key_and_own_file_wins_per_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factcheck]\nout = "desk-reports"\nfail_on = "warning"\nformat = "md"\n',
        encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text(
        'fail_on = "info"\nwaivers = "night-desk.yaml"\n', encoding="utf-8")
    config = load_config(tmp_path)
    # keys only pyproject sets survive; the key both set is factcheck.toml's
    assert config.out == "desk-reports" and config.format == ["md"]
    assert config.fail_on == "info"
    assert config.waivers == "night-desk.yaml"
    assert config.baseline is None and config.rules is None  # set by neither
    assert config.source_of("out") == "pyproject.toml"
    assert config.source_of("fail_on") == "factcheck.toml"


def test_a_bad_merged_format_names_the_file_that_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    story = write_story(tmp_path / "inputs" / "fire", FIRE)
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nformat = "pdf"\n',
                                             encoding="utf-8")
    (tmp_path / "factcheck.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["run", str(story), "--rules", str(RULES), "--no-cache"]) == 2
    error = capsys.readouterr().err
    assert "pyproject.toml: format:" in error and "factcheck.toml: format" not in error


def test_unknown_key_names_line_and_suggestion() -> None:
    text = '[tool.other]\nfail_on = 1\n\n[tool.factcheck]\nout = "x"\nfail_onn = "info"\n'
    with pytest.raises(InputError) as raised:
        parse_config(text, "pyproject.toml", section="tool.factcheck")
    assert str(raised.value) == (
        "pyproject.toml:6: unknown key 'fail_onn' (did you mean 'fail_on'?)"
    )


@pytest.mark.parametrize(
    "text",
    ['fail_on = "sometimes"\n', "inputs = 3\n", "out = [\n", "max_article_mb = 0\n",
     'max_article_mb = "big"\n'],
)
def test_bad_values_are_errors(text: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_config(text, "factcheck.toml", section=None)
    assert str(raised.value).startswith("factcheck.toml")


def test_setting_order() -> None:
    assert setting("flag", "file", "default") == "flag"
    assert setting(None, "file", "default") == "file"
    assert setting(None, None, "default") == "default"


def test_cli_uses_config_and_flags_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = write_story(tmp_path / "stories" / "fire", FIRE)
    monkeypatch.chdir(tmp_path)
    Path("factcheck.toml").write_text(
        f'inputs = "stories"\nrules = ["{RULES.as_posix()}"]\nout = "published"\n'
        'format = ["json"]\nfail_on = "never"\n', encoding="utf-8")
    assert main(["run", "--quiet"]) == 0
    report = json.loads(Path("published/fire/report.json").read_text(encoding="utf-8"))
    assert len(report["discrepancies"]) == 1
    assert not Path("published/fire/report.md").exists()
    assert main(["run", "--quiet", "--fail-on", "error"]) == 1
    assert main(["run", str(story), "--quiet", "--out", "other", "--format", "md"]) == 0
    assert Path("other/fire/report.md").is_file()


def test_cli_unknown_key_exits_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("factcheck.toml").write_text('formats = ["md"]\n', encoding="utf-8")
    assert main(["run", "--quiet"]) == 2
    assert "factcheck.toml:1: unknown key 'formats' (did you mean 'format'?)" in (
        capsys.readouterr().err
    )
