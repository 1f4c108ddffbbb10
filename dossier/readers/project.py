"""The one way to load a project's articles, used by `dossier build`, the MkDocs plugin,
`dossier entities` and `dossier note`: every input file found, read (or reused from the stage
cache), with the permanent ids of `dossier-ids.yml`. A command that named articles another way
would not know an article by the id the site published for it."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .. import ids
from ..cache import StageCache, code_version, stage_code
from ..config import Config
from ..model import Article, Problem
from .discovery import discover
from .folder import read_paths
from .format_registry import registered_readers

CACHE_STAGE = "ingest"  # the folder of .dossier-cache the readings are stored in


class ProjectArticles(NamedTuple):
    """What `load_project` gives (a caller may unpack it: inputs, articles, registry, problems)."""

    inputs: list[Path]  # every article file found (the build report counts them)
    articles: list[Article]  # with their permanent ids, by input path
    registry: ids.Registry  # dossier-ids.yml as read, with this load's article ids recorded
    problems: list[Problem]  # files ignored or not fully read, and registry problems


def load_project(config: Config) -> ProjectArticles:
    """Every input file, the articles made of them with their permanent ids, and the problems."""
    paths, problems = discover(config.input_dir, config.display_root)
    cache = StageCache(config.cache_dir if config.cache else None, CACHE_STAGE, cache_version())
    articles, load_problems = read_paths(paths, config.display_root, jobs=config.jobs, cache=cache,
                                         folder=config.input_dir)
    cache.save()
    registry, registry_problems = ids.load(config.id_registry)
    articles, id_problems = ids.assign_article_ids(articles, registry, config.input_dir, config.display_root)
    return ProjectArticles(paths, articles, registry, problems + load_problems + registry_problems + id_problems)


def cache_version() -> str:
    """What a stored reading depends on: this package's code, the records it makes, the YAML
    loader, the safe reading of files, the reserved ids, and the libraries the registered
    readers name. Any change voids the readings."""
    code = stage_code("dossier.readers", "dossier.inputs", "dossier.ids")
    libraries = ["PyYAML"] + sorted({name for reader in registered_readers() for name in reader.libraries})
    return code_version(*code, libraries=libraries)
