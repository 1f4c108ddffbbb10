"""Small dossiers of our own news copy, for the comparison's tests: articles made from plain
paragraphs, and entities made by exact-string grouping of the names given."""

from __future__ import annotations

import re

from dossier.model import BODY, Article, Entity, Mention, Paragraph


def article(aid: str, text: str, date: str | None = "2024-05-02", source: str | None = None, title: str | None = None) -> Article:
    """An article whose paragraphs are the text's blank-line-separated blocks."""
    paragraphs = []
    pos = 0
    for n, chunk in enumerate(text.split("\n\n"), 1):
        start = text.index(chunk, pos)
        paragraphs.append(Paragraph(n, start, start + len(chunk), BODY))
        pos = start + len(chunk)
    return Article(aid, f"test/{aid}.txt", text, title or text.split(".")[0][:60], title is None, date, source, tuple(paragraphs))


def entities(articles: list[Article], names: dict[str, list[str]]) -> list[Entity]:
    """One entity per key, mentioned wherever one of its names stands (longest names first)."""
    out = []
    for eid, forms in names.items():
        mentions = []
        for a in articles:
            taken: list[tuple[int, int]] = []
            for name in sorted(forms, key=len, reverse=True):
                for m in re.finditer(rf"(?<![\w@]){re.escape(name)}(?!\w)", a.text):
                    if not any(m.start() < e and s < m.end() for s, e in taken):
                        taken.append((m.start(), m.end()))
                        mentions.append(Mention(a.id, m.start(), m.end(), m.group(), "person"))
        mentions.sort(key=lambda m: (m.article, m.start))
        shared = len({m.article for m in mentions}) >= 2
        out.append(Entity(eid, forms[0], "person", tuple(sorted({m.text for m in mentions} - {forms[0]})), tuple(mentions), shared))
    return out
