"""The notes' part of dossier.json: every note with its resolved anchor."""

from __future__ import annotations

from ..notes.record import NoteSet
from . import notes as site_notes


def to_json(note_set: NoteSet | None) -> dict:
    """Every note with its resolved anchor, in a stable order (article, position, id)."""
    if note_set is None:
        return {"notes": []}
    items = []
    # a note waiting for review is on the review page (notes/review.md, then review-2.md…), by rank
    waiting = sorted((n for n in note_set.notes if n.to_review), key=lambda n: (n.rank or 10**9, n.id))
    per_page = site_notes.MAX_REVIEW_ROWS
    review = {n.id: f"{site_notes.review_path(i // per_page + 1)[:-3]}/#{n.html_id}" for i, n in enumerate(waiting)}
    for note in note_set.notes:
        a = note.anchor
        article = note_set.articles.get(note.article) if note.article else None
        paragraph = article.paragraph_at(a.start) if article is not None and a.start is not None else None
        extracted = article is not None and not article.offsets_valid
        items.append({
            "id": note.id,
            "kind": note.kind,
            "tags": list(note.tags),
            "author": note.author,
            "date": note.date,
            "automatic": note.automatic,
            "status": note.status,
            "finding": note.finding,
            "file": note.file,
            "article": note.article,
            "article_ref": note.article_ref,
            "anchor": {
                "method": a.method,
                "start": None if extracted else a.start,
                "end": None if extracted else a.end,
                "exact": note.passage,
                "paragraph": paragraph.anchor if paragraph is not None else None,
                "score": a.score if a.anchored else None,
                "reason": a.reason or None,
            },
            "selector": note.selector.to_dict(),
            "level": note.level,
            "confidence": note.confidence,
            "rank": note.rank or None,
            "url": f"articles/{note.article}/#{note.html_id}" if note.shown and note.article else
                   (f"notes/unanchored/#{note.html_id}" if note.orphan else review.get(note.id)),
            "body": note.body,
            "entities": list(note.entities),
        })
    return {"notes": items}
