"""Rule kind `agree`: outlets must agree on the same fact.

What it does
    Lines up claims of one value kind (a duration, a time, a quantity) from different articles
    that are about the same fact (same concept from the vocabulary, same qualifier, same
    counted unit, compatible participants), and compares their values under the rule's
    tolerance. A pair is a *contradiction* when the values cannot both hold, a *tension* when
    they only meet under a stretched reading ("Tuesday night" read as running past midnight;
    a single value that matches one part of another outlet's account but not its total).

    What sets facts apart: a date weeks or years before publication is another event than
    the news of the day, and so is a count or length that such a date dates ("In 2015, a fire
    killed 64 people"); a percentage is compared only with shares of the same thing ("of the
    vote", "of ballots"); people, residents and the dead count one thing, firefighters or
    children another. A statement's date ("officials said on Tuesday") and a dateline date
    no event. When one outlet gives two contrary values (two events), outlets that tie the
    same figure to different values are still reported ("3.8% in December" / "3.8 percent
    in January").

    Counts move as a story develops. When the order of publication explains a count's
    disagreement, the explanation says the later figure may be an update: every outlet with
    the earlier figure published at least three hours (a day, when only dates are known)
    before every outlet with the later one, and a series moves one way (4,800, then 6,200,
    then 7,100 acres; a toll revised down). No note when an outlet already gave the later
    figure before another gave the earlier one, or when the figures go up and down.

Why
    When outlets give different numbers for one fact, at least one of them is wrong or is
    counting something else; a reader should see both and the evidence side by side.
    Expression-level differences stay quiet: "more than two decades", "24 years" and "since
    2000" are one span; "earlier this year" fits "in March" (less specific, not contrary).

Example
    One outlet: "The hearing lasted about two hours." Another: "The hearing lasted 40
    minutes." A `duration` rule about `hearing` reports a contradiction with both positions.
    If the second said "40 minutes, followed by an additional two hours of testimony", the
    report says that its total (2 h 40 min) contradicts "about two hours" while its second
    part agrees, and grades it a tension.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache
from itertools import combinations

from factcheck.claims.about import dates_a_statement, dates_value, is_dateline
from factcheck.claims.lemmas import term_key
from factcheck.models import (
    Article,
    Claim,
    Discrepancy,
    DurationValue,
    Fact,
    Position,
    QuantityValue,
    Severity,
    Story,
    TimeValue,
    Value,
    Verdict,
)
from factcheck.plural import plural
from factcheck.rules.align import (
    Signature,
    Vocabulary,
    about_matches,
    components,
    counted_as,
    is_elapsed,
    signature,
)
from factcheck.rules.compare import (
    VERDICT_RANK,
    Interval,
    Reading,
    apart,
    calendar_words,
    consistent,
    contains,
    describe_value,
    elapsed_since,
    floating_clock,
    gap,
    interval_reading,
    published_span,
    reading,
    relate,
    shifted,
    total_of,
    words_for_seconds,
    zone_of,
)
from factcheck.rules.findings import make_discrepancy, make_fact, outlet_of, severity_for
from factcheck.rules.frames import (
    places,
    same_fact,
    split_conflicting,
    states_whole,
    weekday_only,
)
from factcheck.rules.internal import restatement_pairs
from factcheck.rules.schema import Rule, Tolerance
from factcheck.values import number_words, shown_range

_RECENT_DAYS = 14
_SHARE_UNITS = ("percent", "percentage point")
_UPDATE_HOURS = 3  # reports this far apart may carry an updated count
_CLOCK_RESOLUTIONS = (None, "daypart", "hour", "minute", "second")


@dataclass
class Unit:
    """One article's statement of the fact: a single claim, or parts stated together."""

    article: str
    claims: list[Claim]
    reading: Reading
    parts: list[Reading] = field(default_factory=list)
    words: str = ""
    floating: bool = False  # a clock time with no day stated: compared by time of day only


def _eligible(claim: Claim, rule: Rule) -> bool:
    if rule.value == "duration" and claim.kind == "time":
        return is_elapsed(claim)  # "since 2000" is a span of years
    if claim.kind != rule.value:
        return False
    if isinstance(claim.value, TimeValue):
        if claim.value.anchor is not None:
            return False  # a boundary ("since 2000", "until Friday") dates no event itself
        if rule.granularity not in _CLOCK_RESOLUTIONS and floating_clock(claim.text, claim.value):
            return False  # "at 04:20" names no date, so a date rule has nothing to compare
        if rule.granularities and claim.value.granularity not in rule.granularities:
            return False
    return True


def _reading_of(claim: Claim, rule: Rule, article: Article | None, story: Story) -> Reading | None:
    zone = zone_of((article.timezone if article else None) or story.timezone)
    if rule.value == "duration" and isinstance(claim.value, TimeValue):
        published = published_span(
            article.reference_time or article.published if article else None, zone
        )
        return None if published is None else interval_reading(
            elapsed_since(claim.value, published)
        )
    return reading(claim.value, rule.granularity, zone)


def _recency(value: TimeValue, article: Article | None, story: Story) -> str:
    """'current' for the news of the day, 'background' for what happened weeks before.

    A report dates the event it covers within days of publication; a date weeks or years
    earlier ("in September", "last year", "in 2000") is background, another event. Outlets
    do not misdate the day's event by months, so the two are never aligned.
    """
    if value.weekday is not None:
        return "weekday"  # compared only with other weekday-only values
    anchor = (article.reference_time or article.published) if article else None
    lo = value.interval[0]
    if anchor is None or lo is None:
        return "current" if lo is not None else "background"
    zone = zone_of((article.timezone if article else None) or story.timezone)
    published = published_span(anchor, zone)
    if published is None:  # pragma: no cover - anchor is set
        return "current"
    return "current" if lo.timestamp() >= published[0] - _RECENT_DAYS * 86400 else "background"


