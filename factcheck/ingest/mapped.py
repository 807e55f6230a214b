"""Text that remembers, for every character, which run of the original file it stands for.

Cleaning is a chain of small passes (line endings, junk lines, markup, unwrapping, spacing).
If each pass kept its own offset map we would have to compose maps; instead every character
carries its original extent ``[start, end)``, so any pass can slice, delete, substitute and
insert freely and the final map falls out at the end. A copied character has ``end - start ==
1``; an entity standing for ``&amp;`` has a longer run; an inserted space has an empty one.

The extents are stored as runs, not one pair per character: a run is either a stretch copied
one to one from the original or a stretch whose characters all share one extent (an insertion,
the tail of a replacement). A 50 MB article has a few runs per line, where two integer lists per
character would cost about 70 bytes a character (gigabytes) and a copy at every slice.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

from factcheck.models import OffsetMap

# (length, start, end, copied). Copied: character i stands for [start + i, start + i + 1), and
# end == start + length. Otherwise every character stands for [start, end).
Run = tuple[int, int, int, bool]


def _append(runs: list[Run], run: Run) -> None:
    """Add a run, merging it into the last one when the characters' extents continue it, so
    splitting a text and joining the pieces back gives back few runs."""
    length, start, end, copied = run
    if not length:
        return
    if not copied and length == 1 and end - start == 1:
        run = (1, start, end, True)
        copied = True
    if runs:
        last_length, last_start, last_end, last_copied = runs[-1]
        if copied and last_copied and last_end == start:
            runs[-1] = (last_length + length, last_start, end, True)
            return
        if not copied and not last_copied and last_start == start and last_end == end:
            runs[-1] = (last_length + length, start, end, False)
            return
    runs.append(run)


class MappedText:
    """An immutable string whose characters each know their extent in the original."""

    __slots__ = ("_cuts", "position", "runs", "text")

    def __init__(self, text: str, runs: list[Run], position: int) -> None:
        self.text = text
        self.runs = runs  # never changed in place: texts share them
        # Where an empty text sits in the original, so that insertions next to it map sensibly.
        self.position = position
        self._cuts: list[int] | None = None

    # ------------------------------------------------------------------ construction

    @classmethod
    def of(cls, original: str, start: int = 0, end: int | None = None) -> MappedText:
        """A run of the original, copied one to one."""
        stop = len(original) if end is None else end
        text = original[start:stop]
        return cls(text, [(len(text), start, start + len(text), True)] if text else [], start)

    @classmethod
    def inserted(cls, text: str, at: int) -> MappedText:
        """Text that is not in the original (a space between glued sentences)."""
        runs: list[Run] = []
        _append(runs, (len(text), at, at, False))
        return cls(text, runs, at)

    @classmethod
    def covering(cls, text: str, start: int, end: int) -> MappedText:
        """`text` standing for the original run `[start, end)`: the first character stands for
        the whole run and the rest are empty insertions at its end, so a span ending anywhere
        in `text` still maps to the whole run."""
        runs: list[Run] = []
        if text:
            _append(runs, (1, start, end, False))
            _append(runs, (len(text) - 1, end, end, False))
        return cls(text, runs, start)

    @classmethod
    def from_extents(
        cls, text: str, starts: list[int], ends: list[int], position: int
    ) -> MappedText:
        """From one extent per character (tests, and any caller that has them)."""
        if not len(text) == len(starts) == len(ends):
            raise ValueError("text and extents differ in length")
        runs: list[Run] = []
        for start, end in zip(starts, ends, strict=True):
            _append(runs, (1, start, end, end - start == 1))
        return cls(text, runs, position)

    @classmethod
    def join(cls, parts: Iterable[MappedText], position: int = 0) -> MappedText:
        texts: list[str] = []
        runs: list[Run] = []
        first: int | None = None
        for part in parts:
            if first is None:
                first = part.position
            texts.append(part.text)
            for run in part.runs:
                _append(runs, run)
        return cls("".join(texts), runs, position if first is None else first)

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"MappedText({self.text!r})"

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText.join([self, other])

    @property
    def starts(self) -> list[int]:
        """Each character's extent start (for tests; a list as long as the text)."""
        return [start + (i if copied else 0)
                for length, start, _, copied in self.runs for i in range(length)]

    @property
    def ends(self) -> list[int]:
        """Each character's extent end (for tests; a list as long as the text)."""
        return [(start + i + 1) if copied else end
                for length, start, end, copied in self.runs for i in range(length)]

    def _run_cuts(self) -> list[int]:
        if self._cuts is None:
            cuts = []
            offset = 0
            for run in self.runs:
                cuts.append(offset)
                offset += run[0]
            self._cuts = cuts
        return self._cuts

    def origin(self, index: int) -> int:
        """Original offset of the character at `index` (or just after the text at its end)."""
        if index < len(self.text):
            if index < 0:
                index += len(self.text)
            cuts = self._run_cuts()
            at = bisect_right(cuts, index) - 1
            _, start, _, copied = self.runs[at]
            return start + (index - cuts[at]) if copied else start
        if self.runs:
            return self.runs[-1][2]
        return self.position

    def span(self) -> tuple[int, int]:
        """The original run the whole text covers."""
        if not self.text:
            return self.position, self.position
        return self.origin(0), self.runs[-1][2]

    def slice(self, start: int, end: int | None = None) -> MappedText:
        size = len(self.text)
        begin, stop, _ = slice(start, end).indices(size)
        if begin == 0 and stop == size and size:
            return self
        position = self.origin(begin)
        if stop <= begin:
            return MappedText("", [], position)
        runs = self.runs
        if len(runs) == 1:
            _, first_start, first_end, copied = runs[0]
            if copied:
                return MappedText(self.text[begin:stop],
                                  [(stop - begin, first_start + begin, first_start + stop, True)],
                                  position)
            return MappedText(self.text[begin:stop],
                              [(stop - begin, first_start, first_end, False)], position)
        cuts = self._run_cuts()
        index = bisect_right(cuts, begin) - 1
        pieces: list[Run] = []
        while index < len(runs) and cuts[index] < stop:
            length, run_start, run_end, copied = runs[index]
            low = max(begin - cuts[index], 0)
            high = min(stop - cuts[index], length)
            if copied:
                pieces.append((high - low, run_start + low, run_start + high, True))
            else:
                pieces.append((high - low, run_start, run_end, False))
            index += 1
        return MappedText(self.text[begin:stop], pieces, position)

    # ------------------------------------------------------------------ editing

    def replaced(self, text: str) -> MappedText:
        """This run of the original, rendered as other text.

        Same length: each character keeps its own extent (a newline read as a space). Otherwise
        the first character stands for the whole run and the rest are empty insertions, so a
        span ending anywhere in the replacement still maps to the whole run.
        """
        if len(text) == len(self.text):
            return MappedText(text, self.runs, self.position)
        if not text:
            return MappedText("", [], self.origin(0))
        return MappedText.covering(text, *self.span())

    def shifted(self, offset: int) -> MappedText:
        """The same text placed `offset` characters later in the original."""
        return MappedText(
            self.text,
            [(length, start + offset, end + offset, copied)
             for length, start, end, copied in self.runs],
            self.position + offset,
        )

    def sub(
        self, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], MappedText | str]
    ) -> MappedText:
        """Like `re.sub`, but the replacement may be a `MappedText` (e.g. a slice of a group)."""
        parts: list[MappedText] = []
        last = 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            parts.append(self.slice(last, start))
            result = replacement(match)
            if isinstance(result, MappedText):
                parts.append(result)
            elif start == end:
                parts.append(MappedText.inserted(result, self.origin(start)))
            else:
                parts.append(self.slice(start, end).replaced(result))
            last = end
        if not parts:
            return self
        parts.append(self.slice(last))
        return MappedText.join(parts, self.position)

    def group(self, match: re.Match[str], group: int | str) -> MappedText:
        """The characters of one group of a match made on this text, with their extents."""
        start, end = match.span(group)
        if start < 0:
            return MappedText("", [], self.origin(match.start()))
        return self.slice(start, end)

    def strip(self, chars: str | None = None) -> MappedText:
        stripped_left = self.text.lstrip(chars)
        start = len(self.text) - len(stripped_left)
        end = start + len(stripped_left.rstrip(chars))
        return self.slice(start, end)

    def split(self, separator: str) -> list[MappedText]:
        pieces: list[MappedText] = []
        start = 0
        while True:
            index = self.text.find(separator, start)
            if index < 0:
                pieces.append(self.slice(start))
                return pieces
            pieces.append(self.slice(start, index))
            start = index + len(separator)

    # ------------------------------------------------------------------ the map

    def offset_map(self) -> OffsetMap:
        """Compress the per-character extents into anchors (and units for uneven runs)."""
        clean: list[int] = []
        original: list[int] = []
        unit_clean: list[int] = []
        unit_end: list[int] = []
        previous_end: int | None = None
        previous_even = False
        index = 0
        for length, start, end, copied in self.runs:
            if copied:
                # Only the first character can start an anchor: the others continue it.
                if not (previous_even and start == previous_end):
                    clean.append(index)
                    original.append(start)
                previous_end, previous_even = end, True
            else:
                even = end - start == 1
                for offset in range(index, index + length):
                    if not (even and previous_even and start == previous_end):
                        clean.append(offset)
                        original.append(start)
                    if not even:
                        unit_clean.append(offset)
                        unit_end.append(end)
                    previous_end, previous_even = end, even
            index += length
        if not clean:
            clean, original = [0], [self.position]
        elif clean[0] != 0:
            clean.insert(0, 0)
            original.insert(0, original[0])
        return OffsetMap(clean=clean, original=original, unit_clean=unit_clean, unit_end=unit_end)
