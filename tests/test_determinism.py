"""Same inputs, byte-identical reports: whatever the locale, the time zone or the order in which
the file system lists a folder. Runs the real CLI in subprocesses on the seed story."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.ingest import load_story
from factcheck.pipeline import analyse_story
from factcheck.report import render
from factcheck.rules import load_rules, shipped_pack

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "inputs" / "putin-kim-2024"
FACTCHECK = Path(sys.executable).with_name("factcheck")


def _available_locales() -> list[str]:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except OSError:
        return []
    names = {line.strip().lower().replace("-", ""): line.strip()
             for line in listed.stdout.splitlines()}
    return [names[key] for key in ("en_us.utf8", "c.utf8") if key in names]


def _run(out: Path, env_changes: dict[str, str], cwd: Path) -> dict[str, bytes]:
    env = {**os.environ, **env_changes}
    result = subprocess.run(
        [str(FACTCHECK), "run", str(SEED), "--rules", str(shipped_pack()), "--out", str(out),
         "--format", "md,json,sarif", "--fail-on", "never", "--quiet", "--no-cache"],
        env=env, cwd=cwd, capture_output=True, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    folder = out / SEED.name
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_reports_do_not_depend_on_locale_or_time_zone(tmp_path: Path) -> None:
    first = _run(tmp_path / "a", {"LC_ALL": "C", "LANG": "C", "TZ": "UTC"}, tmp_path)
    assert set(first) == {"report.md", "report.json", "report.sarif"}
    locales = _available_locales()
    assert locales, "no UTF-8 locale to compare with"
    second = _run(tmp_path / "b", {"LC_ALL": locales[0], "LANG": locales[0],
                                   "TZ": "America/Los_Angeles"}, tmp_path)
    assert first == second
    third = _run(tmp_path / "c", {"LC_ALL": "C", "TZ": "Asia/Kolkata"}, tmp_path)
    assert first == third


def test_reports_do_not_depend_on_folder_listing_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a manifest every article comes from the listing, so its order is what matters.
    story = tmp_path / "listed"
    story.mkdir()
    for path in SEED.glob("*.txt"):
        shutil.copy(path, story / path.name)
    rules = load_rules([shipped_pack()])

    def rendered() -> list[str]:
        report = analyse_story(load_story(story), rules)
        return [render(report, fmt, rules=rules) for fmt in ("md", "json", "sarif")]

    listing = Path.iterdir
    as_listed = rendered()
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(listing(self), reverse=True)))
    names = [p.name for p in story.iterdir()]
    assert names == sorted(names, reverse=True)
    assert rendered() == as_listed
