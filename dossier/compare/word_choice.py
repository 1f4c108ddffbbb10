"""Word choice per outlet: how each outlet names and labels each shared entity ("Emmanuel Macron",
"Mr. Macron", "French President Emmanuel Macron", "Jupiter" when resolution links it).

Names are the mentions as written (a possessive "'s" dropped), labels the descriptors the
comparison reads around them (titles, appositions, relative clauses). Both are counted per
outlet, so that an entity page can set the outlets side by side and a page per outlet can list
how it names everyone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..model import Article, Entity
from .descriptors import Descriptor
from .stories import ArticleLabel


@dataclass(frozen=True)
class Wording:
    text: str  # as written
    count: int
    articles: tuple[str, ...]  # where it is written


@dataclass(frozen=True)
class WordChoice:
    entity: str
    outlet: str  # the outlet (source, or its URL's host); an article's label when neither is known
    articles: tuple[str, ...]  # the outlet's articles that mention the entity
    mentions: int
    names: tuple[Wording, ...]  # the name forms, most used first
    labels: tuple[Wording, ...]  # the descriptors, most used first


def word_choice(shared: list[Entity], descriptors: tuple[Descriptor, ...], labels: tuple[ArticleLabel, ...],
                by_id: dict[str, Article]) -> tuple[WordChoice, ...]:
    """For each shared entity that two or more outlets mention, each outlet's names and labels,
    by (entity, outlet)."""
    outlet_of = {x.article: x.outlet or x.label for x in labels}
    described: dict[tuple[str, str], list[Descriptor]] = defaultdict(list)
    for d in descriptors:
        described[(d.entity, outlet_of.get(d.article, d.article))].append(d)
    out: list[WordChoice] = []
    for e in shared:
        by_outlet: dict[str, list] = defaultdict(list)
        for m in e.mentions:
            if m.article in by_id:
                by_outlet[outlet_of.get(m.article, m.article)].append(m)
        if len(by_outlet) < 2:
            continue
        for outlet, mentions in sorted(by_outlet.items()):
            names = _counted((_name(by_id[m.article].text[m.start : m.end]), m.article) for m in mentions)
            ds = described.get((e.id, outlet), [])
            labels_ = _counted((" ".join(d.text.split()), d.article) for d in ds if d.age is None)
            out.append(WordChoice(e.id, outlet, tuple(sorted({m.article for m in mentions})), len(mentions), names, labels_))
    return tuple(out)


def _name(text: str) -> str:
    text = " ".join(text.split())
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _counted(items) -> tuple[Wording, ...]:
    counts: Counter[str] = Counter()
    where: dict[str, set[str]] = defaultdict(set)
    for text, article in items:
        if text:
            counts[text] += 1
            where[text].add(article)
    return tuple(Wording(t, n, tuple(sorted(where[t]))) for t, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
