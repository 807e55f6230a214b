"""End to end on stories written for the tests: exactly the planted discrepancies appear.

Each story in tests/stories/ plants contradictions and consistent facts that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.ingest import load_story
from factcheck.models import Claim, Discrepancy
from factcheck.pipeline import analyse_article
from factcheck.rules import check_story, load_rules

REPO = Path(__file__).resolve().parent.parent
STORIES = Path(__file__).resolve().parent / "stories"


def _run(name: str) -> tuple[list[Claim], list[Discrepancy]]:
    story = load_story(STORIES / name)
    claims = [claim for article in story.articles for claim in analyse_article(article)]
    _, discrepancies = check_story(story, claims, load_rules([REPO / "rules"]))
    return claims, discrepancies


def _texts(claims: list[Claim], discrepancy: Discrepancy) -> set[str]:
    by_id = {claim.id: claim for claim in claims}
    return {" ".join(by_id[c].text.split()) for p in discrepancy.positions for c in p.claims}


def _found(name: str) -> dict[tuple[str, str], set[str]]:
    claims, discrepancies = _run(name)
    return {(d.rule, d.verdict): _texts(claims, d) for d in discrepancies}


def test_quake_story() -> None:
    found = _found("quake-2019")
    assert found == {
        ("count-agree", "contradiction"): {"At least 38 people", "39 people", "12 people"},
        ("time-of-day-agree", "contradiction"): {
            "04:20 local time", "early on Wednesday, at 04:20 local time",
            "about 7:30 a.m. on Wednesday",
        },
    }
    # quiet: 150 injured everywhere, 2,000 evacuated, the correct 04:20 -> 22:35 GMT
    # conversion, and "the last major earthquake ... in 1989" against this week's quake.


def test_court_story() -> None:
    claims, discrepancies = _run("court-2022")
    (sentence,) = discrepancies
    assert sentence.rule == "duration-agree" and sentence.verdict == "contradiction"
    assert sentence.severity == "error"
    assert _texts(claims, sentence) == {"seven years", "nine years"}
    values = {p.label: p.claims for p in sentence.positions}
    assert set(values) == {"Atlantic Gazette, Lisbon Courier", "Harbour Tribune"}
    assert "outlier: Harbour Tribune" in (sentence.explanation or "")
    # quiet: "about five hours" of deliberation vs three hours plus an additional two.


def test_final_story() -> None:
    claims, discrepancies = _run("final-2023")
    found = {(d.rule, d.verdict): _texts(claims, d) for d in discrepancies}
    assert found == {
        ("count-agree", "contradiction"): {
            "78,000 spectators", "Some 78,000 spectators", "About 45,000 spectators",
        },
        ("timezone-conversion", "contradiction"): {"5 p.m.", "21:00 GMT"},
    }
    conversion = next(d for d in discrepancies if d.rule == "timezone-conversion")
    assert "Sport Diario" in conversion.summary
    # quiet: the correct 5 p.m. -> 20:00 GMT, "Saturday evening" vs "Saturday night",
    # "first title in 12 years" vs "since 2011".


@pytest.mark.parametrize("name", ["quake-2019", "court-2022", "final-2023"])
def test_ids_are_stable_and_unique(name: str) -> None:
    first = [d.id for d in _run(name)[1]]
    second = [d.id for d in _run(name)[1]]
    assert first == second
    assert len(set(first)) == len(first)
