"""From groups to entities: which mentions each entity has, its display name, type, aliases,
the merges that explain it, and its id.

Names that only start a sentence and are never confirmed elsewhere ("Congratulations") are
dropped. Ids are slugs of display names, unique, and depend only on the entity's own mentions.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from anyascii import anyascii

from ..model import Entity, Merge, Mention
from ..slugs import slugify
from .curation import EntityDecision
from .index import Index, type_vote
from .keys import canonical_place_names, name_key, place_index, surface


@dataclass(frozen=True)
class Draft:
    """An entity before its id: what `assign_ids` needs to choose one."""

    name: str
    type: str
    decision: EntityDecision | None  # what entities.yml says about it
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    shared: bool
    merges: tuple[Merge, ...]
    type_evidence: str = ""


def build_entities(index: Index, min_articles: int) -> list[Entity]:
    """The entities of the groups the rules made, sorted by id."""
    root_of = index.clusters.root_of
    groups: dict[str, list[int]] = defaultdict(list)
    for i in range(len(index.mentions)):
        if i in index.dropped or i not in index.key_of:
            continue
        if i in index.placed:
            groups[index.placed[i].root].append(i)
        else:
            groups[root_of[index.key_of[i]]].append(i)

    edges_by_key = defaultdict(list)
    for a, b, rule, detail, fuzzy in index.unions.edges:
        edges_by_key[a].append((b, rule, detail, fuzzy))
        edges_by_key[b].append((a, rule, detail, fuzzy))

    decision_for = {}
    for d in index.curation.decisions:
        for k in index.refs.keys_for(d.ref, d.id):
            decision_for.setdefault(root_of.get(k, k), d)

    drafts = []
    for r, idxs in groups.items():
        draft = _draft(index, idxs, decision_for.get(r), index.clusters.ctype.get(r, "other"), edges_by_key, min_articles)
        if draft is not None:
            drafts.append(draft)
    return assign_ids(drafts)


def _draft(index: Index, idxs: list[int], d: EntityDecision | None, t: str, edges_by_key, min_articles: int) -> Draft | None:
    ms = [index.mentions[i] for i in idxs]
    own_keys = {index.key_of[i] for i in idxs if i not in index.placed}
    if own_keys and all(k in index.weak for k in own_keys) and not any(i in index.placed for i in idxs):
        return None  # only unconfirmed sentence-initial words
    if d is not None and d.ignore:
        return None
    name = display_name(index, idxs, t)
    if d is not None and d.type:
        t = d.type
    if d is not None and d.name:
        name = d.name
    merges = explain_merges(index, name, idxs, edges_by_key)
    if d is not None and d.name:
        merges = [mg for mg in merges if mg.alias != name]
    aliases = sorted({surface(m.text) for m in ms} - {name})
    ms.sort(key=lambda m: (m.article, m.start))
    n_articles = len({m.article for m in ms})
    evidence = type_evidence(ms) if not (d is not None and d.type) else "curation: entities.yml"
    return Draft(name, t, d, tuple(aliases), tuple(ms), n_articles >= min_articles, tuple(merges), evidence)


def type_evidence(ms: list[Mention]) -> str:
    """The evidence for the entity's type, by type and kind: "person: title ×12, given name ×3"."""
    weight: Counter = Counter()
    count: dict[str, Counter] = defaultdict(Counter)
    for m in ms:
        t, w = type_vote(m)
        kind = m.evidence_kind or "no evidence"
        count[t][kind] += 1
        weight[t] += w
    parts = []
    for t in sorted(count, key=lambda t: (-weight[t], t)):
        kinds = ", ".join(f"{k} ×{n}" for k, n in sorted(count[t].items(), key=lambda x: (-x[1], x[0])))
        parts.append(f"{t}: {kinds}")
    return "; ".join(parts)


