"""Rules about organizations: legal forms, trade words, acronyms and short forms."""

from __future__ import annotations

from collections import defaultdict

from ..index import Index, Placement, acronym_after
from ..keys import DESCRIPTORS, LEGAL, TRADE, acronym_letters, best_form, initials, name_key, surface


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
    """acronym — "Royal United Services Institute (RUSI)" defines RUSI anywhere in the dossier;
    without a definition, an acronym whose letters are the initials of exactly one name in the
    same article ("GM", "General Motors"), or of the only such name in the dossier (fuzzy)."""
    forms, unions = index.forms, index.unions
    acr = {}
    for k in index.strong:
        a = acronym_letters(k, forms[k])
        if a and a not in acr:
            acr[a] = k
    if not acr:
        return
    by_initials = defaultdict(set)
    for k in index.strong:
        if " " in k and not k.startswith("@") and k not in acr.values():
            ini = initials(k)
            if ini in acr and len(ini.split()[0]) >= 2:
                by_initials[acr[ini]].add(k)
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
        if len(candidates) == 1 and None not in candidates:
            k = candidates.pop()
            unions.join(k, ini, "acronym", f"{best_form(forms[ini])} is the initials of {best_form(forms[k])}, named in the same article")
        elif not candidates and len(ks) == 1 and len(ini.replace("&", "")) >= 3:
            k = next(iter(ks))
            unions.join(k, ini, "acronym", f"{best_form(forms[ini])} is the initials of {best_form(forms[k])}, "
                        "the only such name in the dossier; never in the same article", True)


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
