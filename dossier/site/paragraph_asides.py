"""Beside each paragraph of an article page: what other articles share, rewrite or quote
differently of it (`Comparison.paragraphs`), with links to the other outlets' versions.

Each is a collapsed aside right after its paragraph (a registry *aside*, keyed by the paragraph's
anchor): a one-line summary ("⇄ 2 shared passages · 1 quotation, 1 altered") that opens on a
list of the other versions, each linked to its paragraph (`#p-N` on the other article's page),
the altered quotations linked to their notes, and the statement to its story's comparison page.
Left out of the search index (it repeats what the comparison pages index) and bounded
(MAX_ITEMS items a paragraph, the `others` the comparison keeps per item).
"""

from __future__ import annotations

from collections import defaultdict

from ..cache import StageCache
from ..compare import Comparison
from ..compare.paragraphs import ParagraphItem
from .compare_refs import Refs, once, story_path
from .html import attribute, one_line
from .inputs import SiteInputs
from .registry import Contribution, contributor
from .story_page import FINDING_LABEL, story_ids_with_pages

MAX_ITEMS = 8
RELATION = {"verbatim": "Verbatim passage", "near-verbatim": "Nearly verbatim passage", "rewritten": "Rewritten passage",
            "quote": "Quotation", "paraphrase": "Paraphrase of a statement", "mixed": "Quotation, in part paraphrased"}


def _merged(items: tuple[ParagraphItem, ...]) -> list[ParagraphItem]:
    """One item per passage or statement of the paragraph (a passage of two sentences is one)."""
    seen: dict[tuple[str, str], ParagraphItem] = {}
    for i in items:
        key = (i.kind, i.ref)
        if key in seen:
            prior = seen[key]
            seen[key] = ParagraphItem(prior.kind, prior.relation, prior.ref, prior.start, max(prior.end, i.end),
                                      prior.others, prior.more, tuple(dict.fromkeys(prior.findings + i.findings)))
        else:
            seen[key] = i
    return list(seen.values())


def aside_html(article_id: str, items: tuple[ParagraphItem, ...], refs: Refs, findings: dict, notes: dict,
               story: str | None, story_page: bool) -> str:
    merged = _merged(items)
    passages = sum(1 for i in merged if i.kind == "passage")
    quotations = [i for i in merged if i.kind == "quotation"]
    altered = sum(1 for i in quotations if i.findings)
    parts = []
    if passages:
        parts.append(f"{passages} shared passage{'s' if passages != 1 else ''}")
    if quotations:
        parts.append(f"{len(quotations)} quotation{'s' if len(quotations) != 1 else ''} also in other articles"
                     + (f", {altered} altered" if altered else ""))
    lines = []
    for i in merged[:MAX_ITEMS]:
        others = ", ".join(refs.article(o.article, o.paragraph) for o in i.others)
        more = f" and {i.more} more" if i.more else ""
        line = f"{one_line(RELATION.get(i.relation, i.relation))}: also in {others}{more}"
        if i.kind == "quotation":
            if story_page and story:
                line += f' · <a href="{attribute(refs.url(story_path(story), i.ref))}">collation</a>'
            for fid in i.findings:
                f = findings.get(fid)
                if f is None:
                    continue
                note = notes.get((fid, article_id))
                label = FINDING_LABEL.get(f.kind, f.kind)
                if f.other_article and f.other_text:
                    label += f": “{f.text}” where {refs.label(f.other_article)} has “{f.other_text}”"
                elif f.other_article:
                    label += f": “{f.text}”, which {refs.label(f.other_article)} does not quote"
                if note is not None and note.shown:
                    line += f' · <a href="#{attribute(note.html_id)}">{one_line(label)}</a>'
                elif note is not None and note.to_review:
                    line += f' · <a href="{attribute(refs.url("notes/review.md", note.html_id))}">{one_line(label)}</a> (to review)'
                elif note is None or note.status != "dismissed":
                    line += f" · {one_line(label)}"
        lines.append(f"<li>{line}</li>")
    if len(merged) > MAX_ITEMS:
        lines.append(f"<li>{len(merged) - MAX_ITEMS} more in <code>dossier.json</code> (<code>paragraphs</code>).</li>")
    mark = "dossier-aside dossier-aside--altered" if altered else "dossier-aside"
    return (f'<details class="{mark}" data-search-exclude><summary>⇄ {one_line(" · ".join(parts))}</summary>\n'
            "<ul>\n" + "\n".join(lines) + "\n</ul>\n</details>")


# The last asides made, with the comparison and the key they were made from.
_LAST: list = []


@contributor("article", "comparison-asides", order=20)
def asides_on_articles(site: SiteInputs, cache=None) -> dict[str, Contribution]:
    comparison: Comparison = site.comparison
    if comparison is None or not comparison.paragraphs:
        return {}
    automatic = [n for n in site.note_set.notes if n.automatic]
    # Everything the asides read besides the comparison: which articles have pages, how links
    # are written, and the state of each automatic note.
    key = (frozenset(site.article_index), site.urls,
           tuple(sorted((n.finding, n.article, n.shown, n.to_review, n.status, n.html_id) for n in automatic)))
    if _LAST and _LAST[0] is comparison and _LAST[1] == key:
        return _LAST[2]  # the first phase of a rebuild reuses the previous comparison: same asides
    findings = once(comparison, "findings_by_id", lambda c: {f.id: f for f in c.findings})
    notes = {(n.finding, n.article): n for n in automatic}
    with_pages = story_ids_with_pages(comparison)
    by_article: dict[str, list] = defaultdict(list)
    for record in comparison.paragraphs:
        by_article[record.article].append(record)
    out = {}
    memo: dict = {}
    for article_id, records in by_article.items():
        if article_id not in site.article_index:
            continue
        refs = Refs(comparison, site.article_index, f"articles/{article_id}.md", site.urls, memo=memo)
        story = comparison.story_of.get(article_id)
        asides = tuple((f"p-{r.paragraph}", aside_html(article_id, r.items, refs, findings, notes, story, story in with_pages))
                       for r in records if r.items)
        out[article_id] = Contribution(asides=asides)
    if StageCache.remember:  # a process that builds again (`mkdocs serve`, `--watch`)
        _LAST[:] = [comparison, key, out]
    return out
