"""Comparing two claims' fact frames: known to differ, known to match, or not known.

Alignment groups claims by the words around them; frames decide what the grouping cannot.
A known difference (another holder, another measured noun, another theme of the same verb,
another year named in the clause) means two facts: they are never compared. A known match
(the same measured noun, or the same predicate) lets a disagreement be reported at the rule's
severity. Anything less is "unsure": the disagreement is reported at `info`, never as an
error, because an editor who is shown two unrelated numbers as a contradiction stops reading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from factcheck.models import Claim, QuantityValue, TimeValue
from factcheck.resources import load_table
from factcheck.rules.align import Vocabulary, name_tokens

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@cache
def _table() -> Mapping[str, Any]:
    return load_table("frames")["en"]


@cache
def _irrealis() -> frozenset[str]:
    return frozenset(_table()["irrealis"])


@cache
def _synonym_keys() -> Mapping[str, str]:
    return {word: group[0] for group in _table()["attribute_synonyms"] for word in group}


@cache
def _wholes() -> frozenset[str]:
    return frozenset(_table()["whole_scopes"])


def places(claim: Claim) -> frozenset[str]:
    """The named places a value is set in ("in Bavaria"); a word for the whole
    ("nationwide", "in all") is none: such a figure is the one a place's is a part of."""
    frame = claim.frame
    if frame is None:
        return frozenset()
    return frozenset(place for place in frame.scope if place.lower() not in _wholes())


def states_whole(claim: Claim) -> bool:
    """Does the clause say its figure is the whole ("nationwide", "across the country")?"""
    frame = claim.frame
    return frame is not None and any(place.lower() in _wholes() for place in frame.scope)


def _attribute_key(attribute: str) -> str:
    """Measured nouns that name one thing: "sales", "revenue" and "turnover"."""
    return _synonym_keys().get(attribute, attribute)


def _year(time: str | None) -> str | None:
    match = _YEAR.search(time or "")
    return match.group(1) if match else None


def _names(claim: Claim) -> frozenset[str]:
    holder = claim.frame.holder if claim.frame else None
    return name_tokens([name for name in [holder, *claim.participants] if name])


def conflict(first: Claim, second: Claim) -> bool:
    """Do the frames say these are two different facts?

    For dates and times, holders differ only when neither clause names the other's holder:
    "Ortiz greeted Lind on her arrival" and "Lind arrived" date one event with two people in
    it. An amount or a length belongs to one holder: "Norvik shares closed at" and "Calder shares
    closed at" are two prices, "13 miles east of A" and "2 miles east of B" two distances.
    """
    a, b = first.frame, second.frame
    if a is None or b is None:
        return False
    if a.holder and b.holder:
        if first.kind == "time" and second.kind == "time":
            apart = (not (name_tokens([a.holder]) & _names(second))
                     and not (name_tokens([b.holder]) & _names(first)))
        else:  # an amount or a length is one holder's: a price, a distance from a place
            apart = not (name_tokens([a.holder]) & name_tokens([b.holder]))
        if apart:
            return True
    if a.attribute and b.attribute and _attribute_key(a.attribute) != _attribute_key(b.attribute):
        return True
    if (a.event in _irrealis()) != (b.event in _irrealis()):
        return True  # "analysts had expected $1.28" is not what was reported: "$1.34"
    if a.event and a.event == b.event and a.theme and b.theme and a.theme != b.theme:
        return True
    if (first.kind == "time" and second.kind == "time" and a.holder and b.holder
            and a.event and a.event == b.event
            and a.object and b.object and a.object != b.object):
        # One person's acts: "Holt won the title in 1998" and "won the cup in 2001" are two
        # wins. What a quake or a fire hit is worded freely ("hit the province", "hit the
        # hill districts"): there the object says nothing.
        return True
    if places(first) and places(second) and not places(first) & places(second):
        return True  # "in Ohio" and "in Texas"
    if a.capacity and b.capacity and a.capacity != b.capacity:
        return True  # "as captain" and "as coach"
    # A clause that names its own year ("In 2017, a derailment killed two") is set apart from
    # one that names another year or none: news states the current event's figures undated.
    return _year(a.time) != _year(b.time)


