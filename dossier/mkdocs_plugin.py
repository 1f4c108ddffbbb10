"""The MkDocs plugin: a thin wrapper around `dossier.build.generate`.

It generates the dossier when MkDocs loads its config and hands the pages to MkDocs as
in-memory files, so `mkdocs build` and `mkdocs serve` never write into docs/: editing an
article under `mkdocs serve` triggers exactly one rebuild, with no loop. The standalone
`dossier build` writes the same pages to disk for renderers that run no plugins (Zensical).
"""

from __future__ import annotations

import gc
import logging
import re
from dataclasses import replace
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config as MkDocsPluginConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from mkdocs.structure.toc import get_toc

from . import config as dossier_config
from .site import html as site_html, search as site_search
from .build import Dossier, generate
from .emit import LOCK, MANIFEST, PENDING, EmitError, load_manifest, publishable, write_registry, written_by_dossier

log = logging.getLogger("mkdocs.plugins.dossier")
_ID = re.compile(r'id="([^"]+)"')  # a literal first: searched at C speed (see `_anchor_ids`)


class _AsWritten(c.BaseConfigOption):
    """An option kept as written: `dossier_config.check_options` checks it in `on_config`, so
    `mkdocs build` and `dossier build` refuse a bad value with the same message."""

    def run_validation(self, value):
        return value


class DossierOptions(MkDocsPluginConfig):
    # The names are dossier_config.OPTIONS (checked there, with their defaults).
    input = _AsWritten()
    min_articles = _AsWritten()
    link = _AsWritten()
    strict = _AsWritten()
    jobs = _AsWritten()
    cache = _AsWritten()
    recognizer = _AsWritten()
    spacy_model = _AsWritten()

    def validate(self):
        # An unknown name is not only a warning that `mkdocs build` (without --strict) goes past:
        # on_config refuses it, naming the nearest option, as `dossier build` does.
        failed, warnings = super().validate()
        return failed, [(key, message) for key, message in warnings if key in self._schema_keys]


