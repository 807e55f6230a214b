"""First-character guards that let a big recogniser fail at once where it cannot match.

Python's regex engine tries every alternative of a pattern at every start position it is
given. Most of our recognisers are long alternations (month names, number words, zone names)
that can only begin with a few characters, yet the engine walks into each alternative at each
word start before finding that out. `guarded` computes, from the parsed pattern itself, the
set of characters any match must begin with and puts it in front as a one-character
lookahead: the engine rejects other positions with a single class test. The guard is implied
by the pattern, so the matches are exactly the same; when the set cannot be worked out (a
negated class, a back-reference, a pattern that may match nothing) no guard is added.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


class _Unknown(Exception):
    """The first character cannot be bounded: no guard."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _class_items(items: list[tuple[Any, Any]]) -> list[str]:
    rendered = []
    for op, av in items:
        if op is sre.LITERAL:
            rendered.append(_char(av))
        elif op is sre.RANGE:
            rendered.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            rendered.append(_CATEGORIES[av])
        else:  # NEGATE, RANGE_UNI_IGNORE, unknown categories
            raise _Unknown
    return rendered


def _first(seq: Any, flags: int, out: dict[bool, set[str]]) -> bool:
    """Add the possible first characters of `seq` to `out`; True when `seq` may match nothing."""
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        ignore = bool(flags & re.IGNORECASE)
        if op is sre.LITERAL:
            out[ignore].add(_char(av))
            return False
        if op is sre.IN:
            out[ignore].update(_class_items(av))
            return False
        if op is sre.SUBPATTERN:
            _, add, delete, pattern = av
            if not _first(pattern, (flags | add) & ~delete, out):
                return False
            continue
        if op is getattr(sre, "ATOMIC_GROUP", None):
            if not _first(av, flags, out):
                return False
            continue
        if op is sre.BRANCH:
            nullable = False
            for alternative in av[1]:
                nullable = _first(alternative, flags, out) or nullable
            if not nullable:
                return False
            continue
        if op in _REPEATS:
            low, _, pattern = av
            if not _first(pattern, flags, out) and low > 0:
                return False
            continue
        if op is sre.GROUPREF_EXISTS:
            _, yes, no = av
            nullable = _first(yes, flags, out)
            nullable = (_first(no, flags, out) if no is not None else True) or nullable
            if not nullable:
                return False
            continue
        raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, ...
    return True


def first_char_class(pattern: str, flags: int = 0) -> str | None:
    """A regex matching one character that every match of `pattern` starts with, or None."""
    if flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return None
    out: dict[bool, set[str]] = {False: set(), True: set()}
    try:
        parsed = sre_parse.parse(pattern, flags)
        if _first(parsed, parsed.state.flags, out):
            return None
    except _Unknown:
        return None
    parts = []
    if out[False]:
        parts.append(f"[{''.join(sorted(out[False]))}]")
    if out[True]:
        parts.append(f"(?i:[{''.join(sorted(out[True]))}])")
    return "|".join(parts) if parts else None


@lru_cache(maxsize=1024)  # pure; callers build patterns per name and call it in loops
def guarded(pattern: str, flags: int = 0) -> str:
    """`pattern` behind a lookahead for its possible first characters (same matches, faster)."""
    first = first_char_class(pattern, flags)
    if first is None:
        return pattern
    return f"(?={first})(?:{pattern})"


def _consumes(seq: Any, flags: int, char: str) -> bool:
    """Whether some part of `seq` that consumes text could consume `char` (True when unsure)."""
    for op, av in seq:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # lookarounds read text but never make it part of the match
        ignore = "(?i:" if flags & re.IGNORECASE else "(?:"
        if op is sre.LITERAL:
            if re.fullmatch(f"{ignore}[{_char(av)}])", char):
                return True
        elif op is sre.IN:
            try:
                items = _class_items(av)
            except _Unknown:
                return True
            if re.fullmatch(f"{ignore}[{''.join(items)}])", char):
                return True
        elif op is sre.SUBPATTERN:
            _, add, delete, pattern = av
            if _consumes(pattern, (flags | add) & ~delete, char):
                return True
        elif op is sre.BRANCH:
            if any(_consumes(alternative, flags, char) for alternative in av[1]):
                return True
        elif op in _REPEATS:
            if _consumes(av[2], flags, char):
                return True
        elif op is sre.GROUPREF_EXISTS:
            if _consumes(av[1], flags, char) or (av[2] is not None
                                                 and _consumes(av[2], flags, char)):
                return True
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            if _consumes(av, flags, char):
                return True
        else:  # ANY, NOT_LITERAL, GROUPREF, ...: could be anything
            return True
    return False


