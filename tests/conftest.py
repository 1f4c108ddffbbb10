"""Shared fixtures: the seed articles and the MEANTIME corpus, read where the project keeps them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
MEANTIME = SHARED / "corpora" / "meantime"


@pytest.fixture(scope="session")
def seed_articles():
    from dossier.ingest import load_all

    articles, problems = load_all(SEEDS, ROOT)
    assert len(articles) >= 4
    return articles


def generated_docs() -> set[str]:
    """Docs files that an earlier `dossier build` in the checkout wrote (its manifest lists them)."""
    import json

    try:
        manifest = json.loads((ROOT / "docs" / ".dossier-manifest.json").read_text(encoding="utf-8"))
        return set(manifest.get("files", {}))
    except (OSError, ValueError):
        return set()


def copy_project(target: Path) -> Path:
    """The project's hand-written files (config, docs, seeds), without anything generated, and
    without the id registry, so each copy builds from scratch as on a fresh clone."""
    generated = generated_docs()
    docs = ROOT / "docs"

    def ignore(folder, names):
        rel = Path(folder).relative_to(docs)
        return {n for n in names if (rel / n).as_posix().lstrip("./") in generated or n.startswith(".dossier")}

    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(docs, target / "docs", ignore=ignore)
    for folder in sorted((target / "docs").rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    shutil.copytree(SEEDS, target / "seeds")
    return target


@pytest.fixture(scope="session")
def seeds(seed_articles):
    """The seed articles by the number their file name starts with: "000", "001", …"""
    return {a.input.split("/")[-1][:3]: a for a in seed_articles}


@pytest.fixture
def project(tmp_path):
    """A copy of the project (config, docs, seeds) in a temporary folder, safe to build and edit."""
    return copy_project(tmp_path)


def meantime_available() -> bool:
    return (MEANTIME / "gold.json").is_file()
