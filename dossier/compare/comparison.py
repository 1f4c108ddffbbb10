"""The `Comparison` record and `compare()`, which computes it: the stage's order of work.

1. reading: each article alone (sentences, keys, content words, dates, word bags), stored by
   the article's content; and its quotations, stored by the article and the names in it;
2. matching: sentences and quotations of different articles that are one text;
3. passages: the shared sentences grouped, and each article's share of copied text;
4. stories: which articles report the same story (corrected by the user's stories.yml);
5. quote groups: the statements several articles of one story give, each version collated
   with the first;
6. descriptors of each shared entity (stored by the entity and its articles), contradictions;
7. findings (with their kinds, evidence, confidence and level), word choice per outlet, and
   what each paragraph shares with other articles;
8. similarity and coverage.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from ..cache import StageCache, active, fingerprint, stored
from ..model import Article, Entity, Mention
from . import quotations, reading
from .contradictions import NO_DESCRIPTIONS, Contradiction, EntityDescriptions, contradictions, index_by_entity
from .coverage import Coverage, SingleArticleEntities, coverage, single_article_entities
from .dates import DateMention
from .descriptors import Descriptor, descriptors_of
from .findings import Finding, findings as find
from .matching import UnitMatch, match_units
from .paragraphs import ParagraphRecord, paragraph_records
from .stories import ArticleLabel, Story, StoryOverride, article_labels, group as group_stories
from .word_choice import WordChoice, word_choice
from .passages import ArticleShare, Passage, shared_passages
from .quotations import Quote
from .quote_groups import QuoteGroup, Units, quote_groups, quote_links
from .reading import ArticleReading, Span
from .similarity import SimilarityPair, similarity
from .words import content_words, sentence_key


class ArticleHeading(NamedTuple):
    article: str
    title: str
    date: str | None


@dataclass(frozen=True)
class Comparison:
    articles: tuple[str, ...]  # article ids, in dossier order
    headings: tuple[ArticleHeading, ...]  # of each article, for pages
    html_articles: frozenset[str]  # ids of articles extracted from HTML: dossier.json gives no offsets into them
    quotes: tuple[Quote, ...]
    quote_groups: tuple[QuoteGroup, ...]
    passages: tuple[Passage, ...]
    shares: tuple[ArticleShare, ...]
    descriptors: tuple[Descriptor, ...]
    contradictions: tuple[Contradiction, ...]
    dates: tuple[DateMention, ...]
    similarity: tuple[SimilarityPair, ...]
    similarity_complete: bool  # every pair was scored (small dossiers) or only related ones
    coverage: tuple[Coverage, ...]  # shared entities
    single_article: tuple[SingleArticleEntities, ...]
    labels: tuple[ArticleLabel, ...] = ()  # how pages name each article: outlet and date
    stories: tuple[Story, ...] = ()  # by first date
    findings: tuple[Finding, ...] = ()  # by (article, start): what the comparison has to say, with confidence and level
    word_choice: tuple[WordChoice, ...] = ()  # by (entity, outlet)
    paragraphs: tuple[ParagraphRecord, ...] = ()  # by (article, paragraph): what each paragraph shares
    # entity id → its descriptors / contradictions, so that entity pages do not each scan them all
    by_entity: dict[str, EntityDescriptions] = field(default_factory=dict, compare=False, repr=False)
    story_of: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # article id → story id

    def story(self, story_id: str) -> "StoryView":
        """What one story's comparison page shows: the records of its articles only."""
        return story_view(self, story_id)


@dataclass(frozen=True)
class StoryView:
    """One story's part of the comparison: the records whose articles all belong to it."""

    story: Story
    quote_groups: tuple[QuoteGroup, ...]
    passages: tuple[Passage, ...]
    shares: tuple[ArticleShare, ...]
    descriptors: tuple[Descriptor, ...]
    contradictions: tuple[Contradiction, ...]
    findings: tuple[Finding, ...]
    dates: tuple[DateMention, ...]
    similarity: tuple[SimilarityPair, ...]
    paragraphs: tuple[ParagraphRecord, ...]
    word_choice: tuple[WordChoice, ...]  # counted over the dossier's articles, for the story's entities


def story_view(comparison: Comparison, story_id: str) -> StoryView:
    """One story's records, from an index built once per comparison (a dossier of a thousand
    stories must not scan every record a thousand times)."""
    index = comparison.__dict__.get("_story_index")
    if index is None:
        index = _index_stories(comparison)
        object.__setattr__(comparison, "_story_index", index)
    return index[story_id]


