"""Gold files of the quality benchmark: their contract, and where each snippet is in its article.

A gold file (`benchmarks/gold/ecb/<story>.yaml`, format in `benchmarks/gold/GUIDE.md`) is written
by reading the articles. Its snippets are the outlets' exact words; a finding is matched to gold
*at the claim*, so every snippet must be found in its article, and the spans found here are what
`quality.py` compares claim offsets with. A snippet that cannot be found is an error naming the
gold file and the snippet, never silently dropped: a lost snippet would quietly lower recall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus" / "ecb"
GOLD = HERE / "gold" / "ecb"

Kind = Literal[
    "count", "money", "percent", "measure", "age", "date", "time", "duration",
    "quote-words", "quote-speaker", "score", "name", "place", "other",
]

# What factcheck extracts today: numbers with their unit, dates, times, durations, quotations.
# A gold item of another kind is counted apart (`scope: out`), so recall is not charged for
# a capability the tool does not claim; the list grows as extractors do.
IN_SCOPE_KINDS: frozenset[str] = frozenset({
    "count", "money", "percent", "measure", "age", "date", "time", "duration",
    "quote-words", "quote-speaker",
})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Say(Strict):
    """One outlet's words holding a value: its article id and a verbatim snippet."""

    article: str
    snippet: str = Field(min_length=1)
    speaker: str | None = None

    @field_validator("snippet")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("snippet is blank")
        return value


class Side(Strict):
    value: str
    says: list[Say] = Field(min_length=1)
    speaker: str | None = None


class Discrepancy(Strict):
    id: str
    fact: str
    kind: Kind
    sides: list[Side] = Field(min_length=2)
    minor: bool = False
    internal: bool = False
    note: str = ""
    # Found by reviewing factcheck's findings after the blind annotation: real, but not part of
    # what annotators found by reading, so it counts for precision and never for recall.
    extra: bool = False
    scope: Literal["in", "out"] | None = None

    @property
    def in_scope(self) -> bool:
        if self.scope is not None:
            return self.scope == "in"
        return self.kind in IN_SCOPE_KINDS


class Trap(Strict):
    id: str
    type: Literal["compatible", "different-facts"]
    kind: Kind
    mentions: list[Say] = Field(min_length=2)
    note: str = ""


class StoryGold(Strict):
    story: str
    split: Literal["dev", "test"]
    annotator: str = ""
    checked_by: str = ""
    discrepancies: list[Discrepancy] = Field(default_factory=list)
    traps: list[Trap] = Field(default_factory=list)


@dataclass(frozen=True)
class Span:
    """Where a snippet is in its article's original text: [start, end) character offsets."""

    article: str
    start: int
    end: int


_SPACE = re.compile(r"\s+")


def _squeezed(text: str) -> tuple[str, list[int]]:
    """The text with every run of white space as one space, and each character's original index."""
    out: list[str] = []
    where: list[int] = []
    for match in re.finditer(r"\s+|\S+", text):
        if match.group().isspace():
            out.append(" ")
            where.append(match.start())
        else:
            out.append(match.group())
            where.extend(range(match.start(), match.end()))
    return "".join(out), where


class Articles:
    """The original text of each article of a story, read once, with snippet search."""

    def __init__(self, story_dir: Path) -> None:
        self.dir = story_dir
        self._texts: dict[str, tuple[str, str, list[int]]] = {}

    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.dir.glob("*.txt"))

    def _text(self, article: str) -> tuple[str, str, list[int]]:
        if article not in self._texts:
            raw = (self.dir / f"{article}.txt").read_text(encoding="utf-8")
            squeezed, where = _squeezed(raw)
            self._texts[article] = (raw, squeezed, where)
        return self._texts[article]

    def find(self, say: Say) -> list[Span]:
        """Every place the snippet occurs (white space squeezed; case ignored as a fallback)."""
        if not (self.dir / f"{say.article}.txt").is_file():
            return []
        _raw, squeezed, where = self._text(say.article)
        needle = _SPACE.sub(" ", say.snippet.strip())
        spans = self._all(squeezed, needle, where, say.article)
        if not spans:
            spans = self._all(squeezed.lower(), needle.lower(), where, say.article)
        return spans

    @staticmethod
    def _all(hay: str, needle: str, where: list[int], article: str) -> list[Span]:
        spans = []
        start = hay.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append(Span(article, where[start], where[end - 1] + 1))
            start = hay.find(needle, start + 1)
        return spans


def load_gold(path: Path) -> StoryGold:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        return StoryGold.model_validate(data)
    except Exception as error:  # pydantic's message names the field; add the file
        raise SystemExit(f"{path}: {error}") from error


def all_says(gold: StoryGold) -> list[tuple[str, Say]]:
    """Every snippet of a gold file with the id of the item that cites it."""
    found: list[tuple[str, Say]] = []
    for item in gold.discrepancies:
        found.extend((item.id, say) for side in item.sides for say in side.says)
    for trap in gold.traps:
        found.extend((trap.id, say) for say in trap.mentions)
    return found


def check_gold(path: Path, corpus: Path = CORPUS) -> list[str]:
    """Problems of one gold file: schema, story and split, ids, snippets not found."""
    gold = load_gold(path)
    problems: list[str] = []
    if gold.story != path.stem:
        problems.append(f"{path}: story {gold.story!r} but the file is named {path.stem!r}")
    articles = Articles(corpus / gold.story)
    if not articles.dir.is_dir():
        return [*problems, f"{path}: no story folder {articles.dir}"]
    ids = [item.id for item in gold.discrepancies] + [trap.id for trap in gold.traps]
    for repeated in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{path}: id {repeated!r} is used more than once")
    for item_id, say in all_says(gold):
        if not (articles.dir / f"{say.article}.txt").is_file():
            problems.append(f"{path}: {item_id}: no article {say.article!r} in {gold.story}")
        elif not articles.find(say):
            problems.append(f"{path}: {item_id}: not found in {say.article}: {say.snippet!r}")
    for item in gold.discrepancies:
        sides = [{say.article for say in side.says} for side in item.sides]
        if not item.internal and len(set().union(*sides)) < 2:
            problems.append(f"{path}: {item.id}: every side is one article; mark it internal")
    return problems
