"""The comparison's overview (compare.md): the dossier's stories by outlet, who covered which
story and when (in the manner of a coverage view), the stories over time, the outlets, and how
many findings each story has. Each story of two or more articles has its own comparison page
(`story_page.py`: compare/<story-id>.md); each outlet its page (`outlet_page.py`).

Bounded in size: at most MAX_STORY_ROWS stories per page (further pages compare/stories/N.md),
MAX_OUTLET_COLUMNS outlet columns (the others are counted in one column). Written as HTML blocks
between heading lines (`html.py`); every input text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ..compare import Comparison
from ..compare.stories import Story
from .charts import date_span, date_ticks, flat, shorten
from .compare_refs import UNKNOWN_OUTLET, Refs, h, page
from .html import attribute, one_line, tooltip_attribute
from .inputs import SiteInputs
from .registry import page_kind
from .story_page import story_ids_with_pages

MAX_STORY_ROWS = 150  # stories per overview page
MAX_OUTLET_COLUMNS = 12  # outlets with a column; the others share one
MAX_TIMELINE_STORIES = 60
MAX_OUTLET_ROWS = 200


def overview_path(number: int) -> str:
    # a folder no story page can take (a story id is one slug, compare/<id>.md)
    return "compare.md" if number == 1 else f"compare/stories/{number}.md"


def _outlet_columns(comparison: Comparison, outlets: dict[str, str | None]) -> tuple[list[str | None], bool]:
    """The outlets with a column, most stories first (None: articles whose outlet is unknown),
    and whether other outlets share a last column."""
    stories_of: dict[str | None, set[str]] = defaultdict(set)
    for s in comparison.stories:
        for a in s.articles:
            stories_of[outlets.get(a)].add(s.id)
    ranked = sorted(stories_of, key=lambda o: (o is None, -len(stories_of[o]), (o or "").casefold()))
    return ranked[:MAX_OUTLET_COLUMNS], len(ranked) > MAX_OUTLET_COLUMNS


def _day(date: str | None, year: bool = True) -> str:
    if not date:
        return "undated"
    try:
        return f"{dt.date.fromisoformat(date):%d %b %Y}" if year else f"{dt.date.fromisoformat(date):%d %b}"
    except ValueError:
        return date


def _dates(first: str | None, last: str | None) -> str:
    """"17 Apr 2018", "19–20 Apr 2018", "30 Apr – 1 May 2018"."""
    if not first:
        return "undated"
    if not last or last == first:
        return _day(first)
    try:
        a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        return f"{first} – {last}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a:%d}–{b:%d %b %Y}"
    if a.year == b.year:
        return f"{a:%d %b} – {b:%d %b %Y}"
    return f"{a:%d %b %Y} – {b:%d %b %Y}"


def _cell(story: Story, outlet, refs: Refs, columns: set) -> str:
    articles = [a for a in story.articles if (refs.outlets.get(a) == outlet if outlet is not ... else refs.outlets.get(a) not in columns)]
    if not articles:
        return '<td class="dossier-none">·</td>'
    if outlet is ...:
        names = sorted({refs.outlets.get(a) or UNKNOWN_OUTLET for a in articles})
        return f'<td title="{tooltip_attribute(", ".join(names))}">{len(articles)} by {len(names)}</td>'
    year = (story.first_date or "")[:4]

    def day(a: str) -> str:
        date = refs.articles[a].date if a in refs.articles else None
        return _day(date, year=not date or date[:4] != year)

    links = "<br>".join(refs.article(a, text=day(a)) for a in articles[:4])
    more = f"<br>+{len(articles) - 4}" if len(articles) > 4 else ""
    return f'<td style="background:rgba(33,102,172,0.12)">{links}{more}</td>'


def _findings_cell(counts: Counter, story_id: str) -> str:
    marked, review = counts[(story_id, "marked")], counts[(story_id, "review")]
    if not (marked or review):
        return "<td>·</td>"
    return f"<td>{'<br>'.join(x for x in (f'{marked} marked' if marked else '', f'{review} to review' if review else '') if x)}</td>"


def _story_timeline(stories: list[Story], refs: Refs) -> str:
    """One row per story: a bar from its first to its last publication, a square per article."""
    rows = []
    for s in stories[:MAX_TIMELINE_STORIES]:
        days = [date_span(refs.articles[a].date)[0] for a in s.articles
                if a in refs.articles and refs.articles[a].date and date_span(refs.articles[a].date)]
        if days:
            rows.append((s, sorted(days)))
    if not rows:
        return ""
    lo = min(d[0] for _, d in rows)
    hi = max(d[-1] for _, d in rows)
    if (hi - lo).days < 2:
        lo, hi = lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
    span = max((hi - lo).days, 1)
    names = [shorten(s.title, 40) for s, _ in rows]
    left, width, row, axis = 14 + 6 * max(len(n) for n in names), 520, 18, 34
    height = axis + row * len(rows) + 6

    def x(d) -> float:
        return left + (d - lo).days / span * width

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 30}" height="{height}" '
             f'viewBox="0 0 {left + width + 30} {height}" role="img" aria-label="Stories over time" '
             'style="max-width:100%;height:auto">',
             f'<line x1="{left}" y1="{axis - 8}" x2="{left + width}" y2="{axis - 8}" stroke="#999"/>']
    for tick, text in date_ticks(lo, hi):
        if lo <= tick <= hi:
            parts.append(f'<line x1="{x(tick):.1f}" y1="{axis - 12}" x2="{x(tick):.1f}" y2="{height}" stroke="#e4e4e4"/>')
            parts.append(f'<text x="{x(tick):.1f}" y="{axis - 16}" font-size="9" text-anchor="middle">{text}</text>')
    for r, ((s, days), name) in enumerate(zip(rows, names)):
        y = axis + 6 + r * row
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="10" text-anchor="end">{flat(name)}<title>{flat(s.title)}</title></text>')
        parts.append(f'<rect x="{x(days[0]) - 1:.1f}" y="{y - 3}" width="{max(x(days[-1]) - x(days[0]), 0) + 2:.1f}" '
                     f'height="6" fill="#92c5de"><title>{flat(s.title)}: {days[0]} to {days[-1]}</title></rect>')
        for d in sorted(set(days)):
            n = days.count(d)
            parts.append(f'<rect x="{x(d) - 4:.1f}" y="{y - 4}" width="8" height="8" fill="#b2182b">'
                         f"<title>{n} article{'s' if n != 1 else ''} on {d}</title></rect>")
    parts.append("</svg>")
    return "".join(parts)


def render_overview(site: SiteInputs, number: int = 1) -> str:
    comparison: Comparison = site.comparison
    source = overview_path(number)
    with_pages = story_ids_with_pages(comparison)
    refs = Refs(comparison, site.article_index, source, site.urls, {e.id: e.name for e in site.entities},
                {e.id for e in site.shared}, with_pages)
    stories = list(comparison.stories)
    pages = max(1, -(-len(stories) // MAX_STORY_ROWS))
    shown = stories[(number - 1) * MAX_STORY_ROWS: number * MAX_STORY_ROWS]
    columns, others = _outlet_columns(comparison, refs.outlets)
    outlets = {o for o in refs.outlets.values()}
    blocks = [h(1, "How the articles compare" if number == 1 else f"How the articles compare: stories, page {number}",
                "comparison")]
    multi = len(with_pages)
    blocks.append(f"<p>{len(comparison.articles)} articles from {len(outlets - {None})} outlet"
                  f"{'s' if len(outlets - {None}) != 1 else ''}{' (and articles whose outlet is unknown)' if None in outlets else ''}, "
                  f"in {len(stories)} stor{'ies' if len(stories) != 1 else 'y'}; {multi} of them told by more than one "
                  "article, each with its own comparison page: what the articles quote differently, the passages they "
                  "share, how they describe the people involved. Articles are named by outlet and date. Every record is "
                  "in <code>dossier.json</code>; stories are grouped automatically and corrected in <code>stories.yml</code> "
                  "(see the documentation page on the comparison).</p>")
    if pages > 1:
        nav = " · ".join(f"<strong>{n}</strong>" if n == number else f'<a href="{attribute(refs.url(overview_path(n)))}">{n}</a>'
                         for n in range(1, pages + 1))
        blocks.append(f"<p>Stories {(number - 1) * MAX_STORY_ROWS + 1} to {(number - 1) * MAX_STORY_ROWS + len(shown)} "
                      f"of {len(stories)}, by first date. Pages: {nav}</p>")
    blocks.append(h(2, "Stories by outlet", "stories"))
    findings = Counter((f.story, f.level) for f in comparison.findings)
    dismissed = {n.finding for n in site.note_set.notes if n.automatic and n.status == "dismissed"}
    findings.subtract(Counter((f.story, f.level) for f in comparison.findings if f.id in dismissed))
    column_set = set(columns)
    head = "".join(f"<th>{refs.outlet(o) if o else one_line(UNKNOWN_OUTLET)}</th>" for o in columns)
    if others:
        head += "<th>Other outlets</th>"
    rows = []
    for s in shown:
        title = refs.story(s.id, s.title) if s.id in with_pages else refs.article(s.articles[0], text=s.title)
        cells = "".join(_cell(s, o, refs, column_set) for o in columns)
        if others:
            cells += _cell(s, ..., refs, column_set)
        rows.append(f"<tr><td>{title}</td><td>{len(s.articles)} article{'s' if len(s.articles) != 1 else ''}<br>"
                    f"{one_line(_dates(s.first_date, s.last_date))}</td>{_findings_cell(findings, s.id)}{cells}</tr>")
    blocks.append('<p data-search-exclude>Each cell gives the day an outlet published its article on the story, '
                  "linked to it; a dot, that the outlet did not cover it.</p>")
    # A real header row (thead): on a phone the table reflows into labelled cells (dossier.js).
    blocks.append('<div class="dossier-coverage-table" data-search-exclude>\n<table>\n'
                  f'<thead><tr><th style="min-width:16em">Story</th><th style="min-width:7em">Articles</th><th>Findings</th>{head}</tr></thead>\n'
                  "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>")
    chart = _story_timeline(shown, refs)
    if chart:
        blocks.append(h(2, "Stories over time", "stories-over-time", search=False))
        note = f" (the first {MAX_TIMELINE_STORIES} stories of this page)" if len(shown) > MAX_TIMELINE_STORIES else ""
        blocks.append(f'<figure class="dossier-chart" data-search-exclude>{chart}<figcaption>Each story from its first to '
                      f"its last article{note}; a red square per day with articles.</figcaption></figure>")
    if number == 1:
        blocks += _outlets(comparison, refs)
        total = Counter(f.level for f in comparison.findings if f.id not in dismissed)
        review = refs.url("notes/review.md")
        blocks.append(h(2, "Findings", "findings", search=False))
        blocks.append(f"<p>{total['marked']} findings are marked in the article text (confident changes of meaning, "
                      f"censoring, contradicting descriptors); {total['review']} wait on the "
                      f'<a href="{attribute(review)}">review page</a>; {total["info"]} are recorded only (cosmetic '
                      "differences, excerpts). Each story's page lists its own.</p>")
    return page("Comparison" if number == 1 else f"Comparison: stories, page {number}", "comparison", blocks,
                search=False)


def _outlets(comparison: Comparison, refs: Refs) -> list[str]:
    articles: Counter = Counter(refs.outlets.get(a) for a in comparison.articles)
    stories: dict = defaultdict(set)
    for s in comparison.stories:
        for a in s.articles:
            stories[refs.outlets.get(a)].add(s.id)
    entities = Counter(w.outlet for w in comparison.word_choice)
    ranked = sorted(articles, key=lambda o: (o is None, -articles[o], (o or "").casefold()))
    rows = "\n".join(f"<tr><td>{refs.outlet(o)}</td><td>{articles[o]}</td><td>{len(stories[o])}</td>"
                     f"<td>{entities.get(o, 0) if o else ''}</td></tr>" for o in ranked[:MAX_OUTLET_ROWS])
    more = f"\n<p>{len(ranked) - MAX_OUTLET_ROWS} more outlets in <code>dossier.json</code>.</p>" \
        if len(ranked) > MAX_OUTLET_ROWS else ""
    return [h(2, "Outlets", "outlets", search=False),
            "<p>Each outlet's page lists its articles and its word choice: how it names and labels each entity "
            "that other outlets mention too.</p>",
            "<table>\n<tr><th>Outlet</th><th>Articles</th><th>Stories</th><th>Entities it names that other outlets "
            f"name too</th></tr>\n{rows}\n</table>{more}"]


@page_kind("compare", order=40, render=lambda record, memo=None: render_overview(*record), deferred=True)
def _compare_pages(site: SiteInputs, additions, made):
    if site.comparison is None:
        return
    pages = max(1, -(-len(site.comparison.stories) // MAX_STORY_ROWS))
    for number in range(1, pages + 1):
        yield overview_path(number), (site, number)

