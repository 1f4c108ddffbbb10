"""Notes on pages: each note as a box (a Material admonition) under its article, its passage
highlighted in the article's text, lists of notes on entity pages, and the notes' own pages
(notes/index.md, every note by kind and by article; notes/unanchored.md, the orphans).

Everything here only displays a computed `NoteSet` (dossier.notes); nothing is decided here.
Note bodies are untrusted Markdown: each is rendered on its own to sanitized HTML
(`untrusted.note_html`), so nothing in it can define anything for the rest of the page.
"""

from __future__ import annotations

from bisect import bisect_right

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..model import HEADLINE, Article
from ..notes.anchoring import FUZZY, Selector
from ..notes.record import Note, NoteSet, shorten
from . import markup, untrusted
from .html import Urls, attribute, heading, one_line
from .index_pages import sort_articles
from .inputs import SiteInputs
from .registry import Contribution, Highlight, as_is, contributor, page_kind
from .templating import render_template

# Material admonition type per kind (people's notes); automatic notes all use "example".
ADMONITION = {
    "fact-check": "warning",
    "error": "failure",
    "correction": "failure",
    "translation": "quote",
    "context": "info",
    "question": "question",
}
AUTOMATIC_ADMONITION = "example"


def plain(body: str, limit: int = 140) -> str:
    """A one-line plain-text summary of a Markdown body (for lists and tooltips)."""
    text = re.sub(r"[`*_#>\[\]]", "", body)
    text = re.sub(r"\(([^)\s]*)\)", "", text)
    return shorten(text, limit)


# --- page markup ---------------------------------------------------------------------------------------


def _label(note: Note) -> str:
    kind = note.kind.replace("-", " ")
    return kind[:1].upper() + kind[1:]


def _admonition(note: Note) -> str:
    return AUTOMATIC_ADMONITION if note.automatic else ADMONITION.get(note.kind, "note")


def _numbering(notes: list[Note]) -> dict[str, int]:
    return {n.id: i for i, n in enumerate((n for n in notes if n.shown), 1)}


def _rendered_headline(article: Article):
    """The paragraph that the article page shows as its H1 (see site.article_page), if any."""
    return next((p for p in article.paragraphs
                 if p.kind == HEADLINE and article.text[p.start:p.end] == article.title), None)


def _status_text(note: Note) -> str:
    if not note.automatic:
        return ""
    if note.status == "pending":
        return "automatic finding, not yet reviewed"
    by = f" by {note.decided_by}" if note.decided_by else ""
    return f"automatic finding, {note.status}{by}"


def _title(note: Note, number: int | None) -> str:
    parts = [f"{'⚙' if note.automatic else ''}{number}" if number else None, note.title or _label(note)]
    if note.automatic:
        parts.append(_status_text(note))
    else:
        parts += [note.author, note.date]
    return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class _ArticleLayout:
    """Where an article's shown notes appear on its page."""

    highlights: list[Highlight]
    back: dict[str, str]  # note id → the page anchor its "↩ passage" link goes to


def _layout(note_set: NoteSet, article_id: str) -> _ArticleLayout:
    """The article's highlights, and for each shown note the anchor its "↩ passage" link uses.

    One <mark> per passage (notes on the same passage share it), followed by numbered links to
    its notes. A passage over several paragraphs is marked in each. A passage inside another
    one adds its markers to the outer mark; one that overlaps another is clipped, so the markup
    always nests. A passage in a headline that the page shows as its title links to the title.
    """
    article = note_set.articles.get(article_id)
    notes = [n for n in note_set.for_article(article_id) if n.shown]
    if article is None or not notes:
        return _ArticleLayout([], {})
    numbers = _numbering(note_set.for_article(article_id))
    headline = _rendered_headline(article)
    result = []
    back: dict[str, str] = {}
    paragraphs = article.paragraphs
    for start, end, group in _nested_spans(notes):
        pieces = []
        # from the paragraph the passage starts in (a binary search), to the one it ends in
        first = max(0, bisect_right(paragraphs, start, key=lambda p: p.start) - 1)
        for p in paragraphs[first:]:
            if p.start >= end:
                break
            s, e = max(start, p.start), min(end, p.end)
            if s < e:
                pieces.append((p, s, e))
        if not pieces:
            continue
        if all(p is headline for p, _, _ in pieces):  # shown as the page title, without markup
            for n in group:
                back[n.id] = f"#{headline.anchor}"
            continue
        ident = group[0].mark_id
        for n in group:
            back[n.id] = f"#{ident}"
        result += _marks(group, [(s, e) for p, s, e in pieces if p is not headline], ident, numbers)
    return _ArticleLayout(result, back)


