"""A run killed with SIGKILL must leave every previous report whole, and the temporary files a
killed writer leaves behind are removed by the next run that writes the same folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile.corpus import GOOD, OTHER, write

from factcheck.report.write import write_files

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).with_name("factcheck")


def _command(stories: list[Path], out: Path) -> list[str]:
    return [str(FACTCHECK), "run", *map(str, stories), "--rules", str(ROOT / "rules"),
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
