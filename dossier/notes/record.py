"""What the notes stage hands on: each `Note` (an analyst's, or an automatic one from the
comparison) with its resolved anchor, and the `NoteSet` of the whole dossier."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Problem
from .anchoring import Anchor, Selector


@dataclass(frozen=True)
class Note:
    id: str  # unique slug; the note's anchor on pages is f"note-{id}"
    kind: str
    body: str  # Markdown as written (untrusted; rendered by untrusted.note_html)
    selector: Selector
    anchor: Anchor
    article: str | None  # Article.id, or None when the note's article was not found
    article_ref: str  # the article as the note names it
    tags: tuple[str, ...] = ()
    author: str | None = None
    date: str | None = None
    title: str | None = None
    file: str | None = None  # path relative to the project root; None for automatic notes
    automatic: bool = False
    finding: str | None = None  # the comparison finding's id (automatic notes)
    status: str = "note"  # "note" for people's notes; automatic: pending | confirmed | dismissed
    decided_by: str | None = None
    entities: tuple[str, ...] = ()  # shared entities mentioned in the anchored passage
    passage: str | None = None  # the article's text where the note is anchored
    level: str = "note"  # "note" for people's notes; automatic: marked (in the text) | review (waits for review)
    confidence: float | None = None  # the finding's confidence (automatic notes)
    rank: int = 0  # place on the review page (1 first), for review findings

    @property
    def html_id(self) -> str:
        return f"note-{self.id}"

    @property
    def mark_id(self) -> str:
        return f"mark-{self.id}"

    @property
    def orphan(self) -> bool:
        return not self.anchor.anchored

    @property
    def shown(self) -> bool:
        """Highlighted on its article: anchored, not a dismissed automatic finding, and not a
        finding that still waits for review (a confirmed one is shown)."""
        if not self.anchor.anchored or self.status == "dismissed":
            return False
        return self.level != "review" or self.status == "confirmed"

    @property
    def to_review(self) -> bool:
        """An automatic finding on the review page: not confident enough to be marked, not decided."""
        return self.automatic and self.level == "review" and self.status == "pending"


def sort_key(note: Note):
    """The order of a NoteSet's notes: by article, then position (orphans first), people's
    notes before automatic ones, then id."""
    return (note.article or "~", note.anchor.start if note.anchor.start is not None else -1,
            note.automatic, note.id)


@dataclass(frozen=True)
class NoteSet:
    notes: list[Note] = field(default_factory=list)  # in `sort_key` order
    problems: list[Problem] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    entity_names: dict[str, str] = field(default_factory=dict)  # shared entity id → name
    unreadable: list[Problem] = field(default_factory=list)  # note files that could not be read at all

    @property
    def orphans(self) -> list[Note]:
        return [n for n in self.notes if n.orphan]

    def for_article(self, article_id: str) -> list[Note]:
        return self._index("article").get(article_id, [])

    def for_entity(self, entity_id: str) -> list[Note]:
        return self._index("entity").get(entity_id, [])

    def _index(self, key: str) -> dict[str, list[Note]]:
        """Notes by article and by entity, built once: pages look them up per article and per
        entity, which must not cost a pass over every note each time."""
        cache = self.__dict__.setdefault("_indexes", {})
        if cache.get("size") != len(self.notes):
            by_article: dict[str, list[Note]] = {}
            by_entity: dict[str, list[Note]] = {}
            for n in self.notes:
                if n.article:
                    by_article.setdefault(n.article, []).append(n)
                for e in n.entities:
                    by_entity.setdefault(e, []).append(n)
            cache.update(size=len(self.notes), article=by_article, entity=by_entity)
        return cache[key]


def shorten(text: str, limit: int = 80) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis (messages and pages)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
