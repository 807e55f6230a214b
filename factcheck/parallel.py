"""Per-article extraction spread over processes (or a Dask cluster), one story at a time.

Extraction (`analyse_article`) is pure and per article, so it is what we spread; comparing a
story's claims needs all of them and stays in the parent, as does writing reports. Results come
back in input order, so a run with any number of workers gives the same reports as one process.

Memory stays bounded however long the stream of stories: stories are loaded lazily, and only a
window of them (about `4 × workers × batch` articles) is in flight at once; a story leaves as
soon as its claims are back, in order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Protocol, TypeVar

from factcheck.cache import ClaimCache
from factcheck.errors import FactcheckError
from factcheck.models import Article, Claim, Problem, Story
from factcheck.nlp import DEFAULT_MODEL


@dataclass(frozen=True)
class ArticleFailure:
    """An article whose analysis raised: a bug of ours, not a fault of the input."""

    error: str


Batch = list[Article]
ArticleClaims = list[Claim] | ArticleFailure
BatchClaims = list[ArticleClaims]
Item = TypeVar("Item")
ArticleProgress = Callable[[str, int, int], None]
"""Told (story id, articles done, articles in the story) as a story's claims come in."""

DEFAULT_BATCH = 8


def analyse_batch(articles: Batch, nlp_model: str = DEFAULT_MODEL) -> BatchClaims:
    """Claims of each article of a batch; the unit of work sent to a worker.

    Batching amortises the cost of a round trip (pickling, scheduling) over several articles.
    An article whose analysis raises is returned as an `ArticleFailure`: the run is
    unattended, so one text that trips a bug in an extractor must cost that article only,
    never the batch, the story or the run.
    """
    return [_analyse_one(article, nlp_model) for article in articles]


def _analyse_one(article: Article, nlp_model: str = DEFAULT_MODEL) -> ArticleClaims:
    from factcheck.pipeline import analyse_article

    try:
        return analyse_article(article, nlp_model)
    except Exception as error:  # isolating any failure is the point
        return ArticleFailure(f"{type(error).__name__}: {error}")


class Pending(Protocol):
    """What `concurrent.futures.Future` and `distributed.Future` have in common for us: the
    claims of each article of a batch, in order (read once)."""

    def result(self) -> Iterable[ArticleClaims]: ...


class Engine(Protocol):
    """Runs batches of per-article extraction somewhere; `workers` sizes the in-flight window."""

    workers: int

    def submit(self, batch: Batch) -> Pending: ...

    def close(self) -> None: ...


@dataclass
class _Later:
    """A batch analysed in this process as its results are read, article by article, so
    that progress within one story can be shown while it runs."""

    batch: Batch
    nlp_model: str = DEFAULT_MODEL

    def result(self) -> Iterator[ArticleClaims]:
        for article in self.batch:
            yield _analyse_one(article, self.nlp_model)


class SerialEngine:
    """Extraction in this process: the reference every other engine must match."""

    workers = 1

    def __init__(self, nlp_model: str = DEFAULT_MODEL) -> None:
        self.nlp_model = nlp_model

    def submit(self, batch: Batch) -> Pending:
        return _Later(batch, self.nlp_model)

    def close(self) -> None:
        return None


def _started() -> None:
    """A task that does nothing: submitting it makes the pool start its workers."""


