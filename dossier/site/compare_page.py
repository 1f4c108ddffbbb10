"""The comparison page (compare.md): the articles side by side, shared quotations with their
collation, shared passages, descriptors, the timeline, the similarity charts and the coverage.

Inline SVG and HTML with inline styles, no scripts, no CDN. Every piece of input text that
reaches the page goes through `markup.text`, inside HTML and SVG too: it turns all ASCII
punctuation into numeric character references, which HTML and SVG display literally, so no
input can open a tag, an attribute or a Markdown construct.

Each section is made by one function from the `Comparison` record; the page shows the first
rows of each (the `MAX_*` limits) and `dossier.json` has them all.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..compare import Comparison
from ..compare.collation import Alignment
from ..compare.passages import ArticleShare
from ..compare.quote_groups import QuoteGroup
from ..model import Article, Entity
from .inputs import SiteInputs
from .registry import page_kind
from .templating import render_template
from . import markup
from .charts import bar, flat, heatmap_svg, label_of, shade, timeline_svg
from .descriptor_tables import render_descriptors
from .html import Urls

MAX_CHART_ARTICLES = 30  # heat map and coverage matrix columns; the rest is in dossier.json
MAX_COVERAGE_ENTITIES = 40
MAX_GROUPS = 40
MAX_WITNESSES = 6
MAX_PASSAGE_ROWS = 120
MAX_TIMELINE_ROWS = 300
MAX_SINGLE = 25  # entities listed per article in "only one article"
MAX_OVERVIEW = 300  # articles in the side-by-side table; a larger dossier has its articles index
MAX_DESCRIBED = 60  # entities with a descriptor table on the comparison page

KIND_STYLE = {
    "meaning": "background:#ffd7d5;border-bottom:2px solid #c0392b",
    "censoring": "background:#e8dcff;border-bottom:2px solid #6c3fc0",
    "wording": "background:#fff3c4",
    "cosmetic": "background:#eeeeee;color:#555",
    "excerpt": "color:#777;font-style:italic",
    "same": "",
}
KIND_LABEL = {"meaning": "changes meaning", "censoring": "censoring", "wording": "rewording", "cosmetic": "cosmetic",
              "excerpt": "excerpt: quoted in one version only", "same": ""}
OP_LABEL = {"replace": "substitution", "delete": "deletion", "insert": "insertion", "equal": "same words"}
MEMBER_KIND_LABEL = {"paraphrase": "paraphrase without quotation marks", "mixed": "quoted in part, paraphrased in part"}


def alignment_html(alignment: Alignment, base_label: str, witness_label: str) -> str:
    """A collation table in the manner of CollateX: one row per aligned stretch, one column per version."""
    if alignment.relation == "different-excerpt":
        return ("<p><em>" + markup.text(f"{base_label} and {witness_label} quote different parts of the statement: "
                                          "they are not collated word by word.") + "</em></p>")
    rows = []
    for c in alignment.changes:
        style = KIND_STYLE[c.kind]
        why = KIND_LABEL[c.kind] + (": " + ", ".join(c.reasons) if c.reasons and c.kind != "cosmetic" else "")
        if c.kind == "cosmetic":
            why = "cosmetic: " + ", ".join(c.reasons)
        op = OP_LABEL[c.op] if c.kind != "same" or c.op != "equal" else ""
        if c.op == "equal" and c.kind == "cosmetic":
            op = "same words"
        cell_a = flat(c.base_text) if c.base_text else "<em>—</em>"
        cell_b = flat(c.witness_text) if c.witness_text else "<em>—</em>"
        tag = f' style="{style}"' if style else ""
        rows.append(f"<tr><td{tag}>{cell_a}</td><td{tag}>{cell_b}</td><td>{markup.text(op)}</td><td>{markup.text(why)}</td></tr>")
    head = f"<tr><th>{base_label}</th><th>{witness_label}</th><th>edit</th><th>class</th></tr>"
    return '<table class="dossier-collation" style="font-size:0.85em">' + head + "".join(rows) + "</table>"


class _Links:
    """Links from the comparison page to the articles (by label, A1 ¶3) and to the entities."""

    def __init__(self, articles: list[Article], entities: list[Entity]):
        self.by_id = {a.id: a for a in articles}
        self.labels = {a.id: label_of(i) for i, a in enumerate(articles)}
        self.entity_by_id = {e.id: e for e in entities}

    def article(self, aid: str, paragraph: int | None = None, text: str | None = None) -> str:
        a = self.by_id[aid]
        target = f"articles/{aid}.md" + (f"#p-{paragraph}" if paragraph else "")
        label = markup.text(text) if text else f"{self.labels[aid]} ¶{paragraph}" if paragraph else self.labels[aid]
        return markup.link(label, target, a.title)

    def entity(self, eid: str) -> str:
        e = self.entity_by_id.get(eid)
        if e is None:
            return markup.text(eid)
        return markup.link(flat(e.name), f"entities/{eid}.md") if e.shared else flat(e.name)


def render_compare_page(comparison: Comparison, articles: list[Article], entities: list[Entity],
                        urls: Urls = Urls()) -> str:
    """Markdown of docs/compare.md."""
    links = _Links(articles, entities)
    labels = links.labels
    shares = {s.article: s for s in comparison.shares}
    desc_sections, described_total = _descriptor_sections(comparison, entities, links, urls)
    timeline, unresolved, timeline_chart = _timeline(comparison, articles, links)
    chart_ids = _charted_articles(articles, shares, labels)
    heat_cos, heat_shared = _similarity_heatmaps(comparison, chart_ids, shares, links)
    single = _single_article_rows(comparison, links)
    return render_template(
        "compare.md.j2",
        overview=_overview(comparison, articles, shares, links),
        overview_total=len(articles),
        described_total=described_total,
        single_total=len(comparison.single_article),
        groups=[_statement(g, links) for g in comparison.quote_groups[:MAX_GROUPS]],
        group_total=len(comparison.quote_groups),
        max_groups=MAX_GROUPS,
        lone_quotes=_lone_quotes(comparison, links),
        quote_total=len(comparison.quotes),
        pairs=_passage_pairs(comparison, links),
        passage_total=len(comparison.passages),
        desc_sections=desc_sections,
        contradictions=len(comparison.contradictions),
        timeline=timeline[:MAX_TIMELINE_ROWS],
        timeline_chart=timeline_chart,
        timeline_total=len(timeline),
        unresolved=unresolved[:MAX_TIMELINE_ROWS],
        unresolved_total=len(unresolved),
        heat_cos=heat_cos,
        heat_shared=heat_shared,
        chart_legend=[{"label": labels[x], "link": links.article(x, text=" ".join(links.by_id[x].title.split()))} for x in chart_ids],
        charted=len(chart_ids),
        article_total=len(articles),
        similarity_complete=comparison.similarity_complete,
        chart_labels=[labels[x] for x in chart_ids],
        coverage_rows=_coverage_rows(comparison, chart_ids, links),
        coverage_total=len(comparison.coverage),
        single=single,
    )


def _overview(comparison: Comparison, articles: list[Article], shares: dict[str, ArticleShare], links: _Links) -> list[dict]:
    """The articles side by side: one row each, with how much of it other articles share."""
    quote_counts = Counter(q.article for q in comparison.quotes)
    overview = []
    for a in articles[:MAX_OVERVIEW]:
        s = shares.get(a.id)
        overview.append(
            {
                "label": links.labels[a.id],
                "title": links.article(a.id, text=" ".join(a.title.split())),
                "date": flat(a.date) if a.date else "unknown",
                "source": flat(a.source) if a.source else "unknown",
                "words": a.words,
                "quotes": quote_counts[a.id],
                "shared": f"{bar(s.shared_share)} {s.shared_share:.0%}" if s else "",
                "derived": f"{s.derived_share:.0%}" if s else "",
                "paragraphs": ", ".join(links.article(a.id, p) for p in s.shared_paragraphs) if s else "",
            }
        )
    return overview


def _statement(g: QuoteGroup, links: _Links) -> dict:
    """One quotation group: who speaks, each version, and each version collated with the first."""
    labels = links.labels
    speaker = next((m for m in g.members if m.speaker_entity), None)
    who = links.entity(speaker.speaker_entity) if speaker else next((flat(m.speaker) for m in g.members if m.speaker), "unattributed")
    versions = []
    for m in g.members[: MAX_WITNESSES + 1]:
        attribution = ""
        if m.speaker:
            attribution = " ".join(x for x in (m.speaker, m.verb) if x)
        versions.append(
            {
                "where": ", ".join(links.article(m.article, p) for p in m.paragraphs),
                "kind": MEMBER_KIND_LABEL.get(m.kind, m.kind),
                "attribution": flat(attribution),
                "text": flat(m.text),
            }
        )
    alignments = []
    for al, m in zip(g.alignments[:MAX_WITNESSES], g.members[1:]):
        base = g.members[0]
        meaning = [
            {"base": flat(c.base_text) or "—", "witness": flat(c.witness_text) or "—", "why": markup.text(", ".join(c.reasons))}
            for c in al.meaning_changes
        ]
        counts = defaultdict(int)
        for c in al.changes:
            counts[c.kind] += 1
        alignments.append(
            {
                "base": labels[base.article],
                "witness": labels[m.article],
                "similarity": al.similarity,
                "meaning": meaning,
                "counts": dict(counts),
                "table": alignment_html(al, labels[base.article], labels[m.article]),
            }
        )
    return {"id": g.id, "who": who, "versions": versions, "alignments": alignments, "more": max(0, len(g.members) - MAX_WITNESSES - 1)}


def _lone_quotes(comparison: Comparison, links: _Links) -> list[dict]:
    """Quotations that no other article gives."""
    grouped = {q for g in comparison.quote_groups for m in g.members for q in m.quotes}
    return [
        {
            "where": ", ".join(links.article(q.article, p) for p in q.paragraphs),
            "speaker": flat(" ".join(x for x in (q.speaker, q.verb) if x)) if q.speaker else "unattributed",
            "text": flat(q.text if len(q.text) <= 300 else q.text[:300] + "…"),
        }
        for q in comparison.quotes
        if q.id not in grouped
    ][:MAX_PASSAGE_ROWS]


def _passage_pairs(comparison: Comparison, links: _Links) -> list[dict]:
    """Shared passages, article pair by article pair: each passage's first version against the others."""
    by_id, labels = links.by_id, links.labels
    pair_rows: dict[tuple[str, str], list[dict]] = defaultdict(list)
    rows_made = 0
    for p in comparison.passages:
        if rows_made >= MAX_PASSAGE_ROWS:
            break
        heads = p.members[:MAX_WITNESSES]
        first = heads[0]
        for other in heads[1:]:
            if other.article == first.article:
                continue
            key = (first.article, other.article)
            rows_made += 1
            pair_rows[key].append(
                {
                    "a": links.article(first.article, first.paragraph),
                    "b": links.article(other.article, other.paragraph),
                    "a_text": flat(by_id[first.article].text[first.start : first.end]),
                    "b_text": flat(by_id[other.article].text[other.start : other.end]),
                    "relation": p.relation,
                }
            )
    pairs = []
    for (a, b), rows in sorted(pair_rows.items()):
        da, db = by_id[a].date, by_id[b].date
        if da and db and da != db:
            older, newer = (a, b) if da < db else (b, a)
            direction = f"{labels[newer]} is later ({flat(by_id[newer].date)}) and can derive from {labels[older]}"
        elif da and db:
            direction = "same publication date: direction unknown"
        else:
            direction = "an article has no date: direction unknown"
        pairs.append({"a": labels[a], "b": labels[b], "rows": rows, "direction": direction})
    return pairs


