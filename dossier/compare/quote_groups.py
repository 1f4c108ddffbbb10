"""Quote groups: one statement as several articles give it, quoted, reworded, translated or
paraphrased, with each version collated against the first.

A group is made of the matches between quotations and sentences (`matching`): a sentence that
holds a quotation stands for that quotation, and a sentence of another article that matches it
without quotation marks is a paraphrase. A statement that goes on in the next paragraph is
carried on into the group when every version goes on there too (continuation).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from rapidfuzz import fuzz

from ..cache import StageCache, stored
from ..model import Article
from . import collation
from .collation import Alignment
from .matching import MIN_SURFACE, UnionFind, UnitMatch
from .quotations import Quote
from .reading import Span
from .words import content_stem, content_words, sentence_key


@dataclass(frozen=True)
class GroupMember:
    id: str  # quote id, or "<article>#s<start>" for a paraphrase
    kind: str  # quote | paraphrase | mixed (quoted in part, paraphrased in part)
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
class Units:
    """The units the matches are between, by index: the sentences of all articles, then the
    quotations (unit `len(sentences) + k` is quotation `k`)."""

    sentences: list[Span]
    quotes: list[Quote]
    features: list[frozenset[str]]  # `words.content_words` of each unit

    def quote(self, index: int) -> Quote:
        return self.quotes[index - len(self.sentences)]

    def is_quote(self, index: int) -> bool:
        return index >= len(self.sentences)


def quote_groups(units: Units, matches: list[UnitMatch], by_id: dict[str, Article],
                 date_of: dict[str, str | None], cache: StageCache | None = None) -> tuple[QuoteGroup, ...]:
    """The statements that more than one article gives, ids qg-1, qg-2… in order of their base."""
    groups: list[QuoteGroup] = []
    for members in _linked_components(units, matches).values():
        group = _group_of(members, units, by_id, date_of, cache)
        if group is not None:
            groups.append(group)
    groups.sort(key=lambda g: (g.base.article, g.base.parts[0][0]))
    groups = _join_continued(groups, by_id)
    groups = _extend_continued(groups, units, by_id)
    return tuple(QuoteGroup(f"qg-{n}", g.members, g.alignments) for n, g in enumerate(groups, 1))


def _linked_components(units: Units, matches: list[UnitMatch]) -> dict[int, list[int]]:
    """The units that matches join into one statement, by component; each sorted by index."""
    n_sent = len(units.sentences)
    uf = UnionFind(n_sent + len(units.quotes))
    # A sentence that holds a quotation stands for that quotation: a rewrite of the sentence
    # reports the same statement, quoted or paraphrased.
    quotes_in: dict[int, list[int]] = defaultdict(list)
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, q in enumerate(units.quotes):
        by_article[q.article].append(k)
    for i, u in enumerate(units.sentences):
        for k in by_article.get(u.article, ()):
            q = units.quotes[k]
            if any(s < u.end and u.start < e for s, e in q.parts):
                quotes_in[i].append(n_sent + k)
    feats = units.features
    linked: set[int] = set()
    for i, j, _ in matches:
        ends = []
        for x, other in ((i, j), (j, i)):
            if x >= n_sent:
                ends.append([x])
                continue
            qs_here = [q for q in quotes_in.get(x, ()) if supports(feats[q], feats[other])]
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
    return comps


def _group_of(members: list[int], units: Units, by_id: dict[str, Article], date_of: dict[str, str | None],
              cache: StageCache | None) -> QuoteGroup | None:
    """The group that one component makes: its oldest quotation is the base, every other article
    gives one version (its quotation, or its sentence closest to the base). None when the
    component holds no quotation or one article only."""
    qs = [units.quote(i) for i in members if units.is_quote(i)]
    if not qs:
        return None
    quoted_articles = {q.article for q in qs}
    paraphrases: list[Span] = []
    for i in members:
        if units.is_quote(i):
            continue
        u = units.sentences[i]
        if u.article in quoted_articles:
            continue  # that article quotes the statement: its quotation is the member
        paraphrases.append(u)
    if len({q.article for q in qs} | {p.article for p in paraphrases}) < 2:
        return None
    qs = _one_per_article(qs, date_of)
    base, *others = (_quote_member(q) for q in qs)
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
    return QuoteGroup("", tuple(members_all), alignments)


def _one_per_article(qs: list[Quote], date_of: dict[str, str | None]) -> list[list[Quote]]:
    """One version per article, the oldest article's first. An article that gives several
    quotations of the component in neighbouring paragraphs gives them as one version (the parts
    of one statement); of several such runs, the one that shares most words with the others (the
    base) or with the base (every other article) is the version."""
    qs = sorted(qs, key=lambda q: (date_of[q.article] or "9999", q.article, q.start))
    by_article: dict[str, list[list[Quote]]] = defaultdict(list)
    for q in qs:
        runs = by_article[q.article]
        if runs and 0 <= q.paragraphs[0] - runs[-1][-1].paragraphs[-1] <= 1 and _may_be_one_speaker(runs[-1][-1], q):
            runs[-1].append(q)
        else:
            runs.append([q])
    words = {id(r): frozenset().union(*(content_words(q.text) for q in r)) for runs in by_article.values() for r in runs}
    first, *rest = by_article
    others = [r for a in rest for r in by_article[a]]
    base = max(by_article[first], key=lambda r: (sum(len(words[id(r)] & words[id(o)]) for o in others), -r[0].start))
    chosen = [base]
    for a in rest:
        chosen.append(max(by_article[a], key=lambda r: (len(words[id(r)] & words[id(base)]), -r[0].start)))
    return chosen


def _may_be_one_speaker(a: Quote, b: Quote) -> bool:
    """Two neighbouring quotations may be one statement's parts: the same speaker (a pronoun
    goes back to the speaker before it), or neither attributed. An unattributed quotation in a
    reporter's sentence next to an attributed one is someone else's words as often as not
    ("Calling it a "reckless gamble…", the council voted…" before "…," the motion reads)."""
    if not a.speaker and not b.speaker:
        return True
    if not a.speaker or not b.speaker:
        return False
    if a.speaker.lower() in ("he", "she", "they") or b.speaker.lower() in ("he", "she", "they"):
        return True
    if a.speaker_entity and a.speaker_entity == b.speaker_entity:
        return True
    return a.speaker.split()[-1].lower().rstrip(".") == b.speaker.split()[-1].lower().rstrip(".")


def _quote_member(run: list[Quote]) -> GroupMember:
    """One article's version: its quotation, or the run of its quotations in neighbouring paragraphs."""
    q = run[0]
    speaker = next((x for x in run if x.speaker), q)
    return GroupMember(q.id, "quote", q.article, tuple(dict.fromkeys(p for x in run for p in x.paragraphs)),
                       tuple(p for x in run for p in x.parts), " ".join(x.text for x in run),
                       speaker.speaker, speaker.speaker_entity, speaker.verb, tuple(x.id for x in run))


