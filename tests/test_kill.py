"""A run killed with SIGKILL must leave every previous report whole, and the temporary files a
killed writer leaves behind are removed by the next run that writes the same folder. Killed
between the renames of one story's files, the set may be mixed: a journal says so, and the next
write into the folder (or `complete_interrupted`) finishes the renames."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile.corpus import GOOD, OTHER, write

from factcheck.report.write import complete_interrupted, interrupted, write_files
from factcheck.rules import shipped_pack

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).with_name("factcheck")


def _command(stories: list[Path], out: Path) -> list[str]:
    return [str(FACTCHECK), "run", *map(str, stories), "--rules", str(shipped_pack()),
            "--out", str(out), "--fail-on", "never", "--quiet", "--no-cache"]


def test_killed_run_leaves_the_previous_report_whole(tmp_path: Path) -> None:
    small = tmp_path / "a-small"
    large = tmp_path / "b-large"
    write(small / "one.txt", GOOD)
    write(large / "one.txt", GOOD)
    out = tmp_path / "out"
    subprocess.run(_command([small, large], out), cwd=tmp_path, check=True, capture_output=True)
    before = {p.name: p.read_bytes() for p in (out / "b-large").iterdir()}
    (out / "a-small" / "report.json").unlink()

    # The large story now takes seconds to analyse; kill the run as soon as the small story's
    # report is back, while the large one is being worked on.
    for number in range(60):
        write(large / f"copy{number:02d}.txt", (GOOD + OTHER).replace("two", f"{number + 2}"))
    process = subprocess.Popen(_command([small, large], out), cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / "a-small" / "report.json").exists():
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    after = {p.name: p.read_bytes() for p in (out / "b-large").iterdir()}
    assert after == before
    json.loads(after["report.json"])
    assert json.loads((out / "a-small" / "report.json").read_bytes())["articles"]

    # What a writer killed between writing and renaming leaves: its temporary files, named with
    # its process id. The killed run's pid is certainly dead now; ours is alive.
    dead = out / "b-large" / f".report.json.{process.pid}.x1y2.tmp"
    dead.write_text('{"half": ', encoding="utf-8")
    alive_pid = os.getppid()
    alive = out / "b-large" / f".report.md.{alive_pid}.z3.tmp"
    alive.write_text("another run, still going", encoding="utf-8")
    write_files({"report.json": "{}", "report.md": "# new\n"}, out / "b-large")
    assert not dead.exists()
    assert alive.exists(), "a temporary file of a live process is not ours to remove"
    assert sorted(p.name for p in (out / "b-large").iterdir()) == [
        alive.name, "report.json", "report.md"]


# A run of the real command in a child process that SIGKILLs itself at a chosen point of the
# report writing: the N-th temporary file written, the N-th rename of a report into place, or
# the N-th removal of a report the new set drops.
_KILLER = """
import os, signal, sys
import factcheck.report.write as write
point, number = sys.argv[1], int(sys.argv[2])
seen = {"temporary": 0, "rename": 0, "remove": 0}
real_write, real_replace, real_unlink = write._write_temporary, os.replace, os.unlink

def write_temporary(target, text):
    path = real_write(target, text)
    if not target.name.startswith(".factcheck-journal"):
        seen["temporary"] += 1
        if point == "temporary" and seen["temporary"] == number:
            os.kill(os.getpid(), signal.SIGKILL)
    return path

def replace(source, target):
    if os.path.basename(str(target)).startswith("report."):
        seen["rename"] += 1
        if point == "rename" and seen["rename"] == number:
            os.kill(os.getpid(), signal.SIGKILL)
    real_replace(source, target)

def unlink(path, *args, **kwargs):
    if os.path.basename(str(path)).startswith("report."):
        seen["remove"] += 1
        if point == "remove" and seen["remove"] == number:
            os.kill(os.getpid(), signal.SIGKILL)
    real_unlink(path, *args, **kwargs)

