"""What the comparison's pages share: how they name and link articles, stories, outlets and
entities, and how they are written (front matter and HTML blocks between heading lines, as
`html.py` describes, so the MkDocs plugin renders them without a Markdown pass).

Articles are named by their label, outlet and date ("Fox News, 2018-04-20", `Comparison.labels`),
never by a bare number. Every input text is escaped here (`html.one_line`, `html.attribute`).
"""

from __future__ import annotations

from functools import cached_property

from ..compare import Comparison
from ..model import Article
from ..slugs import slugify
from .html import Urls, attribute, heading, one_line
from .templating import page_title

UNKNOWN_OUTLET = "Outlet unknown"


def front_matter(title: str, kind: str, ident: str | None = None, search: bool = True) -> str:
    """The front matter of a page written as HTML blocks (`render: html`)."""
    lines = ["---", f"title: {page_title(title)}", "dossier:", f"  kind: {kind}"]
    if ident:
        lines.append(f"  id: {ident}")
    lines.append("  render: html")
    if not search:
        lines += ["search:", "  exclude: true"]
    lines.append("---")
    return "\n".join(lines)


def page(title: str, kind: str, blocks: list[str], ident: str | None = None, search: bool = True) -> str:
    """A whole page: front matter, then heading lines and HTML blocks separated by blank lines.
    A block must not contain a blank line (it would end the raw HTML block in Markdown)."""
    body = "\n\n".join(b.strip("\n") for b in blocks if b and b.strip())
    return f"{front_matter(title, kind, ident, search)}\n\n{body}\n"


def h(level: int, title: str, ident: str, search: bool = True) -> str:
    return heading(level, title, ident, search)


def details(summary: str, body: str, css: str = "note", search: bool = False, open_: bool = False) -> str:
    """A collapsed block (Material styles <details> as a collapsible admonition). `summary` and
    `body` are HTML. Left out of the search index unless `search`."""
    exclude = "" if search else " data-search-exclude"
    return (f'<details class="{css}"{exclude}{" open" if open_ else ""}><summary>{summary}</summary>\n'
            f"{body}\n</details>")


def story_path(story_id: str) -> str:
    return f"compare/{story_id}.md"


def outlet_slugs(outlets) -> dict[str, str]:
    """Each outlet's page name, unique (two outlets whose names make the same slug are told apart)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for outlet in sorted(set(outlets)):
        base = slugify(outlet, max_length=60) or "outlet"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[outlet] = slug
    return out


def outlet_path(slug: str) -> str:
    return f"outlets/{slug}.md"


class Refs:
    """Links from one page (`source`, docs-relative) to articles, stories, outlets and entities."""

    def __init__(self, comparison: Comparison, articles: dict[str, Article], source: str, urls: Urls,
                 entity_names: dict[str, str] | None = None, shared: set[str] | frozenset[str] = frozenset(),
                 stories_with_pages: set[str] | frozenset[str] = frozenset(), memo: dict | None = None):
        self.comparison = comparison
        # Links already made, shared by the pages of one folder (their relative URLs are the same):
        # an article page's asides link the same paragraphs of other articles again and again.
        self.memo = memo if memo is not None else {}
        self.folder = source.rsplit("/", 1)[0] if "/" in source else ""
        self.articles = articles
        self.source = source
        self.urls = urls
        self.entity_names = entity_names or {}
        self.shared = shared
        self.stories_with_pages = stories_with_pages

    @cached_property
    def labels(self) -> dict[str, str]:
        return label_map(self.comparison)

    @cached_property
    def outlets(self) -> dict[str, str | None]:
        return once(self.comparison, "outlets", lambda c: {x.article: x.outlet for x in c.labels})

    @cached_property
    def outlet_pages(self) -> dict[str, str]:
        return once(self.comparison, "outlet_pages", lambda c: outlet_slugs(x.outlet for x in c.labels if x.outlet))

    def label(self, aid: str) -> str:
        return self.labels.get(aid, aid)

    def url(self, target: str, anchor: str = "") -> str:
        return self.urls.link(self.source, target, anchor)

    def article(self, aid: str, paragraph: int | None = None, text: str | None = None) -> str:
        """A link to an article (or one of its paragraphs), named by its label (and ¶N)."""
        key = (self.folder, aid, paragraph, text)
        hit = self.memo.get(key)
        if hit is None:
            hit = self.memo[key] = self._article(aid, paragraph, text)
        return hit

    def _article(self, aid: str, paragraph: int | None, text: str | None) -> str:
        a = self.articles.get(aid)
        shown = text if text is not None else (f"{self.label(aid)} ¶{paragraph}" if paragraph else self.label(aid))
        if a is None:
            return one_line(shown)
        href = self.url(f"articles/{aid}.md", f"p-{paragraph}" if paragraph else "")
        return f'<a href="{attribute(href)}">{one_line(shown)}</a>'

    def paragraphs(self, aid: str, numbers) -> str:
        """Links to paragraphs of one article: "Fox News, 2018-04-17 ¶3, ¶5"."""
        numbers = list(numbers)
        if not numbers:
            return self.article(aid)
        return ", ".join([self.article(aid, numbers[0])] + [self.article(aid, n, f"¶{n}") for n in numbers[1:]])

    def title(self, aid: str) -> str:
        """The article's linked title."""
        a = self.articles.get(aid)
        if a is None:
            return one_line(aid)
        return f'<a href="{attribute(self.url(f"articles/{aid}.md"))}">{one_line(a.title)}</a>'

    def story(self, story_id: str, text: str) -> str:
        if story_id not in self.stories_with_pages:
            return one_line(text)
        return f'<a href="{attribute(self.url(story_path(story_id)))}">{one_line(text)}</a>'

    def outlet(self, outlet: str | None) -> str:
        if not outlet:
            return one_line(UNKNOWN_OUTLET)
        slug = self.outlet_pages.get(outlet)
        if slug is None:
            return one_line(outlet)
        return f'<a href="{attribute(self.url(outlet_path(slug)))}">{one_line(outlet)}</a>'

    def entity(self, eid: str | None, fallback: str = "unattributed") -> str:
        if not eid:
            return one_line(fallback)
        name = self.entity_names.get(eid, eid)
        if eid in self.shared:
            return f'<a href="{attribute(self.url(f"entities/{eid}.md"))}">{one_line(name)}</a>'
        return one_line(name)


def once(comparison: Comparison, name: str, make):
    """A view of the comparison made once per comparison (kept on it): pages of every entity and
    article ask for the same maps."""
    key = f"_site_{name}"
    hit = comparison.__dict__.get(key)
    if hit is None:
        hit = make(comparison)
        object.__setattr__(comparison, key, hit)
    return hit


def label_map(comparison: Comparison) -> dict[str, str]:
    """Article id → label (outlet and date)."""
    return once(comparison, "labels", lambda c: {x.article: x.label for x in c.labels})


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