def _sentence_start(claim: Claim, original: str) -> int | None:
    """Where the claim's sentence (its evidence) starts in the original file."""
    # Any occurrence starting in this window covers the claim's own span.
    lowest = max(0, claim.end - len(claim.evidence))
    found = original.find(claim.evidence, lowest, claim.start + len(claim.evidence))
    return None if found < 0 else found


def _dates_a_statement(claim: Claim, article: Article | None) -> bool:
    """A statement's date ("officials said on Tuesday") or a dateline dates no event."""
    start = _sentence_start(claim, article.original) if article is not None else None
    if start is None:
        return False
    return dates_a_statement(claim.evidence, claim.start - start) or is_dateline(
        claim.evidence, claim.start - start, claim.end - start
    )


_SHARE_OF = re.compile(
    r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+|his\s+|her\s+)?([A-Za-z][A-Za-z-]*)"
)


def _share_of(claim: Claim, article: Article | None) -> str | None:
    """What a percentage is a share of: "31.4% of the vote" and "98% of ballots" differ.

    Without it every percentage in an election story (each party's share, the share counted,
    turnout) would be one fact.
    """
    if article is None or not isinstance(claim.value, QuantityValue):
        return None
    if claim.value.unit not in _SHARE_UNITS:
        return None
    match = _SHARE_OF.match(article.original, claim.end)
    return term_key(match.group(1)) if match else None


def _dating(claims: Sequence[Claim], story: Story) -> dict[str, Claim]:
    """For each count or length, the date that dates it in its sentence, if any.

    The nearest date that dates the value in its own clause, or that opens the sentence,
    decides ("In 2015 ... 64 died, and on Monday ... 12 died": 12 is Monday's).
    """
    articles = {article.id: article for article in story.articles}
    dates: dict[tuple[str, int], list[Claim]] = {}
    for claim in claims:
        if (isinstance(claim.value, TimeValue) and claim.value.anchor is None
                and claim.sentence is not None and claim.value.interval[0] is not None):
            dates.setdefault((claim.article, claim.sentence), []).append(claim)
    found: dict[str, Claim] = {}
    for claim in claims:
        if claim.kind == "time" or claim.sentence is None or is_elapsed(claim):
            continue
        candidates = dates.get((claim.article, claim.sentence), [])
        article = articles.get(claim.article)
        if not candidates or article is None:
            continue
        start = _sentence_start(claim, article.original)
        if start is None:
            continue
        span = (claim.start - start, claim.end - start)
        governing = [
            date for date in candidates
            if dates_value(claim.evidence, (date.start - start, date.end - start), span)
        ]
        if governing:
            found[claim.id] = min(governing, key=lambda d: (abs(d.start - claim.start), d.start))
    return found


def _background_dated(
    dating: Mapping[str, Claim], story: Story, articles: Mapping[str, Article]
) -> dict[str, str]:
    """Counts and lengths whose own clause dates them weeks or years back: year by claim id.

    "In 2015, a fire at a nightclub killed 64 people" counts the dead of another fire than
    the one reported; it may only meet counts dated to the same year.
    """
    found: dict[str, str] = {}
    for claim_id, dated_by in dating.items():
        value, article = dated_by.value, articles.get(dated_by.article)
        if not isinstance(value, TimeValue) or value.interval[0] is None or article is None:
            continue
        if _recency(value, article, story) == "background":
            zone = zone_of(article.timezone or story.timezone)
            found[claim_id] = str(value.interval[0].astimezone(zone).year)
    return found


def _key(value: Value) -> tuple[object, ...]:
    """A value as a hashable, for finding the same figure in two outlets' sentences."""
    if isinstance(value, TimeValue):
        return ("time", value.interval, value.granularity)
    if isinstance(value, QuantityValue):
        return ("quantity", counted_as(value.unit), value.range)
    if isinstance(value, DurationValue):
        return ("duration", value.seconds)
    return (value.type,)


def _companions(
    claims: Sequence[Claim], dating: Mapping[str, Claim]
) -> dict[str, dict[tuple[object, ...], str]]:
    """The value each claim is stated with: a figure's date, and a date's figures.

    "Inflation slowed to 3.8% in December": the date's companion is 3.8%, the figure's is
    December. Two outlets that tie one figure to two dates disagree on the date.
    """
    by_id = {claim.id: claim for claim in claims}
    found: dict[str, dict[tuple[object, ...], str]] = {}
    for claim_id, dated_by in dating.items():
        value = by_id[claim_id].value
        found.setdefault(claim_id, {})[_key(dated_by.value)] = describe_value(dated_by.value)
        found.setdefault(dated_by.id, {})[_key(value)] = describe_value(value)
    return found


def _units(members: Sequence[tuple[Claim, Reading]]) -> list[Unit]:
    """Group parts stated in one sentence ("90 minutes, followed by two more hours")."""
    units: list[Unit] = []
    parts: dict[tuple[str, int], list[tuple[Claim, Reading]]] = {}
    for claim, value in members:
        if claim.role == "part" and claim.sentence is not None:
            parts.setdefault((claim.article, claim.sentence), []).append((claim, value))
        else:
            floating = isinstance(claim.value, TimeValue) and floating_clock(
                claim.text, claim.value
            )
            units.append(Unit(
                claim.article, [claim], value, words=describe_value(claim.value),
                floating=floating,
            ))
    for (article, _), group in parts.items():
        if len(group) == 1:
            claim, value = group[0]
            units.append(Unit(article, [claim], value, words=describe_value(claim.value)))
            continue
        group.sort(key=lambda item: item[0].start)
        readings = [value for _, value in group]
        total = total_of(readings)
        words = " followed by ".join(describe_value(c.value) for c, _ in group)
        words += f" ({_seconds_words(total)} in all)"
        units.append(Unit(article, [c for c, _ in group], total, readings, words))
    return sorted(units, key=lambda u: (u.article, u.claims[0].start))


