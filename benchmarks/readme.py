"""Figures in benchmarks/README.md are written by the scripts that measure them, never by hand:
each script owns a block between `<!-- NAME:begin -->` and `<!-- NAME:end -->`."""

from __future__ import annotations

import re
from pathlib import Path


def replace_block(readme: Path, section: str, text: str) -> None:
    """Put `text` between the section's markers in `readme` (appended, markers and all, when
    the file has no such block yet); the rest of the file is left as it is."""
    content = readme.read_text(encoding="utf-8")
    begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
    block = f"{begin}\n{text}\n{end}"
    if begin in content:
        content = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: block, content,
                         flags=re.S)
    else:
        content += f"\n{block}\n"
    readme.write_text(content, encoding="utf-8")
