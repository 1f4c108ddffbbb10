"""Rules about organizations: legal forms, trade words, acronyms and short forms."""

from __future__ import annotations

import re
from collections import defaultdict

from ..index import Index, Placement, acronym_after
from ...recognize.gazetteer import ORG_SUFFIXES
from ..keys import (
    DESCRIPTORS,
    INITIAL_SKIP,
    LEGAL,
    TRADE,
    acronym_letters,
    best_form,
    initials_variants,
    name_key,
    surface,
    titlecase_acronym,
)


def legal_forms(index: Index) -> None:
    """legal form — an organization with and without its legal form: "Apple Inc." / "Apple";
    descriptor — "S&P 500 Index" / "S&P 500";
    company name — a one-word name and that name with trade words: "Ford Motor Company" / "Ford"."""
    forms, gaz, key_set, weak, unions = index.forms, index.gaz, index.key_set, index.weak, index.unions
    for k in index.strong:
        toks = k.split()
        if len(toks) < 2 or k.startswith("@"):
            continue
        j = len(toks)
        while j > 1 and (toks[j - 1] in LEGAL or toks[j - 1] in DESCRIPTORS or toks[j - 1] == "&"):
            j -= 1
        if j < len(toks):
            base = " ".join(toks[:j])
            if base in key_set and base not in weak:
                if toks[-1] in DESCRIPTORS:
                    unions.join(base, k, "descriptor", f"{best_form(forms[k])} is {best_form(forms[base])} with the word {toks[-1]!r}")
                else:
                    unions.join(base, k, "legal form", f"{best_form(forms[k])} is {best_form(forms[base])} with its legal form")
                continue
        if all(t in TRADE for t in toks[1:]) and toks[0] in key_set and toks[0] not in weak \
                and index.votes[toks[0]]["person"] == 0 and toks[0] not in gaz.places and toks[0] not in index.places:
            unions.join(toks[0], k, "company name", f"{best_form(forms[k])} is {best_form(forms[toks[0]])} with trade words")


def acronyms(index: Index) -> None:
    """acronym — "Royal United Services Institute (RUSI)", "the Federal Emergency Management Agency,
    or F.E.M.A." define the acronym anywhere in the dossier; without a definition, an acronym whose
    letters are the initials of exactly one name in the same article ("GM", "General Motors"), or
    of the only such name in the dossier, for three letters or more (fuzzy): "USGS" / "U.S.
    Geological Survey", "Nafta" / "North American Free Trade Agreement" (an acronym written as a
    word, for a name of four words or more)."""
    forms, unions, gaz = index.forms, index.unions, index.gaz
    acr, worded = {}, {}
    for k in index.strong:
        a = acronym_letters(k, forms[k])
        if a and a not in acr:
            acr[a] = k
        elif a is None and titlecase_acronym(k, forms[k], gaz):
            worded[k] = k
    if not acr and not worded:
        return
    by_initials = defaultdict(set)
    for k in index.strong:
        if " " in k and not k.startswith("@") and k not in acr.values():
            significant = [t for t in k.split() if t not in INITIAL_SKIP]
            for ini in initials_variants(k):
                if ini in acr and len(ini.split()[0]) >= 2:
                    by_initials[acr[ini]].add(k)
                elif ini in worded and len(significant) >= 4:
                    by_initials[ini].add(k)
    # Defined: "Name (ACR)" anywhere.
    done = set()
    for ini, ks in sorted(by_initials.items()):
        for k in sorted(ks):
            for m in index.mentions_of[k]:
                defined = acronym_after(index.articles[m.article].text, m.end) if m.article in index.articles else None
                if defined and name_key(defined) == ini.split()[0]:
                    if unions.join(k, ini, "acronym", f"defined as {surface(m.text)} ({defined}) in {m.article}"):
                        done.add(ini)
                    break
    # Initials of exactly one name in an article where both appear.
    for ini, ks in sorted(by_initials.items()):
        if ini in done:
            continue
        candidates = set()
        for a in {m.article for m in index.mentions_of[ini]}:
            here = [k for k in ks if k in index.keys_in_article[a]]
            if len(here) == 1:
                candidates.add(here[0])
            elif len(here) > 1:
                candidates.add(None)
        letters = len(ini.replace("&", "").split()[0])
        if len(candidates) == 1 and None not in candidates and ini not in worded:
            k = candidates.pop()
            unions.join(k, ini, "acronym", f"{best_form(forms[ini])} is the initials of {best_form(forms[k])}, named in the same article")
        elif not candidates and len(ks) == 1 and letters >= 3:
            k = next(iter(ks))
            unions.join(k, ini, "acronym", f"{best_form(forms[ini])} is the initials of {best_form(forms[k])}, "
                        "the only such name in the dossier; never in the same article", True)


