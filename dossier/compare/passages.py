"""Shared passages: groups of matched sentences found in several articles, and for each article
how much of its text it shares with others and how much it derives from older ones.

An article derives a sentence when an older article (by publication date) already has it; with
equal or missing dates the direction is unknown and nothing is called derived.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Article
from .matching import UnionFind, UnitMatch
from .reading import Span
from .words import WORD

SOURCES_PER_PASSAGE = 8  # other articles considered as the source of one shared sentence


@dataclass(frozen=True)
class Passage:
    """Sentences that several articles share: one is a copy or a rewrite of another."""

    id: str
    relation: str  # verbatim | near-verbatim | rewritten (the loosest link in the group)
    members: tuple[Span, ...]  # sorted by (article date, article id, start)


@dataclass(frozen=True)
class Source:
    article: str
    words: int  # words of this article in sentences shared with `article`
    direction: str  # "from": `article` is older, so this one derives from it | "to" | "unknown"


@dataclass(frozen=True)
class ArticleShare:
    article: str
    words: int
    shared_words: int  # in sentences that another article also has
    derived_words: int  # in sentences that an older article already had
    shared_paragraphs: tuple[int, ...]  # paragraphs at least half made of shared sentences
    sources: tuple[Source, ...]

    @property
    def shared_share(self) -> float:
        return self.shared_words / self.words if self.words else 0.0

    @property
    def derived_share(self) -> float:
        return self.derived_words / self.words if self.words else 0.0


class SharedText(NamedTuple):
    passages: tuple[Passage, ...]  # ids sp-1, sp-2… in order of their first member
    shares: tuple[ArticleShare, ...]  # one per article, in the order of `by_id`


class _Credits(NamedTuple):
    """Which sentences are shared and derived, and the words each article shares with each other."""

    shared_units: set[int]
    derived_units: set[int]
    pair_words: Counter[tuple[str, str]]  # (article, other article) → words of article shared with other


_RELATION_ORDER = {"verbatim": 0, "near-verbatim": 1, "rewritten": 2}


def _older(a: str | None, b: str | None) -> bool:
    """Date `a` is before date `b`; unknown dates are never older."""
    return a is not None and b is not None and a < b


def shared_passages(units: list[Span], matches: list[UnitMatch], by_id: dict[str, Article],
                    date_of: dict[str, str | None]) -> SharedText:
    """The passages that matched sentences (`units`, matched by index) make, and every article's share."""
    clusters, loosest = _clusters(len(units), matches)
    words_of = [len(WORD.findall(by_id[u.article].text[u.start : u.end])) for u in units]
    passages: list[Passage] = []
    credits = _Credits(set(), set(), Counter())
    for root, members in clusters.items():
        arts = {units[i].article for i in members}
        if len(arts) < 2:
            continue
        members.sort(key=lambda i: (date_of[units[i].article] or "9999", units[i].article, units[i].start))
        passages.append(Passage("", loosest.get(root, "verbatim"), tuple(units[i] for i in members)))
        _credit(members, arts, units, words_of, date_of, credits)
    passages.sort(key=lambda p: (p.members[0].article, p.members[0].start))
    passages = [Passage(f"sp-{n}", p.relation, p.members) for n, p in enumerate(passages, 1)]
    shares = _article_shares(units, words_of, by_id, date_of, credits)
    return SharedText(tuple(passages), shares)


def _clusters(n: int, matches: list[UnitMatch]) -> tuple[dict[int, list[int]], dict[int, str]]:
    """The groups of units that matches join, by root; and each group's loosest relation."""
    uf = UnionFind(n)
    loosest: dict[int, str] = {}
    for i, j, rel in matches:
        uf.union(i, j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        clusters[uf.find(i)].append(i)
    for i, j, rel in matches:
        root = uf.find(i)
        if _RELATION_ORDER[rel] > _RELATION_ORDER.get(loosest.get(root, "verbatim"), 0):
            loosest[root] = rel
    return clusters, loosest


def _credit(members: list[int], arts: set[str], units: list[Span], words_of: list[int],
            date_of: dict[str, str | None], credits: _Credits) -> None:
    """Count one passage's sentences as shared (and derived, when an older article has it)."""
    credits.shared_units.update(members)
    oldest = min((date_of[a] for a in arts if date_of[a]), default=None)
    # Each sentence is credited to a bounded number of other articles, so that a sentence
    # copied everywhere does not cost the square of its copies.
    firsts: dict[str, int] = {}
    for i in members:
        firsts.setdefault(units[i].article, i)
    heads = list(firsts)[:SOURCES_PER_PASSAGE]
    for i in members:
        me = units[i].article
        if _older(oldest, date_of[me]):
            credits.derived_units.add(i)
        for other in heads:
            if other != me:
                credits.pair_words[(me, other)] += words_of[i]


def _article_shares(units: list[Span], words_of: list[int], by_id: dict[str, Article],
                    date_of: dict[str, str | None], credits: _Credits) -> tuple[ArticleShare, ...]:
    shared_units, derived_units = credits.shared_units, credits.derived_units
    shares: list[ArticleShare] = []
    by_article_units: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_article_units[u.article].append(i)
    sources_of: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (me, other), w in credits.pair_words.items():
        sources_of[me].append((other, w))
    for aid in by_id:
        mine = by_article_units.get(aid, [])
        para_words: Counter[int] = Counter()
        para_shared: Counter[int] = Counter()
        for i in mine:
            para_words[units[i].paragraph] += words_of[i]
            if i in shared_units:
                para_shared[units[i].paragraph] += words_of[i]
        srcs = sorted(sources_of.get(aid, []), key=lambda x: (-x[1], x[0]))[:SOURCES_PER_PASSAGE]
        shares.append(
            ArticleShare(
                article=aid,
                words=sum(words_of[i] for i in mine),
                shared_words=sum(words_of[i] for i in mine if i in shared_units),
                derived_words=sum(words_of[i] for i in mine if i in derived_units),
                shared_paragraphs=tuple(sorted(p for p, w in para_shared.items() if 2 * w >= para_words[p])),
                sources=tuple(
                    Source(o, w, "from" if _older(date_of[o], date_of[aid]) else "to" if _older(date_of[aid], date_of[o]) else "unknown")
                    for o, w in srcs
                ),
            )
        )
    return tuple(shares)
