"""Which files of the input folder are articles, which are sidecars, and which are neither.

Every file is either read (an article, or a sidecar beside one) or reported: nothing is
skipped in silence, except hidden files and the dossier's own configuration (`entities.yml`,
`stories.yml`, `dossier-ids.yml`, `README.md`, the `notes/` folder).
"""

from __future__ import annotations

from pathlib import Path

from .. import inputs
from ..model import Problem
from .format_registry import is_article

# A sidecar `<file>.meta.yml` beside an article overrides its metadata without touching it.
SIDECAR_SUFFIXES = (".meta.yml", ".meta.yaml")
# Files in the input folder that are the dossier's own configuration, not articles.
RESERVED_NAMES = {"entities.yml", "entities.yaml", "stories.yml", "stories.yaml", "dossier-ids.yml", "README.md", "readme.md"}
RESERVED_DIRS = {"notes"}


def discover(input_dir: Path, project_root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """Every file under `input_dir`: the article files, and a problem for each file ignored.

    Paths in problems are shown relative to `project_root` (default: `input_dir`)."""
    root = project_root or input_dir
    found, refused = inputs.walk(input_dir, skip=_skipped)
    accepted = set(found)
    articles: list[Path] = []
    ignored: list[Problem] = []
    for entry in refused:
        article = article_of_sidecar(entry.path, accepted) if entry.path.name.endswith(SIDECAR_SUFFIXES) else None
        if article is not None and inputs.is_regular_file(entry.path):
            continue  # the article's reader reads it, refuses it, and says why, as "sidecar ignored"
        ignored.append(Problem(shown_path(entry.path, root, input_dir), entry.not_read, entry.severity))
    for path in found:
        rel = path.relative_to(input_dir)
        try:
            rel.as_posix().encode("utf-8")
        except UnicodeEncodeError:  # a name in a legacy encoding: it could not be shown on a page
            ignored.append(Problem(shown_path(path, root, input_dir), "file name is not valid UTF-8; not read (rename the file)", "error"))
            continue
        if path.name.endswith(SIDECAR_SUFFIXES):
            if article_of_sidecar(path, accepted) is None:
                ignored.append(Problem(shown_path(path, root, input_dir), "sidecar has no article beside it", "warning"))
            continue
        if is_article(path):
            articles.append(path)
        else:
            ignored.append(Problem(shown_path(path, root, input_dir), f"not an article: unsupported file type {path.suffix or '(none)'!r}", "warning"))
    return articles, ignored


def _skipped(parts: tuple[str, ...]) -> bool:
    """Left out in silence: hidden files and folders, and the dossier's own configuration."""
    return parts[-1].startswith(".") or parts[0] in RESERVED_DIRS or (len(parts) == 1 and parts[0] in RESERVED_NAMES)


def shown_path(path: Path, root: Path, folder: Path | None = None) -> str:
    """The name a file is shown and recorded under: its path relative to `root`, with `/`
    (see `dossier.inputs.shown`: never an absolute path of the build machine)."""
    return inputs.shown(path, root, folder)


def article_of_sidecar(sidecar: Path, files: set[Path] | None = None) -> Path | None:
    """The article file a sidecar describes, if it exists (among `files`, when given: the
    files `dossier.inputs.walk` found readable)."""
    stem = sidecar.name
    for suffix in SIDECAR_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    candidate = sidecar.with_name(stem)
    if files is not None:
        return candidate if candidate in files else None
    return candidate if inputs.is_regular_file(candidate) else None


def sidecars_of(path: Path) -> list[Path]:
    """The sidecar files beside an article, in `SIDECAR_SUFFIXES` order. A name the file
    system cannot hold (an article name of 247 bytes or more, and `.meta.yml`) is no sidecar."""
    found = [path.with_name(path.name + suffix) for suffix in SIDECAR_SUFFIXES]
    return [sidecar for sidecar in found if inputs.is_regular_file(sidecar)]
