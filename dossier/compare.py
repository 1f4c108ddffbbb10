"""The comparison stage: how the articles of a dossier relate to each other.

It finds the sentences articles share (verbatim, near-verbatim or rewritten), the quotations
they have in common (also where one article paraphrases what another quotes) with a word-level
collation of the versions, how each article describes each shared entity, the dates they
mention, how similar they are, and which entities only one of them names.

Nothing here compares every sentence with every other one. Sentences are matched through an
inverted index of their rarest content words (prefix filtering): each sentence looks up only a
few postings, each posting is read only for its most recent entries, and only the best few
candidates are verified. Identical sentences are grouped by hash first, and matches are joined
with union-find, so a sentence copied into a thousand articles costs a thousand look-ups, not a
million comparisons. The cost grows with the number of sentences, not with its square.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, partial

from rapidfuzz import fuzz
from wordfreq import top_n_list

from . import gazetteer
from . import dates as dates_mod
from .cache import active, fingerprint, stored
from . import quotes as quotes_mod
from .model import Article, Entity
from .quotes import Alignment, Quote

# Candidate pruning: how many of a sentence's rarest words it is looked up by, how many
# recent postings of each word are read, and how many candidates are verified.
PREFIX_MIN = 3
POSTINGS_READ = 24
CANDIDATES_VERIFIED = 6
MIN_SHARED_WORDS = 4  # fewer shared content words than this is coincidence, not copying
MIN_SHARED_QUOTE_WORDS = 3  # a short quotation ("For my part, I am ready…") has few to share
MIN_OVERLAP = 0.55  # idf-weighted share of the shorter sentence's content words found in the other
MIN_SHARED_WEIGHT = 12.0  # summed idf of the shared words: about three rare words
MIN_SURFACE = 50  # rapidfuzz token_sort_ratio: a copy, even spun or translated, keeps much of the wording
NEAR_VERBATIM = 90  # rapidfuzz ratio of the folded sentences
SOURCES_PER_PASSAGE = 8  # other articles considered as the source of one shared sentence

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "inc", "co", "corp", "ltd",
    "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "d.c", "u.k", "u.n", "a.m", "p.m", "e.g", "i.e", "prof", "col", "lt", "sgt", "capt", "mt", "ft",
}
_BREAK = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"@?\w+(?:[’'.\-]\w+)*")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    # The most frequent English words carry no evidence of copying.
    return frozenset(w.replace("'", "") for w in top_n_list("en", 150))


def _stem(word: str) -> str:
    # A prefix is enough to match inflections (election/elections, congratulated/congratulations).
    return word[:6]


@lru_cache(maxsize=500_000)
def _content_stem(word: str) -> str | None:
    w = quotes_mod.fold(word).lstrip("@").replace(".", "")
    return _stem(w) if len(w) > 1 and w not in _stopwords() else None


def content_words(text: str) -> frozenset[str]:
    out = set(map(_content_stem, _WORD.findall(text)))
    out.discard(None)
    return frozenset(out)


def _key(text: str) -> str:
    return " ".join(map(quotes_mod.fold, _WORD.findall(text)))


# --- records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    article: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """Sentences that several articles share: one is a copy or a rewrite of another."""

    id: str
    relation: str  # verbatim | near-verbatim | rewritten (the loosest link in the group)
    members: tuple[Span, ...]  # sorted by (article date, article id, start)


@dataclass(frozen=True)
class Source:
    article: str
    words: int  # words of this article in sentences shared with `article`
    direction: str  # "from": `article` is older, so this one derives from it | "to" | "unknown"


@dataclass(frozen=True)
class ArticleShare:
    article: str
    words: int
    shared_words: int  # in sentences that another article also has
    derived_words: int  # in sentences that an older article already had
    shared_paragraphs: tuple[int, ...]  # paragraphs at least half made of shared sentences
    sources: tuple[Source, ...]

    @property
    def shared_share(self) -> float:
        return self.shared_words / self.words if self.words else 0.0

    @property
    def derived_share(self) -> float:
        return self.derived_words / self.words if self.words else 0.0


@dataclass(frozen=True)
class GroupMember:
    id: str  # quote id, or "<article>#s<start>" for a paraphrase
    kind: str  # quote | paraphrase
    article: str
    paragraphs: tuple[int, ...]
    parts: tuple[tuple[int, int], ...]
    text: str
    speaker: str | None
    speaker_entity: str | None
    verb: str | None
    quotes: tuple[str, ...] = ()  # ids of the quotations this member is made of


@dataclass(frozen=True)
class QuoteGroup:
    """One statement as several articles give it: quoted, reworded, translated or paraphrased."""

    id: str
    members: tuple[GroupMember, ...]  # the base first
    alignments: tuple[Alignment, ...]  # base against each other member

    @property
    def base(self) -> GroupMember:
        return self.members[0]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.article for m in self.members))


@dataclass(frozen=True)
class Descriptor:
    entity: str
    article: str
    paragraph: int
    start: int
    end: int
    text: str
    form: str  # premodifier ("Russian opposition leader X") | apposition ("X, Putin's opponent,") | relative ("X, who is …")
    nationality: str | None  # country name, when the descriptor states one
    office: str | None  # the office held, when it names one (president, prime minister…)


@dataclass(frozen=True)
class Contradiction:
    entity: str
    kind: str  # nationality | office
    first: Descriptor
    second: Descriptor
    detail: str


@dataclass(frozen=True)
class SimilarityPair:
    a: str
    b: str
    cosine: float  # tf-idf cosine of content words, 0..1
    shared_words: int  # words of `a` in sentences shared with `b` plus the reverse


@dataclass(frozen=True)
class Coverage:
    entity: str
    counts: tuple[tuple[str, int], ...]  # (article id, mentions), by article id


@dataclass(frozen=True)
class Comparison:
    articles: tuple[str, ...]  # article ids, in dossier order
    headings: tuple[tuple[str, str, str | None], ...]  # (id, title, date) of each article, for pages
    html_articles: frozenset[str]  # ids of articles extracted from HTML: dossier.json gives no offsets into them
    quotes: tuple[Quote, ...]
    quote_groups: tuple[QuoteGroup, ...]
    passages: tuple[Passage, ...]
    shares: tuple[ArticleShare, ...]
    descriptors: tuple[Descriptor, ...]
    contradictions: tuple[Contradiction, ...]
    dates: tuple[dates_mod.DateMention, ...]
    similarity: tuple[SimilarityPair, ...]
    similarity_complete: bool  # every pair was scored (small dossiers) or only related ones
    coverage: tuple[Coverage, ...]  # shared entities
    single_article: tuple[tuple[str, tuple[str, ...]], ...]  # (article id, entity ids only it mentions)
    # entity id → its descriptors / contradictions, so that entity pages do not each scan them all
    by_entity: dict[str, tuple[tuple[Descriptor, ...], tuple[Contradiction, ...]]] = field(default_factory=dict, compare=False, repr=False)


# --- sentences and the index ------------------------------------------------------------------------


def sentences(article: Article) -> list[Span]:
    """Sentence spans of the headline and body paragraphs."""
    text = article.text
    out: list[Span] = []
    for para in article.content_paragraphs():
        start = para.start
        for m in _BREAK.finditer(text, para.start, para.end):
            word = text[max(para.start, m.start() - 12) : m.start()].split()
            last = word[-1].lower().lstrip("(\"“") if word else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            out.append(Span(article.id, para.number, start, m.start() + 1))
            start = m.end()
        if start < para.end:
            out.append(Span(article.id, para.number, start, para.end))
    return out


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def match_units(
    articles: list[str],
    keys: list[str],
    features: list[frozenset[str]],
    short: list[bool] | None = None,
    min_overlap: float = MIN_OVERLAP,
) -> list[tuple[int, int, str]]:
    """Pairs of units from different articles that share their text; each with its relation.

    `short` marks units (quotations) that may match on fewer shared words. Linear in the
    number of units: see the module docstring.
    """
    short = short or [False] * len(keys)
    edges: list[tuple[int, int, str]] = []
    first_of_key: dict[str, int] = {}
    reps: list[int] = []
    for i, key in enumerate(keys):
        j = first_of_key.setdefault(key, i)
        if j == i:
            reps.append(i)
        elif articles[j] != articles[i]:
            edges.append((j, i, "verbatim"))
    df: Counter[str] = Counter()
    for i in reps:
        df.update(features[i])
    # Names of the story's people recur in most of its sentences; rare words are the evidence.
    total = max(len(reps), 2)
    idf = {f: math.log(total / n) for f, n in df.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    numbers: list[set[str] | None] = [None] * len(keys)  # the figures in each unit, read when first needed
    for i in reps:
        feats = sorted(features[i], key=lambda f: (df[f], f))
        if len(feats) < MIN_SHARED_QUOTE_WORDS:
            continue
        prefix = feats[: max(PREFIX_MIN, len(feats) - math.ceil(min_overlap * len(feats)) + 1)]
        votes: Counter[int] = Counter()
        for f in prefix:
            posting = postings[f]
            votes.update(posting[-POSTINGS_READ:])
            posting.append(i)
        checked = 0
        weight_i = sum(idf[f] for f in features[i])
        for j, _ in votes.most_common():
            if checked >= CANDIDATES_VERIFIED:
                break
            if articles[j] == articles[i]:
                continue
            checked += 1
            shared = features[i] & features[j]
            needed = MIN_SHARED_QUOTE_WORDS if short[i] or short[j] else MIN_SHARED_WORDS
            if len(shared) < needed:
                continue
            if numbers[i] is None:
                numbers[i] = _numbers(keys[i])
            if numbers[j] is None:
                numbers[j] = _numbers(keys[j])
            if numbers[i] and numbers[j] and numbers[i].isdisjoint(numbers[j]):
                continue  # same words around different figures: two reports, not one copied
            weight = sum(idf[f] for f in shared)
            smaller = min(weight_i, sum(idf[f] for f in features[j]))
            if weight < min_overlap * smaller or weight < MIN_SHARED_WEIGHT:
                continue
            # A quotation may be given in part: compare it with what it shares, not with the whole.
            surface = fuzz.token_set_ratio if short[i] or short[j] else fuzz.token_sort_ratio
            if surface(keys[i], keys[j]) < MIN_SURFACE:
                continue  # the same rare words in a different sentence: a report of the same facts
            ratio = fuzz.ratio(keys[i], keys[j])
            edges.append((j, i, "near-verbatim" if ratio >= NEAR_VERBATIM else "rewritten"))
    return edges


_NUMBER_WORD = re.compile(r"\S*\d\S*")


def _numbers(key: str) -> set[str]:
    return {w.replace(",", "") for w in _NUMBER_WORD.findall(key)}


# --- the stage -----------------------------------------------------------------------------------


def compare(articles: list[Article], entities: list[Entity], cache=None,
            article_keys: dict[str, str] | None = None) -> Comparison:
    """Everything the comparison page and dossier.json show about how the articles relate.
    With `cache`, what belongs to one article or entity is stored; `article_keys` (each article's
    `fingerprint`, when the caller has them) saves computing them again."""
    # The stage makes millions of small acyclic objects that reference counting frees. Python's
    # cycle collector would scan the whole growing heap again and again, which made the stage
    # grow as n^1.25 instead of n (benchmarks/results/compare_scaling.md); it is paused here.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _compare(articles, entities, cache, article_keys)
    finally:
        if was_enabled:
            gc.enable()


def _read_article(article: Article) -> tuple:
    """What the comparison reads of one article alone: its sentences with their keys and
    content words, its dates, and its bag of content words (for the similarity)."""
    units = sentences(article)
    keys = tuple(_key(article.text[u.start : u.end]) for u in units)
    feats = tuple(content_words(article.text[u.start : u.end]) for u in units)
    return units, keys, feats, tuple(dates_mod.extract(article)), _bag(article)


def _compare(articles: list[Article], entities: list[Entity], cache=None,
             article_keys: dict[str, str] | None = None) -> Comparison:
    ids = tuple(a.id for a in articles)
    if article_keys is None:
        article_keys = {a.id: fingerprint(a) for a in articles} if active(cache) else {}
    by_id = {a.id: a for a in articles}
    date_of = {a.id: a.date for a in articles}

    # The per-article readings are stored by the article's content (`dossier.cache`); the rest
    # of the stage relates articles to each other and is computed on every build.
    read = {a.id: stored(cache, ("article", article_keys.get(a.id)), partial(_read_article, a)) for a in articles}
    sentences_of = {a.id: read[a.id][0] for a in articles}
    units: list[Span] = [s for a in articles for s in sentences_of[a.id]]
    unit_keys = [k for a in articles for k in read[a.id][1]]
    unit_feats = [f for a in articles for f in read[a.id][2]]

    spans_in: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    mentions_in: dict[str, list] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            spans_in[m.article].append((m.start, m.end, e.id))
            mentions_in[m.article].append(m)
    all_quotes: list[Quote] = []
    for a in articles:
        spans = spans_in.get(a.id, [])
        all_quotes.extend(stored(cache, ("quotes", article_keys.get(a.id), sorted(spans)),
                                 lambda: tuple(quotes_mod.extract(a, spans=spans))))
    n_sent = len(units)
    q_keys = [_key(q.text) for q in all_quotes]
    q_feats = [content_words(q.text) for q in all_quotes]

    edges = match_units(
        [u.article for u in units] + [q.article for q in all_quotes],
        unit_keys + q_keys,
        unit_feats + q_feats,
        [False] * n_sent + [True] * len(all_quotes),
    )
    sentence_edges = [(i, j, r) for i, j, r in edges if i < n_sent and j < n_sent]

    passages, shares = _passages(units, sentence_edges, by_id, date_of)
    groups = _quote_groups(all_quotes, units, edges, n_sent, by_id, date_of, unit_feats + q_feats, cache)
    shared_entities = [e for e in entities if e.shared]
    # An entity's descriptors read its mentions and the articles they stand in (with the other
    # names there): stored under those, so an edit redoes only the entities of that article.
    read_for_descriptors = ({a.id: fingerprint(article_keys[a.id], [(o.start, o.end) for o in mentions_in.get(a.id, ())])
                             for a in articles} if active(cache) else {})
    descriptors = tuple(
        d for e in shared_entities
        for d in stored(cache, ("descriptors", e.id, e.mentions, [read_for_descriptors.get(a) for a in e.articles]),
                        partial(_descriptors, e, by_id, mentions_in, sentences_of))
    )
    descriptors = tuple(sorted(descriptors, key=lambda d: (d.entity, d.article, d.start)))
    contradictions = _contradictions(descriptors)
    date_mentions = tuple(d for a in articles for d in read[a.id][3])
    similarity, complete = _similarity(articles, shares, {a.id: read[a.id][4] for a in articles})
    coverage = tuple(
        Coverage(e.id, tuple(sorted(Counter(m.article for m in e.mentions).items())))
        for e in sorted(shared_entities, key=lambda e: e.id)
    )
    only: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        arts = e.articles
        if len(arts) == 1:
            only[arts[0]].append(e.id)
    single = tuple((a, tuple(sorted(only[a]))) for a in ids if only.get(a))
    return Comparison(
        articles=ids,
        headings=tuple((a.id, a.title, a.date) for a in articles),
        html_articles=frozenset(a.id for a in articles if not a.offsets_valid),
        quotes=tuple(all_quotes),
        quote_groups=groups,
        passages=passages,
        shares=shares,
        descriptors=descriptors,
        contradictions=contradictions,
        dates=date_mentions,
        similarity=similarity,
        similarity_complete=complete,
        coverage=coverage,
        single_article=single,
        by_entity=_index_by_entity(ids, descriptors, contradictions),
    )


def _index_by_entity(ids, descriptors, contradictions):
    order = {a: i for i, a in enumerate(ids)}
    ds: dict[str, list[Descriptor]] = defaultdict(list)
    cs: dict[str, list[Contradiction]] = defaultdict(list)
    for d in sorted(descriptors, key=lambda d: (order.get(d.article, 0), d.start)):
        ds[d.entity].append(d)
    for c in contradictions:
        cs[c.entity].append(c)
    return {e: (tuple(ds.get(e, ())), tuple(cs.get(e, ()))) for e in set(ds) | set(cs)}


def _older(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a < b


_RELATION_ORDER = {"verbatim": 0, "near-verbatim": 1, "rewritten": 2}


def _passages(units, edges, by_id, date_of):
    uf = _UnionFind(len(units))
    loosest: dict[int, str] = {}
    for i, j, rel in edges:
        uf.union(i, j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(units)):
        clusters[uf.find(i)].append(i)
    for i, j, rel in edges:
        root = uf.find(i)
        if _RELATION_ORDER[rel] > _RELATION_ORDER.get(loosest.get(root, "verbatim"), 0):
            loosest[root] = rel
    passages: list[Passage] = []
    shared_units: set[int] = set()
    derived_units: set[int] = set()
    pair_words: dict[tuple[str, str], int] = Counter()
    words_of = [len(_WORD.findall(by_id[u.article].text[u.start : u.end])) for u in units]
    for root, members in clusters.items():
        arts = {units[i].article for i in members}
        if len(arts) < 2:
            continue
        members.sort(key=lambda i: (date_of[units[i].article] or "9999", units[i].article, units[i].start))
        passages.append(Passage("", loosest.get(root, "verbatim"), tuple(units[i] for i in members)))
        shared_units.update(members)
        oldest = min((date_of[a] for a in arts if date_of[a]), default=None)
        # Each sentence is credited to a bounded number of other articles, so that a sentence
        # copied everywhere does not cost the square of its copies.
        firsts: dict[str, int] = {}
        for i in members:
            firsts.setdefault(units[i].article, i)
        heads = list(firsts)[:SOURCES_PER_PASSAGE]
        for i in members:
            me = units[i].article
            if _older(oldest, date_of[me]):
                derived_units.add(i)
            for other in heads:
                if other != me:
                    pair_words[(me, other)] += words_of[i]
    passages.sort(key=lambda p: (p.members[0].article, p.members[0].start))
    passages = [Passage(f"sp-{n}", p.relation, p.members) for n, p in enumerate(passages, 1)]

    shares: list[ArticleShare] = []
    by_article_units: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_article_units[u.article].append(i)
    sources_of: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (me, other), w in pair_words.items():
        sources_of[me].append((other, w))
    for aid, article in by_id.items():
        mine = by_article_units.get(aid, [])
        para_words: Counter[int] = Counter()
        para_shared: Counter[int] = Counter()
        for i in mine:
            para_words[units[i].paragraph] += words_of[i]
            if i in shared_units:
                para_shared[units[i].paragraph] += words_of[i]
        srcs = sorted(sources_of.get(aid, []), key=lambda x: (-x[1], x[0]))[:SOURCES_PER_PASSAGE]
        shares.append(
            ArticleShare(
                article=aid,
                words=sum(words_of[i] for i in mine),
                shared_words=sum(words_of[i] for i in mine if i in shared_units),
                derived_words=sum(words_of[i] for i in mine if i in derived_units),
                shared_paragraphs=tuple(sorted(p for p, w in para_shared.items() if 2 * w >= para_words[p])),
                sources=tuple(
                    Source(o, w, "from" if _older(date_of[o], date_of[aid]) else "to" if _older(date_of[aid], date_of[o]) else "unknown")
                    for o, w in srcs
                ),
            )
        )
    return tuple(passages), tuple(shares)


def _quote_groups(all_quotes, units, edges, n_sent, by_id, date_of, feats, cache=None) -> tuple[QuoteGroup, ...]:
    uf = _UnionFind(n_sent + len(all_quotes))
    # A sentence that holds a quotation stands for that quotation: a rewrite of the sentence
    # reports the same statement, quoted or paraphrased.
    quotes_in: dict[int, list[int]] = defaultdict(list)
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, q in enumerate(all_quotes):
        by_article[q.article].append(k)
    for i, u in enumerate(units):
        for k in by_article.get(u.article, ()):
            q = all_quotes[k]
            if any(s < u.end and u.start < e for s, e in q.parts):
                quotes_in[i].append(n_sent + k)
    linked: set[int] = set()
    for i, j, _ in edges:
        ends = []
        for x, other in ((i, j), (j, i)):
            if x >= n_sent:
                ends.append([x])
                continue
            qs_here = [q for q in quotes_in.get(x, ()) if _supports(feats[q], feats[other])]
            ends.append(qs_here or [x])
        if all(x < n_sent for x in ends[0] + ends[1]):
            continue  # two sentences without quotations: a shared passage, not a quotation
        for x in ends[0]:
            for y in ends[1]:
                uf.union(x, y)
                linked.update((x, y))
    comps: dict[int, list[int]] = defaultdict(list)
    for i in sorted(linked):
        comps[uf.find(i)].append(i)
    groups: list[QuoteGroup] = []
    for members in comps.values():
        qs = [all_quotes[i - n_sent] for i in members if i >= n_sent]
        if not qs:
            continue
        quoted_articles = {q.article for q in qs}
        paraphrases: list[Span] = []
        for i in members:
            if i >= n_sent:
                continue
            u = units[i]
            if u.article in quoted_articles:
                continue  # that article quotes the statement: its quotation is the member
            paraphrases.append(u)
        if len({q.article for q in qs} | {p.article for p in paraphrases}) < 2:
            continue
        qs.sort(key=lambda q: (date_of[q.article] or "9999", q.article, q.start))
        # One version per article: an article that repeats the statement is collated once.
        qs = list({q.article: q for q in reversed(qs)}.values())[::-1]
        base_q = qs[0]
        base = GroupMember(base_q.id, "quote", base_q.article, base_q.paragraphs, base_q.parts, base_q.text, base_q.speaker, base_q.speaker_entity, base_q.verb, (base_q.id,))
        others = [
            GroupMember(q.id, "quote", q.article, q.paragraphs, q.parts, q.text, q.speaker, q.speaker_entity, q.verb, (q.id,))
            for q in qs[1:]
        ]
        per_article: dict[str, list[Span]] = defaultdict(list)
        for u in sorted(paraphrases, key=lambda u: (date_of[u.article] or "9999", u.article, u.start)):
            per_article[u.article].append(u)
        base_words = content_words(base.text)
        for candidates in per_article.values():
            # One paraphrase per article: its sentence closest to the quotation.
            best = max(candidates, key=lambda p: len(content_words(by_id[p.article].text[p.start : p.end]) & base_words))
            span = _trim_to_alignment(by_id[best.article].text, (best.start, best.end), by_id[base.article].text, base.parts)
            text = by_id[best.article].text[span[0] : span[1]]
            others.append(GroupMember(f"{best.article}#s{span[0]}", "paraphrase", best.article, (best.paragraph,), (span,), text, None, base.speaker_entity, None))
        members_all = [base] + sorted(others, key=lambda m: (date_of[m.article] or "9999", m.article, m.parts[0][0]))
        alignments = tuple(_align(by_id, base, m, cache) for m in members_all[1:])
        groups.append(QuoteGroup("", tuple(members_all), alignments))
    groups.sort(key=lambda g: (g.base.article, g.base.parts[0][0]))
    groups = _join_continued(groups, by_id)
    groups = _extend_continued(groups, all_quotes, units, n_sent, feats, by_id)
    return tuple(QuoteGroup(f"qg-{n}", g.members, g.alignments) for n, g in enumerate(groups, 1))


def _align(by_id, base: GroupMember, member: GroupMember, cache) -> Alignment:
    """`quotes.align` of two versions, stored by the words they hold (it reads nothing else)."""
    base_text, text = by_id[base.article].text, by_id[member.article].text
    key = ("align", base.id, member.id, base.parts, member.parts,
           [base_text[s:e] for s, e in base.parts], [text[s:e] for s, e in member.parts])
    return stored(cache, key, partial(quotes_mod.align, base_text, base.parts, text, member.parts, base.id, member.id))


def _join_continued(groups: list[QuoteGroup], by_id) -> list[QuoteGroup]:
    """One statement quoted in consecutive paragraphs ("…," he said. ¶ He added that "…")
    is one group when every article gives its parts in consecutive paragraphs too."""
    out: list[QuoteGroup] = []
    for g in groups:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, g):
            members = []
            for a, b in zip(prev.members, g.members):
                kind = "quote" if a.kind == b.kind == "quote" else "paraphrase" if a.kind == b.kind else "mixed"
                members.append(
                    GroupMember(a.id, kind, a.article, tuple(dict.fromkeys(a.paragraphs + b.paragraphs)), a.parts + b.parts,
                                a.text + " " + b.text, a.speaker, a.speaker_entity, a.verb, a.quotes + b.quotes)
                )
            base = members[0]
            alignments = tuple(
                quotes_mod.align(by_id[base.article].text, base.parts, by_id[m.article].text, m.parts, base.id, m.id)
                for m in members[1:]
            )
            out[-1] = QuoteGroup("", tuple(members), alignments)
        else:
            out.append(g)
    return out


def _extend_continued(groups, all_quotes, units, n_sent, feats, by_id) -> list[QuoteGroup]:
    """Carry a statement on into the next paragraph: when the base article quotes the same
    speaker again there ("For my part, I am ready…"), and every other version goes on in its
    next paragraph with a sentence that carries some of those words ("for his part, he is ready
    for cooperation and contacts"), that is the statement's next part, reworded.

    Short statements share too few words to be matched on their own; their place after the
    matched parts is the evidence that the looser match needs.
    """
    grouped = {q for g in groups for m in g.members for q in m.quotes}
    quote_at: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k, q in enumerate(all_quotes):
        quote_at[(q.article, q.paragraphs[0])].append(k)
    unit_at: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        unit_at[(u.article, u.paragraph)].append(i)
    out = []
    for g in groups:
        while True:
            base = g.members[0]
            nxt = [
                k for k in quote_at.get((base.article, base.paragraphs[-1] + 1), ())
                if all_quotes[k].id not in grouped and all_quotes[k].speaker_entity
                and all_quotes[k].speaker_entity == base.speaker_entity
            ]
            if not nxt:
                break
            q = all_quotes[nxt[0]]
            q_feats = feats[n_sent + nxt[0]]
            q_key = _key(q.text)
            additions = []
            for m in g.members[1:]:
                found = None
                for i in unit_at.get((m.article, m.paragraphs[-1] + 1), ()):
                    u = units[i]
                    text = by_id[u.article].text[u.start : u.end]
                    if _supports(q_feats, feats[i]) and fuzz.token_set_ratio(q_key, _key(text)) >= MIN_SURFACE:
                        found = u
                        break
                if found is None:
                    break
                additions.append(found)
            if len(additions) != len(g.members) - 1:
                break
            grouped.add(q.id)
            members = [GroupMember(base.id, base.kind, base.article, base.paragraphs + q.paragraphs, base.parts + q.parts,
                                   base.text + " " + q.text, base.speaker, base.speaker_entity, base.verb, base.quotes + (q.id,))]
            for m, u in zip(g.members[1:], additions):
                span = _trim_to_alignment(by_id[u.article].text, (u.start, u.end), by_id[q.article].text, q.parts)
                kind = m.kind if m.kind == "paraphrase" else "mixed"
                members.append(GroupMember(m.id, kind, m.article, tuple(dict.fromkeys(m.paragraphs + (u.paragraph,))),
                                           m.parts + (span,), m.text + " " + by_id[u.article].text[span[0] : span[1]],
                                           m.speaker, m.speaker_entity, m.verb, m.quotes))
            alignments = tuple(
                quotes_mod.align(by_id[members[0].article].text, members[0].parts, by_id[x.article].text, x.parts, members[0].id, x.id)
                for x in members[1:]
            )
            g = QuoteGroup(g.id, tuple(members), alignments)
        out.append(g)
    return out


def _continues(a: QuoteGroup, b: QuoteGroup) -> bool:
    if [m.article for m in a.members] != [m.article for m in b.members]:
        return False
    if not a.base.speaker_entity or a.base.speaker_entity != b.base.speaker_entity:
        return False
    return all(0 <= mb.paragraphs[0] - ma.paragraphs[-1] <= 1 for ma, mb in zip(a.members, b.members))


def _supports(quote: frozenset[str], sentence: frozenset[str]) -> bool:
    """The other sentence carries the quotation's words, not only its lead-in's."""
    shared = len(quote & sentence)
    return shared >= 2 and shared >= 0.5 * min(len(quote), len(sentence))


def _trim_to_alignment(text: str, span: tuple[int, int], base_text: str, base_parts) -> tuple[int, int]:
    """The stretch of a paraphrasing sentence that corresponds to the quotation."""
    import difflib

    toks = quotes_mod.tokens(text, [span])
    base = quotes_mod.tokens(base_text, base_parts)
    matcher = difflib.SequenceMatcher(None, [t.key for t in base], [t.key for t in toks], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size and any(t.is_word for t in toks[b.b : b.b + b.size])]
    if not blocks:
        return span
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
    # The paraphrase's own ending ("contacts with the President-elect") belongs to it: carry
    # the span on to the end of the clause.
    while last + 1 < len(toks) and toks[last + 1].key not in (",", ".", ";", ":", "!", "?"):
        last += 1
    return toks[first].start, toks[last].end


# --- descriptors -------------------------------------------------------------------------------------

ROLE_WORDS = {
    "leader", "opponent", "president", "president-elect", "minister", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "secretary", "senator", "governor", "mayor", "chairman", "chairwoman", "chair", "ceo",
    "director", "director-general", "adviser", "advisor", "candidate", "activist", "journalist", "critic",
    "dissident", "official", "ambassador", "general", "commander", "king", "queen", "prince", "princess",
    "premier", "founder", "co-founder", "executive", "analyst", "lawyer", "attorney", "judge", "economist",
    "chief", "head", "rival", "ally", "envoy", "monarch", "dictator", "politician", "lawmaker", "deputy",
    "representative", "congressman", "congresswoman", "mate", "counsel", "prosecutor", "officer", "emperor",
    "pope", "cardinal", "bishop", "owner", "investor", "billionaire", "businessman", "businesswoman",
    "tycoon", "oligarch", "banker", "manager", "vice-president", "president-designate", "nominee",
    "challenger", "incumbent", "successor", "predecessor", "member", "campaigner", "blogger", "writer",
    "author", "reporter", "editor", "professor", "scientist", "expert", "founder", "boss", "speaker",
}
OFFICES = {
    "president": "president", "president-elect": "president", "vice-president": "vice president",
    "prime minister": "prime minister", "premier": "prime minister", "chancellor": "chancellor",
    "king": "monarch", "queen": "monarch", "monarch": "monarch", "emperor": "monarch", "governor": "governor",
    "mayor": "mayor", "senator": "senator", "ambassador": "ambassador", "pope": "pope", "ceo": "chief executive",
    "chief executive": "chief executive", "chairman": "chair", "chairwoman": "chair", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "spokesperson": "spokesperson", "foreign minister": "foreign minister",
}
_STOP_LEFT = {
    "the", "a", "an", "and", "or", "of", "to", "by", "for", "with", "from", "in", "on", "at", "as", "that",
    "this", "these", "those", "has", "have", "had", "is", "was", "were", "are", "be", "been", "who", "which",
    "said", "says", "told", "but", "while", "after", "before", "than", "then", "also", "not", "his", "her",
    "their", "its", "our", "including", "like", "about", "between", "against", "into", "over", "under",
}
_APPOSITION = re.compile(r"\A,\s+(?P<d>(?:the|a|an|[A-Z][\w\-]*[’']s)\s[^,;:()“”\"]{2,90}?)\s*,")
_RELATIVE = re.compile(r"\A,\s+who\s+(?:is|was|has\s+been)\s+(?:also\s+|now\s+)?(?P<d>(?:the|a|an)\s[^,;:()“”\"]{2,110}?)\s*[,.]")
_PRE_APPOSITION = re.compile(r"(?:\A|,\s|;\s)(?P<d>(?:the|a|an|The|A|An)\s[^,;:()“”\"]{2,90}?),\s+\Z")
_TOKENS_LEFT = re.compile(r"[\w’'.\-]+|[^\w\s]")


def _descriptors(entity: Entity, by_id: dict[str, Article], mentions_in: dict[str, list], sentences_of: dict[str, list[Span]]) -> list[Descriptor]:
    out: list[Descriptor] = []
    seen: set[tuple[str, int, int]] = set()
    own = {(m.start, m.end) for m in entity.mentions}
    for m in entity.mentions:
        article = by_id.get(m.article)
        if article is None:
            continue
        para = article.paragraph_at(m.start)
        if para is None or para.kind == "boilerplate":
            continue
        text = article.text
        s_start, s_end = _sentence_of(article, m.start, sentences_of.get(m.article))
        found: list[tuple[int, int, str]] = []
        def others(m=m):  # read only when a role word stands right before the name
            return [(o.start, o.end) for o in mentions_in.get(m.article, ()) if o.end <= m.start and (o.start, o.end) not in own]

        pre = _premodifier(text, s_start, m.start, others, para.kind == "headline")
        if pre:
            found.append((pre[0], pre[1], "premodifier"))
        right = text[m.end : s_end]
        for pattern, form in ((_APPOSITION, "apposition"), (_RELATIVE, "relative")):
            hit = pattern.match(right)
            if hit and len(hit.group("d").split()) <= 14:
                found.append((m.end + hit.start("d"), m.end + hit.end("d"), form))
                break
        left = text[s_start : m.start]
        hit = _PRE_APPOSITION.search(left)
        if hit and len(hit.group("d").split()) <= 14 and text[m.end : m.end + 1] in (",", "") :
            found.append((s_start + hit.start("d"), s_start + hit.end("d"), "apposition"))
        for start, end, form in found:
            if (m.article, start, end) in seen:
                continue
            seen.add((m.article, start, end))
            phrase = text[start:end]
            if not _describes_role(phrase, form):
                continue
            out.append(Descriptor(entity.id, m.article, para.number, start, end, phrase, form, _nationality(phrase, form), _office(phrase)))
    return out


def _sentence_of(article: Article, offset: int, spans: list[Span] | None = None) -> tuple[int, int]:
    for s in spans if spans is not None else sentences(article):
        if s.start <= offset < s.end:
            return s.start, s.end
    para = article.paragraph_at(offset)
    return (para.start, para.end) if para else (0, len(article.text))


def _premodifier(text: str, s_start: int, m_start: int, other_names, headline: bool = False) -> tuple[int, int] | None:
    """"Russian opposition leader" before "Alexey Navalny": the title run next to the name.

    The run ends at a function word, a verb form, punctuation, or another entity's name (in a
    headline every word is capitalised, so capitals alone do not tell a title from a name).
    `other_names`: the spans of the other names before this one, or a function that gives them.
    """
    toks = list(_TOKENS_LEFT.finditer(text, s_start, m_start))
    if not toks or text[toks[-1].end() : m_start].strip():
        return None
    last = toks[-1].group()
    last_fold = quotes_mod.fold(last).rstrip(".")
    if not (last_fold in ROLE_WORDS or last_fold.split("-")[-1] in ROLE_WORDS or _possessive(last) or _country(last)):
        return None
    others: list[tuple[int, int]] = other_names() if callable(other_names) else other_names
    first = len(toks)
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k].group()
        low = quotes_mod.fold(tok)
        if not tok[0].isalnum() or low in _STOP_LEFT:
            break
        # "When Apple CEO Steve Jobs": common words end the title, but not "US" or a role.
        if low in _stopwords() and not tok.isupper() and not _country(tok) and low not in ROLE_WORDS:
            break
        if headline and tok[0].isupper() and not (low.rstrip(".") in ROLE_WORDS or low.split("-")[-1] in ROLE_WORDS or _possessive(tok) or _country(tok)):
            break  # headline capitals do not mark names
        if any(s < toks[k].end() and toks[k].start() < e for s, e in others) and not _country(tok):
            break
        if not tok[0].isupper() and low.endswith("ed"):
            break
        # "running mate", "outgoing president"; but "meeting President Xi" is a verb.
        if not tok[0].isupper() and low.endswith("ing") and (k + 1 == len(toks) or toks[k + 1].group()[0].isupper()):
            break
        first = k
    if first == len(toks):
        return None
    return toks[first].start(), toks[-1].end()


def _possessive(word: str) -> bool:
    return word[:1].isupper() and word.endswith(("’s", "'s"))


def _describes_role(phrase: str, form: str) -> bool:
    words = [quotes_mod.fold(w) for w in _WORD.findall(phrase)]
    if form == "premodifier":
        return True  # it ends in a role word, a possessive or a country by construction
    return any(w in ROLE_WORDS or w.split("-")[-1] in ROLE_WORDS for w in words) or _possessive(phrase.split()[0])


_DEMONYMS = {
    # demonym → country, for the nationalities news copy uses most; GeoNames gives the countries' names.
    "american": "United States", "us": "United States", "u.s": "United States", "usa": "United States",
    "russian": "Russia", "soviet": "Soviet Union", "serbian": "Serbia", "serb": "Serbia", "chinese": "China",
    "indian": "India", "mexican": "Mexico", "german": "Germany", "french": "France", "british": "United Kingdom",
    "uk": "United Kingdom", "u.k": "United Kingdom", "english": "United Kingdom", "israeli": "Israel",
    "saudi": "Saudi Arabia", "ukrainian": "Ukraine", "belarusian": "Belarus", "polish": "Poland",
    "italian": "Italy", "spanish": "Spain", "japanese": "Japan", "korean": "Korea", "iranian": "Iran",
    "turkish": "Turkey", "syrian": "Syria", "canadian": "Canada", "australian": "Australia",
    "brazilian": "Brazil", "dutch": "Netherlands", "swedish": "Sweden", "norwegian": "Norway",
    "danish": "Denmark", "finnish": "Finland", "greek": "Greece", "irish": "Ireland", "austrian": "Austria",
    "swiss": "Switzerland", "belgian": "Belgium", "czech": "Czechia", "hungarian": "Hungary",
    "romanian": "Romania", "bulgarian": "Bulgaria", "croatian": "Croatia", "georgian": "Georgia",
    "armenian": "Armenia", "azerbaijani": "Azerbaijan", "kazakh": "Kazakhstan", "pakistani": "Pakistan",
    "afghan": "Afghanistan", "iraqi": "Iraq", "egyptian": "Egypt", "nigerian": "Nigeria",
    "south african": "South Africa", "argentine": "Argentina", "venezuelan": "Venezuela",
    "cuban": "Cuba", "north korean": "North Korea", "south korean": "South Korea", "taiwanese": "Taiwan",
    "vietnamese": "Vietnam", "thai": "Thailand", "indonesian": "Indonesia", "filipino": "Philippines",
    "portuguese": "Portugal", "estonian": "Estonia", "latvian": "Latvia", "lithuanian": "Lithuania",
    "emirati": "United Arab Emirates", "qatari": "Qatar", "lebanese": "Lebanon", "jordanian": "Jordan",
    "palestinian": "Palestine", "scottish": "United Kingdom", "welsh": "United Kingdom",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    names = {quotes_mod.fold(name): name for name in gazetteer.country_names()}
    for country in set(_DEMONYMS.values()):
        names[quotes_mod.fold(country)] = country
    names.update({k: v for k, v in _DEMONYMS.items()})
    return names


def _country(word: str) -> str | None:
    w = quotes_mod.fold(word.replace("’s", "").replace("'s", "")).rstrip(".")
    return _countries().get(w)


def _nationality(phrase: str, form: str) -> str | None:
    words = _WORD.findall(phrase)
    i = 0
    while i < len(words) and words[i].lower() in ("the", "a", "an", "former", "then"):
        i += 1
    countries = _countries()
    for size in (3, 2, 1):
        cand = " ".join(words[i : i + size])
        c = countries.get(quotes_mod.fold(cand.replace("’s", "").replace("'s", "")).rstrip("."))
        if c and (size > 1 or words[i : i + 1] and words[i][0].isupper()):
            return c
    of = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})", phrase)
    if of:
        for size in (3, 2, 1):
            cand = " ".join(of.group(1).split()[:size])
            c = countries.get(quotes_mod.fold(cand).rstrip("."))
            if c:
                return c
    return None


def _office(phrase: str) -> str | None:
    words = [quotes_mod.fold(w).rstrip(".") for w in _WORD.findall(phrase)]
    for k in range(len(words) - 1, -1, -1):
        two = " ".join(words[k : k + 2])
        if two in OFFICES:
            office = OFFICES[two]
        elif words[k] in OFFICES:
            office = OFFICES[words[k]]
        else:
            continue
        qualifiers = [w for w in words[:k] if w in ("former", "ex", "vice", "deputy", "acting")]
        suffix = "-elect" if words[k].endswith("-elect") else ""
        return " ".join(qualifiers + [office + suffix])
    return None


def _contradictions(descriptors: tuple[Descriptor, ...]) -> tuple[Contradiction, ...]:
    out: list[Contradiction] = []
    by_entity: dict[str, list[Descriptor]] = defaultdict(list)
    for d in descriptors:
        by_entity[d.entity].append(d)
    for entity, ds in by_entity.items():
        for kind, attr in (("nationality", "nationality"), ("office", "office")):
            # One example pair per pair of differing values: enough for a reader to check.
            firsts: dict[str, Descriptor] = {}
            for d in ds:
                value = getattr(d, attr)
                if value and value not in firsts:
                    firsts[value] = d
            values = sorted(firsts)
            for x in range(len(values)):
                for y in range(x + 1, len(values)):
                    a, b = firsts[values[x]], firsts[values[y]]
                    if a.article == b.article and kind == "office":
                        continue
                    if kind == "office" and _compatible_offices(values[x], values[y]):
                        continue
                    out.append(Contradiction(entity, kind, a, b, f"{values[x]} / {values[y]}"))
    return tuple(sorted(out, key=lambda c: (c.entity, c.kind, c.first.article, c.first.start, c.second.article, c.second.start)))


def _compatible_offices(a: str, b: str) -> bool:
    """"president-elect" and "president" can both be right within weeks; a different office cannot."""
    strip = lambda s: s.replace("-elect", "").replace("acting ", "")
    return strip(a) == strip(b)


def descriptors_for(comparison: Comparison, entity_id: str) -> list[Descriptor]:
    """How each article describes one entity, in article order, for the entity's page."""
    return list(comparison.by_entity.get(entity_id, ((), ()))[0])


