"""Rules about people: handles, spellings of given names, and surnames, family names and given
names written alone."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from ...model import Evidence
from ..index import Index, Placement, person_keys, starts_with_other_name
from ..keys import best_form, fold_spelling


def titled_surnames(index: Index) -> None:
    """A full name is a person when its surname alone carries a title somewhere ("Mr. Musk"
    makes "Elon Musk" a person). Changes votes only; joins nothing."""
    votes = index.votes
    for k in index.strong:
        toks = k.split()
        if len(toks) >= 2 and not k.startswith("@") and not any(c.isdigit() for c in k):
            v = votes[k]
            if v["person"] == 0 and v["organization"] == 0 and v["place"] == 0 and votes.get(toks[-1], Counter())["person"] >= 3 \
                    and not starts_with_other_name(index, toks):
                v["person"] += 2


def handles(index: Index) -> None:
    """handle — "@JoeBiden" is "Joe Biden"; "@Kamalaharis" is close to "Kamala Harris" (fuzzy)."""
    forms, unions = index.forms, index.unions
    concat = defaultdict(list)
    for k in person_keys(index):
        concat[k.replace(" ", "")].append(k)
    for k in index.keys:
        if not k.startswith("@"):
            continue
        handle_form = next(iter(forms[k]))
        split = " ".join(re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+", handle_form[1:])).casefold()
        if split in index.key_set and split != k:
            unions.join(split, k, "handle", f"{handle_form} spells {best_form(forms[split])}")
            continue
        flat = k[1:].replace("_", "")
        if flat in concat and len(concat[flat]) == 1:
            unions.join(concat[flat][0], k, "handle", f"{handle_form} spells {best_form(forms[concat[flat][0]])}")
            continue
        if len(flat) >= 8:
            budget = 1 if len(flat) < 14 else 2
            close = [c for c in concat if abs(len(c) - len(flat)) <= budget and c[0] == flat[0]
                     and Levenshtein.distance(c, flat, score_cutoff=budget) <= budget]
            targets = {t for c in close for t in concat[c]}
            if len(targets) == 1:
                t = targets.pop()
                unions.join(t, k, "handle", f"{handle_form} is within {budget} edit(s) of {best_form(forms[t])}", True)


def transliterations(index: Index) -> None:
    """transliteration — two full names of people with the same surname whose given names are
    spelling variants ("Alexey"/"Alexei"); never when both spellings appear in one article (fuzzy)."""
    forms, articles_of = index.forms, index.articles_of
    by_surname = defaultdict(list)  # (surname, initials of the given names) -> keys
    for k in person_keys(index):
        toks = k.split()
        by_surname[(toks[-1], tuple(t[0] for t in toks[:-1]))].append(k)
    for surname, ks in by_surname.items():
        if len(ks) < 2:
            continue
        ks.sort()
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                ga, gb = a.split()[:-1], b.split()[:-1]
                if len(ga) != len(gb) or articles_of[a] & articles_of[b]:
                    continue
                if all(_spelling_variants(x, y) for x, y in zip(ga, gb)):
                    index.unions.join(a, b, "transliteration",
                                      f"{best_form(forms[b])} and {best_form(forms[a])}: same surname, given names are spelling variants", True)


def _spelling_variants(x: str, y: str) -> bool:
    """Two given names that are the same or spellings of one name ("alexey", "alexei")."""
    if x == y:
        return True
    if len(x) < 4 or len(y) < 4 or x[0] != y[0]:
        return False
    return fold_spelling(x) == fold_spelling(y) or ratio(x, y) >= 80


def surnames(index: Index) -> None:
    """surname — a surname alone ("Putin", "Lopez Obrador", "von der Leyen") is the one person of
    that surname in the same article, or else the only one in the dossier. When two full names
    share it (Bill and Hillary Clinton, Bill and Melinda French Gates), the mention is left out: a
    wrong link is worse than a missing one. A transliterated spelling of the surname ("Zelensky"
    for "Volodymyr Zelenskiy") is matched the same way (fuzzy)."""
    clusters, unions = index.clusters, index.unions
    for i, m, k, r, ntok in clusters.open_mentions(index):
        not_person = clusters.ctype[r] in ("place", "organization")
        cands = clusters.surname_candidates(k, r, ntok)
        if not cands:
            if ntok == 1 and len(k) >= 5 and not not_person:
                variants = clusters.folded_surname.get(fold_spelling(k), set()) - {r}
                if variants:
                    c, where = clusters.the_one(variants, m.article)
                    if c is not None and unions.can_union(c, k):
                        index.placed[i] = Placement(c, "surname", f"{m.text} is a spelling of the surname of the only such person {where}", True)
                    index.settled.add(i)
            continue
        if not_person and m.evidence_kind != Evidence.TITLE:
            continue
        here = {c for c in cands if m.article in clusters.root_articles[c]}
        if here:
            if len(here) == 1:
                c = here.pop()
                if unions.can_union(c, k):  # else blocked by curation: the name stays an entity of its own
                    index.placed[i] = Placement(c, "surname", f"the one person named {best_form(index.forms[k])} in {m.article}", False)
            else:
                index.dropped.add(i)
            index.settled.add(i)
        elif len(cands) == 1:
            c = next(iter(cands))
            if unions.can_union(c, k):
                index.placed[i] = Placement(c, "surname", f"the only person named {best_form(index.forms[k])} in the dossier", False)
                index.settled.add(i)
        else:
            index.dropped.add(i)
            index.settled.add(i)


def family_names(index: Index) -> None:
    """family name — a name written family name first: "Xi" is "Xi Jinping" when "Xi" is not a
    known given name and that is the only such person (fuzzy)."""
    clusters, gaz = index.clusters, index.gaz
    for i, m, k, r, ntok in clusters.open_mentions(index):
        if (ntok == 1 and k in clusters.family_first and k not in gaz.given_names and len(k) >= 2
                and clusters.ctype[r] not in ("place", "organization") and k not in clusters.full_person
                and k not in clusters.name_like):  # so no surname rule applied either
            c, where = clusters.the_one(clusters.family_first[k] - {r}, m.article)
            if c is not None:
                if index.unions.can_union(c, k):
                    index.placed[i] = Placement(c, "family name", f"{m.text} is the family name, written first, of the only such person {where}", True)
                index.settled.add(i)


def given_names(index: Index) -> None:
    """given name — a lone given name after a title ("Russian President Vladimir") is the one
    person of that given name in the article (fuzzy), else it is left out."""
    clusters = index.clusters
    for i, m, k, r, ntok in clusters.open_mentions(index):
        if ntok == 1 and k in index.gaz.given_names and m.evidence_kind == Evidence.TITLE:
            here = {c for c in clusters.given_index.get(k, ()) if m.article in clusters.root_articles[c] and c != r}
            if len(here) == 1:
                c = here.pop()
                if index.unions.can_union(c, k):
                    index.placed[i] = Placement(c, "given name", f"the one person with given name {m.text} in {m.article}", True)
            else:
                index.dropped.add(i)
            index.settled.add(i)
