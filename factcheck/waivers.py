"""Waivers: a person accepts one discrepancy, in writing, with a reason and a date.

Unlike a baseline, which accepts everything found on one day, a waiver names one discrepancy
(by fingerprint, or by rule plus the exact set of outlets involved) and must say why, who
accepted it and when; an entry missing any of these is an error at its line, so a waiver can
never be added silently. Matching by rule plus outlets uses the whole set of outlets, so a
further outlet joining the disagreement makes a new finding instead of being waived with it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from factcheck.errors import InputError, validation_message
from factcheck.models import Contract, Discrepancy, Report, SetAside
from factcheck.report.common import ReportIndex
from factcheck.yamlsource import YamlDocument, load_yaml_file, validate

WAIVERS_FILE = "waivers.yaml"


class Waiver(Contract):
    """One accepted discrepancy."""

    fingerprint: str | None = Field(default=None, description="As in report.json or SARIF.")
    rule: str | None = Field(default=None, description="Rule id, with `outlets`.")
    outlets: list[str] | None = Field(
        default=None, description="Every outlet of the discrepancy (order and case do not matter)."
    )
    story: str | None = Field(default=None, description="Limit the waiver to one story id.")
    reason: str = Field(min_length=1, description="Why the discrepancy is acceptable.")
    accepted_by: str = Field(min_length=1, description="Who accepted it.")
    accepted_on: date = Field(description="When, as an ISO date: 2025-03-14.")
    source: str | None = Field(default=None, exclude=True)

    def matches(self, story_id: str, discrepancy: Discrepancy, index: ReportIndex) -> bool:
        if self.story is not None and self.story != story_id:
            return False
        if self.fingerprint is not None:
            return discrepancy.fingerprint == self.fingerprint
        if self.rule != discrepancy.rule or self.outlets is None:
            return False
        named = {outlet.casefold() for outlet in self.outlets}
        involved = {
            index.outlet_of(claim).casefold() for claim in index.discrepancy_claims(discrepancy)
        }
        return named == involved


class WaiversFile(Contract):
    waivers: list[Waiver] = Field(default_factory=list)


def waivers_schema() -> dict[str, Any]:
    schema = WaiversFile.model_json_schema()
    # `source` is filled by the loader, never written by a user.
    schema["$defs"]["Waiver"]["properties"].pop("source", None)
    return schema


def _iso_dates(data: Any) -> Any:
    """YAML reads an unquoted 2025-03-14 as a date; JSON Schema only knows strings."""
    if isinstance(data, dict):
        return {key: _iso_dates(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_iso_dates(value) for value in data]
    if isinstance(data, date | datetime):
        return data.isoformat()
    return data


def parse_waivers(doc: YamlDocument) -> list[Waiver]:
    """Every waiver of a parsed file; all problems are collected and raised as one error whose
    message lists each at its file:line:col."""
    doc = YamlDocument(data=_iso_dates(doc.data if doc.data is not None else {}),
                       file=doc.file, root=doc.root)
    errors = validate(doc, waivers_schema())
    waivers: list[Waiver] = []
    if not errors:
        for position, entry in enumerate(doc.data.get("waivers", [])):
            line, column = doc.locate(["waivers", position], value=True)
            if not entry.get("fingerprint") and not (entry.get("rule") and entry.get("outlets")):
                errors.append(InputError(
                    f"waivers[{position}]: name the discrepancy by 'fingerprint' or by 'rule'"
                    " and 'outlets'", file=doc.file, line=line, column=column))
                continue
            try:
                waiver = Waiver.model_validate(entry)
            except ValidationError as error:
                first = error.errors()[0]
                field = ".".join(str(part) for part in first["loc"])
                line, column = doc.locate(["waivers", position, *first["loc"]], value=True)
                message = validation_message(first)
                errors.append(InputError(f"waivers[{position}].{field}: {message}",
                                         file=doc.file, line=line, column=column))
                continue
            waivers.append(waiver.model_copy(update={"source": f"{doc.file}:{line}"}))
    if errors:
        first = errors[0]
        rest = "".join(f"\n{error}" for error in errors[1:])
        raise InputError(first.message + rest, file=first.file, line=first.line,
                         column=first.column)
    return waivers


def load_waivers(path: Path) -> list[Waiver]:
    return parse_waivers(load_yaml_file(path, path.as_posix()))


def apply_waivers(report: Report, waivers: Sequence[Waiver]) -> Report:
    """The report with waived discrepancies moved to `set_aside`, each with its waiver."""
    if not waivers:
        return report
    index = ReportIndex.of(report)
    kept = []
    set_aside = list(report.set_aside)
    for discrepancy in report.discrepancies:
        waiver = next((w for w in waivers if w.matches(report.story.id, discrepancy, index)), None)
        if waiver is None:
            kept.append(discrepancy)
            continue
        set_aside.append(SetAside(
            status="waived", discrepancy=discrepancy, reason=waiver.reason,
            accepted_by=waiver.accepted_by, accepted_on=waiver.accepted_on,
            waiver=waiver.source,
        ))
    return report.model_copy(update={"discrepancies": kept, "set_aside": set_aside})


def waivers_used(report: Report) -> set[str]:
    """The sources (file:line) of the waivers that set aside a discrepancy of this report."""
    return {item.waiver for item in report.set_aside
            if item.status == "waived" and item.waiver is not None}


def unused_waivers(
    waivers: Iterable[Waiver], used: Collection[str], stories: Collection[str], *,
    every_story_read: bool,
) -> list[Waiver]:
    """The waivers that matched no discrepancy of a run: a fixed article, a reworded finding
    or a typo in a fingerprint leaves one behind, and a stale waiver would silently accept
    the next, different finding that happens to match it.

    Only what the run could judge: a waiver for one story counts when that story was
    reported (`stories`), any other only when no story of the run failed to load.
    """
    return [
        waiver for waiver in waivers
        if waiver.source is not None and waiver.source not in used
        and (waiver.story in stories if waiver.story is not None else every_story_read)
    ]


def describe_waiver(waiver: Waiver) -> str:
    """What a waiver names, for a message about it."""
    if waiver.fingerprint is not None:
        what = f"fingerprint {waiver.fingerprint}"
    else:
        what = f"rule {waiver.rule}, outlets {', '.join(waiver.outlets or [])}"
    return what + (f", story {waiver.story}" if waiver.story is not None else "")
