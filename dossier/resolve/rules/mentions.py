"""The groups the key rules made, as the rules that place single mentions read them.

After the key rules, `group_clusters` records each key's group (its root), the group's type and
articles, and indexes the groups' people by surname, given name and family name, and the
organizations by their first word. The mention rules then look at each mention of one or two
words (or a name with a particle, "von der Leyen") that is not already part of a longer name's
group, in order, and place it in another group, drop it, or leave it; the first rule that
decides a mention settles it for the rules after.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterator

from ...model import Mention
from ...recognize.gazetteer import ORG_SUFFIXES, PARTICLES
from ..index import Index, person_keys, pick_type, starts_with_other_name
from ..keys import fold_spelling
from ..names import KOREAN


@dataclass(frozen=True)
class Clusters:
    root_of: dict[str, str]  # key → the root of its group
    members: dict[str, set[str]]  # root → the keys of its group
    ctype: dict[str, str]  # root → the group's type, by the votes of all its keys
    root_articles: dict[str, set[str]]  # root → ids of the articles its keys are in
    full_person: dict[str, set[str]]  # surname (last 1-2 words, or from a particle) → roots of people
    given_index: dict[str, set[str]]  # first word → roots of people
    folded_surname: dict[str, set[str]]  # spelling fold of a surname ("zelenski") → roots of people
    name_like: dict[str, set[str]]  # last word of any full name not an organization or place → roots
    family_first: dict[str, set[str]]  # first word of a person's name, not a given name ("xi") → roots
    org_prefix: dict[str, set[str]]  # first word of a name that is not a person's → roots
    candidates: tuple[tuple[int, str, str, int], ...]  # (mention position, key, root, words) the mention rules read

    def open_mentions(self, index: Index) -> Iterator[tuple[int, Mention, str, str, int]]:
        """(position, mention, key, root, number of words) of each mention no rule has settled yet."""
        for i, k, r, ntok in self.candidates:
            if i not in index.settled:
                yield i, index.mentions[i], k, r, ntok

    def the_one(self, candidates: set[str], article: str) -> tuple[str | None, str]:
        """The one candidate named in this article, else the one in the dossier; and where it is."""
        here = {c for c in candidates if article in self.root_articles[c]}
        pool = here or candidates
        if len(pool) != 1:
            return None, ""
        return next(iter(pool)), f"in {article}" if here else "in the dossier"

    def surname_candidates(self, k: str, r: str, ntok: int) -> set[str]:
        """The other people whose surname is `k` (for one word: and other full names ending in it)."""
        cands = self.full_person.get(k, set()) - {r}
        if cands and ntok == 1:
            cands = cands | (self.name_like.get(k, set()) - {r})
        return cands


def group_clusters(index: Index) -> None:
    """Record the groups of the key rules for the mention rules (see the module docstring)."""
    gaz, keys, votes = index.gaz, index.keys, index.votes
    root_of = {k: index.unions.find(k) for k in keys}
    members: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        members[root_of[k]].add(k)
    cluster_votes: dict[str, Counter] = defaultdict(Counter)
    for k in keys:
        cluster_votes[root_of[k]].update(votes[k])
    ctype = {r: pick_type(c) for r, c in cluster_votes.items()}
    full_person: dict[str, set[str]] = defaultdict(set)
    given_index: dict[str, set[str]] = defaultdict(set)
    folded_surname: dict[str, set[str]] = defaultdict(set)
    for k in person_keys(index):
        r = root_of[k]
        if ctype[r] != "person":
            continue
        toks = k.split()
        for n in range(1, len(toks)):
            if n <= 2 or toks[-n] in PARTICLES:  # "Navalny", "Lopez Obrador", "von der Leyen"
                full_person[" ".join(toks[-n:])].add(r)
        given_index[toks[0]].add(r)
        if len(toks) >= 2 and any(KOREAN.search(f) for f in index.forms[k]):
            full_person[toks[0]].add(r)  # "Kim Jong-un", "Moon Jae-in": the family name comes first
        if len(toks[-1]) >= 5:
            folded_surname[fold_spelling(toks[-1])].add(r)
    # Other full names that end in the same word, whatever their type ("Melinda French Gates" beside
    # "Bill Gates"): a surname shared with them is ambiguous.
    name_like: dict[str, set[str]] = defaultdict(set)
    family_first: dict[str, set[str]] = defaultdict(set)
    for k in index.strong:
        toks = k.split()
        if len(toks) < 2 or k.startswith("@") or any(c.isdigit() for c in k):
            continue
        if ctype[root_of[k]] in ("organization", "place") or toks[-1] in ORG_SUFFIXES:
            continue
        if ctype[root_of[k]] != "person" and (toks[0] in gaz.places or toks[0] in index.places or toks[0] in gaz.demonyms
                                              or starts_with_other_name(index, toks)):
            continue  # "U.S. Jobs", "Newsweek Biden" are not people named Jobs or Biden
        name_like[toks[-1]].add(root_of[k])
        if ctype[root_of[k]] == "person" and toks[0] not in gaz.given_names:
            family_first[toks[0]].add(root_of[k])
    root_articles: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        root_articles[root_of[k]] |= index.articles_of[k]
    org_prefix: dict[str, set[str]] = defaultdict(set)
    for k in index.strong:
        toks = k.split()
        if len(toks) >= 2 and not any(c.isdigit() for c in k) and ctype[root_of[k]] != "person":
            org_prefix[toks[0]].add(root_of[k])
    index.clusters = Clusters(root_of, members, ctype, root_articles, full_person, given_index, folded_surname,
                              name_like, family_first, org_prefix, _candidates(index, root_of, members))


def _candidates(index: Index, root_of, members) -> tuple[tuple[int, str, str, int], ...]:
    """The mentions the mention rules look at: one or two words (or a name with a particle first),
    not in a group that holds a longer name. A mention without a key is dropped here."""
    longest = {r: max((x.count(" ") + 1 for x in ks if not x.startswith("@")), default=1) for r, ks in members.items()}
    found = []
    for i in range(len(index.mentions)):
        k = index.key_of.get(i)
        if k is None:
            index.dropped.add(i)
            continue
        r = root_of[k]
        ntok = k.count(" ") + 1
        if longest[r] > ntok:
            continue  # already part of a longer name's entity
        if k.startswith("@") or (ntok > 2 and k.split()[0] not in PARTICLES):
            continue
        found.append((i, k, r, ntok))
    return tuple(found)
