"""The index every resolution rule reads and adds to: the dossier's names by key.

`build_index` reads every mention once (with the names curation adds) and records, for each
key, its mentions, the articles it is in, the forms it is written in, the type votes of its
mentions and whether it is only an unconfirmed sentence-initial word (`weak`). The rules join
keys in `index.unions` (a union-find that records why each pair was joined and refuses pairs
that curation blocked) and, from `rules.mentions.group_clusters` on, place single mentions
(`placed`) or drop them (`dropped`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..model import ENTITY_TYPES, Article, Evidence, Mention
from ..recognize.gazetteer import Gazetteer, load
from ..unionfind import UnionFind
from .curated import RefIndex, add_curated, wanted_names
from .curation import Curation
from .keys import name_key, place_index, surface

if TYPE_CHECKING:
    from .rules.mentions import Clusters

# How much each kind of evidence weighs for a type, and for which type (None: the mention's own).
TYPE_WEIGHTS = {
    Evidence.TITLE: ("person", 3),
    Evidence.ROLE: ("person", 3),
    Evidence.GIVEN_NAME: ("person", 2),
    Evidence.NAME_PARTICLE: ("person", 2),
    Evidence.GAZETTEER: ("place", 3),
    Evidence.ORGANIZATION_WORD: ("organization", 2),
    Evidence.ACRONYM: ("organization", 1),
    Evidence.PARTY_MEMBERS: ("organization", 2),
    Evidence.LABEL: (None, 2),  # a trained model's label, such as the spaCy recognizer's
    Evidence.PLACE_WORD: ("place", 2),
    Evidence.NEWS_SOURCE: ("organization", 3),
    Evidence.CONTEXT: (None, 1),  # the words around the name: the mention's own type
}


def type_vote(m: Mention) -> tuple[str, int]:
    """The type a mention votes for and the weight of its vote, by the kind of its evidence."""
    if m.evidence_kind == Evidence.CURATION:
        return m.type, (5 if m.type != "other" else 0)
    t, w = TYPE_WEIGHTS.get(m.evidence_kind, (None, 0))
    return (t or m.type), w


def pick_type(votes: Counter) -> str:
    """The type with the most weight; ties go to the first of ENTITY_TYPES."""
    best = [(w, t) for t, w in votes.items() if w > 0 and t in ENTITY_TYPES]
    if not best:
        return "other"
    best.sort(key=lambda x: (-x[0], ENTITY_TYPES.index(x[1])))
    return best[0][1]


class Edge(NamedTuple):
    """Why two keys were joined: shown to people as a `Merge`."""

    a: str
    b: str
    rule: str
    detail: str
    fuzzy: bool


class KeyUnions(UnionFind[str]):
    """Union-find over keys, with blocked pairs and the edges that explain each union."""

    def __init__(self, keys):
        super().__init__(keys)
        self.blocked: set[frozenset] = set()
        self.edges: list[Edge] = []

    def can_union(self, a, b) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.blocked:
            return True
        for x in self.members[ra]:
            for y in self.members[rb]:
                if frozenset((x, y)) in self.blocked:
                    return False
        return True

    def join(self, a, b, rule, detail, fuzzy=False) -> bool:
        """Join the keys' groups for `rule`, unless they are one already or curation blocks it."""
        if not self.can_union(a, b) or not self.union(a, b):
            return False
        self.edges.append(Edge(a, b, rule, detail, fuzzy))
        return True


class Placement(NamedTuple):
    """A single mention placed in another group than its key's, by a mention rule."""

    root: str
    rule: str
    detail: str
    fuzzy: bool


@dataclass
class Index:
    gaz: Gazetteer
    curation: Curation
    articles: dict[str, Article]  # by id
    mentions: list[Mention]  # all of them, by (article, start, end); rules name them by position
    key_of: dict[int, str]  # mention position → key (none for a name with an empty key)
    mentions_of: dict[str, list[Mention]]  # key → its mentions
    keys: list[str]  # sorted
    key_set: set[str]
    articles_of: dict[str, set[str]]  # key → ids of the articles it is in
    forms: dict[str, Counter]  # key → how often each form ("the U.S.", "US") is written
    weak: set[str]  # keys only ever seen as unconfirmed sentence-initial words
    strong: list[str]  # the other keys, sorted: the only ones most rules join
    votes: dict[str, Counter]  # key → type → weight of the evidence
    keys_in_article: dict[str, set[str]]  # article id → its keys
    places: dict[str, str]  # place alias key → canonical place key (`keys.place_index`)
    refs: RefIndex  # the keys a curation entry names
    unions: KeyUnions
    # Filled from `rules.mentions.group_clusters` on, for the rules that place single mentions.
    clusters: Clusters | None = None
    placed: dict[int, Placement] = field(default_factory=dict)
    dropped: set[int] = field(default_factory=set)
    settled: set[int] = field(default_factory=set)  # mentions a mention rule has decided


