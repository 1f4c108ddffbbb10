"""Ids that name the site's own pages and sections (`index`, `compare`, `notes`, …) are never an
article's or an entity's, whoever sets them: front matter, a sidecar, `dossier-ids.yml` (anyone
may edit it) or `entities.yml`. Each is refused with a problem naming the file and line, and the
article or entity gets another id (issue #13 finding 8)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier import build, config, ids
from dossier.readers import read_folder

ROOT = Path(__file__).resolve().parent.parent
# As documented in docs/security.md (written out here, so that the tests do not take the code's word).
RESERVED = {"index", "articles", "entities", "notes", "unanchored", "compare", "build-report", "dossier", "feed",
            "assets", "search", "sitemap", "404"}


def test_the_reserved_ids_are_the_documented_ones():
    assert ids.RESERVED_IDS == RESERVED


def _reserved(value: str) -> bool:
    return value in RESERVED


def _project(tmp_path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("notes"))
    return tmp_path


def _lists_every(page: Path, ids_: list[str]) -> bool:
    """Whether the index page links to every id (an HTML block: links are site addresses)."""
    text = page.read_text(encoding="utf-8")
    return all(f'/{i}/"' in text for i in ids_)


@pytest.mark.parametrize("head, line", [
    ("id: index", 2), ("title: T\nid: Index", 3), ("id: 'compare'", 2), ("source: S\n\"id\": notes", 3),
    ("id: build-report", 2), ("id: FEED", 2), ("{id: search, title: T}", None),
])
def test_a_reserved_id_in_front_matter_is_refused_with_its_line(tmp_path, head, line):
    (tmp_path / "a.md").write_text(f"---\n{head}\n---\nNavalny returned to Moscow on Sunday.\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    (article,) = articles
    assert not _reserved(article.id) and not article.id_explicit
    (problem,) = problems
    assert problem.path == "a.md" and problem.severity == "error" and problem.line == line
    assert "is reserved for a page of the site" in problem.message


@pytest.mark.parametrize("value", ["index", "Entities", "articles", "unanchored"])
def test_a_reserved_id_in_a_sidecar_is_refused_with_its_line(tmp_path, value):
    (tmp_path / "a.txt").write_text("Navalny returned to Moscow on Sunday.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.yml").write_text(f"title: A title\nid: {value}\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    assert [a.title for a in articles] == ["A title"] and not _reserved(articles[0].id)
    (problem,) = problems
    assert (problem.path, problem.line) == ("a.txt.meta.yml", 2) and "reserved" in problem.message


@pytest.mark.parametrize("title", ["Index", "Compare", "Notes", "Search", "Assets", "404"])
def test_a_title_whose_slug_is_reserved_gives_another_id(tmp_path, title):
    (tmp_path / "a.md").write_text(f"---\ntitle: {title}\n---\nNavalny returned to Moscow.\n", encoding="utf-8")
    (article,), problems = read_folder(tmp_path, tmp_path)
    assert not _reserved(article.id) and article.id.startswith(title.lower() + "-")
    assert problems == []  # a title is not an attempt to set an id


@pytest.mark.parametrize("reserved_id", ["index", "compare", "dossier"])
def test_a_reserved_article_id_in_the_registry_is_refused_and_the_list_survives(tmp_path, reserved_id):
    root = _project(tmp_path)
    first = build.build(config.load(root))
    victim = first.dossier.articles[0]
    registry = root / ids.REGISTRY_NAME
    text = registry.read_text(encoding="utf-8").replace(f"id: {victim.id}\n", f"id: {reserved_id}\n", 1)
    registry.write_text(text, encoding="utf-8")
    result = build.build(config.load(root))
    assert all(not _reserved(a.id) for a in result.dossier.articles)
    (problem,) = [p for p in result.problems if p.path == ids.REGISTRY_NAME]
    assert f"id: {reserved_id}" in text.splitlines()[problem.line - 1] and "reserved" in problem.message
    assert _lists_every(root / "docs" / "articles" / "index.md", [a.id for a in result.dossier.articles])
    assert f"id: {reserved_id}\n" not in registry.read_text(encoding="utf-8")  # the next build records a safe id


@pytest.mark.parametrize("reserved_id", ["index", "notes"])
def test_a_reserved_entity_id_in_the_registry_is_refused_and_the_list_survives(tmp_path, reserved_id):
    root = _project(tmp_path)
    first = build.build(config.load(root))
    entity = next(e for e in first.dossier.entities if e.shared)
    registry = root / ids.REGISTRY_NAME
    text = registry.read_text(encoding="utf-8").replace(
        "\nentities:\n", f"\nentities:\n  {reserved_id}:\n  - Someone Else\n  - {entity.name}\n", 1)
    registry.write_text(text, encoding="utf-8")
    result = build.build(config.load(root))
    shared = [e.id for e in result.dossier.entities if e.shared]
    assert all(not _reserved(i) for i in shared)
    (problem,) = [p for p in result.problems if p.path == ids.REGISTRY_NAME]
    assert text.splitlines()[problem.line - 1] == f"  {reserved_id}:" and "reserved" in problem.message
    assert _lists_every(root / "docs" / "entities" / "index.md", shared)


@pytest.mark.parametrize("pinned", ["index", "Search", "build-report"])
def test_a_reserved_id_pinned_in_entities_yml_is_refused_with_its_line(tmp_path, pinned):
    root = _project(tmp_path)
    first = build.generate(config.load(root))
    entity = next(e for e in first.entities if e.shared)
    (root / "seeds" / "entities.yml").write_text(f"# curation\n{entity.name}:\n  id: {pinned}\n", encoding="utf-8")
    result = build.build(config.load(root))
    renamed = next(e for e in result.dossier.entities if e.name == entity.name)
    assert not _reserved(renamed.id)
    (problem,) = [p for p in result.problems if "reserved" in p.message]
    assert problem.path.endswith("entities.yml") and problem.line in (2, 3)
    assert _lists_every(root / "docs" / "entities" / "index.md", [e.id for e in result.dossier.entities if e.shared])
