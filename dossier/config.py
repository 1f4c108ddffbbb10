"""Build settings. One source of truth: the `dossier` plugin's options in mkdocs.yml.

The standalone `dossier build` reads the same options, so a dossier rendered by another tool
(Zensical reads mkdocs.yml but runs no MkDocs plugins) is generated exactly as MkDocs would.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import recognize, yamlsafe

LINK_MODES = ("first", "all")
RECOGNIZERS = recognize.names()  # the registered recognizer backends (dossier/recognize/)


@dataclass(frozen=True)
class Config:
    project_root: Path
    input_dir: Path
    docs_dir: Path
    min_articles: int = 2  # an entity in at least this many articles is shared: page + links
    link_mode: str = "first"  # "first": first mention per article is linked; "all": every mention
    strict: bool = False  # any problem fails the build
    jobs: int = 1  # processes for per-article stages
    cache: bool = True  # reuse per-article results whose input did not change
    site_url: str | None = None
    recognizer: str = "builtin"  # or "spacy", when spaCy and a model are installed
    spacy_model: str = "en_core_web_sm"  # an installed spaCy package name or a model folder

    @property
    def cache_dir(self) -> Path:
        return self.project_root / ".dossier-cache"

    @property
    def curation_file(self) -> Path:
        return self.input_dir / "entities.yml"

    @property
    def id_registry(self) -> Path:
        # Beside mkdocs.yml, not in the input folder: `mkdocs serve` watches that folder, and
        # a write there would trigger a second rebuild.
        return self.project_root / "dossier-ids.yml"

    @property
    def display_root(self) -> Path:
        """What every published path (an article's input, a note's file, a problem's file) is
        relative to: the project when the input folder is inside it (`seeds/nyt.md`), else the
        folder that holds the input folder, so the path starts with the input folder's name
        (`story/nyt.md` for `--input /elsewhere/story`). Never the analyst's absolute path."""
        if self.input_dir.is_relative_to(self.project_root):
            return self.project_root
        return self.input_dir.parent

    @property
    def notes_dir(self) -> Path:
        return self.input_dir / "notes"

    def validate(self) -> None:
        if self.link_mode not in LINK_MODES:
            raise ValueError(f"link: must be one of {', '.join(LINK_MODES)}, not {self.link_mode!r}")
        if int(self.min_articles) < 1:
            raise ValueError("min_articles must be at least 1")
        if not self.input_dir.is_dir():
            raise ValueError(f"input folder {self.input_dir} does not exist")
        recognize.backend(self.recognizer).check(self)  # an unknown name or a missing model


def plugin_options(mkdocs_yml: Path) -> dict:
    """The `dossier` plugin's options in mkdocs.yml, or {} when it is not configured."""
    if not mkdocs_yml.is_file():
        return {}
    data = yamlsafe.load_config(mkdocs_yml.read_text(encoding="utf-8")) or {}
    for entry in data.get("plugins") or []:
        if entry == "dossier":
            return {}
        if isinstance(entry, dict) and "dossier" in entry:
            return dict(entry["dossier"] or {})
    return {}


def from_options(project_root: Path, options: dict, docs_dir: str = "docs", site_url: str | None = None) -> Config:
    root = project_root.resolve()
    config = Config(
        project_root=root,
        input_dir=(root / options.get("input", "seeds")).resolve(),
        docs_dir=(root / docs_dir).resolve(),
        min_articles=int(options.get("min_articles", 2)),
        link_mode=str(options.get("link", "first")),
        strict=bool(options.get("strict", False)),
        jobs=int(options.get("jobs", 1)),
        cache=bool(options.get("cache", True)),
        site_url=site_url,
        recognizer=str(options.get("recognizer", "builtin")),
        spacy_model=str(options.get("spacy_model", "en_core_web_sm")),
    )
    return config


def load(project_root: Path, mkdocs_yml: Path | None = None, **overrides) -> Config:
    """Settings for a project: mkdocs.yml's plugin options, then explicit overrides."""
    mkdocs_yml = mkdocs_yml or project_root / "mkdocs.yml"
    docs_dir, site_url = "docs", None
    if mkdocs_yml.is_file():
        data = yamlsafe.load_config(mkdocs_yml.read_text(encoding="utf-8")) or {}
        docs_dir, site_url = data.get("docs_dir", "docs"), data.get("site_url")
    config = from_options(project_root, plugin_options(mkdocs_yml), docs_dir, site_url)
    root = config.project_root
    for key, value in overrides.items():
        if value is None:
            continue
        if key in ("input_dir", "docs_dir"):
            value = (root / value).resolve()
        config = replace(config, **{key: value})
    return config
