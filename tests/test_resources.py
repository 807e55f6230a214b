"""Data tables are checked against their schemas, and a broken one says where it is broken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck import resources
from factcheck.errors import InputError

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"more_than": {"type": "number"}, "less_than": {"type": "number"}},
}


def package_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, schema: bool = True
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "widths.yaml").write_text(table, encoding="utf-8")
    if schema:
        (data / "widths.schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    monkeypatch.setattr(resources.resources, "files", lambda package: tmp_path)
    resources.load_table.cache_clear()


def test_a_mistyped_key_is_named_with_its_line_and_a_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package_at(tmp_path, monkeypatch, "less_than: 0.1\nmote_than: 0.2\n")
    try:
        with pytest.raises(InputError) as raised:
            resources.load_table("widths")
    finally:
        resources.load_table.cache_clear()
    error = raised.value
    assert (error.file, error.line) == ("factcheck/data/widths.yaml", 2)
    assert "did you mean 'more_than'" in str(error)


def test_a_valid_table_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package_at(tmp_path, monkeypatch, "more_than: 0.2\n")
    try:
        assert resources.load_table("widths") == {"more_than": 0.2}
    finally:
        resources.load_table.cache_clear()


def test_a_table_without_its_schema_is_an_error_not_a_silent_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What an install whose wheel left out the schemas looked like: the table loaded unchecked.
    package_at(tmp_path, monkeypatch, "more_than: 0.2\n", schema=False)
    try:
        with pytest.raises(InputError) as raised:
            resources.load_table("widths")
    finally:
        resources.load_table.cache_clear()
    assert raised.value.file == "factcheck/data/widths.yaml"
    assert "no schema widths.schema.json" in str(raised.value)


def test_every_shipped_table_is_valid() -> None:
    data = Path(resources.__file__).parent / "data"
    shipped = sorted(path.stem for path in data.glob("*.yaml"))
    assert len(shipped) >= 10
    assert all((data / f"{name}.schema.json").is_file() for name in shipped)
    for name in shipped:
        assert resources.load_table(name) is not None
