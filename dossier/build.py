"""The pipeline: ingest → recognize → resolve → link → compare → notes → pages → emit.

Each stage is a function over the model; this module only calls them in order, caches the
per-article stage, and times everything. `generate` computes the whole dossier without writing;
`build` also writes it.
"""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass, field, replace
from functools import partial

from . import __version__, progress as progress_module, compare, emit, ids, link, notes, readers, recognize, resolve, site, workers
from .cache import StageCache, code_version, fingerprint, stage_code
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
    made_by: dict[str, str] = field(default_factory=dict)  # each output's page kind
    complete: bool = True  # False after the first phase of a rebuild (the comparison is the earlier one)


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


def _stage_cache(config: Config, stage: str, *modules: str, libraries: tuple[str, ...] = (), extra: str = "") -> StageCache:
    """The stored results of a stage; `modules` name the code that computes them (with what it
    imports: `cache.stage_code`), `libraries` the installed packages and `extra` anything else
    whose change voids them."""
    version = code_version(*stage_code(*modules), libraries=libraries, extra=extra)
    return StageCache(config.cache_dir if config.cache else None, stage, version)


def recognize_all(articles: list[Article], config: Config,
                  progress: progress_module.Progress | None = None) -> dict[str, list[Mention]]:
    """Run the per-article recognizer, reusing stored results for unchanged articles."""
    backend = recognize.backend(config.recognizer)
    cache = _stage_cache(config, backend.stage, *backend.code, extra=backend.version(config))
    recognize_one = backend.recognizer(config)
    jobs = config.jobs if backend.parallel else 1
    results: dict[str, list[Mention]] = {}
    todo: list[tuple[Article, str]] = []
    for article in articles:
        key = _recognition_key(article)
        cached = cache.get(key)
        if cached is None:
            todo.append((article, key))
        else:
            # Stored under the article's earlier id only when its id changed since.
            # (The stored list itself when the id is the same: in a running process, the same
            # object from build to build, by which later stages know the article unchanged.)
            results[article.id] = cached if all(m.article == article.id for m in cached) else \
                [m if m.article == article.id else replace(m, article=article.id) for m in cached]
    if todo:
        if progress is not None:
            progress.advance(len(articles) - len(todo))
        pending = [article for article, _ in todo]
        if jobs > 1 and len(todo) > 8:
            with workers.process_pool(jobs) as pool:  # stops cleanly on Ctrl-C
                found = []
                for mentions in pool.map(recognize_one, pending, chunksize=max(1, len(todo) // (jobs * 8))):
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
    rules, problems = resolve.load_curation(config.curation_file, config.display_root)
    cache = _stage_cache(config, "resolve", "dossier.resolve", libraries=("nameparser",))
    entities = resolve.resolve_reusing(articles, mentions, rules, config.min_articles, cache)
    cache.save()
    return ids.stabilize_entity_ids(entities, registry), problems + ids.curated_id_problems(rules)


def _no_articles() -> str:
    suffixes = sorted({s for reader in readers.format_registry.registered_readers() for s in reader.suffixes})
    return f"has no articles: add files ending in {', '.join(suffixes)}"


def empty_input(config: Config) -> str | None:
    """What to say about an input folder with no article file in it, or None."""
    if readers.discover(config.input_dir)[0]:
        return None
    name = config.input_dir.relative_to(config.display_root).as_posix() or "."
    return f"input folder {name} {_no_articles()}"


def generate(config: Config, progress: progress_module.Progress | None = None,
             previous: Dossier | None = None) -> Dossier:
    """Compute every generated page of the dossier, without writing anything.

    With `previous` (a running process, `mkdocs serve` or `--watch`, after an edit) this is the
    first phase of a rebuild: the comparison of the previous build is reused, and the pages
    that show the whole comparison (`deferred` page kinds: comparison pages, dossier.json) are
    kept as they were, so the edited article's pages are ready in a fraction of the time. A
    second, full `generate` follows and brings the rest up to date."""
    quick = previous is not None and previous.comparison is not None
    if not quick:
        return _generate(config, progress, previous)
    # The first phase is what the person who saved the file waits for: the cyclic garbage
    # collector, which would walk every object the process holds (0.4-0.6 s at 1,000 articles),
    # waits until it is done; the second phase collects what it left.
    paused = gc.isenabled()
    gc.disable()
    # Nor does it write the stage caches: the second phase writes them with its own.
    StageCache.defer_writes = True
    try:
        return _generate(config, progress, previous)
    finally:
        StageCache.defer_writes = False
        if paused:
            gc.enable()


def _generate(config: Config, progress: progress_module.Progress | None, previous: Dossier | None) -> Dossier:
    quick = previous is not None and previous.comparison is not None
    config.validate()
    progress = progress or progress_module.Progress()
    timings = progress.timings
    stage = progress.stage
    with stage("ingest"):
        paths, articles, registry, problems = readers.load_project(config)
        if not paths:  # a warning; `dossier build --strict` refuses it before building (exit code 2)
            problems.append(Problem(config.input_dir.relative_to(config.display_root).as_posix() or ".",
                                    f"the input folder {_no_articles()}", "warning"))
    with stage("recognize", total=len(articles)):
        mentions = recognize_all(articles, config, progress)
    with stage("resolve"):
        entities, curation_problems = resolve_entities(config, articles, mentions, registry)
        problems += curation_problems
    with stage("link"):
        by_article = link.mentions_by_article(entities)
        links = {a.id: link.plan_links(a, by_article.get(a.id, []), config.link_mode) for a in articles}
    with stage("compare"):
        article_keys = _article_keys(articles) if config.cache else {}
        if quick:
            comparison = previous.comparison
        else:
            cache = _stage_cache(config, "compare", "dossier.compare")
            stories, story_problems = compare.load_stories(config.input_dir, config.display_root, articles)
            problems += story_problems
            comparison = compare.compare(articles, entities, cache, article_keys, stories)
            cache.save()
            del cache  # every article's sentences and words: not kept alive through the pages
    with stage("notes"):
        note_set = notes.load_and_anchor(config.notes_dir, articles, entities, config.display_root, comparison)
        problems += note_set.problems
    with stage("pages"):
        problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
        inputs = site.SiteInputs(tuple(articles), tuple(entities), links, comparison, note_set, tuple(problems),
                                 len(paths), registry, config.min_articles, config.site_url, config.project_root,
                                 GENERATOR, article_keys, urls=site.Urls(config.use_directory_urls),
                                 docs_dir=config.docs_dir,
                                 input_name=config.input_dir.relative_to(config.display_root).as_posix())
        cache = _stage_cache(config, "pages", "dossier.site")
        made_by: dict[str, str] = {}
        outputs = site.render_site(inputs, cache, defer=quick, made_by=made_by)
        cache.save()
        if quick:  # the deferred pages as the previous build made them, until the second phase
            for path, kind in previous.made_by.items():
                if path not in outputs and site.is_deferred(kind):
                    outputs[path], made_by[path] = previous.outputs[path], kind
    return Dossier(articles, entities, problems, len(paths), outputs, comparison, note_set, timings, registry,
                   made_by, complete=not quick)


# In a long-running process, each article's fingerprint with the article it was made from: an
# unchanged article (the very same object, from the stored readings) is not pickled again.
_ARTICLE_KEYS: dict[str, tuple[Article, str]] = {}


def _article_keys(articles: list[Article]) -> dict[str, str]:
    keys = {}
    remember = StageCache.remember
    for a in articles:
        known = _ARTICLE_KEYS.get(a.id) if remember else None
        keys[a.id] = known[1] if known is not None and known[0] is a else fingerprint(a)
    if remember:
        _ARTICLE_KEYS.clear()
        _ARTICLE_KEYS.update({a.id: (a, keys[a.id]) for a in articles})
    return keys


def build(config: Config, progress: progress_module.Progress | None = None,
          previous: Dossier | None = None) -> BuildResult:
    """Generate the dossier and write it into the docs folder (with `previous`, the first phase
    of a rebuild: see `generate`)."""
    dossier = generate(config, progress, previous)
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
