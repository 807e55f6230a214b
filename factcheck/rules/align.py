"""Alignment: which claims from different outlets are about the same fact.

Claims line up when they have the same value kind, the same *concept* (the synonym group of the
nearest term in their clause that belongs to one: "talks", "meeting" and "summit" are one
concept), the same qualifier ("the previous visit" never lines up with "the visit"), the same
counted unit for quantities, the same role for durations (the time elapsed since an earlier
event is not the length of this one), and compatible participants. Claims with no concept line
up only when one of their two nearest terms agrees and their clauses are similar (rapidfuzz
token-set ratio). When unsure, claims stay apart: a missed discrepancy costs less than a false one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz

from factcheck.claims.lemmas import term_key
from factcheck.models import Claim, QuantityValue, TimeValue
from factcheck.resources import load_table
from factcheck.rules.schema import Rule, SynonymGroup
from factcheck.unionfind import connected_groups

_SIMILAR = 60.0
_TITLES = {"mr", "mrs", "ms", "dr", "president", "prime", "minister", "secretary", "general"}


@dataclass(frozen=True)
class Vocabulary:
    """Synonym groups with their terms reduced to match keys."""

    groups: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, groups: Iterable[SynonymGroup]) -> Vocabulary:
        return cls(tuple((g.name, frozenset(term_key(t) for t in g.terms)) for g in groups))

    def concept(self, about: Sequence[str], allowed: set[str] | None = None) -> str | None:
        """The group of the nearest about-term that belongs to one (in `allowed`, if given).

        A hyphenated compound with no group of its own takes its head's: a "cyber-attack" is
        an attack, a "night-time blaze" a blaze.
        """
        for term in about:
            for key in _keys_of(term):
                for name, keys in self.groups:
                    if key in keys and (allowed is None or name in allowed):
                        return name
        return None

    def names(self) -> set[str]:
        return {name for name, _ in self.groups}


def _keys_of(term: str) -> tuple[str, ...]:
    """The term's match key, then its head's when it is a hyphenated compound."""
    key = term_key(term)
    head = term.rsplit("-", 1)[-1] if "-" in term and " " not in term else ""
    return (key, term_key(head)) if len(head) > 2 else (key,)


@dataclass(frozen=True)
class Signature:
    """What two claims must share to be aligned."""

    concept: str | None
    qualifier: str | None
    measure: str  # "length", "elapsed", "time" or the quantity's unit
    keys: tuple[str, ...]
    names: frozenset[str]
    # A date's predicate and who did it, from the parse ("Marlow quit the stage in 1961"):
    # one actor's one act is one fact however the rest of the clause is worded.
    event: str | None = None
    holder: frozenset[str] = frozenset()


def is_elapsed(claim: Claim) -> bool:
    """A duration since an earlier event, or a 'since' time that amounts to one."""
    if claim.kind == "duration":
        return claim.role == "elapsed"
    return isinstance(claim.value, TimeValue) and claim.value.anchor == "since"


_CONNECTORS = {"of", "the", "and", "for", "de", "du", "la", "le"}


def name_tokens(names: Sequence[str]) -> frozenset[str]:
    """Words of the names, plus the initials of each multi-word name.

    Outlets write an organisation out in one place and as initials in another ("United
    Nations" / "UN Security Council"); the initials make those meet without a table of them.
    """
    return _name_tokens(tuple(names))


@lru_cache(maxsize=1 << 14)
def _name_tokens(names: tuple[str, ...]) -> frozenset[str]:
    """`name_tokens`, memoised: frame conflicts ask it for the same holders and participants
    for every pair of a fact's claims (70,920 calls for a 200-article story)."""
    tokens: set[str] = set()
    for name in names:
        words = [
            word.removesuffix("'s").removesuffix("’s")
            for word in name.replace("-", " ").split()
        ]
        tokens.update(word.lower() for word in words)
        initials = [w[0] for w in words if w and w.lower() not in _CONNECTORS and w[0].isupper()]
        if len(initials) >= 2:
            tokens.add("".join(initials).lower())
    return frozenset(t for t in tokens
                     if t not in _TITLES and t not in _CONNECTORS and len(t) > 1)


def allowed_concepts(rule: Rule, vocabulary: Vocabulary) -> set[str] | None:
    if rule.about == "any":
        return None
    return {name for name in rule.about if name in vocabulary.names()}


@cache
def _people_units() -> frozenset[str]:
    return frozenset(load_table("claimcues")["people_units"])


@cache
def _measure_units() -> frozenset[str]:
    """Units of measure and currencies: compared as written, never cut to a head noun."""
    table = load_table("units")
    return frozenset([*table["measures"].values(), *table["currency_words"].values(),
                      *table["currency_symbols"].values()])


def counted_as(unit: str | None, counted: str | None = None) -> str:
    """What a count counts, for alignment: "residents", "people" and "dead" all count people,
    and a counted phrase counts its head noun: "three tank shells" and "two shells", "12
    damaged shops" and "40 shops" count one kind of thing ("year of age" stays whole).
    `counted` is the frame's counted noun: the parse says "30 Kurds" counts people."""
    if unit is None:
        return ""
    name = unit.lower()
    if name in _measure_units():
        return name
    head = name if " of " in name else name.rsplit(" ", 1)[-1]
    if name in _people_units() or head in _people_units() or counted in _people_units():
        return "person"
    return head


def signature(claim: Claim, rule: Rule, vocabulary: Vocabulary) -> Signature:
    if rule.value == "quantity":
        unit = claim.value.unit if isinstance(claim.value, QuantityValue) else None
        measure = counted_as(unit, claim.frame.counted if claim.frame else None)
    elif rule.value == "duration":
        measure = "elapsed" if is_elapsed(claim) else "length"
    else:
        measure = claim.kind
    terms = list(claim.about)
    if isinstance(claim.value, QuantityValue) and claim.value.unit:
        terms.insert(0, claim.value.unit)  # "78,000 spectators": what is counted comes first
    if claim.frame is not None and rule.value != "time":
        # The parse says which predicate a count or length hangs on; nearby words
        # only stand in when it does not ("killed 40" is a death toll whatever the clause
        # names). A date is another matter: "meeting him at the airport Tuesday night" dates
        # the arrival the clause's words name, not the greeting its verb does.
        terms[:0] = [claim.frame.event] if claim.frame.event else []
    return Signature(
        concept=vocabulary.concept(terms, allowed_concepts(rule, vocabulary)),
        qualifier=claim.qualifier,
        measure=measure,
        keys=tuple(term_key(t) for t in claim.about),
        names=name_tokens(claim.participants),
        **_act(claim) if rule.value == "time" else {},
    )


def _act(claim: Claim) -> dict[str, Any]:
    """The predicate and the actor of a dated clause, when the parse names both."""
    frame = claim.frame
    if frame is None or not frame.event or not frame.holder:
        return {}
    return {"event": term_key(frame.event), "holder": name_tokens([frame.holder])}


def about_matches(claim: Claim, rule: Rule, vocabulary: Vocabulary, sig: Signature) -> bool:
    """Does the claim fall under the rule's `about` (group names or plain terms)?"""
    if rule.about == "any":
        return True
    if sig.concept is not None:
        return True
    wanted = {term_key(t) for t in rule.about if t not in vocabulary.names()}
    return bool(wanted & set(sig.keys))


def compatible(a: Signature, b: Signature) -> bool:
    """May these two claims be about the same fact?"""
    if (a.concept, a.qualifier, a.measure) != (b.concept, b.qualifier, b.measure):
        return False
    if a.names and b.names and not (a.names & b.names):
        return False  # both name who was involved, and nobody in common
    if a.concept is not None:
        return True
    if a.event is not None and a.event == b.event and a.holder & b.holder:
        return True
    if not a.keys or not b.keys or not set(a.keys[:2]) & set(b.keys[:2]):
        return False  # "inflation slowed to" / "inflation fell to": the subject may come second
    return fuzz.token_set_ratio(" ".join(a.keys[:6]), " ".join(b.keys[:6])) >= _SIMILAR


def components(items: Sequence[Signature]) -> list[list[int]]:
    """Groups of indices joined by `compatible`, in first-index order.

    The same groups as testing every pair, found without testing most of them (a story of
    thousands of claims made millions of pairs): only claims with one (concept, qualifier,
    measure) may link, so each such bucket is joined on its own. With a concept, a claim that
    names nobody links with every claim of its bucket, and claims that name someone link
    through a shared name word, so the bucket's groups follow from an index of name words.
    Without one, only claims sharing one of their first two term keys are tested.
    """
    buckets: dict[tuple[str | None, str | None, str], list[int]] = {}
    for index, item in enumerate(items):
        buckets.setdefault((item.concept, item.qualifier, item.measure), []).append(index)
    links: list[tuple[int, int]] = []
    for (concept, _, _), members in buckets.items():
        if concept is not None:
            links.extend(_named_links(items, members))
        else:
            links.extend(_keyed_links(items, members))
    return connected_groups(len(items), links)


def _named_links(items: Sequence[Signature], members: Sequence[int]) -> list[tuple[int, int]]:
    """Links that join a bucket of one concept as `compatible` would (names only decide)."""
    anonymous = [index for index in members if not items[index].names]
    if anonymous:  # every claim links with a claim that names nobody
        return [(anonymous[0], index) for index in members]
    first_with: dict[str, int] = {}
    links: list[tuple[int, int]] = []
    for index in members:
        for name in items[index].names:
            links.append((first_with.setdefault(name, index), index))
    return links


def _keyed_links(items: Sequence[Signature], members: Sequence[int]) -> list[tuple[int, int]]:
    """The `compatible` pairs of a bucket without a concept, among claims sharing a lead key.

    Claims with equal signatures (wire copies, one wording in many outlets) are tested once:
    a distinct signature linked to any other, or to itself, joins all of its claims.
    """
    alike: dict[Signature, list[int]] = {}
    for index in members:
        alike.setdefault(items[index], []).append(index)
    distinct = list(alike)
    by_key: dict[str, list[int]] = {}
    for n, item in enumerate(distinct):
        for key in set(item.keys[:2]):
            by_key.setdefault(key, []).append(n)
        if item.event is not None:
            by_key.setdefault(f"event:{item.event}", []).append(n)
    linked: set[int] = {n for n, item in enumerate(distinct) if compatible(item, item)}
    tested: set[tuple[int, int]] = set()
    links: list[tuple[int, int]] = []
    for sharing in by_key.values():
        for n, first in enumerate(sharing):
            for second in sharing[n + 1:]:
                if (first, second) in tested:
                    continue
                tested.add((first, second))
                if compatible(distinct[first], distinct[second]):
                    links.append((alike[distinct[first]][0], alike[distinct[second]][0]))
                    linked.update((first, second))
    for n in linked:
        same = alike[distinct[n]]
        links.extend((same[0], index) for index in same[1:])
    return links
