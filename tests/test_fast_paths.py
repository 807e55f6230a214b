"""The comparison stage's shortcuts give what their pairwise definitions give.

Each shortcut (buckets, indexes, distinct values) exists so that a story of thousands of
claims is not compared pair by pair; on random small inputs it must find exactly the groups,
links and verdicts that testing every pair finds.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.extract.quotes import _NameFacts, _title_introductions
from factcheck.models import Article, Claim, QuoteValue
from factcheck.rules.agree import (
    Unit,
    _clusters,
    _less_specific,
    _majority,
    _relation,
    _several_events,
    _worst,
)
from factcheck.rules.align import Signature, compatible, components
from factcheck.rules.compare import VERDICT_RANK, Reading, contains
from factcheck.rules.quote import (
    ATTRIBUTION_SIMILARITY,
    _group,
    _is_statement,
    _kind,
    _level,
    _Rendering,
    _score,
    speakers_compatible,
)
from factcheck.rules.schema import Rule, Tolerance
from factcheck.textdiff import gravest
from factcheck.unionfind import connected_groups

WORDS = ["fire", "blaze", "toll", "storm", "vote", "strike"]
NAMES = ["berg", "osei", "un", "varga"]


def _pairwise(items: Sequence[Signature]) -> list[list[int]]:
    links = (
        (i, j) for i in range(len(items)) for j in range(i + 1, len(items))
        if compatible(items[i], items[j])
    )
    return connected_groups(len(items), links)


signatures = st.builds(
    Signature,
    concept=st.sampled_from([None, None, "death", "meeting"]),
    qualifier=st.sampled_from([None, None, "previous"]),
    measure=st.sampled_from(["length", "person", "time"]),
    keys=st.lists(st.sampled_from(WORDS), max_size=7).map(tuple),
    names=st.frozensets(st.sampled_from(NAMES), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(signatures, max_size=30))
def test_alignment_groups_are_those_of_every_pair(items: list[Signature]) -> None:
    assert components(items) == _pairwise(items)


def test_alignment_keeps_apart_what_no_pair_links() -> None:
    """Named claims of one concept meet through a shared name, and only through one."""
    def sig(*names: str) -> Signature:
        return Signature("death", None, "person", ("killed",), frozenset(names))

    items = [sig("berg"), sig("osei"), sig("berg", "varga"), sig("varga"), sig("un")]
    assert components(items) == [[0, 2, 3], [1], [4]]
    assert components([*items, sig()]) == [[0, 1, 2, 3, 4, 5]]  # nobody named: one fact


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n\r", max_size=40), st.data())
def test_line_and_column_are_those_of_counting_characters(
    original: str, data: st.DataObject
) -> None:
    article = Article(id="a", path="a.txt", original=original, text=original)
    offset = data.draw(st.integers(0, len(original)))
    line = original[:offset].count("\n") + 1
    column = offset - (original.rfind("\n", 0, offset) + 1) + 1
    assert (article.line_of(offset), article.column_of(offset)) == (line, column)


QUOTED = [
    "the bridge will reopen to traffic next month",
    "the bridge will reopen to traffic next week",
    "the bridges would reopen to traffic next month",
    "we will rebuild the school before winter",
    "we will rebuild the schools before the winter",
    "historic agreement",
    "landmark agreement",
    "reopen to traffic",
]
SPEAKERS = [None, "Anna Berg", "Tomas Berg", "Lena Osei", "the ministry"]


def _pairwise_group(
    quotes: Sequence[Claim], threshold: float
) -> tuple[list[list[Claim]], list[tuple[Claim, Claim]]]:
    """The quote rule's grouping as first written: every pair scored, every merge checked
    against every pair of the merged group's members."""
    def speaker(claim: Claim) -> str | None:
        assert isinstance(claim.value, QuoteValue)
        return claim.value.speaker

    pairs: list[tuple[float, Claim, Claim]] = []
    conflicts: list[tuple[Claim, Claim]] = []
    for a, b in itertools.combinations(quotes, 2):
        if a.article == b.article:
            continue
        score = _score(a, b, threshold)
        if score < threshold:
            continue
        if speakers_compatible(speaker(a), speaker(b)):
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
            continue
        if not all(speakers_compatible(speaker(x), speaker(y))
                   for x, y in itertools.combinations(merged, 2)):
            continue
        for old in (ga, gb):
            if old is not None:
                del groups[old]
        groups[key] = merged
        for claim in merged:
            group_of[claim.id] = key
    statements = [sorted(g, key=lambda c: (c.article, c.start)) for g in groups.values()]
    return sorted(statements, key=lambda g: g[0].id), conflicts


