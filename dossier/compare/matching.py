"""Which sentences (and quotations) of different articles are one text: copied, near-copied or
rewritten.

Nothing here compares every sentence with every other one. Sentences are matched through an
inverted index of their rarest content words (prefix filtering): each sentence looks up only a
few postings, each posting is read only for its most recent entries, and only the best few
candidates are verified. Identical sentences are grouped by hash first, and matches are joined
with union-find, so a sentence copied into a thousand articles costs a thousand look-ups, not a
million comparisons. The cost grows with the number of sentences, not with its square.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import NamedTuple

from rapidfuzz import fuzz

# Candidate pruning: how many of a sentence's rarest words it is looked up by, how many
# recent postings of each word are read, and how many candidates are verified.
PREFIX_MIN = 3
POSTINGS_READ = 24
CANDIDATES_VERIFIED = 6
MIN_SHARED_WORDS = 4  # fewer shared content words than this is coincidence, not copying
MIN_SHARED_QUOTE_WORDS = 3  # a short quotation ("For my part, I am ready…") has few to share
MIN_OVERLAP = 0.55  # idf-weighted share of the shorter sentence's content words found in the other
MIN_SHARED_WEIGHT = 12.0  # summed idf of the shared words: about three rare words
MIN_SURFACE = 50  # rapidfuzz token_sort_ratio: a copy, even spun or translated, keeps much of the wording
NEAR_VERBATIM = 90  # rapidfuzz ratio of the folded sentences


class UnitMatch(NamedTuple):
    """Two units (sentences or quotations, by index) of different articles that are one text."""

    earlier: int  # the unit that came first in the input order
    later: int
    relation: str  # verbatim | near-verbatim | rewritten


class UnionFind:
    """Groups of indices joined pair by pair; each group is named by its smallest index."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def match_units(
    articles: list[str],
    keys: list[str],
    features: list[frozenset[str]],
    short: list[bool] | None = None,
    min_overlap: float = MIN_OVERLAP,
) -> list[UnitMatch]:
    """Pairs of units from different articles that share their text; each with its relation.

    The lists run in parallel, one item per unit: its article, its `words.sentence_key` and its
    `words.content_words`. `short` marks units (quotations) that may match on fewer shared
    words. Linear in the number of units: see the module docstring.
    """
    short = short or [False] * len(keys)
    edges: list[UnitMatch] = []
    first_of_key: dict[str, int] = {}
    reps: list[int] = []
    for i, key in enumerate(keys):
        j = first_of_key.setdefault(key, i)
        if j == i:
            reps.append(i)
        elif articles[j] != articles[i]:
            edges.append(UnitMatch(j, i, "verbatim"))
    df: Counter[str] = Counter()
    for i in reps:
        df.update(features[i])
    # Names of the story's people recur in most of its sentences; rare words are the evidence.
    total = max(len(reps), 2)
    idf = {f: math.log(total / n) for f, n in df.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    numbers: list[set[str] | None] = [None] * len(keys)  # the figures in each unit, read when first needed
    for i in reps:
        feats = sorted(features[i], key=lambda f: (df[f], f))
        if len(feats) < MIN_SHARED_QUOTE_WORDS:
            continue
        prefix = feats[: max(PREFIX_MIN, len(feats) - math.ceil(min_overlap * len(feats)) + 1)]
        votes: Counter[int] = Counter()
        for f in prefix:
            posting = postings[f]
            votes.update(posting[-POSTINGS_READ:])
            posting.append(i)
        checked = 0
        weight_i = sum(idf[f] for f in features[i])
        for j, _ in votes.most_common():
            if checked >= CANDIDATES_VERIFIED:
                break
            if articles[j] == articles[i]:
                continue
            checked += 1
            shared = features[i] & features[j]
            needed = MIN_SHARED_QUOTE_WORDS if short[i] or short[j] else MIN_SHARED_WORDS
            if len(shared) < needed:
                continue
            if numbers[i] is None:
                numbers[i] = _numbers(keys[i])
            if numbers[j] is None:
                numbers[j] = _numbers(keys[j])
            if numbers[i] and numbers[j] and numbers[i].isdisjoint(numbers[j]):
                continue  # same words around different figures: two reports, not one copied
            weight = sum(idf[f] for f in shared)
            smaller = min(weight_i, sum(idf[f] for f in features[j]))
            if weight < min_overlap * smaller or weight < MIN_SHARED_WEIGHT:
                continue
            # A quotation may be given in part: compare it with what it shares, not with the whole.
            surface = fuzz.token_set_ratio if short[i] or short[j] else fuzz.token_sort_ratio
            if surface(keys[i], keys[j]) < MIN_SURFACE:
                continue  # the same rare words in a different sentence: a report of the same facts
            ratio = fuzz.ratio(keys[i], keys[j])
            edges.append(UnitMatch(j, i, "near-verbatim" if ratio >= NEAR_VERBATIM else "rewritten"))
    return edges


_NUMBER_WORD = re.compile(r"\S*\d\S*")


def _numbers(key: str) -> set[str]:
    return {w.replace(",", "") for w in _NUMBER_WORD.findall(key)}
