"""Stories from a pile: articles without a story id grouped by the event they report.

A day of news arrives as one pile. Articles that carry a `story` id go to that story as given.
The rest are linked in pairs, and each connected group is a story. Two articles are linked when
all three hold:

1. *Close in time*: published within `WINDOW_HOURS` (72 h) of each other. An undated article
   passes this test (nothing says it is far away) but must meet the other two.
2. *Shared names*: at least one name word in common in title + lead (capitalised words and
   acronyms; not a word that opens a sentence, a month, a weekday or a function word). Two
   storms on the same day use the same words ("storm", "killed", "homes"), not the same places.
3. *Similar wording*: TF-IDF cosine of title + lead (first `LEAD_WORDS` words) at least
   `LINK_COSINE` (0.3); or, when they share `MANY_NAMES` (3) name words or more, at least
   `LINK_COSINE_MANY_NAMES` (0.1), because two reporters who wrote the same event in their
   own words share names far more than phrasing. Function words (the `stopwords` table) are
   dropped; IDF is smoothed, 1 + ln((1 + N) / (1 + df)), computed over the pile itself, so a
   word every article uses weighs least, and a pile of two still compares.

Linking is single linkage (union-find), so a story is every article reachable through links.
Candidates are found through an index of entities, so only articles sharing a name are ever
compared (entities in more than `COMMON_ENTITY_SHARE` of the pile, such as a country every
article names, are not used to find candidates, though they still count as shared).

Deterministic: ids come from content, not from input order. A grouped story's id is
`auto-<earliest article id>` (earliest published, then smallest id), its title that article's
title; articles within a story are sorted by id.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from factcheck.copies import mark_copies, order_key, published_at
from factcheck.ingest.jsonl import read_jsonl
from factcheck.models import Article, Problem, Story
from factcheck.resources import load_table
from factcheck.unionfind import connected_groups

WINDOW_HOURS = 72
LINK_COSINE = 0.3
MANY_NAMES = 3
LINK_COSINE_MANY_NAMES = 0.1
LEAD_WORDS = 80
COMMON_ENTITY_SHARE = 0.2
COMMON_ENTITY_MIN = 50

_WORD = re.compile(r"\w+")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n\s*)$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def lead_of(article: Article) -> str:
    """Title and the first words of the text: where a report says what happened."""
    words = article.text.split()[:LEAD_WORDS]
    return f"{article.title or ''}\n{' '.join(words)}"


@cache
def _not_names() -> frozenset[str]:
    """Capitalised words that name no one: months, weekdays, function words ("The", "In")."""
    calendar = load_table("calendar")
    words: set[str] = set(load_table("stopwords")["words"])
    for key in ("months", "weekdays"):
        words.update(name.lower() for name in calendar[key])
    return frozenset(words)


def entities(text: str) -> frozenset[str]:
    """Name words of the text, lower-cased: each capitalised word ("Rotterdam", "FNV") that
    does not open a sentence (unless it is an acronym) and is not a calendar or function word.

    Words rather than whole names, so "the Port of Rotterdam Authority" and "Rotterdam" share
    a name, and a sentence-initial "Residents of Sapporo" still yields "sapporo".
    """
    skip = _not_names()
    found = set()
    for match in _NAME.finditer(text):
        word = match.group(0).rstrip("'’-")
        if len(word) < 2 or (word.lower() in skip and not word.isupper()):
            continue
        if not word.isupper() and _SENTENCE_START.search(text[:match.start()]):
            continue  # "Officials said ..." opens a sentence; it names nothing
        found.add(word.lower().removesuffix("'s").removesuffix("’s"))
    return frozenset(found)


def _vectors(leads: Sequence[str]) -> list[dict[str, float]]:
    """TF-IDF vectors, unit length, with IDF from the leads themselves."""
    function_words = frozenset(load_table("stopwords")["words"])
    tokens = [
        [word for word in _WORD.findall(lead.lower()) if word not in function_words]
        for lead in leads
    ]
    document_frequency: Counter[str] = Counter()
    for words in tokens:
        document_frequency.update(set(words))
    count = len(leads)
    vectors = []
    for words in tokens:
        weights = {
            word: n * (1.0 + math.log((1 + count) / (1 + document_frequency[word])))
            for word, n in Counter(words).items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({word: w / norm for word, w in weights.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def _linked_pairs(articles: Sequence[Article]) -> Iterable[tuple[int, int]]:
    leads = [lead_of(article) for article in articles]
    names = [entities(lead) for lead in leads]
    vectors = _vectors(leads)
    stamps = [published_at(article) for article in articles]
    postings: dict[str, list[int]] = {}
    for index, found in enumerate(names):
        for name in found:
            postings.setdefault(name, []).append(index)
    common = max(COMMON_ENTITY_MIN, COMMON_ENTITY_SHARE * len(articles))
    window = WINDOW_HOURS * 3600
    for index in range(len(articles)):
        candidates = sorted({
            other for name in names[index] if len(postings[name]) <= common
            for other in postings[name] if other > index
        })
        for other in candidates:
            a, b = stamps[index], stamps[other]
            if a is not None and b is not None and abs(a - b) > window:
                continue
            shared = len(names[index] & names[other])
            similarity = cosine(vectors[index], vectors[other])
            if similarity >= LINK_COSINE or (
                shared >= MANY_NAMES and similarity >= LINK_COSINE_MANY_NAMES
            ):
                yield index, other


def _story_id(name: str) -> str:
    return _UNSAFE.sub("-", name).strip("-") or "story"


def group_stories(articles: Iterable[Article], path: str = "pile") -> list[Story]:
    """Stories of the pile, sorted by id; `path` is where they came from (the JSONL file)."""
    given: dict[str, list[Article]] = {}
    loose: list[Article] = []
    for article in articles:
        if article.story:
            given.setdefault(article.story, []).append(article)
        else:
            loose.append(article)
    loose.sort(key=lambda article: article.id)
    grouped = [
        [loose[index] for index in group]
        for group in connected_groups(len(loose), _linked_pairs(loose))
    ]

    stories = [_story(story_id, members, path, named=True) for story_id, members in given.items()]
    stories.extend(_story("", members, path, named=False) for members in grouped)
    return sorted(stories, key=lambda story: story.id)


def _story(story_id: str, members: list[Article], path: str, *, named: bool) -> Story:
    earliest = min(members, key=order_key)
    zones = {article.timezone for article in members}
    return Story(
        id=_story_id(story_id) if named else f"auto-{_story_id(earliest.id)}",
        path=path,
        title=earliest.title,
        timezone=zones.pop() if len(zones) == 1 else None,
        articles=sorted(members, key=lambda article: article.id),
    )


def stories_from_jsonl(path: Path) -> tuple[list[Story], list[Problem]]:
    """The stories of a JSON Lines file, copies marked, and the problems of its bad lines.

    The lines are read as a stream, but grouping needs the whole pile: the articles (not the
    file's text) are held until the stories are formed.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in read_jsonl(path):
        (articles if isinstance(item, Article) else problems).append(item)  # type: ignore[arg-type]
    stories = [mark_copies(story) for story in group_stories(articles, path.as_posix())]
    return stories, problems
