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

    from factcheck.extract.prefilter import fold
    from factcheck.extract.timegrammar import patterns

    tables = Path(__file__).parent / "expressions"
    sentences = [row["sentence"] for name in ("times.yaml", "durations.yaml")
                 for row in yaml.safe_load((tables / name).read_text(encoding="utf-8"))]
    sentences += ["Two weeks ago, in the past few days, the 1980s band played over the weekend.",
                  "The next morning, three days later, in Q3 2021 and the second half of 2019.",
                  "YESTERDAY, the day before, this Evening; in the summer of 2015 and the ’70s.",
                  "Set on 2021-04-09 and 09/04/2021, the Day After; in Recent Weeks."]
    checked = 0
    for pattern, _, need in patterns().recognisers:
        if need is None:
            continue
        for sentence in sentences:
            for match in pattern.finditer(sentence):
                held = match.group()
                assert not need.absent(fold(held)), (pattern.pattern[:60], held)
                checked += 1
    assert checked >= 8


def _all_by_search(
    pattern: re.Pattern[str], search: object, text: str, *, overlapping: bool = True
) -> list[tuple[int, int]]:
    found, position = [], 0
    while True:
        match = search(position)  # type: ignore[operator]
        if match is None:
            return found
        found.append(match.span())
        # Overlapping restarts, as the extractors do on rejects, or after the match.
        position = match.start() + 1 if overlapping else match.end()


ANCHORED_TEXTS = [
    "The ferry was 2.5 hours late (about forty minutes more than Monday). Today: three days.",
    "Repairs took 1.5 days. Nearly a week; later 12 HOURS, then half an hour!",
    "He waited. 3 years? No: \"ten\" months, or so; the yearly review took mſ 2 ſeconds.",
    "Sixty-five-year-old driver; the 1990s; a decade-long wait; some 30 days-long vigil.",
    "",
    "no unit here at all, only 42 and seven.",
]


@pytest.mark.parametrize("text", ANCHORED_TEXTS)
def test_anchored_search_is_plain_search(text: str) -> None:
    from factcheck.extract.durations import _DURATION_RE, _DURATION_SEARCH

    scanner = _DURATION_SEARCH.scanner(text)
    assert _DURATION_SEARCH.enabled
    plain = _all_by_search(_DURATION_RE, lambda p: _DURATION_RE.search(text, p), text)
    fast = _all_by_search(_DURATION_RE, scanner.search, text)
    assert fast == plain


def test_anchored_search_finds_and_skips() -> None:
    from factcheck.extract.prefilter import AnchoredSearch

    pattern = re.compile(r"(?<!\w)(?:about\s+)?\d+(?:\.\d+)?\s+(?:km|miles)\b", re.IGNORECASE)
    search = AnchoredSearch(pattern, ["km", "miles"])
    text = "It ran about 12.5 km; (then 3 MILES). Smiles: 4 kms, 7 Miles"
    scanner = search.scanner(text)
    spans = _all_by_search(pattern, scanner.search, text, overlapping=False)
    assert [text[a:b] for a, b in spans] == ["about 12.5 km", "3 MILES", "7 Miles"]
    assert _all_by_search(pattern, scanner.search, text) == _all_by_search(
        pattern, lambda p: pattern.search(text, p), text)
    assert scanner.barriers  # ";", "(", ")" and the full stop are barriers, "." in 12.5 is not
    assert "12.5" not in [text[b - 1:b + 2] for b in scanner.barriers]


def test_barriers_only_for_what_a_pattern_cannot_hold() -> None:
    from factcheck.extract.prefilter import consumed_only_before_digit, never_consumed

    assert never_consumed(re.compile(r"\w+(?:\s*\(\w+\))?"), ";()!") == ";!"
    assert consumed_only_before_digit(re.compile(r"\d+(?:\.\d+)?"), ".")
    assert not consumed_only_before_digit(re.compile(r"\d+\.?"), ".")
    assert not consumed_only_before_digit(re.compile(r"[\w.]+"), ".")


QUANTITY_TEXTS = [
    "Some 2,400 fans (and about two hundred stewards) paid £12.50; a couple of dozen left.",
    "Tens of thousands marched: three-quarters were students, ½ of them from 14 towns.",
    "Nobody counted. The Seventy-Seven bus ran; ninety-nine? Maybe 1.5m, or €3bn.",
    "No number here: the crowd was large and the day was long.",
]


@pytest.mark.parametrize("text", QUANTITY_TEXTS)
def test_anchored_quantity_search_is_plain_search(text: str) -> None:
    from factcheck.extract.quantities import _QUANTITY_RE, _QUANTITY_SEARCH

    assert _QUANTITY_SEARCH.enabled
    scanner = _QUANTITY_SEARCH.scanner(text)
    plain = _all_by_search(_QUANTITY_RE, lambda p: _QUANTITY_RE.search(text, p), text)
    assert _all_by_search(_QUANTITY_RE, scanner.search, text) == plain
    if any(c.isdigit() for c in text):
        assert plain


def test_number_anchor_words_come_from_the_table() -> None:
    from factcheck.extract.numbers import NUMBER_ANCHOR_WORDS

    assert {"hundred", "couple", "quarters", "several", "dozens"} <= set(NUMBER_ANCHOR_WORDS)
    assert not {"a", "an", "of"} & set(NUMBER_ANCHOR_WORDS)


def test_fold_keeps_length_and_ignore_case_matches() -> None:
    from factcheck.extract.prefilter import fold

    text = "İSTANBUL ſeconds, \u212aM and Daſh ıt"
    folded = fold(text)
    assert len(folded) == len(text)
    for word in ("seconds", "km", "istanbul", "it"):
        assert re.search(word, text, re.IGNORECASE)
        assert word in folded
    assert fold("Plain ASCII") == "plain ascii"


def test_anchored_search_reads_folded_unit_words() -> None:
    from factcheck.extract.durations import _DURATION_RE, _DURATION_SEARCH

    text = "The climb took 3 ſeconds; then 2 HOURS."
    plain = [m.span() for m in _DURATION_RE.finditer(text)]
    scanner = _DURATION_SEARCH.scanner(text)
    assert len(plain) == 2
    assert _all_by_search(_DURATION_RE, scanner.search, text, overlapping=False) == plain