RUN = 4  # words in a row two quotations share to be one statement's versions


def quote_links(units: Units, story_of: dict[str, str]) -> list[UnitMatch]:
    """Quotations of different articles of one story that share a run of `RUN` words (one of
    them a content word): the same words quoted, whether or not the sentences around them match."""
    n_sent = len(units.sentences)
    postings: dict[tuple, list[int]] = defaultdict(list)
    for k, q in enumerate(units.quotes):
        keys = sentence_key(q.text).split()
        seen: set[tuple[str, ...]] = set()
        for i in range(len(keys) - RUN + 1):
            gram = tuple(keys[i : i + RUN])
            if gram in seen or all(content_stem(w) is None for w in gram):
                continue
            seen.add(gram)
            postings[(story_of.get(q.article), gram)].append(k)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > 50:
            continue  # a formula everybody repeats, not one statement
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if units.quotes[a].article != units.quotes[b].article:
                    pairs.add((min(a, b), max(a, b)))
    return [UnitMatch(n_sent + a, n_sent + b, "rewritten") for a, b in sorted(pairs)
            if _shares_a_stretch(units.quotes[a].text, units.quotes[b].text)]


def _shares_a_stretch(a: str, b: str) -> bool:
    """The longest run of words the two share is half the shorter quotation, or carries three
    content words: "a reckless and costly blunder" in a longer version, yes; "the city
    council and" in two different sentences of one story, no."""
    ka, kb = sentence_key(a).split(), sentence_key(b).split()
    m = difflib.SequenceMatcher(None, ka, kb, autojunk=False).find_longest_match(0, len(ka), 0, len(kb))
    run = ka[m.a : m.a + m.size]
    return m.size >= RUN and (2 * m.size >= min(len(ka), len(kb)) or sum(content_stem(w) is not None for w in run) >= 3)


def _align(by_id: dict[str, Article], base: GroupMember, member: GroupMember, cache: StageCache | None) -> Alignment:
    """`collation.align` of two versions, stored by the words they hold (it reads nothing else)."""
    base_text, text = by_id[base.article].text, by_id[member.article].text
    key = ("align", base.id, member.id, base.parts, member.parts,
           [base_text[s:e] for s, e in base.parts], [text[s:e] for s, e in member.parts])
    return stored(cache, key, partial(collation.align, base_text, base.parts, text, member.parts, base.id, member.id))


def _realign(by_id: dict[str, Article], members: list[GroupMember]) -> tuple[Alignment, ...]:
    """The first member collated against each other one (not stored: continuations are few)."""
    base = members[0]
    return tuple(
        collation.align(by_id[base.article].text, base.parts, by_id[m.article].text, m.parts, base.id, m.id)
        for m in members[1:]
    )


def _join_continued(groups: list[QuoteGroup], by_id: dict[str, Article]) -> list[QuoteGroup]:
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
            out[-1] = QuoteGroup("", tuple(members), _realign(by_id, members))
        else:
            out.append(g)
    return out


