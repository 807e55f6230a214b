"""YAML that remembers where each value came from, and JSON-Schema errors a user can act on.

`yaml.safe_load` throws away node positions, so a schema error could only say *what* is wrong,
not *where*. We compose the node graph with the safe loader (same safety: no arbitrary tags),
construct the data from it, and keep the nodes so that any JSON path can be mapped back to a
1-based line and column ("story.yaml:12:5: unknown key 'tolerence' (did you mean ...)").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from jsonschema.exceptions import ValidationError

from factcheck.errors import InputError

PathElement = str | int
# Aliases let a few lines stand for billions of values ("billion laughs"); everything after the
# parser walks the data as a tree, so a document may expand to at most this many nodes.
MAX_EXPANDED_NODES = 100_000
Location = tuple[int | None, int | None]


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus the node tree it was built from, to locate errors in the source."""

    data: Any
    file: str
    root: yaml.Node | None

    def locate(self, path: Sequence[PathElement], *, value: bool = False) -> Location:
        """1-based (line, column) of the node at a JSON path.

        A mapping entry is located at its key, because that is what a user edits when the key is
        unknown or misspelt; pass ``value=True`` to get the value instead (a wrong type). When
        the path does not exist (a missing required key) the nearest existing parent is given.
        """
        if self.root is None:
            return (1, 1) if not path else (None, None)
        node: yaml.Node = self.root
        position: yaml.Node = self.root
        for element in path:
            child = _child(node, element)
            if child is None:
                break
            key_node, value_node = child
            node = value_node
            position = value_node if value or key_node is None else key_node
        # When the path stops early, `position` is the nearest existing parent (by its key).
        return _mark(position)


def _child(node: yaml.Node, element: PathElement) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) of one path step, or None when the step does not exist."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(element):
                return key_node, value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(element, int):
        if 0 <= element < len(node.value):
            return None, node.value[element]
        return None
    return None


def _mark(node: yaml.Node) -> Location:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(text: str, file: str) -> YamlDocument:
    """Parse YAML safely, keeping node positions; a syntax error is an `InputError` at its place."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is not None and _expanded_size(root) > MAX_EXPANDED_NODES:
            mark = root.start_mark
            raise InputError(
                f"invalid YAML: aliases expand to more than {MAX_EXPANDED_NODES:,} values"
                " (or refer to themselves); write the values out",
                file=file, line=mark.line + 1, column=mark.column + 1,
            )
        data = None if root is None else _construct(root, file)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{error.context}: {problem}"
        raise InputError(
            f"invalid YAML: {problem}",
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from error
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        raise InputError(
            f"invalid YAML: unacceptable character {error.character!r}",
            file=file, line=line, column=column,
        ) from error
    except yaml.YAMLError as error:
        raise InputError(f"invalid YAML: {error}", file=file) from error
    except RecursionError as error:
        raise InputError("invalid YAML: nested too deeply", file=file) from error
    return YamlDocument(data=data, file=file, root=root)


def _construct(root: yaml.Node, file: str) -> Any:
    """The data of a composed document. A value YAML recognises but Python cannot hold (the
    date 2025-13-45, unquoted) raises a bare ValueError in the constructor; it is an error at
    that value, like any other in the file, never a traceback."""
    try:
        return yaml.SafeLoader("").construct_document(root)
    except (ValueError, OverflowError) as error:
        node = _unconstructible(root)
        mark = (node or root).start_mark
        shown = f" ({node.value})" if isinstance(node, yaml.ScalarNode) else ""
        raise InputError(f"invalid YAML value{shown}: {error}", file=file,
                         line=mark.line + 1, column=mark.column + 1) from error


def _unconstructible(root: yaml.Node) -> yaml.Node | None:
    """The first scalar (in document order) the safe constructor cannot turn into a value."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node, deep=True)
            except (ValueError, OverflowError):
                return node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(reversed([part for pair in node.value for part in pair]))
    return None


def _expanded_size(root: yaml.Node) -> int:
    """How many nodes the document has once every alias is written out; a node that contains
    itself counts as too many. Memoised per node, so linear in the composed graph."""
    sizes: dict[int, int] = {}
    pending: set[int] = set()
    too_many = MAX_EXPANDED_NODES + 1

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in pending:
            return too_many
        pending.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total = min(total + size(child), too_many)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total = min(total + size(key_node) + size(value_node), too_many)
        pending.discard(key)
        sizes[key] = total
        return total

    return size(root)


def _line_column(text: str, position: int) -> Location:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


def load_yaml_file(path: Path, display: str) -> YamlDocument:
    """Read and parse a YAML file; `display` is how the file is named in error messages."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}", file=display) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise InputError("file is not valid UTF-8", file=display, line=line) from error
    return load_yaml(text, display)


# --------------------------------------------------------------------------- validation


def validate(doc: YamlDocument, schema: dict[str, Any]) -> list[InputError]:
    """Every schema violation in the document, each with file, line and column, sorted by line."""
    validator = jsonschema.Draft202012Validator(schema)
    errors: list[InputError] = []
    for error in validator.iter_errors(doc.data):
        errors.extend(_explain(doc, error))
    errors.sort(key=lambda e: (e.line or 0, e.column or 0, e.message))
    return errors


def _explain(doc: YamlDocument, error: ValidationError) -> Iterable[InputError]:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        yield from _unknown_keys(doc, path, error)
        return
    if error.validator == "required":
        line, column = doc.locate(path)
        where = _where(path)
        yield InputError(f"{where}{error.message}", file=doc.file, line=line, column=column)
        return
    line, column = doc.locate(path, value=True)
    message = _message(error)
    yield InputError(f"{_where(path)}{message}", file=doc.file, line=line, column=column)


def _unknown_keys(
    doc: YamlDocument, path: list[PathElement], error: ValidationError
) -> Iterable[InputError]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = list(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key in error.instance:
        if key in known or any(p.search(str(key)) for p in patterns):
            continue
        message = f"unknown key '{key}'"
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        elif known:
            message += f" (expected one of: {', '.join(sorted(known))})"
        line, column = doc.locate([*path, key])
        yield InputError(f"{_where(path)}{message}", file=doc.file, line=line, column=column)


_JSON_TYPES = {
    bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
    dict: "mapping", type(None): "null",
}


def _message(error: ValidationError) -> str:
    """The error in words; a union of simple types becomes 'expected string or null, found ...'."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        expected: list[str] = []
        for sub in error.context:
            if sub.validator != "type":
                return error.message
            wanted = sub.validator_value
            for name in wanted if isinstance(wanted, list) else [wanted]:
                if name not in expected:
                    expected.append(str(name))
        found = _JSON_TYPES.get(type(error.instance), type(error.instance).__name__)
        return f"expected {' or '.join(expected)}, found {found} {error.instance!r}"
    return error.message


def _where(path: Sequence[PathElement]) -> str:
    if not path:
        return ""
    text = ""
    for element in path:
        text += f"[{element}]" if isinstance(element, int) else (f".{element}" if text else element)
    return f"{text}: "
