"""The report's section for discrepancies kept out of the findings: waived, known from the
baseline, or (in a pre-publication check) ones only the outlets take part in.

They are listed rather than dropped so an editor still sees every disagreement and who
accepted which, while CI fails only on the findings above them. Text from articles and from
the waivers file goes through `escape_markdown` like everything else in the report.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.models import Claim, Report, SetAside
from factcheck.report.common import ReportIndex
from factcheck.report.escape import escape_markdown

HEADINGS: dict[str, tuple[str, str]] = {
    "waived": ("Waived", "Accepted in a waivers file; these never fail CI."),
    "known": ("Known", "In the baseline, found before; these never fail CI."),
    "outlets": (
        "Where the outlets disagree",
        "The outlets contradict each other here; the draft either does not state the fact or"
        " repeats one outlet's value.",
    ),
}


def set_aside_section(
    report: Report, index: ReportIndex, where: Callable[[Claim], str]
) -> list[str]:
    """Markdown lines, one table per status; nothing at all when nothing was set aside.

    `where` renders a claim's file:line link, so links agree with the rest of the report.
    """
    lines: list[str] = []
    for status, (heading, intro) in HEADINGS.items():
        items = sorted(
            (item for item in report.set_aside if item.status == status),
            key=lambda item: (item.discrepancy.rule, item.discrepancy.fingerprint or "",
                              item.discrepancy.id),
        )
        if not items:
            continue
        lines += [f"## {heading} ({len(items)})", "", intro, ""]
        if status == "waived":
            lines += ["| Discrepancy | Where | Reason | Accepted by | On |",
                      "| --- | --- | --- | --- | --- |"]
        else:
            lines += ["| Discrepancy | Where |", "| --- | --- |"]
        for item in items:
            lines.append(_row(item, index, where))
        lines.append("")
    return lines


def _row(item: SetAside, index: ReportIndex, where: Callable[[Claim], str]) -> str:
    discrepancy = item.discrepancy
    title = escape_markdown(f"{discrepancy.title} ({discrepancy.rule})")
    places = ", ".join(
        f"{escape_markdown(index.outlet_of(claim))} {where(claim)}"
        for claim in index.discrepancy_claims(discrepancy)
    )
    if item.status != "waived":
        return f"| {title} | {places} |"
    reason = escape_markdown(item.reason or "")
    if item.waiver:
        reason += f" ({escape_markdown(item.waiver)})"
    accepted_by = escape_markdown(item.accepted_by or "")
    accepted_on = item.accepted_on.isoformat() if item.accepted_on else ""
    return f"| {title} | {places} | {reason} | {accepted_by} | {accepted_on} |"
