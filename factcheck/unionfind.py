"""Connected groups of items, from the pairs that link them (union-find).

Alignment (claims about one fact) and grouping (articles about one story) both join items
pairwise and need the groups that result; one implementation serves both.
"""

from __future__ import annotations

from collections.abc import Iterable


def connected_groups(count: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Groups of the indices 0..count-1 joined by `links`, each sorted, ordered by first index."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in links:
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(count):
        groups.setdefault(root(index), []).append(index)
    return sorted(groups.values(), key=lambda group: group[0])
