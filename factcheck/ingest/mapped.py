"""Text that remembers, for every character, which run of the original file it stands for.

Cleaning is a chain of small passes (line endings, junk lines, markup, unwrapping, spacing).
If each pass kept its own offset map we would have to compose maps; instead every character
carries its original extent ``[start, end)``, so any pass can slice, delete, substitute and
insert freely and the final map falls out at the end. A copied character has ``end - start ==
1``; an entity standing for ``&amp;`` has a longer run; an inserted space has an empty one.
Articles are tens of kilobytes, so two integer lists per text are cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from factcheck.models import OffsetMap


class MappedText:
    """An immutable string whose characters each know their extent in the original."""

    __slots__ = ("ends", "position", "starts", "text")

    def __init__(self, text: str, starts: list[int], ends: list[int], position: int) -> None:
        if not len(text) == len(starts) == len(ends):
            raise ValueError("text and extents differ in length")
        self.text = text
        self.starts = starts
        self.ends = ends
        # Where an empty text sits in the original, so that insertions next to it map sensibly.
        self.position = position

    # ------------------------------------------------------------------ construction

    @classmethod
    def of(cls, original: str, start: int = 0, end: int | None = None) -> MappedText:
        """A run of the original, copied one to one."""
        stop = len(original) if end is None else end
        return cls(original[start:stop], list(range(start, stop)), list(range(start + 1, stop + 1)),
                   start)

    @classmethod
    def inserted(cls, text: str, at: int) -> MappedText:
        """Text that is not in the original (a space between glued sentences)."""
        return cls(text, [at] * len(text), [at] * len(text), at)

    @classmethod
    def join(cls, parts: Iterable[MappedText], position: int = 0) -> MappedText:
        texts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        first: int | None = None
        for part in parts:
            if first is None:
                first = part.position
            texts.append(part.text)
            starts.extend(part.starts)
            ends.extend(part.ends)
        return cls("".join(texts), starts, ends, position if first is None else first)

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"MappedText({self.text!r})"

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText.join([self, other])

    def origin(self, index: int) -> int:
        """Original offset of the character at `index` (or just after the text at its end)."""
        if index < len(self.starts):
            return self.starts[index]
        if self.ends:
            return self.ends[-1]
        return self.position

    def span(self) -> tuple[int, int]:
        """The original run the whole text covers."""
        if not self.text:
            return self.position, self.position
        return self.starts[0], self.ends[-1]

    def slice(self, start: int, end: int | None = None) -> MappedText:
        stop = len(self.text) if end is None else end
        return MappedText(
            self.text[start:stop], self.starts[start:stop], self.ends[start:stop],
            self.origin(start),
        )

    # ------------------------------------------------------------------ editing

    def replaced(self, text: str) -> MappedText:
        """This run of the original, rendered as other text.

        Same length: each character keeps its own extent (a newline read as a space). Otherwise
        the first character stands for the whole run and the rest are empty insertions, so a
        span ending anywhere in the replacement still maps to the whole run.
        """
        if len(text) == len(self.text):
            return MappedText(text, list(self.starts), list(self.ends), self.position)
        if not text:
            return MappedText("", [], [], self.origin(0))
        start, end = self.span()
        rest = len(text) - 1
        return MappedText(text, [start] + [end] * rest, [end] + [end] * rest, start)

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
            return MappedText("", [], [], self.origin(match.start()))
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
        for index, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
            even = end - start == 1
            if not (even and previous_even and start == previous_end):
                clean.append(index)
                original.append(start)
            if not even:
                unit_clean.append(index)
                unit_end.append(end)
            previous_end, previous_even = end, even
        if not clean:
            clean, original = [0], [self.position]
        elif clean[0] != 0:
            clean.insert(0, 0)
            original.insert(0, original[0])
        return OffsetMap(clean=clean, original=original, unit_clean=unit_clean, unit_end=unit_end)
