"""YAML front matter at the top of an article ("---" ... "---"), read with positions.

The front matter is metadata, not article text: the cleaner starts after it, while offsets stay
offsets into the whole file so that line numbers in the report match the file on disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factcheck.yamlsource import YamlDocument, load_yaml

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<yaml>.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)


@dataclass(frozen=True)
class FrontMatter:
    document: YamlDocument
    body_start: int

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data if isinstance(self.document.data, dict) else {}


def read_front_matter(text: str, file: str) -> FrontMatter | None:
    """The front matter of an article, or None when it has none.

    A leading "---" block that is not a YAML mapping (a Markdown rule, a separator) is not
    front matter. Broken YAML in a mapping-looking block raises `InputError` with its position.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    yaml_text = match.group("yaml")
    if not re.search(r"^[A-Za-z_][\w-]*[ \t]*:", yaml_text, re.M):
        return None
    # Pad with the lines before the block so that error positions are lines of the file.
    padding = "\n" * text.count("\n", 0, match.start("yaml"))
    document = load_yaml(padding + yaml_text, file)
    if not isinstance(document.data, dict):
        return None
    return FrontMatter(document=document, body_start=match.end())
