"""The MkDocs plugin: a thin wrapper around `dossier.build.generate`.

It generates the dossier when MkDocs loads its config and hands the pages to MkDocs as
in-memory files, so `mkdocs build` and `mkdocs serve` never write into docs/: editing an
article under `mkdocs serve` triggers exactly one rebuild, with no loop. The standalone
`dossier build` writes the same pages to disk for renderers that run no plugins (Zensical).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config as MkDocsPluginConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import config as dossier_config
from .build import Dossier, generate
from .emit import LOCK, MANIFEST, PENDING, EmitError, encode, load_manifest, write_registry, written_by_dossier

log = logging.getLogger("mkdocs.plugins.dossier")


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

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds.
        self.command = command
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
            self.settings = dossier_config.from_options(root, written, str(docs if docs.is_absolute() else root / docs),
                                                        config.site_url, source)
            try:
                self.settings.validate()
            except dossier_config.ConfigError as err:
                raise source.place(err) if err.option in written else err from None
        except dossier_config.ConfigError as err:
            raise PluginError(f"dossier: {err}") from None
        self.dossier = generate(self.settings)
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
                if existing is not None and written_by_dossier(docs, rel, manifest):
                    files.remove(existing)
        # A hand-written page wins over a generated one at the same address, whether it has
        # the same file name (compare.md) or another name for that address (compare/index.md).
        by_address = {f.dest_uri: f for f in files}
        for rel, content in sorted(outputs.items()):
            generated = File.generated(config, rel, content=encode(content) if isinstance(content, str) else content)
            existing = files.get_file_from_path(rel)
            if existing is None:
                other = by_address.get(generated.dest_uri)
                if other is not None and other.src_uri not in outputs:  # not another generated page
                    existing = other
            if existing is not None:
                if not written_by_dossier(docs, existing.src_uri, manifest):
                    log.warning("docs/%s is a hand-written page; it is kept and the generated %s is skipped",
                                existing.src_uri, rel)
                    continue
                files.remove(existing)
            files.append(generated)
        for name in (MANIFEST, PENDING, LOCK):
            leftover = files.get_file_from_path(name)
            if leftover is not None:
                files.remove(leftover)
        return files

    def on_serve(self, server, *, config, builder):
        if self.settings is not None:
            server.watch(str(self.settings.input_dir))
        return server
