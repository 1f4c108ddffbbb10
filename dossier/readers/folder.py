"""The articles of a set of input files: read in parallel, reused from the stage cache when a
file and its sidecars are unchanged, duplicates reported, and provisional ids given."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import partial
from pathlib import Path

from .. import ids, workers
from ..cache import StageCache
from ..model import Article, Problem
from . import input_file
from .discovery import discover
from .records import LoadedFile


def read_folder(input_dir: Path, project_root: Path, jobs: int = 1) -> tuple[list[Article], list[Problem]]:
    """Every article under `input_dir`, with provisional ids (not the permanent ones of
    `dossier-ids.yml`: `project.load_project` gives those), and every problem found."""
    paths, problems = discover(input_dir, project_root)
    articles, load_problems = read_paths(paths, project_root, jobs, folder=input_dir)
    return articles, problems + load_problems


def read_paths(paths: list[Path], project_root: Path, jobs: int = 1, cache: StageCache | None = None,
               folder: Path | None = None) -> tuple[list[Article], list[Problem]]:
    """The articles of these files, which must really be inside `folder` (the input folder;
    default: each file's own folder). With a `dossier.cache.StageCache`, a file whose bytes
    (and sidecars' bytes) were read before is not parsed again."""
    loaded: list[LoadedFile | None] = [None] * len(paths)
    # Each file (and its sidecars) is read once: the key is made of those bytes, and a file not
    # stored yet is parsed from those same bytes, not read again.
    taken: dict[int, input_file.Snapshot] = {}
    keys: dict[int, str | None] = {}
    for i, path in enumerate(paths):
        snapshot = input_file.take(path, project_root, folder)
        key = keys[i] = snapshot.key if cache is not None else None
        if key is not None:
            loaded[i] = cache.get(key)
        if loaded[i] is None:
            taken[i] = snapshot  # only files still to parse keep their bytes
    todo = sorted(taken)
    if jobs > 1 and len(todo) > 8:
        with workers.process_pool(jobs) as pool:
            fresh = list(pool.map(partial(_read_taken, project_root=project_root, folder=folder),
                                  [taken[i] for i in todo], chunksize=max(1, len(todo) // (jobs * 8))))
    else:
        fresh = [input_file.read_file(paths[i], project_root, folder, snapshot=taken[i]) for i in todo]
    for i, item in zip(todo, fresh):
        loaded[i] = item
        if cache is not None and keys[i] is not None:
            cache.put(keys[i], item)
    return _without_duplicates(loaded)


def _without_duplicates(loaded: list[LoadedFile]) -> tuple[list[Article], list[Problem]]:
    problems: list[Problem] = []
    articles: list[Article] = []
    first_with_text: dict[str, str] = {}
    for item in sorted(loaded, key=lambda item: item.problems[0].path if item.article is None else item.article.input):
        problems.extend(item.problems)
        if item.article is None:
            continue
        key = content_key(item.article)
        if key and key in first_with_text:
            # The same article saved twice would count as two articles mentioning each name.
            problems.append(Problem(item.article.input, f"duplicate of {first_with_text[key]} (same text); "
                                    "not built as a separate page", "warning"))
            continue
        first_with_text.setdefault(key, item.article.input)
        articles.append(item.article)
    return ids.provisional_article_ids(articles), problems


def _read_taken(snapshot: input_file.Snapshot, project_root: Path, folder: Path | None) -> LoadedFile:
    return input_file.read_file(snapshot.path, project_root, folder, snapshot=snapshot)


def content_key(article: Article) -> str:
    """What makes two inputs the same article: their paragraphs' text, white space and Unicode
    normalization aside (so a CRLF, BOM or re-wrapped copy is still a duplicate)."""
    words = " ".join(article.text[p.start : p.end] for p in article.paragraphs).split()
    return hashlib.sha256(unicodedata.normalize("NFC", " ".join(words)).encode("utf-8")).hexdigest() if words else ""