class ProcessEngine:
    """A `ProcessPoolExecutor` of `jobs` processes, created once and reused across stories.

    The workers are started here, not at the first batch. Where processes are forked (Linux),
    a worker is a copy of the parent as it stands when it starts: started at the first batch,
    it would carry whatever the parent had built by then, such as a JSON Lines pile's
    grouping records: pages it shares with the parent, counted in its resident memory and
    copied for real once its garbage collector walks them (24 MB more a worker for 20,000
    articles; benchmarks/README.md, "JSON Lines"). So create the engine before reading input.
    """

    def __init__(self, jobs: int, nlp_model: str = DEFAULT_MODEL) -> None:
        self.workers = jobs
        self.nlp_model = nlp_model
        self._pool = ProcessPoolExecutor(max_workers=jobs)
        for started in [self._pool.submit(_started) for _ in range(jobs)]:
            started.result()

    def submit(self, batch: Batch) -> Pending:
        return self._pool.submit(analyse_batch, batch, self.nlp_model)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _InFlight:
    """One story whose claims are being extracted: cached claims and pending batches."""

    story: Story
    claims: list[list[Claim] | None]
    batches: list[tuple[list[int], Pending]] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Articles held, cached or not: what bounds memory, so it is what the window counts."""
        return max(len(self.story.articles), 1)


@dataclass
class _Failed:
    error: FactcheckError


def extract_claims(
    loaders: Iterable[Callable[[], Story]],
    engine: Engine,
    cache: ClaimCache | None = None,
    batch_size: int = DEFAULT_BATCH,
    on_articles: ArticleProgress | None = None,
) -> Iterator[tuple[Story, list[Claim]] | FactcheckError]:
    """(story, its claims in article order) per loader, in input order; or the load error.

    Loaders are called lazily, a window ahead of the story being yielded, so that workers stay
    busy while the caller compares and writes the previous story. `on_articles` hears how
    many of a story's articles are done as their claims come in (cached ones first).
    """
    window = engine.workers * batch_size * 4 if engine.workers > 1 else 0
    queue: deque[_InFlight | _Failed] = deque()
    in_flight = 0
    for load in loaders:
        try:
            story = load()
        except FactcheckError as error:
            queue.append(_Failed(error))
        else:
            entry = _start(story, engine, cache, batch_size)
            queue.append(entry)
            in_flight += entry.size
        while queue and (in_flight > window or not isinstance(queue[0], _InFlight)):
            head = queue.popleft()
            if isinstance(head, _InFlight):
                in_flight -= head.size
            yield _finish(head, cache, on_articles)
    while queue:
        yield _finish(queue.popleft(), cache, on_articles)


def _start(story: Story, engine: Engine, cache: ClaimCache | None, batch_size: int) -> _InFlight:
    claims: list[list[Claim] | None] = [
        cache.get(article) if cache is not None else None for article in story.articles
    ]
    missing = [index for index, found in enumerate(claims) if found is None]
    entry = _InFlight(story, claims)
    for start in range(0, len(missing), batch_size):
        indices = missing[start:start + batch_size]
        batch = [story.articles[index] for index in indices]
        entry.batches.append((indices, engine.submit(batch)))
    return entry


def _finish(
    entry: _InFlight | _Failed, cache: ClaimCache | None, on_articles: ArticleProgress | None,
) -> tuple[Story, list[Claim]] | FactcheckError:
    if isinstance(entry, _Failed):
        return entry.error
    failed: list[Problem] = []
    total = len(entry.story.articles)
    done = total - sum(len(indices) for indices, _ in entry.batches)  # from the cache
    if on_articles is not None:
        on_articles(entry.story.id, done, total)
    for indices, pending in entry.batches:
        for index, result in zip(indices, pending.result(), strict=True):
            done += 1
            if on_articles is not None:
                on_articles(entry.story.id, done, total)
            article = entry.story.articles[index]
            if isinstance(result, ArticleFailure):
                failed.append(_failure_problem(entry.story, article, result))
                continue
            entry.claims[index] = result
            if cache is not None:
                cache.put(article, result)
    claims = [claim for article_claims in entry.claims for claim in article_claims or []]
    story = entry.story
    if failed:
        story = story.model_copy(update={"problems": [*story.problems, *failed]})
    return story, claims


def _failure_problem(story: Story, article: Article, failure: ArticleFailure) -> Problem:
    """The report's word for an article we failed on: which file, what was raised, and that
    its claims are missing from the comparison (so a quiet report is not read as agreement)."""
    return Problem(
        file=str(PurePosixPath(story.path) / article.path),
        message=(
            f"internal error while analysing this article ({failure.error}); its claims are "
            "left out of the comparison. This is a bug in factcheck: please report it with "
            "the article."
        ),
    )


def make_engine(kind: str = "local", jobs: int = 1, scheduler: str | None = None,
                nlp_model: str = DEFAULT_MODEL) -> Engine:
    """The engine a command line asks for, parsing with `nlp_model`; Dask is imported only
    when asked for.

    Call it before reading input: its worker processes start at once, and forked ones copy
    what the caller holds at that moment (see `ProcessEngine`).
    """
    if kind == "dask":
        from factcheck.dask_engine import DaskEngine

        return DaskEngine(scheduler, jobs, nlp_model=nlp_model)
    if jobs <= 1:
        return SerialEngine(nlp_model)
    return ProcessEngine(jobs, nlp_model)