def _descriptor_sections(comparison: Comparison, entities: list[Entity], links: _Links,
                         urls: Urls) -> tuple[list[dict], int]:
    """The descriptor tables of the entities with contradictions or the most descriptors, by
    name; and how many entities are described at all."""
    desc_sections = []
    described = [e for e in entities if e.shared and e.id in comparison.by_entity]
    described.sort(key=lambda e: (-len(comparison.by_entity[e.id].contradictions),
                                  -len(comparison.by_entity[e.id].descriptors), e.name.casefold()))
    for entity in sorted(described[:MAX_DESCRIBED], key=lambda e: e.name.casefold()):
        body = render_descriptors(comparison, entity.id, "compare.md", urls, labels=links.labels)
        if body:
            desc_sections.append({"entity": links.entity(entity.id), "body": body})
    return desc_sections, len(described)


def _timeline(comparison: Comparison, articles: list[Article], links: _Links) -> tuple[list[dict], list[dict], str]:
    """The dated rows (publications and resolved mentions, by date), the dates left as written,
    and the timeline chart."""
    labels = links.labels
    timeline = []
    for a in articles:
        if a.date:
            timeline.append({"value": a.date, "label": labels[a.id], "where": links.article(a.id), "text": "published", "rule": "publication date"})
    unresolved = []
    for d in comparison.dates:
        row = {"value": d.value or "", "label": labels[d.article], "where": links.article(d.article, d.paragraph), "text": flat(d.text), "rule": markup.text(d.rule)}
        (timeline if d.value else unresolved).append(row)
    timeline.sort(key=lambda r: (r["value"], r["label"]))
    points: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for a in articles:
        if a.date:
            points[a.id].append((a.date, "published", f"{labels[a.id]} published {a.date}"))
    for d in comparison.dates:
        if d.value:
            points[d.article].append((d.value, "mention", f"{labels[d.article]} ¶{d.paragraph}: {d.text} → {d.value}"))
    charted_rows = [(labels[a.id], points[a.id]) for a in articles if points.get(a.id)][:MAX_CHART_ARTICLES]
    chart = timeline_svg(charted_rows, "Publication dates and mentioned dates per article")
    return timeline, unresolved, chart


