"""Word choice per outlet (`Comparison.word_choice`): how each outlet names and labels each
shared entity ("Emmanuel Macron", "Mr. Macron", "French President Emmanuel Macron"), as a section of
the entity's page (a contributor) and as a page per outlet (outlets/<slug>.md) listing its word
choices, words no other outlet uses first.

Both bounded: at most MAX_OUTLETS rows per entity, MAX_WORDINGS wordings per cell,
MAX_ENTITIES entities per outlet page; `dossier.json` (`word_choice`) has them all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..compare import Comparison
from ..compare.word_choice import WordChoice, Wording
from .compare_refs import Refs, h, outlet_path, outlet_slugs, page
from .html import attribute, heading, one_line
from .inputs import SiteInputs
from .registry import Contribution, contributor, page_kind
from .story_page import story_ids_with_pages

MAX_OUTLETS = 30
MAX_WORDINGS = 8
MAX_ENTITIES = 150
MAX_ARTICLES = 200


@dataclass(frozen=True)
class _Index:
    by_entity: dict[str, list[WordChoice]]
    by_outlet: dict[str, list[WordChoice]]
    # (entity, kind "names"|"labels", folded text) → the outlets that use it
    users: dict[tuple[str, str, str], set[str]]


def _folded(text: str) -> str:
    """A wording as compared between outlets: case, an article in front and curly apostrophes
    do not make a word choice ("the Kremlin" / "The Kremlin" / "Kremlin")."""
    text = " ".join(text.casefold().replace("’", "'").split())
    for article in ("the ", "a ", "an "):
        if text.startswith(article) and len(text) > len(article):
            return text[len(article):]
    return text


def index(comparison: Comparison) -> _Index:
    """Word choices by entity and by outlet, built once per comparison."""
    hit = comparison.__dict__.get("_site_word_choice")
    if hit is None:
        by_entity: dict[str, list[WordChoice]] = defaultdict(list)
        by_outlet: dict[str, list[WordChoice]] = defaultdict(list)
        users: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for w in comparison.word_choice:
            by_entity[w.entity].append(w)
            by_outlet[w.outlet].append(w)
            for kind in ("names", "labels"):
                for x in getattr(w, kind):
                    users[(w.entity, kind, _folded(x.text))].add(w.outlet)
        hit = _Index(dict(by_entity), dict(by_outlet), dict(users))
        object.__setattr__(comparison, "_site_word_choice", hit)
    return hit


def _wordings(items: tuple[Wording, ...], entity: str, kind: str, outlet: str, idx: _Index) -> str:
    """Wordings with their counts; those no other outlet uses for this entity in bold."""
    out = []
    for x in items[:MAX_WORDINGS]:
        text = f"{one_line(x.text)} ({x.count})"
        own = idx.users.get((entity, kind, _folded(x.text)), set()) == {outlet}
        out.append(f"<strong>{text}</strong>" if own else text)
    if len(items) > MAX_WORDINGS:
        out.append(f"+{len(items) - MAX_WORDINGS}")
    return ", ".join(out) or "·"


def _distinctive(w: WordChoice, idx: _Index) -> int:
    """How many of an outlet's wordings for an entity no other outlet uses."""
    return sum(1 for kind in ("names", "labels") for x in getattr(w, kind)
               if idx.users.get((w.entity, kind, _folded(x.text)), set()) == {w.outlet})


def entity_section(comparison: Comparison, entity_id: str, refs: Refs) -> str:
    idx = index(comparison)
    rows = idx.by_entity.get(entity_id, [])
    if len(rows) < 2:
        return ""
    body = []
    for w in sorted(rows, key=lambda w: (-w.mentions, w.outlet.casefold()))[:MAX_OUTLETS]:
        name = refs.outlet(w.outlet) if w.outlet in refs.outlet_pages else one_line(w.outlet)
        body.append(f"<tr><td>{name}</td><td>{len(w.articles)}</td><td>{w.mentions}</td>"
                    f"<td>{_wordings(w.names, entity_id, 'names', w.outlet, idx)}</td>"
                    f"<td>{_wordings(w.labels, entity_id, 'labels', w.outlet, idx)}</td></tr>")
    more = f"\n<p>{len(rows) - MAX_OUTLETS} more outlets in <code>dossier.json</code> (<code>word_choice</code>).</p>" \
        if len(rows) > MAX_OUTLETS else ""
    return ("<p>How each outlet names and labels this entity (times written); in bold, what no other outlet "
            "writes.</p>\n\n<table>\n<tr><th>Outlet</th><th>Articles</th><th>Mentions</th><th>Names</th>"
            "<th>Labels (titles, appositions)</th></tr>\n" + "\n".join(body) + f"\n</table>{more}")


