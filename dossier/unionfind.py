"""Disjoint sets: which things have been joined into one group.

`UnionFind` keeps, for each item, a parent on the way to its group's root, and for each root the
members of its group. A union keeps the root of the larger group (the first one's on a tie), so
that finding a root stays short; `find` halves the path it walks. The groups do not depend on the
order of the unions, only the roots do: code that needs a group's name should pick it from the
members, not from the root.
"""

from __future__ import annotations

from typing import Generic, Hashable, Iterable, TypeVar

Item = TypeVar("Item", bound=Hashable)


class UnionFind(Generic[Item]):
    def __init__(self, items: Iterable[Item] = ()):
        self.parent: dict[Item, Item] = {x: x for x in items}
        self.members: dict[Item, set[Item]] = {x: {x} for x in self.parent}

    def find(self, item: Item) -> Item:
        """The root of the item's group."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Item, b: Item) -> bool:
        """Join the groups of `a` and `b`; False when they were one group already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return True

    def group(self, item: Item) -> set[Item]:
        """Every member of the item's group (the set itself: do not change it)."""
        return self.members[self.find(item)]