def _charted_articles(articles: list[Article], shares: dict[str, ArticleShare], labels: dict[str, str]) -> list[str]:
    """The articles the charts show, in label order: beyond the limit, those with the most
    shared text, so that the charts show the copying."""
    chart_ids = [a.id for a in articles]
    if len(chart_ids) > MAX_CHART_ARTICLES:
        chart_ids = sorted(chart_ids, key=lambda x: (-(shares[x].shared_words if x in shares else 0), x))[:MAX_CHART_ARTICLES]
        chart_ids.sort(key=lambda x: labels[x])
    return chart_ids


def _similarity_heatmaps(comparison: Comparison, chart_ids: list[str], shares: dict[str, ArticleShare], links: _Links) -> tuple[str, str]:
    """Two heat maps of the charted articles: vocabulary similarity, and the share of the two
    articles' words that stand in sentences they share."""
    index = {aid: i for i, aid in enumerate(chart_ids)}
    cos = {}
    shared_frac = {}
    for p in comparison.similarity:
        if p.a in index and p.b in index:
            cos[(index[p.a], index[p.b])] = p.cosine
            denom = (shares[p.a].words if p.a in shares else 0) + (shares[p.b].words if p.b in shares else 0)
            shared_frac[(index[p.a], index[p.b])] = p.shared_words / denom if denom else 0.0
    chart_labels = [links.labels[x] for x in chart_ids]
    chart_titles = [links.by_id[x].title for x in chart_ids]
    heat_cos = heatmap_svg(chart_labels, chart_titles, cos, "Article similarity: tf-idf cosine of content words")
    heat_shared = heatmap_svg(chart_labels, chart_titles, shared_frac, "Share of the two articles' words in shared sentences")
    return heat_cos, heat_shared


