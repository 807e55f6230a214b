"""The comparison stage's shortcuts give what their pairwise definitions give.

Each shortcut (buckets, indexes, distinct values) exists so that a story of thousands of
claims is not compared pair by pair; on random small inputs it must find exactly the groups,
links and verdicts that testing every pair finds.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.models import Article
from factcheck.rules.align import Signature, compatible, components
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
