"""Baselines: accept today's discrepancies so CI fails only on new ones.

A baseline is the set of fingerprints of the discrepancies a run found. Fingerprints are built
from the rule and which outlet said which words (see `factcheck.report.sarif.fingerprint`), never
from offsets or article order, so a baseline survives unrelated edits and re-ordered articles and
stops matching as soon as an outlet changes what it says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.models import Report, SetAside

BASELINE_FILE = "factcheck-baseline.json"
BASELINE_VERSION = 1


def baseline_entries(reports: Iterable[Report]) -> list[dict[str, str]]:
    """One entry per fingerprint, sorted, with the story and title so a reviewer of the file
    can tell what was accepted."""
    entries: dict[str, dict[str, str]] = {}
    for report in reports:
        for discrepancy in report.discrepancies:
            if discrepancy.fingerprint is None:
                continue
            entries.setdefault(discrepancy.fingerprint, {
                "fingerprint": discrepancy.fingerprint,
                "story": report.story.id,
                "rule": discrepancy.rule,
                "title": discrepancy.title,
            })
    return [entries[key] for key in sorted(entries)]


def render_baseline(reports: Iterable[Report]) -> str:
    """The baseline file's text: the same inputs give the same bytes (no dates, sorted)."""
    data = {"tool": "factcheck", "version": BASELINE_VERSION,
            "fingerprints": baseline_entries(reports)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def parse_baseline(text: str, display: str) -> frozenset[str]:
    """The accepted fingerprints; a file that is not a baseline is an error, never an empty
    baseline, because silently accepting nothing would fail CI for the wrong reason and
    silently accepting everything would hide findings."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", file=display, line=error.lineno,
                         column=error.colno) from error
    items = data.get("fingerprints") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError("not a factcheck baseline: no 'fingerprints' list", file=display)
    found: set[str] = set()
    for position, item in enumerate(items):
        value = item.get("fingerprint") if isinstance(item, dict) else item
        if not isinstance(value, str) or not value:
            raise InputError(f"fingerprints[{position}]: expected a fingerprint string",
                             file=display)
        found.add(value)
    return frozenset(found)


def load_baseline(path: Path) -> frozenset[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read baseline: {error.strerror or error}",
                         file=path.as_posix()) from error
    return parse_baseline(text, path.as_posix())


def apply_baseline(report: Report, known: frozenset[str]) -> Report:
    """The report with its baseline discrepancies moved to `set_aside` as 'known'."""
    kept = []
    set_aside = list(report.set_aside)
    for discrepancy in report.discrepancies:
        if discrepancy.fingerprint is not None and discrepancy.fingerprint in known:
            set_aside.append(SetAside(status="known", discrepancy=discrepancy))
        else:
            kept.append(discrepancy)
    return report.model_copy(update={"discrepancies": kept, "set_aside": set_aside})
