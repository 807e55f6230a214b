"""Progress on long runs, for a person watching a terminal and nobody else.

Only when the stream is a TTY and the user did not ask for quiet: CI logs and redirected
output must stay byte-for-byte the same from run to run, so they get nothing.
"""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 30


class Progress:
    """A one-line bar rewritten in place with carriage returns."""

    def __init__(self, total: int, label: str, *, stream: TextIO | None = None,
                 quiet: bool = False) -> None:
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = not quiet and self.total > 1 and bool(isatty and isatty())

    def advance(self, step: int = 1, detail: str = "") -> None:
        self.done = min(self.done + step, self.total)
        if not self.enabled:
            return
        filled = round(BAR_WIDTH * self.done / self.total) if self.total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"\r{self.label} [{bar}] {self.done}/{self.total} {detail}"[:120]
        self.stream.write(line.ljust(121))
        self.stream.flush()

    def clear_line(self) -> None:
        """Wipe the bar so a line printed next is not glued to it; the next advance redraws."""
        if self.enabled:
            self.stream.write("\r" + " " * 121 + "\r")
            self.stream.flush()

    def close(self) -> None:
        self.clear_line()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