write._write_temporary = write_temporary
os.replace = replace
os.unlink = unlink
from factcheck.cli import main
sys.exit(main(sys.argv[3:]))
"""


FLOOD = "River flood\n\nThe river flood killed 12 people in the valley on Monday, police said.\n"
FLOOD_OTHER = ("Valley flood toll\n\nThe river flood killed 30 people in the valley on Monday, "
               "officials said.\n")


def _killed_run(
    point: str, number: int, story: Path, out: Path, formats: str = "md,json,sarif"
) -> None:
    arguments = [*_command([story], out)[1:], "--format", formats]
    process = subprocess.run([sys.executable, "-c", _KILLER, point, str(number), *arguments],
                             cwd=story.parent, capture_output=True)
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()


def _story_with_two_runs(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """A story, its reports from a first run (old) and what a second run writes (new)."""
    story, out, fresh = tmp_path / "strike", tmp_path / "out", tmp_path / "fresh"
    write(story / "one.txt", FLOOD)
    write(story / "two.txt", FLOOD_OTHER)
    command = [*_command([story], out), "--format", "md,json,sarif"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    old = {p.name: p.read_bytes() for p in (out / "strike").iterdir()}
    write(story / "two.txt", FLOOD_OTHER.replace("30 people", "45 people"))
    subprocess.run([*_command([story], fresh), "--format", "md,json,sarif"], cwd=tmp_path,
                   check=True, capture_output=True)
    new = {p.name: p.read_bytes() for p in (fresh / "strike").iterdir()}
    assert set(old) == set(new) == {"report.md", "report.json", "report.sarif"}
    assert all(old[name] != new[name] for name in old), "the second run must change every file"
    return story, out, old, new


def _reports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name.startswith("report.")}


@pytest.mark.parametrize("number", [1, 2, 3])
def test_killed_while_writing_temporaries_leaves_the_old_set(tmp_path: Path, number: int) -> None:
    story, out, old, new = _story_with_two_runs(tmp_path)
    _killed_run("temporary", number, story, out)
    folder = out / "strike"
    assert _reports(folder) == old
    assert not interrupted(folder)
    # The next run removes the killed writer's temporaries and writes its own set whole.
    subprocess.run([*_command([story], out), "--format", "md,json,sarif"], cwd=tmp_path,
                   check=True, capture_output=True)
    assert _reports(folder) == new
    assert sorted(p.name for p in folder.iterdir()) == sorted(new)


@pytest.mark.parametrize("number", [1, 2, 3])
def test_killed_between_renames_is_detectable_and_completed(tmp_path: Path, number: int) -> None:
    story, out, old, new = _story_with_two_runs(tmp_path)
    _killed_run("rename", number, story, out)
    folder = out / "strike"
    reports = _reports(folder)
    # Each file is whole, either the old or the new one; the journal says the set may be mixed.
    assert all(reports[name] in (old[name], new[name]) for name in old)
    assert interrupted(folder)
    for name in ("report.json", "report.sarif"):
        json.loads(reports[name])
    # Rolled forward on demand (or by the next write into the folder): the new set, whole.
    complete_interrupted(folder)
    assert not interrupted(folder)
    assert _reports(folder) == new
    assert sorted(p.name for p in folder.iterdir()) == sorted(new)


def test_the_next_run_completes_a_set_left_mixed(tmp_path: Path) -> None:
    story, out, old, new = _story_with_two_runs(tmp_path)
    _killed_run("rename", 2, story, out)
    folder = out / "strike"
    assert _reports(folder) != old and _reports(folder) != new, "killed mid-set: mixed"
    write(story / "two.txt", FLOOD_OTHER)  # the next run writes the old texts' reports again
    subprocess.run([*_command([story], out), "--format", "md,json,sarif"], cwd=tmp_path,
                   check=True, capture_output=True)
    assert _reports(folder) == old
    assert sorted(p.name for p in folder.iterdir()) == sorted(old)


def test_killed_before_dropping_a_format_is_detectable_and_completed(tmp_path: Path) -> None:
    story, out, old, new = _story_with_two_runs(tmp_path)
    # A run with fewer formats: its md and json are in place when it is killed, the last
    # run's sarif not yet removed. The journal says the folder is mixed.
    _killed_run("remove", 1, story, out, formats="md,json")
    folder = out / "strike"
    assert _reports(folder) == {**new, "report.sarif": old["report.sarif"]}
    assert interrupted(folder)
    complete_interrupted(folder)
    assert not interrupted(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["report.json", "report.md"]
    assert _reports(folder) == {name: new[name] for name in ("report.md", "report.json")}
