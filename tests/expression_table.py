"""Shared reading of the expression tables under tests/expressions/ (durations, quantities)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.models import Context, Mention

TABLES = Path(__file__).parent / "expressions"


def load(name: str, kind: str) -> list[dict[str, Any]]:
    table = yaml.safe_load((TABLES / f"{name}.yaml").read_text(encoding="utf-8"))
    assert len(table) >= 60
    for case in table:
        assert case["kind"] == kind
        assert case["text"] in case["sentence"]
    return table


def close(actual: float | None, expected: float | None) -> bool:
    if expected is None or actual is None:
        return actual is expected
    return actual == pytest.approx(expected, rel=1e-6, abs=1e-6)


def found(case: dict[str, Any], finder: Callable[[str, Context], list[Mention]]) -> Mention:
    """The mention of the case's exact text, checked to point at those words."""
    mentions = finder(case["sentence"], Context())
    texts = [m.text for m in mentions]
    assert case["text"] in texts, f"found {texts}"
    mention = mentions[texts.index(case["text"])]
    assert case["sentence"][mention.start:mention.end] == mention.text
    return mention
