"""The comparison's part of dossier.json: its top-level keys (see docs/comparison.md).

`comparison_json` is the one entry point; the key order of every object is part of the file's
bytes, so it is kept as written here.
"""

from __future__ import annotations

from ..compare import Comparison
from ..compare.collation import Alignment
from ..compare.descriptors import Descriptor
from ..compare.findings import Finding
from ..compare.quotations import Quote
from ..compare.quote_groups import QuoteGroup
from ..compare.reading import Span


def comparison_json(comparison: Comparison) -> dict:
    """The comparison's new top-level keys of dossier.json (see docs/comparison.md)."""
    group_of = {q: g.id for g in comparison.quote_groups for m in g.members for q in m.quotes}
    story_of = comparison.story_of
    finding_of = {(f.entity, f.other_article, f.other_start, f.article, f.start): f.id
                  for f in comparison.findings if f.kind == "contradicting-descriptor"}
    data = {
        "quotations": [_quote_json(q, group_of.get(q.id)) for q in sorted(comparison.quotes, key=lambda q: (q.article, q.start))],
        "quotation_groups": [_group_json(g, story_of) for g in comparison.quote_groups],
        "shared_passages": _shared_passages_json(comparison),
        "descriptors": {
            "descriptors": [_descriptor_json(d) for d in comparison.descriptors],
            "contradictions": [
                {"entity": c.entity, "kind": c.kind, "detail": c.detail, "confidence": c.confidence,
                 "finding": finding_of.get((c.entity, c.first.article, c.first.start, c.second.article, c.second.start)),
                 "first": _descriptor_json(c.first), "second": _descriptor_json(c.second)}
                for c in comparison.contradictions
            ],
        },
        "timeline": {
            "mentions": [
                {
                    "article": d.article, "paragraph": d.paragraph, "start": d.start, "end": d.end, "text": d.text,
                    "value": d.value, "granularity": d.granularity, "rule": d.rule,
                }
                for d in sorted(comparison.dates, key=lambda d: (d.article, d.start))
            ],
        },
        "similarity": {
            "method": "tf-idf cosine of content words; shared_words from shared_passages",
            "complete": comparison.similarity_complete,
            "pairs": [{"a": p.a, "b": p.b, "cosine": p.cosine, "shared_words": p.shared_words} for p in comparison.similarity],
        },
        "coverage": {
            "shared_entities": [{"entity": c.entity, "articles": [{"article": a, "mentions": n} for a, n in c.counts]} for c in comparison.coverage],
            "single_article_entities": [{"article": a, "entities": list(es)} for a, es in sorted(comparison.single_article)],
        },
        "article_labels": [
            {"article": x.article, "label": x.label, "outlet": x.outlet, "date": x.date, "story": story_of.get(x.article)}
            for x in sorted(comparison.labels, key=lambda x: x.article)
        ],
        "stories": _stories_json(comparison),
        "findings": [_finding_json(f) for f in comparison.findings],
        "word_choice": [
            {"entity": w.entity, "outlet": w.outlet, "articles": list(w.articles), "mentions": w.mentions,
             "names": [{"text": x.text, "count": x.count, "articles": list(x.articles)} for x in w.names],
             "labels": [{"text": x.text, "count": x.count, "articles": list(x.articles)} for x in w.labels]}
            for w in comparison.word_choice
        ],
        "paragraphs": [
            {"article": r.article, "paragraph": r.paragraph, "anchor": f"p-{r.paragraph}",
             "items": [
                 {"kind": i.kind, "relation": i.relation, "ref": i.ref, "start": i.start, "end": i.end,
                  "findings": list(i.findings),
                  "others": [{"article": o.article, "paragraph": o.paragraph, "anchor": f"p-{o.paragraph}",
                              "start": o.start, "end": o.end} for o in i.others],
                  "more": i.more}
                 for i in r.items]}
            for r in comparison.paragraphs
        ],
    }
    if comparison.html_articles:
        _null_offsets(data, comparison.html_articles)
    return data


def _quote_json(q: Quote, group: str | None) -> dict:
    return {
        "id": q.id,
        "article": q.article,
        "start": q.start,
        "end": q.end,
        "parts": [list(p) for p in q.parts],
        "paragraphs": list(q.paragraphs),
        "text": q.text,
        "speaker": q.speaker,
        "speaker_start": q.speaker_span[0] if q.speaker_span else None,
        "speaker_end": q.speaker_span[1] if q.speaker_span else None,
        "speaker_entity": q.speaker_entity,
        "verb": q.verb,
        "unterminated": q.unterminated,
        "group": group,
    }


def _stories_json(comparison: Comparison) -> list[dict]:
    label = {x.article: x for x in comparison.labels}
    groups: dict[str, list[str]] = {}
    for g in comparison.quote_groups:
        groups.setdefault(comparison.story_of.get(g.base.article, ""), []).append(g.id)
    passages: dict[str, list[str]] = {}
    for p in comparison.passages:
        story = _story_of_all([m.article for m in p.members], comparison.story_of)
        if story:
            passages.setdefault(story, []).append(p.id)
    findings: dict[str, list[str]] = {}
    for f in comparison.findings:
        if f.story:
            findings.setdefault(f.story, []).append(f.id)
    return [
        {
            "id": s.id, "title": s.title, "source": s.source, "cohesion": s.cohesion,
            "url": f"compare/{s.id}/" if len(s.articles) >= 2 else None,
            "first_date": s.first_date, "last_date": s.last_date, "outlets": list(s.outlets),
            "articles": [{"article": a, "label": label[a].label if a in label else a,
                          "outlet": label[a].outlet if a in label else None,
                          "date": label[a].date if a in label else None} for a in s.articles],
            "quotation_groups": groups.get(s.id, []),
            "shared_passages": passages.get(s.id, []),
            "findings": findings.get(s.id, []),
        }
        for s in comparison.stories
    ]


