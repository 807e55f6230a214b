"""Every file link in report.md reaches its file from where report.md is written (issue #13).

Links used to be root-relative ("/inputs/x/a.txt"): right only on a forge and with the
working directory at the repository's root; a story named as `../stories/x` gave
"/../stories/x/a.txt" and a JSON Lines article "/day.jsonl/%231", neither of them a file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers.stories import FIRE, RULES, write_story

from factcheck.cli import main

LINK = re.compile(r"\]\(([^)#][^)]*)\)")


def _file_links(report: Path) -> list[tuple[Path, int | None]]:
    """(file, line) of each link of report.md that is not an anchor in the report itself."""
    found = []
    for url in LINK.findall(report.read_text(encoding="utf-8")):
        path, _, anchor = url.partition("#L")
        found.append((report.parent / unquote(path), int(anchor) if anchor else None))
    return found


def _assert_links_reach_lines(report: Path) -> None:
    links = _file_links(report)
    assert links
    for path, line in links:
        assert path.is_file(), f"{path} from {report}"
        if line is not None:
            assert 1 <= line <= len(path.read_text(encoding="utf-8").splitlines()), (path, line)


def test_story_outside_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_story(tmp_path / "stories" / "fire", FIRE)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code = main(["run", "../stories/fire", "--rules", str(RULES), "--out", "reports",
                 "--quiet", "--fail-on", "never", "--no-cache"])
    assert code == 0
    report = work / "reports" / "fire" / "report.md"
    _assert_links_reach_lines(report)
    assert "](../../../stories/fire/baltic-wire.txt" in report.read_text(encoding="utf-8")


def test_absolute_out_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_story(tmp_path / "inputs" / "fire", FIRE)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "elsewhere" / "deep"
    assert main(["run", "inputs/fire", "--rules", str(RULES), "--out", str(out), "--quiet",
                 "--fail-on", "never", "--no-cache"]) == 0
    _assert_links_reach_lines(out / "fire" / "report.md")


def test_pile_articles_link_to_their_line_of_the_pile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pile = tmp_path / "feeds" / "day.jsonl"
    pile.parent.mkdir()
    pile.write_text("".join(
        json.dumps({"id": f"a{number}", "outlet": outlet, "story": "fire",
                    "published": "2025-02-09", "text": text}) + "\n"
        for number, (outlet, text) in enumerate(FIRE.items())
    ), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["run", "--jsonl", "../feeds/day.jsonl", "--rules", str(RULES), "--out",
                 "reports", "--quiet", "--fail-on", "never", "--no-cache"]) == 0
    report = work / "reports" / "fire" / "report.md"
    _assert_links_reach_lines(report)
    links = {(path.resolve(), line) for path, line in _file_links(report)}
    assert links >= {(pile.resolve(), 1), (pile.resolve(), 2), (pile.resolve(), 3)}
    assert {path for path, _ in links} == {pile.resolve()}
