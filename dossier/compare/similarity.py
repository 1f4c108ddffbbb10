"""How similar two articles are: the tf-idf cosine of their content words, with the words they
share in shared passages beside it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Article
from .passages import ArticleShare

FULL_MATRIX_LIMIT = 60  # up to this many articles every pair is scored; beyond, related pairs only


@dataclass(frozen=True)
class SimilarityPair:
    a: str
    b: str
    cosine: float  # tf-idf cosine of content words, 0..1
    shared_words: int  # words of `a` in sentences shared with `b` plus the reverse


class Similarity(NamedTuple):
    pairs: tuple[SimilarityPair, ...]  # by (a, b), a < b
    complete: bool  # every pair was scored (small dossiers) or only the pairs that share passages


def similarity(articles: list[Article], shares: tuple[ArticleShare, ...], bags: dict[str, Counter[str]]) -> Similarity:
    """Pairs of articles scored by their bags of content words (`reading.word_bag`)."""
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    n = len(articles)
    vectors: dict[str, dict[str, float]] = {}
    for aid, bag in bags.items():
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[aid] = {w: v / norm for w, v in vec.items()}
    shared_words: Counter[tuple[str, str]] = Counter()
    for share in shares:
        for src in share.sources:
            shared_words[tuple(sorted((share.article, src.article)))] += src.words
    ids = [a.id for a in articles]
    complete = n <= FULL_MATRIX_LIMIT
    pairs = [(ids[i], ids[j]) for i in range(n) for j in range(i + 1, n)] if complete else sorted(shared_words)
    out = []
    for a, b in pairs:
        va, vb = vectors[a], vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        cos = sum(v * vb[w] for w, v in va.items() if w in vb)  # the same sum: adding 0.0 changes nothing
        key = tuple(sorted((a, b)))
        out.append(SimilarityPair(key[0], key[1], round(cos, 3), shared_words.get(key, 0)))
    return Similarity(tuple(sorted(out, key=lambda p: (p.a, p.b))), complete)
