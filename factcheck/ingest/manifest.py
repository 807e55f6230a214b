"""The story manifest (`story.yaml`) and article metadata: validated, with positions.

Metadata decides how every relative date in an article is read, so a typo must fail loudly and
point at itself ("story.yaml:7:5: unknown key 'publised' (did you mean 'published'?)"). Dates
and zones are checked here, once, so that later stages can trust them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from factcheck.errors import InputError
from factcheck.models import ArticleEntry, StoryManifest
from factcheck.yamlsource import PathElement, YamlDocument, load_yaml_file, validate

MANIFEST_NAME = "story.yaml"
DATE_FIELDS = ("published", "reference_time")


class ManifestError(InputError):
    """Every problem of one manifest: the first is the headline, all are listed."""

    def __init__(self, errors: Sequence[InputError]) -> None:
        first = errors[0]
        message = first.message
        if len(errors) > 1:
            message += "; " + "; ".join(str(error) for error in errors[1:])
        super().__init__(message, file=first.file, line=first.line, column=first.column)
        self.errors = list(errors)


@cache
def manifest_schema() -> dict[str, Any]:
    return StoryManifest.model_json_schema()


@cache
def front_matter_schema() -> dict[str, Any]:
    """A manifest entry without `file`: what an article may say about itself."""
    schema = ArticleEntry.model_json_schema()
    properties = {k: v for k, v in schema["properties"].items() if k != "file"}
    required = [k for k in schema.get("required", []) if k != "file"]
    return {**schema, "properties": properties, "required": required}


def stringify_dates(data: Any) -> Any:
    """YAML reads an unquoted `2024-06-19` as a date; the contract wants the text the user wrote."""
    if isinstance(data, dict):
        return {key: stringify_dates(value) for key, value in data.items()}
    if isinstance(data, list):
        return [stringify_dates(value) for value in data]
    if isinstance(data, datetime | date):
        return data.isoformat()
    return data


def load_manifest(story_dir: Path, display: str) -> tuple[StoryManifest, YamlDocument] | None:
    """The story's manifest, or None when the folder has none; invalid -> `ManifestError`."""
    path = story_dir / MANIFEST_NAME
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_dir():
        raise InputError("is a folder, expected a YAML file", file=display)
    document = load_yaml_file(path, display)
    if document.data is None:
        document = YamlDocument(data={}, file=document.file, root=document.root)
    document = YamlDocument(
        data=stringify_dates(document.data), file=document.file, root=document.root
    )
    errors = validate(document, manifest_schema())
    if not errors:
        errors = check_values(document, document.data, [])
        for index, entry in enumerate(document.data.get("articles") or []):
            errors.extend(check_values(document, entry, ["articles", index]))
    if errors:
        raise ManifestError(errors)
    return StoryManifest.model_validate(document.data), document


def check_values(
    document: YamlDocument, data: dict[str, Any], path: list[PathElement]
) -> list[InputError]:
    """Zones must exist and dates must parse; each error points at the value."""
    errors: list[InputError] = []
    zone = data.get("timezone")
    if zone is not None:
        problem = zone_problem(zone)
        if problem:
            line, column = document.locate([*path, "timezone"], value=True)
            errors.append(InputError(problem, file=document.file, line=line, column=column))
    for field in DATE_FIELDS:
        value = data.get(field)
        if value is None:
            continue
        try:
            parse_when(value, None)
        except ValueError as error:
            line, column = document.locate([*path, field], value=True)
            errors.append(InputError(f"{field}: {error}", file=document.file, line=line,
                                     column=column))
    return errors


def zone_problem(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return f"timezone: unknown IANA time zone {name!r} (e.g. 'Europe/Paris', 'UTC')"
    return None


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WITH_ZONE = re.compile(r"^(?P<when>\S+(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)\s+"
                        r"(?P<zone>[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*)$")


def parse_when(value: str, zone: str | None) -> datetime | date:
    """A publication time: ISO 8601 with offset, with a zone name after it, or a date alone.

    A time without offset or zone is read in `zone` (the article's, else the story's); with no
    zone at all it stays naive and the caller decides (and warns).
    """
    text = value.strip()
    if _DATE_ONLY.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise ValueError(f"not a valid date: {value!r}") from error
    named = _WITH_ZONE.match(text)
    zone_name = zone
    if named:
        text, zone_name = named.group("when"), named.group("zone")
        if zone_problem(zone_name):
            raise ValueError(f"unknown time zone {zone_name!r} in {value!r}")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(
            f"cannot read {value!r}; write e.g. '2024-06-19', '2024-06-19T10:30:00+09:00' or "
            "'2024-06-19T10:30 Asia/Seoul'"
        ) from error
    if named and moment.tzinfo is not None:
        raise ValueError(f"both an offset and a zone name in {value!r}")
    if moment.tzinfo is None and zone_name is not None and not zone_problem(zone_name):
        moment = moment.replace(tzinfo=ZoneInfo(zone_name))
    return moment


def as_aware(moment: datetime) -> datetime:
    """A naive time with no zone anywhere is read as UTC (the caller reports it)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