def _seconds_words(value: Reading) -> str:
    lo, hi = value.strict
    if lo == hi:
        return words_for_seconds(lo)
    if not math.isfinite(hi):
        return f"at least {words_for_seconds(lo)}"
    return f"{words_for_seconds(lo)} to {words_for_seconds(hi)}"


def _relation(a: Unit, b: Unit, rule: Rule) -> Verdict:
    # A fact stated by hundreds of outlets has hundreds of thousands of pairs of units but few
    # distinct values: each pair of values is related once.
    return _relation_of(*_value_key(a), *_value_key(b), rule.tolerance)


_ValueKey = tuple[Reading, tuple[Reading, ...], bool]


def _value_key(unit: Unit) -> _ValueKey:
    """What `_relation` reads of a unit: units with equal keys relate alike to any other."""
    return unit.reading, tuple(unit.parts), unit.floating


@lru_cache(maxsize=1 << 16)
def _relation_of(
    a_reading: Reading, a_parts: tuple[Reading, ...], a_floating: bool,
    b_reading: Reading, b_parts: tuple[Reading, ...], b_floating: bool, tolerance: Tolerance,
) -> Verdict:
    if a_floating or b_floating:
        # An undated clock time may fall on the day before or after the one guessed for it.
        verdicts = [
            relate(shifted(a_reading, day * 86400.0), b_reading, tolerance)
            for day in (-1, 0, 1)
        ]
        return min(verdicts, key=lambda v: VERDICT_RANK[v])
    whole = relate(a_reading, b_reading, tolerance)
    if whole == "consistent" or (a_parts and b_parts):
        return whole
    single, parts = (a_reading, b_parts) if b_parts else (b_reading, a_parts)
    if parts and any(relate(single, part, tolerance) == "consistent" for part in parts):
        return "tension"  # agrees with one part, not with the total
    return whole


def _consistent_of(a: _ValueKey, b: _ValueKey, tolerance: Tolerance) -> bool:
    """Whether `_relation_of` says consistent: the totals meet, or for an undated clock time
    they meet on one of the three days it may fall on."""
    if a[2] or b[2]:
        return any(
            consistent(shifted(a[0], day * 86400.0), b[0], tolerance) for day in (-1, 0, 1)
        )
    return consistent(a[0], b[0], tolerance)


def _clusters(units: Sequence[Unit], rule: Rule) -> list[list[Unit]]:
    """Units joined when consistent (single linkage): one cluster per event.

    Each unit, in order, joins every cluster holding a unit it is consistent with, and the
    merged cluster (the unit, then the joined clusters in their order) goes last. Clusters
    are found through the distinct values they hold, each value related to each other value
    once; the result is that of testing every unit against every unit before it.
    """
    clusters: dict[int, list[Unit]] = {}  # in order; a cluster moved last is re-inserted
    holding: dict[_ValueKey, set[int]] = {}  # value -> the clusters holding units of it
    values_of: dict[int, set[_ValueKey]] = {}
    seen: list[_ValueKey] = []  # distinct values in order of first appearance
    agreeing: dict[_ValueKey, list[_ValueKey]] = {}  # value -> seen values consistent with it
    related: dict[_ValueKey, int] = {}  # value -> how many of `seen` it has been related to
    for number, unit in enumerate(units):
        key = _value_key(unit)
        if key not in related:
            seen.append(key)  # related to itself too: its later units meet this one
            related[key] = 0
        for other in seen[related[key]:]:
            if _consistent_of(key, other, rule.tolerance):
                agreeing.setdefault(key, []).append(other)
        related[key] = len(seen)
        ids = {token for other in agreeing.get(key, ()) for token in holding.get(other, ())}
        joined = list(ids) if len(ids) < 2 else [token for token in clusters if token in ids]
        merged = [unit]
        for token in joined:
            merged.extend(clusters[token])
        # The joined cluster with the most values keeps its token; the others' are re-pointed.
        keep = max(joined, key=lambda token: len(values_of[token]), default=-1 - number)
        values = values_of.pop(keep, set())
        for token in joined:
            del clusters[token]
            if token != keep:
                for value in values_of.pop(token):
                    holding[value].discard(token)
                    holding[value].add(keep)
                    values.add(value)
        holding.setdefault(key, set()).add(keep)
        values.add(key)
        values_of[keep] = values
        clusters[keep] = merged
    return list(clusters.values())


def _agreeing_parts(cluster: Sequence[Unit], rule: Rule) -> list[list[Unit]]:
    """A cluster split so that every value of a part is consistent with every other.

    Single linkage chains: "at least five dead" is consistent with "seven" and with an older
    crash's "16 people", so one cluster holds 7 and 16, and a fact listed as agreed would tell
    the editor that they agree. Each unit joins the first part whose every distinct value it
    is consistent with (a part holds few distinct values), else starts a new part.
    """
    parts: list[list[Unit]] = []
    keys: list[list[_ValueKey]] = []
    for unit in cluster:
        key = _value_key(unit)
        for part, held in zip(parts, keys, strict=True):
            if all(key == other or _consistent_of(key, other, rule.tolerance) for other in held):
                part.append(unit)
                if key not in held:
                    held.append(key)
                break
        else:
            parts.append([unit])
            keys.append([key])
    return parts


