"""Fixtures shared by several test modules; the data behind them is in `helpers.stories`."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.stories import FIRE, RULES, write_story

from factcheck.rules import RuleSet, load_rules


@pytest.fixture
def fire_story(tmp_path: Path) -> Path:
    """The `FIRE` story written to `tmp_path/fire`: one duration disagreement, three outlets."""
    return write_story(tmp_path / "fire", FIRE)


@pytest.fixture
def rules() -> RuleSet:
    """The committed rule packs, loaded afresh for each test."""
    return load_rules([RULES])