def _story_of_all(articles: list[str], story_of: dict[str, str]) -> str | None:
    stories = {story_of.get(a) for a in articles}
    return stories.pop() if len(stories) == 1 else None


def _finding_json(f: Finding) -> dict:
    return {
        "id": f.id, "kind": f.kind, "level": f.level, "confidence": f.confidence, "rank": f.rank,
        "reasons": list(f.reasons), "story": f.story, "group": f.group, "entity": f.entity, "entities": list(f.entities),
        "article": f.article, "start": f.start, "end": f.end, "paragraph": f.paragraph, "text": f.text,
        "other": {"article": f.other_article, "start": f.other_start, "end": f.other_end,
                  "paragraph": f.other_paragraph, "text": f.other_text},
        "message": f.message,
    }


def _group_json(g: QuoteGroup, story_of: dict[str, str]) -> dict:
    return {
        "id": g.id,
        "story": story_of.get(g.base.article),
        "articles": list(g.articles),
        "members": [
            {
                "id": m.id, "kind": m.kind, "article": m.article, "paragraphs": list(m.paragraphs),
                "start": m.parts[0][0], "end": m.parts[-1][1], "parts": [list(p) for p in m.parts],
                "text": m.text, "speaker": m.speaker, "speaker_entity": m.speaker_entity, "verb": m.verb,
                "quotations": list(m.quotes),
            }
            for m in g.members
        ],
        "alignments": [_alignment_json(al) for al in g.alignments],
    }


def _alignment_json(al: Alignment) -> dict:
    return {
        "base": al.base,
        "witness": al.witness,
        "similarity": al.similarity,
        "relation": al.relation,
        "shared_words": al.shared_words,
        "meaning_changes": len(al.meaning_changes),
        "changes": [
            {
                "op": c.op, "kind": c.kind, "reasons": list(c.reasons), "confidence": c.confidence,
                "base_start": c.base[0] if c.base else None, "base_end": c.base[1] if c.base else None,
                "witness_start": c.witness[0] if c.witness else None, "witness_end": c.witness[1] if c.witness else None,
                "base_text": c.base_text, "witness_text": c.witness_text,
            }
            for c in al.changes
        ],
    }


def _span_json(span: Span) -> dict:
    return {"article": span.article, "paragraph": span.paragraph, "start": span.start, "end": span.end}


def _shared_passages_json(comparison: Comparison) -> dict:
    return {
        "passages": [
            {"id": p.id, "relation": p.relation, "story": _story_of_all([m.article for m in p.members], comparison.story_of),
             "members": [_span_json(s) for s in p.members]} for p in comparison.passages
        ],
        "articles": [
            {
                "article": s.article, "words": s.words, "shared_words": s.shared_words, "derived_words": s.derived_words,
                "shared_share": round(s.shared_share, 4), "derived_share": round(s.derived_share, 4),
                "shared_paragraphs": list(s.shared_paragraphs),
                "sources": [{"article": x.article, "words": x.words, "direction": x.direction} for x in s.sources],
            }
            for s in sorted(comparison.shares, key=lambda s: s.article)
        ],
    }


def _descriptor_json(d: Descriptor) -> dict:
    return {
        "entity": d.entity, "article": d.article, "paragraph": d.paragraph, "start": d.start, "end": d.end,
        "text": d.text, "form": d.form, "nationality": d.nationality, "office": d.office, "age": d.age,
        "count": {"of": d.count[0], "value": d.count[1]} if d.count else None,
    }


_OFFSET_KEYS = ("start", "end", "parts", "speaker_start", "speaker_end")


def _null_offsets(data: dict, html: frozenset[str]) -> None:
    """As for mentions in dossier.json: offsets into text extracted from HTML point into no
    input file, so they are null; texts and paragraph numbers stay."""

    def clear(item: dict) -> None:
        if item.get("article") in html:
            for key in _OFFSET_KEYS:
                if key in item:
                    item[key] = None

    for q in data["quotations"]:
        clear(q)
    for g in data["quotation_groups"]:
        for m in g["members"]:
            clear(m)
        for al in g["alignments"]:
            for side in ("base", "witness"):
                if al[side].split("#", 1)[0] in html:
                    for c in al["changes"]:
                        c[f"{side}_start"] = c[f"{side}_end"] = None
    for p in data["shared_passages"]["passages"]:
        for m in p["members"]:
            clear(m)
    for d in data["descriptors"]["descriptors"]:
        clear(d)
    for c in data["descriptors"]["contradictions"]:
        clear(c["first"])
        clear(c["second"])
    for d in data["timeline"]["mentions"]:
        clear(d)
    for f in data["findings"]:
        clear(f)
        if f["other"]["article"] in html:
            f["other"]["start"] = f["other"]["end"] = None
    for r in data["paragraphs"]:
        for i in r["items"]:
            if r["article"] in html:
                i["start"] = i["end"] = None
            for o in i["others"]:
                clear(o)
