"""The first-character guard must never change what a pattern finds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

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


def _corpus() -> list[str]:
    """Sentences of every expression table, whole test stories, and shuffled mixtures of their
    words with case, hyphen and Unicode variants (other scripts' digits, long s, dotted I)."""
    import random
    from pathlib import Path

    import yaml

    root = Path(__file__).parent
    texts = [row["sentence"] for path in sorted((root / "expressions").glob("*.yaml"))
             for row in yaml.safe_load(path.read_text(encoding="utf-8"))]
    texts += [path.read_text(encoding="utf-8")
              for path in sorted((root / "stories").rglob("*.txt"))]
    words = sorted({word for text in texts for word in text.split()})
    extra = ["İSTANBUL", "ſix", "\u212a", "٣", "١٩٩٠", "’90s", "'ll", "a.m.", "—", "½", "3½",
             "US$", "A$5", "THE", "At", "In", "an", "A", "the", "\n\n"]
    rng = random.Random(7)
    for _ in range(600):
        parts = []
        for _ in range(rng.randint(1, 30)):
            word = rng.choice(words) if rng.random() < 0.8 else rng.choice(extra)
            word = word.upper() if rng.random() < 0.1 else word
            parts += [word, rng.choice([" ", " ", "  ", "\n", ", ", "-", "", "\t"])]
        texts.append("".join(parts))
    return texts


CORPUS = _corpus()


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def test_start_scanner_finds_what_finditer_finds() -> None:
    """Every time recogniser and the future cues, from one scan, on a few thousand texts."""
    from factcheck.extract.prefilter import fold
    from factcheck.extract.timegrammar import patterns

    scanner = patterns().scanner
    assert all(start is not None for start in scanner.starts), "every pattern has start words"
    found = 0
    for text in CORPUS:
        fast = scanner.finditer_all(text, fold(text))
        for pattern, matches in zip(scanner.patterns, fast, strict=True):
            plain = _spans(pattern.finditer(text))
            assert _spans(matches) == plain, (pattern.pattern[:60], text[:80])
            found += len(plain)
    assert found > 1000


@pytest.mark.parametrize("module", ["quantities", "durations"])
def test_start_search_is_plain_search(module: str) -> None:
    """From any position, as the extractors restart after a reject or after a match."""
    import importlib

    from factcheck.extract.prefilter import StartSearch, fold

    extractor = importlib.import_module(f"factcheck.extract.{module}")
    scanner = extractor._QUANTITY_SCAN if module == "quantities" else extractor._SCAN
    pattern = scanner.patterns[0]
    assert scanner.starts[0] is not None
    found = 0
    for text in CORPUS[::3]:
        search = StartSearch(pattern, text, scanner.candidates(text, fold(text))[0])
        for position in range(0, len(text) + 1, max(1, len(text) // 9)):
            plain = pattern.search(text, position)
            fast = search.search(position)
            assert _spans([fast] if fast else []) == _spans([plain] if plain else []), text
            found += plain is not None
    assert found > 100


def test_start_words_of_a_pattern() -> None:
    from factcheck.extract.prefilter import start_words

    starts = start_words(r"(?:(?i:the)\s+)?(?P<d>\d{1,2})\s+(?i:march|april)")
    assert starts is not None
    assert starts.digit  # "3 March"
    assert ("the", True) in starts.words  # "the 3 March": "the", a gap, then a digit
    assert all(word.startswith("the") for word, _ in starts.words)

    starts = start_words(r"(?i:at\s+(?:least|most)|about)\s+\d+")
    assert starts is not None and not starts.digit
    assert starts.words == {("at least", True), ("at most", True), ("about", True)}

    starts = start_words(r"(?P<n>[1-9])\s?(?:am|pm)|noon")
    assert starts is not None
    assert {word for word, _ in starts.words} >= {"1", "9", "noon"}


@pytest.mark.parametrize("pattern", [
    r"(?:abc)?",            # may match nothing
    r"\w+ago",              # any word character first
    r"[^a-z]+x",            # a negated class
    r".+ago",               # any character
    r"\s+days",             # white space first
    r"(?P<q>['\"])\w+(?P=q)|(?P=q)x",  # a back-reference first
])
def test_no_start_words_when_a_match_may_start_anywhere(pattern: str) -> None:
    from factcheck.extract.prefilter import StartScanner, start_words

    assert start_words(pattern) is None
    compiled = re.compile(r"(?<!\w)" + pattern)
    scanner = StartScanner([compiled])
    text = "abc 2 days ago x 'q' x"
    assert _spans(scanner.finditer_all(text, text)[0]) == _spans(compiled.finditer(text))


def test_without_the_private_parser_every_search_is_plain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A later Python may move `re._parser`: the guards and scanners then change nothing."""
    from factcheck.extract import prefilter
    from factcheck.extract.timegrammar import patterns
    from factcheck.extract.times import find_times
    from factcheck.models import Context

    text = ("On Tuesday night, at about 0300 local time (18:00 GMT), the 19th of June, "
            "two days later, in recent weeks, nearly 5 million shells were sent.")
    context = Context(published=date(2024, 6, 19), timezone="Asia/Seoul")
    expected = find_times(text, context)
    monkeypatch.setattr(prefilter, "sre_parse", None)
    prefilter.guarded.cache_clear()
    patterns.cache_clear()
    try:
        pattern = r"(?:(?i:the)\s+)?\d+\s+days"
        assert prefilter.first_char_class(pattern) is None
        assert prefilter.guarded(pattern) == pattern
        assert prefilter.start_words(pattern) is None
        scanner = patterns().scanner
        assert all(start is None for start in scanner.starts)
        assert find_times(text, context) == expected
        assert len(expected) >= 4
    finally:
        prefilter.guarded.cache_clear()
        patterns.cache_clear()


def test_fold_keeps_length_and_ignore_case_matches() -> None:
    from factcheck.extract.prefilter import fold

    text = "İSTANBUL ſeconds, \u212aM and Daſh ıt"
    folded = fold(text)
    assert len(folded) == len(text)
    for word in ("seconds", "km", "istanbul", "it"):
        assert re.search(word, text, re.IGNORECASE)
        assert word in folded
    assert fold("Plain ASCII") == "plain ascii"
