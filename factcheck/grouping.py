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
compared. An entity in more than `COMMON_ENTITY_SHARE` of the pile (a country every article
names, or the names of one event that fills the pile) would make that quadratic; through such
an entity each article is compared only with its `COMMON_NEIGHBOURS` nearest articles in
publication order on either side, enough for single linkage to chain a big story together
(it still counts as shared).

Deterministic: ids come from content, not from input order. A grouped story's id is
`auto-<earliest article id>` (earliest published, then smallest id), its title that article's
title; articles within a story are sorted by id.

Bounded memory for a JSON Lines pile (`jsonl_loaders`): a first streaming pass keeps only an
`ArticleRecord` per article (id, story id, publication, title, zone, name words, lead terms and
where its line lies in the file) and groups on those, by the method above; each story's loader
then reads just its own lines again by offset, builds the articles and marks copies, so only
the stories the engine is working on hold texts. Grouping itself still needs every record and
every lead's TF-IDF vector at once (a few kilobytes per article, whatever its length).
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from factcheck.copies import mark_copies, published_at
from factcheck.ingest.jsonl import LineSpan, read_jsonl_line, read_jsonl_spans
from factcheck.ingest.loader import MAX_ARTICLE_BYTES
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
# Articles compared on each side, in publication order, through a name too common to index.
COMMON_NEIGHBOURS = 8

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


@dataclass(frozen=True)
class ArticleRecord:
    """What grouping needs of one article, and no more: no text, so a day's pile of records
    fits in memory however long its articles are. `terms` are the word tokens of title + lead
    (function words dropped, interned so that a word shared by many articles is stored once),
    in text order; `line` says where a JSON Lines article can be read again."""

    id: str
    story: str | None
    stamp: float | None
    title: str | None
    timezone: str | None
    names: frozenset[str]
    terms: tuple[str, ...]
    line: LineSpan | None = None


@dataclass(frozen=True)
class StoryPlan:
    """A story formed from records, before its articles are read: what a loader needs."""

    id: str
    path: str
    title: str | None
    timezone: str | None
    members: tuple[ArticleRecord, ...]


def record_of(article: Article, line: LineSpan | None = None) -> ArticleRecord:
    lead = lead_of(article)
    function_words = _function_words()
    return ArticleRecord(
        id=article.id,
        story=article.story,
        stamp=published_at(article),
        title=article.title,
        timezone=article.timezone,
        names=frozenset(sys.intern(name) for name in entities(lead)),
        terms=tuple(
            sys.intern(word) for word in _WORD.findall(lead.lower())
            if word not in function_words
        ),
        line=line,
    )


@cache
def _function_words() -> frozenset[str]:
    return frozenset(load_table("stopwords")["words"])


