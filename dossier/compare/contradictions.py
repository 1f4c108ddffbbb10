"""Contradictions: two articles describe one entity with a different nationality or office.

"president-elect" and "president" are not a contradiction (both can be right within weeks), nor
are two offices that one article gives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from .descriptors import Descriptor


@dataclass(frozen=True)
class Contradiction:
    entity: str
    kind: str  # nationality | office
    first: Descriptor
    second: Descriptor
    detail: str  # "Russia / Serbia": the two values, sorted


class EntityDescriptions(NamedTuple):
    """What the articles say of one entity: its descriptors in article order, its contradictions."""

    descriptors: tuple[Descriptor, ...]
    contradictions: tuple[Contradiction, ...]


NO_DESCRIPTIONS = EntityDescriptions((), ())


def contradictions(descriptors: tuple[Descriptor, ...]) -> tuple[Contradiction, ...]:
    """Every pair of differing nationalities or offices given to one entity, one example each."""
    out: list[Contradiction] = []
    by_entity: dict[str, list[Descriptor]] = defaultdict(list)
    for d in descriptors:
        by_entity[d.entity].append(d)
    for entity, ds in by_entity.items():
        for kind in ("nationality", "office"):
            # One example pair per pair of differing values: enough for a reader to check.
            firsts: dict[str, Descriptor] = {}
            for d in ds:
                value = getattr(d, kind)
                if value and value not in firsts:
                    firsts[value] = d
            values = sorted(firsts)
            for x in range(len(values)):
                for y in range(x + 1, len(values)):
                    a, b = firsts[values[x]], firsts[values[y]]
                    if a.article == b.article and kind == "office":
                        continue
                    if kind == "office" and _compatible_offices(values[x], values[y]):
                        continue
                    out.append(Contradiction(entity, kind, a, b, f"{values[x]} / {values[y]}"))
    return tuple(sorted(out, key=lambda c: (c.entity, c.kind, c.first.article, c.first.start, c.second.article, c.second.start)))


def _compatible_offices(a: str, b: str) -> bool:
    """"president-elect" and "president" can both be right within weeks; a different office cannot."""
    strip = lambda s: s.replace("-elect", "").replace("acting ", "")
    return strip(a) == strip(b)


def index_by_entity(article_ids: tuple[str, ...], descriptors: tuple[Descriptor, ...],
                    found: tuple[Contradiction, ...]) -> dict[str, EntityDescriptions]:
    """Entity id → its descriptors (in dossier order of the articles) and contradictions, so
    that entity pages do not each scan them all."""
    order = {a: i for i, a in enumerate(article_ids)}
    ds: dict[str, list[Descriptor]] = defaultdict(list)
    cs: dict[str, list[Contradiction]] = defaultdict(list)
    for d in sorted(descriptors, key=lambda d: (order.get(d.article, 0), d.start)):
        ds[d.entity].append(d)
    for c in found:
        cs[c.entity].append(c)
    return {e: EntityDescriptions(tuple(ds.get(e, ())), tuple(cs.get(e, ()))) for e in set(ds) | set(cs)}