def _nested_spans(notes: list[Note]) -> list[list]:
    """[start, end, notes] of each passage to mark, in order, so that the marks nest: notes on
    the same passage share one; a passage inside an earlier one joins it; one that overlaps an
    earlier one is clipped to start where that one ends."""
    spans: dict[tuple[int, int], list[Note]] = {}
    for note in notes:
        spans.setdefault((note.anchor.start, note.anchor.end), []).append(note)
    placed: list[list] = []  # [start, end, notes]
    for (start, end), group in sorted(spans.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if placed and start < placed[-1][1]:
            outer = next((p for p in reversed(placed) if p[0] <= start and end <= p[1]), None)
            if outer is not None:
                outer[2].extend(group)
                continue
            start = placed[-1][1]
        placed.append([start, end, list(group)])
    return placed


def _marks(group: list[Note], pieces: list[tuple[int, int]], ident: str, numbers: dict[str, int]) -> list[Highlight]:
    """The <mark>s of one passage, one per paragraph piece: the first carries the id the notes'
    back links go to, the last the numbered links to the notes."""
    markers = "".join(
        f'<sup class="dossier-note-ref{" dossier-note-ref--auto" if n.automatic else ""}" data-search-exclude>'
        f'<a href="#{n.html_id}" title="{markup.link_title(plain(n.body, 200))}">'
        f'{"⚙" if n.automatic else ""}{numbers[n.id]}</a></sup>'
        for n in group
    )
    auto = " dossier-note--auto" if all(n.automatic for n in group) else ""
    kinds = " ".join(dict.fromkeys(f"dossier-note--{n.kind}" for n in group))
    result = []
    for i, (s, e) in enumerate(pieces):
        id_attr = f' id="{ident}"' if i == 0 else ""
        before = f'<mark class="dossier-note {kinds}{auto}"{id_attr}>'
        after = "</mark>" + (markers if i == len(pieces) - 1 else "")
        result.append(Highlight(s, e, before, after))
    return result


def note_block(note: Note, number: int | None, back: str | None) -> str:
    """One note as a Material admonition, in HTML (it stands in Markdown and HTML pages alike),
    with the id the notes index links to. `back`: the anchor of its "↩ passage" link."""
    kind_class = f"dossier-note-block--{note.kind}"
    auto = " dossier-note-block--auto" if note.automatic else ""
    lines = [
        f'<div class="admonition {_admonition(note)} dossier-note-block {kind_class}{auto}" id="{note.html_id}">',
        f'<p class="admonition-title">{one_line(_title(note, number))}</p>',
    ]
    quoted = one_line(shorten(note.selector.exact if note.orphan else _passage(note), 300))
    back_link = f' <a href="{back}">↩ passage</a>' if back else ""
    lines.append(f"<blockquote><p>“{quoted}”{back_link}</p></blockquote>")
    if note.anchor.method == FUZZY:
        lines.append(f"<p><em>The passage has changed since this note was written. The note quoted:</em> "
                     f"“{one_line(shorten(note.selector.exact, 300))}”</p>")
    if note.automatic:
        body = "<br>\n".join(one_line(line) for line in note.body.splitlines() if line.strip())
        if body:
            lines.append(f"<p>{body}</p>")
        if note.status == "pending":
            lines.append(f"<p>Confirm with <code>dossier note confirm {one_line(_code(note.finding))}</code> or dismiss with "
                         f"<code>dossier note dismiss {one_line(_code(note.finding))}</code>.</p>")
    else:
        body = untrusted.note_html(note.body)
        if body:
            lines.append(body)
        if note.tags:
            lines.append("<p>Tags: " + ", ".join(one_line(t) for t in note.tags) + "</p>")
    lines.append("</div>")
    return "\n".join(lines)


def _code(value: str | None) -> str:
    return (value or "").replace("`", "'")


def _passage(note: Note) -> str:
    return note.passage if note.passage is not None else note.selector.exact


def _article_section(note_set: NoteSet, article_id: str, back: dict[str, str], urls: Urls) -> str:
    """The notes under an article: its shown notes' boxes, links to its orphans, and how many
    of its automatic findings were dismissed. `back`: the anchors of the "↩ passage" links."""
    notes = note_set.for_article(article_id)
    if not notes:
        return ""
    source = f"articles/{article_id}.md"
    numbers = _numbering(notes)
    blocks = []
    shown = [n for n in notes if n.shown]
    if shown:
        blocks.append(heading(2, "Notes", "notes", search=False))
        for note in shown:
            blocks.append(note_block(note, numbers[note.id], back.get(note.id)))
    dismissed = [n for n in notes if n.anchor.anchored and n.status == "dismissed"]
    orphans = [n for n in notes if n.orphan]
    if orphans:
        blocks.append(heading(2, "Unanchored notes", "unanchored-notes", search=False))
        page = urls.link(source, "notes/unanchored.md")
        items = "".join(f'<li><a href="{urls.link(source, "notes/unanchored.md", note.html_id)}">'
                        f"{one_line(shorten(note.selector.exact, 80))}</a> · {one_line(_label(note))}</li>\n"
                        for note in orphans)
        blocks.append(f"<p>{len(orphans)} note{'s' if len(orphans) != 1 else ''} about this article could not be "
                      f'placed in its text: see <a href="{page}">Unanchored notes</a>.</p>\n<ul>\n{items}</ul>')
    if dismissed:
        index = urls.link(source, "notes/index.md", "dismissed-findings")
        blocks.append(f"<p>{len(dismissed)} automatic finding{'s' if len(dismissed) != 1 else ''} about this article "
                      f'dismissed by an analyst: see the <a href="{index}">notes index</a>.</p>')
    return "\n\n".join(blocks)


def _entity_section(note_set: NoteSet, entity_id: str, urls: Urls) -> str:
    """The shown notes whose passage mentions the entity, as a list linking to them."""
    notes = [n for n in note_set.for_entity(entity_id) if n.shown]
    if not notes:
        return ""
    source = f"entities/{entity_id}.md"
    items = []
    for note in notes:
        article = note_set.articles[note.article]
        target = urls.link(source, f"articles/{article.id}.md", note.html_id)
        who = " · ".join(x for x in (_status_text(note) if note.automatic else note.author, note.date) if x)
        items.append(f'<li><a href="{target}">{one_line(_label(note))}</a>: “{one_line(shorten(_passage(note), 100))}” '
                     f"in <em>{one_line(article.title)}</em>{' · ' + one_line(who) if who else ''} — "
                     f"{one_line(plain(note.body))}</li>")
    title = heading(2, "Notes on passages that mention this entity", "notes", search=False)
    return title + "\n\n<ul>\n" + "\n".join(items) + "\n</ul>"


def article_contribution(note_set: NoteSet, article_id: str, urls: Urls = Urls()) -> Contribution:
    """An article page's highlights and notes section."""
    layout = _layout(note_set, article_id)
    return Contribution(tuple(layout.highlights), _article_section(note_set, article_id, layout.back, urls))


def entity_contribution(note_set: NoteSet, entity_id: str, urls: Urls = Urls()) -> Contribution:
    """The list of notes whose passage mentions the entity, on its page."""
    return Contribution(section=_entity_section(note_set, entity_id, urls))


@contributor("article", "notes", order=10)
def notes_on_articles(site: SiteInputs, cache=None) -> dict[str, Contribution]:
    note_set = site.note_set
    return {article_id: article_contribution(note_set, article_id, site.urls)
            for article_id in sorted({n.article for n in note_set.notes if n.article in note_set.articles})}


@contributor("entity", "notes", order=10)
def notes_on_entities(site: SiteInputs, cache=None) -> dict[str, Contribution]:
    note_set = site.note_set
    return {entity_id: entity_contribution(note_set, entity_id, site.urls)
            for entity_id in sorted({e for n in note_set.notes for e in n.entities})}


# --- generated pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    note: Note
    article: Article | None
    target: str  # docs-relative link from notes/
    label: str
    passage: str
    summary: str
    who: str


class _KindGroup(NamedTuple):
    """The index's notes of one kind ("By kind")."""

    label: str
    kind: str
    rows: list[_Row]


class _ArticleGroup(NamedTuple):
    """The index's notes on one article ("By article")."""

    article: Article
    rows: list[_Row]


class _Orphan(NamedTuple):
    """An unanchored note as notes/unanchored.md shows it."""

    note: Note
    article: Article | None  # None when the note's article is not in the dossier
    block: str  # the note's box (`note_block`)
    context: str  # the passage with the text around it when the note was written (`_in_context`)


def _row(note: Note, articles: dict[str, Article]) -> _Row:
    article = articles.get(note.article) if note.article else None
    if note.shown and article is not None:
        target = f"../articles/{article.id}.md#{note.html_id}"
    elif note.orphan:
        target = f"unanchored.md#{note.html_id}"
    else:  # a dismissed finding: its passage on the article page
        target = f"../articles/{article.id}.md" if article is not None else "index.md"
    who = _status_text(note) if note.automatic else " · ".join(x for x in (note.author, note.date) if x)
    return _Row(note, article, target, _label(note), shorten(_passage(note), 90), plain(note.body), who)


def _in_context(selector: Selector) -> str:
    """“…prefix **exact** suffix…” on one line, every piece escaped."""
    def one_line(text: str) -> str:
        return markup.text_inline(text.replace("\r", " ").replace("\n", " "))

    prefix = one_line(selector.prefix).lstrip()
    suffix = one_line(selector.suffix).rstrip()
    return f"“…{prefix}**{markup.text(' '.join(selector.exact.split()))}**{suffix}…”"


@page_kind("notes", order=50, render=as_is)
def _notes_pages(site: SiteInputs, additions, made):
    yield from generated_pages(site.note_set, list(site.articles)).items()


def generated_pages(note_set: NoteSet, articles: list[Article]) -> dict[str, str]:
    """notes/index.md (every note, by kind and by article) and notes/unanchored.md (orphans).
    Both always exist: the site's navigation links them."""
    by_id = {a.id: a for a in articles}
    by_id.update({k: v for k, v in note_set.articles.items() if k not in by_id})
    return {"notes/index.md": _index_page(note_set, by_id), "notes/unanchored.md": _unanchored_page(note_set, by_id)}


def _index_page(note_set: NoteSet, by_id: dict[str, Article]) -> str:
    """notes/index.md: counts, the analysts' notes by kind and by article, then the automatic
    findings marked in the text, then the dismissed ones. Findings waiting for review are only
    counted here, with a link to the review page (notes/review.md)."""
    listed = [n for n in note_set.notes if n.status != "dismissed" and not n.to_review]
    rows = [_row(n, by_id) for n in listed]
    kinds: dict[str, list[_Row]] = {}
    for row in rows:
        if not row.note.automatic:
            kinds.setdefault(row.note.kind, []).append(row)
    found: dict[str, list[_Row]] = {}
    for row in rows:
        if row.note.automatic:
            found.setdefault(row.note.kind, []).append(row)
    kind_groups = [_KindGroup(kinds[k][0].label, k, kinds[k]) for k in sorted(kinds)]
    finding_groups = [_KindGroup(found[k][0].label, k, found[k]) for k in sorted(found)]
    order = {a.id: i for i, a in enumerate(sort_articles(list(by_id.values())))}
    rows_by_article: dict[str, list[_Row]] = {}
    for row in rows:
        if row.note.article in by_id:
            rows_by_article.setdefault(row.note.article, []).append(row)
    article_groups = [_ArticleGroup(by_id[a], rows_by_article[a])
                      for a in sorted(rows_by_article, key=lambda a: order[a])]
    unknown_article = [r for r in rows if r.note.article not in by_id]
    dismissed = [_row(n, by_id) for n in note_set.notes if n.status == "dismissed"]
    people = [n for n in note_set.notes if not n.automatic]
    automatic = [n for n in note_set.notes if n.automatic]
    return render_template(
        "notes-index.md.j2",
        people=len(people),
        automatic=len(automatic),
        marked=sum(1 for n in automatic if n.shown),
        to_review=sum(1 for n in automatic if n.to_review),
        confirmed=sum(1 for n in automatic if n.status == "confirmed"),
        dismissed=dismissed,
        orphans=len(note_set.orphans),
        unreadable=len(note_set.unreadable),
        kind_groups=kind_groups,
        finding_groups=finding_groups,
        article_groups=article_groups,
        unknown_article=unknown_article,
    )


def _unanchored_page(note_set: NoteSet, by_id: dict[str, Article]) -> str:
    """notes/unanchored.md: each orphan with why it could not be placed, and the unreadable files."""
    orphans = []
    for note in note_set.orphans:
        article = by_id.get(note.article) if note.article else None
        orphans.append(_Orphan(note, article, note_block(note, None, None), _in_context(note.selector)))
    return render_template(
        "notes-unanchored.md.j2",
        orphans=orphans,
        unreadable=note_set.unreadable,
    )


# --- the review page ---------------------------------------------------------------------------------

MAX_REVIEW_ROWS = 150  # findings per review page; further pages notes/review-N.md


def review_path(number: int) -> str:
    return "notes/review.md" if number == 1 else f"notes/review-{number}.md"


def review_pages(site: SiteInputs) -> dict[str, str]:
    """notes/review.md (and further pages): the automatic findings that wait for review, ranked
    (`Note.rank`), each with its evidence (the words on both sides, linked to their paragraphs),
    its confidence, and the commands that confirm or dismiss it. Always made: the Notes index
    links it."""
    from .compare_refs import Refs, h, page

    waiting = sorted((n for n in site.note_set.notes if n.to_review), key=lambda n: (n.rank or 10**9, n.id))
    comparison = site.comparison
    findings = {f.id: f for f in comparison.findings} if comparison is not None else {}
    pages = max(1, -(-len(waiting) // MAX_REVIEW_ROWS))
    out = {}
    for number in range(1, pages + 1):
        source = review_path(number)
        refs = Refs(comparison, site.article_index, source, site.urls) if comparison is not None else None
        shown = waiting[(number - 1) * MAX_REVIEW_ROWS: number * MAX_REVIEW_ROWS]
        blocks = [h(1, "Findings to review", "review")]
        index = site.urls.link(source, "notes/index.md")
        if waiting:
            blocks.append(
                f"<p>{len(waiting)} automatic finding{'s' if len(waiting) != 1 else ''} of the comparison wait for an "
                "analyst: rewordings of quotations, the same words given to different speakers, and findings not sure "
                "enough to be marked in the text. The most likely to matter come first (confidence × how much the kind "
                "weighs). A confirmed finding is marked in its article's text; a dismissed one is not shown again. "
                "Decisions are kept in <code>notes/decisions.yml</code> in the input folder, to commit with the "
                f'articles. <a href="{attribute(index)}">All notes</a>.</p>')
        else:
            blocks.append(f'<p>No finding waits for review. <a href="{attribute(index)}">All notes</a>.</p>')
        if pages > 1:
            nav = " · ".join(f"<strong>{n}</strong>" if n == number else
                             f'<a href="{attribute(site.urls.link(source, review_path(n)))}">{n}</a>' for n in range(1, pages + 1))
            blocks.append(f"<p>Pages: {nav}</p>")
        for note in shown:
            blocks.append(_review_block(note, findings.get(note.finding or ""), refs, site, source))
        out[source] = page("Findings to review", "notes-review", blocks, search=False)
    return out


def _review_block(note: Note, finding, refs, site: SiteInputs, source: str) -> str:
    article = site.article_index.get(note.article) if note.article else None
    label = _label(note)
    confidence = f" · confidence {note.confidence:.2f}" if note.confidence is not None else ""
    title = f"{note.rank or ''} · {label}{confidence}".strip(" ·")
    lines = [f'<div class="admonition {AUTOMATIC_ADMONITION} dossier-review" id="{note.html_id}">',
             f'<p class="admonition-title">{one_line(title)}</p>']
    if finding is not None and refs is not None:
        here = refs.article(finding.article, finding.paragraph)
        there = refs.article(finding.other_article, finding.other_paragraph) if finding.other_article else ""
        lines.append(f"<p>{here}: <q>{one_line(shorten(finding.text, 300))}</q></p>")
        if there and finding.other_text:
            lines.append(f"<p>{there}: <q>{one_line(shorten(finding.other_text, 300))}</q></p>")
        elif there:
            lines.append(f"<p>{there}: does not quote these words</p>")
        if finding.reasons:
            lines.append(f"<p>Why: {one_line(', '.join(finding.reasons))}</p>")
    elif article is not None:
        href = site.urls.link(source, f"articles/{article.id}.md")
        lines.append(f'<p><a href="{attribute(href)}">{one_line(article.title)}</a>: “{one_line(shorten(_passage(note), 300))}”</p>')
    body = "<br>\n".join(one_line(line) for line in note.body.splitlines() if line.strip())
    if body:
        lines.append(f"<p>{body}</p>")
    code = one_line(_code(note.finding))
    lines.append(f"<p>Confirm with <code>dossier note confirm {code}</code> or dismiss with "
                 f"<code>dossier note dismiss {code}</code>.</p>")
    lines.append("</div>")
    return "\n".join(lines)


@page_kind("notes-review", order=51, render=as_is)
def _review_pages(site: SiteInputs, additions, made):
    yield from review_pages(site).items()