def _several_events(units: Sequence[Unit], rule: Rule) -> bool:
    """One article giving contrary values for a concept means the concept covers two events.

    Per article, each distinct value is related once to each value stated before it (and to
    itself when stated twice), not each unit to each earlier unit.
    """
    seen: dict[str, list[_ValueKey]] = {}  # article -> its distinct values, in order
    related: dict[tuple[str, _ValueKey], int] = {}  # how many of them a value was related to
    for unit in units:
        key = _value_key(unit)
        values = seen.setdefault(unit.article, [])
        start = related.get((unit.article, key))
        if start is None:
            for other in values:
                if _relation_of(*other, *key, rule.tolerance) == "contradiction":
                    return True
            values.append(key)
            related[(unit.article, key)] = len(values) - 1  # itself, once stated again
            continue
        for other in values[start:]:
            if _relation_of(*other, *key, rule.tolerance) == "contradiction":
                return True
        related[(unit.article, key)] = len(values)
    return False


def check(
    rule: Rule, vocabulary: Vocabulary, story: Story, claims: Sequence[Claim]
) -> tuple[list[Fact], list[Discrepancy]]:
    """Facts and discrepancies for one `agree` rule over a story's claims."""
    articles = {article.id: article for article in story.articles}
    # A restatement ("(18:00 GMT)" after "0300 local time") is checked by `internal`; here it
    # would only repeat its value, or clash with it when its date was guessed.
    restated = {second.id for _, second in restatement_pairs(claims, story, rule.value)}
    dating = _dating(claims, story)
    dated = _background_dated(dating, story, articles) if rule.value != "time" else {}
    companions = _companions(claims, dating)
    members: list[tuple[Claim, Reading]] = []
    signatures: list[Signature] = []
    for claim in claims:
        if not _eligible(claim, rule) or claim.id in restated:
            continue
        sig = signature(claim, rule, vocabulary)
        if not about_matches(claim, rule, vocabulary, sig):
            continue
        # after the cheap filter: this one reads the text before the claim
        if rule.value == "time" and _dates_a_statement(claim, articles.get(claim.article)):
            continue
        value = _reading_of(claim, rule, articles.get(claim.article), story)
        if value is None:
            continue
        if isinstance(claim.value, TimeValue) and rule.value == "time":
            sig = replace(sig, measure=_recency(claim.value, articles.get(claim.article), story))
        else:
            base = _share_of(claim, articles.get(claim.article))
            if base:
                sig = replace(sig, measure=f"{sig.measure} of {base}")
            if claim.id in dated:
                sig = replace(sig, measure=f"{sig.measure} in {dated[claim.id]}")
        members.append((claim, value))
        signatures.append(sig)
    facts: list[Fact] = []
    discrepancies: list[Discrepancy] = []
    groups = [
        [linked[i] for i in part]
        for linked in components(signatures)
        for part in split_conflicting([members[i][0] for i in linked])
    ]
    if rule.value != "time":
        groups = [band for group in groups for band in _magnitude_bands(group, members)]
    for whole_group in groups:
        concept = signatures[whole_group[0]].concept
        by_place = _by_place(whole_group, members) if rule.value == "quantity" else {}
        whole = by_place.pop(frozenset(), whole_group if not by_place else [])
        if whole and by_place:
            discrepancies.extend(_part_whole(
                rule, concept, _units([members[i] for i in whole]),
                [_units([members[i] for i in part]) for part in by_place.values()],
                articles, story.timezone, vocabulary,
            ))
        for group in [whole, *by_place.values()]:
            if not group:
                continue
            found, disagreeing = _compare_group(
                rule, concept, _units([members[i] for i in group]), articles, story,
                companions, vocabulary)
            facts.extend(found)
            discrepancies.extend(disagreeing)
    return facts, discrepancies


def _compare_group(
    rule: Rule, concept: str | None, units: list[Unit], articles: Mapping[str, Article],
    story: Story, companions: Mapping[str, Mapping[tuple[object, ...], str]],
    vocabulary: Vocabulary,
) -> tuple[list[Fact], list[Discrepancy]]:
    """Steps 5 and 6 for one group of values of one fact: its facts and discrepancies."""
    facts: list[Fact] = []
    discrepancies: list[Discrepancy] = []
    if _several_events(units, rule):
        clusters = _clusters(units, rule)
        for cluster in clusters:
            for part in _agreeing_parts(cluster, rule):
                facts.append(_fact(rule, concept, part, articles, "consistent"))
        discrepancies.extend(_tied_discrepancies(
            rule, concept, clusters, companions, articles, story.timezone, vocabulary
        ))
        discrepancies.extend(_lead_discrepancy(
            rule, concept, units, articles, story.timezone, vocabulary
        ))
        return facts, discrepancies
    verdict, worst = _worst(units, rule)
    facts.append(_fact(rule, concept, units, articles, verdict))
    if verdict != "consistent" and worst is not None:
        discrepancies.append(_discrepancy(
            rule, concept, units, articles, verdict, worst, story.timezone, vocabulary
        ))
    return facts, discrepancies


def _by_place(
    group: Sequence[int], members: Sequence[tuple[Claim, Reading]]
) -> dict[frozenset[str], list[int]]:
    """A group's counts by the places they are set in; those set in none (or in the whole:
    "nationwide") under the empty set. Frames have already parted counts of two places."""
    found: dict[frozenset[str], list[int]] = {}
    for index in group:
        found.setdefault(places(members[index][0]), []).append(index)
    return found


