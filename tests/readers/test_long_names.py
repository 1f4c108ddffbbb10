"""Names up to the 255-byte limit of most file systems are read, and no name the build makes
from another name can go over it (issue #13, low: "names of 247-255 bytes cannot be read").

The cause was a name made from a name: the sidecar `<name>.meta.yml` of a 247-byte name is 256
bytes, and asking whether it exists failed, so the article was reported unreadable. Ids from
`dossier-ids.yml` (anyone may edit it) become page names `<id>.md` and folder names of redirects:
they are bounded too."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dossier import build, config, ids
from dossier.readers import read_folder

ROOT = Path(__file__).resolve().parent.parent.parent


def _name(total_bytes: int, stem: str = "a", suffix: str = ".txt") -> str:
    """A file name of exactly `total_bytes` bytes in UTF-8."""
    width = len(stem.encode("utf-8"))
    count, rest = divmod(total_bytes - len(suffix), width)
    name = stem * count + "b" * rest + suffix
    assert len(name.encode("utf-8")) == total_bytes
    return name


NAMES = [_name(247), _name(250), _name(255), _name(254, "ж", ".md"), _name(255, "é", ".html")]


def _write(folder: Path, name: str, number: int) -> None:
    text = f"Article number {number} says that Navalny returned to Moscow on a different day.\n"
    if name.endswith(".html"):
        text = f"<html><head><title>Page {number}</title></head><body><p>{text}</p></body></html>"
    (folder / name).write_text(text, encoding="utf-8")


def test_files_named_up_to_255_bytes_are_read(tmp_path):
    folder = tmp_path / "seeds"
    deep = folder / _name(255, suffix="")  # a folder name at the limit too
    deep.mkdir(parents=True)
    for i, name in enumerate(NAMES):
        _write(folder, name, i)
    _write(deep, _name(255, "z"), 99)
    # 246 bytes is the longest name that can have a `.meta.yml` sidecar (255 bytes): it applies.
    _write(folder, _name(246, "c"), 100)
    (folder / (_name(246, "c") + ".meta.yml")).write_text("title: The Sidecar Title\n", encoding="utf-8")
    articles, problems = read_folder(folder, tmp_path)
    assert problems == []
    assert len(articles) == len(NAMES) + 2
    assert "The Sidecar Title" in {a.title for a in articles}
    for article in articles:
        assert len(article.id) <= 80


def test_a_build_with_names_at_the_limit_writes_every_page(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    folder = tmp_path / "seeds"
    folder.mkdir()
    for i, name in enumerate(NAMES):
        _write(folder, name, i)
    result = build.build(config.load(tmp_path))
    assert result.problems == []
    assert len(result.dossier.articles) == len(NAMES)
    for article in result.dossier.articles:
        assert (tmp_path / "docs" / "articles" / f"{article.id}.md").is_file()


def test_ids_too_long_for_a_file_name_are_refused_with_their_line(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("notes"))
    first = build.build(config.load(tmp_path))
    article = first.dossier.articles[0]
    entity = next(e for e in first.dossier.entities if e.shared)
    registry = tmp_path / ids.REGISTRY_NAME
    original = text = registry.read_text(encoding="utf-8")
    long_article, long_entity, long_segment = "x" * 300, "y" * 256, "z" * 250
    text = text.replace(f"id: {article.id}\n", f"id: {long_article}\n", 1)
    text = text.replace(f"\n  {entity.id}:\n", f"\n  {entity.id}:\n  {long_entity}:\n  - {entity.name}\n", 1)
    text = text.replace("redirects: {}", f"redirects:\n  articles/{long_segment}/: articles/{article.id}/")
    assert text.count(long_article) == text.count(long_entity) == text.count(long_segment) == 1, original
    registry.write_text(text, encoding="utf-8")
    result = build.build(config.load(tmp_path))
    assert not result.emitted.problems  # every page could be written
    lines = text.splitlines()
    reported = [p for p in result.problems if p.path == ids.REGISTRY_NAME]
    assert len(reported) == 2, reported
    for problem in reported:
        assert "over the 120-character limit" in problem.message and problem.severity == "error"
        assert (long_article in lines[problem.line - 1]) or (long_entity in lines[problem.line - 1])
    for page in (tmp_path / "docs").rglob("*"):
        assert len(page.name.encode()) <= 255 - len(".tmp") and long_segment not in page.as_posix()
    assert all(len(a.id) <= ids.MAX_ID_LENGTH for a in result.dossier.articles)


@pytest.mark.parametrize("suffix", [".meta.yml", ".meta.yaml"])
def test_a_name_whose_sidecar_name_cannot_exist_has_no_sidecar(tmp_path, suffix):
    from dossier.readers.discovery import sidecars_of

    path = tmp_path / _name(255 - len(suffix) + 1)
    path.write_text("Text.\n", encoding="utf-8")
    assert sidecars_of(path) == []
    assert os.path.exists(path)
