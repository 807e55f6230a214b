"""The Makefile: `make help` lists every target, and a venv whose Python is missing, broken or
too old is rebuilt (dry runs and a fake interpreter: nothing is installed here)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")


def _make(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Not the make that runs this suite: its flags (a dry run, a jobserver) are not ours.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(
        [MAKE or "make", "--no-print-directory", "-C", str(folder), *args],
        capture_output=True, text=True, env=env, check=False,
    )


def _phony_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^\.PHONY:(.*)$", text, re.MULTILINE)
    assert match is not None
    return set(match.group(1).split()) - {"FORCE"}


def _project(tmp_path: Path) -> Path:
    """A folder with the Makefile and what its rules name, and no venv."""
    for name in ("Makefile", "pyproject.toml", "requirements/nlp-model.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    return tmp_path


def _script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _installed(project: Path) -> None:
    """Stamps newer than everything they depend on, as after a finished install."""
    later = (project / "Makefile").stat().st_mtime + 3600
    (project / ".venv").mkdir(exist_ok=True)
    for stamp in (".installed", ".installed-test"):
        (project / ".venv" / stamp).touch()
        os.utime(project / ".venv" / stamp, (later, later))


def test_help_lists_every_target_with_one_line(tmp_path: Path) -> None:
    listed = _make(REPO, "help")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    described = {}
    for line in lines:
        name, _, text = line.strip().partition(" ")
        described[name] = text.strip()
    assert set(described) == _phony_targets()
    assert {"report", "test", "quality", "schema", "clean"} <= set(described)
    assert len(lines) == len(described)  # one line each
    assert all(described.values()), described
    # `make` alone is `make help` and builds nothing
    project = _project(tmp_path)
    plain = _make(project)
    assert plain.returncode == 0 and plain.stdout == listed.stdout
    assert not (project / ".venv").exists()


def test_a_working_venv_is_kept(tmp_path: Path) -> None:
    project = _project(tmp_path)
    # the interpreter running this suite: 3.11 or later, with pip
    _script(project / ".venv" / "bin" / "python", f'exec "{sys.executable}" "$@"')
    _installed(project)
    planned = _make(project, "-n", "report")
    assert planned.returncode == 0, planned.stderr
    assert "factcheck run" in planned.stdout
    assert "-m venv" not in planned.stdout and "pip install" not in planned.stdout


@pytest.mark.parametrize("python", ["too old", "broken", "missing"])
def test_a_venv_with_a_wrong_or_broken_python_is_rebuilt(tmp_path: Path, python: str) -> None:
    project = _project(tmp_path)
    venv_python = project / ".venv" / "bin" / "python"
    if python == "too old":
        # answers the version question as a Python 3.9 would
        _script(venv_python, "echo False")
    elif python == "broken":
        # a link to an interpreter that was upgraded away
        venv_python.parent.mkdir(parents=True)
        venv_python.symlink_to(tmp_path / "python3.9-gone")
    _installed(project)
    for target in ("report", "test"):
        planned = _make(project, "-n", target)
        assert planned.returncode == 0, planned.stderr
        steps = planned.stdout
        assert "rm -rf .venv" in steps and "-m venv .venv" in steps
        # the new venv is empty, so the install runs again before the target itself
        assert steps.index("-m venv") < steps.index("pip install --quiet -e ")
        assert steps.index("pip install --quiet -e ") < steps.index(
            "factcheck run" if target == "report" else "pytest")


def test_no_venv_is_made_from_a_python_older_than_3_11(tmp_path: Path) -> None:
    project = _project(tmp_path)
    old = _script(tmp_path / "old" / "python3", "exit 1")  # fails the version check
    made = _make(project, f"PYTHON={old}", "report")
    assert made.returncode != 0
    assert "is not Python 3.11 or later" in made.stderr
    assert not (project / ".venv").exists()
