"""Article pages: the article's text, exactly as written, with entity links, note highlights
and permanent paragraph anchors (`#p-<number>`), then the sections contributors add."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..link import Link
from ..model import BOILERPLATE, HEADLINE, Article, Paragraph
from markupsafe import Markup

from .compare_refs import story_path
from .html import Urls, text, tooltip_attribute
from .inputs import EntityRef, SiteInputs
from .registry import Additions, Highlight, page_kind
from .templating import render_page, tooltip


@dataclass(frozen=True)
class ArticlePage:
    """Everything an article page shows (its cache key is this record's fingerprint)."""

    article: Article
    links: tuple[Link, ...]
    linked: tuple[EntityRef, ...]  # the entities its links point to: their tooltips
    shared: tuple[tuple[EntityRef, int], ...]  # "Shared entities in this article", with mentions
    additions: Additions
    urls: Urls = Urls()
    trail: "Trail | None" = None


@dataclass(frozen=True)
class Neighbour:
    href: str
    title: str
    date: str | None
    source: str | None


@dataclass(frozen=True)
class Trail:
    """Where an article belongs: the list of articles, its story, and the articles before and
    after it in that story by date (every renderer shows it, with or without the plugin)."""

    index: str  # link to the articles index
    story: str | None  # the story's title, when the dossier has several
    story_href: str | None  # its comparison page, when it has one (two articles or more)
    previous: Neighbour | None
    next: Neighbour | None


def paragraph_html(article: Article, paragraph: Paragraph, links: list[Link], entities: dict[str, EntityRef],
                   highlights: list[Highlight] = (), urls: Urls = Urls(), source: str = "articles/x.md") -> str:
    """One paragraph's content as HTML: escaped text with entity links and highlights woven in.

    A link that would cross a highlight's edge is dropped: markup must nest, and the
    highlight (a person's note) matters more than the link.
    """
    start, end = paragraph.start, paragraph.end
    spans = [h for h in highlights if start <= h.start and h.end <= end and h.start < h.end]
    inner = [l for l in links if start <= l.start and l.end <= end]
    inner = [l for l in inner if not any(l.start < h.start < l.end or l.start < h.end < l.end for h in spans)]
    # (offset, closer?, nesting key, markup). At one offset closers come first, the innermost
    # (latest started) first; then openers, the outermost (latest ending) first. A highlight and
    # a link on the same words: the highlight is outside.
    events: list[tuple[int, int, tuple, str]] = []
    for h in spans:
        events.append((h.start, 1, (-h.end, 0), h.before))
        events.append((h.end, 0, (-h.start, 1), h.after))
    for l in inner:
        entity = entities[l.entity]
        href = urls.link(source, f"entities/{entity.id}.md")
        events.append((l.start, 1, (-l.end, 1), f'<a href="{href}" title="{tooltip_attribute(tooltip(entity))}">'))
        events.append((l.end, 0, (-l.start, 0), "</a>"))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out: list[str] = []
    cursor = start
    for offset, _, _, piece in events:
        out.append(text(article.text[cursor:offset]))
        out.append(piece)
        cursor = offset
    out.append(text(article.text[cursor:end]))
    return "".join(out).strip()


@dataclass(frozen=True)
class Anchored:
    """Rendered Markdown and the paragraph anchor it belongs to (article paragraphs, entity-page snippets)."""

    anchor: str
    html: str
    aside: str = ""  # article pages: HTML a contributor places right after the paragraph


@dataclass
class _Block:
    collapsed: bool
    reasons: str
    paragraphs: list[Anchored]


def by_paragraph(article: Article, spans) -> dict[int, list]:
    """Spans (anything with `start`) grouped by the index of the paragraph they start in: each
    paragraph then looks only at its own, not at all of them (linear in the article's length)."""
    starts = [p.start for p in article.paragraphs]
    grouped: dict[int, list] = {}
    for span in spans:
        index = bisect_right(starts, span.start) - 1
        if index >= 0:
            grouped.setdefault(index, []).append(span)
    return grouped


def shown_headline(article: Article) -> Paragraph | None:
    """The headline paragraph that the page shows as its H1, if any."""
    return next((p for p in article.paragraphs
                 if p.kind == HEADLINE and article.text[p.start:p.end] == article.title), None)


def render(page: ArticlePage, memo: dict | None = None) -> str:
    article = page.article
    entities = {ref.id: ref for ref in page.linked}
    headline = shown_headline(article)
    links_in = by_paragraph(article, page.links)
    highlights_in = by_paragraph(article, page.additions.highlights)
    source = f"articles/{article.id}.md"
    blocks: list[_Block] = []
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph is headline:
            continue
        content = paragraph_html(article, paragraph, links_in.get(index, []), entities, highlights_in.get(index, []),
                                 page.urls, source)
        collapsed = paragraph.kind == BOILERPLATE
        aside = "" if collapsed else page.additions.aside(paragraph.anchor)
        rendered = Anchored(paragraph.anchor, Markup(content), Markup(aside))
        # Runs of paragraphs of one kind make one block (appended to: a block may hold
        # thousands of paragraphs, and copying it for each would take quadratic time).
        if blocks and blocks[-1].collapsed == collapsed:
            last = blocks[-1]
            if collapsed and paragraph.reason not in last.reasons.split(", "):
                last.reasons = f"{last.reasons}, {paragraph.reason}"
            last.paragraphs.append(rendered)
        else:
            blocks.append(_Block(collapsed, paragraph.reason or "boilerplate" if collapsed else "", [rendered]))
    shared = [(ref, count, page.urls.link(source, f"entities/{ref.id}.md")) for ref, count in page.shared]
    return render_page(
        "article.page.j2",
        trail=page.trail,
        article=article,
        headline=headline,
        blocks=blocks,
        entities=shared,
        extra=Markup(page.additions.slot("sections")),
    )


def record(site: SiteInputs, article: Article, additions: Additions) -> ArticlePage:
    links = tuple(site.links.get(article.id, ()))
    counts = site.shared_per_article.get(article.id, {})
    refs = site.refs
    shared = sorted(((refs[i], n) for i, n in counts.items()), key=lambda en: (-en[1], en[0].name.casefold()))
    linked = tuple(refs[i] for i in sorted({l.entity for l in links}))
    return ArticlePage(article, links, linked, tuple(shared), additions, site.urls, trail(site, article))


def _story_orders(site: SiteInputs) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, str | None]]]:
    """Each article's story (its articles by date) and the story's title and page (None for a
    story of one article, which has no page); one story of every article when the comparison
    has no stories."""
    stories = getattr(site.comparison, "stories", ()) or ()
    orders: dict[str, tuple[str, ...]] = {}
    titles: dict[str, tuple[str, str | None]] = {}
    for story in stories:
        page = story_path(story.id) if len(story.articles) >= 2 else None
        for article_id in story.articles:
            orders[article_id] = tuple(story.articles)
            titles[article_id] = (story.title, page)
    if len(orders) < len(site.articles):
        everything = tuple(a.id for a in sorted(site.articles, key=lambda a: (a.date or "9999", a.id)))
        for article_id in everything:
            orders.setdefault(article_id, everything)
    return orders, titles if len(stories) > 1 else {}


def trail(site: SiteInputs, article: Article) -> Trail:
    orders, titles = site.memo("story orders", lambda: _story_orders(site))
    source = f"articles/{article.id}.md"
    order = orders.get(article.id, ())
    index = order.index(article.id) if article.id in order else -1

    def neighbour(i: int) -> Neighbour | None:
        if index < 0 or not 0 <= i < len(order):
            return None
        other = site.article_index.get(order[i])
        if other is None:
            return None
        return Neighbour(site.urls.link(source, f"articles/{other.id}.md"), other.title, other.date, other.source)

    story, page = titles.get(article.id, (None, None))
    return Trail(site.urls.link(source, "articles/index.md"), story,
                 site.urls.link(source, page) if page else None, neighbour(index - 1), neighbour(index + 1))


@page_kind("article", order=10, render=render, stored=True)
def article_pages(site: SiteInputs, additions, made):
    for article in site.articles:
        yield f"articles/{article.id}.md", record(site, article, additions.get("article", article.id))