def _part_whole(
    rule: Rule, concept: str | None, whole: Sequence[Unit], parts: Sequence[Sequence[Unit]],
    articles: Mapping[str, Article], story_zone: str | None, vocabulary: Vocabulary,
) -> list[Discrepancy]:
    """A count set in a place against counts set in none: part <= whole, never equality.

    "Killed 900 in Bavaria" fits "killed 1,400 nationwide" as a part of it, and a part
    above a figure said to be the whole cannot hold: reported at warning at most, since the
    whole is read from a word around it. Against a figure that names no place, a part above
    or below it stays at info: that figure may be the whole, the same place's written
    without the place, or another event's (a place named in one report and not another is
    also how two events of one day are told apart).
    """
    found: list[Discrepancy] = []
    whole_said = any(states_whole(claim) for unit in whole for claim in unit.claims)
    for part in parts:
        place = ", ".join(sorted(places(part[0].claims[0])))
        pairs = [(p, w) for p in part for w in whole if p.article != w.article]
        above = [(p, w) for p, w in pairs
                 if p.reading.strict[0] > w.reading.strict[1]
                 and relate(p.reading, w.reading, rule.tolerance) == "contradiction"]
        if above:
            p, w = above[0]
            found.append(_discrepancy(
                rule, concept, [w, p], articles, "contradiction", (w, p), story_zone,
                vocabulary, guessed=True, part_whole=True,
                at_most=None if whole_said else "info",
                extra=f" {_label([p], articles)}'s {p.words} is for {place} alone, more than"
                + (f" {_label([w], articles)}'s figure for the whole: a part cannot exceed it."
                   if whole_said else
                   f" {_label([w], articles)}'s, which names no place: whether that is the"
                   f" whole or {place}'s own figure, the two cannot both hold."),
            ))
            continue
        below = [(p, w) for p, w in pairs if relate(p.reading, w.reading, rule.tolerance)
                 != "consistent"]
        if below and not whole_said:
            p, w = below[0]
            found.append(_discrepancy(
                rule, concept, [w, p], articles, "contradiction", (w, p), story_zone,
                vocabulary, at_most="info",
                extra=f" {_label([p], articles)}'s figure is for {place} alone and may be a"
                f" part of {_label([w], articles)}'s.",
            ))
    return found


def _tied_discrepancies(
    rule: Rule, concept: str | None, clusters: Sequence[Sequence[Unit]],
    companions: Mapping[str, Mapping[tuple[object, ...], str]], articles: Mapping[str, Article],
    story_zone: str | None, vocabulary: Vocabulary,
) -> list[Discrepancy]:
    """Among several events of one concept, the outlets that tie one figure to two of them.

    An outlet that gives two values ("3.8% in December from 4.1% in November") splits the
    concept into events, and a third outlet's "3.8% in January" might be a third event; but
    the same 3.8% says it is December's, misdated.
    """
    cluster_of = {id(unit): index for index, cluster in enumerate(clusters) for unit in cluster}
    by_key: dict[tuple[object, ...], list[Unit]] = {}
    words: dict[tuple[object, ...], str] = {}
    for cluster in clusters:
        for unit in cluster:
            for claim in unit.claims:
                for key, text in companions.get(claim.id, {}).items():
                    if all(u is not unit for u in by_key.get(key, [])):
                        by_key.setdefault(key, []).append(unit)
                    words[key] = text
    found: list[Discrepancy] = []
    for key in sorted(by_key, key=repr):
        units = by_key[key]
        if len({cluster_of[id(u)] for u in units}) < 2 or len({u.article for u in units}) < 2:
            continue
        verdict, worst = _worst(units, rule)
        if verdict == "consistent" or worst is None:
            continue
        found.append(_discrepancy(
            rule, concept, units, articles, verdict, worst, story_zone, vocabulary,
            extra=f" Each gives it with {words[key]}, so they describe one fact.",
        ))
    return found


_APART = 12.0  # values further apart than this factor are different facts, not a disagreement


def _magnitude(value: Reading) -> float:
    lo, hi = value.strict
    if not math.isfinite(hi):
        return max(lo, 0.0)
    return math.sqrt(max(lo, 0.0) * max(hi, 0.0)) if lo > 0 else max(hi, 0.0) / 2


def _magnitude_bands(
    group: Sequence[int], members: Sequence[tuple[Claim, Reading]]
) -> list[list[int]]:
    """A group parted where its values jump by more than `_APART` times: "6 killed" and
    "150,000 killed", "16 days" and "30 years".

    Outlets rarely misreport a count or a length by more than a dropped zero (300 / 3,000,
    which stays compared); values further apart are other facts the words did not tell
    apart (this quake's toll and an old tsunami's, a city's population and the number
    displaced), and comparing them would only cry wolf. Values are sorted by size and cut
    where one is more than `_APART` times the one before.
    """
    order = sorted(group, key=lambda i: _magnitude(members[i][1]))
    bands: list[list[int]] = []
    previous = -1.0
    for index in order:
        size = _magnitude(members[index][1])
        if bands and (previous <= 0 or size <= previous * _APART) and (
                previous > 0 or size <= 1):
            bands[-1].append(index)
        else:
            bands.append([index])
        previous = size
    return [sorted(band) for band in bands]


def _lead_discrepancy(
    rule: Rule, concept: str | None, units: Sequence[Unit], articles: Mapping[str, Article],
    story_zone: str | None, vocabulary: Vocabulary,
) -> list[Discrepancy]:
    """Among several events of one fact, the figures each article gives first.

    A news report states the event it covers first (its headline and lead) and older or
    related events further down; so when an article's own figures say the fact covers two
    events ("five injured on Sunday ... a quake in May injured 40"), each article's first
    figure is still the day's event's, and two of them that cannot both hold disagree.
    """
    if rule.value == "time":
        return []  # a story's dates are of many events (a life, a case): no first is the day's
    first: dict[str, Unit] = {}
    for unit in units:
        held = first.get(unit.article)
        if held is None or unit.claims[0].start < held.claims[0].start:
            first[unit.article] = unit
    leads = sorted(first.values(), key=lambda u: (u.article, u.claims[0].start))
    if len(leads) < 2:
        return []
    verdict, worst = _worst(leads, rule)
    if verdict == "consistent" or worst is None:
        return []
    return [_discrepancy(
        rule, concept, leads, articles, verdict, worst, story_zone, vocabulary,
        extra=" Each article's first figure for it is compared: a report states the event it"
        " covers before older or related ones.",
        guessed=True,
    )]


