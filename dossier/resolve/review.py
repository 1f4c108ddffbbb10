"""The review listing of `dossier entities`: what was merged, and which merges a person should check."""

from __future__ import annotations

from ..model import Entity


def review_lines(entities: list[Entity], all_entities: bool = False) -> list[str]:
    """What `dossier entities` prints: shared entities in full, merges to review marked "REVIEW"."""
    lines: list[str] = []
    shared = [e for e in entities if e.shared]
    single = [e for e in entities if not e.shared]
    review = sum(1 for e in entities for mg in e.merges if mg.fuzzy)
    lines.append(f"{len(entities)} entities: {len(shared)} shared between articles (linked), {len(single)} not shared; "
                 f"{review} merge(s) to review.")
    lines.append("")
    for e in sorted(shared, key=lambda e: (-len(e.articles), e.id)) + (sorted(single, key=lambda e: e.id) if all_entities else []):
        lines.extend(_entity_lines(e))
    if not all_entities:
        flagged = [e for e in single if any(mg.fuzzy for mg in e.merges)]
        for e in flagged:
            lines.extend(_entity_lines(e))
        rest = [e for e in single if e not in flagged]
        if rest:
            lines.append(f"Not shared ({len(rest)}): " + ", ".join(f"{e.name} ({e.type})" for e in rest))
    return lines


def _entity_lines(e: Entity) -> list[str]:
    n = len(e.articles)
    out = [f"{e.name}  [{e.id}]  {e.type}, {n} article{'s' if n != 1 else ''}, {len(e.mentions)} mention{'s' if len(e.mentions) != 1 else ''}"]
    if e.aliases:
        out.append("    aliases: " + ", ".join(e.aliases))
    if e.type_evidence:
        out.append(f"    type from: {e.type_evidence}")
    for mg in e.merges:
        if mg.fuzzy:
            out.append(f"    REVIEW {mg.alias}: {mg.rule} — {mg.detail}")
    return out
