"""What the site layer reads: one typed record of everything the computing stages produced.

Page kinds and section contributors (see `registry.py`) take a `SiteInputs` and nothing else,
so what a page can show is exactly what this record holds. The derived views below (entities by
id, shared entities, counts per article) are computed once per build, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping

from ..link import Link
from ..model import Article, Entity, Problem
from .html import Urls


@dataclass(frozen=True)
class EntityRef:
    """What a link to an entity shows: its page, name, type, and the preview its tooltip gives
    (description, other names, number of articles, one passage that names it)."""

    id: str
    name: str
    type: str
    description: str | None
    article_count: int
    aliases: tuple[str, ...] = ()  # a few other names, most common first
    context: str = ""  # a short passage of the earliest article that names it

    @classmethod
    def of(cls, entity: Entity, articles: Mapping[str, Article] | None = None) -> "EntityRef":
        return cls(entity.id, entity.name, entity.type, entity.description, len(entity.articles),
                   tuple(entity.aliases[:PREVIEW_ALIASES]), _context(entity, articles or {}))


PREVIEW_ALIASES = 3
PREVIEW_CONTEXT = 70  # characters on each side of the name


def _context(entity: Entity, articles: Mapping[str, Article]) -> str:
    """“…words before the name and after it…”, from the earliest article that names it."""
    ordered = sorted((m for m in entity.mentions if m.article in articles),
                     key=lambda m: (articles[m.article].date or "9999", m.article, m.start))
    for mention in ordered:
        article = articles[mention.article]
        paragraph = article.paragraph_at(mention.start)
        if paragraph is None or paragraph.kind == "boilerplate":
            continue
        left = max(paragraph.start, mention.start - PREVIEW_CONTEXT)
        right = min(paragraph.end, mention.end + PREVIEW_CONTEXT)
        text = article.text[left:right]
        if left > paragraph.start:
            text = "…" + text.split(" ", 1)[-1]
        if right < paragraph.end:
            text = text.rsplit(" ", 1)[0] + "…"
        return " ".join(text.split())
    return ""


@dataclass(frozen=True, eq=False)
class SiteInputs:
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    links: Mapping[str, list[Link]]  # article id -> the links planned in its text
    comparison: Any  # compare.Comparison
    note_set: Any  # notes.NoteSet
    problems: tuple[Problem, ...]
    inputs: int  # input files seen
    registry: Any  # ids.Registry: redirects and retired ids
    min_articles: int
    site_url: str | None
    project_root: Path
    generator: str
    article_keys: Mapping[str, str]  # article id -> fingerprint; empty without a cache
    urls: Urls = Urls()  # how pages link to each other (mkdocs.yml's use_directory_urls)
    docs_dir: Path | None = None  # where hand-written pages are (a generated page may yield to one)
    input_name: str = ""  # the input folder as published paths name it ("seeds", "story")

    @cached_property
    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def refs(self) -> dict[str, EntityRef]:
        articles = self.article_index
        return {e.id: EntityRef.of(e, articles if e.shared else None) for e in self.entities}

    @cached_property
    def shared(self) -> list[Entity]:
        return [e for e in self.entities if e.shared]

    @cached_property
    def article_index(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @cached_property
    def shared_per_article(self) -> dict[str, dict[str, int]]:
        """article id -> shared entity id -> mentions of it in the article."""
        counts: dict[str, dict[str, int]] = {}
        for entity in self.shared:
            for mention in entity.mentions:
                per = counts.setdefault(mention.article, {})
                per[entity.id] = per.get(entity.id, 0) + 1
        return counts

    def memo(self, name: str, compute):
        """A value derived from these inputs, computed once per build (page kinds share it)."""
        store = self.__dict__.setdefault("_memo", {})
        if name not in store:
            store[name] = compute()
        return store[name]

    @cached_property
    def known_keys(self) -> dict[int, str]:
        """Objects that stand for their precomputed fingerprint in a page's key (the articles)."""
        return {id(a): f"article:{self.article_keys[a.id]}" for a in self.articles if a.id in self.article_keys}
