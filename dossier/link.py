"""Link: choose which mentions in an article's text become links to entity pages.

Only shared entities have pages. By default the first mention of each entity in an article is
linked (as Wikipedia's style guide does, so a page is not a sea of links); `link: all` links
every mention. Headlines, boilerplate and names inside URLs are never linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import BODY, Article, Entity, Mention

# A mention inside something like "https://example.com/Putin" or "www.putin.ru" is part of an
# address, not prose: linking it would break the address's meaning.
_URLISH = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S*|\S+@\S+\.\w+|\S+\.(?:com|org|net|ru|gov|io)\S*", re.I)


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    entity: str  # Entity.id


def mentions_by_article(entities: list[Entity]) -> dict[str, list[tuple[Mention, Entity]]]:
    """Each article's mentions with their entity, in one pass over all entities."""
    index: dict[str, list[tuple[Mention, Entity]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            index.setdefault(mention.article, []).append((mention, entity))
    for pairs in index.values():
        pairs.sort(key=lambda pair: (pair[0].start, -pair[0].end))
    return index


def plan_links(article: Article, mentions: list[tuple[Mention, Entity]], mode: str = "first") -> list[Link]:
    """Non-overlapping links into `article.text`, sorted by start.

    `mentions` are this article's (mention, entity) pairs, sorted by start.
    """
    urls = [(m.start(), m.end()) for m in _URLISH.finditer(article.text)] if _may_hold_addresses(article.text) else []
    body = [(p.start, p.end) for p in article.paragraphs if p.kind == BODY]
    linked: set[str] = set()
    links: list[Link] = []
    last_end = -1
    for mention, entity in mentions:
        if not entity.shared or (mode == "first" and entity.id in linked):
            continue
        if mention.start < last_end or not _inside_any(mention.start, mention.end, body):
            continue
        if _overlaps_any(mention.start, mention.end, urls):
            continue
        links.append(Link(mention.start, mention.end, entity.id))
        linked.add(entity.id)
        last_end = mention.end
    return links


_ADDRESS_MARKS = ("://", "www.", "@", ".com", ".org", ".net", ".ru", ".gov", ".io")


def _may_hold_addresses(text: str) -> bool:
    """Whether `_URLISH` can match at all: most articles hold no address, and looking for these
    marks costs a hundredth of running the expression."""
    folded = text.lower()
    return any(mark in folded for mark in _ADDRESS_MARKS)


def _inside_any(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps_any(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)
