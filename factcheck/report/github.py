"""GitHub Actions workflow commands, so discrepancies show as annotations on the article files.

GitHub shows at most 10 error and 10 warning annotations per step (and drops the rest silently),
so this emits up to a cap per level and then one notice saying how many were left out, pointing
the reader at the full report instead of letting findings vanish.
"""

from __future__ import annotations

from collections import Counter

from factcheck.models import Discrepancy, Report
from factcheck.plural import plural
from factcheck.report.common import ReportIndex, collapse_whitespace, sorted_discrepancies

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part, escaped as actions/toolkit's `escapeData` does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value, escaped as actions/toolkit's `escapeProperty` does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | int) -> str:
    props = ",".join(
        f"{name}={escape_property(str(value))}" for name, value in properties.items()
    )
    head = f"::{level} {props}" if props else f"::{level}"
    return f"{head}::{escape_data(message)}"


def _message(discrepancy: Discrepancy, index: ReportIndex) -> str:
    lines = [collapse_whitespace(discrepancy.summary)]
    for position in discrepancy.positions:
        for claim in index.claims_of(position.claims):
            path = index.path_of(claim.article) or claim.article
            words = collapse_whitespace(claim.text)
            # A quote's normalised value is its words and speaker: saying the words twice on
            # a line the reader scans in a CI log only hides the speaker at the end.
            quoted = f"“{words}”"
            said = position.value if quoted in position.value else f"{quoted} ({position.value})"
            lines.append(f"- {index.outlet_of(claim)}: {said} at {path}:{claim.line}")
    if discrepancy.explanation:
        lines.append(collapse_whitespace(discrepancy.explanation))
    return "\n".join(lines)


def annotation(discrepancy: Discrepancy, index: ReportIndex) -> str:
    """One annotation per discrepancy, placed on its first claim; the message lists the rest."""
    level = LEVELS.get(discrepancy.severity, "warning")
    title = f"{discrepancy.verdict}: {collapse_whitespace(discrepancy.title)}"
    claims = index.discrepancy_claims(discrepancy)
    first = claims[0] if claims else None
    path = index.path_of(first.article) if first is not None else None
    if first is None or path is None:
        return command(level, _message(discrepancy, index), title=title)
    return command(level, _message(discrepancy, index), file=path, line=first.line, title=title)


def render_github(report: Report, *, max_annotations: int = 10) -> str:
    """Workflow commands for one report, at most `max_annotations` per level, then a notice."""
    index = ReportIndex.of(report)
    discrepancies = sorted_discrepancies(report)
    wanted = Counter(LEVELS.get(d.severity, "warning") for d in discrepancies)
    caps = {level: max_annotations for level in LEVELS.values()}
    if any(count > max_annotations for count in wanted.values()):
        # The closing summary is a notice too: keep a slot for it so it is never the one dropped.
        caps["notice"] = max(max_annotations - 1, 0)
    shown: Counter[str] = Counter()
    left_out: Counter[str] = Counter()
    lines: list[str] = []
    for discrepancy in discrepancies:
        level = LEVELS.get(discrepancy.severity, "warning")
        if shown[level] >= caps[level]:
            left_out[level] += 1
            continue
        shown[level] += 1
        lines.append(annotation(discrepancy, index))
    if left_out:
        counts = ", ".join(
            plural(left_out[level], level) for level in ("error", "warning", "notice")
            if left_out[level]
        )
        total = sum(left_out.values())
        lines.append(command(
            "notice",
            f"factcheck: {plural(total, 'more discrepancy')} in story"
            f" {report.story.id} not annotated "
            f"({counts}); GitHub shows only {max_annotations} per level. See the full report.",
            title="factcheck: annotations left out",
        ))
    return "".join(line + "\n" for line in lines)
