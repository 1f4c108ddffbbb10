"""Rules about places: the same place written differently, and names qualified by a place."""

from __future__ import annotations

from collections import defaultdict

from ..index import Index
from ..keys import GOVERNMENT, best_form


def place_aliases(index: Index) -> None:
    """place alias — the same place in the gazetteer: "US", "U.S.", "USA", "United States"."""
    forms = index.forms
    canon: dict[str, list[str]] = defaultdict(list)
    for k in index.strong:
        c = index.places.get(k)
        if c:
            canon[c].append(k)
    for c, ks in canon.items():
        ks.sort(key=lambda k: (k != c, k))
        for k in ks[1:]:
            index.unions.join(ks[0], k, "place alias", f"{best_form(forms[k])} and {best_form(forms[ks[0]])} name the same place")


def place_prefixes(index: Index) -> None:
    """place alias at the start of a longer name: "US Air Force" / "United States Air Force"."""
    forms, pidx = index.forms, index.places
    by_canon = defaultdict(list)
    for k in index.strong:
        toks = k.split()
        if len(toks) < 2 or k.startswith("@"):
            continue
        for n in range(min(4, len(toks) - 1), 0, -1):
            head = " ".join(toks[:n])
            if head in pidx:
                by_canon[pidx[head] + " " + " ".join(toks[n:])].append(k)
                break
    for c, ks in by_canon.items():
        group = sorted(set(ks + ([c] if c in index.key_set and c not in index.weak else [])), key=lambda k: (k != c, k))
        for k in group[1:]:
            index.unions.join(group[0], k, "place alias",
                              f"{best_form(forms[k])} and {best_form(forms[group[0]])} differ only in how the place is written")


def government(index: Index) -> None:
    """government — "US Government" is the United States (as MEANTIME and most readers take it)."""
    forms, gaz = index.forms, index.gaz
    for k in index.strong:
        toks = k.split()
        if len(toks) >= 2 and toks[-1] in GOVERNMENT:
            place = " ".join(toks[:-1])
            target = index.places.get(place, place if place in gaz.places else None)
            if target and target in index.key_set and target not in index.weak:
                index.unions.join(target, k, "government", f"{best_form(forms[k])} is the government of {best_form(forms[target])}")


def qualifiers(index: Index) -> None:
    """qualifier — a name with a place or demonym before it, when that is its only such form:
    "the French CAC 40" / "CAC 40", "United States Air Force" / "Air Force" (fuzzy when the
    two never appear in one article)."""
    forms, gaz, pidx, unions = index.forms, index.gaz, index.places, index.unions
    qualified = defaultdict(set)
    for k in index.strong:
        toks = k.split()
        if len(toks) < 2 or k.startswith("@"):
            continue
        n = 0
        if toks[0] in gaz.demonyms:
            n = 1
        else:
            for j in range(min(3, len(toks) - 1), 0, -1):
                if " ".join(toks[:j]) in pidx:
                    n = j
                    break
        if n:
            rest = " ".join(toks[n:])
            if rest in index.key_set and rest not in index.weak and rest not in gaz.places and rest not in pidx:
                qualified[rest].add(k)
    for rest, ks in sorted(qualified.items()):
        roots = {unions.find(k) for k in ks}
        if len(roots) != 1:
            continue
        if index.votes[rest]["person"] > 0 or (" " not in rest and gaz.word_zipf(rest) >= 4.5
                                               and not any(f.isupper() for f in forms[rest])):
            continue
        k = sorted(ks)[0]
        together = any(index.articles_of[x] & index.articles_of[rest] for x in ks)
        unions.join(k, rest, "qualifier", f"{best_form(forms[rest])} is {best_form(forms[k])} without the place before it"
                    + ("" if together else "; never in the same article"), not together)