def contradictions_for(comparison: Comparison, entity_id: str) -> list[Contradiction]:
    return list(comparison.by_entity.get(entity_id, ((), ()))[1])


# --- similarity ------------------------------------------------------------------------------------

FULL_MATRIX_LIMIT = 60  # up to this many articles every pair is scored; beyond, related pairs only


def _bag(article: Article) -> Counter[str]:
    """How often each content word stands in the article's headline and body."""
    bag: Counter[str] = Counter()
    for p in article.content_paragraphs():
        bag.update(_content_stem(w) for w in _WORD.findall(article.text, p.start, p.end))
    bag.pop(None, None)
    return bag


def _similarity(articles: list[Article], shares: tuple[ArticleShare, ...],
                bags: dict[str, Counter[str]]) -> tuple[tuple[SimilarityPair, ...], bool]:
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    n = len(articles)
    vectors: dict[str, dict[str, float]] = {}
    for aid, bag in bags.items():
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[aid] = {w: v / norm for w, v in vec.items()}
    shared_words: Counter[tuple[str, str]] = Counter()
    for share in shares:
        for src in share.sources:
            shared_words[tuple(sorted((share.article, src.article)))] += src.words
    ids = [a.id for a in articles]
    complete = n <= FULL_MATRIX_LIMIT
    pairs = [(ids[i], ids[j]) for i in range(n) for j in range(i + 1, n)] if complete else sorted(shared_words)
    out = []
    for a, b in pairs:
        va, vb = vectors[a], vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        cos = sum(v * vb[w] for w, v in va.items() if w in vb)  # the same sum: adding 0.0 changes nothing
        key = tuple(sorted((a, b)))
        out.append(SimilarityPair(key[0], key[1], round(cos, 3), shared_words.get(key, 0)))
    return tuple(sorted(out, key=lambda p: (p.a, p.b))), complete