def display_name(index: Index, idxs: list[int], t: str) -> str:
    """The name an entity is shown by: a place's canonical name, a person's full name, a name
    rather than its acronym, else its most frequent form."""
    own = Counter()
    for i in idxs:
        if i in index.placed:
            continue
        k = index.key_of[i]
        if k.startswith("@"):
            continue
        own[surface(index.mentions[i].text)] += 1
    if not own:
        own = Counter(surface(index.mentions[i].text) for i in idxs)
    places = place_index(index.gaz)
    canon_names = canonical_place_names(index.gaz)
    for f in own:
        c = places.get(name_key(f))
        if c and name_key(f) == c and c in canon_names:
            return f
    candidates = own
    if t == "person":
        multi = Counter({f: n for f, n in own.items() if len(f.split()) >= 2})
        if multi:
            candidates = multi
    else:
        non_acr = Counter({f: n for f, n in own.items() if not f.replace(".", "").isupper()})
        if non_acr:
            candidates = non_acr
    # Prefer a form that is not all capitals when a mixed-case one is as frequent.
    return max(candidates.items(), key=lambda x: (x[1], not x[0].isupper(), len(x[0]), x[0]))[0]


def explain_merges(index: Index, name: str, idxs: list[int], edges_by_key) -> list[Merge]:
    """Why each other form of the entity is the entity: the rule that joined its key (walking the
    edges from the display name's key), the mention rule that placed it, or the same key."""
    name_k = name_key(name)
    out: dict[str, Merge] = {}
    # Rules that joined keys: walk the edges from the name's key.
    own_keys = {index.key_of[i] for i in idxs if i not in index.placed}
    reached = {}
    if name_k in own_keys:
        start = name_k
    else:
        start = min(own_keys) if own_keys else None
    if start is not None:
        reached[start] = None
        queue = [start]
        while queue:
            k = queue.pop()
            for other, rule, detail, fuzzy in edges_by_key.get(k, ()):
                if other not in reached:
                    reached[other] = (rule, detail, fuzzy)
                    queue.append(other)
    for i in idxs:
        m = index.mentions[i]
        alias = surface(m.text)
        if alias == name or alias in out:
            continue
        if i in index.placed:
            _, rule, detail, fuzzy = index.placed[i]
            out[alias] = Merge(alias, rule, detail, fuzzy)
            continue
        k = index.key_of[i]
        via = reached.get(k)
        if via:
            out[alias] = Merge(alias, via[0], via[1], via[2])
        elif k == start:
            if alias.casefold() == name.casefold():
                rule = "case"
            elif alias.replace(".", "") == name.replace(".", ""):
                rule = "abbreviation"
            else:
                rule = "exact"
            out[alias] = Merge(alias, rule, f"same name as {name} once case, accents and punctuation are ignored")
        else:
            out[alias] = Merge(alias, "curation", "joined by entities.yml")
    return sorted(out.values(), key=lambda mg: mg.alias)


def assign_ids(drafts: list[Draft]) -> list[Entity]:
    """Entities with unique ids: a pinned id as written, else the slug of the name; a slug two
    entities share takes the type, then a short hash of the first mention. Sorted by id."""
    taken: dict[str, int] = {}
    entities = []
    pinned = {}
    for draft in drafts:
        d = draft.decision
        if d is not None and d.id:
            pinned[id(draft)] = slugify(d.id) or "entity"
    base_ids = []
    for draft in drafts:
        base = pinned.get(id(draft)) or slugify(draft.name) or slugify(anyascii(draft.name)) or "entity"
        base_ids.append(base)
    counts = Counter(base_ids)
    used = set(pinned.values())
    for draft, base in zip(drafts, base_ids):
        eid = base
        if id(draft) not in pinned and (counts[base] > 1 or base in used and base not in pinned.values()):
            eid = f"{base}-{draft.type}"
        if eid in taken:
            first = draft.mentions[0]
            eid = f"{eid}-{hashlib.sha1((draft.name + '|' + first.article + '|' + str(first.start)).encode()).hexdigest()[:6]}"
        taken[eid] = 1
        d = draft.decision
        entities.append(Entity(eid, draft.name, draft.type, draft.aliases, draft.mentions, draft.shared,
                               d.description if d is not None else None, draft.merges, draft.type_evidence))
    entities.sort(key=lambda e: e.id)
    return entities
