"""Per paragraph: what other articles share, rewrite or quote differently of each paragraph of
an article, with the other versions, for the article page to show beside the paragraph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Article
from .findings import Finding
from .passages import Passage
from .quote_groups import QuoteGroup

MAX_OTHERS = 10  # other versions listed per item; `more` counts the rest


@dataclass(frozen=True)
class Version:
    """Another article's version of a stretch: where it stands (the page anchor is p-<paragraph>)."""

    article: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class ParagraphItem:
    kind: str  # passage | quotation
    relation: str  # passage: verbatim | near-verbatim | rewritten; quotation: quote | paraphrase | mixed (this version)
    ref: str  # the passage (sp-N) or quotation group (qg-N)
    start: int  # the stretch of this paragraph
    end: int
    others: tuple[Version, ...]  # at most MAX_OTHERS
    more: int  # other versions not listed
    findings: tuple[str, ...] = ()  # ids of the findings anchored in this stretch (altered quotations)


@dataclass(frozen=True)
class ParagraphRecord:
    article: str
    paragraph: int
    items: tuple[ParagraphItem, ...]


def paragraph_records(passages: tuple[Passage, ...], groups: tuple[QuoteGroup, ...], findings: tuple[Finding, ...],
                      by_id: dict[str, Article]) -> tuple[ParagraphRecord, ...]:
    """Every paragraph that shares a passage or a quotation with another article, by (article, paragraph)."""
    items: dict[tuple[str, int], list[ParagraphItem]] = defaultdict(list)
    for p in passages:
        for m in p.members:
            others = [o for o in p.members if o.article != m.article]
            if not others:
                continue
            versions = tuple(Version(o.article, o.paragraph, o.start, o.end) for o in others[:MAX_OTHERS])
            items[(m.article, m.paragraph)].append(
                ParagraphItem("passage", p.relation, p.id, m.start, m.end, versions, max(0, len(others) - MAX_OTHERS)))
    noted: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.group and f.level != "info":
            noted[(f.group, f.article)].append(f)
    for g in groups:
        for m in g.members:
            others = [o for o in g.members if o.article != m.article]
            for s, e in m.parts:
                para = _paragraph_of(by_id, m.article, s, m.paragraphs[0])
                versions = tuple(Version(o.article, o.paragraphs[0], o.parts[0][0], o.parts[-1][1]) for o in others[:MAX_OTHERS])
                ids = tuple(f.id for f in noted.get((g.id, m.article), ()) if s <= f.start < e)
                items[(m.article, para)].append(
                    ParagraphItem("quotation", m.kind, g.id, s, e, versions, max(0, len(others) - MAX_OTHERS), ids))
    return tuple(
        ParagraphRecord(a, n, tuple(sorted(its, key=lambda i: (i.start, i.kind, i.ref))))
        for (a, n), its in sorted(items.items())
    )


def _paragraph_of(by_id: dict[str, Article], article: str, offset: int, default: int) -> int:
    p = by_id[article].paragraph_at(offset) if article in by_id else None
    return p.number if p else default
