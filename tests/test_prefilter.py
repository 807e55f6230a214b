"""The first-character guard must never change what a pattern finds."""

from __future__ import annotations

import re

import pytest

from factcheck.extract.prefilter import first_char_class, guarded

TEXT = (
    "On 3 March the ferry left Bergen at 06:40, about two hours late; forty-one crew and\n"
    "ninety passengers, said the harbour master, Ola Nygaard. Next Tuesday's sailing is off. "
    "The 1990s fleet cost NOK 2.4bn, or KRONER 80 a head. A day later: 'We wait,' he said."
)

PATTERNS = [
    r"(?:(?i:the)\s+)?(?P<d>\d{1,2})\s+(?i:march|april)",
    r"(?:(?P<rel>\b(?i:last|next))\s+)?(?P<wd>Tuesday|Monday)(?(rel)(?=['’]s)|(?!\w))",
    r"(?i:kroner|nok)\s+\d+(?:\.\d+)?(?:bn)?",
    r"\b(?i:the)\s+(?:\d{2}\d0)s",
    r"(?:forty|ninety)(?:-one)?\s+\w+",
    r"[A-Za-z]+\s+(?:later|earlier)",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_guard_keeps_every_match(pattern: str) -> None:
    plain = [(m.span(), m.groupdict()) for m in re.finditer(pattern, TEXT)]
    fast = [(m.span(), m.groupdict()) for m in re.finditer(guarded(pattern), TEXT)]
    assert plain, "the pattern should find something in the sample"
    assert fast == plain


def test_guard_lists_the_possible_first_characters() -> None:
    first = first_char_class(r"(?:(?i:the)\s+)?\d+\s+days")
    assert first is not None
    guard = re.compile(first)
    assert all(guard.match(c) for c in "tT7")
    assert not any(guard.match(c) for c in "aX ,")


@pytest.mark.parametrize("pattern", [
    r"(?:abc)?",            # may match nothing: no character is required
    r"[^a-z]+x",            # a negated class: unbounded
    r".+ago",               # any character
    r"(?P<q>['\"])\w+(?P=q)|(?P=q)x",  # a back-reference first (in an alternative)
])
def test_no_guard_when_the_first_character_is_unbounded(pattern: str) -> None:
    assert first_char_class(pattern) is None
    assert guarded(pattern) == pattern


def test_every_time_match_contains_its_recogniser_need() -> None:
    """A recogniser is skipped when its need is absent: that is only safe if matches hold it."""
    from pathlib import Path

    import yaml

    from factcheck.extract.timegrammar import patterns

    tables = Path(__file__).parent / "expressions"
    sentences = [row["sentence"] for name in ("times.yaml", "durations.yaml")
                 for row in yaml.safe_load((tables / name).read_text(encoding="utf-8"))]
    sentences += ["Two weeks ago, in the past few days, the 1980s band played over the weekend.",
                  "The next morning, three days later, in Q3 2021 and the second half of 2019."]
    checked = 0
    for pattern, _, need in patterns().recognisers:
        if need is None:
            continue
        for sentence in sentences:
            for match in pattern.finditer(sentence):
                assert need.search(match.group()), (pattern.pattern[:60], match.group())
                checked += 1
    assert checked >= 8
