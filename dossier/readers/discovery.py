"""Which files of the input folder are articles, which are sidecars, and which are neither.

Every file is either read (an article, or a sidecar beside one) or reported: nothing is
skipped in silence, except hidden files and the dossier's own configuration (`entities.yml`,
`stories.yml`, `dossier-ids.yml`, `README.md`, the `notes/` folder).
"""

from __future__ import annotations

from pathlib import Path

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
    articles: list[Path] = []
    ignored: list[Problem] = []
    for path in sorted(input_dir.rglob("*")):
        rel = path.relative_to(input_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        try:
            rel.as_posix().encode("utf-8")
        except UnicodeEncodeError:  # a name in a legacy encoding: it could not be shown on a page
            shown = shown_path(path, root).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            ignored.append(Problem(shown, "file name is not valid UTF-8; not read (rename the file)", "error"))
            continue
        if rel.parts[0] in RESERVED_DIRS or (len(rel.parts) == 1 and path.name in RESERVED_NAMES):
            continue
        if path.is_symlink() and not _inside(path, input_dir):
            # A link committed into the input folder must not publish a file from elsewhere.
            shown = f"{shown_path(path.parent, root)}/{path.name}".removeprefix("./")
            ignored.append(Problem(shown, "symbolic link to a file outside the input folder; not read", "error"))
            continue
        if path.name.endswith(SIDECAR_SUFFIXES):
            if not article_of_sidecar(path):
                ignored.append(Problem(shown_path(path, root), "sidecar has no article beside it", "warning"))
            continue
        if is_article(path):
            articles.append(path)
        else:
            ignored.append(Problem(shown_path(path, root), f"not an article: unsupported file type {path.suffix or '(none)'!r}", "warning"))
    return articles, ignored


def shown_path(path: Path, root: Path) -> str:
    """The name a file is shown and recorded under: its path relative to `root`, with `/`."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def article_of_sidecar(sidecar: Path) -> Path | None:
    """The article file a sidecar describes, if it exists."""
    stem = sidecar.name
    for suffix in SIDECAR_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    candidate = sidecar.with_name(stem)
    return candidate if candidate.is_file() else None


def sidecars_of(path: Path) -> list[Path]:
    """The sidecar files beside an article, in `SIDECAR_SUFFIXES` order."""
    found = [path.with_name(path.name + suffix) for suffix in SIDECAR_SUFFIXES]
    return [sidecar for sidecar in found if sidecar.is_file()]
