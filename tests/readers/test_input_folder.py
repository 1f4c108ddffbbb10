"""Articles and sidecars are read only from inside the input folder, every entry that is not read
is reported, and nothing the build publishes names a path outside the project (issue #13
finding 3). The mechanics (links, swaps, special files) are tested in tests/test_inputs.py."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest

from dossier import build, config
from dossier.readers import read_folder
from dossier.readers.folder import read_paths
from dossier.site import dossier_json

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = "The private key of the newsroom is hidden here."


@pytest.fixture
def folder(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.txt").write_text(SECRET + "\n", encoding="utf-8")
    (secret / "meta.yml").write_text(f"title: {SECRET}\nsource: Secret Source\n", encoding="utf-8")
    (secret / "nested.txt").write_text(SECRET + " Nested.\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "article.txt").write_text("Navalny returned to Moscow on Sunday.\n", encoding="utf-8")
    return seeds


def _published(articles) -> str:
    return " ".join(f"{a.title} {a.source} {a.text} {a.meta}" for a in articles)


@pytest.mark.parametrize("link", ["absolute", "relative"])
def test_a_sidecar_linked_to_a_file_outside_is_ignored_and_reported_as_such(folder, link):
    target = folder.parent / "secret" / "meta.yml"
    (folder / "article.txt.meta.yml").symlink_to(target if link == "absolute" else "../secret/meta.yml")
    articles, problems = read_folder(folder, folder.parent)
    (article,) = articles
    assert SECRET not in _published(articles) and article.source != "Secret Source"
    (problem,) = [p for p in problems if p.path == "seeds/article.txt.meta.yml"]
    assert problem.severity == "error"
    assert problem.message == "sidecar ignored: symbolic link to a file outside the input folder"


def test_a_sidecar_linked_inside_the_folder_is_used(folder):
    (folder / "shared.yml").write_text("title: The Shared Title\n", encoding="utf-8")
    (folder / "article.txt.meta.yml").symlink_to("shared.yml")
    articles, problems = read_folder(folder, folder.parent)
    assert [a.title for a in articles] == ["The Shared Title"]
    assert not [p for p in problems if "sidecar" in p.message and p.path.endswith("meta.yml")]


@pytest.mark.parametrize("where", ["top", "nested"])
def test_a_subfolder_linked_outside_is_reported_and_not_read(folder, where):
    parent = folder if where == "top" else folder / "2020"
    parent.mkdir(exist_ok=True)
    (parent / "more").symlink_to(folder.parent / "secret", target_is_directory=True)
    articles, problems = read_folder(folder, folder.parent)
    assert SECRET not in _published(articles)
    shown = (parent / "more").relative_to(folder.parent).as_posix()
    (problem,) = [p for p in problems if p.path == shown]
    assert problem.severity == "error" and "symbolic link to a folder outside the input folder" in problem.message
    # Asked by name (as a watcher or a cached list of paths would), the file is still refused.
    loaded, problems = read_paths([parent / "more" / "key.txt"], folder.parent, folder=folder)
    assert loaded == [] and "outside the input folder" in problems[0].message


def test_every_entry_that_is_not_read_is_reported(folder, monkeypatch):
    (folder / "dangling.txt").symlink_to("deleted.txt")
    (folder / "loop.md").symlink_to("loop.md")
    (folder / "again").symlink_to(".", target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    monkeypatch.chdir(folder)
    server = socket.socket(socket.AF_UNIX)
    server.bind("socket.html")
    try:
        articles, problems = read_folder(folder, folder.parent)
    finally:
        server.close()
    assert [a.input for a in articles] == ["seeds/article.txt"]
    reported = {p.path: p for p in problems}
    assert "dangling symbolic link" in reported["seeds/dangling.txt"].message
    assert "symbolic link loop" in reported["seeds/loop.md"].message
    assert "named pipe" in reported["seeds/pipe.txt"].message
    assert "socket" in reported["seeds/socket.html"].message
    assert "not followed" in reported["seeds/again"].message and reported["seeds/again"].severity == "warning"


def test_a_sidecar_that_is_dangling_or_a_pipe_is_reported_once(folder):
    (folder / "second.txt").write_text("Biden met Putin in Geneva.\n", encoding="utf-8")
    (folder / "article.txt.meta.yml").symlink_to("deleted.yml")
    os.mkfifo(folder / "second.txt.meta.yaml")
    articles, problems = read_folder(folder, folder.parent)
    assert len(articles) == 2
    assert [p.path for p in problems] == ["seeds/article.txt.meta.yml", "seeds/second.txt.meta.yaml"]


def test_nothing_published_names_a_path_outside_the_project(tmp_path, folder):
    """An input folder given outside the project, links out of it, a link loop: the build report
    and dossier.json name files relative to the project or by the input folder's own name."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "leak.txt").symlink_to(folder.parent / "secret" / "key.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "out").symlink_to(folder.parent / "secret", target_is_directory=True)
    (folder / "article.txt.meta.yml").symlink_to(folder.parent / "secret" / "meta.yml")
    result = build.build(config.load(project, input_dir=str(folder)))
    assert len(result.dossier.articles) == 5
    outputs = "\n".join(p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*") if p.is_file())
    assert str(tmp_path) not in outputs and SECRET not in outputs
    data = dossier_json.load_folder(project / "docs")
    assert sorted(a["input"] for a in data["articles"])[0] == "seeds/000_4573a53139b8635d.txt"
    paths = {p["path"] for p in data["problems"]}
    assert {"seeds/leak.txt", "seeds/loop.txt", "seeds/out", "seeds/article.txt.meta.yml"} <= paths
    assert all(not p.startswith("/") for p in paths)
