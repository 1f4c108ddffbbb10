"""Descriptor tables: how each article describes one entity, with contradictions first. Shown
on the entity's page and, for the most described entities, on the comparison page.
"""

from __future__ import annotations

from ..compare import Comparison, contradictions_for, descriptors_for
from ..compare.descriptors import Descriptor
from .compare_refs import label_map
from .html import Urls, heading, one_line
from .inputs import SiteInputs
from .registry import Contribution, contributor

MAX_DESCRIPTOR_ROWS = 60
MAX_CONTRADICTIONS = 10


# The one comparison whose headings map was built last, by its id(): entity pages ask for it once
# per entity, and the object itself is kept to tell a new comparison from an old one at that id.
_HEADINGS: dict[int, tuple[Comparison, dict[str, tuple[str, str | None]]]] = {}


def _headings(comparison: Comparison) -> dict[str, tuple[str, str | None]]:
    """Article id → (title, date), built once per comparison: this is asked once per entity."""
    hit = _HEADINGS.get(id(comparison))
    if hit is None or hit[0] is not comparison:
        _HEADINGS.clear()
        hit = (comparison, {aid: (title, date) for aid, title, date in comparison.headings})
        _HEADINGS[id(comparison)] = hit
    return hit[1]


def _value(descriptor: Descriptor, kind: str) -> str:
    """The value a contradiction compares, as text: a nationality or an office (text), an age (a
    number) or a number of something (kept as the quantity and the number: "3 children")."""
    if kind == "number":
        value = f"{descriptor.count[1]} {descriptor.count[0]}" if descriptor.count else None
    else:
        value = getattr(descriptor, kind, None)
    return "" if value is None else one_line(str(value))


def render_descriptors(comparison: Comparison, entity_id: str, source: str, urls: Urls,
                       labels: dict[str, str] | None = None, articles: set[str] | None = None) -> str:
    """Descriptors of one entity side by side, one row per article, contradictions first, as
    HTML blocks (they stand in Markdown pages and in HTML pages alike).

    Empty when no article describes the entity. `source` is the docs-relative page the table is
    on (its links are relative to it); `labels` names articles by their label (outlet and
    date) instead of their title and date; `articles`: only these articles' descriptors (a story's).
    """
    ds = descriptors_for(comparison, entity_id)
    if articles is not None:
        ds = [d for d in ds if d.article in articles]
    if not ds:
        return ""
    names = _headings(comparison)

    def article(aid: str) -> str:
        if labels and aid in labels:
            return one_line(labels[aid])
        title, date = names.get(aid, (aid, None))
        return one_line(f"{title} ({date})" if date else title)

    def link(aid: str, paragraph: int, label: str) -> str:
        return f'<a href="{urls.link(source, f"articles/{aid}.md", f"p-{paragraph}")}">{label}</a>'

    blocks = []
    found = contradictions_for(comparison, entity_id)
    if articles is not None:
        found = [c for c in found if c.first.article in articles and c.second.article in articles]
    for c in found[:MAX_CONTRADICTIONS]:
        a, b = c.first, c.second
        blocks.append(
            f'<div class="admonition warning"><p class="admonition-title">Contradicting descriptors: {one_line(c.kind)}</p>'
            f"<p>{link(a.article, a.paragraph, article(a.article) + ' ¶' + str(a.paragraph))}: “{one_line(a.text)}” "
            f"({_value(a, c.kind)}); "
            f"{link(b.article, b.paragraph, article(b.article) + ' ¶' + str(b.paragraph))}: “{one_line(b.text)}” "
            f"({_value(b, c.kind)}).</p></div>")
    rows: dict[str, list[Descriptor]] = {}
    for d in ds:
        rows.setdefault(d.article, []).append(d)
    shown = list(rows.items())[:MAX_DESCRIPTOR_ROWS]
    table = ["<table>", "<thead><tr><th>Article</th><th>Descriptors</th><th>Nationality</th><th>Office</th></tr></thead>",
             "<tbody>"]
    for aid, items in shown:
        said = " · ".join(f"“{one_line(d.text)}” {link(aid, d.paragraph, '¶' + str(d.paragraph))}" for d in items)
        nat = ", ".join(dict.fromkeys(one_line(d.nationality) for d in items if d.nationality))
        off = ", ".join(dict.fromkeys(one_line(d.office) for d in items if d.office))
        table.append(f"<tr><td>{article(aid)}</td><td>{said}</td><td>{nat}</td><td>{off}</td></tr>")
    table.append("</tbody>\n</table>")
    blocks.append("\n".join(table))
    if len(rows) > len(shown):
        blocks.append(f"<p>{len(rows) - len(shown)} more articles describe this entity; all are in "
                      "<code>dossier.json</code> (<code>descriptors</code>).</p>")
    return "\n\n".join(blocks) + "\n"


@contributor("entity", "descriptors", order=10, slot="descriptors")
def descriptors_on_entities(site: SiteInputs, cache=None) -> dict[str, Contribution]:
    """How the articles describe each shared entity, in the entity page's descriptor slot."""
    found = {}
    for e in site.shared:
        table = render_descriptors(site.comparison, e.id, f"entities/{e.id}.md", site.urls,
                                   labels=label_map(site.comparison))
        if table:
            title = heading(2, f"How the articles describe {e.name}", "descriptors", search=False)
            found[e.id] = Contribution(section=f"{title}\n\n{table}")
    return found