def never_consumed(pattern: re.Pattern[str], chars: str) -> str:
    """The characters of `chars` that no match of `pattern` can contain."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    return "".join(c for c in chars if not _consumes(parsed, parsed.state.flags, c))


def _is_digits(item: tuple[Any, Any]) -> bool:
    """A consuming item that needs at least one digit first: `\\d` or `\\d+`."""
    op, av = item
    if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
        op, av = av[2][0]
    return op is sre.IN and list(av) == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]


def _only_before_digit(seq: Any, flags: int, char: str) -> bool:
    """Whether every place `seq` consumes `char` is a literal `char` right before a digit."""
    items = list(seq)
    for index, (op, av) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL and chr(av) == char:
            if index + 1 >= len(items) or not _is_digits(items[index + 1]):
                return False
            continue
        if op is sre.SUBPATTERN:
            _, add, delete, pattern = av
            if not _only_before_digit(pattern, (flags | add) & ~delete, char):
                return False
        elif op is sre.BRANCH:
            if not all(_only_before_digit(a, flags, char) for a in av[1]):
                return False
        elif op in _REPEATS:
            if not _only_before_digit(av[2], flags, char):
                return False
        elif op is sre.GROUPREF_EXISTS:
            if not _only_before_digit(av[1], flags, char) or (
                    av[2] is not None and not _only_before_digit(av[2], flags, char)):
                return False
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            if not _only_before_digit(av, flags, char):
                return False
        elif _consumes([(op, av)], flags, char):
            return False
    return True


def consumed_only_before_digit(pattern: re.Pattern[str], char: str) -> bool:
    """Whether a match can hold `char` only right before a digit ("2.5"): a barrier otherwise."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    return _only_before_digit(parsed, parsed.state.flags, char)


_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s"}


def fold(text: str) -> str:
    """Lower case of the same length in which an ignore-case match of ASCII letters is literal.

    The regex engine matches "ı" and "ſ" to "i" and "s" ignoring case, and "İ" lowers to two
    characters; those three are mapped first (rare, and `translate` is slow, hence the test).
    """
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_FOLD)
    return text.lower()


# Punctuation that ends a phrase; a pattern may use those it can never consume as barriers.
_BARRIER_CANDIDATES = ";:!?()[]{}<>|\"“”"


class AnchoredSearch:
    """`pattern.search`, run only near the words every match must contain.

    A duration always holds a unit word ("hours"), so most of an article cannot hold one; but
    `search` still tries the whole pattern at every word start. Here the text is first scanned
    for cheap anchors (the ASCII words, ignoring case, of which every match contains one) and
    for barrier punctuation the pattern can never consume. A match holding an anchor starts
    after the last barrier before it and at or before the anchor, so only the word starts in
    that stretch are tried with `pattern.match`. Results are those of `pattern.search`: the
    anchors, barriers and start guard are all implied by the pattern (checked on its parse).
    """

    def __init__(
        self, pattern: re.Pattern[str], anchor_words: list[str], anchor_chars: str = "", *,
        digits: bool = False,
    ) -> None:
        self.pattern = pattern
        words = sorted({word.lower() for word in anchor_words}, key=lambda w: (-len(w), w))
        body = pattern.pattern
        first = first_char_class(body, pattern.flags & ~re.UNICODE)
        usable = (
            bool(words) and all(w.isascii() and w.isalpha() for w in words)
            and not any(c.isalpha() for c in anchor_chars)
            and first is not None
            and body.startswith(r"(?<!\w)")
        )
        self.enabled = usable
        # A plain (non-overlapping) scan is enough: an anchor skipped because it lies inside
        # an earlier occurrence is covered by that occurrence, which starts inside the same
        # match; it cannot start before the match, since no match starts after a letter and
        # anchor words are letters only (anchor characters are single non-letters).
        alternatives = [re.escape(word) for word in words]
        if anchor_chars or digits:
            digit = r"\d" if digits else ""
            alternatives.append(f"[{re.escape(anchor_chars)}{digit}]")
        self.anchors = re.compile("|".join(alternatives))
        barriers = never_consumed(pattern, _BARRIER_CANDIDATES) if usable else ""
        alternatives = [f"[{re.escape(barriers)}]"] if barriers else []
        # A full stop ends a sentence unless it is a decimal point ("2.5 hours").
        if usable and consumed_only_before_digit(pattern, "."):
            alternatives.append(r"\.(?!\d)")
        self.barriers = re.compile("|".join(alternatives)) if alternatives else None
        self.starts = re.compile(rf"(?<!\w)(?:{first})") if first else None

    def scanner(self, text: str) -> AnchoredScanner:
        return AnchoredScanner(self, text)


class AnchoredScanner:
    """One text's anchors, barriers and candidate starts, for repeated `search` calls."""

    def __init__(self, search: AnchoredSearch, text: str) -> None:
        self.pattern = search.pattern
        self.text = text
        self.enabled = search.enabled and search.starts is not None
        if not self.enabled or search.starts is None:
            return
        self.anchors = [m.start() for m in search.anchors.finditer(fold(text))]
        self.barriers = ([m.start() for m in search.barriers.finditer(text)]
                         if search.barriers is not None else [])
        self.starts = search.starts

    def search(self, position: int) -> re.Match[str] | None:
        """What `pattern.search(text, position)` returns."""
        if not self.enabled:
            return self.pattern.search(self.text, position)

        anchors, barriers, starts = self.anchors, self.barriers, self.starts
        assert starts is not None
        while True:
            index = bisect.bisect_left(anchors, position)
            if index == len(anchors):
                return None
            anchor = anchors[index]
            low = position
            before = bisect.bisect_left(barriers, anchor)
            if before:
                low = max(low, barriers[before - 1] + 1)
            for start in starts.finditer(self.text, low, anchor + 1):
                match = self.pattern.match(self.text, start.start())
                if match is not None:
                    return match
            position = anchor + 1
