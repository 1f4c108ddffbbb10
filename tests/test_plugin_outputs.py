"""What the MkDocs plugin publishes when docs/ also holds pages from an earlier `dossier build`
or pages a person wrote (issue #13: a deleted article was still published; a hand-written
docs/compare/index.md was silently replaced)."""

from __future__ import annotations

import pytest

import json
import sys

from conftest import copy_project, run
from dossier.site import dossier_json

pytestmark = pytest.mark.slow


def _mkdocs_build(root):
    return run([sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")], cwd=root)


def test_a_deleted_article_is_not_published_after_a_dossier_build(tmp_path):
    root = copy_project(tmp_path / "project")
    from dossier import build, config

    build.build(config.load(root))  # docs/ now holds every generated page
    data = dossier_json.load_folder(root / "docs")
    gone = next(a for a in data["articles"] if a["input"].endswith("003_16282a16f6079523.txt"))
    (root / "seeds" / "003_16282a16f6079523.txt").unlink()
    assert (root / "docs" / "articles" / f"{gone['id']}.md").is_file()  # still in docs/
    done = _mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    site = root / "site"
    assert not (site / "articles" / gone["id"]).exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith(f"articles/{gone['id']}/")]
    assert (site / "articles" / "index.html").is_file()  # the rest is published


def test_a_hand_written_page_at_a_generated_address_wins(tmp_path):
    root = copy_project(tmp_path / "project")
    (root / "docs" / "compare").mkdir(parents=True)
    (root / "docs" / "compare" / "index.md").write_text("# My own comparison\n\nWritten by hand.\n", encoding="utf-8")
    done = _mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    page = (root / "site" / "compare" / "index.html").read_text(encoding="utf-8")
    assert "Written by hand." in page
    assert "compare/index.md is a hand-written page" in done.stderr


def test_an_edited_generated_page_of_a_deleted_article_is_kept(tmp_path):
    root = copy_project(tmp_path / "project")
    from dossier import build, config

    build.build(config.load(root))
    data = dossier_json.load_folder(root / "docs")
    gone = next(a for a in data["articles"] if a["input"].endswith("003_16282a16f6079523.txt"))
    page = root / "docs" / "articles" / f"{gone['id']}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy addition.\n", encoding="utf-8")
    (root / "seeds" / "003_16282a16f6079523.txt").unlink()
    done = _mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "My addition." in (root / "site" / "articles" / gone["id"] / "index.html").read_text(encoding="utf-8")