def _vectors(records: Sequence[ArticleRecord]) -> list[dict[str, float]]:
    """TF-IDF vectors, unit length, with IDF from the leads themselves."""
    document_frequency: Counter[str] = Counter()
    for record in records:
        document_frequency.update(set(record.terms))
    count = len(records)
    vectors = []
    for record in records:
        weights = {
            word: n * (1.0 + math.log((1 + count) / (1 + document_frequency[word])))
            for word, n in Counter(record.terms).items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({word: w / norm for word, w in weights.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def _linked_pairs(records: Sequence[ArticleRecord]) -> Iterable[tuple[int, int]]:
    names = [record.names for record in records]
    vectors = _vectors(records)
    stamps = [record.stamp for record in records]
    postings: dict[str, list[int]] = {}
    for index, found in enumerate(names):
        for name in found:
            postings.setdefault(name, []).append(index)
    common = max(COMMON_ENTITY_MIN, COMMON_ENTITY_SHARE * len(records))
    neighbours = _time_neighbours(records, postings, common)
    window = WINDOW_HOURS * 3600
    for index in range(len(records)):
        candidates = sorted({
            other for name in names[index] if len(postings[name]) <= common
            for other in postings[name] if other > index
        } | {other for other in neighbours(index) if other > index})
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


def _time_neighbours(
    records: Sequence[ArticleRecord], postings: dict[str, list[int]], common: float
) -> Callable[[int], Iterable[int]]:
    """For a name too common to compare all its articles pairwise: each article's
    `COMMON_NEIGHBOURS` nearest in publication order on either side among them.

    A story that dominates the pile (one event, hundreds of outlets) has only common names;
    without these candidates its articles would never be compared and it would fall apart
    into hundreds of one-article stories. Single linkage needs a chain, not every pair, and
    a big story's reports come out over hours, so neighbours in time chain it together at a
    cost linear in the pile. The order is (publication, id): the same in any input order.
    """
    order = sorted(range(len(records)), key=lambda i: _record_order(records[i]))
    rank = {index: position for position, index in enumerate(order)}
    sorted_members: dict[str, list[int]] = {}
    places: dict[str, dict[int, int]] = {}
    for name, members in postings.items():
        if len(members) > common:
            ordered = sorted(members, key=rank.__getitem__)
            sorted_members[name] = ordered
            places[name] = {index: place for place, index in enumerate(ordered)}

    def around(index: int) -> Iterable[int]:
        for name in records[index].names:
            ordered = sorted_members.get(name)
            if ordered is None:
                continue
            place = places[name][index]
            yield from ordered[max(place - COMMON_NEIGHBOURS, 0): place]
            yield from ordered[place + 1: place + 1 + COMMON_NEIGHBOURS]

    return around


def _story_id(name: str) -> str:
    return _UNSAFE.sub("-", name).strip("-") or "story"


def group_records(records: Sequence[ArticleRecord], path: str = "pile") -> list[StoryPlan]:
    """The stories of the pile as plans (members sorted by id), sorted by story id."""
    given: dict[str, list[ArticleRecord]] = {}
    loose: list[ArticleRecord] = []
    for record in records:
        if record.story:
            given.setdefault(record.story, []).append(record)
        else:
            loose.append(record)
    loose.sort(key=lambda record: record.id)
    grouped = [
        [loose[index] for index in group]
        for group in connected_groups(len(loose), _linked_pairs(loose))
    ]
    plans = [_plan(story_id, members, path, named=True) for story_id, members in given.items()]
    plans.extend(_plan("", members, path, named=False) for members in grouped)
    return sorted(plans, key=lambda plan: plan.id)


def _record_order(record: ArticleRecord) -> tuple[float, str]:
    """As `copies.order_key`: earliest first, then by id, undated last."""
    return (float("inf") if record.stamp is None else record.stamp, record.id)


def _plan(story_id: str, members: list[ArticleRecord], path: str, *, named: bool) -> StoryPlan:
    earliest = min(members, key=_record_order)
    zones = {record.timezone for record in members}
    return StoryPlan(
        id=_story_id(story_id) if named else f"auto-{_story_id(earliest.id)}",
        path=path,
        title=earliest.title,
        timezone=zones.pop() if len(zones) == 1 else None,
        members=tuple(sorted(members, key=lambda record: record.id)),
    )


def group_stories(articles: Iterable[Article], path: str = "pile") -> list[Story]:
    """Stories of the pile, sorted by id; `path` is where they came from (the JSONL file)."""
    pile = list(articles)
    records = [record_of(article) for article in pile]
    position = {id(record): index for index, record in enumerate(records)}
    return [
        Story(id=plan.id, path=plan.path, title=plan.title, timezone=plan.timezone,
              articles=[pile[position[id(record)]] for record in plan.members])
        for plan in group_records(records, path)
    ]


def plan_jsonl(
    path: Path, *, max_line_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[StoryPlan], list[Problem]]:
    """First pass over a JSON Lines file: the story plans and the problems of its bad lines.

    Each line is read, cleaned and reduced to an `ArticleRecord` (names, lead terms, the
    line's place in the file); the text is dropped at once, so memory grows with the number of
    articles by a few kilobytes each, never with their length.
    """
    records: list[ArticleRecord] = []
    problems: list[Problem] = []
    for item in read_jsonl_spans(path, max_line_bytes=max_line_bytes):
        if isinstance(item, tuple):
            records.append(record_of(*item))
        else:
            problems.append(item)
    if not records and not any(problem.severity == "error" for problem in problems):
        # An empty pile (a failed export, a wrong file) must not pass as a quiet news day.
        problems.append(Problem(file=path.as_posix(), message="no articles in the file;"
                                " nothing to compare"))
    return group_records(records, path.as_posix()), problems


def load_plan(plan: StoryPlan) -> Story:
    """Second pass, one story: its lines read again by offset, articles built, copies marked.

    Only this story's texts are in memory; call it from a loader, story by story.
    """
    source = Path(plan.path)
    articles = []
    for record in plan.members:
        if record.line is None:
            raise ValueError(f"article {record.id!r} has no line to read again")
        articles.append(read_jsonl_line(source, record.line))
    story = Story(id=plan.id, path=plan.path, title=plan.title, timezone=plan.timezone,
                  articles=articles)
    return mark_copies(story)


def jsonl_loaders(
    path: Path, *, max_line_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Callable[[], Story]], list[Problem]]:
    """A loader per story of a JSON Lines file (in story id order), and its bad lines'
    problems: pass the loaders to `pipeline.compare_stories` to hold one story at a time.
    A line over `max_line_bytes` is one of those problems, never read whole."""
    plans, problems = plan_jsonl(path, max_line_bytes=max_line_bytes)
    return [partial(load_plan, plan) for plan in plans], problems
