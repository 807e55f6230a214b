"""The package as a user gets it, not as the clone has it (issue 13).

Everything factcheck reads at run time must be inside the wheel: the default rule pack, every
data table and the schema it is validated by. An installed copy must work from a folder that
has none of the repository's files, and the install commands the README documents must work.

Nothing here uses the network. The wheel is built with this environment's setuptools (no build
isolation), and each fresh venv sees this environment's packages through a `.pth` file (a folder
of links to them, factcheck's own editable install left out), so factcheck itself is installed
with `--no-deps --no-index` and the dependencies are the ones already here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from helpers.stories import FIRE, write_story

from factcheck.cli import main
from factcheck.dask_engine import DASK_INSTALL, DASK_INSTALL_FROM_CLONE
from factcheck.rules import shipped_pack

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "factcheck" / "data"
# What a wheel is built from: setuptools reads the README as the long description.
PROJECT_FILES = ("pyproject.toml", "README.md", "factcheck")
# The placeholder URL of the README's git installs, and what the tests put in its place.
GIT_URL = "git+https://github.com/<owner>/factcheck"
OFFLINE = ("--no-deps", "--no-index", "--no-build-isolation")
# `pip install factcheck`, `pip install "factcheck-news[dask]"`: a name alone, with no `@ URL`.
PYPI_INSTALL = re.compile(
    r"pip install ['\"]?factcheck(?:-news)?(?:\[\w+\])?(?!\s*@)['\"]?(?=\s|$|`)"
)


def copy_project(destination: Path) -> Path:
    """The files a build reads, copied so that builds never write into the clone."""
    destination.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def clean_env() -> dict[str, str]:
    """This process's environment without what would let the source tree leak in."""
    return {key: value for key, value in os.environ.items()
            if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=clean_env(), capture_output=True, text=True,
                          check=False)


def pip(python: Path, arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """This environment's pip installing into `python`'s venv (which has no pip of its own)."""
    done = run([sys.executable, "-m", "pip", "--python", str(python), *arguments], cwd)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def fresh_venv(where: Path) -> Path:
    """A venv with nothing installed whose interpreter also sees this environment's packages
    (factcheck excepted), so that installing factcheck into it needs no network."""
    done = run([sys.executable, "-m", "venv", "--without-pip", str(where)], where.parent)
    assert done.returncode == 0, done.stderr
    python = where / "bin" / "python"
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                  where.parent).stdout.strip()
    ours = Path(sysconfig.get_paths()["purelib"])
    links = where / "dependencies"
    links.mkdir()
    for entry in ours.iterdir():
        # The editable install (its finder, its .pth, its metadata) would shadow the wheel.
        if not entry.name.startswith(("factcheck", "__editable__")):
            (links / entry.name).symlink_to(entry)
    (Path(purelib) / "dependencies.pth").write_text(f"{links}\n", encoding="utf-8")
    return python


def installed_from(python: Path, cwd: Path) -> Path:
    """Where the venv's interpreter imports factcheck from."""
    done = run([str(python), "-c", "import factcheck; print(factcheck.__file__)"], cwd)
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of the current sources, built offline once for the module."""
    root = tmp_path_factory.mktemp("wheel")
    source = copy_project(root / "source")
    done = run([sys.executable, "-m", "pip", "wheel", str(source), *OFFLINE,
                "--wheel-dir", str(root / "dist")], root)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = (root / "dist").glob("factcheck_news-*.whl")
    return built


def test_the_wheel_holds_the_rule_pack_every_table_and_its_schema(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt")))
    rule_files = sorted(path.name for path in shipped_pack().glob("*.yaml"))
    assert len(rule_files) >= 5
    for name in rule_files:
        assert f"factcheck/data/rules/default/{name}" in names
    tables = sorted(path.stem for path in DATA.glob("*.yaml"))
    assert len(tables) >= 10
    for table in tables:
        assert f"factcheck/data/{table}.yaml" in names
        assert f"factcheck/data/{table}.schema.json" in names, f"{table}: schema left out"
    # Nothing read at run time is left behind: every yaml and json of the package is shipped.
    for path in (REPO / "factcheck").rglob("*"):
        if path.suffix in {".yaml", ".json", ".py"} and "__pycache__" not in path.parts:
            assert path.relative_to(REPO).as_posix() in names
    # The story, report and rules schemas are generated from the models, which are shipped.
    assert {"factcheck/schemas.py", "factcheck/models.py", "factcheck/rules/schema.py"} <= names
    assert b"factcheck = factcheck.cli:main" in entry_points
    # And only the package: no tests, stories or benchmarks ride along.
    assert not [n for n in names if n.split("/")[0] in {"tests", "inputs", "benchmarks", "rules"}]


@pytest.mark.slow
def test_an_installed_wheel_checks_a_story_from_a_folder_outside_the_clone(
    wheel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = fresh_venv(tmp_path / "venv")
    pip(python, ["install", *OFFLINE, str(wheel)], tmp_path)
    factcheck = str(python.parent / "factcheck")
    desk = tmp_path / "desk"
    write_story(desk / "fire", FIRE)
    assert not (desk / "rules").exists() and REPO not in desk.parents
    assert (tmp_path / "venv") in installed_from(python, desk).parents

    done = run([factcheck, "run", "fire", "--out", "out", "--no-cache"], desk)
    assert done.returncode == 1, done.stderr  # one error-severity disagreement: 6 h against 14
    assert "no such rule file" not in done.stderr
    report = (desk / "out" / "fire" / "report.json").read_text(encoding="utf-8")
    assert [d["rule"] for d in json.loads(report)["discrepancies"]] == ["duration-agree"]
    assert (desk / "out" / "fire" / "report.md").is_file()
    # The installed copy and the source tree give the same bytes.
    monkeypatch.chdir(desk)
    assert main(["run", "fire", "--out", "source", "--no-cache", "--quiet"]) == 1
    assert (desk / "source" / "fire" / "report.json").read_text(encoding="utf-8") == report

    listed = run([factcheck, "rules", "list"], desk)
    assert listed.returncode == 0 and "duration-agree" in listed.stdout
    validated = run([factcheck, "rules", "validate"], desk)
    assert validated.returncode == 0 and "rules valid: default" in validated.stdout
    assert run([factcheck, "baseline", "fire"], desk).returncode == 0
    assert (desk / "factcheck-baseline.json").is_file()
    # The pre-commit hook's entry, as pre-commit calls it with a staged draft.
    hook = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (entry,) = re.findall(r"^\s*entry:\s*(.+)$", hook, re.M)
    (desk / "draft.md").write_text("Port fire\n\nThe fire burned for three days.\n", "utf-8")
    checked = run([*shlex.split(entry.replace("factcheck", factcheck, 1)),
                   "--against", "fire", "draft.md"], desk)
    assert checked.returncode == 1 and "draft.md:3: error:" in checked.stdout, checked.stderr
    # The published schemas come out of an installed copy as committed.
    assert run([factcheck, "schema", "--out", "schemas"], desk).returncode == 0
    for committed in sorted((REPO / "schemas").glob("*.json")):
        assert (desk / "schemas" / committed.name).read_bytes() == committed.read_bytes()


def readme_installs() -> list[str]:
    """The `pip install` lines of the README's "Install" section, comments removed."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]
    return [line.split("  #")[0].strip() for line in section.splitlines()
            if line.startswith("pip install ")]


