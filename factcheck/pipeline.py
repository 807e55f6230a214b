"""The pipeline, end to end: load -> clean -> parse -> extract -> claims -> align/compare.

This module only wires stages together; each stage lives in its own package and talks to the
next through the models in `factcheck.models`. I/O happens at the edges (ingest, report, cli).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path, PurePosixPath

from factcheck.cache import ClaimCache
from factcheck.claims import build_claims
from factcheck.copies import mark_copies
from factcheck.errors import FactcheckError
from factcheck.extract import extract_mentions
from factcheck.ingest import load_story
from factcheck.ingest.loader import MAX_ARTICLE_BYTES
from factcheck.models import (
    Article,
    ArticleRef,
    Claim,
    Context,
    Problem,
    Report,
    Story,
    StoryRef,
)
from factcheck.nlp import DEFAULT_MODEL, parse, sentences
from factcheck.parallel import ArticleProgress, Engine, SerialEngine, extract_claims
from factcheck.plural import plural
from factcheck.report.common import ReportIndex
from factcheck.report.sarif import fingerprint
from factcheck.rules import RuleSet, check_story


def article_context(article: Article) -> Context:
    """What the normaliser needs to resolve this article's relative expressions."""
    anchor = article.reference_time or article.published
    return Context(published=anchor, timezone=article.timezone)


def analyse_article(article: Article, nlp_model: str = DEFAULT_MODEL) -> list[Claim]:
    """Every claim one article makes; pure, so it can run in any process. The clean text is
    parsed once, and that one `Doc` (its sentences, tokens and tree) serves the extractors
    and the claims; a blank text has nothing to parse."""
    doc = parse(article.text, nlp_model) if article.text.strip() else None
    mentions = extract_mentions(article.text, article_context(article), doc)
    return build_claims(article, sentences(doc) if doc else [], mentions, doc)


def analyse_story(story: Story, rules: RuleSet, nlp_model: str = DEFAULT_MODEL) -> Report:
    """Compare the claims of a loaded story under a rule set."""
    claims: list[Claim] = []
    for article in story.articles:
        claims.extend(analyse_article(article, nlp_model))
    return compare_story(story, claims, rules)


def undated(story: Story) -> list[Problem]:
    """One caveat for a story with articles of unknown date, said once for all of them.

    Without a publication date (from the metadata or the page's own stamp) a weekday is only
    a weekday and "yesterday" or a bare month is not resolved at all, so the report finds less
    than it could; the reader should know why, and how to fix it."""
    missing = [article for article in story.articles if article.published is None]
    if not missing:
        return []
    which = ("no article has a" if len(missing) == len(story.articles)
             else f"{plural(len(missing), 'article')} of {len(story.articles)} have no")
    return [Problem(
        file=story.path, severity="warning",
        message=f"{which} publication date (metadata or a stamp on the page): there a"
        " weekday is compared only with weekdays, and relative dates ('yesterday', 'last"
        " month', a bare month) are not resolved; give `published` to compare them",
    )]


def compare_story(story: Story, claims: list[Claim], rules: RuleSet) -> Report:
    """The report of a story whose claims (in article order) were extracted elsewhere: in this
    process, in worker processes, on a cluster or from the cache."""
    facts, discrepancies = check_story(story, claims, rules)
    report = Report(
        story=StoryRef(id=story.id, title=story.title, timezone=story.timezone),
        articles=[
            ArticleRef(
                id=article.id,
                path=str(PurePosixPath(story.path) / article.path),
                outlet=article.outlet,
                published=article.published,
                published_from=article.published_from,
                stamps=article.stamps,
            )
            for article in story.articles
        ],
        claims=claims,
        discrepancies=discrepancies,
        facts=facts,
        problems=[*story.problems, *undated(story)],
    )
    return with_fingerprints(report)


def with_fingerprints(report: Report) -> Report:
    """Fill each discrepancy's fingerprint with the function SARIF uses, so the JSON report,
    SARIF and baselines name a finding the same way."""
    index = ReportIndex.of(report)
    return report.model_copy(update={"discrepancies": [
        discrepancy.model_copy(update={"fingerprint": fingerprint(discrepancy, index)})
        for discrepancy in report.discrepancies
    ]})


def run_story(story_dir: Path, rules: RuleSet) -> Report:
    """Load one story folder and analyse it."""
    return analyse_story(load_marked_story(story_dir), rules)


def run_stories(
    story_dirs: Iterable[Path],
    rules: RuleSet,
    engine: Engine | None = None,
    cache: ClaimCache | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    on_articles: ArticleProgress | None = None,
) -> Iterator[Report | FactcheckError]:
    """One report per story folder, in order, with extraction on `engine` (default: this
    process) and claims from `cache` where unchanged; a story that fails to load yields its
    error instead, so one broken folder never hides the others. `on_articles` hears each
    story's articles as they are done (a progress bar)."""
    loaders = (partial(load_marked_story, story_dir, max_article_bytes=max_article_bytes)
               for story_dir in story_dirs)
    yield from compare_stories(loaders, rules, engine, cache, on_articles)


def load_marked_story(story_dir: Path, *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Story:
    """A story folder with its wire copies marked, as piles have theirs: one agency text
    published by several sites must not outvote independent reports in a folder either."""
    return mark_copies(load_story(story_dir, max_article_bytes=max_article_bytes))


def compare_stories(
    loaders: Iterable[Callable[[], Story]],
    rules: RuleSet,
    engine: Engine | None = None,
    cache: ClaimCache | None = None,
    on_articles: ArticleProgress | None = None,
) -> Iterator[Report | FactcheckError]:
    """As `run_stories`, for stories from any source (folders, JSON Lines groups)."""
    for item in extract_claims(loaders, engine or SerialEngine(), cache,
                               on_articles=on_articles):
        if isinstance(item, FactcheckError):
            yield item
        else:
            story, claims = item
            yield compare_story(story, claims, rules)
