"""Loading rule packs: validation with file:line:col, merging, story packs.

The default pack ships inside the package (`factcheck/data/rules/default/`) and is found with
`importlib.resources`, so an installed `factcheck` has rules in any working directory. Where a
command takes rule paths, the name `default` stands for that pack (`rule_paths`).

A rule path is a file or a folder. In a folder, its own `*.yaml` files and everything under
`default/` are loaded for every story; every other sub-folder is a *story pack*, named after the
story id it applies to (`rules/<story-id>/`). A story folder may also carry its own pack in
`<story>/rules/`. Story packs may add synonyms and override a shipped rule's tolerance,
severity, granularity or `sentence` (the word phrases a claim's sentence must have or lack,
see `factcheck/rules/wording.py`); they are applied only to their story (`for_story`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import InputError, validation_message
from factcheck.models import Story
from factcheck.plural import plural
from factcheck.rules.schema import Rule, RuleFile, SynonymGroup
from factcheck.yamlsource import YamlDocument, load_yaml_file, validate

_SUFFIXES = (".yaml", ".yml")

# The name that means the pack shipped inside the package, wherever a rule path is given.
DEFAULT_PACK = "default"


class RuleSet(BaseModel):
    """Loaded rules, the merged vocabulary, and the story packs kept aside for their stories."""

    model_config = ConfigDict(frozen=True)

    rules: list[Rule] = Field(default_factory=list)
    vocabulary: list[SynonymGroup] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    story_packs: dict[str, list[str]] = Field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@cache
def rule_file_schema() -> dict[str, Any]:
    from factcheck.schemas import schema_of

    return schema_of("rules")


def shipped_pack() -> Path:
    """The folder of the default pack inside the installed package.

    A real folder is needed, not just a readable resource: rule files are opened by path and
    named by path in errors. Every ordinary install (wheel, editable, source tree) has one; a
    copy without the pack is broken, and saying so beats running with no rules at all.
    """
    path = Path(str(resources.files("factcheck") / "data" / "rules" / DEFAULT_PACK))
    if not path.is_dir():
        raise InputError("the default rule pack is missing from the installed package;"
                         " reinstall factcheck", file=path.as_posix())
    return path


def rule_paths(entries: Sequence[str]) -> list[Path]:
    """Rule paths as a user gives them (flags, configuration), `default` being the shipped pack.

    Only the exact word `default` is the keyword, so a folder of that name in the working
    directory is still reachable as `./default`.
    """
    return [shipped_pack() if entry == DEFAULT_PACK else Path(entry) for entry in entries]


def _display(path: Path) -> str:
    return path.as_posix()


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in _SUFFIXES)


def _expand(paths: Sequence[Path]) -> tuple[list[Path], dict[str, list[Path]]]:
    """Files every story is checked with, and story packs by story id."""
    files: list[Path] = []
    packs: dict[str, list[Path]] = {}
    for path in paths:
        if path.is_file():
            files.append(path)
            continue
        if not path.is_dir():
            raise InputError("no such rule file or folder", file=_display(path))
        files.extend(_yaml_files(path))
        for sub in sorted(p for p in path.iterdir() if p.is_dir()):
            found = sorted(p for p in sub.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
            if sub.name == "default":
                files.extend(found)
            elif found:
                packs.setdefault(sub.name, []).extend(found)
    return files, packs


def _parse(path: Path) -> tuple[YamlDocument | None, RuleFile | None, list[InputError]]:
    try:
        doc = load_yaml_file(path, _display(path))
    except InputError as error:
        return None, None, [error]
    data = {} if doc.data is None else doc.data
    doc = YamlDocument(data=data, file=doc.file, root=doc.root)
    errors = validate(doc, rule_file_schema())
    if errors:
        return doc, None, errors
    try:
        return doc, RuleFile.model_validate(data), []
    except ValidationError as error:  # pragma: no cover - the schema catches these first
        first = error.errors()[0]
        line, column = doc.locate(list(first["loc"]), value=True)
        field = ".".join(str(part) for part in first["loc"])
        return doc, None, [InputError(f"{field}: {validation_message(first)}", file=doc.file,
                                      line=line, column=column)]


def _semantic_errors(
    parsed: Sequence[tuple[YamlDocument, RuleFile]], known_rules: Sequence[str],
    loaded: Sequence[str] = (),
) -> list[InputError]:
    """What a schema cannot say: duplicate ids, overrides of unknown rules, misplaced fields.

    `loaded` are ids already loaded from other files (a story pack checked against the
    rules every story uses), which the files in `parsed` must not reuse.
    """
    errors: list[InputError] = []
    seen: dict[str, str] = {rule_id: "the rules every story uses" for rule_id in loaded}
    for doc, rule_file in parsed:
        for index, rule in enumerate(rule_file.rules):
            where = doc.locate(["rules", index, "id"], value=True)
            if rule.id in seen:
                errors.append(InputError(
                    f"rules[{index}].id: duplicate rule id '{rule.id}' (first in {seen[rule.id]})",
                    file=doc.file, line=where[0], column=where[1],
                ))
            seen.setdefault(rule.id, doc.file)
            if rule.value != "time" and (rule.granularity or rule.granularities):
                line, column = doc.locate(["rules", index, "granularity"])
                errors.append(InputError(
                    f"rules[{index}]: granularity applies to time rules only, not '{rule.value}'",
                    file=doc.file, line=line, column=column,
                ))
            if rule.kind == "agree" and rule.value == "quote":
                line, column = doc.locate(["rules", index, "kind"], value=True)
                errors.append(InputError(
                    f"rules[{index}].kind: quotes are compared by kind 'quote', not 'agree'",
                    file=doc.file, line=line, column=column,
                ))
    for doc, rule_file in parsed:
        for index, override in enumerate(rule_file.overrides):
            if override.rule in known_rules:
                continue
            line, column = doc.locate(["overrides", index, "rule"], value=True)
            message = f"overrides[{index}].rule: unknown rule '{override.rule}'"
            close = difflib.get_close_matches(override.rule, list(known_rules), n=1)
            if close:
                message += f" (did you mean '{close[0]}'?)"
            errors.append(InputError(message, file=doc.file, line=line, column=column))
    return errors


def _load_files(files: Iterable[Path]) -> tuple[list[tuple[YamlDocument, RuleFile]],
                                                 list[InputError]]:
    parsed: list[tuple[YamlDocument, RuleFile]] = []
    errors: list[InputError] = []
    for path in files:
        doc, rule_file, file_errors = _parse(path)
        errors.extend(file_errors)
        if doc is not None and rule_file is not None:
            parsed.append((doc, rule_file))
    return parsed, errors


def validate_rule_files(paths: Sequence[Path]) -> list[InputError]:
    """Every problem in the rule files under `paths` (story packs included), never raising."""
    try:
        files, packs = _expand(paths)
    except InputError as error:
        return [error]
    parsed, errors = _load_files(files)
    base_ids = [rule.id for _, rule_file in parsed for rule in rule_file.rules]
    errors.extend(_semantic_errors(parsed, base_ids))
    for pack_files in packs.values():
        pack_parsed, pack_errors = _load_files(pack_files)
        errors.extend(pack_errors)
        pack_ids = base_ids + [r.id for _, f in pack_parsed for r in f.rules]
        errors.extend(_semantic_errors(pack_parsed, pack_ids, loaded=base_ids))
    return errors


def _raise_first(errors: Sequence[InputError]) -> None:
    if not errors:
        return
    first = errors[0]
    more = f" (and {plural(len(errors) - 1, 'more problem')}; run `factcheck rules validate`)"
    raise InputError(
        first.message + (more if len(errors) > 1 else ""),
        file=first.file, line=first.line, column=first.column,
    )


def _merge(base: RuleSet, parsed: Sequence[tuple[YamlDocument, RuleFile]]) -> RuleSet:
    rules = list(base.rules)
    groups: dict[str, list[str]] = {g.name: list(g.terms) for g in base.vocabulary}
    for _, rule_file in parsed:
        rules.extend(rule_file.rules)
        for group in rule_file.vocabulary:
            terms = groups.setdefault(group.name, [])
            terms.extend(t for t in group.terms if t not in terms)
    for _, rule_file in parsed:
        for override in rule_file.overrides:
            update = {k: v for k, v in (
                ("severity", override.severity), ("tolerance", override.tolerance),
                ("granularity", override.granularity), ("sentence", override.sentence))
                if v is not None}
            rules = [r.model_copy(update=update) if r.id == override.rule else r for r in rules]
    return RuleSet(
        rules=rules,
        vocabulary=[SynonymGroup(name=name, terms=terms) for name, terms in groups.items()],
        files=[*base.files, *(doc.file for doc, _ in parsed)],
        story_packs=base.story_packs,
    )


def load_rules(paths: Sequence[Path]) -> RuleSet:
    """The rules under `paths` (story packs kept aside for their stories); raises the first
    `InputError` if any file is bad. `paths` are real paths: see `rule_paths` for `default`."""
    files, packs = _expand(paths)
    parsed, errors = _load_files(files)
    errors.extend(_semantic_errors(parsed, [r.id for _, f in parsed for r in f.rules]))
    _raise_first(errors)
    merged = _merge(RuleSet(), parsed)
    return merged.model_copy(update={
        "story_packs": {name: [_display(p) for p in found] for name, found in packs.items()}
    })


def for_story(rules: RuleSet, story: Story) -> RuleSet:
    """The rule set with the story's own packs applied (`rules/<id>/`, `<story>/rules/`)."""
    files = [Path(p) for p in rules.story_packs.get(story.id, [])]
    own = Path(story.path) / "rules"
    if story.path and own.is_dir():
        files.extend(sorted(p for p in own.rglob("*") if p.is_file() and p.suffix in _SUFFIXES))
    if not files:
        return rules
    parsed, errors = _load_files(files)
    loaded = [r.id for r in rules.rules]
    known = loaded + [r.id for _, f in parsed for r in f.rules]
    errors.extend(_semantic_errors(parsed, known, loaded=loaded))
    _raise_first(errors)
    return _merge(rules, parsed)
