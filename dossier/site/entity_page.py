"""Entity pages: every mention of a shared entity in context, grouped by article, then the
entities it appears with and the sections contributors add (descriptor tables, notes, links)."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

from ..model import BODY, HEADLINE, Article, Entity
from markupsafe import Markup

from .article_page import Anchored
from .html import Urls, one_line, tooltip_attribute
from .inputs import EntityRef, SiteInputs
from .registry import Additions, page_kind
from .templating import render_page, tooltip

MAX_NAMES_PER_ARTICLE = 200  # names of one article counted for "appears with"
SNIPPET_CONTEXT = 80  # characters of context on each side of a mention on entity pages


@dataclass(frozen=True)
class EntityPage:
    """Everything an entity page shows (its cache key is this record's fingerprint)."""

    entity: Entity
    articles: tuple[Article, ...]  # the articles that mention it, for its snippets and headings
    companions: tuple[tuple[EntityRef, int], ...]  # shared entities it appears with, articles in common
    additions: Additions
    urls: Urls = Urls()


@dataclass(frozen=True)
class _Group:
    article: Article
    snippets: tuple[Anchored, ...]
    heading: str = ""  # the article's linked title, date and outlet, as HTML


def snippet(article: Article, start: int, end: int) -> Anchored | None:
    paragraph = article.paragraph_at(start)
    if paragraph is None or paragraph.kind not in (BODY, HEADLINE):
        return None
    left = max(paragraph.start, start - SNIPPET_CONTEXT)
    right = min(paragraph.end, end + SNIPPET_CONTEXT)
    # Cut at word boundaries so a snippet never starts or ends mid-word.
    while left > paragraph.start and not article.text[left - 1].isspace():
        left += 1
        if left >= start:
            left = start
            break
    while right < paragraph.end and not article.text[right].isspace():
        right -= 1
        if right <= end:
            right = end
            break
    before = ("…" if left > paragraph.start else "") + article.text[left:start]
    after = article.text[end:right] + ("…" if right < paragraph.end else "")
    content = f"{one_line(before)}<strong>{one_line(article.text[start:end])}</strong>{one_line(after)}"
    return Anchored(paragraph.anchor, Markup(content.strip()))


def article_heading(article: Article, urls: Urls, source: str) -> str:
    """An article's line on entity pages: linked title, date and outlet."""
    href = urls.link(source, f"articles/{article.id}.md")
    parts = [f'<strong><a href="{href}">{one_line(article.title)}</a></strong>',
             one_line(article.date or "date unknown")]
    if article.source:
        parts.append(one_line(article.source))
    return " · ".join(parts)


def render(page: EntityPage, memo: dict) -> str:
    """An entity's page. `memo` keeps the HTML that recurs on many entity pages (an article's
    heading line, a link to an entity with its tooltip) for the next page of the same build."""
    entity = page.entity
    source = f"entities/{entity.id}.md"
    articles = {a.id: a for a in page.articles}
    groups = []
    # One pass over the mentions: an entity in thousands of articles has tens of thousands.
    by_article: dict[str, list] = {}
    for mention in entity.mentions:
        by_article.setdefault(mention.article, []).append(mention)
    for article_id in entity.articles:
        article = articles.get(article_id)
        if article is None:
            continue
        snippets = []
        seen: set[str] = set()
        for mention in by_article.get(article_id, ()):
            s = snippet(article, mention.start, mention.end)
            if s is not None and s.html not in seen:
                seen.add(s.html)
                snippets.append((s, page.urls.link(source, f"articles/{article_id}.md", s.anchor)))
        head = memo.get(("article", article_id))
        if head is None:
            head = memo[("article", article_id)] = Markup(article_heading(article, page.urls, source))
        groups.append(_Group(article, tuple(snippets), head))
    groups.sort(key=lambda g: (g.article.date or "9999", g.article.id))
    linked = []
    for other, count in page.companions:
        target = memo.get(("entity", other.id))
        if target is None:
            href = page.urls.link(source, f"entities/{other.id}.md")
            target = memo[("entity", other.id)] = Markup(
                f'<a href="{href}" title="{tooltip_attribute(tooltip(other))}">{one_line(other.name)}</a>')
        linked.append((target, count))
    return render_page(
        "entity.page.j2",
        entity=entity,
        groups=groups,
        companions=linked,
        descriptors=Markup(page.additions.slot("descriptors")),
        extra=Markup(page.additions.slot("sections")),
        search_terms=Markup(page.additions.slot("search-terms")),
    )


def companions_of(shared: list[Entity], limit: int = 15) -> dict[str, list[tuple[Entity, int]]]:
    """For each shared entity, the shared entities it appears with, by articles in common.

    Built from an article → entities index, so the cost follows co-occurrences, not the square
    of the entity count.
    """
    by_article: dict[str, list[Entity]] = {}
    for entity in shared:
        for article_id in entity.articles:
            by_article.setdefault(article_id, []).append(entity)
    # An article that names hundreds of shared entities (a list, a table of results) says little
    # about who appears with whom, and counting all its pairs would take the square of its
    # length: it counts for its most widespread names only.
    for article_id, names in by_article.items():
        if len(names) > MAX_NAMES_PER_ARTICLE:
            by_article[article_id] = sorted(names, key=lambda e: (-len(e.articles), e.id))[:MAX_NAMES_PER_ARTICLE]
    result: dict[str, list[tuple[Entity, int]]] = {}
    by_id = {e.id: e for e in shared}
    for entity in shared:
        counts: Counter[str] = Counter()
        for article_id in entity.articles:
            counts.update(other.id for other in by_article[article_id] if other.id != entity.id)
        ranked = heapq.nsmallest(limit, ((-n, i) for i, n in counts.items()))  # most in common, then by id
        result[entity.id] = [(by_id[i], -negative) for negative, i in ranked]
    return result


# The last companions computed, with what they were computed from (a running process asks
# again after every edit, and most edits change no entity's articles).
_COMPANIONS: list = [None, None]


def _companions(shared: list[Entity]) -> dict[str, list[tuple[Entity, int]]]:
    basis = [(e.id, e.articles) for e in shared]
    if _COMPANIONS[0] != basis:
        _COMPANIONS[:] = [basis, companions_of(shared)]
    result = _COMPANIONS[1]
    by_id = {e.id: e for e in shared}  # the current entity records, not the earlier ones
    return {key: [(by_id[o.id], n) for o, n in value] for key, value in result.items()}


@page_kind("entity", order=20, render=render, stored=True)
def entity_pages(site: SiteInputs, additions, made):
    companions = _companions(site.shared)
    index = site.article_index
    refs = site.refs
    for entity in site.shared:
        page = EntityPage(entity, tuple(index[a] for a in entity.articles if a in index),
                          tuple((refs[e.id], n) for e, n in companions[entity.id]),
                          additions.get("entity", entity.id), site.urls)
        yield f"entities/{entity.id}.md", page