def build_index(articles: list[Article], mentions: dict[str, list[Mention]], curation: Curation) -> Index:
    """Every mention (with the names curation adds) by key, and what is known of each key."""
    gaz = load()
    by_id = {a.id: a for a in articles}
    wanted = wanted_names(curation)
    known = set()
    if wanted:
        known = {name_key(m.text) for ms in mentions.values() for m in ms}
    all_mentions: list[Mention] = []
    for a in articles:
        ms = list(mentions.get(a.id, ()))
        if wanted:
            ms = add_curated(a, ms, wanted, known)
        all_mentions.extend(ms)
    all_mentions.sort(key=lambda m: (m.article, m.start, m.end))  # the same result whatever the input order

    key_of: dict[int, str] = {}
    mentions_of: dict[str, list[Mention]] = defaultdict(list)
    for i, m in enumerate(all_mentions):
        k = name_key(m.text)
        if not k:
            continue
        key_of[i] = k
        mentions_of[k].append(m)
    keys = sorted(mentions_of)
    articles_of = {k: {m.article for m in ms} for k, ms in mentions_of.items()}
    forms = {k: Counter(surface(m.text) for m in ms) for k, ms in mentions_of.items()}
    weak = {k for k, ms in mentions_of.items() if all(m.unconfirmed for m in ms)}
    votes: dict[str, Counter] = {}
    for k, ms in mentions_of.items():
        c = Counter()
        for m in ms:
            t, w = type_vote(m)
            c[t] += w
        votes[k] = c
    keys_in_article: dict[str, set[str]] = defaultdict(set)
    for k, arts in articles_of.items():
        for a in arts:
            keys_in_article[a].add(k)
    return Index(
        gaz=gaz, curation=curation, articles=by_id, mentions=all_mentions, key_of=key_of, mentions_of=mentions_of,
        keys=keys, key_set=set(keys), articles_of=articles_of, forms=forms, weak=weak,
        strong=[k for k in keys if k not in weak], votes=votes, keys_in_article=keys_in_article,
        places=place_index(gaz), refs=RefIndex(keys, forms), unions=KeyUnions(keys))


ACRONYM_TAIL = 80  # characters after a name where "(ACR)" may define its acronym
_DEFINED_ACRONYM = re.compile(
    r"\s?\((?:or |known as )?(?:the )?([A-Z][A-Z.&]+)\)"
    r"|,? (?:or|known as) (?:the )?([A-Z](?:[A-Z&]|\.(?=[A-Z]))+\.?)(?=[\s,;:)]|\.(?:\s|$))")


def acronym_after(text: str, end: int) -> str | None:
    """The acronym a name defines right after itself: "Federal Aviation Administration (FAA)",
    "the Federal Emergency Management Agency, or F.E.M.A.", "(known as ICE)"."""
    found = _DEFINED_ACRONYM.match(text, end, end + ACRONYM_TAIL)
    return (found.group(1) or found.group(2)) if found else None


def is_personish(index: Index, k: str) -> bool:
    """A person by its votes, or a name that starts with a given name and has no other votes."""
    v = index.votes[k]
    if v["person"] > 0:
        return True
    return k.split()[0] in index.gaz.given_names and v["organization"] == 0 and v["place"] == 0


def person_keys(index: Index) -> list[str]:
    """Keys of two words or more that name people, by their votes so far."""
    return [k for k in index.strong if not k.startswith("@") and len(k.split()) >= 2 and is_personish(index, k)]


def starts_with_other_name(index: Index, toks: list[str]) -> bool:
    """ "Newsweek Biden": the first word is a name of its own in the dossier, not a given name."""
    first = toks[0]
    return first in index.key_set and first not in index.weak and first not in index.gaz.given_names