def _extend_continued(groups: list[QuoteGroup], units: Units, by_id: dict[str, Article]) -> list[QuoteGroup]:
    """Carry a statement on into the next paragraph: when the base article quotes the same
    speaker again there ("For my part, I am ready…"), and every other version goes on in its
    next paragraph with a sentence that carries some of those words ("for his part, he is ready
    for cooperation and contacts"), that is the statement's next part, reworded.

    Short statements share too few words to be matched on their own; their place after the
    matched parts is the evidence that the looser match needs.
    """
    grouped = {q for g in groups for m in g.members for q in m.quotes}
    quote_at: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k, q in enumerate(units.quotes):
        quote_at[(q.article, q.paragraphs[0])].append(k)
    unit_at: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, u in enumerate(units.sentences):
        unit_at[(u.article, u.paragraph)].append(i)
    out = []
    for g in groups:
        while True:
            base = g.members[0]
            nxt = [
                k for k in quote_at.get((base.article, base.paragraphs[-1] + 1), ())
                if units.quotes[k].id not in grouped and units.quotes[k].speaker_entity
                and units.quotes[k].speaker_entity == base.speaker_entity
            ]
            if not nxt:
                break
            q = units.quotes[nxt[0]]
            additions = _next_sentences(g, q, units.features[len(units.sentences) + nxt[0]], units, unit_at, by_id)
            if additions is None:
                break
            grouped.add(q.id)
            g = _extended(g, q, additions, by_id)
        out.append(g)
    return out


def _next_sentences(g: QuoteGroup, q: Quote, q_feats: frozenset[str], units: Units,
                    unit_at: dict[tuple[str, int], list[int]], by_id: dict[str, Article]) -> list[Span] | None:
    """For each member but the base, the sentence of its next paragraph that carries quotation
    `q` on; None when one of them has none."""
    q_key = sentence_key(q.text)
    additions = []
    for m in g.members[1:]:
        found = None
        for i in unit_at.get((m.article, m.paragraphs[-1] + 1), ()):
            u = units.sentences[i]
            text = by_id[u.article].text[u.start : u.end]
            if supports(q_feats, units.features[i]) and fuzz.token_set_ratio(q_key, sentence_key(text)) >= MIN_SURFACE:
                found = u
                break
        if found is None:
            return None
        additions.append(found)
    return additions


def _extended(g: QuoteGroup, q: Quote, additions: list[Span], by_id: dict[str, Article]) -> QuoteGroup:
    """Group `g` with quotation `q` added to its base and each addition to the other members."""
    base = g.members[0]
    members = [GroupMember(base.id, base.kind, base.article, base.paragraphs + q.paragraphs, base.parts + q.parts,
                           base.text + " " + q.text, base.speaker, base.speaker_entity, base.verb, base.quotes + (q.id,))]
    for m, u in zip(g.members[1:], additions):
        span = _trim_to_alignment(by_id[u.article].text, (u.start, u.end), by_id[q.article].text, q.parts)
        kind = m.kind if m.kind == "paraphrase" else "mixed"
        members.append(GroupMember(m.id, kind, m.article, tuple(dict.fromkeys(m.paragraphs + (u.paragraph,))),
                                   m.parts + (span,), m.text + " " + by_id[u.article].text[span[0] : span[1]],
                                   m.speaker, m.speaker_entity, m.verb, m.quotes))
    return QuoteGroup(g.id, tuple(members), _realign(by_id, members))


def _continues(a: QuoteGroup, b: QuoteGroup) -> bool:
    if [m.article for m in a.members] != [m.article for m in b.members]:
        return False
    if not a.base.speaker_entity or a.base.speaker_entity != b.base.speaker_entity:
        return False
    return all(0 <= mb.paragraphs[0] - ma.paragraphs[-1] <= 1 for ma, mb in zip(a.members, b.members))


def supports(quote: frozenset[str], sentence: frozenset[str]) -> bool:
    """The other sentence carries the quotation's words, not only its lead-in's."""
    shared = len(quote & sentence)
    return shared >= 2 and shared >= 0.5 * min(len(quote), len(sentence))


def _trim_to_alignment(text: str, span: tuple[int, int], base_text: str, base_parts) -> tuple[int, int]:
    """The stretch of a paraphrasing sentence that corresponds to the quotation."""
    toks = collation.tokens(text, [span])
    base = collation.tokens(base_text, base_parts)
    matcher = difflib.SequenceMatcher(None, [t.key for t in base], [t.key for t in toks], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size and any(t.is_word for t in toks[b.b : b.b + b.size])]
    if not blocks:
        return span
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
    # The paraphrase's own ending ("talks with the Prime Minister") belongs to it: carry
    # the span on to the end of the clause.
    while last + 1 < len(toks) and toks[last + 1].key not in (",", ".", ";", ":", "!", "?"):
        last += 1
    return toks[first].start, toks[last].end