@st.composite
def quotations(draw: st.DrawFn) -> list[Claim]:
    found: list[Claim] = []
    for start in range(draw(st.integers(0, 14))):
        article = f"a{draw(st.integers(0, 4))}"
        words = draw(st.sampled_from(QUOTED))
        value = QuoteValue(words=words, speaker=draw(st.sampled_from(SPEAKERS)),
                           partial=draw(st.booleans()) and len(words.split()) < 3)
        found.append(Claim(id=f"{article}:quote:{start}", article=article, kind="quote",
                           text=words, evidence=words, start=start, end=start + len(words),
                           line=1, value=value))
    return found


@settings(max_examples=200, deadline=None)
@given(quotations())
def test_quotation_groups_are_those_of_every_pair(quotes: list[Claim]) -> None:
    assert _group(quotes, 0.7) == _pairwise_group(quotes, 0.7)


def _pairwise_clusters(units: Sequence[Unit], rule: Rule) -> list[list[Unit]]:
    """Single linkage as first written: each unit against every unit of every cluster."""
    clusters: list[list[Unit]] = []
    for unit in units:
        joined = [c for c in clusters if any(
            _relation(unit, other, rule) == "consistent" for other in c)]
        merged = [unit]
        for cluster in joined:
            merged.extend(cluster)
            clusters.remove(cluster)
        clusters.append(merged)
    return clusters


def _pairwise_several_events(units: Sequence[Unit], rule: Rule) -> bool:
    return any(a.article == b.article and _relation(a, b, rule) == "contradiction"
               for a, b in itertools.combinations(units, 2))


def _pairwise_worst(units: Sequence[Unit], rule: Rule) -> tuple[str, tuple[Unit, Unit] | None]:
    verdict, worst = "consistent", None
    for a, b in itertools.combinations(units, 2):
        if a.article == b.article:
            continue
        found = _relation(a, b, rule)
        if VERDICT_RANK[found] > VERDICT_RANK[verdict]:
            verdict, worst = found, (a, b)
    return verdict, worst


# A few readings, so that units often share a value (as outlets repeating one figure do).
READINGS = [
    Reading(strict=(0.0, 0.0), wide=(0.0, 0.0), half_open=True),
    Reading(strict=(2.0, 2.0), wide=(1.0, 3.0), half_open=True),
    Reading(strict=(0.0, 2.0), wide=(0.0, 2.0), half_open=False),
    Reading(strict=(1.0, 3.0), wide=(0.0, 6.0), half_open=True),
    Reading(strict=(5.0, 6.0), wide=(5.0, 6.0), half_open=False),
    Reading(strict=(9.0, 20.0), wide=(3.0, 20.0), half_open=False),
    Reading(strict=(40.0, 40.0), wide=(40.0, 40.0), half_open=False),
    # a day after the first ones: an undated clock time there may be the same moment
    Reading(strict=(86400.0, 86401.0), wide=(86400.0, 86401.0), half_open=False),
]
readings = st.sampled_from(READINGS)
units = st.lists(st.builds(
    Unit, article=st.sampled_from(["a", "b", "c"]), claims=st.just([]), reading=readings,
    parts=st.sampled_from([[], [], [READINGS[0], READINGS[4]], [READINGS[2], READINGS[6]]]),
    floating=st.sampled_from([False, False, False, True]),
), max_size=14)
RELATED = Rule(id="count", title="Counts", severity="error", kind="agree", value="quantity",
               tolerance=Tolerance(absolute=1.0, stretch=4.0), message="number of {about}")
# No tolerance: a half-open instant does not even meet itself, so one value's units can fall
# into two clusters or contradict each other.
EXACT = RELATED.model_copy(update={"tolerance": Tolerance()})


