"""Pages: turn the model into the generated Markdown files (as strings; `emit` writes them).

Every piece of input text passes through `markup.text`, so it displays literally; only the
links, anchors and structure that this module adds are Markdown.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2

from .site import markup
from .link import Link
from .model import BODY, BOILERPLATE, HEADLINE, Article, Entity, Paragraph, Problem

TYPE_TITLES = {"person": "People", "organization": "Organizations", "place": "Places", "other": "Other names"}
SNIPPET_CONTEXT = 80  # characters of context on each side of a mention on entity pages


@dataclass(frozen=True)
class Highlight:
    """A span of an article decorated with markup that another stage provides (notes)."""

    start: int
    end: int
    before: str  # Markdown/HTML placed before the span; must not contain input text unescaped
    after: str


@dataclass
class PageExtras:
    """Sections other stages add to generated pages, as ready Markdown."""

    article_highlights: dict[str, list[Highlight]] = field(default_factory=dict)
    article_sections: dict[str, str] = field(default_factory=dict)
    entity_sections: dict[str, str] = field(default_factory=dict)
    entity_descriptors: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=False,  # the output is Markdown: escaping is markup.text's job, applied explicitly
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.globals.update(md=one_line, yaml=markup.yaml_string, page_title=page_title, link=markup.link,
                       tooltip=tooltip)
    return env


_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")
# Characters YAML does not allow even quoted (MkDocs would then show the front matter as text).
_NOT_YAML = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


def one_line(value: str) -> str:
    """Untrusted text in a heading, table cell or list item: literal, and on one line, so a line
    break in a title or name cannot end the heading or row and start a block of its own."""
    return markup.text(_LINE_BREAKS.sub(" ", value))


def page_title(value: str) -> str:
    """A page's front-matter `title:`. MkDocs themes insert it as HTML (Material's header and
    <title>), not as text, so it is HTML-escaped here, then quoted as YAML."""
    return markup.yaml_string(html.escape(_NOT_YAML.sub(" ", _LINE_BREAKS.sub(" ", value)), quote=False))


def render_template(name: str, **context) -> str:
    text = _environment().get_template(name).render(**context)
    return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse the blank lines that template control blocks leave, keeping Markdown structure."""
    out: list[str] = []
    blank = 0
    for line in text.splitlines():
        if line.strip():
            blank = 0
            out.append(line.rstrip())
        else:
            blank += 1
            if blank == 1:
                out.append("")
    return "\n".join(out).strip() + "\n"


def tooltip(entity: Entity) -> str:
    """A link title for an entity, as plain text: `markup.link_title` escapes it (the description
    comes from entities.yml and is untrusted)."""
    label = {"person": "Person", "organization": "Organization", "place": "Place"}.get(entity.type, "Entity")
    if entity.description:
        return f"{label}: {entity.description}"
    return f"{label} · {len(entity.articles)} articles"


# --- article pages -----------------------------------------------------------------------


def paragraph_markdown(article: Article, paragraph: Paragraph, links: list[Link], entities: dict[str, Entity],
                       highlights: list[Highlight] = (), prefix: str = "../entities/") -> str:
    """One paragraph as Markdown: escaped text with entity links and highlights woven in.

    A link that would cross a highlight's edge is dropped: markup must nest, and the
    highlight (a person's note) matters more than the link.
    """
    start, end = paragraph.start, paragraph.end
    spans = [h for h in highlights if start <= h.start and h.end <= end and h.start < h.end]
    inner = [l for l in links if start <= l.start and l.end <= end]
    inner = [l for l in inner if not any(l.start < h.start < l.end or l.start < h.end < l.end for h in spans)]
    events: list[tuple[int, int, str]] = []  # (offset, order, markup): closers before openers at one offset
    for h in spans:
        events.append((h.start, 2, h.before))
        events.append((h.end, 0, h.after))
    for l in inner:
        entity = entities[l.entity]
        title = markup.link_title(tooltip(entity))
        events.append((l.start, 3, "["))
        events.append((l.end, 1, f']({prefix}{entity.id}.md "{title}")'))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = []
    cursor = start
    for offset, _, piece in events:
        out.append(markup.text_inline(article.text[cursor:offset]))
        out.append(piece)
        cursor = offset
    out.append(markup.text_inline(article.text[cursor:end]))
    return "".join(out).strip()


@dataclass(frozen=True)
class _Anchored:
    """Rendered Markdown and the paragraph anchor it belongs to (article paragraphs, entity-page snippets)."""

    anchor: str
    markdown: str


@dataclass(frozen=True)
class _Block:
    collapsed: bool
    reasons: str
    paragraphs: tuple[_Anchored, ...]