def _fact(
    rule: Rule, concept: str | None, units: Sequence[Unit], articles: Mapping[str, Article],
    verdict: Verdict,
) -> Fact:
    claims = [c for u in units for c in u.claims]
    return make_fact(rule, concept, claims, articles, verdict)


def _worst(units: Sequence[Unit], rule: Rule) -> tuple[Verdict, tuple[Unit, Unit] | None]:
    # Most facts are consistent: when every pair of their distinct values is, so is every
    # pair of units. Otherwise the first pair of the gravest verdict, in pair order; nothing
    # is graver than a contradiction, so the search stops at the first.
    values = list(dict.fromkeys(_value_key(unit) for unit in units))
    if all(_relation_of(*a, *b, rule.tolerance) == "consistent" for a in values for b in values):
        return "consistent", None
    verdict: Verdict = "consistent"
    worst: tuple[Unit, Unit] | None = None
    for a, b in combinations(units, 2):
        if a.article == b.article:
            continue
        found = _relation(a, b, rule)
        if VERDICT_RANK[found] > VERDICT_RANK[verdict]:
            verdict, worst = found, (a, b)
            if verdict == "contradiction":
                break
    return verdict, worst


_CONFIRM_PAIRS = 400  # claim pairs read per finding at most: a wire copy repeats one frame


def _confirmed(units: Sequence[Unit], rule: Rule, vocabulary: Vocabulary,
               worst: tuple[Unit, Unit], part_whole: bool = False) -> bool:
    """Does the parse confirm, for some two outlets that disagree, that they state one fact?

    The worst pair first; then the claims of any two values that are not consistent, from
    different articles: a headline whose parse says little ("17 killed in factory blaze")
    must not hide the lead that says it well. Values, not units, are paired (as `_worst`
    does), so a story of many outlets repeating few figures costs few comparisons, and at
    most `_CONFIRM_PAIRS` claim pairs are read.
    """
    by_value: dict[_ValueKey, list[Claim]] = {}
    for unit in units:
        by_value.setdefault(_value_key(unit), []).extend(unit.claims)
    worst_keys = (_value_key(worst[0]), _value_key(worst[1]))
    value_pairs = [worst_keys, *(
        (a, b) for a, b in combinations(by_value, 2)
        if {a, b} != set(worst_keys) and _relation_of(*a, *b, rule.tolerance) != "consistent")]
    read = 0
    for a, b in value_pairs:
        for first in by_value[a]:
            for second in by_value[b]:
                if first.article == second.article:
                    continue
                if same_fact(first, second, vocabulary, part_whole=part_whole):
                    return True
                read += 1
                if read >= _CONFIRM_PAIRS:
                    return False
    return False


def _label(units: Sequence[Unit], articles: Mapping[str, Article]) -> str:
    return ", ".join(sorted({outlet_of(articles.get(u.article), u.article) for u in units}))


def _positions(units: Sequence[Unit], articles: Mapping[str, Article]) -> list[Position]:
    by_words: dict[str, list[Unit]] = {}
    for unit in units:
        by_words.setdefault(unit.words, []).append(unit)
    positions = [
        Position(
            label=_label(group, articles), value=words,
            claims=sorted(c.id for u in group for c in u.claims),
        )
        for words, group in by_words.items()
    ]
    return sorted(positions, key=lambda p: (p.label, p.value))


def _apart_words(a: Unit, b: Unit, rule: Rule, zone: tzinfo) -> str:
    """How far apart two units' values are, in words a reader can check against the values
    shown: "2 h apart" between 21:00 and 23:00 (not the 1 h 59 min between their minutes'
    edges), "2 months apart" between March and May, "at least 1 h 5 min apart" from a hedged
    "about 2 h"."""
    first, second = _measured(a), _measured(b)
    by_clock = a.floating or b.floating
    if by_clock and all(math.isfinite(x) for x in (*first, *second)):
        # An undated clock time names no day (the day shown is the normaliser's guess), so
        # the distance is between the clock times, on whichever day brings them nearest.
        days = round((second[0] - first[0]) / 86400.0)
        first = min(
            ((first[0] + day * 86400.0, first[1] + day * 86400.0)
             for day in (days - 1, days, days + 1)),
            key=lambda moved: max(gap(moved, second), 0.0),
        )
    distance = apart(first, second, zone if rule.value == "time" else None)
    if distance.calendar is not None:
        words = calendar_words(round(distance.amount), distance.calendar)
    elif rule.value == "quantity":
        words = number_words(distance.amount)  # "90 million", "173.75": never "9e+07"
    else:
        words = words_for_seconds(distance.amount)
    return ("at least " if distance.at_least else "") + words + " apart" + (
        " by the clock" if by_clock else "")


def _measured(unit: Unit) -> Interval:
    """The interval a distance is measured from: a count's as the report shows its range."""
    claim = unit.claims[0]
    if not unit.parts and isinstance(claim.value, QuantityValue):
        lo, hi = shown_range(claim.value)
        return (-math.inf if lo is None else lo, math.inf if hi is None else hi)
    return unit.reading.strict


