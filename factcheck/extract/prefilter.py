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

import re
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


def guarded(pattern: str, flags: int = 0) -> str:
    """`pattern` behind a lookahead for its possible first characters (same matches, faster)."""
    first = first_char_class(pattern, flags)
    if first is None:
        return pattern
    return f"(?={first})(?:{pattern})"
