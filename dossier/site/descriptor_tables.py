"""Descriptor tables: how each article describes one entity, with contradictions first. Shown
on the entity's page and, for the most described entities, on the comparison page.
"""

from __future__ import annotations

from ..compare import Comparison, contradictions_for, descriptors_for
from ..compare.descriptors import Descriptor
from . import markup
from .charts import flat
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


def render_descriptors(comparison: Comparison, entity_id: str, prefix: str = "../",
                       labels: dict[str, str] | None = None) -> str:
    """Descriptors of one entity side by side, one row per article, contradictions first.

    Empty when no article describes the entity. `prefix` leads from the page to the docs root
    ("../" on an entity page); `labels` names articles by their comparison-page label (A1…)
    instead of their title and date.
    """
    ds = descriptors_for(comparison, entity_id)
    if not ds:
        return ""
    names = _headings(comparison)

    def article(aid: str) -> str:
        if labels:
            return markup.text(labels[aid])
        title, date = names.get(aid, (aid, None))
        return flat(f"{title} ({date})" if date else title)

    def where(d: Descriptor) -> str:
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
    rows: dict[str, list[Descriptor]] = {}
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


@contributor("entity", "descriptors", order=10, slot="descriptors")
def descriptors_on_entities(site: SiteInputs, cache=None) -> dict[str, Contribution]:
    """How the articles describe each shared entity, in the entity page's descriptor slot."""
    return {e.id: Contribution(section=render_descriptors(site.comparison, e.id)) for e in site.shared}
