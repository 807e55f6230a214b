"""`report.json` is the `Report` contract: valid against its schema, stable, round-trippable."""

from __future__ import annotations

import json

import jsonschema
from test_report_fixture import assert_golden, build_report

from factcheck.models import Report
from factcheck.report import render, render_json


def test_validates_against_the_report_schema() -> None:
    schema = Report.model_json_schema(mode="serialization")
    document = json.loads(render_json(build_report()))
    jsonschema.Draft202012Validator(schema).validate(document)


def test_schema_rejects_a_broken_document() -> None:
    # Negative case: the validation above can fail.
    schema = Report.model_json_schema(mode="serialization")
    document = json.loads(render_json(build_report()))
    document["discrepancies"][0]["severity"] = "catastrophic"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document))


def test_round_trips_to_the_same_report_content() -> None:
    report = build_report()
    again = Report.model_validate_json(render_json(report))
    assert {claim.id for claim in again.claims} == {claim.id for claim in report.claims}
    assert render_json(again) == render_json(report)


def test_is_stable_whatever_the_input_order() -> None:
    report = build_report()
    shuffled = report.model_copy(update={
        "claims": list(reversed(report.claims)),
        "articles": list(reversed(report.articles)),
    })
    text = render_json(report)
    assert text == render_json(shuffled)
    assert text.endswith("}\n")
    claims = json.loads(text)["claims"]
    assert [(c["article"], c["start"]) for c in claims] == sorted(
        (c["article"], c["start"]) for c in claims
    )


def test_render_dispatch_and_golden() -> None:
    text = render(build_report(), "json")
    assert text == render_json(build_report())
    assert_golden("river-bridge.json", text)
