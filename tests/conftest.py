"""Shared fixtures: the seed articles and the MEANTIME corpus, read where the project keeps them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests run the same examples on every run (CI included): a failure is reproducible, and
# a test does not pass on one run and fail on the next. HYPOTHESIS_PROFILE=explore searches anew.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=2_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
MEANTIME = SHARED / "corpora" / "meantime"


@pytest.fixture(scope="session")
def seed_articles():
    from dossier.readers import read_folder

    articles, problems = read_folder(SEEDS, ROOT)
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


def run(args, cwd, env=None, timeout=300, shell=False):
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=full_env, shell=shell)


def documented_block(containing: str, document: str = "docs/publishing.md") -> str:
    """A ```sh block of the documentation, with the README's virtual environment replaced by
    the Python running the tests."""
    text = (ROOT / document).read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    block = next(b for b in blocks if containing in b)
    return block.replace(".venv/bin/mkdocs", f'"{sys.executable}" -m mkdocs')


@pytest.fixture(scope="session")
def offline(tmp_path_factory):
    """The offline copy, built with the command documented in docs/publishing.md."""
    base = tmp_path_factory.mktemp("offline")
    root = copy_project(base / "project")  # the browser tests open the same copy
    result = run(documented_block("OFFLINE=true"), root, shell=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return root, base / "dossier-offline"


# Entities built by exact-string grouping of the names as the seeds spell them, so that the
# comparison's tests (tests/compare, tests/site) do not depend on the recognizer or the resolver.
SEED_NAMES = {
    "alexey-navalny": ("person", ["Alexey Navalny", "Alexei Navalny", "Navalny"]),
    "joe-biden": ("person", ["Joe Biden", "Biden"]),
    "vladimir-putin": ("person", ["Vladimir Putin", "Putin"]),
    "donald-trump": ("person", ["Donald Trump", "Trump"]),
    "kamala-harris": ("person", ["Kamala Harris", "Harris"]),
    "xi-jinping": ("person", ["Xi Jinping"]),
    "kremlin": ("organization", ["Kremlin"]),
    "mikhail-gorbachev": ("person", ["Mikhail Gorbachev", "Gorbachev"]),
}


def _grouped_entities(articles):
    from dossier.model import Entity, Mention

    out = []
    for eid, (kind, names) in SEED_NAMES.items():
        mentions = []
        for a in articles:
            taken: list[tuple[int, int]] = []
            for p in a.content_paragraphs():
                for name in names:
                    for m in re.finditer(rf"\b{re.escape(name)}\b", a.text[p.start : p.end]):
                        s, e = p.start + m.start(), p.start + m.end()
                        if not any(s < te and ts < e for ts, te in taken):
                            taken.append((s, e))
                            mentions.append(Mention(a.id, s, e, a.text[s:e], kind))
        mentions.sort(key=lambda m: (m.article, m.start))
        shared = len({m.article for m in mentions}) >= 2
        out.append(Entity(eid, names[0], kind, tuple(sorted({m.text for m in mentions} - {names[0]})), tuple(mentions), shared))
    return out


@pytest.fixture(scope="session")
def grouped_entities():
    """The function that groups the seed names in articles into entities (see SEED_NAMES)."""
    return _grouped_entities


@pytest.fixture(scope="session")
def seed_dossier():
    """The seed articles, their grouped entities, their comparison, and article ids by seed number."""
    from dossier import compare
    from dossier.readers import read_folder

    articles, _ = read_folder(SEEDS, ROOT)
    entities = _grouped_entities(articles)
    label = {a.input.split("/")[-1][:3]: a.id for a in articles}
    return articles, entities, compare.compare(articles, entities), label


def article_page_with_notes(note_set, article) -> str:
    """An article page (Markdown) showing only its notes: no links, no other sections."""
    from dossier.site import article_page, notes as site_notes
    from dossier.site.registry import Additions

    notes = site_notes.article_contribution(note_set, article.id)
    slots = (("sections", notes.section),) if notes.section else ()
    return article_page.render(article_page.ArticlePage(article, (), (), (), Additions(notes.highlights, slots)))
