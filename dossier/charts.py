"""The comparison page and its charts: inline SVG and HTML with inline styles, no scripts, no CDN.

Every piece of input text that reaches the page goes through `markup.text`, inside HTML and
SVG too: it turns all ASCII punctuation into numeric character references, which HTML and SVG
display literally, so no input can open a tag, an attribute or a Markdown construct.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .site import markup
from .model import Article, Entity

MAX_CHART_ARTICLES = 30  # heat map and coverage matrix columns; the rest is in dossier.json
MAX_COVERAGE_ENTITIES = 40
MAX_GROUPS = 40
MAX_WITNESSES = 6
MAX_PASSAGE_ROWS = 120
MAX_TIMELINE_ROWS = 300
MAX_SINGLE = 25  # entities listed per article in "only one article"
MAX_OVERVIEW = 300  # articles in the side-by-side table; a larger dossier has its articles index
MAX_DESCRIBED = 60  # entities with a descriptor table on the comparison page
MAX_DESCRIPTOR_ROWS = 60
MAX_CONTRADICTIONS = 10

KIND_STYLE = {
    "meaning": "background:#ffd7d5;border-bottom:2px solid #c0392b",
    "wording": "background:#fff3c4",
    "cosmetic": "background:#eeeeee;color:#555",
    "same": "",
}
KIND_LABEL = {"meaning": "changes meaning", "wording": "rewording", "cosmetic": "cosmetic", "same": ""}
OP_LABEL = {"replace": "substitution", "delete": "deletion", "insert": "insertion", "equal": "same words"}


def flat(value: str) -> str:
    """Escaped text on one line: table cells and HTML blocks must not break."""
    return " ".join(markup.text(value).split())


def label_of(index: int) -> str:
    return f"A{index + 1}"


# --- pieces ---------------------------------------------------------------------------------------


def alignment_html(alignment, base_label: str, witness_label: str) -> str:
    """A collation table in the manner of CollateX: one row per aligned stretch, one column per version."""
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


def _shade(value: float, hue: str = "33,102,172") -> str:
    value = max(0.0, min(1.0, value))
    return f"rgba({hue},{0.08 + 0.85 * value:.2f})"


def heatmap_svg(labels: list[str], titles: list[str], values: dict[tuple[int, int], float], caption: str) -> str:
    """A square heat map; `values[(i, j)]` in 0..1. Labels are A1, A2…; titles only in tooltips."""
    n = len(labels)
    cell, margin = 34, 40
    # Shade relative to the largest value, so that a dossier of loosely related articles still
    # shows which pairs are closest; the printed numbers keep the absolute values.
    top = max([v for (i, j), v in values.items() if i != j] + [1e-9])
    size = margin + n * cell + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img" aria-label="{markup.text(caption)}" style="max-width:100%;height:auto">'
    ]
    for i, lab in enumerate(labels):
        x = margin + i * cell + cell / 2
        parts.append(f'<text x="{x:.0f}" y="{margin - 8}" font-size="10" text-anchor="middle">{lab}</text>')
        parts.append(f'<text x="{margin - 6}" y="{margin + i * cell + cell / 2 + 4:.0f}" font-size="10" text-anchor="end">{lab}</text>')
    for i in range(n):
        for j in range(n):
            v = 1.0 if i == j else values.get((i, j), values.get((j, i), 0.0))
            fill = "#cccccc" if i == j else _shade(v / top)
            tip = f"{titles[i]} / {titles[j]}: {v:.2f}" if i != j else titles[i]
            parts.append(
                f'<rect x="{margin + j * cell}" y="{margin + i * cell}" width="{cell - 2}" height="{cell - 2}" fill="{fill}">'
                f"<title>{flat(tip)}</title></rect>"
            )
            if i != j and v >= 0.005:
                parts.append(
                    f'<text x="{margin + j * cell + (cell - 2) / 2:.0f}" y="{margin + i * cell + cell / 2 + 3:.0f}" font-size="10" text-anchor="middle" fill="{"#fff" if v / top > 0.55 else "#222"}">{round(v * 100)}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(rows: list[tuple[str, list[tuple[str, str, str]]]], caption: str) -> str:
    """One line per article; ■ its publication date, ● a day it mentions, ▬ a month it mentions.

    `rows` is [(label, [(value, kind, tooltip)])], value "YYYY-MM-DD" or "YYYY-MM"; years and
    weeks are too coarse to place and stay in the table.
    """
    import datetime as _dt

    def span(value: str) -> tuple[_dt.date, _dt.date] | None:
        try:
            if len(value) == 10:
                d = _dt.date.fromisoformat(value)
                return d, d
            if len(value) == 7:
                first = _dt.date.fromisoformat(value + "-01")
                nxt = (first.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
                return first, nxt - _dt.timedelta(days=1)
        except ValueError:
            return None
        return None

    placed = [(label, [(span(v), kind, tip) for v, kind, tip in points]) for label, points in rows]
    placed = [(label, [p for p in points if p[0]]) for label, points in placed]
    placed = [(label, points) for label, points in placed if points]
    if not placed:
        return ""
    lo = min(p[0][0] for _, points in placed for p in points)
    hi = max(p[0][1] for _, points in placed for p in points)
    days = max((hi - lo).days, 1)
    left, width, row = 44, 640, 22
    height = 30 + row * len(placed)

    def x(d) -> float:
        return left + (d - lo).days / days * width

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height}" viewBox="0 0 {left + width + 20} {height}" role="img" aria-label="{markup.text(caption)}" style="max-width:100%;height:auto">']
    month = _dt.date(lo.year, lo.month, 1)
    months = []
    while month <= hi:
        months.append(month)
        month = (month.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
    step = max(1, len(months) // 8)
    for m in months[::step]:
        if m >= lo:
            parts.append(f'<line x1="{x(m):.1f}" y1="14" x2="{x(m):.1f}" y2="{height}" stroke="#ddd"/>')
            parts.append(f'<text x="{x(m):.1f}" y="11" font-size="9" text-anchor="middle">{m:%Y-%m}</text>')
    for r, (label, points) in enumerate(placed):
        y = 30 + r * row
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="10" text-anchor="end">{label}</text>')
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#eee"/>')
        for (a, b), kind, tip in points:
            title = f"<title>{flat(tip)}</title>"
            if kind == "published":
                parts.append(f'<rect x="{x(a) - 5:.1f}" y="{y - 5}" width="10" height="10" fill="#b2182b">{title}</rect>')
            elif a == b:
                parts.append(f'<circle cx="{x(a):.1f}" cy="{y}" r="4" fill="#2166ac" fill-opacity="0.8">{title}</circle>')
            else:
                parts.append(f'<rect x="{x(a):.1f}" y="{y - 2}" width="{max(x(b) - x(a), 2):.1f}" height="4" fill="#67a9cf">{title}</rect>')
    parts.append("</svg>")
    return "".join(parts)


def bar(value: float, width: int = 80) -> str:
    """A small inline bar for a share, 0..1."""
    w = round(max(0.0, min(1.0, value)) * width)
    return (
        f'<span style="display:inline-block;width:{width}px;height:0.7em;background:#eee;vertical-align:middle">'
        f'<span style="display:inline-block;width:{w}px;height:0.7em;background:#2166ac"></span></span>'
    )


# --- the page --------------------------------------------------------------------------------------


def render_compare_page(comparison, articles: list[Article], entities: list[Entity]) -> str:
    from .pages import render_template

    by_id = {a.id: a for a in articles}
    labels = {a.id: label_of(i) for i, a in enumerate(articles)}
    entity_by_id = {e.id: e for e in entities}
    shares = {s.article: s for s in comparison.shares}

    def art_link(aid: str, paragraph: int | None = None, text: str | None = None) -> str:
        a = by_id[aid]
        target = f"articles/{aid}.md" + (f"#p-{paragraph}" if paragraph else "")
        label = markup.text(text) if text else f"{labels[aid]} ¶{paragraph}" if paragraph else labels[aid]
        return markup.link(label, target, a.title)

    def ent_link(eid: str) -> str:
        e = entity_by_id.get(eid)
        if e is None:
            return markup.text(eid)
        return markup.link(flat(e.name), f"entities/{eid}.md") if e.shared else flat(e.name)

    # Side by side.
    quote_counts = Counter(q.article for q in comparison.quotes)
    overview = []
    for a in articles[:MAX_OVERVIEW]:
        s = shares.get(a.id)
        overview.append(
            {
                "label": labels[a.id],
                "title": art_link(a.id, text=" ".join(a.title.split())),
                "date": flat(a.date) if a.date else "unknown",
                "source": flat(a.source) if a.source else "unknown",
                "words": a.words,
                "quotes": quote_counts[a.id],
                "shared": f"{bar(s.shared_share)} {s.shared_share:.0%}" if s else "",
                "derived": f"{s.derived_share:.0%}" if s else "",
                "paragraphs": ", ".join(art_link(a.id, p) for p in s.shared_paragraphs) if s else "",
            }
        )

    # Quotations.
    groups = []
    for g in comparison.quote_groups[:MAX_GROUPS]:
        speaker = next((m for m in g.members if m.speaker_entity), None)
        who = ent_link(speaker.speaker_entity) if speaker else next((flat(m.speaker) for m in g.members if m.speaker), "unattributed")
        versions = []
        for m in g.members[: MAX_WITNESSES + 1]:
            attribution = ""
            if m.speaker:
                attribution = " ".join(x for x in (m.speaker, m.verb) if x)
            versions.append(
                {
                    "where": ", ".join(art_link(m.article, p) for p in m.paragraphs),
                    "kind": {"paraphrase": "paraphrase without quotation marks", "mixed": "quoted in part, paraphrased in part"}.get(m.kind, m.kind),
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
        groups.append({"id": g.id, "who": who, "versions": versions, "alignments": alignments, "more": max(0, len(g.members) - MAX_WITNESSES - 1)})
    grouped = {q for g in comparison.quote_groups for m in g.members for q in m.quotes}
    lone_quotes = [
        {
            "where": ", ".join(art_link(q.article, p) for p in q.paragraphs),
            "speaker": flat(" ".join(x for x in (q.speaker, q.verb) if x)) if q.speaker else "unattributed",
            "text": flat(q.text if len(q.text) <= 300 else q.text[:300] + "…"),
        }
        for q in comparison.quotes
        if q.id not in grouped
    ][:MAX_PASSAGE_ROWS]

    # Shared passages, article pair by article pair.
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
                    "a": art_link(first.article, first.paragraph),
                    "b": art_link(other.article, other.paragraph),
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

    # Descriptors.
    desc_sections = []
    described = [e for e in entities if e.shared and e.id in comparison.by_entity]
    described.sort(key=lambda e: (-len(comparison.by_entity[e.id][1]), -len(comparison.by_entity[e.id][0]), e.name.casefold()))
    for entity in sorted(described[:MAX_DESCRIBED], key=lambda e: e.name.casefold()):
        body = render_descriptors(comparison, entity.id, prefix="", labels=labels, by_id=by_id)
        if body:
            desc_sections.append({"entity": ent_link(entity.id), "body": body})

    # Timeline.
    timeline = []
    for a in articles:
        if a.date:
            timeline.append({"value": a.date, "label": labels[a.id], "where": art_link(a.id), "text": "published", "rule": "publication date"})
    unresolved = []
    for d in comparison.dates:
        row = {"value": d.value or "", "label": labels[d.article], "where": art_link(d.article, d.paragraph), "text": flat(d.text), "rule": markup.text(d.rule)}
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
    timeline_chart = timeline_svg(charted_rows, "Publication dates and mentioned dates per article")

    # Charts: the articles with the most shared text first, so the chart shows the copying.
    chart_ids = [a.id for a in articles]
    if len(chart_ids) > MAX_CHART_ARTICLES:
        chart_ids = sorted(chart_ids, key=lambda x: (-(shares[x].shared_words if x in shares else 0), x))[:MAX_CHART_ARTICLES]
        chart_ids.sort(key=lambda x: labels[x])
    index = {aid: i for i, aid in enumerate(chart_ids)}
    cos = {}
    shared_frac = {}
    for p in comparison.similarity:
        if p.a in index and p.b in index:
            cos[(index[p.a], index[p.b])] = p.cosine
            denom = (shares[p.a].words if p.a in shares else 0) + (shares[p.b].words if p.b in shares else 0)
            shared_frac[(index[p.a], index[p.b])] = p.shared_words / denom if denom else 0.0
    chart_labels = [labels[x] for x in chart_ids]
    chart_titles = [by_id[x].title for x in chart_ids]
    heat_cos = heatmap_svg(chart_labels, chart_titles, cos, "Article similarity: tf-idf cosine of content words")
    heat_shared = heatmap_svg(chart_labels, chart_titles, shared_frac, "Share of the two articles' words in shared sentences")

    shared_entities = sorted(comparison.coverage, key=lambda c: (-len(c.counts), c.entity))[:MAX_COVERAGE_ENTITIES]
    coverage_rows = []
    for c in shared_entities:
        counts = dict(c.counts)
        top = max(counts.values()) if counts else 1
        cells = []
        for aid in chart_ids:
            n = counts.get(aid, 0)
            color = "#fff" if n / top > 0.55 else "#222"
            cells.append(f'<span style="display:inline-block;min-width:1.6em;text-align:center;color:{color};background:{_shade(n / top)}">{n}</span>' if n else "·")
        coverage_rows.append({"entity": ent_link(c.entity), "articles": len(counts), "cells": cells})
    single = [
        {
            "where": art_link(aid),
            "entities": ", ".join(flat(entity_by_id[e].name) if e in entity_by_id else markup.text(e) for e in es[:MAX_SINGLE]),
            "more": max(0, len(es) - MAX_SINGLE),
        }
        for aid, es in comparison.single_article[:MAX_OVERVIEW]
    ]
    return render_template(
        "compare.md.j2",
        overview=overview,
        overview_total=len(articles),
        described_total=len(described),
        single_total=len(comparison.single_article),
        groups=groups,
        group_total=len(comparison.quote_groups),
        max_groups=MAX_GROUPS,
        lone_quotes=lone_quotes,
        quote_total=len(comparison.quotes),
        pairs=pairs,
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
        chart_legend=[{"label": labels[x], "link": art_link(x, text=" ".join(by_id[x].title.split()))} for x in chart_ids],
        charted=len(chart_ids),
        article_total=len(articles),
        similarity_complete=comparison.similarity_complete,
        chart_labels=chart_labels,
        coverage_rows=coverage_rows,
        coverage_total=len(comparison.coverage),
        single=single,
    )


_HEADINGS: dict[int, tuple[object, dict]] = {}


def _headings(comparison) -> dict:
    """Article id → (title, date), built once per comparison: this is asked once per entity."""
    hit = _HEADINGS.get(id(comparison))
    if hit is None or hit[0] is not comparison:
        _HEADINGS.clear()
        hit = (comparison, {aid: (title, date) for aid, title, date in comparison.headings})
        _HEADINGS[id(comparison)] = hit
    return hit[1]


def render_descriptors(comparison, entity_id: str, prefix: str = "../", labels=None, by_id=None) -> str:
    """Descriptors of one entity side by side, one row per article, contradictions first.

    Empty when no article describes the entity.
    """
    from .compare import contradictions_for, descriptors_for

    ds = descriptors_for(comparison, entity_id)
    if not ds:
        return ""
    names = _headings(comparison)

    def article(aid: str) -> str:
        if labels:
            return markup.text(labels[aid])
        title, date = names.get(aid, (aid, None))
        return flat(f"{title} ({date})" if date else title)

    def where(d) -> str:
        return markup.link(f"{article(d.article)} ¶{d.paragraph}", f"{prefix}articles/{d.article}.md#p-{d.paragraph}")

    lines = []
    for c in contradictions_for(comparison, entity_id)[:MAX_CONTRADICTIONS]:
        a, b = c.first, c.second
        lines.append(
            f'!!! warning "Contradicting descriptors: {markup.text(c.kind)}"\n\n'
            f"    {where(a)}: “{flat(a.text)}” ({markup.text(getattr(a, c.kind) or '')}); "
            f"{where(b)}: “{flat(b.text)}” ({markup.text(getattr(b, c.kind) or '')}).\n"
        )
    lines.append("| Article | Descriptors | Nationality | Office |")
    lines.append("|---|---|---|---|")
    rows: dict[str, list] = {}
    for d in ds:
        rows.setdefault(d.article, []).append(d)
    shown = list(rows.items())[:MAX_DESCRIPTOR_ROWS]
    for aid, items in shown:
        said = " · ".join(f"“{flat(d.text)}” {markup.link('¶' + str(d.paragraph), f'{prefix}articles/{aid}.md#p-{d.paragraph}')}" for d in items)
        nat = ", ".join(dict.fromkeys(markup.text(d.nationality) for d in items if d.nationality))
        off = ", ".join(dict.fromkeys(markup.text(d.office) for d in items if d.office))
        lines.append(f"| {article(aid)} | {said} | {nat} | {off} |")
    if len(rows) > len(shown):
        lines.append(f"\n{len(rows) - len(shown)} more articles describe this entity; all are in `dossier.json` (`descriptors`).")
    return "\n".join(lines) + "\n"
