"""Counts read as English wherever a person reads them: one helper, used by CLI and reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.stories import FIRE, RULES, write_story
from test_report_fixture import build_report

from factcheck.cli import main, summary_line
from factcheck.plural import plural, plural_of
from factcheck.report import render


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "article", "0 articles"),
        (1, "article", "1 article"),
        (2, "article", "2 articles"),
        (1, "discrepancy", "1 discrepancy"),
        (3, "discrepancy", "3 discrepancies"),
        (2, "day", "2 days"),  # a vowel before y: no "-ies"
        (2, "box", "2 boxes"),
        (2, "info", "2 info"),
        (1, "waiver", "1 waiver"),
    ],
)
def test_plural_agrees_with_the_count(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_plural_takes_an_irregular_form_when_given() -> None:
    assert plural(2, "criterion", "criteria") == "2 criteria"
    assert plural(1, "criterion", "criteria") == "1 criterion"
    assert plural_of("match") == "matches"


def test_summary_line_of_one_article_and_one_discrepancy() -> None:
    report = build_report()
    one = report.model_copy(update={
        "articles": report.articles[:1], "claims": report.claims[:1],
        "discrepancies": report.discrepancies[:1],
    })
    line = summary_line(one, Path("reports/river-bridge"))
    assert one.discrepancies[0].severity == "warning"
    assert ": 1 article, 1 claim, 1 discrepancy (0 errors, 1 warning, 0 info)" in line
    assert "articles" not in line and "discrepancies" not in line
    many = summary_line(report, Path("reports/river-bridge"))
    assert f"{len(report.articles)} articles" in many and "discrepancies (" in many


def test_markdown_heading_counts_one_article() -> None:
    report = build_report()
    one = report.model_copy(update={"articles": report.articles[:1], "claims": []})
    text = render(one, "md")
    assert "; 1 article, 0 claims." in text
    assert "1 articles" not in text


def test_run_prints_singular_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = write_story(tmp_path / "fire", {"Baltic Wire": FIRE["Baltic Wire"]})
    code = main(["run", str(story), "--rules", str(RULES), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert "fire: 1 article, " in out and "0 discrepancies (0 errors, 0 warnings, 0 info)" in out
