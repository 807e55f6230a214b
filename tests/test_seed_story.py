"""Acceptance on the seed story: the committed report is reproduced and says what it must.

These assert outcomes on real scraped text; nothing in the code or default rules knows this story.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from factcheck.cli import main
from factcheck.models import Report

REPO = Path(__file__).resolve().parent.parent
STORY = "putin-kim-2024"


GOLDEN = REPO / "tests" / "golden"
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-2.1.0.schema.json"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # `make report` in a copy of the repository's layout: article paths are relative to the
    # working directory and Markdown links to the report's folder, so inputs/ and reports/
    # must stand as they do in the repository for the same bytes.
    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(REPO / "inputs" / STORY, root / "inputs" / STORY)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main([
            "run", f"inputs/{STORY}", "--out", "reports", "--fail-on", "never", "--quiet",
            "--format", "md,json,sarif,github", "--rules", "default",
        ])
    finally:
        os.chdir(cwd)
    assert code == 0
    return root / "reports" / STORY


@pytest.fixture(scope="module")
def report(generated: Path) -> Report:
    return Report.model_validate_json((generated / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["report.md", "report.json"])
def test_committed_report_is_reproduced_byte_for_byte(generated: Path, name: str) -> None:
    committed = REPO / "reports" / STORY / name
    assert committed.read_bytes() == (generated / name).read_bytes(), (
        f"reports/{STORY}/{name} is stale: run `make report` and commit"
    )


@pytest.mark.parametrize(
    ("name", "golden"),
    [("report.sarif", f"{STORY}.sarif"), ("annotations.txt", f"{STORY}.github.txt")],
)
def test_machine_outputs_match_golden_files(generated: Path, name: str, golden: str) -> None:
    produced = (generated / name).read_text(encoding="utf-8")
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        (GOLDEN / golden).write_text(produced, encoding="utf-8")
    assert produced == (GOLDEN / golden).read_text(encoding="utf-8"), (
        f"tests/golden/{golden} differs: regenerate with FACTCHECK_UPDATE_GOLDEN=1 and review"
    )


def test_sarif_validates_against_the_official_schema(generated: Path) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads((generated / "report.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(json.loads((generated / "report.json").read_text())["discrepancies"])
    assert all(result["partialFingerprints"] for result in results)


def test_report_validates_against_published_schema(generated: Path) -> None:
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    document = json.loads((generated / "report.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)


def outlets_of(report: Report, claim_ids: list[str]) -> set[str]:
    by_article = {article.id: article.outlet for article in report.articles}
    claims = {claim.id: claim for claim in report.claims}
    return {by_article[claims[claim_id].article] or "" for claim_id in claim_ids}


def discrepancies_mentioning(report: Report, *phrases: str) -> list[str]:
    """Discrepancy ids whose claims' evidence contains every phrase (case-insensitive)."""
    claims = {claim.id: claim for claim in report.claims}
    found = []
    for discrepancy in report.discrepancies:
        evidence = " ".join(
            claims[claim_id].evidence.lower()
            for position in discrepancy.positions
            for claim_id in position.claims
        )
        if all(phrase.lower() in evidence for phrase in phrases):
            found.append(discrepancy.id)
    return found


def test_talks_duration_contradiction(report: Report) -> None:
    found = discrepancies_mentioning(report, "about two hours", "an hour and a half")
    assert found, "the talks-duration contradiction is missing"


def test_veto_month_contradiction(report: Report) -> None:
    assert discrepancies_mentioning(report, "In March", "last May's veto")


def test_arrival_discrepancy(report: Report) -> None:
    assert discrepancies_mentioning(report, "Tuesday night", "early hours of Wednesday")


def test_consistent_facts_stay_quiet(report: Report) -> None:
    assert not discrepancies_mentioning(report, "more than two decades", "24 years")
    assert not discrepancies_mentioning(report, "Wednesday evening", "late on Wednesday")
