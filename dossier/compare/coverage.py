"""Coverage: how often each article mentions each shared entity, and which entities only one
article names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from ..model import Entity


class MentionCount(NamedTuple):
    article: str
    mentions: int


@dataclass(frozen=True)
class Coverage:
    entity: str
    counts: tuple[MentionCount, ...]  # by article id


class SingleArticleEntities(NamedTuple):
    article: str
    entities: tuple[str, ...]  # ids of the entities no other article mentions, sorted


def coverage(shared_entities: list[Entity]) -> tuple[Coverage, ...]:
    """Each shared entity's mentions per article, by entity id."""
    return tuple(
        Coverage(e.id, tuple(MentionCount(*c) for c in sorted(Counter(m.article for m in e.mentions).items())))
        for e in sorted(shared_entities, key=lambda e: e.id)
    )


def single_article_entities(article_ids: tuple[str, ...], entities: list[Entity]) -> tuple[SingleArticleEntities, ...]:
    """The articles that name an entity no other article names, in dossier order, with those entities."""
    only: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        arts = e.articles
        if len(arts) == 1:
            only[arts[0]].append(e.id)
    return tuple(SingleArticleEntities(a, tuple(sorted(only[a]))) for a in article_ids if only.get(a))
