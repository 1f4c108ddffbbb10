"""Rules about numbered and longer names: model numbers, plurals and a name's one longer form."""

from __future__ import annotations

from collections import defaultdict

from ..index import Index
from ..keys import best_form


def model_numbers(index: Index) -> None:
    """plural — "777s" is "777"; model number — "787" alone is "Boeing 787" when that is the only
    model of the number in the dossier (fuzzy)."""
    forms, key_set, weak, unions = index.forms, index.key_set, index.weak, index.unions
    by_number = defaultdict(set)
    for k in index.strong:
        toks = k.split()
        last = toks[-1]
        if any(c.isdigit() for c in last):
            by_number[last].add(k)
    for k in index.strong:
        if k.endswith("s") and k[-2:-1].isdigit() and k[:-1] in key_set and k[:-1] not in weak:
            unions.join(k[:-1], k, "plural", f"{best_form(forms[k])} is the plural of {best_form(forms[k[:-1]])}")
    for number, ks in by_number.items():
        if number not in ks:
            continue
        longer = [k for k in ks if k != number and k.endswith(" " + number)]
        roots = {unions.find(k) for k in longer}
        if len(roots) == 1:
            target = sorted(longer)[0]
            unions.join(target, number, "model number",
                        f"{best_form(forms[number])} alone is the only model of that number in the dossier, {best_form(forms[target])}", True)


def _extension_ok(extra: list[str], head: str, acronyms: set[str]) -> bool:
    """Words that can follow a name in its longer form: words without digits ("Industrial
    Average"), or one index number after an acronym ("FTSE 100"), never a flight or version."""
    if not any(c.isdigit() for t in extra for c in t):
        return True
    return len(extra) == 1 and extra[0].isdigit() and len(extra[0]) >= 2 \
        and " " not in head and head in acronyms


MAX_HEAD_WORDS = 8  # a name's shorter form is at most this many of its first words (time stays linear)


def longer_forms(index: Index) -> None:
    """longer form — a name and its one longer form that starts with it, written with a space,
    found in two or more articles and together with the short one at least once, when the short
    name has no other long form: "Nasdaq" / "Nasdaq Composite" (fuzzy)."""
    forms, articles_of, votes, gaz, unions = index.forms, index.articles_of, index.votes, index.gaz, index.unions
    strong = index.strong
    extensions = defaultdict(set)
    strong_set = set(strong)
    acronyms = {k for k in strong if " " not in k and any(f.isupper() for f in forms[k])}
    for k in strong:
        toks = k.split()
        if k.startswith("@"):
            continue
        for n in range(1, min(len(toks), MAX_HEAD_WORDS + 1)):
            head = " ".join(toks[:n])
            if head in strong_set:
                extensions[head].add(k)
    for head, longer in sorted(extensions.items()):
        if head in gaz.places or head in index.places or head in gaz.demonyms or votes[head]["person"] > 0:
            continue
        if (gaz.word_zipf(head) >= 5.0 or len(head) < 3) and " " not in head:
            continue
        n_head = len(head.split())
        longer = {k for k in longer if _extension_ok(k.split()[n_head:], head, acronyms)}
        if not longer:
            continue
        root = unions.find(head)
        if any(unions.find(k) == root for k in longer):
            continue  # the short name already has a long form of its own ("Apple", "Apple Computer")
        roots = {unions.find(k) for k in longer}
        if len(roots) != 1:
            continue
        target = sorted(longer)[0]
        together = set()
        for x in unions.group(target):
            together |= articles_of[x]
        if not articles_of[head] & together or len(together) < 2:
            continue  # the longer form must be established: in two articles, one of them with the short one
        if not any(f.casefold().startswith(best_form(forms[head]).casefold() + " ") for k in longer for f in forms[k]):
            continue  # "CNN-Bellingcat" is not a longer name of CNN
        if any(votes[k]["person"] > 0 or any(t in gaz.given_names for t in k.split()[len(head.split()):]) for k in longer):
            continue
        unions.join(target, head, "longer form",
                    f"{best_form(forms[head])} is the start of {best_form(forms[target])}, its only longer form in the dossier, "
                    "and they appear together", True)
