"""The index pages: every article by date, every shared entity by type, and the build report."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article
from .inputs import SiteInputs
from .registry import page_kind
from .templating import render_template

TYPE_TITLES = {"person": "People", "organization": "Organizations", "place": "Places", "other": "Other names"}


def sort_articles(articles) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date is None, a.date or "", a.title.casefold(), a.id))


@dataclass(frozen=True)
class _ArticleRow:
    article: Article
    entities: int


def articles_index(site: SiteInputs, memo: dict | None = None) -> str:
    counts = site.shared_per_article
    rows = [_ArticleRow(a, len(counts.get(a.id, {}))) for a in sort_articles(site.articles)]
    return render_template("articles-index.md.j2", articles=site.articles, rows=rows)


def entities_index(site: SiteInputs, memo: dict | None = None) -> str:
    groups = []
    for type_ in TYPE_TITLES:
        items = sorted((e for e in site.shared if e.type == type_), key=lambda e: (-len(e.articles), e.name.casefold(), e.id))
        if items:
            groups.append((type_, items))
    return render_template("entities-index.md.j2", groups=groups, type_titles=TYPE_TITLES,
                           unshared=len(site.entities) - len(site.shared), min_articles=site.min_articles)


def report_page(site: SiteInputs, memo: dict | None = None) -> str:
    return render_template("report.md.j2", inputs=site.inputs, articles=len(site.articles), problems=site.problems)


@page_kind("articles-index", order=30, render=articles_index)
def _articles_index(site: SiteInputs, additions, made):
    yield "articles/index.md", site


@page_kind("entities-index", order=30, render=entities_index)
def _entities_index(site: SiteInputs, additions, made):
    yield "entities/index.md", site


@page_kind("build-report", order=60, render=report_page)
def _build_report(site: SiteInputs, additions, made):
    yield "build-report.md", site