def _explain(
    rule: Rule, units: Sequence[Unit], articles: Mapping[str, Article], verdict: Verdict,
    worst: tuple[Unit, Unit], story_zone: str | None,
) -> str:
    a, b = worst
    name_a, name_b = _label([a], articles), _label([b], articles)
    sentences: list[str] = []
    split, single = (a, b) if a.parts else (b, a)
    if split.parts and not single.parts:
        matching = sorted(
            (i for i, part in enumerate(split.parts)
             if relate(single.reading, part, rule.tolerance) == "consistent"),
            key=lambda i: gap(single.reading.strict, split.parts[i].strict),
        )  # the closest part first: "about 2 h" reads best as the 2 h part
        name_split, name_single = _label([split], articles), _label([single], articles)
        sentences.append(
            f"Read as a total, {name_split}'s parts add up to {_seconds_words(split.reading)},"
            f" which cannot be {name_single}'s {single.words}"
        )
        if matching:
            sentences[-1] += (
                f"; read as its part {matching[0] + 1} of {len(split.parts)}, they agree"
            )
        sentences[-1] += "."
    elif (verdict == "contradiction" and weekday_only(a.claims[0])
          and weekday_only(b.claims[0])):
        sentences.append(
            f"{name_a} ({a.words}) and {name_b} ({b.words}) cannot both hold: they name"
            " different days of the week (no publication date says which week)."
        )
    elif verdict == "contradiction" and gap(a.reading.strict, b.reading.strict) <= 0:
        # Adjacent periods ("December" / "January") touch: no distance to give.
        sentences.append(
            f"{name_a} ({a.words}) and {name_b} ({b.words}) cannot both hold: the periods do"
            " not overlap."
        )
    elif verdict == "contradiction":
        sentences.append(
            f"{name_a} ({a.words}) and {name_b} ({b.words}) cannot both hold: they are"
            f" {_apart_words(a, b, rule, _zone_of_unit(a, articles, story_zone))}"
            + (" beyond the rule's tolerance." if rule.tolerance.absolute
               or rule.tolerance.relative else ".")
        )
    else:
        sentences.append(
            f"{name_a} ({a.words}) and {name_b} ({b.words}) agree only under a stretched"
            " reading (a day part running past midnight, another reading of an ambiguous"
            " expression, or a gap within the rule's stretch)."
        )
    for unit in _less_specific(units, rule):
        sentences.append(
            f"{_label([unit], articles)}'s {unit.words} is less specific and fits the others."
        )
    sentences.extend(_majority(units, articles, rule))
    if rule.value == "quantity":
        sentences.extend(_update_note(units, articles, rule))
    return " ".join(dict.fromkeys(sentences))


def _zone_of_unit(unit: Unit, articles: Mapping[str, Article], story_zone: str | None) -> tzinfo:
    """The time zone the unit's article is read in, as `_reading_of` reads it."""
    article = articles.get(unit.article)
    return zone_of((article.timezone if article else None) or story_zone)


def _less_specific(units: Sequence[Unit], rule: Rule) -> list[Unit]:
    """The units consistent with every other article's unit and containing one of them.

    Decided once per article and distinct value, against the distinct values of the other
    articles, rather than once per unit against every other unit.
    """
    counts: dict[_ValueKey, int] = {}
    per_article: dict[str, dict[_ValueKey, int]] = {}
    for unit in units:
        key = _value_key(unit)
        counts[key] = counts.get(key, 0) + 1
        own = per_article.setdefault(unit.article, {})
        own[key] = own.get(key, 0) + 1
    others_of: dict[str, list[_ValueKey]] = {}
    decided: dict[tuple[str, _ValueKey], bool] = {}
    found: list[Unit] = []
    for unit in units:
        key = _value_key(unit)
        if (unit.article, key) not in decided:
            if unit.article not in others_of:
                own = per_article[unit.article]
                others_of[unit.article] = [
                    value for value, count in counts.items() if count > own.get(value, 0)
                ]
            others = others_of[unit.article]
            decided[(unit.article, key)] = bool(others) and all(
                _relation_of(*key, *other, rule.tolerance) == "consistent" for other in others
            ) and any(contains(unit.reading, other[0]) for other in others)
        if decided[(unit.article, key)]:
            found.append(unit)
    return found


def _written_at(article: Article | None) -> tuple[float, bool] | None:
    """When the report was written (POSIX seconds) and whether the time of day is known."""
    moment = (article.reference_time or article.published) if article is not None else None
    if isinstance(moment, datetime):
        zone = zone_of(article.timezone if article else None)
        return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).timestamp(), True
    if isinstance(moment, date):
        return datetime.combine(moment, time(), UTC).timestamp(), False
    return None


def _direction(earlier: Reading, later: Reading) -> int:
    """+1 when the later figure lies wholly above the earlier, -1 wholly below, else 0."""
    if later.strict[0] >= earlier.strict[1]:
        return 1
    if later.strict[1] <= earlier.strict[0]:
        return -1
    return 0