@settings(max_examples=400, deadline=None)
@given(units, st.sampled_from([RELATED, EXACT]))
def test_value_shortcuts_of_agree_are_those_of_every_pair(found: list[Unit], rule: Rule) -> None:
    def ids(clusters: list[list[Unit]]) -> list[list[int]]:
        return [[id(unit) for unit in cluster] for cluster in clusters]

    assert ids(_clusters(found, rule)) == ids(_pairwise_clusters(found, rule))
    assert _several_events(found, rule) == _pairwise_several_events(found, rule)
    verdict, worst = _worst(found, rule)
    expected, expected_worst = _pairwise_worst(found, rule)
    assert verdict == expected
    assert (worst is None and expected_worst is None) or (
        worst is not None and expected_worst is not None
        and tuple(map(id, worst)) == tuple(map(id, expected_worst)))


def _pairwise_less_specific(found: Sequence[Unit], rule: Rule) -> list[Unit]:
    kept = []
    for unit in found:
        others = [o for o in found if o.article != unit.article]
        if others and all(_relation(unit, o, rule) == "consistent" for o in others) and any(
            contains(unit.reading, o.reading) for o in others
        ):
            kept.append(unit)
    return kept


def _pairwise_majority(found: Sequence[Unit], rule: Rule) -> tuple[str, set[str]] | None:
    by_outlet: dict[str, list[Unit]] = {}
    for unit in found:
        by_outlet.setdefault(unit.article, []).append(unit)
    names = sorted(by_outlet)
    agreeing = {
        name: {other for other in names
               if all(_relation(u, v, rule) == "consistent"
                      for u in by_outlet[name] for v in by_outlet[other])}
        for name in names
    }
    if len(names) < 3:
        return None
    best = max(names, key=lambda n: (len(agreeing[n]), n))
    return best, agreeing[best]


many_outlets = st.lists(st.builds(
    Unit, article=st.sampled_from(["a", "b", "c", "d", "e", "f"]), claims=st.just([]),
    reading=st.sampled_from([READINGS[1], READINGS[3], READINGS[4]]), floating=st.just(False),
), max_size=12) | st.lists(st.builds(
    Unit, article=st.sampled_from(["a", "b", "c", "d"]), claims=st.just([]),
    reading=readings, floating=st.just(False),
), max_size=12)


@settings(max_examples=300, deadline=None)
@given(many_outlets, st.sampled_from([RELATED, EXACT]))
@example(  # three outlets of one value against one: outlets are counted, not values
    [Unit(name, [], READINGS[4]) for name in "abc"] + [Unit("d", [], READINGS[1])], RELATED
)
def test_explanations_by_distinct_values_are_those_of_every_pair(
    found: list[Unit], rule: Rule
) -> None:
    assert [id(u) for u in _less_specific(found, rule)] == [
        id(u) for u in _pairwise_less_specific(found, rule)]
    expected = _pairwise_majority(found, rule)
    outlets = len({u.article for u in found})
    notes = _majority(found, {}, rule)
    if expected is None or len(expected[1]) * 2 <= outlets or len(expected[1]) == outlets:
        assert notes == []
    else:
        assert len(notes) == 1 and f"agree ({', '.join(sorted(expected[1]))})" in notes[0]


@settings(max_examples=200, deadline=None)
@given(quotations(), st.integers(0, 3))
def test_a_statement_s_gravest_difference_is_that_of_every_pair(
    quotes: list[Claim], pieces: int
) -> None:
    group = [_Rendering((claim,)) for claim in quotes]
    if pieces and len(quotes) > pieces:  # one rendering quoted in fragments
        group.append(_Rendering(tuple(quotes[:pieces + 1])))
    expected = gravest([_kind(a, b, group) for a, b in itertools.combinations(group, 2)])
    assert _level(group) == expected


PIECES = ["Foreign Minister", "Anna Berg", "the foreign minister", ",", ".", " said", "the",
          "President", "Ivo Stan", "prime ministers", "ministerial", "\n\n", "(", ")", "her"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.data())
def test_title_introductions_from_one_scan_are_those_of_scanning_up_to_each_quotation(
    pieces: list[str], data: st.DataObject
) -> None:
    text = " ".join(pieces)
    facts = _NameFacts(text)
    positions = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    for position in positions:  # in text order, as quotations are met
        assert facts.title_introductions(position) == _title_introductions(text, position)
