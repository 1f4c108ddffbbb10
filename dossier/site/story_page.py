"""One comparison page per story (compare/<story-id>.md), made from `Comparison.story(id)`: the
story's articles side by side, its findings, the statements its articles quote (each version
collated with the first), the passages they share, how they describe the people involved, a
timeline, the similarity charts and the entity coverage.

Every page is bounded in size whatever the story: each section shows its first rows (the
`MAX_*` limits below) and `dossier.json` has them all; the bulky parts (collation tables, shared
passages, descriptor tables, the timeline's table) are collapsed. The findings and the
quotations are in the search index; what only repeats article text is not.

Written as HTML blocks between heading lines (`html.py`); every input text is escaped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from ..compare import Comparison
from ..compare.collation import Alignment
from ..compare.comparison import StoryView
from ..compare.findings import Finding
from ..compare.quotations import Quote
from ..compare.quote_groups import QuoteGroup
from .charts import heatmap_svg, shade, timeline_svg
from .compare_refs import Refs, details, h, once, page, short, story_path
from .descriptor_tables import render_descriptors
from .html import attribute, one_line, tooltip_attribute
from .inputs import SiteInputs
from .registry import page_kind

MAX_ARTICLES = 60  # rows of "The articles"; a larger story has its articles in dossier.json
MAX_FINDINGS = 25  # marked and review findings listed; the review page and dossier.json have all
MAX_INFO = 15  # recorded (info) findings listed, collapsed
MAX_GROUPS = 25  # statements shown with their versions
MAX_VERSIONS = 6  # versions of a statement shown with their text (the others are linked)
MAX_LINKED_VERSIONS = 12  # further versions linked by label
MAX_COLLATION_ROWS = 30
MAX_VERSION_CHARS = 600
# Characters of HTML a section may take; beyond them a section lists the rest compactly or
# counts it, so that a page stays readable (and under 300 KB) whatever the story's size.
QUOTATIONS_BUDGET = 45_000  # beyond it, statements are listed compactly (who, where, the first words)
QUOTATIONS_LIMIT = 70_000  # beyond it, statements are only counted
DESCRIPTORS_BUDGET = 30_000
PASSAGES_BUDGET = 30_000
MAX_LONE = 30
MAX_PASSAGE_ROWS = 40
MAX_PASSAGE_CHARS = 280
MAX_PAIRS = 25  # pairs of articles whose shared passages are set side by side
MAX_DESCRIBED = 12
MAX_TIMELINE_ROWS = 40
MAX_CHART_ARTICLES = 20
MAX_COVERAGE_ENTITIES = 20

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
MEMBER_KIND_LABEL = {"quote": "quoted", "paraphrase": "paraphrased without quotation marks",
                     "mixed": "quoted in part, paraphrased in part"}
FINDING_LABEL = {
    "changed-quotation": "Changed quotation", "censored-quotation": "Censored quotation",
    "reworded-quotation": "Reworded quotation", "cosmetic-quotation": "Cosmetic difference",
    "excerpted-quotation": "Excerpt", "different-excerpt": "Different excerpts",
    "different-speaker": "Different speaker", "contradicting-descriptor": "Contradicting descriptor",
}
LEVEL_LABEL = {"marked": "marked in the text", "review": "waits for review", "info": "recorded"}


def alignment_html(alignment: Alignment, base_label: str, witness_label: str) -> str:
    """A collation table in the manner of CollateX: one row per aligned stretch, one column per
    version (the first MAX_COLLATION_ROWS rows that differ or that stand between them)."""
    if alignment.relation == "different-excerpt":
        return (f"<p><em>{one_line(base_label)} and {one_line(witness_label)} quote different parts of the statement: "
                "they are not collated word by word.</em></p>")
    rows = []
    for c in alignment.changes[:MAX_COLLATION_ROWS]:
        style = KIND_STYLE.get(c.kind, "")
        why = KIND_LABEL.get(c.kind, c.kind) + (": " + ", ".join(c.reasons) if c.reasons else "")
        op = OP_LABEL.get(c.op, c.op) if not (c.kind == "same" and c.op == "equal") else ""
        cell_a = one_line(c.base_text) if c.base_text else "<em>—</em>"
        cell_b = one_line(c.witness_text) if c.witness_text else "<em>—</em>"
        tag = f' style="{style}"' if style else ""
        rows.append(f"<tr><td{tag}>{cell_a}</td><td{tag}>{cell_b}</td><td>{op}</td><td>{one_line(why)}</td></tr>")
    more = len(alignment.changes) - MAX_COLLATION_ROWS
    tail = f"\n<p>{more} more rows in <code>dossier.json</code>.</p>" if more > 0 else ""
    head = f"<tr><th>{one_line(base_label)}</th><th>{one_line(witness_label)}</th><th>edit</th><th>class</th></tr>"
    return f'<table class="dossier-collation">\n{head}\n' + "\n".join(rows) + f"\n</table>{tail}"


class StoryPage:
    """What one story page is made from."""

    def __init__(self, site: SiteInputs, story_id: str, with_pages: set[str], notes: dict,
                 entity_names: dict[str, str], shared: set[str], memo: dict | None = None):
        self.site = site
        self.comparison: Comparison = site.comparison
        self.view: StoryView = self.comparison.story(story_id)
        self.source = story_path(story_id)
        self.refs = Refs(self.comparison, site.article_index, self.source, site.urls, entity_names, shared, with_pages,
                         memo)
        self.notes = notes  # (finding id, article) → its automatic note


def render_story(record: StoryPage) -> str:
    view, refs = record.view, record.refs
    story = view.story
    blocks = [h(1, story.title, "story")]
    dates = " to ".join(dict.fromkeys(d for d in (story.first_date, story.last_date) if d)) or "dates unknown"
    overview = refs.url("compare.md")
    how = ("listed in <code>stories.yml</code>" if story.source != "automatic"
           else f"grouped automatically (mean similarity of its articles {story.cohesion:.2f}; correct it in "
                "<code>stories.yml</code>)")
    blocks.append(f'<p data-search-exclude>{len(story.articles)} articles by {len(story.outlets) or "unknown"} '
                  f'outlet{"s" if len(story.outlets) != 1 else ""}, {one_line(dates)}; {how}. '
                  f'<a href="{attribute(overview)}">All stories</a> · every record is in <code>dossier.json</code>.</p>')
    blocks += _articles(record)
    blocks += _findings(record)
    blocks += _quotations(record)
    blocks += _passages(record)
    blocks += _descriptors(record)
    blocks += _timeline(record)
    blocks += _similarity(record)
    blocks += _coverage(record)
    return page(story.title, "story", blocks, ident=story.id)


class _ByArticle(NamedTuple):
    quotes: dict[str, list[tuple[int, Quote]]]  # article → its quotations, with their places in comparison.quotes
    coverage: dict[str, list[int]]  # article → the places in comparison.coverage of the entities it mentions


def _by_article(c: Comparison) -> _ByArticle:
    """The comparison's quotations and coverage rows by article, made once per comparison: each
    story page looks up its own articles instead of going through the whole dossier's lists
    (which made the story pages quadratic: 1,100 stories x 20,000 quotations at 10k)."""
    return once(c, "story_by_article", _index_by_article)


def _index_by_article(c: Comparison) -> _ByArticle:
    quotes: dict[str, list[tuple[int, Quote]]] = {}
    coverage: dict[str, list[int]] = {}
    for i, q in enumerate(c.quotes):
        quotes.setdefault(q.article, []).append((i, q))
    for i, cov in enumerate(c.coverage):
        for a, _ in cov.counts:
            coverage.setdefault(a, []).append(i)
    return _ByArticle(quotes, coverage)


def _articles(record: StoryPage) -> list[str]:
    view, refs, c = record.view, record.refs, record.comparison
    shares = {s.article: s for s in view.shares}
    by_article = _by_article(c).quotes
    quotes = Counter({aid: len(by_article[aid]) for aid in set(view.story.articles) if aid in by_article})
    rows = []
    for aid in view.story.articles[:MAX_ARTICLES]:
        a = refs.articles.get(aid)
        s = shares.get(aid)
        paragraphs = ", ".join(refs.article(aid, p, f"¶{p}") for p in s.shared_paragraphs[:4]) if s else ""
        if s and len(s.shared_paragraphs) > 4:
            paragraphs += f" +{len(s.shared_paragraphs) - 4}"
        rows.append(
            f"<tr><td>{refs.title(aid)}<br><small>{one_line(refs.label(aid))}</small></td>"
            f"<td>{a.words if a else ''}</td><td>{quotes[aid]}</td>"
            f'<td>{f"""<meter value="{s.shared_share:.2f}"></meter> {s.shared_share:.0%}""" if s else ""}</td>'
            f"<td>{f'{s.derived_share:.0%}' if s else ''}</td><td>{paragraphs}</td></tr>")
    more = len(view.story.articles) - len(rows)
    table = ('<table data-search-exclude>\n<tr><th>Article (outlet, date)</th><th>Words</th>'
             "<th>Quotations</th><th>Text shared with other articles</th><th>Derived from an older article</th>"
             "<th>Mostly shared paragraphs</th></tr>\n" + "\n".join(rows) + "\n</table>")
    out = [h(2, "The articles", "articles", search=False), table]
    if more > 0:
        out.append(f"<p>{more} more articles: see <code>dossier.json</code> (<code>stories</code>).</p>")
    return out


def finding_line(f: Finding, refs: Refs, note_href: str | None = None) -> str:
    """One finding as a line: kind, confidence, where, the words on both sides, why."""
    where = refs.article(f.article, f.paragraph)
    other = refs.article(f.other_article, f.other_paragraph) if f.other_article else ""
    reasons = f" ({one_line(', '.join(f.reasons))})" if f.reasons else ""
    if f.kind == "contradicting-descriptor":
        said = f"{where} says <q>{one_line(f.text)}</q>" + (f", {other} says <q>{one_line(f.other_text)}</q>" if other else "")
    elif f.kind == "different-speaker":
        said = f"{where} gives the words to <q>{one_line(short(f.text, 80))}</q>" + (
            f", {other} to <q>{one_line(short(f.other_text, 80))}</q>" if other else "")
    elif other and not f.other_text:
        said = f"{where} has <q>{one_line(short(f.text, 200))}</q>, which {other} does not quote"
    elif other:
        said = f"{where} has <q>{one_line(short(f.text, 200))}</q> where {other} has <q>{one_line(short(f.other_text, 200))}</q>"
    else:
        said = f"{where}: <q>{one_line(short(f.text, 200))}</q>"
    note = f' · <a href="{attribute(note_href)}">note</a>' if note_href else ""
    return (f"<strong>{one_line(FINDING_LABEL.get(f.kind, f.kind))}</strong> · confidence {f.confidence:.2f} · "
            f"{one_line(LEVEL_LABEL.get(f.level, f.level))}: {said}{reasons}{note}")


def _note_href(record: StoryPage, f: Finding) -> str | None:
    note = record.notes.get((f.id, f.article))
    if note is None:
        return None
    if note.shown:
        return record.refs.url(f"articles/{f.article}.md", note.html_id)
    if note.to_review:
        return record.refs.url("notes/review.md", note.html_id)
    return None


def _findings(record: StoryPage) -> list[str]:
    view, refs = record.view, record.refs
    shown = [f for f in view.findings if f.level in ("marked", "review")]
    dismissed = {f.id for f in shown if (n := record.notes.get((f.id, f.article))) is not None and n.status == "dismissed"}
    shown = [f for f in shown if f.id not in dismissed]
    shown.sort(key=lambda f: (f.level != "marked", f.rank if f.level == "review" else 0, -f.confidence, f.article, f.start))
    info = [f for f in view.findings if f.level == "info"]
    out = [h(2, "Findings", "findings")]
    marked = sum(1 for f in shown if f.level == "marked")
    review = len(shown) - marked
    counts = Counter(FINDING_LABEL.get(f.kind, f.kind).lower() for f in info)
    summary = [f"{marked} marked in the article text", f'{review} waiting on the <a href="{attribute(refs.url("notes/review.md"))}">review page</a>']
    if info:
        summary.append(f"{len(info)} recorded only ({one_line(', '.join(f'{n} {k}' for k, n in sorted(counts.items())))})")
    if dismissed:
        summary.append(f"{len(dismissed)} dismissed")
    out.append(f"<p>{'; '.join(summary)}. Confident changes of meaning, censoring and contradicting descriptors are "
               "marked in the text; rewordings and less sure findings wait for review.</p>")
    if shown:
        items = "\n".join(f"<li>{finding_line(f, refs, _note_href(record, f))}</li>" for f in shown[:MAX_FINDINGS])
        out.append(f'<ul class="dossier-findings">\n{items}\n</ul>')
        if len(shown) > MAX_FINDINGS:
            out.append(f"<p>{len(shown) - MAX_FINDINGS} more: see the review page and <code>dossier.json</code> "
                       "(<code>findings</code>).</p>")
    if info:
        items = "\n".join(f"<li>{finding_line(f, refs)}</li>" for f in info[:MAX_INFO])
        more = f"\n<p>{len(info) - MAX_INFO} more in <code>dossier.json</code>.</p>" if len(info) > MAX_INFO else ""
        out.append(details(f"Recorded differences: cosmetic changes, excerpts ({len(info)})", f"<ul>\n{items}\n</ul>{more}"))
    return out


def _statement(g: QuoteGroup, number: int, refs: Refs, compact: bool) -> list[str]:
    """One quotation group: a heading (its own search section), who speaks, each version, and
    each version against the first: the changes of meaning, then the collation, collapsed."""
    speaker = next((m for m in g.members if m.speaker_entity), None)
    who_text = (refs.entity_names.get(speaker.speaker_entity, speaker.speaker or "") if speaker
                else next((m.speaker for m in g.members if m.speaker), None) or "unattributed")
    who = refs.entity(speaker.speaker_entity) if speaker else one_line(who_text)
    outlets = len({refs.outlets.get(a) or a for a in g.articles})
    out = [h(3, f"Statement {number}: {who_text}", g.id)]
    if compact:
        where = ", ".join(refs.article(m.article, m.paragraphs[0]) for m in g.members[:MAX_LINKED_VERSIONS])
        out.append(f"<p>{who}, in {len(g.members)} versions: {where}: <q>{one_line(short(g.base.text, 200))}</q></p>")
        return out
    items = []
    for m in g.members[:MAX_VERSIONS]:
        attribution = " ".join(x for x in (m.speaker, m.verb) if x)
        where = refs.paragraphs(m.article, m.paragraphs[:3])
        items.append(f"<li>{where} · {one_line(MEMBER_KIND_LABEL.get(m.kind, m.kind))}"
                     f"{' · ' + one_line(attribution) if attribution else ''}: <q>{one_line(short(m.text, MAX_VERSION_CHARS))}</q></li>")
    rest = g.members[MAX_VERSIONS:]
    if rest:
        linked = ", ".join(refs.article(m.article, m.paragraphs[0]) for m in rest[:MAX_LINKED_VERSIONS])
        extra = len(rest) - MAX_LINKED_VERSIONS
        items.append(f"<li>Also in {linked}{f' and {extra} more (dossier.json)' if extra > 0 else ''}.</li>")
    out.append(f"<p>{who}, in {len(g.members)} versions by {outlets} outlet{'s' if outlets != 1 else ''}:</p>\n"
               f'<ul class="dossier-versions">\n' + "\n".join(items) + "\n</ul>")
    members = {m.id: m for m in g.members}
    verdicts, tables = [], []
    for al in g.alignments[: MAX_VERSIONS - 1]:
        base, witness = members.get(al.base), members.get(al.witness)
        if base is None or witness is None:
            continue
        bl, wl = refs.label(base.article), refs.label(witness.article)
        marked = [c for c in al.changes if c.kind in ("meaning", "censoring")]
        if al.relation == "different-excerpt":
            verdicts.append(f"<li>{one_line(wl)} quotes another part of the statement than {one_line(bl)}.</li>")
        elif marked:
            changes = "; ".join(f"<q>{one_line(c.base_text) or '—'}</q> → <q>{one_line(c.witness_text) or '—'}</q> "
                                f"({one_line(KIND_LABEL[c.kind])}{': ' + one_line(', '.join(c.reasons)) if c.reasons else ''})"
                                for c in marked[:6])
            verdicts.append(f"<li><strong>{one_line(wl)}</strong> against {one_line(bl)}: {changes}</li>")
        else:
            kinds = Counter(c.kind for c in al.changes if c.kind != "same")
            what = ", ".join(f"{n} {KIND_LABEL[k].split(':')[0]}" for k, n in sorted(kinds.items())) or "the same words"
            verdicts.append(f"<li>{one_line(wl)} against {one_line(bl)}: no change of meaning ({one_line(what)}).</li>")
        if al.relation != "different-excerpt" and al.changes:
            tables.append((bl, wl, al))
    if verdicts:
        out.append('<ul class="dossier-verdicts">\n' + "\n".join(verdicts) + "\n</ul>")
    if len(tables) == 1:
        bl, wl, al = tables[0]
        out.append(details(f"Collation of {one_line(bl)} and {one_line(wl)} (word similarity {al.similarity:.0f}%)",
                           alignment_html(al, bl, wl)))
    elif tables:
        body = "\n".join(f"<p><strong>{one_line(wl)}</strong> against {one_line(bl)} (word similarity "
                         f"{al.similarity:.0f}%)</p>\n{alignment_html(al, bl, wl)}" for bl, wl, al in tables)
        out.append(details(f"Collations against {one_line(tables[0][0])} ({len(tables)} versions)", body))
    return out


def _quotations(record: StoryPage) -> list[str]:
    view, refs, c = record.view, record.refs, record.comparison
    groups = view.quote_groups
    out = [h(2, "Quotations", "quotations")]
    if groups:
        out.append(f"<p>{len(groups)} statement{'s' if len(groups) != 1 else ''} appear in more than one article of "
                   "this story. Each version is set against the first (the oldest article): red marks a change of "
                   "meaning (a different name, number, negation, or who speaks or hopes), purple censoring, yellow a "
                   "rewording, grey a cosmetic change; the collation tables are collapsed.</p>")
    else:
        out.append("<p>No statement is quoted or paraphrased in more than one article of this story.</p>")
    used = 0
    shown = 0
    for n, g in enumerate(groups[:MAX_GROUPS], 1):
        if used > QUOTATIONS_LIMIT:
            break
        part = _statement(g, n, refs, compact=used > QUOTATIONS_BUDGET)
        used += sum(len(x) for x in part)
        out += part
        shown += 1
    if len(groups) > shown:
        out.append(f"<p>{len(groups) - shown} more statements: see <code>dossier.json</code> "
                   "(<code>quotation_groups</code>) and the asides beside each article's paragraphs.</p>")
    articles = set(view.story.articles)
    grouped = {q for g in groups for m in g.members for q in m.quotes}
    by_article = _by_article(c).quotes
    lone = [q for _, q in sorted(x for aid in articles for x in by_article.get(aid, ())) if q.id not in grouped]
    if lone:
        rows = "\n".join(
            f"<tr><td>{refs.paragraphs(q.article, q.paragraphs[:2])}</td>"
            f"<td>{one_line(' '.join(x for x in (q.speaker, q.verb) if x) or 'unattributed')}</td>"
            f"<td>{one_line(short(q.text, 300))}</td></tr>" for q in lone[:MAX_LONE])
        more = f"\n<p>{len(lone) - MAX_LONE} more in <code>dossier.json</code>.</p>" if len(lone) > MAX_LONE else ""
        out.append(details(f"Quotations found in one article only ({len(lone)})",
                           f"<table>\n<tr><th>Where</th><th>Speaker</th><th>Quotation</th></tr>\n{rows}\n</table>{more}"))
    return out


def _passages(record: StoryPage) -> list[str]:
    view, refs = record.view, record.refs
    out = [h(2, "Shared passages", "passages", search=False)]
    if not view.passages:
        return out + ["<p>No article of this story shares sentences with another.</p>"]
    out.append(f"<p>{len(view.passages)} group{'s' if len(view.passages) != 1 else ''} of sentences appear in more than "
               "one article, verbatim, nearly verbatim or rewritten (syndicated, spun or machine-translated copies). "
               "The first version of each is set against the others, pair of articles by pair.</p>")
    pair_rows: dict[tuple[str, str], list[str]] = defaultdict(list)
    relations: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rows = used = 0
    for p in view.passages:
        first = p.members[0]
        for other in p.members[1:MAX_ARTICLES]:
            if other.article == first.article:
                continue
            key = (first.article, other.article)
            relations[key][p.relation] += 1
            if rows >= MAX_PASSAGE_ROWS or used > PASSAGES_BUDGET:
                continue
            rows += 1
            a, b = refs.articles.get(first.article), refs.articles.get(other.article)
            pair_rows[key].append(
                f"<tr><td>{refs.article(first.article, first.paragraph, f'¶{first.paragraph}')}</td>"
                f"<td>{one_line(short(a.text[first.start:first.end], MAX_PASSAGE_CHARS)) if a else ''}</td>"
                f"<td>{refs.article(other.article, other.paragraph, f'¶{other.paragraph}')}</td>"
                f"<td>{one_line(short(b.text[other.start:other.end], MAX_PASSAGE_CHARS)) if b else ''}</td>"
                f"<td>{one_line(p.relation)}</td></tr>")
            used += len(pair_rows[key][-1])
    pairs = sorted(relations.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    for (a, b), counts in pairs[:MAX_PAIRS]:
        da, db = (refs.articles[a].date if a in refs.articles else None), (refs.articles[b].date if b in refs.articles else None)
        if da and db and da != db:
            older, newer = (a, b) if da < db else (b, a)
            direction = f"{refs.label(newer)} is later and can derive from {refs.label(older)}"
        else:
            direction = "direction unknown (same date, or a date is missing)"
        what = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
        summary = f"{one_line(refs.label(a))} and {one_line(refs.label(b))}: {one_line(what)} · {one_line(direction)}"
        body = pair_rows.get((a, b))
        table = ("<table>\n<tr><th></th><th>Text in " + one_line(refs.label(a)) + "</th><th></th><th>Text in "
                 + one_line(refs.label(b)) + "</th><th>How</th></tr>\n" + "\n".join(body) + "\n</table>") if body else \
            "<p>Listed in <code>dossier.json</code> (<code>shared_passages</code>).</p>"
        out.append(details(summary, table))
    if len(pairs) > MAX_PAIRS:
        out.append(f"<p>{len(pairs) - MAX_PAIRS} more pairs of articles share passages: see <code>dossier.json</code> "
                   "(<code>shared_passages</code>) and the asides beside each article's paragraphs.</p>")
    return out


def _descriptors(record: StoryPage) -> list[str]:
    view, refs = record.view, record.refs
    out = [h(2, "How the articles describe the people involved", "descriptors", search=False)]
    by_entity: dict[str, int] = Counter(d.entity for d in view.descriptors)
    contradicted = Counter(c.entity for c in view.contradictions)
    if not by_entity:
        return out + ["<p>No article of this story describes a shared entity with a title or an apposition.</p>"]
    ranked = sorted(by_entity, key=lambda e: (-contradicted[e], -by_entity[e], refs.entity_names.get(e, e).casefold()))
    out.append(f"<p>Titles, appositions and roles that each article gives to the {len(by_entity)} shared entities "
               f"it describes{f', {len(view.contradictions)} pair(s) of them contradicting each other' if view.contradictions else ''}. "
               "How each outlet names them is on the entity pages and on each outlet's page.</p>")
    used, shown = 0, 0
    for eid in ranked[:MAX_DESCRIBED]:
        if used > DESCRIPTORS_BUDGET:
            break
        body = render_descriptors(record.comparison, eid, record.source, refs.urls, labels=refs.labels,
                                  articles=set(view.story.articles))
        shown += 1
        if body:
            flag = f", {contradicted[eid]} contradicting" if contradicted[eid] else ""
            out.append(details(f"{refs.entity(eid)}: {by_entity[eid]} descriptors{flag}", body.strip(),
                               css="warning" if flag else "note"))
            used += len(out[-1])
    if len(ranked) > shown:
        rest = ", ".join(refs.entity(e) for e in ranked[shown:shown + 30])
        out.append(f"<p>{len(ranked) - shown} more entities are described ({rest}{', …' if len(ranked) - shown > 30 else ''}): "
                   "see their pages and <code>dossier.json</code> (<code>descriptors</code>).</p>")
    return out


def _timeline(record: StoryPage) -> list[str]:
    view, refs = record.view, record.refs
    out = [h(2, "Timeline", "timeline", search=False)]
    points: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    rows = []
    for aid in view.story.articles:
        a = refs.articles.get(aid)
        if a is not None and a.date:
            points[aid].append((a.date, "published", f"published {a.date}"))
            rows.append((a.date, refs.label(aid), refs.article(aid), "published", "publication date"))
    unresolved = []
    for d in view.dates:
        if d.value:
            points[d.article].append((d.value, "mention", f"¶{d.paragraph}: {short(d.text, 40)} → {d.value}"))
            rows.append((d.value, refs.label(d.article), refs.article(d.article, d.paragraph), d.text, d.rule))
        else:
            unresolved.append(d)
    chart = timeline_svg([(refs.label(a), points[a]) for a in view.story.articles if points.get(a)][:MAX_CHART_ARTICLES],
                         "Publication dates and mentioned dates per article")
    if not rows and not unresolved:
        return out + ["<p>No dates could be placed on a timeline.</p>"]
    if chart:
        out.append(f'<figure class="dossier-chart">{chart}<figcaption>Red squares: publication; blue dots: days '
                   "mentioned; blue bars: months mentioned. Hover for the words.</figcaption></figure>")
    rows.sort(key=lambda r: (r[0], r[1]))
    body = "\n".join(f"<tr><td>{one_line(v)}</td><td>{where}</td><td>{one_line(text)}</td><td>{one_line(rule)}</td></tr>"
                     for v, _, where, text, rule in rows[:MAX_TIMELINE_ROWS])
    more = f"\n<p>{len(rows) - MAX_TIMELINE_ROWS} more in <code>dossier.json</code> (<code>timeline</code>).</p>" \
        if len(rows) > MAX_TIMELINE_ROWS else ""
    out.append(details(f"The {len(rows)} dates, as written and as read",
                       f"<table>\n<tr><th>Date</th><th>Article</th><th>As written</th><th>How it was read</th></tr>\n"
                       f"{body}\n</table>{more}"))
    if unresolved:
        body = "\n".join(f"<tr><td>{refs.article(d.article, d.paragraph)}</td><td>{one_line(d.text)}</td><td>{one_line(d.rule)}</td></tr>"
                         for d in unresolved[:MAX_TIMELINE_ROWS])
        out.append(details(f"Dates shown as written ({len(unresolved)}): they cannot be resolved and are not guessed",
                           f"<table>\n<tr><th>Article</th><th>As written</th><th>Why not resolved</th></tr>\n{body}\n</table>"))
    return out


def charted(view: StoryView, refs: Refs) -> list[str]:
    """The articles the charts show: all, or the MAX_CHART_ARTICLES that share the most text."""
    ids = list(view.story.articles)
    if len(ids) > MAX_CHART_ARTICLES:
        shared = {s.article: s.shared_words for s in view.shares}
        keep = set(sorted(ids, key=lambda x: (-shared.get(x, 0), x))[:MAX_CHART_ARTICLES])
        ids = [x for x in ids if x in keep]
    return ids


def _similarity(record: StoryPage) -> list[str]:
    view, refs = record.view, record.refs
    ids = charted(view, refs)
    if len(ids) < 2:
        return []
    out = [h(2, "Similarity", "similarity", search=False)]
    index = {aid: i for i, aid in enumerate(ids)}
    words = {s.article: s.words for s in view.shares}
    cos, shared = {}, {}
    for p in view.similarity:
        if p.a in index and p.b in index:
            cos[(index[p.a], index[p.b])] = p.cosine
            denom = words.get(p.a, 0) + words.get(p.b, 0)
            shared[(index[p.a], index[p.b])] = p.shared_words / denom if denom else 0.0
    labels = [refs.label(x) for x in ids]
    titles = [refs.articles[x].title if x in refs.articles else x for x in ids]
    note = f"<p>The {len(ids)} articles that share the most text are charted, of {len(view.story.articles)}.</p>\n" \
        if len(ids) < len(view.story.articles) else ""
    out.append(f'{note}<div class="dossier-charts" style="display:flex;flex-wrap:wrap;gap:2em">\n'
               f'<figure style="margin:0">{heatmap_svg(labels, titles, cos, "Vocabulary similarity")}'
               "<figcaption>Vocabulary similarity (tf-idf cosine, in %)</figcaption></figure>\n"
               f'<figure style="margin:0">{heatmap_svg(labels, titles, shared, "Share of words in shared sentences")}'
               "<figcaption>Share of the two articles' words in shared sentences (in %)</figcaption></figure>\n</div>\n"
               "<p>Colour is on one scale for each whole chart: the darkest cell is its largest value.</p>")
    return out


def _coverage(record: StoryPage) -> list[str]:
    view, refs, c = record.view, record.refs, record.comparison
    ids = charted(view, refs)
    articles = set(view.story.articles)
    rows = []
    by_article = _by_article(c).coverage
    for cov in (c.coverage[i] for i in sorted({i for aid in articles for i in by_article.get(aid, ())})):
        counts = {a: n for a, n in cov.counts if a in articles}
        if len(counts) >= 2:
            rows.append((cov.entity, counts))
    rows.sort(key=lambda r: (-len(r[1]), -sum(r[1].values()), r[0]))
    rows = rows[:MAX_COVERAGE_ENTITIES]
    out = [h(2, "Entity coverage", "coverage", search=False)]
    if not rows:
        return out + ["<p>No entity is mentioned in more than one article of this story.</p>"]
    charted_ids = set(ids)
    top = max((n for _, counts in rows for a, n in counts.items() if a in charted_ids), default=1)
    head = "".join(f'<th title="{tooltip_attribute(refs.label(a))}">{i}</th>' for i, a in enumerate(ids, 1))
    body = []
    for eid, counts in rows:
        cells = []
        for aid in ids:
            n = counts.get(aid, 0)
            colour = "#fff" if n / top > 0.55 else "#222"
            cells.append(f'<td style="text-align:center;color:{colour};background:{shade(n / top)}">{n}</td>' if n else "<td>·</td>")
        body.append(f"<tr><td>{refs.entity(eid)}</td><td>{len(counts)}</td>{''.join(cells)}</tr>")
    legend = " · ".join(f"{i} {refs.article(a)}" for i, a in enumerate(ids, 1))
    out.append(details(f"Mentions of the {len(rows)} most widely covered shared entities per article "
                       f"(one colour scale for the whole table: darkest = {top} mentions)",
                       f"<p>{legend}</p>\n<table>\n<tr><th>Entity</th><th>Articles</th>{head}</tr>\n" + "\n".join(body)
                       + "\n</table>"))
    return out


def story_ids_with_pages(comparison: Comparison) -> set[str]:
    """Stories of two or more articles have a page; a story of one article is its article."""
    return {s.id for s in comparison.stories if len(s.articles) >= 2}


@page_kind("story", order=41, render=lambda record, memo=None: render_story(record), deferred=True)
def _story_pages(site: SiteInputs, additions, made):
    comparison = site.comparison
    if comparison is None:
        return
    with_pages = story_ids_with_pages(comparison)
    notes = {(n.finding, n.article): n for n in site.note_set.notes if n.automatic}
    names = {e.id: e.name for e in site.entities}
    shared = {e.id for e in site.shared}
    memo: dict = {}  # links made once for all story pages (one folder, the same relative URLs)
    for story in comparison.stories:
        if story.id in with_pages:
            yield story_path(story.id), StoryPage(site, story.id, with_pages, notes, names, shared, memo)
