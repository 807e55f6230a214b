"""Progress on long runs, for a person watching a terminal and nobody else.

Only when the stream is a TTY and the user did not ask for quiet: CI logs and redirected
output must stay byte-for-byte the same from run to run, so they get nothing, not even a
carriage return.

The bar is tqdm's rather than our own: it fits the terminal's width as it is at each redraw
(one column short of it, so it never wraps), and it can step aside for a line of text and be
drawn again below it. While the bar is up, standard output and standard error are routed
through it, so a line printed during the run (a problem of an input, a summary, a warning
from a library) lands whole above the bar instead of inside it, whoever prints it.

One bar, one line: the story being read (and how many stories of how many) as its label, its
articles as the bar, so that one big story shows progress too.
"""

from __future__ import annotations

import io
import sys
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

STORY_ID_WIDTH = 24  # a longer story id is cut, so that the bar keeps its room
# The count before the bar, the time left after it: what a narrow terminal cuts is the end.
BAR = "{desc} {n_fmt}/{total_fmt} articles |{bar}| {elapsed}<{remaining}"


class Progress:
    """Stories done and the current story's articles, drawn on a terminal only.

    Use it as a context manager: on entry it takes over `sys.stdout` and `sys.stderr` (when
    the bar is shown at all), on exit it clears the bar and gives them back, however the
    run ends.
    """

    def __init__(self, total: int | None, label: str = "factcheck", *,
                 stream: TextIO | None = None, quiet: bool = False,
                 mininterval: float = 0.1) -> None:
        self.total = total  # stories, when known ahead (a JSON Lines pile's are not)
        self.label = label
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = not quiet and bool(isatty and isatty())
        self._bar: tqdm | None = None
        self._story: str | None = None
        self._saved: tuple[TextIO, TextIO] | None = None
        self._mininterval = mininterval  # seconds between redraws: tqdm's own throttle

    def __enter__(self) -> Progress:
        if self.enabled and self._saved is None:
            self._saved = (sys.stdout, sys.stderr)
            sys.stdout = _Above(self, sys.stdout)  # type: ignore[assignment]
            sys.stderr = _Above(self, sys.stderr)  # type: ignore[assignment]
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def articles(self, story_id: str, done: int, total: int) -> None:
        """`done` of the `total` articles of story `story_id` have their claims."""
        if not self.enabled or total <= 0:
            return
        if self._bar is None:
            self._story = story_id
            self._bar = tqdm(
                total=total, desc=self._label(story_id), file=self.stream, bar_format=BAR,
                dynamic_ncols=True, leave=False, mininterval=self._mininterval,
            )
        elif story_id != self._story:
            self._story = story_id
            self._bar.set_description_str(self._label(story_id), refresh=False)
            self._bar.reset(total=total)  # draws the new story at 0
        self._bar.update(done - self._bar.n)

    def advance(self, step: int = 1) -> None:
        """`step` more stories are done (reported, or failed to load); the label moves on
        with the next story's articles."""
        self.done += step
        if self.total is not None:
            self.done = min(self.done, self.total)

    def close(self) -> None:
        """Clear the bar and give the standard streams back; safe to call twice."""
        if self._saved is not None:
            for proxy in (sys.stdout, sys.stderr):
                if isinstance(proxy, _Above):
                    proxy.flush_pending()
            sys.stdout, sys.stderr = self._saved
            self._saved = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def print_above(self, text: str, target: TextIO) -> None:
        """Write whole lines to `target` with the bar cleared first and redrawn after."""
        if self._bar is None:
            target.write(text)
            target.flush()
            return
        with tqdm.external_write_mode(file=self.stream):
            target.write(text)
            target.flush()

    def _label(self, story_id: str) -> str:
        if len(story_id) > STORY_ID_WIDTH:
            story_id = story_id[:STORY_ID_WIDTH - 1] + "…"
        place = str(self.done + 1)
        if self.total is not None:
            place = f"{min(self.done + 1, self.total)}/{self.total}"
        return f"{self.label} {place} {story_id}".rstrip()


class _Above(io.TextIOBase):
    """A standard stream whose lines are written above the bar.

    Text is held until a line is complete: `print` writes the text and its newline in two
    calls, and a bar redrawn between them would land on the printed line.
    """

    def __init__(self, progress: Progress, target: TextIO) -> None:
        super().__init__()
        self._progress = progress
        self._target = target
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            lines, _, self._pending = self._pending.rpartition("\n")
            self._progress.print_above(lines + "\n", self._target)
        return len(text)

    def flush(self) -> None:
        self._target.flush()

    def flush_pending(self) -> None:
        """Write a last unfinished line as it is (the bar is about to go)."""
        if self._pending:
            self._progress.print_above(self._pending, self._target)
            self._pending = ""

    def isatty(self) -> bool:
        return bool(getattr(self._target, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self._target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", "utf-8")

    def writable(self) -> bool:
        return True
