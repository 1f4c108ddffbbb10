"""The `Comparison` record and `compare()`, which computes it: the stage's order of work.

1. reading: each article alone (sentences, keys, content words, dates, word bag), stored by
   the article's content; and its quotations, stored by the article and the names in it;
2. matching: sentences and quotations of different articles that are one text;
3. passages: the shared sentences grouped, and each article's share of copied text;
4. quote groups: the statements several articles give, each version collated with the first;
5. descriptors of each shared entity (stored by the entity and its articles), contradictions;
6. similarity and coverage.
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
from .matching import match_units
from .passages import ArticleShare, Passage, shared_passages
from .quotations import Quote
from .quote_groups import QuoteGroup, Units, quote_groups
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
    # entity id → its descriptors / contradictions, so that entity pages do not each scan them all
    by_entity: dict[str, EntityDescriptions] = field(default_factory=dict, compare=False, repr=False)


def descriptors_for(comparison: Comparison, entity_id: str) -> list[Descriptor]:
    """How each article describes one entity, in article order, for the entity's page."""
    return list(comparison.by_entity.get(entity_id, NO_DESCRIPTIONS).descriptors)


def contradictions_for(comparison: Comparison, entity_id: str) -> list[Contradiction]:
    return list(comparison.by_entity.get(entity_id, NO_DESCRIPTIONS).contradictions)


def compare(articles: list[Article], entities: list[Entity], cache: StageCache | None = None,
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
             article_keys: dict[str, str] | None = None) -> Comparison:
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
    groups = quote_groups(units, matches, by_id, date_of, cache)
    shared_entities = [e for e in entities if e.shared]
    descriptors = _descriptors(articles, shared_entities, mentions.mentions, read, cache, article_keys)
    found = contradictions(descriptors)
    scores = similarity(articles, shares, {a.id: read[a.id].bag for a in articles})
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
        by_entity=index_by_entity(ids, descriptors, found),
    )


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
