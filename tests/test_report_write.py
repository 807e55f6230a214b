"""Atomic report writes: a failed run leaves the previous report whole and no debris."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_report_fixture import build_report

from factcheck.report import FORMATS, render, write_reports
from factcheck.report.write import complete_interrupted, interrupted, target_path, write_files


def test_writes_each_format_under_its_standard_name(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "river-bridge"
    report = build_report()
    outputs = {fmt: render(report, fmt, out_dir=out) for fmt in FORMATS}
    written = write_reports(outputs, out)
    assert [path.name for path in written] == [
        "report.md", "report.json", "report.sarif", "annotations.txt",
    ]
    assert (out / "report.md").read_text(encoding="utf-8") == outputs["md"]
    assert sorted(os.listdir(out)) == sorted(path.name for path in written)


def test_markdown_links_follow_the_output_folder(tmp_path: Path) -> None:
    text = render(build_report(), "md", out_dir=Path("reports/river-bridge"))
    assert "(../../inputs/river-bridge/wire.txt#L3)" in text


def test_failed_replace_leaves_old_report_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_reports({"md": "old report\n", "json": "{}\n"}, tmp_path)

    def broken_replace(source: str | Path, target: str | Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_reports({"md": "new report\n", "json": '{"new": 1}\n'}, tmp_path)
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "old report\n"
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "{}\n"
    assert sorted(os.listdir(tmp_path)) == ["report.json", "report.md"]


def test_failure_while_writing_leaves_every_old_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_reports({"md": "old md\n", "json": "old json\n"}, tmp_path)
    real_fsync = os.fsync
    calls = {"count": 0}

    def fsync_failing_on_second_file(descriptor: int) -> None:
        calls["count"] += 1
        if calls["count"] == 2:
            raise OSError("killed mid-write")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync_failing_on_second_file)
    with pytest.raises(OSError, match="killed mid-write"):
        write_reports({"md": "new md\n", "json": "new json\n"}, tmp_path)
    # The first file was complete but is not renamed until every file is written.
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "old md\n"
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "old json\n"
    assert sorted(os.listdir(tmp_path)) == ["report.json", "report.md"]


def test_replaces_an_existing_report_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_reports({"md": "new\n"}, tmp_path)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = write_files({"other.txt": "x"}, tmp_path / "new")[0]
    assert fresh.stat().st_mode & 0o777 == 0o644


def test_refuses_to_write_outside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for name in ("../escape.md", "/etc/passwd", "sub/report.md", "..", ""):
        with pytest.raises(ValueError, match="refusing"):
            write_files({name: "x"}, out)
    assert not (tmp_path / "escape.md").exists()
    assert target_path(out, "report.md") == out / "report.md"


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        write_reports({"pdf": "x"}, tmp_path)
    with pytest.raises(ValueError, match="unknown report format"):
        render(build_report(), "pdf")


def test_a_rename_failing_midway_leaves_a_journal_and_the_next_write_completes_the_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second of three renames fails (a disk error, not a kill): report.md is new, the
    others old. The journal says so, and the next write first finishes the interrupted set
    (roll forward), then writes its own: never a mix without a journal to say so."""
    write_reports({"md": "old md\n", "json": "old json\n", "sarif": "old sarif\n"}, tmp_path)
    real_replace = os.replace

    def replace_failing_on_json(source: str | Path, target: str | Path) -> None:
        if Path(target).name == "report.json":
            raise OSError("disk error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_failing_on_json)
    with pytest.raises(OSError, match="disk error"):
        write_reports({"md": "new md\n", "json": "new json\n", "sarif": "new sarif\n"}, tmp_path)
    monkeypatch.undo()
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "new md\n"
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "old json\n"
    assert interrupted(tmp_path)

    completed = complete_interrupted(tmp_path)
    assert [path.name for path in completed] == ["report.json", "report.sarif"]
    assert not interrupted(tmp_path)
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        "report.md": "new md\n", "report.json": "new json\n", "report.sarif": "new sarif\n"}


def test_a_single_file_needs_no_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names: list[str] = []
    real_replace = os.replace

    def recording(source: str | Path, target: str | Path) -> None:
        names.append(Path(target).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", recording)
    write_files({"factcheck-baseline.json": "{}\n"}, tmp_path)
    write_reports({"md": "a\n", "json": "{}\n"}, tmp_path / "story")
    assert names == ["factcheck-baseline.json", ".factcheck-journal." + str(os.getpid()) + ".json",
                     "report.md", "report.json"]
    assert not interrupted(tmp_path / "story")


def test_fewer_formats_remove_the_last_runs_other_reports(tmp_path: Path) -> None:
    write_reports({"md": "old md\n", "json": "old json\n", "sarif": "old sarif\n",
                   "github": "old annotations\n"}, tmp_path)
    (tmp_path / "notes.txt").write_text("an editor's own file\n", encoding="utf-8")
    written = write_reports({"md": "new md\n"}, tmp_path)
    assert [path.name for path in written] == ["report.md"]
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        "report.md": "new md\n", "notes.txt": "an editor's own file\n"}
    assert not interrupted(tmp_path)


def test_write_files_removes_only_what_it_is_told(tmp_path: Path) -> None:
    write_files({"a.txt": "a\n", "b.txt": "b\n"}, tmp_path)
    write_files({"a.txt": "new a\n"}, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    write_files({"a.txt": "newer a\n"}, tmp_path, remove=["a.txt", "b.txt", "c.txt"])
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        "a.txt": "newer a\n"}


def test_a_removal_left_undone_is_in_the_journal_and_rolled_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_reports({"md": "old md\n", "sarif": "old sarif\n"}, tmp_path)
    real_unlink = os.unlink

    def failing_unlink(path: str | Path, *args: object, **kwargs: object) -> None:
        if Path(path).name == "report.sarif":
            raise OSError("disk error")
        real_unlink(path)

    monkeypatch.setattr(os, "unlink", failing_unlink)
    with pytest.raises(OSError, match="disk error"):
        write_reports({"md": "new md\n"}, tmp_path)
    monkeypatch.undo()
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "new md\n"
    assert (tmp_path / "report.sarif").is_file()
    assert interrupted(tmp_path), "new md beside old sarif: the journal must say so"
    complete_interrupted(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]
