"""Numbers in digits or words, as intervals.

News writes the same amount many ways ("24", "twenty-four", "20-four" from a paraphrasing
tool, "two dozen") and often vaguely ("several", "tens of thousands"). Every extractor needs
the same answer to "which words are a number and what interval do they mean", so it lives
here once: `NUMBER_PATTERN` finds them, `parse_number` turns the matched words into [lo, hi].

The word tables are data (`factcheck/data/numbers.yaml`). The pattern has no capturing groups
so callers can embed it in their own regexes. Its repetitions are possessive (Python 3.11+) and
each has to consume a whole word, so a run of number words is read once and never re-split:
without that, "twenty-twenty-...-twenty" before a failing unit backtracks in cubic time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from factcheck.resources import load_table

Interval = tuple[float, float]


def _alternation(phrases: Iterable[str]) -> str:
    """Longest phrases first, so "fourteen" is tried before "four"; spaces and hyphens in a
    phrase match any run of whitespace or hyphens, as hard-wrapped text needs."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = re.split(r"[\s-]+", phrase)
        parts.append(r"[\s-]+".join(re.escape(word) for word in words))
    return "|".join(parts)


def _build_pattern(table: Mapping[str, Any]) -> str:
    scale_words = [*table["scales"], "dozen"]
    first_word = _alternation([*table["units"], *table["tens"]])
    word = _alternation([*table["units"], *table["tens"], *scale_words])
    scale = _alternation(scale_words)
    units = _alternation(table["units"])
    abbreviated = _alternation(table["abbreviated_scales"])
    # "and" joins words only after a scale word: "two hundred and fifty", never "two and three".
    scale_and = "(?:" + "|".join(f"(?<={s})" for s in sorted(table["scales"])) + r")\s+and\s+"
    # Possessive: once a run of number words is read it is never re-split, so a long run
    # that turns out not to be followed by a unit fails in linear, not cubic, time.
    word_tail = rf"(?:(?:{scale_and}|[\s-]+)(?:{word})\b)*+"
    digits = (
        r"(?<![\w.,/:])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
        r"(?:[\s-]+[1-9]/[2-9](?!\d)|\s?[½¼¾⅓⅔])?(?![/:.]?\d)(?!(?:st|nd|rd|th|s)\b)"
        rf"(?:(?:{abbreviated})(?![\w-])|(?:[\s-]+(?:{scale})\b)*+)"
    )
    fraction_digits = r"(?<![\w/])(?:[1-9]/[2-9](?![/\d])|[½¼¾⅓⅔])"
    # A word number never starts inside a run of number words ("four" in "twenty-four"), so
    # a long run is read from its first word only: linear, not quadratic, in the run length.
    not_inside_run = "".join(
        f"(?<!{re.escape(w)}[ -])" for w in sorted([*table["units"], *table["tens"], *scale_words])
    )
    # The cheap test first: most words are not number words, and the lookbehinds are costly.
    word_number = rf"(?=(?:{first_word})\b){not_inside_run}\b(?:{first_word})\b{word_tail}"
    paraphrased = rf"(?<![\w.,])[2-9]0-(?:{units})\b"
    article_scale = rf"\ban?[\s-]+(?:{scale})\b{word_tail}"
    fractions = _alternation(table["fractions"])
    fraction_of_scale = rf"\b(?:{fractions})(?:\s+of)?\s+an?\s+(?:{scale})\b"
    vague = _alternation(table["vague"])
    vague_number = rf"\b(?:{vague})\b(?:\s+(?:{scale})\b)?"
    plural_scales = _alternation(p for p in table["plural_vague"] if p not in ("tens", "scores"))
    plural_vague = (
        rf"\b(?:(?:tens|scores)(?=\s+of\b)|{plural_scales})\b"
        r"(?:\s+of\s+(?:thousands|millions|billions)\b)?"
    )
    alternatives = [
        fraction_of_scale, plural_vague, vague_number, article_scale, paraphrased, digits,
        fraction_digits, word_number, r"\bhalf\b",
    ]
    return "(?:" + "|".join(alternatives) + ")"


_TABLE: Mapping[str, Any] = load_table("numbers")

NUMBER_PATTERN: str = _build_pattern(_TABLE)
"""Regex fragment (no capturing groups) matching one number in digits or words.

Compile it with `re.IGNORECASE` to accept capitalised words at a sentence start."""

_NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)

_UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


_SPACES = re.compile(r"\s+")
_PLURAL_OF_PLURAL = re.compile(r"([a-z]+) of ([a-z]+)s")
_FRACTION_OF_SCALE = re.compile(r"(.+?)(?: of)? an? ([a-z]+)")


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-")
    return _SPACES.sub(" ", text).strip()


def _token_pattern(table: Mapping[str, Any]) -> re.Pattern[str]:
    abbreviated = _alternation(table["abbreviated_scales"])
    return re.compile(
        rf"(?P<frac>[1-9]/[2-9])|(?P<num>\d[\d,]*(?:\.\d+)?)(?P<abbr>(?:{abbreviated})(?![a-z]))?"
        r"|(?P<uni>[½¼¾⅓⅔])|(?P<word>[a-z]+)"
    )


_TOKEN_RE = _token_pattern(_TABLE)


def _tokens(text: str) -> list[str]:
    """Split into digits, unicode fractions, glued scale letters and words."""
    out: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        if match.group("abbr"):
            out.extend([match.group("num"), "#" + match.group("abbr")])
        else:
            out.append(match.group(0))
    return out


def _plus(current: Interval | None, value: float) -> Interval:
    return (value, value) if current is None else (current[0] + value, current[1] + value)


def _parse_words(tokens: list[str], table: Mapping[str, Any]) -> Interval | None:
    """Add and multiply word by word, the way English builds numbers:
    total collects closed groups (thousands, millions), current the group being built."""
    units: Mapping[str, float] = table["units"]
    tens: Mapping[str, float] = table["tens"]
    scales: Mapping[str, float] = table["scales"]
    abbreviated: Mapping[str, float] = table["abbreviated_scales"]
    total_lo = total_hi = 0.0
    current: Interval | None = None
    last_kind = ""
    for token in tokens:
        if token == "and":
            continue
        if token[0].isdigit() and "/" not in token:
            value = float(token.replace(",", ""))
            if current is not None and last_kind not in ("tens",):
                return None
            base = current[0] if current else 0.0
            current = (base + value, base + value)
            last_kind = "digits" if value % 10 or value >= 100 else "tens"
        elif "/" in token or token in _UNICODE_FRACTIONS:
            if "/" in token:
                numerator, denominator = token.split("/")
                value = float(numerator) / float(denominator)
            else:
                value = _UNICODE_FRACTIONS[token]
            base = current[0] if current else 0.0
            current = (base + value, base + value)
            last_kind = "fraction"
        elif token in ("a", "an"):
            if current is not None:
                return None
            current = (1.0, 1.0)
            last_kind = "article"
        elif token in units:
            if current is not None and last_kind not in ("tens", "hundred"):
                return None
            value = float(units[token])
            current = _plus(current, value)
            last_kind = "unit"
        elif token in tens:
            if current is not None and last_kind != "hundred":
                return None
            value = float(tens[token])
            current = _plus(current, value)
            last_kind = "tens"
        elif token in ("hundred", "dozen"):
            factor = 100.0 if token == "hundred" else float(table["dozen"])
            base = current or (1.0, 1.0)
            current = (base[0] * factor, base[1] * factor)
            last_kind = "hundred"
        elif token in scales or token.startswith("#"):
            factor = float(abbreviated[token[1:]] if token.startswith("#") else scales[token])
            base = current or (1.0, 1.0)
            total_lo += base[0] * factor
            total_hi += base[1] * factor
            current = None
            last_kind = "scale"
        else:
            return None
    if current is not None:
        total_lo += current[0]
        total_hi += current[1]
    elif last_kind == "":
        return None
    return (total_lo, total_hi)


@lru_cache(maxsize=4096)  # pure; the same numbers recur in a text and across texts
def parse_number(text: str) -> Interval | None:
    """The interval [lo, hi] a number expression means, or None if it is not a number.

    Exact numbers give lo == hi; vague words give the interval from `numbers.yaml`.
    """
    table = _TABLE
    normal = _normalise(text)
    if not normal:
        return None
    vague: Mapping[str, list[float]] = table["vague"]
    plural: Mapping[str, list[float]] = table["plural_vague"]
    scales: Mapping[str, float] = {**table["scales"], "dozen": table["dozen"]}

    # "tens of thousands", "hundreds of millions": [lo * scale, (hi + 1) * scale - 1].
    match = _PLURAL_OF_PLURAL.fullmatch(normal)
    if match and match.group(1) in plural and match.group(2) in scales:
        lo, hi = plural[match.group(1)]
        scale = float(scales[match.group(2)])
        return (lo * scale, (hi + 1) * scale - 1)
    if normal in plural:
        lo, hi = plural[normal]
        return (float(lo), float(hi))

    # "three-quarters of a million", "half a dozen".
    fractions: Mapping[str, float] = table["fractions"]
    match = _FRACTION_OF_SCALE.fullmatch(normal)
    if match and match.group(2) in scales:
        key = re.sub(r"[\s-]+", " ", match.group(1))
        for name, value in fractions.items():
            if re.sub(r"[\s-]+", " ", name) == key:
                product = float(value) * float(scales[match.group(2)])
                return (product, product)
    if normal == "half":
        return (0.5, 0.5)

    # "several hundred", "a few thousand", "a couple of".
    for phrase in sorted(vague, key=len, reverse=True):
        if normal == phrase or normal.startswith(phrase + " "):
            rest = normal[len(phrase):].strip()
            lo, hi = vague[phrase]
            if not rest:
                return (float(lo), float(hi))
            if rest in scales:
                return (lo * float(scales[rest]), hi * float(scales[rest]))
            return None

    return _parse_words(_tokens(normal.replace("-", " ")), table)


def find_numbers(text: str) -> list[tuple[int, int, Interval]]:
    """Every number in `text` with its span; a convenience for tests and other extractors."""
    found = []
    for match in _NUMBER_RE.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            found.append((match.start(), match.end(), value))
    return found
