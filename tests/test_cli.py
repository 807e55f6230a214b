"""The command line's promises: exit codes, one-line errors, outputs where they were asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.rules import shipped_pack

REPO = Path(__file__).resolve().parent.parent
RULES = shipped_pack()

AGENCY = """Storm Freya made landfall late on Sunday, forecasters said.

The storm lasted about six hours before weakening over the hills.
"""

BROADCASTER = """Storm Freya came ashore on Sunday evening.

Forecasters said the storm lasted 14 hours, far longer than expected.
"""

QUIET = """Storm Freya made landfall on Sunday evening.

The storm lasted about six hours, forecasters said.
"""


def write_story(root: Path, name: str, texts: dict[str, str]) -> Path:
    story = root / name
    story.mkdir(parents=True)
    entries = []
    for index, (outlet, text) in enumerate(texts.items()):
        file_name = f"{index}-{outlet.lower().replace(' ', '-')}.txt"
        (story / file_name).write_text(text, encoding="utf-8")
        entries.append(
            f"  - file: {file_name}\n    outlet: {outlet}\n    published: '2025-01-13'\n"
        )
    (story / "story.yaml").write_text(
        "title: Storm Freya\ntimezone: Europe/London\narticles:\n" + "".join(entries),
        encoding="utf-8",
    )
    return story


def test_contradiction_exits_one_and_writes_both_reports(tmp_path: Path) -> None:
    story = write_story(tmp_path, "freya", {"Agency": AGENCY, "Broadcaster": BROADCASTER})
    out = tmp_path / "out"
    code = main(["run", str(story), "--rules", str(RULES), "--out", str(out), "--quiet"])
    assert code == 1
    report = json.loads((out / "freya" / "report.json").read_text(encoding="utf-8"))
    assert any(
        d["severity"] == "error" and "duration" in d["rule"] for d in report["discrepancies"]
    ), report["discrepancies"]
    assert (out / "freya" / "report.md").is_file()


def test_fail_on_never_exits_zero_with_findings(tmp_path: Path) -> None:
    story = write_story(tmp_path, "freya", {"Agency": AGENCY, "Broadcaster": BROADCASTER})
    args = ["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "o"), "--quiet"]
    assert main([*args, "--fail-on", "never"]) == 0


def test_agreeing_outlets_exit_zero(tmp_path: Path) -> None:
    story = write_story(tmp_path, "freya", {"Agency": AGENCY, "Weekly": QUIET})
    out = tmp_path / "out"
    code = main(["run", str(story), "--rules", str(RULES), "--out", str(out), "--quiet"])
    report = json.loads((out / "freya" / "report.json").read_text(encoding="utf-8"))
    assert report["discrepancies"] == []
    assert code == 0


def test_missing_story_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert code == 2
    err = capsys.readouterr().err
    assert "nope" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["run", str(tmp_path), "--format", "pdf"])
    assert stopped.value.code == 2


def test_broken_manifest_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = write_story(tmp_path, "freya", {"Agency": AGENCY})
    (story / "story.yaml").write_text(
        "title: Storm\ntimezone: Europe/London\narticles:\n  - file: 0-agency.txt\n"
        "    outlett: Agency\n",
        encoding="utf-8",
    )
    code = main(["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert "story.yaml:5" in err and "outlett" in err and "did you mean 'outlet'" in err


def test_extract_json_lists_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The hearing lasted an hour and a half.\n", encoding="utf-8")
    assert main(["extract", str(article), "--published", "2025-03-04", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    durations = [row for row in rows if row["kind"] == "duration"]
    assert durations and durations[0]["text"] == "an hour and a half"
    assert durations[0]["value"]["seconds"] == [5400, 5400]
    assert durations[0]["line"] == 1


def test_extract_without_a_date_lists_what_it_cannot_resolve(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The dam failed yesterday, officials said.\n"
                       "Crews arrived on Sunday and will stay until May.\n"
                       "The dam opened on 4 July 1998.\n", encoding="utf-8")
    assert main(["extract", str(article), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    times = [(r["line"], r["text"], r.get("unresolved"), (r["value"] or {}).get("timex"))
             for r in rows if r["kind"] == "time"]
    assert times == [
        (1, "yesterday", "no publication date: give --published", None),
        (2, "Sunday", None, "XXXX-WXX-7"),  # a weekday only
        (2, "until May", "no publication date: give --published", None),
        (3, "4 July 1998", None, "1998-07-04"),
    ]
    # with a date, nothing is unresolved
    assert main(["extract", str(article), "--published", "2025-03-04"]) == 0
    assert "unresolved" not in capsys.readouterr().out


def test_extract_rejects_unknown_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("It lasted two hours.\n", encoding="utf-8")
    assert main(["extract", str(article), "--tz", "Mars/Olympus"]) == 2
    assert "Mars/Olympus" in capsys.readouterr().err


def test_baseline_writes_default_file_in_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = write_story(tmp_path, "freya", {"Agency": AGENCY, "Broadcaster": BROADCASTER})
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", str(story), "--rules", str(RULES)]) == 0
    data = json.loads(Path("factcheck-baseline.json").read_text(encoding="utf-8"))
    assert len(data["fingerprints"]) == 1
    code = main(["run", str(story), "--rules", str(RULES), "--out", "o", "--quiet",
                 "--baseline", "factcheck-baseline.json"])
    assert code == 0


def test_check_rejects_unknown_format(tmp_path: Path) -> None:
    story = write_story(tmp_path, "freya", {"Agency": AGENCY})
    draft = tmp_path / "draft.md"
    draft.write_text("The storm lasted 14 hours.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as raised:
        main(["check", str(draft), "--against", str(story), "--format", "text,pdf"])
    assert raised.value.code == 2


def test_check_needs_against(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["check", str(tmp_path / "draft.md")])
    assert raised.value.code == 2


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["rn"], "invalid choice: 'rn' (did you mean 'run'?)"),
        (["run", "--fromat", "md"], "unrecognized arguments: --fromat (did you mean --format?)"),
        (["run", "--fail-on", "erorr"], "invalid choice: 'erorr' (did you mean 'error'?)"),
        (["run", "--format", "md,jsno"], "unknown format 'jsno' (did you mean 'json'?)"),
        (["rules", "tset"], "invalid choice: 'tset' (did you mean 'test'?)"),
        (["check", "d.md", "--against", "s", "--publsihed", "2025-01-01"],
         "--publsihed (did you mean --published?)"),
    ],
)
def test_misspelt_commands_and_options_get_a_suggestion(
    argv: list[str], suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert suggestion in err, err
    assert "Traceback" not in err


def test_no_suggestion_when_nothing_is_close(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["publish"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'publish'; choose from run, baseline, check" in err
    assert "did you mean" not in err
    with pytest.raises(SystemExit):
        main(["run", "--zzzzzz"])
    err = capsys.readouterr().err
    assert "unrecognized arguments: --zzzzzz" in err and "did you mean" not in err


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["check", "--help"]])
def test_help_shows_examples_and_exit_codes(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    examples = out.split("examples:\n", 1)[1]
    assert examples.startswith("  factcheck ")
    assert "exit codes:\n  0  nothing at or above --fail-on\n  1  a discrepancy" in out
    assert "\n  2  a usage error, or an input that could not be used" in out


def test_a_run_with_fewer_formats_leaves_no_report_of_the_last_run(tmp_path: Path) -> None:
    story = write_story(tmp_path, "freya", {"Agency": AGENCY, "Broadcaster": BROADCASTER})
    out = tmp_path / "out"
    common = ["run", str(story), "--rules", str(RULES), "--out", str(out), "--quiet"]
    main([*common, "--format", "md,json,sarif,github"])
    assert sorted(p.name for p in (out / "freya").iterdir()) == [
        "annotations.txt", "report.json", "report.md", "report.sarif"]
    main([*common, "--format", "json"])
    assert sorted(p.name for p in (out / "freya").iterdir()) == ["report.json"]
