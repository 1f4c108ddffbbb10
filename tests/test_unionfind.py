"""The union-find the resolver joins keys with (and that any stage may use)."""

from __future__ import annotations

from dossier.resolve.index import KeyUnions
from dossier.unionfind import UnionFind


def test_groups_do_not_depend_on_the_order_of_unions():
    pairs = [(1, 2), (3, 4), (2, 3), (5, 6), (1, 4)]
    groups = []
    for order in (pairs, list(reversed(pairs))):
        uf = UnionFind(range(8))
        assert [uf.union(a, b) for a, b in order].count(False) == 1  # one pair was joined already
        groups.append(sorted(sorted(uf.group(x)) for x in {uf.find(x) for x in range(8)}))
    assert groups[0] == groups[1] == [[0], [1, 2, 3, 4], [5, 6], [7]]


def test_the_larger_group_keeps_its_root():
    uf = UnionFind("abcd")
    uf.union("a", "b")
    uf.union("a", "c")
    root = uf.find("a")
    uf.union("d", "a")
    assert uf.find("d") == root and uf.group("d") == {"a", "b", "c", "d"}


def test_key_unions_refuse_blocked_pairs_and_record_why():
    keys = KeyUnions(["putin", "vladimir putin", "v putin"])
    keys.blocked.add(frozenset(("putin", "v putin")))
    assert keys.join("vladimir putin", "putin", "surname", "one person")
    assert not keys.join("v putin", "vladimir putin", "initials", "blocked through putin")
    assert not keys.join("putin", "vladimir putin", "again", "one group already")
    assert [(e.a, e.b, e.rule) for e in keys.edges] == [("vladimir putin", "putin", "surname")]