def article_page(article: Article, links: list[Link], entities: dict[str, Entity],
                 linked_entities: list[tuple[Entity, int]], extras: PageExtras) -> str:
    highlights = extras.article_highlights.get(article.id, [])
    headline = next((p for p in article.paragraphs
                     if p.kind == HEADLINE and article.text[p.start:p.end] == article.title), None)
    # Each paragraph gets only its own links and highlights: looking through all of them for
    # every paragraph would take time quadratic in the article's length.
    links_in = _by_paragraph(article, links)
    highlights_in = _by_paragraph(article, highlights)
    blocks: list[_Block] = []
    for index, paragraph in enumerate(article.paragraphs):
        if paragraph is headline:
            continue
        rendered = _Anchored(paragraph.anchor, paragraph_markdown(article, paragraph, links_in.get(index, []), entities,
                                                                  highlights_in.get(index, [])))
        collapsed = paragraph.kind == BOILERPLATE
        if blocks and blocks[-1].collapsed and collapsed:
            last = blocks[-1]
            reasons = last.reasons if paragraph.reason in last.reasons.split(", ") else f"{last.reasons}, {paragraph.reason}"
            blocks[-1] = _Block(True, reasons, last.paragraphs + (rendered,))
        elif blocks and not blocks[-1].collapsed and not collapsed:
            blocks[-1] = _Block(False, "", blocks[-1].paragraphs + (rendered,))
        else:
            blocks.append(_Block(collapsed, paragraph.reason or "boilerplate", (rendered,)))
    return render_template(
        "article.md.j2",
        article=article,
        headline=headline,
        blocks=blocks,
        entities=linked_entities,
        extra=extras.article_sections.get(article.id, ""),
    )


def _by_paragraph(article: Article, spans) -> dict[int, list]:
    """Spans (anything with `start`) grouped by the index of the paragraph they start in."""
    starts = [p.start for p in article.paragraphs]
    grouped: dict[int, list] = {}
    for span in spans:
        index = bisect_right(starts, span.start) - 1
        if index >= 0:
            grouped.setdefault(index, []).append(span)
    return grouped


# --- entity pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    article: Article
    snippets: tuple[_Anchored, ...]
    heading: str = ""  # the article's linked title, date and outlet, as Markdown


def snippet(article: Article, start: int, end: int) -> _Anchored | None:
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
    md = f"{markup.text_inline(before)}**{markup.text(article.text[start:end])}**{markup.text_inline(after)}"
    return _Anchored(paragraph.anchor, md.strip())


def entity_page(entity: Entity, articles: dict[str, Article], companions: list[tuple[Entity, int]],
                extras: PageExtras, memo: dict[tuple[str, str], str] | None = None) -> str:
    """An entity's page. `memo` keeps the Markdown that recurs on many entity pages (an article's
    heading line, a link to an entity with its tooltip) for the next page of the same build."""
    memo = {} if memo is None else memo
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
            if s is not None and s.markdown not in seen:
                seen.add(s.markdown)
                snippets.append(s)
        head = memo.get(("article", article_id))
        if head is None:
            head = memo[("article", article_id)] = _article_heading(article)
        groups.append(_Group(article, tuple(snippets), head))
    groups.sort(key=lambda g: (g.article.date or "9999", g.article.id))
    linked = []
    for other, count in companions:
        target = memo.get(("entity", other.id))
        if target is None:
            target = memo[("entity", other.id)] = markup.link(one_line(other.name), f"{other.id}.md", tooltip(other))
        linked.append((target, count))
    return render_template(
        "entity.md.j2",
        entity=entity,
        groups=groups,
        companions=linked,
        descriptors=extras.entity_descriptors.get(entity.id, ""),
        extra=extras.entity_sections.get(entity.id, ""),
    )


def _article_heading(article: Article) -> str:
    """An article's line on entity pages: linked title, date and outlet."""
    parts = [f"**{markup.link(one_line(article.title), f'../articles/{article.id}.md')}**",
             one_line(article.date or "date unknown")]
    if article.source:
        parts.append(one_line(article.source))
    return " · ".join(parts)


def companions_of(shared: list[Entity], limit: int = 15) -> dict[str, list[tuple[Entity, int]]]:
    """For each shared entity, the shared entities it appears with, by articles in common.

    Built from an article → entities index, so the cost follows co-occurrences, not the square
    of the entity count.
    """
    by_article: dict[str, list[Entity]] = {}
    for entity in shared:
        for article_id in entity.articles:
            by_article.setdefault(article_id, []).append(entity)
    result: dict[str, list[tuple[Entity, int]]] = {}
    by_id = {e.id: e for e in shared}
    for entity in shared:
        counts: Counter[str] = Counter()
        for article_id in entity.articles:
            counts.update(other.id for other in by_article[article_id] if other.id != entity.id)
        ranked = heapq.nsmallest(limit, ((-n, i) for i, n in counts.items()))  # most in common, then by id
        result[entity.id] = [(by_id[i], -negative) for negative, i in ranked]
    return result


# --- index pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _ArticleRow:
    article: Article
    entities: int


def articles_index(articles: list[Article], shared_counts: dict[str, int]) -> str:
    rows = [_ArticleRow(a, shared_counts.get(a.id, 0)) for a in sort_articles(articles)]
    return render_template("articles-index.md.j2", articles=articles, rows=rows)


def sort_articles(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date is None, a.date or "", a.title.casefold(), a.id))


