"""SARIF 2.1.0 output: valid against the official OASIS schema, with stable fingerprints."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_report_fixture import (
    RULES,
    assert_golden,
    build_report,
    originals_by_path,
)

from factcheck.models import Report, SetAside
from factcheck.report import RuleInfo, render, render_sarif, rule_infos

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-2.1.0.schema.json"


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(
        schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    validator.validate(document)


def sarif(report: Report | None = None, **kwargs: Any) -> dict[str, Any]:
    return json.loads(render_sarif([report or build_report()], RULES, **kwargs))


def test_validates_against_the_official_schema() -> None:
    validate(sarif(originals=originals_by_path()))
    validate(sarif())
    validate(json.loads(render_sarif([])))


def test_schema_catches_a_broken_log() -> None:
    # Negative case: the schema really is checking our output.
    document = sarif()
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_matches_golden_file() -> None:
    assert_golden(
        "river-bridge.sarif",
        render_sarif([build_report()], RULES, originals=originals_by_path()),
    )


def test_one_run_with_rule_metadata() -> None:
    document = sarif()
    assert document["version"] == "2.1.0"
    [run] = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert rules["duration-agree"]["shortDescription"]["text"] == (
        "Durations of one event must agree"
    )
    assert rules["duration-agree"]["defaultConfiguration"]["level"] == "error"
    assert rules["count-agree"]["defaultConfiguration"]["level"] == "warning"
    assert "overlapping" in rules["duration-agree"]["fullDescription"]["text"]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_one_result_per_discrepancy_with_one_location_per_claim() -> None:
    results = sarif()["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("duration-agree", "error"), ("count-agree", "warning"),
    ]
    duration = results[0]
    assert duration["message"]["text"].startswith("How long the rescue lasted. Valley Courier")
    assert len(duration["locations"]) == 4
    physical = duration["locations"][1]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "inputs/river-bridge/wire.txt", "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"]["startLine"] == 3
    assert "startColumn" not in physical["region"]


def test_columns_come_from_the_original_text() -> None:
    results = sarif(originals=originals_by_path())["runs"][0]["results"]
    regions = {
        location["physicalLocation"]["artifactLocation"]["uri"]:
        location["physicalLocation"]["region"]
        for location in results[0]["locations"]
    }
    # "six hours" starts the third line of the wire story.
    assert regions["inputs/river-bridge/wire.txt"] == {
        "startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 10,
        "snippet": {"text": "six hours"},
    }
    # "two\nhours" is hard-wrapped: the region spans two lines.
    evening = regions["inputs/river-bridge/evening.txt"]
    assert (evening["startLine"], evening["startColumn"]) == (3, 20)
    assert (evening["endLine"], evening["endColumn"]) == (4, 6)


def test_columns_are_omitted_when_the_original_no_longer_matches() -> None:
    changed = {path: "rewritten\n" * 5 for path in originals_by_path()}
    results = sarif(originals=changed)["runs"][0]["results"]
    for location in results[0]["locations"]:
        assert "startColumn" not in location["physicalLocation"]["region"]


def test_fingerprints_ignore_offsets_and_line_numbers() -> None:
    report = build_report()
    moved = report.model_copy(update={
        "claims": [
            claim.model_copy(update={
                "start": claim.start + 500, "end": claim.end + 500, "line": claim.line + 20,
                "id": claim.id,
            })
            for claim in report.claims
        ],
    })
    before = [r["partialFingerprints"] for r in sarif(report)["runs"][0]["results"]]
    after = [r["partialFingerprints"] for r in sarif(moved)["runs"][0]["results"]]
    assert before == after
    assert before[0] != before[1]


def test_fingerprint_changes_when_an_outlet_changes_its_words() -> None:
    report = build_report()
    reworded = report.model_copy(update={
        "claims": [
            claim.model_copy(update={"text": "three hours"}) if claim.article == "evening"
            else claim
            for claim in report.claims
        ],
    })
    before = sarif(report)["runs"][0]["results"][0]["partialFingerprints"]
    after = sarif(reworded)["runs"][0]["results"][0]["partialFingerprints"]
    assert before != after
    # Case and hard wraps are not changes in what was said.
    rewrapped = report.model_copy(update={
        "claims": [
            claim.model_copy(update={"text": claim.text.upper().replace("\n", " ")})
            for claim in report.claims
        ],
    })
    assert sarif(rewrapped)["runs"][0]["results"][0]["partialFingerprints"] == before


def test_several_stories_share_one_run() -> None:
    first = build_report()
    second = first.model_copy(update={"story": first.story.model_copy(update={"id": "other"})})
    document = json.loads(render_sarif([second, first], RULES))
    validate(document)
    assert len(document["runs"]) == 1
    stories = [r["properties"]["story"] for r in document["runs"][0]["results"]]
    assert stories == ["other", "other", "river-bridge", "river-bridge"]


def test_rules_missing_from_the_metadata_get_a_stub() -> None:
    document = json.loads(render_sarif([build_report()]))
    validate(document)
    ids = [rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == ["count-agree", "duration-agree"]


def test_rule_infos_reads_rule_engine_objects_by_duck_typing() -> None:
    class EngineRule:
        def __init__(self, rule_id: str, severity: str) -> None:
            self.id = rule_id
            self.title = "Quote wording must match"
            self.description = "Outlets quoting the same speaker\n  must quote the same words."
            self.message = "{outlets} disagree on {about}"
            self.severity = severity

    class EngineRuleSet:
        def __init__(self) -> None:
            self.rules = {
                "q": EngineRule("quote-match", "info"), "x": EngineRule("odd", "critical"),
            }

    infos = rule_infos(EngineRuleSet())
    assert infos == [
        RuleInfo(id="quote-match", title="Quote wording must match",
                 description="Outlets quoting the same speaker must quote the same words.",
                 severity="info"),
        RuleInfo(id="odd", title="Quote wording must match",
                 description="Outlets quoting the same speaker must quote the same words.",
                 severity="warning"),
    ]
    engine_rule = EngineRule("no-description", "error")
    del engine_rule.description
    assert rule_infos([engine_rule])[0].description == "Quote wording must match"
    assert rule_infos(None) == []
    assert rule_infos(RULES) == RULES


def test_render_dispatch() -> None:
    text = render(build_report(), "sarif", rules=RULES, originals=originals_by_path())
    assert text == render_sarif([build_report()], RULES, originals=originals_by_path())


def _with_set_aside() -> Report:
    """The fixture with its first discrepancy waived, its second in the baseline, and a third
    entry that only the outlets disagree on (a pre-publication check's kind)."""
    report = build_report()
    first, second, *rest = report.discrepancies
    return report.model_copy(update={
        "discrepancies": rest,
        "set_aside": [
            SetAside(status="waived", discrepancy=first, reason="Confirmed with the desk",
                     accepted_by="night editor", accepted_on=date(2025, 3, 1),
                     waiver="waivers.yaml:4"),
            SetAside(status="known", discrepancy=second),
            SetAside(status="outlets", discrepancy=second.model_copy(update={"id": "d-outlets"})),
        ],
    })


def test_set_aside_findings_are_suppressed_results_not_dropped() -> None:
    report = _with_set_aside()
    document = sarif(report, originals=originals_by_path())
    validate(document)
    results = document["runs"][0]["results"]
    by_id = {result["properties"]["discrepancyId"]: result for result in results}
    waived, known = report.set_aside[0].discrepancy, report.set_aside[1].discrepancy
    assert by_id[waived.id]["suppressions"] == [{
        "kind": "external", "justification": "Confirmed with the desk",
        "properties": {"status": "waived", "acceptedBy": "night editor",
                       "acceptedOn": "2025-03-01", "waiver": "waivers.yaml:4"},
    }]
    assert by_id[known.id]["suppressions"][0]["justification"] == "in baseline"
    assert by_id[known.id]["suppressions"][0]["kind"] == "external"
    # the pre-publication kind is no finding of the draft: not a result at all
    assert "d-outlets" not in by_id
    # open findings carry no suppression, and the suppressed keep their fingerprints
    open_ids = {d.id for d in report.discrepancies}
    assert all("suppressions" not in by_id[i] for i in open_ids)
    assert len(results) == len(open_ids) + 2
    unsuppressed = sarif(build_report())["runs"][0]["results"]
    before = {r["properties"]["discrepancyId"]: r["partialFingerprints"] for r in unsuppressed}
    assert by_id[waived.id]["partialFingerprints"] == before[waived.id]


def test_suppressed_golden_file() -> None:
    assert_golden(
        "river-bridge-suppressed.sarif",
        render_sarif([_with_set_aside()], RULES, originals=originals_by_path()),
    )
