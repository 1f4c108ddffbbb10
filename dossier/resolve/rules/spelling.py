"""Rules about spelling: the same words in another order, and misspellings."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..index import Index, pick_type
from ..keys import best_form


def word_order(index: Index) -> None:
    """word order — the same words in another order: "iPhone 3G" / "3G iPhone", "US Labor
    Department" / "U.S. Department of Labor" (fuzzy)."""
    forms = index.forms
    by_words = defaultdict(list)
    for k in index.strong:
        toks = [t for t in k.split() if t not in ("of", "the", "for")]
        if len(toks) >= 2 and not k.startswith("@"):
            by_words[tuple(sorted(toks))].append(k)
    for words, ks in by_words.items():
        ks.sort()
        for k in ks[1:]:
            index.unions.join(ks[0], k, "word order", f"{best_form(forms[k])} has the words of {best_form(forms[ks[0]])} in another order", True)


def edit_budget(n: int) -> int:
    """How many edits a misspelling of a name of `n` characters may have."""
    if n < 6:
        return 0
    if n < 10:
        return 1
    if n < 15:
        return 2
    return 3


def misspellings(index: Index) -> None:
    """fuzzy — a misspelling: same first letter, same number of words, no digits, within an edit
    budget that grows with length (none below 6 letters), never between two gazetteer places and
    never when both spellings appear in one article (fuzzy)."""
    forms, articles_of, votes, gaz = index.forms, index.articles_of, index.votes, index.gaz
    blocks = defaultdict(list)
    for k in index.strong:
        if k.startswith("@") or any(c.isdigit() for c in k):
            continue
        letters = k.replace(" ", "")
        if len(letters) < 6:
            continue
        blocks[(k[0], k.count(" "))].append(k)
    for ks in blocks.values():
        if len(ks) < 2:
            continue
        ks.sort(key=lambda k: (len(k), k))
        lengths = [len(k) for k in ks]
        for i, a in enumerate(ks):
            ba = edit_budget(len(a))
            if ba == 0:
                continue
            # candidates within the budget, found by rapidfuzz in C: the later keys of similar length
            j = i + 1
            stop = bisect_right(lengths, len(a) + ba, lo=j)
            if stop == j:
                continue
            close = process.extract(a, ks[j:stop], scorer=Levenshtein.distance, score_cutoff=ba, limit=None)
            for b, _, _ in sorted(close, key=lambda x: x[2]):
                budget = min(ba, edit_budget(len(b)))
                if budget == 0 or Levenshtein.distance(a, b, score_cutoff=budget) > budget:
                    continue
                if articles_of[a] & articles_of[b]:
                    continue
                if (a in gaz.places) and (b in gaz.places):
                    continue
                ta, tb = pick_type(votes[a]), pick_type(votes[b])
                if ta != tb and "other" not in (ta, tb):
                    continue
                if " " in a and not _one_word_misspelled(a, b, ta, tb, gaz):
                    continue
                index.unions.join(a, b, "fuzzy", f"{best_form(forms[b])} is within {budget} edit(s) of {best_form(forms[a])}", True)


def _one_word_misspelled(a: str, b: str, ta: str, tb: str, gaz) -> bool:
    """Two names of several words that differ in one long word, not a place, and are not two
    people with different surnames."""
    pairs = [(x, y) for x, y in zip(a.split(), b.split()) if x != y]
    if len(pairs) != 1:
        return False
    x, y = pairs[0]
    if min(len(x), len(y)) < 5 or x in gaz.places or y in gaz.places:
        return False  # "UAE Air Force" / "US Air Force": a different word, not a misspelling
    # two people with different surnames are different people
    if "person" in (ta, tb) and a.split()[-1] != b.split()[-1] and a.split()[0] != b.split()[0]:
        return False
    return True