_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBERED = re.compile(r"(\d{1,2})([a-z]+)")


def _spelled(n: int) -> list[str]:
    """1 to 99 in words: 76 -> ["seventy", "six"]."""
    if n < 20:
        return [_UNITS[n]]
    return [_TENS[n // 10]] + ([_UNITS[n % 10]] if n % 10 else [])


def spelled_numbers(index: Index) -> None:
    """number spelled — a team or group named with a number in figures is the same name spelled
    out, or its last part, with or without the city before it: "Philadelphia 76ers" / "Sixers" /
    "Seventy-Sixers", "San Francisco 49ers" / "Niners"."""
    forms = index.forms
    for k in index.strong:
        toks = k.split()
        for n, tok in enumerate(toks):
            m = _NUMBERED.fullmatch(tok)
            if not m:
                continue
            words = _spelled(int(m.group(1)))
            tail = words[-1] + (m.group(2)[1:] if words[-1].endswith("e") and m.group(2).startswith("e") else m.group(2))
            for spelled in (" ".join(words[:-1] + [tail]), tail):
                others = {" ".join(toks[:n] + [spelled] + toks[n + 1:])}
                if n == len(toks) - 1:
                    others.add(spelled)  # "Philadelphia 76ers" / "the Sixers"
                for other in sorted(others):
                    if other == k or other not in index.key_set or other in index.weak:
                        continue
                    index.unions.join(k, other, "number spelled",
                                      f"{best_form(forms[other])} is {best_form(forms[k])} with the number in words")


def short_forms(index: Index) -> None:
    """short form — the first word of an organization's name ("Northrop" for "Northrop Grumman")
    in an article that names it in full, when that word is never used alone elsewhere."""
    clusters, gaz = index.clusters, index.gaz
    for i, m, k, r, ntok in clusters.open_mentions(index):
        if (ntok == 1 and k in clusters.org_prefix and clusters.ctype[r] != "person" and len(k) >= 3
                and k not in gaz.places and k not in index.places and k not in gaz.demonyms and gaz.word_zipf(k) < 5.0):
            if all(any(x in index.keys_in_article[a] for x in _prefixed_keys(k, index.keys_in_article[a]))
                   for a in index.articles_of[k]):
                here = {c for c in clusters.org_prefix[k] if m.article in clusters.root_articles[c] and c != r}
                if len(here) == 1:
                    c = here.pop()
                    if index.unions.can_union(c, k):
                        index.placed[i] = Placement(c, "short form", f"{m.text} for the name in full in {m.article}", False)
        index.settled.add(i)


def _prefixed_keys(k, keys_here):
    p = k + " "
    return [x for x in keys_here if x.startswith(p)]


def head_words(index: Index) -> None:
    """short form — a newspaper's or organization's head word with "the" ("the Times", "the Post",
    "the Journal") is the one organization named in full that ends in it: in the same article,
    else in the dossier (fuzzy). With two such ("New York Times", "Financial Times") it is left."""
    clusters = index.clusters
    by_head = defaultdict(set)
    for k in index.strong:
        toks = k.split()
        if len(toks) >= 2 and not k.startswith("@"):
            r = clusters.root_of[k]
            if clusters.ctype[r] == "organization":
                by_head[toks[-1]].add(r)
    for i, m, k, r, ntok in clusters.open_mentions(index):
        if ntok != 1 or k not in by_head or k not in ORG_SUFFIXES or clusters.ctype[r] == "person":
            continue
        text = index.articles[m.article].text if m.article in index.articles else ""
        if not (m.text[:4] in ("the ", "The ") or text[max(0, m.start - 4):m.start] in ("the ", "The ")):
            continue
        cands = by_head[k] - {r}
        here = {c for c in cands if m.article in clusters.root_articles[c]}
        pool = here or cands
        if len(pool) == 1:
            c = next(iter(pool))
            if index.unions.can_union(c, k):
                where = f"in {m.article}" if here else "in the dossier"
                index.placed[i] = Placement(c, "short form", f"{m.text} for the only organization named in full "
                                            f"with that word last {where}", not here)
        index.settled.add(i)
