"""The published JSON Schemas: the contracts other tools can validate against.

`factcheck schema` writes them to `schemas/`; a test regenerates them in memory and fails when
the committed files drift from the models, so the published contract can never lie.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from factcheck.models import Report, StoryManifest

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _models() -> dict[str, type[BaseModel]]:
    from factcheck.rules.schema import RuleFile

    return {"story": StoryManifest, "report": Report, "rules": RuleFile}


def schema_of(name: str) -> dict[str, Any]:
    model = _models()[name]
    schema = model.model_json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, "$id": f"{name}.schema.json", **schema}


def render_schemas() -> dict[str, str]:
    """File name -> text, exactly as `factcheck schema` writes it."""
    return {
        f"{name}.schema.json": json.dumps(schema_of(name), indent=2, sort_keys=True) + "\n"
        for name in _models()
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in render_schemas().items():
        path = out_dir / file_name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
