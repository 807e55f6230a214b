"""GitHub workflow-command annotations: escaping, levels, and the per-step cap."""

from __future__ import annotations

from test_report_fixture import assert_golden, build_report

from factcheck.models import Discrepancy, Position, Report
from factcheck.report import render, render_github
from factcheck.report.github import escape_data, escape_property


def test_matches_golden_file() -> None:
    assert_golden("river-bridge.github.txt", render_github(build_report()))


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_one_annotation_per_discrepancy_on_its_first_claim() -> None:
    lines = render_github(build_report()).splitlines()
    assert len(lines) == 2
    error, warning = lines
    assert error.startswith(
        "::error file=inputs/river-bridge/courier.txt,line=5,"
        "title=contradiction%3A How long the rescue lasted::"
    )
    assert warning.startswith("::warning file=inputs/river-bridge/courier.txt,line=6,")
    # The message is one line: newlines inside it are escaped.
    assert "%0A- Metro Evening: “two hours” (2 h) at inputs/river-bridge/evening.txt:3" in error
    assert "\n" not in error


def _many(report: Report, count: int, severity: str) -> list[Discrepancy]:
    template = report.discrepancies[1]
    return [
        template.model_copy(update={
            "id": f"{severity}-{number:02d}", "severity": severity,
            "positions": [Position(label=p.label, value=p.value, claims=p.claims)
                          for p in template.positions],
        })
        for number in range(count)
    ]


def test_caps_each_level_and_says_how_many_were_left_out() -> None:
    report = build_report()
    crowded = report.model_copy(update={
        "discrepancies": _many(report, 13, "error") + _many(report, 4, "warning")
        + _many(report, 12, "info"),
    })
    lines = render_github(crowded, max_annotations=10).splitlines()
    levels = [line.split(" ", 1)[0].split("::")[1] for line in lines]
    assert levels.count("error") == 10
    assert levels.count("warning") == 4
    # Nine info notices plus the summary: the summary is never the one GitHub drops.
    assert levels.count("notice") == 10
    summary = lines[-1]
    assert summary.startswith("::notice title=factcheck%3A annotations left out::")
    assert "6 more discrepancies" in summary and "3 errors, 3 notices" in summary


def test_no_summary_when_nothing_is_left_out() -> None:
    text = render(build_report(), "github", max_annotations=2)
    assert "left out" not in text
    assert render_github(build_report().model_copy(update={"discrepancies": []})) == ""


def test_article_text_cannot_start_a_workflow_command() -> None:
    report = build_report()
    hostile = report.model_copy(update={
        "claims": [
            claim.model_copy(update={"text": "six\r\n::error file=x::forged%0A"})
            if claim.article == "wire" else claim
            for claim in report.claims
        ],
        "discrepancies": [
            d.model_copy(update={"title": "a,b:c\n::warning::x"}) for d in report.discrepancies
        ],
    })
    text = render_github(hostile)
    lines = text.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert "%2510" not in text and "forged%250A" in text
    assert "title=contradiction%3A a%2Cb%3Ac %3A%3Awarning%3A%3Ax::" in lines[0]


def test_a_value_that_holds_the_quoted_words_is_not_repeated() -> None:
    # A quote's value is its words and speaker: the line names them once.
    report = build_report()
    claims = {claim.id: claim for claim in report.claims}
    (first,) = [
        d for d in report.discrepancies
        if any(claims[c].text.split() == ["two", "hours"] for p in d.positions for c in p.claims)
    ]
    quoted = first.model_copy(update={"positions": [
        Position(label=p.label, value=f"“{' '.join(claims[p.claims[0]].text.split())}” (Ana Reis)",
                 claims=p.claims)
        for p in first.positions
    ]})
    line = render_github(report.model_copy(update={"discrepancies": [quoted]})).splitlines()[0]
    assert "%0A- Metro Evening: “two hours” (Ana Reis) at inputs/river-bridge/evening.txt:3" in line
    assert "(“two hours”" not in line
