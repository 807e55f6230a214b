"""An input with nothing in it is a problem of that input, never a clean report (issue #13).

An empty story folder, `articles: []` or an empty JSON Lines file used to give "Input
problems: None" and exit 0, which reads as "the outlets agree". Each is now an error naming
the file (exit 2), and the other stories of the run are still compared and reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.stories import FIRE, RULES, write_story

from factcheck.cli import main
from factcheck.ingest import load_story


def _run(tmp_path: Path, *inputs: str) -> int:
    return main(["run", *inputs, "--rules", str(RULES), "--out", str(tmp_path / "out"),
                 "--fail-on", "never", "--no-cache"])


def test_empty_folder_and_empty_manifest_are_errors_and_the_rest_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    listed_none = tmp_path / "listed-none"
    listed_none.mkdir()
    (listed_none / "story.yaml").write_text("title: Nothing yet\narticles: []\n",
                                            encoding="utf-8")
    fire = write_story(tmp_path / "fire", FIRE)
    code = _run(tmp_path, str(empty), str(listed_none), str(fire))
    err = capsys.readouterr().err
    assert code == 2
    assert f"factcheck: {empty.as_posix()}: error: no article files (.txt," in err
    assert (f"factcheck: {listed_none.as_posix()}/story.yaml:2: error: lists no articles"
            in err)
    assert "fire" not in err  # the good story has nothing to say on standard error
    markdown = (tmp_path / "out" / "empty" / "report.md").read_text(encoding="utf-8")
    problems = markdown.split("## Input problems", 1)[1]
    assert "None." not in problems and "no article files" in problems
    fire_report = json.loads((tmp_path / "out" / "fire" / "report.json").read_text("utf-8"))
    assert [d["rule"] for d in fire_report["discrepancies"]] == ["duration-agree"]
    assert fire_report["problems"] == []


def test_empty_jsonl_is_an_error_and_other_piles_are_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n", encoding="utf-8")
    pile = tmp_path / "day.jsonl"
    pile.write_text("".join(
        json.dumps({"id": outlet.replace(" ", "-"), "outlet": outlet, "story": "fire",
                    "published": "2025-02-09", "text": text}) + "\n"
        for outlet, text in FIRE.items()
    ), encoding="utf-8")
    code = _run(tmp_path, "--jsonl", str(empty), "--jsonl", str(blank), "--jsonl", str(pile))
    err = capsys.readouterr().err
    assert code == 2
    assert f"factcheck: {empty.as_posix()}: no articles in the file" in err
    assert f"factcheck: {blank.as_posix()}: no articles in the file" in err
    assert pile.as_posix() not in err
    assert (tmp_path / "out" / "fire" / "report.md").is_file()


def test_a_pile_of_good_lines_has_no_such_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pile = tmp_path / "day.jsonl"
    pile.write_text(json.dumps({"id": "a", "text": FIRE["Baltic Wire"]}) + "\n",
                    encoding="utf-8")
    assert _run(tmp_path, "--jsonl", str(pile)) == 0
    assert "no articles" not in capsys.readouterr().err


def test_a_story_whose_every_article_cleans_to_nothing_is_an_error(tmp_path: Path) -> None:
    story = tmp_path / "blank"
    story.mkdir()
    (story / "a.html").write_text("<html><body><p> </p></body></html>", encoding="utf-8")
    problems = load_story(story).problems
    assert [(p.file, p.severity) for p in problems] == [
        (f"{story.as_posix()}/a.html", "warning"), (story.as_posix(), "error"),
    ]
    assert "no article could be read" in problems[1].message


def test_no_extra_problem_when_the_articles_errors_already_say_it(tmp_path: Path) -> None:
    story = tmp_path / "broken"
    story.mkdir()
    (story / "a.txt").write_bytes(b"")
    problems = load_story(story).problems
    assert [(p.file, p.message) for p in problems] == [
        (f"{story.as_posix()}/a.txt", "file is empty")]


def test_a_story_with_one_article_is_not_empty(tmp_path: Path) -> None:
    story = write_story(tmp_path / "fire", {"Baltic Wire": FIRE["Baltic Wire"]})
    assert load_story(story).problems == []


def test_check_against_an_empty_story_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    draft = tmp_path / "draft.txt"
    draft.write_text("Port fire\n\nThe fire burned for three days.\n", encoding="utf-8")
    code = main(["check", str(draft), "--against", str(empty), "--rules", str(RULES)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("no article files") == 1
    assert "0 contradictions with the story" in captured.out