def entities_index(entities: list[Entity], min_articles: int) -> str:
    shared = [e for e in entities if e.shared]
    groups = []
    for type_ in TYPE_TITLES:
        items = sorted((e for e in shared if e.type == type_), key=lambda e: (-len(e.articles), e.name.casefold(), e.id))
        if items:
            groups.append((type_, items))
    return render_template("entities-index.md.j2", groups=groups, type_titles=TYPE_TITLES,
                           unshared=len(entities) - len(shared), min_articles=min_articles)


def report_page(inputs: int, articles: int, problems: list[Problem]) -> str:
    return render_template("report.md.j2", inputs=inputs, articles=articles, problems=problems)


_SLUG_PATH = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)+")


def page_address(rel: str) -> str:
    """The URL path (directory URLs) of a generated file: "articles/x.md" -> "articles/x/"."""
    if rel.endswith(".md"):
        stem = rel[:-3]
        return "" if stem == "index" else (stem[:-5] if stem.endswith("/index") else stem + "/")
    return rel.removesuffix("index.html")


def redirect_pages(redirects: dict[str, str], pages_made: dict[str, str] | None = None) -> dict[str, str]:
    """Static pages that send an old URL to its new one (ids are slugs: safe in a URL).

    The redirects come from dossier-ids.yml, a file beside mkdocs.yml that anyone may edit:
    an entry that is not a pair of slug paths is skipped, so it cannot inject HTML or a URL, and
    a redirect never takes the address of a page of this build (`pages_made`)."""
    taken = {page_address(rel) for rel in pages_made or ()}
    pages_: dict[str, str] = {}
    for old, new in sorted(redirects.items()):
        if not (_SLUG_PATH.fullmatch(str(old)) and _SLUG_PATH.fullmatch(str(new))):
            continue
        if old in taken:
            continue
        depth = old.strip("/").count("/") + 1
        target = "../" * depth + new
        pages_[old.strip("/") + "/index.html"] = render_template("redirect.html.j2", target=target).rstrip() + "\n"
    return pages_


def retired_entity_pages(registry, entities: list[Entity], articles: dict[str, Article]) -> dict[str, str]:
    """Pages for entity ids published earlier that no longer have a page of their own (the
    entity fell under `min_articles`, or its articles were removed): a wiki link to them lands on
    a page that says what happened instead of a 404."""
    by_id = {e.id: e for e in entities}
    result: dict[str, str] = {}
    for entity_id, names in sorted(registry.entities.items()):
        entity = by_id.get(entity_id)
        if entity is not None and entity.shared:
            continue
        mentioned = [articles[a] for a in (entity.articles if entity else ()) if a in articles]
        result[f"entities/{entity_id}.md"] = render_template(
            "entity-retired.md.j2", entity_id=entity_id, entity_name=entity.name if entity else (names[0] if names else entity_id),
            names=names, articles=sort_articles(mentioned))
    return result


# --- dossier.json ------------------------------------------------------------------------------


def dossier_json(articles: list[Article], entities: list[Entity], generator: str, extra: dict) -> str:
    """The machine-readable index, exactly as the contract in dossier-json.md describes.

    Serialized entity by entity: a 10,000-article dossier has hundreds of thousands of mentions,
    and building one dict of all of them first would double the build's peak memory.
    """
    # Offsets into extracted HTML text do not point into the input file: the contract says null.
    extracted = {a.id for a in articles if not a.offsets_valid}

    def dump(value) -> str:
        # Compact: json's C encoder runs only without indentation, and the file is for programs.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def article_json(a: Article) -> str:
        return dump({
            "id": a.id, "title": a.title, "date": a.date, "source": a.source, "input": a.input,
            "page": f"articles/{a.id}.md", "url": f"articles/{a.id}/", "words": a.words,
            "title_derived": a.title_derived,
        })

    def entity_json(e: Entity) -> str:
        return dump({
            "id": e.id, "name": e.name, "type": e.type, "aliases": sorted(e.aliases), "shared": e.shared,
            "url": f"entities/{e.id}/" if e.shared else None, "description": e.description,
            "articles": list(e.articles),
            "mentions": [
                {"article": m.article, "text": m.text,
                 "start": None if m.article in extracted else m.start,
                 "end": None if m.article in extracted else m.end}
                for m in sorted(e.mentions, key=lambda m: (m.article, m.start, m.end))
            ],
            "merges": [{"alias": g.alias, "rule": g.rule, "detail": g.detail, "fuzzy": g.fuzzy} for g in e.merges],
        })

    parts = [
        '{"schema":1,"generator":', dump(generator),
        ',"articles":[', ",".join(article_json(a) for a in sorted(articles, key=lambda a: a.id)),
        '],"entities":[', ",".join(entity_json(e) for e in sorted(entities, key=lambda e: e.id)), "]",
    ]
    for key in sorted(extra):
        if key not in ("schema", "generator", "articles", "entities"):
            parts.append(f",{dump(key)}:{dump(extra[key])}")
    parts.append("}\n")
    return "".join(parts)
