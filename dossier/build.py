"""The pipeline: ingest → recognize → resolve → link → compare → notes → pages → emit.

Each stage is a function over the model; this module only calls them in order, caches the
per-article stage, and times everything. `generate` computes the whole dossier without writing;
`build` also writes it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from functools import partial

from . import __version__, progress as progress_module, compare, curation, emit, feed, ids, link, notes, pages, readers, recognize, resolve, workers
from .cache import StageCache, code_version, fingerprint, package_files, stored
from .config import Config
from .model import Article, Entity, Mention, Problem

log = logging.getLogger("dossier")
GENERATOR = f"dossier {__version__}"


@dataclass
class Dossier:
    articles: list[Article]
    entities: list[Entity]
    problems: list[Problem]
    inputs: int
    outputs: dict[str, str] = field(default_factory=dict)
    comparison: object | None = None
    notes: object | None = None
    timings: dict[str, float] = field(default_factory=dict)
    registry: ids.Registry | None = None


@dataclass
class BuildResult:
    dossier: Dossier
    emitted: emit.EmitResult

    @property
    def problems(self) -> list[Problem]:
        return self.dossier.problems + self.emitted.problems

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def _recognize_one(article: Article) -> list[Mention]:
    return recognize.recognize(article)


def _stage_cache(config: Config, stage: str, *code: str, libraries: tuple[str, ...] = (), extra: str = "") -> StageCache:
    """The stored results of a per-article stage; `code` names the files (and `libraries` the
    installed packages, `extra` anything else) whose change voids them."""
    version = code_version(*package_files(*code), libraries=libraries, extra=extra)
    return StageCache(config.cache_dir if config.cache else None, stage, version)


def recognize_all(articles: list[Article], config: Config,
                  progress: progress_module.Progress | None = None) -> dict[str, list[Mention]]:
    """Run the per-article recognizer, reusing stored results for unchanged articles."""
    if config.recognizer == "spacy":
        from . import recognize_spacy

        cache = _stage_cache(config, "recognize-spacy", "recognize_spacy.py", "recognize.py", "model.py",
                             extra=recognize_spacy.version(config.spacy_model))
        recognize_one = partial(recognize_spacy.recognize, model=config.spacy_model)
        jobs = 1  # a model per process costs more than it saves; spaCy batches the zones itself
    else:
        cache = _stage_cache(config, "recognize", "recognize.py", "gazetteer.py", "model.py", "data/*")
        recognize_one, jobs = _recognize_one, config.jobs
    results: dict[str, list[Mention]] = {}
    todo: list[tuple[Article, str]] = []
    for article in articles:
        key = _recognition_key(article)
        cached = cache.get(key)
        if cached is None:
            todo.append((article, key))
        else:
            # Stored under the article's earlier id only when its id changed since.
            results[article.id] = [m if m.article == article.id else replace(m, article=article.id) for m in cached]
    if todo:
        if progress is not None:
            progress.advance(len(articles) - len(todo))
        pending = [article for article, _ in todo]
        if jobs > 1 and len(todo) > 8:
            with workers.process_pool(jobs) as pool:  # stops cleanly on Ctrl-C
                found = []
                for mentions in pool.map(_recognize_one, pending, chunksize=max(1, len(todo) // (jobs * 8))):
                    found.append(mentions)
                    if progress is not None:
                        progress.advance()
        else:
            found = []
            for article in pending:
                found.append(recognize_one(article))
                if progress is not None:
                    progress.advance()
        for (article, key), mentions in zip(todo, found):
            results[article.id] = mentions
            cache.put(key, mentions)
    cache.save()
    log.info("recognized %d articles (%d from cache)", len(articles), len(articles) - len(todo))
    return results


def _recognition_key(article: Article) -> str:
    # Recognition reads the text and the paragraph split, nothing else of the article.
    return fingerprint(article.text, [(p.start, p.end, p.kind) for p in article.paragraphs], article.title_span)


def resolve_entities(config: Config, articles: list[Article], mentions: dict[str, list[Mention]],
                     registry: ids.Registry) -> tuple[list[Entity], list[Problem]]:
    """The dossier's entities, curated, with the ids the site publishes."""
    rules, problems = curation.load_curation(config.curation_file)
    cache = _stage_cache(config, "resolve", "resolve.py", "curation.py", "gazetteer.py", "model.py", "slugs.py", "data/*")
    entities = resolve.resolve_reusing(articles, mentions, rules, config.min_articles, cache)
    cache.save()
    return ids.stabilize_entity_ids(entities, registry), problems + ids.curated_id_problems(rules)