def test_the_documented_installs_are_from_the_clone_or_the_repository() -> None:
    installs = readme_installs()
    assert installs == [
        "pip install .",
        DASK_INSTALL_FROM_CLONE,
        f'pip install "factcheck-news @ {GIT_URL}"',
        f'pip install "factcheck-news[dask] @ {GIT_URL}"',
    ]
    # docs/ci.md installs one of them, so what CI users copy is tested below.
    ci = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    ci_installs = re.findall(r"^\s*- run: (pip install .+?)\s*(?:#.*)?$", ci, re.M)
    assert ci_installs and set(ci_installs) <= set(installs)
    # Each extra they name exists (pip, told --no-deps, would not say if it did not).
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    extras = {extra for install in installs for extra in re.findall(r"\[(\w+)\]", install)}
    assert extras == {"dask"} and extras <= set(pyproject["project"]["optional-dependencies"])
    # The Dask error names commands that work: the clone's extra, or Dask's own requirement.
    (dask,) = pyproject["project"]["optional-dependencies"]["dask"]
    assert f'pip install "{dask}"' == DASK_INSTALL
    # No document sends anyone to PyPI for a release that does not exist (`factcheck` there is
    # an unrelated package; `factcheck-news` is not published).
    assert PYPI_INSTALL.findall("- run: pip install factcheck   # or: ...")
    assert PYPI_INSTALL.findall("""the extra: `pip install "factcheck-news[dask]"`.""")
    assert not [install for install in installs if PYPI_INSTALL.search(install)]
    for path in [REPO / "README.md", *(REPO / "docs").glob("*.md"),
                 *(REPO / "factcheck").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert PYPI_INSTALL.findall(text) == [], path


def local_git_clone(project: Path) -> str:
    """A git repository of the copied project, as the URL a `git+` requirement takes."""
    git = ["git", "-c", "user.name=factcheck tests", "-c", "user.email=tests@invalid",
           "-c", "init.defaultBranch=main"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        done = run([*git, *command], project)
        assert done.returncode == 0, done.stderr
    return f"git+{project.as_uri()}"


@pytest.mark.slow
@pytest.mark.parametrize("command", readme_installs())
def test_each_documented_install_gives_a_working_command(tmp_path: Path, command: str) -> None:
    project = copy_project(tmp_path / "factcheck")
    if GIT_URL in command:
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        command = command.replace(GIT_URL, local_git_clone(project))
    python = fresh_venv(tmp_path / "venv")
    arguments = shlex.split(command)
    assert arguments[:2] == ["pip", "install"]
    # With a git URL, pip also checks that the name before `@` is the project's name.
    pip(python, [*arguments[1:], *OFFLINE], project)
    desk = tmp_path / "desk"
    write_story(desk / "fire", FIRE)
    # Installed, not linked to the copy it was built from: the copy can go away.
    assert (tmp_path / "venv") in installed_from(python, desk).parents
    shutil.rmtree(project)
    done = run([str(python.parent / "factcheck"), "run", "fire", "--format", "json",
                "--no-cache", "--quiet"], desk)
    assert done.returncode == 1, done.stderr
    report = json.loads((desk / "reports" / "fire" / "report.json").read_text("utf-8"))
    assert [d["rule"] for d in report["discrepancies"]] == ["duration-agree"]