def same_fact(first: Claim, second: Claim, vocabulary: Vocabulary | None = None, *,
              part_whole: bool = False) -> bool:
    """Do the frames positively say these are one fact (and nothing says otherwise)?

    They do when they measure the same noun or hang on the same predicate, or (given the
    rules' vocabulary) when their measured noun, predicate or subject share a synonym group:
    "killed" and "death toll", "the fire broke out" and "the fire burned". A count set in a
    place and one set in none are one fact only as a part and its whole (`part_whole`).
    """
    a, b = first.frame, second.frame
    if a is None or b is None:
        # Not parsed (claims built by hand, or by a caller without the parser): alignment's
        # own decision stands, as it did before frames existed.
        return True
    if conflict(first, second) or a.capacity != b.capacity:
        return False  # "four seasons as director" is one part of "19 seasons with the team"
    if weekday_only(first) or weekday_only(second):
        # Which week is unknown, and a story spans several days of one kind of event
        # (protests, strikes, killings): only one actor's one act ties two weekdays.
        return bool(a.event and a.event == b.event and a.holder and b.holder
                    and name_tokens([a.holder]) & name_tokens([b.holder]))
    if (first.kind == "quantity" and not part_whole
            and bool(places(first)) != bool(places(second))):
        return False  # "killed 900 in the province" may be a part of "killed 1,400"
    if a.attribute and b.attribute and _attribute_key(a.attribute) == _attribute_key(b.attribute):
        return True
    if a.event and a.event == b.event:
        return True
    # The same counted noun or subject alone is not enough: a sports story counts games,
    # points and yards of many facts ("won 9 games", "lost 15 games").
    if vocabulary is None:
        return False
    concepts_a = _concepts(first, vocabulary)
    return bool(concepts_a & _concepts(second, vocabulary))


def weekday_only(claim: Claim) -> bool:
    """A date known only as a day of the week ("on Thursday", no publication date)."""
    return isinstance(claim.value, TimeValue) and claim.value.weekday is not None


def _measured(claim: Claim) -> str | None:
    """The noun a measurement is of: "a 4.2-magnitude quake" measures the quake. A count's
    own noun is not one ("9 games" counts games, and a sports story counts many facts in
    games), so only a value whose unit is not the noun it stands before has one."""
    frame, value = claim.frame, claim.value
    if frame is None or frame.counted is None or not isinstance(value, QuantityValue):
        return None
    unit = (value.unit or "").lower()
    return frame.counted if unit and frame.counted not in unit else None


def _concepts(claim: Claim, vocabulary: Vocabulary) -> set[str]:
    """Synonym groups of the words that say what the value is about."""
    frame = claim.frame
    if frame is None:
        return set()
    found = set()
    for word in (frame.attribute, frame.event, frame.subject, _measured(claim)):
        concept = vocabulary.concept([word]) if word else None
        if concept is not None:
            found.add(concept)
    return found


def split_conflicting(claims: Sequence[Claim]) -> list[list[int]]:
    """The claims of one aligned group, parted so that no part holds two conflicting frames.

    Each claim joins the first part it conflicts with nowhere, in order, so the split is
    deterministic and a claim whose frame is unknown never chains two known, different facts
    together (single-linkage grouping would: Norvik's price - a bare price - Calder's price).
    """
    parts: list[list[int]] = []
    # `conflict` reads only a claim's kind, frame and participants, so a part is tested
    # through one member of each such signature it holds: testing every member made this
    # quadratic in a fact's claims (2.7 million calls for a story of 1,000 articles).
    kinds: list[dict[tuple[object, ...], Claim]] = []
    for index, claim in enumerate(claims):
        signature = _conflict_signature(claim)
        for part, members in zip(parts, kinds, strict=True):
            if not any(conflict(claim, other) for other in members.values()):
                part.append(index)
                members.setdefault(signature, claim)
                break
        else:
            parts.append([index])
            kinds.append({signature: claim})
    return parts


def _conflict_signature(claim: Claim) -> tuple[object, ...]:
    """All that `conflict` reads of a claim."""
    frame = claim.frame.model_dump_json() if claim.frame is not None else None
    return claim.kind, frame, tuple(claim.participants)
