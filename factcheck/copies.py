"""Wire copies and near-duplicates: one text republished by several sites counts once.

An agency report reappears on dozens of sites with a new headline, a trimmed last paragraph or
a machine paraphrase. Counted as independent outlets, ten copies of one wrong figure would
outvote two reporters who checked; so copies are found and folded into their original.

Method (exact, no sampling): each text becomes the set of its 3-word shingles (lower-cased
word runs, numbers kept, since numbers are what set two reports apart). Two texts are copies
when their *containment* -- shared shingles over the shingles of the shorter text -- is at least
`COPY_THRESHOLD` (0.4). Containment rather than Jaccard, because a site that cuts the last
three paragraphs, or adds a sidebar, still republishes the same text. Measured on hand-written
examples (tests/test_copies.py): verbatim and lightly edited copies score 0.8-1.0, a paraphrase
that keeps names, numbers and sentence order about 0.4-0.6, and independent reports of the same
event below 0.15 (they share names and stock phrases, rarely three words in a row). Texts with
fewer than `MIN_SHINGLES` shingles are never judged: a two-line brief shares too little to
tell.

Copies are grouped by single linkage (a copy of a copy is a copy); the original of a group is
its earliest article (then the smallest id), which makes the answer independent of input order.
Candidate pairs come from an index of each text's rarest shingles (see `copy_scores`), so
independent texts are not compared; still, call it per story, not on a day's pile.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, time

from factcheck.models import Article, Problem, Story

COPY_THRESHOLD = 0.4
SHINGLE_WORDS = 3
MIN_SHINGLES = 20

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """The text's runs of `size` consecutive words, lower-cased."""
    words = _WORD.findall(text.lower())
    return frozenset(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared shingles over those of the smaller set: 1.0 when one text contains the other."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def published_at(article: Article) -> float | None:
    """Publication as a POSIX timestamp; a date alone is its midnight UTC."""
    published = article.published
    if published is None:
        return None
    if isinstance(published, datetime):
        moment = published if published.tzinfo else published.replace(tzinfo=UTC)
    else:
        moment = datetime.combine(published, time(), tzinfo=UTC)
    return moment.timestamp()


def order_key(article: Article) -> tuple[float, str]:
    """Earliest first, then by id; an undated article sorts after every dated one."""
    stamp = published_at(article)
    return (float("inf") if stamp is None else stamp, article.id)


def copy_scores(
    articles: Sequence[Article], threshold: float = COPY_THRESHOLD
) -> dict[tuple[str, str], float]:
    """Containment of every pair of articles at or above `threshold`, keyed by sorted ids.

    Exact, but not by trying every pair (that took 6 s for a story of 500 articles): a pair can
    only reach the threshold if the smaller text's rarest shingles include one of the other's.
    With shingles ordered rarest first across the story, if `a` (the smaller) shares at least
    `k` shingles with `b`, one of them is among the first `len(a) - k + 1` of `a`; so each text
    looks up only that prefix in an index of the others, and the few candidates found are then
    scored in full. Independent reports share almost no rare shingles, so this is close to
    linear in the story's size; a story made of copies of one text is still quadratic, as its
    answer is.
    """
    sets = {article.id: shingles(article.text) for article in articles}
    judged = {key: value for key, value in sets.items() if len(value) >= MIN_SHINGLES}
    frequency: dict[str, int] = {}
    for shingle_set in judged.values():
        for shingle in shingle_set:
            frequency[shingle] = frequency.get(shingle, 0) + 1
    index: dict[str, list[str]] = {}
    for key in sorted(judged):
        for shingle in judged[key]:
            index.setdefault(shingle, []).append(key)
    scores: dict[tuple[str, str], float] = {}
    for key in sorted(judged):
        a = judged[key]
        # At least this many shingles must be shared; one fewer than the true bound, so the
        # prefix is never too short whatever the floating-point rounding.
        needed = max(int(threshold * len(a)) - 1, 1)
        rarest = sorted(a, key=lambda shingle: (frequency[shingle], shingle))
        candidates: set[str] = set()
        for shingle in rarest[: len(a) - needed + 1]:
            candidates.update(index[shingle])
        for other in candidates:
            if other == key or len(judged[other]) < len(a) or (
                    len(judged[other]) == len(a) and other < key):
                continue  # the other text probes this pair (it is the smaller one)
            score = containment(a, judged[other])
            if score >= threshold:
                scores[(min(key, other), max(key, other))] = score
    return dict(sorted(scores.items()))


def find_copies(
    articles: Sequence[Article], threshold: float = COPY_THRESHOLD
) -> dict[str, str]:
    """Each copy's id mapped to its original's id; originals and independent texts are absent."""
    return _copies_from_scores(articles, copy_scores(articles, threshold))


def _copies_from_scores(
    articles: Sequence[Article], scores: dict[tuple[str, str], float]
) -> dict[str, str]:
    parent = {article.id: article.id for article in articles}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in scores:
        parent[root(first)] = root(second)
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(root(article.id), []).append(article)
    copies: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=order_key)
        original = members[0].id
        copies.update({member.id: original for member in members[1:]})
    return copies


def mark_copies(story: Story, threshold: float = COPY_THRESHOLD) -> Story:
    """The story with `copy_of` set on each copy and a note per copy among its problems.

    The note is a warning, never an error: the copy is still read and its claims reported, it
    only stops counting as an independent outlet.
    """
    scores = copy_scores(story.articles, threshold)
    copies = _copies_from_scores(story.articles, scores)
    if not copies:
        return story
    by_id = {article.id: article for article in story.articles}
    articles = [
        article.model_copy(update={"copy_of": copies.get(article.id)})
        for article in story.articles
    ]
    notes: list[Problem] = []
    for copy, original in sorted(copies.items()):
        pair = (min(copy, original), max(copy, original))
        score = scores.get(pair)
        overlap = f"{score:.0%} of the shorter text's 3-word runs shared" if score else (
            "through another copy")
        source = by_id[original]
        outlet = f" ({source.outlet})" if source.outlet else ""
        notes.append(Problem(
            file=f"{story.path}/{by_id[copy].path}", severity="warning",
            message=f"copies: copy of {original}{outlet}, {overlap}; counted once with it"
            " when outlets are counted",
        ))
    return story.model_copy(update={"articles": articles, "problems": [*story.problems, *notes]})
