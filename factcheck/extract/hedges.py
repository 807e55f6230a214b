"""Hedges: "about", "nearly", "more than", "or so" and the intervals they make of a number.

Two outlets rarely contradict each other on "about two hours" versus "nearly two hours"; they
do on "more than three hours" versus "about two hours". Whether they can both be true depends
entirely on how wide each hedge is, so the widths are data (`factcheck/data/hedges.yaml`, one
commented entry per group of phrases) and this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from factcheck.models import Hedge
from factcheck.resources import load_table


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(word) for word in p.split()) for p in ordered)


def _entries(position: str) -> list[Mapping[str, Any]]:
    return [e for e in load_table("hedges")["hedges"] if e["position"] == position]


HEDGE_PATTERN: str = (
    r"\b(?:"
    + _alternation([p for e in _entries("before") for p in e["phrases"]])
    + r")\b"
)
"""Regex fragment (no capturing groups) for a hedge written before a number."""

POST_HEDGE_PATTERN: str = (
    r"\b(?:"
    + _alternation([p for e in _entries("after") for p in e["phrases"]])
    + r")\b"
)
"""Regex fragment for a hedge written after the number or its unit: "or so", "-plus", "-odd"."""


def _normalise(phrase: str) -> str:
    return re.sub(r"[\s-]+", " ", phrase.lower()).strip(" -")


def _lookup(phrase: str) -> Mapping[str, Any] | None:
    key = _normalise(phrase)
    for entry in load_table("hedges")["hedges"]:
        if key in entry["phrases"]:
            return cast(Mapping[str, Any], entry)
    return None


def _bound(spec: float | str, value: float) -> float | None:
    if spec == "open":
        return None
    if spec == "zero":
        return 0.0
    return float(spec) * value


def apply_hedge(
    hedge: str | None, lo: float, hi: float
) -> tuple[float | None, float | None, Hedge]:
    """Widen or bound [lo, hi] as the hedge words say; None bounds are open.

    The lower bound is derived from `lo` and the upper from `hi`, so a vague amount keeps its
    own spread: "about a few" is wider than "a few". Unknown or missing hedges leave the
    interval exact.
    """
    entry = _lookup(hedge) if hedge else None
    if entry is None:
        return lo, hi, "exact"
    label = cast(Hedge, entry["hedge"])
    return _bound(entry["lower"], lo), _bound(entry["upper"], hi), label


def hedge_label(hedge: str | None) -> Hedge:
    """The Hedge label of a phrase, "exact" when it is not a known hedge."""
    entry = _lookup(hedge) if hedge else None
    return cast(Hedge, entry["hedge"]) if entry else "exact"


def clock_width_minutes(minutes: int) -> int:
    """Minutes either side of an approximate clock time written with these minutes past the
    hour: the width of the first `clock_widths` entry whose step divides them."""
    for entry in load_table("hedges")["clock_widths"]:
        if minutes % int(entry["every"]) == 0:
            return int(entry["minutes"])
    return 0
