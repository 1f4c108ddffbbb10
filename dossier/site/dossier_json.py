"""dossier.json: the machine-readable index of the dossier (the contract in dossier-json.md),
written as an index and part files so that no file grows with the whole dossier's text (#17).

- `dossier.json` has the articles, the entities (without their mentions), the stories, the
  article labels, the build's problems and every small key of the comparison and the notes.
- `dossier/articles/<article id>.json`, one per article: that article's entity mentions and
  its per-paragraph records (`paragraphs`). Named by `file` in the article's record.
- `dossier/parts/<key>-<n>.json`: each list that grows with the dossier (quotations, shared
  passages, similarity pairs, findings, notes, the entities' articles and merges...) in parts of
  at most `PART_BYTES`, named in order under `parts` in dossier.json.

`load` puts the parts back and gives the document the contract describes, whole: tests,
benchmarks and scripts read it that way (docs/comparison.md, "Keys in dossier.json").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import Article, Entity
from . import compare_json, notes_json
from .inputs import SiteInputs
from .registry import as_is, page_kind

SCHEMA = 2  # 2: the index and its parts (schema 1 was one file with every key inline)
ARTICLE_FILE = "dossier/articles/{article}.json"
PART_FILE = "dossier/parts/{key}-{n}.json"
# A part small enough for a browser script or a wiki integration to fetch and parse at once;
# dossier.json itself holds only records that grow with the number of articles and entities.
PART_BYTES = 4_000_000

# The lists moved out of dossier.json into parts, by their dotted place in the document.
SPLIT_LISTS = (
    "entity_details", "quotations", "quotation_groups", "shared_passages.passages", "shared_passages.articles",
    "descriptors.descriptors", "timeline.mentions", "similarity.pairs", "coverage.shared_entities",
    "coverage.single_article_entities", "findings", "word_choice", "notes",
)


def _dump(value) -> str:
    # Compact: json's C encoder runs only without indentation, and the files are for programs.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _parts(key: str, items: Iterable) -> Iterator[tuple[str, str]]:
    """(path, text) of each part of one list: items in order, a new part when one is full."""
    n, chunk, size = 0, [], 0

    def part():
        return PART_FILE.format(key=key, n=n), f'{{"key":{_dump(key)},"part":{n},"items":[{",".join(chunk)}]}}\n'

    for item in items:
        text = _dump(item)
        if chunk and size + len(text) > PART_BYTES:
            n += 1
            yield part()
            chunk, size = [], 0
        chunk.append(text)
        size += len(text) + 1
    if chunk:
        n += 1
        yield part()


def _pop_path(document: dict, dotted: str) -> list:
    *parents, last = dotted.split(".")
    node = document
    for name in parents:
        node = node.get(name, {})
    return node.pop(last, [])


def files(site: SiteInputs) -> dict[str, str]:
    """dossier.json, the per-article files and the parts, by docs-relative path."""
    articles = sorted(site.articles, key=lambda a: a.id)
    entities = sorted(site.entities, key=lambda e: e.id)
    # Offsets into extracted HTML text do not point into the input file: the contract says null.
    extracted = {a.id for a in articles if not a.offsets_valid}

    document = {"schema": SCHEMA, "generator": site.generator,
                "articles": [_article_json(a) for a in articles],
                "entities": [_entity_json(e) for e in entities]}
    extra = compare_json.comparison_json(site.comparison)
    extra.update(notes_json.to_json(site.note_set))
    extra["problems"] = [
        {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in site.problems
    ]
    paragraphs: dict[str, list] = {}
    for record in extra.pop("paragraphs", []):
        paragraphs.setdefault(record["article"], []).append(record)
    for key in sorted(extra):
        document.setdefault(key, extra[key])
    document["entity_details"] = [
        {"id": e.id, "articles": list(e.articles),
         "merges": [{"alias": g.alias, "rule": g.rule, "detail": g.detail, "fuzzy": g.fuzzy} for g in e.merges]}
        for e in entities
    ]

    made: dict[str, str] = {}
    parts: dict[str, list[str]] = {}
    for key in SPLIT_LISTS:
        parts[key] = []
        for path, text in _parts(key, _pop_path(document, key)):
            parts[key].append(path)
            made[path] = text
    document["parts"] = parts

    mentions: dict[str, list] = {a.id: [] for a in articles}
    for e in entities:
        for m in e.mentions:
            mentions.setdefault(m.article, []).append((m.start, m.end, e.id, m.text))
    for a in articles:
        null = a.id in extracted
        made[ARTICLE_FILE.format(article=a.id)] = _dump({
            "article": a.id,
            "mentions": [{"entity": entity, "text": text, "start": None if null else start, "end": None if null else end}
                         for start, end, entity, text in sorted(mentions[a.id])],
            "paragraphs": paragraphs.get(a.id, []),
        }) + "\n"
    made["dossier.json"] = _dump(document) + "\n"
    return made


def _article_json(a: Article) -> dict:
    return {
        "id": a.id, "title": a.title, "date": a.date, "source": a.source, "input": a.input,
        "page": f"articles/{a.id}.md", "url": f"articles/{a.id}/", "words": a.words,
        "title_derived": a.title_derived, "file": ARTICLE_FILE.format(article=a.id),
    }


def _entity_json(e: Entity) -> dict:
    # Its mentions are in the files of the articles it is in; its articles and merges in parts.
    return {
        "id": e.id, "name": e.name, "type": e.type, "aliases": sorted(e.aliases), "shared": e.shared,
        "url": f"entities/{e.id}/" if e.shared else None, "description": e.description,
        "article_count": len(e.articles), "mention_count": len(e.mentions),
    }


def load(read: Callable[[str], str]) -> dict:
    """The whole document, parts put back: `read(path)` gives the text of a docs- or
    site-relative path. Every entity gets `articles`, `merges` and `mentions` (sorted by
    article and offset, each with its `article`), as in schema 1; each article's
    per-paragraph records are under the top-level `paragraphs`, in article order."""
    document = json.loads(read("dossier.json"))
    for dotted, paths in document.pop("parts").items():
        *parents, last = dotted.split(".")
        node = document
        for name in parents:
            node = node.setdefault(name, {})
        node[last] = [item for path in paths for item in json.loads(read(path))["items"]]
    entities = {e["id"]: e for e in document["entities"]}
    for detail in document.pop("entity_details"):
        entities[detail["id"]].update(articles=detail["articles"], merges=detail["merges"], mentions=[])
    document["paragraphs"] = []
    for article in document["articles"]:
        part = json.loads(read(article["file"]))
        for m in part["mentions"]:
            entities[m["entity"]]["mentions"].append(
                {"article": article["id"], "text": m["text"], "start": m["start"], "end": m["end"]})
        document["paragraphs"].extend(part["paragraphs"])
    return document


def load_folder(folder: Path | str) -> dict:
    """`load` from a docs folder or a built site."""
    root = Path(folder)
    return load(lambda path: (root / path).read_text(encoding="utf-8"))


@page_kind("dossier-json", order=70, render=as_is, deferred=True)
def _dossier_json(site: SiteInputs, additions, made):
    yield from files(site).items()
