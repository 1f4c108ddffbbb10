"""The index pages: every article by date, every shared entity by type, and the build report."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article
from .html import Urls
from .inputs import EntityRef, SiteInputs
from .registry import page_kind
from .templating import render_page, render_template

TYPE_TITLES = {"person": "People", "organization": "Organizations", "place": "Places", "other": "Other names"}


def sort_articles(articles) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date is None, a.date or "", a.title.casefold(), a.id))


PAGE_SIZE = 500  # rows per page of an index: a page stays small whatever the dossier's size


def _pages(folder: str, total: int) -> list[str]:
    """The files of a paged index: folder/index.md, then folder/index_2.md... (an id is a slug,
    which never has an underscore, so these never take an article's or an entity's address)."""
    count = max(1, -(-total // PAGE_SIZE))
    return [f"{folder}/index.md"] + [f"{folder}/index_{n}.md" for n in range(2, count + 1)]


def _links(urls: Urls, source: str, files: list[str]) -> tuple[tuple[int, str], ...]:
    return tuple((n, urls.link(source, f)) for n, f in enumerate(files, 1))


@dataclass(frozen=True)
class ArticleRow:
    href: str
    title: str
    date: str | None
    source: str | None
    words: int
    entities: int


@dataclass(frozen=True)
class ArticlesIndexPage:
    number: int
    pages: int
    total: int
    first: int
    last: int
    links: tuple[tuple[int, str], ...]
    rows: tuple[ArticleRow, ...]


def _articles_index_pages(site: SiteInputs):
    counts = site.shared_per_article
    ordered = sort_articles(site.articles)
    files = _pages("articles", len(ordered))
    for number, path in enumerate(files, 1):
        chunk = ordered[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
        rows = tuple(ArticleRow(site.urls.link(path, f"articles/{a.id}.md"), a.title, a.date, a.source, a.words,
                                len(counts.get(a.id, {}))) for a in chunk)
        yield path, ArticlesIndexPage(number, len(files), len(ordered), (number - 1) * PAGE_SIZE + 1,
                                      (number - 1) * PAGE_SIZE + len(chunk), _links(site.urls, path, files), rows)


def articles_index(page: ArticlesIndexPage, memo: dict | None = None) -> str:
    return render_page("articles-index.page.j2", page=page)


@dataclass(frozen=True)
class EntityRow:
    href: str
    ref: EntityRef
    articles: int
    mentions: int
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EntityGroup:
    type: str
    title: str
    total: int
    rows: tuple[EntityRow, ...]


@dataclass(frozen=True)
class EntitiesIndexPage:
    number: int
    pages: int
    min_articles: int
    unshared: int
    links: tuple[tuple[int, str], ...]
    groups: tuple[EntityGroup, ...]


def _entities_index_pages(site: SiteInputs):
    ordered = []
    totals = {}
    for type_ in TYPE_TITLES:
        items = sorted((e for e in site.shared if e.type == type_), key=lambda e: (-len(e.articles), e.name.casefold(), e.id))
        totals[type_] = len(items)
        ordered += items
    files = _pages("entities", len(ordered))
    for number, path in enumerate(files, 1):
        chunk = ordered[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
        groups = []
        for type_ in TYPE_TITLES:
            rows = tuple(EntityRow(site.urls.link(path, f"entities/{e.id}.md"), site.refs[e.id], len(e.articles),
                                   len(e.mentions), tuple(e.aliases)) for e in chunk if e.type == type_)
            if rows:
                groups.append(EntityGroup(type_, TYPE_TITLES[type_], totals[type_], rows))
        yield path, EntitiesIndexPage(number, len(files), site.min_articles, len(site.entities) - len(site.shared),
                                      _links(site.urls, path, files), tuple(groups))


def entities_index(page: EntitiesIndexPage, memo: dict | None = None) -> str:
    return render_page("entities-index.page.j2", page=page)


def report_page(site: SiteInputs, memo: dict | None = None) -> str:
    return render_template("report.md.j2", inputs=site.inputs, articles=len(site.articles), problems=site.problems)


@page_kind("articles-index", order=30, render=articles_index, stored=True)
def _articles_index(site: SiteInputs, additions, made):
    yield from _articles_index_pages(site)


@page_kind("entities-index", order=30, render=entities_index, stored=True)
def _entities_index(site: SiteInputs, additions, made):
    yield from _entities_index_pages(site)


@page_kind("build-report", order=60, render=report_page)
def _build_report(site: SiteInputs, additions, made):
    yield "build-report.md", site
