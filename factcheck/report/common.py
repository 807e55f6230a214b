"""Lookups and orderings every output format shares.

The report contract keeps claims, articles and discrepancies in flat lists joined by ids, so each
format needs the same joins (which outlet made this claim?) and the same ordering. Doing them
here once keeps the Markdown, SARIF and GitHub outputs in agreement about what they show and in
which order, which the golden tests rely on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.claims.lemmas import surface_terms
from factcheck.models import ArticleRef, Claim, Discrepancy, Fact, Report, Severity

SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "info")
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITY_ORDER)}
_VERDICT_RANK = {"contradiction": 0, "tension": 1, "consistent": 2}
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ReportIndex:
    """The id joins of one report, built once so renderers stay linear in its size."""

    articles: dict[str, ArticleRef]
    claims: dict[str, Claim]

    @classmethod
    def of(cls, report: Report) -> ReportIndex:
        return cls(
            articles={article.id: article for article in report.articles},
            claims={claim.id: claim for claim in report.claims},
        )

    def outlet_of_article(self, article_id: str) -> str:
        """The outlet's name, else the article id: a reader needs some name for the source."""
        article = self.articles.get(article_id)
        if article is not None and article.outlet:
            return article.outlet
        return article_id

    def outlet_of(self, claim: Claim) -> str:
        return self.outlet_of_article(claim.article)

    def path_of(self, article_id: str) -> str | None:
        article = self.articles.get(article_id)
        return article.path if article is not None else None

    def claims_of(self, claim_ids: Iterable[str]) -> list[Claim]:
        """Known claims in the given order; ids the report does not hold are skipped."""
        return [self.claims[claim_id] for claim_id in claim_ids if claim_id in self.claims]

    def discrepancy_claims(self, discrepancy: Discrepancy) -> list[Claim]:
        """Every claim of a discrepancy once, in position order."""
        seen: set[str] = set()
        ordered: list[Claim] = []
        for position in discrepancy.positions:
            for claim in self.claims_of(position.claims):
                if claim.id not in seen:
                    seen.add(claim.id)
                    ordered.append(claim)
        return ordered

    def outlets_of_claims(self, claim_ids: Iterable[str]) -> list[str]:
        """Distinct outlets in first-seen order."""
        outlets: list[str] = []
        for claim in self.claims_of(claim_ids):
            outlet = self.outlet_of(claim)
            if outlet not in outlets:
                outlets.append(outlet)
        return outlets

    def fact_outlets(self, fact: Fact) -> list[str]:
        """The fact's outlets as the rules engine listed them, else derived from its claims."""
        return list(dict.fromkeys(fact.outlets)) or self.outlets_of_claims(fact.claims)


_PILE_RECORD = re.compile(r"(?P<pile>.+)/#(?P<line>[0-9]+)")


def pile_record(path: str) -> tuple[str, int] | None:
    """(pile file, line) for the path of an article read from a JSON Lines pile, which is the
    pile joined with `#<line>` (see `factcheck.ingest.jsonl`); None for an article file."""
    match = _PILE_RECORD.fullmatch(path)
    return (match["pile"], int(match["line"])) if match else None


def severity_rank(severity: str) -> int:
    return _SEVERITY_RANK.get(severity, len(SEVERITY_ORDER))


def sorted_discrepancies(report: Report) -> list[Discrepancy]:
    """Worst first, then by where in the inputs they start, then by id.

    Ids are hashes, so ordering by them alone would look random to an editor; ordering by list
    position would make the output depend on the rules engine's iteration order.
    """
    index = ReportIndex.of(report)

    def key(discrepancy: Discrepancy) -> tuple[int, int, str, int, str]:
        claims = index.discrepancy_claims(discrepancy)
        first = min(((claim.article, claim.start) for claim in claims), default=("", 0))
        return (
            severity_rank(discrepancy.severity),
            _VERDICT_RANK.get(discrepancy.verdict, 3),
            first[0],
            first[1],
            discrepancy.id,
        )

    return sorted(report.discrepancies, key=key)


def sorted_claims(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda claim: (claim.article, claim.start, claim.end, claim.id))


def collapse_whitespace(text: str) -> str:
    """Hard-wrapped article text reads as one line; every whitespace run becomes one space."""
    return _WHITESPACE.sub(" ", text).strip()


def normalised_claim_text(text: str) -> str:
    """The claim's words without case or layout, so a re-wrap or re-cased copy matches."""
    return collapse_whitespace(text).casefold()


def stable_hash(*parts: str) -> str:
    """Hex digest of the parts; the separator cannot occur in text, so parts never run together."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return digest.hexdigest()


def display_terms(terms: Iterable[str], claims: Iterable[Claim]) -> list[str]:
    """What a fact is about in the words its claims' sentences used (see `surface_terms`)."""
    return surface_terms(terms, [claim.evidence for claim in claims])