def generate(config: Config, progress: progress_module.Progress | None = None) -> Dossier:
    """Compute every generated page of the dossier, without writing anything."""
    config.validate()
    progress = progress or progress_module.Progress()
    timings = progress.timings
    stage = progress.stage
    with stage("ingest"):
        paths, articles, registry, problems = readers.load_project(config)
    with stage("recognize", total=len(articles)):
        mentions = recognize_all(articles, config, progress)
    with stage("resolve"):
        entities, curation_problems = resolve_entities(config, articles, mentions, registry)
        problems += curation_problems
    with stage("link"):
        by_article = link.mentions_by_article(entities)
        links = {a.id: link.plan_links(a, by_article.get(a.id, []), config.link_mode) for a in articles}
    with stage("compare"):
        cache = _stage_cache(config, "compare", "compare.py", "quotes.py", "dates.py", "model.py", "gazetteer.py", "data/*")
        article_keys = {a.id: fingerprint(a) for a in articles} if config.cache else {}
        comparison = compare.compare(articles, entities, cache, article_keys)
        cache.save()
        del cache  # every article's sentences and words: not kept alive through the pages
    with stage("notes"):
        note_set = notes.load_and_anchor(config.notes_dir, articles, entities, config.project_root, comparison)
        problems += note_set.problems
    with stage("pages"):
        problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
        outputs = render_outputs(config, articles, entities, links, comparison, note_set, problems, len(paths), article_keys)
        outputs.update(pages.redirect_pages(registry.redirects, outputs))
        outputs.update(pages.retired_entity_pages(registry, entities, {a.id: a for a in articles}))
    dossier = Dossier(articles, entities, problems, len(paths), outputs, comparison, note_set, timings, registry)
    return dossier


def render_outputs(config: Config, articles, entities, links, comparison, note_set, problems, inputs,
                   article_keys: dict[str, str]) -> dict[str, str]:
    """Every generated file's content. `article_keys`: each article's `fingerprint` (empty
    without a cache), part of the key each page is stored under."""
    by_id = {e.id: e for e in entities}
    shared = [e for e in entities if e.shared]
    extras = pages.PageExtras()
    for entity in shared:
        extras.entity_descriptors[entity.id] = compare.render_descriptors(comparison, entity.id)
    # Article and entity pages (and their link snippets) are stored by everything they show
    # (`_entity_key`): after an edit, only the pages whose content can change are made again.
    cache = _stage_cache(config, "pages", "pages.py", "markup.py", "link.py", "feed.py", "model.py", "templates/*")
    notes.add_to_pages(note_set, extras)
    feed.add_link_snippets(extras, articles, shared, config.site_url, cache)
    outputs: dict[str, str] = {}
    article_index = {a.id: a for a in articles}
    shared_per_article: dict[str, dict[str, int]] = {}
    for entity in shared:
        for mention in entity.mentions:
            counts = shared_per_article.setdefault(mention.article, {})
            counts[entity.id] = counts.get(entity.id, 0) + 1
    for article in articles:
        counts = shared_per_article.get(article.id, {})
        linked = sorted(((by_id[i], n) for i, n in counts.items()), key=lambda en: (-en[1], en[0].name.casefold()))
        key = ("article", article_keys.get(article.id), links[article.id],
               [_entity_key(by_id[link.entity]) for link in links[article.id]],
               [(_entity_key(e), n) for e, n in linked],
               extras.article_highlights.get(article.id), extras.article_sections.get(article.id))
        outputs[f"articles/{article.id}.md"] = stored(
            cache, key, partial(pages.article_page, article, links[article.id], by_id, linked, extras))
    companions = pages.companions_of(shared)
    memo: dict = {}
    for entity in shared:
        key = ("entity", _entity_key(entity, mentions=True), [article_keys.get(a) for a in entity.articles],
               [(_entity_key(e), n) for e, n in companions[entity.id]],
               extras.entity_descriptors.get(entity.id), extras.entity_sections.get(entity.id))
        outputs[f"entities/{entity.id}.md"] = stored(
            cache, key, partial(pages.entity_page, entity, article_index, companions[entity.id], extras, memo))
    cache.save()
    outputs["articles/index.md"] = pages.articles_index(articles, {a: len(c) for a, c in shared_per_article.items()})
    outputs["entities/index.md"] = pages.entities_index(entities, config.min_articles)
    outputs["compare.md"] = compare.render_page(comparison, articles, entities)
    outputs.update(notes.pages(note_set, articles))
    outputs["build-report.md"] = pages.report_page(inputs, len(articles), problems)
    extra = compare.to_json(comparison)
    extra.update(notes.to_json(note_set))
    extra["problems"] = [
        {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in problems
    ]
    outputs["dossier.json"] = pages.dossier_json(articles, entities, GENERATOR, extra)
    outputs.update(feed.outputs(articles, config.project_root, config.site_url))
    return outputs


def _entity_key(entity: Entity, mentions: bool = False) -> tuple:
    """What a page shows of an entity: a link to it (id, name, type, tooltip), or with
    `mentions` its whole record. Field by field, so that a cached property never changes the key."""
    shown = (entity.id, entity.name, entity.type, entity.description, len(entity.articles))
    if mentions:
        shown += (entity.aliases, entity.mentions, entity.shared, entity.merges)
    return shown


def build(config: Config, progress: progress_module.Progress | None = None) -> BuildResult:
    """Generate the dossier and write it into the docs folder."""
    dossier = generate(config, progress)
    started = time.perf_counter()
    status = config.cache_dir / "emit" / "status.json" if config.cache else None
    emitted = emit.emit(dossier.outputs, config.docs_dir, display_root=config.project_root, status_file=status)
    if not dossier.registry.unchanged():
        try:
            emit.write_registry(dossier.registry.to_yaml(), config.id_registry)
        except emit.EmitError as err:
            emitted.problems.append(Problem(config.id_registry.name, str(err), "error"))
    dossier.timings["emit"] = time.perf_counter() - started
    log.info("wrote %d files, %d unchanged, %d removed", len(emitted.written), len(emitted.unchanged), len(emitted.removed))
    return BuildResult(dossier, emitted)