@contributor("entity", "word-choice", order=20, slot="descriptors")
def word_choice_on_entities(site: SiteInputs, cache=None) -> dict[str, Contribution]:
    comparison = site.comparison
    if comparison is None or not comparison.word_choice:
        return {}
    idx = index(comparison)
    found = {}
    for e in site.shared:
        if len(idx.by_entity.get(e.id, ())) < 2:
            continue
        source = f"entities/{e.id}.md"
        refs = Refs(comparison, site.article_index, source, site.urls)
        table = entity_section(comparison, e.id, refs)
        if table:
            # out of the search index, like the rest of the entity page: the outlet pages have it
            found[e.id] = Contribution(section=f"{heading(2, 'Word choice by outlet', 'word-choice', search=False)}\n\n{table}")
    return found


@dataclass(frozen=True, eq=False)
class OutletPage:
    site: SiteInputs
    outlet: str
    slug: str


def render_outlet(record: OutletPage) -> str:
    site, outlet = record.site, record.outlet
    comparison: Comparison = site.comparison
    source = outlet_path(record.slug)
    with_pages = story_ids_with_pages(comparison)
    refs = Refs(comparison, site.article_index, source, site.urls, {e.id: e.name for e in site.entities},
                {e.id for e in site.shared}, with_pages)
    idx = index(comparison)
    articles = [a for a in comparison.articles if refs.outlets.get(a) == outlet]
    story_of = comparison.story_of
    titles = {s.id: s.title for s in comparison.stories}
    blocks = [h(1, outlet, "outlet")]
    stories = {story_of.get(a) for a in articles} - {None}
    blocks.append(f'<p>{len(articles)} article{"s" if len(articles) != 1 else ""} in {len(stories)} '
                  f'stor{"ies" if len(stories) != 1 else "y"}. <a href="{attribute(refs.url("compare.md"))}">All stories '
                  "by outlet</a>.</p>")
    blocks.append(h(2, "Word choice", "word-choice"))
    choices = idx.by_outlet.get(outlet, [])
    if choices:
        ranked = sorted(choices, key=lambda w: (-_distinctive(w, idx), -w.mentions, refs.entity_names.get(w.entity, w.entity).casefold()))
        rows = []
        for w in ranked[:MAX_ENTITIES]:
            others = [o for o in idx.by_entity.get(w.entity, []) if o.outlet != outlet]
            said: dict[str, int] = defaultdict(int)
            for o in others:
                for x in o.names[:3] + o.labels[:3]:
                    said[x.text] += x.count
            elsewhere = ", ".join(one_line(t) for t, _ in sorted(said.items(), key=lambda kv: (-kv[1], kv[0]))[:5]) or "·"
            rows.append(f"<tr><td>{refs.entity(w.entity)}</td><td>{w.mentions}</td>"
                        f"<td>{_wordings(w.names, w.entity, 'names', outlet, idx)}</td>"
                        f"<td>{_wordings(w.labels, w.entity, 'labels', outlet, idx)}</td>"
                        f"<td>{elsewhere} <small>({len(others)} other outlet{'s' if len(others) != 1 else ''})</small></td></tr>")
        blocks.append(f"<p>How {one_line(outlet)} names and labels the {len(choices)} entities that other outlets mention "
                      "too (times written); in bold, what no other outlet writes; entities with such words first.</p>")
        blocks.append("<table>\n<tr><th>Entity</th><th>Mentions</th><th>Names</th><th>Labels</th>"
                      "<th>Other outlets write</th></tr>\n" + "\n".join(rows) + "\n</table>")
        if len(ranked) > MAX_ENTITIES:
            blocks.append(f"<p>{len(ranked) - MAX_ENTITIES} more entities in <code>dossier.json</code> "
                          "(<code>word_choice</code>).</p>")
    else:
        blocks.append("<p>No entity this outlet names is named by another outlet.</p>")
    blocks.append(h(2, "Articles", "articles", search=False))
    items = []
    for a in articles[:MAX_ARTICLES]:
        story = story_of.get(a)
        where = f" · {refs.story(story, titles.get(story, story))}" if story in with_pages else ""
        items.append(f"<li>{refs.article(a)}: {refs.title(a)}{where}</li>")
    more = f"\n<p>{len(articles) - MAX_ARTICLES} more in <code>dossier.json</code>.</p>" if len(articles) > MAX_ARTICLES else ""
    blocks.append('<ul data-search-exclude>\n' + "\n".join(items) + f"\n</ul>{more}")
    return page(outlet, "outlet", blocks, ident=record.slug)


@page_kind("outlet", order=42, render=lambda record, memo=None: render_outlet(record), deferred=True)
def _outlet_pages(site: SiteInputs, additions, made):
    comparison = site.comparison
    if comparison is None:
        return
    outlets = {x.outlet for x in comparison.labels if x.outlet}
    for outlet, slug in sorted(outlet_slugs(outlets).items(), key=lambda kv: kv[1]):
        yield outlet_path(slug), OutletPage(site, outlet, slug)

