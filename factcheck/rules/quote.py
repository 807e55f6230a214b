"""Rule kind `quote`: outlets that quote one statement must quote the same words and speaker.

What it does
    Lines up quotations from different articles that render the same statement: their
    content words are similar (`factcheck.textdiff.similarity`) at least `1 - tolerance.relative`
    (0.7 when the rule gives no tolerance), and their speakers are compatible (the same name,
    compared on the surname, or one of them unknown or only described). Each article gives at
    most one quotation of a statement, so two different statements by one speaker are never
    merged. A quotation of fewer than three content words is a label, not a statement: one-word
    scare quotes are never aligned, and a two-word label only with another two-word label of the
    same named speaker that has the same head word ("landmark agreement" / "historic
    agreement"). A short fragment (three or four content words) is aligned with a longer
    quotation only when both name the same speaker and the fragment runs word for word through
    it but for one content word ("total backing and protection" inside "complete backing and
    protection to the dockers ..."), so a shared stock phrase ("national security") does not
    make two statements one. Within a statement, renderings that differ only in form (spelling,
    case, punctuation, articles, "US" / "United States") are one position; a different word, number,
    name or a negation makes another. Words one outlet quotes beyond another's fragment are not
    a difference. Nearly identical words attributed to two different named speakers are an
    attribution conflict.

Why
    A misquote or a translation choice ("allies" / "puppets") changes what a reader believes
    was said, and a quotation given to the wrong person changes who said it.

Severity
    A difference of wording or of speaker is reported with the rule's severity as a
    contradiction; differences of form alone are not reported.

Example
    "the reckless policy of the governor and his cronies" in one outlet and "the reckless
    policy of the governor and his allies" in another, both from the mayor: flagged, with the
    word diff "~~cronies~~ → **allies**" in the explanation.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from factcheck.models import Article, Claim, Discrepancy, Fact, Position, QuoteValue, Story
from factcheck.rules.findings import (
    make_discrepancy,
    make_fact,
    outlet_of,
    severity_for,
    stable_id,
    summary_of,
)
from factcheck.rules.schema import Rule
from factcheck.textdiff import (
    WordChange,
    classify,
    content_words,
    core_changes,
    diff_words,
    fragment_match,
    label_match,
    render_diff,
    similarity,
)

DEFAULT_SIMILARITY = 0.7
# Same words, different speaker: only when the words are all but identical.
ATTRIBUTION_SIMILARITY = 0.9
MIN_CONTENT_WORDS = 3
# Fragments with fewer content words are matched word for word (`fragment_match`).
SHORT_FRAGMENT_WORDS = 5


def _value(claim: Claim) -> QuoteValue:
    assert isinstance(claim.value, QuoteValue)
    return claim.value


def _speaker_key(speaker: str | None) -> str | None:
    """A name's surname, lower case; None for no speaker or a description ("the ministry")."""
    if not speaker or not speaker[:1].isupper():
        return None
    return speaker.split()[-1].lower()


def speakers_compatible(a: str | None, b: str | None) -> bool:
    """The same named person, or at least one side without a name."""
    key_a, key_b = _speaker_key(a), _speaker_key(b)
    return key_a is None or key_b is None or key_a == key_b


def meaning_diff(a: str, b: str) -> list[WordChange]:
    """The aligned changes between two renderings, if any of them changes the meaning."""
    core = core_changes(diff_words(a, b))
    if any(c.op != "equal" and classify(c) == "meaning" for c in core):
        return core
    return []


def _is_statement(claim: Claim) -> bool:
    value = _value(claim)
    return not value.partial and len(content_words(value.words)) >= MIN_CONTENT_WORDS


def _is_label(claim: Claim) -> bool:
    value = _value(claim)
    return _speaker_key(value.speaker) is not None and len(content_words(value.words)) == 2


def _candidates(claims: Sequence[Claim]) -> list[Claim]:
    """Statements, and two-word labels with a named speaker (compared only with labels)."""
    return [
        c for c in claims
        if c.kind == "quote" and isinstance(c.value, QuoteValue)
        and (_is_statement(c) or _is_label(c))
    ]


def same_named_speaker(a: str | None, b: str | None) -> bool:
    """Both speakers named, and the same person (compared on the surname)."""
    key_a, key_b = _speaker_key(a), _speaker_key(b)
    return key_a is not None and key_a == key_b


def _score(a: Claim, b: Claim, threshold: float) -> float:
    """How alike two quotations are; short fragments and labels count only with one named
    speaker on both sides, since a few shared words alone are a stock phrase."""
    words_a, words_b = _value(a).words, _value(b).words
    statement_a, statement_b = _is_statement(a), _is_statement(b)
    same_speaker = same_named_speaker(_value(a).speaker, _value(b).speaker)
    if not statement_a or not statement_b:
        if statement_a or statement_b or not same_speaker:
            return 0.0
        return threshold if label_match(words_a, words_b) else 0.0
    score = similarity(words_a, words_b)
    shortest = min(len(content_words(words_a)), len(content_words(words_b)))
    if (
        score < threshold and same_speaker and shortest < SHORT_FRAGMENT_WORDS
        and fragment_match(words_a, words_b)
    ):
        return threshold
    return score