class DossierPlugin(BasePlugin[DossierOptions]):
    def __init__(self):
        self.dossier: Dossier | None = None
        self.settings: dossier_config.Config | None = None
        # Kept between the builds of `mkdocs serve --dirty`: each generated file's content (a
        # file whose content did not change is not rendered again), and the
        # search entries of the pages the dossier renders itself (the index stays whole when
        # only some pages are rendered again).
        self.published: dict[str, str | bytes] = {}
        self.search_entries: dict[str, list[dict]] = {}
        self.dirty = False
        self.command: str | None = None  # "build", "serve" or "gh-deploy" (MkDocs' on_startup)
        self.server = None  # mkdocs serve's LiveReloadServer, for the second phase of a rebuild
        self.second_phase_due = False
        self.observer = None  # the input folder's watcher under `mkdocs serve`
        self.only_search_reads_context = False  # see _html_after_search
        self.verdicts: dict[str, tuple] = {}  # docs/ files: whether dossier wrote them, by their status

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty
        if command == "serve":
            from .cache import StageCache

            StageCache.remember = True  # it builds again on each edit: keep what it stores in memory

    def on_config(self, config):
        from mkdocs.exceptions import PluginError

        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        docs = Path(config.docs_dir)
        # The options as written (None: not given), checked by the same code as `dossier build`'s,
        # with the lines of mkdocs.yml for the message.
        written = {key: value for key, value in self.config.items() if value is not None}
        source = dossier_config.OptionsSource(dossier_config.MKDOCS_YML)
        if config.config_file_path and Path(config.config_file_path).is_file():
            try:
                source = dossier_config.read_mkdocs_yml(Path(config.config_file_path)).source
            except dossier_config.ConfigError:
                pass  # MkDocs read the file; where it and dossier's reader differ, no line is given
        try:
            self.settings = replace(
                dossier_config.from_options(root, written, str(docs if docs.is_absolute() else root / docs),
                                            config.site_url, source),
                use_directory_urls=bool(config.use_directory_urls))
            try:
                self.settings.validate()
            except dossier_config.ConfigError as err:
                raise source.place(err) if err.option in written else err from None
        except dossier_config.ConfigError as err:
            raise PluginError(f"dossier: {err}") from None
        # Under `mkdocs serve`, a rebuild after an edit runs in two phases: first the edited
        # article's pages with the comparison of the previous build (the browser reloads with
        # the edit), then a second build, triggered right after, with everything made again.
        quick = self.server is not None and self.dossier is not None and not self.second_phase_due
        self.dossier = generate(self.settings, previous=self.dossier if quick else None)
        self.second_phase_due = quick
        if self.command in ("build", "gh-deploy"):
            # One build, then the process ends: what the dossier made lives to the end, so the
            # garbage collector need not walk it again on every collection while MkDocs renders
            # (millions of objects at 10,000 articles). Not under `mkdocs serve`, whose earlier
            # builds must be freed.
            gc.freeze()
        # Ids are fixed at the first build, whichever command runs it.
        if not self.dossier.registry.unchanged():
            try:
                write_registry(self.dossier.registry.to_yaml(), self.settings.id_registry)
            except EmitError as err:
                log.warning("%s", err)
        for problem in self.dossier.problems:
            # Warnings make `mkdocs build --strict` fail, as a strict dossier build does.
            log.warning("%s", problem)
        if self.settings.strict and self.dossier.problems:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"dossier: strict build, {len(self.dossier.problems)} problem(s) found")
        if quick:
            # From here to on_post_build (the page reloads), no cyclic garbage collection: it
            # would walk every object the server holds (generate paused it too); the second
            # phase, right after, collects.
            gc.disable()
        return config

    def on_files(self, files: Files, *, config) -> Files:
        assert self.dossier is not None
        docs = Path(config.docs_dir)
        manifest = load_manifest(docs)
        outputs = self.dossier.outputs
        # Pages an earlier `dossier build` wrote into docs/ whose input is gone (deleted or
        # renamed article, entity no longer shared): not published. Hand-edited ones stay.
        for rel in sorted(manifest):
            if rel not in outputs:
                existing = files.get_file_from_path(rel)
                if existing is not None and self._written_by_dossier(docs, rel, manifest):
                    files.remove(existing)
        # A hand-written page wins over a generated one at the same address, whether it has
        # the same file name (compare.md) or another name for that address (compare/index.md).
        by_address = {f.dest_uri: f for f in files}
        for rel, content in sorted(outputs.items()):
            generated = File.generated(config, rel, content=publishable(content))
            if self.dirty and self.published.get(rel) == content:  # the same object when kept, else compared
                # `mkdocs serve --dirty` renders only the files MkDocs counts as modified; a
                # generated file always counts as modified unless told otherwise.
                generated.is_modified = _unmodified
            existing = files.get_file_from_path(rel)
            if existing is None:
                other = by_address.get(generated.dest_uri)
                if other is not None and other.src_uri not in outputs:  # not another generated page
                    existing = other
            if existing is not None:
                if not self._written_by_dossier(docs, existing.src_uri, manifest):
                    log.warning("docs/%s is a hand-written page; it is kept and the generated %s is skipped",
                                existing.src_uri, rel)
                    continue
                files.remove(existing)
            files.append(generated)
        for name in (MANIFEST, PENDING, LOCK):
            leftover = files.get_file_from_path(name)
            if leftover is not None:
                files.remove(leftover)
        self.published = outputs if self.dirty else {}
        self.search_entries = {rel: e for rel, e in self.search_entries.items() if rel in outputs}
        return files

    def on_env(self, env, *, config, files):
        """Under `mkdocs serve`, the theme's templates compiled once for the process: MkDocs makes
        a new template environment for every build, and compiling Material's templates again
        is a tenth of a second of each rebuild. The cache holds the compiled code by template
        name and source checksum, so an edited template is compiled anew."""
        if self.command == "serve" and env.bytecode_cache is None:
            env.bytecode_cache = _COMPILED_TEMPLATES
        return env

    def _written_by_dossier(self, docs: Path, rel: str, manifest) -> bool:
        # Under `mkdocs serve`, what the earlier rebuilds found, by each file's status.
        return written_by_dossier(docs, rel, manifest, known=self.verdicts if self.command == "serve" else None)

    def on_nav(self, nav, *, config, files):
        """The article and entity pages are not in the navigation (it would grow with the
        dossier): each is placed under its index page, so the sidebar shows where it belongs."""
        self.parents = {}
        for kind, index in (("article", "articles/index.md"), ("entity", "entities/index.md")):
            file = files.get_file_from_path(index)
            if file is not None and getattr(file, "page", None) is not None:
                self.parents[kind] = file.page
        return nav

    def on_pre_page(self, page, *, config, files):
        kind = page.file.src_uri.split("/", 1)[0]
        parent = getattr(self, "parents", {}).get({"articles": "article", "entities": "entity"}.get(kind, ""))
        if (parent is not None and page.parent is None and page is not parent and self.dossier is not None
                and page.file.src_uri in self.dossier.outputs):
            page.parent = parent
        return page

    def on_pre_build(self, *, config):
        """Give Material's (or MkDocs') search index the dossier's own entries for the pages it
        renders, instead of letting the search plugin parse those pages again."""
        search = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
        readers = {getattr(handler, "__self__", None) for handler in config.plugins.events.get("page_context", ())}
        self.only_search_reads_context = search is not None and readers <= {self, search}
        index = getattr(search, "search_index", None)
        if index is None or not hasattr(index, "add_entry_from_context") or not hasattr(index, "entries"):
            return
        add_entry, generate_index = index.add_entry_from_context, getattr(index, "generate_search_index", None)
        plugin = self

        def add_entry_from_context(page):
            if page.file.src_uri in plugin.search_entries and getattr(page, "_dossier_rendered", False):
                return  # added all at once, with the pages not rendered again, in generate_search_index
            return add_entry(page)

        def generate_search_index(prev=None, *args, **kwargs):
            ours = {e["location"] for entries in plugin.search_entries.values() for e in entries}
            index.entries = [e for e in index.entries if e["location"] not in ours]
            if prev is not None and hasattr(prev, "entries"):
                prev.entries = [e for e in prev.entries if e["location"] not in ours]
            if prev is not None and not index.entries:
                index.entries = list(prev.entries)
                prev = None
            for rel in sorted(plugin.search_entries):
                index.entries.extend(plugin.search_entries[rel])
            return generate_index(prev, *args, **kwargs) if generate_index is not None else None

        index.add_entry_from_context = add_entry_from_context
        if generate_index is not None:
            index.generate_search_index = generate_search_index

    def on_page_markdown(self, markdown, *, page, config, files):
        """The article and entity pages are HTML blocks between heading lines (`site/html.py`):
        their HTML and table of contents are made directly, without a Markdown pass."""
        meta = page.meta.get("dossier")
        if not (isinstance(meta, dict) and meta.get("render") == "html" and self.dossier is not None
                and page.file.src_uri in self.dossier.outputs):
            return markdown
        toc = config.mdx_configs.get("toc", {}) if config.mdx_configs else {}
        options = (toc.get("permalink", False), toc.get("permalink_title", "Permanent link"))
        plugin = self

        def render(config, files, page=page, markdown=markdown):
            rendered = site_html.to_html(markdown, *options)
            page.content = rendered.html
            page.toc = get_toc(rendered.toc)
            page._title_from_render = None
            page.present_anchor_ids = _anchor_ids(rendered.html)
            page.links_to_anchors = {}  # the dossier checks its own links (site/links.py)
            page._dossier_rendered = True
            page._dossier_html = rendered.html
            if not (page.meta.get("search") or {}).get("exclude"):
                plugin.search_entries[page.file.src_uri] = site_search.entries(rendered.html, page.url, page.title)

        def html_again(page=page, markdown=markdown):
            return site_html.to_html(markdown, *options).html

        page.render = render
        page._dossier_html_again = html_again
        return markdown

    @event_priority(-100)  # after every other plugin's on_page_content
    def on_page_content(self, html, *, page, config, files):
        """MkDocs renders every page's content before it writes the first page: under `mkdocs
        build`, the HTML of a generated page that no plugin changed is let go here and made
        again (one regular expression over its text) just before its page is written, so that
        the HTML of 30,000 pages is never held at once."""
        made = page.__dict__.pop("_dossier_html", None)
        if self.command in ("build", "gh-deploy") and made is not None and html is made:
            page._dossier_lazy = True
            return ""
        return html

    @event_priority(100)  # before every other plugin's on_page_context (the search plugin's included)
    def _html_before_plugins(self, context, *, page, config, nav):
        if not self.only_search_reads_context and page.__dict__.pop("_dossier_lazy", False):
            page.content = page._dossier_html_again()
        return context

    @event_priority(-100)
    def _html_after_search(self, context, *, page, config, nav):
        # When the search plugin is the only other reader of on_page_context: it does not index
        # these pages (their entries are the dossier's) and its one change to a page's HTML,
        # removing `data-search-*="..."` attributes, finds none in the HTML the dossier writes;
        # its regular expression over every generated page's HTML was 1.1 s of a 1,000-article
        # build. The HTML is made again after it.
        if page.__dict__.pop("_dossier_lazy", False):
            page.content = page._dossier_html_again()
        return context

    on_page_context = CombinedEvent(_html_before_plugins, _html_after_search)

    @event_priority(-100)  # after every other plugin's on_post_page, which may read the page
    def on_post_page(self, output, *, page, config):
        """Under `mkdocs build`, a generated page written is let go (its Markdown, here and in
        MkDocs' file, and its HTML): nothing reads them again, and at 10,000 articles they would
        otherwise all be held to the end of the build. `mkdocs serve` keeps them (--dirty
        compares the next build's pages with these)."""
        if self.command in ("build", "gh-deploy") and self.dossier is not None:
            rel = page.file.src_uri
            if rel in self.dossier.outputs:
                self.dossier.outputs[rel] = ""
                page.file.content_string = ""
                page.markdown = page.content = None
                page.__dict__.pop("render", None)  # the closures of on_page_markdown
                page.__dict__.pop("_dossier_html_again", None)
        return output

    def on_build_error(self, *, error):
        gc.enable()

    def on_post_build(self, *, config):
        gc.enable()
        if self.second_phase_due and self.server is not None:
            _request_rebuild(self.server)

    def on_serve(self, server, *, config, builder):
        self.server = server
        if self.settings is not None:
            # The input folder by the system's file events: an edit starts the rebuild at once,
            # where MkDocs' own polling (every 0.5 s, walking every file) finds it later.
            from .watch import observe

            s = self.settings
            self.observer = observe(s.input_dir, lambda: _request_rebuild(server),
                                    ignored=[s.docs_dir, s.cache_dir, s.id_registry])
            if self.observer is None:
                server.watch(str(s.input_dir))
        return server

    def on_shutdown(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None


def _anchor_ids(html: str) -> set[str]:
    """The values of the `id` attributes in `html` (what `\\bid="..."` finds: an `id=` not
    preceded by a word character), for MkDocs' check of links to this page's anchors."""
    return {m.group(1) for m in _ID.finditer(html)
            if not m.start() or not (html[m.start() - 1].isalnum() or html[m.start() - 1] == "_")}


class _CompiledTemplates(BytecodeCache):
    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # checks the source checksum; a mismatch is a miss

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def _unmodified() -> bool:
    return False


def _request_rebuild(server) -> None:
    """Ask MkDocs' live-reload server for one more build, as a file change would (MkDocs 1.x is
    frozen: these names will not move)."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()
