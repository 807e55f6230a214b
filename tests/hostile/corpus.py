"""Builders for hostile story folders; see the package docstring."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

GOOD = """\
Rail strike halts freight for a second day

Freight trains stood idle for two hours on Monday after 1,200 signal workers walked out,
the operator said.
"""

# The same facts, told by a second outlet, so a story has something to compare.
OTHER = """\
Signal workers strike

About 1,500 signal workers stopped work on Monday, halting freight for three hours, the union
said.
"""

UNICODE = "Dock workers in Gdańsk waited 3 hours – “a record”, said Łukasz Nowak.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def unreadable_story(root: Path) -> Path:
    """One good article beside every kind of article that cannot be read."""
    story = root / "unreadable"
    outside = write(root / "secret.txt", "Text outside the story folder: 7 hours.\n")
    write(story / "good.txt", GOOD)
    write(story / "empty.txt", b"")
    write(story / "blank.txt", b" \n\t\r\n")
    write(story / "binary.txt", bytes(range(256)) * 8)
    write(story / "bad-bom.txt", codecs.BOM_UTF32_LE + b"\x00\xd8\x00\x00")
    (story / "folder.txt").mkdir()
    os.symlink(story / "nowhere.txt", story / "dangling.txt")
    os.symlink(outside, story / "link-out.txt")
    write(story / "story.yaml", f"""\
articles:
  - file: good.txt
  - file: empty.txt
  - file: blank.txt
  - file: binary.txt
  - file: bad-bom.txt
  - file: folder.txt
  - file: dangling.txt
  - file: link-out.txt
  - file: ../secret.txt
  - file: sub/../../secret.txt
  - file: {outside}
  - file: missing.txt
""")
    return story


def encodings_story(root: Path) -> Path:
    """The same text in every encoding and line-ending the loader must accept."""
    story = root / "encodings"
    crlf = UNICODE.replace("\n", "\r\n")
    write(story / "utf8.txt", UNICODE.encode("utf-8"))
    write(story / "utf8bom.txt", codecs.BOM_UTF8 + UNICODE.encode("utf-8"))
    write(story / "utf16le.txt", codecs.BOM_UTF16_LE + UNICODE.encode("utf-16-le"))
    write(story / "utf16be.txt", codecs.BOM_UTF16_BE + UNICODE.encode("utf-16-be"))
    write(story / "mixed.txt", ("First line.\r\nSecond line.\rThird line.\n" + crlf).encode())
    return story
