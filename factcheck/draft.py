"""The pre-publication check: does a draft contradict what the story's outlets report?

The draft is read like any article and joins the story as one more outlet ("draft"), so the
same rules compare it with the same alignment; nothing is special-cased for drafts except what
is reported. Findings are the discrepancies the draft takes part in, located at the draft's
lines; disagreements among the outlets alone are listed apart (they are not the writer's to
fix, but a writer should know the sources conflict), and a finding on a fact the outlets
themselves disagree on says so.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from factcheck.errors import UsageError
from factcheck.ingest import load_article_file, load_story
from factcheck.ingest.manifest import as_aware, parse_when
from factcheck.models import Article, Claim, Discrepancy, Report, SetAside, Story
from factcheck.nlp import DEFAULT_MODEL
from factcheck.pipeline import analyse_story
from factcheck.rules import RuleSet

DRAFT_OUTLET = "draft"


def draft_id(story: Story) -> str:
    """'draft', or 'draft-2', ... when a story article already has that id."""
    taken = {article.id for article in story.articles}
    candidate, number = "draft", 1
    while candidate in taken:
        number += 1
        candidate = f"draft-{number}"
    return candidate


def latest_published(story: Story) -> datetime | date | None:
    """A draft is written after the coverage it draws on: read its relative dates ('on
    Tuesday') against the latest publication in the story when it gives none itself."""
    moments = [a.reference_time or a.published for a in story.articles]
    known = [m for m in moments if m is not None]
    if not known:
        return None

    def key(moment: datetime | date) -> tuple[date, float]:
        if isinstance(moment, datetime):
            return (moment.date(), moment.timestamp())
        return (moment, 0.0)

    return max(known, key=key)


def read_published(value: str, zone: str | None = None) -> datetime | date:
    """`--published` read as a manifest reads an article's `published`: a date alone, a
    date-time with an offset or followed by a zone name ("2025-02-09T23:30 Europe/Tallinn"),
    or a bare date-time, which is in `zone` (the draft's, else the story's): a writer gives
    the local time of the newsroom that covers the event, not UTC. UTC only when no zone is
    known at all, as for articles."""
    try:
        moment = parse_when(value, zone)
    except ValueError as error:
        raise UsageError(f"--published: {error}") from error
    return as_aware(moment) if isinstance(moment, datetime) else moment


def draft_zone(article: Article, story: Story) -> str | None:
    """The zone the draft's local times are read in: its own front matter's, else the
    story's, as for an article of the story."""
    return article.timezone or story.timezone


def as_draft(
    article: Article, story: Story, published: str | datetime | date | None
) -> Article:
    """The draft as one more article of the story. A `published` string, or a date-time
    without offset, is read in the draft's zone (see `read_published`)."""
    zone = draft_zone(article, story)
    if isinstance(published, str):
        published = read_published(published, zone)
    elif isinstance(published, datetime) and published.tzinfo is None:
        published = read_published(published.isoformat(), zone)
    anchor = published or article.reference_time or article.published or latest_published(story)
    return article.model_copy(update={
        "id": draft_id(story),
        "outlet": DRAFT_OUTLET,
        "published": published or article.published or anchor,
        "reference_time": anchor,
        "timezone": zone,
    })


def check_draft_story(
    story: Story, draft: Article, draft_path: str, rules: RuleSet,
    nlp_model: str = DEFAULT_MODEL,
) -> Report:
    """The report of a draft checked against a loaded story (pure, for tests and reuse)."""
    combined = story.model_copy(update={"articles": [*story.articles, draft]})
    report = analyse_story(combined, rules, nlp_model)
    articles = [
        ref.model_copy(update={"path": draft_path}) if ref.id == draft.id else ref
        for ref in report.articles
    ]
    draft_claims = {claim.id for claim in report.claims if claim.article == draft.id}
    findings: list[Discrepancy] = []
    set_aside = list(report.set_aside)
    for discrepancy in report.discrepancies:
        if _draft_stands_alone(discrepancy, draft_claims):
            findings.append(_note_outlet_disagreement(discrepancy, draft_claims))
        else:
            set_aside.append(SetAside(status="outlets", discrepancy=discrepancy))
    return report.model_copy(update={
        "articles": articles, "discrepancies": findings, "set_aside": set_aside,
    })


def _draft_stands_alone(discrepancy: Discrepancy, draft_claims: set[str]) -> bool:
    """True when some value of the draft's is given by no outlet. A draft that repeats one
    outlet's value inside a disagreement among the outlets has not introduced it: that is the
    sources' conflict, listed apart, not the writer's error."""
    return bool(contradicting_claims(discrepancy, draft_claims))


def contradicting_claims(discrepancy: Discrepancy, draft_claims: set[str]) -> list[str]:
    """The draft's claims that make a finding: those in a position no outlet shares. The
    draft's other claims in the discrepancy agree with some outlet ("Monday morning" beside
    a contradicting "11:30 a.m."); pointing the writer at those would send them to the
    wrong line."""
    return [
        claim
        for position in discrepancy.positions
        if position.claims and all(claim in draft_claims for claim in position.claims)
        for claim in position.claims
    ]


def draft_finding_claims(report: Report, discrepancy: Discrepancy) -> list[Claim]:
    """The draft's contradicting claims of one finding, in the order they stand in the draft,
    so a finding is located at the first of them."""
    drafts = {article.id for article in report.articles if article.outlet == DRAFT_OUTLET}
    draft_claims = {claim.id: claim for claim in report.claims if claim.article in drafts}
    chosen = contradicting_claims(discrepancy, set(draft_claims))
    return sorted((draft_claims[claim] for claim in chosen), key=lambda claim: claim.start)


def _note_outlet_disagreement(discrepancy: Discrepancy, draft_claims: set[str]) -> Discrepancy:
    """Say so when the outlets, without the draft, give more than one value for the fact:
    then the draft sides with some sources rather than contradicting all of them."""
    outlet_positions = [
        position for position in discrepancy.positions
        if any(claim not in draft_claims for claim in position.claims)
    ]
    if len(outlet_positions) < 2:
        return discrepancy
    values = "; ".join(position.value for position in outlet_positions)
    note = f"The outlets themselves disagree on this ({values})."
    explanation = f"{discrepancy.explanation} {note}" if discrepancy.explanation else note
    return discrepancy.model_copy(update={"explanation": explanation})


def check_draft(
    draft_path: Path, story_dir: Path, rules: RuleSet,
    published: str | datetime | date | None = None, nlp_model: str = DEFAULT_MODEL,
) -> Report:
    """Load the draft and the story, and check one against the other; `published` (as
    `--published` gives it) is read once the story's zone is known."""
    story = load_story(story_dir)
    draft = as_draft(load_article_file(draft_path), story, published)
    return check_draft_story(story, draft, draft_path.as_posix(), rules, nlp_model)