def _update_note(units: Sequence[Unit], articles: Mapping[str, Article], rule: Rule) -> list[str]:
    """Counts move as a story develops (a toll rises): say so when time explains the split.

    The order of publication explains a disagreement when every contrary pair of reports is
    an earlier report against one published at least `_UPDATE_HOURS` later (a day when only
    dates are known), and every later figure lies on the same side of the earlier one: all
    higher (a toll rising, 4,800 -> 6,200 -> 7,100 acres) or all lower (a count revised
    down). So an outlet with the later figure never published before one with the earlier
    figure, and a series moves one way. Then the reports fall into stages, each published
    after the one before, and the note names them. The discrepancy stays (a reader still
    sees an outdated figure); the note tells the editor which is later.
    """
    written = {u.article: _written_at(articles.get(u.article)) for u in units}
    contested: set[str] = set()
    directions: set[int] = set()
    nearest: tuple[float, bool] | None = None  # the shortest time between contrary reports
    for a, b in combinations(units, 2):
        if a.article == b.article or _relation(a, b, rule) != "contradiction":
            continue
        when_a, when_b = written[a.article], written[b.article]
        if when_a is None or when_b is None or when_a[0] == when_b[0]:
            return []
        first, second = (a, b) if when_a[0] < when_b[0] else (b, a)
        directions.add(_direction(first.reading, second.reading))
        apart = abs(when_b[0] - when_a[0])
        exact = when_a[1] and when_b[1]
        if apart < (_UPDATE_HOURS * 3600 if exact else 86400):
            return []
        if nearest is None or apart < nearest[0]:
            nearest = (apart, exact)
        contested.update((a.article, b.article))
    if nearest is None or len(directions) != 1 or 0 in directions:
        return []
    stages = _stages([u for u in units if u.article in contested], written, rule)
    apart, exact = nearest
    count, unit = (
        (round(apart / 3600), "hour") if exact and apart < 2 * 86400
        else (round(apart / 86400), "day")
    )
    gap_words = plural(count, unit)
    if len(stages) == 2:
        return [
            f"{_label(stages[0], articles)} published at least {gap_words} before"
            f" {_label(stages[1], articles)}: the later figure may be an update."
        ]
    moves = "rises" if directions == {1} else "falls"
    series = "; then ".join(
        f"{_label(stage, articles)}: {' / '.join(dict.fromkeys(u.words for u in stage))}"
        for stage in stages
    )
    return [
        f"The figure {moves} with each later report ({series}), and reports that differ were"
        f" published at least {gap_words} apart: the later figures may be updates."
    ]


def _stages(
    units: Sequence[Unit], written: Mapping[str, tuple[float, bool] | None], rule: Rule
) -> list[list[Unit]]:
    """Reports in order of publication; an article opens a new stage when it contradicts one
    of the stage so far, else joins it (every unit here has a publication time)."""
    by_article: dict[str, list[Unit]] = {}
    for unit in units:
        by_article.setdefault(unit.article, []).append(unit)
    order = sorted(by_article, key=lambda name: (written[name][0], name))  # type: ignore[index]
    stages: list[list[Unit]] = []
    for name in order:
        own = by_article[name]
        if stages and not any(
            _relation(unit, other, rule) == "contradiction" for unit in own for other in stages[-1]
        ):
            stages[-1].extend(own)
        else:
            stages.append(list(own))
    return stages


def _source_of(article_id: str, articles: Mapping[str, Article]) -> str:
    """The outlet whose text an article is: its original's, for a wire copy."""
    article = articles.get(article_id)
    original = article.copy_of if article is not None and article.copy_of else article_id
    return outlet_of(articles.get(original), original)


def _majority(units: Sequence[Unit], articles: Mapping[str, Article], rule: Rule) -> list[str]:
    # Independent sources are counted, not sites: ten copies of one agency text are one voice.
    by_outlet: dict[str, list[Unit]] = {}
    for unit in units:
        by_outlet.setdefault(_source_of(unit.article, articles), []).append(unit)
    if len(by_outlet) < 3:
        return []
    names = sorted(by_outlet)
    # Whether two outlets agree depends only on the distinct values each gives: outlets
    # giving the same values are one kind, and kinds are compared once.
    kind_of = {
        name: frozenset(_value_key(unit) for unit in by_outlet[name]) for name in names
    }
    kinds = list(dict.fromkeys(kind_of.values()))
    size = {kind: 0 for kind in kinds}
    for name in names:
        size[kind_of[name]] += 1
    agree_with = {
        kind: [
            other for other in kinds
            if all(_relation_of(*u, *v, rule.tolerance) == "consistent"
                   for u in kind for v in other)
        ]
        for kind in kinds
    }
    count = {kind: sum(size[other] for other in agree_with[kind]) for kind in kinds}
    best = max(names, key=lambda n: (count[kind_of[n]], n))
    fitting = set(agree_with[kind_of[best]])
    majority = {name for name in names if kind_of[name] in fitting}
    if len(majority) * 2 <= len(names):
        return []
    outliers = [n for n in names if n not in majority]
    folded = any(
        (article := articles.get(unit.article)) is not None and article.copy_of
        for unit in units
    )
    counted = "independent sources (copies of one text counted once)" if folded else "outlets"
    return [
        f"{len(majority)} of {len(names)} {counted} agree ({', '.join(sorted(majority))});"
        f" outlier: {', '.join(outliers)}."
    ] if outliers else []


def _discrepancy(
    rule: Rule, concept: str | None, units: Sequence[Unit], articles: Mapping[str, Article],
    verdict: Verdict, worst: tuple[Unit, Unit], story_zone: str | None,
    vocabulary: Vocabulary, extra: str = "", guessed: bool = False, part_whole: bool = False,
    at_most: Severity | None = None,
) -> Discrepancy:
    """The finding for units that disagree. Unless the parse says two sides that disagree
    state one fact (as a part and its whole when `part_whole`), it stays at info; when which
    event each value belongs to is `guessed` (not read), it is a warning at most."""
    claims = [c for u in units for c in u.claims]
    sure = at_most != "info" and _confirmed(units, rule, vocabulary, worst, part_whole)
    severity: Severity | None = None if sure else "info"
    if sure and guessed and severity_for(rule, verdict) == "error":
        severity = "warning"
    return make_discrepancy(
        rule, concept, verdict, _positions(units, articles), claims,
        _explain(rule, units, articles, verdict, worst, story_zone) + extra,
        severity=severity,
    )
