"""What the one-story benchmarks (`size.py`, `story_size.py`) share: timing each stage with the
peak memory after it, writing the three report formats, and running a measurement in a fresh
process so that each size's peak memory is its own."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factcheck.rules import shipped_pack

RULES = shipped_pack()


def peak_mb() -> float:
    """This process's peak resident memory so far (`ru_maxrss` is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stages:
    """Seconds and peak MB after each named stage, in a dict that goes out as JSON."""

    def __init__(self) -> None:
        self.figures: dict[str, Any] = {"start_mb": peak_mb()}

    def timed(self, name: str, step: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = step()
        self.figures[name] = (time.perf_counter() - started, peak_mb())
        return result


def write_all_reports(report: Any, rules: Any, out: Path) -> None:
    """Markdown, JSON and SARIF, as `factcheck run` writes them by default."""
    from factcheck.report import render, write_reports

    write_reports(
        {fmt: render(report, fmt, rules=rules, out_dir=out) for fmt in ("md", "json", "sarif")},
        out)


def run_child(script: str, *args: str) -> dict[str, Any]:
    """Run `script --run ...` in a new interpreter and read the figures it prints last."""
    result = subprocess.run([sys.executable, script, "--run", *args],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"the run failed:\n{result.stderr}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures
