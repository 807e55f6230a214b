"""Speaker accuracy against the gold quotations (`benchmarks/gold/quotes/`, issue #16).

A quote finding is only as good as its speaker: most false quote warnings on real news gave the
words to the wrong person. The gold lists every direct quotation of the dev stories with the
speaker two readers name from the article alone (see that folder's README); here each gold
quotation with a named speaker is looked up among factcheck's quote claims, and we count how
many of them the tool found, how many it gave a speaker (resolved), and how many of those name
someone else (wrong). People are compared by a name word in common ("Jack Ketsoyan" /
"Ketsoyan") or initials ("AMD"), any of joint speakers will do; a gold `speaker: null` (an
unnamed rep) is not scored.

The issue's targets: wrong speakers at most 5% of the resolved, resolved at least 80%.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class GoldQuote:
    """One gold quotation, located in its article's file."""

    story: str
    article: str
    line: int
    start: int  # offset of its first words in the file; -1 when they were not found there
    speaker: tuple[str, ...] | None  # None when a reader cannot tell


@dataclass(frozen=True)
class ToolQuote:
    """A quote claim of factcheck's report, reduced to what scoring needs."""

    article: str
    start: int  # offsets in the article's file, as `Claim.start/end`
    end: int
    speaker: str | None


@dataclass
class SpeakerScores:
    gold: int = 0  # gold quotations with a named speaker
    found: int = 0  # ... that a quote claim covers
    resolved: int = 0  # ... whose claim names a speaker
    wrong: int = 0  # ... naming someone else

    def line(self, split: str) -> str:
        def pct(n: int, d: int) -> str:
            return f"{n}/{d} ({100 * n / d:.0f}%)" if d else f"{n}/{d} (n/a)"

        return (f"{split} speakers: quotations found {pct(self.found, self.gold)}, resolved"
                f" {pct(self.resolved, self.found)} (target >= 80%), wrong"
                f" {pct(self.wrong, self.resolved)} (target <= 5%)")


_NOT_NAME = frozenset(["the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sgt", "lt", "st"])


def names_of(speaker: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """The speaker's names, one per person (a joint statement has several)."""
    if not speaker:
        return None
    return (speaker,) if isinstance(speaker, str) else tuple(speaker)


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^\w']+", name.lower()) if w and w not in _NOT_NAME)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[^\w]+", name) if w and w.lower() not in _NOT_NAME)


def same_person(said: str, gold: Sequence[str]) -> bool:
    """Does the tool's speaker name one of the gold's? A name word in common ("Ketsoyan" /
    "Jack Ketsoyan", "Ban" / "Ban Ki-moon") or initials ("AMD" / "Advanced Micro Devices");
    a title or an organisation for a person ("Academy" / "Leslie Unger") is someone else."""
    words = _words(said)
    letters = re.sub(r"\W", "", said)
    for name in gold:
        if words & _words(name):
            return True
        if letters.isupper() and len(letters) > 1 and letters == _initials(name).upper():
            return True
    return False


def load_gold_quotes(folder: Path, corpus: Path) -> dict[str, list[GoldQuote]]:
    """Every story's gold quotations, each found in its file by its first words near its line."""
    out: dict[str, list[GoldQuote]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        story = str(data["story"])
        if not (corpus / story).is_dir():
            continue  # another corpus's gold
        texts: dict[str, str] = {}
        quotes = []
        for item in data.get("quotes") or []:
            if item.get("kind") == "label":
                continue
            article = str(item["article"])
            if article not in texts:
                texts[article] = (corpus / story / f"{article}.txt").read_text(encoding="utf-8")
            quotes.append(GoldQuote(story, article, int(item["line"]),
                                    _locate(texts[article], int(item["line"]),
                                            str(item["start"])),
                                    names_of(item.get("speaker"))))
        out[story] = quotes
    return out


def _locate(text: str, line: int, start: str) -> int:
    """Offset of the quotation's first words, searched from the start of its line (the words
    may run on to the next line, joined by one space in the gold)."""
    line_start = 0
    for _ in range(line - 1):
        line_start = text.find("\n", line_start) + 1
        if line_start == 0:
            return -1
    words = [re.escape(w) for w in start.split()]
    if not words:
        return -1
    found = re.compile(r"\s+".join(words)).search(text, line_start)
    return found.start() if found else -1


def score_speakers(gold: Iterable[GoldQuote], tool: Sequence[ToolQuote]) -> SpeakerScores:
    """Count, for gold quotations with a named speaker, what the tool found and said."""
    scores = SpeakerScores()
    by_article: dict[str, list[ToolQuote]] = {}
    for quote in tool:
        by_article.setdefault(quote.article, []).append(quote)
    for item in gold:
        if item.speaker is None or item.start < 0:
            continue
        scores.gold += 1
        claim = next((q for q in by_article.get(item.article, [])
                      if q.start <= item.start + 2 and item.start < q.end), None)
        if claim is None:
            continue
        scores.found += 1
        if not claim.speaker:
            continue
        scores.resolved += 1
        if not same_person(claim.speaker, item.speaker):
            scores.wrong += 1
    return scores