def _index_stories(comparison: Comparison) -> dict[str, StoryView]:
    of = comparison.story_of
    buckets: dict[str, dict[str, list]] = {s.id: defaultdict(list) for s in comparison.stories}

    def put(field: str, item, articles) -> None:
        stories = {of.get(a) for a in articles}
        if len(stories) == 1:
            story = stories.pop()
            if story in buckets:
                buckets[story][field].append(item)

    for g in comparison.quote_groups:
        put("quote_groups", g, g.articles)
    for p in comparison.passages:
        put("passages", p, [m.article for m in p.members])
    for x in comparison.shares:
        put("shares", x, [x.article])
    for d in comparison.descriptors:
        put("descriptors", d, [d.article])
    for c in comparison.contradictions:
        put("contradictions", c, [c.first.article, c.second.article])
    for f in comparison.findings:
        put("findings", f, [f.article] + ([f.other_article] if f.other_article else []))
    for d in comparison.dates:
        put("dates", d, [d.article])
    for p in comparison.similarity:
        put("similarity", p, [p.a, p.b])
    for r in comparison.paragraphs:
        put("paragraphs", r, [r.article])
    entities: dict[str, set[str]] = defaultdict(set)
    for c in comparison.coverage:
        for a, _ in c.counts:
            if of.get(a):
                entities[of[a]].add(c.entity)
    views = {}
    for story in comparison.stories:
        b = buckets[story.id]
        views[story.id] = StoryView(
            story=story,
            quote_groups=tuple(b["quote_groups"]), passages=tuple(b["passages"]), shares=tuple(b["shares"]),
            descriptors=tuple(b["descriptors"]), contradictions=tuple(b["contradictions"]), findings=tuple(b["findings"]),
            dates=tuple(b["dates"]), similarity=tuple(b["similarity"]), paragraphs=tuple(b["paragraphs"]),
            word_choice=tuple(w for w in comparison.word_choice if w.entity in entities[story.id]),
        )
    return views


def descriptors_for(comparison: Comparison, entity_id: str) -> list[Descriptor]:
    """How each article describes one entity, in article order, for the entity's page."""
    return list(comparison.by_entity.get(entity_id, NO_DESCRIPTIONS).descriptors)


def contradictions_for(comparison: Comparison, entity_id: str) -> list[Contradiction]:
    return list(comparison.by_entity.get(entity_id, NO_DESCRIPTIONS).contradictions)


def compare(articles: list[Article], entities: list[Entity], cache: StageCache | None = None,
            article_keys: dict[str, str] | None = None, stories: tuple[StoryOverride, ...] = ()) -> Comparison:
    """Everything the comparison page and dossier.json show about how the articles relate.
    With `cache`, what belongs to one article or entity is stored; `article_keys` (each article's
    `fingerprint`, when the caller has them) saves computing them again; `stories`: the user's
    stories (`story_file.load_stories`)."""
    # The stage makes millions of small acyclic objects that reference counting frees. Python's
    # cycle collector would scan the whole growing heap again and again, which made the stage
    # grow as n^1.25 instead of n (benchmarks/results/compare_scaling.md); it is paused here.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _compare(articles, entities, cache, article_keys, stories)
    finally:
        if was_enabled:
            gc.enable()


class _Mentions(NamedTuple):
    """Every entity's mentions, by article."""

    spans: dict[str, list[tuple[int, int, str]]]  # (start, end, entity id), for quotation speakers
    mentions: dict[str, list[Mention]]  # for descriptors


