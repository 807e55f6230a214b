"""YAML positions and schema errors: every message names file, line and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from factcheck.errors import InputError
from factcheck.models import StoryManifest
from factcheck.yamlsource import load_yaml, load_yaml_file, validate

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "tolerance": {"type": "number"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "weight": {"type": "integer"}},
            },
        },
    },
}


def test_data_is_what_safe_load_gives() -> None:
    doc = load_yaml("name: flood\nitems:\n  - id: a\n    weight: 3\n", "x.yaml")
    assert doc.data == {"name": "flood", "items": [{"id": "a", "weight": 3}]}
    assert doc.file == "x.yaml"


def test_empty_document_has_no_data() -> None:
    doc = load_yaml("", "empty.yaml")
    assert doc.data is None
    assert validate(doc, {"type": "object"})[0].line == 1


def test_locate_keys_items_and_missing_paths() -> None:
    text = "name: flood\nitems:\n  - id: a\n    weight: 3\n  - id: b\n"
    doc = load_yaml(text, "x.yaml")
    assert doc.locate(["name"]) == (1, 1)
    assert doc.locate(["name"], value=True) == (1, 7)
    assert doc.locate(["items", 0, "weight"]) == (4, 5)
    assert doc.locate(["items", 1]) == (5, 5)
    assert doc.locate(["items", 1, "id"], value=True) == (5, 9)
    # Missing: nearest existing parent.
    assert doc.locate(["items", 1, "weight"]) == (5, 5)
    assert doc.locate(["items", 7, "id"]) == (2, 1)
    assert doc.locate(["nothing"]) == (1, 1)


def test_syntax_error_has_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml("name: flood\nitems: [a, b\nother: 1\n", "bad.yaml")
    error = caught.value
    assert error.file == "bad.yaml"
    assert error.line == 3
    assert error.column is not None
    assert str(error).startswith("bad.yaml:3:")


@pytest.mark.parametrize(
    ("text", "where", "value"),
    [
        ("name: flood\nitems:\n  - id: a\n    on: 2025-13-45\n", "bad.yaml:4:9",
         "(2025-13-45): month must be in 1..12"),
        ("published: 2024-02-30\n", "bad.yaml:1:12", "(2024-02-30): day is out of range"),
        ("a: 2024-02-28\nb: [2024-02-29, 2023-02-29]\n", "bad.yaml:2:17", "(2023-02-29)"),
    ],
)
def test_impossible_dates_are_errors_at_their_value(text: str, where: str, value: str) -> None:
    # YAML reads an unquoted date as a date; one the calendar lacks used to be a traceback.
    with pytest.raises(InputError) as caught:
        load_yaml(text, "bad.yaml")
    assert str(caught.value).startswith(f"{where}: invalid YAML value {value}")


def test_possible_dates_still_load() -> None:
    assert load_yaml("a: 2024-02-29\n", "ok.yaml").data == {"a": date(2024, 2, 29)}


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml("x: !!python/object/apply:os.system ['true']\n", "evil.yaml")
    assert caught.value.line == 1


def test_unknown_key_suggests_the_close_one_at_its_position() -> None:
    doc = load_yaml("name: flood\ntolerence: 2\n", "rules/story.yaml")
    errors = validate(doc, SCHEMA)
    assert len(errors) == 1
    assert str(errors[0]) == (
        "rules/story.yaml:2:1: unknown key 'tolerence' (did you mean 'tolerance'?)"
    )


def test_unknown_key_without_close_match_lists_the_known_ones() -> None:
    doc = load_yaml("items:\n  - id: a\n    colour: red\n", "x.yaml")
    [error] = validate(doc, SCHEMA)
    assert (error.line, error.column) == (3, 5)
    assert "unknown key 'colour'" in error.message
    assert "expected one of: id, weight" in error.message
    assert "did you mean" not in error.message


def test_all_errors_are_reported_sorted_by_line() -> None:
    text = "items:\n  - weight: many\n  - id: 4\nnmae: x\n"
    errors = validate(load_yaml(text, "x.yaml"), SCHEMA)
    lines = [e.line for e in errors]
    assert lines == sorted(lines)
    messages = " | ".join(e.message for e in errors)
    assert "'id' is a required property" in messages
    assert "'many' is not of type 'integer'" in messages
    assert "unknown key 'nmae' (did you mean 'name'?)" in messages
    type_error = next(e for e in errors if "many" in e.message)
    assert (type_error.line, type_error.column) == (2, 13)
    assert len(errors) == 4


def test_manifest_schema_union_types_read_well() -> None:
    schema = StoryManifest.model_json_schema()
    doc = load_yaml("title: x\narticles:\n  - file: a.txt\n    outlet: 12\n", "story.yaml")
    [error] = validate(doc, schema)
    assert (error.line, error.column) == (4, 13)
    assert "expected string or null, found integer 12" in error.message
    assert error.message.startswith("articles[0].outlet: ")


def test_valid_manifest_has_no_errors() -> None:
    schema = StoryManifest.model_json_schema()
    text = "title: Storm\ntimezone: Europe/Lisbon\narticles:\n  - file: a.md\n    outlet: X\n"
    assert validate(load_yaml(text, "story.yaml"), schema) == []


def test_load_yaml_file_reads_bom_and_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes("\ufeffname: été\n".encode())
    doc = load_yaml_file(path, "shown/t.yaml")
    assert doc.data == {"name": "été"}
    assert doc.file == "shown/t.yaml"


def test_load_yaml_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        load_yaml_file(tmp_path / "nope.yaml", "nope.yaml")
    assert missing.value.file == "nope.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: \xff\xfe\n")
    with pytest.raises(InputError) as undecodable:
        load_yaml_file(bad, "bad.yaml")
    assert undecodable.value.line == 2