def _coverage_rows(comparison: Comparison, chart_ids: list[str], links: _Links) -> list[dict]:
    """Mentions of the most widely covered shared entities in each charted article."""
    shared_entities = sorted(comparison.coverage, key=lambda c: (-len(c.counts), c.entity))[:MAX_COVERAGE_ENTITIES]
    coverage_rows = []
    for c in shared_entities:
        counts = dict(c.counts)
        top = max(counts.values()) if counts else 1
        cells = []
        for aid in chart_ids:
            n = counts.get(aid, 0)
            color = "#fff" if n / top > 0.55 else "#222"
            cells.append(f'<span style="display:inline-block;min-width:1.6em;text-align:center;color:{color};background:{shade(n / top)}">{n}</span>' if n else "·")
        coverage_rows.append({"entity": links.entity(c.entity), "articles": len(counts), "cells": cells})
    return coverage_rows


def _single_article_rows(comparison: Comparison, links: _Links) -> list[dict]:
    """Per article, the entities no other article mentions."""
    entity_by_id = links.entity_by_id
    return [
        {
            "where": links.article(aid),
            "entities": ", ".join(flat(entity_by_id[e].name) if e in entity_by_id else markup.text(e) for e in es[:MAX_SINGLE]),
            "more": max(0, len(es) - MAX_SINGLE),
        }
        for aid, es in comparison.single_article[:MAX_OVERVIEW]
    ]


def _render(site: SiteInputs, memo=None) -> str:
    return render_compare_page(site.comparison, list(site.articles), list(site.entities), site.urls)


@page_kind("compare", order=40, render=_render, deferred=True)
def _compare_page(site: SiteInputs, additions, made):
    yield "compare.md", site
