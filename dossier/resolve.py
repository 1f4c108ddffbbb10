"""Group the names found in every article into the dossier's entities, with reasons.

`resolve(articles, mentions, curation)` returns one `Entity` per real-world thing. Names are
compared by a *key*: the name without a leading "the", a possessive "'s", dots, hyphens, case and
accents ("the U.S.'s" → "us"). Mentions with the same key are one entity unless curation says
otherwise. Different keys are merged only by these rules, each recorded as a `Merge` with the rule
and the evidence, so that a person can check it (`fuzzy=True` marks those resting on an
approximate match, listed for review by `dossier entities`):

* place alias — the same place in the gazetteer: "US", "U.S.", "USA", "United States".
* legal form — an organization with and without its legal form: "Apple Inc." / "Apple".
* company name — a one-word name and that name with trade words: "Ford Motor Company" / "Ford".
* acronym — "Royal United Services Institute (RUSI)" defines RUSI anywhere in the dossier;
  without a definition, an acronym whose letters are the initials of exactly one name in the same
  article ("GM", "General Motors").
* handle — "@JoeBiden" is "Joe Biden"; "@Kamalaharis" is close to "Kamala Harris" (fuzzy).
* transliteration — two full names of people with the same surname whose given names are
  spelling variants ("Alexey"/"Alexei"); never when both spellings appear in one article (fuzzy).
* fuzzy — a misspelling: same first letter, same number of words, no digits, within an edit budget
  that grows with length (none below 6 letters), never between two gazetteer places and never
  when both spellings appear in one article (fuzzy).
* surname — a surname alone ("Putin", "Lopez Obrador", "von der Leyen") is the one person of that
  surname in the same article, or else the only one in the dossier. When two full names share it
  (Bill and Hillary Clinton, Bill and Melinda French Gates), the mention is left out: a wrong link
  is worse than a missing one. A transliterated spelling of the surname ("Zelensky" for
  "Volodymyr Zelenskiy") is matched the same way (fuzzy). A full name is a person when its surname
  alone carries a title somewhere ("Mr. Musk" makes "Elon Musk" a person).
* family name — a name written family name first: "Xi" is "Xi Jinping" when "Xi" is not a known
  given name and that is the only such person (fuzzy).
* given name — a lone given name after a title ("Russian President Vladimir") is the one person
  of that given name in the article (fuzzy), else it is left out.
* short form — the first word of an organization's name ("Northrop" for "Northrop Grumman") in an
  article that names it in full, when that word is never used alone elsewhere.
* qualifier — a name with a place or demonym before it, when that is its only such form:
  "the French CAC 40" / "CAC 40" (fuzzy when the two never appear in one article).
* government — "US Government" is the United States.
* descriptor — "S&P 500 Index" / "S&P 500".
* word order — the same words in another order: "iPhone 3G" / "3G iPhone", "US Labor Department" /
  "U.S. Department of Labor" (fuzzy).
* model number, plural — "787" alone is "Boeing 787" when that is the only model of the number in
  the dossier (fuzzy); "777s" is "777".
* longer form — a name and its one longer form that starts with it, written with a space, found in
  two or more articles and together with the short one at least once, when the short name has no
  other long form: "Nasdaq" / "Nasdaq Composite" (fuzzy).
* curation — decided in `entities.yml` (see `dossier.curation`).

Names that only start a sentence and are never confirmed elsewhere ("Congratulations") are
dropped. Ids are slugs of display names, unique, and depend only on the entity's own mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from .cache import fingerprint
from .curation import Curation
from .recognize.gazetteer import LEGAL_SUFFIXES, ORG_SUFFIXES, PARTICLES as _PARTICLES, TRADE_WORDS, load
from .model import ENTITY_TYPES, Article, Entity, Evidence, Merge, Mention
from .slugs import slugify

_INITIAL_SKIP = {"of", "the", "and", "for", "&", "de", "du", "la", "le", "von", "van", "in", "on", "at", "to"}


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """The comparison key of a name: "The U.S.'s" → "us", "Putin’s" → "putin"."""
    t = text.strip()
    if t[:4] in ("the ", "The ", "THE "):
        t = t[4:]
    if t.endswith(("'s", "’s", "'S", "’S")):
        t = t[:-2]
    t = t.rstrip("'’")
    handle = t.startswith("@")
    t = anyascii(t).casefold().replace(".", "").replace("’", "'")
    t = re.sub(r"[\s\-]+", " ", t).strip()
    return t if not handle else "@" + t[1:].strip()


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    """A spelling fold for transliterated given names: Alexey, Alexei, Aleksei → aleksi."""
    w = anyascii(word).casefold()
    w = w.replace("x", "ks").replace("kh", "h").replace("ph", "f").replace("w", "v").replace("y", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"(ei|ey|ij|ii|iy)$", "i", w)
    w = w.replace("ie", "i").replace("ei", "i")
    return w


def _surface(text: str) -> str:
    """The name as shown: without a leading "the" and a possessive."""
    t = text
    if t[:4] in ("the ", "The ", "THE "):
        t = t[4:]
    if t.endswith(("'s", "’s", "'S", "’S")):
        t = t[:-2]
    return t


class _Keys:
    """Union-find over keys, with blocked pairs and the edges that explain each union."""

    def __init__(self, keys):
        self.parent = {k: k for k in keys}
        self.members = {k: {k} for k in keys}
        self.blocked: set[frozenset] = set()
        self.edges: list[tuple[str, str, str, str, bool]] = []

    def find(self, k):
        p = self.parent
        while p[k] != k:
            p[k] = p[p[k]]
            k = p[k]
        return k

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

    def union(self, a, b, rule, detail, fuzzy=False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.can_union(a, b):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.edges.append((a, b, rule, detail, fuzzy))
        return True


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
}


def _type_votes(m: Mention) -> tuple[str, int]:
    if m.evidence_kind == Evidence.CURATION:
        return m.type, (5 if m.type != "other" else 0)
    t, w = TYPE_WEIGHTS.get(m.evidence_kind, (None, 0))
    return (t or m.type), w


ACRONYM_TAIL = 80  # characters after a name where "(ACR)" may define its acronym
_DEFINED_ACRONYM = re.compile(r"\s?\(([A-Z][A-Z.&]+)\)")


def _acronym_after(text: str, end: int) -> str | None:
    """The acronym a name defines right after itself: "Federal Aviation Administration (FAA)"."""
    found = _DEFINED_ACRONYM.match(text, end, end + ACRONYM_TAIL)
    return found.group(1) if found else None


def reading(article: Article, ordered: list[Mention], curated: bool) -> tuple:
    """What `resolve` reads of one article, without the offsets: for each of its mentions, in
    text order, the text, type and evidence, and the acronym it defines in parentheses right after
    it, if any. Articles whose readings did not change resolve to the same entities (see
    `resolve_reusing`). With curated names, the whole text is read (they are searched for in it)."""
    text = article.text
    if curated:
        return article.id, text, tuple((m.start, m.end, m.text, m.type, m.evidence, m.evidence_kind, m.unconfirmed)
                                       for m in ordered)
    return article.id, tuple((m.text, m.type, m.evidence, m.evidence_kind, m.unconfirmed, _acronym_after(text, m.end))
                             for m in ordered)


def resolve_reusing(articles: list[Article], mentions: dict[str, list[Mention]], curation: Curation | None,
                    min_articles: int, cache) -> list[Entity]:
    """`resolve`, or the entities of an earlier build whose articles read the same to it.

    An edit that moves names without changing them (a word added, a typo fixed) changes only
    where the mentions stand: the earlier entities are kept, with those articles' mentions
    replaced by their new positions. The result is the one `resolve` would give."""
    curation = curation or Curation()
    curated = any(not d.ignore for d in curation.decisions)
    ordered = {a.id: sorted(mentions.get(a.id, ()), key=lambda m: (m.start, m.end)) for a in articles}
    key = fingerprint(curation, min_articles, sorted(reading(a, ordered[a.id], curated) for a in articles))
    earlier = cache.get(key) if cache is not None else None
    entities = _moved(*earlier, ordered) if earlier is not None else None
    if entities is None:
        entities = resolve(articles, mentions, curation, min_articles)
    if cache is not None:
        cache.put(key, (entities, ordered))
    return entities


def _moved(old_entities: list[Entity], old_mentions: dict[str, list[Mention]],
           now: dict[str, list[Mention]]) -> list[Entity] | None:
    """The earlier entities with each mention replaced by the one at its place in the new
    readings; None when one cannot be placed (the earlier result is then not used)."""
    moved: dict[int, Mention] = {}
    changed: set[str] = set()
    for article_id, mentions in now.items():
        before = old_mentions.get(article_id)
        if before is None or len(before) != len(mentions):
            return None
        if before != mentions:
            changed.add(article_id)
            moved.update((id(old), new) for old, new in zip(before, mentions))
    entities = []
    for entity in old_entities:
        if not any(m.article in changed for m in entity.mentions):
            entities.append(entity)
            continue
        if not all(id(m) in moved for m in entity.mentions if m.article in changed):
            return None
        entities.append(replace(entity, mentions=tuple(moved.get(id(m), m) for m in entity.mentions)))
    return entities


def resolve(articles: list[Article], mentions: dict[str, list[Mention]], curation: Curation | None = None,
            min_articles: int = 2) -> list[Entity]:
    """The dossier's entities, sorted by id. See the module docstring for the rules."""
    gaz = load()
    curation = curation or Curation()
    by_id = {a.id: a for a in articles}
    decisions = curation.decisions

    # Curated names are found by exact match in the texts.
    wanted: dict[str, tuple[str, str | None]] = {}
    for d in decisions:
        if d.ignore:
            continue
        for n in (d.ref, *d.aliases):
            wanted.setdefault(n, (d.ref, d.type))
    removed = {name_key(a) for d in decisions for a in d.remove_aliases}
    known = set()
    if wanted:
        known = {name_key(m.text) for ms in mentions.values() for m in ms}
    all_mentions: list[Mention] = []
    for a in articles:
        ms = list(mentions.get(a.id, ()))
        if wanted:
            ms = _add_curated(a, ms, wanted, known)
        all_mentions.extend(ms)
    all_mentions.sort(key=lambda m: (m.article, m.start, m.end))  # the same result whatever the input order

    # Keys and what is known about them.
    key_of: dict[int, str] = {}
    info_mentions: dict[str, list[Mention]] = defaultdict(list)
    for i, m in enumerate(all_mentions):
        k = name_key(m.text)
        if not k:
            continue
        key_of[i] = k
        info_mentions[k].append(m)
    keys = sorted(info_mentions)
    articles_of = {k: {m.article for m in ms} for k, ms in info_mentions.items()}
    forms = {k: Counter(_surface(m.text) for m in ms) for k, ms in info_mentions.items()}
    weak = {k for k, ms in info_mentions.items() if all(m.unconfirmed for m in ms)}
    votes: dict[str, Counter] = {}
    for k, ms in info_mentions.items():
        c = Counter()
        for m in ms:
            t, w = _type_votes(m)
            c[t] += w
        votes[k] = c
    by_article_keys: dict[str, set[str]] = defaultdict(set)
    for k, arts in articles_of.items():
        for a in arts:
            by_article_keys[a].add(k)

    uf = _Keys(keys)
    key_set = set(keys)

    # Curation: blocks first, so that no rule can undo them.
    ref_keys = _RefIndex(keys, forms)
    for d in decisions:
        own = ref_keys.keys_for(d.ref, d.id)
        for other in d.not_same_as:
            for x in own:
                for y in ref_keys.keys_for(other, None):
                    if x != y:
                        uf.blocked.add(frozenset((x, y)))
        for alias in d.remove_aliases:
            ak = name_key(alias)
            for x in own:
                if x != ak:
                    uf.blocked.add(frozenset((x, ak)))
    for d in decisions:
        own = sorted(ref_keys.keys_for(d.ref, d.id))
        if not own:
            continue
        for alias in d.aliases:
            ak = name_key(alias)
            if ak in key_set and ak not in removed:
                uf.union(own[0], ak, "curation", f"alias of {d.ref} in {curation.path or 'entities.yml'}")
        for other in d.same_as:
            for y in sorted(ref_keys.keys_for(other, None)):
                uf.union(own[0], y, "curation", f"'same as' in {curation.path or 'entities.yml'}")
        for x in own[1:]:
            uf.union(own[0], x, "curation", f"named {d.ref!r} in {curation.path or 'entities.yml'}")

    strong = [k for k in keys if k not in weak]

    # place alias
    canon: dict[str, list[str]] = defaultdict(list)
    for k in strong:
        c = _place_canon(k, gaz)
        if c:
            canon[c].append(k)
    for c, ks in canon.items():
        ks.sort(key=lambda k: (k != c, k))
        for k in ks[1:]:
            uf.union(ks[0], k, "place alias", f"{_best_form(forms[k])} and {_best_form(forms[ks[0]])} name the same place")

    # place alias at the start of a longer name: "US Air Force" / "United States Air Force"
    pidx = _place_index(gaz)
    by_canon = defaultdict(list)
    for k in strong:
        toks = k.split()
        if len(toks) < 2 or k.startswith("@"):
            continue
        for n in range(min(4, len(toks) - 1), 0, -1):
            head = " ".join(toks[:n])
            if head in pidx:
                by_canon[pidx[head] + " " + " ".join(toks[n:])].append(k)
                break
    for c, ks in by_canon.items():
        group = sorted(set(ks + ([c] if c in key_set and c not in weak else [])), key=lambda k: (k != c, k))
        for k in group[1:]:
            uf.union(group[0], k, "place alias", f"{_best_form(forms[k])} and {_best_form(forms[group[0]])} differ only in how the place is written")

    # qualifier: "the French CAC 40" / "CAC 40", "United States Air Force" / "Air Force"
    qualified = defaultdict(set)
    for k in strong:
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
            if rest in key_set and rest not in weak and rest not in gaz.places and rest not in pidx:
                qualified[rest].add(k)
    # "US Government" is the United States (as MEANTIME and most readers take it)
    for k in strong:
        toks = k.split()
        if len(toks) >= 2 and toks[-1] in _GOVERNMENT:
            place = " ".join(toks[:-1])
            target = pidx.get(place, place if place in gaz.places else None)
            if target and target in key_set and target not in weak:
                uf.union(target, k, "government", f"{_best_form(forms[k])} is the government of {_best_form(forms[target])}")
    for rest, ks in sorted(qualified.items()):
        roots = {uf.find(k) for k in ks}
        if len(roots) != 1:
            continue
        if votes[rest]["person"] > 0 or (" " not in rest and gaz.word_zipf(rest) >= 4.5 and not any(f.isupper() for f in forms[rest])):
            continue
        k = sorted(ks)[0]
        together = any(articles_of[x] & articles_of[rest] for x in ks)
        uf.union(k, rest, "qualifier", f"{_best_form(forms[rest])} is {_best_form(forms[k])} without the place before it"
                 + ("" if together else "; never in the same article"), not together)

    # legal form and company name
    for k in strong:
        toks = k.split()
        if len(toks) < 2 or k.startswith("@"):
            continue
        j = len(toks)
        while j > 1 and (toks[j - 1] in _LEGAL or toks[j - 1] in _DESCRIPTORS or toks[j - 1] == "&"):
            j -= 1
        if j < len(toks):
            base = " ".join(toks[:j])
            if base in key_set and base not in weak:
                if toks[-1] in _DESCRIPTORS:
                    uf.union(base, k, "descriptor", f"{_best_form(forms[k])} is {_best_form(forms[base])} with the word {toks[-1]!r}")
                else:
                    uf.union(base, k, "legal form", f"{_best_form(forms[k])} is {_best_form(forms[base])} with its legal form")
                continue
        if all(t in _TRADE for t in toks[1:]) and toks[0] in key_set and toks[0] not in weak \
                and votes[toks[0]]["person"] == 0 and toks[0] not in gaz.places and toks[0] not in pidx:
            uf.union(toks[0], k, "company name", f"{_best_form(forms[k])} is {_best_form(forms[toks[0]])} with trade words")

    # acronyms
    _acronyms(uf, strong, forms, info_mentions, by_id, by_article_keys, weak)

    # "Elon Musk" is a person when "Mr. Musk" is written somewhere
    for k in strong:
        toks = k.split()
        if len(toks) >= 2 and not k.startswith("@") and not any(c.isdigit() for c in k):
            v = votes[k]
            if v["person"] == 0 and v["organization"] == 0 and v["place"] == 0 and votes.get(toks[-1], Counter())["person"] >= 3 \
                    and not _starts_with_other_name(toks, key_set, weak, gaz):
                v["person"] += 2

    # handles
    person_keys = [k for k in strong if not k.startswith("@") and len(k.split()) >= 2 and _is_personish(k, votes, gaz)]
    concat = defaultdict(list)
    for k in person_keys:
        concat[k.replace(" ", "")].append(k)
    for k in keys:
        if not k.startswith("@"):
            continue
        handle_form = next(iter(forms[k]))
        split = " ".join(re.findall(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|\d+", handle_form[1:])).casefold()
        if split in key_set and split != k:
            uf.union(split, k, "handle", f"{handle_form} spells {_best_form(forms[split])}")
            continue
        flat = k[1:].replace("_", "")
        if flat in concat and len(concat[flat]) == 1:
            uf.union(concat[flat][0], k, "handle", f"{handle_form} spells {_best_form(forms[concat[flat][0]])}")
            continue
        if len(flat) >= 8:
            budget = 1 if len(flat) < 14 else 2
            close = [c for c in concat if abs(len(c) - len(flat)) <= budget and c[0] == flat[0]
                     and Levenshtein.distance(c, flat, score_cutoff=budget) <= budget]
            targets = {t for c in close for t in concat[c]}
            if len(targets) == 1:
                t = targets.pop()
                uf.union(t, k, "handle", f"{handle_form} is within {budget} edit(s) of {_best_form(forms[t])}", True)

    # transliteration of people's given names
    by_surname = defaultdict(list)  # (surname, initials of the given names) -> keys
    for k in person_keys:
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
                same = True
                for x, y in zip(ga, gb):
                    if x == y:
                        continue
                    if len(x) < 4 or len(y) < 4 or x[0] != y[0]:
                        same = False
                        break
                    if _fold(x) != _fold(y) and ratio(x, y) < 80:
                        same = False
                        break
                if same:
                    uf.union(a, b, "transliteration",
                             f"{_best_form(forms[b])} and {_best_form(forms[a])}: same surname, given names are spelling variants", True)

    # word order: "iPhone 3G" / "3G iPhone", "US Labor Department" / "U.S. Department of Labor"
    by_words = defaultdict(list)
    for k in strong:
        toks = [t for t in k.split() if t not in ("of", "the", "for")]
        if len(toks) >= 2 and not k.startswith("@"):
            by_words[tuple(sorted(toks))].append(k)
    for words, ks in by_words.items():
        ks.sort()
        for k in ks[1:]:
            uf.union(ks[0], k, "word order", f"{_best_form(forms[k])} has the words of {_best_form(forms[ks[0]])} in another order", True)

    # misspellings
    _misspellings(uf, strong, forms, articles_of, votes, gaz)

    # model numbers and plurals: "787" / "Boeing 787", "777s" / "777"
    _models(uf, strong, key_set, weak, forms)

    # a name and its one longer form: "Dow Jones" / "Dow Jones Industrial Average"
    _longer_forms(uf, strong, forms, articles_of, votes, gaz, pidx)

    # Mention-level rules: surname, given name, short form.
    root_of = {k: uf.find(k) for k in keys}
    clusters: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        clusters[root_of[k]].add(k)
    cluster_votes: dict[str, Counter] = defaultdict(Counter)
    for k in keys:
        cluster_votes[root_of[k]].update(votes[k])
    ctype = {r: _pick_type(c) for r, c in cluster_votes.items()}
    full_person: dict[str, set[str]] = defaultdict(set)  # surname (1-2 final tokens) -> roots
    given_index: dict[str, set[str]] = defaultdict(set)
    folded_surname: dict[str, set[str]] = defaultdict(set)  # "zelenski" -> roots ("Zelenskiy")
    for k in person_keys:
        r = root_of[k]
        if ctype[r] != "person":
            continue
        toks = k.split()
        for n in range(1, len(toks)):
            if n <= 2 or toks[-n] in _PARTICLES:  # "Navalny", "Lopez Obrador", "von der Leyen"
                full_person[" ".join(toks[-n:])].add(r)
        given_index[toks[0]].add(r)
        if len(toks[-1]) >= 5:
            folded_surname[_fold(toks[-1])].add(r)
    # Other full names that end in the same word, whatever their type ("Melinda French Gates" beside
    # "Bill Gates"): a surname shared with them is ambiguous.
    name_like: dict[str, set[str]] = defaultdict(set)
    family_first: dict[str, set[str]] = defaultdict(set)  # "xi" -> roots of "Xi Jinping"
    for k in strong:
        toks = k.split()
        if len(toks) < 2 or k.startswith("@") or any(c.isdigit() for c in k):
            continue
        if ctype[root_of[k]] in ("organization", "place") or toks[-1] in ORG_SUFFIXES:
            continue
        if ctype[root_of[k]] != "person" and (toks[0] in gaz.places or toks[0] in pidx or toks[0] in gaz.demonyms
                                              or _starts_with_other_name(toks, key_set, weak, gaz)):
            continue  # "U.S. Jobs", "Newsweek Biden" are not people named Jobs or Biden
        name_like[toks[-1]].add(root_of[k])
        if ctype[root_of[k]] == "person" and toks[0] not in gaz.given_names:
            family_first[toks[0]].add(root_of[k])
    root_articles: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        root_articles[root_of[k]] |= articles_of[k]
    org_prefix: dict[str, set[str]] = defaultdict(set)
    for k in strong:
        toks = k.split()
        if len(toks) >= 2 and not any(c.isdigit() for c in k) and ctype[root_of[k]] != "person":
            org_prefix[toks[0]].add(root_of[k])

    longest = {r: max((x.count(" ") + 1 for x in ks if not x.startswith("@")), default=1) for r, ks in clusters.items()}
    assigned: dict[int, tuple[str, str, str, bool]] = {}  # mention index -> (root, rule, detail, fuzzy)
    dropped: set[int] = set()
    for i, m in enumerate(all_mentions):
        k = key_of.get(i)
        if k is None:
            dropped.add(i)
            continue
        r = root_of[k]
        ntok = k.count(" ") + 1
        if longest[r] > ntok:
            continue  # already part of a longer name's entity
        if k.startswith("@") or (ntok > 2 and k.split()[0] not in _PARTICLES):
            continue
        # surname
        cands = full_person.get(k, set()) - {r}
        if cands and ntok == 1:
            cands = cands | (name_like.get(k, set()) - {r})
        variant = False
        if not cands and ntok == 1 and len(k) >= 5 and ctype[r] not in ("place", "organization"):
            cands = folded_surname.get(_fold(k), set()) - {r}
            variant = bool(cands)
        if variant:
            c, where = _the_one(cands, m.article, root_articles)
            if c is not None and uf.can_union(c, k):
                assigned[i] = (c, "surname", f"{m.text} is a spelling of the surname of the only such person {where}", True)
            continue
        if cands and ctype[r] not in ("place", "organization") or (cands and m.evidence_kind == Evidence.TITLE):
            here = {c for c in cands if m.article in root_articles[c]}
            if here:
                if len(here) == 1:
                    c = here.pop()
                    if uf.can_union(c, k):
                        assigned[i] = (c, "surname", f"the one person named {_best_form(forms[k])} in {m.article}", False)
                    continue  # blocked by curation: the name stays an entity of its own
                dropped.add(i)
                continue
            if len(cands) == 1:
                c = next(iter(cands))
                if uf.can_union(c, k):
                    assigned[i] = (c, "surname", f"the only person named {_best_form(forms[k])} in the dossier", False)
                    continue
            else:
                dropped.add(i)
                continue
        # a family name written first ("Xi" for "Xi Jinping"), never a known given name
        if (ntok == 1 and not cands and k in family_first and k not in gaz.given_names and len(k) >= 2
                and ctype[r] not in ("place", "organization") and k not in full_person and k not in name_like):
            c, where = _the_one(family_first[k] - {r}, m.article, root_articles)
            if c is not None:
                if uf.can_union(c, k):
                    assigned[i] = (c, "family name", f"{m.text} is the family name, written first, of the only such person {where}", True)
                continue
        # a given name alone after a title
        if ntok == 1 and k in gaz.given_names and m.evidence_kind == Evidence.TITLE:
            here = {c for c in given_index.get(k, ()) if m.article in root_articles[c] and c != r}
            if len(here) == 1:
                c = here.pop()
                if uf.can_union(c, k):
                    assigned[i] = (c, "given name", f"the one person with given name {m.text} in {m.article}", True)
            else:
                dropped.add(i)
            continue
        # short form of an organization
        if (ntok == 1 and k in org_prefix and ctype[r] != "person" and len(k) >= 3 and k not in gaz.places
                and k not in pidx and k not in gaz.demonyms and gaz.word_zipf(k) < 5.0):
            if all(any(x in by_article_keys[a] for x in _prefixed_keys(k, by_article_keys[a])) for a in articles_of[k]):
                here = {c for c in org_prefix[k] if m.article in root_articles[c] and c != r}
                if len(here) == 1:
                    c = here.pop()
                    if uf.can_union(c, k):
                        assigned[i] = (c, "short form", f"{m.text} for the name in full in {m.article}", False)

    # Build entities.
    groups: dict[str, list[int]] = defaultdict(list)
    for i in range(len(all_mentions)):
        if i in dropped or i not in key_of:
            continue
        if i in assigned:
            groups[assigned[i][0]].append(i)
        else:
            groups[root_of[key_of[i]]].append(i)

    edges_by_key = defaultdict(list)
    for a, b, rule, detail, fuzzy in uf.edges:
        edges_by_key[a].append((b, rule, detail, fuzzy))
        edges_by_key[b].append((a, rule, detail, fuzzy))

    decision_for = {}
    for d in decisions:
        for k in ref_keys.keys_for(d.ref, d.id):
            decision_for.setdefault(root_of.get(k, k), d)

    drafts = []
    for r, idxs in groups.items():
        ms = [all_mentions[i] for i in idxs]
        own_keys = {key_of[i] for i in idxs if i not in assigned}
        if own_keys and all(k in weak for k in own_keys) and not any(i in assigned for i in idxs):
            continue  # only unconfirmed sentence-initial words
        d = decision_for.get(r)
        if d is not None and d.ignore:
            continue
        t = ctype.get(r, "other")
        name = _display_name(r, idxs, all_mentions, key_of, assigned, forms, t, gaz)
        if d is not None and d.type:
            t = d.type
        if d is not None and d.name:
            name = d.name
        merges = _merges(name, r, idxs, all_mentions, key_of, assigned, edges_by_key, forms)
        if d is not None and d.name:
            merges = [mg for mg in merges if mg.alias != name]
        aliases = sorted({_surface(m.text) for m in ms} - {name})
        ms.sort(key=lambda m: (m.article, m.start))
        n_articles = len({m.article for m in ms})
        drafts.append((name, t, d, tuple(aliases), tuple(ms), n_articles >= min_articles, tuple(merges)))

    return _assign_ids(drafts)


_LEGAL = {s.replace(".", "") for s in LEGAL_SUFFIXES}
_GOVERNMENT = {"government"}
_DESCRIPTORS = {"index"}  # "S&P 500 Index" is the S&P 500
_TRADE = {s.replace(".", "") for s in TRADE_WORDS}


def _the_one(candidates: set[str], article: str, root_articles) -> tuple[str | None, str]:
    """The one candidate named in this article, else the one in the dossier; and where it is."""
    here = {c for c in candidates if article in root_articles[c]}
    pool = here or candidates
    if len(pool) != 1:
        return None, ""
    return next(iter(pool)), f"in {article}" if here else "in the dossier"


def _starts_with_other_name(toks, key_set, weak, gaz) -> bool:
    """ "Newsweek Biden": the first word is a name of its own in the dossier, not a given name."""
    first = toks[0]
    return first in key_set and first not in weak and first not in gaz.given_names


def _prefixed_keys(k, keys_here):
    p = k + " "
    return [x for x in keys_here if x.startswith(p)]


def _is_personish(k, votes, gaz) -> bool:
    v = votes[k]
    if v["person"] > 0:
        return True
    return k.split()[0] in gaz.given_names and v["organization"] == 0 and v["place"] == 0


def _pick_type(c: Counter) -> str:
    best = [(w, t) for t, w in c.items() if w > 0 and t in ENTITY_TYPES]
    if not best:
        return "other"
    best.sort(key=lambda x: (-x[0], ENTITY_TYPES.index(x[1])))
    return best[0][1]


def _best_form(c: Counter) -> str:
    return max(c.items(), key=lambda x: (x[1], len(x[0]), x[0]))[0]


def _place_canon(k, gaz) -> str | None:
    alias = _place_index(gaz)
    return alias.get(k)


_PLACE_INDEX: dict[int, dict[str, str]] = {}


def _place_index(gaz) -> dict[str, str]:
    idx = _PLACE_INDEX.get(id(gaz))
    if idx is None:
        idx = {name_key(a): name_key(c) for a, c in gaz.place_alias.items()}
        _PLACE_INDEX[id(gaz)] = idx
    return idx


_CANON_NAMES: dict[int, dict[str, str]] = {}


def _canon_names(gaz) -> dict[str, str]:
    names = _CANON_NAMES.get(id(gaz))
    if names is None:
        names = _CANON_NAMES[id(gaz)] = {name_key(c): c for c in gaz.place_alias.values()}
    return names


class _RefIndex:
    """Find the keys a curation entry refers to: by name, alias or id."""

    def __init__(self, keys, forms):
        self.keys = set(keys)
        self.forms = forms
        self._slugs = None

    def keys_for(self, ref: str, pinned_id: str | None) -> set[str]:
        k = name_key(ref)
        if k in self.keys:
            return {k}
        if self._slugs is None:
            self._slugs = defaultdict(set)
            for key in self.keys:
                self._slugs[slugify(_best_form(self.forms[key]))].add(key)
        for candidate in (ref, pinned_id):
            if candidate and slugify(candidate) in self._slugs:
                return set(self._slugs[slugify(candidate)])
        return set()


def _add_curated(article: Article, ms: list[Mention], wanted, known) -> list[Mention]:
    """Mentions of curated names, found by exact match. A name the recognizer never found takes
    the place of shorter mentions it overlaps; a known name only fills gaps."""
    text = article.text
    zones = [(p.start, p.end) for p in article.content_paragraphs()]
    span = article.title_span
    if span and not any(p.start <= span[0] < p.end for p in article.paragraphs):
        zones.append(span)
    found = []
    for name, (ref, typ) in wanted.items():
        pat = re.compile(r"(?<![\w@])" + re.escape(name) + r"(?![\w])")
        for s, e in zones:
            for mt in pat.finditer(text, s, e):
                found.append(Mention(article.id, mt.start(), mt.end(), mt.group(), typ or "other", f"curation: {ref}",
                                     Evidence.CURATION))
    if not found:
        return ms
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    keep_found = []
    last = -1
    for m in found:
        if m.start >= last:
            keep_found.append(m)
            last = m.end
    strong = [f for f in keep_found if name_key(f.text) not in known]
    out = [m for m in ms if not any(f.start < m.end and m.start < f.end and (f.end - f.start) >= (m.end - m.start)
                                    for f in strong)]
    kept = [f for f in keep_found if not any(f.start < m.end and m.start < f.end for m in out)]
    return sorted(out + kept, key=lambda m: m.start)


def _initials(k: str) -> str:
    """ "royal united services institute" → "rusi"; "standard & poor's 500" → "sp 500"."""
    toks = [t for t in k.split() if t not in _INITIAL_SKIP]
    number = ""
    if len(toks) > 2 and toks[-1].isdigit():
        number = " " + toks[-1]
        toks = toks[:-1]
    while len(toks) > 2 and toks[-1] in _LEGAL:
        toks = toks[:-1]
    return "".join(t[0] for t in toks) + number


def _acronym_form(k: str, forms) -> str | None:
    """The letters of an acronym key ("s&p 500" → "sp 500"), or None when it is not one."""
    toks = k.split()
    number = ""
    if len(toks) == 2 and toks[1].isdigit():
        number = " " + toks[1]
        toks = toks[:1]
    if len(toks) != 1 or k.startswith("@"):
        return None
    letters = toks[0].replace("&", "")
    if not (2 <= len(letters) <= 6) or not letters.isalpha():
        return None
    if not any(f.replace(".", "").split(" ")[0].isupper() for f in forms[k]):
        return None
    return letters + number


def _acronyms(uf, strong, forms, info_mentions, by_id, by_article_keys, weak):
    acr = {}
    for k in strong:
        a = _acronym_form(k, forms)
        if a and a not in acr:
            acr[a] = k
    if not acr:
        return
    by_initials = defaultdict(set)
    for k in strong:
        if " " in k and not k.startswith("@") and k not in acr.values():
            ini = _initials(k)
            if ini in acr and len(ini.split()[0]) >= 2:
                by_initials[acr[ini]].add(k)
    # Defined: "Name (ACR)" anywhere.
    done = set()
    for ini, ks in sorted(by_initials.items()):
        for k in sorted(ks):
            for m in info_mentions[k]:
                defined = _acronym_after(by_id[m.article].text, m.end) if m.article in by_id else None
                if defined and name_key(defined) == ini.split()[0]:
                    if uf.union(k, ini, "acronym", f"defined as {_surface(m.text)} ({defined}) in {m.article}"):
                        done.add(ini)
                    break
    # Initials of exactly one name in an article where both appear.
    for ini, ks in sorted(by_initials.items()):
        if ini in done:
            continue
        candidates = set()
        for a in {m.article for m in info_mentions[ini]}:
            here = [k for k in ks if k in by_article_keys[a]]
            if len(here) == 1:
                candidates.add(here[0])
            elif len(here) > 1:
                candidates.add(None)
        if len(candidates) == 1 and None not in candidates:
            k = candidates.pop()
            uf.union(k, ini, "acronym", f"{_best_form(forms[ini])} is the initials of {_best_form(forms[k])}, named in the same article")
        elif not candidates and len(ks) == 1 and len(ini.replace("&", "")) >= 3:
            k = next(iter(ks))
            uf.union(k, ini, "acronym", f"{_best_form(forms[ini])} is the initials of {_best_form(forms[k])}, the only such name in the dossier; never in the same article", True)


def _budget(n: int) -> int:
    if n < 6:
        return 0
    if n < 10:
        return 1
    if n < 15:
        return 2
    return 3


def _misspellings(uf, strong, forms, articles_of, votes, gaz):
    blocks = defaultdict(list)
    for k in strong:
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
            ba = _budget(len(a))
            if ba == 0:
                continue
            # candidates within the budget, found by rapidfuzz in C: the later keys of similar length
            j = i + 1
            stop = bisect_right(lengths, len(a) + ba, lo=j)
            if stop == j:
                continue
            close = process.extract(a, ks[j:stop], scorer=Levenshtein.distance, score_cutoff=ba, limit=None)
            for b, _, _ in sorted(close, key=lambda x: x[2]):
                budget = min(ba, _budget(len(b)))
                if budget == 0 or Levenshtein.distance(a, b, score_cutoff=budget) > budget:
                    continue
                if articles_of[a] & articles_of[b]:
                    continue
                if (a in gaz.places) and (b in gaz.places):
                    continue
                ta, tb = _pick_type(votes[a]), _pick_type(votes[b])
                if ta != tb and "other" not in (ta, tb):
                    continue
                if " " in a:
                    pairs = [(x, y) for x, y in zip(a.split(), b.split()) if x != y]
                    if len(pairs) != 1:
                        continue
                    x, y = pairs[0]
                    if min(len(x), len(y)) < 5 or x in gaz.places or y in gaz.places:
                        continue  # "UAE Air Force" / "US Air Force": a different word, not a misspelling
                    # two people with different surnames are different people
                    if "person" in (ta, tb) and a.split()[-1] != b.split()[-1] and a.split()[0] != b.split()[0]:
                        continue
                uf.union(a, b, "fuzzy", f"{_best_form(forms[b])} is within {budget} edit(s) of {_best_form(forms[a])}", True)


def _models(uf, strong, key_set, weak, forms):
    by_number = defaultdict(set)
    for k in strong:
        toks = k.split()
        last = toks[-1]
        if any(c.isdigit() for c in last):
            by_number[last].add(k)
    for k in strong:
        if k.endswith("s") and k[-2:-1].isdigit() and k[:-1] in key_set and k[:-1] not in weak:
            uf.union(k[:-1], k, "plural", f"{_best_form(forms[k])} is the plural of {_best_form(forms[k[:-1]])}")
    for number, ks in by_number.items():
        if number not in ks:
            continue
        longer = [k for k in ks if k != number and k.endswith(" " + number)]
        roots = {uf.find(k) for k in longer}
        if len(roots) == 1:
            target = sorted(longer)[0]
            uf.union(target, number, "model number",
                     f"{_best_form(forms[number])} alone is the only model of that number in the dossier, {_best_form(forms[target])}", True)


def _extension_ok(extra: list[str], head: str, acronyms: set[str]) -> bool:
    """Words that can follow a name in its longer form: words without digits ("Industrial
    Average"), or one index number after an acronym ("FTSE 100"), never a flight or version."""
    if not any(c.isdigit() for t in extra for c in t):
        return True
    return len(extra) == 1 and extra[0].isdigit() and len(extra[0]) >= 2 \
        and " " not in head and head in acronyms


def _longer_forms(uf, strong, forms, articles_of, votes, gaz, pidx):
    """A name whose only longer form in the dossier starts with it, and which is never written
    beside a different longer form of its own ("Nasdaq" / "Nasdaq Composite")."""
    extensions = defaultdict(set)
    strong_set = set(strong)
    acronyms = {k for k in strong if " " not in k and any(f.isupper() for f in forms[k])}
    for k in strong:
        toks = k.split()
        if k.startswith("@"):
            continue
        for n in range(1, len(toks)):
            head = " ".join(toks[:n])
            if head in strong_set:
                extensions[head].add(k)
    for head, longer in sorted(extensions.items()):
        if head in gaz.places or head in pidx or head in gaz.demonyms or votes[head]["person"] > 0:
            continue
        if (gaz.word_zipf(head) >= 5.0 or len(head) < 3) and " " not in head:
            continue
        n_head = len(head.split())
        longer = {k for k in longer if _extension_ok(k.split()[n_head:], head, acronyms)}
        if not longer:
            continue
        root = uf.find(head)
        if any(uf.find(k) == root for k in longer):
            continue  # the short name already has a long form of its own ("Apple", "Apple Computer")
        roots = {uf.find(k) for k in longer}
        if len(roots) != 1:
            continue
        target = sorted(longer)[0]
        together = set()
        for x in uf.members[uf.find(target)]:
            together |= articles_of[x]
        if not articles_of[head] & together or len(together) < 2:
            continue  # the longer form must be established: in two articles, one of them with the short one
        if not any(f.casefold().startswith(_best_form(forms[head]).casefold() + " ") for k in longer for f in forms[k]):
            continue  # "CNN-Bellingcat" is not a longer name of CNN
        if any(votes[k]["person"] > 0 or any(t in gaz.given_names for t in k.split()[len(head.split()):]) for k in longer):
            continue
        uf.union(target, head, "longer form",
                 f"{_best_form(forms[head])} is the start of {_best_form(forms[target])}, its only longer form in the dossier, and they appear together", True)


def _display_name(r, idxs, all_mentions, key_of, assigned, forms, t, gaz) -> str:
    own = Counter()
    for i in idxs:
        if i in assigned:
            continue
        k = key_of[i]
        if k.startswith("@"):
            continue
        own[_surface(all_mentions[i].text)] += 1
    if not own:
        own = Counter(_surface(all_mentions[i].text) for i in idxs)
    idx = _place_index(gaz)
    canon_names = _canon_names(gaz)
    for f in own:
        c = idx.get(name_key(f))
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


def _merges(name, r, idxs, all_mentions, key_of, assigned, edges_by_key, forms) -> list[Merge]:
    name_k = name_key(name)
    out: dict[str, Merge] = {}
    # Rules that joined keys: walk the edges from the name's key.
    own_keys = {key_of[i] for i in idxs if i not in assigned}
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
        m = all_mentions[i]
        alias = _surface(m.text)
        if alias == name or alias in out:
            continue
        if i in assigned:
            _, rule, detail, fuzzy = assigned[i]
            out[alias] = Merge(alias, rule, detail, fuzzy)
            continue
        k = key_of[i]
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


def _assign_ids(drafts) -> list[Entity]:
    taken: dict[str, int] = {}
    entities = []
    pinned = {}
    for draft in drafts:
        d = draft[2]
        if d is not None and d.id:
            pinned[id(draft)] = slugify(d.id) or "entity"
    base_ids = []
    for draft in drafts:
        name, t = draft[0], draft[1]
        base = pinned.get(id(draft)) or slugify(name) or slugify(anyascii(name)) or "entity"
        base_ids.append(base)
    counts = Counter(base_ids)
    used = set(pinned.values())
    for draft, base in zip(drafts, base_ids):
        name, t, d, aliases, ms, shared, merges = draft
        eid = base
        if id(draft) not in pinned and (counts[base] > 1 or base in used and base not in pinned.values()):
            eid = f"{base}-{t}"
        if eid in taken:
            import hashlib

            eid = f"{eid}-{hashlib.sha1((name + '|' + ms[0].article + '|' + str(ms[0].start)).encode()).hexdigest()[:6]}"
        taken[eid] = 1
        entities.append(Entity(eid, name, t, aliases, ms, shared, d.description if d is not None else None, merges))
    entities.sort(key=lambda e: e.id)
    return entities


def review_lines(entities: list[Entity], all_entities: bool = False) -> list[str]:
    """What `dossier entities` prints: shared entities in full, merges to review marked "REVIEW"."""
    lines: list[str] = []
    shared = [e for e in entities if e.shared]
    single = [e for e in entities if not e.shared]
    review = sum(1 for e in entities for mg in e.merges if mg.fuzzy)
    lines.append(f"{len(entities)} entities: {len(shared)} shared between articles (linked), {len(single)} not shared; "
                 f"{review} merge(s) to review.")
    lines.append("")
    for e in sorted(shared, key=lambda e: (-len(e.articles), e.id)) + (sorted(single, key=lambda e: e.id) if all_entities else []):
        lines.extend(_entity_lines(e))
    if not all_entities:
        flagged = [e for e in single if any(mg.fuzzy for mg in e.merges)]
        for e in flagged:
            lines.extend(_entity_lines(e))
        rest = [e for e in single if e not in flagged]
        if rest:
            lines.append(f"Not shared ({len(rest)}): " + ", ".join(f"{e.name} ({e.type})" for e in rest))
    return lines


def _entity_lines(e: Entity) -> list[str]:
    n = len(e.articles)
    out = [f"{e.name}  [{e.id}]  {e.type}, {n} article{'s' if n != 1 else ''}, {len(e.mentions)} mention{'s' if len(e.mentions) != 1 else ''}"]
    if e.aliases:
        out.append("    aliases: " + ", ".join(e.aliases))
    for mg in e.merges:
        if mg.fuzzy:
            out.append(f"    REVIEW {mg.alias}: {mg.rule} — {mg.detail}")
    return out
