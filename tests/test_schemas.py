"""The committed JSON Schemas are the published contract: they must match the models."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.schemas import render_schemas

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@pytest.mark.parametrize("file_name", sorted(render_schemas()))
def test_committed_schema_matches_models(file_name: str) -> None:
    committed = (SCHEMA_DIR / file_name).read_text(encoding="utf-8")
    assert committed == render_schemas()[file_name], (
        f"schemas/{file_name} drifted from the models: run `factcheck schema` and commit"
    )


def test_schema_names_cover_the_contracts() -> None:
    assert {"story.schema.json", "report.schema.json", "rules.schema.json"} <= set(
        render_schemas()
    )
