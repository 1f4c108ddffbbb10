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


@pytest.fixture
def project(tmp_path):
    """A copy of the project (config, docs, seeds) in a temporary folder, safe to build and edit."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns(
        "articles", "entities", "notes", "compare.md", "dossier.json", "build-report.md", ".dossier-*"))
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def meantime_available() -> bool:
    return (MEANTIME / "gold.json").is_file()
