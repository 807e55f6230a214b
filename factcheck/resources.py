"""Data tables (hedges, number words, day parts, ...) live as YAML in `factcheck/data/`.

They are loaded once and validated against a JSON Schema stored beside them
(`<name>.schema.json`), so that a typo in a table (HeidelTime's `MOTE_THAN`) fails loudly at
load time instead of silently never matching.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import yaml

from factcheck.errors import InputError


@cache
def load_table(name: str) -> Any:
    """Load `factcheck/data/<name>.yaml`, validated by `<name>.schema.json` when present."""
    data_dir = resources.files("factcheck") / "data"
    source = data_dir / f"{name}.yaml"
    path = f"factcheck/data/{name}.yaml"
    try:
        table = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(
            f"invalid YAML: {error}", file=path,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
        ) from error
    schema_file = data_dir / f"{name}.schema.json"
    if schema_file.is_file():
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        errors = sorted(
            jsonschema.Draft202012Validator(schema).iter_errors(table), key=lambda e: e.path
        )
        if errors:
            first = errors[0]
            where = "/".join(str(p) for p in first.absolute_path) or "(top)"
            raise InputError(f"{where}: {first.message}", file=path)
    return table
