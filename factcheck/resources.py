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

from factcheck.errors import InputError
from factcheck.yamlsource import load_yaml, validate


@cache
def load_table(name: str) -> Any:
    """Load `factcheck/data/<name>.yaml`, validated by `<name>.schema.json` beside it.

    Read through `yamlsource`, as manifests and rule files are, so a broken table is reported
    at its file, line and column, with "did you mean" for a mistyped key. A missing schema is
    an error, not a reason to skip the check: an install that lost its schemas (a wheel built
    without them) would otherwise run on tables nobody validated, and nobody would know.
    """
    data_dir = resources.files("factcheck") / "data"
    path = f"factcheck/data/{name}.yaml"
    document = load_yaml((data_dir / f"{name}.yaml").read_text(encoding="utf-8"), path)
    schema_file = data_dir / f"{name}.schema.json"
    if not schema_file.is_file():
        raise InputError(
            f"no schema {name}.schema.json beside the table: the installed package is"
            " incomplete; reinstall factcheck", file=path,
        )
    errors = validate(document, json.loads(schema_file.read_text(encoding="utf-8")))
    if errors:
        raise errors[0]
    return document.data
