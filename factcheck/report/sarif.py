"""SARIF 2.1.0, so code-scanning dashboards and CI can track discrepancies like lint findings.

One run for all stories; one result per discrepancy, with one location per claim. Dashboards
match results across runs by `partialFingerprints`, so the fingerprint is built from what a
discrepancy *is* (its rule and which outlet said which words) and never from offsets or line
numbers, which change whenever an unrelated paragraph is added above a claim.

Discrepancies a baseline or a waiver set aside are results too, each with an external
suppression whose justification is the waiver's reason (or "in baseline"): a dashboard that
lost them would show them as fixed, and one that sees them suppressed keeps them on record.
Set-aside entries of a pre-publication check that the draft takes no part in are not findings
of the draft at all, and are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.models import Claim, Discrepancy, Report, SetAside, Severity
from factcheck.report.common import (
    ReportIndex,
    collapse_whitespace,
    normalised_claim_text,
    sorted_discrepancies,
    stable_hash,
)

SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "factcheckDiscrepancy/v1"
LEVELS: dict[str, str] = {"error": "error", "warning": "warning", "info": "note"}


@dataclass(frozen=True)
class RuleInfo:
    """What SARIF viewers show about a rule; the rules engine knows it, the report does not."""

    id: str
    title: str
    description: str
    severity: Severity = "warning"


def rule_infos(rules: object) -> list[RuleInfo]:
    """Rule metadata from a sequence of `RuleInfo`, or from the rules engine's objects.

    Accepts anything iterable (or with a `rules` attribute holding a list or a dict of rules)
    whose items have `id` and optionally `title`, `description` and `severity`,
    so the report does not depend on the rules package's classes.
    """
    if rules is None:
        return []
    items: object = getattr(rules, "rules", rules)
    if isinstance(items, Mapping):
        items = list(items.values())
    if not isinstance(items, Iterable):
        return []
    infos: list[RuleInfo] = []
    for item in items:
        if isinstance(item, RuleInfo):
            infos.append(item)
            continue
        rule_id = getattr(item, "id", None)
        if not isinstance(rule_id, str):
            continue
        title = _text_attribute(item, "title") or rule_id
        # A rule's `message` is a template for findings, not a description, so it is not used.
        description = _text_attribute(item, "description") or title
        severity = getattr(item, "severity", "warning")
        infos.append(RuleInfo(
            id=rule_id, title=title, description=description,
            severity=severity if severity in LEVELS else "warning",
        ))
    return infos


def _text_attribute(item: object, name: str) -> str | None:
    value = getattr(item, name, None)
    return collapse_whitespace(value) if isinstance(value, str) and value.strip() else None


def fingerprint(discrepancy: Discrepancy, index: ReportIndex) -> str:
    """Rule id plus the sorted (outlet, claim words) pairs: stable across re-runs and edits
    elsewhere in the articles, different when an outlet changes what it says."""
    pairs = sorted(
        f"{index.outlet_of(claim)}\x1e{normalised_claim_text(claim.text)}"
        for claim in index.discrepancy_claims(discrepancy)
    )
    return stable_hash(discrepancy.rule, *pairs)[:32]


def _uri(path: str) -> str:
    return quote(path, safe="/-._~")


def _region(claim: Claim, original: str | None) -> dict[str, Any]:
    """Line always; columns only when the original text is given and still holds the claim.

    Columns count code points (declared in `columnKind`); the end column is one past the end.
    """
    region: dict[str, Any] = {"startLine": claim.line}
    if original is not None and original[claim.start:claim.end] == claim.text and claim.text:
        start_line_start = original.rfind("\n", 0, claim.start) + 1
        last = claim.end - 1
        end_line_start = original.rfind("\n", 0, last) + 1
        region["startColumn"] = claim.start - start_line_start + 1
        region["endLine"] = claim.line + original.count("\n", claim.start, last)
        region["endColumn"] = last - end_line_start + 2
    region["snippet"] = {"text": claim.text}
    return region


def _original_for(
    claim: Claim, index: ReportIndex, originals: Mapping[str, str] | None
) -> str | None:
    if not originals:
        return None
    path = index.path_of(claim.article)
    if path is not None and path in originals:
        return originals[path]
    return originals.get(claim.article)


def _result(
    discrepancy: Discrepancy,
    report: Report,
    index: ReportIndex,
    rule_index: dict[str, int],
    originals: Mapping[str, str] | None,
) -> dict[str, Any]:
    values = {
        claim_id: position.value
        for position in discrepancy.positions for claim_id in position.claims
    }
    locations = []
    for claim in index.discrepancy_claims(discrepancy):
        path = index.path_of(claim.article)
        physical: dict[str, Any] = {
            "artifactLocation": {"uri": _uri(path or claim.article), "uriBaseId": SOURCE_ROOT},
            "region": _region(claim, _original_for(claim, index, originals)),
        }
        locations.append({
            "physicalLocation": physical,
            "message": {"text": f"{index.outlet_of(claim)}: {values.get(claim.id, claim.text)}"},
        })
    message = collapse_whitespace(f"{discrepancy.title}. {discrepancy.summary}")
    result: dict[str, Any] = {
        "ruleId": discrepancy.rule,
        "ruleIndex": rule_index[discrepancy.rule],
        "level": LEVELS.get(discrepancy.severity, "warning"),
        "kind": "fail",
        "message": {"text": message},
        "locations": locations,
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(discrepancy, index)},
        "properties": {
            "story": report.story.id,
            "discrepancyId": discrepancy.id,
            "verdict": discrepancy.verdict,
            "severity": discrepancy.severity,
        },
    }
    if discrepancy.explanation:
        result["properties"]["explanation"] = collapse_whitespace(discrepancy.explanation)
    return result


# Set-aside statuses that are accepted findings, hence suppressed results in SARIF.
SUPPRESSED_STATUSES = ("known", "waived")


def suppression(entry: SetAside) -> dict[str, Any]:
    """SARIF's record of why a result is not acted on; 'external' since the acceptance lives
    in a baseline or waiver file, not in the articles."""
    default = "in baseline" if entry.status == "known" else "waived"
    record: dict[str, Any] = {
        "kind": "external",
        "justification": collapse_whitespace(entry.reason) if entry.reason else default,
    }
    properties = {
        key: value for key, value in (
            ("status", entry.status),
            ("acceptedBy", entry.accepted_by),
            ("acceptedOn", entry.accepted_on.isoformat() if entry.accepted_on else None),
            ("waiver", entry.waiver),
        ) if value is not None
    }
    record["properties"] = properties
    return record


def _suppressed_results(
    report: Report, index: ReportIndex, rule_index: dict[str, int],
    originals: Mapping[str, str] | None,
) -> list[dict[str, Any]]:
    entries = sorted(
        (entry for entry in report.set_aside if entry.status in SUPPRESSED_STATUSES),
        key=lambda entry: (entry.discrepancy.rule, entry.discrepancy.id),
    )
    results = []
    for entry in entries:
        result = _result(entry.discrepancy, report, index, rule_index, originals)
        result["suppressions"] = [suppression(entry)]
        results.append(result)
    return results


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.description},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
    }


def sarif_log(
    reports: Sequence[Report],
    rules: Sequence[RuleInfo] = (),
    originals: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The SARIF log as data; rules the discrepancies use but `rules` lacks get a stub entry."""
    known = {rule.id: rule for rule in rules}
    for report in reports:
        suppressed = [
            entry.discrepancy for entry in report.set_aside if entry.status in SUPPRESSED_STATUSES
        ]
        for discrepancy in [*report.discrepancies, *suppressed]:
            if discrepancy.rule not in known:
                known[discrepancy.rule] = RuleInfo(
                    id=discrepancy.rule, title=discrepancy.rule,
                    description=f"factcheck rule {discrepancy.rule}",
                    severity=discrepancy.severity,
                )
    ordered = sorted(known.values(), key=lambda rule: rule.id)
    rule_index = {rule.id: position for position, rule in enumerate(ordered)}
    results = []
    for report in sorted(reports, key=lambda report: report.story.id):
        index = ReportIndex.of(report)
        results.extend(
            _result(discrepancy, report, index, rule_index, originals)
            for discrepancy in sorted_discrepancies(report)
        )
        results.extend(_suppressed_results(report, index, rule_index, originals))
    driver = {
        "name": "factcheck",
        "version": __version__,
        "rules": [_descriptor(rule) for rule in ordered],
    }
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render_sarif(
    reports: Sequence[Report],
    rules: Sequence[RuleInfo] | object = (),
    *,
    originals: Mapping[str, str] | None = None,
) -> str:
    """SARIF text; `originals` maps an article path (or id) to its original text for columns."""
    log = sarif_log(reports, rule_infos(rules), originals)
    return json.dumps(log, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
