"""dossier.json: the machine-readable index of the dossier, exactly as the contract in
dossier-json.md describes (articles and entities), with the keys each stage adds: the
comparison's (`compare_json`), the notes' (`notes_json`) and the build's problems."""

from __future__ import annotations

import json

from ..model import Article, Entity
from . import compare_json, notes_json
from .inputs import SiteInputs
from .registry import as_is, page_kind


def dossier_json(articles: list[Article], entities: list[Entity], generator: str, extra: dict) -> str:
    """Serialized entity by entity: a 10,000-article dossier has hundreds of thousands of
    mentions, and building one dict of all of them first would double the build's peak memory."""
    # Offsets into extracted HTML text do not point into the input file: the contract says null.
    extracted = {a.id for a in articles if not a.offsets_valid}

    def dump(value) -> str:
        # Compact: json's C encoder runs only without indentation, and the file is for programs.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def article_json(a: Article) -> str:
        return dump({
            "id": a.id, "title": a.title, "date": a.date, "source": a.source, "input": a.input,
            "page": f"articles/{a.id}.md", "url": f"articles/{a.id}/", "words": a.words,
            "title_derived": a.title_derived,
        })

    def entity_json(e: Entity) -> str:
        return dump({
            "id": e.id, "name": e.name, "type": e.type, "aliases": sorted(e.aliases), "shared": e.shared,
            "url": f"entities/{e.id}/" if e.shared else None, "description": e.description,
            "articles": list(e.articles),
            "mentions": [
                {"article": m.article, "text": m.text,
                 "start": None if m.article in extracted else m.start,
                 "end": None if m.article in extracted else m.end}
                for m in sorted(e.mentions, key=lambda m: (m.article, m.start, m.end))
            ],
            "merges": [{"alias": g.alias, "rule": g.rule, "detail": g.detail, "fuzzy": g.fuzzy} for g in e.merges],
        })

    parts = [
        '{"schema":1,"generator":', dump(generator),
        ',"articles":[', ",".join(article_json(a) for a in sorted(articles, key=lambda a: a.id)),
        '],"entities":[', ",".join(entity_json(e) for e in sorted(entities, key=lambda e: e.id)), "]",
    ]
    for key in sorted(extra):
        if key not in ("schema", "generator", "articles", "entities"):
            parts.append(f",{dump(key)}:{dump(extra[key])}")
    parts.append("}\n")
    return "".join(parts)


PARAGRAPHS_FILE = "dossier/paragraphs/{article}.json"


def files(site: SiteInputs) -> dict[str, str]:
    """dossier.json and the files beside it. The per-paragraph records of the comparison (which
    paragraphs of an article share a passage or a quotation with others: the largest part, and
    one only a reader of that article needs) are one file per article, named in dossier.json
    (`paragraph_files`), so that dossier.json stays small enough to load."""
    extra = compare_json.comparison_json(site.comparison)
    extra.update(notes_json.to_json(site.note_set))
    extra["problems"] = [
        {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in site.problems
    ]
    by_article: dict[str, list] = {}
    for record in extra.pop("paragraphs", []):
        by_article.setdefault(record["article"], []).append(record)
    extra["paragraph_files"] = {article: PARAGRAPHS_FILE.format(article=article) for article in sorted(by_article)}
    made = {"dossier.json": dossier_json(list(site.articles), list(site.entities), site.generator, extra)}
    for article, records in sorted(by_article.items()):
        made[PARAGRAPHS_FILE.format(article=article)] = json.dumps(
            {"article": article, "paragraphs": records}, ensure_ascii=False, separators=(",", ":")) + "\n"
    return made


@page_kind("dossier-json", order=70, render=as_is, deferred=True)
def _dossier_json(site: SiteInputs, additions, made):
    yield from files(site).items()
