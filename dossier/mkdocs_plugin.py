"""The MkDocs plugin: a thin wrapper around `dossier.build.generate`.

It generates the dossier when MkDocs loads its config and hands the pages to MkDocs as
in-memory files, so `mkdocs build` and `mkdocs serve` never write into docs/: editing an
article under `mkdocs serve` triggers exactly one rebuild, with no loop. The standalone
`dossier build` writes the same pages to disk for renderers that run no plugins (Zensical).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config as MkDocsPluginConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import config as dossier_config
from .build import Dossier, generate
from .emit import MANIFEST, _load_manifest, write_registry

log = logging.getLogger("mkdocs.plugins.dossier")


class DossierOptions(MkDocsPluginConfig):
    input = c.Type(str, default="seeds")
    min_articles = c.Type(int, default=2)
    link = c.Choice(dossier_config.LINK_MODES, default="first")
    strict = c.Type(bool, default=False)
    jobs = c.Type(int, default=1)
    cache = c.Type(bool, default=True)
    recognizer = c.Choice(dossier_config.RECOGNIZERS, default="builtin")
    spacy_model = c.Type(str, default="en_core_web_sm")


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
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        options = {"input": self.config.input, "min_articles": self.config.min_articles, "link": self.config.link,
                   "strict": self.config.strict, "jobs": self.config.jobs, "cache": self.config.cache,
                   "recognizer": self.config.recognizer, "spacy_model": self.config.spacy_model}
        docs = Path(config.docs_dir)
        self.settings = dossier_config.from_options(root, options, str(docs if docs.is_absolute() else root / docs),
                                                    config.site_url)
        try:
            self.settings.validate()
        except ValueError as err:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"dossier: {err}") from None
        self.dossier = generate(self.settings)
        # Ids are fixed at the first build, whichever command runs it.
        if not self.dossier.registry.unchanged():
            write_registry(self.dossier.registry.to_yaml(), self.settings.id_registry)
        for problem in self.dossier.problems:
            # Warnings make `mkdocs build --strict` fail, as a strict dossier build does.
            log.warning("%s", problem)
        if self.settings.strict and self.dossier.problems:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"dossier: strict build, {len(self.dossier.problems)} problem(s) found")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        assert self.dossier is not None
        manifest = _load_manifest(Path(config.docs_dir))
        for rel, content in sorted(self.dossier.outputs.items()):
            existing = files.get_file_from_path(rel)
            if existing is not None:
                if not _written_by_dossier(existing, rel, manifest):
                    log.warning("docs/%s is a hand-written page; it is kept and the generated one is skipped", rel)
                    continue
                files.remove(existing)
            files.append(File.generated(config, rel, content=content))
        leftover = files.get_file_from_path(MANIFEST)
        if leftover is not None:
            files.remove(leftover)
        return files

    def on_serve(self, server, *, config, builder):
        if self.settings is not None:
            server.watch(str(self.settings.input_dir))
        return server


def _written_by_dossier(file: File, rel: str, manifest: dict[str, str]) -> bool:
    """A file on disk that `dossier build` wrote earlier (and nobody edited since) may be replaced."""
    if file.abs_src_path is None or rel not in manifest:
        return False
    try:
        return hashlib.sha256(Path(file.abs_src_path).read_bytes()).hexdigest() == manifest[rel]
    except OSError:
        return False