def _group(
    quotes: Sequence[Claim], threshold: float
) -> tuple[list[list[Claim]], list[tuple[Claim, Claim]]]:
    """Statements (groups with one quotation per article) and attribution conflicts."""
    pairs: list[tuple[float, Claim, Claim]] = []
    conflicts: list[tuple[Claim, Claim]] = []
    for a, b in itertools.combinations(quotes, 2):
        if a.article == b.article:
            continue
        score = _score(a, b, threshold)
        if score < threshold:
            continue
        if speakers_compatible(_value(a).speaker, _value(b).speaker):
            pairs.append((score, a, b))
        elif score >= ATTRIBUTION_SIMILARITY and _is_statement(a) and _is_statement(b):
            conflicts.append((a, b))
    group_of: dict[str, int] = {}
    groups: dict[int, list[Claim]] = {}
    for key, (_, a, b) in enumerate(sorted(pairs, key=lambda p: (-p[0], p[1].id, p[2].id))):
        ga, gb = group_of.get(a.id), group_of.get(b.id)
        if ga is not None and ga == gb:
            continue
        merged = (groups[ga] if ga is not None else [a]) + (groups[gb] if gb is not None else [b])
        if len({c.article for c in merged}) < len(merged):
            continue  # one quotation per article: two statements of one speaker stay apart
        if not all(
            speakers_compatible(_value(x).speaker, _value(y).speaker)
            for x, y in itertools.combinations(merged, 2)
        ):
            continue
        for old in (ga, gb):
            if old is not None:
                del groups[old]
        groups[key] = merged
        for claim in merged:
            group_of[claim.id] = key
    statements = [sorted(g, key=lambda c: (c.article, c.start)) for g in groups.values()]
    return sorted(statements, key=lambda g: g[0].id), conflicts


def _positions(group: Sequence[Claim]) -> list[list[Claim]]:
    """Renderings that differ only in form share a position."""
    positions: list[list[Claim]] = []
    for claim in group:
        for position in positions:
            if not meaning_diff(_value(position[0]).words, _value(claim).words):
                position.append(claim)
                break
        else:
            positions.append([claim])
    return positions


def _speaker_of(group: Sequence[Claim]) -> str | None:
    named = [_value(c).speaker for c in group if _speaker_key(_value(c).speaker)]
    return max(named, key=len) if named else None


def check(
    rule: Rule, story: Story, claims: Sequence[Claim]
) -> tuple[list[Fact], list[Discrepancy]]:
    """Facts (one per statement quoted by two or more articles) and discrepancies."""
    articles = {article.id: article for article in story.articles}
    threshold = 1 - rule.tolerance.relative if rule.tolerance.relative else DEFAULT_SIMILARITY
    groups, conflicts = _group(_candidates(claims), threshold)
    facts: list[Fact] = []
    discrepancies: list[Discrepancy] = []
    for group in groups:
        positions = _positions(group)
        verdict = "contradiction" if len(positions) > 1 else "consistent"
        facts.append(make_fact(rule, None, group, articles, verdict))
        if verdict == "consistent":
            continue
        speaker = _speaker_of(group)
        concept = f"{speaker}'s words" if speaker else "a quotation"
        listed = [_position(p, articles) for p in positions]
        first = _value(positions[0][0]).words
        diffs = [
            f"{listed[0].label} → {listed[n].label}: "
            + render_diff(meaning_diff(first, _value(p[0]).words), meaning_only=True)
            for n, p in enumerate(positions[1:], start=1)
        ]
        explanation = (
            f"The outlets quote the same statement{' by ' + speaker if speaker else ''} in"
            " words that differ in meaning, not only in form. " + " | ".join(diffs)
        )
        discrepancies.append(
            make_discrepancy(rule, concept, verdict, listed, group, explanation)
        )
    for a, b in conflicts:
        discrepancies.append(_attribution(rule, a, b, articles))
    return facts, discrepancies


def _position(claims: Sequence[Claim], articles: Mapping[str, Article]) -> Position:
    labels = sorted({outlet_of(articles.get(c.article), c.article) for c in claims})
    value = _value(claims[0])
    speaker = f" ({value.speaker})" if value.speaker else ""
    return Position(
        label=", ".join(labels), value=f"“{value.words}”{speaker}",
        claims=sorted(c.id for c in claims),
    )


def _attribution(
    rule: Rule, a: Claim, b: Claim, articles: Mapping[str, Article]
) -> Discrepancy:
    positions = [_position([a], articles), _position([b], articles)]
    speakers = f"{_value(a).speaker} and {_value(b).speaker}"
    return Discrepancy(
        id=stable_id("disc", f"{rule.id}:attribution", [a, b]),
        rule=rule.id,
        severity=severity_for(rule, "contradiction"),
        verdict="contradiction",
        title=f"The same words are attributed to {speakers}",
        summary=summary_of(positions),
        positions=positions,
        explanation=(
            f"{positions[0].label} and {positions[1].label} quote nearly the same words but"
            f" name different speakers ({speakers}); at most one attribution is right."
        ),
    )
