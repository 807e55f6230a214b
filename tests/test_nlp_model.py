"""The parser is a setting (`nlp_model` in the configuration, `--nlp-model` on the command
line): another installed pipeline parses the articles, a missing one is a usage error that
says how to install it, and the claim cache never mixes two parsers' claims."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from helpers.stories import FIRE, write_story

from factcheck.cache import tool_fingerprint
from factcheck.cli import main
from factcheck.nlp import DEFAULT_MODEL, load, parse
from factcheck.parallel import ProcessEngine, SerialEngine, make_engine


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pipeline saved to a folder: spaCy loads a pipeline from a path as from a
    package name, so this stands for "another installed model" without installing one."""
    folder = tmp_path_factory.mktemp("model") / "copy"
    spacy.load(DEFAULT_MODEL).to_disk(folder)
    return folder


def test_a_missing_model_is_a_usage_error_naming_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    code = main(["run", str(story), "--out", str(tmp_path / "out"),
                 "--nlp-model", "en_no_such_pipeline"])
    err = capsys.readouterr().err
    assert code == 2
    assert "spaCy model 'en_no_such_pipeline' is not installed" in err
    assert not (tmp_path / "out").exists()


def test_configured_model_is_used_and_the_flag_wins(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        model_copy: Path) -> None:
    story = write_story(tmp_path / "fire", FIRE)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "factcheck.toml").write_text('nlp_model = "en_not_here"\n', encoding="utf-8")
    assert main(["run", str(story), "--out", "out", "--no-cache"]) == 2
    assert "'en_not_here' is not installed" in capsys.readouterr().err
    # the flag names a pipeline that exists: it wins over the file, and the fire's one
    # disagreement (six hours / 14 hours) is found as with the default parser
    code = main(["run", str(story), "--out", "out", "--no-cache", "--nlp-model", str(model_copy)])
    assert code == 1
    assert "1 error" in capsys.readouterr().out


def test_the_same_text_parses_alike_with_a_copy_of_the_model(model_copy: Path) -> None:
    text = "Shares of Northwind closed at $31.20 on Friday."
    ours, theirs = parse(text), parse(text, str(model_copy))
    assert [(t.dep_, t.head.i) for t in ours] == [(t.dep_, t.head.i) for t in theirs]
    assert load(str(model_copy)) is not load(DEFAULT_MODEL)


def test_engines_carry_the_model_to_their_workers(model_copy: Path) -> None:
    serial = make_engine("local", 1, nlp_model=str(model_copy))
    assert isinstance(serial, SerialEngine) and serial.nlp_model == str(model_copy)
    assert isinstance(make_engine("local", 1), SerialEngine)
    assert make_engine("local", 1).nlp_model == DEFAULT_MODEL
    assert ProcessEngine.__init__.__defaults__ == (DEFAULT_MODEL,)


def test_cache_keys_differ_by_parser(model_copy: Path) -> None:
    assert tool_fingerprint(DEFAULT_MODEL) == tool_fingerprint()
    assert tool_fingerprint(str(model_copy)) != tool_fingerprint(DEFAULT_MODEL)
