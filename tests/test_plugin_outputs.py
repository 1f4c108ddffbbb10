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


def _add_hooks(root, source: str) -> None:
    """A hooks file in the project, as another plugin would be."""
    (root / "hooks.py").write_text(source, encoding="utf-8")
    config_text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config_text + "\nhooks:\n  - hooks.py\n", encoding="utf-8")


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


def test_a_page_is_written_whole_when_its_html_is_made_again_and_another_plugins_change_is_kept(tmp_path):
    """Under `mkdocs build` the plugin lets a generated page's HTML go after on_page_content and
    makes it again before the page is written (#17, memory): the written page has all of it, and
    a change another plugin (here a hooks file) made to the content is not lost."""
    root = copy_project(tmp_path / "project")
    _add_hooks(root,
               "def on_page_content(html, page, config, files):\n"
               "    if page.file.src_uri.startswith('entities/') and page.file.src_uri != 'entities/index.md':\n"
               "        return html + '<p>Added by a hook.</p>'\n"
               "    return html\n"
               "def on_post_page(output, page, config):\n"
               "    assert page.content and 'headerlink' in page.content, page.file.src_uri  # still there for other plugins\n"
               "    return output\n")
    done = _mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    site = root / "site"
    index = json.loads((site / "dossier.json").read_text(encoding="utf-8"))
    shared = [e for e in index["entities"] if e["shared"]]
    assert shared
    for entity in shared:
        page = (site / entity["url"] / "index.html").read_text(encoding="utf-8")
        assert page.count("Added by a hook.") == 1
        assert f"<h1" in page and 'class="headerlink"' in page
    for article in index["articles"]:
        page = (site / article["url"] / "index.html").read_text(encoding="utf-8")
        assert "Added by a hook." not in page
        assert 'id="p-1"' in page and 'class="headerlink"' in page  # the body and its headings, made again


def test_another_plugin_reading_page_context_sees_the_generated_pages_html(tmp_path):
    """With only the search plugin reading on_page_context, the plugin makes a generated page's
    HTML again after it (#17: Material's regular expression over that HTML changes nothing in it);
    when another plugin (here a hooks file) reads on_page_context too, it sees the whole HTML, and
    the site is the same either way."""
    sites = {}
    for with_hook in (False, True):
        root = copy_project(tmp_path / f"project-{with_hook}")
        if with_hook:
            _add_hooks(root,
                       "def on_page_context(context, page, config, nav):\n"
                       "    if page.file.src_uri.startswith(('articles/', 'entities/')):\n"
                       "        assert page.content and 'headerlink' in page.content, page.file.src_uri\n"
                       "    return context\n")
        done = _mkdocs_build(root)
        assert done.returncode == 0, done.stderr[-3000:]
        sites[with_hook] = {p.relative_to(root / "site").as_posix(): p.read_bytes()
                            for p in (root / "site").rglob("*") if p.is_file() and p.suffix in (".html", ".json")}
    assert sites[False].keys() == sites[True].keys()
    differing = [rel for rel in sites[False] if sites[False][rel] != sites[True][rel]]
    assert differing == [], differing[:5]
    article = next(rel for rel in sites[False] if rel.startswith("articles/") and rel != "articles/index.html")
    assert b'id="p-1"' in sites[False][article] and b'class="headerlink"' in sites[False][article]


def test_under_serve_a_generated_file_in_docs_is_hashed_again_only_when_it_changed(tmp_path):
    """The plugin asks whether a file in docs/ is dossier's own by its hash; under `mkdocs serve`
    it keeps the answer while the file's size, times and inode stay (#17: thousands of files
    were hashed on every rebuild). A hand edit of the same size is seen at once."""
    from dossier import emit as emit_module
    from dossier.mkdocs_plugin import DossierPlugin

    docs = tmp_path / "docs"
    emit_module.emit({"articles/a.md": "generated text\n"}, docs)
    plugin = DossierPlugin()
    plugin.command = "serve"  # as on_startup sets it (without on_startup's process-wide cache setting)
    manifest = emit_module.load_manifest(docs)
    hashed = []
    real = emit_module._digest

    def counting(data):
        hashed.append("articles/a.md")  # the only file with a manifest entry here
        return real(data)

    emit_module._digest = counting
    try:
        assert plugin._written_by_dossier(docs, "articles/a.md", manifest)
        assert plugin._written_by_dossier(docs, "articles/a.md", manifest)
        assert hashed == ["articles/a.md"]  # the second answer kept
        (docs / "articles" / "a.md").write_text("edited by hand\n", encoding="utf-8")  # same size
        assert not plugin._written_by_dossier(docs, "articles/a.md", manifest)
        assert len(hashed) == 2
        assert not plugin._written_by_dossier(docs, "articles/missing.md", manifest)
    finally:
        emit_module._digest = real
