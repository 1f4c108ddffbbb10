"""Reuse the entities of an earlier build when the articles read the same to the resolver.

An edit that moves names without changing them (a word added, a typo fixed) changes only where
the mentions stand: the earlier entities are kept, with the mentions at their new positions.
"""

from __future__ import annotations

from dataclasses import replace

from ..cache import StageCache, fingerprint
from ..model import Article, Entity, Mention
from .curation import Curation
from .index import acronym_after
from .names import title_before
from .resolver import resolve


def reading(article: Article, ordered: list[Mention], curated: bool) -> tuple:
    """What `resolve` reads of one article, without the offsets: for each of its mentions, in
    text order, the text, type and evidence, the acronym it defines right after it, if any, the
    honorific or title before it ("Mr.", "President") and whether "the" stands before it. Articles whose readings did not change resolve to the same entities (see
    `resolve_reusing`). With curated names, the whole text is read (they are searched for in it)."""
    text = article.text
    if curated:
        return article.id, text, tuple((m.start, m.end, m.text, m.type, m.evidence, m.evidence_kind, m.unconfirmed)
                                       for m in ordered)
    return article.id, tuple((m.text, m.type, m.evidence, m.evidence_kind, m.unconfirmed, acronym_after(text, m.end),
                              title_before(text, m.start), text[max(0, m.start - 4):m.start] in ("the ", "The "))
                             for m in ordered)


def resolve_reusing(articles: list[Article], mentions: dict[str, list[Mention]], curation: Curation | None,
                    min_articles: int, cache) -> list[Entity]:
    """`resolve`, or the entities of an earlier build whose articles read the same to it.

    An edit that moves names without changing them (a word added, a typo fixed) changes only
    where the mentions stand: the earlier entities are kept, with those articles' mentions
    replaced by their new positions. The result is the one `resolve` would give."""
    curation = curation or Curation()
    curated = any(not d.ignore for d in curation.decisions)
    ordered, readings, now = {}, [], {}
    for a in articles:
        ordered[a.id], digest = _read(a, mentions.get(a.id, ()), curated, now)
        readings.append(digest)
    if StageCache.remember:  # this build's articles only: a deleted article's reading is let go
        _READINGS.clear()
        _READINGS.update(now)
    key = fingerprint(curation, min_articles, sorted(readings))
    earlier = cache.get(key) if cache is not None else None
    entities = _moved(*earlier, ordered) if earlier is not None else None
    if entities is None:
        entities = resolve(articles, mentions, curation, min_articles)
    if cache is not None:
        cache.put(key, (entities, ordered))
    return entities


# In a long-running process (`mkdocs serve`, `--watch`), each article's ordered mentions and
# reading digest, with the article object and mention list they were made from: after an edit
# only the edited article is read again (the others are the very same objects, from the stored
# readings and recognitions).
_READINGS: dict[str, tuple] = {}


def _read(article: Article, mentions, curated: bool, now: dict[str, tuple]) -> tuple[list[Mention], str]:
    known = _READINGS.get(article.id)
    if known is not None and known[0] is article and known[1] is mentions and known[2] == curated:
        result = known[3], known[4]
    else:
        ordered = sorted(mentions, key=lambda m: (m.start, m.end))
        result = ordered, fingerprint(reading(article, ordered, curated))
    now[article.id] = (article, mentions, curated, *result)
    return result


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
