"""Project configuration: `[tool.factcheck]` in `pyproject.toml`, or a `factcheck.toml`.

A newsroom repository keeps its rule folders, inputs, output folder, fail threshold, formats,
baseline and waivers in one place, so CI and people run the same check with no flags.
Flags on the command line win over the file. `factcheck.toml` (top-level keys) wins over
`pyproject.toml`, since a tool's own file is the more specific one. An unknown key is an
error naming the file and line with a "did you mean", like every other input file.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import Field, ValidationError, field_validator

from factcheck.errors import InputError, validation_message
from factcheck.models import Contract

T = TypeVar("T")

CONFIG_FILE = "factcheck.toml"
PYPROJECT_FILE = "pyproject.toml"


class Config(Contract):
    """Settings a file may give; None means "not set", so the built-in default applies."""

    rules: list[str] | None = Field(default=None, description="Rule files or folders.")
    inputs: str | None = Field(default=None, description="Folder of story folders.")
    out: str | None = Field(default=None, description="Output folder of reports.")
    fail_on: Literal["error", "warning", "info", "never"] | None = None
    format: list[str] | None = Field(default=None, description="md, json, sarif, github.")
    baseline: str | None = Field(default=None, description="Baseline file for `run`.")
    waivers: str | None = Field(default=None, description="Waivers file.")
    max_article_mb: float | None = Field(
        default=None, gt=0, description="Largest article file read, in MB (default 64)."
    )
    source: str | None = Field(default=None, exclude=True)

    @field_validator("rules", "format", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        """`format = "md,sarif"` and `rules = "rules"` read as their one-or-more lists."""
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


KNOWN_KEYS = tuple(name for name in Config.model_fields if name != "source")


def _key_line(text: str, key: str, section: str | None) -> int | None:
    """1-based line of `key = ...` (inside `[section]` when given); tomllib keeps no positions."""
    inside = section is None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = section is None or stripped.strip("[] ") == section
            continue
        if inside and pattern.match(line):
            return number
    return None


def parse_config(text: str, display: str, *, section: str | None) -> Config:
    """Settings from TOML text; `section` is 'tool.factcheck' for pyproject, None for the
    tool's own file. A file without the section gives an empty `Config`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"invalid TOML: {error}", file=display) from error
    if section is not None:
        for part in section.split("."):
            data = data.get(part, {}) if isinstance(data, dict) else {}
    if not isinstance(data, dict):
        raise InputError(f"[{section}] must be a table", file=display)
    for key in data:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = (f" (did you mean '{close[0]}'?)" if close
                    else f" (expected one of: {', '.join(KNOWN_KEYS)})")
            raise InputError(f"unknown key '{key}'{hint}", file=display,
                             line=_key_line(text, key, section))
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        raise InputError(f"{key}: {validation_message(first)}", file=display,
                         line=_key_line(text, key, section) if key else None) from error
    return config.model_copy(update={"source": display})


def load_config(folder: Path) -> Config:
    """The configuration that applies in `folder` (the working directory), else an empty one."""
    own = folder / CONFIG_FILE
    if own.is_file():
        return parse_config(_read(own), CONFIG_FILE, section=None)
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file():
        return parse_config(_read(pyproject), PYPROJECT_FILE, section="tool.factcheck")
    return Config()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read configuration: {error}", file=path.name) from error


def setting(flag: T | None, configured: T | None, default: T) -> T:
    """Command-line flags win over the file, the file over the built-in default."""
    if flag is not None:
        return flag
    if configured is not None:
        return configured
    return default
