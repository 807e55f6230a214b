"""Building `Fact`s and `Discrepancy`s: stable ids, positions, summaries, severities.

Ids hash the rule id with the sorted (article id, claim text) pairs, never list positions, so
the same finding keeps its id when unrelated claims come and go (CI can tell new from known).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache

from factcheck.claims.lemmas import lemma, surface_terms
from factcheck.models import (
    Article,
    Claim,
    Discrepancy,
    Fact,
    Position,
    QuantityValue,
    Severity,
    Verdict,
)
from factcheck.resources import load_table
from factcheck.rules.schema import Rule
from factcheck.values import unit_plural

_LOWER: dict[Severity, Severity] = {"error": "warning", "warning": "info", "info": "info"}


def stable_id(prefix: str, rule_id: str, claims: Sequence[Claim]) -> str:
    pairs = sorted({(claim.article, claim.text) for claim in claims})
    digest = hashlib.sha256(
        "\x1f".join([rule_id, *(f"{a}\x1e{t}" for a, t in pairs)]).encode("utf-8")
    ).hexdigest()
    return f"{prefix}-{digest[:12]}"


def severity_for(rule: Rule, verdict: Verdict) -> Severity:
    """A contradiction takes the rule's severity; a tension one step lower."""
    return rule.severity if verdict == "contradiction" else _LOWER[rule.severity]


def outlet_of(article: Article | None, article_id: str) -> str:
    if article is not None and article.outlet:
        return article.outlet
    return article_id


def outlets(claims: Sequence[Claim], articles: Mapping[str, Article]) -> list[str]:
    return sorted({outlet_of(articles.get(c.article), c.article) for c in claims})


def make_fact(
    rule: Rule, concept: str | None, claims: Sequence[Claim], articles: Mapping[str, Article],
    verdict: Verdict,
) -> Fact:
    about = [concept] if concept else []
    for claim in claims:
        for term in claim.about[:3]:
            if term not in about:
                about.append(term)
    return Fact(
        id=stable_id("fact", rule.id, claims),
        kind=claims[0].kind,
        about=about[:6],
        rule=rule.id,
        claims=sorted(c.id for c in claims),
        outlets=outlets(claims, articles),
        verdict=verdict,
    )


def summary_of(positions: Sequence[Position]) -> str:
    """'BBC News says about 2 h; AP and NBC say 1 h 30 min followed by 2 h.'"""
    return "; ".join(_says(p) for p in positions) + "."


def _says(position: Position) -> str:
    """A position's outlets as a subject: a label lists them joined by ", "; it is read as a
    list only when the claims come from at least that many articles, so an outlet whose own
    name holds a comma ("Reuters, London") stays one."""
    outlets = position.label.split(", ")
    articles = {claim_id.rsplit(":", 2)[0] for claim_id in position.claims}
    if len(outlets) < 2 or len(outlets) > len(articles):
        return f"{position.label} says {position.value}"
    return f"{', '.join(outlets[:-1])} and {outlets[-1]} say {position.value}"


NO_SUBJECT = "same event"


def subject_of(concept: str | None, claims: Sequence[Claim]) -> str:
    """What `{about}` names in a title: the concept; for counts without one, the counted
    thing in the articles' own words ("seats"); else "same event".

    Claims with no vocabulary concept still align when they share their nearest words, and
    templates read "the number for the {about}": a stock phrase there gave "the the same fact",
    and the nearest word is as often a verb ("won") as a noun.
    """
    if concept:
        return concept
    units = Counter(
        claim.value.unit for claim in claims
        if isinstance(claim.value, QuantityValue) and claim.value.unit
    )
    if not units:
        return NO_SUBJECT
    unit = min(units, key=lambda name: (-units[name], name))
    head = unit.split()[-1]
    shown = surface_terms([lemma(head)], [claim.text for claim in claims])[0]
    return " ".join([*unit.split()[:-1], shown])


@cache
def _currencies() -> frozenset[str]:
    units = load_table("units")
    return frozenset([*units["currency_symbols"].values(), *units["currency_words"].values()])


_SHARES = {"percent": "percentage", "percentage point": "percentage points"}


@cache
def _scales() -> frozenset[str]:
    return frozenset(scale["unit"] for scale in load_table("scales")["scales"])


def counted_of(concept: str | None, claims: Sequence[Claim]) -> str:
    """What counts disagree on, as an editor would name it: "number of passengers (crash)",
    "amount in USD", "percentage (fire)", "magnitude (earthquake)": a reading on a scale
    counts nothing, so it is named by its scale.

    A title saying "the number for the fire" left the editor to find out whether the acres,
    the homes or the containment were at stake, and a currency code read as a thing ("the
    number for the usd"). The concept comes last, in brackets, because a concept names an
    event ("crash"), not what is counted in it.
    """
    units = Counter(
        claim.value.unit for claim in claims
        if isinstance(claim.value, QuantityValue) and claim.value.unit
    )
    suffix = f" ({concept})" if concept else ""
    if not units:
        return f"number{suffix}" if concept else f"number for the {NO_SUBJECT}"
    unit = min(units, key=lambda name: (-units[name], name))
    if unit in _currencies():
        return f"amount in {unit.upper()}{suffix}"
    if unit in _SHARES:
        return f"{_SHARES[unit]}{suffix}"
    if unit in _scales():
        return f"{unit}{suffix}"
    head = unit.split()[-1]
    shown = surface_terms([lemma(head)], [claim.text for claim in claims])[0]
    if shown == head:
        # no claim wrote the thing out ("38 were injured"): the unit's plural, never "person"
        shown = unit_plural(head)
    counted = " ".join([*unit.split()[:-1], shown])
    said = concept is not None and any(lemma(word) == concept for word in counted.split())
    return f"number of {counted}" + ("" if said else suffix)


def render_message(rule: Rule, concept: str | None, verdict: Verdict, labels: Sequence[str],
                   claims: Sequence[Claim] = ()) -> str:
    """The rule's message template; an unknown placeholder leaves the template as written.

    `{about}` is the concept (or, without one, the counted thing), `{counted}` what a count
    counts with the concept ("number of passengers (crash)").
    """
    fields = {
        "about": subject_of(concept, claims), "verdict": verdict, "title": rule.title,
        "outlets": ", ".join(labels), "counted": counted_of(concept, claims),
    }
    try:
        return rule.message.format(**fields)
    except (KeyError, IndexError, ValueError):
        return rule.message


def make_discrepancy(
    rule: Rule, concept: str | None, verdict: Verdict, positions: Sequence[Position],
    claims: Sequence[Claim], explanation: str, severity: Severity | None = None,
) -> Discrepancy:
    """A finding; its severity follows the verdict (`severity_for`) unless the rule kind
    gives one of its own."""
    return Discrepancy(
        id=stable_id("disc", rule.id, claims),
        rule=rule.id,
        severity=severity or severity_for(rule, verdict),
        verdict=verdict,
        title=render_message(rule, concept, verdict, [p.label for p in positions], claims),
        summary=summary_of(positions),
        positions=list(positions),
        explanation=explanation,
    )
