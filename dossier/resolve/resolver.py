"""`resolve`: the index of the dossier's names, the rules in order, the entities."""

from __future__ import annotations

from ..model import Article, Entity, Mention
from .curation import Curation
from .entities import build_entities
from .index import build_index
from .rules import RULES


def resolve(articles: list[Article], mentions: dict[str, list[Mention]], curation: Curation | None = None,
            min_articles: int = 2) -> list[Entity]:
    """The dossier's entities, sorted by id. The rules are listed, in order, in `rules.RULES`."""
    index = build_index(articles, mentions, curation or Curation())
    for rule in RULES:
        rule(index)
    return build_entities(index, min_articles)
