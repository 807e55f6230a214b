"""`report.json`: the `Report` contract itself, for machines.

It is exactly `Report` serialised (validated by the schema `factcheck schema` publishes), with
claims and problems in a fixed order so two runs over the same inputs give the same bytes and a
diff between runs shows only what changed.
"""

from __future__ import annotations

from factcheck.models import Report
from factcheck.report.common import sorted_claims


def canonical(report: Report) -> Report:
    """The same report with its unordered lists in a stable order."""
    problems = sorted(
        report.problems,
        key=lambda problem: (problem.file, problem.line or 0, problem.column or 0, problem.message),
    )
    return report.model_copy(
        update={
            "articles": sorted(report.articles, key=lambda article: article.id),
            "claims": sorted_claims(report.claims),
            "problems": problems,
        }
    )


def render_json(report: Report) -> str:
    return canonical(report).model_dump_json(indent=2) + "\n"