def _mentions_by_article(entities: list[Entity]) -> _Mentions:
    spans_in: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    mentions_in: dict[str, list[Mention]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            spans_in[m.article].append((m.start, m.end, e.id))
            mentions_in[m.article].append(m)
    return _Mentions(spans_in, mentions_in)


def _compare(articles: list[Article], entities: list[Entity], cache: StageCache | None = None,
             article_keys: dict[str, str] | None = None, overrides: tuple[StoryOverride, ...] = ()) -> Comparison:
    ids = tuple(a.id for a in articles)
    if article_keys is None:
        article_keys = {a.id: fingerprint(a) for a in articles} if active(cache) else {}
    by_id = {a.id: a for a in articles}
    date_of = {a.id: a.date for a in articles}

    # The per-article readings are stored by the article's content (`dossier.cache`); the rest
    # of the stage relates articles to each other and is computed on every build.
    read: dict[str, ArticleReading] = {
        a.id: stored(cache, ("article", article_keys.get(a.id)), partial(reading.read_article, a)) for a in articles
    }
    mentions = _mentions_by_article(entities)
    units = _units(articles, read, _quotations(articles, mentions.spans, cache, article_keys))
    n_sent = len(units.sentences)
    matches = match_units(
        [u.article for u in units.sentences] + [q.article for q in units.quotes],
        [k for a in articles for k in read[a.id].keys] + [sentence_key(q.text) for q in units.quotes],
        units.features,
        [False] * n_sent + [True] * len(units.quotes),
    )
    sentence_matches = [m for m in matches if m.earlier < n_sent and m.later < n_sent]
    passages, shares = shared_passages(units.sentences, sentence_matches, by_id, date_of)
    grouped = group_stories(articles, {a.id: read[a.id].bag for a in articles}, {a.id: read[a.id].lead for a in articles},
                            _english_frequency(read), overrides)
    # A statement is collated only with the versions of its own story: the same words in two
    # stories ("a historic day for our workers": a trade pact and a factory's opening) are two statements.
    links = _within_stories(matches, units, grouped.story_of) + quote_links(units, grouped.story_of)
    groups = quote_groups(units, links, by_id, date_of, cache)
    shared_entities = [e for e in entities if e.shared]
    descriptors = _descriptors(articles, shared_entities, mentions.mentions, read, cache, article_keys)
    found = contradictions(descriptors, date_of)
    scores = similarity(articles, shares, {a.id: read[a.id].bag for a in articles})
    labels = article_labels(articles)
    findings = find(groups, found, {q.id: q for q in units.quotes}, by_id, grouped.story_of)
    return Comparison(
        articles=ids,
        headings=tuple(ArticleHeading(a.id, a.title, a.date) for a in articles),
        html_articles=frozenset(a.id for a in articles if not a.offsets_valid),
        quotes=tuple(units.quotes),
        quote_groups=groups,
        passages=passages,
        shares=shares,
        descriptors=descriptors,
        contradictions=found,
        dates=tuple(d for a in articles for d in read[a.id].dates),
        similarity=scores.pairs,
        similarity_complete=scores.complete,
        coverage=coverage(shared_entities),
        single_article=single_article_entities(ids, entities),
        labels=labels,
        stories=grouped.stories,
        findings=findings,
        word_choice=word_choice(shared_entities, descriptors, labels, by_id),
        paragraphs=paragraph_records(passages, groups, findings, by_id),
        by_entity=index_by_entity(ids, descriptors, found),
        story_of=grouped.story_of,
    )


def _english_frequency(read: dict[str, ArticleReading]) -> dict[str, float]:
    """Each content word's frequency in English: of its most frequent form in the dossier."""
    out: dict[str, float] = {}
    for r in read.values():
        for w, z in r.zipf.items():
            if z > out.get(w, -1.0):
                out[w] = z
    return out


def _within_stories(matches: list[UnitMatch], units: Units, story_of: dict[str, str]) -> list[UnitMatch]:
    def article(i: int) -> str:
        return units.quote(i).article if units.is_quote(i) else units.sentences[i].article

    return [m for m in matches if story_of.get(article(m.earlier)) == story_of.get(article(m.later))]


def _quotations(articles: list[Article], spans_in: dict[str, list[tuple[int, int, str]]], cache: StageCache | None,
                article_keys: dict[str, str]) -> list[Quote]:
    """Every article's quotations, stored by the article and the names in it (speakers are names)."""
    all_quotes: list[Quote] = []
    for a in articles:
        spans = spans_in.get(a.id, [])
        all_quotes.extend(stored(cache, ("quotes", article_keys.get(a.id), sorted(spans)),
                                 lambda: tuple(quotations.extract(a, spans=spans))))
    return all_quotes


def _units(articles: list[Article], read: dict[str, ArticleReading], all_quotes: list[Quote]) -> Units:
    """All sentences, in dossier order, then all quotations: what `matching` compares."""
    sentences: list[Span] = [s for a in articles for s in read[a.id].sentences]
    features = [f for a in articles for f in read[a.id].features] + [content_words(q.text) for q in all_quotes]
    return Units(sentences, all_quotes, features)


def _descriptors(articles: list[Article], shared_entities: list[Entity], mentions_in: dict[str, list[Mention]],
                 read: dict[str, ArticleReading], cache: StageCache | None,
                 article_keys: dict[str, str]) -> tuple[Descriptor, ...]:
    """The descriptors of every shared entity, by (entity, article, start)."""
    by_id = {a.id: a for a in articles}
    sentences_of = {a.id: read[a.id].sentences for a in articles}
    # An entity's descriptors read its mentions and the articles they stand in (with the other
    # names there): stored under those, so an edit redoes only the entities of that article.
    read_for_descriptors = ({a.id: fingerprint(article_keys[a.id], [(o.start, o.end) for o in mentions_in.get(a.id, ())])
                             for a in articles} if active(cache) else {})
    descriptors = tuple(
        d for e in shared_entities
        for d in stored(cache, ("descriptors", e.id, e.mentions, [read_for_descriptors.get(a) for a in e.articles]),
                        partial(descriptors_of, e, by_id, mentions_in, sentences_of))
    )
    return tuple(sorted(descriptors, key=lambda d: (d.entity, d.article, d.start)))
